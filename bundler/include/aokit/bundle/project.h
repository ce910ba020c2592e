// The project manifest, aokit.toml (see docs/bundler.md for the format), and the flags-only
// equivalent. Policy for the shared runtime and chunks lives in [runtime].
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "aokit/bundle/diagnostic.h"

namespace aokit::bundle {

struct ProcessSpec {
  std::string name;
  std::string entry;  // relative to the project root
  std::optional<std::uint64_t> budget;
};

struct RuntimePolicy {
  // Modules used by at least this many processes go to the runtime; 0 means "by every process".
  int min_processes = 0;
  // A chunk smaller than this (emitted bytes) is copied into the shells of its processes instead.
  std::uint64_t min_chunk_bytes = 4096;
  // A process loads at most this many chunks; beyond it, its smallest chunks are merged.
  int max_chunks_per_process = 6;
  std::optional<std::uint64_t> budget;
};

struct ProjectConfig {
  std::filesystem::path root;  // the folder holding aokit.toml; templates are relative to it
  std::string name;
  std::vector<std::string> lua_path;  // templates, e.g. "?.lua", "?/init.lua"
  std::vector<std::string> externals;
  std::vector<std::string> dynamic;  // "game.moves.*" or exact module names
  std::vector<ProcessSpec> processes;  // sorted by name
  RuntimePolicy runtime;
  std::optional<std::string> monolith_entry;
};

tl::expected<ProjectConfig, Diagnostic> LoadProject(const std::filesystem::path& toml_file);

// "500 KB" / "1.5 MB" / "2048" (KB = 1000 bytes) → bytes.
std::optional<std::uint64_t> ParseByteSize(const std::string& text);

// Splits "a;b;;c" package.path style (empty items dropped).
std::vector<std::string> SplitTemplates(const std::string& path);

}  // namespace aokit::bundle
