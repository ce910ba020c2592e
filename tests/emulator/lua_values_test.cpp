// LuaToJsonText must give exactly DumpJson(LuaToJson(...)): the fast writer is only a
// shortcut, and result Output text is compared byte for byte across runs.
#include "lua_values.h"

#include <gtest/gtest.h>

#include <string>

namespace aokit::emu {
namespace {

class LuaValuesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    L = luaL_newstate();
    luaL_openlibs(L);
  }
  void TearDown() override { lua_close(L); }

  // Evaluates `return <expression>` and compares the two serializations of its value.
  void ExpectSameJson(const std::string& expression) {
    std::string code = "return " + expression;
    ASSERT_EQ(luaL_dostring(L, code.c_str()), LUA_OK) << lua_tostring(L, -1);
    int top = lua_gettop(L);
    std::string slow = DumpJson(LuaToJson(L, -1));
    std::string fast = LuaToJsonText(L, -1);
    EXPECT_EQ(fast, slow) << expression;
    EXPECT_EQ(lua_gettop(L), top) << "stack changed for " << expression;
    lua_settop(L, 0);
  }

  lua_State* L = nullptr;
};

TEST_F(LuaValuesTest, ScalarsMatchTheGeneralConverter) {
  for (const char* e : {"nil", "true", "false", "0", "-1", "math.maxinteger", "math.mininteger", "1.5",
                        "1e300", "0/0", "-(0/0)", "1/0", "3.0", "''", "'plain'", "print"})
    ExpectSameJson(e);
}

TEST_F(LuaValuesTest, StringEscapesMatch) {
  for (const char* e : {R"('quote " and backslash \\ and slash /')", R"('\b\f\n\r\t')", R"('\0\1\31\127 del')",
                        R"('\27[31mred\27[0m')", R"('caf\195\169')", R"('bad \255 utf8')", R"('\226\130')",
                        R"(string.rep('x', 5000))"})
    ExpectSameJson(e);
}

TEST_F(LuaValuesTest, TablesMatch) {
  for (const char* e : {"{}", "{1, 2, 3}", "{'a', {b = 'c'}, true}", "{ data = 'x', prompt = '\\27[32maos> ', print = true }",
                        "{ [1] = 'a', [3] = 'c' }", "{ [1] = 'a', x = 1 }", "{ [2.5] = 'f' }", "{ [true] = 1 }",
                        "{ z = 1, a = 2, m = { y = {}, b = {1} } }", "{ ['\\255'] = 1 }", "{ ['k\\n'] = 'v' }",
                        "setmetatable({}, { __tostring = function() return 'T' end })",
                        "{ f = print }", "{ 1.25 }"})
    ExpectSameJson(e);
}

TEST_F(LuaValuesTest, CyclesAndDepthFallBackToTheGeneralConverter) {
  ExpectSameJson("(function() local t = {}; t.self = t; return t end)()");
  ExpectSameJson("(function() local t = {}; local c = t; for i = 1, 30 do c.n = {}; c = c.n end; return t end)()");
  ExpectSameJson("(function() local t = {}; local c = t; for i = 1, 100 do c[1] = {}; c = c[1] end; return t end)()");
}

}  // namespace
}  // namespace aokit::emu
