// The project's one calendar (lineage/civil_time.h): known dates, dates far outside chrono's
// year range, and every day of a wide range round-tripping.
#include <gtest/gtest.h>

#include "lineage/civil_time.h"
#include "lineage/json_writer.h"

namespace athena::lineage {
namespace {

TEST(CivilTime, KnownDates) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
  EXPECT_EQ(days_from_civil(2024, 2, 30), days_from_civil(2024, 3, 1)); // counts on
  EXPECT_EQ(format_date(-1), "1969-12-31");
  EXPECT_EQ(format_date(days_from_civil(2026, 11, 21)), "2026-11-21");
  EXPECT_EQ(format_date_compact(days_from_civil(2026, 1, 5)), "20260105");
  EXPECT_EQ(iso8601_utc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(iso8601_utc(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(iso8601_utc(1736934312482), "2025-01-15T09:45:12.482Z");
}

TEST(CivilTime, YearsBeyondChronosRange) {
  EXPECT_EQ(format_date(days_from_civil(1000000, 2, 29)), "1000000-02-29");
  EXPECT_EQ(format_date(days_from_civil(-40000, 12, 31)), "-40000-12-31");
  EXPECT_EQ(days_from_civil(2400, 1, 1) - days_from_civil(2000, 1, 1), 146097);
  EXPECT_EQ(iso8601_utc(INT64_MAX), "292278994-08-17T07:12:55.807Z");
  EXPECT_EQ(iso8601_utc(INT64_MIN), "-292275055-05-16T16:47:04.192Z");
}

TEST(CivilTime, ValidDates) {
  EXPECT_TRUE(is_valid_date(2024, 2, 29));
  EXPECT_FALSE(is_valid_date(2023, 2, 29));
  EXPECT_FALSE(is_valid_date(1900, 2, 29));
  EXPECT_TRUE(is_valid_date(2000, 2, 29));
  EXPECT_FALSE(is_valid_date(2024, 4, 31));
  EXPECT_FALSE(is_valid_date(2024, 13, 1));
  EXPECT_FALSE(is_valid_date(2024, 1, 0));
}

TEST(CivilTime, EveryDayRoundTrips) {
  int64_t previous = days_from_civil(1600, 1, 1) - 1;
  for (int64_t days = previous + 1; days < days_from_civil(2500, 1, 1); ++days) {
    const CivilDate c = civil_from_days(days);
    ASSERT_TRUE(is_valid_date(c.year, c.month, c.day)) << days;
    ASSERT_EQ(days_from_civil(c.year, c.month, c.day), days);
    ASSERT_EQ(days, previous + 1);
    previous = days;
  }
}

} // namespace
} // namespace athena::lineage
