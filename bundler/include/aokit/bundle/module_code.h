// The code each module contributes to a bundle, per mode:
//   debug    the original source, loaded lazily with load(src, "@<path>") so chunk names and
//            line numbers in errors and tracebacks are the unbundled ones;
//   release  the module as a function body: comments and whitespace stripped, locals renamed
//            (pass `rename-locals`), fewest parentheses (dense emitter).
#pragma once

#include <map>
#include <string>

#include "aokit/bundle/module_graph.h"

namespace aokit::bundle {

enum class Mode { Debug, Release };

// The module's source as `load` must see it (a `#!` first line blanked, a UTF-8 BOM dropped).
std::string LoadableSource(const std::string& source);

// A Lua literal holding `text` byte for byte: a long bracket when possible, else a quoted string.
std::string LongLiteral(const std::string& text);

class ModuleCode {
 public:
  ModuleCode(ModuleGraph& graph, Mode mode) : graph_(graph), mode_(mode) {}
  Mode mode() const { return mode_; }
  // Release: the minified body. Debug: the loadable source. Computed once per module.
  const std::string& Body(const std::string& module);

 private:
  ModuleGraph& graph_;
  Mode mode_;
  std::map<std::string, std::string> cache_;
};

}  // namespace aokit::bundle
