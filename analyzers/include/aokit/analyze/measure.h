// Size measures of one piece of Lua code.
#pragma once

#include <cstdint>
#include <string>

namespace aokit::analyze {

struct Measures {
  std::uint64_t raw = 0;       // bytes as deployed in the measured mode
  std::uint64_t minified = 0;  // bytes once minified (release emission)
  std::uint64_t zstd = 0;      // zstd (level 19) of the raw bytes
  std::uint64_t bytecode = 0;  // Lua 5.3 lua_dump with strip=1 of the raw text (0 if it does not load)
  std::uint64_t lines = 0;
  std::uint64_t functions = 0;

  Measures& operator+=(const Measures& o);
};

std::uint64_t ZstdBytes(const std::string& text);
std::uint64_t StrippedBytecodeBytes(const std::string& text, const std::string& chunkname);
std::uint64_t LineCount(const std::string& text);

}  // namespace aokit::analyze
