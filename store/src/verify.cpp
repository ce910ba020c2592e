// Offline checks and dumps of a store directory (aokit store verify / dump).
#include <algorithm>

#include "aokit/store/store.h"
#include "data_file.h"
#include "data_format.h"
#include "files.h"
#include "wal.h"
#include "wal_format.h"

namespace aokit::store {

namespace {

struct Loaded {
  Manifest m;
  std::shared_ptr<DataFile> data;
  std::string wal_name, wal;
};

Status Load(const std::string& dir, Env* env, Loaded* out) {
  if (!env->FileExists(ManifestName(dir))) return Status::InvalidArgument(dir + " is not an aokit store (no MANIFEST)");
  auto m = ReadManifest(env, dir);
  if (!m) return m.error();
  out->m = *m;
  if (m->data_size > 0) {
    auto df = DataFile::Open(env, DataName(dir, m->generation));
    if (!df) return df.error();
    if ((*df)->file_size() != m->data_size)
      return Status::Corruption(DataName(dir, m->generation) + " at offset " + std::to_string((*df)->file_size()) +
                                ": size differs from MANIFEST (" + std::to_string(m->data_size) + ")");
    out->data = *df;
  }
  out->wal_name = WalName(dir, m->generation);
  auto f = env->OpenFile(out->wal_name, false, false);
  if (!f) return Status::Corruption(out->wal_name + " at offset 0: cannot open WAL (" + f.error().message() + ")");
  auto size = (*f)->Size();
  if (!size) return size.error();
  if (auto s = (*f)->Read(0, *size, &out->wal); !s.ok()) return s;
  return CheckWalFileHeader(out->wal, out->wal_name, m->generation);
}

}  // namespace

Status Verify(const std::string& dir, Env* env, std::string* report) {
  if (!env) env = DefaultEnv();
  Loaded l;
  if (auto s = Load(dir, env, &l); !s.ok()) return s;
  std::string r = "manifest: generation " + std::to_string(l.m.generation) + ", checkpoint seq " +
                  std::to_string(l.m.checkpoint_seq) + "\n";
  if (l.data) {
    uint64_t n = 0, max_seq = 0;
    auto s = l.data->ForEach([&](const DataEntry& e) {
      ++n;
      max_seq = std::max(max_seq, e.seq);
      return true;
    });
    if (!s.ok()) return s;
    if (max_seq > l.m.checkpoint_seq)
      return Status::Corruption(l.data->name() + ": holds seq " + std::to_string(max_seq) + " beyond checkpoint seq " +
                                std::to_string(l.m.checkpoint_seq));
    r += "data file: " + l.data->name() + ", " + std::to_string(n) + " entries, " +
         std::to_string(l.data->file_size()) + " bytes, all block checksums ok\n";
  } else {
    r += "data file: none\n";
  }
  WalScanResult scan;
  auto s = ScanWal(std::string_view(l.wal).substr(wal::kFileHeaderSize), wal::kFileHeaderSize, l.wal_name,
                   l.m.checkpoint_seq, false, nullptr, &scan);
  if (!s.ok()) return s;
  r += "wal: " + l.wal_name + ", " + std::to_string(scan.records) + " records, last seq " +
       std::to_string(scan.last_seq ? scan.last_seq : l.m.checkpoint_seq) + ", all checksums ok";
  if (scan.torn_tail)
    r += "; torn tail of " + std::to_string(l.wal.size() - scan.valid_end) + " bytes at offset " +
         std::to_string(scan.valid_end) + " (an interrupted write; recovery discards it)";
  r += "\n";
  if (report) *report = r;
  return Status::Ok();
}

static std::string Printable(std::string_view s) {
  std::string out;
  static const char* hex = "0123456789abcdef";
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\x";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

Status Dump(const std::string& dir, Env* env, const std::function<void(std::string_view)>& out) {
  if (!env) env = DefaultEnv();
  Loaded l;
  if (auto s = Load(dir, env, &l); !s.ok()) return s;
  if (l.data) {
    auto s = l.data->ForEach([&](const DataEntry& e) {
      std::string line = "data seq=" + std::to_string(e.seq) + " " + Printable(e.key) +
                         (e.type == data::kTypeDeletion ? " <deleted>" : " = " + Printable(e.value)) + "\n";
      out(line);
      return true;
    });
    if (!s.ok()) return s;
  }
  WalScanResult scan;
  return ScanWal(std::string_view(l.wal).substr(wal::kFileHeaderSize), wal::kFileHeaderSize, l.wal_name,
                 l.m.checkpoint_seq, false, [&](const WalRecordView& rec) {
                   DecodeWalPayload(rec.payload, [&](uint8_t type, std::string_view k, std::string_view v) {
                     out("wal  seq=" + std::to_string(rec.seq) + " " + Printable(k) +
                         (type == wal::kOpErase ? " <deleted>" : " = " + Printable(v)) + "\n");
                   });
                 },
                 &scan);
}

}  // namespace aokit::store
