// The three emulator workloads of issue 2, matching the aolite anchor measurement:
//   pingpong  A sends Ping, B replies Pong with msg.reply (round trips, chained)
//   token     Transfer debits/credits and sends Debit-Notice + Credit-Notice (3 users)
//   fanout    a coordinator forwards each Work to 5 workers, counts Done, sends Complete
#pragma once

#include <cstdint>
#include <string>

#include "aokit/emu/world.h"

namespace aokit::bench {

struct WorkloadRun {
  std::uint64_t messages = 0;     // items signed by the world while the workload ran
  std::uint64_t evaluations = 0;
  std::string check;              // the workload's own correctness check, e.g. "supply ok"
  double seconds = 0;             // wall-clock time of the message phase only (spawns and boots excluded)
  double setup_seconds = 0;       // spawning and booting the processes
};

// `pairs` independent ping/pong pairs share the round trips (parallel mode needs >1).
WorkloadRun RunPingPong(emu::World& world, int round_trips, int pairs);
WorkloadRun RunToken(emu::World& world, int transfers);
WorkloadRun RunFanout(emu::World& world, int requests);
// pingpong on a minimal custom module (handle(msg, env) in a few lines instead of the aos
// runtime): what the emulator core itself costs per message (signing, scheduling, tables).
// With `contract`, the module also makes every object aos's per-message contract requires
// (fresh ao.env, Tags maps, outbox, closures, coroutine, outgoing message): the floor under
// any aos-compatible runtime's cost ("floor" workload).
WorkloadRun RunCorePingPong(emu::World& world, int round_trips, bool contract);

}  // namespace aokit::bench
