// Private: libsodium must be initialised once before use.
#pragma once

#include <sodium.h>

#include <stdexcept>

namespace aokit::emu::detail {

inline void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace aokit::emu::detail
