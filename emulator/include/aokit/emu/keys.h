// Signing keys for data items. Ed25519 keys derive deterministically from a 32-byte seed, so a
// world seed fixes every key (and so every message id) of a run.
#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "aokit/emu/ans104.h"

namespace aokit::emu {

class Ed25519Key {
 public:
  // seed: exactly 32 bytes (anything else is hashed to 32 bytes with SHA-256 first).
  static Ed25519Key FromSeed(std::string_view seed);
  // Loads {"kty":"OKP","crv":"Ed25519","d":…,"x":…} JWK text.
  static tl::expected<Ed25519Key, ItemError> FromJwk(std::string_view jwk_json);

  const std::string& public_key() const { return public_key_; }  // 32 raw bytes
  const std::string& address() const { return address_; }  // base64url(SHA-256(public key))
  std::string Sign(std::string_view message) const;  // 64-byte detached signature

 private:
  std::string public_key_;
  std::string secret_key_;  // libsodium's 64-byte form
  std::string address_;     // computed once: the MU asks for it on every message
};

// Fills signature_type, owner and signature of `item` with an ed25519 signature over its
// deep hash.
void SignEd25519(DataItem& item, const Ed25519Key& key);

// Unsigned mode (simulations): owner = key's public key, signature = SHA-512 of the deep hash
// (64 bytes), so the id is still a function of the whole content but VerifyDataItem fails.
void SealUnsigned(DataItem& item, const Ed25519Key& key);

// SHA-256 of bytes, raw 32 bytes (used for ids, addresses, seeds).
std::string Sha256(std::string_view bytes);

}  // namespace aokit::emu
