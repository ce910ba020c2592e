# Makes the count hook cheap. aokit meters every message with a count hook (the instruction
# budget and GasUsed), and stock Lua 5.3 then calls luaG_traceexec before *every* VM
# instruction just to decrement the counter: ~5% of the emulator's instructions. The VM loop
# now decrements inline and calls luaG_traceexec only when the counter is about to reach
# zero or a line hook is set, which is exactly when luaG_traceexec does anything else than
# decrement (with a count-only mask it returns early, touching nothing but hookcount).
# Run as: cmake -DIN=lvm.c -DOUT=lvm.cpp -P fast_count_hook.cmake
include("${CMAKE_CURRENT_LIST_DIR}/patch_source.cmake")
aokit_patch_lua_source(fast_count_hook "the vmfetch hook check"
  "  if (L->hookmask & (LUA_MASKLINE | LUA_MASKCOUNT)) \\\n    Protect(luaG_traceexec(L)); \\\n"
  "  if (L->hookmask & (LUA_MASKLINE | LUA_MASKCOUNT)) { \\\n    if ((L->hookmask & LUA_MASKLINE) || L->hookcount <= 1) /* aokit: see cmake/lua/fast_count_hook.cmake */ \\\n      { Protect(luaG_traceexec(L)); } \\\n    else \\\n      L->hookcount--; \\\n  } \\\n")
