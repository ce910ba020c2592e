// World: spawning, messaging through the emulated MU/SU, determinism, signing modes, errors,
// spawns by processes, assignments, retention, reordering, parallel mode.
#include "aokit/emu/world.h"
#include "aokit/emu/trace.h"

#include <gtest/gtest.h>

namespace aokit::emu {
namespace {

const char* kPong = R"(
Handlers.add("ping", "Ping", function(msg) msg.reply({ Action = "Pong", Data = msg.Data }) end)
)";

const char* kPinger = R"(
Count = 0
Handlers.add("start", "Start", function(msg)
  for i = 1, tonumber(msg.Rounds or "1") do Send({ Target = msg.Data, Action = "Ping", Data = tostring(i) }) end
end)
Handlers.add("pong", "Pong", function(msg) Count = Count + 1 end)
)";

SpawnRequest Source(const std::string& name, const std::string& code) {
  SpawnRequest r;
  r.name = name;
  r.source = code;
  return r;
}

SendRequest Msg(const std::string& target, const std::string& action, const std::string& data = "",
                std::vector<Tag> extra = {}) {
  SendRequest r;
  r.target = target;
  r.tags = {{"Action", action}};
  for (auto& t : extra) r.tags.push_back(t);
  r.data = data;
  return r;
}

// Runs ping-pong and returns every message id and result, in order.
std::string Transcript(WorldOptions options, int rounds) {
  World world(options);
  auto pong = world.Spawn(Source("pong", kPong));
  auto ping = world.Spawn(Source("ping", kPinger));
  world.Run();
  world.Send(Msg(*ping, "Start", *pong, {{"Rounds", std::to_string(rounds)}}));
  world.Run();
  std::string out;
  for (const MessageRecord* m : world.Messages()) {
    out += m->id + " " + m->target + "\n";
    if (const EvalResult* r = world.FindResult(m->id)) out += r->ToJson() + "\n";
  }
  return out;
}

TEST(WorldTest, PingPongRoundTrips) {
  World world;
  auto pong = world.Spawn(Source("pong", kPong));
  auto ping = world.Spawn(Source("ping", kPinger));
  ASSERT_TRUE(pong && ping);
  world.Run();
  auto start = world.Send(Msg(*ping, "Start", *pong, {{"Rounds", "5"}}));
  ASSERT_TRUE(start) << start.error().message;
  world.Run();
  auto count = world.Eval(*ping, "Count");
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 5);
  EXPECT_EQ(world.OutgoingIds(*start, *ping).size(), 5u);
}

TEST(WorldTest, ProcessToProcessMessagesCarryMuProvenance) {
  World world;
  auto pong = world.Spawn(Source("pong", kPong));
  auto ping = world.Spawn(Source("ping", kPinger));
  world.Run();
  auto start = world.Send(Msg(*ping, "Start", *pong));
  world.Run();
  auto sent = world.OutgoingIds(*start, *ping);
  ASSERT_EQ(sent.size(), 1u);
  const MessageRecord* m = world.FindMessage(sent[0]);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->owner, world.MuAddress());
  EXPECT_EQ(m->from, *ping);
  EXPECT_EQ(m->pushed_for, *start);
  EXPECT_EQ(m->parent, *start);
  EXPECT_TRUE(VerifyDataItem(m->item)) << "MU-signed items verify";
  // Trust: pong accepted it (its Authority is the MU) and replied.
  EXPECT_EQ(world.OutgoingIds(sent[0], *pong).size(), 1u);
}

TEST(WorldTest, SameSeedGivesIdenticalIdsAndResults) {
  WorldOptions options;
  options.seed = "determinism";
  std::string a = Transcript(options, 4);
  std::string b = Transcript(options, 4);
  EXPECT_EQ(a, b);
  options.seed = "other";
  EXPECT_NE(a, Transcript(options, 4));
}

