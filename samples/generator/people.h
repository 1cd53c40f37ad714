#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "samples/generator/statement.h"

namespace athena::samplegen {

inline constexpr std::string_view kAccountId = "123456789012";
inline constexpr std::string_view kRegion = "eu-west-1";

/// Someone who runs queries. Athena's records carry no user; CloudTrail's StartQueryExecution
/// events do. The user analyze reports is `name`: the IAM user name, or for an assumed role the
/// session name (the part of the ARN after the last '/').
struct User {
  std::string name;
  bool assumed_role = false;
  std::string role;       ///< role name for assumed roles
  std::string role_path;  ///< IAM path of the role ("/" or "/aws-reserved/sso.amazonaws.com/")
  std::string principal;  ///< AIDA... or AROA... id
  std::string user_agent; ///< what their client sends
  std::string source_ip;
};

struct Workgroup {
  std::string name;
  std::string selected_engine; ///< "AUTO" or "Athena engine version 3"
  bool result_reuse = false;   ///< ResultReuseByAgeConfiguration enabled
};

/// Why a query was run; decides the user pool, workgroups, hours, context and name style.
enum class Activity { kDbt, kAirflow, kDdl, kBi, kAnalyst, kScience, kUtility, kPrepared };
inline constexpr int kActivityCount = 8;

struct ActivityProfile {
  Activity activity;
  uint32_t weight;                      ///< share of all queries, per mille
  std::array<uint32_t, 24> hour_weight; ///< UTC hour-of-day profile
  uint32_t weekend_per_mille;           ///< chance a weekend slot is kept (people rest)
  std::vector<size_t> users;            ///< indices into people().users
  std::vector<size_t> workgroups;       ///< indices into people().workgroups
  NameStyle style;
};

struct People {
  std::vector<User> users;
  std::vector<Workgroup> workgroups;
  std::vector<ActivityProfile> activities; ///< indexed by Activity
  size_t airflow_user = 0;
  size_t etl_workgroup = 0;
  size_t primary_workgroup = 0;
};

/// The fictional company's users, workgroups and activity profiles (immutable).
const People& people();

} // namespace athena::samplegen
