// Power-loss simulation with the in-memory Env: unsynced writes and unsynced directory
// entries vanish. Proves the fsync points: every acknowledged commit survives, and each
// transaction is all-or-nothing, whichever operation the machine stopped at.
#include "test_util.h"

namespace aokit::store {
namespace {

using testing::GetOne;
using testing::MustOpen;

// Transaction i writes a<i> and b<i> and bumps "n"; returns the commit status.
Status Step(Store& st, int i) {
  return RunTransaction(st, Isolation::kSnapshot, [i](Transaction& t) {
    std::string n = "0";
    Status g = t.Get("n", &n);
    if (!g.ok() && !g.IsNotFound()) return g;
    t.Put("a" + std::to_string(i), std::string(40, 'a'));
    t.Put("b" + std::to_string(i), std::string(40, 'b'));
    return t.Put("n", std::to_string(std::stoi(n) + 1));
  }, RetryOptions{3, 10});
}

// After a crash: every acked step present, each step atomic, n equals the steps present.
void CheckAfterCrash(Store& st, int attempted, const std::vector<int>& acked) {
  int present = 0;
  for (int i = 0; i < attempted; ++i) {
    std::string a = GetOne(st, "a" + std::to_string(i)), b = GetOne(st, "b" + std::to_string(i));
    ASSERT_EQ(a == "<none>", b == "<none>") << "step " << i << " half-applied";
    present += a != "<none>";
  }
  for (int i : acked) ASSERT_NE(GetOne(st, "a" + std::to_string(i)), "<none>") << "acked step " << i << " lost";
  std::string n = GetOne(st, "n");
  ASSERT_EQ(n == "<none>" ? 0 : std::stoi(n), present);
}

TEST(FaultInjectionTest, FullSyncKeepsEveryAcknowledgedCommit) {
  auto env = NewMemEnv();
  env->CreateDir("/s");
  Options o;
  o.env = env.get();
  o.checkpoint_wal_bytes = 2000;
  std::vector<int> acked;
  {
    auto st = MustOpen("/s/db", o);
    for (int i = 0; i < 120; ++i)
      if (Step(*st, i).ok()) acked.push_back(i);
  }
  ASSERT_EQ(acked.size(), 120u);
  env->SimulateCrash();
  auto st = MustOpen("/s/db", o);
  CheckAfterCrash(*st, 120, acked);
  EXPECT_TRUE(Verify("/s/db", env.get(), nullptr).ok());
}

TEST(FaultInjectionTest, MachineStopsAtEveryOperation) {
  // Count the mutating operations of a clean run, then stop the machine at each of them.
  for (int stop = 0; stop < 400; stop += 1) {
    auto env = NewMemEnv();
    env->CreateDir("/s");
    Options o;
    o.env = env.get();
    o.checkpoint_wal_bytes = 1500;
    o.lock_timeout_ms = 200;
    std::vector<int> acked;
    int attempted = 0;
    {
      auto st = Store::Open("/s/db", o);
      if (st) {
        env->FailAfterOps(stop);
        for (int i = 0; i < 40; ++i) {
          ++attempted;
          Status s = Step(**st, i);
          if (s.ok()) acked.push_back(i);
          else break;
        }
      }
    }
    env->SimulateCrash();
    auto st = Store::Open("/s/db", o);
    ASSERT_TRUE(st.has_value()) << "stop " << stop << ": " << st.error().ToString();
    CheckAfterCrash(**st, attempted, acked);
    ASSERT_TRUE(Verify("/s/db", env.get(), nullptr).ok()) << "stop " << stop;
    if (acked.size() == 40u) break;  // the whole run fits before `stop`: done
  }
}

TEST(FaultInjectionTest, RelaxedSyncLosesOnlyASuffix) {
  for (auto mode : {SyncMode::kNormal, SyncMode::kOff}) {
    auto env = NewMemEnv();
    env->CreateDir("/s");
    Options o;
    o.env = env.get();
    o.sync = mode;
    o.normal_sync_interval_ms = 0;  // normal: fsync after every commit that finds the leader free
    o.checkpoint_wal_bytes = 3000;
    std::vector<int> acked;
    {
      auto st = MustOpen("/s/db", o);
      for (int i = 0; i < 60; ++i)
        if (Step(*st, i).ok()) acked.push_back(i);
      env->SimulateCrash();  // before the clean-close fsync
    }
    env->SimulateCrash();
    auto st = MustOpen("/s/db", o);
    // No acknowledgement guarantee, but the survivors form a prefix and each is atomic.
    CheckAfterCrash(*st, 60, {});
    std::string n = GetOne(*st, "n");
    int present = n == "<none>" ? 0 : std::stoi(n);
    for (int i = 0; i < present; ++i) EXPECT_NE(GetOne(*st, "a" + std::to_string(i)), "<none>");
  }
}

}  // namespace
}  // namespace aokit::store
