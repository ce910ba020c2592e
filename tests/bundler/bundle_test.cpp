// Faithful emission: bundles behave like the unbundled program (order of module execution,
// arguments, cycles, errors with the original chunk names and lines in debug mode), and the
// helper locals never capture a module's globals. Also the planner's grouping policy.
#include <gtest/gtest.h>
#include <unistd.h>

#include "aokit/bundle/bundle.h"
#include "aokit/bundle/planner.h"
#include "test_support.h"

namespace aokit::bundle {
namespace {
namespace fs = std::filesystem;

std::string Flat(std::string name) {  // "Case/Debug" → "Case_Debug"
  for (char& c : name)
    if (c == '/') c = '_';
  return name;
}

class BundleTest : public ::testing::TestWithParam<Mode> {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("aokit_bundle_" + std::to_string(getpid()) + "_" + std::to_string(static_cast<int>(GetParam())) + "_" +
             Flat(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& text) { testing::WriteFile(root_ / rel, text); }

  // Runs main.lua unbundled and bundled; returns {plain, bundled} outputs (stdout+stderr).
  std::pair<std::string, std::string> Both() {
    ResolveOptions o;
    o.root = root_;
    o.templates = {"?.lua", "?/init.lua"};
    auto r = BundleEntry("main.lua", o, {GetParam(), true});
    EXPECT_TRUE(r) << (r ? "" : RenderAll(r.error()));
    if (!r) return {};
    testing::WriteFile(root_ / "out" / "bundle.lua", r->files[0].text);
    std::string lua = "'" + testing::LuaBinary() + "'";
    auto plain = testing::RunShell(lua + " -e \"package.path='?.lua;?/init.lua'\" main.lua x y", root_);
    auto bundled = testing::RunShell(lua + " -e \"package.path=''\" out/bundle.lua x y", root_);
    return {std::to_string(plain.status) + "\n" + plain.out, std::to_string(bundled.status) + "\n" + bundled.out};
  }
  fs::path root_;
};

TEST_P(BundleTest, LazyOrderArgumentsAndEntryLast) {
  Write("main.lua", "print('main start', ...)\nlocal a = require('a')\nprint('main got', a.name, a.file)\n"
                    "print(require('b') == require('b'))\nreturn 'done'\n");
  Write("a.lua", "local name, file = ...\nprint('a runs', name, file)\nreturn { name = name, file = file }\n");
  Write("b.lua", "print('b runs once')\nlocal t = {}\nreturn t\n");
  Write("unused.lua", "print('never')\n");
  auto [plain, bundled] = Both();
  EXPECT_EQ(plain, bundled);
  EXPECT_NE(plain.find("main start\tx\ty"), std::string::npos) << plain;
}

TEST_P(BundleTest, LazyCyclesBehaveAsPlainLua) {
  Write("main.lua", "local app = require('app')\nprint(app.route())\n");
  Write("app.lua", "local M = {}\nfunction M.name() return 'app' end\n"
                   "function M.route() return require('router').go() end\nreturn M\n");
  Write("router.lua", "local app = require('app')\nreturn { go = function() return 'via ' .. app.name() end }\n");
  auto [plain, bundled] = Both();
  EXPECT_EQ(plain, bundled);
  EXPECT_NE(plain.find("via app"), std::string::npos);
}

TEST_P(BundleTest, ErrorsKeepChunkNamesAndLinesInDebug) {
  Write("main.lua", "local m = require('lib.m')\nprint(pcall(m.boom))\nm.boom()\n");
  Write("lib/m.lua", "local M = {}\n\n-- line 3\nfunction M.boom()\n  error('boom at line 5')\nend\nreturn M\n");
  auto [plain, bundled] = Both();
  EXPECT_NE(plain.find("lib/m.lua:5: boom at line 5"), std::string::npos) << plain;
  if (GetParam() == Mode::Debug) {
    // identical first lines (the traceback of the bundle has extra tail-call frames)
    EXPECT_EQ(plain.substr(0, plain.find("stack traceback")), bundled.substr(0, bundled.find("stack traceback")));
  } else {
    EXPECT_NE(bundled.find("boom at line 5"), std::string::npos);
    EXPECT_EQ(plain.substr(0, 2), bundled.substr(0, 2));  // same exit status
  }
}

TEST_P(BundleTest, HelperNamesNeverCaptureGlobals) {
  Write("main.lua", "P, D, P1 = 'gp', 'gd', 'gp1'\nprint(require('g'))\n");
  Write("g.lua", "return P .. D .. P1 .. tostring(D1)\n");
  auto [plain, bundled] = Both();
  EXPECT_EQ(plain, bundled);
  EXPECT_NE(plain.find("gpgdgp1nil"), std::string::npos);
}

TEST_P(BundleTest, Lua53OperatorsSurviveMinification) {
  Write("main.lua", "local m = require('ops')\nprint(m(7, 3))\n");
  Write("ops.lua", "return function(a, b)\n  return a // b, a & b, a | b, a ~ b, ~a, a << b, a >> 1, 2^-b, -a^2, (a .. b) + 0, 0x1p4\nend\n");
  auto [plain, bundled] = Both();
  EXPECT_EQ(plain, bundled);
}

INSTANTIATE_TEST_SUITE_P(Modes, BundleTest, ::testing::Values(Mode::Debug, Mode::Release),
                         [](const auto& info) { return info.param == Mode::Debug ? "Debug" : "Release"; });

TEST(Planner, GroupsByProcessSetAndAppliesPolicy) {
  std::map<std::string, std::set<std::string>> closures = {
      {"a", {"core", "ab", "abc", "tiny_ac", "only_a"}},
      {"b", {"core", "ab", "abc"}},
      {"c", {"core", "abc", "only_c", "tiny_ac"}},
  };
  auto bytes = [](const std::string& m) -> std::uint64_t { return m.rfind("tiny", 0) == 0 ? 10 : 10000; };
  RuntimePolicy policy;
  Plan p = PlanShared(closures, bytes, policy);
  EXPECT_EQ(p.runtime, (std::vector<std::string>{"abc", "core"}));
  ASSERT_EQ(p.chunks.size(), 1u);  // {a,b}: "ab"; {a,c}: "tiny_ac" is below min_chunk_size → copied into shells
  EXPECT_EQ(p.chunks[0].modules, std::vector<std::string>{"ab"});
  EXPECT_EQ(p.chunks[0].processes, (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(p.own["a"], (std::vector<std::string>{"only_a", "tiny_ac"}));
  EXPECT_TRUE(p.own["b"].empty());
  EXPECT_EQ(p.own["c"], (std::vector<std::string>{"only_c", "tiny_ac"}));

  policy.min_processes = 2;  // "shared by two or more" goes to the runtime
  Plan q = PlanShared(closures, bytes, policy);
  EXPECT_EQ(q.runtime, (std::vector<std::string>{"ab", "abc", "core", "tiny_ac"}));
  EXPECT_TRUE(q.chunks.empty());
}

TEST(Planner, BoundsChunksPerProcess) {
  std::map<std::string, std::set<std::string>> closures;
  // process "hub" shares a distinct module with each of 5 others → 5 two-process chunks
  for (int i = 0; i < 5; ++i) {
    std::string other = "p" + std::to_string(i), mod = "m" + std::to_string(i);
    closures["hub"].insert(mod);
    closures[other].insert(mod);
  }
  RuntimePolicy policy;
  policy.min_chunk_bytes = 1;
  policy.max_chunks_per_process = 2;
  Plan p = PlanShared(closures, [](const std::string&) { return 100; }, policy);
  EXPECT_LE(p.chunks_of["hub"].size(), 2u);
  std::set<std::string> all;
  for (const auto& c : p.chunks) all.insert(c.modules.begin(), c.modules.end());
  EXPECT_EQ(all.size(), 5u);  // nothing lost by merging
}

}  // namespace
}  // namespace aokit::bundle
