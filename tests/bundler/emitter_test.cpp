// Emitters: goldens, and the round-trip property parse → emit → parse gives the same AST, on the
// test files, the generated corpus and Debian's Lua libraries; renamed output compares equal
// after alpha-normalisation.
#include <gtest/gtest.h>
#include <unistd.h>

#include "aokit/bundle/emitter.h"
#include "aokit/bundle/normalize.h"
#include "aokit/bundle/parser.h"
#include "aokit/bundle/scopes.h"
#include "test_support.h"

namespace aokit::bundle {
namespace {
namespace fs = std::filesystem;
using testing::ReadFile;

// Returns "" when the round trip holds, else a description.
std::string RoundTrip(const std::string& name, const std::string& src) {
  auto first = Parse(name, src);
  if (!first) return "parse: " + Render(first.error());
  ResolveScopes(**first);
  std::string want = NormalForm((*first)->body);
  for (EmitStyle style : {EmitStyle::Dense, EmitStyle::Readable}) {
    std::string text = EmitBlock((*first)->body, style);
    auto again = Parse(name, text);
    if (!again) return "reparse: " + Render(again.error());
    ResolveScopes(**again);
    if (NormalForm((*again)->body) != want) return "AST differs after emit (" + text.substr(0, 200) + ")";
  }
  RenameLocals(**first);
  std::string renamed = EmitBlock((*first)->body, EmitStyle::Dense);
  auto third = Parse(name, renamed);
  if (!third) return "reparse renamed: " + Render(third.error());
  ResolveScopes(**third);
  if (NormalForm((*third)->body) != want) return "AST differs after renaming";
  return "";
}

TEST(Emitter, Goldens) {
  for (const auto& file : testing::LuaFilesUnder(testing::TestData() / "emit")) {
    auto r = Parse(file.filename().string(), ReadFile(file));
    ASSERT_TRUE(r) << Render(r.error());
    fs::path base = file;
    base.replace_extension();
    testing::ExpectGolden(base.string() + ".dense.expected", EmitBlock((*r)->body, EmitStyle::Dense));
    testing::ExpectGolden(base.string() + ".readable.expected", EmitBlock((*r)->body, EmitStyle::Readable));
    RenameLocals(**r);
    testing::ExpectGolden(base.string() + ".renamed.expected", EmitBlock((*r)->body, EmitStyle::Dense));
  }
}

TEST(Emitter, EmittedProgramsPrintTheSame) {
  for (const auto& file : testing::LuaFilesUnder(testing::TestData() / "emit")) {
    auto r = Parse(file.filename().string(), ReadFile(file));
    ASSERT_TRUE(r);
    RenameLocals(**r);
    fs::path out = fs::temp_directory_path() / ("aokit_emit_" + std::to_string(getpid()) + "_" + file.filename().string());
    testing::WriteFile(out, EmitBlock((*r)->body, EmitStyle::Dense));
    auto a = testing::RunShell("'" + testing::LuaBinary() + "' '" + file.string() + "'");
    auto b = testing::RunShell("'" + testing::LuaBinary() + "' '" + out.string() + "'");
    EXPECT_EQ(a.status, b.status) << file;
    EXPECT_EQ(a.out, b.out) << file;
    fs::remove(out);
  }
}

TEST(Emitter, FewestParentheses) {
  auto r = Parse("p.lua", "x = (a + b) + c + (d * e) + (f .. (g .. h)) + ((-i) ^ j) + (k ^ l) ^ m + -(n ^ o)");
  ASSERT_TRUE(r);
  EXPECT_EQ(EmitBlock((*r)->body, EmitStyle::Dense), "x=a+b+c+d*e+(f..g..h)+(-i)^j+(k^l)^m+-n^o");
}

TEST(Emitter, RoundTripTestData) {
  for (const auto& file : testing::LuaFilesUnder(testing::TestData() / "emit"))
    EXPECT_EQ(RoundTrip(file.string(), ReadFile(file)), "") << file;
}

TEST(Emitter, RoundTripCorpus) {
  auto files = testing::LuaFilesUnder(testing::Corpus());
  ASSERT_GT(files.size(), 200u);
  for (const auto& file : files) EXPECT_EQ(RoundTrip(file.string(), ReadFile(file)), "") << file;
}

TEST(Emitter, RoundTripDebianLuaLibraries) {
  int n = 0;
  for (const char* dir : {"/usr/share/lua/5.3/pl", "/usr/share/lua/5.1/luacheck"}) {
    if (!fs::exists(dir)) continue;
    for (const auto& file : testing::LuaFilesUnder(dir)) {
      ++n;
      EXPECT_EQ(RoundTrip(file.string(), ReadFile(file)), "") << file;
    }
  }
  EXPECT_GT(n, 40);
}

}  // namespace
}  // namespace aokit::bundle
