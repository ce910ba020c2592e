// Scope resolution: binds every Name to the local that declares it (or none: a global), in
// Lua's order (`local x = x` sees the outer x; `repeat … until c` sees the block's locals;
// `function t:m()` declares an implicit `self`).
#pragma once

#include <set>
#include <string>

#include "aokit/bundle/ast.h"

namespace aokit::bundle {

struct ScopeInfo {
  std::set<std::string> free_names;  // globals read or written (including `_ENV` when free)
  int locals = 0;                    // bindings declared
};

ScopeInfo ResolveScopes(Chunk& chunk);

// The `rename-locals` pass: gives every local and upvalue a short name, scope-correctly (a new
// name never shadows a visible local nor equals a free name; `self` and `_ENV` keep theirs).
// Globals, fields and labels are untouched. Leaves the chunk resolved.
void RenameLocals(Chunk& chunk);

}  // namespace aokit::bundle
