// World::SubmitItem / ExportItem: data items that cross the world's boundary as bytes.
#include "world_internal.h"

namespace aokit::emu {

Result<std::string> World::SubmitItem(std::string_view bytes, bool add_mu_authority) {
  auto decoded = DecodeDataItem(bytes);
  if (!decoded) return Fail("submit: malformed data item: " + decoded.error().message);
  DataItem item = std::move(*decoded);
  std::string id = ItemId(item);
  if (auto valid = VerifyDataItem(item); !valid)
    return Fail("submit: data item " + id + " does not verify: " + valid.error().message);
  std::lock_guard lock(mutex_);
  if (messages_.count(id)) return Fail("submit: data item " + id + " was already submitted (replay)");
  MessageRecord record;
  record.id = id;
  record.owner = OwnerAddress(item);
  const std::string* from_process = FindTag(item.tags, "From-Process");
  record.from = from_process ? *from_process : record.owner;
  record.pushed_for = id;
  const std::string* type = FindTag(item.tags, "Type");
  if (type && *type == "Process") {
    if (item.target) return Fail("submit: process item " + id + " must not have a target");
    record.target = id;
    record.is_spawn = true;
    record.item = std::move(item);
    if (add_mu_authority) record.extra_tags.push_back({"Authority", mu_key_.address()});
    auto pid = CreateProcess(record, nullptr);
    if (!pid) return pid;
    Record(std::move(record));
    Enqueue(id, id);
    return id;
  }
  if (!item.target) return Fail("submit: message " + id + " has no target process");
  record.target = Base64UrlEncode(*item.target);
  if (!processes_.count(record.target))
    return Fail("submit: message " + id + " targets unknown process '" + record.target + "'");
  record.item = std::move(item);
  std::string target = record.target;
  Record(std::move(record));
  Enqueue(id, target);
  return id;
}

Result<std::string> World::AssignExisting(const std::string& message_id, const std::string& process_id) {
  std::lock_guard lock(mutex_);
  if (!messages_.count(message_id)) return Fail("assign: no message with id '" + message_id + "'");
  if (!processes_.count(process_id)) return Fail("assign: no process with id '" + process_id + "'");
  Enqueue(message_id, process_id);
  return Base64UrlEncode(Sha256("assignment|" + process_id + "|" + message_id));
}

std::vector<SlotEntry> World::SlotLog(const std::string& process_id) const {
  std::lock_guard lock(mutex_);
  std::vector<SlotEntry> out;
  auto it = processes_.find(process_id);
  if (it == processes_.end()) return out;
  for (const auto& m : it->second->history) out.push_back({m.id, m.nonce, m.timestamp, m.cron});
  return out;
}

std::optional<std::vector<Tag>> World::ProcessTags(const std::string& process_id) const {
  std::lock_guard lock(mutex_);
  auto it = processes_.find(process_id);
  if (it == processes_.end()) return std::nullopt;
  return it->second->config.env.tags;
}

Result<std::string> World::ExportItem(const std::string& message_id) const {
  std::lock_guard lock(mutex_);
  auto it = messages_.find(message_id);
  if (it == messages_.end()) return Fail("export: no retained message with id '" + message_id + "'");
  auto bytes = EncodeDataItem(it->second.item);
  if (!bytes) return Fail("export: " + bytes.error().message);
  return *bytes;
}

}  // namespace aokit::emu
