// Lua 5.3 parser: recursive descent as lparser.c, one function per grammar rule, binary
// operators by precedence climbing over the shared priority table. Stops at the first error,
// like Lua, with `file:line:col: message near 'token'`.
#pragma once

#include <memory>
#include <string_view>

#include <tl/expected.hpp>

#include "aokit/bundle/ast.h"
#include "aokit/bundle/diagnostic.h"

namespace aokit::bundle {

tl::expected<std::unique_ptr<Chunk>, Diagnostic> Parse(std::string_view file, std::string_view source);

}  // namespace aokit::bundle
