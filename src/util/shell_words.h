#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace athena::util {

/// Splits `s` into words as a POSIX shell does, without expansions: blanks (space, tab,
/// newline) separate words; single and double quotes group blanks into a word and are
/// removed. With `backslash_escapes`, a backslash outside single quotes takes the next
/// character as it is (the AWS CLI's credential_process); without, it is an ordinary character
/// (`[profile NAME]` headers of the AWS config file).
std::vector<std::string> split_shell_words(std::string_view s, bool backslash_escapes = true);

} // namespace athena::util
