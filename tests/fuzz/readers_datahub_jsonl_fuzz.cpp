// Fuzzes the datahub_jsonl reader (gzip included: inputs starting with the gzip magic are
// inflated). FUZZ_LIBS: athena_app
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "src/readers/datahub_reader.h"
#include "src/readers/format_detect.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)athena::readers::detect_format(bytes);
  auto in = athena::readers::Input::from_memory(bytes, "fuzz");
  size_t records = 0;
  athena::readers::ReadStats stats = athena::readers::read_datahub_jsonl(
      *in, [&](athena::model::QueryRecord&& r) { records += r.query.empty() ? 1000 : 1; },
      [](const athena::readers::Diagnostic&) {}, size_t{1} << 20);
  // Every record handed on has query text; the counts agree with what was handed on.
  if (records != stats.records) __builtin_trap();
  return 0;
}
