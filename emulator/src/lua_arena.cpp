#include "lua_arena.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace aokit::emu::detail {

LuaArena::~LuaArena() {
  for (void* chunk : chunks_) std::free(chunk);
}

void* LuaArena::AllocateSmall(std::size_t size_class) {
  if (FreeBlock* block = free_[size_class]) {
    free_[size_class] = block->next;
    return block;
  }
  std::size_t bytes = BlockBytes(size_class);
  if (static_cast<std::size_t>(bump_end_ - bump_) < bytes) {
    // The tail of the old chunk is too small for this class: give it to the free lists.
    // Every block is a multiple of kGranule, so the tail is too.
    while (bump_end_ - bump_ >= static_cast<std::ptrdiff_t>(kGranule)) {
      std::size_t tail_class = ClassFitting(static_cast<std::size_t>(bump_end_ - bump_));
      FreeSmall(bump_, tail_class);
      bump_ += BlockBytes(tail_class);
    }
    void* chunk = std::malloc(kChunkBytes);
    if (chunk == nullptr) return nullptr;
    chunks_.push_back(chunk);
    bump_ = static_cast<char*>(chunk);
    bump_end_ = bump_ + kChunkBytes;
  }
  void* block = bump_;
  bump_ += bytes;
  return block;
}

void LuaArena::FreeSmall(void* block, std::size_t size_class) {
  auto* free_block = static_cast<FreeBlock*>(block);
  free_block->next = free_[size_class];
  free_[size_class] = free_block;
}

void* LuaArena::Reallocate(void* ptr, std::size_t old_size, std::size_t new_size) {
  if (ptr == nullptr) old_size = 0;  // Lua passes a type tag as old_size for new objects
  if (!kLuaArenaPooled) {
    if (new_size == 0) {
      std::free(ptr);
      return nullptr;
    }
    return std::realloc(ptr, new_size);
  }
  bool old_small = ptr != nullptr && IsSmall(old_size);
  if (new_size == 0) {
    if (old_small) FreeSmall(ptr, ClassOf(old_size));
    else std::free(ptr);
    return nullptr;
  }
  if (ptr != nullptr && !old_small && !IsSmall(new_size)) return std::realloc(ptr, new_size);
  if (old_small && IsSmall(new_size) && ClassOf(old_size) == ClassOf(new_size)) return ptr;
  void* block = IsSmall(new_size) ? AllocateSmall(ClassOf(new_size)) : std::malloc(new_size);
  if (block == nullptr) return nullptr;
  if (ptr != nullptr) {
    std::memcpy(block, ptr, std::min(old_size, new_size));
    if (old_small) FreeSmall(ptr, ClassOf(old_size));
    else std::free(ptr);
  }
  return block;
}

}  // namespace aokit::emu::detail
