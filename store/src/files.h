// Names of the files in a store directory, and the MANIFEST record.
#pragma once

#include <cstdint>
#include <string>

#include "aokit/store/env.h"

namespace aokit::store {

std::string WalName(const std::string& dir, uint64_t gen);
std::string DataName(const std::string& dir, uint64_t gen);
inline std::string ManifestName(const std::string& dir) { return dir + "/MANIFEST"; }
inline std::string LockName(const std::string& dir) { return dir + "/LOCK"; }
inline std::string InitLockName(const std::string& dir) { return dir + "/INIT.LOCK"; }
inline std::string ShmName(const std::string& dir) { return dir + "/shm"; }

struct Manifest {
  uint64_t generation = 1;
  uint64_t checkpoint_seq = 0;
  uint64_t data_size = 0;  // 0: no data file
};

std::string EncodeManifest(const Manifest& m);
Result<Manifest> DecodeManifest(std::string_view bytes, const std::string& fname);
Result<Manifest> ReadManifest(Env* env, const std::string& dir);
// Atomic replace: MANIFEST.tmp, sync, rename, sync dir.
Status WriteManifest(Env* env, const std::string& dir, const Manifest& m);

}  // namespace aokit::store
