// Store API semantics on the in-memory Env: reads, writes, scans, isolation, checkpoints,
// several handles on one directory (as several processes would have), bad input.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "files.h"
#include "manifest_format.h"
#include "shm_format.h"
#include "test_util.h"

namespace aokit::store {
namespace {

using testing::GetOne;
using testing::MustOpen;
using testing::PutOne;

class StoreTest : public ::testing::Test {
 protected:
  StoreTest() : env_(NewMemEnv()) {
    opts_.env = env_.get();
    env_->CreateDir("/s");
  }
  std::unique_ptr<Store> Open() { return MustOpen("/s/db", opts_); }
  std::vector<std::pair<std::string, std::string>> ScanAll(Transaction& t, std::string_view prefix) {
    std::vector<std::pair<std::string, std::string>> out;
    auto it = t.ScanPrefix(prefix);
    for (; it->Valid(); it->Next()) out.emplace_back(it->key(), it->value());
    EXPECT_TRUE(it->status().ok());
    return out;
  }
  std::shared_ptr<MemEnv> env_;
  Options opts_;
};

TEST_F(StoreTest, PutGetEraseSurviveReopen) {
  {
    auto st = Open();
    ASSERT_TRUE(PutOne(*st, "a", "1").ok());
    ASSERT_TRUE(PutOne(*st, "b", "2").ok());
    auto t = *st->BeginWrite();
    ASSERT_TRUE(t->Erase("a").ok());
    ASSERT_TRUE(t->Put("c", std::string("\0x\xff", 3)).ok());
    ASSERT_TRUE(t->Commit().ok());
    EXPECT_GT(t->commit_seq(), 0u);
  }
  auto st = Open();
  EXPECT_EQ(GetOne(*st, "a"), "<none>");
  EXPECT_EQ(GetOne(*st, "b"), "2");
  EXPECT_EQ(GetOne(*st, "c"), std::string("\0x\xff", 3));
}

TEST_F(StoreTest, SnapshotReadsIgnoreLaterCommits) {
  auto st = Open();
  ASSERT_TRUE(PutOne(*st, "k", "old").ok());
  auto reader = *st->BeginRead();
  ASSERT_TRUE(PutOne(*st, "k", "new").ok());
  ASSERT_TRUE(PutOne(*st, "k2", "x").ok());
  std::string v;
  ASSERT_TRUE(reader->Get("k", &v).ok());
  EXPECT_EQ(v, "old");
  EXPECT_TRUE(reader->Get("k2", &v).IsNotFound());
  EXPECT_EQ(GetOne(*st, "k"), "new");
  EXPECT_TRUE(reader->Put("k", "x").code() == Status::Code::kInvalidArgument);
}

TEST_F(StoreTest, FirstCommitterWins) {
  auto st = Open();
  ASSERT_TRUE(PutOne(*st, "n", "0").ok());
  auto t1 = *st->BeginWrite();
  auto t2 = *st->BeginWrite();
  t1->Put("n", "1");
  t2->Put("n", "2");
  ASSERT_TRUE(t1->Commit().ok());
  Status s = t2->Commit();
  EXPECT_TRUE(s.IsConflict()) << s.ToString();
  EXPECT_EQ(GetOne(*st, "n"), "1");
  // Blind writes to different keys never conflict.
  auto t3 = *st->BeginWrite();
  auto t4 = *st->BeginWrite();
  t3->Put("x", "1");
  t4->Put("y", "1");
  EXPECT_TRUE(t3->Commit().ok());
  EXPECT_TRUE(t4->Commit().ok());
}

TEST_F(StoreTest, SerializablePreventsWriteSkewSnapshotAllowsIt) {
  for (auto iso : {Isolation::kSnapshot, Isolation::kSerializable}) {
    auto st = Open();
    ASSERT_TRUE(PutOne(*st, "x", "1").ok());
    ASSERT_TRUE(PutOne(*st, "y", "1").ok());
    auto t1 = *st->BeginWrite(iso);
    auto t2 = *st->BeginWrite(iso);
    std::string v;
    t1->Get("x", &v);
    t1->Get("y", &v);
    t2->Get("x", &v);
    t2->Get("y", &v);
    t1->Put("x", "0");
    t2->Put("y", "0");
    EXPECT_TRUE(t1->Commit().ok());
    Status s = t2->Commit();
    if (iso == Isolation::kSnapshot) {
      EXPECT_TRUE(s.ok()) << s.ToString();
    } else {
      EXPECT_TRUE(s.IsConflict()) << s.ToString();
    }
  }
}

TEST_F(StoreTest, SerializableScanConflictsWithInsertIntoRange) {
  auto st = Open();
  ASSERT_TRUE(PutOne(*st, "q/1", "a").ok());
  auto t1 = *st->BeginWrite(Isolation::kSerializable);
  EXPECT_EQ(ScanAll(*t1, "q/").size(), 1u);
  t1->Put("count", "1");
  ASSERT_TRUE(PutOne(*st, "q/2", "b").ok());   // phantom
  EXPECT_TRUE(t1->Commit().IsConflict());
  auto t2 = *st->BeginWrite(Isolation::kSerializable);
  EXPECT_EQ(ScanAll(*t2, "q/").size(), 2u);
  t2->Put("count", "2");
  ASSERT_TRUE(PutOne(*st, "r/1", "outside").ok());
  EXPECT_TRUE(t2->Commit().ok());
}

TEST_F(StoreTest, ScansMergeOwnWritesMemtableAndDataFile) {
  auto st = Open();
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(PutOne(*st, "p/" + std::to_string(10 + i), "d" + std::to_string(i)).ok());
  ASSERT_TRUE(st->Checkpoint().ok());
  ASSERT_TRUE(PutOne(*st, "p/15", "mem").ok());
  {
    auto t = *st->BeginWrite();
    t->Erase("p/16");
    ASSERT_TRUE(t->Commit().ok());
  }
  ASSERT_TRUE(PutOne(*st, "p/99", "mem2").ok());
  ASSERT_TRUE(PutOne(*st, "o", "before").ok());
  ASSERT_TRUE(PutOne(*st, "q", "after").ok());
  auto t = *st->BeginWrite();
  t->Put("p/00", "own");
  t->Erase("p/10");
  t->Put("p/11", "own11");
  auto rows = ScanAll(*t, "p/");
  ASSERT_EQ(rows.size(), 20u);  // 20 - p/10 - p/16 + p/00 + p/99
  EXPECT_EQ(rows.front(), (std::pair<std::string, std::string>{"p/00", "own"}));
  EXPECT_EQ(rows[1], (std::pair<std::string, std::string>{"p/11", "own11"}));
  EXPECT_EQ(rows[5], (std::pair<std::string, std::string>{"p/15", "mem"}));
  EXPECT_EQ(rows[6].first, "p/17");
  EXPECT_EQ(rows.back(), (std::pair<std::string, std::string>{"p/99", "mem2"}));
  auto it = t->Scan("p/20", "p/23");
  std::vector<std::string> keys;
  for (; it->Valid(); it->Next()) keys.emplace_back(it->key());
  EXPECT_EQ(keys, (std::vector<std::string>{"p/20", "p/21", "p/22"}));
}

TEST_F(StoreTest, TwoHandlesShareCommitsAndSequence) {
  auto a = Open();
  auto b = Open();
  ASSERT_TRUE(PutOne(*a, "k", "from-a").ok());
  EXPECT_EQ(GetOne(*b, "k"), "from-a");
  auto tb = *b->BeginWrite();
  std::string v;
  tb->Get("k", &v);
  ASSERT_TRUE(PutOne(*a, "k", "a2").ok());
  tb->Put("k", "b2");
  EXPECT_TRUE(tb->Commit().IsConflict());
  ASSERT_TRUE(PutOne(*b, "j", "from-b").ok());
  ASSERT_TRUE(a->Checkpoint().ok());
  ASSERT_TRUE(PutOne(*a, "after", "cp").ok());
  EXPECT_EQ(GetOne(*b, "j"), "from-b");
  EXPECT_EQ(GetOne(*b, "after"), "cp");
  EXPECT_EQ(a->Stats().last_seq, b->Stats().last_seq);
  EXPECT_EQ(b->Stats().generation, 2u);
}

TEST_F(StoreTest, CheckpointKeepsVersionsAnActiveSnapshotNeeds) {
  auto a = Open();
  auto b = Open();
  ASSERT_TRUE(PutOne(*a, "k", "v1").ok());
  ASSERT_TRUE(PutOne(*a, "k", "v2").ok());
  ASSERT_TRUE(PutOne(*a, "gone", "x").ok());
  {
    auto t = *a->BeginWrite();
    t->Erase("gone");
    ASSERT_TRUE(t->Commit().ok());
  }
  auto old = *b->BeginRead();  // registered snapshot: sees k=v2
  ASSERT_TRUE(PutOne(*a, "k", "v3").ok());
  ASSERT_TRUE(a->Checkpoint().ok());
  // v2 (needed by `old`) and v3 kept; v1 and the deleted key dropped.
  EXPECT_EQ(a->Stats().data_entries, 2u);
  std::string v;
  ASSERT_TRUE(old->Get("k", &v).ok());
  EXPECT_EQ(v, "v2");
  old.reset();
  ASSERT_TRUE(a->Checkpoint().ok());
  EXPECT_EQ(a->Stats().data_entries, 1u);
  EXPECT_EQ(GetOne(*b, "k"), "v3");
}

TEST_F(StoreTest, AutoCheckpointAndReopen) {
  opts_.checkpoint_wal_bytes = 4096;
  {
    auto st = Open();
    for (int i = 0; i < 300; ++i) ASSERT_TRUE(PutOne(*st, "k" + std::to_string(i % 50), std::to_string(i)).ok());
    EXPECT_GE(st->Stats().generation, 3u);
  }
  auto st = Open();
  for (int i = 250; i < 300; ++i) EXPECT_EQ(GetOne(*st, "k" + std::to_string(i % 50)), std::to_string(i));
  std::string report;
  EXPECT_TRUE(Verify("/s/db", env_.get(), &report).ok()) << report;
}

TEST_F(StoreTest, RetryHelperLosesNoIncrementAcrossThreads) {
  auto a = Open();
  auto b = Open();
  ASSERT_TRUE(PutOne(*a, "counter", "0").ok());
  std::atomic<int> committed{0};
  auto work = [&](Store* st) {
    for (int i = 0; i < 200; ++i) {
      Status s = RunTransaction(*st, Isolation::kSnapshot, [](Transaction& t) {
        std::string v;
        if (auto s = t.Get("counter", &v); !s.ok()) return s;
        return t.Put("counter", std::to_string(std::stoi(v) + 1));
      });
      if (s.ok()) ++committed;
    }
  };
  std::thread t1(work, a.get()), t2(work, b.get()), t3(work, a.get());
  t1.join();
  t2.join();
  t3.join();
  EXPECT_EQ(committed.load(), 600);
  EXPECT_EQ(GetOne(*a, "counter"), "600");
}

TEST_F(StoreTest, TransactionTableFullIsBusy) {
  opts_.lock_timeout_ms = 30;
  auto st = Open();
  std::vector<std::unique_ptr<Transaction>> held;
  for (uint32_t i = 0; i < shm::kSlots; ++i) held.push_back(std::move(*st->BeginRead()));
  auto extra = st->BeginRead();
  ASSERT_FALSE(extra.has_value());
  EXPECT_TRUE(extra.error().IsBusy()) << extra.error().ToString();
  held.pop_back();
  EXPECT_TRUE(st->BeginRead().has_value());
}

TEST_F(StoreTest, IdleTransactionPastTimeoutIsReclaimedAndGetsBusy) {
  opts_.txn_timeout_ms = 1;
  auto a = Open();
  auto b = Open();
  auto t = *a->BeginWrite();
  t->Put("k", "v");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(b->Stats().active_transactions, 1u);
  ASSERT_TRUE(b->Checkpoint().ok());  // looks at the table: the idle slot is reclaimed
  EXPECT_EQ(b->Stats().active_transactions, 0u);
  Status s = t->Commit();
  EXPECT_TRUE(s.IsBusy()) << s.ToString();
  EXPECT_EQ(GetOne(*a, "k"), "<none>");
}

TEST(StoreProcessTest, DeadProcessSlotsAreFreed) {
  testing::TempDir dir;
  auto st = MustOpen(dir.path(), Options{});
  pid_t pid = ::fork();
  if (pid == 0) {
    auto child = Store::Open(dir.path(), Options{});
    if (!child) ::_exit(2);
    auto t1 = (*child)->BeginRead();
    auto t2 = (*child)->BeginWrite();
    ::raise(SIGKILL);  // dies holding two transaction slots
    ::_exit(3);
  }
  int status;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(st->Stats().active_transactions, 2u);
  ASSERT_TRUE(st->Checkpoint().ok());
  EXPECT_EQ(st->Stats().active_transactions, 0u);
}

TEST_F(StoreTest, NotAStoreDirectory) {
  testing::TempDir tmp;
  {
    std::FILE* f = std::fopen(tmp.sub("notes.txt").c_str(), "w");
    std::fputs("hello", f);
    std::fclose(f);
  }
  auto st = Store::Open(tmp.path(), Options{});
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(st.error().message().find("is not an aokit store"), std::string::npos) << st.error().ToString();
  Options no_create;
  no_create.create_if_missing = false;
  auto missing = Store::Open(tmp.sub("nothing"), no_create);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message().find("does not exist"), std::string::npos);
}

TEST_F(StoreTest, NewerFormatVersionIsNotSupported) {
  { auto st = Open(); }
  std::string m = *env_->GetFileContents("/s/db/MANIFEST");
  m[8] = static_cast<char>(manifest::kVersion + 1);
  env_->PutFileContents("/s/db/MANIFEST", m);
  auto st = Store::Open("/s/db", opts_);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code(), Status::Code::kNotSupported) << st.error().ToString();
  EXPECT_NE(st.error().message().find("newer"), std::string::npos);
}

