# Fixes Lua's string-hash seed. Stock Lua 5.3 mixes time(NULL) and heap/stack addresses into
# `makeseed`, so the order `pairs` visits string keys changes from one OS process to the next.
# AO execution is deterministic and aokit's must be too: the seed becomes a constant.
# Run as: cmake -DIN=lstate.c -DOUT=lstate.cpp -P fix_seed.cmake
file(READ "${IN}" text)
set(marker "static unsigned int makeseed (lua_State *L) {")
string(FIND "${text}" "${marker}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "fix_seed: makeseed() not found in ${IN}; is this Lua 5.3.6?")
endif()
set(fixed "static unsigned int makeseed (lua_State *L) {\n  (void)L;\n  return 0x414f6b74u;  /* aokit: fixed seed, see cmake/lua/fix_seed.cmake */\n}\nstatic unsigned int makeseed_stock (lua_State *L) {")
string(REPLACE "${marker}" "${fixed}" text "${text}")
file(WRITE "${OUT}" "${text}")
