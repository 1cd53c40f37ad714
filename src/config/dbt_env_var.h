#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace athena::config {

/// Renders the Jinja dbt allows in profiles.yml as far as a connection needs it:
/// `{{ env_var('NAME') }}` and `{{ env_var('NAME', 'default') }}` (either quote), optionally
/// followed by conversion filters (`| int`, `| as_number`, `| as_text`, `| as_bool`,
/// `| as_native`, `| string`, `| trim`, `| lower`, `| upper`), anywhere inside the text.
/// nullopt with `error` set (naming the variable or the construct, never the value) when a
/// variable without a default is unset or the text uses other Jinja.
std::optional<std::string> render_env_vars(std::string_view text, std::string& error);

} // namespace athena::config
