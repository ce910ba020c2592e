// The world API for Lua: what `aokit run` scripts (and later the aokit Lua module) use.
//   local world = aokit.world{ seed = "demo", signing = "ed25519" | "unsigned",
//                              mode = "deterministic" | "parallel", retain = 0, ... }
// See docs/driver-api.md for every method.
#pragma once

#include <string>

struct lua_State;

namespace aokit::emu {
inline namespace embedded_lua {  // see src/lua_headers.h: the binding exists per Lua ABI

// Pushes the `aokit` module table. Relative file paths given to world:spawn are resolved
// against base_dir first (the driver script's folder), then the current directory.
void PushAokitModule(lua_State* L, const std::string& base_dir);

}  // namespace embedded_lua
}  // namespace aokit::emu
