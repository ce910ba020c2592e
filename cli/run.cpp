// `aokit run scenario.lua [args…]`: runs a driver script against an emulated world.
#include <iostream>

#include "aokit/emu/script_runner.h"
#include "commands.h"

namespace aokit::cli {

void SetupRun(CLI::App& app) {
  struct Options {
    std::string script;
    std::vector<std::string> args;
  };
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("run", "Run a Lua driver script against an emulated AO world");
  cmd->add_option("script", options->script, "Driver script (.lua)")->required()->check(CLI::ExistingFile);
  cmd->add_option("args", options->args, "Arguments passed to the script as ... and arg");
  cmd->prefix_command();
  cmd->callback([options] {
    auto done = aokit::emu::RunDriverScript(options->script, options->args);
    if (!done) {
      std::cerr << "aokit run: " << done.error().message << "\n";
      ExitWith(1);
    }
  });
}

}  // namespace aokit::cli
