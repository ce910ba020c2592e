// The tag block: an Avro array of {name: bytes, value: bytes} records (ANS104.md §2).
// Writers emit one positive block; the reader also takes multi-block and negative-count arrays
// and, like arbundles, ignores bytes after the terminating zero block.
#include <cstdint>
#include <limits>

#include "aokit/emu/ans104.h"

namespace aokit::emu {
namespace {

void PutLong(std::string& out, std::int64_t n) {
  std::uint64_t z = (static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63);
  while (z >= 0x80) {
    out.push_back(static_cast<char>((z & 0x7f) | 0x80));
    z >>= 7;
  }
  out.push_back(static_cast<char>(z));
}

void PutBytes(std::string& out, std::string_view bytes) {
  PutLong(out, static_cast<std::int64_t>(bytes.size()));
  out.append(bytes);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  std::size_t pos() const { return pos_; }
  std::size_t remaining() const { return bytes_.size() - pos_; }

  tl::expected<std::int64_t, ItemError> Long() {
    std::size_t start = pos_;
    std::uint64_t z = 0;
    for (int shift = 0;; shift += 7) {
      if (pos_ >= bytes_.size()) return Fail("truncated varint", start);
      auto b = static_cast<std::uint8_t>(bytes_[pos_++]);
      if (shift == 63 && (b & 0x7e) != 0) return Fail("varint overflows 64 bits", start);
      z |= std::uint64_t{b & 0x7fu} << shift;
      if ((b & 0x80) == 0) break;
      if (shift == 63) return Fail("varint longer than 10 bytes", start);
    }
    return static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
  }

  tl::expected<std::string, ItemError> Bytes() {
    std::size_t start = pos_;
    auto len = Long();
    if (!len) return tl::unexpected(len.error());
    if (*len < 0) return Fail("negative length " + std::to_string(*len), start);
    if (static_cast<std::uint64_t>(*len) > remaining()) {
      return Fail("length " + std::to_string(*len) + " runs past the end", start);
    }
    std::string out(bytes_.substr(pos_, static_cast<std::size_t>(*len)));
    pos_ += static_cast<std::size_t>(*len);
    return out;
  }

  tl::unexpected<ItemError> Fail(const std::string& what, std::size_t at) const {
    return tl::unexpected(ItemError{"invalid Avro tags: " + what + " at byte " + std::to_string(at)});
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string EncodeAvroTags(const std::vector<Tag>& tags) {
  std::string out;
  if (tags.empty()) return out;
  std::size_t size = 2 * 10;
  for (const Tag& t : tags) size += t.name.size() + t.value.size() + 2 * 10;
  out.reserve(size);
  PutLong(out, static_cast<std::int64_t>(tags.size()));
  for (const Tag& t : tags) {
    PutBytes(out, t.name);
    PutBytes(out, t.value);
  }
  out.push_back('\0');
  return out;
}

tl::expected<std::vector<Tag>, ItemError> DecodeAvroTags(std::string_view bytes,
                                                         std::uint64_t expected_count) {
  std::vector<Tag> tags;
  Reader in(bytes);
  // An empty block (what items without tags carry) reads as no tags.
  while (in.remaining() > 0) {
    std::size_t block_at = in.pos();
    auto count = in.Long();
    if (!count) return tl::unexpected(count.error());
    if (*count == 0) break;
    if (*count < 0) {
      if (*count == std::numeric_limits<std::int64_t>::min()) return in.Fail("bad block count", block_at);
      *count = -*count;
      auto block_size = in.Long();  // byte size of the block; not needed to read it
      if (!block_size) return tl::unexpected(block_size.error());
    }
    // Every record takes at least two bytes (two zero lengths).
    if (static_cast<std::uint64_t>(*count) > in.remaining() / 2) {
      return in.Fail("block of " + std::to_string(*count) + " tags runs past the end", block_at);
    }
    tags.reserve(tags.size() + static_cast<std::size_t>(*count));
    for (std::int64_t i = 0; i < *count; ++i) {
      auto name = in.Bytes();
      if (!name) return tl::unexpected(name.error());
      auto value = in.Bytes();
      if (!value) return tl::unexpected(value.error());
      tags.push_back(Tag{std::move(*name), std::move(*value)});
    }
    if (in.remaining() == 0) return in.Fail("missing terminating zero block", in.pos());
  }
  if (tags.size() != expected_count) {
    return tl::unexpected(ItemError{"tag count mismatch: header " + std::to_string(expected_count) +
                                    ", decoded " + std::to_string(tags.size())});
  }
  return tags;
}

}  // namespace aokit::emu
