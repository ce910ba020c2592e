// A world: many AO processes, an emulated MU (signs outgoing messages, adds From-Process and
// Pushed-For), an emulated SU (slots, Timestamp, Block-Height, hash chain from a virtual
// clock), and a scheduler. Deterministic by default: same options and inputs → byte-identical
// ids and results.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "aokit/emu/ans104.h"
#include "aokit/emu/error.h"
#include "aokit/emu/eval_result.h"
#include "aokit/emu/keys.h"
#include "aokit/emu/process.h"

namespace aokit::emu {

enum class SigningMode { kEd25519, kUnsigned };
enum class ScheduleMode { kDeterministic, kParallel };

struct WorldOptions {
  std::string seed = "aokit";                 // fixes every key, so every id
  SigningMode signing = SigningMode::kEd25519;
  ScheduleMode schedule = ScheduleMode::kDeterministic;
  unsigned threads = 2;                        // parallel mode workers
  std::size_t retain_messages = 0;             // 0 = keep every message and result
  std::int64_t start_time_ms = 1735689600000;  // 2025-01-01T00:00:00Z
  std::int64_t start_block_height = 1500000;
  std::int64_t block_interval_ms = 120000;
  ProcessLimits limits;                        // defaults for new processes
  std::string runtime_dir;                     // empty = the embedded aos-compatible runtime
  bool keep_log = true;                        // keep the readable log (bounded by retention)
};

struct SpawnRequest {
  std::string owner = "user";           // wallet name
  std::string name;                     // Name tag (and display name)
  std::optional<std::string> source;    // Lua code run on boot (On-Boot = Data)
  std::optional<std::string> module_file;  // custom module implementing handle(msg, env)
  std::vector<Tag> tags;
  std::vector<std::string> module_paths;   // package.path templates for the process's requires
  std::optional<ProcessLimits> limits;
};

struct SendRequest {
  std::string from = "user";            // wallet name, or a process id (sent as that process)
  std::string target;                   // process id
  std::vector<Tag> tags;                // Action etc.
  std::string data;
};

// Everything the world keeps about one message.
struct MessageRecord {
  std::string id;
  DataItem item;
  std::string owner;         // signer's address
  std::string from;          // From-Process tag or owner
  std::string target;        // process id (the process id itself for spawns)
  std::string parent;        // id of the message whose evaluation produced this one
  std::string pushed_for;    // id of the user message that started the chain
  bool is_spawn = false;
  bool cron = false;           // a cron tick (Cron-Interval), not a signed user message
  std::string delivery_error;  // set when the target does not exist
  std::int64_t timestamp = 0;  // virtual time when it was first assigned
  // Tags the process sees besides the signed ones (the MU's Authority on processes spawned
  // through the gateway: the item itself cannot change without breaking its signature).
  std::vector<Tag> extra_tags;
};

// One evaluation in a process's assignment log.
struct SlotEntry {
  std::string message_id;
  std::int64_t slot = 0;
  std::int64_t timestamp = 0;
  bool cron = false;
};

struct Delivery {
  std::string message_id;
  std::string process_id;
};

// Parses a Cron-Interval value ("1-minute", "10-seconds", "5-blocks") into milliseconds, or an
// error naming the value.
Result<std::int64_t> ParseCronInterval(const std::string& value, std::int64_t block_interval_ms);

class World {
 public:
  explicit World(WorldOptions options = {});
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  const WorldOptions& options() const { return options_; }

  // Wallets: created on first use, deterministic from the seed and the name.
  std::string WalletAddress(const std::string& name);
  std::string MuAddress() const { return mu_key_.address(); }
  const std::string& DefaultModuleId() const { return default_module_id_; }
  // The tags of the module item every process runs (what a gateway lookup of it returns).
  static std::vector<Tag> ModuleTags();
  const std::string& SchedulerAddress() const { return su_address_; }

  // Spawns a process: boots its Lua state and queues its process message. Returns its id.
  Result<std::string> Spawn(const SpawnRequest& request);
  // Signs a message with the sender's wallet (or as a process, through the MU) and queues it.
  Result<std::string> Send(const SendRequest& request);

  // Evaluates a message against a process without assigning a slot or changing its state
  // (`Read-Only = true`, as aoconnect's dryrun): a replica of the process is rebuilt by replaying
  // its assignment log, evaluates the message, and is thrown away. Needs the full history
  // (retain = 0).
  Result<EvalResult> DryRun(const SendRequest& request);
  // The same for a message described as the CU's dry-run body has it: the owner's address
  // instead of a wallet name (From = a From-Process tag, else the owner).
  Result<EvalResult> DryRunAs(const std::string& process_id, const std::string& owner_address,
                              const std::vector<Tag>& tags, const std::string& data);

  // Accepts a signed data item from outside (a client, a file): decodes it, verifies its
  // signature, refuses a replayed id, then spawns (Type = Process) or queues it for its target.
  // add_mu_authority: a spawned process also lists the MU as an Authority (gateway spawns), so
  // process-to-process messages are trusted as on AO.
  Result<std::string> SubmitItem(std::string_view bytes, bool add_mu_authority = false);
  // Assigns an existing message to another process (the SU's assign): its aos assignment gate
  // then decides whether to evaluate it. Returns an id for the assignment.
  Result<std::string> AssignExisting(const std::string& message_id, const std::string& process_id);
  // A process's assignment log (slot order); empty unless retain = 0.
  std::vector<SlotEntry> SlotLog(const std::string& process_id) const;
  // The spawn tags of a process (what a gateway GraphQL lookup returns), or nullopt.
  std::optional<std::vector<Tag>> ProcessTags(const std::string& process_id) const;
  // The binary data item of a retained message.
  Result<std::string> ExportItem(const std::string& message_id) const;

