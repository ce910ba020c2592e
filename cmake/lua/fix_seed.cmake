# Fixes Lua's string-hash seed. Stock Lua 5.3 mixes time(NULL) and heap/stack addresses into
# `makeseed`, so the order `pairs` visits string keys changes from one OS process to the next.
# AO execution is deterministic and aokit's must be too: the seed becomes a constant.
# Run as: cmake -DIN=lstate.c -DOUT=lstate.cpp -P fix_seed.cmake
include("${CMAKE_CURRENT_LIST_DIR}/patch_source.cmake")
aokit_patch_lua_source(fix_seed "makeseed()"
  "static unsigned int makeseed (lua_State *L) {"
  "static unsigned int makeseed (lua_State *L) {\n  (void)L;\n  return 0x414f6b74u;  /* aokit: fixed seed, see cmake/lua/fix_seed.cmake */\n}\nstatic unsigned int makeseed_stock (lua_State *L) {")
