#include "numbers.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace aokit::bundle {
namespace {

bool IsHex(std::string_view s) { return s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'); }

// Lua's l_str2int: decimal or hex digits only; hex wraps around, decimal must fit.
bool ParseInteger(std::string_view s, std::uint64_t* out) {
  std::uint64_t v = 0;
  if (IsHex(s)) {
    for (char c : s.substr(2)) {
      if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
      v = v * 16 + static_cast<std::uint64_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
    }
  } else {
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      std::uint64_t next = v * 10 + static_cast<std::uint64_t>(c - '0');
      if (next / 10 != v || next > static_cast<std::uint64_t>(INT64_MAX)) return false;  // becomes a float in Lua
      v = next;
    }
  }
  *out = v;
  return true;
}

}  // namespace

std::string CanonicalNumber(std::string_view lexeme) {
  std::uint64_t v;
  if (ParseInteger(lexeme, &v)) return "i:" + std::to_string(static_cast<std::int64_t>(v));
  std::string s(lexeme);
  double d = std::strtod(s.c_str(), nullptr);
  char buf[64];
  std::snprintf(buf, sizeof buf, "f:%a", d);
  return buf;
}

std::string ShortestNumber(std::string_view lexeme) {
  std::uint64_t v;
  if (IsHex(lexeme) && ParseInteger(lexeme, &v) && v <= static_cast<std::uint64_t>(INT64_MAX)) {
    std::string dec = std::to_string(v);
    if (dec.size() < lexeme.size()) return dec;
  }
  return std::string(lexeme);
}

}  // namespace aokit::bundle
