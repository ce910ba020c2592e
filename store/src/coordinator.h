// Cross-process coordination through the shared "shm" region: the robust commit and sync
// mutexes (with bounded waits), the published WAL layout (a seqlock), and the table of active
// transactions with dead-process and stale-heartbeat reclamation.
#pragma once

#include <cstdint>
#include <memory>

#include "aokit/store/env.h"
#include "shm_format.h"

namespace aokit::store {

struct Layout {
  uint64_t generation;
  uint64_t wal_end;
  uint64_t end_seq;
};

class Coordinator {
 public:
  explicit Coordinator(Env* env, std::unique_ptr<SharedRegion> region);
  shm::Header* h() { return h_; }

  // Fresh initialization (first opener only): zeroes the region, creates the mutexes.
  Status Initialize(uint32_t sync_mode, Layout layout, uint64_t checkpoint_seq);
  Status CheckAttached() const;

  enum class LockResult { kOk, kOwnerDied };
  // Timed, robust lock. kOwnerDied: the previous holder died; the caller must repair the
  // guarded state and then call MarkConsistent.
  Result<LockResult> Lock(pthread_mutex_t* mu, uint32_t timeout_ms);
  bool TryLock(pthread_mutex_t* mu, bool* owner_died);
  void MarkConsistent(pthread_mutex_t* mu) { pthread_mutex_consistent(mu); }
  void Unlock(pthread_mutex_t* mu) { pthread_mutex_unlock(mu); }

  // Consistent read of the published layout. Spins while a publisher is mid-update.
  Layout ReadLayout() const;
  void PublishLayout(const Layout& l);  // caller holds commit_mu
  void RaiseVisible(uint64_t seq);

  // Claims a free transaction slot and registers `snapshot` safely against concurrent GC
  // (returns the snapshot actually registered). Busy when the table stays full.
  Result<shm::Slot*> Claim(uint64_t* token, uint64_t* snapshot, uint32_t timeout_ms);
  void Release(shm::Slot* slot, uint64_t token);
  void Heartbeat(shm::Slot* slot) { slot->heartbeat_us.store(env_->NowMicros(), std::memory_order_relaxed); }
  // Frees slots of dead processes and slots idle longer than txn_timeout; returns the oldest
  // snapshot still registered (or `ceiling` when none is older), after raising gc_fence.
  uint64_t Horizon(uint64_t ceiling, uint32_t txn_timeout_ms);
  uint32_t ActiveCount() const;

 private:
  Env* env_;
  uint64_t pid_;  // cached: getpid() is a system call and a store is never used across fork
  std::unique_ptr<SharedRegion> region_;
  shm::Header* h_;
  std::atomic<uint32_t> claim_counter_{0};
  std::atomic<uint32_t> hint_{0};
};

}  // namespace aokit::store
