// cloudtrail.json: one StartQueryExecution event per query, with the CloudTrail fields analyze
// reads to find who ran it.
#include <map>
#include <set>
#include <string>

#include "tests/samples/samplegen_support.h"

namespace athena::testing::samples {
namespace {

using simdjson::dom::element;

TEST(SamplegenCloudTrail, EveryQueryHasExactlyOneEvent) {
  if (!standard_ok()) return;
  std::map<std::string, element> by_id;
  for (element qe : standard().executions())
    by_id[str(qe, "QueryExecutionId")] = qe;
  std::map<std::string, int> seen;
  std::set<std::string> users;
  std::set<std::string> identity_types;
  for (element ev : standard().trail_records()) {
    EXPECT_EQ(str(ev, "eventSource"), "athena.amazonaws.com");
    EXPECT_EQ(str(ev, "eventName"), "StartQueryExecution");
    EXPECT_EQ(str(ev, "eventType"), "AwsApiCall");
    EXPECT_EQ(str(ev, "awsRegion"), "eu-west-1");
    EXPECT_EQ(str(ev, "recipientAccountId"), "123456789012");
    EXPECT_EQ(str(ev, "requestID").size(), 36u);
    EXPECT_EQ(str(ev, "eventID").size(), 36u);
    const std::string id = str(ev["responseElements"].value(), "queryExecutionId");
    ++seen[id];
    auto it = by_id.find(id);
    ASSERT_TRUE(it != by_id.end()) << "event for an unknown query " << id;
    element qe = it->second;
    element req = ev["requestParameters"].value();
    EXPECT_EQ(str(req, "queryString"), str(qe, "Query")) << id;
    EXPECT_EQ(str(req, "workGroup"), str(qe, "WorkGroup")) << id;
    EXPECT_EQ(has(req, "queryExecutionContext"), has(qe, "QueryExecutionContext")) << id;
    if (has(qe, "QueryExecutionContext")) {
      EXPECT_EQ(str(req["queryExecutionContext"].value(), "database"),
                str(qe["QueryExecutionContext"].value(), "Database"));
    }
    // eventTime is the submission time to the second.
    const int64_t submitted = millis(qe["Status"].value(), "SubmissionDateTime");
    const std::string t = str(ev, "eventTime");
    ASSERT_EQ(t.size(), 20u) << t;
    EXPECT_EQ(t.back(), 'Z');
    const int64_t secs_of_day = submitted / 1000 % 86400;
    char expect_time[16];
    std::snprintf(expect_time, sizeof expect_time, "%02lld:%02lld:%02lld",
                  static_cast<long long>(secs_of_day / 3600),
                  static_cast<long long>(secs_of_day / 60 % 60),
                  static_cast<long long>(secs_of_day % 60));
    EXPECT_EQ(t.substr(11, 8), expect_time) << id;

    element who = ev["userIdentity"].value();
    const std::string type = str(who, "type");
    identity_types.insert(type);
    const std::string arn = str(who, "arn");
    if (type == "IAMUser") {
      EXPECT_EQ(arn, "arn:aws:iam::123456789012:user/" + str(who, "userName"));
      users.insert(str(who, "userName"));
    } else {
      ASSERT_EQ(type, "AssumedRole");
      EXPECT_TRUE(arn.starts_with("arn:aws:sts::123456789012:assumed-role/")) << arn;
      element issuer = who["sessionContext"]["sessionIssuer"].value();
      EXPECT_EQ(str(issuer, "type"), "Role");
      const std::string role = str(issuer, "userName");
      const std::string session = arn.substr(arn.rfind('/') + 1);
      EXPECT_EQ(arn, "arn:aws:sts::123456789012:assumed-role/" + role + "/" + session);
      users.insert(session);
    }
  }
  EXPECT_EQ(seen.size(), by_id.size());
  for (const auto& [id, count] : seen)
    EXPECT_EQ(count, 1) << id;
  EXPECT_EQ(identity_types, (std::set<std::string>{"IAMUser", "AssumedRole"}));
  EXPECT_GE(users.size(), 24u) << "a few dozen users";
  EXPECT_LE(users.size(), 60u);
  for (const char* service : {"dbt", "svc-airflow", "svc-looker"})
    EXPECT_TRUE(users.count(service)) << service;
}

TEST(SamplegenCloudTrail, EtlRunsAsServiceUsers) {
  if (!standard_ok()) return;
  std::map<std::string, std::set<std::string>> users_by_workgroup;
  for (element ev : standard().trail_records()) {
    element who = ev["userIdentity"].value();
    const std::string arn = str(who, "arn");
    users_by_workgroup[str(ev["requestParameters"].value(), "workGroup")].insert(
        arn.substr(arn.rfind('/') + 1));
  }
  EXPECT_EQ(users_by_workgroup["etl"], (std::set<std::string>{"dbt", "svc-airflow"}));
}

} // namespace
} // namespace athena::testing::samples
