// Process: sandbox, limits, errors, custom modules, runtime_dir.
#include "aokit/emu/process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace aokit::emu {
namespace {

ProcessConfig Config(const std::string& pid = "PID") {
  ProcessConfig config;
  config.env.id = pid;
  config.env.owner = "OWNER";
  config.env.tags = {{"Type", "Process"}, {"Module", "MODULE"}, {"Name", "test"}};
  config.env.module_id = "MODULE";
  return config;
}

AssignedMessage ProcessMessage(const std::string& pid = "PID") {
  AssignedMessage m;
  m.id = pid;
  m.owner = "OWNER";
  m.from = "OWNER";
  m.target = pid;
  m.tags = {{"Type", "Process"}, {"Module", "MODULE"}, {"Name", "test"}};
  m.timestamp = 1000;
  m.block_height = 7;
  return m;
}

AssignedMessage Eval(const std::string& code, std::int64_t slot = 1) {
  AssignedMessage m = ProcessMessage();
  m.id = "MSG" + std::to_string(slot);
  m.tags = {{"Action", "Eval"}};
  m.data = code;
  m.nonce = slot;
  m.timestamp = 5000 + slot;
  return m;
}

std::unique_ptr<Process> Booted(ProcessConfig config = Config()) {
  auto process = Process::Create(std::move(config));
  EXPECT_TRUE(process) << process.error().message;
  auto first = (*process)->Evaluate(ProcessMessage());
  EXPECT_FALSE(first.error) << *first.error;
  return std::move(*process);
}

TEST(ProcessTest, EvalReturnsValueAsOutputData) {
  auto p = Booted();
  auto r = p->Evaluate(Eval("1 + 1"));
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_EQ(r.OutputText(), "2");
  // Gas is counted in steps of kGasStep instructions per Lua thread, so a message this
  // small can now finish below one step; a message that loops is always counted.
  auto looped = p->Evaluate(Eval("local s = 0 for i = 1, 5000 do s = s + i end return s", 2));
  ASSERT_FALSE(looped.error) << *looped.error;
  EXPECT_EQ(looped.OutputText(), "12502500");
  EXPECT_GT(looped.gas_used, 0u);
}

TEST(ProcessTest, SandboxRemovesHostAccess) {
  auto p = Booted();
  auto r = p->Evaluate(Eval(
      "return tostring(io) .. tostring(os.execute) .. tostring(package.loadlib) .. "
      "tostring(dofile) .. tostring(loadfile) .. tostring(debug.getinfo) .. tostring(os.getenv) .. "
      "tostring(os.remove) .. type(debug.traceback)"));
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_EQ(r.OutputText(), "nilnilnilnilnilnilnilnilfunction");
}

TEST(ProcessTest, BinaryChunksCannotBeLoaded) {
  auto p = Booted();
  auto r = p->Evaluate(Eval("local f, err = load(string.dump(function() return 1 end), 'x', 'b'); return err"));
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_NE(r.OutputText().find("binary"), std::string::npos) << r.OutputText();
}

// Regression: the text-only load wrapper once passed an explicit nil env, so loaded chunks saw
// _ENV = nil (found by bundled debug-mode modules, which are loaded with load(src, name)).
TEST(ProcessTest, LoadKeepsGlobalEnvironmentUnlessOneIsGiven) {
  auto p = Booted();
  auto r = p->Evaluate(Eval("Shared = 5; return load('return Shared', '=x')() + load('return Shared')() "
                            "+ load('return Shared', 'n', 't')() + load('return v', 'n', 't', { v = 1 })()"));
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_EQ(r.OutputText(), "16");
}

TEST(ProcessTest, OsTimeAndDateFollowTheMessage) {
  auto p = Booted();
  auto r = p->Evaluate(Eval("os.time()", 3));
  EXPECT_EQ(r.OutputText(), "5003");
  auto clock = p->Evaluate(Eval("os.date('!%Y-%m-%d', 86400)", 4));
  EXPECT_EQ(clock.OutputText(), "1970-01-02");
}

TEST(ProcessTest, RandomIsDeterministicAcrossStates) {
  auto a = Booted();
  auto b = Booted();
  auto ra = a->Evaluate(Eval("math.random(1000000)"));
  auto rb = b->Evaluate(Eval("math.random(1000000)"));
  EXPECT_EQ(ra.OutputText(), rb.OutputText());
}

TEST(ProcessTest, InfiniteLoopHitsBudgetAndProcessKeepsServing) {
  ProcessConfig config = Config();
  config.limits.instructions_per_message = 2'000'000;
  auto p = Booted(config);
  auto r = p->Evaluate(Eval("while true do end", 2));
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("instruction budget"), std::string::npos) << *r.error;
  auto swallowed = p->Evaluate(Eval("for i = 1, 10 do pcall(function() while true do end end) end", 3));
  ASSERT_TRUE(swallowed.error);
  EXPECT_NE(swallowed.error->find("instruction budget"), std::string::npos);
  auto next = p->Evaluate(Eval("40 + 2", 4));
  ASSERT_FALSE(next.error) << *next.error;
  EXPECT_EQ(next.OutputText(), "42");
}

TEST(ProcessTest, MemoryBombHitsCapAndProcessKeepsServing) {
  ProcessConfig config = Config();
  config.limits.memory_bytes = 32u << 20;
  auto p = Booted(config);
  auto r = p->Evaluate(Eval("local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1024) .. i end", 2));
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("memory limit"), std::string::npos) << *r.error;
  EXPECT_LE(p->memory_used(), config.limits.memory_bytes);
  auto rep = p->Evaluate(Eval("string.rep('x', 1 << 30)", 3));
  ASSERT_TRUE(rep.error);
  auto next = p->Evaluate(Eval("'alive'", 4));
  ASSERT_FALSE(next.error) << *next.error;
  EXPECT_EQ(next.OutputText(), "alive");
}

