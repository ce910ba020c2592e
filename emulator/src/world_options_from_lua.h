// Reads the options table of aokit.world{...}; unknown keys are errors (they are typos).
#pragma once

#include "aokit/emu/world.h"

struct lua_State;

namespace aokit::emu {

WorldOptions WorldOptionsFromLua(lua_State* L, int index);

}  // namespace aokit::emu
