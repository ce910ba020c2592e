// Crash injection: a child process runs a durable write workload and is killed with SIGKILL
// at a random moment; the parent reopens (recovery), checks that every acknowledged
// transaction is present, no transaction is half-applied, the counter matches, and Verify
// passes. AOKIT_STORE_CRASH_ITERATIONS sets the loop count (short in the default run;
// `ctest -L slow` runs hundreds). A second test kills one of two concurrent writers, so the
// survivor must recover the commit lock and transaction slots of a dead process.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <random>
#include <thread>

#include "test_util.h"

namespace aokit::store {
namespace {

using testing::GetOne;
using testing::MustOpen;

Options CrashOptions() {
  Options o;
  o.checkpoint_wal_bytes = 48 << 10;  // checkpoints happen during the kills too
  o.lock_timeout_ms = 10000;
  return o;
}

// Step i writes a<i>, b<i> and sets n = i + 1 (steps run in order in one writer).
[[noreturn]] void Writer(const std::string& dir, int fd) {
  auto st = Store::Open(dir, CrashOptions());
  if (!st) {
    std::fprintf(stderr, "writer %d: open: %s\n", ::getpid(), st.error().ToString().c_str());
    ::_exit(2);
  }
  for (;;) {
    int done = -1;
    Status s = RunTransaction(**st, Isolation::kSnapshot, [&](Transaction& t) {
      std::string n;
      Status g = t.Get("n", &n);
      int i = g.ok() ? std::stoi(n) : 0;
      done = i;
      t.Put("a" + std::to_string(i), std::string(300, 'a'));
      t.Put("b" + std::to_string(i), std::string(300, 'b'));
      return t.Put("n", std::to_string(i + 1));
    });
    if (s.ok()) {
      if (::write(fd, &done, sizeof done) != sizeof done) ::_exit(3);
    } else if (!s.IsConflict() && !s.IsBusy()) {
      std::fprintf(stderr, "writer %d: %s\n", ::getpid(), s.ToString().c_str());
      ::_exit(4);
    }
  }
}

std::vector<int> DrainAcks(int fd) {
  std::vector<int> acks;
  int v;
  while (::read(fd, &v, sizeof v) == sizeof v) acks.push_back(v);
  return acks;
}

void CheckStore(const std::string& dir, const std::vector<int>& acked, int* steps) {
  auto st = MustOpen(dir, CrashOptions());
  ASSERT_TRUE(st);
  std::string n = GetOne(*st, "n");
  int present = n == "<none>" ? 0 : std::stoi(n);
  for (int i : acked) ASSERT_LT(i, present) << "acknowledged step " << i << " lost (n=" << present << ")";
  for (int i = 0; i < present + 3; ++i) {
    bool a = GetOne(*st, "a" + std::to_string(i)) != "<none>", b = GetOne(*st, "b" + std::to_string(i)) != "<none>";
    ASSERT_EQ(a, b) << "step " << i << " half-applied";
    ASSERT_EQ(a, i < present) << "step " << i << " visibility disagrees with n=" << present;
  }
  std::string report;
  Status v = Verify(dir, nullptr, &report);
  ASSERT_TRUE(v.ok()) << v.ToString();
  *steps = present;
}

TEST(CrashTest, SigkillAtRandomMoments) {
  testing::TempDir dir;
  const int iterations = testing::EnvInt("AOKIT_STORE_CRASH_ITERATIONS", 12);
  std::mt19937 rng(42);
  std::vector<int> acked;
  int steps = 0;
  for (int it = 0; it < iterations; ++it) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      Writer(dir.path(), fds[1]);
    }
    ::close(fds[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(2000 + rng() % 40000));
    ::kill(pid, SIGKILL);
    int status;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "writer exited early with status " << status;
    auto acks = DrainAcks(fds[0]);
    ::close(fds[0]);
    acked.insert(acked.end(), acks.begin(), acks.end());
    ASSERT_NO_FATAL_FAILURE(CheckStore(dir.path(), acked, &steps)) << "iteration " << it;
  }
  RecordProperty("steps", steps);
}

TEST(CrashTest, KilledWriterDoesNotBlockTheSurvivor) {
  testing::TempDir dir;
  const int iterations = std::max(3, testing::EnvInt("AOKIT_STORE_CRASH_ITERATIONS", 12) / 3);
  std::mt19937 rng(7);
  std::vector<int> acked;
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
  auto spawn = [&]() {
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      Writer(dir.path(), fds[1]);
    }
    return pid;
  };
  pid_t survivor = spawn();
  for (int it = 0; it < iterations; ++it) {
    pid_t victim = spawn();
    std::this_thread::sleep_for(std::chrono::microseconds(5000 + rng() % 40000));
    ::kill(victim, SIGKILL);
    ::waitpid(victim, nullptr, 0);
    auto acks = DrainAcks(fds[0]);
    acked.insert(acked.end(), acks.begin(), acks.end());
  }
  // The survivor keeps committing after its peers died (possibly holding locks or slots).
  size_t before = acked.size();
  for (int wait = 0; wait < 400 && acked.size() < before + 5; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    auto acks = DrainAcks(fds[0]);
    acked.insert(acked.end(), acks.begin(), acks.end());
  }
  int sstatus = 0;
  bool exited = ::waitpid(survivor, &sstatus, WNOHANG) == survivor;
  EXPECT_FALSE(exited) << "survivor exited with status " << (WIFEXITED(sstatus) ? WEXITSTATUS(sstatus) : -1);
  EXPECT_GE(acked.size(), before + 5) << "survivor made no progress after its peers were killed";
  if (!exited) {
    ::kill(survivor, SIGKILL);
    ::waitpid(survivor, nullptr, 0);
  }
  ::fcntl(fds[0], F_SETFL, 0);
  ::close(fds[1]);
  auto acks = DrainAcks(fds[0]);
  acked.insert(acked.end(), acks.begin(), acks.end());
  ::close(fds[0]);
  int steps;
  ASSERT_NO_FATAL_FAILURE(CheckStore(dir.path(), acked, &steps));
}

}  // namespace
}  // namespace aokit::store
