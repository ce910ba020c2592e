// Arweave RSA keys (signature type 1): 4096-bit RSA, e = 65537, stored as RSA JWKs (the
// arweave-js / wallet file format). Signs data items with RSA-PSS / SHA-256 like arbundles'
// ArweaveSigner.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "aokit/emu/ans104.h"

namespace aokit::emu {

class ArweaveKey {
 public:
  // Salt length Node signers use for a 4096-bit key (emLen - hLen - 2); WebCrypto uses 32.
  static constexpr std::size_t kMaxSaltLength = 478;

  // A fresh random 4096-bit key (takes a second or so).
  static tl::expected<ArweaveKey, ItemError> Generate();
  // {"kty":"RSA","n","e","d","p","q","dp","dq","qi"} JWK text; n must be 4096 bits, e 65537.
  static tl::expected<ArweaveKey, ItemError> FromJwk(std::string_view jwk_json);

  std::string ToJwk() const;                            // private JWK, the same fields
  const std::string& owner() const { return owner_; }  // the modulus, 512 raw bytes
  std::string address() const;                          // base64url(SHA-256(owner))
  // 512-byte RSA-PSS signature of SHA-256(message), MGF1-SHA-256, `salt_length` random bytes
  // (at most kMaxSaltLength; std::invalid_argument otherwise). A default-constructed key
  // throws std::logic_error.
  std::string Sign(std::string_view message, std::size_t salt_length = kMaxSaltLength) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
  std::string owner_;
};

// Fills signature_type (1), owner and signature of `item` (RSA-PSS is randomized: each call
// yields a new signature and so a new id).
void SignArweave(DataItem& item, const ArweaveKey& key,
                 std::size_t salt_length = ArweaveKey::kMaxSaltLength);

// The RSA-PSS salt length of a type-1 item's signature, recovered from its PSS block (EMSA-PSS
// decoding, RFC 8017 §9.1.2): 478 for Node signers, 32 for WebCrypto. nullopt when the item is
// not type 1 or its signature does not verify.
std::optional<std::size_t> PssSaltLength(const DataItem& item);

}  // namespace aokit::emu
