// `aokit store stat|verify|dump|compact|bench <dir>`: thin adapters over aokit::store.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <vector>

#include "aokit/store/store.h"
#include "commands.h"

namespace aokit::cli {
namespace {

namespace st = aokit::store;

struct StoreCliOptions {
  std::string dir;
  std::string sync = "full";
  double seconds = 2;
  int keys = 10000;
  int procs = 1;
  bool serializable = false;
};

st::SyncMode ParseSync(const std::string& s) {
  if (s == "normal") return st::SyncMode::kNormal;
  if (s == "off") return st::SyncMode::kOff;
  return st::SyncMode::kFull;
}

[[noreturn]] void Fail(const st::Status& s) {
  std::cerr << "aokit store: " << s.ToString() << "\n";
  ExitWith(s.IsCorruption() ? 3 : 1);
}

std::unique_ptr<st::Store> OpenExisting(const StoreCliOptions& o) {
  st::Options opts;
  opts.create_if_missing = false;
  opts.sync = ParseSync(o.sync);
  auto s = st::Store::Open(o.dir, opts);
  if (!s) Fail(s.error());
  return std::move(*s);
}

const char* SyncName(st::SyncMode m) {
  return m == st::SyncMode::kFull ? "full" : m == st::SyncMode::kNormal ? "normal" : "off";
}

void RunStat(const StoreCliOptions& o) {
  auto store = OpenExisting(o);
  auto s = store->Stats();
  std::printf("generation        %llu\nlast seq          %llu\nvisible seq       %llu\ncheckpoint seq    %llu\n"
              "wal bytes         %llu\ndata file bytes   %llu\ndata entries      %llu\nmemtable keys     %llu\n"
              "active txns       %u\nsync              %s\n",
              (unsigned long long)s.generation, (unsigned long long)s.last_seq, (unsigned long long)s.visible_seq,
              (unsigned long long)s.checkpoint_seq, (unsigned long long)s.wal_bytes,
              (unsigned long long)s.data_file_bytes, (unsigned long long)s.data_entries,
              (unsigned long long)s.memtable_keys, s.active_transactions, SyncName(s.sync));
}

void RunVerify(const StoreCliOptions& o) {
  std::string report;
  st::Status s = st::Verify(o.dir, nullptr, &report);
  if (!s.ok()) Fail(s);
  std::cout << report << "verify: ok\n";
}

void RunDump(const StoreCliOptions& o) {
  st::Status s = st::Dump(o.dir, nullptr, [](std::string_view line) { std::cout << line; });
  if (!s.ok()) Fail(s);
}

void RunCompact(const StoreCliOptions& o) {
  auto store = OpenExisting(o);
  if (auto s = store->Checkpoint(); !s.ok()) Fail(s);
  auto s = store->Stats();
  std::printf("compacted: generation %llu, %llu entries, %llu bytes\n", (unsigned long long)s.generation,
              (unsigned long long)s.data_entries, (unsigned long long)s.data_file_bytes);
}

std::string Key(int i) {
  char b[32];
  std::snprintf(b, sizeof b, "key/%08d", i);
  return b;
}

// The read-write workload: read 2 random keys, read-modify-write 2 (a counter in
// the first 20 bytes of a ~200-byte value). Each process reports commits, aborts and
// latencies through a pipe; the parent checks that the counters sum to 2 x commits.
void RunBench(const StoreCliOptions& o) {
  st::Options opts;
  opts.sync = ParseSync(o.sync);
  {
    auto s = st::Store::Open(o.dir, opts);
    if (!s) Fail(s.error());
    for (int base = 0; base < o.keys; base += 500) {
      auto t = (*s)->BeginWrite();
      if (!t) Fail(t.error());
      for (int i = base; i < std::min(o.keys, base + 500); ++i) (*t)->Put(Key(i), std::string(20, '0') + std::string(180, 'v'));
      if (auto c = (*t)->Commit(); !c.ok()) Fail(c);
    }
  }
  auto iso = o.serializable ? st::Isolation::kSerializable : st::Isolation::kSnapshot;
  int fds[2];
  if (::pipe(fds) != 0) ExitWith(1);
  std::vector<pid_t> kids;
  for (int p = 0; p < o.procs; ++p) {
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      auto s = st::Store::Open(o.dir, opts);
      if (!s) ::_exit(2);
      std::mt19937 rng(1000 + p);
      std::vector<uint32_t> lat;
      uint64_t commits = 0, aborts = 0;
      auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(o.seconds);
      while (std::chrono::steady_clock::now() < end) {
        auto t0 = std::chrono::steady_clock::now();
        auto t = (*s)->BeginWrite(iso);
        if (!t) { ++aborts; continue; }
        std::string v;
        for (int r = 0; r < 2; ++r) (*t)->Get(Key(rng() % o.keys), &v);
        int a = rng() % o.keys, b = rng() % o.keys;
        if (b == a) b = (a + 1) % o.keys;
        for (int k : {a, b}) {
          (*t)->Get(Key(k), &v);
          long n = std::stol(v.substr(0, 20)) + 1;
          char num[21];
          std::snprintf(num, sizeof num, "%020ld", n);
          (*t)->Put(Key(k), std::string(num) + v.substr(20));
        }
        st::Status c = (*t)->Commit();
        if (c.ok()) {
          ++commits;
          lat.push_back(static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(
              std::chrono::steady_clock::now() - t0).count()));
        } else {
          ++aborts;
        }
      }
      std::sort(lat.begin(), lat.end());
      auto pct = [&](double q) { return lat.empty() ? 0u : lat[std::min(lat.size() - 1, size_t(q * lat.size()))]; };
      uint64_t rec[5] = {commits, aborts, pct(0.5), pct(0.95), pct(0.99)};
      ssize_t w = ::write(fds[1], rec, sizeof rec);
      ::_exit(w == sizeof rec ? 0 : 3);
    }
    kids.push_back(pid);
  }
  ::close(fds[1]);
  for (pid_t k : kids) ::waitpid(k, nullptr, 0);
  uint64_t commits = 0, aborts = 0, p50 = 0, p95 = 0, p99 = 0, mn = ~0ull, mx = 0, rec[5];
  while (::read(fds[0], rec, sizeof rec) == sizeof rec) {
    commits += rec[0];
    aborts += rec[1];
    mn = std::min(mn, rec[0]);
    mx = std::max(mx, rec[0]);
    p50 = std::max(p50, rec[2]);
    p95 = std::max(p95, rec[3]);
    p99 = std::max(p99, rec[4]);
  }
  ::close(fds[0]);
  auto store = OpenExisting(o);
  auto t = store->BeginRead();
  if (!t) Fail(t.error());
  long total = 0;
  for (auto it = (*t)->ScanPrefix("key/"); it->Valid(); it->Next()) total += std::stol(std::string(it->value().substr(0, 20)));
  long lost = static_cast<long>(2 * commits) - total;
  std::printf("aokit store bench: %d process(es), sync=%s, %s, %.1f s\n", o.procs, o.sync.c_str(),
              o.serializable ? "serializable" : "snapshot", o.seconds);
  std::printf("committed %llu (%.0f txn/s), aborts %llu, per-process min/max %llu/%llu\n",
              (unsigned long long)commits, commits / o.seconds, (unsigned long long)aborts,
              (unsigned long long)mn, (unsigned long long)mx);
  std::printf("latency us (worst process) p50 %llu p95 %llu p99 %llu\n", (unsigned long long)p50,
              (unsigned long long)p95, (unsigned long long)p99);
  std::printf("lost updates: %ld\n", lost);
  if (lost != 0) ExitWith(4);
}

}  // namespace

