#include "files.h"

#include <cstdio>

#include "coding.h"
#include "manifest_format.h"

namespace aokit::store {

static std::string Numbered(const std::string& dir, const char* prefix, uint64_t n, const char* ext) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "/%s-%08llu.%s", prefix, static_cast<unsigned long long>(n), ext);
  return dir + buf;
}
std::string WalName(const std::string& dir, uint64_t gen) { return Numbered(dir, "wal", gen, "log"); }
std::string DataName(const std::string& dir, uint64_t gen) { return Numbered(dir, "data", gen, "sst"); }

std::string EncodeManifest(const Manifest& m) {
  std::string b;
  PutFixed64(&b, manifest::kMagic);
  PutFixed32(&b, manifest::kVersion);
  PutFixed32(&b, 0);
  PutFixed64(&b, m.generation);
  PutFixed64(&b, m.checkpoint_seq);
  PutFixed64(&b, m.data_size);
  PutFixed32(&b, 0);
  PutFixed32(&b, Crc32c(b.data(), b.size()));
  return b;
}

Result<Manifest> DecodeManifest(std::string_view b, const std::string& fname) {
  if (b.size() < 12) return tl::unexpected(Status::Corruption(fname + " at offset 0: truncated manifest (" + std::to_string(b.size()) + " bytes)"));
  if (DecodeFixed64(b.data()) != manifest::kMagic)
    return tl::unexpected(Status::Corruption(fname + " at offset 0: bad magic"));
  uint32_t version = DecodeFixed32(b.data() + 8);
  if (version > manifest::kVersion)
    return tl::unexpected(Status::NotSupported(fname + ": store format version " + std::to_string(version) +
                                               " is newer than this aokit supports (" +
                                               std::to_string(manifest::kVersion) + ")"));
  if (b.size() != manifest::kSize)
    return tl::unexpected(Status::Corruption(fname + " at offset " + std::to_string(b.size()) + ": manifest must be 48 bytes"));
  if (Crc32c(b.data(), 44) != DecodeFixed32(b.data() + 44))
    return tl::unexpected(Status::Corruption(fname + " at offset 44: checksum mismatch"));
  Manifest m;
  m.generation = DecodeFixed64(b.data() + 16);
  m.checkpoint_seq = DecodeFixed64(b.data() + 24);
  m.data_size = DecodeFixed64(b.data() + 32);
  if (m.generation == 0) return tl::unexpected(Status::Corruption(fname + " at offset 16: generation 0"));
  return m;
}

Result<Manifest> ReadManifest(Env* env, const std::string& dir) {
  std::string fname = ManifestName(dir);
  auto f = env->OpenFile(fname, false, false);
  if (!f) return tl::unexpected(f.error());
  std::string buf;
  if (auto s = (*f)->Read(0, 4096, &buf); !s.ok()) return tl::unexpected(s);
  return DecodeManifest(buf, fname);
}

Status WriteManifest(Env* env, const std::string& dir, const Manifest& m) {
  std::string tmp = ManifestName(dir) + ".tmp";
  {
    auto f = env->OpenFile(tmp, true, true);
    if (!f) return f.error();
    if (auto s = (*f)->Truncate(0); !s.ok()) return s;
    if (auto s = (*f)->Write(0, EncodeManifest(m)); !s.ok()) return s;
    if (auto s = (*f)->Sync(); !s.ok()) return s;
  }
  if (auto s = env->RenameFile(tmp, ManifestName(dir)); !s.ok()) return s;
  return env->SyncDir(dir);
}

}  // namespace aokit::store