TEST(WorldTest, UnsignedModeChangesIdsAndIsNotVerifiable) {
  WorldOptions signed_options, unsigned_options;
  unsigned_options.signing = SigningMode::kUnsigned;
  World s(signed_options), u(unsigned_options);
  auto ps = s.Spawn(Source("pong", kPong));
  auto pu = u.Spawn(Source("pong", kPong));
  ASSERT_TRUE(ps && pu);
  EXPECT_NE(*ps, *pu);
  EXPECT_TRUE(VerifyDataItem(s.FindMessage(*ps)->item));
  EXPECT_FALSE(VerifyDataItem(u.FindMessage(*pu)->item));
  EXPECT_EQ(Transcript(unsigned_options, 3), Transcript(unsigned_options, 3));
}

TEST(WorldTest, UnknownTargetsAreClearErrors) {
  World world;
  auto r = world.Send(Msg("no-such-process", "Ping"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("no process with id 'no-such-process'"), std::string::npos);
  auto p = world.Spawn(Source("p", "Handlers.add('s', 'S', function(m) Send({Target = 'bogus', Data = 'x'}) end)"));
  world.Run();
  auto s = world.Send(Msg(*p, "S"));
  world.Run();
  auto out = world.OutgoingIds(*s, *p);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(world.FindMessage(out[0])->delivery_error.find("invalid target 'bogus'"), std::string::npos);
  auto ok = world.Send(Msg(*p, "Other"));
  EXPECT_TRUE(ok) << "the world keeps working";
}

TEST(WorldTest, OversizedTagsAreRejected) {
  World world;
  auto p = world.Spawn(Source("p", ""));
  auto r = world.Send(Msg(*p, "Big", "", {{"Blob", std::string(5000, 'x')}}));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("over the 4096-byte limit"), std::string::npos) << r.error().message;
}

TEST(WorldTest, SyntaxErrorInBootCodeIsReportedAndProcessStillServes) {
  World world;
  auto p = world.Spawn(Source("broken", "Handlers.add('x', 'X', function( end"));
  ASSERT_TRUE(p);
  world.Run();
  const EvalResult* boot = world.FindResult(*p, *p);
  ASSERT_NE(boot, nullptr);
  ASSERT_TRUE(boot->error);
  auto again = world.Send(Msg(*p, "Eval", "1 + 2"));
  world.Run();
  EXPECT_EQ(world.FindResult(*again)->OutputText(), "3");
}

