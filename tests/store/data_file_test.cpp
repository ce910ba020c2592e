#include "data_file.h"

#include <gtest/gtest.h>

#include "data_format.h"

namespace aokit::store {
namespace {

// Builds keys k0000..k(n-1), each with versions at seq 2i+1 (value) and, for even i, 2i+2
// (deleted when i % 4 == 0, else a newer value).
std::shared_ptr<MemEnv> Build(int n, uint64_t* size) {
  auto env = NewMemEnv();
  EXPECT_TRUE(env->CreateDir("/d").ok());
  auto f = env->OpenFile("/d/data-00000001.sst", true, true);
  DataFileBuilder b(f->get(), "data", 1024, 3);
  char key[16];
  for (int i = 0; i < n; ++i) {
    std::snprintf(key, sizeof key, "k%04d", i);
    if (i % 2 == 0) {
      bool del = i % 4 == 0;
      EXPECT_TRUE(b.Add(key, 2 * i + 2, del ? data::kTypeDeletion : data::kTypeValue, "new" + std::to_string(i)).ok());
    }
    EXPECT_TRUE(b.Add(key, 2 * i + 1, data::kTypeValue, std::string(100, 'v') + std::to_string(i)).ok());
  }
  EXPECT_TRUE(b.Finish(size).ok());
  return env;
}

TEST(DataFileTest, PointLookupsAtSnapshots) {
  uint64_t size;
  auto env = Build(500, &size);
  auto df = DataFile::Open(env.get(), "/d/data-00000001.sst");
  ASSERT_TRUE(df.has_value()) << df.error().ToString();
  EXPECT_EQ((*df)->entry_count(), 750u);
  EXPECT_LT(size, 750u * 100u / 4) << "zstd should compress repetitive values";
  std::string v;
  bool del;
  EXPECT_TRUE((*df)->Get("k0002", 1000, &v, &del).ok());
  EXPECT_EQ(v, "new2");
  EXPECT_TRUE((*df)->Get("k0002", 5, &v, &del).ok());
  EXPECT_EQ(v, std::string(100, 'v') + "2");
  EXPECT_TRUE((*df)->Get("k0004", 1000, &v, &del).IsNotFound());
  EXPECT_TRUE(del);
  EXPECT_TRUE((*df)->Get("k0004", 9, &v, &del).ok());
  EXPECT_TRUE((*df)->Get("k0003", 6, &v, &del).IsNotFound());
  EXPECT_FALSE(del);
  EXPECT_TRUE((*df)->Get("zzz", 1000, &v, &del).IsNotFound());
  EXPECT_EQ(*(*df)->LatestSeq("k0499"), 999u);
  EXPECT_EQ(*(*df)->LatestSeq("k0498"), 998u);
}

TEST(DataFileTest, CursorVisitsEverythingInOrder) {
  uint64_t size;
  auto env = Build(300, &size);
  auto df = DataFile::Open(env.get(), "/d/data-00000001.sst");
  ASSERT_TRUE(df.has_value());
  int n = 0;
  ASSERT_TRUE((*df)->ForEach([&](const DataEntry&) { return ++n, true; }).ok());
  EXPECT_EQ(n, 450);
  DataFile::Cursor c(df->get());
  c.Seek("k0150");
  ASSERT_TRUE(c.Valid());
  EXPECT_EQ(c.entry().key, "k0150");
  EXPECT_EQ(c.entry().seq, 302u);
}

TEST(DataFileTest, EveryBitFlipIsDetected) {
  uint64_t size;
  auto env = Build(40, &size);
  std::string good = *env->GetFileContents("/d/data-00000001.sst");
  for (size_t pos = 0; pos < good.size(); pos += 7) {
    std::string bad = good;
    bad[pos] ^= 0x04;
    env->PutFileContents("/d/x.sst", bad);
    auto df = DataFile::Open(env.get(), "/d/x.sst");
    Status s;
    if (!df) {
      s = df.error();
    } else {
      s = (*df)->ForEach([](const DataEntry&) { return true; });
    }
    ASSERT_TRUE(s.IsCorruption()) << "flip at " << pos << ": " << s.ToString();
    EXPECT_NE(s.message().find("/d/x.sst at offset "), std::string::npos) << s.message();
  }
}

TEST(DataFileTest, TruncatedAndZeroedFilesAreCorruption) {
  uint64_t size;
  auto env = Build(40, &size);
  std::string good = *env->GetFileContents("/d/data-00000001.sst");
  for (size_t len : {size_t{0}, size_t{10}, good.size() / 2, good.size() - 1}) {
    env->PutFileContents("/d/t.sst", good.substr(0, len));
    auto df = DataFile::Open(env.get(), "/d/t.sst");
    ASSERT_FALSE(df.has_value());
    EXPECT_TRUE(df.error().IsCorruption()) << df.error().ToString();
  }
  env->PutFileContents("/d/z.sst", std::string(good.size(), '\0'));
  auto df = DataFile::Open(env.get(), "/d/z.sst");
  ASSERT_FALSE(df.has_value());
  EXPECT_TRUE(df.error().IsCorruption());
}

}  // namespace
}  // namespace aokit::store
