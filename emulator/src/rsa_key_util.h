// Private: OpenSSL RSA keys from raw big-endian components.
#pragma once

#include <memory>
#include <string_view>

#include <openssl/evp.h>

namespace aokit::emu::detail {

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// Public key with modulus `n` (big-endian) and e = 65537; null on failure.
PkeyPtr RsaPublicKey(std::string_view n);

}  // namespace aokit::emu::detail
