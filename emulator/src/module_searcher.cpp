#include "module_searcher.h"

#include <fstream>
#include <mutex>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "lauxlib.h"
#include "lua.h"
#include "runtime_files.h"

namespace aokit::emu {
namespace {

struct SearchConfig {
  std::string runtime_dir;
  std::vector<std::string> module_paths;
};

std::string Substitute(const std::string& templ, const std::string& name) {
  std::string out;
  for (char c : templ) {
    if (c == '?') out += name;
    else out += c;
  }
  return out;
}

// Loads `source` as the chunk for module `chunkname`; pushes the loader and its extra value.
// `mode` is "t" for source text; "b" only for the runtime chunks compiled below.
int PushLoader(lua_State* L, std::string_view source, const std::string& chunkname, const char* mode = "t") {
  if (luaL_loadbufferx(L, source.data(), source.size(), ("@" + chunkname).c_str(), mode) != LUA_OK)
    return lua_error(L);  // a syntax error in a module is an error of require, with file:line
  lua_pushlstring(L, chunkname.data(), chunkname.size());
  return 2;
}

int AppendDump(lua_State*, const void* bytes, std::size_t size, void* out) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(bytes), size);
  return 0;
}

// The embedded runtime is the same text in every process, so each file is parsed once per OS
// process and later processes load the compiled chunk. It is dumped with its debug
// information (chunk name, lines, local names), so errors and tracebacks read the same. This
// skips the parser, about a third of a process's boot. Only our own dumps are ever loaded as
// binary chunks; user code stays text-only.
int PushRuntimeLoader(lua_State* L, const std::string& relative, std::string_view source) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::string> compiled;  // entries are never changed
  const std::string chunkname = "runtime/" + relative;
  const std::string* bytes = nullptr;
  {
    std::lock_guard lock(mutex);
    if (auto it = compiled.find(relative); it != compiled.end()) bytes = &it->second;
  }
  if (bytes != nullptr) return PushLoader(L, *bytes, chunkname, "b");
  int pushed = PushLoader(L, source, chunkname);
  std::string dump;
  lua_pushvalue(L, -pushed);  // the loader, for lua_dump (which dumps the top of the stack)
  bool dumped = lua_dump(L, AppendDump, &dump, 0) == 0;
  lua_pop(L, 1);
  if (dumped) {
    std::lock_guard lock(mutex);
    compiled.emplace(relative, std::move(dump));
  }
  return pushed;
}

int Searcher(lua_State* L) {
  const auto* config = static_cast<const SearchConfig*>(lua_touserdata(L, lua_upvalueindex(1)));
  std::string name = luaL_checkstring(L, 1);
  std::string bare = (!name.empty() && name[0] == '.') ? name.substr(1) : name;
  for (char& c : bare)
    if (c == '.') c = '/';  // ".crypto.init" → crypto/init.lua
  std::string tried;
  // 1. the runtime.
  if (config->runtime_dir.empty()) {
    if (auto file = FindRuntimeFile(bare + ".lua")) return PushRuntimeLoader(L, bare + ".lua", *file);
    tried += "\n\tno module '" + bare + "' in the embedded runtime";
  } else {
    std::string path = config->runtime_dir + "/" + bare + ".lua";
    std::string source;
    if (ReadWholeFile(path, source)) return PushLoader(L, source, path);
    tried += "\n\tno file '" + path + "'";
  }
  // 2. the process's own modules ("a.b" → "a/b").
  std::string as_path = bare;
  for (char& c : as_path)
    if (c == '.') c = '/';
  for (const auto& templ : config->module_paths) {
    std::string path = Substitute(templ, as_path);
    std::string source;
    if (ReadWholeFile(path, source)) return PushLoader(L, source, path);
    tried += "\n\tno file '" + path + "'";
  }
  lua_pushlstring(L, tried.data(), tried.size());
  return 1;
}

int FreeConfig(lua_State* L) {
  static_cast<SearchConfig*>(lua_touserdata(L, 1))->~SearchConfig();
  return 0;
}

}  // namespace

bool ReadWholeFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

void InstallModuleSearcher(lua_State* L, const std::string& runtime_dir,
                           const std::vector<std::string>& module_paths) {
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "searchers");
  auto* config = new (lua_newuserdata(L, sizeof(SearchConfig))) SearchConfig{runtime_dir, module_paths};
  (void)config;
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, FreeConfig);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  lua_pushcclosure(L, Searcher, 1);
  lua_rawseti(L, -2, static_cast<lua_Integer>(lua_rawlen(L, -2)) + 1);
  lua_pop(L, 2);
}

}  // namespace aokit::emu
