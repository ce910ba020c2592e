// Env: everything the store asks of the operating system (files, fsync, directory entries,
// advisory locks, shared memory, clock, process liveness) behind one narrow interface, so
// tests can swap in an in-memory twin that can also inject faults (drop unsynced writes on a
// simulated crash, fail writes as a full disk would, refuse writes as a read-only FS would).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aokit/store/status.h"

namespace aokit::store {

// A file opened for positional reads and writes. Thread-safe for concurrent Read calls.
class File {
 public:
  virtual ~File() = default;
  // Reads up to n bytes at offset into *out (fewer at end of file).
  virtual Status Read(uint64_t offset, size_t n, std::string* out) const = 0;
  virtual Status Write(uint64_t offset, std::string_view data) = 0;
  virtual Status Sync() = 0;  // data (and size) durable: fdatasync
  virtual Status Truncate(uint64_t size) = 0;
  virtual Result<uint64_t> Size() const = 0;
};

// A region of memory shared by every opener of the same path (MAP_SHARED of a file on POSIX).
class SharedRegion {
 public:
  virtual ~SharedRegion() = default;
  virtual void* data() = 0;
  virtual size_t size() const = 0;
};

// An advisory lock held on a path (flock on POSIX); released on destruction.
class FileLock {
 public:
  virtual ~FileLock() = default;
  // Converts this (exclusive) lock to a shared one.
  virtual Status Downgrade() = 0;
};

class Env {
 public:
  enum class LockMode { kShared, kExclusive };
  virtual ~Env() = default;

  virtual Result<std::unique_ptr<File>> OpenFile(const std::string& path, bool create,
                                                 bool writable) = 0;
  virtual bool FileExists(const std::string& path) = 0;
  virtual Result<std::vector<std::string>> ListDir(const std::string& dir) = 0;
  virtual Status CreateDir(const std::string& dir) = 0;  // ok if it exists
  virtual Status RemoveFile(const std::string& path) = 0;
  virtual Status RenameFile(const std::string& from, const std::string& to) = 0;
  virtual Status SyncDir(const std::string& dir) = 0;  // makes creations/renames durable
  // Takes an advisory lock; with wait=false returns Busy when another holder conflicts.
  virtual Result<std::unique_ptr<FileLock>> Lock(const std::string& path, LockMode mode,
                                                 bool wait) = 0;
  // Maps `size` bytes of `path` shared; *created is true when the region was fresh (zeroed).
  virtual Result<std::unique_ptr<SharedRegion>> MapShared(const std::string& path, size_t size) = 0;

  virtual uint64_t NowMicros() = 0;      // monotonic, comparable across processes
  virtual uint32_t ProcessId() = 0;
  virtual bool ProcessAlive(uint32_t pid) = 0;
};

// The real thing (POSIX files, flock, mmap). A process-wide singleton.
Env* DefaultEnv();

// In-memory Env with fault injection. One instance behaves like one machine: every Store
// opened on it in this process sees the same files and shared regions.
class MemEnv : public Env {
 public:
  // Simulates power loss: every file reverts to its content at its last Sync, directory
  // entries revert to their state at the last SyncDir, shared regions vanish. Stores still
  // open on this env must be destroyed first (they would keep writing to dead handles).
  virtual void SimulateCrash() = 0;
  // After `n` more successful mutating operations (write, sync, truncate, rename, remove),
  // every mutating operation fails with IOError — a machine that stopped mid-way.
  // n < 0 disables.
  virtual void FailAfterOps(int64_t n) = 0;
  // After `bytes` more bytes are written, writes fail with "No space left on device".
  // 0 disables.
  virtual void SetDiskCapacity(uint64_t bytes) = 0;
  // Mutations fail with "Read-only file system".
  virtual void SetReadOnly(bool ro) = 0;
  virtual uint64_t BytesWritten() const = 0;
  // Direct access for corruption tests: replace or read a whole file.
  virtual Status PutFileContents(const std::string& path, std::string_view data) = 0;
  virtual Result<std::string> GetFileContents(const std::string& path) = 0;
};

std::shared_ptr<MemEnv> NewMemEnv();

}  // namespace aokit::store
