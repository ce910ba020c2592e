// Numeral helpers: canonical values for AST comparison and the shortest spelling for the dense
// emitter (hex integers print in decimal when shorter and the value is the same).
#pragma once

#include <string>
#include <string_view>

namespace aokit::bundle {

// "i:<decimal of the wrapped 64-bit integer>" or "f:<hex-float of the double>".
std::string CanonicalNumber(std::string_view lexeme);
// The shortest lexeme with the same value and subtype as `lexeme`.
std::string ShortestNumber(std::string_view lexeme);

}  // namespace aokit::bundle
