// Ethereum (signature type 3) helpers: EIP-55 addresses and secp256k1 keys that sign data items
// the way arbundles' EthereumSigner does (EIP-191 personal-sign of the 48-byte deep hash).
#pragma once

#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "aokit/emu/ans104.h"

namespace aokit::emu {

// EIP-55 checksummed "0x…" address of a 65-byte uncompressed public key (04 ‖ X ‖ Y): the last
// 20 bytes of keccak256(X ‖ Y).
std::string EthereumAddress(std::string_view uncompressed_public_key);

// keccak256("\x19Ethereum Signed Message:\n" ‖ decimal(len) ‖ message), the EIP-191 digest.
std::string Eip191Digest(std::string_view message);

class EthereumKey {
 public:
  // 32 raw private-key bytes; fails when the scalar is zero or not below the curve order.
  static tl::expected<EthereumKey, ItemError> FromPrivateKey(std::string_view secret);
  // 64 hex digits, with or without a leading "0x".
  static tl::expected<EthereumKey, ItemError> FromHex(std::string_view hex);

  const std::string& public_key() const { return public_key_; }  // 65 bytes, 04 ‖ X ‖ Y
  std::string address() const { return EthereumAddress(public_key_); }
  // 65-byte r ‖ s ‖ v (v = 27 + recovery id) low-S RFC 6979 signature of Eip191Digest(message).
  // A default-constructed key has no secret: signing with it throws std::logic_error.
  std::string SignPersonal(std::string_view message) const;

 private:
  std::string secret_;
  std::string public_key_;
};

// Fills signature_type (3), owner and signature of `item` as arbundles' EthereumSigner does.
void SignEthereum(DataItem& item, const EthereumKey& key);

}  // namespace aokit::emu
