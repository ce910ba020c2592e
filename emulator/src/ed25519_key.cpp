// Ed25519 signing keys (libsodium) and signing of data items with them.
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "aokit/emu/hash.h"
#include "aokit/emu/keys.h"
#include "sodium_init.h"

namespace aokit::emu {

Ed25519Key Ed25519Key::FromSeed(std::string_view seed) {
  detail::EnsureSodium();
  std::string hashed;
  if (seed.size() != crypto_sign_SEEDBYTES) {
    hashed = Sha256(seed);
    seed = hashed;
  }
  Ed25519Key key;
  key.public_key_.resize(crypto_sign_PUBLICKEYBYTES);
  key.secret_key_.resize(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(key.public_key_.data()),
                           reinterpret_cast<unsigned char*>(key.secret_key_.data()),
                           reinterpret_cast<const unsigned char*>(seed.data()));
  key.address_ = Base64UrlEncode(Sha256(key.public_key_));
  return key;
}

tl::expected<Ed25519Key, ItemError> Ed25519Key::FromJwk(std::string_view jwk_json) {
  auto fail = [](std::string m) { return tl::unexpected(ItemError{"ed25519 JWK: " + std::move(m)}); };
  auto jwk = nlohmann::json::parse(jwk_json, nullptr, /*allow_exceptions=*/false);
  if (jwk.is_discarded() || !jwk.is_object()) return fail("not a JSON object");
  auto text = [&](const char* name) -> std::string {
    auto it = jwk.find(name);
    return it != jwk.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (text("kty") != "OKP" || text("crv") != "Ed25519") return fail("kty must be OKP and crv Ed25519");
  auto d = Base64UrlDecode(text("d"));
  if (!d) return fail("d: " + d.error().message);
  if (d->size() != crypto_sign_SEEDBYTES) return fail("d must be 32 bytes, got " + std::to_string(d->size()));
  Ed25519Key key = FromSeed(*d);
  if (jwk.contains("x")) {
    auto x = Base64UrlDecode(text("x"));
    if (!x || *x != key.public_key_) return fail("x does not match the public key derived from d");
  }
  return key;
}

std::string Ed25519Key::Sign(std::string_view message) const {
  if (secret_key_.size() != crypto_sign_SECRETKEYBYTES) {
    throw std::logic_error("Ed25519Key::Sign on a default-constructed key");
  }
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(secret_key_.data()));
  return signature;
}

void SignEd25519(DataItem& item, const Ed25519Key& key) {
  item.signature_type = static_cast<std::uint16_t>(SignatureType::kEd25519);
  item.owner = key.public_key();
  item.signature = key.Sign(DeepHash(item));
}

void SealUnsigned(DataItem& item, const Ed25519Key& key) {
  item.signature_type = static_cast<std::uint16_t>(SignatureType::kEd25519);
  item.owner = key.public_key();
  item.signature = Sha512(DeepHash(item));
}

}  // namespace aokit::emu
