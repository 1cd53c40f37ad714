#include "src/readers/cloudtrail_users.h"

#include <optional>

namespace athena::readers {

namespace {

constexpr size_t kUuidLength = 36;

bool is_dash_at(size_t i) {
  return i == 8 || i == 13 || i == 18 || i == 23;
}

/// The 128 bits of a lowercase UUID (8-4-4-4-12 hex digits), or nullopt for any other text:
/// only texts that print back the same are packed.
std::optional<std::pair<uint64_t, uint64_t>> pack_uuid(std::string_view id) {
  if (id.size() != kUuidLength) return std::nullopt;
  uint64_t half[2] = {0, 0};
  int digits = 0;
  for (size_t i = 0; i < kUuidLength; ++i) {
    const char c = id[i];
    if (is_dash_at(i)) {
      if (c != '-') return std::nullopt;
      continue;
    }
    uint64_t v = 0;
    if (c >= '0' && c <= '9') {
      v = static_cast<uint64_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v = static_cast<uint64_t>(c - 'a') + 10;
    } else {
      return std::nullopt;
    }
    uint64_t& h = half[digits / 16];
    h = (h << 4) | v;
    ++digits;
  }
  return std::pair{half[0], half[1]};
}

std::string unpack_uuid(uint64_t hi, uint64_t lo) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(kUuidLength);
  int digit = 0;
  for (size_t i = 0; i < kUuidLength; ++i) {
    if (is_dash_at(i)) {
      out += '-';
      continue;
    }
    const uint64_t h = digit < 16 ? hi : lo;
    out += kHex[(h >> (4 * (15 - digit % 16))) & 0xF];
    ++digit;
  }
  return out;
}

} // namespace

CloudTrailUsers::CloudTrailUsers(
    std::initializer_list<std::pair<std::string, std::string>> entries) {
  for (const auto& [id, user] : entries)
    set(id, user);
}

uint32_t CloudTrailUsers::intern(std::string_view user) {
  auto [it, added] =
      name_index_.try_emplace(std::string(user), static_cast<uint32_t>(names_.size()));
  if (added) names_.emplace_back(user);
  return it->second;
}

size_t CloudTrailUsers::slot_of(uint64_t hi, uint64_t lo) const {
  // UUIDs are random already; mixing the halves still spreads any other pattern.
  const uint64_t h = (hi ^ (lo * 0x9E3779B97F4A7C15ULL)) * 0xBF58476D1CE4E5B9ULL;
  const size_t mask = slots_.size() - 1;
  size_t i = static_cast<size_t>(h >> 20) & mask;
  while (slots_[i].user != kEmpty && (slots_[i].hi != hi || slots_[i].lo != lo))
    i = (i + 1) & mask;
  return i;
}

void CloudTrailUsers::grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
  for (const Slot& s : old) {
    if (s.user != kEmpty) slots_[slot_of(s.hi, s.lo)] = s;
  }
}

void CloudTrailUsers::set(std::string_view id, std::string_view user) {
  const uint32_t index = intern(user);
  const auto packed = pack_uuid(id);
  if (!packed) {
    others_[std::string(id)] = index;
    return;
  }
  if ((uuid_count_ + 1) * 2 > slots_.size()) grow();
  Slot& slot = slots_[slot_of(packed->first, packed->second)];
  if (slot.user == kEmpty) ++uuid_count_;
  slot = Slot{packed->first, packed->second, index};
}

const std::string* CloudTrailUsers::find(std::string_view id) const {
  if (const auto packed = pack_uuid(id)) {
    if (slots_.empty()) return nullptr;
    const Slot& slot = slots_[slot_of(packed->first, packed->second)];
    return slot.user == kEmpty ? nullptr : &names_[slot.user];
  }
  auto it = others_.find(std::string(id));
  return it == others_.end() ? nullptr : &names_[it->second];
}

template <class Fn> void CloudTrailUsers::for_each(Fn&& fn) const {
  for (const Slot& s : slots_) {
    if (s.user != kEmpty) fn(unpack_uuid(s.hi, s.lo), names_[s.user]);
  }
  for (const auto& [id, user] : others_)
    fn(id, names_[user]);
}

bool operator==(const CloudTrailUsers& a, const CloudTrailUsers& b) {
  if (a.size() != b.size()) return false;
  bool same = true;
  a.for_each([&](const std::string& id, const std::string& user) {
    const std::string* other = b.find(id);
    if (other == nullptr || *other != user) same = false;
  });
  return same;
}

} // namespace athena::readers
