// White-box tests of the small-block allocator behind every process's lua_Alloc.
#include "lua_arena.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace aokit::emu::detail {
namespace {

void Fill(void* p, std::size_t n, unsigned char seed) {
  auto* bytes = static_cast<unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i) bytes[i] = static_cast<unsigned char>(seed + i);
}

bool Holds(const void* p, std::size_t n, unsigned char seed) {
  const auto* bytes = static_cast<const unsigned char*>(p);
  for (std::size_t i = 0; i < n; ++i)
    if (bytes[i] != static_cast<unsigned char>(seed + i)) return false;
  return true;
}

TEST(LuaArenaTest, NewBlocksAreDistinctAndAligned) {
  LuaArena arena;
  std::vector<void*> blocks;
  for (std::size_t size = 1; size <= 2 * LuaArena::kMaxSmall; size += 7) {
    void* p = arena.Reallocate(nullptr, 5 /* Lua passes a type tag here */, size);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 16, 0u) << size;
    Fill(p, size, static_cast<unsigned char>(size));
    blocks.push_back(p);
  }
  std::size_t size = 1;
  for (void* p : blocks) {
    EXPECT_TRUE(Holds(p, size, static_cast<unsigned char>(size))) << "block of " << size << " bytes overwritten";
    arena.Reallocate(p, size, 0);
    size += 7;
  }
}

TEST(LuaArenaTest, FreedSmallBlockIsReusedBySameClass) {
  if (!kLuaArenaPooled) GTEST_SKIP() << "plain malloc under AddressSanitizer";
  LuaArena arena;
  void* a = arena.Reallocate(nullptr, 0, 40);
  arena.Reallocate(a, 40, 0);
  void* b = arena.Reallocate(nullptr, 0, 33);  // 33 and 40 bytes share the 48-byte class
  EXPECT_EQ(a, b);
  void* c = arena.Reallocate(nullptr, 0, 49);  // next class: a fresh block
  EXPECT_NE(b, c);
  void* d = arena.Reallocate(nullptr, 0, 600);  // above 512 bytes classes step by 128
  arena.Reallocate(d, 600, 0);
  EXPECT_EQ(arena.Reallocate(nullptr, 0, 513), d);
}

TEST(LuaArenaTest, ReallocKeepsContentAcrossEveryKindOfMove) {
  LuaArena arena;
  const std::size_t sizes[] = {8, 24, 24, 200, 512, 513, 4096, 100000, 300, 17, 1};
  void* p = arena.Reallocate(nullptr, 0, sizes[0]);
  Fill(p, sizes[0], 3);
  for (std::size_t i = 1; i < std::size(sizes); ++i) {
    std::size_t keep = std::min(sizes[i - 1], sizes[i]);
    p = arena.Reallocate(p, sizes[i - 1], sizes[i]);
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(Holds(p, keep, 3)) << sizes[i - 1] << " -> " << sizes[i];
    Fill(p, sizes[i], 3);
  }
  arena.Reallocate(p, sizes[std::size(sizes) - 1], 0);
}

TEST(LuaArenaTest, SameClassReallocStaysInPlace) {
  if (!kLuaArenaPooled) GTEST_SKIP() << "plain malloc under AddressSanitizer";
  LuaArena arena;
  void* p = arena.Reallocate(nullptr, 0, 100);
  EXPECT_EQ(arena.Reallocate(p, 100, 112), p);
  EXPECT_EQ(arena.Reallocate(p, 112, 97), p);
  arena.Reallocate(p, 97, 0);
}

TEST(LuaArenaTest, ChunksAreReusedAfterFreeing) {
  if (!kLuaArenaPooled) GTEST_SKIP() << "plain malloc under AddressSanitizer";
  LuaArena arena;
  std::vector<void*> blocks;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 20000; ++i) blocks.push_back(arena.Reallocate(nullptr, 0, 64));
    for (void* p : blocks) arena.Reallocate(p, 64, 0);
    blocks.clear();
  }
  // 20,000 live 64-byte blocks need ~20 chunks; three rounds must not triple that.
  EXPECT_LE(arena.chunk_bytes(), 24 * LuaArena::kChunkBytes);
}

}  // namespace
}  // namespace aokit::emu::detail
