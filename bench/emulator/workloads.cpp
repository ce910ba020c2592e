#include "workloads.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace aokit::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Users submit in batches and let the world run in between, as clients awaiting replies do:
// queueing all 10,000 transfers up front would hold every one of them (pending messages are
// never dropped by retention) and measure the queue rather than the emulator.
constexpr int kBatch = 100;

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

using emu::SendRequest;
using emu::SpawnRequest;

std::string Spawn(emu::World& world, const std::string& name, const std::string& code) {
  SpawnRequest r;
  r.name = name;
  r.source = code;
  auto pid = world.Spawn(r);
  if (!pid) throw std::runtime_error(pid.error().message);
  return *pid;
}

void Send(emu::World& world, const std::string& from, const std::string& target,
          std::vector<emu::Tag> tags, const std::string& data = "") {
  SendRequest r;
  r.from = from;
  r.target = target;
  r.tags = std::move(tags);
  r.data = data;
  auto id = world.Send(r);
  if (!id) throw std::runtime_error(id.error().message);
}

const char* kPong = R"(
Handlers.add("ping", "Ping", function(msg) msg.reply({ Action = "Pong", Data = msg.Data }) end)
)";

const char* kPing = R"(
Remaining = 0
Handlers.add("start", "Start", function(msg)
  Remaining = tonumber(msg.Rounds)
  Peer = msg.Peer
  Send({ Target = Peer, Action = "Ping", Data = "1" })
end)
Handlers.add("pong", "Pong", function(msg)
  Remaining = Remaining - 1
  if Remaining > 0 then Send({ Target = Peer, Action = "Ping", Data = msg.Data }) end
end)
)";

const char* kToken = R"(
local bint = require(".bint")(256)
Balances = {}
Handlers.add("seed", "Seed", function(msg) Balances[msg.Account] = msg.Quantity end)
Handlers.add("transfer", "Transfer", function(msg)
  local qty = bint(msg.Quantity)
  local have = bint(Balances[msg.From] or "0")
  if have < qty then
    msg.reply({ Action = "Transfer-Error", Error = "Insufficient Balance!" })
    return
  end
  Balances[msg.From] = tostring(have - qty)
  Balances[msg.Recipient] = tostring(bint(Balances[msg.Recipient] or "0") + qty)
  msg.reply({ Action = "Debit-Notice", Recipient = msg.Recipient, Quantity = msg.Quantity })
  Send({ Target = msg.Recipient, Action = "Credit-Notice", Sender = msg.From, Quantity = msg.Quantity })
end)
function Supply()
  local total = bint(0)
  for _, b in pairs(Balances) do total = total + bint(b) end
  return tostring(total)
end
)";

const char* kWorker = R"(
Handlers.add("work", "Work", function(msg) msg.reply({ Action = "Done", Data = msg.Data }) end)
)";

const char* kCoordinator = R"(
Pending = {}
Completed = 0
Handlers.add("workers", "Workers", function(msg)
  Workers = {}
  for pid in msg.Data:gmatch("[^,]+") do Workers[#Workers + 1] = pid end
end)
Handlers.add("request", "Request", function(msg)
  Pending[msg.Id] = { left = #Workers, from = msg.From }
  for _, w in ipairs(Workers) do Send({ Target = w, Action = "Work", Data = msg.Id }) end
end)
Handlers.add("done", "Done", function(msg)
  local job = Pending[msg.Data]
  job.left = job.left - 1
  if job.left == 0 then
    Pending[msg.Data] = nil
    Completed = Completed + 1
    Send({ Target = job.from, Action = "Complete", Data = msg.Data })
  end
end)
)";

// The core module's ping-pong logic, after a chunk that sets the local `contract`: nil for
// `core` (kNoContract); for `floor` (kContract) a function that builds, per message, the
// objects aos's per-message contract makes visible to a process.
const char* kCoreLogic = R"(
local remaining, peer = 0, nil
local function tag(msg, name)
  for _, t in ipairs(msg.Tags) do if t.name == name then return t.value end end
end
local function reply(msg, target, action)
  return { Messages = { { Target = target, Data = msg.Data, Tags = { { name = "Action", value = action } } } } }
end
return { handle = function(msg, env)
  if contract then return contract(msg, env) end
  local action = tag(msg, "Action")
  if action == "Start" then
    remaining, peer = tonumber(tag(msg, "Rounds")), tag(msg, "Peer")
    return { Messages = { { Target = peer, Data = "1", Tags = { { name = "Action", value = "Ping" } } } } }
  elseif action == "Ping" then
    return reply(msg, msg.From, "Pong")
  elseif action == "Pong" then
    remaining = remaining - 1
    if remaining > 0 then return reply(msg, peer, "Ping") end
  end
  return { Messages = {}, Output = remaining }
end }
)";

