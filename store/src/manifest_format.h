// MANIFEST format (frozen; see docs/store-format.md). Never renumber or reorder.
//
// File "MANIFEST", 48 bytes, replaced atomically (write MANIFEST.tmp, fsync, rename, fsync dir):
//   magic u64 | version u32 | reserved u32 | generation u64 | checkpoint_seq u64 |
//   data_size u64 (0: no data file) | reserved u32 | crc32c of bytes [0,44) u32
// The store's files are then exactly: data-<generation>.sst (when data_size > 0),
// wal-<generation>.log, LOCK, INIT.LOCK and shm. Anything else with our prefixes is an
// orphan of an interrupted checkpoint and is removed by recovery.
#pragma once

#include <cstdint>

namespace aokit::store::manifest {

constexpr uint64_t kMagic = 0x45524F54534B4F41ull;  // "AOKSTORE"
constexpr uint32_t kVersion = 1;
constexpr uint32_t kSize = 48;

}  // namespace aokit::store::manifest
