# Shared by the Lua patch scripts (fix_seed.cmake, fast_count_hook.cmake): copies IN to OUT
# with `marker` replaced by `replacement`, and fails the build, naming the patch, when the
# marker is missing (another Lua version than the 5.3.6 the patches were written for).
function(aokit_patch_lua_source patch what marker replacement)
  file(READ "${IN}" text)
  string(FIND "${text}" "${marker}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${patch}: ${what} not found in ${IN}; is this Lua 5.3.6?")
  endif()
  string(REPLACE "${marker}" "${replacement}" text "${text}")
  file(WRITE "${OUT}" "${text}")
endfunction()