  // Scheduling. Step evaluates one queued delivery (false when idle); Run runs until idle or
  // max_steps, returning the number of evaluations.
  bool Step();
  std::size_t Run(std::size_t max_steps = SIZE_MAX);
  std::vector<Delivery> Pending() const;
  Result<void> Reorder(const std::string& process_id, const std::vector<std::string>& message_ids);
  // Moves the virtual clock forward. Processes spawned with a `Cron-Interval` tag
  // ("10-seconds", "1-minute", "2-hours", "1-day", "5-blocks", …) get a cron message at every
  // tick passed; each tick is queued at its own time and the world runs to quiescence before
  // the clock moves past it, so timestamps stay monotonic.
  void AdvanceTime(std::int64_t ms);
  std::int64_t Now() const { return now_ms_; }

  // Lookups. Pointers stay valid until the next call that changes the world.
  const MessageRecord* FindMessage(const std::string& id) const;
  const EvalResult* FindResult(const std::string& message_id, const std::string& process_id = "") const;
  std::vector<const MessageRecord*> Messages() const;  // retained, in the order they were made
  std::vector<std::string> ProcessIds() const;          // in spawn order
  bool HasProcess(const std::string& id) const;
  bool IsWallet(const std::string& address) const { return wallet_addresses_.count(address) > 0; }
  Result<nlohmann::json> Eval(const std::string& process_id, const std::string& code);
  std::string DisplayName(const std::string& address_or_pid) const;
  // Ids of the messages the MU made from the outbox of (message, process).
  std::vector<std::string> OutgoingIds(const std::string& message_id, const std::string& process_id) const;
  // The readable log: one entry per evaluation (virtual time, slot, sender → process).
  std::vector<std::string> Log() const { return {log_.begin(), log_.end()}; }
  std::uint64_t evaluations() const { return evaluations_; }
  std::uint64_t messages_made() const { return messages_made_; }  // every item the world signed

 private:
  struct ProcessSlot;
  struct Evaluated;
  const Ed25519Key& Wallet(const std::string& name);
  void Seal(DataItem& item, const Ed25519Key& key) const;
  const std::string& Record(MessageRecord record);
  Result<std::string> CreateProcess(const MessageRecord& spawn, const SpawnRequest* request);
  AssignedMessage Assign(ProcessSlot& process, const MessageRecord& message);
  Evaluated EvaluateDelivery(Delivery delivery);
  void Commit(Evaluated& evaluated);
  void RouteOutbox(Evaluated& evaluated, ProcessSlot& sender) const;
  MessageRecord MakeOutgoing(const OutboxEntry& entry, const std::string& anchor, const MessageRecord& cause,
                             const std::string& sender_pid, const std::string& sender_module,
                             bool spawn) const;
  void EvaluateAssigned(Evaluated& e, ProcessSlot& process);
  void Enqueue(const std::string& message_id, const std::string& process_id);
  void Retain();
  std::size_t RunParallel(std::size_t max_steps);
  void MarkReady(ProcessSlot& slot);
  ProcessConfig ConfigFor(const MessageRecord& spawn, const SpawnRequest* request) const;
  struct Evaluation;
  Evaluation& EvaluationAt(const std::string& message_id, const std::string& process_id);
  const Evaluation* FindEvaluation(const std::string& message_id, const std::string& process_id) const;
  std::int64_t BlockHeight() const;
  bool QueueCronTicksAt(std::int64_t limit_ms);

  WorldOptions options_;
  Ed25519Key mu_key_;
  Ed25519Key module_key_;
  std::string su_address_;
  std::string default_module_id_;
  std::map<std::string, Ed25519Key> wallets_;
  std::map<std::string, std::string> names_;  // address/pid → display name
  std::map<std::string, std::uint64_t> wallet_nonces_;
  std::set<std::string> wallet_addresses_;  // messages to these are kept, not delivered

  std::unordered_map<std::string, std::unique_ptr<ProcessSlot>> processes_;
  std::vector<std::string> process_order_;
  std::unordered_map<std::string, MessageRecord> messages_;
  std::deque<std::string> message_order_;
  // One message's evaluation at one process: its result and the ids of the messages and
  // spawns it produced. Kept per message id (usually one process, more with assignments),
  // so retention drops a message's results at every process with the message.
  struct Evaluation {
    std::string process_id;
    EvalResult result;
    std::vector<std::string> outgoing;
  };
  std::unordered_map<std::string, std::vector<Evaluation>> results_;
  std::unordered_map<std::string, int> pending_count_;  // deliveries still queued per message
  std::deque<Delivery> queue_;
  // Parallel mode: processes with mail and no worker, oldest first (fair: no process waits
  // behind others that keep receiving mail).
  std::deque<ProcessSlot*> ready_;
  std::deque<std::string> log_;
  std::int64_t now_ms_;
  std::uint64_t evaluations_ = 0;
  std::uint64_t messages_made_ = 0;
  mutable std::mutex mutex_;  // parallel mode: guards every member above except processes' Lua states
};

}  // namespace aokit::emu
