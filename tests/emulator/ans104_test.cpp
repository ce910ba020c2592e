// ANS-104 data items against the shared vectors, plus malformed-input edge cases.
#include "aokit/emu/ans104.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "aokit/emu/hash.h"
#include "aokit/emu/keys.h"
#include "vectors.h"

namespace aokit::emu {
namespace {

using testing::Hex;
using testing::VectorBytes;
using testing::VectorJson;

std::vector<std::string> VectorNames() {
  std::vector<std::string> names;
  auto index = nlohmann::json::parse(testing::ReadFile(testing::VectorPath("index.json")));
  for (const auto& v : index["vectors"]) names.push_back(v["name"].get<std::string>());
  return names;
}

std::vector<Tag> TagsOf(const nlohmann::json& tags) {
  std::vector<Tag> out;
  for (const auto& t : tags) out.push_back(Tag{t["name"].get<std::string>(), t["value"].get<std::string>()});
  return out;
}

DataItem MustDecode(const std::string& bytes) {
  auto item = DecodeDataItem(bytes);
  EXPECT_TRUE(item.has_value()) << (item ? "" : item.error().message);
  return item ? *item : DataItem{};
}

std::string MustEncode(const DataItem& item) {
  auto bytes = EncodeDataItem(item);
  EXPECT_TRUE(bytes.has_value()) << (bytes ? "" : bytes.error().message);
  return bytes ? *bytes : std::string();
}

// --- every vector --------------------------------------------------------------------------

TEST(Ans104Vectors, IndexListsAllTwelve) { EXPECT_EQ(VectorNames().size(), 12u); }

TEST(Ans104Vectors, DecodedFieldsMatchExpected) {
  for (const auto& name : VectorNames()) {
    SCOPED_TRACE(name);
    auto json = VectorJson(name);
    const auto& expected = json["expected"];
    std::string bytes = VectorBytes(name);
    ASSERT_EQ(bytes.size(), expected["totalLength"].get<std::size_t>());
    auto item = DecodeDataItem(bytes);
    if (name == "invalid-tag-count-mismatch" || name == "invalid-tag-bytes-over-4096") continue;
    ASSERT_TRUE(item.has_value()) << item.error().message;
    EXPECT_EQ(ItemId(*item), expected["id"].get<std::string>());
    EXPECT_EQ(item->signature_type, expected["signatureType"].get<int>());
    EXPECT_EQ(Base64UrlEncode(item->owner), expected["owner"].get<std::string>());
    if (expected.contains("ownerAddress")) {
      EXPECT_EQ(OwnerAddress(*item), expected["ownerAddress"].get<std::string>());
    }
    EXPECT_EQ(item->target ? Base64UrlEncode(*item->target) : "", expected["target"].get<std::string>());
    EXPECT_EQ(item->anchor.value_or(""), expected["anchor"].get<std::string>());
    EXPECT_EQ(item->tags, TagsOf(expected["tags"]));
    EXPECT_EQ(item->data.size(), expected["dataLength"].get<std::size_t>());
    EXPECT_EQ(Hex(DeepHash(*item)), expected["deepHashHex"].get<std::string>());
    EXPECT_TRUE(item->raw_tags.empty());
  }
}

TEST(Ans104Vectors, ReencodingGivesTheSameBytes) {
  for (const auto& name : VectorNames()) {
    SCOPED_TRACE(name);
    std::string bytes = VectorBytes(name);
    auto item = DecodeDataItem(bytes);
    if (!item) continue;  // the two structurally invalid vectors
    EXPECT_EQ(MustEncode(*item), bytes);
  }
}

TEST(Ans104Vectors, ValidityMatchesExpected) {
  for (const auto& name : VectorNames()) {
    SCOPED_TRACE(name);
    bool expected_valid = VectorJson(name)["expected"]["valid"].get<bool>();
    auto item = DecodeDataItem(VectorBytes(name));
    bool valid = item.has_value() && VerifyDataItem(*item).has_value();
    EXPECT_EQ(valid, expected_valid);
  }
}

TEST(Ans104Vectors, InvalidVectorsFailForTheRightReason) {
  auto count = DecodeDataItem(VectorBytes("invalid-tag-count-mismatch"));
  ASSERT_FALSE(count.has_value());
  EXPECT_EQ(count.error().message, "tag count mismatch: header 6, decoded 5");

  auto big = DecodeDataItem(VectorBytes("invalid-tag-bytes-over-4096"));
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().message, "tag bytes length 4108 exceeds 4096");

