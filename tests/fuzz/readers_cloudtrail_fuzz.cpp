// Fuzzes the CloudTrail reader (wrapped, bare-array and JSON Lines forms; gzip too).
// FUZZ_LIBS: athena_app
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "src/readers/cloudtrail_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto in = athena::readers::Input::from_memory(bytes, "fuzz");
  athena::readers::CloudTrailUsers users;
  athena::readers::ReadStats stats = athena::readers::read_cloudtrail(
      *in, users, [](const athena::readers::Diagnostic&) {}, size_t{1} << 20);
  if (users.size() > stats.records) __builtin_trap();
  return 0;
}
