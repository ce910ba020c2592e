// bench_emulator WORKLOAD SIGNING MODE [SCALE]
//   WORKLOAD pingpong|pingpong4|token|fanout|core|floor|sign|seal   SIGNING ed25519|unsigned   MODE deterministic|parallel
// Prints one line: workload, signing, mode, messages, seconds, messages/s, µs/message, peak RSS.
// Seconds cover the message phase only: spawning and booting the processes is timed apart.
// `sign` measures the machine's bare ed25519 signing rate (the physical limit of signed mode),
// `pingpong4` shares the round trips among 4 independent pairs (something for parallel mode to
// overlap); `seal` the bare id work of unsigned mode (deep hash + stand-in signature + id);
// `core` pingpong on a minimal custom module and `floor` the same module also making the
// objects aos's per-message contract requires (the least an aos-compatible runtime can cost).
// Run one configuration per OS process so peak RSS is that configuration's own.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "aokit/emu/keys.h"
#include "workloads.h"

namespace {

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Runs `one` (one operation) in batches of 1000 for at least a second; prints the bare line.
template <typename Op>
int BareRate(const char* workload, const char* signing, Op one) {
  auto start = std::chrono::steady_clock::now();
  long n = 0;
  double seconds = 0;
  do {
    for (int i = 0; i < 1000; ++i) one();
    n += 1000;
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (seconds < 1.0);
  std::printf("%-9s %-9s %-13s %9ld %8.3f %12.0f %9.2f %8.1f\n", workload, signing, "bare", n, seconds,
              n / seconds, seconds * 1e6 / n, PeakRssMb());
  return 0;
}

int BareSigning() {
  auto key = aokit::emu::Ed25519Key::FromSeed("bench");
  std::string message(48, 'h');
  std::size_t i = 0;
  return BareRate("sign", "ed25519", [&] { message[i++ % 48] ^= static_cast<char>(key.Sign(message)[0]); });
}

// What the MU's id work alone costs for a typical outgoing message in unsigned mode: deep hash,
// the SHA-512 stand-in signature and the id (SealUnsigned + ItemId). The floor under the
// emulator's unsigned per-message cost, whatever the runtime does.
int BareSeal() {
  auto key = aokit::emu::Ed25519Key::FromSeed("bench");
  aokit::emu::DataItem item;
  item.target = std::string(32, 't');
  item.tags = {{"Action", "Pong"}, {"Data-Protocol", "ao"}, {"Type", "Message"}, {"Variant", "ao.TN.1"},
               {"From-Process", std::string(43, 'p')}, {"From-Module", std::string(43, 'm')},
               {"Pushed-For", std::string(43, 'f')}, {"Reference", "17"}};
  item.data = "1";
  std::uint64_t counter = 0;
  std::size_t id_bytes = 0;  // kept so the id is not optimized away
  int status = BareRate("seal", "unsigned", [&] {
    item.anchor = std::to_string(100000000000000000 + ++counter) + std::string(14, '0');
    aokit::emu::SealUnsigned(item, key);
    id_bytes += aokit::emu::ItemId(item).size();
  });
  return id_bytes == 0 ? 1 : status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_emulator pingpong|pingpong4|token|fanout|core|floor|sign|seal ed25519|unsigned deterministic|parallel [scale]\n");
    return 2;
  }
  std::string workload = argv[1], signing = argv[2], mode = argv[3];
  double scale = argc > 4 ? std::stod(argv[4]) : 1.0;
  if (workload == "sign") return BareSigning();
  if (workload == "seal") return BareSeal();
  aokit::emu::WorldOptions options;
  options.signing = signing == "unsigned" ? aokit::emu::SigningMode::kUnsigned : aokit::emu::SigningMode::kEd25519;
  options.schedule = mode == "parallel" ? aokit::emu::ScheduleMode::kParallel : aokit::emu::ScheduleMode::kDeterministic;
  options.retain_messages = 1000;
  options.keep_log = false;
  options.seed = "bench";
  aokit::emu::World world(options);
  aokit::bench::WorkloadRun run;
  if (workload == "pingpong") run = aokit::bench::RunPingPong(world, static_cast<int>(20000 * scale), 1);
  else if (workload == "pingpong4") run = aokit::bench::RunPingPong(world, static_cast<int>(20000 * scale), 4);
  else if (workload == "core") run = aokit::bench::RunCorePingPong(world, static_cast<int>(20000 * scale), false);
  else if (workload == "floor") run = aokit::bench::RunCorePingPong(world, static_cast<int>(20000 * scale), true);
  else if (workload == "token") run = aokit::bench::RunToken(world, static_cast<int>(10000 * scale));
  else if (workload == "fanout") run = aokit::bench::RunFanout(world, static_cast<int>(3000 * scale));
  else {
    std::fprintf(stderr, "unknown workload '%s'\n", workload.c_str());
    return 2;
  }
  double seconds = run.seconds;
  std::printf("%-9s %-9s %-13s %9llu %8.3f %12.0f %9.2f %8.1f  %s\n", workload.c_str(), signing.c_str(), mode.c_str(),
              static_cast<unsigned long long>(run.messages), seconds, run.messages / seconds,
              seconds * 1e6 / static_cast<double>(run.messages), PeakRssMb(), run.check.c_str());
  return run.check.rfind("FAILED", 0) == 0 ? 1 : 0;
}
