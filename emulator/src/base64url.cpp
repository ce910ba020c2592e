// base64url without padding (RFC 4648 §5), the text form of ids, owners and JWK fields.
#include <array>
#include <cstdint>

#include "aokit/emu/ans104.h"

namespace aokit::emu {
namespace {

constexpr char kAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> MakeReverse() {
  std::array<std::int8_t, 256> rev{};
  for (auto& r : rev) r = -1;
  for (int i = 0; i < 64; ++i) rev[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return rev;
}
constexpr auto kReverse = MakeReverse();

}  // namespace

// Writes into a string sized up front (ids, signatures and hash chains are encoded several
// times per message; push_back per character cost a capacity check each).
std::string Base64UrlEncode(std::string_view raw) {
  std::size_t full = raw.size() / 3, rest = raw.size() % 3;
  std::string out(full * 4 + (rest == 0 ? 0 : rest + 1), '\0');
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  char* o = out.data();
  for (std::size_t i = 0; i < full; ++i, p += 3, o += 4) {
    std::uint32_t v = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
    o[0] = kAlphabet[(v >> 18) & 63];
    o[1] = kAlphabet[(v >> 12) & 63];
    o[2] = kAlphabet[(v >> 6) & 63];
    o[3] = kAlphabet[v & 63];
  }
  if (rest > 0) {
    std::uint32_t v = (std::uint32_t{p[0]} << 16) | (rest == 2 ? std::uint32_t{p[1]} << 8 : 0);
    o[0] = kAlphabet[(v >> 18) & 63];
    o[1] = kAlphabet[(v >> 12) & 63];
    if (rest == 2) o[2] = kAlphabet[(v >> 6) & 63];
  }
  return out;
}

// Strict on the alphabet (no '+', '/', '=' or whitespace) and on the length (a lone final
// character cannot encode a byte); unused low bits of the last character are ignored, as
// Node's Buffer.from(text, "base64url") does.
tl::expected<std::string, ItemError> Base64UrlDecode(std::string_view text) {
  if (text.size() % 4 == 1) {
    return tl::unexpected(ItemError{"invalid base64url: length " + std::to_string(text.size()) +
                                    " leaves a dangling character"});
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::int8_t v = kReverse[static_cast<unsigned char>(text[i])];
    if (v < 0) {
      return tl::unexpected(ItemError{"invalid base64url character at offset " +
                                      std::to_string(i)});
    }
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

}  // namespace aokit::emu
