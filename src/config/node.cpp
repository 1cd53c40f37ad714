#include "src/config/node.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include <simdjson.h>
#include <yaml.h>

namespace athena::config {

const Node* Node::find(std::string_view key) const {
  if (kind != Kind::kObject) return nullptr;
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string member_path(const std::string& path, std::string_view key) {
  std::string out = path;
  if (!out.empty()) out += '.';
  out += key;
  return out;
}

std::string_view kind_name(Node::Kind kind) {
  switch (kind) {
  case Node::Kind::kNull:
    return "null";
  case Node::Kind::kBool:
    return "boolean";
  case Node::Kind::kNumber:
    return "number";
  case Node::Kind::kString:
    return "string";
  case Node::Kind::kArray:
    return "array";
  case Node::Kind::kObject:
    return "object";
  }
  return "value";
}

namespace {

constexpr int kMaxDepth = 200;

// `path` is the JSON path of `el` ("" for the root); `error` says what went wrong on false.
bool from_json(simdjson::dom::element el, Node& out, int depth, const std::string& path,
               std::string& error) {
  if (depth > kMaxDepth) {
    error = "nesting deeper than " + std::to_string(kMaxDepth) + " levels";
    return false;
  }
  switch (el.type()) {
  case simdjson::dom::element_type::OBJECT: {
    out.kind = Node::Kind::kObject;
    for (auto field : simdjson::dom::object(el)) {
      const std::string key(field.key);
      const std::string child_path = member_path(path, key);
      if (out.find(key) != nullptr) {
        // A repeated key would silently drop one of the two values.
        error = child_path + ": key is repeated";
        return false;
      }
      Node child;
      if (!from_json(field.value, child, depth + 1, child_path, error)) return false;
      out.members.push_back(Member{key, std::move(child)});
    }
    return true;
  }
  case simdjson::dom::element_type::ARRAY: {
    out.kind = Node::Kind::kArray;
    size_t i = 0;
    for (auto item : simdjson::dom::array(el)) {
      Node child;
      const std::string child_path = path + "[" + std::to_string(i++) + "]";
      if (!from_json(item, child, depth + 1, child_path, error)) return false;
      out.items.push_back(std::move(child));
    }
    return true;
  }
  case simdjson::dom::element_type::STRING:
    out.kind = Node::Kind::kString;
    out.text = std::string(std::string_view(el));
    return true;
  case simdjson::dom::element_type::BOOL:
    out.kind = Node::Kind::kBool;
    out.boolean = bool(el);
    out.text = out.boolean ? "true" : "false";
    return true;
  case simdjson::dom::element_type::NULL_VALUE:
    out.kind = Node::Kind::kNull;
    return true;
  default:
    out.kind = Node::Kind::kNumber;
    out.text = simdjson::minify(el);
    return true;
  }
}

// YAML 1.2 core schema numbers: [-+]? digits, or a decimal with optional fraction and exponent.
bool looks_numeric(const std::string& t) {
  size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  size_t digits = 0;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9')
    ++i, ++digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
      ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    size_t exp = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
      ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == t.size();
}

void type_plain_scalar(Node& n) {
  const std::string& t = n.text;
  if (t.empty() || t == "~" || t == "null" || t == "Null" || t == "NULL") {
    n.kind = Node::Kind::kNull;
  } else if (t == "true" || t == "True" || t == "TRUE") {
    n.kind = Node::Kind::kBool;
    n.boolean = true;
  } else if (t == "false" || t == "False" || t == "FALSE") {
    n.kind = Node::Kind::kBool;
    n.boolean = false;
  } else if (looks_numeric(t)) {
    n.kind = Node::Kind::kNumber;
  } else {
    n.kind = Node::Kind::kString;
  }
}

class YamlBuilder {
public:
  YamlBuilder(std::string_view text, std::string origin) : origin_(std::move(origin)) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~YamlBuilder() { yaml_parser_delete(&parser_); }
  YamlBuilder(const YamlBuilder&) = delete;
  YamlBuilder& operator=(const YamlBuilder&) = delete;

  LoadResult build() {
    LoadResult r;
    yaml_event_t ev;
    bool have_doc = false;
    while (true) {
      if (!next(ev, r)) return r;
      const yaml_event_type_t type = ev.type;
      if (type == YAML_DOCUMENT_START_EVENT && !have_doc) {
        yaml_event_delete(&ev);
        if (!node(r.root, r, 0)) return r;
        have_doc = true;
        continue;
      }
      yaml_event_delete(&ev);
      if (type == YAML_STREAM_END_EVENT || (have_doc && type == YAML_DOCUMENT_END_EVENT)) break;
    }
    if (!have_doc) r.root.kind = Node::Kind::kNull;
    return r;
  }

private:
  bool next(yaml_event_t& ev, LoadResult& r) {
    if (yaml_parser_parse(&parser_, &ev) == 0) {
      r.error = origin_ + ":" + std::to_string(parser_.problem_mark.line + 1) + ":" +
                std::to_string(parser_.problem_mark.column + 1) + ": YAML error: " +
                (parser_.problem != nullptr ? parser_.problem : "unknown problem");
      if (parser_.context != nullptr) r.error += std::string(" ") + parser_.context;
      return false;
    }
    return true;
  }

  // Reads one node (whose first event is next in the stream) into `out`.
  bool node(Node& out, LoadResult& r, int depth) {
    yaml_event_t ev;
    if (!next(ev, r)) return false;
    const bool ok = node_from(ev, out, r, depth);
    yaml_event_delete(&ev);
    return ok;
  }

  bool node_from(yaml_event_t& ev, Node& out, LoadResult& r, int depth) {
    if (depth > kMaxDepth) {
      r.error = origin_ + ": nesting deeper than " + std::to_string(kMaxDepth) + " levels";
      return false;
    }
    out.line = static_cast<int>(ev.start_mark.line) + 1;
    const char* anchor = nullptr;
    switch (ev.type) {
    case YAML_ALIAS_EVENT: {
      auto it = anchors_.find(reinterpret_cast<const char*>(ev.data.alias.anchor));
      if (it == anchors_.end()) {
        r.error = origin_ + ":" + std::to_string(out.line) + ": unknown alias *" +
                  reinterpret_cast<const char*>(ev.data.alias.anchor);
        return false;
      }
      // Aliases copy their anchor: cap the total so nested aliases cannot blow up memory.
      nodes_ += count_nodes(it->second);
      if (nodes_ > kMaxNodes) {
        r.error = origin_ + ":" + std::to_string(out.line) + ": aliases expand to more than " +
                  std::to_string(kMaxNodes) + " values";
        return false;
      }
      out = it->second;
      return true;
    }
    case YAML_SCALAR_EVENT:
      anchor = reinterpret_cast<const char*>(ev.data.scalar.anchor);
      out.text.assign(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
      if (ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
        type_plain_scalar(out);
      } else {
        out.kind = Node::Kind::kString;
      }
      break;
    case YAML_SEQUENCE_START_EVENT: {
      anchor = reinterpret_cast<const char*>(ev.data.sequence_start.anchor);
      out.kind = Node::Kind::kArray;
      std::string anchor_name = anchor != nullptr ? anchor : "";
      while (true) {
        yaml_event_t child;
        if (!next(child, r)) return false;
        if (child.type == YAML_SEQUENCE_END_EVENT) {
          yaml_event_delete(&child);
          break;
        }
        Node item;
        const bool ok = node_from(child, item, r, depth + 1);
        yaml_event_delete(&child);
        if (!ok) return false;
        out.items.push_back(std::move(item));
      }
      if (!anchor_name.empty()) anchors_[anchor_name] = out;
      return true;
    }
    case YAML_MAPPING_START_EVENT: {
      anchor = reinterpret_cast<const char*>(ev.data.mapping_start.anchor);
      out.kind = Node::Kind::kObject;
      std::string anchor_name = anchor != nullptr ? anchor : "";
      std::vector<std::string> written; // keys written in this mapping (not merged by `<<`)
      while (true) {
        yaml_event_t key;
        if (!next(key, r)) return false;
        if (key.type == YAML_MAPPING_END_EVENT) {
          yaml_event_delete(&key);
          break;
        }
        Node key_node;
        const bool ok = node_from(key, key_node, r, depth + 1);
        yaml_event_delete(&key);
        if (!ok) return false;
        if (!key_node.is_scalar()) {
          r.error = origin_ + ":" + std::to_string(key_node.line) +
                    ": mapping keys must be "
                    "scalars";
          return false;
        }
        Node value;
        if (!node(value, r, depth + 1)) return false;
        if (key_node.text == "<<" && value.kind == Node::Kind::kObject) {
          for (auto& m : value.members) {
            if (out.find(m.first) == nullptr) out.members.push_back(m);
          }
          continue;
        }
        value.line = key_node.line; // messages point at the key
        // A key written twice in one mapping is an error (one value would be lost silently);
        // a key written once overrides the same key brought in by `<<`.
        Node* existing = nullptr;
        for (auto& m : out.members) {
          if (m.first == key_node.text) existing = &m.second;
        }
        // A key already written is among the members: `existing` is set.
        if (existing != nullptr &&
            std::find(written.begin(), written.end(), key_node.text) != written.end()) {
          r.error = origin_ + ":" + std::to_string(key_node.line) + ": key '" + key_node.text +
                    "' is repeated (first on line " + std::to_string(existing->line) + ")";
          return false;
        }
        written.push_back(key_node.text);
        if (existing != nullptr) {
          *existing = std::move(value);
        } else {
          out.members.push_back(Member{key_node.text, std::move(value)});
        }
      }
      if (!anchor_name.empty()) anchors_[anchor_name] = out;
      return true;
    }
    default:
      r.error = origin_ + ":" + std::to_string(out.line) + ": unexpected YAML structure";
      return false;
    }
    if (anchor != nullptr) anchors_[anchor] = out;
    return true;
  }

  static std::size_t count_nodes(const Node& n) {
    std::size_t total = 1;
    for (const auto& i : n.items)
      total += count_nodes(i);
    for (const auto& m : n.members)
      total += count_nodes(m.second);
    return total;
  }

  static constexpr std::size_t kMaxNodes = 1000000;
  yaml_parser_t parser_{};
  std::string origin_;
  std::map<std::string, Node> anchors_;
  std::size_t nodes_ = 0;
};

std::string substitute(Node& n, const std::string& path) {
  if (n.kind == Node::Kind::kString) {
    std::string out;
    const std::string& s = n.text;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '$' && i + 2 < s.size() && s[i + 1] == '$' && s[i + 2] == '{') {
        out += "${";
        i += 2;
        continue;
      }
      if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
        size_t close = s.find('}', i + 2);
        if (close == std::string::npos) {
          return path + ": unterminated ${ in the value";
        }
        const std::string name = s.substr(i + 2, close - i - 2);
        const char* v = std::getenv(name.c_str());
        if (name.empty() || v == nullptr) {
          std::string error = path;
          error += ": ${";
          error += name;
          error += "} is not set in the environment";
          return error;
        }
        out += v;
        i = close;
        continue;
      }
      out.push_back(s[i]);
    }
    n.text = std::move(out);
    return {};
  }
  for (size_t i = 0; i < n.items.size(); ++i) {
    std::string err = substitute(n.items[i], path + "[" + std::to_string(i) + "]");
    if (!err.empty()) return err;
  }
  for (auto& [k, v] : n.members) {
    std::string err = substitute(v, member_path(path, k));
    if (!err.empty()) return err;
  }
  return {};
}

} // namespace

