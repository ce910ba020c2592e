// Assembles one output file from module code. Every file registers its modules in
// package.preload (run lazily by the real `require`, so load order, arguments and cycles are
// plain Lua's); the loader passes (name, path) as the file searcher would.
//
//   do local P,D=package.preload function D(n,p,f) P[n]=function(m) return f(m,p) end end
//     D("lib.x","lib/x.lua",function(...) <release body> end)       -- release
//     D("lib.x","lib/x.lua",[[<source>]])  (D loads it as "@lib/x.lua")  -- debug
//     <marker: this runtime / chunk is loaded>
//   end
//   <entry>   (single bundles and shells; a shell first checks what it needs is loaded)
// P and D are renamed when a module uses a global of that name.
#pragma once

#include <string>
#include <vector>

#include "aokit/bundle/module_code.h"

namespace aokit::bundle {

struct FileSpec {
  std::string header;                // first-line comment
  std::vector<std::string> modules;  // registered in package.preload (sorted)
  std::string entry;                 // run last ("" for runtime and chunks)
  // Shells: what must be loaded before. Runtime/chunks: their own identity (set after hashing).
  std::string process;
  std::string needs_runtime;
  std::vector<std::string> needs_chunks;
  std::string marks_runtime;  // runtime file: its hash
  std::string marks_chunk;    // chunk file: its hash
};

std::string AssembleFile(const FileSpec& spec, ModuleCode& code, const ModuleGraph& graph);

}  // namespace aokit::bundle
