// Moves values between a lua_State and C++ (JSON trees, tag lists). Values never cross
// between two processes' states directly: they go through these C++ forms.
#pragma once

#include "lua_headers.h"

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aokit/emu/ans104.h"

struct lua_State;

namespace aokit::emu {
AOKIT_LUA_ABI_BEGIN

// Converts the value at `index`: nil → null, booleans, integers, floats, strings; a table
// whose keys are exactly 1..n → array, any other table → object (keys tostring'd, sorted by
// the JSON library); functions/userdata/threads → "<function>" etc. Cycles and depth > 64
// become "<cycle>".
nlohmann::json LuaToJson(lua_State* L, int index);

// Pushes a JSON value as a Lua value (null → nil, arrays → sequences, objects → tables).
void PushJson(lua_State* L, const nlohmann::json& value);

// Pushes `{ {name=, value=}, ... }`.
void PushTagList(lua_State* L, const std::vector<Tag>& tags);

// Reads a tag list at `index` — either `{ {name=, value=}, ... }` or a `{name = value}` map
// (map entries in sorted name order, for determinism). Non-string values are tostring'd.
std::vector<Tag> ReadTagList(lua_State* L, int index);

// DumpJson(LuaToJson(L, index)), byte for byte, without building the JSON tree for the
// common case (ASCII strings, integers, booleans, tables of those): the result's Output is
// serialized on every message.
std::string LuaToJsonText(lua_State* L, int index);

// Serializes JSON without throwing on invalid UTF-8 (bytes are replaced by U+FFFD).
std::string DumpJson(const nlohmann::json& value);

// tostring() of the value at index, as Lua's own tostring would print it.
std::string ToDisplayString(lua_State* L, int index);

AOKIT_LUA_ABI_END
}  // namespace aokit::emu