  for (const char* name : {"invalid-flipped-signature-bit", "invalid-modified-data"}) {
    SCOPED_TRACE(name);
    auto verified = VerifyDataItem(MustDecode(VectorBytes(name)));
    ASSERT_FALSE(verified.has_value());
    EXPECT_EQ(verified.error().message, "ed25519 signature does not verify");
  }
}

TEST(Ans104Vectors, SigningEd25519FullInputsReproducesItsBytes) {
  auto json = VectorJson("ed25519-full");
  auto key = Ed25519Key::FromJwk(testing::ReadFile(testing::VectorPath(json["key"].get<std::string>())));
  ASSERT_TRUE(key.has_value()) << key.error().message;
  const auto& in = json["inputs"];
  DataItem item;
  auto target = Base64UrlDecode(in["target"].get<std::string>());
  ASSERT_TRUE(target.has_value());
  item.target = *target;
  item.anchor = in["anchor"].get<std::string>();
  item.tags = TagsOf(in["tags"]);
  item.data = in["data"].get<std::string>();
  SignEd25519(item, *key);
  EXPECT_EQ(MustEncode(item), VectorBytes("ed25519-full"));
  EXPECT_EQ(ItemId(item), json["expected"]["id"].get<std::string>());
  EXPECT_TRUE(VerifyDataItem(item).has_value());
}

TEST(Ans104Vectors, SigningEd25519MinimalReproducesItsBytes) {
  auto json = VectorJson("ed25519-minimal");
  auto key = Ed25519Key::FromJwk(testing::ReadFile(testing::VectorPath(json["key"].get<std::string>())));
  ASSERT_TRUE(key.has_value());
  DataItem item;
  SignEd25519(item, *key);
  EXPECT_EQ(MustEncode(item), VectorBytes("ed25519-minimal"));
}

TEST(Ans104Vectors, RsaPssSaltLengthsBothVerify) {
  for (const char* name : {"arweave-rsa-pss-maxsalt", "arweave-rsa-pss-salt32"}) {
    SCOPED_TRACE(name);
    auto item = MustDecode(VectorBytes(name));
    EXPECT_TRUE(VerifyDataItem(item).has_value());
  }
}

// --- tampering -----------------------------------------------------------------------------

TEST(Ans104Tamper, FlippingAnyDataOrSignatureBitBreaksVerification) {
  for (const char* name : {"ed25519-full", "arweave-rsa-pss-salt32", "ethereum-secp256k1"}) {
    SCOPED_TRACE(name);
    DataItem item = MustDecode(VectorBytes(name));
    ASSERT_TRUE(VerifyDataItem(item).has_value());
    DataItem data = item;
    data.data[0] ^= 1;
    EXPECT_FALSE(VerifyDataItem(data).has_value());
    DataItem sig = item;
    sig.signature[sig.signature.size() / 3] ^= 4;
    EXPECT_FALSE(VerifyDataItem(sig).has_value());
    EXPECT_NE(ItemId(sig), ItemId(item));
    DataItem tag = item;
    tag.tags[0].value += "x";
    EXPECT_FALSE(VerifyDataItem(tag).has_value());
    DataItem target = item;
    target.target->at(0) ^= 1;
    EXPECT_FALSE(VerifyDataItem(target).has_value());
  }
}

// --- structure ---------------------------------------------------------------------------

// Offset where the data starts in an encoded item.
std::size_t DataStart(const std::string& bytes, const DataItem& item) {
  return bytes.size() - item.data.size();
}

TEST(Ans104Decode, TruncatedAtEveryLength) {
  for (const char* name : {"ed25519-full", "ed25519-minimal", "ethereum-secp256k1", "aoconnect-spawn"}) {
    SCOPED_TRACE(name);
    std::string bytes = VectorBytes(name);
    DataItem full = MustDecode(bytes);
    std::size_t data_start = DataStart(bytes, full);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      auto item = DecodeDataItem(std::string_view(bytes).substr(0, n));
      if (n < data_start) {
        EXPECT_FALSE(item.has_value()) << "length " << n;
      } else {
        // Data runs to the end of the buffer, so a cut inside it leaves a well-formed item
        // whose signature no longer matches.
        ASSERT_TRUE(item.has_value()) << "length " << n;
        EXPECT_FALSE(VerifyDataItem(*item).has_value()) << "length " << n;
      }
    }
  }
}

TEST(Ans104Decode, ShortItemsAreRejected) {
  auto item = DecodeDataItem(std::string(79, '\0'));
  ASSERT_FALSE(item.has_value());
  EXPECT_EQ(item.error().message, "item is 79 bytes, below the minimum of 80");
}

