#include "aokit/bundle/project.h"

#include <cmath>
#include <map>

#include <toml.hpp>

namespace aokit::bundle {
namespace fs = std::filesystem;
namespace {

using Value = toml::basic_value<toml::discard_comments, std::map, std::vector>;

std::vector<std::string> StringList(const Value& table, const std::string& key) {
  std::vector<std::string> out;
  if (!table.contains(key)) return out;
  const Value& v = table.at(key);
  if (v.is_string()) {
    out.push_back(v.as_string());
  } else {
    for (const auto& item : v.as_array()) out.push_back(item.as_string());
  }
  return out;
}

std::optional<std::uint64_t> Budget(const Value& table, const std::string& key) {
  if (!table.contains(key)) return std::nullopt;
  const Value& v = table.at(key);
  if (v.is_integer()) return static_cast<std::uint64_t>(v.as_integer());
  auto b = ParseByteSize(v.as_string());
  if (!b) throw std::runtime_error("bad size '" + std::string(v.as_string()) + "' for " + key);
  return b;
}

}  // namespace

std::optional<std::uint64_t> ParseByteSize(const std::string& text) {
  std::size_t used = 0;
  double n = 0;
  try {
    n = std::stod(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string unit = text.substr(used);
  unit.erase(0, unit.find_first_not_of(' '));
  double mult = 1;
  if (unit == "" || unit == "B") mult = 1;
  else if (unit == "KB" || unit == "kB") mult = 1000;
  else if (unit == "MB") mult = 1000 * 1000;
  else if (unit == "KiB") mult = 1024;
  else if (unit == "MiB") mult = 1024 * 1024;
  else return std::nullopt;
  if (n < 0) return std::nullopt;
  return static_cast<std::uint64_t>(std::llround(n * mult));
}

std::vector<std::string> SplitTemplates(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(';', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

tl::expected<ProjectConfig, Diagnostic> LoadProject(const fs::path& toml_file) {
  Diagnostic d;
  d.file = toml_file.string();
  ProjectConfig cfg;
  cfg.root = toml_file.parent_path().empty() ? fs::path(".") : toml_file.parent_path();
  try {
    Value doc = toml::parse<toml::discard_comments, std::map, std::vector>(toml_file.string());
    const Value& project = doc.at("project");
    cfg.name = toml::find_or<std::string>(project, "name", "");
    cfg.lua_path = SplitTemplates(toml::find_or<std::string>(project, "lua_path", "?.lua;?/init.lua"));
    cfg.externals = StringList(project, "externals");
    cfg.dynamic = StringList(project, "dynamic");
    if (doc.contains("runtime")) {
      const Value& rt = doc.at("runtime");
      cfg.runtime.budget = Budget(rt, "budget");
      cfg.runtime.min_processes = static_cast<int>(toml::find_or<std::int64_t>(rt, "min_processes", 0));
      if (auto b = Budget(rt, "min_chunk_size")) cfg.runtime.min_chunk_bytes = *b;
      cfg.runtime.max_chunks_per_process =
          static_cast<int>(toml::find_or<std::int64_t>(rt, "max_chunks_per_process", 6));
      if (cfg.runtime.max_chunks_per_process < 1) throw std::runtime_error("[runtime] max_chunks_per_process must be >= 1");
    }
    if (doc.contains("process")) {
      for (const auto& [name, p] : doc.at("process").as_table()) {
        ProcessSpec spec;
        spec.name = name;
        spec.entry = toml::find<std::string>(p, "entry");
        spec.budget = Budget(p, "budget");
        cfg.processes.push_back(std::move(spec));
      }
    }
    if (doc.contains("monolith")) cfg.monolith_entry = toml::find<std::string>(doc.at("monolith"), "entry");
  } catch (const std::exception& e) {
    d.message = e.what();
    return tl::unexpected(d);
  }
  if (cfg.processes.empty()) {
    d.message = "no [process.<name>] tables: nothing to bundle";
    return tl::unexpected(d);
  }
  return cfg;
}

}  // namespace aokit::bundle
