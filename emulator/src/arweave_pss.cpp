// Recovers the salt length of an RSA-PSS signature: raw RSA public operation, then EMSA-PSS
// decoding with SHA-256 and MGF1-SHA-256 (RFC 8017 §9.1.2), the same steps OpenSSL's
// "auto" salt length takes, done by hand so the length can be reported.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/rsa.h>

#include "aokit/emu/arweave.h"
#include "aokit/emu/keys.h"
#include "rsa_key_util.h"

namespace aokit::emu {
namespace {

constexpr std::size_t kHashBytes = 32;

std::string Mgf1Sha256(std::string_view seed, std::size_t length) {
  std::string mask;
  mask.reserve(length + kHashBytes);
  std::string block(seed);
  block.append(4, '\0');
  for (std::uint32_t counter = 0; mask.size() < length; ++counter) {
    for (int i = 0; i < 4; ++i) block[seed.size() + static_cast<std::size_t>(i)] = static_cast<char>(counter >> (24 - 8 * i));
    mask += Sha256(block);
  }
  mask.resize(length);
  return mask;
}

}  // namespace

std::optional<std::size_t> PssSaltLength(const DataItem& item) {
  if (item.signature_type != static_cast<std::uint16_t>(SignatureType::kArweave)) return std::nullopt;
  auto key = detail::RsaPublicKey(item.owner);
  if (!key) return std::nullopt;
  std::unique_ptr<EVP_PKEY_CTX, detail::PkeyCtxFree> ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  std::string em(item.signature.size(), '\0');
  std::size_t em_size = em.size();
  if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
      EVP_PKEY_verify_recover(ctx.get(), reinterpret_cast<unsigned char*>(em.data()), &em_size,
                              reinterpret_cast<const unsigned char*>(item.signature.data()),
                              item.signature.size()) != 1) {
    return std::nullopt;
  }
  em.resize(em_size);
  int mod_bits = EVP_PKEY_get_bits(key.get());
  if (mod_bits <= 0) return std::nullopt;
  std::size_t em_bits = static_cast<std::size_t>(mod_bits) - 1;
  std::size_t em_len = (em_bits + 7) / 8;
  // The recovered integer is modulus-sized; an encoded message one byte shorter has a zero byte
  // in front.
  while (em.size() > em_len) {
    if (em[0] != '\0') return std::nullopt;
    em.erase(0, 1);
  }
  if (em.size() != em_len || em_len < kHashBytes + 2 || em.back() != '\xbc') return std::nullopt;
  std::size_t db_len = em_len - kHashBytes - 1;
  std::string_view h = std::string_view(em).substr(db_len, kHashBytes);
  auto top_mask = static_cast<unsigned char>(0xff >> (8 * em_len - em_bits));
  if ((static_cast<unsigned char>(em[0]) & ~top_mask) != 0) return std::nullopt;
  std::string db = Mgf1Sha256(h, db_len);
  for (std::size_t i = 0; i < db_len; ++i) db[i] = static_cast<char>(db[i] ^ em[i]);
  db[0] = static_cast<char>(static_cast<unsigned char>(db[0]) & top_mask);
  std::size_t one = db.find_first_not_of('\0');
  if (one == std::string::npos || db[one] != '\x01') return std::nullopt;
  std::string_view salt = std::string_view(db).substr(one + 1);
  std::string m_prime(8, '\0');
  m_prime += Sha256(DeepHash(item));
  m_prime.append(salt);
  if (Sha256(m_prime) != h) return std::nullopt;
  return salt.size();
}

}  // namespace aokit::emu
