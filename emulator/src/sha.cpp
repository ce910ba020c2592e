// SHA-2 digests: SHA-256/512 from libsodium, SHA-384 from OpenSSL's EVP with a per-thread
// context and a digest fetched once (no provider lookup per call).
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <sodium.h>

#include "aokit/emu/hash.h"
#include "aokit/emu/keys.h"
#include "sha384.h"
#include "sodium_init.h"

namespace aokit::emu {
namespace {

const EVP_MD* Sha384Md() {
  static const EVP_MD* md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA384", nullptr);
    if (fetched == nullptr) throw std::runtime_error("OpenSSL has no SHA384");
    return fetched;
  }();
  return md;
}

struct CtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

EVP_MD_CTX* ThreadCtx() {
  thread_local std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  return ctx.get();
}

}  // namespace

namespace detail {

Digest384 Sha384Of(std::initializer_list<std::string_view> parts) {
  EVP_MD_CTX* ctx = ThreadCtx();
  Digest384 out;
  unsigned int len = 0;
  bool ok = EVP_DigestInit_ex2(ctx, Sha384Md(), nullptr) == 1;
  for (std::string_view p : parts) ok = ok && EVP_DigestUpdate(ctx, p.data(), p.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(ctx, out.data(), &len) == 1;
  if (!ok || len != out.size()) throw std::runtime_error("SHA-384 failed");
  return out;
}

}  // namespace detail

std::string Sha256(std::string_view bytes) {
  detail::EnsureSodium();
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return out;
}

std::string Sha384(std::string_view bytes) {
  return std::string(detail::View(detail::Sha384Of({bytes})));
}

std::string Sha512(std::string_view bytes) {
  detail::EnsureSodium();
  std::string out(crypto_hash_sha512_BYTES, '\0');
  crypto_hash_sha512(reinterpret_cast<unsigned char*>(out.data()),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return out;
}

}  // namespace aokit::emu