TEST(ProcessTest, HandlerErrorBecomesErrorResultAndDropsOutbox) {
  auto p = Booted();
  auto add = p->Evaluate(Eval(
      "Handlers.add('boom', 'Boom', function(msg) Send({Target = 'X', Data = 'lost'}); error('kaput') end)", 2));
  ASSERT_FALSE(add.error) << *add.error;
  AssignedMessage boom = Eval("", 3);
  boom.tags = {{"Action", "Boom"}};
  auto r = p->Evaluate(boom);
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("kaput"), std::string::npos) << *r.error;
  EXPECT_TRUE(r.messages.empty());
}

TEST(ProcessTest, OutboxIsRead) {
  auto p = Booted();
  auto r = p->Evaluate(Eval("Send({Target = 'TGT', Action = 'Hi', Data = 'x'}); return 'ok'", 2));
  ASSERT_FALSE(r.error) << *r.error;
  ASSERT_EQ(r.messages.size(), 1u);
  EXPECT_EQ(r.messages[0].target, "TGT");
  EXPECT_EQ(r.messages[0].data, "x");
  EXPECT_EQ(r.messages[0].anchor, std::string(31, '0') + "1");
  bool has_action = false;
  for (const auto& t : r.messages[0].tags) has_action |= t.name == "Action" && t.value == "Hi";
  EXPECT_TRUE(has_action);
}

TEST(ProcessTest, CustomModuleHandle) {
  auto dir = std::filesystem::temp_directory_path() / "aokit_custom_module_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "echo.lua") << "return { handle = function(msg, env) "
                                     "return { Output = env.Process.Id .. ':' .. msg.Data, Messages = {} } end }";
  ProcessConfig config = Config();
  config.custom_module_file = (dir / "echo.lua").string();
  auto p = Process::Create(config);
  ASSERT_TRUE(p) << p.error().message;
  AssignedMessage m = Eval("hello");
  auto r = (*p)->Evaluate(m);
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_EQ(r.OutputText(), "PID:hello");
}

// The emulator passes `true` as handle()'s third argument: its message tables have only
// canonical root keys, so the runtime skips renaming them. That promise must hold for every
// key PushMessageTable can set, optional ones included.
TEST(ProcessTest, MessageTableRootKeysAreCanonical) {
  auto dir = std::filesystem::temp_directory_path() / "aokit_canonical_keys_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "keys.lua")
      << "local normalize = require('.utils').normalize\n"
         "return { handle = function(msg, env, keysCanonical)\n"
         "  local keys, bad = {}, {}\n"
         "  for k in pairs(msg) do keys[#keys + 1] = k; if normalize(k) ~= k then bad[#bad + 1] = k end end\n"
         "  table.sort(keys); table.sort(bad)\n"
         "  return { Output = tostring(keysCanonical) .. '|' .. table.concat(bad, ',') .. '|' .. table.concat(keys, ',') }\n"
         "end }";
  ProcessConfig config = Config();
  config.custom_module_file = (dir / "keys.lua").string();
  auto p = Process::Create(config);
  ASSERT_TRUE(p) << p.error().message;
  AssignedMessage m = Eval("x");
  m.forwarded_by = "FORWARDER";
  m.read_only = true;
  m.cron = true;
  auto r = (*p)->Evaluate(m);
  ASSERT_FALSE(r.error) << *r.error;
  EXPECT_EQ(r.OutputText(),
            "true||Anchor,Block-Height,Cron,Data,Epoch,Forwarded-By,From,Hash-Chain,Id,Nonce,Owner,Read-Only,"
            "Signature,Tags,Target,Timestamp");
}

TEST(ProcessTest, MissingModuleFileIsAClearError) {
  ProcessConfig config = Config();
  config.custom_module_file = "/nonexistent/module.lua";
  auto p = Process::Create(config);
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("cannot read module file '/nonexistent/module.lua'"), std::string::npos);
}

TEST(ProcessTest, RuntimeDirReplacesEmbeddedRuntime) {
  auto dir = std::filesystem::temp_directory_path() / "aokit_runtime_dir_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "process.lua") << "local helper = require('.helper')\n"
                                        "return { handle = function(msg) return { Output = helper(msg.Data) } end }";
  std::ofstream(dir / "helper.lua") << "return function(s) return 'custom runtime saw ' .. s end";
  ProcessConfig config = Config();
  config.runtime_dir = dir.string();
  auto p = Process::Create(config);
  ASSERT_TRUE(p) << p.error().message;
  auto r = (*p)->Evaluate(Eval("data"));
  EXPECT_EQ(r.OutputText(), "custom runtime saw data");
}

TEST(ProcessTest, RuntimeDirWithoutProcessModuleFailsToBoot) {
  ProcessConfig config = Config();
  config.runtime_dir = "/nonexistent-runtime";
  auto p = Process::Create(config);
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("no file '/nonexistent-runtime/process.lua'"), std::string::npos)
      << p.error().message;
}

TEST(ProcessTest, EvalCodeReturnsJsonValues) {
  auto p = Booted();
  auto v = p->EvalCode("{ a = 1, list = {1, 2, 3}, s = 'x' }");
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ((*v)["a"], 1);
  EXPECT_EQ((*v)["list"].size(), 3u);
  auto err = p->EvalCode("error('nope')");
  ASSERT_FALSE(err);
  EXPECT_NE(err.error().message.find("nope"), std::string::npos);
  auto syntax = p->EvalCode("local = ");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().message.find("eval:1:"), std::string::npos) << syntax.error().message;
}

}  // namespace
}  // namespace aokit::emu
