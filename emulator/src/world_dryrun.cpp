// World::DryRun: evaluate without changing anything. A Lua state cannot be snapshotted cheaply,
// so a replica is rebuilt from the process's assignment log — byte-identical inputs give the
// identical state — and thrown away after evaluating the read-only message.
#include "world_internal.h"

namespace aokit::emu {

Result<EvalResult> World::DryRun(const SendRequest& request) {
  std::vector<Tag> tags = {{"Data-Protocol", "ao"}, {"Variant", "ao.TN.1"}, {"Type", "Message"}};
  tags.insert(tags.end(), request.tags.begin(), request.tags.end());
  std::string owner;
  {
    std::lock_guard lock(mutex_);
    if (processes_.count(request.from)) {
      tags.push_back({"From-Process", request.from});
      owner = mu_key_.address();
    } else {
      owner = Wallet(request.from).address();
    }
  }
  return DryRunAs(request.target, owner, tags, request.data);
}

Result<EvalResult> World::DryRunAs(const std::string& process_id, const std::string& owner_address,
                                   const std::vector<Tag>& tags, const std::string& data) {
  std::unique_lock lock(mutex_);
  auto found = processes_.find(process_id);
  if (found == processes_.end()) return Fail("dry-run: no process with id '" + process_id + "'");
  if (options_.retain_messages != 0)
    return Fail("dry-run: needs the full message history of the process (world option retain = 0)");
  ProcessSlot& slot = *found->second;
  DataItem item;
  item.target = *Base64UrlDecode(process_id);
  item.tags = tags;
  item.data = data;
  SealUnsigned(item, mu_key_);  // dry-runs are not signed on AO either; this only makes an id
  AssignedMessage m;
  m.id = ItemId(item);
  m.signature = Base64UrlEncode(item.signature);
  m.owner = owner_address;
  const std::string* from_process = FindTag(tags, "From-Process");
  m.from = from_process ? *from_process : owner_address;
  if (from_process) m.forwarded_by = owner_address;
  m.target = process_id;
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
