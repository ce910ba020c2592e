// Size report: measures agree with the files (raw bytes, lines, bytecode from lua_dump, zstd),
// debug rows carry the release twin's size as "minified", and the JSON has its format name.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "aokit/analyze/size_report.h"

namespace aokit::analyze {
namespace {
namespace fs = std::filesystem;

TEST(Measure, BasicMeasures) {
  std::string code = "local function f(a)\n  return a + 1\nend\nreturn f(41)\n";
  EXPECT_EQ(LineCount(code), 4u);
  EXPECT_EQ(LineCount("x = 1"), 1u);
  EXPECT_GT(StrippedBytecodeBytes(code, "=t"), 0u);
  EXPECT_EQ(StrippedBytecodeBytes("local = 1", "=t"), 0u);  // does not load
  std::string big(10000, 'a');
  EXPECT_LT(ZstdBytes(big), 100u);
}

TEST(SizeReport, DebugAndReleaseOfOneBundle) {
  fs::path root = fs::temp_directory_path() / ("aokit_size_report_test_" + std::to_string(getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  std::ofstream(root / "main.lua") << "-- entry\nlocal m = require('m')\nprint(m.twice(21))\n";
  std::ofstream(root / "m.lua") << "-- a module with a long comment that minification drops\n"
                                   "local M = {}\nfunction M.twice(value)\n  return value * 2\nend\nreturn M\n";
  bundle::ResolveOptions o;
  o.root = root;
  o.templates = {"?.lua"};
  auto debug = bundle::BundleEntry("main.lua", o, {bundle::Mode::Debug, false});
  auto release = bundle::BundleEntry("main.lua", o, {bundle::Mode::Release, false});
  ASSERT_TRUE(debug && release);
  SizeReport r = MeasureBundle(*debug, *release, bundle::Mode::Debug);
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_EQ(r.files[0].m.raw, debug->files[0].text.size());
  EXPECT_EQ(r.files[0].m.minified, release->files[0].text.size());
  EXPECT_LT(r.files[0].m.minified, r.files[0].m.raw);
  EXPECT_GT(r.files[0].m.bytecode, 0u);
  EXPECT_EQ(r.files[0].m.functions, 1u);
  ASSERT_EQ(r.modules.size(), 2u);  // entry and m
  const ModuleRow& m = r.modules[1].name == "m" ? r.modules[1] : r.modules[0];
  EXPECT_EQ(m.m.lines, 6u);
  EXPECT_LT(m.m.minified, m.m.raw);
  auto j = ToJson(r);
  EXPECT_EQ(j["format"], "aokit-size-report/1");
  EXPECT_EQ(j["files"][0]["raw_bytes"], debug->files[0].text.size());
  std::string table = RenderTable(r, true);
  EXPECT_NE(table.find("bundle.lua"), std::string::npos);
  EXPECT_NE(table.find("module"), std::string::npos);
  fs::remove_all(root);
}

}  // namespace
}  // namespace aokit::analyze
