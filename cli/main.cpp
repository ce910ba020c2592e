// aokit — one binary, one subcommand per job. Errors from libraries arrive as values; this
// is the single place that turns them (and CLI11 parse errors) into exit codes.
#include <iostream>

#include "commands.h"

namespace aokit::cli {
[[noreturn]] void ExitWith(int code) { throw CLI::RuntimeError(code); }
}  // namespace aokit::cli

int main(int argc, char** argv) {
  CLI::App app{"aokit: a toolchain for AO (Arweave) Lua processes"};
  app.require_subcommand(1);
  aokit::cli::SetupVersion(app);
#ifdef HAVE_AOKIT_STORE
  aokit::cli::SetupStore(app);
#endif
#ifdef HAVE_AOKIT_BUNDLER
  aokit::cli::SetupBundle(app);
#endif
#ifdef HAVE_AOKIT_ANALYZERS
  aokit::cli::SetupSize(app);
#endif
#ifdef HAVE_AOKIT_EMULATOR
  aokit::cli::SetupRun(app);
  aokit::cli::SetupLuaEnv(app);
  aokit::cli::SetupMsg(app);
  aokit::cli::SetupServe(app);
  aokit::cli::SetupTrace(app);
#endif
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "aokit: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
