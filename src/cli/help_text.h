#pragma once

#include <CLI/CLI.hpp>

namespace athena::cli {

/// Ends every subcommand's --help with two or three examples (a command line and what it
/// does). Called once all subcommands are registered.
void add_help_examples(CLI::App& app);

} // namespace athena::cli
