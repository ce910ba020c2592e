// One AO process: its own lua_State running the aos-compatible runtime, sandboxed, with a
// memory cap (own lua_Alloc) and an instruction budget per message (count hook).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aokit/emu/ans104.h"
#include "aokit/emu/error.h"
#include "aokit/emu/eval_result.h"

struct lua_State;
struct lua_Debug;

namespace aokit::emu {

struct ProcessLimits {
  std::size_t memory_bytes = std::size_t{512} << 20;        // per process
  std::uint64_t instructions_per_message = 500'000'000;     // count hook budget
};

// The message exactly as the CU hands it to the module (AOCONNECT-WIRE.md §6).
struct AssignedMessage {
  std::string id;
  std::string signature;      // base64url
  std::string owner;          // signer's address
  std::string from;           // From-Process tag if present, else owner
  std::optional<std::string> forwarded_by;
  std::string target;
  std::string anchor;
  std::vector<Tag> tags;
  std::string data;
  std::int64_t nonce = 0;
  std::int64_t timestamp = 0;
  std::int64_t block_height = 0;
  std::string hash_chain;
  bool cron = false;
  bool read_only = false;
};

struct ProcessEnv {
  std::string id;
  std::string owner;
  std::vector<Tag> tags;
  std::string module_id;
  std::string module_owner;
  std::vector<Tag> module_tags;
};

struct ProcessConfig {
  ProcessEnv env;
  ProcessLimits limits;
  // Where `require(".x")` finds the runtime: empty = the runtime embedded in the binary, else
  // a directory of .lua files (for example a checkout of upstream aos's process/ folder).
  std::string runtime_dir;
  // package.path-style templates for the process's own modules (e.g. "examples/game/?.lua").
  std::vector<std::string> module_paths;
  // A Lua file implementing handle(msg, env) used instead of the runtime's process module
  // (returning a table with `handle`, or defining a global `handle`).
  std::optional<std::string> custom_module_file;
};

namespace detail {
class LuaArena;
}

class Process {
 public:
  static Result<std::unique_ptr<Process>> Create(ProcessConfig config);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // Evaluates one message. Never fails: Lua errors, a crossed budget or memory cap become
  // result.error, and the process keeps serving later messages.
  EvalResult Evaluate(const AssignedMessage& message);

  // Runs `code` directly in the process (`return <code>` first, then `<code>`), outside any
  // message; globals it sets persist. Returns the first value converted to JSON.
  Result<nlohmann::json> EvalCode(const std::string& code);

  const ProcessEnv& env() const { return config_.env; }
  std::size_t memory_used() const { return memory_used_; }

  // --- used by the Lua callbacks of this process (sandbox, hooks, allocator) ---
  static Process* From(lua_State* L);
  std::int64_t current_timestamp() const { return current_timestamp_; }
  std::uint64_t gas_used() const { return gas_used_; }

 private:
  explicit Process(ProcessConfig config);
  Result<void> Boot();
  static void* Allocate(void* self, void* ptr, std::size_t old_size, std::size_t new_size);
  static void CountHook(lua_State* L, lua_Debug* ar);
  void BeginBudget();
  std::optional<std::string> LimitError() const;

  ProcessConfig config_;
  std::unique_ptr<detail::LuaArena> arena_;  // outlives L_ (closed in ~Process)
  lua_State* L_ = nullptr;
  int handle_ref_ = 0;
  int env_ref_ = -2;  // LUA_NOREF until the env table is built
  std::size_t memory_used_ = 0;
  bool memory_exceeded_ = false;
  bool budget_exceeded_ = false;
  std::uint64_t gas_used_ = 0;
  std::int64_t current_timestamp_ = 0;
};

// Lua VM instructions between two count-hook calls; GasUsed is counted in these steps.
inline constexpr int kGasStep = 1000;

}  // namespace aokit::emu
