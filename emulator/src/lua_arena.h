// Private: the small-block allocator behind each process's lua_Alloc.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace aokit::emu::detail {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kLuaArenaPooled = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kLuaArenaPooled = false;
#else
inline constexpr bool kLuaArenaPooled = true;
#endif
#else
inline constexpr bool kLuaArenaPooled = true;
#endif

// A Lua state allocates and frees dozens of small objects per message (tables, closures,
// short strings, coroutine stacks). glibc's malloc spends a fifth of the emulator's time on
// them (bin searches, fast-bin consolidation), so blocks up to kMaxSmall bytes come from
// per-size free lists carved out of 64 KiB chunks instead. Lua always passes the old size,
// so blocks carry no header. Larger blocks go to malloc. One arena belongs to one lua_State,
// which only one thread runs at a time, so nothing is locked. Chunks return to the system
// when the process is destroyed; freed blocks are reused by the same process.
// Under AddressSanitizer every block goes to malloc so that ASan still checks Lua's heap.
class LuaArena {
 public:
  LuaArena() = default;
  ~LuaArena();
  LuaArena(const LuaArena&) = delete;
  LuaArena& operator=(const LuaArena&) = delete;

  // lua_Alloc semantics: new_size 0 frees; otherwise returns a block of new_size bytes holding
  // the first min(old, new) bytes of ptr, or nullptr (ptr untouched) when memory is exhausted.
  void* Reallocate(void* ptr, std::size_t old_size, std::size_t new_size);

  // Bytes held in chunks (used or on free lists); for tests and statistics.
  std::size_t chunk_bytes() const { return chunks_.size() * kChunkBytes; }

  static constexpr std::size_t kGranule = 16;
  static constexpr std::size_t kMaxSmall = 512;
  static constexpr std::size_t kChunkBytes = 64 * 1024;

 private:
  struct FreeBlock {
    FreeBlock* next;
  };
  static constexpr std::size_t ClassOf(std::size_t size) { return (size + kGranule - 1) / kGranule; }
  static bool IsSmall(std::size_t size) { return size <= kMaxSmall; }
  void* AllocateSmall(std::size_t size_class);
  void FreeSmall(void* block, std::size_t size_class);

  std::array<FreeBlock*, kMaxSmall / kGranule + 1> free_{};
  char* bump_ = nullptr;
  char* bump_end_ = nullptr;
  std::vector<void*> chunks_;
};

}  // namespace aokit::emu::detail
