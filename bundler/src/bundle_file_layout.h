// Reading back the layout bundle_file.cpp writes (for --verify and the size report).
#pragma once

#include <string>
#include <vector>

#include "aokit/bundle/ast.h"

namespace aokit::bundle {

struct Registration {
  std::string name;
  std::string path;
  const Node* body;  // release: the Function; debug: the String holding the source
};

// `D("name","path",body)` calls inside the file's top-level `do … end` blocks.
std::vector<Registration> FindRegistrations(const Chunk& chunk);
// Index of the first top-level statement after the `do … end` blocks (the entry's code).
std::size_t EntryStart(const Chunk& chunk);
// Debug files: the String passed to `load` in the final `return assert(load(src, …))(...)`.
const Node* DebugEntrySource(const Chunk& chunk);

}  // namespace aokit::bundle
