#include "table_shift.h"

#include <cstring>

#include "lauxlib.h"
#include "lua.h"
// Lua internals: the array part of a table (Table::array, Table::sizearray).
#include "lobject.h"
#include "lstate.h"
#include "ltable.h"

namespace aokit::emu {
namespace {

// Moving values inside one table needs no GC barrier: a table the collector has already
// traversed (black) holds only marked values, and a move adds no value it did not hold.
int Shift(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  if (lua_gettop(L) != 1) return luaL_error(L, "aokit.shift takes one table");
  if (!lua_getmetatable(L, 1)) {
    const Table* t = hvalue(L->ci->func + 1);
    lua_Integer size = static_cast<lua_Integer>(lua_rawlen(L, 1));
    if (size >= 1 && static_cast<lua_Unsigned>(size) <= t->sizearray) {
      TValue* array = t->array;
      lua_rawgeti(L, 1, 1);  // the result
      std::memmove(array, array + 1, static_cast<std::size_t>(size - 1) * sizeof(TValue));
      setnilvalue(&array[size - 1]);
      return 1;
    }
  } else {
    lua_pop(L, 1);
  }
  // Anything else: the table library's remove, with its metamethods and errors.
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushvalue(L, 1);
  lua_pushinteger(L, 1);
  lua_call(L, 2, 1);
  return 1;
}

}  // namespace

void InstallTableShift(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_getglobal(L, "table");
  lua_getfield(L, -1, "remove");
  lua_remove(L, -2);
  lua_pushcclosure(L, Shift, 1);
  lua_setfield(L, -2, "aokit.shift");
  lua_pop(L, 1);
}

}  // namespace aokit::emu
