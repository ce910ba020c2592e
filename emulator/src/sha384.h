// Private: allocation-free SHA-384 over several byte ranges, for the deep hash.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace aokit::emu::detail {

using Digest384 = std::array<std::uint8_t, 48>;

// SHA-384 of the concatenation of `parts`.
Digest384 Sha384Of(std::initializer_list<std::string_view> parts);

inline std::string_view View(const Digest384& d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

}  // namespace aokit::emu::detail
