// Lua binding of World: the C side of the driver API. The Lua side (emulator/lua/driver.lua,
// embedded) adds spec matching and printing on top of these primitives.
#include <algorithm>
#include <filesystem>
#include <string>

#include "aokit/emu/lua_api.h"
#include "aokit/emu/trace.h"
#include "aokit/emu/world.h"
#include "lua_values.h"
#include "module_searcher.h"
#include "world_options_from_lua.h"

namespace aokit::emu {
namespace embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& DriverFiles();
}
AOKIT_LUA_ABI_BEGIN

namespace {

constexpr const char* kWorldType = "aokit.World";

struct WorldBox {
  World* world;
  std::string base_dir;
};

World& CheckWorld(lua_State* L) {
  auto* box = static_cast<WorldBox*>(luaL_checkudata(L, 1, kWorldType));
  if (box->world == nullptr) luaL_error(L, "world is closed");
  return *box->world;
}

const std::string& BaseDir(lua_State* L) { return static_cast<WorldBox*>(luaL_checkudata(L, 1, kWorldType))->base_dir; }

// Turns a C++ exception into a Lua error (never lets it cross the Lua C API).
template <typename F>
int Guard(lua_State* L, F body) {
  std::string error;
  try {
    return body();
  } catch (const std::exception& e) {
    error = e.what();
  }
  return luaL_error(L, "%s", error.c_str());
}

template <typename T>
T Check(lua_State* L, Result<T> result) {
  if (!result) luaL_error(L, "%s", result.error().message.c_str());
  return std::move(*result);
}

void PushStringList(lua_State* L, const std::vector<std::string>& items) {
  lua_createtable(L, static_cast<int>(items.size()), 0);
  for (std::size_t i = 0; i < items.size(); ++i) {
    lua_pushlstring(L, items[i].data(), items[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_relative() && !base_dir.empty() && std::filesystem::exists(std::filesystem::path(base_dir) / p))
    return (std::filesystem::path(base_dir) / p).lexically_normal().string();
  return path;
}

std::string OptString(lua_State* L, int table, const char* field, const std::string& fallback = "") {
  lua_getfield(L, table, field);
  std::string out = lua_isnil(L, -1) ? fallback : luaL_checkstring(L, -1);
  lua_pop(L, 1);
  return out;
}

// Root keys other than the known fields become tags (as in aos's Send): { Action = "Ping" }.
std::vector<Tag> TagsOf(lua_State* L, int table, std::initializer_list<const char*> reserved) {
  std::vector<Tag> tags;
  lua_getfield(L, table, "tags");
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_getfield(L, table, "Tags");
  }
  tags = ReadTagList(L, -1);
  lua_pop(L, 1);
  std::vector<Tag> lifted;
  lua_pushnil(L);
  while (lua_next(L, table) != 0) {
    if (lua_type(L, -2) == LUA_TSTRING) {
      std::string key = lua_tostring(L, -2);
      bool skip = key == "tags" || key == "Tags";
      for (const char* r : reserved) skip = skip || key == r;
      if (!skip) {
        if (!lua_isstring(L, -1) && !lua_isboolean(L, -1))
          luaL_error(L, "tag '%s' must be a string, number or boolean (got %s)", key.c_str(), luaL_typename(L, -1));
        lifted.push_back({key, ToDisplayString(L, -1)});
      }
    }
    lua_pop(L, 1);
  }
  std::sort(lifted.begin(), lifted.end(), [](const Tag& a, const Tag& b) { return a.name < b.name; });
  tags.insert(tags.begin(), lifted.begin(), lifted.end());
  return tags;
}

int WorldWallet(lua_State* L) {
  World& world = CheckWorld(L);
  std::string name = luaL_checkstring(L, 2);
  return Guard(L, [&] {
    std::string address = world.WalletAddress(name);
    lua_pushlstring(L, address.data(), address.size());
    return 1;
  });
}

int WorldSpawn(lua_State* L) {
  World& world = CheckWorld(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  SpawnRequest request;
  request.owner = OptString(L, 2, "owner", "user");
  request.name = OptString(L, 2, "name");
  lua_getfield(L, 2, "source");
  if (!lua_isnil(L, -1)) request.source = luaL_checkstring(L, -1);
  lua_pop(L, 1);
  std::string file = OptString(L, 2, "file");
  if (!file.empty()) {
    std::string path = ResolvePath(BaseDir(L), file);
    std::string source;
    if (!ReadWholeFile(path, source)) return luaL_error(L, "spawn: cannot read source file '%s'", path.c_str());
    request.source = source;
    request.tags.push_back({"Aokit-Source-File", file});  // boot errors then read file:line
    request.module_paths.push_back((std::filesystem::path(path).parent_path() / "?.lua").string());
  }
  std::string module = OptString(L, 2, "module");
  if (!module.empty()) request.module_file = ResolvePath(BaseDir(L), module);
  lua_getfield(L, 2, "path");
  if (lua_istable(L, -1)) {
    for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L, -1)); ++i) {
      lua_rawgeti(L, -1, i);
      request.module_paths.push_back(ResolvePath(BaseDir(L), luaL_checkstring(L, -1)));
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  lua_getfield(L, 2, "memory_limit");
  lua_getfield(L, 2, "instruction_limit");
  if (!lua_isnil(L, -1) || !lua_isnil(L, -2)) {
    ProcessLimits limits = world.options().limits;
    if (!lua_isnil(L, -2)) limits.memory_bytes = static_cast<std::size_t>(luaL_checkinteger(L, -2));
    if (!lua_isnil(L, -1)) limits.instructions_per_message = static_cast<std::uint64_t>(luaL_checkinteger(L, -1));
    request.limits = limits;
  }
  lua_pop(L, 2);
  auto user_tags = TagsOf(L, 2, {"owner", "name", "source", "file", "module", "path", "memory_limit", "instruction_limit"});
  request.tags.insert(request.tags.begin(), user_tags.begin(), user_tags.end());
  return Guard(L, [&] {
    std::string pid = Check(L, world.Spawn(request));
    lua_pushlstring(L, pid.data(), pid.size());
    return 1;
  });
}

int WorldSend(lua_State* L) {
  World& world = CheckWorld(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  SendRequest request;
  request.from = OptString(L, 2, "from", "user");
  request.target = OptString(L, 2, "target");
  if (request.target.empty()) request.target = OptString(L, 2, "Target");
  request.data = OptString(L, 2, "data");
  if (request.data.empty()) request.data = OptString(L, 2, "Data");
  std::string action = OptString(L, 2, "action");
  request.tags = TagsOf(L, 2, {"from", "target", "Target", "data", "Data", "action", "From"});
  if (!action.empty()) request.tags.insert(request.tags.begin(), {"Action", action});
  if (request.target.empty()) return luaL_error(L, "send: 'target' (a process id) is required");
  return Guard(L, [&] {
    std::string id = Check(L, world.Send(request));
    lua_pushlstring(L, id.data(), id.size());
    return 1;
  });
}

int WorldSubmit(lua_State* L) {
  World& world = CheckWorld(L);
  std::size_t len = 0;
  const char* bytes = luaL_checklstring(L, 2, &len);
  return Guard(L, [&] {
    std::string id = Check(L, world.SubmitItem(std::string_view(bytes, len)));
    lua_pushlstring(L, id.data(), id.size());
    return 1;
  });
}

int WorldExport(lua_State* L) {
  World& world = CheckWorld(L);
  std::string id = luaL_checkstring(L, 2);
  return Guard(L, [&] {
    std::string bytes = Check(L, world.ExportItem(id));
    lua_pushlstring(L, bytes.data(), bytes.size());
    return 1;
  });
}

// w:trace(id [, "text" | "mermaid" | "dot" | "table"]): the causal tree below a message.
int WorldTrace(lua_State* L) {
  World& world = CheckWorld(L);
  std::string id = luaL_checkstring(L, 2);
  std::string format = luaL_optstring(L, 3, "table");
  return Guard(L, [&] {
    TraceNode root = Check(L, BuildTrace(world, id));
    std::string text;
    if (format == "table") {
      PushJson(L, TraceJson(root));
      return 1;
    }
    if (format == "text") text = TraceText(root);
    else if (format == "mermaid") text = TraceMermaid(root);
    else if (format == "dot") text = TraceDot(root);
    else return luaL_error(L, "trace: format must be text, mermaid, dot or table, not '%s'", format.c_str());
    lua_pushlstring(L, text.data(), text.size());
    return 1;
  });
}

// w:dryrun{ target=, from=, action=, data=, Tag = "v" }: the result, with no state change.
int WorldDryRun(lua_State* L) {
  World& world = CheckWorld(L);
  luaL_checktype(L, 2, LUA_TTABLE);
  SendRequest request;
  request.from = OptString(L, 2, "from", "user");
  request.target = OptString(L, 2, "target");
  request.data = OptString(L, 2, "data");
  std::string action = OptString(L, 2, "action");
  request.tags = TagsOf(L, 2, {"from", "target", "data", "action"});
  if (!action.empty()) request.tags.insert(request.tags.begin(), {"Action", action});
  return Guard(L, [&] {
    EvalResult result = Check(L, world.DryRun(request));
    PushJson(L, nlohmann::json::parse(result.ToJson()));
    return 1;
  });
}

int WorldRun(lua_State* L) {
  World& world = CheckWorld(L);
  auto max = static_cast<std::size_t>(luaL_optinteger(L, 2, static_cast<lua_Integer>(SIZE_MAX >> 1)));
  return Guard(L, [&] {
    lua_pushinteger(L, static_cast<lua_Integer>(world.Run(max)));
    return 1;
  });
}

int WorldStep(lua_State* L) {
  World& world = CheckWorld(L);
  return Guard(L, [&] {
    lua_pushboolean(L, world.Step());
    return 1;
  });
}

int WorldPending(lua_State* L) {
  World& world = CheckWorld(L);
  auto pending = world.Pending();
  lua_createtable(L, static_cast<int>(pending.size()), 0);
  for (std::size_t i = 0; i < pending.size(); ++i) {
    lua_createtable(L, 0, 2);
    lua_pushstring(L, pending[i].message_id.c_str());
    lua_setfield(L, -2, "id");
    lua_pushstring(L, pending[i].process_id.c_str());
    lua_setfield(L, -2, "process");
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int WorldReorder(lua_State* L) {
  World& world = CheckWorld(L);
  std::string pid = luaL_checkstring(L, 2);
  luaL_checktype(L, 3, LUA_TTABLE);
  std::vector<std::string> ids;
  for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L, 3)); ++i) {
    lua_rawgeti(L, 3, i);
    ids.push_back(luaL_checkstring(L, -1));
    lua_pop(L, 1);
  }
  auto done = world.Reorder(pid, ids);
  if (!done) return luaL_error(L, "%s", done.error().message.c_str());
  return 0;
}

// The result named by (id [, pid]) at arguments 2 and 3; pushes nil and returns nullptr when
// there is none.
const EvalResult* ResultArgs(lua_State* L) {
  World& world = CheckWorld(L);
  const EvalResult* result = world.FindResult(luaL_checkstring(L, 2), luaL_optstring(L, 3, ""));
  if (result == nullptr) lua_pushnil(L);
  return result;
}

int WorldResult(lua_State* L) {
  const EvalResult* result = ResultArgs(L);
  if (result == nullptr) return 1;
  return Guard(L, [&] {
    PushJson(L, nlohmann::json::parse(result->ToJson()));
    return 1;
  });
}

int WorldResultJson(lua_State* L) {
  const EvalResult* result = ResultArgs(L);
  if (result == nullptr) return 1;
  return Guard(L, [&] {
    std::string json = result->ToJson();
    lua_pushlstring(L, json.data(), json.size());
    return 1;
  });
}

int Sha256Hex(lua_State* L) {
  std::size_t len = 0;
  const char* data = luaL_checklstring(L, 1, &len);
  std::string digest = Sha256(std::string_view(data, len));
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  lua_pushlstring(L, out.data(), out.size());
  return 1;
}

int JsonDecode(lua_State* L) {
  std::size_t len = 0;
  const char* text = luaL_checklstring(L, 1, &len);
  auto value = nlohmann::json::parse(std::string_view(text, len), nullptr, false);
  if (value.is_discarded()) return luaL_error(L, "invalid JSON");
  return Guard(L, [&] {
    PushJson(L, value);
    return 1;
  });
}

int WorldOutput(lua_State* L) {
  const EvalResult* result = ResultArgs(L);
  if (result == nullptr) return 1;
  return Guard(L, [&] {
    std::string text = result->OutputText();
    lua_pushlstring(L, text.data(), text.size());
    if (result->error) lua_pushlstring(L, result->error->data(), result->error->size());
    else lua_pushnil(L);
    return 2;
  });
}

void PushMessageRecord(lua_State* L, World& world, const MessageRecord& m) {
  lua_createtable(L, 0, 16);
  // Lifted tags first (last duplicate wins at the root, as in aos), then the fixed fields.
  for (const auto& tag : m.item.tags) {
    lua_pushlstring(L, tag.value.data(), tag.value.size());
    lua_setfield(L, -2, tag.name.c_str());
  }
  auto set = [&](const char* k, const std::string& v) {
    lua_pushlstring(L, v.data(), v.size());
    lua_setfield(L, -2, k);
  };
  set("Id", m.id);
  set("From", m.from);
  set("Owner", m.owner);
  set("Target", m.target);
  set("Data", m.item.data);
  set("Anchor", m.item.anchor.value_or(""));
  if (!m.parent.empty()) set("Parent", m.parent);
  set("Pushed-For", m.pushed_for);
  if (!m.delivery_error.empty()) set("DeliveryError", m.delivery_error);
  set("FromName", world.DisplayName(m.from));
  set("TargetName", world.DisplayName(m.target));
  lua_pushinteger(L, m.timestamp);
  lua_setfield(L, -2, "Timestamp");
  lua_createtable(L, 0, static_cast<int>(m.item.tags.size()));
  for (auto it = m.item.tags.rbegin(); it != m.item.tags.rend(); ++it) {  // first occurrence wins
    lua_pushlstring(L, it->value.data(), it->value.size());
    lua_setfield(L, -2, it->name.c_str());
  }
  lua_setfield(L, -2, "Tags");
  PushTagList(L, m.item.tags);
  lua_setfield(L, -2, "TagArray");
}

int WorldMessage(lua_State* L) {
  World& world = CheckWorld(L);
  const MessageRecord* m = world.FindMessage(luaL_checkstring(L, 2));
  if (m == nullptr) lua_pushnil(L);
  else PushMessageRecord(L, world, *m);
  return 1;
}

int WorldAllMessages(lua_State* L) {
  World& world = CheckWorld(L);
  auto all = world.Messages();
  lua_createtable(L, static_cast<int>(all.size()), 0);
  for (std::size_t i = 0; i < all.size(); ++i) {
    PushMessageRecord(L, world, *all[i]);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int WorldEval(lua_State* L) {
  World& world = CheckWorld(L);
  std::string pid = luaL_checkstring(L, 2);
  std::string code = luaL_checkstring(L, 3);
  return Guard(L, [&] {
    PushJson(L, Check(L, world.Eval(pid, code)));
    return 1;
  });
}

int WorldLog(lua_State* L) {
  World& world = CheckWorld(L);
  auto log = world.Log();
  PushStringList(L, log);
  return 1;
}

int WorldAdvance(lua_State* L) {
  CheckWorld(L).AdvanceTime(luaL_checkinteger(L, 2));
  return 0;
}

int WorldNow(lua_State* L) {
  lua_pushinteger(L, CheckWorld(L).Now());
  return 1;
}

int WorldProcesses(lua_State* L) {
  World& world = CheckWorld(L);
  auto ids = world.ProcessIds();
  PushStringList(L, ids);
  return 1;
}

int WorldName(lua_State* L) {
  std::string name = CheckWorld(L).DisplayName(luaL_checkstring(L, 2));
  lua_pushlstring(L, name.data(), name.size());
  return 1;
}

int WorldOutgoing(lua_State* L) {
  World& world = CheckWorld(L);
  std::string id = luaL_checkstring(L, 2);
  std::string pid = luaL_optstring(L, 3, "");
  if (pid.empty()) {
    const MessageRecord* m = world.FindMessage(id);
    if (m != nullptr) pid = m->target;
  }
  auto ids = world.OutgoingIds(id, pid);
  PushStringList(L, ids);
  return 1;
}

int WorldInfo(lua_State* L) {
  World& world = CheckWorld(L);
  lua_createtable(L, 0, 4);
  lua_pushstring(L, world.MuAddress().c_str());
  lua_setfield(L, -2, "mu");
  lua_pushstring(L, world.DefaultModuleId().c_str());
  lua_setfield(L, -2, "module");
  lua_pushstring(L, world.SchedulerAddress().c_str());
  lua_setfield(L, -2, "scheduler");
  lua_pushinteger(L, static_cast<lua_Integer>(world.evaluations()));
  lua_setfield(L, -2, "evaluations");
  return 1;
}

int WorldClose(lua_State* L) {
  auto* box = static_cast<WorldBox*>(luaL_checkudata(L, 1, kWorldType));
  delete box->world;
  box->world = nullptr;
  return 0;
}

int WorldGc(lua_State* L) {
  auto* box = static_cast<WorldBox*>(luaL_checkudata(L, 1, kWorldType));
  delete box->world;
  box->~WorldBox();
  return 0;
}

int NewWorld(lua_State* L) {
  WorldOptions options = WorldOptionsFromLua(L, 1);
  auto* box = static_cast<WorldBox*>(lua_newuserdata(L, sizeof(WorldBox)));
  new (box) WorldBox{nullptr, lua_tostring(L, lua_upvalueindex(1))};
  luaL_setmetatable(L, kWorldType);
  return Guard(L, [&] {
    box->world = new World(std::move(options));
    return 1;
  });
}

const luaL_Reg kWorldMethods[] = {
    {"wallet", WorldWallet},   {"spawn_raw", WorldSpawn},   {"send_raw", WorldSend},
    {"run", WorldRun},         {"step", WorldStep},         {"pending", WorldPending},
    {"reorder", WorldReorder}, {"result", WorldResult},     {"output", WorldOutput},
    {"result_json", WorldResultJson}, {"submit_raw", WorldSubmit}, {"export", WorldExport},
    {"trace", WorldTrace},     {"dryrun", WorldDryRun},
    {"message", WorldMessage}, {"all_messages", WorldAllMessages}, {"eval", WorldEval},
    {"log", WorldLog},         {"advance", WorldAdvance},   {"now", WorldNow},
    {"processes", WorldProcesses}, {"name", WorldName},     {"outgoing", WorldOutgoing},
    {"info", WorldInfo},       {"close", WorldClose},       {nullptr, nullptr}};

}  // namespace

void PushAokitModule(lua_State* L, const std::string& base_dir) {
  if (luaL_newmetatable(L, kWorldType)) {
    lua_pushcfunction(L, WorldGc);
    lua_setfield(L, -2, "__gc");
    lua_newtable(L);
    luaL_setfuncs(L, kWorldMethods, 0);
    lua_setfield(L, -2, "methods");  // driver.lua builds __index from these plus its own
  }
  lua_getfield(L, -1, "methods");
  lua_remove(L, -2);
  // driver.lua receives (native world constructor, native methods) and returns the module.
  const auto& files = embedded::DriverFiles();
  const std::string_view source = files.at(0).second;
  if (luaL_loadbufferx(L, source.data(), source.size(), "@aokit/driver.lua", "t") != LUA_OK) lua_error(L);
  lua_pushstring(L, base_dir.c_str());
  lua_pushcclosure(L, NewWorld, 1);
  lua_pushvalue(L, -3);
  luaL_getmetatable(L, kWorldType);
  lua_pushcfunction(L, Sha256Hex);
  lua_pushcfunction(L, JsonDecode);
  lua_call(L, 5, 1);
  lua_remove(L, -2);
}

AOKIT_LUA_ABI_END
}  // namespace aokit::emu

#ifdef AOKIT_HOST_LUA
// Entry point of the `aokit` C module for stock Lua 5.3 (lua5.3, busted): require "aokit".
extern "C" __attribute__((visibility("default"))) int luaopen_aokit(lua_State* L) {
  aokit::emu::host_lua::PushAokitModule(L, "");
  return 1;
}
#endif
