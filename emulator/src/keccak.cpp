// Keccak-256 (the pre-SHA3 padding Ethereum uses), from the Keccak-f[1600] permutation.
// Debian 12's OpenSSL 3.0 has no KECCAK-256 digest (it arrived in 3.2), hence this file.
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "aokit/emu/hash.h"

namespace aokit::emu {
namespace {

constexpr std::array<std::uint64_t, 24> kRoundConstants = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL};

// rho rotation amounts and pi destinations, walking the lanes in pi order starting at lane 1.
constexpr std::array<int, 24> kRho = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                                      27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
constexpr std::array<int, 24> kPi = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                                     15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};

void KeccakF(std::array<std::uint64_t, 25>& a) {
  for (std::uint64_t rc : kRoundConstants) {
    std::uint64_t c[5];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x) {
      std::uint64_t d = c[(x + 4) % 5] ^ std::rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
    }
    std::uint64_t carry = a[1];
    for (int i = 0; i < 24; ++i) {
      std::uint64_t next = a[kPi[i]];
      a[kPi[i]] = std::rotl(carry, kRho[i]);
      carry = next;
    }
    for (int y = 0; y < 25; y += 5) {
      std::uint64_t row[5];
      for (int x = 0; x < 5; ++x) row[x] = a[y + x];
      for (int x = 0; x < 5; ++x) a[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
    }
    a[0] ^= rc;
  }
}

constexpr std::size_t kRate = 136;  // 1600 - 2 * 256 bits

void Absorb(std::array<std::uint64_t, 25>& state, const std::uint8_t* block) {
  for (std::size_t i = 0; i < kRate / 8; ++i) {
    std::uint64_t lane = 0;
    for (int b = 7; b >= 0; --b) lane = (lane << 8) | block[i * 8 + static_cast<std::size_t>(b)];
    state[i] ^= lane;
  }
  KeccakF(state);
}

}  // namespace

std::string Keccak256(std::string_view bytes) {
  std::array<std::uint64_t, 25> state{};
  const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
  std::size_t n = bytes.size();
  for (; n >= kRate; n -= kRate, p += kRate) Absorb(state, p);
  std::uint8_t last[kRate] = {};
  if (n > 0) std::memcpy(last, p, n);
  last[n] ^= 0x01;
  last[kRate - 1] ^= 0x80;
  Absorb(state, last);
  std::string out(32, '\0');
  for (std::size_t i = 0; i < 32; ++i) out[i] = static_cast<char>(state[i / 8] >> (8 * (i % 8)));
  return out;
}

}  // namespace aokit::emu
