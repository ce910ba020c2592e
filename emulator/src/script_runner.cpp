#include "aokit/emu/script_runner.h"

#include <filesystem>

#include "aokit/emu/lua_api.h"
#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"
#include "module_searcher.h"

namespace aokit::emu {
namespace {

struct ScriptContext {
  const std::string* path;
  const std::vector<std::string>* args;
};

int Traceback(lua_State* L) {
  const char* message = lua_tostring(L, 1);
  if (message == nullptr) message = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  luaL_traceback(L, L, message, 1);
  return 1;
}

int RunInState(lua_State* L) {
  auto* ctx = static_cast<ScriptContext*>(lua_touserdata(L, 1));
  luaL_openlibs(L);
  std::string dir = std::filesystem::path(*ctx->path).parent_path().string();
  PushAokitModule(L, dir);
  lua_pushvalue(L, -1);
  lua_setglobal(L, "aokit");
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_insert(L, -2);
  lua_setfield(L, -2, "aokit");
  lua_pop(L, 1);
  lua_createtable(L, static_cast<int>(ctx->args->size()), 1);
  lua_pushstring(L, ctx->path->c_str());
  lua_rawseti(L, -2, 0);
  for (std::size_t i = 0; i < ctx->args->size(); ++i) {
    lua_pushstring(L, (*ctx->args)[i].c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  lua_setglobal(L, "arg");
  std::string source;
  if (!ReadWholeFile(*ctx->path, source)) return luaL_error(L, "cannot read script '%s'", ctx->path->c_str());
  if (!source.empty() && source[0] == '#') source.insert(0, "--");  // shebang line
  if (luaL_loadbufferx(L, source.data(), source.size(), ("@" + *ctx->path).c_str(), "t") != LUA_OK)
    return lua_error(L);
  for (const auto& a : *ctx->args) lua_pushstring(L, a.c_str());
  lua_call(L, static_cast<int>(ctx->args->size()), 0);
  return 0;
}

}  // namespace

Result<void> RunDriverScript(const std::string& path, const std::vector<std::string>& args) {
  lua_State* L = luaL_newstate();
  if (L == nullptr) return Fail("cannot create a Lua state");
  ScriptContext ctx{&path, &args};
  lua_pushcfunction(L, Traceback);
  lua_pushcfunction(L, RunInState);
  lua_pushlightuserdata(L, &ctx);
  int status = lua_pcall(L, 1, 0, 1);
  std::string error;
  if (status != LUA_OK) error = lua_isstring(L, -1) ? lua_tostring(L, -1) : "(non-string error)";
  lua_close(L);
  if (status != LUA_OK) return Fail(error);
  return {};
}

}  // namespace aokit::emu
