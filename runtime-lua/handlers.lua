-- handlers: the ordered handler list and its evaluation (aos 2.0.4 semantics).
local handlers = { _version = "0.0.5" }
local coroutine = require("coroutine")
local utils = require(".utils")

handlers.utils = require(".handlers-utils")

-- Keep handlers across a reload of this module.
if Handlers then
  handlers.list = Handlers.list or {}
  handlers.coroutines = Handlers.coroutines or {}
else
  handlers.list = {}
  handlers.coroutines = {}
end
handlers.onceNonce = 0

local function indexOf(list, name)
  for i, h in ipairs(list) do
    if h.name == name then return i end
  end
  return nil
end

local USAGE = "Invalid arguments given. Expected: \n" ..
  "\tname : string, " ..
  "\tpattern : Action : string | MsgMatch : table,\n" ..
  "\t\tfunction(msg: Message) : {-1 = break, 0 = skip, 1 = continue},\n" ..
  "\thandle(msg : Message) : void) | Resolver,\n" ..
  "\tMaxRuns? : number | \"inf\" | nil"

local function checkArgs(name, pattern)
  local pt = type(pattern)
  assert(type(name) == "string" and (pt == "function" or pt == "table" or pt == "string"), USAGE)
end

-- (name, handle) -> name is also the pattern; (name, pattern, handle [, maxRuns]).
local function parseArgs(...)
  local n = select("#", ...)
  local a, b, c, d = ...
  if n == 2 then return a, a, b, nil end
  if n == 3 then return a, b, c, nil end
  return a, b, c, d
end

-- A handle may be a function or a resolver table {[spec] = fn}; the first
-- spec (in pairs order) matching the message selects the function.
function handlers.generateResolver(spec)
  return function(msg)
    if type(spec) == "function" then
      return spec(msg)
    end
    for matchSpec, fn in pairs(spec) do
      if utils.matchesSpec(msg, matchSpec) then
        return fn(msg)
      end
    end
  end
end

local function upsert(name, pattern, handle, maxRuns, position)
  checkArgs(name, pattern)
  handle = handlers.generateResolver(handle)
  local idx = indexOf(handlers.list, name)
  if idx then
    local h = handlers.list[idx]
    h.pattern, h.handle, h.maxRuns = pattern, handle, maxRuns
  else
    local entry = { pattern = pattern, handle = handle, name = name, maxRuns = maxRuns }
    if position == "front" then
      table.insert(handlers.list, 1, entry)
    else
      table.insert(handlers.list, entry)
    end
  end
end

function handlers.add(...)
  upsert(parseArgs(...))
  return #handlers.list
end

function handlers.append(...)
  upsert(parseArgs(...))
end

function handlers.prepend(...)
  local name, pattern, handle, maxRuns = parseArgs(...)
  upsert(name, pattern, handle, maxRuns, "front")
end

function handlers.once(...)
  local name, pattern, handle
  if select("#", ...) == 3 then
    name, pattern, handle = ...
  else
    name = "_once_" .. tostring(handlers.onceNonce)
    handlers.onceNonce = handlers.onceNonce + 1
    pattern, handle = ...
  end
  handlers.prepend(name, pattern, handle, 1)
end

-- before(name).add / after(name).add: insert next to the named handler
-- (position resolved when before/after is called); no-op when it is absent.
local function positioned(target, offset)
  assert(type(target) == "string", "Handler name MUST be a string")
  local idx = indexOf(handlers.list, target)
  return {
    add = function(name, pattern, handle, maxRuns)
      checkArgs(name, pattern)
      handle = handlers.generateResolver(handle)
      if idx then
        table.insert(handlers.list, idx + offset,
          { pattern = pattern, handle = handle, name = name, maxRuns = maxRuns })
      end
    end
  }
end

function handlers.before(name) return positioned(name, 0) end
function handlers.after(name) return positioned(name, 1) end

function handlers.remove(name)
  assert(type(name) == "string", "name MUST be string")
  if #handlers.list == 1 and handlers.list[1].name == name then
    handlers.list = {}
  end
  local idx = indexOf(handlers.list, name)
  if idx then table.remove(handlers.list, idx) end
end

-- Suspend the running coroutine until a message matching `pattern` arrives;
-- returns that message. The waiting once-handler is prepended.
function handlers.receive(pattern)
  local self = coroutine.running()
  handlers.once(pattern, function(msg)
    local _, ok, err = coroutine.resume(self, msg)
    if not ok then error(err, 0) end
  end)
  return coroutine.yield(pattern)
end

-- Map a pattern result to a number: <0 run+stop, 0 skip, >0 run+continue.
local function toMatch(r)
  local t = type(r)
  if t ~= "number" and t ~= "string" and t ~= "boolean" then
    error("Pattern result is not valid, it MUST be string, number, or boolean", 0)
  end
  if t == "boolean" then return r and -1 or 0 end
  if t == "string" then
    if r == "continue" then return 1 end
    if r == "break" then return -1 end
    return 0
  end
  return r
end

function handlers.evaluate(msg, env)
  local handled = false
  assert(type(msg) == "table", "msg is not valid")
  assert(type(env) == "table", "env is not valid")
  -- Walk the list as ipairs would: the table is fixed at the start, and
  -- removals during the walk shift later entries (as in aos).
  local list = handlers.list
  local i = 1
  while true do
    local h = list[i]
    if h == nil then break end
    if h.name ~= "_default" then
      local r = utils.matchesSpec(msg, h.pattern)
      -- toMatch(r), with booleans (the usual results) mapped inline.
      local match
      if r == true then match = -1 elseif r == false then match = 0 else match = toMatch(r) end
      if match ~= 0 then
        if match < 0 then handled = true end
        local ok, err = pcall(h.handle, msg, env)
        if not ok then error(err, 0) end
        if h.maxRuns ~= nil and h.maxRuns ~= "inf" then
          h.maxRuns = h.maxRuns - 1
          if h.maxRuns == 0 then handlers.remove(h.name) end
        end
      end
      if match < 0 then return handled end
    end
    i = i + 1
  end
  if not handled then
    local idx = indexOf(handlers.list, "_default")
    handlers.list[idx].handle(msg, env)
  end
end

return handlers
