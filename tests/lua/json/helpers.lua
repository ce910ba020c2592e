-- See tests/lua/shared/runtime_modules.lua.
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or "."
return dofile(here .. "/../shared/runtime_modules.lua")
