#include "src/http/redact.h"

#include <cctype>
#include <string_view>

namespace athena::http {
namespace {

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.' ||
         c == '~' || c == '+' || c == '/' || c == '=';
}

void mask_all(std::string& text, std::string_view value) {
  for (size_t at = text.find(value); at != std::string::npos; at = text.find(value, at + 4)) {
    text.replace(at, value.size(), "****");
  }
}

} // namespace

std::string redact(std::string text, const std::vector<util::Secret>& secrets) {
  for (const util::Secret& s : secrets) {
    if (!s.empty()) mask_all(text, s.reveal());
  }
  constexpr std::string_view kBearer = "Bearer ";
  for (size_t at = text.find(kBearer); at != std::string::npos; at = text.find(kBearer, at)) {
    at += kBearer.size();
    size_t end = at;
    while (end < text.size() && token_char(text[end]))
      ++end;
    if (end > at && text.compare(at, end - at, "****") != 0) text.replace(at, end - at, "****");
  }
  return text;
}

} // namespace athena::http
