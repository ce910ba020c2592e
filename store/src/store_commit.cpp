// Commit: validation (first committer wins; read-set checks when serializable), WAL append
// under the cross-process commit lock, and group commit (one fsync for every record appended
// while the previous fsync ran, whichever process appended it).
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <ctime>
#include <thread>

#include "files.h"
#include "store_impl.h"
#include "wal_format.h"

namespace aokit::store {

// A handle that took the commit lock this many times in a row steps back for waiters.
constexpr uint64_t kMaxCommitStreak = 3;

Status StoreImpl::LockCommit() {
  auto* h = coord_->h();
  h->commit_waiters.fetch_add(1);
  uint64_t mine = local_waiters_.fetch_add(1) + 1;
  if (h->last_commit_owner.load(std::memory_order_relaxed) == instance_id_ &&
      h->commit_streak.load(std::memory_order_relaxed) >= kMaxCommitStreak &&
      h->commit_waiters.load(std::memory_order_relaxed) > mine) {
    // We took the lock the last few times while another handle (process) waited: yield so
    // the woken waiter can take it (pthread mutexes are not fair; without this one process
    // can starve the others).
    std::this_thread::yield();
  }
  auto r = coord_->Lock(&h->commit_mu, opts_.lock_timeout_ms);
  h->commit_waiters.fetch_sub(1);
  local_waiters_.fetch_sub(1);
  if (!r) return r.error();
  if (h->last_commit_owner.exchange(instance_id_, std::memory_order_relaxed) == instance_id_) {
    h->commit_streak.fetch_add(1, std::memory_order_relaxed);
  } else {
    h->commit_streak.store(1, std::memory_order_relaxed);
  }
  if (*r == Coordinator::LockResult::kOwnerDied) {
    Status s = RepairLocked();
    coord_->MarkConsistent(&h->commit_mu);
    if (!s.ok()) {
      coord_->Unlock(&h->commit_mu);
      return s;
    }
  }
  return Status::Ok();
}

// The previous commit-lock holder died. Whatever it did not publish is discarded: a partial
// WAL record past the published end is cut off; a checkpoint whose MANIFEST was already
// switched is adopted.
Status StoreImpl::RepairLocked() {
  auto m = ReadManifest(env_, dir_);
  if (!m) return m.error();
  Layout l = coord_->ReadLayout();
  if (m->generation == l.generation) {
    auto wal = env_->OpenFile(WalName(dir_, l.generation), false, true);
    if (!wal) return wal.error();
    if (auto s = (*wal)->Truncate(l.wal_end); !s.ok()) return s;
    coord_->PublishLayout(l);
    return Status::Ok();
  }
  if (m->generation < l.generation)
    return Status::Corruption(ManifestName(dir_) + " at offset 16: generation " + std::to_string(m->generation) +
                              " is older than the running generation " + std::to_string(l.generation));
  auto wal = env_->OpenFile(WalName(dir_, m->generation), false, true);
  if (!wal) return wal.error();
  if (auto s = (*wal)->Truncate(wal::kFileHeaderSize); !s.ok()) return s;
  coord_->PublishLayout(Layout{m->generation, wal::kFileHeaderSize, m->checkpoint_seq});
  coord_->h()->checkpoint_seq.store(m->checkpoint_seq);
  coord_->RaiseVisible(m->checkpoint_seq);
  env_->RemoveFile(WalName(dir_, l.generation));
  env_->RemoveFile(DataName(dir_, l.generation));
  return Status::Ok();
}

static Result<uint64_t> LatestSeq(const View& v, std::string_view key) {
  uint64_t s = v.mem->LatestSeq(key);
  if (s || !v.data) return s;
  return v.data->LatestSeq(key);
}

Status StoreImpl::Validate(const CommitRequest& req, const View& v) {
  auto check = [&](std::string_view key, const char* what) -> Status {
    auto seq = LatestSeq(v, key);
    if (!seq) return seq.error();
    if (*seq > req.snapshot)
      return Status::Conflict(std::string(what) + " key changed by commit " + std::to_string(*seq) +
                              " after snapshot " + std::to_string(req.snapshot));
    return Status::Ok();
  };
  for (const auto& op : *req.ops)
    if (auto s = check(op.key, "written"); !s.ok()) return s;
  if (!req.serializable) return Status::Ok();
  for (const auto& k : *req.read_keys)
    if (auto s = check(k, "read"); !s.ok()) return s;
  for (const auto& [start, end] : *req.read_ranges) {
    if (v.mem->ChangedInRange(start, end, req.snapshot))
      return Status::Conflict("scanned range changed after snapshot " + std::to_string(req.snapshot));
    if (v.data && v.checkpoint_seq > req.snapshot) {
      DataFile::Cursor c(v.data.get());
      for (c.Seek(start); c.Valid(); c.Next()) {
        if (!end.empty() && c.entry().key >= std::string_view(end)) break;
        if (c.entry().seq > req.snapshot)
          return Status::Conflict("scanned range changed after snapshot " + std::to_string(req.snapshot));
      }
      if (!c.status().ok()) return c.status();
    }
  }
  return Status::Ok();
}

Status StoreImpl::Commit(const CommitRequest& req, uint64_t* seq) {
  auto* h = coord_->h();
  std::shared_ptr<View> v;
  // Ingest other processes' records before taking the lock, so the locked catch-up is short.
  if (auto s = CatchUp(&v, false); !s.ok()) return s;
  if (auto s = LockCommit(); !s.ok()) return s;
  Status s = CatchUp(&v, true);
  if (s.ok()) s = Validate(req, *v);
  if (s.ok() && req.slot->owner.load() != req.token)
    s = Status::Busy("transaction expired (idle longer than txn_timeout_ms; its slot was reclaimed)");
  if (!s.ok()) {
    coord_->Unlock(&h->commit_mu);
    if (s.IsConflict()) {
      h->conflicts.fetch_add(1, std::memory_order_relaxed);
      // The winner may be appended but not yet durable (or its committer died before
      // syncing): make it visible so a retry reads it instead of conflicting forever.
      if (opts_.sync == SyncMode::kFull) {
        if (auto d = WaitDurable(coord_->ReadLayout().end_seq); !d.ok()) return d;
      }
    }
    return s;
  }
  Layout l = coord_->ReadLayout();
  *seq = l.end_seq + 1;
  std::string rec;
  EncodeWalRecord(*seq, *req.ops, &rec);
  if (s = v->wal->Write(l.wal_end, rec); !s.ok()) {
    v->wal->Truncate(l.wal_end);
    coord_->Unlock(&h->commit_mu);
    return s;
  }
  {
    std::lock_guard al(v->mem->apply_mu);
    for (const auto& op : *req.ops) v->mem->Add(*seq, op.type == wal::kOpErase, op.key, op.value);
    v->mem->set_applied_end(l.wal_end + rec.size());
  }
  coord_->PublishLayout(Layout{l.generation, l.wal_end + rec.size(), *seq});
  if (opts_.sync != SyncMode::kFull) coord_->RaiseVisible(*seq);
  h->commits.fetch_add(1, std::memory_order_relaxed);
  Status cp;
  if (l.wal_end + rec.size() >= opts_.checkpoint_wal_bytes) cp = CheckpointLocked(v);
  coord_->Unlock(&h->commit_mu);
  if (opts_.sync == SyncMode::kFull) return WaitDurable(*seq);
  if (opts_.sync == SyncMode::kNormal) MaybePeriodicSync();
  return Status::Ok();  // a failed auto-checkpoint leaves the (committed) WAL in place
}

namespace {

// Cross-process wait on a 32-bit word of the shared region (a non-private futex).
void FutexWait(std::atomic<uint32_t>* word, uint32_t expected, uint32_t timeout_us) {
  struct timespec ts{static_cast<time_t>(timeout_us / 1000000), static_cast<long>(timeout_us % 1000000) * 1000};
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAIT, expected, &ts, nullptr, 0);
}
void FutexWakeAll(std::atomic<uint32_t>* word) {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAKE, INT32_MAX, nullptr, nullptr, 0);
}

}  // namespace

