// Several OS processes (fork) on one store: no lost update, conserved totals, and under
// serializable isolation no write skew. Runs with the real POSIX Env and full sync, so group
// commit across processes is exercised too.
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"

namespace aokit::store {
namespace {

using testing::GetOne;
using testing::MustOpen;
using testing::PutOne;

int ReadInt(Transaction& t, const std::string& k) {
  std::string v;
  return t.Get(k, &v).ok() ? std::stoi(v) : 0;
}

// Child body: `txns` increments of "counter" and `txns` transfers between accounts; writes
// its committed increment count to `fd`. Returns the exit code.
int Worker(const std::string& dir, Isolation iso, int txns, int id, int fd) {
  auto st = Store::Open(dir, Options{});
  if (!st) return 2;
  uint32_t seed = 12345u + id;
  int incs = 0;
  for (int i = 0; i < txns; ++i) {
    Status s = RunTransaction(**st, iso, [](Transaction& t) {
      return t.Put("counter", std::to_string(ReadInt(t, "counter") + 1));
    });
    if (s.ok()) ++incs;
    else if (!s.IsConflict() && !s.IsBusy()) return 3;
    seed = seed * 1103515245u + 12345u;
    int from = (seed >> 8) % 10, to = (seed >> 16) % 10, amount = 1 + (seed >> 24) % 7;
    if (from == to) continue;
    s = RunTransaction(**st, iso, [&](Transaction& t) {
      int a = ReadInt(t, "acct/" + std::to_string(from)), b = ReadInt(t, "acct/" + std::to_string(to));
      if (a < amount) return Status::Ok();
      t.Put("acct/" + std::to_string(from), std::to_string(a - amount));
      return t.Put("acct/" + std::to_string(to), std::to_string(b + amount));
    });
    if (!s.ok() && !s.IsConflict() && !s.IsBusy()) return 4;
    // Write-skew probe: withdraw from x or y only while x + y stays >= 0 (writes one key).
    s = RunTransaction(**st, iso, [&](Transaction& t) {
      int x = ReadInt(t, "skew/x"), y = ReadInt(t, "skew/y");
      if (x + y < 10) return Status::Ok();
      std::string k = (seed & 1) ? "skew/x" : "skew/y";
      return t.Put(k, std::to_string(((seed & 1) ? x : y) - 10));
    });
    if (!s.ok() && !s.IsConflict() && !s.IsBusy()) return 5;
  }
  ssize_t w = ::write(fd, &incs, sizeof incs);
  return w == sizeof incs ? 0 : 6;
}

void RunMultiProcess(Isolation iso) {
  testing::TempDir dir;
  const int procs = 4, txns = testing::EnvInt("AOKIT_STORE_MP_TXNS", 60);
  {
    auto st = MustOpen(dir.path(), Options{});
    ASSERT_TRUE(PutOne(*st, "counter", "0").ok());
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(PutOne(*st, "acct/" + std::to_string(i), "100").ok());
    ASSERT_TRUE(PutOne(*st, "skew/x", "0").ok());
    ASSERT_TRUE(PutOne(*st, "skew/y", "2000").ok());
  }
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::vector<pid_t> kids;
  for (int p = 0; p < procs; ++p) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      int code = Worker(dir.path(), iso, txns, p, fds[1]);
      ::_exit(code);
    }
    kids.push_back(pid);
  }
  ::close(fds[1]);
  for (pid_t k : kids) {
    int status = 0;
    ASSERT_EQ(::waitpid(k, &status, 0), k);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "worker status " << status;
  }
  int total = 0, n;
  while (::read(fds[0], &n, sizeof n) == sizeof n) total += n;
  ::close(fds[0]);
  auto st = MustOpen(dir.path(), Options{});
  EXPECT_EQ(total, procs * txns);  // the retry helper eventually commits every increment
  EXPECT_EQ(GetOne(*st, "counter"), std::to_string(total)) << "lost update";
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += std::stoi(GetOne(*st, "acct/" + std::to_string(i)));
  EXPECT_EQ(sum, 1000) << "balance total not conserved";
  int x = std::stoi(GetOne(*st, "skew/x")), y = std::stoi(GetOne(*st, "skew/y"));
  if (iso == Isolation::kSerializable) {
    EXPECT_GE(x + y, 0) << "write skew under serializable";
  }
  EXPECT_TRUE(Verify(dir.path(), nullptr, nullptr).ok());
}

TEST(MultiProcessTest, SnapshotIsolationNoLostUpdate) { RunMultiProcess(Isolation::kSnapshot); }
TEST(MultiProcessTest, SerializableNoLostUpdateNoWriteSkew) { RunMultiProcess(Isolation::kSerializable); }

}  // namespace
}  // namespace aokit::store
