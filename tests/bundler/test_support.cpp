#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace aokit::bundle::testing {
namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const fs::path& p, const std::string& text) {
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

fs::path TestData() { return AOKIT_BUNDLER_TESTDATA; }
fs::path Corpus() { return AOKIT_BUNDLER_CORPUS; }
std::string LuaBinary() { return AOKIT_LUA_BIN; }

std::vector<fs::path> LuaFilesUnder(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".lua") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void ExpectGolden(const fs::path& golden, const std::string& actual) {
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    if (!fs::exists(golden) || ReadFile(golden) != actual) WriteFile(golden, actual);
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << "missing golden " << golden << " (run with UPDATE_GOLDEN=1)";
  EXPECT_EQ(ReadFile(golden), actual) << "golden " << golden;
}

RunResult RunShell(const std::string& command, const fs::path& cwd) {
  std::string line = "cd '" + cwd.string() + "' && { " + command + " ; } 2>&1";
  RunResult r;
  FILE* p = popen(line.c_str(), "r");
  if (!p) return {127, "popen failed"};
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
  return r;
}

}  // namespace aokit::bundle::testing
