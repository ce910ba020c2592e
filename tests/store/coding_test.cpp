#include "coding.h"

#include <gtest/gtest.h>

namespace aokit::store {

TEST(CodingTest, Crc32cKnownValues) {
  // RFC 3720 B.4 test vectors.
  std::string zeros(32, '\0');
  EXPECT_EQ(Crc32c(zeros), 0x8A9136AAu);
  std::string ones(32, '\xff');
  EXPECT_EQ(Crc32c(ones), 0x62A8AB43u);
  EXPECT_EQ(Crc32c("123456789"), 0xE3069283u);
}

TEST(CodingTest, VarintRoundTripAndTruncation) {
  for (uint64_t v : {0ull, 1ull, 127ull, 128ull, 300ull, 1ull << 35, ~0ull}) {
    std::string b;
    PutVarint64(&b, v);
    std::string_view in = b;
    uint64_t out;
    ASSERT_TRUE(GetVarint64(&in, &out));
    EXPECT_EQ(out, v);
    EXPECT_TRUE(in.empty());
    std::string_view cut(b.data(), b.size() - 1);
    if (!cut.empty()) {
      EXPECT_FALSE(GetVarint64(&cut, &out));
    }
  }
}

TEST(CodingTest, FixedRoundTrip) {
  std::string b;
  PutFixed32(&b, 0xdeadbeef);
  PutFixed64(&b, 0x0123456789abcdefull);
  EXPECT_EQ(DecodeFixed32(b.data()), 0xdeadbeefu);
  EXPECT_EQ(DecodeFixed64(b.data() + 4), 0x0123456789abcdefull);
}

}  // namespace aokit::store
