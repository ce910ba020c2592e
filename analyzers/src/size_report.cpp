#include "aokit/analyze/size_report.h"

#include <cstdio>
#include <map>

namespace aokit::analyze {
namespace {

std::string Kb(std::uint64_t b) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(b) / 1000.0);
  return buf;
}

nlohmann::json MeasuresJson(const Measures& m) {
  return {{"raw_bytes", m.raw}, {"minified_bytes", m.minified}, {"zstd_bytes", m.zstd},
          {"bytecode_bytes", m.bytecode}, {"lines", m.lines}, {"functions", m.functions}};
}

std::string Row(const std::string& name, const std::string& extra, const Measures& m) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-34s %-10s %10s %10s %9s %10s %8llu %6llu\n", name.c_str(), extra.c_str(),
                Kb(m.raw).c_str(), Kb(m.minified).c_str(), Kb(m.zstd).c_str(), Kb(m.bytecode).c_str(),
                static_cast<unsigned long long>(m.lines), static_cast<unsigned long long>(m.functions));
  return buf;
}

}  // namespace

SizeReport MeasureBundle(const bundle::BundleResult& result, const bundle::BundleResult& release, bundle::Mode mode) {
  SizeReport r;
  r.mode = mode == bundle::Mode::Release ? "release" : "debug";
  std::map<std::string, const bundle::ModuleInfo*> minified;
  for (const auto& m : release.modules) minified[m.name] = &m;
  std::map<std::string, const bundle::OutputFile*> release_files;
  for (const auto& f : release.files) release_files[f.kind == "shell" || f.kind == "bundle" ? f.path : f.kind + ":" + f.path] = &f;
  for (const auto& m : result.modules) {
    ModuleRow row{m.name, m.chunk_path, m.placed_in, {}};
    const std::string& min = minified.count(m.name) ? minified[m.name]->emitted : m.emitted;
    row.m.raw = m.source.size();
    row.m.minified = min.size();
    row.m.zstd = ZstdBytes(m.emitted);
    row.m.bytecode = StrippedBytecodeBytes(m.emitted, "=" + m.chunk_path);
    row.m.lines = LineCount(m.source);
    row.m.functions = static_cast<std::uint64_t>(m.functions);
    r.modules.push_back(std::move(row));
  }
  std::map<std::string, const ModuleRow*> by_name;
  for (const auto& row : r.modules) by_name[row.name] = &row;
  for (const auto& f : result.files) {
    FileRow row{f.path, f.kind, f.modules.size(), {}};
    row.m.raw = f.text.size();
    row.m.zstd = ZstdBytes(f.text);
    row.m.bytecode = StrippedBytecodeBytes(f.text, "=" + f.path);
    row.m.lines = LineCount(f.text);
    // a file's minified size: its release twin (same modules) when there is one
    std::uint64_t min = 0;
    for (const auto& rf : release.files)
      if (rf.kind == f.kind && rf.modules == f.modules && rf.processes == f.processes) min = rf.text.size();
    row.m.minified = min ? min : f.text.size();
    for (const auto& name : f.modules)
      if (by_name.count(name)) row.m.functions += by_name[name]->m.functions;
    r.files.push_back(std::move(row));
  }
  for (const auto& p : result.processes) {
    r.processes.push_back({p.name, p.shell_bytes, p.loaded_bytes, p.self_contained_bytes, p.budget});
    r.self_contained += p.self_contained_bytes;
  }
  for (const auto& f : result.files) r.deployed += f.text.size();
  if (result.processes.empty() && !result.files.empty()) r.self_contained = result.files[0].text.size();
  return r;
}

nlohmann::json ToJson(const SizeReport& r) {
  nlohmann::json files = nlohmann::json::array(), modules = nlohmann::json::array(), procs = nlohmann::json::array();
  for (const auto& f : r.files) {
    auto j = MeasuresJson(f.m);
    j["path"] = f.path;
    j["kind"] = f.kind;
    j["modules"] = f.modules;
    files.push_back(j);
  }
  for (const auto& m : r.modules) {
    auto j = MeasuresJson(m.m);
    j["module"] = m.name;
    j["path"] = m.path;
    j["placed_in"] = m.placed_in;
    modules.push_back(j);
  }
  for (const auto& p : r.processes) {
    nlohmann::json j = {{"process", p.name}, {"shell_bytes", p.shell}, {"loaded_bytes", p.loaded},
                        {"self_contained_bytes", p.self_contained}};
    if (p.budget) {
      j["budget_bytes"] = *p.budget;
      j["within_budget"] = p.shell <= *p.budget;
    }
    procs.push_back(j);
  }
  return {{"format", "aokit-size-report/1"}, {"mode", r.mode}, {"files", files}, {"processes", procs},
          {"modules", modules}, {"totals", {{"deployed_bytes", r.deployed}, {"self_contained_bytes", r.self_contained}}}};
}

std::string RenderTable(const SizeReport& r, bool with_modules) {
  std::string out = "mode: " + r.mode + " (sizes in KB = 1000 bytes)\n";
  char head[256];
  std::snprintf(head, sizeof head, "%-34s %-10s %10s %10s %9s %10s %8s %6s\n", "file", "kind", "raw", "minified",
                "zstd", "bytecode", "lines", "funcs");
  out += head;
  Measures total;
  for (const auto& f : r.files) {
    out += Row(f.path, f.kind, f.m);
    total += f.m;
  }
  out += Row("total deployed", "", total);
  if (!r.processes.empty()) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "\n%-14s %10s %12s %15s %10s\n", "process", "shell", "loads", "self-contained", "budget");
    out += buf;
    for (const auto& p : r.processes) {
      std::string budget = p.budget ? Kb(*p.budget) + (p.shell <= *p.budget ? " ok" : " OVER") : "-";
      std::snprintf(buf, sizeof buf, "%-14s %10s %12s %15s %10s\n", p.name.c_str(), Kb(p.shell).c_str(),
                    Kb(p.loaded).c_str(), Kb(p.self_contained).c_str(), budget.c_str());
      out += buf;
    }
    std::snprintf(buf, sizeof buf, "deployed %s KB for the project; %s KB as one self-contained bundle per process\n",
                  Kb(r.deployed).c_str(), Kb(r.self_contained).c_str());
    out += buf;
  }
  if (with_modules) {
    out += "\n";
    std::snprintf(head, sizeof head, "%-34s %-10s %10s %10s %9s %10s %8s %6s\n", "module", "in", "raw", "minified",
                  "zstd", "bytecode", "lines", "funcs");
    out += head;
    for (const auto& m : r.modules) {
      std::string where = m.placed_in.substr(0, m.placed_in.find('-'));
      out += Row(m.name, where, m.m);
    }
  }
  return out;
}

}  // namespace aokit::analyze
