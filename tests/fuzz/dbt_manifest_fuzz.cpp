// Fuzz target: dbt manifest.json through the report's manifest reader (simdjson on-demand):
// any input gives a manifest or an error naming where, never a crash.
// FUZZ_LIBS: athena_app
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "src/report/dbt_manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const athena::util::Result<athena::report::DbtManifest> r =
      athena::report::parse_dbt_manifest(text, "fuzz");
  if (!r && r.error().empty()) __builtin_trap();
  return 0;
}
