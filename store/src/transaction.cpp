// Transactions: snapshot reads over (own writes, memtable, data file), buffered writes,
// read-set tracking for serializable commits, and the retry helper.
#include <map>
#include <optional>
#include <random>
#include <thread>

#include "merge_iterator.h"
#include "store_impl.h"
#include "wal_format.h"

namespace aokit::store {

namespace {

class TxnImpl final : public Transaction {
 public:
  TxnImpl(StoreImpl* store, std::shared_ptr<View> view, uint64_t snapshot, shm::Slot* slot, uint64_t token,
          bool writable, Isolation iso)
      : store_(store), view_(std::move(view)), snapshot_(snapshot), slot_(slot), token_(token),
        writable_(writable), serializable_(iso == Isolation::kSerializable) {}
  ~TxnImpl() override { Finish(); }

  Status Get(std::string_view key, std::string* value) override {
    if (done_) return Status::InvalidArgument("transaction is finished");
    if (auto it = writes_.find(key); it != writes_.end()) {
      if (!it->second) return Status::NotFound();
      *value = *it->second;
      return Status::Ok();
    }
    if (serializable_ && writable_) read_keys_.emplace_back(key);
    Touch();
    switch (view_->mem->Get(key, snapshot_, value)) {
      case MemTable::Lookup::kFound: return Status::Ok();
      case MemTable::Lookup::kDeleted: return Status::NotFound();
      case MemTable::Lookup::kMissing: break;
    }
    if (!view_->data) return Status::NotFound();
    bool deleted;
    return view_->data->Get(key, snapshot_, value, &deleted);
  }

  Status Put(std::string_view key, std::string_view value) override { return Write(key, std::string(value)); }
  Status Erase(std::string_view key) override { return Write(key, std::nullopt); }

  std::unique_ptr<Iterator> Scan(std::string_view start, std::string_view end) override {
    if (serializable_ && writable_) read_ranges_.emplace_back(start, end);
    Touch();
    return NewMergeIterator(view_, snapshot_, done_ ? nullptr : &writes_, start, end);
  }
  std::unique_ptr<Iterator> ScanPrefix(std::string_view prefix) override {
    std::string end(prefix);
    while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff) end.pop_back();
    if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
    return Scan(prefix, end);
  }

  Status Commit() override {
    if (done_) return Status::InvalidArgument("transaction is finished");
    if (!writable_ || writes_.empty()) {
      Finish();
      return Status::Ok();
    }
    std::vector<WalOp> ops;
    ops.reserve(writes_.size());
    for (auto& [k, v] : writes_)
      ops.push_back(WalOp{v ? wal::kOpPut : wal::kOpErase, k, v ? std::move(*v) : std::string()});
    CommitRequest req{snapshot_, serializable_, &ops, &read_keys_, &read_ranges_, slot_, token_};
    uint64_t seq = 0;
    Status s = store_->Commit(req, &seq);
    if (s.ok()) commit_seq_ = seq;
    Finish();
    return s;
  }
  void Abort() override { Finish(); }
  uint64_t snapshot() const override { return snapshot_; }
  uint64_t commit_seq() const override { return commit_seq_; }

 private:
  Status Write(std::string_view key, std::optional<std::string> value) {
    if (done_) return Status::InvalidArgument("transaction is finished");
    if (!writable_) return Status::InvalidArgument("read-only transaction");
    Touch();
    writes_.insert_or_assign(std::string(key), std::move(value));
    return Status::Ok();
  }
  void Touch() {
    if (++ops_ % 64 == 0) store_->coord().Heartbeat(slot_);
  }
  void Finish() {
    if (done_) return;
    done_ = true;
    store_->coord().Release(slot_, token_);
    writes_.clear();
  }

  StoreImpl* store_;
  std::shared_ptr<View> view_;
  uint64_t snapshot_;
  shm::Slot* slot_;
  uint64_t token_;
  bool writable_, serializable_;
  bool done_ = false;
  uint64_t commit_seq_ = 0;
  uint64_t ops_ = 0;
  WriteMap writes_;
  std::vector<std::string> read_keys_;
  std::vector<std::pair<std::string, std::string>> read_ranges_;
};

}  // namespace

Result<std::unique_ptr<Transaction>> StoreImpl::Begin(bool writable, Isolation iso) {
  SyncStragglers();
  uint64_t token, snapshot;
  auto slot = coord_->Claim(&token, &snapshot, opts_.lock_timeout_ms);
  if (!slot) return tl::unexpected(slot.error());
  std::shared_ptr<View> v;
  if (auto s = CatchUp(&v, false); !s.ok()) {
    coord_->Release(*slot, token);
    return tl::unexpected(s);
  }
  return std::unique_ptr<Transaction>(new TxnImpl(this, std::move(v), snapshot, *slot, token, writable, iso));
}

Result<std::unique_ptr<Transaction>> StoreImpl::BeginRead() { return Begin(false, Isolation::kSnapshot); }
Result<std::unique_ptr<Transaction>> StoreImpl::BeginWrite(Isolation iso) { return Begin(true, iso); }

Status RunTransaction(Store& store, Isolation isolation, const std::function<Status(Transaction&)>& body,
                      const RetryOptions& retry) {
  thread_local std::minstd_rand rng(std::random_device{}());
  Status last;
  for (int attempt = 0; attempt < retry.max_attempts; ++attempt) {
    if (attempt > 0) {
      uint32_t cap = std::min<uint32_t>(retry.max_backoff_us, 20u << std::min(attempt, 10));
      std::this_thread::sleep_for(std::chrono::microseconds(rng() % (cap + 1)));
    }
    auto txn = store.BeginWrite(isolation);
    if (!txn) {
      last = txn.error();
      if (last.IsBusy()) continue;
      return last;
    }
    if (auto s = body(**txn); !s.ok()) return s;
    last = (*txn)->Commit();
    if (!last.IsConflict() && !last.IsBusy()) return last;
  }
  return last;
}

}  // namespace aokit::store