// As on AO, a child spawned by a process trusts MU-relayed messages only when the parent passes
// an Authority tag (the MU adds none).
TEST(WorldTest, SpawnFromProcessCreatesProcessAndNotifiesParent) {
  World world;
  auto parent = world.Spawn(Source("parent", R"lua(
Handlers.add("make", "Make", function(msg)
  local child = Spawn(ao.env.Module.Id, { Data = "Handlers.add('hi', 'Hi', function(m) m.reply({ Data = 'hello from child' }) end)", ["On-Boot"] = "Data", Authority = ao.authorities[1] }).receive()
  Child = child.Process
  local reply = Send({ Target = Child, Action = "Hi" }).receive()
  Greeting = reply.Data
end)
)lua"));
  world.Run();
  world.Send(Msg(*parent, "Make"));
  world.Run();
  auto child = world.Eval(*parent, "Child");
  ASSERT_TRUE(child && child->is_string()) << (child ? child->dump() : child.error().message);
  EXPECT_TRUE(world.HasProcess(child->get<std::string>()));
  EXPECT_EQ(*world.Eval(*parent, "Greeting"), "hello from child");
}

TEST(WorldTest, AssignmentsReachNamedProcesses) {
  World world;
  auto a = world.Spawn(Source("a", "Handlers.add('fwd', 'Fwd', function(m) Assign({ Processes = { m.Data }, Message = m.Id }) end)"));
  auto b = world.Spawn(Source("b", "Seen = 0\nao.addAssignable('fwd', { Action = 'Fwd' })\nHandlers.add('seen', 'Fwd', function(m) Seen = Seen + 1 end)"));
  world.Run();
  auto m = world.Send(Msg(*a, "Fwd", *b));
  world.Run();
  EXPECT_EQ(*world.Eval(*b, "Seen"), 1);
  EXPECT_NE(world.FindResult(*m, *b), nullptr);
}

TEST(WorldTest, BoundedRetentionKeepsMemoryFlat) {
  WorldOptions options;
  options.retain_messages = 50;
  options.signing = SigningMode::kUnsigned;
  World world(options);
  auto pong = world.Spawn(Source("pong", kPong));
  auto ping = world.Spawn(Source("ping", kPinger));
  world.Run();
  world.Send(Msg(*ping, "Start", *pong, {{"Rounds", "400"}}));
  world.Run();
  EXPECT_EQ(*world.Eval(*ping, "Count"), 400);
  EXPECT_LE(world.Messages().size(), 50u);
  EXPECT_LE(world.Log().size(), 50u);
}

// A message assigned to a second process has a result there too; once retention drops the
// message, both results and both lists of outgoing ids go with it (the one at the assigned
// process used to stay, so memory grew with every assignment).
TEST(WorldTest, RetentionDropsResultsAtAssignedProcesses) {
  WorldOptions options;
  options.retain_messages = 5;
  options.signing = SigningMode::kUnsigned;
  World world(options);
  auto a = world.Spawn(Source("a", "Handlers.add('fwd', 'Fwd', function(m) Assign({ Processes = { m.Data }, Message = m.Id }) end)"));
  auto b = world.Spawn(Source("b", "ao.addAssignable('fwd', { Action = 'Fwd' })\n"
                                   "Handlers.add('seen', 'Fwd', function(m) m.reply({ Action = 'Seen' }) end)"));
  world.Run();
  auto first = world.Send(Msg(*a, "Fwd", *b));
  world.Run();
  ASSERT_NE(world.FindResult(*first, *b), nullptr);
  EXPECT_EQ(world.OutgoingIds(*first, *b).size(), 1u);
  for (int i = 0; i < 10; ++i) {
    world.Send(Msg(*a, "Fwd", *b));
    world.Run();
  }
  EXPECT_EQ(world.FindMessage(*first), nullptr);
  EXPECT_EQ(world.FindResult(*first, *a), nullptr);
  EXPECT_EQ(world.FindResult(*first, *b), nullptr);
  EXPECT_TRUE(world.OutgoingIds(*first, *b).empty());
}

TEST(WorldTest, ReorderChangesDeliveryOrder) {
  World world;
  auto p = world.Spawn(Source("p", "Order = ''\nHandlers.add('n', 'N', function(m) Order = Order .. m.Data end)"));
  world.Run();
  auto one = world.Send(Msg(*p, "N", "1"));
  auto two = world.Send(Msg(*p, "N", "2"));
  ASSERT_EQ(world.Pending().size(), 2u);
  ASSERT_TRUE(world.Reorder(*p, {*two, *one}));
  EXPECT_FALSE(world.Reorder(*p, {*two}));
  world.Run();
  EXPECT_EQ(*world.Eval(*p, "Order"), "21");
}

TEST(WorldTest, TimeAdvancesOnlyWhenAsked) {
  World world;
  auto p = world.Spawn(Source("p", ""));
  world.Run();
  auto t1 = world.Send(Msg(*p, "Eval", "os.time()"));
  world.Run();
  world.AdvanceTime(60000);
  auto t2 = world.Send(Msg(*p, "Eval", "os.time()"));
  world.Run();
  EXPECT_EQ(std::stoll(world.FindResult(*t2)->OutputText()) - std::stoll(world.FindResult(*t1)->OutputText()), 60000);
}

TEST(WorldTest, ParallelModeMatchesDeterministicPerProcess) {
  auto run = [](ScheduleMode mode) {
    WorldOptions options;
    options.schedule = mode;
    options.signing = SigningMode::kUnsigned;
    World world(options);
    std::vector<std::string> pings;
    for (int i = 0; i < 4; ++i) {
      auto pong = world.Spawn(Source("pong" + std::to_string(i), kPong));
      auto ping = world.Spawn(Source("ping" + std::to_string(i), kPinger));
      world.Run();
      world.Send(Msg(*ping, "Start", *pong, {{"Rounds", "50"}}));
      pings.push_back(*ping);
    }
    world.Run();
    std::vector<std::string> counts;
    for (const auto& p : pings) counts.push_back(world.Eval(p, "Count")->dump());
    std::vector<std::string> ids;
    for (const MessageRecord* m : world.Messages()) ids.push_back(m->id);
    std::sort(ids.begin(), ids.end());
    return std::make_pair(counts, ids);
  };
  auto det = run(ScheduleMode::kDeterministic);
  auto par = run(ScheduleMode::kParallel);
  EXPECT_EQ(det.first, par.first);
  EXPECT_EQ(det.second, par.second) << "message ids do not depend on cross-process interleaving";
}

// aos's Utils.curry(fn) reads fn's parameter count; the sandbox has no debug.getinfo, so the
// runtime asks require("aokit.arity"), and curried calls work as in aos.
TEST(WorldTest, CurryWithoutArityCountsParameters) {
  World world;
  auto p = world.Spawn(Source("p", ""));
  ASSERT_TRUE(p);
  world.Run();
  EXPECT_EQ(*world.Eval(*p, "Utils.curry(function(a, b, c) return a .. b .. c end)('x')('y')('z')"), "xyz");
  EXPECT_EQ(*world.Eval(*p, "require('aokit.arity')(function(a, b, ...) end)"), 2);
  EXPECT_EQ(*world.Eval(*p, "require('aokit.arity')(string.len)"), 0) << "C functions declare none";
  EXPECT_FALSE(world.Eval(*p, "require('aokit.arity')(42)").has_value()) << "non-functions are an error";
}

// require("aokit.shift")(t) must leave t exactly as table.remove(t, 1) does, fast path or not.
TEST(WorldTest, ShiftMatchesTableRemove) {
  World world;
  auto p = world.Spawn(Source("p", ""));
  ASSERT_TRUE(p);
  world.Run();
  const char* check = R"(
local shift = require("aokit.shift")
local function snapshot(t)
  local keys = {}
  for k, v in next, t do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
  table.sort(keys)
  return table.concat(keys, ",") .. " #" .. #t
end
local cases = {
  function() return {} end,
  function() return { "a" } end,
  function() return { "a", "b", "c" } end,
  function() local t = {} for i = 1, 10000 do t[i] = { i } end return t end,
  function() local t = {} t[3] = "c" t[2] = "b" t[1] = "a" return t end,        -- hash part
  function() local t = { "a", "b" } t.x = "y" return t end,
  function() local t = { "a", "b", "c" } t[2] = nil return t end,               -- a hole
  function()
    local log = {}
    return setmetatable({ "a", "b" }, { __newindex = function(t, k, v) rawset(t, k, v) end }), log
  end,
}
for i, make in ipairs(cases) do
  local a, b = make(), make()
  local ra, rb = shift(a), table.remove(b, 1)
  if tostring(ra) ~= tostring(rb) and not (type(ra) == "table" and ra[1] == rb[1]) then
    return "case " .. i .. ": returned " .. tostring(ra) .. " not " .. tostring(rb)
  end
  local sa, sb = snapshot(a), snapshot(b)
  if sa:gsub("table: 0x%x+", "T") ~= sb:gsub("table: 0x%x+", "T") then return "case " .. i .. ": " .. sa:sub(1, 80) .. " vs " .. sb:sub(1, 80) end
end
local ok = pcall(shift, "not a table")
if ok then return "a string was accepted" end
return "same"
)";
  EXPECT_EQ(*world.Eval(*p, check), "same");
}

