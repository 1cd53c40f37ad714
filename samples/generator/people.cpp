#include "samples/generator/people.h"

#include <cstdio>

namespace athena::samplegen {
namespace {

constexpr std::string_view kSsoPath = "/aws-reserved/sso.amazonaws.com/eu-west-1/";

// Deterministic fake IAM ids: prefix + 17 uppercase alphanumerics derived from the index.
std::string fake_id(std::string_view prefix, uint64_t seed) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out(prefix);
  uint64_t s = seed * 0x9e3779b97f4a7c15ULL + 0x1234567ULL;
  for (int i = 0; i < 17; ++i) {
    out.push_back(kAlphabet[splitmix64(s) % 32]);
  }
  return out;
}

User iam_user(std::string name, std::string agent, std::string ip, uint64_t n) {
  User u;
  u.name = std::move(name);
  u.principal = fake_id("AIDA", n);
  u.user_agent = std::move(agent);
  u.source_ip = std::move(ip);
  return u;
}

User role_session(std::string session, std::string role, std::string path, std::string agent,
                  std::string ip, uint64_t n) {
  User u;
  u.name = std::move(session);
  u.assumed_role = true;
  u.role = std::move(role);
  u.role_path = std::move(path);
  u.principal = fake_id("AROA", n);
  u.user_agent = std::move(agent);
  u.source_ip = std::move(ip);
  return u;
}

People build() {
  People p;
  const std::string console = "AWS Internal";
  const std::string jdbc = "AthenaJDBC_2.1.5.1000 (Java 17.0.9)";
  const std::string boto =
      "Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.1 lang/python#3.11.7";
  uint64_t n = 0;

  // Service users.
  p.users.push_back(role_session("dbt", "dbt-athena-runner", "/service-role/",
                                 "dbt-athena/1.7.1 " + boto, "10.20.4.17", ++n));
  p.airflow_user = p.users.size();
  p.users.push_back(iam_user("svc-airflow", boto + " exec-env/airflow", "10.20.8.31", ++n));
  const size_t looker = p.users.size();
  p.users.push_back(iam_user("svc-looker", jdbc + " Looker", "52.31.77.201", ++n));
  p.users.push_back(iam_user("svc-tableau", "AthenaODBC_1.2.3 Tableau", "10.20.9.12", ++n));
  p.users.push_back(role_session("quicksight", "aws-quicksight-service-role-v0", "/service-role/",
                                 "quicksight.amazonaws.com", "quicksight.amazonaws.com", ++n));
  const size_t reporting_api = p.users.size();
  p.users.push_back(iam_user("svc-reporting-api", boto, "10.20.12.5", ++n));

  // Analysts (SSO sessions), data scientists (SSO), engineers (IAM users), legacy IAM analysts.
  const size_t analysts_begin = p.users.size();
  for (const char* who :
       {"maria.garcia", "li.wei", "tom.becker", "aisha.khan", "pierre.dubois", "sofia.rossi",
        "kenji.tanaka", "emma.wilson", "lucas.silva", "olga.petrova", "noah.johnson",
        "fatima.zahra", "jonas.nielsen", "chloe.martin"}) {
    p.users.push_back(role_session(
        std::string(who) + "@acme-outdoor.com", "AWSReservedSSO_DataAnalyst_5f2c1a9e3b7d4e60",
        std::string(kSsoPath), console, "203.0.113." + std::to_string(n + 1), n + 1));
    ++n;
  }
  const size_t analysts_end = p.users.size();
  for (const char* who :
       {"raj.patel", "hannah.schmidt", "diego.fernandez", "yuki.sato", "amara.okafor"}) {
    p.users.push_back(role_session(std::string(who) + "@acme-outdoor.com",
                                   "AWSReservedSSO_DataScientist_8c1d2e3f4a5b6c7d",
                                   std::string(kSsoPath), boto + " jupyterlab/4.0.9",
                                   "198.51.100." + std::to_string(n + 1), n + 1));
    ++n;
  }
  const size_t scientists_end = p.users.size();
  for (const char* who : {"jkowalski", "apatel", "mnovak", "sbrown", "tlindqvist"}) {
    p.users.push_back(iam_user(who, "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64",
                               "10.20.1." + std::to_string(n + 1), n + 1));
    ++n;
  }
  const size_t engineers_end = p.users.size();
  for (const char* who : {"analyst-bob", "finance-reports", "growth-team"}) {
    p.users.push_back(
        iam_user(who, jdbc + " DBeaver 23.3", "10.20.30." + std::to_string(n + 1), n + 1));
    ++n;
  }
  const size_t legacy_end = p.users.size();

  auto range = [](size_t b, size_t e) {
    std::vector<size_t> out;
    for (size_t i = b; i < e; ++i)
      out.push_back(i);
    return out;
  };
  auto concat = [](std::vector<size_t> a, const std::vector<size_t>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  const auto analysts =
      concat(range(analysts_begin, analysts_end), range(engineers_end, legacy_end));
  const auto scientists = range(analysts_end, scientists_end);
  const auto engineers = range(scientists_end, engineers_end);

  p.workgroups = {{"primary", "AUTO", false}, {"etl", "Athena engine version 3", false},
                  {"bi", "AUTO", true},       {"analytics", "AUTO", false},
                  {"adhoc", "AUTO", false},   {"data-science", "AUTO", true}};
  enum : size_t { kPrimary, kEtl, kBi, kAnalytics, kAdhoc, kDataScience };
  p.etl_workgroup = kEtl;
  p.primary_workgroup = kPrimary;

  // UTC hour profiles. The company works in Europe (UTC+1), nightly jobs run 00-06.
  const std::array<uint32_t, 24> night = {30, 60, 80, 80, 70, 50, 30, 10, 5, 5, 5,  5,
                                          5,  5,  5,  5,  5,  5,  5,  5,  5, 5, 10, 20};
  const std::array<uint32_t, 24> office = {1,  1,  1,  1,  2,  4,  15, 45, 70, 80, 80, 60,
                                           55, 75, 80, 75, 60, 40, 20, 10, 5,  3,  2,  1};
  const std::array<uint32_t, 24> dashboards = {5,  3,  3,  3,  5,  10, 30, 60, 80, 80, 70, 60,
                                               60, 70, 70, 65, 55, 40, 25, 15, 10, 8,  6,  5};
  const std::array<uint32_t, 24> flat = {20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20,
                                         20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20};

  p.activities = {
      {Activity::kDbt, 70, night, 1000, {0}, {kEtl}, NameStyle::kDbt},
      {Activity::kAirflow, 80, night, 1000, {p.airflow_user}, {kEtl}, NameStyle::kPlain},
      {Activity::kDdl,
       45,
       flat,
       700,
       concat(engineers, {p.airflow_user}),
       {kEtl, kPrimary},
       NameStyle::kPlain},
      {Activity::kBi,
       330,
       dashboards,
       300,
       {looker, looker + 1, looker + 2},
       {kBi},
       NameStyle::kPlain},
      {Activity::kAnalyst,
       250,
       office,
       80,
       analysts,
       {kAnalytics, kAdhoc, kPrimary},
       NameStyle::kMixed},
      {Activity::kScience, 55, office, 150, scientists, {kDataScience}, NameStyle::kMixed},
      {Activity::kUtility,
       90,
       office,
       100,
       concat(concat(analysts, engineers), scientists),
       {kAdhoc, kPrimary, kAnalytics},
       NameStyle::kPlain},
      {Activity::kPrepared,
       80,
       dashboards,
       400,
       concat({reporting_api}, analysts),
       {kBi, kAnalytics},
       NameStyle::kPlain},
  };
  return p;
}

} // namespace

const People& people() {
  static const People p = build();
  return p;
}

} // namespace athena::samplegen
