// The binary data item (ANS104.md §1): encode, and decode with the MU's structural checks.
#include <cstring>

#include "aokit/emu/ans104.h"
#include "tag_bytes.h"

namespace aokit::emu {
namespace {

constexpr std::size_t kOptionalFieldBytes = 32;

void PutU64(std::string& out, std::uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out.append(b, 8);
}

std::uint64_t GetU64(std::string_view bytes, std::size_t at) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<std::uint8_t>(bytes[at + static_cast<std::size_t>(i)]);
  return v;
}

tl::unexpected<ItemError> Fail(std::string message) {
  return tl::unexpected(ItemError{std::move(message)});
}

// Reads a presence byte and the optional 32-byte field behind it.
tl::expected<std::optional<std::string>, ItemError> ReadOptional(std::string_view bytes,
                                                                 std::size_t& pos,
                                                                 const char* name) {
  if (pos >= bytes.size()) return Fail(std::string("item truncated before the ") + name + " presence byte");
  auto flag = static_cast<std::uint8_t>(bytes[pos++]);
  if (flag == 0) return std::optional<std::string>();
  if (flag != 1) {
    return Fail(std::string(name) + " presence byte is " + std::to_string(flag) + " (must be 0 or 1)");
  }
  if (bytes.size() - pos < kOptionalFieldBytes) return Fail(std::string("item truncated inside the ") + name);
  std::optional<std::string> value(std::in_place, bytes.substr(pos, kOptionalFieldBytes));
  pos += kOptionalFieldBytes;
  return value;
}

}  // namespace

tl::expected<std::string, ItemError> EncodeDataItem(const DataItem& item) {
  auto layout = LayoutOf(item.signature_type);
  if (!layout) return Fail("unknown signature type " + std::to_string(item.signature_type));
  if (item.signature.size() != layout->signature_bytes) {
    return Fail("signature is " + std::to_string(item.signature.size()) + " bytes, type " +
                std::to_string(item.signature_type) + " needs " + std::to_string(layout->signature_bytes));
  }
  if (item.owner.size() != layout->owner_bytes) {
    return Fail("owner is " + std::to_string(item.owner.size()) + " bytes, type " +
                std::to_string(item.signature_type) + " needs " + std::to_string(layout->owner_bytes));
  }
  if (item.target && item.target->size() != kOptionalFieldBytes) {
    return Fail("target is " + std::to_string(item.target->size()) + " bytes, must be 32");
  }
  if (item.anchor && item.anchor->size() != kOptionalFieldBytes) {
    return Fail("anchor is " + std::to_string(item.anchor->size()) + " bytes, must be 32");
  }
  std::string scratch;
  std::string_view tag_bytes = detail::TagBytes(item, scratch);
  if (tag_bytes.size() > kMaxTagBytes) {
    return Fail("tag bytes length " + std::to_string(tag_bytes.size()) + " exceeds " +
                std::to_string(kMaxTagBytes));
  }
  std::string out;
  out.reserve(2 + item.signature.size() + item.owner.size() + 2 + 2 * kOptionalFieldBytes + 16 +
              tag_bytes.size() + item.data.size());
  out.push_back(static_cast<char>(item.signature_type & 0xff));
  out.push_back(static_cast<char>(item.signature_type >> 8));
  out.append(item.signature);
  out.append(item.owner);
  out.push_back(item.target ? '\1' : '\0');
  if (item.target) out.append(*item.target);
  out.push_back(item.anchor ? '\1' : '\0');
  if (item.anchor) out.append(*item.anchor);
  PutU64(out, item.tags.size());
  PutU64(out, tag_bytes.size());
  out.append(tag_bytes);
  out.append(item.data);
  return out;
}

tl::expected<DataItem, ItemError> DecodeDataItem(std::string_view bytes) {
  if (bytes.size() < kMinItemBytes) {
    return Fail("item is " + std::to_string(bytes.size()) + " bytes, below the minimum of " +
                std::to_string(kMinItemBytes));
  }
  DataItem item;
  item.signature_type = static_cast<std::uint16_t>(static_cast<std::uint8_t>(bytes[0]) |
                                                   (static_cast<std::uint8_t>(bytes[1]) << 8));
  auto layout = LayoutOf(item.signature_type);
  if (!layout) return Fail("unknown signature type " + std::to_string(item.signature_type));
  std::size_t pos = 2;
  if (bytes.size() - pos < layout->signature_bytes + layout->owner_bytes) {
    return Fail("item truncated inside the signature or owner");
  }
  item.signature.assign(bytes.substr(pos, layout->signature_bytes));
  pos += layout->signature_bytes;
  item.owner.assign(bytes.substr(pos, layout->owner_bytes));
  pos += layout->owner_bytes;

  auto target = ReadOptional(bytes, pos, "target");
  if (!target) return tl::unexpected(target.error());
  item.target = std::move(*target);
  auto anchor = ReadOptional(bytes, pos, "anchor");
  if (!anchor) return tl::unexpected(anchor.error());
  item.anchor = std::move(*anchor);

  if (bytes.size() - pos < 16) return Fail("item truncated inside the tag header");
  std::uint64_t tag_count = GetU64(bytes, pos);
  std::uint64_t tag_bytes_length = GetU64(bytes, pos + 8);
  pos += 16;
  if (tag_bytes_length > kMaxTagBytes) {
    return Fail("tag bytes length " + std::to_string(tag_bytes_length) + " exceeds " +
                std::to_string(kMaxTagBytes));
  }
  if (tag_bytes_length > bytes.size() - pos) {
    return Fail("tag bytes length " + std::to_string(tag_bytes_length) + " runs past the end (" +
                std::to_string(bytes.size() - pos) + " bytes left)");
  }
  std::string_view tag_bytes = bytes.substr(pos, static_cast<std::size_t>(tag_bytes_length));
  pos += static_cast<std::size_t>(tag_bytes_length);
  if (tag_count > 0) {
    auto tags = DecodeAvroTags(tag_bytes, tag_count);
    if (!tags) return tl::unexpected(tags.error());
    item.tags = std::move(*tags);
  }
  if (!tag_bytes.empty() && (item.tags.empty() || EncodeAvroTags(item.tags) != tag_bytes)) {
    item.raw_tags.assign(tag_bytes);
  }
  item.data.assign(bytes.substr(pos));
  return item;
}

}  // namespace aokit::emu
