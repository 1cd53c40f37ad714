#include "src/openlineage/run_id.h"

#include <array>
#include <cctype>
#include <cstdint>

#include <openssl/evp.h>

namespace athena::openlineage {
namespace {

/// RFC 4122 appendix C: the namespace for URLs.
constexpr std::string_view kNamespaceUrl = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string format_uuid(const std::array<unsigned char, 16>& b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 15];
  }
  return out;
}

} // namespace

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : hex_value(text[i]) < 0) return false;
  }
  return true;
}

std::string uuid_v5(std::string_view ns, std::string_view name) {
  std::array<unsigned char, 16> ns_bytes{};
  size_t digits = 0;
  for (char c : ns) {
    const int v = hex_value(c);
    if (v < 0 || digits >= 32) continue; // the dashes
    auto& byte = ns_bytes[digits / 2];
    byte = static_cast<unsigned char>(digits % 2 == 0 ? v << 4 : byte | v);
    ++digits;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, ns_bytes.data(), ns_bytes.size());
  EVP_DigestUpdate(ctx, name.data(), name.size());
  EVP_DigestFinal_ex(ctx, digest, &len);
  EVP_MD_CTX_free(ctx);
  std::array<unsigned char, 16> b{};
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = digest[i];
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x50); // version 5
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80); // RFC 4122 variant
  return format_uuid(b);
}

std::string run_id_for(std::string_view query_id) {
  if (is_uuid(query_id)) {
    std::string out(query_id);
    for (char& c : out)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  return uuid_v5(kNamespaceUrl, "athena-lineage:query:" + std::string(query_id));
}

} // namespace athena::openlineage
