#include "aokit/analyze/measure.h"

#include <zstd.h>

#include <algorithm>
#include <vector>

#include "lauxlib.h"
#include "lua.h"

namespace aokit::analyze {

Measures& Measures::operator+=(const Measures& o) {
  raw += o.raw;
  minified += o.minified;
  zstd += o.zstd;
  bytecode += o.bytecode;
  lines += o.lines;
  functions += o.functions;
  return *this;
}

std::uint64_t ZstdBytes(const std::string& text) {
  std::vector<char> out(ZSTD_compressBound(text.size()));
  std::size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 19);
  return ZSTD_isError(n) ? 0 : n;
}

namespace {
int CountWriter(lua_State*, const void*, size_t size, void* ud) {
  *static_cast<std::uint64_t*>(ud) += size;
  return 0;
}
}  // namespace

std::uint64_t StrippedBytecodeBytes(const std::string& text, const std::string& chunkname) {
  lua_State* L = luaL_newstate();
  if (!L) return 0;
  std::uint64_t bytes = 0;
  if (luaL_loadbufferx(L, text.data(), text.size(), chunkname.c_str(), "t") == LUA_OK)
    lua_dump(L, CountWriter, &bytes, 1);
  lua_close(L);
  return bytes;
}

std::uint64_t LineCount(const std::string& text) {
  if (text.empty()) return 0;
  auto n = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
  return text.back() == '\n' ? n : n + 1;
}

}  // namespace aokit::analyze
