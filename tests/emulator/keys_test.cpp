// Signing keys: ed25519 from seeds and JWKs, unsigned seals, base64url, SHA-256.
#include "aokit/emu/keys.h"

#include <gtest/gtest.h>

#include "aokit/emu/hash.h"
#include "vectors.h"

namespace aokit::emu {
namespace {

using testing::Hex;

std::string TestJwk() { return testing::ReadFile(testing::VectorPath("keys/ed25519.json")); }

TEST(Ed25519KeyTest, JwkGivesTheVectorOwnerAndAddress) {
  auto key = Ed25519Key::FromJwk(TestJwk());
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_EQ(Base64UrlEncode(key->public_key()), "LTmGH3JpsdIs8CgHEkk9aUsUFSl9RNV4gUg5xBl76KI");
  EXPECT_EQ(key->address(), "YFGrvPFleqPJArPhT_SVdw8dxF6uHi9Ew9juJrZ4iwo");
}

TEST(Ed25519KeyTest, SeedOf32BytesIsUsedAsIsOtherwiseHashed) {
  // The vector key's seed is sha256("aoclients test vector ed25519 seed").
  std::string phrase = "aoclients test vector ed25519 seed";
  auto from_phrase = Ed25519Key::FromSeed(phrase);
  auto from_hash = Ed25519Key::FromSeed(Sha256(phrase));
  EXPECT_EQ(from_phrase.public_key(), from_hash.public_key());
  EXPECT_EQ(Base64UrlEncode(from_hash.public_key()), "LTmGH3JpsdIs8CgHEkk9aUsUFSl9RNV4gUg5xBl76KI");
  EXPECT_NE(Ed25519Key::FromSeed("a").public_key(), Ed25519Key::FromSeed("b").public_key());
  EXPECT_EQ(Ed25519Key::FromSeed("").public_key().size(), 32u);
}

TEST(Ed25519KeyTest, SignIsDeterministicAndRfc8032) {
  // RFC 8032 §7.1 test 1: empty message.
  auto key = Ed25519Key::FromSeed(
      testing::Unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  EXPECT_EQ(Hex(key.public_key()), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  EXPECT_EQ(Hex(key.Sign("")),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
            "d25bf5f0595bbe24655141438e7a100b");
  EXPECT_EQ(key.Sign("m"), key.Sign("m"));
}

TEST(Ed25519KeyTest, BadJwksAreRejected) {
  EXPECT_FALSE(Ed25519Key::FromJwk("not json").has_value());
  EXPECT_FALSE(Ed25519Key::FromJwk("[]").has_value());
  EXPECT_FALSE(Ed25519Key::FromJwk(R"({"kty":"RSA","crv":"Ed25519","d":"AA"})").has_value());
  EXPECT_FALSE(Ed25519Key::FromJwk(R"({"kty":"OKP","crv":"X25519","d":"AA"})").has_value());
  auto short_d = Ed25519Key::FromJwk(R"({"kty":"OKP","crv":"Ed25519","d":"AAAA"})");
  ASSERT_FALSE(short_d.has_value());
  EXPECT_EQ(short_d.error().message, "ed25519 JWK: d must be 32 bytes, got 3");
  auto bad_chars = Ed25519Key::FromJwk(R"({"kty":"OKP","crv":"Ed25519","d":"A+AA"})");
  ASSERT_FALSE(bad_chars.has_value());
  auto json = nlohmann::json::parse(TestJwk());
  json["x"] = Base64UrlEncode(std::string(32, '\0'));
  auto mismatch = Ed25519Key::FromJwk(json.dump());
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_EQ(mismatch.error().message, "ed25519 JWK: x does not match the public key derived from d");
  json.erase("x");
  EXPECT_TRUE(Ed25519Key::FromJwk(json.dump()).has_value());
}

TEST(Ed25519KeyTest, DefaultConstructedKeyRefusesToSign) {
  Ed25519Key key;
  EXPECT_THROW(key.Sign("m"), std::logic_error);
}

TEST(SealUnsignedTest, IdFollowsContentButDoesNotVerify) {
  auto key = Ed25519Key::FromSeed("world seed");
  DataItem item;
  item.tags = {{"Action", "Ping"}};
  item.data = "hello";
  SealUnsigned(item, key);
  EXPECT_EQ(item.signature_type, 2);
  EXPECT_EQ(item.owner, key.public_key());
  EXPECT_EQ(item.signature, Sha512(DeepHash(item)));
  std::string id = ItemId(item);
  auto verified = VerifyDataItem(item);
  ASSERT_FALSE(verified.has_value());
  EXPECT_EQ(verified.error().message, "ed25519 signature does not verify");
  DataItem other = item;
  other.data = "hellO";
  SealUnsigned(other, key);
  EXPECT_NE(ItemId(other), id);
  SealUnsigned(item, key);
  EXPECT_EQ(ItemId(item), id);
  // A sealed item still encodes and decodes like any other.
  auto bytes = EncodeDataItem(item);
  ASSERT_TRUE(bytes.has_value());
  auto decoded = DecodeDataItem(*bytes);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(ItemId(*decoded), id);
}

TEST(SignEd25519Test, SignedItemsVerifyAndIdsAreStable) {
  auto key = Ed25519Key::FromSeed("world seed");
  DataItem item;
  item.target = std::string(32, 'T');
  item.tags = {{"Action", "Ping"}};
  item.data = "hello";
  SignEd25519(item, key);
  EXPECT_TRUE(VerifyDataItem(item).has_value());
  DataItem again = item;
  SignEd25519(again, key);
  EXPECT_EQ(ItemId(again), ItemId(item));
  EXPECT_EQ(OwnerAddress(item), key.address());
}

TEST(Sha256Test, KnownAnswers) {
  EXPECT_EQ(Hex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Base64UrlTest, RoundTripsEveryLength) {
  std::string raw;
  for (int n = 0; n < 70; ++n) {
    auto text = Base64UrlEncode(raw);
    EXPECT_EQ(text.size(), (raw.size() * 4 + 2) / 3);
    auto back = Base64UrlDecode(text);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, raw);
    raw.push_back(static_cast<char>(n * 37 + 250));
  }
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(Base64UrlTest, InvalidTextIsRejected) {
  for (const char* bad : {"ab+c", "ab/c", "abc=", "ab c", "a\n", "A", "AAAAA", "ab\xc3\xa9"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(Base64UrlDecode(bad).has_value());
  }
  auto r = Base64UrlDecode("abc*");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "invalid base64url character at offset 3");
  EXPECT_TRUE(Base64UrlDecode("").has_value());
}

TEST(HashTest, Keccak256KnownAnswers) {
  EXPECT_EQ(Hex(Keccak256("")), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  EXPECT_EQ(Hex(Keccak256("abc")), "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  // Multi-block input (rate boundary at 136 bytes).
  std::string long_input(200, 'a');
  EXPECT_EQ(Keccak256(long_input).size(), 32u);
  EXPECT_NE(Keccak256(std::string(136, 'a')), Keccak256(std::string(135, 'a')));
}

}  // namespace
}  // namespace aokit::emu
