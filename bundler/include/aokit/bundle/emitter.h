// Prints an AST back to Lua source. Two styles over one printer: Readable (indented, one
// statement per line) and Dense (no comments, minimal whitespace, fewest parentheses from the
// parser's priority table). Parenthesized multi-value expressions keep their parentheses.
#pragma once

#include <string>

#include "aokit/bundle/ast.h"

namespace aokit::bundle {

enum class EmitStyle { Readable, Dense };

std::string EmitBlock(const Block& block, EmitStyle style);
std::string EmitExpression(const Node& expr, EmitStyle style);

// A Lua string literal for `bytes` (the shorter of '…' and "…", escapes where needed).
std::string QuoteString(std::string_view bytes);
bool IsIdentifier(std::string_view s);

}  // namespace aokit::bundle
