// Arweave RSA keys: JWK load/save, generation and RSA-PSS signing through OpenSSL 3.
#include "aokit/emu/arweave.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include "aokit/emu/keys.h"
#include "rsa_key_util.h"

namespace aokit::emu {
namespace {

using BnPtr = std::unique_ptr<BIGNUM, decltype(&BN_free)>;

constexpr std::size_t kModulusBytes = 512;

// JWK member name and OpenSSL parameter for each private-key component.
struct Component {
  const char* jwk;
  const char* param;
};
constexpr std::array<Component, 8> kComponents = {{
    {"n", OSSL_PKEY_PARAM_RSA_N},
    {"e", OSSL_PKEY_PARAM_RSA_E},
    {"d", OSSL_PKEY_PARAM_RSA_D},
    {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
    {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},
    {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
    {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2},
    {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1},
}};

tl::unexpected<ItemError> Fail(std::string message) {
  return tl::unexpected(ItemError{"Arweave key: " + std::move(message)});
}

// Big-endian bytes of a key parameter, left-padded to `width` when given.
std::string ParamBytes(const EVP_PKEY* key, const char* param, std::size_t width = 0) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, param, &raw) != 1) return {};
  BnPtr bn(raw, &BN_free);
  std::size_t size = static_cast<std::size_t>(BN_num_bytes(bn.get()));
  std::string out(std::max(size, width), '\0');
  BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  return out;
}

}  // namespace

struct ArweaveKey::Impl {
  detail::PkeyPtr pkey;
};

tl::expected<ArweaveKey, ItemError> ArweaveKey::Generate() {
  std::unique_ptr<EVP_PKEY_CTX, detail::PkeyCtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), 4096) != 1 ||
      EVP_PKEY_generate(ctx.get(), &key) != 1) {
    return Fail("RSA key generation failed");
  }
  ArweaveKey out;
  out.owner_ = ParamBytes(key, OSSL_PKEY_PARAM_RSA_N, kModulusBytes);
  out.impl_ = std::make_shared<const Impl>(Impl{detail::PkeyPtr(key)});
  return out;
}

tl::expected<ArweaveKey, ItemError> ArweaveKey::FromJwk(std::string_view jwk_json) {
  auto jwk = nlohmann::json::parse(jwk_json, nullptr, /*allow_exceptions=*/false);
  if (jwk.is_discarded() || !jwk.is_object()) return Fail("not a JSON object");
  if (jwk.value("kty", std::string()) != "RSA") return Fail("kty must be RSA");
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(),
                                                                     &OSSL_PARAM_BLD_free);
  std::vector<BnPtr> numbers;  // must outlive the parameter build
  std::string modulus;
  for (const Component& c : kComponents) {
    auto it = jwk.find(c.jwk);
    if (it == jwk.end() || !it->is_string()) return Fail(std::string("missing \"") + c.jwk + "\"");
    auto raw = Base64UrlDecode(it->get<std::string>());
    if (!raw) return Fail(std::string(c.jwk) + ": " + raw.error().message);
    if (std::string_view(c.jwk) == "n") modulus = *raw;
    if (std::string_view(c.jwk) == "e" && *raw != std::string("\x01\x00\x01", 3)) {
      return Fail("e must be 65537 (AQAB)");
    }
    numbers.emplace_back(BN_bin2bn(reinterpret_cast<const unsigned char*>(raw->data()),
                                   static_cast<int>(raw->size()), nullptr),
                         &BN_free);
    if (!numbers.back() || OSSL_PARAM_BLD_push_BN(bld.get(), c.param, numbers.back().get()) != 1) {
      return Fail("cannot build the key");
    }
  }
  if (modulus.size() != kModulusBytes || (static_cast<unsigned char>(modulus[0]) & 0x80) == 0) {
    return Fail("n must be a 4096-bit modulus");
  }
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()),
                                                                 &OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, detail::PkeyCtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) != 1) {
    return Fail("OpenSSL rejected the key");
  }
  detail::PkeyPtr owned(key);
  std::unique_ptr<EVP_PKEY_CTX, detail::PkeyCtxFree> check(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!check || EVP_PKEY_pairwise_check(check.get()) != 1) return Fail("the key components are inconsistent");
  ArweaveKey out;
  out.owner_ = std::move(modulus);
  out.impl_ = std::make_shared<const Impl>(Impl{std::move(owned)});
  return out;
}

std::string ArweaveKey::ToJwk() const {
  if (!impl_) return "{}";
  nlohmann::json jwk;
  jwk["kty"] = "RSA";
  for (const Component& c : kComponents) {
    jwk[c.jwk] = Base64UrlEncode(ParamBytes(impl_->pkey.get(), c.param));
  }
  return jwk.dump();
}

std::string ArweaveKey::address() const { return Base64UrlEncode(Sha256(owner_)); }

std::string ArweaveKey::Sign(std::string_view message, std::size_t salt_length) const {
  if (!impl_) throw std::logic_error("ArweaveKey::Sign on a default-constructed key");
  if (salt_length > kMaxSaltLength) throw std::invalid_argument("RSA-PSS salt longer than 478 bytes");
  std::unique_ptr<EVP_PKEY_CTX, detail::PkeyCtxFree> ctx(
      EVP_PKEY_CTX_new_from_pkey(nullptr, impl_->pkey.get(), nullptr));
  std::string digest = Sha256(message);
  std::string signature(kModulusBytes, '\0');
  std::size_t len = signature.size();
  bool ok = ctx && EVP_PKEY_sign_init(ctx.get()) == 1 &&
            EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) == 1 &&
            EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256()) == 1 &&
            EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), EVP_sha256()) == 1 &&
            EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), static_cast<int>(salt_length)) == 1 &&
            EVP_PKEY_sign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len,
                          reinterpret_cast<const unsigned char*>(digest.data()), digest.size()) == 1;
  if (!ok || len != kModulusBytes) throw std::runtime_error("RSA-PSS signing failed");
  return signature;
}

void SignArweave(DataItem& item, const ArweaveKey& key, std::size_t salt_length) {
  item.signature_type = static_cast<std::uint16_t>(SignatureType::kArweave);
  item.owner = key.owner();
  item.signature = key.Sign(DeepHash(item), salt_length);
}

}  // namespace aokit::emu
