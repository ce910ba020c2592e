// Arweave's deep hash over ["dataitem","1",<type>,owner,target,anchor,tagBytes,data]
// (ANS104.md §3). The first three elements are constant per signature type, so the chained
// hash after them is computed once per type; an item then costs five blob hashes and five
// chaining hashes, fewer with the caches below (SHA-384 compressions are the whole cost).
// The caches are keyed by full content, so they change only the cost, never the hash.
#include <array>
#include <charconv>
#include <cstring>
#include <string>
#include <vector>

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

// SHA-384("blob" ‖ decimal(n)), precomputed for the lengths small fields have.
const Digest384& BlobPrefix(std::size_t length, Digest384& scratch) {
  constexpr std::size_t kCached = 512;
  static const std::vector<Digest384> table = [] {
    std::vector<Digest384> t(kCached);
    for (std::size_t n = 0; n < kCached; ++n) t[n] = PrefixHash("blob", n);
    return t;
  }();
  if (length < kCached) return table[length];
  scratch = PrefixHash("blob", length);
  return scratch;
}

Digest384 BlobHash(std::string_view blob) {
  Digest384 scratch;
  const Digest384& prefix = BlobPrefix(blob.size(), scratch);
  Digest384 body = Sha384Of({blob});
  return Sha384Of({View(prefix), View(body)});
}

// Owners and targets repeat from message to message (one key signs many messages to a few
// processes), and so do small data payloads ("", "1", a counter...): blobs of up to 64 bytes
// are memoized in a small direct-mapped per-thread table keyed by their full content.
constexpr std::size_t kSmallBlob = 64;

Digest384 SmallBlobHash(std::string_view blob) {
  struct Entry {
    std::array<char, kSmallBlob> key;
    std::uint8_t size = 0;
    bool used = false;
    Digest384 hash;
  };
  thread_local std::array<Entry, 128> cache{};
  std::uint32_t h = static_cast<std::uint32_t>(blob.size()) * 0x9E3779B1u;
  for (char c : blob.substr(0, 8)) h = (h ^ static_cast<std::uint8_t>(c)) * 0x01000193u;
  if (!blob.empty()) h ^= static_cast<std::uint8_t>(blob.back()) * 0x85EBCA6Bu;
  Entry& e = cache[(h >> 7) % cache.size()];
  if (e.used && e.size == blob.size() && std::memcmp(e.key.data(), blob.data(), blob.size()) == 0) return e.hash;
  e.hash = BlobHash(blob);
  std::memcpy(e.key.data(), blob.data(), blob.size());
  e.size = static_cast<std::uint8_t>(blob.size());
  e.used = true;
  return e.hash;
}

Digest384 FieldHash(std::string_view blob) { return blob.size() <= kSmallBlob ? SmallBlobHash(blob) : BlobHash(blob); }

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

const Digest384& EmptyBlobHash() {
  static const Digest384 empty = BlobHash({});
  return empty;
}

}  // namespace

std::string DeepHash(const DataItem& item) {
  std::string scratch;
  std::string_view tag_bytes = detail::TagBytes(item, scratch);
  Digest384 acc = Head(item.signature_type);
  acc = Chain(acc, FieldHash(item.owner));
  acc = Chain(acc, item.target ? FieldHash(*item.target) : EmptyBlobHash());
  // Anchors are usually counters, different every time: not worth a cache slot.
  acc = Chain(acc, item.anchor ? BlobHash(*item.anchor) : EmptyBlobHash());
  acc = Chain(acc, BlobHash(tag_bytes));
  acc = Chain(acc, FieldHash(item.data));
  return std::string(View(acc));
}

}  // namespace aokit::emu