// Group commit. Whoever finds no fsync in progress becomes the leader: it captures the
// published WAL end, fsyncs once for every record appended so far (by any process), raises
// the visible sequence and wakes everyone. The others sleep on sync_epoch meanwhile — not on
// the leader's mutex, so a waiter whose record a finished fsync covered returns at once.
Status StoreImpl::WaitDurable(uint64_t seq) {
  auto* h = coord_->h();
  uint64_t deadline = 0;
  while (h->visible_seq.load(std::memory_order_acquire) < seq) {
    uint32_t epoch = h->sync_epoch.load(std::memory_order_acquire);
    if (h->visible_seq.load(std::memory_order_acquire) >= seq) break;
    bool died = false;
    if (!coord_->TryLock(&h->sync_mu, &died)) {
      if (!deadline) deadline = env_->NowMicros() + uint64_t{opts_.lock_timeout_ms} * 1000;
      if (env_->NowMicros() > deadline) return Status::Busy("group commit wait timed out");
      FutexWait(&h->sync_epoch, epoch, 2000);  // bounded: also covers a leader that died
      continue;
    }
    if (died) coord_->MarkConsistent(&h->sync_mu);
    if (h->visible_seq.load(std::memory_order_acquire) >= seq) {
      coord_->Unlock(&h->sync_mu);
      break;
    }
    Layout l = coord_->ReadLayout();
    std::shared_ptr<View> v = CurrentView();
    Status s;
    if (v->generation != l.generation) s = CatchUp(&v, false);
    if (s.ok() && v->generation != l.generation) {  // a checkpoint is switching generations
      coord_->Unlock(&h->sync_mu);
      std::this_thread::yield();
      continue;
    }
    if (s.ok()) s = v->wal->Sync();
    if (s.ok()) {
      h->fsyncs.fetch_add(1, std::memory_order_relaxed);
      h->last_sync_us.store(env_->NowMicros(), std::memory_order_relaxed);
      coord_->RaiseVisible(l.end_seq);
    }
    h->sync_epoch.fetch_add(1, std::memory_order_release);
    coord_->Unlock(&h->sync_mu);
    FutexWakeAll(&h->sync_epoch);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

void StoreImpl::SyncStragglers() {
  if (opts_.sync != SyncMode::kFull) return;
  auto* h = coord_->h();
  uint64_t visible = h->visible_seq.load(std::memory_order_acquire);
  Layout l = coord_->ReadLayout();
  if (l.end_seq <= visible) return;
  uint64_t now = env_->NowMicros(), last = h->last_sync_us.load(std::memory_order_relaxed);
  if (now > last && now - last > 100000) WaitDurable(l.end_seq);
}

void StoreImpl::MaybePeriodicSync() {
  auto* h = coord_->h();
  uint64_t now = env_->NowMicros();
  if (now - h->last_sync_us.load(std::memory_order_relaxed) < uint64_t{opts_.normal_sync_interval_ms} * 1000) return;
  bool died;
  if (!coord_->TryLock(&h->sync_mu, &died)) return;
  if (died) coord_->MarkConsistent(&h->sync_mu);
  h->last_sync_us.store(now, std::memory_order_relaxed);
  if (auto v = CurrentView(); v && v->wal->Sync().ok()) h->fsyncs.fetch_add(1, std::memory_order_relaxed);
  coord_->Unlock(&h->sync_mu);
}

Status StoreImpl::Checkpoint() {
  if (auto s = LockCommit(); !s.ok()) return s;
  std::shared_ptr<View> v;
  Status s = CatchUp(&v, true);
  if (s.ok()) s = CheckpointLocked(v);
  coord_->Unlock(&coord_->h()->commit_mu);
  return s;
}

}  // namespace aokit::store
