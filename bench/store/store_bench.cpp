// store_bench: the workload run side by side against aokit's store, SQLite (WAL) and
// LMDB — 10,000 keys of ~200-byte values; read-write transactions read 2 random keys and
// read-modify-write 2; read-only transactions read 4; mixes 100% read-write, 90/10 and 100%
// read-only; 1/2/4/8 OS processes; durable and relaxed commits. Prints one table row per
// configuration with committed transactions/s, latency percentiles, aborts, per-process
// min/max commits and the lost-update check, plus a bare append+fdatasync probe before and
// after (the disk's physical limit for durable commits without group commit).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engines.h"

namespace {

using Clock = std::chrono::steady_clock;

// Latency histogram: 1 us buckets below 10 ms, 100 us buckets up to 1 s, then overflow.
constexpr int kFine = 10000, kCoarse = 9900, kBuckets = kFine + kCoarse + 1;
int Bucket(uint64_t us) {
  if (us < kFine) return static_cast<int>(us);
  if (us < 1000000) return kFine + static_cast<int>((us - kFine) / 100);
  return kBuckets - 1;
}
uint64_t BucketUs(int b) { return b < kFine ? b : kFine + uint64_t(b - kFine) * 100; }

struct ChildResult {
  std::atomic<int> ready;       // set by the child once its engine is open
  std::atomic<int64_t> start_ns;  // set by the parent (steady clock) once every child is ready
  uint64_t commits, rw_commits, aborts;
  int exit_code;
  uint32_t hist[kBuckets];
};

struct Args {
  std::string dir;
  double seconds = 1.0;
  int keys = 10000;
  std::vector<int> procs{1, 2, 4, 8};
  std::vector<std::string> engines{"aokit", "sqlite", "lmdb"};
  std::vector<std::string> durability{"durable", "relaxed"};
  std::vector<int> rw_percent{100, 10, 0};
};

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string p; std::getline(ss, p, ',');) out.push_back(p);
  return out;
}

double FsyncProbe(const std::string& dir, double seconds) {
  std::string path = dir + "/fsync-probe";
  int fd = ::open(path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0644);
  if (fd < 0) return 0;
  std::string rec(200, 'p');
  auto end = Clock::now() + std::chrono::duration<double>(seconds);
  auto start = Clock::now();
  uint64_t n = 0;
  while (Clock::now() < end) {
    if (::write(fd, rec.data(), rec.size()) != ssize_t(rec.size()) || ::fdatasync(fd) != 0) break;
    ++n;
  }
  double el = std::chrono::duration<double>(Clock::now() - start).count();
  ::close(fd);
  ::unlink(path.c_str());
  return n / el;
}

