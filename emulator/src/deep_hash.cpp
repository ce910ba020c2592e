// Arweave's deep hash over ["dataitem","1",<type>,owner,target,anchor,tagBytes,data]
// (ANS104.md §3). The first three elements are constant per signature type, so the chained
// hash after them is computed once per type; an item then costs five blob hashes and five
// chaining hashes.
#include <array>
#include <charconv>
#include <string>

#include "aokit/emu/ans104.h"
#include "sha384.h"
#include "tag_bytes.h"

namespace aokit::emu {
namespace {

using detail::Digest384;
using detail::Sha384Of;
using detail::View;

// "blob"/"list" followed by a decimal length.
Digest384 PrefixHash(std::string_view word, std::size_t length) {
  char buf[32];
  std::size_t n = word.copy(buf, word.size());
  auto [end, ec] = std::to_chars(buf + n, buf + sizeof buf, length);
  (void)ec;
  return Sha384Of({std::string_view(buf, static_cast<std::size_t>(end - buf))});
}

Digest384 BlobHash(std::string_view blob) {
  Digest384 prefix = PrefixHash("blob", blob.size());
  Digest384 body = Sha384Of({blob});
  return Sha384Of({View(prefix), View(body)});
}

Digest384 Chain(const Digest384& acc, const Digest384& element) {
  return Sha384Of({View(acc), View(element)});
}

constexpr std::size_t kItemFields = 8;
constexpr std::uint16_t kCachedTypes = 8;

Digest384 ComputeHead(std::uint16_t signature_type) {
  static const Digest384 after_version = [] {
    Digest384 acc = PrefixHash("list", kItemFields);
    acc = Chain(acc, BlobHash("dataitem"));
    return Chain(acc, BlobHash("1"));
  }();
  std::string type_text = std::to_string(signature_type);
  return Chain(after_version, BlobHash(type_text));
}

// The chained hash after "dataitem", "1" and the signature type.
Digest384 Head(std::uint16_t signature_type) {
  static const std::array<Digest384, kCachedTypes> cache = [] {
    std::array<Digest384, kCachedTypes> heads;
    for (std::uint16_t t = 0; t < kCachedTypes; ++t) heads[t] = ComputeHead(t);
    return heads;
  }();
  return signature_type < kCachedTypes ? cache[signature_type] : ComputeHead(signature_type);
}

Digest384 OptionalHash(const std::optional<std::string>& field) {
  static const Digest384 empty = BlobHash({});
  return field ? BlobHash(*field) : empty;
}

}  // namespace

std::string DeepHash(const DataItem& item) {
  std::string scratch;
  std::string_view tag_bytes = detail::TagBytes(item, scratch);
  Digest384 acc = Head(item.signature_type);
  acc = Chain(acc, BlobHash(item.owner));
  acc = Chain(acc, OptionalHash(item.target));
  acc = Chain(acc, OptionalHash(item.anchor));
  acc = Chain(acc, BlobHash(tag_bytes));
  acc = Chain(acc, BlobHash(item.data));
  return std::string(View(acc));
}

}  // namespace aokit::emu