// At the 10,000 cap the Inbox drops its oldest entry per new unmatched message (aos), through
// the fast shift in the emulator.
TEST(WorldTest, InboxAtCapDropsTheOldest) {
  World world;
  auto p = world.Spawn(Source("p", ""));
  ASSERT_TRUE(p);
  world.Run();
  world.Eval(*p, "for i = #Inbox + 1, 10000 do Inbox[i] = { Id = 'filler-' .. i } end; Inbox[1] = { Id = 'filler-1' }");
  for (const char* data : {"one", "two", "three"}) world.Send(Msg(*p, "Unknown", data));
  world.Run();
  EXPECT_EQ(*world.Eval(*p, "#Inbox"), 10000);
  EXPECT_EQ(*world.Eval(*p, "Inbox[1].Id"), "filler-4");
  EXPECT_EQ(*world.Eval(*p, "Inbox[10000].Data"), "three");
  EXPECT_EQ(*world.Eval(*p, "Inbox[9999].Data"), "two");
}

// Parallel workers take processes in the order they got mail: four chatting pairs all make
// progress, instead of the first pairs in spawn order keeping both workers busy until their
// chains end (which also held up bounded retention behind the starved pairs' messages).
TEST(WorldTest, ParallelModeServesEveryProcessFairly) {
  const char* chain = R"(
Count = 0
Handlers.add("start", "Start", function(msg)
  Peer, Rounds = msg.Data, tonumber(msg.Rounds)
  Send({ Target = Peer, Action = "Ping" })
end)
Handlers.add("pong", "Pong", function(msg)
  Count = Count + 1
  if Count < Rounds then Send({ Target = Peer, Action = "Ping" }) end
end)
)";
  WorldOptions options;
  options.schedule = ScheduleMode::kParallel;
  options.signing = SigningMode::kUnsigned;
  World world(options);
  std::vector<std::string> pings, pongs;
  for (int i = 0; i < 4; ++i) {
    auto pong = world.Spawn(Source("pong" + std::to_string(i), kPong));
    auto ping = world.Spawn(Source("ping" + std::to_string(i), chain));
    ASSERT_TRUE(pong && ping);
    pongs.push_back(*pong);
    pings.push_back(*ping);
  }
  world.Run();
  for (std::size_t i = 0; i < pings.size(); ++i) world.Send(Msg(pings[i], "Start", pongs[i], {{"Rounds", "100"}}));
  world.Run(120);
  for (const auto& p : pings) EXPECT_GT(world.Eval(p, "Count")->get<int>(), 0) << "a pair made no progress";
  world.Run();
  for (const auto& p : pings) EXPECT_EQ(world.Eval(p, "Count")->get<int>(), 100);
}

}  // namespace
}  // namespace aokit::emu