TEST(Ans104Decode, PresenceBytesOtherThanZeroOrOneAreRejected) {
  std::string bytes = VectorBytes("ed25519-full");
  std::string target = bytes;
  target[98] = 2;
  auto t = DecodeDataItem(target);
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().message, "target presence byte is 2 (must be 0 or 1)");
  std::string anchor = bytes;
  anchor[131] = '\xff';
  auto a = DecodeDataItem(anchor);
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().message, "anchor presence byte is 255 (must be 0 or 1)");
}

TEST(Ans104Decode, UnknownSignatureTypeIsRejected) {
  std::string bytes = VectorBytes("ed25519-full");
  for (std::uint16_t type : {0, 8, 0x0102, 0xffff}) {
    bytes[0] = static_cast<char>(type & 0xff);
    bytes[1] = static_cast<char>(type >> 8);
    auto item = DecodeDataItem(bytes);
    ASSERT_FALSE(item.has_value());
    EXPECT_EQ(item.error().message, "unknown signature type " + std::to_string(type));
  }
}

TEST(Ans104Decode, TypesFourToSevenParseButDoNotVerify) {
  for (std::uint16_t type = 4; type <= 7; ++type) {
    SCOPED_TRACE(type);
    auto layout = LayoutOf(type);
    ASSERT_TRUE(layout.has_value());
    DataItem item;
    item.signature_type = type;
    item.signature.assign(layout->signature_bytes, 's');
    item.owner.assign(layout->owner_bytes, 'o');
    item.tags = {{"Action", "Ping"}};
    item.data = "d";
    std::string bytes = MustEncode(item);
    DataItem decoded = MustDecode(bytes);
    EXPECT_EQ(decoded.signature, item.signature);
    EXPECT_EQ(decoded.owner, item.owner);
    EXPECT_EQ(decoded.tags, item.tags);
    auto verified = VerifyDataItem(decoded);
    ASSERT_FALSE(verified.has_value());
    EXPECT_NE(verified.error().message.find("is not supported"), std::string::npos);
  }
  EXPECT_EQ(LayoutOf(6)->signature_bytes, 2052u);
  EXPECT_EQ(LayoutOf(6)->owner_bytes, 1025u);
  EXPECT_EQ(LayoutOf(7)->owner_bytes, 42u);
  EXPECT_FALSE(LayoutOf(0).has_value());
  EXPECT_FALSE(LayoutOf(8).has_value());
}

TEST(Ans104Decode, TagBytesLengthPastTheEndIsRejected) {
  std::string bytes = VectorBytes("ed25519-full");
  bytes[172] = 93;  // 88 Avro bytes + 4 data bytes = 92 left
  auto item = DecodeDataItem(bytes);
  ASSERT_FALSE(item.has_value());
  EXPECT_EQ(item.error().message, "tag bytes length 93 runs past the end (92 bytes left)");
}

TEST(Ans104Decode, TagCountLowerThanTheAvroTagsIsRejected) {
  std::string bytes = VectorBytes("ed25519-full");
  bytes[164] = 4;
  auto item = DecodeDataItem(bytes);
  ASSERT_FALSE(item.has_value());
  EXPECT_EQ(item.error().message, "tag count mismatch: header 4, decoded 5");
}

TEST(Ans104Decode, TagCountWithoutTagBytesIsRejected) {
  std::string bytes = VectorBytes("ed25519-minimal");
  bytes[2 + 64 + 32 + 2] = 1;  // tag count 1, tag bytes length 0
  auto item = DecodeDataItem(bytes);
  ASSERT_FALSE(item.has_value());
  EXPECT_EQ(item.error().message, "tag count mismatch: header 1, decoded 0");
}

TEST(Ans104Decode, TagBytesBehindAZeroTagCountAreKeptButNotParsed) {
  // arbundles skips the Avro block when the tag count is zero; the bytes still enter the deep
  // hash, so they must survive decode -> encode.
  auto key = Ed25519Key::FromSeed("zero-count");
  DataItem item;
  item.raw_tags = "garbage";
  item.data = "x";
  SignEd25519(item, key);
  std::string bytes = MustEncode(item);
  DataItem decoded = MustDecode(bytes);
  EXPECT_TRUE(decoded.tags.empty());
  EXPECT_EQ(decoded.raw_tags, "garbage");
  EXPECT_EQ(MustEncode(decoded), bytes);
  EXPECT_TRUE(VerifyDataItem(decoded).has_value());
}

