// World: construction, wallets, spawning, sending, lookups. Scheduling is in
// world_schedule.cpp, the parallel scheduler in world_parallel.cpp.
#include "aokit/emu/world.h"

#include <algorithm>

#include "world_internal.h"

namespace aokit::emu {
namespace {

Ed25519Key KeyFor(const std::string& seed, const std::string& name) {
  return Ed25519Key::FromSeed(Sha256("aokit wallet|" + seed + "|" + name));
}

}  // namespace

std::string PaddedCounter(std::uint64_t n) {
  std::string digits = std::to_string(n);
  return std::string(32 - std::min<std::size_t>(32, digits.size()), '0') + digits;
}

const std::string* FindTag(const std::vector<Tag>& tags, const std::string& name) {
  for (const auto& tag : tags)
    if (tag.name == name) return &tag.value;
  return nullptr;
}

void SetTag(std::vector<Tag>& tags, const std::string& name, const std::string& value) {
  for (auto& tag : tags)
    if (tag.name == name) {
      tag.value = value;
      return;
    }
  tags.push_back({name, value});
}

void RemoveTags(std::vector<Tag>& tags, std::initializer_list<const char*> names) {
  tags.erase(std::remove_if(tags.begin(), tags.end(),
                            [&](const Tag& t) {
                              for (const char* n : names)
                                if (t.name == n) return true;
                              return false;
                            }),
             tags.end());
}

World::World(WorldOptions options)
    : options_(std::move(options)),
      mu_key_(KeyFor(options_.seed, "#mu")),
      module_key_(KeyFor(options_.seed, "#module")),
      now_ms_(options_.start_time_ms) {
  su_address_ = KeyFor(options_.seed, "#su").address();
  names_[mu_key_.address()] = "MU";
  // The module every process runs: a Module data item, as on AO, so its id is real.
  DataItem module;
  module.tags = ModuleTags();
  module.data = "aokit embedded aos-compatible runtime";
  Seal(module, module_key_);
  default_module_id_ = ItemId(module);
  names_[default_module_id_] = "aos-module";
}

World::~World() = default;

std::vector<Tag> World::ModuleTags() {
  return {{"Data-Protocol", "ao"},       {"Variant", "ao.TN.1"},
          {"Type", "Module"},            {"Module-Format", "wasm64-unknown-emscripten-draft_2024_02_15"},
          {"Input-Encoding", "JSON-1"},  {"Output-Encoding", "JSON-1"},
          {"Name", "aokit-aos-compatible"}, {"Content-Type", "application/wasm"}};
}

void World::Seal(DataItem& item, const Ed25519Key& key) const {
  if (options_.signing == SigningMode::kEd25519) SignEd25519(item, key);
  else SealUnsigned(item, key);
}

const Ed25519Key& World::Wallet(const std::string& name) {
  auto it = wallets_.find(name);
  if (it == wallets_.end()) {
    it = wallets_.emplace(name, KeyFor(options_.seed, name)).first;
    names_[it->second.address()] = name;
    wallet_addresses_.insert(it->second.address());
  }
  return it->second;
}

std::string World::WalletAddress(const std::string& name) {
  std::lock_guard lock(mutex_);
  return Wallet(name).address();
}

Result<std::string> World::Spawn(const SpawnRequest& request) {
  std::lock_guard lock(mutex_);
  if (request.source && request.module_file)
    return Fail("spawn: give either source code or a module file, not both");
  const Ed25519Key& owner = Wallet(request.owner);
  DataItem item;
  item.tags = {{"Data-Protocol", "ao"}, {"Variant", "ao.TN.1"}, {"Type", "Process"},
               {"Module", default_module_id_}, {"Scheduler", su_address_},
               {"Authority", mu_key_.address()}};
  if (!request.name.empty()) item.tags.push_back({"Name", request.name});
  if (request.source) item.tags.push_back({"On-Boot", "Data"});
  for (const auto& tag : request.tags) item.tags.push_back(tag);
  item.data = request.source.value_or("NODATA");
  std::uint64_t nonce = ++wallet_nonces_[request.owner];
  item.anchor = PaddedCounter(nonce);
  if (EncodeAvroTags(item.tags).size() > kMaxTagBytes)
    return Fail("spawn: tags exceed " + std::to_string(kMaxTagBytes) + " bytes");
  Seal(item, owner);
  MessageRecord record;
  record.id = ItemId(item);
  record.owner = owner.address();
  record.from = record.owner;
  record.target = record.id;
  record.is_spawn = true;
  record.item = std::move(item);
  record.pushed_for = record.id;
  auto pid = CreateProcess(record, &request);
  if (!pid) return pid;
  if (!request.name.empty()) names_[*pid] = request.name;
  Record(std::move(record));
  Enqueue(*pid, *pid);
  return pid;
}

Result<std::string> World::Send(const SendRequest& request) {
  std::lock_guard lock(mutex_);
  if (!processes_.count(request.target))
    return Fail("send: no process with id '" + request.target + "'");
  DataItem item;
  auto target = Base64UrlDecode(request.target);
  if (!target || target->size() != 32) return Fail("send: target '" + request.target + "' is not a process id");
  item.target = *target;
  item.tags = {{"Data-Protocol", "ao"}, {"Variant", "ao.TN.1"}, {"Type", "Message"}};
  for (const auto& tag : request.tags) item.tags.push_back(tag);
  item.data = request.data;
  MessageRecord record;
  auto sender = processes_.find(request.from);
  const Ed25519Key* key = nullptr;
  if (sender != processes_.end()) {  // sent as a process: through the MU, as on AO
    SetTag(item.tags, "From-Process", request.from);
    SetTag(item.tags, "From-Module", sender->second->module_tag);
    key = &mu_key_;
  } else {
    key = &Wallet(request.from);
  }
  item.anchor = PaddedCounter(++wallet_nonces_[request.from]);
  std::size_t tag_bytes = EncodeAvroTags(item.tags).size();
  if (tag_bytes > kMaxTagBytes)
    return Fail("send: tags are " + std::to_string(tag_bytes) + " bytes, over the " +
                std::to_string(kMaxTagBytes) + "-byte limit");
  Seal(item, *key);
  record.id = ItemId(item);
  if (messages_.count(record.id)) return Fail("send: message " + record.id + " was already sent");
  record.owner = key->address();
  const std::string* from_process = FindTag(item.tags, "From-Process");
  record.from = from_process ? *from_process : record.owner;
  record.target = request.target;
  record.pushed_for = record.id;
  record.item = std::move(item);
  std::string id = Record(std::move(record));
  Enqueue(id, request.target);
  return id;
}

ProcessConfig World::ConfigFor(const MessageRecord& spawn, const SpawnRequest* request) const {
  ProcessConfig config;
  config.env.id = spawn.id;
  config.env.owner = spawn.owner;
  config.env.tags = spawn.item.tags;
  config.env.tags.insert(config.env.tags.end(), spawn.extra_tags.begin(), spawn.extra_tags.end());
  const std::string* module = FindTag(spawn.item.tags, "Module");
  config.env.module_id = module ? *module : default_module_id_;
  config.env.module_owner = module_key_.address();
  config.env.module_tags = {{"Data-Protocol", "ao"}, {"Variant", "ao.TN.1"}, {"Type", "Module"}};
  config.limits = options_.limits;
  config.runtime_dir = options_.runtime_dir;
  if (request) {
    if (request->limits) config.limits = *request->limits;
    config.module_paths = request->module_paths;
    config.custom_module_file = request->module_file;
  }
  return config;
}

Result<std::string> World::CreateProcess(const MessageRecord& spawn, const SpawnRequest* request) {
  ProcessConfig config = ConfigFor(spawn, request);
  const std::string* module = FindTag(spawn.item.tags, "Module");
  auto process = Process::Create(config);
  if (!process) return tl::unexpected(process.error());
  auto slot = std::make_unique<ProcessSlot>();
  slot->process = std::move(*process);
  slot->config = std::move(config);
  slot->id = spawn.id;
  slot->module_tag = module ? *module : default_module_id_;
  slot->owner = spawn.owner;
  if (const std::string* from_process = FindTag(spawn.item.tags, "From-Process")) slot->owner = *from_process;
  if (const std::string* interval = FindTag(spawn.item.tags, "Cron-Interval")) {
    auto ms = ParseCronInterval(*interval, options_.block_interval_ms);
    if (!ms) return Fail("process " + spawn.id + ": " + ms.error().message);
    slot->cron_interval_ms = *ms;
    slot->next_cron_ms = now_ms_ + *ms;
    for (const auto& tag : spawn.item.tags)
      if (tag.name.rfind("Cron-Tag-", 0) == 0) slot->cron_tags.push_back({tag.name.substr(9), tag.value});
  }
  if (const std::string* name = FindTag(spawn.item.tags, "Name")) names_.emplace(spawn.id, *name);
  processes_.emplace(spawn.id, std::move(slot));
  process_order_.push_back(spawn.id);
  return spawn.id;
}

const MessageRecord* World::FindMessage(const std::string& id) const {
  auto it = messages_.find(id);
  return it == messages_.end() ? nullptr : &it->second;
}

const EvalResult* World::FindResult(const std::string& message_id, const std::string& process_id) const {
  std::string pid = process_id;
  if (pid.empty()) {
    const MessageRecord* m = FindMessage(message_id);
    if (m == nullptr) return nullptr;
    pid = m->target;
  }
  const Evaluation* evaluation = FindEvaluation(message_id, pid);
  return evaluation == nullptr ? nullptr : &evaluation->result;
}

std::vector<const MessageRecord*> World::Messages() const {
  std::vector<const MessageRecord*> out;
  out.reserve(message_order_.size());
  for (const auto& id : message_order_) out.push_back(&messages_.at(id));
  return out;
}

std::vector<std::string> World::ProcessIds() const { return process_order_; }

bool World::HasProcess(const std::string& id) const { return processes_.count(id) > 0; }

Result<nlohmann::json> World::Eval(const std::string& process_id, const std::string& code) {
  auto it = processes_.find(process_id);
  if (it == processes_.end()) return Fail("eval: no process with id '" + process_id + "'");
  return it->second->process->EvalCode(code);
}

std::string World::DisplayName(const std::string& address_or_pid) const {
  auto it = names_.find(address_or_pid);
  if (it != names_.end()) return it->second;
  return address_or_pid.size() > 8 ? address_or_pid.substr(0, 8) : address_or_pid;
}

std::vector<std::string> World::OutgoingIds(const std::string& message_id, const std::string& process_id) const {
  const Evaluation* evaluation = FindEvaluation(message_id, process_id);
  return evaluation == nullptr ? std::vector<std::string>{} : evaluation->outgoing;
}

const World::Evaluation* World::FindEvaluation(const std::string& message_id, const std::string& process_id) const {
  auto it = results_.find(message_id);
  if (it == results_.end()) return nullptr;
  for (const Evaluation& evaluation : it->second)
    if (evaluation.process_id == process_id) return &evaluation;
  return nullptr;
}

// The entry for a message at a process, made on its first evaluation there. A message
// delivered to the same process again (assigned twice) keeps one entry: the latest result,
// and the outgoing ids of every evaluation.
World::Evaluation& World::EvaluationAt(const std::string& message_id, const std::string& process_id) {
  std::vector<Evaluation>& evaluations = results_[message_id];
  for (Evaluation& evaluation : evaluations)
    if (evaluation.process_id == process_id) return evaluation;
  evaluations.push_back({process_id, {}, {}});
  return evaluations.back();
}

std::int64_t World::BlockHeight() const {
  return options_.start_block_height + (now_ms_ - options_.start_time_ms) / options_.block_interval_ms;
}

void World::AdvanceTime(std::int64_t ms) {
  if (ms <= 0) return;
  std::int64_t target = now_ms_ + ms;
  while (QueueCronTicksAt(target)) Run();
  std::lock_guard lock(mutex_);
  now_ms_ = target;
}

// Queues the cron messages of the earliest tick at or before limit_ms (moving the clock to it);
// false when no tick is due.
bool World::QueueCronTicksAt(std::int64_t limit_ms) {
  std::lock_guard lock(mutex_);
  std::int64_t earliest = limit_ms + 1;
  for (const auto& pid : process_order_) {
    const ProcessSlot& p = *processes_.at(pid);
    if (p.cron_interval_ms > 0 && p.next_cron_ms < earliest) earliest = p.next_cron_ms;
  }
  if (earliest > limit_ms) return false;
  now_ms_ = std::max(now_ms_, earliest);
  for (const auto& pid : process_order_) {
    ProcessSlot& p = *processes_.at(pid);
    if (p.cron_interval_ms == 0 || p.next_cron_ms != earliest) continue;
    p.next_cron_ms += p.cron_interval_ms;
    DataItem item;
    item.target = *Base64UrlDecode(pid);
    item.tags = p.cron_tags;
    item.anchor = PaddedCounter(++p.cron_count);
    SealUnsigned(item, mu_key_);  // the CU makes cron messages; they are not signed items
    MessageRecord record;
    record.id = ItemId(item);
    record.owner = p.owner;
    record.from = p.owner;
    record.target = pid;
    record.cron = true;
    record.item = std::move(item);
    record.pushed_for = record.id;
    Enqueue(Record(std::move(record)), pid);
  }
  return true;
}

Result<std::int64_t> ParseCronInterval(const std::string& value, std::int64_t block_interval_ms) {
  auto dash = value.find('-');
  std::int64_t count = 0;
  std::string unit;
  try {
    count = std::stoll(value.substr(0, dash));
    unit = dash == std::string::npos ? "" : value.substr(dash + 1);
  } catch (const std::exception&) {
    count = 0;
  }
  if (!unit.empty() && unit.back() == 's') unit.pop_back();
  static const std::pair<const char*, std::int64_t> units[] = {
      {"millisecond", 1},      {"second", 1000},          {"minute", 60000},
      {"hour", 3600000},       {"day", 86400000},         {"week", 604800000},
      {"month", 2592000000},   {"year", 31536000000}};
  std::int64_t unit_ms = unit == "block" ? block_interval_ms : 0;
  for (const auto& [name, ms] : units)
    if (unit == name) unit_ms = ms;
  if (count <= 0 || unit_ms == 0)
    return Fail("Cron-Interval '" + value + "' is not <count>-<unit> (seconds, minutes, hours, days, weeks, months, years, blocks)");
  return count * unit_ms;
}

}  // namespace aokit::emu
