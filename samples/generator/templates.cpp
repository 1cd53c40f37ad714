#include "samples/generator/templates.h"

#include "samples/generator/civil_time.h"

namespace athena::samplegen {

std::string subst(std::string_view text, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(text.size() + 64);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}' && text[i + 1] >= '0' &&
        text[i + 1] <= '9') {
      const auto idx = static_cast<size_t>(text[i + 1] - '0');
      if (idx < args.size()) {
        out += args.begin()[idx];
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string day_offset(const Env& env, int64_t offset) {
  return format_date(env.day + offset);
}

} // namespace athena::samplegen
