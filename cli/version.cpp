// `aokit version`: prints the toolchain version and the Lua it embeds.
#include <iostream>

#include "commands.h"
#include "lua.h"

namespace aokit::cli {

void SetupVersion(CLI::App& app) {
  auto* cmd = app.add_subcommand("version", "Print aokit's version and the Lua it embeds");
  cmd->callback([] { std::cout << "aokit 0.1.0 (" << LUA_RELEASE << ", fixed string-hash seed)\n"; });
}

}  // namespace aokit::cli
