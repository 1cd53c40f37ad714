// `athena-lineage graph`: not implemented yet (see the open issues).
#include <cstdio>

#include "src/cli/commands.h"

namespace athena::cli {

void add_graph_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("graph", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    std::fputs("athena-lineage: error: 'graph' is not implemented yet\n", stderr);
    exit_code = static_cast<int>(ExitCode::kUsageOrIo);
  });
}

} // namespace athena::cli
