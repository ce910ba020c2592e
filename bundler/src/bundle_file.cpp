#include "aokit/bundle/bundle_file.h"

#include <set>

#include "aokit/bundle/emitter.h"

namespace aokit::bundle {
namespace {

// Helper local names no module of the file reads as a global.
std::pair<std::string, std::string> HelperNames(const FileSpec& spec, const ModuleGraph& graph) {
  std::set<std::string> used;
  for (const auto& name : spec.modules) {
    const auto& f = graph.modules.at(name)->free_names;
    used.insert(f.begin(), f.end());
  }
  for (int i = 0;; ++i) {
    std::string suffix = i == 0 ? "" : std::to_string(i);
    std::string p = "P" + suffix, d = "D" + suffix;
    if (!used.count(p) && !used.count(d)) return {p, d};
  }
}

}  // namespace

std::string AssembleFile(const FileSpec& spec, ModuleCode& code, const ModuleGraph& graph) {
  const bool release = code.mode() == Mode::Release;
  const char* nl = release ? "" : "\n";
  std::string out = "-- " + spec.header + "\n";
  if (!spec.needs_runtime.empty() || !spec.needs_chunks.empty()) {
    const std::string who = QuoteString("aokit: process '" + spec.process + "' needs ");
    out += "do local A=package.aokit";
    out += nl;
    if (!spec.needs_runtime.empty()) {
      out += " if not A or A.runtime~=\"" + spec.needs_runtime + "\" then error(" + who + "..\"runtime-" +
             spec.needs_runtime + ".lua loaded first (loaded runtime: \"..tostring(A and A.runtime)..\")\",0)end";
      out += nl;
    }
    if (!spec.needs_chunks.empty()) {
      out += " for _,c in ipairs{";
      for (std::size_t i = 0; i < spec.needs_chunks.size(); ++i) out += (i ? ",\"" : "\"") + spec.needs_chunks[i] + "\"";
      out += "}do if not(A and A.chunks[c])then error(" + who + "..\"chunk-\"..c..\".lua loaded first\",0)end end";
      out += nl;
    }
    out += " end\n";
  }
  if (!spec.modules.empty() || !spec.marks_runtime.empty() || !spec.marks_chunk.empty()) {
    auto [p, d] = HelperNames(spec, graph);
    out += "do local " + p + "," + d + "=package.preload";
    if (release) {
      out += " function " + d + "(n,p,f)" + p + "[n]=function(m)return f(m,p)end end\n";
    } else {
      out += "\n  function " + d + "(n,p,s)" + p +
             "[n]=function(m)return assert(load(s,\"@\"..p))(m,p)end end\n";
    }
    for (const auto& name : spec.modules) {
      const Module& m = *graph.modules.at(name);
      out += d + "(" + QuoteString(m.name) + "," + QuoteString(m.chunk_path) + ",";
      const std::string& body = code.Body(name);
      if (release) out += "function(...)" + body + (body.empty() ? "" : " ") + "end)\n";
      else out += LongLiteral(body) + ")\n";
    }
    if (!spec.marks_runtime.empty() || !spec.marks_chunk.empty()) {
      out += "local A=package.aokit or{chunks={}}package.aokit=A ";
      if (!spec.marks_runtime.empty()) out += "A.runtime=\"" + spec.marks_runtime + "\"";
      else out += "A.chunks[\"" + spec.marks_chunk + "\"]=true";
      out += "\n";
    }
    out += "end\n";
  }
  if (!spec.entry.empty()) {
    const Module& e = *graph.modules.at(spec.entry);
    if (release) {
      out += code.Body(spec.entry) + "\n";
    } else {
      out += "return assert(load(" + LongLiteral(code.Body(spec.entry)) + "," + QuoteString("@" + e.chunk_path) + "))(...)\n";
    }
  }
  return out;
}

}  // namespace aokit::bundle
