// Private: one libsecp256k1 context for the process (thread-safe for signing and verifying
// once created).
#pragma once

#include <secp256k1.h>

namespace aokit::emu::detail {

const secp256k1_context* Secp256k1Context();

}  // namespace aokit::emu::detail
