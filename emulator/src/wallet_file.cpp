#include "aokit/emu/wallet_file.h"

#include <sys/random.h>

#include "module_searcher.h"

namespace aokit::emu {
namespace {

bool IsUtf8Text(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 1 && c < 0x20 && c != '\n' && c != '\t' && c != '\r')) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

}  // namespace

Result<WalletKey> ParseWallet(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return Fail("wallet: not a JSON object");
  if (json.contains("privateKeyHex")) {
    auto key = EthereumKey::FromHex(json.value("privateKeyHex", ""));
    if (!key) return Fail("wallet: ethereum key: " + key.error().message);
    return WalletKey(std::move(*key));
  }
  std::string kty = json.value("kty", "");
  if (kty == "OKP") {
    auto key = Ed25519Key::FromJwk(text);
    if (!key) return Fail("wallet: ed25519 JWK: " + key.error().message);
    return WalletKey(std::move(*key));
  }
  if (kty == "RSA") {
    auto key = ArweaveKey::FromJwk(text);
    if (!key) return Fail("wallet: arweave JWK: " + key.error().message);
    return WalletKey(std::move(*key));
  }
  return Fail("wallet: unknown format (expected a JWK with kty OKP or RSA, or {\"privateKeyHex\": …})");
}

Result<WalletKey> LoadWallet(const std::string& path) {
  std::string text;
  if (!ReadWholeFile(path, text)) return Fail("wallet: cannot read '" + path + "'");
  auto key = ParseWallet(text);
  if (!key) return Fail(path + ": " + key.error().message);
  return key;
}

std::string WalletAddress(const WalletKey& key) {
  return std::visit([](const auto& k) { return k.address(); }, key);
}

const char* WalletType(const WalletKey& key) {
  static const char* names[] = {"ed25519", "arweave", "ethereum"};
  return names[key.index()];
}

void SignWithWallet(DataItem& item, const WalletKey& key) {
  if (const auto* ed = std::get_if<Ed25519Key>(&key)) SignEd25519(item, *ed);
  else if (const auto* ar = std::get_if<ArweaveKey>(&key)) SignArweave(item, *ar);
  else SignEthereum(item, std::get<EthereumKey>(key));
}

Result<std::string> NewEd25519WalletJwk() {
  std::string seed(32, '\0');
  if (getrandom(seed.data(), seed.size(), 0) != static_cast<ssize_t>(seed.size()))
    return Fail("wallet: the OS random source failed");
  Ed25519Key key = Ed25519Key::FromSeed(seed);
  nlohmann::json jwk = {{"kty", "OKP"}, {"crv", "Ed25519"}, {"d", Base64UrlEncode(seed)},
                        {"x", Base64UrlEncode(key.public_key())}};
  return jwk.dump(2) + "\n";
}

Result<std::string> NewArweaveWalletJwk() {
  auto key = ArweaveKey::Generate();
  if (!key) return Fail("wallet: " + key.error().message);
  return key->ToJwk() + "\n";
}

nlohmann::json DescribeItem(const DataItem& item) {
  nlohmann::json tags = nlohmann::json::array();
  for (const auto& t : item.tags) tags.push_back({{"name", t.name}, {"value", t.value}});
  nlohmann::json out = {{"id", ItemId(item)},
                        {"signatureType", item.signature_type},
                        {"owner", OwnerAddress(item)},
                        {"target", item.target ? Base64UrlEncode(*item.target) : ""},
                        {"anchor", item.anchor ? (IsUtf8Text(*item.anchor) ? *item.anchor : Base64UrlEncode(*item.anchor)) : ""},
                        {"tags", tags},
                        {"dataLength", item.data.size()}};
  if (IsUtf8Text(item.data)) out["data"] = item.data;
  return out;
}

}  // namespace aokit::emu
