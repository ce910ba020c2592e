// `aokit bundle`: a thin adapter over aokit::bundle. Two forms:
//   aokit bundle [--manifest aokit.toml] [--out-dir DIR] [--release|--debug] [--verify]
//   aokit bundle ENTRY.lua -o OUT.lua [--path T]… [--external N]… [--dynamic P]… [--release|--debug] [--verify]
#include <filesystem>
#include <fstream>
#include <iostream>

#include "aokit/bundle/bundle.h"
#include "commands.h"
#include "resolve_options.h"

namespace aokit::cli {
namespace {
namespace fs = std::filesystem;
namespace ab = aokit::bundle;

struct BundleCliOptions {
  std::string entry;
  std::string output;
  std::string manifest;
  std::string out_dir;
  std::vector<std::string> paths;
  std::vector<std::string> externals;
  std::vector<std::string> dynamic;
  bool release = false;
  bool debug = false;
  bool verify = false;
  bool quiet = false;
};

bool WriteText(const fs::path& p, const std::string& text) {
  std::error_code ec;
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "aokit bundle: cannot write " << p.string() << "\n";
    return false;
  }
  return true;
}

void PrintDiagnostics(const std::vector<ab::Diagnostic>& ds) { std::cerr << ab::RenderAll(ds); }

// Files a previous run listed in its manifest (so stale runtimes/chunks do not linger).
void RemovePreviousOutputs(const fs::path& dir) {
  fs::path manifest = dir / "bundle-manifest.json";
  std::ifstream in(manifest);
  if (!in) return;
  try {
    auto j = nlohmann::json::parse(in);
    for (const auto& f : j.at("files")) {
      std::string name = f.at("path").get<std::string>();
      if (name.find('/') == std::string::npos) fs::remove(dir / name);
    }
  } catch (const std::exception&) {
  }
}

std::string Kb(std::uint64_t b) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(b) / 1000.0);
  return buf;
}

int RunFlags(const BundleCliOptions& o, ab::Mode mode) {
  if (o.output.empty()) {
    std::cerr << "aokit bundle: -o OUT.lua is required with an entry file\n";
    return 2;
  }
  ab::ResolveOptions resolve;
  resolve.root = ".";
  for (const auto& p : o.paths)
    for (auto& t : ab::SplitTemplates(p)) resolve.templates.push_back(t);
  if (resolve.templates.empty()) resolve.templates = {"?.lua", "?/init.lua"};
  resolve.externals = {o.externals.begin(), o.externals.end()};
  resolve.dynamic = o.dynamic;
  auto r = ab::BundleEntry(o.entry, resolve, {mode, o.verify});
  if (!r) {
    PrintDiagnostics(r.error());
    return 1;
  }
  PrintDiagnostics(r->warnings);
  if (!WriteText(o.output, r->files[0].text)) return 1;
  if (!o.quiet)
    std::cout << o.output << ": " << r->files[0].modules.size() << " modules, " << r->files[0].text.size()
              << " bytes" << (o.verify ? ", verified" : "") << "\n";
  return 0;
}

int RunProject(const BundleCliOptions& o, ab::Mode mode) {
  fs::path manifest = o.manifest.empty() ? fs::path("aokit.toml") : fs::path(o.manifest);
  auto project = ab::LoadProject(manifest);
  if (!project) {
    PrintDiagnostics({project.error()});
    return 1;
  }
  fs::path out_dir = o.out_dir.empty() ? project->root / "build" : fs::path(o.out_dir);
  auto r = ab::BundleProject(*project, {mode, o.verify});
  if (!r) {
    PrintDiagnostics(r.error());
    return 1;
  }
  PrintDiagnostics(r->warnings);
  RemovePreviousOutputs(out_dir);
  for (const auto& f : r->files)
    if (!WriteText(out_dir / f.path, f.text)) return 1;
  if (!WriteText(out_dir / "bundle-manifest.json", r->manifest.dump(2) + "\n")) return 1;
  if (o.quiet) return 0;
  std::printf("%-14s %10s %12s %15s %8s\n", "process", "shell", "loads", "self-contained", "modules");
  for (const auto& p : r->processes) {
    std::string flag = p.budget && p.shell_bytes > *p.budget ? "  over budget " + Kb(*p.budget) : "";
    std::printf("%-14s %10s %12s %15s %8zu%s\n", p.name.c_str(), Kb(p.shell_bytes).c_str(),
                Kb(p.loaded_bytes).c_str(), Kb(p.self_contained_bytes).c_str(), p.modules, flag.c_str());
  }
  for (const auto& f : r->files) {
    if (f.kind == "shell") continue;
    std::string flag;
    if (f.kind == "runtime" && project->runtime.budget && f.text.size() > *project->runtime.budget)
      flag = "  over budget " + Kb(*project->runtime.budget);
    std::printf("%-30s %10s %4zu modules%s\n", f.path.c_str(), Kb(f.text.size()).c_str(), f.modules.size(), flag.c_str());
  }
  const auto& t = r->manifest["totals"];
  std::printf("deployed %s (self-contained bundles: %s)%s -> %s\n",
              Kb(t["deployed_bytes"].get<std::uint64_t>()).c_str(),
              Kb(t["self_contained_bytes"].get<std::uint64_t>()).c_str(), o.verify ? ", verified" : "",
              out_dir.string().c_str());
  return 0;
}

}  // namespace

void SetupBundle(CLI::App& app) {
  auto o = std::make_shared<BundleCliOptions>();
  CLI::App* cmd = app.add_subcommand("bundle", "Bundle Lua modules: one file from an entry, or runtime + chunks + shells from aokit.toml");
  cmd->add_option("entry", o->entry, "Entry file (flags-only mode; without it, aokit.toml is used)");
  cmd->add_option("-o,--output", o->output, "Output file (flags-only mode)");
  cmd->add_option("--manifest", o->manifest, "Project manifest (default ./aokit.toml)");
  cmd->add_option("--out-dir", o->out_dir, "Output folder for project mode (default <project>/build)");
  AddResolveOptions(cmd, o->paths, o->externals, o->dynamic);
  auto* rel = cmd->add_flag("--release", o->release, "Minify (rename locals, strip comments/whitespace)");
  cmd->add_flag("--debug", o->debug, "Keep chunk names and line numbers (default)")->excludes(rel);
  cmd->add_flag("--verify", o->verify, "Reparse every emitted file and compare normalised ASTs");
  cmd->add_flag("-q,--quiet", o->quiet, "Print nothing but diagnostics");
  cmd->callback([o] {
    ab::Mode mode = o->release ? ab::Mode::Release : ab::Mode::Debug;
    int rc = o->entry.empty() ? RunProject(*o, mode) : RunFlags(*o, mode);
    if (rc != 0) ExitWith(rc);
  });
}

}  // namespace aokit::cli
