#include "lua_values.h"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <unordered_set>


namespace aokit::emu {
AOKIT_LUA_ABI_BEGIN
namespace {

constexpr int kMaxDepth = 64;

bool IsSequence(lua_State* L, int index, lua_Integer& length) {
  length = static_cast<lua_Integer>(lua_rawlen(L, index));
  lua_Integer count = 0;
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    lua_pop(L, 1);
    if (!lua_isinteger(L, -1)) {
      lua_pop(L, 1);
      return false;
    }
    lua_Integer k = lua_tointeger(L, -1);
    if (k < 1 || k > length) {
      lua_pop(L, 1);
      return false;
    }
    ++count;
  }
  return count == length;
}

nlohmann::json Convert(lua_State* L, int index, int depth, std::unordered_set<const void*>& seen) {
  index = lua_absindex(L, index);
  switch (lua_type(L, index)) {
    case LUA_TNIL:
      return nullptr;
    case LUA_TBOOLEAN:
      return static_cast<bool>(lua_toboolean(L, index));
    case LUA_TNUMBER:
      if (lua_isinteger(L, index)) return static_cast<std::int64_t>(lua_tointeger(L, index));
      return lua_tonumber(L, index);
    case LUA_TSTRING: {
      std::size_t len = 0;
      const char* s = lua_tolstring(L, index, &len);
      return std::string(s, len);
    }
    case LUA_TTABLE: {
      const void* ptr = lua_topointer(L, index);
      // Each level keeps a few values on the Lua stack: make room (the C stack is bounded by kMaxDepth).
      if (depth > kMaxDepth || seen.count(ptr) || !lua_checkstack(L, 4)) return "<cycle>";
      if (luaL_getmetafield(L, index, "__tostring") != LUA_TNIL) {  // e.g. bint values
        lua_pop(L, 1);
        return ToDisplayString(L, index);
      }
      seen.insert(ptr);
      lua_Integer length = 0;
      nlohmann::json out;
      if (IsSequence(L, index, length) && length > 0) {
        out = nlohmann::json::array();
        for (lua_Integer i = 1; i <= length; ++i) {
          lua_rawgeti(L, index, i);
          out.push_back(Convert(L, -1, depth + 1, seen));
          lua_pop(L, 1);
        }
      } else {
        out = nlohmann::json::object();
        lua_pushnil(L);
        while (lua_next(L, index) != 0) {
          lua_pushvalue(L, -2);
          std::string key = ToDisplayString(L, -1);
          lua_pop(L, 1);
          out[key] = Convert(L, -1, depth + 1, seen);
          lua_pop(L, 1);
        }
      }
      seen.erase(ptr);
      return out;
    }
    default:
      return std::string("<") + lua_typename(L, lua_type(L, index)) + ">";
  }
}

// The fast path of LuaToJsonText: false when the value needs the general converter (floats,
// non-ASCII strings, non-string keys, metatables with __tostring, deep or cyclic tables).
constexpr int kFastMaxDepth = 16;

bool NeedsEscape(unsigned char byte) { return byte < 0x20 || byte == '"' || byte == '\\' || byte >= 0x80; }

bool AppendAsciiString(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (!NeedsEscape(byte)) continue;
    if (byte >= 0x80) return false;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[byte >> 4];
        out += kHex[byte & 0xF];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
  return true;
}

bool AppendFast(lua_State* L, int index, int depth, std::string& out);

bool AppendTable(lua_State* L, int index, int depth, std::string& out) {
  if (depth > kFastMaxDepth || !lua_checkstack(L, 4)) return false;
  if (luaL_getmetafield(L, index, "__tostring") != LUA_TNIL) {
    lua_pop(L, 1);
    return false;
  }
  lua_Integer length = 0;
  if (IsSequence(L, index, length) && length > 0) {
    out += '[';
    for (lua_Integer i = 1; i <= length; ++i) {
      if (i > 1) out += ',';
      lua_rawgeti(L, index, i);
      bool ok = AppendFast(L, lua_gettop(L), depth + 1, out);
      lua_pop(L, 1);
      if (!ok) return false;
    }
    out += ']';
    return true;
  }
  // Objects come out in byte order of their keys, as the JSON library's std::map orders them.
  std::vector<std::string_view> keys;  // the text stays owned by the table's keys
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING) {
      lua_pop(L, 1);
      return false;
    }
    std::size_t len = 0;
    const char* key = lua_tolstring(L, -1, &len);
    keys.emplace_back(key, len);
  }
  std::sort(keys.begin(), keys.end());
  out += '{';
  bool first = true;
  for (std::string_view key : keys) {
    if (!first) out += ',';
    first = false;
    if (!AppendAsciiString(key, out)) return false;
    out += ':';
    lua_pushlstring(L, key.data(), key.size());
    lua_rawget(L, index);
    bool ok = AppendFast(L, lua_gettop(L), depth + 1, out);
    lua_pop(L, 1);
    if (!ok) return false;
  }
  out += '}';
  return true;
}

