-- process: aos 2.0.4-compatible message handling for one AO process.
-- The emulator evaluates `require(".process")` once per Lua state and then
-- calls process.handle(msg, env) for every message (the process message
-- first); the returned table is the message's result.
local coroutine = require("coroutine")
local chance = require(".chance")
local stringify = require(".stringify")

-- `require("ao")` must return the same table as `require(".ao")`.
if not package.loaded["ao"] then package.loaded["ao"] = require(".ao") end

Colors = {
  red = "\27[31m",
  green = "\27[32m",
  blue = "\27[34m",
  reset = "\27[0m",
  gray = "\27[90m"
}
Bell = "\x07"

Dump = require(".dump")
Utils = require(".utils")
Handlers = require(".handlers")
ao = require(".ao")
require(".assignment").init(ao)

local process = { _version = "2.0.4" }
local MAX_INBOX = 10000

local function json() return require(".json") end

-- Magic table out: a table Data is JSON-encoded and tagged application/json.
local baseSend, baseSpawn = ao.send, ao.spawn
local function encodeData(msg)
  if msg.Data and type(msg.Data) == "table" then
    msg["Content-Type"] = "application/json"
    msg.Data = json().encode(msg.Data)
  end
end
ao.send = function(msg)
  encodeData(msg)
  return baseSend(msg)
end
ao.spawn = function(module, msg)
  encodeData(msg)
  return baseSpawn(module, msg)
end

-- Normalise root keys and tag names (Utils.normalize), then lift tags.
-- Keys are renamed in sorted order so collisions resolve deterministically;
-- a renamed key overwrites an existing canonical one, as in aos.
local canonicalNames, canonicalCount = {}, 0
local function canonical(name)
  local c = canonicalNames[name]
  if c then return c end
  c = Utils.normalize(name)
  if canonicalCount < 4096 then
    canonicalNames[name] = c
    canonicalCount = canonicalCount + 1
  end
  return c
end

