// dbt renders every profiles.yml value as a Jinja template; the only context a profile has is
// env_var() (and --vars, which a connection never needs). This reads exactly that subset and
// refuses the rest by name, so a profile never silently yields a half-rendered value.
#include "src/config/dbt_env_var.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace athena::config {
namespace {

class ExprReader {
public:
  explicit ExprReader(std::string_view s) : s_(s) {}

  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_])) != 0)
      ++pos_;
  }
  bool eat(char c) {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string identifier() {
    skip_space();
    const size_t start = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) != 0 || s_[pos_] == '_'))
      ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }
  /// A '...' or "..." literal with backslash escapes; nullopt when there is none.
  std::optional<std::string> quoted() {
    skip_space();
    if (pos_ >= s_.size() || (s_[pos_] != '\'' && s_[pos_] != '"')) return std::nullopt;
    const char quote = s_[pos_++];
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) ++pos_;
      out += s_[pos_++];
    }
    if (pos_ >= s_.size()) return std::nullopt;
    ++pos_;
    return out;
  }
  bool at_end() {
    skip_space();
    return pos_ == s_.size();
  }

private:
  std::string_view s_;
  size_t pos_ = 0;
};

std::string trim(std::string s) {
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && space(static_cast<unsigned char>(s.back())))
    s.pop_back();
  size_t i = 0;
  while (i < s.size() && space(static_cast<unsigned char>(s[i])))
    ++i;
  return s.substr(i);
}

/// One `{{ ... }}` expression. Messages never quote the expression's text: only names.
std::optional<std::string> evaluate(std::string_view expr, std::string& error) {
  ExprReader r(expr);
  const std::string fn = r.identifier();
  if (fn != "env_var" || !r.eat('(')) {
    error = "unsupported Jinja in '{{ ... }}': a profile value may only use env_var('NAME') or "
            "env_var('NAME', 'default')";
    return std::nullopt;
  }
  const std::optional<std::string> name = r.quoted();
  if (!name || name->empty()) {
    error = "env_var(...) expects a quoted variable name";
    return std::nullopt;
  }
  std::optional<std::string> fallback;
  if (r.eat(',')) {
    fallback = r.quoted();
    if (!fallback) {
      error = "env_var('" + *name + "', ...) expects a quoted default";
      return std::nullopt;
    }
  }
  if (!r.eat(')')) {
    error = "env_var('" + *name + "' ...) is missing its closing parenthesis";
    return std::nullopt;
  }
  std::string value;
  if (const char* v = std::getenv(name->c_str())) {
    value = v;
  } else if (fallback) {
    value = *fallback;
  } else {
    error = "env_var('" + *name + "') is not set in the environment and has no default";
    return std::nullopt;
  }
  while (r.eat('|')) {
    const std::string filter = r.identifier();
    if (filter == "trim") {
      value = trim(value);
    } else if (filter == "lower" || filter == "upper") {
      const bool up = filter == "upper";
      std::transform(value.begin(), value.end(), value.begin(), [up](unsigned char c) {
        return static_cast<char>(up ? std::toupper(c) : std::tolower(c));
      });
    } else if (filter == "int" || filter == "as_number" || filter == "as_text" ||
               filter == "as_bool" || filter == "as_native" || filter == "string") {
      // Conversions: the value is typed later by the key that reads it.
    } else {
      error = "env_var('" + *name + "') uses the filter '" + filter +
              "', which athena-lineage does not apply (int, as_number, as_text, as_bool, "
              "as_native, string, trim, lower and upper are read)";
      return std::nullopt;
    }
  }
  if (!r.at_end()) {
    error = "unexpected text after env_var('" + *name + "') inside '{{ ... }}'";
    return std::nullopt;
  }
  return value;
}

} // namespace

std::optional<std::string> render_env_vars(std::string_view text, std::string& error) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    if (open == std::string_view::npos || open + 1 >= text.size()) {
      out.append(text.substr(pos));
      break;
    }
    const char next = text[open + 1];
    if (next == '%' || next == '#') {
      error = std::string("unsupported Jinja '{") + next +
              "': a profile value may only use {{ env_var(...) }}";
      return std::nullopt;
    }
    if (next != '{') {
      out.append(text.substr(pos, open + 1 - pos));
      pos = open + 1;
      continue;
    }
    const size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      error = "'{{' without a closing '}}'";
      return std::nullopt;
    }
    out.append(text.substr(pos, open - pos));
    std::optional<std::string> value = evaluate(text.substr(open + 2, close - open - 2), error);
    if (!value) return std::nullopt;
    out += *value;
    pos = close + 2;
  }
  return out;
}

} // namespace athena::config
