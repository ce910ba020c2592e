// World::DryRun: evaluate without changing anything. A Lua state cannot be snapshotted cheaply,
// so a replica is rebuilt from the process's assignment log — byte-identical inputs give the
// identical state — and thrown away after evaluating the read-only message.
#include "world_internal.h"

namespace aokit::emu {

Result<EvalResult> World::DryRun(const SendRequest& request) {
  std::unique_lock lock(mutex_);
  auto found = processes_.find(request.target);
  if (found == processes_.end()) return Fail("dry-run: no process with id '" + request.target + "'");
  if (options_.retain_messages != 0)
    return Fail("dry-run: needs the full message history of the process (world option retain = 0)");
  ProcessSlot& slot = *found->second;
  DataItem item;
  item.target = *Base64UrlDecode(request.target);
  item.tags = {{"Data-Protocol", "ao"}, {"Variant", "ao.TN.1"}, {"Type", "Message"}};
  for (const auto& tag : request.tags) item.tags.push_back(tag);
  item.data = request.data;
  AssignedMessage m;
  auto sender = processes_.find(request.from);
  const Ed25519Key& key = sender != processes_.end() ? mu_key_ : Wallet(request.from);
  if (sender != processes_.end()) item.tags.push_back({"From-Process", request.from});
  SealUnsigned(item, key);  // dry-runs are not signed on AO either
  m.id = ItemId(item);
  m.signature = Base64UrlEncode(item.signature);
  m.owner = key.address();
  m.from = sender != processes_.end() ? request.from : m.owner;
  if (sender != processes_.end()) m.forwarded_by = m.owner;
  m.target = request.target;
  m.tags = item.tags;
  m.data = item.data;
  m.nonce = slot.next_slot;
  m.timestamp = now_ms_;
  m.block_height = BlockHeight();
  m.hash_chain = slot.hash_chain;
  m.read_only = true;
  ProcessConfig config = slot.config;
  std::vector<AssignedMessage> history = slot.history;
  lock.unlock();
  auto replica = Process::Create(std::move(config));
  if (!replica) return Fail("dry-run: " + replica.error().message);
  for (const auto& past : history) (*replica)->Evaluate(past);
  return (*replica)->Evaluate(m);
}

}  // namespace aokit::emu
