#include "world_options_from_lua.h"

#include <string>


namespace aokit::emu {
AOKIT_LUA_ABI_BEGIN

WorldOptions WorldOptionsFromLua(lua_State* L, int index) {
  WorldOptions options;
  if (lua_isnoneornil(L, index)) return options;
  luaL_checktype(L, index, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING) luaL_error(L, "aokit.world: option keys must be strings");
    std::string key = lua_tostring(L, -2);
    if (key == "seed") {
      options.seed = luaL_checkstring(L, -1);
    } else if (key == "signing") {
      std::string mode = luaL_checkstring(L, -1);
      if (mode == "ed25519") options.signing = SigningMode::kEd25519;
      else if (mode == "unsigned") options.signing = SigningMode::kUnsigned;
      else luaL_error(L, "aokit.world: signing must be 'ed25519' or 'unsigned', not '%s'", mode.c_str());
    } else if (key == "mode") {
      std::string mode = luaL_checkstring(L, -1);
      if (mode == "deterministic") options.schedule = ScheduleMode::kDeterministic;
      else if (mode == "parallel") options.schedule = ScheduleMode::kParallel;
      else luaL_error(L, "aokit.world: mode must be 'deterministic' or 'parallel', not '%s'", mode.c_str());
    } else if (key == "threads") {
      options.threads = static_cast<unsigned>(luaL_checkinteger(L, -1));
    } else if (key == "retain") {
      options.retain_messages = static_cast<std::size_t>(luaL_checkinteger(L, -1));
    } else if (key == "start_time") {
      options.start_time_ms = luaL_checkinteger(L, -1);
    } else if (key == "block_height") {
      options.start_block_height = luaL_checkinteger(L, -1);
    } else if (key == "memory_limit") {
      options.limits.memory_bytes = static_cast<std::size_t>(luaL_checkinteger(L, -1));
    } else if (key == "instruction_limit") {
      options.limits.instructions_per_message = static_cast<std::uint64_t>(luaL_checkinteger(L, -1));
    } else if (key == "runtime_dir") {
      options.runtime_dir = luaL_checkstring(L, -1);
    } else if (key == "log") {
      options.keep_log = lua_toboolean(L, -1);
    } else {
      luaL_error(L, "aokit.world: unknown option '%s'", key.c_str());
    }
    lua_pop(L, 1);
  }
  return options;
}

AOKIT_LUA_ABI_END
}  // namespace aokit::emu
