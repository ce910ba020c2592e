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
// them (bin searches, fast-bin consolidation; in parallel mode its per-thread arenas also
// shrink and regrow with system calls as coroutine stacks come and go), so blocks up to
// kMaxSmall bytes come from per-size free lists carved out of 64 KiB chunks instead: 16-byte
// steps up to 512 bytes, 128-byte steps up to 4 KiB. Lua always passes the old size,
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

  static constexpr std::size_t kGranule = 16;      // step of the classes up to kFineLimit
  static constexpr std::size_t kFineLimit = 512;
  static constexpr std::size_t kCoarseGranule = 128;  // step from kFineLimit to kMaxSmall
  static constexpr std::size_t kMaxSmall = 4096;
  static constexpr std::size_t kChunkBytes = 64 * 1024;

 private:
  struct FreeBlock {
    FreeBlock* next;
  };
  static constexpr std::size_t kFineClasses = kFineLimit / kGranule;
  static constexpr std::size_t ClassOf(std::size_t size) {
    return size <= kFineLimit ? (size + kGranule - 1) / kGranule
                              : kFineClasses + (size - kFineLimit + kCoarseGranule - 1) / kCoarseGranule;
  }
  static constexpr std::size_t BlockBytes(std::size_t size_class) {
    return size_class <= kFineClasses ? size_class * kGranule
                                      : kFineLimit + (size_class - kFineClasses) * kCoarseGranule;
  }
  // The largest class whose blocks fit in `bytes` (a multiple of kGranule, at least kGranule).
  static constexpr std::size_t ClassFitting(std::size_t bytes) {
    if (bytes <= kFineLimit) return bytes / kGranule;
    if (bytes >= kMaxSmall) return ClassOf(kMaxSmall);
    return kFineClasses + (bytes - kFineLimit) / kCoarseGranule;
  }
  static bool IsSmall(std::size_t size) { return size <= kMaxSmall; }
  void* AllocateSmall(std::size_t size_class);
  void FreeSmall(void* block, std::size_t size_class);

  static constexpr std::size_t kClasses = kFineClasses + (kMaxSmall - kFineLimit) / kCoarseGranule + 1;
  std::array<FreeBlock*, kClasses> free_{};
  char* bump_ = nullptr;
  char* bump_end_ = nullptr;
  std::vector<void*> chunks_;
};

}  // namespace aokit::emu::detail
