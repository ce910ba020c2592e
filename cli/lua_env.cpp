// `aokit lua-env`: prints the shell lines that make the `aokit` Lua module loadable from stock
// lua5.3 and busted, as `luarocks path` does:  eval "$(aokit lua-env)"; busted --lua=lua5.3 spec/
#include <filesystem>
#include <iostream>

#include "commands.h"

namespace aokit::cli {

void SetupLuaEnv(CLI::App& app) {
  auto* cmd = app.add_subcommand("lua-env", "Print LUA_PATH/LUA_CPATH exports for the aokit Lua module");
  cmd->callback([] {
    namespace fs = std::filesystem;
    fs::path prefix = fs::read_symlink("/proc/self/exe").parent_path().parent_path();  // <prefix>/bin/aokit
    fs::path cdir = prefix / "lib" / "lua" / "5.3";
    fs::path ldir = prefix / "share" / "lua" / "5.3";
    if (!fs::exists(cdir / "aokit.so")) {
      std::cerr << "aokit lua-env: aokit.so not found in " << cdir.string()
                << " (build it with `make build`, or install with `make install`)\n";
      ExitWith(1);
    }
    std::cout << "export LUA_CPATH=\"" << (cdir / "?.so").string() << ";${LUA_CPATH:-;}\"\n";
    std::cout << "export LUA_PATH=\"" << (ldir / "?.lua").string() << ";${LUA_PATH:-;}\"\n";
  });
}

}  // namespace aokit::cli
