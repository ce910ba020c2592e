#include "aokit/emu/process.h"

#include <cstdlib>
#include <cstring>

#include "lauxlib.h"
#include "lua.h"
#include "lstate.h"  // hookcount: the instructions left before the next count hook
#include "lua_arena.h"
#include "lua_values.h"
#include "message_table.h"
#include "module_searcher.h"
#include "sandbox.h"

namespace aokit::emu {
namespace {

// Message handler for lua_pcall: the error text plus a traceback.
int Traceback(lua_State* L) {
  const char* message = lua_tostring(L, 1);
  if (message == nullptr) message = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  luaL_traceback(L, L, message, 1);
  return 1;
}

// Runs `fn` in protected mode with `context` as its only argument; error text on failure.
std::optional<std::string> Protected(lua_State* L, lua_CFunction fn, void* context) {
  int base = lua_gettop(L);
  lua_pushcfunction(L, Traceback);
  lua_pushcfunction(L, fn);
  lua_pushlightuserdata(L, context);
  int status = lua_pcall(L, 1, 0, base + 1);
  std::optional<std::string> error;
  if (status != LUA_OK) error = lua_isstring(L, -1) ? lua_tostring(L, -1) : "(non-string error)";
  lua_settop(L, base);
  return error;
}

struct BootContext {
  const ProcessConfig* config;
  int handle_ref = LUA_NOREF;
};

int BootInState(lua_State* L) {
  auto* ctx = static_cast<BootContext*>(lua_touserdata(L, 1));
  const ProcessConfig& config = *ctx->config;
  OpenSandboxedLibraries(L);
  InstallModuleSearcher(L, config.runtime_dir, config.module_paths);
  if (config.custom_module_file) {
    std::string source;
    const std::string& path = *config.custom_module_file;
    if (!ReadWholeFile(path, source)) return luaL_error(L, "cannot read module file '%s'", path.c_str());
    if (luaL_loadbufferx(L, source.data(), source.size(), ("@" + path).c_str(), "t") != LUA_OK)
      return lua_error(L);
    lua_call(L, 0, 1);
    if (lua_istable(L, -1)) lua_getfield(L, -1, "handle");
    else lua_getglobal(L, "handle");
    if (!lua_isfunction(L, -1))
      return luaL_error(L, "module '%s' defines no handle(msg, env) function", path.c_str());
  } else {
    lua_getglobal(L, "require");
    lua_pushliteral(L, ".process");
    lua_call(L, 1, 1);
    if (!lua_istable(L, -1)) return luaL_error(L, "the runtime's process module did not return a table");
    lua_getfield(L, -1, "handle");
    if (!lua_isfunction(L, -1)) return luaL_error(L, "the runtime's process module has no handle function");
  }
  ctx->handle_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

struct EvalContext {
  int handle_ref;
  int* env_ref;  // the env table, built on first use and reused (it never changes)
  const AssignedMessage* message;
  const ProcessEnv* env;
  EvalResult* result;
};

int EvaluateInState(lua_State* L) {
  auto* ctx = static_cast<EvalContext*>(lua_touserdata(L, 1));
  lua_rawgeti(L, LUA_REGISTRYINDEX, ctx->handle_ref);
  PushMessageTable(L, *ctx->message);
  if (*ctx->env_ref == LUA_NOREF) {
    PushEnvTable(L, *ctx->env);
    *ctx->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  }
  lua_rawgeti(L, LUA_REGISTRYINDEX, *ctx->env_ref);
  // handle(msg, env, true): every root key PushMessageTable sets is in canonical form
  // (ProcessTest.MessageTableRootKeysAreCanonical), so the runtime need not rename any.
  lua_pushboolean(L, 1);
  lua_call(L, 3, 1);
  ReadResultTable(L, -1, *ctx->result);
  return 0;
}

struct CodeContext {
  const std::string* code;
  nlohmann::json value;
};

int EvalCodeInState(lua_State* L) {
  auto* ctx = static_cast<CodeContext*>(lua_touserdata(L, 1));
  const std::string& code = *ctx->code;
  std::string with_return = "return " + code;
  if (luaL_loadbufferx(L, with_return.data(), with_return.size(), "=eval", "t") != LUA_OK) {
    lua_pop(L, 1);
    if (luaL_loadbufferx(L, code.data(), code.size(), "=eval", "t") != LUA_OK) return lua_error(L);
  }
  lua_call(L, 0, 1);
  ctx->value = LuaToJson(L, -1);
  return 0;
}

}  // namespace

Process::Process(ProcessConfig config)
    : config_(std::move(config)), arena_(std::make_unique<detail::LuaArena>()) {}

Process::~Process() {
  if (L_ != nullptr) lua_close(L_);
}

Result<std::unique_ptr<Process>> Process::Create(ProcessConfig config) {
  std::unique_ptr<Process> process(new Process(std::move(config)));
  if (auto booted = process->Boot(); !booted) return tl::unexpected(booted.error());
  return process;
}

Process* Process::From(lua_State* L) { return *static_cast<Process**>(lua_getextraspace(L)); }

Result<void> Process::Boot() {
  L_ = lua_newstate(&Process::Allocate, this);
  if (L_ == nullptr) return Fail("process " + config_.env.id + ": cannot create a Lua state");
  *static_cast<Process**>(lua_getextraspace(L_)) = this;
  BeginBudget();
  BootContext ctx{&config_};
  if (auto error = Protected(L_, BootInState, &ctx)) {
    std::string why = LimitError().value_or(*error);
    return Fail("process " + config_.env.id + ": boot failed: " + why);
  }
  handle_ref_ = ctx.handle_ref;
  return {};
}

void* Process::Allocate(void* self, void* ptr, std::size_t old_size, std::size_t new_size) {
  auto* process = static_cast<Process*>(self);
  std::size_t old_bytes = ptr != nullptr ? old_size : 0;
  if (new_size == 0) {
    process->arena_->Reallocate(ptr, old_bytes, 0);
    process->memory_used_ -= old_bytes;
    return nullptr;
  }
  if (new_size > old_bytes &&
      process->memory_used_ + (new_size - old_bytes) > process->config_.limits.memory_bytes) {
    process->memory_exceeded_ = true;
    return nullptr;  // Lua raises "not enough memory" (after an emergency collection)
  }
  void* block = process->arena_->Reallocate(ptr, old_bytes, new_size);
  if (block == nullptr) return nullptr;
  process->memory_used_ = process->memory_used_ - old_bytes + new_size;
  return block;
}

void Process::CountHook(lua_State* L, lua_Debug* /*ar*/) {
  Process* process = From(L);
  process->gas_used_ += kGasStep;
  if (process->gas_used_ > process->config_.limits.instructions_per_message) {
    process->budget_exceeded_ = true;
    // Fire on every instruction from now on, so a pcall inside the process cannot swallow it.
    lua_sethook(L, &Process::CountHook, LUA_MASKCOUNT, 1);
    luaL_error(L, "instruction budget exceeded");
  }
}

void Process::BeginBudget() {
  gas_used_ = 0;
  budget_exceeded_ = false;
  memory_exceeded_ = false;
  lua_sethook(L_, &Process::CountHook, LUA_MASKCOUNT, kGasStep);
}

std::optional<std::string> Process::LimitError() const {
  if (budget_exceeded_)
    return "instruction budget of " + std::to_string(config_.limits.instructions_per_message) +
           " instructions exceeded (infinite loop?)";
  if (memory_exceeded_)
    return "memory limit of " + std::to_string(config_.limits.memory_bytes) + " bytes exceeded";
  return std::nullopt;
}

EvalResult Process::Evaluate(const AssignedMessage& message) {
  EvalResult result;
  BeginBudget();
  current_timestamp_ = message.timestamp;
  EvalContext ctx{handle_ref_, &env_ref_, &message, &config_.env, &result};
  std::optional<std::string> error = Protected(L_, EvaluateInState, &ctx);
  if (auto limit = LimitError()) error = *limit;
  if (error) {
    result.error = *error;
    result.messages.clear();
    result.spawns.clear();
    result.assignments.clear();
  }
  // Charge the partial step the main thread ran since its last count hook.
  if (!budget_exceeded_ && L_->hookcount > 0 && L_->hookcount <= kGasStep)
    gas_used_ += static_cast<std::uint64_t>(kGasStep - L_->hookcount);
  result.gas_used = gas_used_;
  if (memory_exceeded_) lua_gc(L_, LUA_GCCOLLECT, 0);
  lua_sethook(L_, nullptr, 0, 0);
  return result;
}

Result<nlohmann::json> Process::EvalCode(const std::string& code) {
  BeginBudget();
  CodeContext ctx{&code, nullptr};
  std::optional<std::string> error = Protected(L_, EvalCodeInState, &ctx);
  if (auto limit = LimitError()) error = *limit;
  lua_sethook(L_, nullptr, 0, 0);
  if (error) return Fail("process " + config_.env.id + ": eval: " + *error);
  return std::move(ctx.value);
}

}  // namespace aokit::emu
