// The Lua tables a process sees and returns: the CU's message mapping, the env argument, and
// the result table read back into an EvalResult.
#pragma once

#include "aokit/emu/eval_result.h"
#include "aokit/emu/process.h"

struct lua_State;

namespace aokit::emu {

void PushMessageTable(lua_State* L, const AssignedMessage& message);
void PushEnvTable(lua_State* L, const ProcessEnv& env);
// Reads aos's result table at `index` ({Output, Messages, Spawns, Assignments} or {Error}).
void ReadResultTable(lua_State* L, int index, EvalResult& result);

}  // namespace aokit::emu
