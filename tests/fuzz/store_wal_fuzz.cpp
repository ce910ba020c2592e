// Fuzzes the WAL decoders: file header, record framing (lenient and strict scans), payloads,
// and the MANIFEST decoder. Any input must give a value (ok / corruption), never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "files.h"
#include "wal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aokit::store;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  CheckWalFileHeader(in, "fuzz.log", 1);
  (void)DecodeManifest(in, "MANIFEST");
  std::string_view body = in.size() >= 32 ? in.substr(32) : in;
  for (bool strict : {false, true}) {
    WalScanResult r;
    uint64_t total = 0;
    Status s = ScanWal(body, 32, "fuzz.log", 0, strict, [&](const WalRecordView& rec) {
      DecodeWalPayload(rec.payload, [&](uint8_t, std::string_view k, std::string_view v) { total += k.size() + v.size(); });
    }, &r);
    if (s.ok() && r.valid_end > 32 + body.size()) __builtin_trap();
    if (!s.ok() && !s.IsCorruption()) __builtin_trap();
  }
  return 0;
}
