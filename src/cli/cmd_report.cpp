// `athena-lineage report`: not implemented yet (see the open issues).
#include <cstdio>

#include "src/cli/commands.h"

namespace athena::cli {

void add_report_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("report", "(not implemented yet)");
  cmd->allow_extras();
  cmd->callback([&exit_code] {
    std::fputs("athena-lineage: error: 'report' is not implemented yet\n", stderr);
    exit_code = static_cast<int>(ExitCode::kUsageOrIo);
  });
}

} // namespace athena::cli
