// Each subcommand group lives in its own cli/<name>.cpp and exposes one Setup function that
// adds its subcommand(s) to the application. main.cpp calls every Setup function.
#pragma once

#include <CLI/CLI.hpp>

namespace aokit::cli {

// Exit status a subcommand callback reports through ExitWith (thrown as CLI::RuntimeError,
// caught once in main).
[[noreturn]] void ExitWith(int code);

void SetupVersion(CLI::App& app);
#ifdef HAVE_AOKIT_STORE
void SetupStore(CLI::App& app);
#endif
#ifdef HAVE_AOKIT_BUNDLER
void SetupBundle(CLI::App& app);
#endif
#ifdef HAVE_AOKIT_ANALYZERS
void SetupSize(CLI::App& app);
#endif
#ifdef HAVE_AOKIT_EMULATOR
void SetupRun(CLI::App& app);
void SetupLuaEnv(CLI::App& app);
void SetupMsg(CLI::App& app);  // also registers `wallet`
void SetupServe(CLI::App& app);
void SetupTrace(CLI::App& app);  // also adds `msg export` (call after SetupMsg)
#endif

}  // namespace aokit::cli