TEST(Ans104Decode, TrailingAvroBytesAreToleratedAndPreserved) {
  auto key = Ed25519Key::FromSeed("trailing");
  DataItem item;
  item.tags = {{"Action", "Ping"}, {"Type", "Message"}};
  item.raw_tags = EncodeAvroTags(item.tags) + std::string("\x07\x07", 2);
  item.data = "ping";
  SignEd25519(item, key);
  std::string bytes = MustEncode(item);
  DataItem decoded = MustDecode(bytes);
  EXPECT_EQ(decoded.tags, item.tags);
  EXPECT_EQ(decoded.raw_tags, item.raw_tags);
  EXPECT_EQ(MustEncode(decoded), bytes);
  EXPECT_TRUE(VerifyDataItem(decoded).has_value());
  // Changing the tags makes the preserved bytes stale: the canonical encoding is used instead.
  decoded.tags.push_back({"Extra", "1"});
  EXPECT_EQ(DeepHash(decoded), [&] {
    DataItem canonical = decoded;
    canonical.raw_tags.clear();
    return DeepHash(canonical);
  }());
}

// --- encoding ----------------------------------------------------------------------------

TEST(Ans104Encode, WrongLengthsAreRejected) {
  DataItem good;
  good.signature.assign(64, 's');
  good.owner.assign(32, 'o');
  ASSERT_TRUE(EncodeDataItem(good).has_value());

  auto expect_error = [](const DataItem& item, const std::string& message) {
    auto bytes = EncodeDataItem(item);
    ASSERT_FALSE(bytes.has_value());
    EXPECT_EQ(bytes.error().message, message);
  };
  DataItem sig = good;
  sig.signature.pop_back();
  expect_error(sig, "signature is 63 bytes, type 2 needs 64");
  DataItem owner = good;
  owner.owner += "x";
  expect_error(owner, "owner is 33 bytes, type 2 needs 32");
  DataItem target = good;
  target.target = std::string(31, 't');
  expect_error(target, "target is 31 bytes, must be 32");
  DataItem anchor = good;
  anchor.anchor = std::string(33, 'a');
  expect_error(anchor, "anchor is 33 bytes, must be 32");
  DataItem type = good;
  type.signature_type = 9;
  expect_error(type, "unknown signature type 9");
  DataItem rsa = good;
  rsa.signature_type = 1;
  expect_error(rsa, "signature is 64 bytes, type 1 needs 512");
  DataItem tags = good;
  tags.tags = {{"Big", std::string(4096, 'x')}};
  expect_error(tags, "tag bytes length 4104 exceeds 4096");
}

TEST(Ans104Encode, TagBytesAtTheLimitAreAccepted) {
  DataItem item;
  item.signature.assign(64, 's');
  item.owner.assign(32, 'o');
  // 1 (count) + 1 + 1 (name) + 2 + value + 1 (terminator) = 4096
  item.tags = {{"N", std::string(4096 - 6, 'v')}};
  ASSERT_EQ(EncodeAvroTags(item.tags).size(), 4096u);
  auto bytes = EncodeDataItem(item);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(MustDecode(*bytes).tags, item.tags);
}

TEST(Ans104Encode, EmptyDataAndAbsentFieldsRoundTrip) {
  DataItem item;
  item.signature.assign(64, '\0');
  item.owner.assign(32, '\1');
  std::string bytes = MustEncode(item);
  EXPECT_EQ(bytes.size(), 116u);
  DataItem decoded = MustDecode(bytes);
  EXPECT_FALSE(decoded.target.has_value());
  EXPECT_FALSE(decoded.anchor.has_value());
  EXPECT_TRUE(decoded.data.empty());
}

TEST(Ans104Encode, AllPresenceCombinationsRoundTripAndVerify) {
  auto key = Ed25519Key::FromSeed("presence");
  for (int mask = 0; mask < 4; ++mask) {
    SCOPED_TRACE(mask);
    DataItem item;
    if (mask & 1) item.target = std::string(32, '\x7f');
    if (mask & 2) item.anchor = "00000000000000000000000000000007";
    item.tags = {{"Type", "Message"}};
    item.data = "d";
    SignEd25519(item, key);
    std::string bytes = MustEncode(item);
    EXPECT_EQ(bytes.size(), 2 + 64 + 32 + 2 + 32u * ((mask & 1) + (mask >> 1)) + 16 +
                                EncodeAvroTags(item.tags).size() + 1);
    DataItem decoded = MustDecode(bytes);
    EXPECT_EQ(decoded.target, item.target);
    EXPECT_EQ(decoded.anchor, item.anchor);
    EXPECT_EQ(MustEncode(decoded), bytes);
    EXPECT_TRUE(VerifyDataItem(decoded).has_value());
  }
}

