// Encoding and decoding of WAL files and records (layout in wal_format.h).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "aokit/store/status.h"

namespace aokit::store {

struct WalOp {
  uint8_t type;  // wal::kOpPut or wal::kOpErase
  std::string key;
  std::string value;
};

std::string EncodeWalFileHeader(uint64_t generation);
// Checks the 32-byte file header; Corruption/NotSupported name the file.
Status CheckWalFileHeader(std::string_view bytes, const std::string& fname, uint64_t generation);

void EncodeWalRecord(uint64_t seq, const std::vector<WalOp>& ops, std::string* out);

using WalOpFn = std::function<void(uint8_t type, std::string_view key, std::string_view value)>;
// Decodes one payload; Corruption when malformed.
Status DecodeWalPayload(std::string_view payload, const WalOpFn& fn);

struct WalRecordView {
  uint64_t offset;  // of the record header, in the file
  uint64_t seq;
  std::string_view payload;
};

struct WalScanResult {
  uint64_t valid_end = 0;   // file offset just past the last valid record
  uint64_t last_seq = 0;    // seq of the last valid record (0: none)
  uint64_t records = 0;
  bool torn_tail = false;   // bytes after valid_end were discarded as a torn write
};

// Scans records in `buf`, which holds file bytes starting at file offset `base`. Calls fn for
// each valid record (and for its ops, checking the payload decodes) in order. Stops at the
// first invalid record: if no valid record header follows it, that is a torn tail (ok,
// torn_tail set); otherwise Corruption naming fname and the offset. With strict = true any
// invalid or incomplete record is Corruption (used when the bytes are known committed).
Status ScanWal(std::string_view buf, uint64_t base, const std::string& fname, uint64_t min_seq,
               bool strict, const std::function<void(const WalRecordView&)>& fn,
               WalScanResult* result);

}  // namespace aokit::store