namespace aokit::emu {
namespace {

TEST(WorldSubmitTest, ExportedItemsVerifyAndReplaysAreRefused) {
  World world;
  auto p = world.Spawn(Source("p", "Handlers.add('n', 'N', function(m) print('got ' .. m.Data) end)"));
  world.Run();
  auto id = world.Send(Msg(*p, "N", "one"));
  world.Run();
  auto bytes = world.ExportItem(*id);
  ASSERT_TRUE(bytes) << bytes.error().message;
  auto decoded = DecodeDataItem(*bytes);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(ItemId(*decoded), *id);
  auto replay = world.SubmitItem(*bytes);
  ASSERT_FALSE(replay);
  EXPECT_NE(replay.error().message.find("already submitted (replay)"), std::string::npos);
}

TEST(WorldSubmitTest, ExternallySignedMessageIsDeliveredAndTamperedOneRejected) {
  World world;
  auto p = world.Spawn(Source("p", "Handlers.add('n', 'N', function(m) print('got ' .. m.Data) end)"));
  world.Run();
  DataItem item;
  item.target = *Base64UrlDecode(*p);
  item.tags = {{"Data-Protocol", "ao"}, {"Type", "Message"}, {"Action", "N"}};
  item.data = "external";
  SignEd25519(item, Ed25519Key::FromSeed("external wallet"));
  auto bytes = EncodeDataItem(item);
  ASSERT_TRUE(bytes);
  std::string tampered = *bytes;
  tampered.back() = 'X';
  auto bad = world.SubmitItem(tampered);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("does not verify"), std::string::npos) << bad.error().message;
  auto truncated = world.SubmitItem(bytes->substr(0, 50));
  ASSERT_FALSE(truncated);
  EXPECT_NE(truncated.error().message.find("malformed data item"), std::string::npos);
  auto ok = world.SubmitItem(*bytes);
  ASSERT_TRUE(ok) << ok.error().message;
  world.Run();
  EXPECT_EQ(world.FindResult(*ok)->OutputText(), "got external");
  EXPECT_EQ(world.FindMessage(*ok)->from, OwnerAddress(item));
}

TEST(WorldSubmitTest, OutboxTagWithTableValueIsUndeliverable) {
  World world;
  auto p = world.Spawn(Source("p", "Handlers.add('s', 'S', function(m) ao.send({ Target = ao.id, Action = 'X', Bad = { 1 } }) end)"));
  world.Run();
  auto s = world.Send(Msg(*p, "S"));
  world.Run();
  auto out = world.OutgoingIds(*s, *p);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(world.FindMessage(out[0])->delivery_error, "tag 'Bad' has a table value; tag values must be strings");
}

}  // namespace
}  // namespace aokit::emu


