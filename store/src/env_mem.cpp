// The in-memory Env with fault injection: files with a "last synced" image, directory
// entries with a "last SyncDir" image, and a crash that reverts to both.
#include <condition_variable>
#include <map>
#include <mutex>

#include "aokit/store/env.h"

namespace aokit::store {
namespace {

struct Node {
  std::string data;
  std::string synced;
};

std::string ParentOf(const std::string& path) {
  auto pos = path.rfind('/');
  return pos == std::string::npos ? std::string(".") : path.substr(0, pos);
}

struct MemState {
  std::mutex mu;
  std::condition_variable cv;
  std::map<std::string, std::shared_ptr<Node>> live, durable;
  std::map<std::string, bool> dirs;
  std::map<std::string, std::shared_ptr<std::string>> regions;
  struct LockState {
    int shared = 0;
    bool exclusive = false;
  };
  std::map<std::string, LockState> locks;
  uint64_t epoch = 0;  // bumped by SimulateCrash: locks of the old epoch are gone
  int64_t ops_left = -1;
  uint64_t capacity = 0;
  uint64_t bytes_written = 0;
  bool read_only = false;

  // Called with mu held before every mutation.
  Status Mutate(const std::string& what) {
    if (read_only) return Status::IOError(what + ": Read-only file system");
    if (ops_left == 0) return Status::IOError(what + ": injected failure (machine stopped)");
    if (ops_left > 0) --ops_left;
    return Status::Ok();
  }
};

class MemFile final : public File {
 public:
  MemFile(std::shared_ptr<MemState> st, std::shared_ptr<Node> n, std::string path, bool writable)
      : st_(std::move(st)), node_(std::move(n)), path_(std::move(path)), writable_(writable) {}
  Status Read(uint64_t offset, size_t n, std::string* out) const override {
    std::lock_guard l(st_->mu);
    const auto& d = node_->data;
    if (offset >= d.size()) {
      out->clear();
      return Status::Ok();
    }
    out->assign(d, offset, std::min<uint64_t>(n, d.size() - offset));
    return Status::Ok();
  }
  Status Write(uint64_t offset, std::string_view data) override {
    std::lock_guard l(st_->mu);
    if (!writable_) return Status::IOError("write " + path_ + ": Bad file descriptor");
    if (auto s = st_->Mutate("write " + path_); !s.ok()) return s;
    if (st_->capacity && st_->bytes_written + data.size() > st_->capacity)
      return Status::IOError("write " + path_ + ": No space left on device");
    st_->bytes_written += data.size();
    auto& d = node_->data;
    if (d.size() < offset + data.size()) d.resize(offset + data.size());
    d.replace(offset, data.size(), data);
    return Status::Ok();
  }
  Status Sync() override {
    std::lock_guard l(st_->mu);
    if (auto s = st_->Mutate("fdatasync " + path_); !s.ok()) return s;
    node_->synced = node_->data;
    return Status::Ok();
  }
  Status Truncate(uint64_t size) override {
    std::lock_guard l(st_->mu);
    if (auto s = st_->Mutate("truncate " + path_); !s.ok()) return s;
    node_->data.resize(size);
    return Status::Ok();
  }
  Result<uint64_t> Size() const override {
    std::lock_guard l(st_->mu);
    return static_cast<uint64_t>(node_->data.size());
  }

 private:
  std::shared_ptr<MemState> st_;
  std::shared_ptr<Node> node_;
  std::string path_;
  bool writable_;
};

class MemLock final : public FileLock {
 public:
  MemLock(std::shared_ptr<MemState> st, std::string path, bool excl)
      : st_(std::move(st)), path_(std::move(path)), excl_(excl), epoch_(st_->epoch) {}
  ~MemLock() override {
    std::lock_guard l(st_->mu);
    if (epoch_ != st_->epoch) return;
    auto& ls = st_->locks[path_];
    if (excl_) ls.exclusive = false; else --ls.shared;
    st_->cv.notify_all();
  }
  Status Downgrade() override {
    std::lock_guard l(st_->mu);
    if (epoch_ != st_->epoch) return Status::IOError("lock lost in a simulated crash");
    auto& ls = st_->locks[path_];
    if (excl_) {
      ls.exclusive = false;
      ++ls.shared;
      excl_ = false;
      st_->cv.notify_all();
    }
    return Status::Ok();
  }

 private:
  std::shared_ptr<MemState> st_;
  std::string path_;
  bool excl_;
  uint64_t epoch_;
};

class MemRegion final : public SharedRegion {
 public:
  explicit MemRegion(std::shared_ptr<std::string> b) : buf_(std::move(b)) {}
  void* data() override { return buf_->data(); }
  size_t size() const override { return buf_->size(); }

 private:
  std::shared_ptr<std::string> buf_;
};

class MemEnvImpl final : public MemEnv {
 public:
  MemEnvImpl() : st_(std::make_shared<MemState>()) {}

