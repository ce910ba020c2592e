#include "data_file.h"

#include <zstd.h>

#include <algorithm>

#include "coding.h"
#include "data_format.h"

namespace aokit::store {

DataFileBuilder::DataFileBuilder(File* file, std::string fname, uint32_t block_size, int level)
    : file_(file), fname_(std::move(fname)), block_size_(block_size), level_(level) {}

Status DataFileBuilder::Add(std::string_view key, uint64_t seq, uint8_t type, std::string_view value) {
  PutLengthPrefixed(&block_, key);
  PutFixed64(&block_, seq);
  block_.push_back(static_cast<char>(type));
  if (type == data::kTypeValue) PutLengthPrefixed(&block_, value);
  last_key_.assign(key);
  have_last_ = true;
  ++entries_;
  max_seq_ = std::max(max_seq_, seq);
  if (block_.size() >= block_size_) return FlushBlock();
  return Status::Ok();
}

Status DataFileBuilder::WriteFrame(uint8_t compression, std::string_view raw, uint64_t* frame_size) {
  std::string frame;
  frame.push_back(static_cast<char>(compression));
  PutFixed32(&frame, static_cast<uint32_t>(raw.size()));
  if (compression == data::kZstd) {
    std::string z(ZSTD_compressBound(raw.size()), '\0');
    size_t n = ZSTD_compress(z.data(), z.size(), raw.data(), raw.size(), level_);
    if (ZSTD_isError(n)) return Status::IOError(fname_ + ": zstd: " + ZSTD_getErrorName(n));
    z.resize(n);
    if (z.size() >= raw.size()) {  // incompressible: store raw
      frame[0] = static_cast<char>(data::kNoCompression);
      z.assign(raw);
    }
    PutFixed32(&frame, static_cast<uint32_t>(z.size()));
    frame += z;
  } else {
    PutFixed32(&frame, static_cast<uint32_t>(raw.size()));
    frame.append(raw);
  }
  PutFixed32(&frame, Crc32c(frame));
  if (auto s = file_->Write(offset_, frame); !s.ok()) return s;
  *frame_size = frame.size();
  return Status::Ok();
}

Status DataFileBuilder::FlushBlock() {
  if (block_.empty()) return Status::Ok();
  uint64_t size;
  if (auto s = WriteFrame(data::kZstd, block_, &size); !s.ok()) return s;
  PutLengthPrefixed(&index_, last_key_);
  PutVarint64(&index_, offset_);
  PutVarint64(&index_, size);
  offset_ += size;
  block_.clear();
  return Status::Ok();
}

Status DataFileBuilder::Finish(uint64_t* file_size) {
  if (auto s = FlushBlock(); !s.ok()) return s;
  uint64_t index_offset = offset_, index_size;
  if (auto s = WriteFrame(data::kNoCompression, index_, &index_size); !s.ok()) return s;
  offset_ += index_size;
  std::string footer;
  PutFixed64(&footer, index_offset);
  PutFixed64(&footer, index_size);
  PutFixed64(&footer, entries_);
  PutFixed64(&footer, max_seq_);
  PutFixed32(&footer, data::kVersion);
  PutFixed32(&footer, Crc32c(footer));
  PutFixed64(&footer, data::kMagic);
  if (auto s = file_->Write(offset_, footer); !s.ok()) return s;
  offset_ += footer.size();
  if (auto s = file_->Truncate(offset_); !s.ok()) return s;
  if (auto s = file_->Sync(); !s.ok()) return s;
  *file_size = offset_;
  return Status::Ok();
}

Status DecodeFrame(std::string_view f, const std::string& fname, uint64_t offset, std::string* raw) {
  auto where = [&](uint64_t at, const std::string& what) {
    return Status::Corruption(fname + " at offset " + std::to_string(offset + at) + ": " + what);
  };
  if (f.size() < data::kFrameHeaderSize + data::kFrameTrailerSize) return where(0, "truncated block");
  auto comp = static_cast<uint8_t>(f[0]);
  uint32_t raw_len = DecodeFixed32(f.data() + 1), stored = DecodeFixed32(f.data() + 5);
  if (stored + uint64_t{data::kFrameHeaderSize} + data::kFrameTrailerSize != f.size())
    return where(5, "block size mismatch");
  size_t body = data::kFrameHeaderSize + stored;
  if (Crc32c(f.data(), body) != DecodeFixed32(f.data() + body)) return where(body, "block checksum mismatch");
  if (raw_len > data::kMaxBlockRaw) return where(1, "block too large");
  std::string_view payload = f.substr(data::kFrameHeaderSize, stored);
  if (comp == data::kNoCompression) {
    if (raw_len != stored) return where(1, "raw length mismatch");
    raw->assign(payload);
  } else if (comp == data::kZstd) {
    raw->resize(raw_len);
    size_t n = ZSTD_decompress(raw->data(), raw_len, payload.data(), payload.size());
    if (ZSTD_isError(n) || n != raw_len) return where(data::kFrameHeaderSize, "zstd decompression failed");
  } else {
    return where(0, "unknown compression " + std::to_string(comp));
  }
  return Status::Ok();
}

bool ParseDataEntry(std::string_view* in, DataEntry* e) {
  if (!GetLengthPrefixed(in, &e->key) || in->size() < 9) return false;
  e->seq = DecodeFixed64(in->data());
  e->type = static_cast<uint8_t>((*in)[8]);
  in->remove_prefix(9);
  e->value = {};
  if (e->type == data::kTypeValue) return GetLengthPrefixed(in, &e->value);
  return e->type == data::kTypeDeletion;
}

Result<std::shared_ptr<DataFile>> DataFile::Open(Env* env, const std::string& fname) {
  auto file = env->OpenFile(fname, false, false);
  if (!file) return tl::unexpected(file.error());
  auto size = (*file)->Size();
  if (!size) return tl::unexpected(size.error());
  std::shared_ptr<DataFile> df(new DataFile());
  df->file_ = std::move(*file);
  df->fname_ = fname;
  df->file_size_ = *size;
  auto bad = [&](uint64_t at, const std::string& what) {
    return tl::unexpected(Status::Corruption(fname + " at offset " + std::to_string(at) + ": " + what));
  };
  if (*size < data::kFooterSize) return bad(0, "file too short for a footer");
  uint64_t foot_at = *size - data::kFooterSize;
  std::string foot;
  if (auto s = df->file_->Read(foot_at, data::kFooterSize, &foot); !s.ok()) return tl::unexpected(s);
  if (DecodeFixed64(foot.data() + 40) != data::kMagic) return bad(foot_at + 40, "bad magic");
  if (Crc32c(foot.data(), 36) != DecodeFixed32(foot.data() + 36)) return bad(foot_at + 36, "footer checksum mismatch");
  uint32_t version = DecodeFixed32(foot.data() + 32);
  if (version > data::kVersion)
    return tl::unexpected(Status::NotSupported(fname + ": data format version " + std::to_string(version) + " is newer than supported"));
  uint64_t index_offset = DecodeFixed64(foot.data()), index_size = DecodeFixed64(foot.data() + 8);
  df->entry_count_ = DecodeFixed64(foot.data() + 16);
  df->max_seq_ = DecodeFixed64(foot.data() + 24);
  if (index_offset + index_size != foot_at) return bad(foot_at, "index bounds do not meet the footer");
  std::string frame, raw;
  if (auto s = df->file_->Read(index_offset, index_size, &frame); !s.ok()) return tl::unexpected(s);
  if (auto s = DecodeFrame(frame, fname, index_offset, &raw); !s.ok()) return tl::unexpected(s);
  std::string_view in = raw;
  uint64_t expect = 0;
  while (!in.empty()) {
    std::string_view k;
    IndexEntry ie;
    if (!GetLengthPrefixed(&in, &k) || !GetVarint64(&in, &ie.offset) || !GetVarint64(&in, &ie.size))
      return bad(index_offset, "malformed index");
    if (ie.offset != expect || ie.size > index_offset - ie.offset) return bad(index_offset, "index entry out of bounds");
    if (!df->index_.empty() && k < std::string_view(df->index_.back().last_key)) return bad(index_offset, "index keys out of order");
    expect = ie.offset + ie.size;
    ie.last_key.assign(k);
    df->index_.push_back(std::move(ie));
  }
  if (expect != index_offset) return bad(index_offset, "blocks do not cover the file");
  return df;
}

Result<std::shared_ptr<const DataFile::Block>> DataFile::ReadBlock(size_t i) const {
  {
    std::lock_guard l(cache_mu_);
    if (auto it = cache_.find(i); it != cache_.end()) return it->second;
  }
  const auto& ie = index_[i];
  std::string frame;
  auto block = std::make_shared<Block>();
  if (auto s = file_->Read(ie.offset, ie.size, &frame); !s.ok()) return tl::unexpected(s);
  if (auto s = DecodeFrame(frame, fname_, ie.offset, &block->raw); !s.ok()) return tl::unexpected(s);
  std::string_view in = block->raw;
  DataEntry e;
  while (!in.empty()) {
    block->offsets.push_back(static_cast<uint32_t>(block->raw.size() - in.size()));
    if (!ParseDataEntry(&in, &e))
      return tl::unexpected(Status::Corruption(fname_ + " at offset " + std::to_string(ie.offset) +
                                               ": malformed entry in block"));
  }
  std::lock_guard l(cache_mu_);
  if (cache_.size() >= 1024) cache_.clear();
  cache_[i] = block;
  return std::shared_ptr<const Block>(block);
}

size_t DataFile::FindBlock(std::string_view key) const {
  auto it = std::lower_bound(index_.begin(), index_.end(), key,
                             [](const IndexEntry& e, std::string_view k) { return std::string_view(e.last_key) < k; });
  return static_cast<size_t>(it - index_.begin());
}

Status DataFile::Get(std::string_view key, uint64_t snapshot, std::string* value, bool* deleted) const {
  *deleted = false;
  Cursor c(this);
  for (c.Seek(key); c.Valid() && c.entry().key == key; c.Next()) {
    if (c.entry().seq > snapshot) continue;
    if (c.entry().type == data::kTypeDeletion) {
      *deleted = true;
      return Status::NotFound();
    }
    value->assign(c.entry().value);
    return Status::Ok();
  }
  if (!c.status().ok()) return c.status();
  return Status::NotFound();
}

Result<uint64_t> DataFile::LatestSeq(std::string_view key) const {
  Cursor c(this);
  c.Seek(key);
  if (!c.status().ok()) return tl::unexpected(c.status());
  return c.Valid() && c.entry().key == key ? c.entry().seq : 0;
}

Status DataFile::ForEach(const std::function<bool(const DataEntry&)>& fn) const {
  Cursor c(this);
  std::string prev_key;
  uint64_t prev_seq = 0, n = 0;
  for (c.Seek({}); c.Valid(); c.Next()) {
    const auto& e = c.entry();
    if (n > 0 && (e.key < std::string_view(prev_key) || (e.key == prev_key && e.seq >= prev_seq)))
      return Status::Corruption(fname_ + " at offset " + std::to_string(index_[c.block_index()].offset) +
                                ": entries out of order");
    prev_key.assign(e.key);
    prev_seq = e.seq;
    ++n;
    if (!fn(e)) return Status::Ok();
  }
  if (!c.status().ok()) return c.status();
  if (n != entry_count_)
    return Status::Corruption(fname_ + " at offset " + std::to_string(file_size_ - data::kFooterSize + 16) +
                              ": footer counts " + std::to_string(entry_count_) + " entries, blocks hold " + std::to_string(n));
  return Status::Ok();
}

bool DataFile::Cursor::LoadBlock(size_t i) {
  valid_ = false;
  if (i >= f_->index_.size()) return false;
  auto b = f_->ReadBlock(i);
  if (!b) {
    status_ = b.error();
    return false;
  }
  block_ = i;
  pos_ = 0;
  data_ = *b;
  return true;
}

bool DataFile::Cursor::ParseAt() {
  while (pos_ >= data_->offsets.size()) {
    if (!LoadBlock(block_ + 1)) return valid_ = false;
  }
  std::string_view in = std::string_view(data_->raw).substr(data_->offsets[pos_]);
  ParseDataEntry(&in, &cur_);  // validated when the block was loaded
  return valid_ = true;
}

void DataFile::Cursor::Seek(std::string_view key) {
  size_t i = f_->FindBlock(key);
  if (!LoadBlock(i)) return;
  // First entry whose key >= key (entries of one key are contiguous, newest first).
  size_t lo = 0, hi = data_->offsets.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    std::string_view in = std::string_view(data_->raw).substr(data_->offsets[mid]), k;
    GetLengthPrefixed(&in, &k);
    if (k < key) lo = mid + 1; else hi = mid;
  }
  pos_ = lo;
  ParseAt();
}

void DataFile::Cursor::Next() {
  if (!valid_) return;
  ++pos_;
  ParseAt();
}

}  // namespace aokit::store
