// The process sandbox (ARCHITECTURE.md): base/string/table/math/utf8/coroutine, a
// deterministic os (time/clock/date from the current message), no io, no os.execute, no
// package.loadlib or C searchers, `debug` reduced to traceback, `load` of text chunks only,
// no dofile/loadfile, and math.random per process (never the C library's generator).
#pragma once

struct lua_State;

namespace aokit::emu {

// Opens the allowed libraries into L and removes or replaces everything else. The os
// functions read the owning Process's current message timestamp (Process::From(L)).
void OpenSandboxedLibraries(lua_State* L);

}  // namespace aokit::emu