  Result<std::unique_ptr<File>> OpenFile(const std::string& path, bool create,
                                         bool writable) override {
    std::lock_guard l(st_->mu);
    auto it = st_->live.find(path);
    if (it == st_->live.end()) {
      if (!create) return tl::unexpected(Status::IOError("open " + path + ": No such file or directory"));
      if (!st_->dirs.count(ParentOf(path)))
        return tl::unexpected(Status::IOError("open " + path + ": No such file or directory"));
      if (auto s = st_->Mutate("open " + path); !s.ok()) return tl::unexpected(s);
      it = st_->live.emplace(path, std::make_shared<Node>()).first;
    } else if (writable && st_->read_only) {
      return tl::unexpected(Status::IOError("open " + path + ": Read-only file system"));
    }
    return std::unique_ptr<File>(new MemFile(st_, it->second, path, writable));
  }
  bool FileExists(const std::string& path) override {
    std::lock_guard l(st_->mu);
    return st_->live.count(path) || st_->dirs.count(path);
  }
  Result<std::vector<std::string>> ListDir(const std::string& dir) override {
    std::lock_guard l(st_->mu);
    if (!st_->dirs.count(dir)) return tl::unexpected(Status::IOError("opendir " + dir + ": No such file or directory"));
    std::vector<std::string> names;
    for (const auto& [p, n] : st_->live)
      if (ParentOf(p) == dir) names.push_back(p.substr(dir.size() + 1));
    return names;
  }
  Status CreateDir(const std::string& dir) override {
    std::lock_guard l(st_->mu);
    if (st_->dirs.count(dir)) return Status::Ok();
    if (auto s = st_->Mutate("mkdir " + dir); !s.ok()) return s;
    st_->dirs[dir] = true;  // directories themselves are durable at once (simplification)
    return Status::Ok();
  }
  Status RemoveFile(const std::string& path) override {
    std::lock_guard l(st_->mu);
    if (auto s = st_->Mutate("unlink " + path); !s.ok()) return s;
    if (!st_->live.erase(path)) return Status::IOError("unlink " + path + ": No such file or directory");
    return Status::Ok();
  }
  Status RenameFile(const std::string& from, const std::string& to) override {
    std::lock_guard l(st_->mu);
    if (auto s = st_->Mutate("rename " + from); !s.ok()) return s;
    auto it = st_->live.find(from);
    if (it == st_->live.end()) return Status::IOError("rename " + from + ": No such file or directory");
    st_->live[to] = it->second;
    st_->live.erase(from);
    return Status::Ok();
  }
  Status SyncDir(const std::string& dir) override {
    std::lock_guard l(st_->mu);
    if (auto s = st_->Mutate("fsync " + dir); !s.ok()) return s;
    for (auto it = st_->durable.begin(); it != st_->durable.end();)
      it = ParentOf(it->first) == dir ? st_->durable.erase(it) : std::next(it);
    for (const auto& [p, n] : st_->live)
      if (ParentOf(p) == dir) st_->durable[p] = n;
    return Status::Ok();
  }
  Result<std::unique_ptr<FileLock>> Lock(const std::string& path, LockMode mode,
                                         bool wait) override {
    std::unique_lock l(st_->mu);
    bool excl = mode == LockMode::kExclusive;
    for (;;) {
      auto& ls = st_->locks[path];
      bool free = excl ? (!ls.exclusive && ls.shared == 0) : !ls.exclusive;
      if (free) {
        if (excl) ls.exclusive = true; else ++ls.shared;
        return std::unique_ptr<FileLock>(new MemLock(st_, path, excl));
      }
      if (!wait) return tl::unexpected(Status::Busy("locked: " + path));
      st_->cv.wait(l);
    }
  }
  Result<std::unique_ptr<SharedRegion>> MapShared(const std::string& path, size_t size) override {
    std::lock_guard l(st_->mu);
    if (st_->read_only) return tl::unexpected(Status::IOError("open " + path + ": Read-only file system"));
    auto& buf = st_->regions[path];
    if (!buf) buf = std::make_shared<std::string>(size, '\0');
    if (buf->size() < size) buf->resize(size);
    return std::unique_ptr<SharedRegion>(new MemRegion(buf));
  }
  uint64_t NowMicros() override { return DefaultEnv()->NowMicros(); }
  uint32_t ProcessId() override { return DefaultEnv()->ProcessId(); }
  bool ProcessAlive(uint32_t pid) override { return DefaultEnv()->ProcessAlive(pid); }

  void SimulateCrash() override {
    std::lock_guard l(st_->mu);
    st_->live.clear();
    for (auto& [p, n] : st_->durable) {
      auto fresh = std::make_shared<Node>();
      fresh->data = fresh->synced = n->synced;
      st_->live[p] = fresh;
    }
    st_->durable = st_->live;
    st_->regions.clear();
    st_->locks.clear();
    ++st_->epoch;
    st_->ops_left = -1;
  }
  void FailAfterOps(int64_t n) override {
    std::lock_guard l(st_->mu);
    st_->ops_left = n;
  }
  void SetDiskCapacity(uint64_t bytes) override {
    std::lock_guard l(st_->mu);
    st_->capacity = bytes ? st_->bytes_written + bytes : 0;
  }
  void SetReadOnly(bool ro) override {
    std::lock_guard l(st_->mu);
    st_->read_only = ro;
  }
  uint64_t BytesWritten() const override {
    std::lock_guard l(st_->mu);
    return st_->bytes_written;
  }
  Status PutFileContents(const std::string& path, std::string_view data) override {
    std::lock_guard l(st_->mu);
    auto& n = st_->live[path];
    if (!n) n = std::make_shared<Node>();
    n->data = n->synced = std::string(data);
    st_->durable[path] = n;
    return Status::Ok();
  }
  Result<std::string> GetFileContents(const std::string& path) override {
    std::lock_guard l(st_->mu);
    auto it = st_->live.find(path);
    if (it == st_->live.end()) return tl::unexpected(Status::NotFound(path));
    return it->second->data;
  }

 private:
  std::shared_ptr<MemState> st_;
};

}  // namespace

std::shared_ptr<MemEnv> NewMemEnv() { return std::make_shared<MemEnvImpl>(); }

}  // namespace aokit::store