// --- deep hash, ids -------------------------------------------------------------------------

TEST(Ans104Hash, DeepHashDependsOnEveryField) {
  DataItem base = MustDecode(VectorBytes("ed25519-full"));
  std::string h = DeepHash(base);
  EXPECT_EQ(h.size(), 48u);
  auto differs = [&](auto mutate) {
    DataItem copy = base;
    mutate(copy);
    return DeepHash(copy) != h;
  };
  EXPECT_TRUE(differs([](DataItem& i) { i.signature_type = 1; }));
  EXPECT_TRUE(differs([](DataItem& i) { i.owner[0] ^= 1; }));
  EXPECT_TRUE(differs([](DataItem& i) { i.target.reset(); }));
  EXPECT_TRUE(differs([](DataItem& i) { i.anchor.reset(); }));
  EXPECT_TRUE(differs([](DataItem& i) { i.tags.pop_back(); }));
  EXPECT_TRUE(differs([](DataItem& i) { i.data += "!"; }));
  EXPECT_FALSE(differs([](DataItem& i) { i.signature[0] ^= 1; }));
  // Absent and present-but-moved fields must not collide: target absent + anchor present vs
  // target present + anchor absent.
  DataItem a = base, b = base;
  a.target.reset();
  b.target = b.anchor;
  b.anchor.reset();
  EXPECT_NE(DeepHash(a), DeepHash(b));
}

TEST(Ans104Hash, IdIsBase64UrlOfSha256OfTheSignature) {
  DataItem item = MustDecode(VectorBytes("ed25519-full"));
  EXPECT_EQ(ItemId(item), Base64UrlEncode(Sha256(item.signature)));
  EXPECT_EQ(ItemId(item).size(), 43u);
}

TEST(Ans104Hash, Sha384KnownAnswer) {
  EXPECT_EQ(Hex(Sha384("abc")),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
            "8086072ba1e7cc2358baeca134c825a7");
}

// --- verification ---------------------------------------------------------------------------

TEST(Ans104Verify, WrongLengthsAreRejectedBeforeCrypto) {
  DataItem item = MustDecode(VectorBytes("ed25519-full"));
  item.signature.pop_back();
  auto r = VerifyDataItem(item);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "signature or owner length does not match signature type 2");
}

TEST(Ans104Verify, RsaOwnerSwapFails) {
  DataItem a = MustDecode(VectorBytes("arweave-rsa-pss-salt32"));
  a.owner[100] ^= 1;
  EXPECT_FALSE(VerifyDataItem(a).has_value());
}

// DeepHash memoizes small blobs (owners, targets, small data) by content: whatever was hashed
// in between, the same item must hash the same, and different small data differently.
TEST(Ans104DeepHash, MemoizedSmallBlobsNeverChangeTheHash) {
  DataItem item;
  item.owner = std::string(32, 'o');
  item.target = std::string(32, 't');
  item.tags = {{"Action", "Ping"}};
  auto hash_of = [&](const std::string& data) {
    item.data = data;
    return DeepHash(item);
  };
  std::vector<std::string> datas;
  datas.push_back("");
  for (int size = 1; size <= 70; ++size)
    for (char fill : {'a', 'b', '\0'}) datas.push_back(std::string(static_cast<std::size_t>(size), fill));
  datas.push_back("1");
  datas.push_back(std::string("1\0", 2));  // same first byte and last-byte mix, other size
  std::vector<std::string> first;
  for (const auto& d : datas) first.push_back(hash_of(d));
  for (std::size_t i = 0; i < first.size(); ++i)
    for (std::size_t j = i + 1; j < first.size(); ++j)
      ASSERT_NE(first[i], first[j]) << "data " << i << " and " << j << " share a deep hash";
  for (int round = 0; round < 3; ++round)
    for (std::size_t i = datas.size(); i-- > 0;) EXPECT_EQ(hash_of(datas[i]), first[i]) << "data " << i;
}

TEST(Base64Url, EveryLengthRoundTripsWithoutPadding) {
  std::string bytes;
  for (int n = 0; n <= 66; ++n) {
    std::string text = Base64UrlEncode(bytes);
    EXPECT_EQ(text.size(), (bytes.size() * 4 + 2) / 3) << n;
    EXPECT_EQ(text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    auto back = Base64UrlDecode(text);
    ASSERT_TRUE(back.has_value()) << n;
    EXPECT_EQ(*back, bytes) << n;
    bytes.push_back(static_cast<char>(n * 37 + 250));
  }
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");  // the two url-safe characters
}

}  // namespace
}  // namespace aokit::emu
