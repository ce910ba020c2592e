// Shared-runtime planning (module federation within AO's rules), as splitChunks does for
// JavaScript: modules every process uses (policy: [runtime] min_processes) form the runtime;
// modules used by some processes are grouped by the exact set of processes using them into
// chunks; modules one process uses stay in its shell. Chunks below min_chunk_size are copied
// into their processes' shells; a process loading more than max_chunks_per_process chunks has
// its two smallest chunks merged until it does not.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "aokit/bundle/project.h"

namespace aokit::bundle {

struct ChunkPlan {
  std::set<std::string> processes;
  std::vector<std::string> modules;  // sorted
  std::uint64_t bytes = 0;
};

struct Plan {
  std::vector<std::string> runtime;                         // sorted
  std::vector<ChunkPlan> chunks;                            // sorted by process set
  std::map<std::string, std::vector<std::string>> own;      // process → shell modules (sorted)
  std::map<std::string, std::vector<std::size_t>> chunks_of;  // process → indexes into chunks
};

// `closures`: process → modules it reaches (entries excluded). `bytes`: emitted size of a module.
Plan PlanShared(const std::map<std::string, std::set<std::string>>& closures,
                const std::function<std::uint64_t(const std::string&)>& bytes, const RuntimePolicy& policy);

}  // namespace aokit::bundle