namespace aokit::emu {
namespace {

TEST(TraceTest, TreeFollowsCausesAcrossProcesses) {
  World world;
  auto pong = world.Spawn(Source("pong", kPong));
  auto ping = world.Spawn(Source("ping", kPinger));
  world.Run();
  auto start = world.Send(Msg(*ping, "Start", *pong, {{"Rounds", "2"}}));
  world.Run();
  auto trace = BuildTrace(world, *start);
  ASSERT_TRUE(trace) << trace.error().message;
  EXPECT_EQ(trace->to, "ping");
  EXPECT_EQ(trace->action, "Start");
  ASSERT_EQ(trace->children.size(), 2u);
  EXPECT_EQ(trace->children[0].to, "pong");
  ASSERT_EQ(trace->children[0].children.size(), 1u);
  EXPECT_EQ(trace->children[0].children[0].action, "Pong");
  std::string text = TraceText(*trace);
  EXPECT_NE(text.find("└─ "), std::string::npos) << text;
  EXPECT_NE(TraceMermaid(*trace).find("flowchart TD"), std::string::npos);
  std::string dot = TraceDot(*trace);
  EXPECT_NE(dot.find("digraph trace"), std::string::npos);
  EXPECT_NE(dot.find("\"" + *start + "\" -> "), std::string::npos);
  EXPECT_EQ(TraceJson(*trace)["children"].size(), 2u);
  EXPECT_FALSE(BuildTrace(world, "unknown"));
}

TEST(TraceTest, ErrorsAndWalletTargetsAreMarked) {
  World world;
  auto p = world.Spawn(Source("p", "Handlers.add('a', 'A', function(m) m.reply({ Data = 'ok' }) end)\n"
                                   "Handlers.add('b', 'B', function(m) error('nope') end)"));
  world.Run();
  auto a = world.Send(Msg(*p, "A"));
  auto b = world.Send(Msg(*p, "B"));
  world.Run();
  auto ta = BuildTrace(world, *a);
  ASSERT_EQ(ta->children.size(), 1u);
  EXPECT_EQ(ta->children[0].note, "wallet");
  EXPECT_FALSE(ta->children[0].delivered);
  auto tb = BuildTrace(world, *b);
  EXPECT_NE(tb->error.find("Error handling message"), std::string::npos) << tb->error;
}

}  // namespace
}  // namespace aokit::emu

