// SHA-2 digests from OpenSSL's EVP with a per-thread context and digests fetched once (no
// provider lookup per call). OpenSSL rather than libsodium because it uses the CPU's SHA
// extensions for SHA-256 (ids, hash chains), several times faster than portable code.
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>

#include "aokit/emu/hash.h"
#include "aokit/emu/keys.h"
#include "sha384.h"

namespace aokit::emu {
namespace {

const EVP_MD* Fetch(const char* name) {
  EVP_MD* fetched = EVP_MD_fetch(nullptr, name, nullptr);
  if (fetched == nullptr) throw std::runtime_error(std::string("OpenSSL has no ") + name);
  return fetched;
}

const EVP_MD* Sha256Md() {
  static const EVP_MD* md = Fetch("SHA256");
  return md;
}

const EVP_MD* Sha384Md() {
  static const EVP_MD* md = Fetch("SHA384");
  return md;
}

const EVP_MD* Sha512Md() {
  static const EVP_MD* md = Fetch("SHA512");
  return md;
}

struct CtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

EVP_MD_CTX* ThreadCtx() {
  thread_local std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
  return ctx.get();
}

// Digest of the concatenation of `parts` into `out` (exactly `size` bytes).
void Digest(const EVP_MD* md, std::initializer_list<std::string_view> parts, unsigned char* out, unsigned size) {
  EVP_MD_CTX* ctx = ThreadCtx();
  unsigned int len = 0;
  bool ok = EVP_DigestInit_ex2(ctx, md, nullptr) == 1;
  for (std::string_view p : parts) ok = ok && EVP_DigestUpdate(ctx, p.data(), p.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(ctx, out, &len) == 1;
  if (!ok || len != size) throw std::runtime_error("OpenSSL digest failed");
}

std::string DigestString(const EVP_MD* md, std::string_view bytes, unsigned size) {
  std::string out(size, '\0');
  Digest(md, {bytes}, reinterpret_cast<unsigned char*>(out.data()), size);
  return out;
}

}  // namespace

namespace detail {

Digest384 Sha384Of(std::initializer_list<std::string_view> parts) {
  Digest384 out;
  Digest(Sha384Md(), parts, out.data(), static_cast<unsigned>(out.size()));
  return out;
}

}  // namespace detail

std::string Sha256(std::string_view bytes) { return DigestString(Sha256Md(), bytes, 32); }

std::string Sha384(std::string_view bytes) {
  return std::string(detail::View(detail::Sha384Of({bytes})));
}

std::string Sha512(std::string_view bytes) { return DigestString(Sha512Md(), bytes, 64); }

}  // namespace aokit::emu
