#include "message_table.h"

#include "lauxlib.h"
#include "lua.h"
#include "lua_values.h"

namespace aokit::emu {
namespace {

void SetString(lua_State* L, const char* field, const std::string& value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, field);
}

void SetInteger(lua_State* L, const char* field, std::int64_t value) {
  lua_pushinteger(L, static_cast<lua_Integer>(value));
  lua_setfield(L, -2, field);
}

std::string StringField(lua_State* L, int index, const char* field) {
  lua_getfield(L, index, field);
  std::string out = lua_isnil(L, -1) ? std::string() : ToDisplayString(L, -1);
  lua_pop(L, 1);
  return out;
}

// Tag values must be strings (numbers and booleans are converted as aos's JSON would); a
// table or function value cannot become a data item tag.
std::string CheckTagValues(lua_State* L, int index) {
  index = lua_absindex(L, index);
  if (!lua_istable(L, index)) return "";
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, index, i);
    if (lua_istable(L, -1)) {
      lua_getfield(L, -1, "value");
      int type = lua_type(L, -1);
      lua_getfield(L, -2, "name");
      std::string name = lua_isstring(L, -1) ? lua_tostring(L, -1) : "?";
      lua_pop(L, 3);
      if (type == LUA_TTABLE || type == LUA_TFUNCTION || type == LUA_TUSERDATA || type == LUA_TTHREAD)
        return "tag '" + name + "' has a " + lua_typename(L, type) + " value; tag values must be strings";
    } else {
      lua_pop(L, 1);
    }
  }
  return "";
}

std::vector<OutboxEntry> ReadOutbox(lua_State* L, int result, const char* field) {
  std::vector<OutboxEntry> out;
  lua_getfield(L, result, field);
  if (lua_istable(L, -1)) {
    int list = lua_gettop(L);
    lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, list));
    for (lua_Integer i = 1; i <= n; ++i) {
      if (lua_rawgeti(L, list, i) == LUA_TTABLE) {
        int entry = lua_gettop(L);
        OutboxEntry e;
        e.target = StringField(L, entry, "Target");
        e.data = StringField(L, entry, "Data");
        e.anchor = StringField(L, entry, "Anchor");
        lua_getfield(L, entry, "Tags");
        e.tags = ReadTagList(L, -1);
        e.error = CheckTagValues(L, -1);
        lua_pop(L, 1);
        out.push_back(std::move(e));
      }
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  return out;
}

std::vector<OutboxAssignment> ReadAssignments(lua_State* L, int result) {
  std::vector<OutboxAssignment> out;
  lua_getfield(L, result, "Assignments");
  if (lua_istable(L, -1)) {
    int list = lua_gettop(L);
    lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, list));
    for (lua_Integer i = 1; i <= n; ++i) {
      if (lua_rawgeti(L, list, i) == LUA_TTABLE) {
        OutboxAssignment a;
        a.message = StringField(L, -1, "Message");
        lua_getfield(L, -1, "Processes");
        if (lua_istable(L, -1)) {
          lua_Integer m = static_cast<lua_Integer>(lua_rawlen(L, -1));
          for (lua_Integer j = 1; j <= m; ++j) {
            lua_rawgeti(L, -1, j);
            a.processes.push_back(ToDisplayString(L, -1));
            lua_pop(L, 1);
          }
        }
        lua_pop(L, 1);
        out.push_back(std::move(a));
      }
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
  return out;
}

}  // namespace

void PushMessageTable(lua_State* L, const AssignedMessage& m) {
  lua_createtable(L, 0, 18);
  SetString(L, "Id", m.id);
  SetString(L, "Signature", m.signature);
  SetString(L, "Owner", m.owner);
  SetString(L, "From", m.from);
  if (m.forwarded_by) SetString(L, "Forwarded-By", *m.forwarded_by);
  SetString(L, "Target", m.target);
  SetString(L, "Anchor", m.anchor);
  PushTagList(L, m.tags);
  lua_setfield(L, -2, "Tags");
  SetString(L, "Data", m.data);
  SetInteger(L, "Epoch", 0);
  SetInteger(L, "Nonce", m.nonce);
  SetInteger(L, "Timestamp", m.timestamp);
  SetInteger(L, "Block-Height", m.block_height);
  SetString(L, "Hash-Chain", m.hash_chain);
  lua_pushboolean(L, m.cron);
  lua_setfield(L, -2, "Cron");
  if (m.read_only) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "Read-Only");
  }
}

void PushEnvTable(lua_State* L, const ProcessEnv& env) {
  lua_createtable(L, 0, 2);
  lua_createtable(L, 0, 3);
  SetString(L, "Id", env.id);
  SetString(L, "Owner", env.owner);
  PushTagList(L, env.tags);
  lua_setfield(L, -2, "Tags");
  lua_setfield(L, -2, "Process");
  lua_createtable(L, 0, 3);
  SetString(L, "Id", env.module_id);
  SetString(L, "Owner", env.module_owner);
  PushTagList(L, env.module_tags);
  lua_setfield(L, -2, "Tags");
  lua_setfield(L, -2, "Module");
}

void ReadResultTable(lua_State* L, int index, EvalResult& result) {
  index = lua_absindex(L, index);
  if (!lua_istable(L, index)) {
    result.error = std::string("handle() returned ") + luaL_typename(L, index) + ", not a result table";
    return;
  }
  lua_getfield(L, index, "Error");
  if (!lua_isnil(L, -1)) {
    result.error = lua_type(L, -1) == LUA_TSTRING ? std::string(lua_tostring(L, -1))
                                                  : LuaToJsonText(L, -1);
  }
  lua_pop(L, 1);
  lua_getfield(L, index, "Output");
  if (!lua_isnil(L, -1)) result.output_json = LuaToJsonText(L, -1);
  lua_pop(L, 1);
  if (result.error) return;  // an Error result discards the outbox, as aos and the CU do
  result.messages = ReadOutbox(L, index, "Messages");
  result.spawns = ReadOutbox(L, index, "Spawns");
  result.assignments = ReadAssignments(L, index);
}

}  // namespace aokit::emu
