// The Lua C API headers for the state this translation unit talks to.
//  - default: aokit's embedded Lua (built as C++, fixed hash seed) — process and driver states;
//  - AOKIT_HOST_LUA: the host interpreter's Lua (stock lua5.3, C linkage) — the `aokit` C
//    module loaded by lua5.3/busted (emulator/CMakeLists.txt builds the binding twice).
// AOKIT_LUA_ABI_BEGIN/END put the binding's functions in a namespace per ABI, so both copies
// link into one module without clashing.
#pragma once

#ifdef AOKIT_HOST_LUA
extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
}
#define AOKIT_LUA_ABI_BEGIN inline namespace host_lua {
#else
#include "lauxlib.h"
#include "lua.h"
#include "lualib.h"
#define AOKIT_LUA_ABI_BEGIN inline namespace embedded_lua {
#endif
#define AOKIT_LUA_ABI_END }
