// The bundler's entry points: one self-contained bundle from an entry file (flags-only mode),
// or a whole aokit.toml project: runtime-<hash>.lua, chunk-<hash>.lua files, <name>-process.lua
// shells, and build/bundle-manifest.json (format "aokit-bundle-manifest/1").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "aokit/bundle/diagnostic.h"
#include "aokit/bundle/module_code.h"
#include "aokit/bundle/module_graph.h"
#include "aokit/bundle/project.h"

namespace aokit::bundle {

struct BundleOptions {
  Mode mode = Mode::Debug;
  bool verify = false;  // reparse every emitted file and compare normalised ASTs
};

struct OutputFile {
  std::string path;  // relative to the output folder ("runtime-1a2b….lua")
  std::string kind;  // "bundle", "runtime", "chunk", "shell"
  std::string text;
  std::string hash;  // SHA-256 of text
  std::vector<std::string> modules;
  std::vector<std::string> processes;  // chunk/runtime: who loads it; shell: its process
};

struct ProcessReport {
  std::string name;
  std::string entry;
  std::string shell;                // file path
  std::vector<std::string> loads;   // runtime and chunk files, in load order, then the shell
  std::uint64_t shell_bytes = 0;
  std::uint64_t loaded_bytes = 0;   // runtime + chunks + shell
  std::uint64_t self_contained_bytes = 0;  // one bundle holding everything it needs
  std::size_t modules = 0;          // modules in its closure (entry included)
  std::optional<std::uint64_t> budget;
};

// One module as emitted, for size reports.
struct ModuleInfo {
  std::string name;
  std::string chunk_path;
  std::string source;    // as read
  std::string emitted;   // its code in this mode (release: minified body; debug: loadable source)
  std::string placed_in; // output file (or "shells" when copied into several)
  int functions = 0;
  bool is_entry = false;
};

struct BundleResult {
  std::vector<ModuleInfo> modules;  // sorted by name
  std::vector<OutputFile> files;
  std::vector<ProcessReport> processes;
  nlohmann::json manifest;
  std::vector<Diagnostic> warnings;
};

tl::expected<BundleResult, std::vector<Diagnostic>> BundleEntry(const std::string& entry, const ResolveOptions& resolve,
                                                                const BundleOptions& options);

tl::expected<BundleResult, std::vector<Diagnostic>> BundleProject(const ProjectConfig& project,
                                                                  const BundleOptions& options);

// Reparses `file` and compares each module it carries (and its entry) with the parsed original.
std::vector<Diagnostic> VerifyFile(const OutputFile& file, const ModuleGraph& graph, Mode mode,
                                   const std::string& entry);

}  // namespace aokit::bundle
