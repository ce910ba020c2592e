// World scheduling: the emulated SU (slots, time, hash chain), evaluation, and the emulated
// MU routing each result's outbox (signing, From-Process, Pushed-For, spawns, assignments).
#include <algorithm>

#include "world_internal.h"

namespace aokit::emu {
namespace {

std::string AnchorText(const std::optional<std::string>& anchor) { return anchor.value_or(""); }

}  // namespace

// The log is plain text: drop the ANSI colour sequences aos puts in its output.
std::string StripAnsi(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      i += 2;
      while (i < text.size() && !(text[i] >= '@' && text[i] <= '~')) ++i;
      continue;
    }
    out += text[i];
  }
  return out;
}

namespace {

}  // namespace

// The returned id is the map's key: valid until retention drops the message.
const std::string& World::Record(MessageRecord record) {
  // try_emplace copies the key from record.id before it moves the record (pair members are
  // constructed in order).
  auto [it, inserted] = messages_.try_emplace(record.id, std::move(record));
  if (inserted) {
    message_order_.push_back(it->first);
    ++messages_made_;
  }
  return it->first;
}

void World::Enqueue(const std::string& message_id, const std::string& process_id) {
  ++pending_count_[message_id];
  auto it = processes_.find(process_id);
  if (options_.schedule == ScheduleMode::kParallel && it != processes_.end()) {
    ProcessSlot& slot = *it->second;
    slot.mailbox.push_back({message_id, process_id});
    MarkReady(slot);
  } else
    queue_.push_back({message_id, process_id});
}

// Parallel mode: a process with mail joins the back of the ready queue unless a worker holds
// it (the worker re-queues it when done) or it is queued already.
void World::MarkReady(ProcessSlot& slot) {
  if (slot.running || slot.ready || slot.mailbox.empty()) return;
  slot.ready = true;
  ready_.push_back(&slot);
}

AssignedMessage World::Assign(ProcessSlot& process, const MessageRecord& message) {
  AssignedMessage m;
  m.id = message.id;
  m.signature = Base64UrlEncode(message.item.signature);
  m.owner = message.owner;
  m.from = message.from;
  if (FindTag(message.item.tags, "From-Process")) m.forwarded_by = message.owner;
  m.target = message.item.target ? Base64UrlEncode(*message.item.target) : message.target;
  m.anchor = AnchorText(message.item.anchor);
  m.tags = message.item.tags;
  m.tags.insert(m.tags.end(), message.extra_tags.begin(), message.extra_tags.end());
  m.data = message.item.data;
  m.cron = message.cron;
  m.nonce = process.next_slot++;
  m.timestamp = now_ms_;
  m.block_height = BlockHeight();
  process.hash_chain = Base64UrlEncode(Sha256(process.hash_chain + message.id));
  m.hash_chain = process.hash_chain;
  if (options_.retain_messages == 0) process.history.push_back(m);
  return m;
}

World::Evaluated World::EvaluateDelivery(Delivery delivery) {
  Evaluated e;
  e.delivery = std::move(delivery);
  auto message = messages_.find(e.delivery.message_id);
  auto process = processes_.find(e.delivery.process_id);
  if (message != messages_.end()) e.message = &message->second;
  if (message == messages_.end() || process == processes_.end()) return e;
  EvaluateAssigned(e, *process->second);
  return e;
}

void World::EvaluateAssigned(Evaluated& e, ProcessSlot& process) {
  AssignedMessage assigned = Assign(process, *e.message);
  e.delivered = true;
  e.slot = assigned.nonce;
  e.timestamp = assigned.timestamp;
  e.result = process.process->Evaluate(assigned);
}

