// Type 3 verification: ECDSA secp256k1 over the EIP-191 digest of the deep hash. Like arbundles
// (libsecp256k1), high-S signatures are rejected; v is ignored.
#include "aokit/emu/ethereum.h"
#include "secp256k1_context.h"
#include "verifiers.h"

namespace aokit::emu::detail {

tl::expected<void, ItemError> VerifyEthereum(std::string_view signature, std::string_view owner,
                                             std::string_view message) {
  const secp256k1_context* ctx = Secp256k1Context();
  secp256k1_pubkey pubkey;
  if (owner.size() != 65 || owner[0] != '\x04' ||
      secp256k1_ec_pubkey_parse(ctx, &pubkey, reinterpret_cast<const unsigned char*>(owner.data()),
                                owner.size()) != 1) {
    return tl::unexpected(ItemError{"Ethereum owner is not an uncompressed secp256k1 public key"});
  }
  secp256k1_ecdsa_signature sig;
  if (signature.size() != 65 ||
      secp256k1_ecdsa_signature_parse_compact(
          ctx, &sig, reinterpret_cast<const unsigned char*>(signature.data())) != 1) {
    return tl::unexpected(ItemError{"Ethereum signature r or s is out of range"});
  }
  std::string digest = Eip191Digest(message);
  if (secp256k1_ecdsa_verify(ctx, &sig, reinterpret_cast<const unsigned char*>(digest.data()),
                             &pubkey) != 1) {
    secp256k1_ecdsa_signature normalized;
    if (secp256k1_ecdsa_signature_normalize(ctx, &normalized, &sig) == 1) {
      return tl::unexpected(ItemError{"Ethereum signature has a high S value (not accepted)"});
    }
    return tl::unexpected(ItemError{"Ethereum signature does not verify"});
  }
  return {};
}

}  // namespace aokit::emu::detail
