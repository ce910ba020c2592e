// Module resolution: every require form, externals, dynamic hints, and bad input reported with
// file:line (all missing modules at once).
#include <gtest/gtest.h>
#include <unistd.h>

#include "aokit/bundle/module_graph.h"
#include "test_support.h"

namespace aokit::bundle {
namespace {
namespace fs = std::filesystem;

class GraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("aokit_graph_" + std::to_string(getpid()) + "_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    opt_.root = root_;
    opt_.templates = {"?.lua", "?/init.lua"};
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& text) { testing::WriteFile(root_ / rel, text); }
  tl::expected<ModuleGraph, std::vector<Diagnostic>> Build(const std::string& entry = "main.lua") {
    return BuildModuleGraph({entry}, opt_);
  }
  fs::path root_;
  ResolveOptions opt_;
};

TEST_F(GraphTest, EveryStaticForm) {
  Write("main.lua",
        "local a = require('a')\nlocal b = require \"b\"\nlocal c = require 'c'\n"
        "local ok, d = pcall(require, 'd')\nlocal ok2 = pcall(require, 'absent')\n"
        "local load = require\nlocal e = load('e')\nlocal f = require('.f')\n"
        "local s = 'require(\"not.a.module\")' -- require('neither')\n");
  for (const char* m : {"a", "b", "c", "d", "e"}) Write(std::string(m) + ".lua", "return 1\n");
  Write("f/init.lua", "return 2\n");
  auto g = Build();
  ASSERT_TRUE(g) << RenderAll(g.error());
  std::set<std::string> want = {"main.lua", "a", "b", "c", "d", "e", ".f"};
  EXPECT_EQ(g->Closure("main.lua"), want);
  EXPECT_EQ(g->modules.at(".f")->chunk_path, "f/init.lua");
}

TEST_F(GraphTest, AllMissingModulesAtOnceWithPlaces) {
  Write("main.lua", "local a = require 'missing.one'\n\nlocal b = require('missing.two')\n");
  auto g = Build();
  ASSERT_FALSE(g);
  std::string text = RenderAll(g.error());
  EXPECT_EQ(text,
            "main.lua:1:11: module 'missing.one' not found:\n\tno file 'missing/one.lua'\n\tno file 'missing/one/init.lua'\n"
            "local a = require 'missing.one'\n          ^\n"
            "main.lua:3:11: module 'missing.two' not found:\n\tno file 'missing/two.lua'\n\tno file 'missing/two/init.lua'\n"
            "local b = require('missing.two')\n          ^\n");
}

TEST_F(GraphTest, DynamicRequiresNeedAHint) {
  Write("main.lua", "local kind = ...\nreturn require('moves.' .. kind)\n");
  Write("moves/fire.lua", "return 'fire'\n");
  Write("moves/water/init.lua", "return 'water'\n");
  auto bad = Build();
  ASSERT_FALSE(bad);
  EXPECT_NE(RenderAll(bad.error()).find("main.lua:2:8: dynamic require ('moves.' .. …) has no hint"), std::string::npos);
  opt_.dynamic = {"moves.*"};
  auto g = Build();
  ASSERT_TRUE(g) << RenderAll(g.error());
  EXPECT_EQ(g->Closure("main.lua"), (std::set<std::string>{"main.lua", "moves.fire", "moves.water"}));
}

TEST_F(GraphTest, ExternalsAreNeverBundledAndWarnWhenPresent) {
  Write("main.lua", "local json = require('json')\nlocal s = require('string')\n");
  Write("json.lua", "return {}\n");
  opt_.externals = {"json"};
  auto g = Build();
  ASSERT_TRUE(g);
  EXPECT_EQ(g->Closure("main.lua"), std::set<std::string>{"main.lua"});
  ASSERT_EQ(g->warnings.size(), 1u);
  EXPECT_NE(g->warnings[0].message.find("external"), std::string::npos);
}

TEST_F(GraphTest, ConflictingFilesWarnAndTheFirstTemplateWins) {
  Write("main.lua", "require('dup')\n");
  Write("dup.lua", "return 1\n");
  Write("dup/init.lua", "return 2\n");
  auto g = Build();
  ASSERT_TRUE(g);
  EXPECT_EQ(g->modules.at("dup")->chunk_path, "dup.lua");
  ASSERT_EQ(g->warnings.size(), 1u);
  EXPECT_NE(g->warnings[0].message.find("found twice"), std::string::npos);
}

TEST_F(GraphTest, CyclesResolve) {
  Write("main.lua", "require('a')\n");
  Write("a.lua", "local b = require('b')\nreturn {}\n");
  Write("b.lua", "return { f = function() return require('a') end }\n");
  auto g = Build();
  ASSERT_TRUE(g);
  EXPECT_EQ(g->Closure("main.lua"), (std::set<std::string>{"main.lua", "a", "b"}));
}

TEST_F(GraphTest, LoadTimeCyclesWarnLazyOnesDoNot) {
  Write("main.lua", "require('a')\nrequire('x')\n");
  Write("a.lua", "local b = require('b')\nreturn {}\n");
  Write("b.lua", "local a = require('a')\nreturn {}\n");
  Write("x.lua", "local y = require('y')\nreturn {}\n");
  Write("y.lua", "return { f = function() return require('x') end }\n");
  auto g = Build();
  ASSERT_TRUE(g);
  ASSERT_EQ(g->warnings.size(), 1u) << RenderAll(g->warnings);
  EXPECT_EQ(Render(g->warnings[0]),
            "b.lua:1:11: warning: require cycle at load time (a -> b -> a): plain Lua recurses until the C stack "
            "overflows; require one side lazily\nlocal a = require('a')\n          ^\n");
}

TEST_F(GraphTest, SyntaxErrorsAndSymlinksAndNonUtf8) {
  Write("real/m.lua", "return 'x\xff'\n");
  fs::create_symlink(root_ / "real" / "m.lua", root_ / "m.lua");
  Write("main.lua", "require('m')\nrequire('broken')\n");
  Write("broken.lua", "local = 1\n");
  auto g = Build();
  ASSERT_FALSE(g);
  std::string text = RenderAll(g.error());
  EXPECT_NE(text.find("broken.lua:1:7: <name> expected near '='"), std::string::npos) << text;
  EXPECT_NE(text.find("m.lua:1:10: warning: invalid UTF-8 byte"), std::string::npos) << text;
}

TEST_F(GraphTest, HugeFilesAreRefused) {
  Write("main.lua", "require('big')\n");
  Write("big.lua", "return '" + std::string(2000, 'x') + "'\n");
  opt_.max_file_bytes = 1000;
  auto g = Build();
  ASSERT_FALSE(g);
  EXPECT_NE(RenderAll(g.error()).find("big.lua: file too large"), std::string::npos);
}

}  // namespace
}  // namespace aokit::bundle
