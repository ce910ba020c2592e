// ANS-104 data items: the signed messages of AO. Byte-exact with the libraries aoconnect and
// the ao MU use (see docs/ans104.md): Avro-encoded tags, SHA-384 deep hash over
// ["dataitem","1",<type>,owner,target,anchor,tagBytes,data], id = base64url(SHA-256(signature)).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace aokit::emu {

struct Tag {
  std::string name;
  std::string value;
  friend bool operator==(const Tag&, const Tag&) = default;
};

// Never renumber: these are the wire values.
enum class SignatureType : std::uint16_t {
  kArweave = 1,        // RSA-PSS 4096, SHA-256
  kEd25519 = 2,
  kEthereum = 3,       // secp256k1, EIP-191 over the deep hash
  kSolana = 4,
  kInjectedAptos = 5,
  kMultiAptos = 6,
  kTypedEthereum = 7,
};

// Signature and owner lengths for a type; nullopt for an unknown type.
struct SignatureLayout {
  std::size_t signature_bytes;
  std::size_t owner_bytes;
};
std::optional<SignatureLayout> LayoutOf(std::uint16_t signature_type);

struct DataItem {
  std::uint16_t signature_type = static_cast<std::uint16_t>(SignatureType::kEd25519);
  std::string signature;              // raw bytes, LayoutOf(type).signature_bytes long
  std::string owner;                  // raw public key bytes
  std::optional<std::string> target;  // raw 32 bytes when present
  std::optional<std::string> anchor;  // raw 32 bytes when present
  std::vector<Tag> tags;
  std::string data;
  // Added (ans104 branch): the Avro tag bytes exactly as DecodeDataItem read them, kept only
  // when they differ from EncodeAvroTags(tags) (multi-block or negative-count arrays, trailing
  // bytes, over-long varints, bytes behind a zero tag count). EncodeDataItem and DeepHash use
  // them as long as they still decode to `tags`, so decode -> encode and verify reproduce the
  // MU's view of such items. Leave empty when building items in code.
  std::string raw_tags;
};

// A reason an item was rejected, phrased for a user ("tag bytes length 5000 exceeds 4096").
struct ItemError {
  std::string message;
};

// Limits the ao MU enforces (ANS104.md §2).
inline constexpr std::size_t kMinItemBytes = 80;
inline constexpr std::size_t kMaxTagBytes = 4096;

// --- encoding ------------------------------------------------------------------------------
std::string EncodeAvroTags(const std::vector<Tag>& tags);  // empty string for no tags
tl::expected<std::vector<Tag>, ItemError> DecodeAvroTags(std::string_view bytes,
                                                         std::uint64_t expected_count);
// Serializes an item. Fails on wrong signature/owner lengths, target/anchor not 32 bytes or
// tag bytes over kMaxTagBytes.
tl::expected<std::string, ItemError> EncodeDataItem(const DataItem& item);
// Parses and checks the structure (checks 1-3 of ANS104.md §2), not the signature.
tl::expected<DataItem, ItemError> DecodeDataItem(std::string_view bytes);

// --- hashing, ids, verification --------------------------------------------------------------
std::string DeepHash(const DataItem& item);  // 48 raw bytes (SHA-384 deep hash)
std::string ItemId(const DataItem& item);    // base64url(SHA-256(signature)), 43 chars
// Verifies the signature (types 1, 2, 3). Ok, or why not.
tl::expected<void, ItemError> VerifyDataItem(const DataItem& item);
// The signer's address as the ao CU reports it: base64url(SHA-256(owner)) for types 1/2,
// EIP-55 "0x…" for type 3.
std::string OwnerAddress(const DataItem& item);

// --- base64url (no padding) ------------------------------------------------------------------
std::string Base64UrlEncode(std::string_view raw);
tl::expected<std::string, ItemError> Base64UrlDecode(std::string_view text);

}  // namespace aokit::emu
