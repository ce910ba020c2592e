// --verify: reparse an emitted file, find every `D(name, path, body)` registration and the entry,
// and compare each with the original module's normalised AST.
#include "aokit/bundle/bundle.h"
#include "aokit/bundle/normalize.h"
#include "aokit/bundle/parser.h"
#include "aokit/bundle/scopes.h"
#include "bundle_file_layout.h"

namespace aokit::bundle {
namespace {

Diagnostic Problem(const std::string& file, const std::string& msg) {
  Diagnostic d;
  d.file = file;
  d.message = "verify: " + msg;
  return d;
}

std::string FormOfSource(const std::string& name, const std::string& src, std::string* error) {
  auto c = Parse(name, src);
  if (!c) {
    *error = Render(c.error());
    return "";
  }
  ResolveScopes(**c);
  return NormalForm((*c)->body);
}

}  // namespace

std::vector<Diagnostic> VerifyFile(const OutputFile& file, const ModuleGraph& graph, Mode mode, const std::string& entry) {
  std::vector<Diagnostic> out;
  auto parsed = Parse(file.path, file.text);
  if (!parsed) {
    out.push_back(Problem(file.path, "emitted file does not parse: " + Render(parsed.error())));
    return out;
  }
  Chunk& chunk = **parsed;
  ResolveScopes(chunk);
  std::vector<Registration> regs = FindRegistrations(chunk);
  std::set<std::string> seen;
  for (const auto& r : regs) {
    auto it = graph.modules.find(r.name);
    if (it == graph.modules.end()) {
      out.push_back(Problem(file.path, "registers unknown module '" + r.name + "'"));
      continue;
    }
    seen.insert(r.name);
    std::string error;
    std::string form = mode == Mode::Release ? NormalForm(r.body->body) : FormOfSource(r.name, r.body->str, &error);
    if (!error.empty()) out.push_back(Problem(file.path, "module '" + r.name + "' does not reparse: " + error));
    else if (form != it->second->normal_form)
      out.push_back(Problem(file.path, "module '" + r.name + "' differs from its source after emission"));
  }
  for (const auto& m : file.modules)
    if (!seen.count(m)) out.push_back(Problem(file.path, "module '" + m + "' is missing from the emitted file"));
  if (!entry.empty()) {
    const Module& e = *graph.modules.at(entry);
    std::string form, error;
    if (mode == Mode::Release) {
      Block rest(chunk.body.begin() + static_cast<std::ptrdiff_t>(EntryStart(chunk)), chunk.body.end());
      form = NormalForm(rest);
    } else if (const Node* src = DebugEntrySource(chunk)) {
      form = FormOfSource(entry, src->str, &error);
    }
    if (!error.empty() || form != e.normal_form)
      out.push_back(Problem(file.path, "entry '" + e.chunk_path + "' differs from its source after emission " + error));
  }
  return out;
}

}  // namespace aokit::bundle
