# Builds Lua 5.3.6 from the source fetched by scripts/setup as a static library compiled as
# C++ (so lua_error unwinds with exceptions and C++ destructors run), with the string-hash
# seed fixed so that `pairs` order is the same in every OS process (cmake/lua/fix_seed.cmake)
# and a cheaper count hook in the VM loop (cmake/lua/fast_count_hook.cmake).
#
# Targets:
#   aokit::lua     static library (C++ linkage: include "lua.h", never "lua.hpp")
#   aokit-lua      the stand-alone interpreter built on it (tests, debugging)
#   aokit-luac     the compiler (luac -p checks, bytecode sizes)

if(NOT EXISTS "${AOKIT_LUA_SOURCE_DIR}/src/lstate.c")
  message(FATAL_ERROR "Lua source not found in ${AOKIT_LUA_SOURCE_DIR}: run scripts/setup first")
endif()

set(_lua_out "${CMAKE_BINARY_DIR}/lua-src")
set(_lua_core lapi lcode lctype ldebug ldo ldump lfunc lgc llex lmem lobject lopcodes lparser
              lstate lstring ltable ltm lundump lvm lzio lauxlib lbaselib lbitlib lcorolib ldblib
              liolib lmathlib loslib lstrlib ltablib lutf8lib loadlib linit)

# Copy every source into the build tree; lstate.c and lvm.c go through our patch scripts.
set(_lua_sources "")
foreach(name ${_lua_core} lua luac)
  set(_in "${AOKIT_LUA_SOURCE_DIR}/src/${name}.c")
  set(_out "${_lua_out}/${name}.cpp")
  set(_patch "")
  if(name STREQUAL "lstate")
    set(_patch fix_seed)
    set(_what "Lua makeseed (fixed string-hash seed)")
  elseif(name STREQUAL "lvm")
    set(_patch fast_count_hook)
    set(_what "Lua's VM loop (inline count-hook decrement)")
  endif()
  if(_patch)
    set(_script "${CMAKE_SOURCE_DIR}/cmake/lua/${_patch}.cmake")
    add_custom_command(OUTPUT "${_out}"
      COMMAND ${CMAKE_COMMAND} -DIN=${_in} -DOUT=${_out} -P "${_script}"
      DEPENDS "${_in}" "${_script}" "${CMAKE_SOURCE_DIR}/cmake/lua/patch_source.cmake"
      COMMENT "Patching ${_what}" VERBATIM)
  else()
    configure_file("${_in}" "${_out}" COPYONLY)
  endif()
  if(NOT name STREQUAL "lua" AND NOT name STREQUAL "luac")
    list(APPEND _lua_sources "${_out}")
  endif()
endforeach()

add_library(aokit_lua STATIC ${_lua_sources})
add_library(aokit::lua ALIAS aokit_lua)
target_include_directories(aokit_lua SYSTEM PUBLIC "${AOKIT_LUA_SOURCE_DIR}/src")
target_compile_definitions(aokit_lua PUBLIC LUA_COMPAT_5_2 LUA_USE_POSIX LUA_USE_DLOPEN)
target_compile_options(aokit_lua PRIVATE -w)
target_link_libraries(aokit_lua PUBLIC m ${CMAKE_DL_LIBS})

add_executable(aokit-lua "${_lua_out}/lua.cpp")
target_compile_options(aokit-lua PRIVATE -w)
target_link_libraries(aokit-lua PRIVATE aokit_lua)

add_executable(aokit-luac "${_lua_out}/luac.cpp")
target_compile_options(aokit-luac PRIVATE -w)
target_link_libraries(aokit-luac PRIVATE aokit_lua)
