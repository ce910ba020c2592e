// aokit::store — an embedded MVCC key-value store shared safely by several OS processes.
//
//   auto store = Store::Open("world/", Options{});           // Result<unique_ptr<Store>>
//   auto txn = (*store)->BeginWrite(Isolation::kSnapshot);    // Result<unique_ptr<Transaction>>
//   (*txn)->Put("proc/abc/log/00000042", msg_id);
//   Status s = (*txn)->Commit();                              // ok | conflict | busy | io | corruption
//
// Keys and values are byte strings ordered bytewise. Every commit gets the next global
// sequence number (shared by all processes that opened the directory); a transaction reads
// the snapshot of the sequence it began at, without locks. Writers conflict only with
// writers: first committer wins. See docs/store.md.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "aokit/store/env.h"
#include "aokit/store/status.h"

namespace aokit::store {

// Durability of a successful Commit. Never renumber (stored in the shared coordination file).
enum class SyncMode : uint32_t {
  kFull = 1,    // WAL fdatasync'd (group commit) before Commit returns and before others see it
  kNormal = 2,  // WAL written to the OS before Commit returns; fsync at most every interval
  kOff = 3,     // WAL written to the OS; fsync only at checkpoint and clean close
};

enum class Isolation {
  kSnapshot,      // conflicts on write-write only (first committer wins)
  kSerializable,  // also conflicts when anything this transaction read (keys, scanned ranges)
                  // was changed by a commit after its snapshot
};

struct Options {
  Env* env = nullptr;  // DefaultEnv() when null
  bool create_if_missing = true;
  bool error_if_exists = false;
  SyncMode sync = SyncMode::kFull;  // every process opening a store must agree
  uint32_t lock_timeout_ms = 5000;  // bound on every cross-process lock wait (then kBusy)
  uint32_t txn_timeout_ms = 60000;  // a live transaction idle this long may be reclaimed
  uint64_t checkpoint_wal_bytes = 16ull << 20;  // auto-checkpoint when the WAL grows past this
  uint32_t block_size = 16 << 10;               // data-file block size before compression
  int zstd_level = 3;
  uint32_t normal_sync_interval_ms = 1000;  // kNormal: WAL fsync at most this often
};

// Ordered iteration over a transaction's view (its snapshot plus its own writes).
class Iterator {
 public:
  virtual ~Iterator() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  virtual Status status() const = 0;  // non-ok when a read failed (Valid() is then false)
};

class Transaction {
 public:
  virtual ~Transaction() = default;  // aborts if neither committed nor aborted
  // NotFound when the key has no value in this transaction's view.
  virtual Status Get(std::string_view key, std::string* value) = 0;
  virtual Status Put(std::string_view key, std::string_view value) = 0;  // read-write only
  virtual Status Erase(std::string_view key) = 0;                        // read-write only
  // Keys in [start, end); an empty end means no upper bound.
  virtual std::unique_ptr<Iterator> Scan(std::string_view start, std::string_view end) = 0;
  virtual std::unique_ptr<Iterator> ScanPrefix(std::string_view prefix) = 0;
  // Read-only transactions commit trivially. After Commit (any result) the transaction is over.
  virtual Status Commit() = 0;
  virtual void Abort() = 0;
  virtual uint64_t snapshot() const = 0;    // the sequence this transaction reads at
  virtual uint64_t commit_seq() const = 0;  // its own sequence after a successful Commit, else 0
};

struct StoreStats {
  uint64_t generation = 0;       // checkpoint generation (data file / WAL number)
  uint64_t last_seq = 0;         // last assigned commit sequence
  uint64_t visible_seq = 0;      // newest sequence a new snapshot sees
  uint64_t checkpoint_seq = 0;   // sequences <= this live in the data file
  uint64_t wal_bytes = 0;        // current WAL size
  uint64_t data_file_bytes = 0;  // current data file size (0: none)
  uint64_t data_entries = 0;
  uint64_t memtable_keys = 0;
  uint32_t active_transactions = 0;  // across all processes
  uint32_t opener_pid = 0;           // process that initialized the coordination file
  SyncMode sync = SyncMode::kFull;
};

class Store {
 public:
  virtual ~Store() = default;
  // Opens (or creates) the store in directory `dir`. Recovers after a crash when this is
  // the only process with the store open.
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const Options& options);

  virtual Result<std::unique_ptr<Transaction>> BeginRead() = 0;
  virtual Result<std::unique_ptr<Transaction>> BeginWrite(
      Isolation isolation = Isolation::kSnapshot) = 0;
  // Folds the WAL into a new immutable data file, dropping versions no snapshot can see.
  virtual Status Checkpoint() = 0;
  virtual StoreStats Stats() = 0;
};

// Retry helper: runs `body` in a fresh read-write transaction and commits it, retrying on
// kConflict (and kBusy) up to max_attempts with a short randomized back-off. A non-ok status
// returned by body aborts and is returned as is.
struct RetryOptions {
  int max_attempts = 100;
  uint32_t max_backoff_us = 2000;
};
Status RunTransaction(Store& store, Isolation isolation,
                      const std::function<Status(Transaction&)>& body,
                      const RetryOptions& retry = {});

// Checks every checksum and invariant of the store's files (WAL records, data-file blocks,
// ordering, manifest). Returns the first corruption naming file and offset; fills `report`
// with a human-readable summary when non-null. Does not need (or take) the store open.
Status Verify(const std::string& dir, Env* env, std::string* report);

// Writes a readable dump of every version (key, seq, value or tombstone) to `out`.
Status Dump(const std::string& dir, Env* env, const std::function<void(std::string_view)>& out);

}  // namespace aokit::store
