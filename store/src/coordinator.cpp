#include "coordinator.h"

#include <sched.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <thread>

namespace aokit::store {

Coordinator::Coordinator(Env* env, std::unique_ptr<SharedRegion> region)
    : env_(env), pid_(env->ProcessId()), region_(std::move(region)), h_(static_cast<shm::Header*>(region_->data())) {
  claim_counter_ = static_cast<uint32_t>(env_->NowMicros());
  hint_ = static_cast<uint32_t>((pid_ * 61 + env_->NowMicros()) % shm::kSlots);  // spread processes over the table
}

Status Coordinator::Initialize(uint32_t sync_mode, Layout layout, uint64_t checkpoint_seq) {
  std::memset(static_cast<void*>(h_), 0, sizeof(shm::Header));
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  int r1 = pthread_mutex_init(&h_->commit_mu, &attr);
  int r2 = pthread_mutex_init(&h_->sync_mu, &attr);
  pthread_mutexattr_destroy(&attr);
  if (r1 || r2) return Status::IOError(std::string("pthread_mutex_init: ") + std::strerror(r1 ? r1 : r2));
  h_->version = shm::kVersion;
  h_->slot_count = shm::kSlots;
  h_->sync_mode = sync_mode;
  h_->init_pid = env_->ProcessId();
  h_->generation.store(layout.generation);
  h_->wal_end.store(layout.wal_end);
  h_->end_seq.store(layout.end_seq);
  h_->visible_seq.store(layout.end_seq);
  h_->checkpoint_seq.store(checkpoint_seq);
  std::atomic_thread_fence(std::memory_order_seq_cst);
  reinterpret_cast<std::atomic<uint64_t>*>(&h_->magic)->store(shm::kMagic);
  return Status::Ok();
}

Status Coordinator::CheckAttached() const {
  if (reinterpret_cast<std::atomic<uint64_t>*>(&h_->magic)->load() != shm::kMagic)
    return Status::Busy("coordination file not initialized (another process is recovering the store)");
  if (h_->version != shm::kVersion)
    return Status::NotSupported("coordination file version " + std::to_string(h_->version) +
                                " differs from this aokit's " + std::to_string(shm::kVersion) +
                                " (a different aokit build has the store open)");
  return Status::Ok();
}

Result<Coordinator::LockResult> Coordinator::Lock(pthread_mutex_t* mu, uint32_t timeout_ms) {
  int r = pthread_mutex_trylock(mu);
  if (r == EBUSY) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += timeout_ms / 1000;
    ts.tv_nsec += static_cast<long>(timeout_ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
      ts.tv_sec += 1;
      ts.tv_nsec -= 1000000000L;
    }
    do r = pthread_mutex_timedlock(mu, &ts);
    while (r == EINTR);
  }
  if (r == 0) return LockResult::kOk;
  if (r == EOWNERDEAD) return LockResult::kOwnerDied;
  if (r == ETIMEDOUT) return tl::unexpected(Status::Busy("lock wait timed out after " + std::to_string(timeout_ms) + " ms"));
  return tl::unexpected(Status::IOError(std::string("lock: ") + std::strerror(r)));
}

bool Coordinator::TryLock(pthread_mutex_t* mu, bool* owner_died) {
  int r = pthread_mutex_trylock(mu);
  *owner_died = r == EOWNERDEAD;
  return r == 0 || r == EOWNERDEAD;
}

Layout Coordinator::ReadLayout() const {
  for (int spins = 0;; ++spins) {
    uint64_t v1 = h_->layout_ver.load(std::memory_order_acquire);
    if (!(v1 & 1)) {
      Layout l{h_->generation.load(std::memory_order_acquire), h_->wal_end.load(std::memory_order_acquire),
               h_->end_seq.load(std::memory_order_acquire)};
      std::atomic_thread_fence(std::memory_order_acquire);
      if (h_->layout_ver.load(std::memory_order_relaxed) == v1) return l;
    }
    if (spins > 64) std::this_thread::yield();
    if (spins > 100000) {
      // A publisher died between its two stores; the commit lock's owner-died repair
      // (which this process cannot do without the store) fixes the parity. Read anyway.
      Layout l{h_->generation.load(), h_->wal_end.load(), h_->end_seq.load()};
      return l;
    }
  }
}