// Children open their engine first (opening can mean replaying a log), then all start
// together at a time the parent sets once everyone is ready.
void RunChild(const Args& a, const std::string& engine, const std::string& dir, bool durable, int rw_pct, int id,
              ChildResult* out, ChildResult* first) {
  std::string err;
  auto e = OpenEngine(engine, dir, durable, &err);
  out->ready.store(1);
  if (!e) {
    std::fprintf(stderr, "%s: %s\n", engine.c_str(), err.c_str());
    out->exit_code = 2;
    return;
  }
  std::mt19937 rng(9000 + id * 7919);
  while (first->start_ns.load() == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
  Clock::time_point start{std::chrono::nanoseconds(first->start_ns.load())};
  std::this_thread::sleep_until(start);
  auto end = start + std::chrono::duration<double>(a.seconds);
  while (Clock::now() < end) {
    bool rw = int(rng() % 100) < rw_pct;
    int k[4] = {int(rng() % a.keys), int(rng() % a.keys), int(rng() % a.keys), int(rng() % a.keys)};
    if (k[3] == k[2]) k[3] = (k[2] + 1) % a.keys;
    auto t0 = Clock::now();
    for (;;) {
      EngineResult r = rw ? e->ReadWrite(k[0], k[1], k[2], k[3]) : e->ReadOnly(k[0], k[1], k[2], k[3]);
      if (r.ok) break;
      ++out->aborts;
      if (!r.retryable || Clock::now() > end + std::chrono::seconds(30)) {
        out->exit_code = 3;
        return;
      }
    }
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count();
    ++out->hist[Bucket(uint64_t(us))];
    ++out->commits;
    out->rw_commits += rw;
  }
}

struct Row {
  double tps;
  uint64_t p50, p95, p99, aborts, min_c, max_c;
  long long lost;
  bool failed;
};

Row RunConfig(const Args& a, const std::string& engine, const std::string& dir, bool durable, int rw_pct, int procs) {
  std::string err;
  long long before;
  {
    auto e = OpenEngine(engine, dir, durable, &err);
    before = e ? e->SumCounters(a.keys) : 0;
  }
  size_t bytes = sizeof(ChildResult) * procs;
  auto* res = static_cast<ChildResult*>(::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  std::memset(static_cast<void*>(res), 0, bytes);
  std::vector<pid_t> kids;
  for (int p = 0; p < procs; ++p) {
    pid_t pid = ::fork();
    if (pid == 0) {
      RunChild(a, engine, dir, durable, rw_pct, p, &res[p], &res[0]);
      ::_exit(0);
    }
    kids.push_back(pid);
  }
  for (int p = 0; p < procs; ++p)
    while (!res[p].ready.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  res[0].start_ns.store((Clock::now() + std::chrono::milliseconds(20)).time_since_epoch().count());
  for (pid_t k : kids) ::waitpid(k, nullptr, 0);
  Row row{};
  std::vector<uint64_t> hist(kBuckets);
  uint64_t commits = 0, rw_commits = 0;
  row.min_c = ~0ull;
  for (int p = 0; p < procs; ++p) {
    commits += res[p].commits;
    rw_commits += res[p].rw_commits;
    row.aborts += res[p].aborts;
    row.min_c = std::min(row.min_c, res[p].commits);
    row.max_c = std::max(row.max_c, res[p].commits);
    row.failed |= res[p].exit_code != 0;
    for (int b = 0; b < kBuckets; ++b) hist[b] += res[p].hist[b];
  }
  ::munmap(res, bytes);
  auto pct = [&](double q) {
    uint64_t target = uint64_t(q * commits), acc = 0;
    for (int b = 0; b < kBuckets; ++b)
      if ((acc += hist[b]) > target) return BucketUs(b);
    return BucketUs(kBuckets - 1);
  };
  row.tps = commits / a.seconds;
  row.p50 = pct(0.5);
  row.p95 = pct(0.95);
  row.p99 = pct(0.99);
  auto e = OpenEngine(engine, dir, durable, &err);
  long long after = e ? e->SumCounters(a.keys) : -1;
  row.lost = before + 2 * static_cast<long long>(rw_commits) - after;
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    auto val = [&]() { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (s == "--dir") a.dir = val();
    else if (s == "--seconds") a.seconds = std::stod(val());
    else if (s == "--keys") a.keys = std::stoi(val());
    else if (s == "--procs") { a.procs.clear(); for (auto& p : Split(val())) a.procs.push_back(std::stoi(p)); }
    else if (s == "--engines") a.engines = Split(val());
    else if (s == "--durability") a.durability = Split(val());
    else if (s == "--rw") { a.rw_percent.clear(); for (auto& p : Split(val())) a.rw_percent.push_back(std::stoi(p)); }
    else {
      std::fprintf(stderr, "usage: store_bench --dir D [--seconds S] [--keys N] [--procs 1,2,4,8] "
                           "[--engines aokit,sqlite,lmdb] [--durability durable,relaxed] [--rw 100,10,0]\n");
      return 2;
    }
  }
  if (a.dir.empty()) a.dir = (std::filesystem::temp_directory_path() / "aokit-store-bench").string();
  std::filesystem::remove_all(a.dir);
  std::filesystem::create_directories(a.dir);
  std::printf("bare append(200 B)+fdatasync probe: %.0f/s\n", FsyncProbe(a.dir, 1.0));
  std::printf("%-7s %-8s %-6s %5s %10s %8s %8s %8s %8s %15s %5s\n", "engine", "commit", "mix", "procs", "txn/s",
              "p50 us", "p95 us", "p99 us", "aborts", "min/max per-proc", "lost");
  int status = 0;
  for (const auto& dur : a.durability) {
    bool durable = dur == "durable";
    for (const auto& engine : a.engines) {
      std::string dir = a.dir + "/" + engine + "-" + dur;
      std::string err;
      if (!LoadEngine(engine, dir, durable, a.keys, &err)) {
        std::printf("%s: load failed: %s\n", engine.c_str(), err.c_str());
        status = 1;
        continue;
      }
      for (int rw : a.rw_percent) {
        for (int procs : a.procs) {
          Row r = RunConfig(a, engine, dir, durable, rw, procs);
          char mix[16], mm[32];
          std::snprintf(mix, sizeof mix, rw == 100 ? "rw" : rw == 0 ? "ro" : "%d/%d", 100 - rw, rw);
          std::snprintf(mm, sizeof mm, "%llu/%llu", (unsigned long long)r.min_c, (unsigned long long)r.max_c);
          std::printf("%-7s %-8s %-6s %5d %10.0f %8llu %8llu %8llu %8llu %15s %5lld%s\n", engine.c_str(), dur.c_str(), mix,
                      procs, r.tps, (unsigned long long)r.p50, (unsigned long long)r.p95, (unsigned long long)r.p99,
                      (unsigned long long)r.aborts, mm, r.lost, r.failed ? "  FAILED" : "");
          std::fflush(stdout);
          if (r.lost != 0 || r.failed) status = 1;
        }
      }
      std::filesystem::remove_all(dir);
    }
  }
  std::printf("bare append(200 B)+fdatasync probe: %.0f/s\n", FsyncProbe(a.dir, 1.0));
  std::filesystem::remove_all(a.dir);
  return status;
}
