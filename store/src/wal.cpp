#include "wal.h"

#include "coding.h"
#include "wal_format.h"

namespace aokit::store {

std::string EncodeWalFileHeader(uint64_t generation) {
  std::string b;
  PutFixed64(&b, wal::kMagic);
  PutFixed32(&b, wal::kVersion);
  PutFixed32(&b, 0);
  PutFixed64(&b, generation);
  PutFixed32(&b, 0);
  PutFixed32(&b, Crc32c(b.data(), b.size()));
  return b;
}

Status CheckWalFileHeader(std::string_view b, const std::string& fname, uint64_t generation) {
  if (b.size() < wal::kFileHeaderSize)
    return Status::Corruption(fname + " at offset 0: truncated file header (" + std::to_string(b.size()) + " bytes)");
  if (DecodeFixed64(b.data()) != wal::kMagic) return Status::Corruption(fname + " at offset 0: bad magic");
  if (Crc32c(b.data(), 28) != DecodeFixed32(b.data() + 28))
    return Status::Corruption(fname + " at offset 28: header checksum mismatch");
  uint32_t version = DecodeFixed32(b.data() + 8);
  if (version > wal::kVersion)
    return Status::NotSupported(fname + ": WAL format version " + std::to_string(version) + " is newer than supported");
  if (DecodeFixed64(b.data() + 16) != generation)
    return Status::Corruption(fname + " at offset 16: generation " + std::to_string(DecodeFixed64(b.data() + 16)) +
                              ", expected " + std::to_string(generation));
  return Status::Ok();
}

void EncodeWalRecord(uint64_t seq, const std::vector<WalOp>& ops, std::string* out) {
  std::string payload;
  PutVarint64(&payload, ops.size());
  for (const auto& op : ops) {
    payload.push_back(static_cast<char>(op.type));
    PutLengthPrefixed(&payload, op.key);
    if (op.type == wal::kOpPut) PutLengthPrefixed(&payload, op.value);
  }
  size_t start = out->size();
  PutFixed32(out, Crc32c(payload));
  PutFixed32(out, static_cast<uint32_t>(payload.size()));
  PutFixed64(out, seq);
  PutFixed32(out, Crc32c(out->data() + start, 16));
  out->append(payload);
}

Status DecodeWalPayload(std::string_view p, const WalOpFn& fn) {
  uint64_t n;
  if (!GetVarint64(&p, &n)) return Status::Corruption("bad op count");
  for (uint64_t i = 0; i < n; ++i) {
    if (p.empty()) return Status::Corruption("truncated op");
    auto type = static_cast<uint8_t>(p[0]);
    p.remove_prefix(1);
    std::string_view key, value;
    if (!GetLengthPrefixed(&p, &key)) return Status::Corruption("bad key");
    if (type == wal::kOpPut) {
      if (!GetLengthPrefixed(&p, &value)) return Status::Corruption("bad value");
    } else if (type != wal::kOpErase) {
      return Status::Corruption("bad op type " + std::to_string(type));
    }
    if (fn) fn(type, key, value);
  }
  if (!p.empty()) return Status::Corruption("trailing bytes in payload");
  return Status::Ok();
}

namespace {

// Is there a record at buf[pos] whose header checksum is valid?
bool HeaderValidAt(std::string_view buf, size_t pos) {
  if (pos + wal::kRecordHeaderSize > buf.size()) return false;
  const char* h = buf.data() + pos;
  return Crc32c(h, 16) == DecodeFixed32(h + 16) && DecodeFixed32(h + 4) <= wal::kMaxPayload;
}

}  // namespace

Status ScanWal(std::string_view buf, uint64_t base, const std::string& fname, uint64_t min_seq,
               bool strict, const std::function<void(const WalRecordView&)>& fn,
               WalScanResult* r) {
  size_t pos = 0;
  uint64_t last = min_seq;
  std::string why;
  while (pos < buf.size()) {
    if (pos + wal::kRecordHeaderSize > buf.size()) {
      why = "truncated record header";
      break;
    }
    const char* h = buf.data() + pos;
    if (Crc32c(h, 16) != DecodeFixed32(h + 16)) {
      why = "record header checksum mismatch";
      break;
    }
    uint32_t len = DecodeFixed32(h + 4);
    uint64_t seq = DecodeFixed64(h + 8);
    if (len > wal::kMaxPayload) {
      why = "record length " + std::to_string(len) + " too large";
      break;
    }
    if (pos + wal::kRecordHeaderSize + len > buf.size()) {
      why = "truncated record payload";
      break;
    }
    std::string_view payload(h + wal::kRecordHeaderSize, len);
    if (Crc32c(payload) != DecodeFixed32(h)) {
      why = "record payload checksum mismatch";
      break;
    }
    if (seq <= last) {
      why = "sequence " + std::to_string(seq) + " not after " + std::to_string(last);
      break;
    }
    if (auto s = DecodeWalPayload(payload, nullptr); !s.ok()) {
      why = "malformed payload (" + s.message() + ")";
      break;
    }
    if (fn) fn(WalRecordView{base + pos, seq, payload});
    last = seq;
    pos += wal::kRecordHeaderSize + len;
    ++r->records;
  }
  r->valid_end = base + pos;
  r->last_seq = last == min_seq ? 0 : last;
  if (pos == buf.size()) return Status::Ok();
  std::string where = fname + " at offset " + std::to_string(base + pos) + ": " + why;
  if (strict) return Status::Corruption(where);
  for (size_t q = pos + 1; q + wal::kRecordHeaderSize <= buf.size(); ++q)
    if (HeaderValidAt(buf, q)) return Status::Corruption(where + " (valid records follow at offset " + std::to_string(base + q) + ")");
  r->torn_tail = true;
  return Status::Ok();
}

}  // namespace aokit::store