void Coordinator::PublishLayout(const Layout& l) {
  uint64_t v = h_->layout_ver.load(std::memory_order_relaxed);
  if (v & 1) ++v;  // repair parity left by a dead publisher
  h_->layout_ver.store(v + 1, std::memory_order_seq_cst);
  h_->generation.store(l.generation, std::memory_order_release);
  h_->wal_end.store(l.wal_end, std::memory_order_release);
  h_->end_seq.store(l.end_seq, std::memory_order_release);
  h_->layout_ver.store(v + 2, std::memory_order_seq_cst);
}

void Coordinator::RaiseVisible(uint64_t seq) {
  uint64_t cur = h_->visible_seq.load();
  while (cur < seq && !h_->visible_seq.compare_exchange_weak(cur, seq)) {
  }
}

Result<shm::Slot*> Coordinator::Claim(uint64_t* token, uint64_t* snapshot, uint32_t timeout_ms) {
  uint64_t pid = pid_;
  uint64_t deadline = 0;
  for (int round = 0;; ++round) {
    uint32_t start = hint_.load(std::memory_order_relaxed);
    for (uint32_t i = 0; i < shm::kSlots; ++i) {
      uint32_t idx = (start + i) % shm::kSlots;
      shm::Slot* s = &h_->slots[idx];
      uint64_t expected = 0;
      if (s->owner.load(std::memory_order_relaxed) != 0) continue;
      uint64_t t = (pid << 32) | (claim_counter_.fetch_add(1) | 1u);
      if (!s->owner.compare_exchange_strong(expected, t)) continue;
      hint_.store(idx + 1, std::memory_order_relaxed);
      s->heartbeat_us.store(env_->NowMicros(), std::memory_order_relaxed);
      // Register the snapshot, then check the GC fence (Dekker with Horizon): either the
      // checkpointer's slot scan sees this snapshot, or this sees its fence and retries.
      for (;;) {
        uint64_t snap = h_->visible_seq.load(std::memory_order_seq_cst);
        s->snapshot.store(snap, std::memory_order_seq_cst);
        if (h_->gc_fence.load(std::memory_order_seq_cst) <= snap) {
          *token = t;
          *snapshot = snap;
          return s;
        }
      }
    }
    Horizon(h_->visible_seq.load(), 0xffffffffu);  // reclaim slots of dead processes
    if (!deadline) deadline = env_->NowMicros() + uint64_t{timeout_ms} * 1000;
    if (env_->NowMicros() > deadline)
      return tl::unexpected(Status::Busy("transaction table full (" + std::to_string(shm::kSlots) + " active transactions)"));
    std::this_thread::sleep_for(std::chrono::microseconds(100 + 50 * std::min(round, 20)));
  }
}

void Coordinator::Release(shm::Slot* slot, uint64_t token) {
  uint64_t t = token;
  slot->owner.compare_exchange_strong(t, 0);
}

uint64_t Coordinator::Horizon(uint64_t ceiling, uint32_t txn_timeout_ms) {
  uint64_t fence = h_->gc_fence.load();
  while (fence < ceiling && !h_->gc_fence.compare_exchange_weak(fence, ceiling)) {
  }
  uint64_t now = env_->NowMicros();
  uint64_t horizon = ceiling;
  for (auto& s : h_->slots) {
    uint64_t owner = s.owner.load(std::memory_order_seq_cst);
    if (!owner) continue;
    auto pid = static_cast<uint32_t>(owner >> 32);
    uint64_t hb = s.heartbeat_us.load(std::memory_order_relaxed);
    bool stale = txn_timeout_ms != 0xffffffffu && now > hb && now - hb > uint64_t{txn_timeout_ms} * 1000;
    if (!env_->ProcessAlive(pid) || stale) {
      s.owner.compare_exchange_strong(owner, 0);
      continue;
    }
    horizon = std::min(horizon, s.snapshot.load(std::memory_order_seq_cst));
  }
  return horizon;
}

uint32_t Coordinator::ActiveCount() const {
  uint32_t n = 0;
  for (const auto& s : h_->slots) n += s.owner.load(std::memory_order_relaxed) != 0;
  return n;
}

}  // namespace aokit::store
