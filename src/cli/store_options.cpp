#include "src/cli/store_options.h"

#include <cctype>

namespace athena::cli {

util::Status parse_store_options(double price_per_tb, const std::string& timezone,
                                 store::StoreOptions& out) {
  if (!(price_per_tb >= 0) || price_per_tb > 1e6) {
    return util::Error{"--price-per-tb must be a non-negative number of dollars"};
  }
  out.price_per_tb_usd = price_per_tb;
  if (timezone.empty() || timezone == "UTC" || timezone == "utc" || timezone == "Z") {
    out.utc_offset_minutes = 0;
    return util::Status::success();
  }
  std::string digits;
  for (char c : timezone.substr(1)) {
    if (c != ':') digits += c;
  }
  const bool sign_ok = timezone[0] == '+' || timezone[0] == '-';
  bool digits_ok = digits.size() == 4 || digits.size() == 2;
  for (char c : digits)
    digits_ok = digits_ok && std::isdigit(static_cast<unsigned char>(c));
  if (!sign_ok || !digits_ok) {
    return util::Error{
        "--timezone '" + timezone +
        "' is not UTC or a fixed offset like +02:00 (named zones are not supported)"};
  }
  const int hours = std::stoi(digits.substr(0, 2));
  const int minutes = digits.size() == 4 ? std::stoi(digits.substr(2, 2)) : 0;
  if (hours > 14 || minutes > 59) {
    return util::Error{"--timezone '" + timezone + "' is out of range"};
  }
  out.utc_offset_minutes = (timezone[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
  return util::Status::success();
}

} // namespace athena::cli
