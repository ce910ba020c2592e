// EIP-55 mixed-case checksummed addresses.
#include "aokit/emu/ethereum.h"
#include "aokit/emu/hash.h"

namespace aokit::emu {

std::string EthereumAddress(std::string_view uncompressed_public_key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string_view xy = uncompressed_public_key.size() == 65 ? uncompressed_public_key.substr(1)
                                                             : uncompressed_public_key;
  std::string digest = Keccak256(xy);
  std::string lower;
  lower.reserve(40);
  for (std::size_t i = 12; i < 32; ++i) {
    auto b = static_cast<unsigned char>(digest[i]);
    lower.push_back(kHex[b >> 4]);
    lower.push_back(kHex[b & 15]);
  }
  std::string checksum = Keccak256(lower);
  std::string out = "0x";
  out.reserve(42);
  for (std::size_t i = 0; i < lower.size(); ++i) {
    auto nibble = (static_cast<unsigned char>(checksum[i / 2]) >> (i % 2 == 0 ? 4 : 0)) & 15;
    char c = lower[i];
    out.push_back(c >= 'a' && nibble >= 8 ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::string Eip191Digest(std::string_view message) {
  std::string prefixed = "\x19" "Ethereum Signed Message:\n" + std::to_string(message.size());
  prefixed.append(message);
  return Keccak256(prefixed);
}

}  // namespace aokit::emu
