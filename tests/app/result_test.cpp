// util::Result and util::Status (src/util/result.h): a value or an error message.
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "src/util/result.h"

namespace athena::util {
namespace {

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return Error{std::string("expected a digit, found '") + c + "'"};
  return c - '0';
}

Status check_even(int n) {
  if (n % 2 != 0) return Error{std::to_string(n) + " is odd"};
  return Status::success();
}

TEST(Result, HoldsAValueOrAnError) {
  const Result<int> seven = parse_digit('7');
  ASSERT_TRUE(seven.ok());
  EXPECT_EQ(*seven, 7);
  const Result<int> x = parse_digit('x');
  ASSERT_FALSE(x);
  EXPECT_EQ(x.error(), "expected a digit, found 'x'");
}

TEST(Result, MovesItsValueOut) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(3);
  std::unique_ptr<int> p = *std::move(r);
  EXPECT_EQ(*p, 3);
}

struct HttpFailure {
  long status = 0;
  int attempts = 0;
};

TEST(Result, CarriesATypedErrorWhenCallersNeedMoreThanText) {
  const Result<std::string, HttpFailure> ok = std::string("body");
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, "body");
  const Result<std::string, HttpFailure> failed = HttpFailure{503, 3};
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().status, 503);
  EXPECT_EQ(failed.error().attempts, 3);
}

TEST(Status, SuccessOrAnError) {
  EXPECT_TRUE(check_even(4).ok());
  const Status odd = check_even(3);
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error(), "3 is odd");
}

} // namespace
} // namespace athena::util
