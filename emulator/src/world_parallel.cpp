// Parallel mode: processes run on a thread pool. Each process is still evaluated serially in
// the order of its mailbox; what differs from deterministic mode is the interleaving across
// processes (so which message reaches a shared target first, and the virtual times seen).
// Each process has a home worker (spawn order modulo the thread count) whose FIFO of processes
// with mail it joins (World::ready_): a process never waits behind others that keep receiving
// mail, so retention can move on, and it mostly runs on one core, whose caches keep its Lua
// state. An idle worker takes the newest entry of another worker's queue instead of waiting.
#include <condition_variable>
#include <thread>

#include "world_internal.h"

namespace aokit::emu {

std::size_t World::RunParallel(std::size_t max_steps) {
  std::condition_variable changed;
  std::size_t steps = 0;
  std::size_t running = 0;
  unsigned threads = std::max(1u, options_.threads);
  if (ready_.size() < threads) ready_.resize(threads);
  auto pick = [&](unsigned me) -> ProcessSlot* {
    ProcessSlot* slot = nullptr;
    if (!ready_[me].empty()) {
      slot = ready_[me].front();
      ready_[me].pop_front();
    } else {
      for (auto& other : ready_) {
        if (other.empty()) continue;
        slot = other.back();
        other.pop_back();
        break;
      }
    }
    if (slot != nullptr) slot->ready = false;
    return slot;
  };
  auto any_ready = [&] {
    for (const auto& queue : ready_)
      if (!queue.empty()) return true;
    return false;
  };
  // A worker keeps a process for up to kQuantum messages in a row while it has mail: its Lua
  // state stays in that core's cache and the ready queue is not churned on every message.
  constexpr int kQuantum = 16;
  auto worker = [&](unsigned me) {
    std::unique_lock lock(mutex_);
    for (;;) {
      ProcessSlot* slot = nullptr;
      changed.wait(lock, [&] { return steps >= max_steps || (slot = pick(me)) != nullptr || running == 0; });
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
        if (any_ready()) changed.notify_one();  // the commit gave an idle process mail
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
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker, i);
  for (auto& t : pool) t.join();
  while (!queue_.empty()) Step();
  return steps;
}

}  // namespace aokit::emu
