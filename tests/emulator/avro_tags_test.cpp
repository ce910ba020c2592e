// The Avro tag block: canonical writer, tolerant reader.
#include <gtest/gtest.h>

#include "aokit/emu/ans104.h"
#include "vectors.h"

namespace aokit::emu {
namespace {

using testing::Hex;

std::string Bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out.push_back(static_cast<char>(v));
  return out;
}

TEST(AvroTagsTest, EncodesOneBlockThenZero) {
  EXPECT_EQ(EncodeAvroTags({}), "");
  EXPECT_EQ(Hex(EncodeAvroTags({{"a", "bc"}})), "020261046263" "00");
  // Lengths above 63 need two varint bytes (64 -> zig-zag 128 -> 80 01).
  std::string enc = EncodeAvroTags({{std::string(64, 'n'), ""}});
  EXPECT_EQ(Hex(enc.substr(0, 3)), "028001");
  EXPECT_EQ(enc.size(), 1 + 2 + 64 + 1 + 1u);
}

TEST(AvroTagsTest, RoundTripsUtf8AndEmptyStrings) {
  std::vector<Tag> tags = {{"Note", "héllo wörld ✓ 🚀"}, {"", ""}, {"k", std::string(300, 'v')}};
  auto decoded = DecodeAvroTags(EncodeAvroTags(tags), tags.size());
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
  EXPECT_EQ(*decoded, tags);
}

TEST(AvroTagsTest, ReadsMultipleBlocksAndNegativeCounts) {
  // [1 item: a=b] [-2 items, 8 bytes: c=d, e=f] [0]
  std::string bytes = Bytes({0x02, 0x02, 'a', 0x02, 'b', 0x03, 0x10, 0x02, 'c', 0x02, 'd', 0x02, 'e',
                             0x02, 'f', 0x00});
  auto tags = DecodeAvroTags(bytes, 3);
  ASSERT_TRUE(tags.has_value()) << tags.error().message;
  EXPECT_EQ(*tags, (std::vector<Tag>{{"a", "b"}, {"c", "d"}, {"e", "f"}}));
}

TEST(AvroTagsTest, MultiBlockItemsKeepTheirBytesAndVerify) {
  std::string bytes = Bytes({0x02, 0x02, 'a', 0x02, 'b', 0x01, 0x08, 0x02, 'c', 0x02, 'd', 0x00});
  DataItem item;
  item.tags = {{"a", "b"}, {"c", "d"}};
  item.raw_tags = bytes;
  item.signature.assign(64, 's');
  item.owner.assign(32, 'o');
  auto encoded = EncodeDataItem(item);
  ASSERT_TRUE(encoded.has_value());
  EXPECT_NE(encoded->find(bytes), std::string::npos);
  auto decoded = DecodeDataItem(*encoded);
  ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
  EXPECT_EQ(decoded->tags, item.tags);
  EXPECT_EQ(decoded->raw_tags, bytes);
  EXPECT_EQ(*EncodeDataItem(*decoded), *encoded);
}

TEST(AvroTagsTest, ToleratesTrailingBytesAfterTheTerminator) {
  std::string bytes = EncodeAvroTags({{"a", "b"}}) + "\x55\x66";
  auto tags = DecodeAvroTags(bytes, 1);
  ASSERT_TRUE(tags.has_value());
  EXPECT_EQ(tags->size(), 1u);
}

TEST(AvroTagsTest, EmptyBytesAreNoTags) {
  auto none = DecodeAvroTags("", 0);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
  auto lone_zero = DecodeAvroTags(std::string(1, '\0'), 0);
  ASSERT_TRUE(lone_zero.has_value());
}

TEST(AvroTagsTest, RejectsMalformedInput) {
  struct Case {
    std::string bytes;
    std::string message;
  };
  std::vector<Case> cases = {
      {Bytes({0x02, 0x02, 'a', 0x02}), "invalid Avro tags: length 1 runs past the end at byte 3"},
      {Bytes({0x02, 0x02, 'a', 0x02, 'b'}), "invalid Avro tags: missing terminating zero block at byte 5"},
      {Bytes({0x02, 0x01, 'a', 0x02, 'b', 0x00}), "invalid Avro tags: negative length -1 at byte 1"},
      {Bytes({0x02, 0x80, 0x80}), "invalid Avro tags: truncated varint at byte 1"},
      {Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}),
       "invalid Avro tags: varint overflows 64 bits at byte 0"},
      {Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x00}),
       "invalid Avro tags: varint longer than 10 bytes at byte 0"},
      {Bytes({0xfe, 0xff, 0xff, 0xff, 0x0f, 0, 0, 0}),
       "invalid Avro tags: block of 2147483647 tags runs past the end at byte 0"},
      {Bytes({0x02, 0x02, 'a', 0x02, 'b', 0x00}), ""},  // valid, count checked below
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(Hex(c.bytes));
    auto tags = DecodeAvroTags(c.bytes, 1);
    if (c.message.empty()) {
      EXPECT_TRUE(tags.has_value());
      continue;
    }
    ASSERT_FALSE(tags.has_value());
    EXPECT_EQ(tags.error().message, c.message);
  }
  auto mismatch = DecodeAvroTags(Bytes({0x02, 0x02, 'a', 0x02, 'b', 0x00}), 2);
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_EQ(mismatch.error().message, "tag count mismatch: header 2, decoded 1");
}

TEST(AvroTagsTest, AcceptsTheLargestNegativeCountOnlyAsAnError) {
  // zig-zag(INT64_MIN) = 0xffff...ff: ten bytes ending in 0x01.
  std::string min = Bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00});
  EXPECT_FALSE(DecodeAvroTags(min, 1).has_value());
}

}  // namespace
}  // namespace aokit::emu
