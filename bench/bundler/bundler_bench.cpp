// bundler_bench PROJECT_DIR RUNS OUT_JSON: bundles the project RUNS times in release mode
// (median wall and CPU time), measures parse throughput over every .lua file, records sizes in
// debug and release, and each module's release-minified size (for the luamin comparison).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "aokit/bundle/bundle.h"
#include "aokit/bundle/emitter.h"
#include "aokit/bundle/normalize.h"
#include "aokit/bundle/parser.h"
#include "aokit/bundle/scopes.h"

namespace fs = std::filesystem;
namespace ab = aokit::bundle;

namespace {

double CpuMs() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}
double WallMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

nlohmann::json Sizes(const ab::BundleResult& r) {
  nlohmann::json files = nlohmann::json::object();
  for (const auto& f : r.files) files[f.path] = {{"kind", f.kind}, {"bytes", f.text.size()}, {"modules", f.modules.size()}};
  nlohmann::json procs = nlohmann::json::object();
  for (const auto& p : r.processes)
    procs[p.name] = {{"shell", p.shell_bytes}, {"loaded", p.loaded_bytes}, {"self_contained", p.self_contained_bytes}};
  return {{"files", files}, {"processes", procs}, {"totals", r.manifest["totals"]}};
}

}  // namespace

// bundler_bench --compare-luamin PROJECT_DIR LUAMIN_DIR OUT_JSON: for each file luamin minified,
// whether its output means the same as the source (reparsed, normalised ASTs equal), and sizes.
int CompareLuamin(const fs::path& root, const fs::path& lm_dir, const char* out_path) {
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  auto form = [](const std::string& name, const std::string& src, std::string* minified) -> std::string {
    auto c = ab::Parse(name, src);
    if (!c) return "";
    ab::ResolveScopes(**c);
    std::string f = ab::NormalForm((*c)->body);
    if (minified) {
      ab::RenameLocals(**c);
      *minified = ab::EmitBlock((*c)->body, ab::EmitStyle::Dense);
    }
    return f;
  };
  nlohmann::json out = nlohmann::json::object();
  for (const auto& e : fs::recursive_directory_iterator(lm_dir)) {
    if (!e.is_regular_file()) continue;
    std::string rel = fs::relative(e.path(), lm_dir).string();
    std::string ours;
    std::string want = form(rel, read(root / rel), &ours);
    std::string theirs = read(e.path());
    std::string got = form(rel, theirs, nullptr);
    out[rel] = {{"source", fs::file_size(root / rel)}, {"aokit", ours.size()}, {"luamin", theirs.size()},
                {"luamin_parses", !got.empty()}, {"luamin_same_meaning", !got.empty() && got == want}};
  }
  std::ofstream(out_path) << out.dump(1) << "\n";
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "--compare-luamin") return CompareLuamin(argv[2], argv[3], argv[4]);
  if (argc != 4) {
    std::fprintf(stderr, "usage: bundler_bench PROJECT_DIR RUNS OUT_JSON\n");
    return 2;
  }
  fs::path dir = argv[1];
  int runs = std::max(1, std::atoi(argv[2]));
  auto project = ab::LoadProject(dir / "aokit.toml");
  if (!project) {
    std::fprintf(stderr, "%s", ab::Render(project.error()).c_str());
    return 1;
  }
  nlohmann::json out;
  std::vector<double> wall, cpu;
  tl::expected<ab::BundleResult, std::vector<ab::Diagnostic>> release;
  for (int i = 0; i < runs; ++i) {
    double w = WallMs(), c = CpuMs();
    release = ab::BundleProject(*project, {ab::Mode::Release, false});
    wall.push_back(WallMs() - w);
    cpu.push_back(CpuMs() - c);
    if (!release) {
      std::fprintf(stderr, "%s", ab::RenderAll(release.error()).c_str());
      return 1;
    }
  }
  out["bundle_release"] = {{"runs", runs}, {"median_wall_ms", Median(wall)}, {"median_cpu_ms", Median(cpu)}};
  auto debug = ab::BundleProject(*project, {ab::Mode::Debug, false});
  if (!debug) return 1;
  out["sizes_release"] = Sizes(*release);
  out["sizes_debug"] = Sizes(*debug);

  // parse throughput: every .lua file of the project, in memory
  std::vector<std::string> sources;
  std::uint64_t bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".lua") continue;
    if (fs::relative(e.path(), dir).string().rfind("build/", 0) == 0) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    bytes += s.str().size();
    sources.push_back(s.str());
  }
  std::vector<double> parse_cpu;
  for (int i = 0; i < runs; ++i) {
    double c = CpuMs();
    for (const auto& src : sources) {
      auto chunk = ab::Parse("x.lua", src);
      if (!chunk) return 1;
    }
    parse_cpu.push_back(CpuMs() - c);
  }
  double ms = Median(parse_cpu);
  out["parse"] = {{"files", sources.size()}, {"bytes", bytes}, {"median_cpu_ms", ms},
                  {"mb_per_s", static_cast<double>(bytes) / 1e3 / ms}};
  nlohmann::json mods = nlohmann::json::object();
  for (const auto& m : release->modules)
    mods[m.chunk_path] = {{"source", m.source.size()}, {"minified", m.emitted.size()}};
  out["modules_release"] = mods;
  std::ofstream(argv[3]) << out.dump(2) << "\n";
  return 0;
}
