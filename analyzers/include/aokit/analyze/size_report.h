// The size report (`aokit size`): per output file (runtime, chunks, shells, or one bundle) and
// per module, raw / minified / zstd / stripped-bytecode bytes, lines and functions; per process
// what it deploys (its shell), what it loads in total, and the self-contained alternative.
// JSON format "aokit-size-report/1".
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aokit/analyze/measure.h"
#include "aokit/bundle/bundle.h"

namespace aokit::analyze {

struct FileRow {
  std::string path;
  std::string kind;
  std::size_t modules = 0;
  Measures m;
};

struct ModuleRow {
  std::string name;
  std::string path;
  std::string placed_in;
  Measures m;  // raw = source bytes
};

struct ProcessRow {
  std::string name;
  std::uint64_t shell = 0;
  std::uint64_t loaded = 0;
  std::uint64_t self_contained = 0;
  std::optional<std::uint64_t> budget;
};

struct SizeReport {
  std::string mode;
  std::vector<FileRow> files;
  std::vector<ModuleRow> modules;
  std::vector<ProcessRow> processes;
  std::uint64_t deployed = 0;
  std::uint64_t self_contained = 0;
};

// `release` is the same project bundled in release mode (for the minified column of debug
// output); pass the result itself when measuring release.
SizeReport MeasureBundle(const bundle::BundleResult& result, const bundle::BundleResult& release, bundle::Mode mode);

nlohmann::json ToJson(const SizeReport& r);
std::string RenderTable(const SizeReport& r, bool with_modules);

}  // namespace aokit::analyze
