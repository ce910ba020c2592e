// Reads the options table of aokit.world{...}; unknown keys are errors (they are typos).
#pragma once

#include "lua_headers.h"

#include "aokit/emu/world.h"

struct lua_State;

namespace aokit::emu {
AOKIT_LUA_ABI_BEGIN

WorldOptions WorldOptionsFromLua(lua_State* L, int index);

AOKIT_LUA_ABI_END
}  // namespace aokit::emu