void SetupStore(CLI::App& app) {
  auto* store = app.add_subcommand("store", "Inspect and maintain an aokit MVCC store directory");
  store->require_subcommand(1);
  auto opts = std::make_shared<StoreCliOptions>();
  auto add = [&](const char* name, const char* help, void (*fn)(const StoreCliOptions&)) {
    auto* cmd = store->add_subcommand(name, help);
    cmd->add_option("dir", opts->dir, "store directory")->required();
    cmd->callback([opts, fn] { fn(*opts); });
    return cmd;
  };
  add("stat", "Print sequences, generation, sizes and active transactions", RunStat)
      ->add_option("--sync", opts->sync, "sync mode to attach with (full|normal|off)");
  add("verify", "Check every checksum and invariant; report the first corrupt record", RunVerify);
  add("dump", "Print every stored version (data file, then WAL)", RunDump);
  add("compact", "Checkpoint: fold the WAL into a new data file and drop dead versions", RunCompact)
      ->add_option("--sync", opts->sync, "sync mode to attach with (full|normal|off)");
  auto* bench = add("bench", "Run the read-modify-write workload on <dir> and check for lost updates", RunBench);
  bench->add_option("--seconds", opts->seconds, "duration");
  bench->add_option("--keys", opts->keys, "number of keys");
  bench->add_option("--procs", opts->procs, "OS processes");
  bench->add_option("--sync", opts->sync, "full|normal|off")->check(CLI::IsMember({"full", "normal", "off"}));
  bench->add_flag("--serializable", opts->serializable, "serializable isolation");
}

}  // namespace aokit::cli
