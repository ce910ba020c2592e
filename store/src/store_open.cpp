// Opening a store: first-opener recovery, follower attach, loading and tailing views.
#include <algorithm>
#include <thread>

#include "coding.h"
#include "files.h"
#include "store_impl.h"
#include "wal_format.h"

namespace aokit::store {

namespace {

bool IsOurFile(const std::string& n) {
  return n == "MANIFEST" || n == "MANIFEST.tmp" || n == "LOCK" || n == "INIT.LOCK" || n == "shm" ||
         n.rfind("wal-", 0) == 0 || n.rfind("data-", 0) == 0;
}

const char* SyncName(uint32_t m) {
  switch (static_cast<SyncMode>(m)) {
    case SyncMode::kFull: return "full";
    case SyncMode::kNormal: return "normal";
    case SyncMode::kOff: return "off";
  }
  return "unknown";
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const Options& options) {
  auto impl = std::make_unique<StoreImpl>(dir, options);
  if (auto s = impl->Open(); !s.ok()) return tl::unexpected(s);
  return std::unique_ptr<Store>(std::move(impl));
}

StoreImpl::StoreImpl(std::string dir, const Options& options)
    : env_(options.env ? options.env : DefaultEnv()), dir_(std::move(dir)), opts_(options) {
  instance_id_ = (uint64_t{env_->ProcessId()} << 32) ^ env_->NowMicros() ^ reinterpret_cast<uintptr_t>(this);
  while (dir_.size() > 1 && dir_.back() == '/') dir_.pop_back();
}

StoreImpl::~StoreImpl() {
  auto v = CurrentView();
  if (v && v->wal && coord_ && opts_.sync != SyncMode::kFull) v->wal->Sync();  // clean close
}

std::shared_ptr<View> StoreImpl::CurrentView() {
  std::lock_guard l(view_mu_);
  return view_;
}

Status StoreImpl::Open() {
  if (opts_.sync != SyncMode::kFull && opts_.sync != SyncMode::kNormal && opts_.sync != SyncMode::kOff)
    return Status::InvalidArgument("unknown sync mode");
  if (!env_->FileExists(dir_)) {
    if (!opts_.create_if_missing) return Status::InvalidArgument(dir_ + ": store directory does not exist");
    if (auto s = env_->CreateDir(dir_); !s.ok()) return s;
  }
  auto names = env_->ListDir(dir_);
  if (!names) return names.error();
  bool has_manifest = std::count(names->begin(), names->end(), "MANIFEST") > 0;
  if (!has_manifest) {
    size_t foreign = std::count_if(names->begin(), names->end(), [](const std::string& n) { return !IsOurFile(n); });
    if (foreign > 0)
      return Status::InvalidArgument(dir_ + " is not an aokit store (no MANIFEST, and " + std::to_string(foreign) +
                                     " other entries)");
    if (!opts_.create_if_missing) return Status::InvalidArgument(dir_ + " is not an aokit store (no MANIFEST)");
  } else if (opts_.error_if_exists) {
    return Status::InvalidArgument(dir_ + ": store already exists");
  }

  // Openers serialize on INIT.LOCK; the one that can take LOCK exclusively is alone and recovers.
  std::unique_ptr<FileLock> init;
  uint64_t deadline = env_->NowMicros() + uint64_t{opts_.lock_timeout_ms} * 1000;
  for (;;) {
    auto l = env_->Lock(InitLockName(dir_), Env::LockMode::kExclusive, false);
    if (l) {
      init = std::move(*l);
      break;
    }
    if (!l.error().IsBusy()) return l.error();
    if (env_->NowMicros() > deadline) return Status::Busy(dir_ + ": another process is opening the store");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  auto excl = env_->Lock(LockName(dir_), Env::LockMode::kExclusive, false);
  if (excl) {
    lock_ = std::move(*excl);
    if (auto s = RecoverAsFirstOpener(); !s.ok()) return s;
    return lock_->Downgrade();
  }
  if (!excl.error().IsBusy()) return excl.error();
  auto shared = env_->Lock(LockName(dir_), Env::LockMode::kShared, true);
  if (!shared) return shared.error();
  lock_ = std::move(*shared);
  return AttachAsFollower();
}

Status StoreImpl::RecoverAsFirstOpener() {
  if (!env_->FileExists(ManifestName(dir_))) {
    auto wal = env_->OpenFile(WalName(dir_, 1), true, true);
    if (!wal) return wal.error();
    if (auto s = (*wal)->Truncate(0); !s.ok()) return s;
    if (auto s = (*wal)->Write(0, EncodeWalFileHeader(1)); !s.ok()) return s;
    if (auto s = (*wal)->Sync(); !s.ok()) return s;
    if (auto s = WriteManifest(env_, dir_, Manifest{1, 0, 0}); !s.ok()) return s;
  }
  auto m = ReadManifest(env_, dir_);
  if (!m) return m.error();
  auto v = std::make_shared<View>();
  v->generation = m->generation;
  v->checkpoint_seq = m->checkpoint_seq;
  if (m->data_size > 0) {
    auto df = DataFile::Open(env_, DataName(dir_, m->generation));
    if (!df) return df.error();
    if ((*df)->file_size() != m->data_size)
      return Status::Corruption(DataName(dir_, m->generation) + " at offset " + std::to_string((*df)->file_size()) +
                                ": size differs from MANIFEST (" + std::to_string(m->data_size) + ")");
    v->data = *df;
  }
  std::string wal_name = WalName(dir_, m->generation);
  if (!env_->FileExists(wal_name)) return Status::Corruption(wal_name + " at offset 0: WAL file missing");
  auto wal = env_->OpenFile(wal_name, false, true);
  if (!wal) return wal.error();
  auto size = (*wal)->Size();
  if (!size) return size.error();
  std::string buf;
  if (auto s = (*wal)->Read(0, *size, &buf); !s.ok()) return s;
  if (auto s = CheckWalFileHeader(buf, wal_name, m->generation); !s.ok()) return s;
  auto mem = std::make_shared<MemTable>(wal::kFileHeaderSize);
  WalScanResult scan;
  Status st;
  auto s = ScanWal(std::string_view(buf).substr(wal::kFileHeaderSize), wal::kFileHeaderSize, wal_name,
                   m->checkpoint_seq, false, [&](const WalRecordView& r) {
                     DecodeWalPayload(r.payload, [&](uint8_t type, std::string_view k, std::string_view val) {
                       mem->Add(r.seq, type == wal::kOpErase, k, val);
                     });
                   },
                   &scan);
  if (!s.ok()) return s;
  if (scan.torn_tail) {
    if (auto t = (*wal)->Truncate(scan.valid_end); !t.ok()) return t;
  }
  if (auto t = (*wal)->Sync(); !t.ok()) return t;  // recovered records become durable before visible
  mem->set_applied_end(scan.valid_end);
  v->mem = mem;
  v->wal = std::move(*wal);

  // Orphans of an interrupted checkpoint.
  if (auto names = env_->ListDir(dir_)) {
    for (const auto& n : *names) {
      bool ours_now = n == WalName("", m->generation).substr(1) || n == DataName("", m->generation).substr(1);
      if ((n.rfind("wal-", 0) == 0 || n.rfind("data-", 0) == 0 || n == "MANIFEST.tmp") && !ours_now)
        env_->RemoveFile(dir_ + "/" + n);
    }
  }

  auto region = env_->MapShared(ShmName(dir_), shm::kRegionSize);
  if (!region) return region.error();
  coord_ = std::make_unique<Coordinator>(env_, std::move(*region));
  uint64_t end_seq = std::max(scan.last_seq, m->checkpoint_seq);
  if (auto t = coord_->Initialize(static_cast<uint32_t>(opts_.sync), Layout{m->generation, scan.valid_end, end_seq},
                                  m->checkpoint_seq);
      !t.ok())
    return t;
  std::lock_guard l(view_mu_);
  view_ = v;
  return Status::Ok();
}

Status StoreImpl::AttachAsFollower() {
  auto region = env_->MapShared(ShmName(dir_), shm::kRegionSize);
  if (!region) return region.error();
  coord_ = std::make_unique<Coordinator>(env_, std::move(*region));
  if (auto s = coord_->CheckAttached(); !s.ok()) return s;
  uint32_t mode = coord_->h()->sync_mode;
  if (mode != static_cast<uint32_t>(opts_.sync))
    return Status::InvalidArgument(std::string("incompatible options: the store is open with sync=") + SyncName(mode) +
                                   " by process " + std::to_string(coord_->h()->init_pid) + ", this open asks for sync=" +
                                   SyncName(static_cast<uint32_t>(opts_.sync)));
  if (auto s = LockCommit(); !s.ok()) return s;
  Status s = LoadViewLocked();
  coord_->Unlock(&coord_->h()->commit_mu);
  if (!s.ok()) return s;
  std::shared_ptr<View> v;
  return CatchUp(&v, false);
}

Status StoreImpl::LoadViewLocked() {
  auto m = ReadManifest(env_, dir_);
  if (!m) return m.error();
  auto v = std::make_shared<View>();
  v->generation = m->generation;
  v->checkpoint_seq = m->checkpoint_seq;
  if (m->data_size > 0) {
    auto df = DataFile::Open(env_, DataName(dir_, m->generation));
    if (!df) return df.error();
    v->data = *df;
  }
  auto wal = env_->OpenFile(WalName(dir_, m->generation), false, true);
  if (!wal) return wal.error();
  std::string hdr;
  if (auto s = (*wal)->Read(0, wal::kFileHeaderSize, &hdr); !s.ok()) return s;
  if (auto s = CheckWalFileHeader(hdr, WalName(dir_, m->generation), m->generation); !s.ok()) return s;
  v->wal = std::move(*wal);
  v->mem = std::make_shared<MemTable>(wal::kFileHeaderSize);
  std::lock_guard l(view_mu_);
  view_ = v;
  return Status::Ok();
}

Status StoreImpl::CatchUp(std::shared_ptr<View>* out, bool have_commit_lock) {
  for (int attempt = 0;; ++attempt) {
    Layout l = coord_->ReadLayout();
    auto v = CurrentView();
    if (v->generation != l.generation) {
      if (attempt > 100) return Status::Busy("store generation keeps changing");
      if (!have_commit_lock) {
        if (auto s = LockCommit(); !s.ok()) return s;
      }
      Status s = CurrentView()->generation == coord_->ReadLayout().generation ? Status::Ok() : LoadViewLocked();
      if (!have_commit_lock) coord_->Unlock(&coord_->h()->commit_mu);
      if (!s.ok()) return s;
      continue;
    }
    MemTable& mem = *v->mem;
    if (mem.applied_end() < l.wal_end) {
      std::lock_guard al(mem.apply_mu);
      uint64_t from = mem.applied_end();
      if (from < l.wal_end) {
        std::string buf;
        if (auto s = v->wal->Read(from, l.wal_end - from, &buf); !s.ok()) return s;
        std::string name = WalName(dir_, v->generation);
        if (buf.size() != l.wal_end - from)
          return Status::Corruption(name + " at offset " + std::to_string(from + buf.size()) +
                                    ": shorter than the published end " + std::to_string(l.wal_end));
        WalScanResult scan;
        auto s = ScanWal(buf, from, name, 0, true, [&](const WalRecordView& r) {
          DecodeWalPayload(r.payload, [&](uint8_t type, std::string_view k, std::string_view val) {
            mem.Add(r.seq, type == wal::kOpErase, k, val);
          });
        }, &scan);
        if (!s.ok()) return s;
        mem.set_applied_end(l.wal_end);
      }
    }
    *out = std::move(v);
    return Status::Ok();
  }
}

StoreStats StoreImpl::Stats() {
  StoreStats st;
  std::shared_ptr<View> v;
  CatchUp(&v, false);
  if (!v) v = CurrentView();
  auto* h = coord_->h();
  Layout l = coord_->ReadLayout();
  st.generation = l.generation;
  st.last_seq = l.end_seq;
  st.visible_seq = h->visible_seq.load();
  st.checkpoint_seq = h->checkpoint_seq.load();
  st.wal_bytes = l.wal_end;
  st.data_file_bytes = v->data ? v->data->file_size() : 0;
  st.data_entries = v->data ? v->data->entry_count() : 0;
  st.memtable_keys = v->mem->key_count();
  st.active_transactions = coord_->ActiveCount();
  st.opener_pid = h->init_pid;
  st.sync = static_cast<SyncMode>(h->sync_mode);
  return st;
}

}  // namespace aokit::store
