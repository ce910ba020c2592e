#include "secp256k1_context.h"

#include <stdexcept>

#include "sodium_init.h"

namespace aokit::emu::detail {

const secp256k1_context* Secp256k1Context() {
  static const secp256k1_context* ctx = [] {
    secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    if (c == nullptr) throw std::runtime_error("secp256k1_context_create failed");
    // Blinding against side channels; signatures stay RFC 6979-deterministic.
    EnsureSodium();
    unsigned char seed[32];
    randombytes_buf(seed, sizeof seed);
    if (secp256k1_context_randomize(c, seed) != 1) throw std::runtime_error("secp256k1_context_randomize failed");
    return c;
  }();
  return ctx;
}

}  // namespace aokit::emu::detail
