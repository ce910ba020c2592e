// Module resolution: finds every `require` with the parser (never a regex), resolves names with
// package.path-style templates, and builds the module graph of one or more entry files.
//   require "x" / require("x") / require 'x'       static: missing is an error
//   pcall(require, "x")                            optional: bundled when found, else left alone
//   local load = require; load("x")                aliases of require count as require
//   require(".x")                                  aos style: "x" from the project root, key ".x"
//   require("prefix." .. e)                        dynamic: needs a hint ("prefix.*") to resolve
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "aokit/bundle/ast.h"
#include "aokit/bundle/diagnostic.h"

namespace aokit::bundle {

struct ResolveOptions {
  std::filesystem::path root = ".";    // relative templates and entries are relative to it
  std::vector<std::string> templates;  // "?.lua", "/usr/share/lua/5.3/?.lua", …
  std::set<std::string> externals;     // provided by the AO runtime: never bundled
  std::vector<std::string> dynamic;    // hints: "game.moves.*" or exact names
  std::uint64_t max_file_bytes = 32u << 20;
  bool keep_normal_forms = false;      // fill Module::normal_form (needed by --verify)
  bool minify = false;                 // fill Module::minified (release mode)
  bool keep_ast = false;               // keep Module::ast (otherwise freed once analysed)
};

enum class RequireKind { Static, Optional, Dynamic };

struct RequireSite {
  RequireKind kind = RequireKind::Static;
  std::string name;  // Static/Optional: the literal; Dynamic: the literal prefix ("" when none)
  int line = 0;
  int col = 0;
  bool at_load = true;  // not inside any function: runs when the module itself runs
};

struct Module {
  std::string name;        // the name `require` receives ("lib.core", ".utils"); entries: their path
  bool is_entry = false;
  std::string chunk_path;  // the path plain Lua would report, e.g. "lib/core/init.lua"
  std::filesystem::path file;
  std::string source;
  std::unique_ptr<Chunk> ast;      // null unless ResolveOptions::keep_ast
  std::string minified;            // release body: locals renamed, dense (ResolveOptions::minify)
  int functions = 0;               // `function` bodies in the source
  std::string normal_form;         // NormalForm of the parsed module (when keep_normal_forms)
  std::set<std::string> free_names;
  std::vector<RequireSite> sites;
  std::vector<std::string> deps;   // resolved module names (bundled ones only), sorted
  std::vector<std::string> load_deps;  // those required at load time (outside functions)
};

struct ModuleGraph {
  std::map<std::string, std::unique_ptr<Module>> modules;  // by name; entries by chunk path
  std::vector<std::string> entries;                          // entry keys, in the order given
  std::vector<Diagnostic> warnings;

  // Every module reachable from `entry` (the entry included), sorted by name.
  std::set<std::string> Closure(const std::string& entry) const;
};

// Resolves the entries (paths relative to options.root) and everything they require. On failure
// returns every error found (all missing modules at once), warnings included.
tl::expected<ModuleGraph, std::vector<Diagnostic>> BuildModuleGraph(const std::vector<std::string>& entries,
                                                                    const ResolveOptions& options);

// The require sites of a parsed, scope-resolved chunk.
std::vector<RequireSite> FindRequires(const Chunk& chunk, std::vector<Diagnostic>* warnings);

}  // namespace aokit::bundle