namespace aokit::emu {
namespace {

TEST(CronTest, TicksArriveAtTheirOwnTimesAsTheClockAdvances) {
  World world;
  SpawnRequest r = Source("ticker", R"(
Seen = {}
Handlers.add("tick", function(m) return m.Cron and "break" or "skip" end,
  function(m) Seen[#Seen + 1] = m.Action .. "@" .. m.Timestamp .. ":" .. tostring(m.From == Owner) end)
)");
  r.tags = {{"Cron-Interval", "1-minute"}, {"Cron-Tag-Action", "Tick"}};
  auto p = world.Spawn(r);
  ASSERT_TRUE(p) << p.error().message;
  world.Run();
  world.AdvanceTime(150000);
  auto seen = world.Eval(*p, "table.concat(Seen, ',')");
  std::int64_t t0 = world.options().start_time_ms;
  EXPECT_EQ(*seen, "Tick@" + std::to_string(t0 + 60000) + ":true,Tick@" + std::to_string(t0 + 120000) + ":true");
  EXPECT_EQ(world.Now(), t0 + 150000);
  world.AdvanceTime(30000);
  EXPECT_EQ(world.Eval(*p, "#Seen")->get<int>(), 3);
}

TEST(CronTest, BadIntervalIsAClearSpawnError) {
  World world;
  SpawnRequest r = Source("bad", "");
  r.tags = {{"Cron-Interval", "often"}};
  auto p = world.Spawn(r);
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("Cron-Interval 'often' is not <count>-<unit>"), std::string::npos);
  EXPECT_EQ(*ParseCronInterval("5-blocks", 120000), 600000);
  EXPECT_EQ(*ParseCronInterval("2-hours", 120000), 7200000);
}

}  // namespace
}  // namespace aokit::emu

namespace aokit::emu {
namespace {

TEST(DryRunTest, EvaluatesOnAReplicaWithoutChangingState) {
  World world;
  auto p = world.Spawn(Source("counter", R"(
Count = 0
Handlers.add("inc", "Inc", function(m) Count = Count + 1; m.reply({ Data = tostring(Count) }) end)
Handlers.add("get", "Get", function(m) m.reply({ Data = tostring(Count) .. (m["Read-Only"] and " ro" or "") }) end)
)"));
  world.Run();
  world.Send(Msg(*p, "Inc"));
  world.Send(Msg(*p, "Inc"));
  world.Run();
  auto before = world.Messages().size();
  auto dry = world.DryRun(Msg(*p, "Inc"));
  ASSERT_TRUE(dry) << dry.error().message;
  ASSERT_EQ(dry->messages.size(), 1u);
  EXPECT_EQ(dry->messages[0].data, "3");
  auto get = world.DryRun(Msg(*p, "Get"));
  EXPECT_EQ(get->messages[0].data, "2 ro");
  EXPECT_EQ(*world.Eval(*p, "Count"), 2) << "the real process is unchanged";
  EXPECT_EQ(world.Messages().size(), before) << "nothing recorded or queued";
  EXPECT_FALSE(world.DryRun(Msg("nope", "Get")));
}

TEST(DryRunTest, NeedsFullHistory) {
  WorldOptions options;
  options.retain_messages = 10;
  World world(options);
  auto p = world.Spawn(Source("p", ""));
  world.Run();
  auto dry = world.DryRun(Msg(*p, "Get"));
  ASSERT_FALSE(dry);
  EXPECT_NE(dry.error().message.find("retain = 0"), std::string::npos);
}

}  // namespace
}  // namespace aokit::emu
