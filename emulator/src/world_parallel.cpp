// Parallel mode: processes run on a thread pool. Each process is still evaluated serially in
// the order of its mailbox; what differs from deterministic mode is the interleaving across
// processes (so which message reaches a shared target first, and the virtual times seen).
// Workers take processes from a FIFO of processes with mail (World::ready_), so a process
// never waits behind others that keep receiving mail, and retention can move on.
#include <condition_variable>
#include <thread>

#include "world_internal.h"

namespace aokit::emu {

std::size_t World::RunParallel(std::size_t max_steps) {
  std::condition_variable changed;
  std::size_t steps = 0;
  std::size_t running = 0;
  auto pick = [&]() -> ProcessSlot* {
    if (ready_.empty()) return nullptr;
    ProcessSlot* slot = ready_.front();
    ready_.pop_front();
    slot->ready = false;
    return slot;
  };
  // A worker keeps a process for up to kQuantum messages in a row while it has mail: its Lua
  // state stays in that core's cache and the ready queue is not churned on every message.
  constexpr int kQuantum = 16;
  auto worker = [&] {
    std::unique_lock lock(mutex_);
    for (;;) {
      ProcessSlot* slot = nullptr;
      changed.wait(lock, [&] { return steps >= max_steps || (slot = pick()) != nullptr || running == 0; });
      if (slot == nullptr || steps >= max_steps) break;
      slot->running = true;
      ++running;
      for (int turn = 0; turn < kQuantum && !slot->mailbox.empty() && steps < max_steps; ++turn) {
        Evaluated e;
        e.delivery = slot->mailbox.front();
        slot->mailbox.pop_front();
        ++steps;
        auto message = messages_.find(e.delivery.message_id);
        bool known = message != messages_.end();
        if (known) e.message = &message->second;
        lock.unlock();
        if (known) {
          EvaluateAssigned(e, *slot);
          RouteOutbox(e, *slot);
        }
        lock.lock();
        Commit(e);
        if (!ready_.empty()) changed.notify_one();  // the commit gave an idle process mail
      }
      slot->running = false;
      MarkReady(*slot);
      --running;
      changed.notify_all();
    }
    changed.notify_all();
  };
  // Undeliverable messages (unknown process) sit in the global queue: settle them first.
  while (!queue_.empty()) Step();
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < std::max(1u, options_.threads); ++i) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  while (!queue_.empty()) Step();
  return steps;
}

}  // namespace aokit::emu
