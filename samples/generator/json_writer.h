#pragma once

#include "lineage/json_writer.h"

namespace athena::samplegen {

/// The project's JSON string escaper (the generator only produces valid UTF-8, which it copies).
using lineage::append_json_string;

/// The project's streaming JSON writer (lineage/json_writer.h).
using lineage::JsonWriter;

} // namespace athena::samplegen
