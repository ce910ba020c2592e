// Damaged files (truncated, bit-flipped, zeroed) give a corruption status naming the file
// and offset — from Open, from reads and from Verify — and never a crash.
#include <fstream>
#include <sstream>

#include "files.h"
#include "test_util.h"

namespace aokit::store {
namespace {

using testing::MustOpen;
using testing::PutOne;

std::string ReadFile(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}
void WriteFile(const std::string& p, const std::string& d) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << d;
}

class CorruptionTest : public ::testing::Test {
 protected:
  // Generation 2: a data file with 200 keys, and a WAL with 30 records after it.
  void SetUp() override {
    auto st = MustOpen(dir_.path(), Options{});
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(PutOne(*st, "k" + std::to_string(i), std::string(100, 'x')).ok());
    ASSERT_TRUE(st->Checkpoint().ok());
    for (int i = 0; i < 30; ++i) ASSERT_TRUE(PutOne(*st, "w" + std::to_string(i), std::string(50, 'y')).ok());
    wal_ = WalName(dir_.path(), 2);
    data_ = DataName(dir_.path(), 2);
  }
  Status OpenStatus() {
    auto st = Store::Open(dir_.path(), Options{});
    return st ? Status::Ok() : st.error();
  }
  testing::TempDir dir_;
  std::string wal_, data_;
};

TEST_F(CorruptionTest, WalBitFlipInTheMiddle) {
  std::string w = ReadFile(wal_);
  size_t at = w.size() / 2;
  w[at] ^= 0x20;
  WriteFile(wal_, w);
  Status s = OpenStatus();
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find(wal_ + " at offset "), std::string::npos) << s.message();
  Status v = Verify(dir_.path(), nullptr, nullptr);
  EXPECT_TRUE(v.IsCorruption());
  EXPECT_EQ(v.message(), s.message());
}

TEST_F(CorruptionTest, WalTruncatedMidRecordIsATornTail) {
  std::string w = ReadFile(wal_);
  WriteFile(wal_, w.substr(0, w.size() - 10));
  std::string report;
  ASSERT_TRUE(Verify(dir_.path(), nullptr, &report).ok());
  EXPECT_NE(report.find("torn tail"), std::string::npos) << report;
  auto st = MustOpen(dir_.path(), Options{});
  EXPECT_EQ(testing::GetOne(*st, "w28"), std::string(50, 'y'));
  EXPECT_EQ(testing::GetOne(*st, "w29"), "<none>");
  EXPECT_TRUE(Verify(dir_.path(), nullptr, &report).ok());
  EXPECT_EQ(report.find("torn tail"), std::string::npos) << "recovery cut the tail off";
}

TEST_F(CorruptionTest, WalZeroedOrTruncatedHeader) {
  std::string w = ReadFile(wal_);
  WriteFile(wal_, std::string(w.size(), '\0'));
  Status s = OpenStatus();
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find(wal_ + " at offset 0"), std::string::npos) << s.message();
  WriteFile(wal_, w.substr(0, 7));
  EXPECT_TRUE(OpenStatus().IsCorruption());
}

TEST_F(CorruptionTest, DataFileBitFlipsAreFoundByVerifyAndReads) {
  std::string d = ReadFile(data_);
  for (size_t at : {size_t{20}, d.size() / 3, d.size() - 30, d.size() - 5}) {
    std::string bad = d;
    bad[at] ^= 0x01;
    WriteFile(data_, bad);
    Status v = Verify(dir_.path(), nullptr, nullptr);
    ASSERT_TRUE(v.IsCorruption()) << "flip at " << at << ": " << v.ToString();
    EXPECT_NE(v.message().find(data_ + " at offset "), std::string::npos) << v.message();
    auto st = Store::Open(dir_.path(), Options{});
    if (st) {  // footer and index intact: the damaged block is reported when read
      auto t = *(*st)->BeginRead();
      int corrupt = 0;
      for (int i = 0; i < 200; ++i) {
        std::string val;
        Status g = t->Get("k" + std::to_string(i), &val);
        ASSERT_TRUE(g.ok() || g.IsCorruption()) << g.ToString();
        corrupt += g.IsCorruption();
      }
      EXPECT_GT(corrupt, 0);
      auto it = t->ScanPrefix("k");
      while (it->Valid()) it->Next();
      EXPECT_TRUE(it->status().IsCorruption());
    } else {
      EXPECT_TRUE(st.error().IsCorruption()) << st.error().ToString();
    }
  }
}

TEST_F(CorruptionTest, DataFileTruncatedOrZeroed) {
  std::string d = ReadFile(data_);
  WriteFile(data_, d.substr(0, d.size() / 2));
  Status s = OpenStatus();
  ASSERT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find(data_), std::string::npos);
  WriteFile(data_, std::string(d.size(), '\0'));
  EXPECT_TRUE(OpenStatus().IsCorruption());
  EXPECT_TRUE(Verify(dir_.path(), nullptr, nullptr).IsCorruption());
}

TEST_F(CorruptionTest, ManifestDamage) {
  std::string m = ReadFile(ManifestName(dir_.path()));
  WriteFile(ManifestName(dir_.path()), m.substr(0, 20));
  EXPECT_TRUE(OpenStatus().IsCorruption());
  std::string flipped = m;
  flipped[30] ^= 1;
  WriteFile(ManifestName(dir_.path()), flipped);
  Status s = OpenStatus();
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find("MANIFEST at offset 44"), std::string::npos) << s.message();
  WriteFile(ManifestName(dir_.path()), std::string(48, '\0'));
  EXPECT_TRUE(OpenStatus().IsCorruption());
}

}  // namespace
}  // namespace aokit::store
