// Write-ahead log format (frozen; see docs/store-format.md). Never renumber or reorder.
//
// File "wal-<generation, 8 decimal digits>.log":
//   header   32 bytes: magic u64 | version u32 | flags u32 (0) | generation u64 |
//                      reserved u32 (0) | crc32c of bytes [0,28) u32
//   record*  one per committed transaction, contiguous, all integers little-endian:
//              payload_crc u32   crc32c of the payload
//              length      u32   payload length in bytes (<= kMaxPayload)
//              seq         u64   the transaction's commit sequence (strictly increasing)
//              header_crc  u32   crc32c of the 16 bytes above
//              payload           varint op_count, then op_count ops:
//                                  type u8 (kOpPut | kOpErase), varint key_len, key,
//                                  and for kOpPut: varint value_len, value
// A record is the atomic commit unit: it is valid iff both checksums match. Recovery keeps
// the longest valid prefix when everything after the first invalid record is a torn tail
// (no valid record header follows); otherwise it reports corruption at that offset.
#pragma once

#include <cstdint>

namespace aokit::store::wal {

constexpr uint64_t kMagic = 0x31304C41574B4F41ull;  // "AOKWAL01"
constexpr uint32_t kVersion = 1;
constexpr uint32_t kFileHeaderSize = 32;
constexpr uint32_t kRecordHeaderSize = 20;
constexpr uint32_t kMaxPayload = 1u << 30;

constexpr uint8_t kOpPut = 1;
constexpr uint8_t kOpErase = 2;

}  // namespace aokit::store::wal