-- Root keys to their canonical form; renamed in sorted order so collisions
-- resolve deterministically (a renamed key overwrites a canonical one).
local function canonicalizeKeys(msg)
  local names = canonicalNames
  local renames
  for key in pairs(msg) do
    local c = names[key]
    if c == nil and type(key) == "string" then c = canonical(key) end
    if c ~= nil and c ~= key then
      if renames then renames[#renames + 1] = key else renames = { key } end
    end
  end
  if renames then
    table.sort(renames)
    for i = 1, #renames do
      local key = renames[i]
      local value = msg[key]
      msg[key] = nil
      msg[canonical(key)] = value
    end
  end
end

-- Tag names of msg.Tags to their canonical form.
local function canonicalizeTagNames(msg)
  local names = canonicalNames
  local tags = msg.Tags
  if type(tags) ~= "table" then return end
  -- Indexing until the first nil is what ipairs does (loops below too).
  local i, tag = 1, tags[1]
  while tag ~= nil do
    local name = tag.name
    if type(name) == "string" then tag.name = names[name] or canonical(name) end
    i = i + 1
    tag = tags[i]
  end
end

local function normalizeMsg(msg)
  canonicalizeKeys(msg)
  canonicalizeTagNames(msg)
  ao.normalize(msg)
  return msg
end

local function withoutLastThreeLines(text)
  local lines = {}
  for line in text:gmatch("([^\n]*)\n?") do lines[#lines + 1] = line end
  for _ = 1, 3 do table.remove(lines) end
  return table.concat(lines, "\n")
end

-- aos drops the oldest entries with table.remove(Inbox, 1), which moves every
-- entry one store at a time (~100 us per message at the 10,000 cap). The
-- emulator's sandbox offers require("aokit.shift"): the same removal in one
-- memmove (and table.remove itself for anything unusual). Used only while
-- table.remove is the builtin, so a replaced table.remove is still called.
local builtinRemove = table.remove
local okShift, shiftFirst = pcall(require, "aokit.shift")
if not okShift or type(shiftFirst) ~= "function" then shiftFirst = nil end

local function insertInbox(msg)
  table.insert(Inbox, msg)
  local overflow = #Inbox - MAX_INBOX
  if shiftFirst and table.remove == builtinRemove then
    for _ = 1, overflow do shiftFirst(Inbox) end
  else
    for _ = 1, overflow do table.remove(Inbox, 1) end
  end
end

local function findTag(tags, name)
  for _, tag in ipairs(tags) do
    if tag.name == name then return tag end
  end
  return nil
end

-- Tags list -> map, first occurrence of a name wins.
function Tab(msg)
  local map = {}
  local tags = msg.Tags
  if type(tags) ~= "table" then
    for _, tag in ipairs(tags) do
      if not map[tag.name] then map[tag.name] = tag.value end
    end
    return map
  end
  local i, tag = 1, tags[1]
  while tag ~= nil do
    local name = tag.name
    if not map[name] then map[name] = tag.value end
    i = i + 1
    tag = tags[i]
  end
  return map
end

local baseTab = Tab

-- The prompt string is reused while all its inputs are the strings it was
-- last built from, the Inbox has the same length and `tostring` is still the
-- builtin (whose result for a number is fixed); otherwise aos's expression is
-- evaluated as is.
local promptKey = {}
local promptText, promptLen
local builtinTostring, mathType = tostring, math.type
function Prompt()
  local k = promptKey
  if promptText and k[1] == Colors.green and k[2] == Name and k[3] == Colors.gray
    and k[4] == Colors.blue and k[5] == process._version and k[6] == Colors.red
    and k[8] == Colors.reset and tostring == builtinTostring then
    local len = #Inbox
    if len == promptLen and mathType(len) == "integer" then return promptText end
  end
  local text = Colors.green .. Name .. Colors.gray
    .. "@" .. Colors.blue .. "aos-" .. process._version .. Colors.gray
    .. "[Inbox:" .. Colors.red .. tostring(#Inbox) .. Colors.gray
    .. "]" .. Colors.reset .. "> "
  local green, name, gray, blue = Colors.green, Name, Colors.gray, Colors.blue
  local red, reset = Colors.red, Colors.reset
  local len = #Inbox
  if type(green) == "string" and type(name) == "string" and type(gray) == "string"
    and type(blue) == "string" and type(red) == "string" and type(reset) == "string"
    and type(process._version) == "string" and mathType(len) == "integer"
    and tostring == builtinTostring then
    k[1], k[2], k[3], k[4], k[5], k[6], k[8] =
      green, name, gray, blue, process._version, red, reset
    promptText, promptLen = text, len
  else
    promptText = nil
  end
  return text
end

-- print appends one entry to the message's log; tables are formatted,
-- booleans blue, nil red, numbers green.
function print(a)
  if type(a) == "table" then a = stringify.format(a) end
  if type(a) == "boolean" then a = Colors.blue .. tostring(a) .. Colors.reset end
  if a == nil then a = Colors.red .. "nil" .. Colors.reset end
  if type(a) == "number" then a = Colors.green .. tostring(a) .. Colors.reset end
  a = tostring(a)
  local data = a
  if ao.outbox.Output.data then data = ao.outbox.Output.data .. "\n" .. a end
  ao.outbox.Output = { data = data, prompt = Prompt(), print = true }
  if HANDLER_PRINT_LOGS then
    table.insert(HANDLER_PRINT_LOGS, a)
    return nil
  end
  return a
end

function Send(msg)
  if not msg.Target then
    print("WARN: No target specified for message. Data will be stored, but no process will receive it.")
  end
  local sent = ao.send(msg)
  return {
    output = "Message added to outbox",
    receive = sent.receive,
    onReply = sent.onReply
  }
end

-- Spawn([module,] msg); with one argument the process's own module is used.
function Spawn(...)
  local module, spawnMsg
  if select("#", ...) == 1 then
    spawnMsg = ...
    module = ao._module
  else
    module, spawnMsg = ...
  end
  spawnMsg = spawnMsg or {}
  local spawned = ao.spawn(module, spawnMsg)
  return {
    output = "Spawn process request added to outbox",
    after = spawned.after,
    receive = spawned.receive
  }
end

function Receive(match)
  return Handlers.receive(match)
end

function Assign(assignment)
  ao.assign(assignment)
  print("Assignment added to outbox.")
  return "Assignment added to outbox."
end

function Version()
  print("version: " .. process._version)
end

Seeded = Seeded or false

local function byteSum(s)
  local sum = 0
  for i = 1, #s do sum = sum + s:byte(i) end
  return sum
end

-- math.random: MT19937 seeded once, on the first message, from
-- Block-Height .. sum_of_bytes(Owner .. Module .. Id).
local function seedRandom(msg, env)
  local module = msg.Module
  if not module then
    local tag = findTag(env.Process.Tags, "Module")
    module = tag and tag.value
  end
  local owner = msg.Owner or msg.From or ""
  local id = msg.Id or env.Process.Id or ""
  chance.seed(tonumber(msg["Block-Height"] .. byteSum(owner .. (module or "") .. id)))
  math.random = function(...)
    local n = select("#", ...)
    local a, b = ...
    if n == 1 then return chance.integer(1, a) end
    if n == 2 then return chance.integer(a, b) end
    return chance.random()
  end
  Seeded = true
end

local function initializeState(msg, env)
  if not Seeded then seedRandom(msg, env) end
  Errors = Errors or {}
  Inbox = Inbox or {}
  -- Owner is assigned once, on the process message.
  if env.Process.Id == msg.Id and not Owner then
    local parent = findTag(env.Process.Tags, "From-Process")
    Owner = parent and parent.value or msg.From
  end
  if not Name then
    local tag = findTag(env.Process.Tags, "Name")
    Name = tag and tag.value or "aos"
  end
end

-- ao.env is a private copy of the caller's env, made afresh for every message:
-- copies of env.Process and env.Module (same keys, inserted in the caller's
-- pairs order) whose Tags are new lists of new {name, value} tags. The
-- emulator passes the same env table with every message, so nothing the
-- process does to ao.env (or its tags) may reach the caller's tables or the
-- next message, as with aos's freshly JSON-decoded env.
local function copyTag(tag)
  if type(tag) ~= "table" then return tag end
  return { name = tag.name, value = tag.value }
end

local function copyEnvPart(p)
  if type(p) ~= "table" then return p end
  local copy = {}
  for k, v in pairs(p) do copy[k] = v end
  local list = p.Tags
  local tags = {}
  if list then
    for i, tag in ipairs(list) do tags[i] = copyTag(tag) end
  end
  copy.Tags = tags
  return copy
end

local function copyEnv(raw)
  local env = raw.Process and raw or raw.env
  return { Process = copyEnvPart(env.Process), Module = copyEnvPart(env.Module) }
end

-- Templates of the caller's env (built once per env table): aokit-env-template.lua.
local envTemplateFor = require(".aokit-env-template").forEnv

local function attachReplyForward(msg)
  msg.reply = function(replyMsg)
    replyMsg.Target = msg["Reply-To"] or (replyMsg.Target or msg.From)
    replyMsg["X-Reference"] = msg["X-Reference"] or msg.Reference
    replyMsg["X-Origin"] = msg["X-Origin"] or nil
    return ao.send(replyMsg)
  end
  msg.forward = function(target, forwardMsg)
    local out = ao.sanitize(msg)
    for k, v in pairs(forwardMsg or {}) do out[k] = v end
    out.Target = target
    out["Reply-To"] = msg["Reply-To"] or msg.From
    out["X-Reference"] = msg["X-Reference"] or msg.Reference
    out["X-Origin"] = msg["X-Origin"] or msg.From
    out.reply = nil
    out.forward = nil
    ao.send(out)
  end
end

-- The system handlers are built once and re-registered on every message
-- (add/once/append update in place, as aos does each time).
local evalHandler, bootHandler, defaultHandler
local function evalPattern(m) return m.Action == "Eval" and Owner == m.From end
local function bootPattern(m) return m.Tags.Type == "Process" and Owner == m.From end
local function always() return true end

-- Handlers.add/append of a system handler whose entry (the first with its
-- name) already holds the same pattern, no run limit and the handle stored by
-- the previous registration would only replace h.handle by an equivalent
-- fresh resolver closure; that call is skipped while Handlers and its
-- functions are the runtime's own.
local handlersModule = Handlers
local baseAdd, baseAppend, baseResolver = Handlers.add, Handlers.append, Handlers.generateResolver
local storedHandle = {}

local function findEntry(list, name)
  local i, h = 1, list[1]
  while h ~= nil do
    if h.name == name then return h end
    i = i + 1
    h = list[i]
  end
  return nil
end

local function register(add, name, pattern, handle)
  if Handlers == handlersModule and Handlers.add == baseAdd and Handlers.append == baseAppend
    and Handlers.generateResolver == baseResolver then
    local list = Handlers.list
    local h = type(list) == "table" and findEntry(list, name)
    if h and h.pattern == pattern and h.maxRuns == nil and h.handle == storedHandle[name] then
      return
    end
    add(name, pattern, handle)
    list = Handlers.list
    h = type(list) == "table" and findEntry(list, name)
    storedHandle[name] = h and h.handle
    return
  end
  storedHandle[name] = nil
  if add == baseAdd then Handlers.add(name, pattern, handle) else Handlers.append(name, pattern, handle) end
end

local function registerSystemHandlers(msg, env)
  evalHandler = evalHandler or require(".eval")(ao)
  register(baseAdd, "_eval", evalPattern, evalHandler)
  if env.Process.Id == msg.Id then
    bootHandler = bootHandler or require(".boot")(ao)
    Handlers.once("_boot", bootPattern, bootHandler)
  end
  defaultHandler = defaultHandler or require(".default")(insertInbox)
  register(baseAppend, "_default", always, defaultHandler)
end

-- Keep the handler coroutine if it can wake up again and drop dead ones.
-- With an empty list and a finished coroutine nothing changes, and the list
-- is kept as it is (aos prunes the list in place).
local function pruneCoroutines(co)
  local list = Handlers.coroutines
  if type(list) == "table" and next(list) == nil and coroutine.status(co) == "dead" then
    return
  end
  table.insert(Handlers.coroutines, co)
  local live = {}
  for _, c in ipairs(Handlers.coroutines) do
    if coroutine.status(c) ~= "dead" then live[#live + 1] = c end
  end
  Handlers.coroutines = live
end

local function printLog()
  return table.concat(HANDLER_PRINT_LOGS, "\n")
end

local function errorResult(msg, err)
  err = tostring(err)
  if msg.Action == "Eval" then
    table.insert(Errors, err)
    return { Error = printLog() .. "\n\n" .. Colors.red .. "error:\n" .. Colors.reset .. err }
  end
  if msg.Action then
    print(Colors.red .. "Error" .. Colors.gray .. " handling message with Action = " .. msg.Action .. Colors.reset)
  else
    print(Colors.red .. "Error" .. Colors.gray .. " handling message " .. Colors.reset)
  end
  print(Colors.green .. err .. Colors.reset)
  local trace = debug and debug.traceback and debug.traceback() or ""
  print("\n" .. Colors.gray .. withoutLastThreeLines(trace) .. Colors.reset)
  return ao.result({
    Error = printLog() .. "\n\n" .. Colors.red .. "error:\n" .. Colors.reset .. err,
    Messages = {}, Spawns = {}, Assignments = {}
  })
end

-- The runtime's own functions, for the fast paths below: each fast path is
-- taken only while the function it stands for is still the runtime's own.
local utilsModule = Utils
local baseInit, baseNormalize, baseClearOutbox, baseResult = ao.init, ao.normalize, ao.clearOutbox, ao.result
local baseUtilsNormalize = Utils.normalize

-- ao.init(env) for an env built from a template: the same effects in the
-- same order (ao.id, ao._module from the last Module tag, the template's
-- Authority entries topped up, a fresh outbox, ao.env).
local authority = require(".aokit-authority")

local function initFromTemplate(env, t)
  if ao.id == "" then ao.id = env.Process.Id end
  local pt = t.process
  if ao._module == "" then
    for i = 1, pt.count do
      if pt.names[i] == "Module" then ao._module = pt.tagValues[i] end
    end
  end
  local authorities = t.authorities
  if not authorities then
    authorities = {}
    for i = 1, pt.count do
      if pt.names[i] == "Authority" and type(pt.tagValues[i]) == "string" then
        local parts = authority.split(pt.tagValues[i])
        for j = 1, #parts do authorities[#authorities + 1] = parts[j] end
      end
    end
    t.authorities = authorities
  end
  authority.topUp(ao.authorities, authorities)
  ao.outbox = { Output = {}, Messages = {}, Spawns = {}, Assignments = {} }
  ao.env = env
end

-- normalizeMsg (with the runtime's own ao.normalize) and the Tab() map of the
-- message's tags, in one walk over the tags: each name is made canonical,
-- enters the map (first occurrence wins) and is lifted to the root (last one
-- wins) unless it is a nonExtractable name. One walk gives the same table as
-- the separate steps because lifting never touches the tag list while "Tags"
-- itself is not lifted; otherwise the steps run one after the other and nil
-- is returned, for the caller to build the map with Tab().
-- keysCanonical: the caller vouches that every root key is already in its
-- canonical form (the emulator's message tables are), so renaming is skipped.
local skipSet = require(".aokit-extraction").skipSet

local function prepareMsg(msg, keysCanonical)
  if not keysCanonical then canonicalizeKeys(msg) end
  local tags = msg.Tags
  local skip = skipSet(ao.nonExtractableTags)
  if not skip.Tags or type(tags) ~= "table" then
    canonicalizeTagNames(msg)
    ao.normalize(msg)
    return nil
  end
  local names, map = canonicalNames, {}
  local i, tag = 1, tags[1]
  while tag ~= nil do
    local name = tag.name
    local c = names[name]
    if c == nil and type(name) == "string" then c = canonical(name) end
    if c ~= nil and c ~= name then
      tag.name = c
      name = c
    end
    local value = tag.value
    if not map[name] then map[name] = value end
    if not skip[name] then msg[name] = value end
    i = i + 1
    tag = tags[i]
  end
  ao.hint = msg.Hint or nil
  return map
end

local function evaluateInCoroutine(msg, env)
  -- Handlers run in a fresh coroutine so that receive() can suspend them;
  -- its body is pcall(Handlers.evaluate, msg, env).
  local co = coroutine.create(pcall)
  local _, ok, err = coroutine.resume(co, Handlers.evaluate, msg, env)
  pruneCoroutines(co)
  return ok, err
end

local function finish(msg)
  local output
  if msg.Action == "Eval" then
    output = { data = printLog(), prompt = Prompt(), test = Dump(HANDLER_PRINT_LOGS) }
  else
    output = { data = printLog(), prompt = Prompt(), print = true }
  end
  local response
  if ao.result == baseResult then
    -- ao.result({ Output = output }) without the argument table.
    if ao.outbox.Error then
      response = { Error = ao.outbox.Error }
    else
      response = {
        Output = output,
        Messages = ao.outbox.Messages,
        Spawns = ao.outbox.Spawns,
        Assignments = ao.outbox.Assignments
      }
    end
  else
    response = ao.result({ Output = output })
  end
  HANDLER_PRINT_LOGS = {}
  ao.Nonce = msg.Nonce
  return response
end

local function gatesAndHandlers(msg, env)
  -- Trust gate: relayed messages need their From or Owner among the authorities.
  if msg.From ~= msg.Owner and not ao.isTrusted(msg) then
    print("Message is not trusted! From: " .. msg.From .. " - Owner: " .. msg.Owner)
    return ao.result({})
  end

  -- Assignment gate: Target ~= this process needs a matching assignable.
  if ao.isAssignment(msg) and not ao.isAssignable(msg) then
    if msg.From ~= ao.id then
      Send({ Target = msg.From, Data = "Assignment is not trusted by this process!" })
    end
    print("Assignment is not trusted! From: " .. msg.From .. " - Owner: " .. msg.Owner)
    return ao.result({})
  end

  registerSystemHandlers(msg, env)
  attachReplyForward(msg)

  local ok, err = evaluateInCoroutine(msg, env)
  if not ok then
    return errorResult(msg, err)
  end
  return finish(msg)
end

local handleGeneric

-- aos's handle() step by step. Where the functions a step calls are all the
-- runtime's own, work whose result nobody can see is skipped: the env walk
-- (template), the outbox that ao.init makes and clearOutbox replaces before
-- any other code runs, and the separate Tab() walks over the tag lists.
function process.handle(msg, rawEnv, keysCanonical)
  local template = envTemplateFor(rawEnv)
  local own = template ~= nil and ao.init == baseInit and ao.normalize == baseNormalize
    and Tab == baseTab and ao.clearOutbox == baseClearOutbox
    and Utils == utilsModule and Utils.normalize == baseUtilsNormalize
  if not own then return handleGeneric(msg, rawEnv) end

  local env, processPart = template.buildEnv()
  initFromTemplate(env, template)
  local map = prepareMsg(msg, keysCanonical)
  ao.id = processPart.Id
  initializeState(msg, env)
  HANDLER_PRINT_LOGS = {}

  os.time = function() return msg.Timestamp end

  msg.TagArray = msg.Tags
  if map then msg.Tags = map else msg.Tags = Tab(msg) end
  processPart.TagArray = processPart.Tags
  processPart.Tags = template.buildProcessMap()

  -- Magic table in. Invalid JSON raises here, outside the handler pcall.
  local contentType = msg.Tags["Content-Type"]
  if contentType and contentType == "application/json" then
    local data = msg.Data
    if data == nil or data == "" then data = "{}" end
    msg.Data = json().decode(data)
    ao.clearOutbox()
  end
  -- Otherwise ao.outbox is still the fresh outbox initFromTemplate made,
  -- which is what ao.clearOutbox() would put there.

  return gatesAndHandlers(msg, env)
end

-- The same steps, calling every function through its current name.
handleGeneric = function(msg, rawEnv)
  local env = copyEnv(rawEnv)
  ao.init(env)
  msg = normalizeMsg(msg)
  ao.id = ao.env.Process.Id
  initializeState(msg, ao.env)
  HANDLER_PRINT_LOGS = {}

  os.time = function() return msg.Timestamp end

  msg.TagArray = msg.Tags
  msg.Tags = Tab(msg)
  ao.env.Process.TagArray = ao.env.Process.Tags
  ao.env.Process.Tags = Tab(ao.env.Process)

  -- Magic table in. Invalid JSON raises here, outside the handler pcall.
  if msg.Tags["Content-Type"] and msg.Tags["Content-Type"] == "application/json" then
    local data = msg.Data
    if data == nil or data == "" then data = "{}" end
    msg.Data = json().decode(data)
  end
  ao.clearOutbox()
  return gatesAndHandlers(msg, env)
end

return process
