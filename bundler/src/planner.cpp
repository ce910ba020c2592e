#include "aokit/bundle/planner.h"

#include <algorithm>

namespace aokit::bundle {

Plan PlanShared(const std::map<std::string, std::set<std::string>>& closures,
                const std::function<std::uint64_t(const std::string&)>& bytes, const RuntimePolicy& policy) {
  Plan plan;
  const int nprocs = static_cast<int>(closures.size());
  const int runtime_min = policy.min_processes <= 0 ? nprocs : std::min(policy.min_processes, nprocs);
  std::map<std::string, std::set<std::string>> users;  // module → processes
  for (const auto& [proc, mods] : closures) {
    plan.own[proc];
    plan.chunks_of[proc];
    for (const auto& m : mods) users[m].insert(proc);
  }
  std::map<std::set<std::string>, ChunkPlan> groups;
  for (const auto& [mod, procs] : users) {
    int n = static_cast<int>(procs.size());
    if (nprocs > 1 && n >= runtime_min) {
      plan.runtime.push_back(mod);
    } else if (n == 1 || nprocs == 1) {
      for (const auto& p : procs) plan.own[p].push_back(mod);
    } else {
      ChunkPlan& c = groups[procs];
      c.processes = procs;
      c.modules.push_back(mod);
      c.bytes += bytes(mod);
    }
  }
  std::vector<ChunkPlan> chunks;
  for (auto& [procs, c] : groups) {
    if (c.bytes < policy.min_chunk_bytes) {
      for (const auto& p : procs)
        for (const auto& m : c.modules) plan.own[p].push_back(m);
    } else {
      chunks.push_back(std::move(c));
    }
  }
  // bound the number of chunks each process loads
  for (;;) {
    std::string worst;
    std::size_t worst_n = 0;
    for (const auto& [proc, _] : closures) {
      std::size_t n = 0;
      for (const auto& c : chunks) n += c.processes.count(proc);
      if (n > static_cast<std::size_t>(policy.max_chunks_per_process) && n > worst_n) {
        worst = proc;
        worst_n = n;
      }
    }
    if (worst.empty()) break;
    std::vector<std::size_t> mine;
    for (std::size_t i = 0; i < chunks.size(); ++i)
      if (chunks[i].processes.count(worst)) mine.push_back(i);
    std::sort(mine.begin(), mine.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(chunks[a].bytes, chunks[a].processes) < std::tie(chunks[b].bytes, chunks[b].processes);
    });
    ChunkPlan& into = chunks[mine[0]];
    ChunkPlan from = std::move(chunks[mine[1]]);
    into.processes.insert(from.processes.begin(), from.processes.end());
    into.modules.insert(into.modules.end(), from.modules.begin(), from.modules.end());
    std::sort(into.modules.begin(), into.modules.end());
    into.bytes += from.bytes;
    chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(mine[1]));
  }
  std::sort(chunks.begin(), chunks.end(),
            [](const ChunkPlan& a, const ChunkPlan& b) { return std::tie(a.processes, a.modules) < std::tie(b.processes, b.modules); });
  plan.chunks = std::move(chunks);
  for (std::size_t i = 0; i < plan.chunks.size(); ++i)
    for (const auto& p : plan.chunks[i].processes) plan.chunks_of[p].push_back(i);
  for (auto& [_, mods] : plan.own) {
    std::sort(mods.begin(), mods.end());
    mods.erase(std::unique(mods.begin(), mods.end()), mods.end());
  }
  return plan;
}

}  // namespace aokit::bundle