TEST_F(StoreTest, IncompatibleSyncModesAreRefused) {
  auto a = Open();
  Options o = opts_;
  o.sync = SyncMode::kOff;
  auto b = Store::Open("/s/db", o);
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(b.error().message().find("incompatible options"), std::string::npos) << b.error().ToString();
  a.reset();
  EXPECT_TRUE(Store::Open("/s/db", o).has_value());  // alone, any mode is fine
}

TEST_F(StoreTest, FullDiskFailsCleanlyAndLosesNothing) {
  auto st = Open();
  ASSERT_TRUE(PutOne(*st, "safe", "1").ok());
  env_->SetDiskCapacity(200);
  Status s;
  int ok = 0;
  for (int i = 0; i < 50 && s.ok(); ++i) {
    s = PutOne(*st, "k" + std::to_string(i), std::string(20, 'x'));
    ok += s.ok();
  }
  ASSERT_TRUE(s.IsIOError()) << s.ToString();
  EXPECT_NE(s.message().find("No space left on device"), std::string::npos);
  EXPECT_TRUE(st->Checkpoint().IsIOError());
  EXPECT_EQ(GetOne(*st, "safe"), "1");
  env_->SetDiskCapacity(0);
  ASSERT_TRUE(PutOne(*st, "later", "2").ok());
  st.reset();
  st = Open();
  EXPECT_EQ(GetOne(*st, "safe"), "1");
  EXPECT_EQ(GetOne(*st, "later"), "2");
  for (int i = 0; i < ok; ++i) EXPECT_EQ(GetOne(*st, "k" + std::to_string(i)), std::string(20, 'x'));
  EXPECT_TRUE(Verify("/s/db", env_.get(), nullptr).ok());
}

TEST_F(StoreTest, ReadOnlyFileSystemIsAClearError) {
  { auto st = Open(); PutOne(*st, "k", "v"); }
  env_->SetReadOnly(true);
  auto st = Store::Open("/s/db", opts_);
  ASSERT_FALSE(st.has_value());
  EXPECT_TRUE(st.error().IsIOError());
  EXPECT_NE(st.error().message().find("Read-only file system"), std::string::npos) << st.error().ToString();
  EXPECT_TRUE(Verify("/s/db", env_.get(), nullptr).ok());  // offline verify still reads it
  env_->SetReadOnly(false);
  auto again = Open();
  EXPECT_EQ(GetOne(*again, "k"), "v");
}

}  // namespace
}  // namespace aokit::store
