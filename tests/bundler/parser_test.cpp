// Lexer and parser: golden syntax errors (checked against luac's own verdict), and the
// constructs of Lua 5.3 the bundler must accept.
#include <gtest/gtest.h>

#include "aokit/bundle/lexer.h"
#include "aokit/bundle/normalize.h"
#include "aokit/bundle/parser.h"
#include "test_support.h"

namespace aokit::bundle {
namespace {
namespace fs = std::filesystem;
using testing::ReadFile;

std::string LuacVerdict(const fs::path& file) {
  auto r = testing::RunShell("'" + testing::LuaBinary() + "c' -p '" + file.string() + "'");
  return r.status == 0 ? "" : r.out;
}

TEST(Parser, SyntaxErrorGoldens) {
  fs::path dir = testing::TestData() / "syntax_errors";
  int cases = 0;
  for (const auto& file : testing::LuaFilesUnder(dir)) {
    ++cases;
    std::string name = "syntax_errors/" + file.filename().string();
    auto parsed = Parse(name, ReadFile(file));
    ASSERT_FALSE(parsed) << name << " parsed but should not";
    fs::path golden = file;
    golden.replace_extension(".stderr");
    testing::ExpectGolden(golden, Render(parsed.error()));
    // luac agrees that the file is bad, and on the line (luac reports a stray `break` where the
    // function ends; we point at the `break` itself)
    std::string luac = LuacVerdict(file);
    EXPECT_NE(luac, "") << name;
    if (file.filename() == "break_outside_loop.lua") continue;
    EXPECT_NE(luac.find(":" + std::to_string(parsed.error().line) + ":"), std::string::npos)
        << name << "\nluac: " << luac << "ours: " << Render(parsed.error());
  }
  EXPECT_GE(cases, 15);
}

TEST(Parser, DiagnosticPinsPlaceAndCaret) {
  auto r = Parse("m.lua", "local a = 1\nlocal b = a +* 2\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(Render(r.error()), "m.lua:2:14: unexpected symbol near '*'\nlocal b = a +* 2\n             ^\n");
}

TEST(Parser, ClosingKeywordNamesTheOpener) {
  auto r = Parse("m.lua", "while x do\n  f()\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "'end' expected (to close 'while' at line 1) near <eof>");
}

TEST(Parser, Lua53Constructs) {
  const char* src =
      "local a <const> = 1";
  EXPECT_FALSE(Parse("c.lua", src));
  const char* ok =
      "local x = 1 // 2 | 3 & 4 ~ ~5 << 1 >> 2\n"
      "goto done\n::done::\n"
      "local s = [=[a]]b]=] .. '\\z\n   x' .. \"\\x41\\u{7FF}\\65\"\n"
      "local f = function(...) local t = {...} return #t, ... end\n"
      "local o = {} function o:m() return self end\n"
      "print(0x1p-20, 0x.8, 1e-3, 3 // 0.5, 7 % -3)\n";
  auto r = Parse("ok.lua", ok);
  ASSERT_TRUE(r) << Render(r.error());
  EXPECT_EQ((*r)->body.size(), 8u);
}

TEST(Lexer, DecodesEscapesAndLongBrackets) {
  Lexer lex("s.lua", "'\\x41\\u{20AC}\\z   \n  b\\0\\97' [==[\n]]x]==] 0xA.8p1");
  Token t;
  ASSERT_TRUE(lex.Next(t));
  EXPECT_EQ(t.kind, Tok::String);
  EXPECT_EQ(t.value, std::string("A\xE2\x82\xAC" "b\0a", 7));
  ASSERT_TRUE(lex.Next(t));
  EXPECT_EQ(t.value, "]]x");
  EXPECT_EQ(t.line, 2);
  ASSERT_TRUE(lex.Next(t));
  EXPECT_EQ(t.kind, Tok::Number);
  EXPECT_EQ(t.value, "0xA.8p1");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100000, '(');
  auto r = Parse("deep.lua", "x = " + deep);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("too many syntax levels"), std::string::npos);
}

}  // namespace
}  // namespace aokit::bundle
