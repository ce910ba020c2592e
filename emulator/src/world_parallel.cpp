// Parallel mode: processes run on a thread pool. Each process is still evaluated serially in
// the order of its mailbox; what differs from deterministic mode is the interleaving across
// processes (so which message reaches a shared target first, and the virtual times seen).
#include <condition_variable>
#include <thread>

#include "world_internal.h"

namespace aokit::emu {

std::size_t World::RunParallel(std::size_t max_steps) {
  std::condition_variable changed;
  std::size_t steps = 0;
  std::size_t running = 0;
  auto pick = [&]() -> ProcessSlot* {
    for (const auto& pid : process_order_) {
      ProcessSlot& slot = *processes_.at(pid);
      if (!slot.running && !slot.mailbox.empty()) return &slot;
    }
    return nullptr;
  };
  auto worker = [&] {
    std::unique_lock lock(mutex_);
    for (;;) {
      ProcessSlot* slot = nullptr;
      changed.wait(lock, [&] { return steps >= max_steps || (slot = pick()) != nullptr || running == 0; });
      if (slot == nullptr || steps >= max_steps) break;
      Evaluated e;
      e.delivery = slot->mailbox.front();
      slot->mailbox.pop_front();
      slot->running = true;
      ++running;
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
      slot->running = false;
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
