#include "sandbox.h"

#include <cstdint>
#include <ctime>
#include <string>

#include "aokit/emu/process.h"
#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"
#include "table_shift.h"

namespace aokit::emu {
namespace {

// os.time([t]): the current message's Timestamp (milliseconds, as aos returns it); with a
// table argument, the UTC epoch seconds of that date (like stock os.time, but without the
// host's time zone).
int OsTime(lua_State* L) {
  if (lua_isnoneornil(L, 1)) {
    lua_pushinteger(L, Process::From(L)->current_timestamp());
    return 1;
  }
  luaL_checktype(L, 1, LUA_TTABLE);
  auto field = [&](const char* name, int def) {
    lua_getfield(L, 1, name);
    int isnum = 0;
    lua_Integer v = lua_tointegerx(L, -1, &isnum);
    lua_pop(L, 1);
    if (!isnum) {
      if (def < 0) luaL_error(L, "field '%s' missing in date table", name);
      return def;
    }
    return static_cast<int>(v);
  };
  std::tm tm{};
  tm.tm_year = field("year", -1) - 1900;
  tm.tm_mon = field("month", -1) - 1;
  tm.tm_mday = field("day", -1);
  tm.tm_hour = field("hour", 12);
  tm.tm_min = field("min", 0);
  tm.tm_sec = field("sec", 0);
  lua_pushinteger(L, static_cast<lua_Integer>(timegm(&tm)));
  return 1;
}

// os.clock(): deterministic CPU time: the instructions this message has used, at a nominal
// 100 million instructions per second.
int OsClock(lua_State* L) {
  lua_pushnumber(L, static_cast<double>(Process::From(L)->gas_used()) / 1e8);
  return 1;
}

// os.date([format [, t]]): always UTC; t defaults to the current message's Timestamp (ms).
int OsDate(lua_State* L) {
  const char* format = luaL_optstring(L, 1, "%c");
  std::time_t t = lua_isnoneornil(L, 2)
                      ? static_cast<std::time_t>(Process::From(L)->current_timestamp() / 1000)
                      : static_cast<std::time_t>(luaL_checkinteger(L, 2));
  if (*format == '!') ++format;
  std::tm tm{};
  gmtime_r(&t, &tm);
  if (std::string(format, 2) == "*t") {
    lua_createtable(L, 0, 9);
    const std::pair<const char*, int> fields[] = {
        {"year", tm.tm_year + 1900}, {"month", tm.tm_mon + 1}, {"day", tm.tm_mday},
        {"hour", tm.tm_hour},        {"min", tm.tm_min},       {"sec", tm.tm_sec},
        {"wday", tm.tm_wday + 1},    {"yday", tm.tm_yday + 1}};
    for (const auto& [name, value] : fields) {
      lua_pushinteger(L, value);
      lua_setfield(L, -2, name);
    }
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "isdst");
    return 1;
  }
  char buffer[512];
  std::size_t n = std::strftime(buffer, sizeof buffer, format, &tm);
  lua_pushlstring(L, buffer, n);
  return 1;
}

// load(chunk [, name [, mode [, env]]]) with the mode forced to "t": binary chunks can
// escape the VM, so loading one fails with Lua's own "attempt to load a binary chunk".
int TextOnlyLoad(lua_State* L) {
  // Keep the caller's arity: load's 4th argument, even nil, replaces _ENV, so an absent env
  // must stay absent.
  int nargs = lua_gettop(L) < 3 ? 3 : lua_gettop(L);
  lua_settop(L, nargs);
  lua_pushliteral(L, "t");
  lua_replace(L, 3);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, nargs, LUA_MULTRET);
  return lua_gettop(L);
}

// math.random / math.randomseed on a per-process xorshift128+ generator (seed 0 until the
// runtime reseeds; aos replaces math.random with its own generator on the first message).
struct Rng {
  std::uint64_t s0 = 0x9E3779B97F4A7C15ULL, s1 = 0xD1B54A32D192ED03ULL;
  std::uint64_t Next() {
    std::uint64_t x = s0, y = s1;
    s0 = y;
    x ^= x << 23;
    s1 = x ^ y ^ (x >> 17) ^ (y >> 26);
    return s1 + y;
  }
};

Rng& RngOf(lua_State* L) { return *static_cast<Rng*>(lua_touserdata(L, lua_upvalueindex(1))); }

int MathRandom(lua_State* L) {
  Rng& rng = RngOf(L);
  double r = static_cast<double>(rng.Next() >> 11) * (1.0 / 9007199254740992.0);
  lua_Integer low, up;
  switch (lua_gettop(L)) {
    case 0:
      lua_pushnumber(L, r);
      return 1;
    case 1:
      low = 1;
      up = luaL_checkinteger(L, 1);
      break;
    case 2:
      low = luaL_checkinteger(L, 1);
      up = luaL_checkinteger(L, 2);
      break;
    default:
      return luaL_error(L, "wrong number of arguments");
  }
  luaL_argcheck(L, low <= up, lua_gettop(L), "interval is empty");
  double span = static_cast<double>(up) - static_cast<double>(low) + 1.0;
  lua_pushinteger(L, low + static_cast<lua_Integer>(r * span));
  return 1;
}

