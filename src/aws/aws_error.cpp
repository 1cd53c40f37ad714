#include "src/aws/aws_error.h"

#include <simdjson.h>

#include "lineage/json_writer.h"

namespace athena::aws {

std::string AwsError::describe() const {
  std::string out = operation.empty() ? std::string() : operation + ": ";
  out += code.empty() ? "error" : code;
  if (http_status != 0) out += " (HTTP " + std::to_string(http_status) + ")";
  if (!message.empty()) out += ": " + message;
  if (attempts > 1) out += " [after " + std::to_string(attempts) + " attempts]";
  return out;
}

AwsError parse_aws_error(long http_status, std::string_view body) {
  AwsError e;
  e.http_status = http_status;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body.data(), body.size()).get(doc) == simdjson::SUCCESS && doc.is_object()) {
    std::string_view type;
    if (doc["__type"].get(type) == simdjson::SUCCESS) {
      size_t hash = type.rfind('#');
      if (hash != std::string_view::npos) type = type.substr(hash + 1);
      size_t colon = type.find(':');
      if (colon != std::string_view::npos) type = type.substr(0, colon);
      e.code = std::string(type);
    }
    std::string_view msg;
    if (doc["message"].get(msg) == simdjson::SUCCESS ||
        doc["Message"].get(msg) == simdjson::SUCCESS) {
      e.message = std::string(msg);
    }
  } else {
    e.message = std::string(body.substr(0, 300));
  }
  if (e.code.empty()) e.code = std::to_string(http_status);
  return e;
}

std::string json_quote(std::string_view s) {
  return lineage::json_string(s);
}

std::string athena_permission(std::string_view operation) {
  return "athena:" + std::string(operation);
}

} // namespace athena::aws
