// A canonical text form of an AST for comparisons (verify, round-trip tests, fuzzing):
// positions dropped, `a.b` ≡ `a["b"]`, `{x=1}` ≡ `{["x"]=1}`, and, after ResolveScopes, each
// local written as `$<n>` (numbered by first appearance) so a scope-correct renaming compares equal.
#pragma once

#include <string>

#include "aokit/bundle/ast.h"

namespace aokit::bundle {

std::string NormalForm(const Block& block);

}  // namespace aokit::bundle
