#include "aokit/bundle/bundle.h"

#include "aokit/bundle/bundle_file.h"
#include "aokit/bundle/planner.h"
#include "hash.h"

namespace aokit::bundle {
namespace {

const char* ModeName(Mode m) { return m == Mode::Release ? "release" : "debug"; }

std::vector<std::string> ModulesOf(const std::set<std::string>& closure, const std::string& entry) {
  std::vector<std::string> out;
  for (const auto& m : closure)
    if (m != entry) out.push_back(m);
  return out;
}

OutputFile MakeFile(std::string path, std::string kind, std::string text, std::vector<std::string> modules,
                    std::vector<std::string> processes) {
  OutputFile f{std::move(path), std::move(kind), std::move(text), "", std::move(modules), std::move(processes)};
  f.hash = Sha256Hex(f.text);
  return f;
}

// Content address of a shared file: the hash of its code before the marker naming it.
std::string ShortHash(const std::string& text) { return Sha256Hex(text).substr(0, 16); }

void Verify(BundleResult& r, const ModuleGraph& g, Mode mode, std::vector<Diagnostic>& errors,
            const std::map<std::string, std::string>& entry_of_file) {
  for (const auto& f : r.files) {
    auto it = entry_of_file.find(f.path);
    auto problems = VerifyFile(f, g, mode, it == entry_of_file.end() ? "" : it->second);
    errors.insert(errors.end(), problems.begin(), problems.end());
  }
}

std::vector<ModuleInfo> ModuleInfos(const ModuleGraph& g, ModuleCode& code, const std::map<std::string, std::string>& placed) {
  std::vector<ModuleInfo> out;
  for (const auto& [name, m] : g.modules) {
    auto it = placed.find(name);
    out.push_back({name, m->chunk_path, m->source, code.Body(name), it == placed.end() ? "" : it->second, m->functions,
                   m->is_entry});
  }
  return out;
}

nlohmann::json ModuleTable(const ModuleGraph& g, ModuleCode& code, const std::map<std::string, std::string>& placed) {
  nlohmann::json mods = nlohmann::json::object();
  for (const auto& [name, m] : g.modules) {
    nlohmann::json j;
    j["path"] = m->chunk_path;
    j["entry"] = m->is_entry;
    j["source_sha256"] = Sha256Hex(m->source);
    j["source_bytes"] = m->source.size();
    j["emitted_bytes"] = code.Body(name).size();
    j["requires"] = m->deps;
    auto it = placed.find(name);
    if (it != placed.end()) j["placed_in"] = it->second;
    mods[name] = j;
  }
  return mods;
}

}  // namespace

tl::expected<BundleResult, std::vector<Diagnostic>> BundleEntry(const std::string& entry, const ResolveOptions& resolve,
                                                                const BundleOptions& options) {
  ResolveOptions with_forms = resolve;
  with_forms.keep_normal_forms = options.verify;
  with_forms.minify = options.mode == Mode::Release;
  auto graph = BuildModuleGraph({entry}, with_forms);
  if (!graph) return tl::unexpected(graph.error());
  ModuleGraph& g = *graph;
  ModuleCode code(g, options.mode);
  BundleResult r;
  r.warnings = g.warnings;
  FileSpec spec;
  spec.header = std::string("aokit bundle (") + ModeName(options.mode) + "): " + entry;
  spec.entry = entry;
  spec.modules = ModulesOf(g.Closure(entry), entry);
  std::string text = AssembleFile(spec, code, g);
  r.files.push_back(MakeFile("bundle.lua", "bundle", std::move(text), spec.modules, {}));
  std::map<std::string, std::string> placed;
  for (const auto& m : spec.modules) placed[m] = "bundle.lua";
  r.manifest = {{"format", "aokit-bundle-manifest/1"}, {"mode", ModeName(options.mode)}, {"entry", entry},
                {"files", {{{"path", "bundle.lua"}, {"kind", "bundle"}, {"sha256", r.files[0].hash},
                            {"bytes", r.files[0].text.size()}, {"modules", spec.modules}}}},
                {"modules", ModuleTable(g, code, placed)}};
  placed[entry] = "bundle.lua";
  r.modules = ModuleInfos(g, code, placed);
  if (options.verify) {
    std::vector<Diagnostic> errors;
    Verify(r, g, options.mode, errors, {{"bundle.lua", entry}});
    if (!errors.empty()) return tl::unexpected(errors);
  }
  return r;
}

tl::expected<BundleResult, std::vector<Diagnostic>> BundleProject(const ProjectConfig& project,
                                                                  const BundleOptions& options) {
  ResolveOptions resolve;
  resolve.root = project.root;
  resolve.templates = project.lua_path;
  resolve.externals = {project.externals.begin(), project.externals.end()};
  resolve.dynamic = project.dynamic;
  resolve.keep_normal_forms = options.verify;
  resolve.minify = options.mode == Mode::Release;
  std::vector<std::string> entries;
  for (const auto& p : project.processes) entries.push_back(p.entry);
  auto graph = BuildModuleGraph(entries, resolve);
  if (!graph) return tl::unexpected(graph.error());
  ModuleGraph& g = *graph;
  ModuleCode code(g, options.mode);
  BundleResult r;
  r.warnings = g.warnings;

  std::map<std::string, std::set<std::string>> closures;
  for (const auto& p : project.processes) {
    auto c = g.Closure(p.entry);
    c.erase(p.entry);
    closures[p.name] = c;
  }
  Plan plan = PlanShared(closures, [&](const std::string& m) { return code.Body(m).size(); }, project.runtime);

  std::map<std::string, std::string> placed;  // module → file
  std::map<std::string, std::string> entry_of_file;
  std::string runtime_hash;
  std::vector<std::string> chunk_hashes(plan.chunks.size());
  std::vector<std::string> file_of_chunk(plan.chunks.size());
  std::string mode = ModeName(options.mode);
  if (!plan.runtime.empty()) {
    FileSpec spec;
    spec.header = "aokit runtime (" + mode + "): " + std::to_string(plan.runtime.size()) + " modules used by every process";
    spec.modules = plan.runtime;
    runtime_hash = ShortHash(AssembleFile(spec, code, g));
    spec.marks_runtime = runtime_hash;
    std::string path = "runtime-" + runtime_hash + ".lua";
    std::vector<std::string> procs;
    for (const auto& p : project.processes) procs.push_back(p.name);
    r.files.push_back(MakeFile(path, "runtime", AssembleFile(spec, code, g), plan.runtime, procs));
    for (const auto& m : plan.runtime) placed[m] = path;
  }
  for (std::size_t i = 0; i < plan.chunks.size(); ++i) {
    const ChunkPlan& c = plan.chunks[i];
    FileSpec spec;
    std::string who;
    for (const auto& p : c.processes) who += (who.empty() ? "" : ", ") + p;
    spec.header = "aokit chunk (" + mode + "): " + std::to_string(c.modules.size()) + " modules for " + who;
    spec.modules = c.modules;
    chunk_hashes[i] = ShortHash(AssembleFile(spec, code, g));
    spec.marks_chunk = chunk_hashes[i];
    file_of_chunk[i] = "chunk-" + chunk_hashes[i] + ".lua";
    r.files.push_back(MakeFile(file_of_chunk[i], "chunk", AssembleFile(spec, code, g), c.modules,
                               {c.processes.begin(), c.processes.end()}));
    for (const auto& m : c.modules) placed[m] = file_of_chunk[i];
  }
  nlohmann::json procs_json = nlohmann::json::object();
  std::uint64_t deployed = 0, self_contained = 0;
  for (const auto& f : r.files) deployed += f.text.size();
  for (const auto& p : project.processes) {
    FileSpec spec;
    spec.header = "aokit shell (" + mode + "): process " + p.name + ", entry " + p.entry;
    spec.process = p.name;
    spec.entry = p.entry;
    spec.modules = plan.own[p.name];
    spec.needs_runtime = runtime_hash;
    for (std::size_t i : plan.chunks_of[p.name]) spec.needs_chunks.push_back(chunk_hashes[i]);
    std::string path = p.name + "-process.lua";
    r.files.push_back(MakeFile(path, "shell", AssembleFile(spec, code, g), spec.modules, {p.name}));
    entry_of_file[path] = p.entry;
    const OutputFile& shell = r.files.back();
    deployed += shell.text.size();

    ProcessReport rep;
    rep.name = p.name;
    rep.entry = p.entry;
    rep.shell = path;
    rep.shell_bytes = shell.text.size();
    rep.budget = p.budget;
    rep.modules = closures[p.name].size() + 1;
    if (!runtime_hash.empty()) rep.loads.push_back("runtime-" + runtime_hash + ".lua");
    for (std::size_t i : plan.chunks_of[p.name]) rep.loads.push_back(file_of_chunk[i]);
    rep.loads.push_back(path);
    for (const auto& l : rep.loads)
      for (const auto& f : r.files)
        if (f.path == l) rep.loaded_bytes += f.text.size();
    FileSpec alone;
    alone.header = "aokit bundle (" + mode + "): " + p.entry;
    alone.entry = p.entry;
    alone.modules = {closures[p.name].begin(), closures[p.name].end()};
    rep.self_contained_bytes = AssembleFile(alone, code, g).size();
    self_contained += rep.self_contained_bytes;
    for (const auto& m : spec.modules)
      if (!placed.count(m)) placed[m] = path;
      else if (placed[m].rfind("runtime-", 0) != 0 && placed[m].rfind("chunk-", 0) != 0) placed[m] = "shells";
    placed[p.entry] = path;
    procs_json[p.name] = {{"entry", p.entry}, {"shell", path}, {"shell_bytes", rep.shell_bytes},
                          {"loads", rep.loads}, {"loaded_bytes", rep.loaded_bytes},
                          {"self_contained_bytes", rep.self_contained_bytes}, {"modules", rep.modules},
                          {"own_modules", spec.modules}};
    if (p.budget) procs_json[p.name]["budget"] = *p.budget;
    r.processes.push_back(std::move(rep));
  }
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : r.files)
    files.push_back({{"path", f.path}, {"kind", f.kind}, {"sha256", f.hash}, {"bytes", f.text.size()},
                     {"modules", f.modules}, {"processes", f.processes}});
  r.manifest = {{"format", "aokit-bundle-manifest/1"},
                {"mode", mode},
                {"project", project.name},
                {"policy", {{"min_processes", project.runtime.min_processes},
                            {"min_chunk_size", project.runtime.min_chunk_bytes},
                            {"max_chunks_per_process", project.runtime.max_chunks_per_process}}},
                {"files", files},
                {"processes", procs_json},
                {"modules", ModuleTable(g, code, placed)},
                {"totals", {{"deployed_bytes", deployed}, {"self_contained_bytes", self_contained}}}};
  if (project.runtime.budget) r.manifest["policy"]["runtime_budget"] = *project.runtime.budget;
  r.modules = ModuleInfos(g, code, placed);
  if (options.verify) {
    std::vector<Diagnostic> errors;
    Verify(r, g, options.mode, errors, entry_of_file);
    if (!errors.empty()) return tl::unexpected(errors);
  }
  return r;
}

}  // namespace aokit::bundle
