#pragma once

#include <string>
#include <vector>

#include "src/util/secret.h"

namespace athena::http {

/// `text` (an error message, a reply excerpt) with every occurrence of a non-empty value of
/// `secrets` and every `Bearer <token>` credential replaced by `****`, so that a server
/// echoing a request's headers cannot put a token into a log.
[[nodiscard]] std::string redact(std::string text, const std::vector<util::Secret>& secrets);

} // namespace athena::http
