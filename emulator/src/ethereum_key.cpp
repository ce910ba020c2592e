// secp256k1 keys that sign data items as arbundles' EthereumSigner does.
#include <stdexcept>

#include <secp256k1_recovery.h>

#include "aokit/emu/ethereum.h"
#include "secp256k1_context.h"

namespace aokit::emu {

tl::expected<EthereumKey, ItemError> EthereumKey::FromPrivateKey(std::string_view secret) {
  const secp256k1_context* ctx = detail::Secp256k1Context();
  const auto* seckey = reinterpret_cast<const unsigned char*>(secret.data());
  secp256k1_pubkey pubkey;
  if (secret.size() != 32 || secp256k1_ec_seckey_verify(ctx, seckey) != 1 ||
      secp256k1_ec_pubkey_create(ctx, &pubkey, seckey) != 1) {
    return tl::unexpected(ItemError{"Ethereum private key must be 32 bytes, non-zero and below the curve order"});
  }
  EthereumKey key;
  key.secret_.assign(secret);
  key.public_key_.resize(65);
  std::size_t len = key.public_key_.size();
  secp256k1_ec_pubkey_serialize(ctx, reinterpret_cast<unsigned char*>(key.public_key_.data()), &len,
                                &pubkey, SECP256K1_EC_UNCOMPRESSED);
  return key;
}

tl::expected<EthereumKey, ItemError> EthereumKey::FromHex(std::string_view hex) {
  if (hex.starts_with("0x") || hex.starts_with("0X")) hex.remove_prefix(2);
  if (hex.size() != 64) return tl::unexpected(ItemError{"Ethereum private key must be 64 hex digits"});
  std::string raw(32, '\0');
  for (std::size_t i = 0; i < 64; ++i) {
    char c = hex[i];
    int v = c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (v < 0) return tl::unexpected(ItemError{"Ethereum private key: invalid hex digit at " + std::to_string(i)});
    raw[i / 2] = static_cast<char>((static_cast<unsigned char>(raw[i / 2]) << 4) | v);
  }
  return FromPrivateKey(raw);
}

std::string EthereumKey::SignPersonal(std::string_view message) const {
  if (secret_.size() != 32) throw std::logic_error("EthereumKey::SignPersonal on a default-constructed key");
  const secp256k1_context* ctx = detail::Secp256k1Context();
  std::string digest = Eip191Digest(message);
  secp256k1_ecdsa_recoverable_signature sig;
  // Default nonce function: RFC 6979, so signatures are deterministic (and low-S).
  secp256k1_ecdsa_sign_recoverable(ctx, &sig, reinterpret_cast<const unsigned char*>(digest.data()),
                                   reinterpret_cast<const unsigned char*>(secret_.data()), nullptr,
                                   nullptr);
  std::string out(65, '\0');
  int recid = 0;
  secp256k1_ecdsa_recoverable_signature_serialize_compact(
      ctx, reinterpret_cast<unsigned char*>(out.data()), &recid, &sig);
  out[64] = static_cast<char>(27 + recid);
  return out;
}

void SignEthereum(DataItem& item, const EthereumKey& key) {
  item.signature_type = static_cast<std::uint16_t>(SignatureType::kEthereum);
  item.owner = key.public_key();
  item.signature = key.SignPersonal(DeepHash(item));
}

}  // namespace aokit::emu
