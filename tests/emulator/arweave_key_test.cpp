// Type 1: Arweave RSA JWKs and RSA-PSS signing with both salt lengths in use.
#include "aokit/emu/arweave.h"

#include <gtest/gtest.h>

#include "aokit/emu/keys.h"
#include "vectors.h"

namespace aokit::emu {
namespace {

std::string TestJwk() { return testing::ReadFile(testing::VectorPath("keys/arweave-rsa4096.jwk.json")); }

const ArweaveKey& TestKey() {
  static const ArweaveKey key = *ArweaveKey::FromJwk(TestJwk());
  return key;
}

TEST(ArweaveKeyTest, JwkGivesTheVectorOwner) {
  auto key = ArweaveKey::FromJwk(TestJwk());
  ASSERT_TRUE(key.has_value()) << key.error().message;
  auto item = DecodeDataItem(testing::VectorBytes("aoconnect-spawn"));
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(key->owner(), item->owner);
  EXPECT_EQ(key->address(), "gUGxVaRuSsgQvFgWEiAbMMVlUWYGubOx0vnm3vkbRME");
}

TEST(ArweaveKeyTest, SignsWithBothSaltLengths) {
  for (std::size_t salt : {std::size_t{32}, ArweaveKey::kMaxSaltLength, std::size_t{0}}) {
    SCOPED_TRACE(salt);
    DataItem item;
    item.tags = {{"Type", "Process"}};
    item.data = " ";
    SignArweave(item, TestKey(), salt);
    EXPECT_EQ(item.signature.size(), 512u);
    EXPECT_TRUE(VerifyDataItem(item).has_value());
    DataItem again = item;
    SignArweave(again, TestKey(), salt);
    if (salt > 0) {
      EXPECT_NE(ItemId(again), ItemId(item));  // randomized salt
    }
  }
  EXPECT_THROW(TestKey().Sign("m", ArweaveKey::kMaxSaltLength + 1), std::invalid_argument);
}

TEST(ArweaveKeyTest, DefaultConstructedKeyRefusesToSign) {
  ArweaveKey key;
  EXPECT_THROW(key.Sign("m"), std::logic_error);
  EXPECT_TRUE(key.owner().empty());
}

TEST(ArweaveKeyTest, JwkRoundTrips) {
  auto again = ArweaveKey::FromJwk(TestKey().ToJwk());
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->owner(), TestKey().owner());
  auto original = nlohmann::json::parse(TestJwk());
  auto exported = nlohmann::json::parse(TestKey().ToJwk());
  for (const char* f : {"n", "e", "d", "p", "q", "dp", "dq", "qi"}) EXPECT_EQ(exported[f], original[f]) << f;
}

TEST(PssSaltLengthTest, RecoversTheVectorsSaltLengths) {
  for (const char* name : {"arweave-rsa-pss-maxsalt", "arweave-rsa-pss-salt32", "aoconnect-spawn",
                           "aoconnect-message", "aoconnect-monitor"}) {
    SCOPED_TRACE(name);
    auto json = testing::VectorJson(name);
    auto item = DecodeDataItem(testing::VectorBytes(name));
    ASSERT_TRUE(item.has_value());
    auto salt = PssSaltLength(*item);
    ASSERT_TRUE(salt.has_value());
    EXPECT_EQ(*salt, json.value("pssSaltLength", std::size_t{478}));
  }
  EXPECT_FALSE(PssSaltLength(*DecodeDataItem(testing::VectorBytes("ed25519-full"))).has_value());
}

TEST(PssSaltLengthTest, MatchesWhatWasSignedAndRejectsTampering) {
  for (std::size_t salt : {std::size_t{0}, std::size_t{1}, std::size_t{32}, std::size_t{200},
                           ArweaveKey::kMaxSaltLength}) {
    SCOPED_TRACE(salt);
    DataItem item;
    item.data = "salt";
    SignArweave(item, TestKey(), salt);
    EXPECT_EQ(PssSaltLength(item), salt);
    DataItem tampered = item;
    tampered.data = "salT";
    EXPECT_FALSE(PssSaltLength(tampered).has_value());
  }
}

TEST(ArweaveKeyTest, BadJwksAreRejected) {
  EXPECT_FALSE(ArweaveKey::FromJwk("{").has_value());
  EXPECT_FALSE(ArweaveKey::FromJwk(R"({"kty":"OKP"})").has_value());
  auto json = nlohmann::json::parse(TestJwk());
  auto missing = json;
  missing.erase("qi");
  auto r = ArweaveKey::FromJwk(missing.dump());
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "Arweave key: missing \"qi\"");
  auto exponent = json;
  exponent["e"] = "Aw";
  EXPECT_FALSE(ArweaveKey::FromJwk(exponent.dump()).has_value());
  auto inconsistent = json;
  std::string d = *Base64UrlDecode(json["d"].get<std::string>());
  d[100] ^= 1;
  inconsistent["d"] = Base64UrlEncode(d);
  EXPECT_FALSE(ArweaveKey::FromJwk(inconsistent.dump()).has_value());
}

TEST(ArweaveKeyTest, GeneratedKeysSignAndExport) {
  auto key = ArweaveKey::Generate();
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->owner().size(), 512u);
  DataItem item;
  item.data = "x";
  SignArweave(item, *key, 32);
  EXPECT_TRUE(VerifyDataItem(item).has_value());
  auto reloaded = ArweaveKey::FromJwk(key->ToJwk());
  ASSERT_TRUE(reloaded.has_value());
  EXPECT_EQ(reloaded->owner(), key->owner());
}

}  // namespace
}  // namespace aokit::emu
