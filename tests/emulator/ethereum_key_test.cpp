// Type 3: secp256k1 keys, EIP-55 addresses, EIP-191 signing and low-S verification.
#include "aokit/emu/ethereum.h"

#include <gtest/gtest.h>

#include "aokit/emu/hash.h"
#include "vectors.h"

namespace aokit::emu {
namespace {

using testing::VectorBytes;
using testing::VectorJson;

std::string KeyHex() {
  return nlohmann::json::parse(testing::ReadFile(testing::VectorPath("keys/ethereum-secp256k1.json")))
      ["privateKeyHex"].get<std::string>();
}

TEST(EthereumKeyTest, WellKnownAddresses) {
  // Private keys 1 and 2 have widely published addresses.
  auto one = EthereumKey::FromHex(std::string(63, '0') + "1");
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->address(), "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
  auto two = EthereumKey::FromHex("0x" + std::string(63, '0') + "2");
  ASSERT_TRUE(two.has_value());
  EXPECT_EQ(two->address(), "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF");
}

TEST(EthereumKeyTest, DefaultConstructedKeyRefusesToSign) {
  EthereumKey key;
  EXPECT_THROW(key.SignPersonal("m"), std::logic_error);
}

TEST(EthereumKeyTest, BadPrivateKeysAreRejected) {
  EXPECT_FALSE(EthereumKey::FromHex(std::string(64, '0')).has_value());  // zero
  EXPECT_FALSE(EthereumKey::FromHex(std::string(64, 'f')).has_value());  // above the order
  EXPECT_FALSE(EthereumKey::FromHex("12").has_value());
  EXPECT_FALSE(EthereumKey::FromHex(std::string(63, '0') + "g").has_value());
  EXPECT_FALSE(EthereumKey::FromPrivateKey(std::string(31, '\1')).has_value());
}

TEST(EthereumKeyTest, VectorOwnerAndAddress) {
  auto key = EthereumKey::FromHex(KeyHex());
  ASSERT_TRUE(key.has_value());
  auto item = DecodeDataItem(VectorBytes("ethereum-secp256k1"));
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->owner, key->public_key());
  EXPECT_EQ(OwnerAddress(*item), key->address());
  EXPECT_EQ(key->address().size(), 42u);
}

TEST(EthereumKeyTest, SigningTheVectorInputsReproducesItsBytes) {
  auto json = VectorJson("ethereum-secp256k1");
  auto key = EthereumKey::FromHex(KeyHex());
  ASSERT_TRUE(key.has_value());
  DataItem item;
  item.target = *Base64UrlDecode(json["inputs"]["target"].get<std::string>());
  for (const auto& t : json["inputs"]["tags"]) {
    item.tags.push_back({t["name"].get<std::string>(), t["value"].get<std::string>()});
  }
  item.data = json["inputs"]["data"].get<std::string>();
  SignEthereum(item, *key);
  auto bytes = EncodeDataItem(item);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(*bytes, VectorBytes("ethereum-secp256k1"));
  EXPECT_EQ(ItemId(item), json["expected"]["id"].get<std::string>());
  EXPECT_TRUE(VerifyDataItem(item).has_value());
}

// s' = n - s (32-byte big-endian) turns a valid low-S signature into its high-S twin.
std::string NegateS(std::string signature) {
  static const std::string kOrder = testing::Unhex(
      "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
  int borrow = 0;
  for (int i = 31; i >= 0; --i) {
    int d = static_cast<unsigned char>(kOrder[static_cast<std::size_t>(i)]) -
            static_cast<unsigned char>(signature[32 + static_cast<std::size_t>(i)]) - borrow;
    borrow = d < 0;
    signature[32 + static_cast<std::size_t>(i)] = static_cast<char>(d + (borrow ? 256 : 0));
  }
  signature[64] = static_cast<char>(signature[64] == 27 ? 28 : 27);
  return signature;
}

TEST(EthereumVerifyTest, HighSIsRejected) {
  auto item = DecodeDataItem(VectorBytes("ethereum-secp256k1"));
  ASSERT_TRUE(item.has_value());
  ASSERT_TRUE(VerifyDataItem(*item).has_value());
  DataItem high = *item;
  high.signature = NegateS(item->signature);
  ASSERT_NE(high.signature, item->signature);
  auto r = VerifyDataItem(high);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "Ethereum signature has a high S value (not accepted)");
  // Negating twice gives the original back.
  DataItem back = high;
  back.signature = NegateS(high.signature);
  EXPECT_EQ(back.signature, item->signature);
}

TEST(EthereumVerifyTest, VIsIgnoredAndBadOwnersFail) {
  auto item = DecodeDataItem(VectorBytes("ethereum-secp256k1"));
  ASSERT_TRUE(item.has_value());
  DataItem v = *item;
  v.signature[64] = 0;
  EXPECT_TRUE(VerifyDataItem(v).has_value());
  DataItem owner = *item;
  owner.owner[0] = 0x02;
  auto r = VerifyDataItem(owner);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "Ethereum owner is not an uncompressed secp256k1 public key");
  DataItem zero = *item;
  std::fill(zero.signature.begin(), zero.signature.begin() + 32, '\0');
  EXPECT_FALSE(VerifyDataItem(zero).has_value());
}

TEST(EthereumVerifyTest, FreshSignaturesAreLowSAndVerify) {
  auto key = EthereumKey::FromHex(KeyHex());
  ASSERT_TRUE(key.has_value());
  for (int i = 0; i < 20; ++i) {
    DataItem item;
    item.data = "message " + std::to_string(i);
    SignEthereum(item, *key);
    EXPECT_TRUE(VerifyDataItem(item).has_value()) << i;
    EXPECT_TRUE(item.signature[64] == 27 || item.signature[64] == 28);
  }
}

TEST(EthereumAddressTest, Eip191DigestPrefixesTheLength) {
  EXPECT_EQ(Eip191Digest("abc"), Keccak256(std::string("\x19" "Ethereum Signed Message:\n3abc")));
}

}  // namespace
}  // namespace aokit::emu