MessageRecord World::MakeOutgoing(const OutboxEntry& entry, const std::string& anchor, const MessageRecord& cause,
                                  const std::string& sender_pid, const std::string& sender_module,
                                  bool spawn) const {
  MessageRecord out;
  DataItem item;
  item.tags = entry.tags;
  RemoveTags(item.tags, {"Data-Protocol", "Type", "From-Process", "From-Module", "Assignments", "Pushed-For"});
  item.tags.push_back({"Data-Protocol", "ao"});
  item.tags.push_back({"Type", spawn ? "Process" : "Message"});
  item.tags.push_back({"From-Process", sender_pid});
  item.tags.push_back({"From-Module", sender_module});
  out.pushed_for = cause.pushed_for.empty() ? cause.id : cause.pushed_for;
  item.tags.push_back({"Pushed-For", out.pushed_for});
  if (spawn && !FindTag(item.tags, "Scheduler")) item.tags.push_back({"Scheduler", su_address_});
  if (spawn && !FindTag(item.tags, "Variant")) item.tags.push_back({"Variant", "ao.TN.1"});
  item.data = entry.data;
  if (anchor.size() == 32) item.anchor = anchor;
  if (!spawn) {
    auto target = Base64UrlDecode(entry.target);
    if (target && target->size() == 32) item.target = *target;
    else out.delivery_error = "invalid target '" + entry.target + "' (not a 43-character process id)";
  }
  if (!entry.error.empty()) out.delivery_error = entry.error;
  std::size_t tag_bytes = EncodeAvroTags(item.tags).size();
  if (tag_bytes > kMaxTagBytes)
    out.delivery_error = "tags are " + std::to_string(tag_bytes) + " bytes, over the " +
                         std::to_string(kMaxTagBytes) + "-byte limit";
  Seal(item, mu_key_);
  out.id = ItemId(item);
  out.owner = mu_key_.address();
  out.from = sender_pid;
  out.target = spawn ? out.id : entry.target;
  out.parent = cause.id;
  out.is_spawn = spawn;
  out.item = std::move(item);
  return out;
}

bool World::Step() {
  if (queue_.empty()) return false;
  Evaluated e = EvaluateDelivery(std::move(queue_.front()));
  queue_.pop_front();
  auto sender = processes_.find(e.delivery.process_id);
  if (sender != processes_.end()) RouteOutbox(e, *sender->second);
  Commit(e);
  return true;
}

std::size_t World::Run(std::size_t max_steps) {
  if (options_.schedule == ScheduleMode::kParallel) return RunParallel(max_steps);
  std::size_t steps = 0;
  while (steps < max_steps && Step()) ++steps;
  return steps;
}

// Signs the outbox (MU work that needs no shared state besides keys and the sender's slot).
// An outbox entry without a 32-byte anchor gets one from a per-sender counter: otherwise two
// identical messages (same target, tags, data) would be identical items with one id.
void World::RouteOutbox(Evaluated& e, ProcessSlot& sender) const {
  if (!e.delivered) return;
  auto anchor = [&](const OutboxEntry& entry) {
    return entry.anchor.size() == 32 ? entry.anchor : PaddedCounter(++sender.mu_anchors);
  };
  for (const auto& entry : e.result.messages)
    e.outgoing.push_back(
        MakeOutgoing(entry, anchor(entry), *e.message, e.delivery.process_id, sender.module_tag, false));
  for (const auto& entry : e.result.spawns)
    e.spawns.push_back(
        MakeOutgoing(entry, anchor(entry), *e.message, e.delivery.process_id, sender.module_tag, true));
}

