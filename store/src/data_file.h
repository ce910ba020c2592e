// Immutable sorted data files (layout in data_format.h): a builder used by checkpoints and a
// reader with point lookups, ordered cursors and a full verification pass.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "aokit/store/env.h"

namespace aokit::store {

class DataFileBuilder {
 public:
  DataFileBuilder(File* file, std::string fname, uint32_t block_size, int zstd_level);
  // Entries must arrive sorted by (key asc, seq desc).
  Status Add(std::string_view key, uint64_t seq, uint8_t type, std::string_view value);
  Status Finish(uint64_t* file_size);  // writes index and footer, then syncs
  uint64_t entries() const { return entries_; }

 private:
  Status FlushBlock();
  Status WriteFrame(uint8_t compression, std::string_view raw, uint64_t* frame_size);

  File* file_;
  std::string fname_;
  uint32_t block_size_;
  int level_;
  std::string block_, index_, last_key_;
  uint64_t offset_ = 0, entries_ = 0, max_seq_ = 0;
  bool have_last_ = false;
};

struct DataEntry {
  std::string_view key;
  uint64_t seq;
  uint8_t type;
  std::string_view value;
};

class DataFile {
 public:
  static Result<std::shared_ptr<DataFile>> Open(Env* env, const std::string& fname);

  // The newest version of key with seq <= snapshot. NotFound when none (or when it is a
  // deletion: *deleted is then true).
  Status Get(std::string_view key, uint64_t snapshot, std::string* value, bool* deleted) const;
  // Newest seq of any version of key (0: none).
  Result<uint64_t> LatestSeq(std::string_view key) const;
  uint64_t entry_count() const { return entry_count_; }
  uint64_t max_seq() const { return max_seq_; }
  uint64_t file_size() const { return file_size_; }
  const std::string& name() const { return fname_; }

  // Visits every entry in order, checking every frame checksum and the sort order.
  Status ForEach(const std::function<bool(const DataEntry&)>& fn) const;

  // A decoded block and the offset of each entry in it (for binary search).
  struct Block {
    std::string raw;
    std::vector<uint32_t> offsets;
  };

  // Entry cursor: Seek, then Next through entries in file order.
  class Cursor {
   public:
    explicit Cursor(const DataFile* f) : f_(f) {}
    void Seek(std::string_view key);
    void Next();
    bool Valid() const { return valid_; }
    const DataEntry& entry() const { return cur_; }
    const Status& status() const { return status_; }
    size_t block_index() const { return block_; }

   private:
    bool LoadBlock(size_t index);
    bool ParseAt();  // parses entry pos_ of the current block, moving to later blocks as needed
    const DataFile* f_;
    size_t block_ = 0, pos_ = 0;
    std::shared_ptr<const Block> data_;
    DataEntry cur_{};
    bool valid_ = false;
    Status status_;
  };

 private:
  struct IndexEntry {
    std::string last_key;
    uint64_t offset;
    uint64_t size;
  };
  DataFile() = default;
  Result<std::shared_ptr<const Block>> ReadBlock(size_t index) const;
  size_t FindBlock(std::string_view key) const;  // first block whose last key >= key

  std::unique_ptr<File> file_;
  std::string fname_;
  uint64_t file_size_ = 0, entry_count_ = 0, max_seq_ = 0;
  std::vector<IndexEntry> index_;
  mutable std::mutex cache_mu_;
  mutable std::unordered_map<size_t, std::shared_ptr<const Block>> cache_;
};

// Decodes one frame (header, payload, checksum) read at `offset` of fname.
Status DecodeFrame(std::string_view frame, const std::string& fname, uint64_t offset, std::string* raw);
// Parses one entry from the front of *in.
bool ParseDataEntry(std::string_view* in, DataEntry* e);

}  // namespace aokit::store