bool AppendFast(lua_State* L, int index, int depth, std::string& out) {
  switch (lua_type(L, index)) {
    case LUA_TNIL:
      out += "null";
      return true;
    case LUA_TBOOLEAN:
      out += lua_toboolean(L, index) ? "true" : "false";
      return true;
    case LUA_TNUMBER: {
      if (!lua_isinteger(L, index)) return false;
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<std::int64_t>(lua_tointeger(L, index)));
      out.append(buf, static_cast<std::size_t>(end - buf));
      return ec == std::errc();
    }
    case LUA_TSTRING: {
      std::size_t len = 0;
      const char* s = lua_tolstring(L, index, &len);
      return AppendAsciiString(std::string_view(s, len), out);
    }
    case LUA_TTABLE:
      return AppendTable(L, index, depth, out);
    default:
      return false;
  }
}

}  // namespace

std::string LuaToJsonText(lua_State* L, int index) {
  index = lua_absindex(L, index);
  int top = lua_gettop(L);
  std::string out;
  bool fast = AppendFast(L, index, 0, out);
  lua_settop(L, top);
  return fast ? out : DumpJson(LuaToJson(L, index));
}

nlohmann::json LuaToJson(lua_State* L, int index) {
  std::unordered_set<const void*> seen;
  return Convert(L, index, 0, seen);
}

void PushJson(lua_State* L, const nlohmann::json& value) {
  luaL_checkstack(L, 4, "PushJson");
  switch (value.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      lua_pushnil(L);
      break;
    case nlohmann::json::value_t::boolean:
      lua_pushboolean(L, value.get<bool>());
      break;
    case nlohmann::json::value_t::number_integer:
      lua_pushinteger(L, value.get<std::int64_t>());
      break;
    case nlohmann::json::value_t::number_unsigned:
      lua_pushinteger(L, static_cast<lua_Integer>(value.get<std::uint64_t>()));
      break;
    case nlohmann::json::value_t::number_float:
      lua_pushnumber(L, value.get<double>());
      break;
    case nlohmann::json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      lua_pushlstring(L, s.data(), s.size());
      break;
    }
    case nlohmann::json::value_t::binary:
      lua_pushlstring(L, reinterpret_cast<const char*>(value.get_binary().data()),
                      value.get_binary().size());
      break;
    case nlohmann::json::value_t::array: {
      lua_createtable(L, static_cast<int>(value.size()), 0);
      lua_Integer i = 1;
      for (const auto& item : value) {
        PushJson(L, item);
        lua_rawseti(L, -2, i++);
      }
      break;
    }
    case nlohmann::json::value_t::object:
      lua_createtable(L, 0, static_cast<int>(value.size()));
      for (const auto& [key, item] : value.items()) {
        PushJson(L, item);
        lua_setfield(L, -2, key.c_str());
      }
      break;
  }
}

void PushTagList(lua_State* L, const std::vector<Tag>& tags) {
  lua_createtable(L, static_cast<int>(tags.size()), 0);
  lua_Integer i = 1;
  for (const auto& tag : tags) {
    lua_createtable(L, 0, 2);
    lua_pushlstring(L, tag.name.data(), tag.name.size());
    lua_setfield(L, -2, "name");
    lua_pushlstring(L, tag.value.data(), tag.value.size());
    lua_setfield(L, -2, "value");
    lua_rawseti(L, -2, i++);
  }
}

std::vector<Tag> ReadTagList(lua_State* L, int index) {
  index = lua_absindex(L, index);
  std::vector<Tag> tags;
  if (!lua_istable(L, index)) return tags;
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
  if (n > 0) {
    for (lua_Integer i = 1; i <= n; ++i) {
      lua_rawgeti(L, index, i);
      if (lua_istable(L, -1)) {
        lua_getfield(L, -1, "name");
        lua_getfield(L, -2, "value");
        if (!lua_isnil(L, -2)) tags.push_back({ToDisplayString(L, -2), ToDisplayString(L, -1)});
        lua_pop(L, 2);
      }
      lua_pop(L, 1);
    }
    return tags;
  }
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    if (lua_type(L, -2) == LUA_TSTRING) tags.push_back({lua_tostring(L, -2), ToDisplayString(L, -1)});
    lua_pop(L, 1);
  }
  std::sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) { return a.name < b.name; });
  return tags;
}

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ToDisplayString(lua_State* L, int index) {
  std::size_t len = 0;
  const char* s = luaL_tolstring(L, index, &len);
  std::string out(s, len);
  lua_pop(L, 1);
  return out;
}

AOKIT_LUA_ABI_END
}  // namespace aokit::emu
