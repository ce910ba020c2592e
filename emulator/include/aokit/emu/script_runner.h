// Runs a driver script (`aokit run scenario.lua`): a full Lua state with the `aokit` module
// preloaded (require "aokit" or the global `aokit`) and `arg` set as lua.c does.
#pragma once

#include <string>
#include <vector>

#include "aokit/emu/error.h"

namespace aokit::emu {

// Ok when the script ran to the end; else the Lua error with file:line and a traceback.
Result<void> RunDriverScript(const std::string& path, const std::vector<std::string>& args);

}  // namespace aokit::emu
