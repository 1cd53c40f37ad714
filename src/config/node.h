#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace athena::config {

struct Member;

/// A parsed configuration document, the same shape whether it came from JSON or YAML.
/// YAML plain scalars keep their text and are typed by how they look (true, 12, 1.5, null).
struct Node {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  Kind kind = Kind::kNull;
  std::string text; ///< scalar text (numbers and booleans as written)
  bool boolean = false;
  std::vector<Node> items;     ///< kArray
  std::vector<Member> members; ///< kObject, in document order
  int line = 0;                ///< 1-based source line when known (YAML)

  /// Member `key` of an object, nullptr when absent or not an object.
  [[nodiscard]] const Node* find(std::string_view key) const;
  [[nodiscard]] bool is_scalar() const { return kind != Kind::kArray && kind != Kind::kObject; }
};

/// One `key: value` of an object. Defined after Node (and not a std::pair) because a pair of an
/// incomplete type inside Node is rejected by clang with libstdc++.
struct Member {
  std::string first; ///< the key
  Node second;       ///< the value
};

/// The key path of member `key` under `path`: `path.key`, or `key` at the root.
std::string member_path(const std::string& path, std::string_view key);

/// "object", "array", "string", "number", "boolean", "null".
std::string_view kind_name(Node::Kind kind);

/// Result of loading: the tree, or an error naming the place (line:column when known).
struct LoadResult {
  Node root;
  std::string error;
  [[nodiscard]] bool ok() const { return error.empty(); }
};

/// Parses JSON (when the first non-blank character is `{` or `[`) or YAML text.
LoadResult parse_document(std::string_view text, const std::string& origin);
LoadResult parse_json(std::string_view text, const std::string& origin);
LoadResult parse_yaml(std::string_view text, const std::string& origin);

/// Replaces `${NAME}` in every string scalar by the environment variable's value (`$${` is a
/// literal `${`). An unset variable is an error naming the key path, e.g.
/// "source.serviceConnection.config.awsConfig.awsSecretAccessKey: ${AWS_SECRET} is not set".
std::string substitute_env(Node& root);

} // namespace athena::config
