-- Test helper for the bint and json specs: puts aokit's runtime-lua/ first on package.path and
-- makes `require(".bint")` (aos's spelling) resolve to the same module as `require("bint")`.
-- Loaded by each spec with dofile, so it works whatever the current directory is.
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or "."
local runtime = here .. "/../../../runtime-lua/"

if not package.path:find(runtime, 1, true) then
  package.path = runtime .. "?.lua;" .. package.path
end

-- ".name" -> the module "name" (one shared instance for both spellings)
local function dotted_searcher(name)
  local plain = name:match("^%.([%w_]+)$")
  if plain and package.searchpath(plain, runtime .. "?.lua") then
    return function() return require(plain) end, plain
  end
end

-- installed once per Lua state, even when both spec dirs run in the same busted process
if not package.loaded["aokit.test.dotted_searcher"] then
  package.loaded["aokit.test.dotted_searcher"] = dotted_searcher
  table.insert(package.searchers, 2, dotted_searcher)
end

local helpers = { runtime = runtime }

-- Strips the "file:line: " prefix error() adds, returning the bare message.
function helpers.errmsg(f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error, got success")
  return (tostring(err):gsub("^[^\n]-:%d+: ", ""))
end

return helpers
