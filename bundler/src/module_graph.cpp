#include <algorithm>
#include <deque>
#include <functional>
#include <fstream>
#include <sstream>

#include "aokit/bundle/emitter.h"
#include "aokit/bundle/module_graph.h"
#include "aokit/bundle/normalize.h"
#include "aokit/bundle/parser.h"
#include "aokit/bundle/scopes.h"

namespace aokit::bundle {
namespace fs = std::filesystem;
namespace {

struct Found {
  std::string chunk_path;
  fs::path file;
};

// Position of the first byte that is not valid UTF-8, or npos.
std::size_t FirstInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (n < 0 || i + static_cast<std::size_t>(n) >= s.size() + (n == 0 ? 1 : 0)) return i;
    for (int k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) >> 6) != 2) return i;
    i += static_cast<std::size_t>(n) + 1;
  }
  return std::string_view::npos;
}

class GraphBuilder {
 public:
  explicit GraphBuilder(const ResolveOptions& o) : opt_(o) {}

  tl::expected<ModuleGraph, std::vector<Diagnostic>> Run(const std::vector<std::string>& entries) {
    for (const auto& e : entries) {
      fs::path full = fs::path(e).is_absolute() ? fs::path(e) : opt_.root / e;
      if (!fs::is_regular_file(full)) {
        errors_.push_back(FileError(e, "entry file not found (" + full.string() + ")"));
        continue;
      }
      graph_.entries.push_back(e);
      if (!graph_.modules.count(e)) Load(e, true, {e, full});
    }
    while (!queue_.empty()) {
      Module* m = queue_.front();
      queue_.pop_front();
      Analyze(*m);
    }
    WarnLoadCycles();
    if (!errors_.empty()) {
      std::stable_sort(errors_.begin(), errors_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
      });
      errors_.insert(errors_.end(), graph_.warnings.begin(), graph_.warnings.end());
      return tl::unexpected(errors_);
    }
    return std::move(graph_);
  }

 private:
  static Diagnostic FileError(const std::string& file, const std::string& msg) {
    Diagnostic d;
    d.file = file;
    d.message = msg;
    return d;
  }

  Module* Load(const std::string& name, bool entry, const Found& where) {
    auto m = std::make_unique<Module>();
    m->name = name;
    m->is_entry = entry;
    m->chunk_path = where.chunk_path;
    m->file = where.file;
    Module* raw = m.get();
    graph_.modules[name] = std::move(m);
    std::error_code ec;
    auto size = fs::file_size(where.file, ec);
    if (ec || size > opt_.max_file_bytes) {
      errors_.push_back(FileError(where.chunk_path, ec ? "cannot read: " + ec.message()
                                                       : "file too large (" + std::to_string(size) +
                                                             " bytes; limit " + std::to_string(opt_.max_file_bytes) + ")"));
      return raw;
    }
    std::ifstream in(where.file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    raw->source = s.str();
    queue_.push_back(raw);
    return raw;
  }

  void Analyze(Module& m) {
    auto parsed = Parse(m.chunk_path, m.source);
    if (!parsed) {
      errors_.push_back(parsed.error());
      return;
    }
    m.ast = std::move(*parsed);
    if (std::size_t bad = FirstInvalidUtf8(m.source); bad != std::string_view::npos) {
      int line = 1 + static_cast<int>(std::count(m.source.begin(), m.source.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
      std::size_t ls = m.source.rfind('\n', bad == 0 ? 0 : bad - 1);
      Diagnostic d;
      d.severity = Severity::Warning;
      d.file = m.chunk_path;
      d.line = line;
      d.col = static_cast<int>(bad - (ls == std::string::npos ? 0 : ls + 1)) + 1;
      d.message = "invalid UTF-8 byte (kept as is)";
      graph_.warnings.push_back(d);
    }
    ScopeInfo info = ResolveScopes(*m.ast);
    m.free_names = info.free_names;
    if (opt_.keep_normal_forms) m.normal_form = NormalForm(m.ast->body);
    m.sites = FindRequires(*m.ast, &graph_.warnings);
    std::set<std::string> deps, load_deps;
    for (const auto& site : m.sites) {
      switch (site.kind) {
        case RequireKind::Static:
        case RequireKind::Optional:
          if (Depend(m, site, site.name, site.kind == RequireKind::Optional)) {
            deps.insert(site.name);
            if (site.at_load && site.kind == RequireKind::Static) {
              load_deps.insert(site.name);
              load_sites_[{m.name, site.name}] = site;
            }
          }
          break;
        case RequireKind::Dynamic:
          for (const auto& name : Dynamic(m, site))
            if (Depend(m, site, name, false)) deps.insert(name);
          break;
      }
    }
    m.deps.assign(deps.begin(), deps.end());
    m.load_deps.assign(load_deps.begin(), load_deps.end());
    m.functions = m.ast->functions;
    if (opt_.minify) {
      RenameLocals(*m.ast);
      m.minified = EmitBlock(m.ast->body, EmitStyle::Dense);
    }
    if (!opt_.keep_ast) m.ast.reset();  // one AST alive at a time keeps the footprint small
  }

  // Resolves and queues `name`; false when it is external or (optional and) missing.
  bool Depend(const Module& from, const RequireSite& site, const std::string& name, bool optional) {
    // the standard libraries are always in package.loaded
    static const std::set<std::string> kStandard = {"_G", "coroutine", "debug", "io", "math", "os",
                                                    "package", "string", "table", "utf8"};
    if (kStandard.count(name)) return false;
    if (opt_.externals.count(name)) {
      if (!warned_external_.count(name)) {
        auto found = Find(name, nullptr);
        if (!found.empty()) {
          warned_external_.insert(name);
          graph_.warnings.push_back(At(from, site, Severity::Warning,
                                       "module '" + name + "' is external (provided by the AO runtime) but also present at " +
                                           found[0].chunk_path + "; not bundled"));
        }
      }
      return false;
    }
    if (graph_.modules.count(name)) return true;
    std::vector<std::string> tried;
    auto found = Find(name, &tried);
    if (found.empty()) {
      if (!optional) {
        std::string msg = "module '" + name + "' not found:";
        for (const auto& t : tried) msg += "\n\tno file '" + t + "'";
        errors_.push_back(At(from, site, Severity::Error, msg));
      }
      return false;
    }
    if (found.size() > 1) {
      std::string msg = "module '" + name + "' is found twice: " + found[0].chunk_path + " (used, first in the path) and " +
                        found[1].chunk_path;
      graph_.warnings.push_back(At(from, site, Severity::Warning, msg));
    }
    Load(name, false, found[0]);
    return true;
  }

  std::vector<std::string> Dynamic(const Module& m, const RequireSite& site) {
    std::vector<std::string> out;
    if (site.name.empty()) {
      graph_.warnings.push_back(At(m, site, Severity::Warning,
                                   "dynamic require of a computed name: not resolved (list its modules in `dynamic`)"));
      return out;
    }
    bool covered = false;
    for (const auto& hint : opt_.dynamic) {
      bool wildcard = hint.size() >= 2 && hint.compare(hint.size() - 2, 2, ".*") == 0;
      std::string hp = wildcard ? hint.substr(0, hint.size() - 1) : hint;  // "game.moves."
      bool match = hp.compare(0, site.name.size(), site.name) == 0 || site.name.compare(0, hp.size(), hp) == 0;
      if (!match) continue;
      covered = true;
      if (wildcard) {
        for (auto& name : Expand(hp)) out.push_back(std::move(name));
      } else {
        out.push_back(hint);
      }
    }
    if (!covered) {
      graph_.warnings.push_back(At(m, site, Severity::Error,
                                   "dynamic require ('" + site.name + "' .. …) has no hint: add dynamic = [\"" + site.name +
                                       "*\"] to aokit.toml or pass --dynamic '" + site.name + "*'"));
      errors_.push_back(graph_.warnings.back());
      graph_.warnings.pop_back();
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // Module names "prefix<x>" that exist under some template, for one `*` level.
  std::vector<std::string> Expand(const std::string& prefix) {
    std::vector<std::string> out;
    std::string ppath = prefix;
    std::replace(ppath.begin(), ppath.end(), '.', '/');
    for (const auto& tmpl : opt_.templates) {
      std::size_t q = tmpl.find('?');
      if (q == std::string::npos) continue;
      std::string before = tmpl.substr(0, q) + ppath;  // "…/game/moves/"
      std::string after = tmpl.substr(q + 1);          // ".lua" or "/init.lua"
      fs::path dir = before;
      if (!dir.is_absolute()) dir = opt_.root / dir;
      std::error_code ec;
      if (!fs::is_directory(dir, ec)) continue;
      for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string fname = e.path().filename().string();
        std::string mod;
        if (!after.empty() && after[0] == '/') {
          if (e.is_directory() && fs::is_regular_file(e.path() / after.substr(1))) mod = fname;
        } else if (e.is_regular_file() && fname.size() > after.size() &&
                   fname.compare(fname.size() - after.size(), after.size(), after) == 0) {
          mod = fname.substr(0, fname.size() - after.size());
        }
        if (!mod.empty() && mod.find('.') == std::string::npos) out.push_back(prefix + mod);
      }
    }
    return out;
  }

  std::vector<Found> Find(const std::string& name, std::vector<std::string>* tried) {
    std::string key = name;
    if (!key.empty() && key[0] == '.') key = key.substr(1);  // aos: require(".x") from the project root
    std::replace(key.begin(), key.end(), '.', '/');
    std::vector<Found> out;
    for (const auto& tmpl : opt_.templates) {
      std::string cand;
      for (char c : tmpl) {
        if (c == '?') cand += key; else cand += c;
      }
      fs::path full = fs::path(cand).is_absolute() ? fs::path(cand) : opt_.root / cand;
      std::error_code ec;
      if (fs::is_regular_file(full, ec)) {  // follows symlinks
        bool dup = false;
        for (const auto& f : out) dup = dup || fs::equivalent(f.file, full, ec);
        if (!dup) out.push_back({cand, full});
      } else if (tried) {
        tried->push_back(cand);
      }
    }
    return out;
  }

  // A cycle of requires that all run at load time recurses until the C stack overflows in plain
  // Lua (5.3 has no "loop" sentinel); bundling keeps that behaviour, so warn with the first edge.
  void WarnLoadCycles() {
    std::map<std::string, int> state;  // 0 new, 1 on stack, 2 done
    std::vector<std::string> stack;
    std::function<void(const std::string&)> dfs = [&](const std::string& name) {
      state[name] = 1;
      stack.push_back(name);
      auto it = graph_.modules.find(name);
      if (it != graph_.modules.end()) {
        for (const auto& d : it->second->load_deps) {
          if (state[d] == 1) {
            auto from = std::find(stack.begin(), stack.end(), d);
            std::string path;
            for (auto p = from; p != stack.end(); ++p) path += *p + " -> ";
            path += d;
            const Module& m = *graph_.modules.at(name);
            graph_.warnings.push_back(At(m, load_sites_.at({name, d}), Severity::Warning,
                                         "require cycle at load time (" + path +
                                             "): plain Lua recurses until the C stack overflows; require one side lazily"));
          } else if (state[d] == 0) {
            dfs(d);
          }
        }
      }
      stack.pop_back();
      state[name] = 2;
    };
    for (const auto& [name, _] : graph_.modules)
      if (state[name] == 0) dfs(name);
  }

  static Diagnostic At(const Module& m, const RequireSite& s, Severity sev, const std::string& msg) {
    Diagnostic d;
    d.severity = sev;
    d.file = m.chunk_path;
    d.line = s.line;
    d.col = s.col;
    d.message = msg;
    d.source_line = LineOf(m.source, s.line);
    return d;
  }

  const ResolveOptions& opt_;
  ModuleGraph graph_;
  std::deque<Module*> queue_;
  std::vector<Diagnostic> errors_;
  std::set<std::string> warned_external_;
  std::map<std::pair<std::string, std::string>, RequireSite> load_sites_;
};

}  // namespace

std::set<std::string> ModuleGraph::Closure(const std::string& entry) const {
  std::set<std::string> seen{entry};
  std::deque<std::string> pending{entry};
  while (!pending.empty()) {
    auto it = modules.find(pending.front());
    pending.pop_front();
    if (it == modules.end()) continue;
    for (const auto& d : it->second->deps)
      if (seen.insert(d).second) pending.push_back(d);
  }
  return seen;
}

tl::expected<ModuleGraph, std::vector<Diagnostic>> BuildModuleGraph(const std::vector<std::string>& entries,
                                                                    const ResolveOptions& options) {
  return GraphBuilder(options).Run(entries);
}

}  // namespace aokit::bundle
