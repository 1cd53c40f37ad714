// SigV4 against both official suites in ../shared/testdata/sigv4 and the worked examples of
// spec/athena-api.md §4.2.
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "src/auth/sigv4.h"
#include "tests/support/test_support.h"

namespace athena::aws {
namespace {

namespace fs = std::filesystem;
using athena::testing::read_file;

constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

SystemTime parse_amz_date(const std::string& s) {
  std::tm tm{};
  tm.tm_year = std::stoi(s.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(s.substr(4, 2)) - 1;
  tm.tm_mday = std::stoi(s.substr(6, 2));
  tm.tm_hour = std::stoi(s.substr(9, 2));
  tm.tm_min = std::stoi(s.substr(11, 2));
  tm.tm_sec = std::stoi(s.substr(13, 2));
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// A raw request from a test-suite file: request line, headers (with folded continuation lines),
// a blank line, then the body. Paths in the request line are raw and may contain spaces.
struct RawRequest {
  std::string method, path, query, body;
  std::vector<http::HttpHeader> headers;
};

RawRequest parse_request(const std::string& text) {
  RawRequest r;
  size_t header_end = text.find("\n\n");
  std::string head = header_end == std::string::npos ? text : text.substr(0, header_end);
  if (header_end != std::string::npos) r.body = text.substr(header_end + 2);
  size_t eol = head.find('\n');
  std::string line = head.substr(0, eol);
  size_t sp = line.find(' ');
  size_t proto = line.rfind(" HTTP/");
  r.method = line.substr(0, sp);
  std::string target = line.substr(sp + 1, proto - sp - 1);
  size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = target.substr(q + 1);
  size_t pos = eol == std::string::npos ? head.size() : eol + 1;
  while (pos < head.size()) {
    size_t next = head.find('\n', pos);
    if (next == std::string::npos) next = head.size();
    std::string l = head.substr(pos, next - pos);
    pos = next + 1;
    if (l.empty()) continue;
    if ((l[0] == ' ' || l[0] == '\t') && !r.headers.empty()) {
      r.headers.back().value += "\n" + l;
      continue;
    }
    size_t colon = l.find(':');
    r.headers.push_back({l.substr(0, colon), l.substr(colon + 1)});
  }
  return r;
}

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
    s.pop_back();
  return s;
}

std::vector<fs::path> case_dirs(const fs::path& root, const std::string& marker_suffix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_directory()) continue;
    const auto name = e.path().filename().string();
    if (fs::exists(e.path() / (name + marker_suffix)) ||
        (marker_suffix.empty() && fs::exists(e.path() / "context.json"))) {
      out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(AwsSigV4, BotocoreSuiteEveryCase) {
  ATHENA_REQUIRE_SHARED(root, "testdata/sigv4/botocore-aws4_testsuite");
  auto dirs = case_dirs(root, ".req");
  ASSERT_EQ(dirs.size(), 34u);
  for (const auto& dir : dirs) {
    const std::string name = dir.filename().string();
    SCOPED_TRACE(name);
    RawRequest raw = parse_request(read_file(dir / (name + ".req")));
    SigningInput in;
    in.method = raw.method;
    in.path = raw.path;
    in.query = raw.query;
    in.headers = raw.headers;
    in.body = raw.body;
    Credentials creds{"AKIDEXAMPLE", util::Secret(kSecret), util::Secret(), std::nullopt, ""};
    if (name == "get-vanilla-with-session-token") {
      creds.session_token =
          util::Secret("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267");
    }
    std::string date;
    for (const auto& h : raw.headers) {
      if (h.name == "X-Amz-Date") date = h.value;
    }
    ASSERT_FALSE(date.empty());
    SigningOptions opt{"us-east-1", "service", parse_amz_date(date), true, true};
    SignedRequest s = sign_v4(in, creds, opt);
    EXPECT_EQ(s.canonical_request, trim_newline(read_file(dir / (name + ".creq"))));
    EXPECT_EQ(s.string_to_sign, trim_newline(read_file(dir / (name + ".sts"))));
    EXPECT_EQ(s.authorization, trim_newline(read_file(dir / (name + ".authz"))));
  }
}

TEST(AwsSigV4, AwsCAuthSuiteEveryCase) {
  ATHENA_REQUIRE_SHARED(root, "testdata/sigv4/aws-c-auth-v4");
  auto dirs = case_dirs(root, "");
  ASSERT_EQ(dirs.size(), 38u);
  simdjson::dom::parser parser;
  for (const auto& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    const std::string context = read_file(dir / "context.json");
    simdjson::dom::element ctx = parser.parse(context);
    Credentials creds{
        std::string(std::string_view(ctx["credentials"]["access_key_id"])),
        util::Secret(std::string(std::string_view(ctx["credentials"]["secret_access_key"]))),
        util::Secret(), std::nullopt, ""};
    std::string_view token;
    if (ctx["credentials"]["token"].get(token) == simdjson::SUCCESS) {
      creds.session_token = util::Secret(std::string(token));
    }
    bool omit_token = false;
    if (ctx["omit_session_token"].get(omit_token) != simdjson::SUCCESS) omit_token = false;
    const std::string ts{std::string_view(ctx["timestamp"])};
    const std::string compact = ts.substr(0, 4) + ts.substr(5, 2) + ts.substr(8, 2) + "T" +
                                ts.substr(11, 2) + ts.substr(14, 2) + ts.substr(17, 2) + "Z";
    RawRequest raw = parse_request(read_file(dir / "request.txt"));
    SigningInput in;
    in.method = raw.method;
    in.path = raw.path;
    in.query = raw.query;
    in.headers = raw.headers;
    in.body = raw.body;
    SigningOptions opt{std::string(std::string_view(ctx["region"])),
                       std::string(std::string_view(ctx["service"])),
                       parse_amz_date(compact),
                       bool(ctx["normalize"]),
                       !omit_token,
                       bool(ctx["sign_body"])};
    SignedRequest s = sign_v4(in, creds, opt);
    EXPECT_EQ(s.canonical_request, trim_newline(read_file(dir / "header-canonical-request.txt")));
    EXPECT_EQ(s.string_to_sign, trim_newline(read_file(dir / "header-string-to-sign.txt")));
    EXPECT_EQ(s.signature, trim_newline(read_file(dir / "header-signature.txt")));
  }
}

SigningInput athena_request(std::string host, std::string_view body) {
  SigningInput in;
  in.headers = {{"Host", std::move(host)},
                {"Content-Type", "application/x-amz-json-1.1"},
                {"X-Amz-Target", "AmazonAthena.ListQueryExecutions"},
                {"User-Agent", "athena-lineage/test"}};
  in.body = body;
  return in;
}

TEST(AwsSigV4, SpecWorkedExampleListQueryExecutions) {
  Credentials creds{"AKIDEXAMPLE", util::Secret(kSecret),
                    util::Secret("IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN"), std::nullopt, ""};
  const std::string body = R"({"MaxResults": 50, "WorkGroup": "primary"})";
  SigningInput in = athena_request("athena.us-east-1.amazonaws.com", body);
  SigningOptions opt{"us-east-1", "athena", parse_amz_date("20250115T093000Z"), true, true};
  SignedRequest s = sign_v4(in, creds, opt);
  EXPECT_EQ(s.signed_headers, "content-type;host;x-amz-date;x-amz-security-token;x-amz-target");
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n20250115T093000Z\n20250115/us-east-1/athena/aws4_request\n"
            "af7a79dc8e04dfab91363db15defffbd4ed09ce96164e5220a648f3d8ccd4be0");
  EXPECT_EQ(s.signature, "702e4f0f98b2ed7d47a8230cde12e539d76136c383cffd28394fbc6d264ea35b");
  ASSERT_EQ(s.headers_to_add.size(), 3u);
  EXPECT_EQ(s.headers_to_add[0].value, "20250115T093000Z");
  EXPECT_EQ(s.headers_to_add[1].name, "X-Amz-Security-Token");
  EXPECT_EQ(s.headers_to_add[2].value,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250115/us-east-1/athena/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
            "Signature=702e4f0f98b2ed7d47a8230cde12e539d76136c383cffd28394fbc6d264ea35b");
}

TEST(AwsSigV4, SpecCapturedAwsCliRequest) {
  Credentials creds{"AKIDEXAMPLE", util::Secret(kSecret), util::Secret("FQoGZXIvYXdzEXAMPLETOKEN"),
                    std::nullopt, ""};
  SigningInput in = athena_request("127.0.0.1:18777", "{}");
  SigningOptions opt{"us-east-1", "athena", parse_amz_date("20261121T100750Z"), true, true};
  SignedRequest s = sign_v4(in, creds, opt);
  EXPECT_EQ(s.string_to_sign.substr(s.string_to_sign.rfind('\n') + 1),
            "5217ff0aa353c7ca87e27c2a3b20af18dc6782da89d90d333232b1db06516a36");
  EXPECT_EQ(s.signature, "5bf7d7449c600cc5af37459e828fb8bea190817f3445714cdb2b4eec911eebb8");
}

TEST(AwsSigV4, StaticCredentialsSignNoTokenHeader) {
  Credentials creds{"AKIDEXAMPLE", util::Secret(kSecret), util::Secret(), std::nullopt, ""};
  SigningInput in = athena_request("127.0.0.1:1", "{}");
  SignedRequest s = sign_v4(in, creds, {"us-east-1", "athena", parse_amz_date("20261121T100750Z")});
  EXPECT_EQ(s.signed_headers, "content-type;host;x-amz-date;x-amz-target");
  EXPECT_EQ(s.headers_to_add.size(), 2u);
}

TEST(AwsSigV4, SecretStreamsAsStars) {
  std::ostringstream os;
  os << util::Secret("do-not-print") << "|" << util::Secret();
  EXPECT_EQ(os.str(), "****|");
}

} // namespace
} // namespace athena::aws