// `floor`: the same ping-pong, but every message also gets the tables, closures and coroutine
// that an aos-compatible runtime must create because a process can see them (aos 2.0.4):
// a fresh ao.env (env, Process and Module copies, one table per tag, the Tags maps), the
// msg.Tags map, the outbox (5 tables), HANDLER_PRINT_LOGS (twice), msg.reply/msg.forward and
// os.time closures, the handler coroutine, the outgoing message from ao.send (message, tag
// list, 4 fixed tags and the Action tag, the outbox entry copy, onReply/receive closures) and
// the result and Output tables. No normalization, matching or handler logic: what is left of
// a message's cost when the runtime's own work is taken away.
const char* kContract = R"(
-- Built the cheapest way the objects can be built: constructors, no string formatting.
local function copyPart(p)
  local list, tags, map = p.Tags, {}, {}
  for i = 1, #list do
    local t = list[i]
    tags[i] = { name = t.name, value = t.value }
    map[t.name] = t.value
  end
  return { Id = p.Id, Owner = p.Owner, Tags = map, TagArray = tags }
end
local remaining, peer, reference = 0, nil, 0
local ZEROS = string.rep("0", 31)
local function handler(msg, outbox)
  local map = msg.Tags
  local action, target = map.Action, nil
  if action == "Start" then
    remaining, peer, target = tonumber(map.Rounds), map.Peer, map.Peer
  elseif action == "Ping" then
    target = msg.From
  elseif action == "Pong" then
    remaining = remaining - 1
    if remaining > 0 then target = peer end
  end
  if target == nil then return end
  reference = reference + 1
  local ref = reference .. ""
  local sent = { Target = target, Data = msg.Data, Anchor = ZEROS:sub(#ref) .. ref, Tags = {
    { name = "Data-Protocol", value = "ao" }, { name = "Variant", value = "ao.TN.1" },
    { name = "Type", value = "Message" }, { name = "Reference", value = ref },
    { name = "Action", value = action == "Ping" and "Pong" or "Ping" } } }
  sent.onReply = function() return ref end
  sent.receive = function() return ref end
  outbox.Messages[1] = { Target = sent.Target, Data = sent.Data, Anchor = sent.Anchor, Tags = sent.Tags }
end
local function run(msg, env)
  local aoEnv = { Process = copyPart(env.Process), Module = copyPart(env.Module) }
  local list, map = msg.Tags, {}
  for i = 1, #list do
    local t = list[i]
    if map[t.name] == nil then map[t.name] = t.value end
  end
  msg.TagArray, msg.Tags = list, map
  local outbox = { Output = {}, Messages = {}, Spawns = {}, Assignments = {} }
  local logs = {}
  local now = function() return msg.Timestamp end
  msg.reply = function(r) return r, msg end
  msg.forward = function(t, f) return t, f, msg end
  local co = coroutine.create(pcall)
  coroutine.resume(co, handler, msg, outbox)
  logs = {}
  local _ = aoEnv, now, logs
  return { Output = { data = "", prompt = "aos> ", print = true }, Messages = outbox.Messages,
           Spawns = outbox.Spawns, Assignments = outbox.Assignments }
end
local contract = run
)";

const char* kNoContract = "local contract = nil\n";

}  // namespace

