// Type 1 verification: RSA-PSS (SHA-256, MGF1-SHA-256) with the 4096-bit modulus from the owner,
// e = 65537, and the salt length recovered from the PSS block (478 from Node, 32 from WebCrypto).
#include <memory>

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "aokit/emu/keys.h"
#include "rsa_key_util.h"
#include "verifiers.h"

namespace aokit::emu::detail {

tl::expected<void, ItemError> VerifyArweave(std::string_view signature, std::string_view owner,
                                            std::string_view message) {
  auto key = RsaPublicKey(owner);
  if (!key) return tl::unexpected(ItemError{"Arweave owner is not a usable RSA modulus"});
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  std::string digest = Sha256(message);
  bool ok = ctx && EVP_PKEY_verify_init(ctx.get()) == 1 &&
            EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) == 1 &&
            EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256()) == 1 &&
            EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), EVP_sha256()) == 1 &&
            EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), RSA_PSS_SALTLEN_AUTO) == 1;
  if (!ok) return tl::unexpected(ItemError{"RSA-PSS verifier setup failed"});
  int rc = EVP_PKEY_verify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                           signature.size(), reinterpret_cast<const unsigned char*>(digest.data()),
                           digest.size());
  if (rc != 1) return tl::unexpected(ItemError{"Arweave RSA-PSS signature does not verify"});
  return {};
}

}  // namespace aokit::emu::detail
