// Layout of the shared coordination file "shm" (see docs/store-format.md). It is mapped
// MAP_SHARED by every process that has the store open and is rebuilt from the durable files
// by the first opener (the process that finds no other holder of LOCK), so it never needs
// to survive a reboot; its layout is still versioned because processes of different aokit
// builds may share it. Never reorder fields.
#pragma once

#include <pthread.h>

#include <atomic>
#include <cstdint>

namespace aokit::store::shm {

constexpr uint64_t kMagic = 0x31304D48534B4F41ull;  // "AOKSHM01"
constexpr uint32_t kVersion = 1;
constexpr uint32_t kSlots = 512;

static_assert(std::atomic<uint64_t>::is_always_lock_free, "shared atomics must be lock-free");
static_assert(sizeof(std::atomic<uint32_t>) == 4, "futex words are 32-bit");

// One active transaction. owner = (pid << 32) | per-process claim counter; 0 = free.
struct alignas(64) Slot {
  std::atomic<uint64_t> owner;
  std::atomic<uint64_t> snapshot;
  std::atomic<uint64_t> heartbeat_us;  // monotonic clock (CLOCK_MONOTONIC, shared by processes)
};

struct alignas(64) Header {
  uint64_t magic;
  uint32_t version;
  uint32_t slot_count;
  uint32_t sync_mode;  // SyncMode of the first opener; later openers must match
  uint32_t init_pid;
  uint64_t reserved0[5];

  // Robust, process-shared mutexes: a holder that dies is detected (EOWNERDEAD) and the next
  // holder repairs the state (truncates a half-written WAL record, adopts a new MANIFEST).
  alignas(64) pthread_mutex_t commit_mu;  // guards WAL appends, seq assignment, checkpoints
  alignas(64) pthread_mutex_t sync_mu;    // held by the group-commit leader while it fsyncs

  // Published WAL state; a seqlock (layout_ver odd while changing) makes the triple consistent.
  alignas(64) std::atomic<uint64_t> layout_ver;
  std::atomic<uint64_t> generation;  // current WAL/data-file generation
  std::atomic<uint64_t> wal_end;     // end of the last complete record in wal-<generation>
  std::atomic<uint64_t> end_seq;     // seq of that record (or checkpoint_seq when none)

  alignas(64) std::atomic<uint64_t> visible_seq;     // new snapshots read at this sequence
  std::atomic<uint64_t> checkpoint_seq;              // data-<generation> holds seq <= this
  std::atomic<uint64_t> gc_fence;                    // see Store: snapshots below it must retry
  std::atomic<uint64_t> last_sync_us;
  std::atomic<uint64_t> commits;
  std::atomic<uint64_t> conflicts;
  std::atomic<uint64_t> fsyncs;
  // Fair hand-off of commit_mu between processes: waiters announce themselves, and the last
  // holder steps back briefly when someone else is waiting (pthread mutexes are not fair).
  std::atomic<uint64_t> commit_waiters;
  std::atomic<uint64_t> last_commit_owner;  // instance id of the last commit_mu holder
  std::atomic<uint64_t> commit_streak;      // consecutive acquisitions by that holder
  // Futex word: bumped (and all waiters woken) after every group-commit fsync.
  std::atomic<uint32_t> sync_epoch;
  uint32_t reserved1;

  Slot slots[kSlots];
};

constexpr size_t kRegionSize = (sizeof(Header) + 4095) / 4096 * 4096;

}  // namespace aokit::store::shm