void World::Commit(Evaluated& e) {
  const std::string& mid = e.delivery.message_id;
  const std::string& pid = e.delivery.process_id;
  if (--pending_count_[mid] <= 0) pending_count_.erase(mid);
  if (!e.delivered) {
    auto it = messages_.find(mid);
    std::string why = it == messages_.end() ? "message " + mid + " is no longer retained"
                                            : "no process with id '" + pid + "'";
    if (it != messages_.end()) it->second.delivery_error = why;
    if (options_.keep_log) log_.push_back("undeliverable " + mid + ": " + why);
    return;
  }
  ++evaluations_;
  if (options_.keep_log) {
    std::string line = "[" + std::to_string(e.timestamp - options_.start_time_ms) + "ms] " +
                       DisplayName(e.message->from) + " -> " + DisplayName(pid) + " #" +
                       std::to_string(e.slot);
    if (e.message->is_spawn) line += " (process message)";
    if (const std::string* action = FindTag(e.message->item.tags, "Action")) line += " Action=" + *action;
    if (e.result.error) {
      std::string error = StripAnsi(*e.result.error);
      std::size_t start = error.find_first_not_of("\n");
      error = start == std::string::npos ? "" : error.substr(start);
      line += "  ERROR: " + error.substr(0, error.find('\n'));
    }
    log_.push_back(std::move(line));
  }
  // Nothing below adds an evaluation of `mid`, so the reference stays valid (map values
  // do not move when the map grows).
  Evaluation& evaluation = EvaluationAt(mid, pid);
  auto& ids = evaluation.outgoing;
  for (auto& out : e.outgoing) {
    const std::string& target = out.target;
    bool deliverable = out.delivery_error.empty();
    bool to_wallet = wallet_addresses_.count(target) > 0 && !processes_.count(target);
    if (to_wallet && options_.keep_log) {
      const std::string* action = FindTag(out.item.tags, "Action");
      log_.push_back("[" + std::to_string(e.timestamp - options_.start_time_ms) + "ms] " + DisplayName(pid) +
                     " -> " + DisplayName(target) + " (wallet)" + (action ? " Action=" + *action : ""));
    }
    ids.push_back(out.id);
    if (deliverable && !to_wallet) Enqueue(out.id, target);  // before Record moves `out`
    Record(std::move(out));
  }
  for (auto& spawn : e.spawns) {
    MessageRecord notice_cause = spawn;
    auto created = CreateProcess(spawn, nullptr);
    ids.push_back(Record(std::move(spawn)));
    if (!created) {
      messages_[ids.back()].delivery_error = created.error().message;
      if (options_.keep_log) log_.push_back("spawn failed: " + created.error().message);
      continue;
    }
    Enqueue(*created, *created);
    OutboxEntry notice;
    notice.target = pid;
    notice.tags = notice_cause.item.tags;
    RemoveTags(notice.tags, {"Data-Protocol", "Type", "Variant", "From-Process", "From-Module",
                             "Pushed-For", "Scheduler", "Module", "Authority", "On-Boot"});
    notice.tags.push_back({"Process", *created});
    notice.tags.push_back({"Action", "Spawned"});
    notice.tags.push_back({"Variant", "ao.TN.1"});
    MessageRecord record = MakeOutgoing(notice, notice.anchor, *e.message, pid, processes_.at(pid)->module_tag, false);
    ids.push_back(Record(std::move(record)));
    Enqueue(ids.back(), pid);
  }
  for (const auto& assignment : e.result.assignments)
    for (const auto& target : assignment.processes)
      if (messages_.count(assignment.message) && processes_.count(target)) Enqueue(assignment.message, target);
  auto found = messages_.find(mid);
  if (found != messages_.end() && found->second.timestamp == 0) found->second.timestamp = e.timestamp;
  evaluation.result = std::move(e.result);
  Retain();
}

std::vector<Delivery> World::Pending() const {
  std::lock_guard lock(mutex_);
  std::vector<Delivery> out(queue_.begin(), queue_.end());
  for (const auto& pid : process_order_) {
    const auto& mailbox = processes_.at(pid)->mailbox;
    out.insert(out.end(), mailbox.begin(), mailbox.end());
  }
  return out;
}

Result<void> World::Reorder(const std::string& process_id, const std::vector<std::string>& message_ids) {
  std::lock_guard lock(mutex_);
  std::vector<std::size_t> positions;
  std::vector<std::string> current;
  for (std::size_t i = 0; i < queue_.size(); ++i)
    if (queue_[i].process_id == process_id) {
      positions.push_back(i);
      current.push_back(queue_[i].message_id);
    }
  std::vector<std::string> sorted_current = current, sorted_new = message_ids;
  std::sort(sorted_current.begin(), sorted_current.end());
  std::sort(sorted_new.begin(), sorted_new.end());
  if (sorted_current != sorted_new)
    return Fail("reorder: the ids given are not exactly the " + std::to_string(current.size()) +
                " messages queued for process " + process_id);
  for (std::size_t i = 0; i < positions.size(); ++i) queue_[positions[i]].message_id = message_ids[i];
  return {};
}

// Bounded retention: drop the oldest messages (and their results) beyond the limit, never one
// that is still queued for delivery.
void World::Retain() {
  std::size_t limit = options_.retain_messages;
  if (limit == 0) return;
  while (message_order_.size() > limit) {
    const std::string& oldest = message_order_.front();
    if (pending_count_.count(oldest)) break;
    results_.erase(oldest);
    messages_.erase(oldest);
    message_order_.pop_front();
  }
  while (log_.size() > limit) log_.pop_front();
}

}  // namespace aokit::emu
