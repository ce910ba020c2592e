// `require` inside a process: a package.searchers entry that finds
//   1. runtime modules — `require(".x")` or `require("x")` — in the embedded runtime-lua/ or
//      in a user-chosen runtime directory (e.g. upstream aos's process/ folder);
//   2. the process's own modules through its package.path-style templates.
// No C modules, no host package.path.
#pragma once

#include <string>
#include <vector>

struct lua_State;

namespace aokit::emu {

void InstallModuleSearcher(lua_State* L, const std::string& runtime_dir,
                           const std::vector<std::string>& module_paths);

// Reads a whole file; false if it cannot be read.
bool ReadWholeFile(const std::string& path, std::string& out);

}  // namespace aokit::emu
