#include "src/readers/cloudtrail_reader.h"

#include <simdjson.h>

#include "src/readers/format_detect.h"
#include "src/readers/json_array_scanner.h"
#include "src/readers/json_fields.h"
#include "src/readers/json_lines.h"
#include "src/util/result.h"

namespace athena::readers {

namespace {

/// A string member, or "" when it is missing or null; false when it is of another type.
bool plain_string(simdjson::dom::object obj, std::string_view key, std::string_view& out) {
  out = {};
  simdjson::dom::element el;
  if (obj.at_key(key).get(el) != simdjson::SUCCESS || el.is_null()) return true;
  return el.get_string().get(out) == simdjson::SUCCESS;
}

/// The user of a StartQueryExecution event, by the rules of read_cloudtrail.
std::string_view user_of(std::string_view type, std::string_view user_name, std::string_view arn,
                         std::string_view principal) {
  if (type == "IAMUser" && !user_name.empty()) return user_name;
  if (type == "AssumedRole" && arn.find('/') != std::string_view::npos) {
    const std::string_view session = arn.substr(arn.rfind('/') + 1); // the role session name
    if (!session.empty()) return session;
  }
  return !arn.empty() ? arn : (!user_name.empty() ? user_name : principal);
}

/// Takes an Athena StartQueryExecution event whose members are all of the expected types,
/// in place, without copying them; false for anything else (take_event then reports it).
bool take_plain_event(simdjson::dom::object obj, CloudTrailUsers& users) {
  simdjson::dom::object response;
  simdjson::dom::object who;
  std::string_view id, type, user_name, arn, principal;
  if (obj["responseElements"].get(response) != simdjson::SUCCESS ||
      !plain_string(response, "queryExecutionId", id) || id.empty() ||
      obj["userIdentity"].get(who) != simdjson::SUCCESS || !plain_string(who, "type", type) ||
      !plain_string(who, "userName", user_name) || !plain_string(who, "arn", arn) ||
      !plain_string(who, "principalId", principal)) {
    return false;
  }
  std::string error;
  JsonFields ev(obj, "", error);
  (void)ev.timestamp_ms("eventTime");
  if (!error.empty()) return false;
  const std::string_view user = user_of(type, user_name, arn, principal);
  if (user.empty()) return false;
  users.set(id, user);
  return true;
}

/// What take_event did with an event that is not bad.
enum class Taken { kUsed, kIgnored };

/// The event used (a StartQueryExecution's user noted) or ignored (another API's), or the
/// problem with it.
util::Result<Taken> take_event(simdjson::dom::element el, CloudTrailUsers& users) {
  simdjson::dom::object obj;
  if (el.get(obj) != simdjson::SUCCESS) {
    return util::Error{"expected a CloudTrail event object, found " +
                       std::string(json_type_name(el.type()))};
  }
  // Most events are either not Athena's or a plain StartQueryExecution: both are taken in
  // place, without copies; anything else goes the long way, which names what is wrong.
  std::string_view source, name;
  if (obj["eventSource"].get_string().get(source) == simdjson::SUCCESS &&
      obj["eventName"].get_string().get(name) == simdjson::SUCCESS) {
    if (source != "athena.amazonaws.com" || name != "StartQueryExecution") return Taken::kIgnored;
    if (take_plain_event(obj, users)) return Taken::kUsed;
  }
  std::string error;
  JsonFields ev(obj, "", error);
  std::string source_text, name_text;
  ev.string("eventSource", source_text);
  ev.string("eventName", name_text);
  if (!error.empty()) return util::Error{std::move(error)};
  if (source_text != "athena.amazonaws.com" || name_text != "StartQueryExecution") {
    return Taken::kIgnored;
  }
  std::string id;
  if (auto resp = ev.object("responseElements")) resp->string("queryExecutionId", id);
  if (!error.empty()) return util::Error{std::move(error)};
  if (id.empty()) return Taken::kIgnored; // a call that failed (errorCode) started no query
  (void)ev.timestamp_ms("eventTime");     // any form AWS writes; a malformed one is reported
  if (!error.empty()) return util::Error{std::move(error)};
  auto who = ev.object("userIdentity");
  if (!error.empty()) return util::Error{std::move(error)};
  if (!who) return util::Error{"userIdentity: missing in a StartQueryExecution event"};
  std::string type, user_name, arn, principal;
  who->string("type", type);
  who->string("userName", user_name);
  who->string("arn", arn);
  who->string("principalId", principal);
  if (!error.empty()) return util::Error{std::move(error)};
  std::string user;
  if (type == "IAMUser" && !user_name.empty()) {
    user = user_name;
  } else if (type == "AssumedRole" && arn.find('/') != std::string::npos) {
    user = arn.substr(arn.rfind('/') + 1); // the role session name
  }
  if (user.empty()) user = !arn.empty() ? arn : (!user_name.empty() ? user_name : principal);
  if (user.empty()) return util::Error{"userIdentity: no userName, arn or principalId"};
  users.set(id, user);
  return Taken::kUsed;
}

} // namespace

ReadStats read_cloudtrail(Input& in, CloudTrailUsers& users, const DiagnosticSink& diag,
                          size_t max_record_bytes) {
  ReadStats stats;
  simdjson::dom::parser parser;
  auto count = [&](Taken taken) { ++(taken == Taken::kUsed ? stats.records : stats.ignored); };
  auto skip = [&](const std::string& where, const std::string& problem) {
    ++stats.skipped;
    diag({where, problem});
  };
  if (!looks_like_json_lines(in.peek_prefix(kDetectBytes))) {
    auto scanned = scan_json_array(in, "Records", max_record_bytes, [&](const JsonElement& el) {
      // Named only when there is something to say about it.
      auto where = [&] { return record_where(in, el.index); };
      if (el.too_large) {
        skip(where(), "record longer than " + std::to_string(max_record_bytes) + " bytes");
        return;
      }
      simdjson::dom::element doc;
      if (auto rc = parser.parse(el.text.data(), el.text.size(), false).get(doc);
          rc != simdjson::SUCCESS) {
        skip(where(), std::string("invalid JSON: ") + simdjson::error_message(rc));
        return;
      }
      if (const util::Result<Taken> taken = take_event(doc, users); taken) {
        count(*taken);
      } else {
        skip(where(), taken.error());
      }
    });
    if (!scanned) {
      stats.fatal_error = in.error().empty() ? in.name() + ": " + scanned.error() : in.error();
    }
    return stats;
  }
  read_json_lines(in, max_record_bytes, diag, stats,
                  [&](simdjson::dom::element el, const std::string& where) -> util::Status {
                    simdjson::dom::array records;
                    if (el.at_key("Records").get(records) == simdjson::SUCCESS) {
                      size_t i = 0;
                      for (simdjson::dom::element event : records) {
                        ++i;
                        if (const util::Result<Taken> taken = take_event(event, users); taken) {
                          count(*taken);
                        } else {
                          skip(where, "Records[" + std::to_string(i - 1) + "]: " + taken.error());
                        }
                      }
                      return util::Status::success();
                    }
                    const util::Result<Taken> taken = take_event(el, users);
                    if (!taken) return util::Error{taken.error()};
                    count(*taken);
                    return util::Status::success();
                  });
  return stats;
}

bool apply_cloudtrail_user(const CloudTrailUsers& users, model::QueryRecord& record) {
  if (!record.user.empty() || record.id_is_synthetic) return false;
  const std::string* user = users.find(record.id);
  if (user == nullptr) return false;
  record.user = *user;
  return true;
}

} // namespace athena::readers
