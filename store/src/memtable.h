// The in-process image of the current WAL generation: every version of every key written
// since the last checkpoint, newest last. Each process builds its own by tailing the WAL.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aokit::store {

struct Version {
  uint64_t seq;
  bool deleted;
  std::string value;
};

class MemTable {
 public:
  enum class Lookup { kMissing, kFound, kDeleted };
  explicit MemTable(uint64_t applied_end) : applied_end_(applied_end) {}

  // Adds a version; seq must exceed every seq already in the table. Caller holds apply_mu.
  void Add(uint64_t seq, bool deleted, std::string_view key, std::string_view value);

  Lookup Get(std::string_view key, uint64_t snapshot, std::string* value) const;
  uint64_t LatestSeq(std::string_view key) const;
  // True if any key in [start, end) (end empty = unbounded) has a version newer than snapshot.
  bool ChangedInRange(std::string_view start, std::string_view end, uint64_t snapshot) const;
  // First key >= from (> from when exclusive) with a version visible at snapshot.
  bool SeekVisible(std::string_view from, bool exclusive, uint64_t snapshot, std::string* key,
                   std::string* value, bool* deleted) const;
  size_t key_count() const;

  // Visits all keys in order with their versions (newest last). Caller holds apply_mu.
  template <class Fn>
  void ForEachLocked(Fn&& fn) const {
    std::shared_lock l(mu_);
    for (const auto& [k, vs] : map_) fn(k, vs);
  }

  std::mutex apply_mu;  // serializes catch-up and local commits
  uint64_t applied_end() const { return applied_end_.load(std::memory_order_acquire); }
  void set_applied_end(uint64_t e) { applied_end_.store(e, std::memory_order_release); }

 private:
  mutable std::shared_mutex mu_;
  std::map<std::string, std::vector<Version>, std::less<>> map_;  // ordered: scans
  std::unordered_map<std::string_view, std::vector<Version>*> index_;  // point lookups; views into map_ keys
  const std::vector<Version>* Find(std::string_view key) const {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : it->second;
  }
  std::atomic<uint64_t> applied_end_;
};

}  // namespace aokit::store
