// Checkpoint: fold the current data file and memtable into data-<g+1>.sst, keeping every
// version some registered snapshot may still read, start wal-<g+1>.log, switch MANIFEST.
// Runs under the commit lock with a caught-up view, so the new generation holds exactly the
// sequences <= the last appended one.
#include "data_format.h"
#include "files.h"
#include "store_impl.h"
#include "wal_format.h"

namespace aokit::store {

namespace {

// Emits one key's versions (newest first) after garbage collection: everything newer than
// the horizon, plus the newest version at or below it unless that is a deletion.
class GcWriter {
 public:
  GcWriter(DataFileBuilder* b, uint64_t horizon) : b_(b), horizon_(horizon) {}
  Status Key(std::string_view key) {
    key_.assign(key);
    done_ = false;
    return Status::Ok();
  }
  Status Version(uint64_t seq, bool deleted, std::string_view value) {
    if (done_) return Status::Ok();
    if (seq <= horizon_) {
      done_ = true;
      if (deleted) return Status::Ok();
    }
    return b_->Add(key_, seq, deleted ? data::kTypeDeletion : data::kTypeValue, value);
  }

 private:
  DataFileBuilder* b_;
  uint64_t horizon_;
  std::string key_;
  bool done_ = false;
};

}  // namespace

Status StoreImpl::CheckpointLocked(const std::shared_ptr<View>& v) {
  auto* h = coord_->h();
  Layout l = coord_->ReadLayout();
  uint64_t horizon = coord_->Horizon(h->visible_seq.load(), opts_.txn_timeout_ms);
  uint64_t next = l.generation + 1;
  std::string data_name = DataName(dir_, next);
  auto file = env_->OpenFile(data_name, true, true);
  if (!file) return file.error();
  if (auto s = (*file)->Truncate(0); !s.ok()) return s;
  DataFileBuilder builder(file->get(), data_name, opts_.block_size, opts_.zstd_level);
  GcWriter gc(&builder, horizon);

  // Merge: memtable versions of a key are all newer than the data file's.
  std::unique_ptr<DataFile::Cursor> dc;
  if (v->data) {
    dc = std::make_unique<DataFile::Cursor>(v->data.get());
    dc->Seek({});
  }
  Status st;
  auto drain_data_below = [&](const std::string* limit) {
    while (st.ok() && dc && dc->Valid() && (!limit || dc->entry().key < std::string_view(*limit))) {
      std::string key(dc->entry().key);
      st = gc.Key(key);
      for (; st.ok() && dc->Valid() && dc->entry().key == key; dc->Next())
        st = gc.Version(dc->entry().seq, dc->entry().type == data::kTypeDeletion, dc->entry().value);
    }
    if (st.ok() && dc && !dc->status().ok()) st = dc->status();
  };
  v->mem->ForEachLocked([&](const std::string& key, const std::vector<Version>& vs) {
    drain_data_below(&key);
    if (!st.ok()) return;
    st = gc.Key(key);
    for (auto it = vs.rbegin(); st.ok() && it != vs.rend(); ++it) st = gc.Version(it->seq, it->deleted, it->value);
    for (; st.ok() && dc && dc->Valid() && dc->entry().key == key; dc->Next())
      st = gc.Version(dc->entry().seq, dc->entry().type == data::kTypeDeletion, dc->entry().value);
  });
  drain_data_below(nullptr);
  if (!st.ok()) return st;
  uint64_t data_size;
  if (auto s = builder.Finish(&data_size); !s.ok()) return s;

  auto wal = env_->OpenFile(WalName(dir_, next), true, true);
  if (!wal) return wal.error();
  if (auto s = (*wal)->Truncate(0); !s.ok()) return s;
  if (auto s = (*wal)->Write(0, EncodeWalFileHeader(next)); !s.ok()) return s;
  if (auto s = (*wal)->Sync(); !s.ok()) return s;
  if (auto s = env_->SyncDir(dir_); !s.ok()) return s;
  if (auto s = WriteManifest(env_, dir_, Manifest{next, l.end_seq, data_size}); !s.ok()) return s;

  // Committed: the new generation is durable. Publish it, then drop the old files (processes
  // still reading them keep their open handles).
  auto nv = std::make_shared<View>();
  nv->generation = next;
  nv->checkpoint_seq = l.end_seq;
  auto df = DataFile::Open(env_, data_name);
  if (!df) return df.error();
  nv->data = *df;
  nv->wal = std::move(*wal);
  nv->mem = std::make_shared<MemTable>(wal::kFileHeaderSize);
  h->checkpoint_seq.store(l.end_seq);
  coord_->PublishLayout(Layout{next, wal::kFileHeaderSize, l.end_seq});
  coord_->RaiseVisible(l.end_seq);
  {
    std::lock_guard lk(view_mu_);
    view_ = nv;
  }
  env_->RemoveFile(WalName(dir_, l.generation));
  if (v->data) env_->RemoveFile(DataName(dir_, l.generation));
  return Status::Ok();
}

}  // namespace aokit::store
