#include "wal.h"

#include <gtest/gtest.h>

#include "wal_format.h"

namespace aokit::store {
namespace {

std::string Records(int n, uint64_t first_seq = 1) {
  std::string out;
  for (int i = 0; i < n; ++i)
    EncodeWalRecord(first_seq + i, {WalOp{wal::kOpPut, "k" + std::to_string(i), std::string(50, 'a' + i % 26)},
                                    WalOp{wal::kOpErase, "gone", ""}}, &out);
  return out;
}

TEST(WalTest, RoundTrip) {
  std::string buf = Records(10);
  WalScanResult r;
  std::vector<uint64_t> seqs;
  ASSERT_TRUE(ScanWal(buf, 32, "w", 0, true, [&](const WalRecordView& v) {
    seqs.push_back(v.seq);
    int ops = 0;
    EXPECT_TRUE(DecodeWalPayload(v.payload, [&](uint8_t, std::string_view, std::string_view) { ++ops; }).ok());
    EXPECT_EQ(ops, 2);
  }, &r).ok());
  EXPECT_EQ(seqs.size(), 10u);
  EXPECT_EQ(r.last_seq, 10u);
  EXPECT_EQ(r.valid_end, 32 + buf.size());
  EXPECT_FALSE(r.torn_tail);
}

TEST(WalTest, TornTailIsDiscardedAtEveryCut) {
  std::string buf = Records(5);
  std::string four = Records(4);
  for (size_t cut = four.size() + 1; cut < buf.size(); ++cut) {
    WalScanResult r;
    ASSERT_TRUE(ScanWal(std::string_view(buf).substr(0, cut), 0, "w", 0, false, nullptr, &r).ok()) << cut;
    EXPECT_TRUE(r.torn_tail);
    EXPECT_EQ(r.valid_end, four.size());
    EXPECT_EQ(r.records, 4u);
    WalScanResult strict;
    EXPECT_TRUE(ScanWal(std::string_view(buf).substr(0, cut), 0, "w", 0, true, nullptr, &strict).IsCorruption());
  }
}

TEST(WalTest, FlipInTheMiddleIsCorruptionWithOffset) {
  std::string buf = Records(5);
  std::string two = Records(2);
  buf[two.size() + 25] ^= 0x10;  // inside record 3's payload
  WalScanResult r;
  Status s = ScanWal(buf, 100, "wal-00000001.log", 0, false, nullptr, &r);
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("wal-00000001.log at offset " + std::to_string(100 + two.size())), std::string::npos)
      << s.message();
}

TEST(WalTest, SequenceMustIncrease) {
  std::string buf = Records(2, 5) + Records(1, 6);
  WalScanResult r;
  EXPECT_TRUE(ScanWal(buf, 0, "w", 0, false, nullptr, &r).ok());  // last record bad, nothing after: torn
  EXPECT_EQ(r.records, 2u);
  std::string buf2 = Records(1, 5) + Records(1, 5) + Records(1, 9);
  EXPECT_TRUE(ScanWal(buf2, 0, "w", 0, false, nullptr, &r).IsCorruption());
}

TEST(WalTest, FileHeader) {
  std::string h = EncodeWalFileHeader(7);
  EXPECT_EQ(h.size(), wal::kFileHeaderSize);
  EXPECT_TRUE(CheckWalFileHeader(h, "w", 7).ok());
  EXPECT_TRUE(CheckWalFileHeader(h, "w", 8).IsCorruption());
  EXPECT_TRUE(CheckWalFileHeader(h.substr(0, 10), "w", 7).IsCorruption());
  std::string z(32, '\0');
  EXPECT_TRUE(CheckWalFileHeader(z, "w", 7).IsCorruption());
}

}  // namespace
}  // namespace aokit::store