LoadResult parse_json(std::string_view text, const std::string& origin) {
  LoadResult r;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  auto err = parser.parse(text.data(), text.size()).get(doc);
  if (err != simdjson::SUCCESS) {
    r.error = origin + ": invalid JSON: " + simdjson::error_message(err);
    return r;
  }
  std::string error;
  if (!from_json(doc, r.root, 0, "", error)) r.error = origin + ": " + error;
  return r;
}

LoadResult parse_yaml(std::string_view text, const std::string& origin) {
  YamlBuilder b(text, origin);
  return b.build();
}

LoadResult parse_document(std::string_view text, const std::string& origin) {
  size_t i = 0;
  if (text.starts_with("\xEF\xBB\xBF")) i = 3; // UTF-8 byte-order mark
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
    ++i;
  }
  if (i < text.size() && (text[i] == '{' || text[i] == '[')) {
    LoadResult json = parse_json(text, origin);
    if (json.ok()) return json;
    // A YAML flow mapping also starts with '{'; report the JSON error if YAML fails too.
    LoadResult yaml = parse_yaml(text, origin);
    return yaml.ok() ? yaml : json;
  }
  return parse_yaml(text, origin);
}

std::string substitute_env(Node& root) {
  return substitute(root, "");
}

} // namespace athena::config