int MathRandomSeed(lua_State* L) {
  Rng& rng = RngOf(L);
  auto seed = static_cast<std::uint64_t>(luaL_checkinteger(L, 1));
  rng.s0 = seed ^ 0x9E3779B97F4A7C15ULL;
  rng.s1 = (seed * 0xBF58476D1CE4E5B9ULL) ^ 0x94D049BB133111EBULL;
  for (int i = 0; i < 8; ++i) rng.Next();
  return 0;
}

void Require(lua_State* L, const char* name, lua_CFunction open) {
  luaL_requiref(L, name, open, 1);
  lua_pop(L, 1);
}

void SetNil(lua_State* L, int table, const char* field) {
  lua_pushnil(L);
  lua_setfield(L, table, field);
}

void ReplaceOs(lua_State* L) {
  lua_createtable(L, 0, 4);
  const luaL_Reg os_funcs[] = {{"time", OsTime}, {"clock", OsClock}, {"date", OsDate}, {nullptr, nullptr}};
  luaL_setfuncs(L, os_funcs, 0);
  lua_getglobal(L, "os");
  lua_getfield(L, -1, "difftime");
  lua_setfield(L, -3, "difftime");
  lua_pop(L, 1);
  lua_pushvalue(L, -1);
  lua_setglobal(L, "os");
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, "os");
  lua_pop(L, 2);
}

// What aos reads with debug.getinfo(fn, "u").nparams (Utils.curry without an arity), offered
// to the runtime as require("aokit.arity") since the sandbox keeps only debug.traceback.
int FunctionArity(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_Debug ar;
  lua_pushvalue(L, 1);
  lua_getinfo(L, ">u", &ar);
  lua_pushinteger(L, ar.nparams);
  return 1;
}

void ReduceDebug(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_pushcfunction(L, FunctionArity);
  lua_setfield(L, -2, "aokit.arity");
  lua_pop(L, 1);

  lua_getglobal(L, "debug");
  lua_getfield(L, -1, "traceback");
  lua_createtable(L, 0, 1);
  lua_insert(L, -2);
  lua_setfield(L, -2, "traceback");
  lua_pushvalue(L, -1);
  lua_setglobal(L, "debug");
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, "debug");
  lua_pop(L, 3);
}

void RestrictPackage(lua_State* L) {
  lua_getglobal(L, "package");
  int package = lua_gettop(L);
  SetNil(L, package, "loadlib");
  lua_pushliteral(L, "");
  lua_setfield(L, package, "path");
  lua_pushliteral(L, "");
  lua_setfield(L, package, "cpath");
  // Keep only the preload searcher; the module searcher (module_searcher.cpp) is added after.
  lua_getfield(L, package, "searchers");
  lua_rawgeti(L, -1, 1);
  lua_createtable(L, 2, 0);
  lua_insert(L, -2);
  lua_rawseti(L, -2, 1);
  lua_setfield(L, package, "searchers");
  lua_pop(L, 2);
}

void InstallRandom(lua_State* L) {
  lua_getglobal(L, "math");
  new (lua_newuserdata(L, sizeof(Rng))) Rng();
  lua_pushvalue(L, -1);
  lua_pushcclosure(L, MathRandom, 1);
  lua_setfield(L, -3, "random");
  lua_pushcclosure(L, MathRandomSeed, 1);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);
}

}  // namespace

void OpenSandboxedLibraries(lua_State* L) {
  Require(L, "_G", luaopen_base);
  Require(L, LUA_LOADLIBNAME, luaopen_package);
  Require(L, LUA_COLIBNAME, luaopen_coroutine);
  Require(L, LUA_TABLIBNAME, luaopen_table);
  Require(L, LUA_STRLIBNAME, luaopen_string);
  Require(L, LUA_MATHLIBNAME, luaopen_math);
  Require(L, LUA_UTF8LIBNAME, luaopen_utf8);
  Require(L, LUA_OSLIBNAME, luaopen_os);
  Require(L, LUA_DBLIBNAME, luaopen_debug);
  Require(L, LUA_BITLIBNAME, luaopen_bit32);  // aos's Lua 5.3 build keeps bit32 (LUA_COMPAT_5_2)

  lua_pushglobaltable(L);
  int g = lua_gettop(L);
  SetNil(L, g, "dofile");
  SetNil(L, g, "loadfile");
  lua_getfield(L, g, "load");
  lua_pushcclosure(L, TextOnlyLoad, 1);
  lua_setfield(L, g, "load");
  lua_pop(L, 1);

  ReplaceOs(L);
  InstallTableShift(L);
  ReduceDebug(L);
  RestrictPackage(L);
  InstallRandom(L);
}

}  // namespace aokit::emu
