// Hash functions used by data items: SHA-384 (deep hash), SHA-512 (unsigned seals) and
// Keccak-256 (Ethereum owners and EIP-191 messages). All return raw digest bytes.
// Sha256 is declared in keys.h.
#pragma once

#include <string>
#include <string_view>

namespace aokit::emu {

std::string Sha384(std::string_view bytes);     // 48 raw bytes
std::string Sha512(std::string_view bytes);     // 64 raw bytes
std::string Keccak256(std::string_view bytes);  // 32 raw bytes (original Keccak padding, not SHA3)

}  // namespace aokit::emu
