// Data-file format (frozen; see docs/store-format.md). Never renumber or reorder.
//
// File "data-<generation, 8 decimal digits>.sst": immutable, written once by a checkpoint.
//   block*   entries sorted by (key ascending, seq descending), each block framed as
//              compression u8 (kNoCompression | kZstd) | raw_len u32 | stored_len u32 |
//              stored bytes | crc32c u32 of everything before it in the frame
//            a raw block holds entries:
//              varint key_len, key, seq u64, type u8 (kTypeValue | kTypeDeletion),
//              and for kTypeValue: varint value_len, value
//   index    one frame (uncompressed) of entries: varint key_len, last key of the block,
//            varint block offset, varint block frame size
//   footer   48 bytes: index_offset u64 | index_size u64 | entry_count u64 | max_seq u64 |
//            version u32 | crc32c of bytes [0,36) u32 | magic u64
#pragma once

#include <cstdint>

namespace aokit::store::data {

constexpr uint64_t kMagic = 0x31305441444B4F41ull;  // "AOKDAT01"
constexpr uint32_t kVersion = 1;
constexpr uint32_t kFooterSize = 48;
constexpr uint32_t kFrameHeaderSize = 9;
constexpr uint32_t kFrameTrailerSize = 4;
constexpr uint32_t kMaxBlockRaw = 1u << 30;

constexpr uint8_t kNoCompression = 0;
constexpr uint8_t kZstd = 1;

constexpr uint8_t kTypeValue = 1;
constexpr uint8_t kTypeDeletion = 2;

}  // namespace aokit::store::data
