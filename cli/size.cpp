// `aokit size`: bundles the project (or one entry) and prints the size report as a table or
// JSON; writes <out-dir>/size-report.json. A thin adapter over aokit::analyze.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "aokit/analyze/size_report.h"
#include "commands.h"
#include "resolve_options.h"

namespace aokit::cli {
namespace {
namespace fs = std::filesystem;
namespace ab = aokit::bundle;

struct SizeCliOptions {
  std::string entry;
  std::string manifest;
  std::string out_dir;
  std::vector<std::string> paths, externals, dynamic;
  bool debug = false;
  bool json = false;
  bool modules = false;
};

int RunSize(const SizeCliOptions& o) {
  ab::Mode mode = o.debug ? ab::Mode::Debug : ab::Mode::Release;
  tl::expected<ab::BundleResult, std::vector<ab::Diagnostic>> result, release;
  fs::path out_dir = o.out_dir;
  if (o.entry.empty()) {
    auto project = ab::LoadProject(o.manifest.empty() ? "aokit.toml" : o.manifest);
    if (!project) {
      std::cerr << ab::Render(project.error());
      return 1;
    }
    if (out_dir.empty()) out_dir = project->root / "build";
    result = ab::BundleProject(*project, {mode, false});
    if (result && mode == ab::Mode::Debug) release = ab::BundleProject(*project, {ab::Mode::Release, false});
  } else {
    ab::ResolveOptions r;
    for (const auto& p : o.paths)
      for (auto& t : ab::SplitTemplates(p)) r.templates.push_back(t);
    if (r.templates.empty()) r.templates = {"?.lua", "?/init.lua"};
    r.externals = {o.externals.begin(), o.externals.end()};
    r.dynamic = o.dynamic;
    result = ab::BundleEntry(o.entry, r, {mode, false});
    if (result && mode == ab::Mode::Debug) release = ab::BundleEntry(o.entry, r, {ab::Mode::Release, false});
  }
  if (!result) {
    std::cerr << ab::RenderAll(result.error());
    return 1;
  }
  const ab::BundleResult& rel = mode == ab::Mode::Release ? *result : *release;
  auto report = aokit::analyze::MeasureBundle(*result, rel, mode);
  auto json = aokit::analyze::ToJson(report);
  if (!out_dir.empty()) {
    fs::create_directories(out_dir);
    std::ofstream(out_dir / "size-report.json") << json.dump(2) << "\n";
  }
  if (o.json) std::cout << json.dump(2) << "\n";
  else std::cout << aokit::analyze::RenderTable(report, o.modules);
  return 0;
}

}  // namespace

void SetupSize(CLI::App& app) {
  auto o = std::make_shared<SizeCliOptions>();
  CLI::App* cmd = app.add_subcommand("size", "Size report: raw, minified, zstd and stripped-bytecode bytes per file, process and module");
  cmd->add_option("entry", o->entry, "Entry file (without it, aokit.toml is used)");
  cmd->add_option("--manifest", o->manifest, "Project manifest (default ./aokit.toml)");
  cmd->add_option("--out-dir", o->out_dir, "Where size-report.json goes (default <project>/build)");
  AddResolveOptions(cmd, o->paths, o->externals, o->dynamic);  // entry mode
  cmd->add_flag("--debug", o->debug, "Measure debug-mode output (default: release)");
  cmd->add_flag("--json", o->json, "Print the JSON report instead of the table");
  cmd->add_flag("--modules", o->modules, "Add the per-module breakdown to the table");
  cmd->callback([o] {
    int rc = RunSize(*o);
    if (rc != 0) ExitWith(rc);
  });
}

}  // namespace aokit::cli