WorkloadRun RunCorePingPong(emu::World& world, int round_trips, bool contract) {
  auto setup_start = Clock::now();
  std::string path = contract ? "/tmp/aokit-bench-floor-module.lua" : "/tmp/aokit-bench-core-module.lua";
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) throw std::runtime_error("cannot write " + path);
  std::fputs(contract ? kContract : kNoContract, f);
  std::fputs(kCoreLogic, f);
  std::fclose(f);
  SpawnRequest a, b;
  a.name = "core-ping";
  a.module_file = path;
  b.name = "core-pong";
  b.module_file = path;
  auto ping = world.Spawn(a), pong = world.Spawn(b);
  if (!ping || !pong) throw std::runtime_error("spawn failed");
  world.Run();
  double setup = Since(setup_start);
  auto before = world.messages_made();
  auto evals = world.evaluations();
  auto start = Clock::now();
  Send(world, "user", *ping, {{"Action", "Start"}, {"Rounds", std::to_string(round_trips)}, {"Peer", *pong}});
  world.Run();
  WorkloadRun run{world.messages_made() - before, world.evaluations() - evals, "", Since(start), setup};
  run.check = run.messages == static_cast<std::uint64_t>(2 * round_trips + 1) ? "all round trips done" : "FAILED: message count";
  return run;
}

WorkloadRun RunPingPong(emu::World& world, int round_trips, int pairs) {
  auto setup_start = Clock::now();
  std::vector<std::string> pings, pongs;
  for (int i = 0; i < pairs; ++i) {
    pongs.push_back(Spawn(world, "pong" + std::to_string(i), kPong));
    pings.push_back(Spawn(world, "ping" + std::to_string(i), kPing));
  }
  world.Run();
  double setup = Since(setup_start);
  auto before = world.messages_made();
  auto evals = world.evaluations();
  auto start = Clock::now();
  for (int i = 0; i < pairs; ++i)
    Send(world, "user", pings[i], {{"Action", "Start"}, {"Rounds", std::to_string(round_trips / pairs)}, {"Peer", pongs[i]}});
  world.Run();
  WorkloadRun run{world.messages_made() - before, world.evaluations() - evals, "", Since(start), setup};
  int left = 0;
  for (const auto& p : pings) left += static_cast<int>(world.Eval(p, "Remaining")->get<std::int64_t>());
  run.check = left == 0 ? "all round trips done" : "FAILED: " + std::to_string(left) + " left";
  return run;
}

WorkloadRun RunToken(emu::World& world, int transfers) {
  auto setup_start = Clock::now();
  std::string token = Spawn(world, "token", kToken);
  const std::string users[3] = {world.WalletAddress("u0"), world.WalletAddress("u1"), world.WalletAddress("u2")};
  for (const auto& u : users) Send(world, "user", token, {{"Action", "Seed"}, {"Account", u}, {"Quantity", "1000000000"}});
  world.Run();
  double setup = Since(setup_start);
  auto before = world.messages_made();
  auto evals = world.evaluations();
  auto start = Clock::now();
  for (int i = 0; i < transfers; ++i) {
    Send(world, "u" + std::to_string(i % 3), token,
         {{"Action", "Transfer"}, {"Recipient", users[(i + 1) % 3]}, {"Quantity", std::to_string(1 + i % 97)}});
    if ((i + 1) % kBatch == 0) world.Run();
  }
  world.Run();
  WorkloadRun run{world.messages_made() - before, world.evaluations() - evals, "", Since(start), setup};
  auto supply = world.Eval(token, "Supply()");
  run.check = supply && *supply == "3000000000" ? "supply conserved" : "FAILED: supply " + supply->dump();
  return run;
}

WorkloadRun RunFanout(emu::World& world, int requests) {
  auto setup_start = Clock::now();
  std::string coordinator = Spawn(world, "coordinator", kCoordinator);
  std::string list;
  for (int i = 0; i < 5; ++i) list += (i ? "," : "") + Spawn(world, "worker" + std::to_string(i), kWorker);
  world.Run();
  Send(world, "user", coordinator, {{"Action", "Workers"}}, list);
  world.Run();
  double setup = Since(setup_start);
  auto before = world.messages_made();
  auto evals = world.evaluations();
  auto start = Clock::now();
  for (int i = 0; i < requests; ++i) {
    Send(world, "user", coordinator, {{"Action", "Request"}});
    if ((i + 1) % kBatch == 0) world.Run();
  }
  world.Run();
  WorkloadRun run{world.messages_made() - before, world.evaluations() - evals, "", Since(start), setup};
  auto completed = world.Eval(coordinator, "Completed");
  run.check = completed && *completed == requests ? "all requests completed" : "FAILED: completed " + completed->dump();
  return run;
}

}  // namespace aokit::bench
