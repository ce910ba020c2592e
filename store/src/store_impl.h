// StoreImpl: one process's handle on a store directory. Holds the current View (data file +
// memtable tailing the WAL), the coordination region, and implements open/recovery,
// catch-up, commit with group commit, and checkpoints (split over store_open.cpp,
// store_commit.cpp, checkpoint.cpp).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "aokit/store/store.h"
#include "coordinator.h"
#include "data_file.h"
#include "memtable.h"
#include "wal.h"

namespace aokit::store {

struct View {
  uint64_t generation = 0;
  uint64_t checkpoint_seq = 0;
  std::shared_ptr<DataFile> data;  // null: no data file yet
  std::shared_ptr<MemTable> mem;
  std::shared_ptr<File> wal;
};

// What a transaction asks to commit.
struct CommitRequest {
  uint64_t snapshot;
  bool serializable;
  const std::vector<WalOp>* ops;
  const std::vector<std::string>* read_keys;
  const std::vector<std::pair<std::string, std::string>>* read_ranges;
  shm::Slot* slot;
  uint64_t token;
};

class StoreImpl final : public Store {
 public:
  StoreImpl(std::string dir, const Options& options);
  ~StoreImpl() override;
  Status Open();

  Result<std::unique_ptr<Transaction>> BeginRead() override;
  Result<std::unique_ptr<Transaction>> BeginWrite(Isolation isolation) override;
  Status Checkpoint() override;
  StoreStats Stats() override;

  // Internals used by transactions.
  Status CatchUp(std::shared_ptr<View>* out, bool have_commit_lock);
  Status Commit(const CommitRequest& req, uint64_t* seq);
  Coordinator& coord() { return *coord_; }
  const Options& options() const { return opts_; }

 private:
  Result<std::unique_ptr<Transaction>> Begin(bool writable, Isolation isolation);
  std::shared_ptr<View> CurrentView();
  Status RecoverAsFirstOpener();
  Status AttachAsFollower();
  Status LoadViewLocked();  // caller holds commit_mu
  Status LockCommit();      // timed; repairs after a dead holder
  Status RepairLocked();
  Status Validate(const CommitRequest& req, const View& v);
  Status WaitDurable(uint64_t seq);
  // kFull: records appended long ago but still not durable (their committer died before its
  // fsync) are synced by the next transaction to begin.
  void SyncStragglers();
  void MaybePeriodicSync();
  Status CheckpointLocked(const std::shared_ptr<View>& v);

  Env* env_;
  std::string dir_;
  Options opts_;
  std::unique_ptr<FileLock> lock_;
  std::unique_ptr<Coordinator> coord_;
  uint64_t instance_id_;                 // distinguishes this handle in last_commit_owner
  std::atomic<uint64_t> local_waiters_{0};  // this handle's threads waiting for commit_mu
  std::mutex view_mu_;
  std::shared_ptr<View> view_;  // guarded by view_mu_
};

}  // namespace aokit::store
