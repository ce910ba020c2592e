-- aolite compatibility on top of aokit: require("aolite") gives aolite 0.5.1's API (see
-- docs/aolite.md) backed by an aokit world — real ANS-104 ids, virtual time, deterministic
-- order. Process ids chosen by the test ("proc1") are aliases: processes get real 43-character
-- ids; arguments naming an alias are translated to the real id, and messages handed back show
-- the alias again (From, Target and tag values), so specs written for aolite keep working.
local aokit = require("aokit")

local M = {}

local world, alias_of, real_of, cleared_before, auto, log_path, print_output, seen_results

local function reset()
  if world then world:close() end
  world = aokit.world{ seed = "aolite" }
  world:auto(false)
  alias_of, real_of, cleared_before, seen_results = {}, {}, {}, {}
  auto = true
end

local function real(id) return real_of[id] or id end
local function alias(id) return alias_of[id] or id end

-- The view of a message a test sees: aliases instead of real process ids.
local function view(m)
  if m == nil then return nil end
  local out = {}
  for k, v in pairs(m) do out[k] = type(v) == "string" and alias(v) or v end
  out.Tags = {}
  for k, v in pairs(m.Tags) do out.Tags[k] = alias(v) end
  out.TagArray = nil
  return out
end

local function append_log(messages)
  if not log_path then return end
  local ok, json = pcall(require, "json")
  local f = io.open(log_path, "a")
  if not f then return end
  for _, m in ipairs(messages) do
    local line
    if ok and json and json.encode then
      line = json.encode({ Id = m.Id, From = m.From, Target = m.Target, Action = m.Action, Data = m.Data })
    else
      line = string.format("{\"Id\":%q,\"From\":%q,\"Target\":%q}", m.Id, m.From, m.Target)
    end
    f:write(line, "\n")
  end
  f:close()
end

local function after_run(before_count)
  local all = world:all_messages()
  local fresh = {}
  for i = before_count + 1, #all do fresh[#fresh + 1] = view(all[i]) end
  append_log(fresh)
  if print_output then
    for _, m in ipairs(all) do
      if not seen_results[m.Id] then
        local out, err = world:output(m.Id)
        if out ~= nil then
          seen_results[m.Id] = true
          if out ~= "" then print(alias(m.Target) .. ": " .. out) end
          if err then print(alias(m.Target) .. " error: " .. err) end
        end
      end
    end
  end
end

function M.runScheduler(cycles)
  local before = #world:all_messages()
  local n = world:run(cycles or 1000)
  after_run(before)
  return n
end

local function maybe_run()
  if auto then M.runScheduler(math.maxinteger) end
end

-- Tags given as { K = V } or { {name=, value=} }; values naming an alias become real ids.
local function tag_list(tags)
  local out = {}
  if type(tags) ~= "table" then return out end
  if #tags > 0 then
    for _, t in ipairs(tags) do out[#out + 1] = { name = t.name, value = real(tostring(t.value)) } end
  else
    local keys = {}
    for k in pairs(tags) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do out[#out + 1] = { name = k, value = real(tostring(tags[k])) } end
  end
  return out
end

local function read_file(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- Finds a module path ("examples.process") on package.path, as require would.
local function module_file(name)
  local path = package.searchpath(name, package.path)
  if not path then error("aolite: cannot find module '" .. name .. "' on package.path", 3) end
  return path
end

function M.spawnProcess(id, dataOrPath, tags)
  assert(type(id) == "string", "spawnProcess: id must be a string")
  if real_of[id] then error("Process with id " .. id .. " already exists", 2) end
  local list = tag_list(tags)
  local on_boot, module_tag
  for i = #list, 1, -1 do
    if list[i].name == "On-Boot" then on_boot = list[i].value end
    if list[i].name == "Module" then module_tag = list[i].value; table.remove(list, i) end
  end
  local spec = { name = id, tags = list }
  if module_tag and package.searchpath(module_tag, package.path) then
    spec.module = module_file(module_tag)  -- a Lua module implementing handle(msg, env)
  elseif on_boot == "Data" then
    for i = #list, 1, -1 do if list[i].name == "On-Boot" then table.remove(list, i) end end
    spec.source = dataOrPath or ""
  elseif on_boot == "NODATA" or dataOrPath == nil then
    -- an empty aos process
  else
    local target = on_boot and on_boot ~= "Data" and on_boot or dataOrPath
    for i = #list, 1, -1 do if list[i].name == "On-Boot" then table.remove(list, i) end end
    local path = module_file(target)
    spec.source = read_file(path)
    spec.tags[#spec.tags + 1] = { name = "Aokit-Source-File", value = path }
    local dir = path:match("^(.*)/[^/]*$")
    if dir then spec.path = { dir .. "/?.lua" } end
  end
  local before = #world:all_messages()
  local pid = world:spawn_raw(spec)
  real_of[id], alias_of[pid] = pid, id
  world:run()
  after_run(before)
  return id
end

local RESERVED = { From = true, Target = true, Data = true, Tags = true, Id = true, Owner = true }

local function to_send_spec(msg)
  assert(type(msg) == "table", "send: message must be a table")
  assert(msg.Target, "send: message needs a Target")
  local from = msg.From and real(msg.From) or "user"
  local tags = tag_list(msg.Tags)
  local extra = {}
  for k, v in pairs(msg) do
    if not RESERVED[k] and type(k) == "string" then extra[#extra + 1] = { name = k, value = real(tostring(v)) } end
  end
  table.sort(extra, function(a, b) return a.name < b.name end)
  for _, t in ipairs(extra) do tags[#tags + 1] = t end
  return { from = from, target = real(msg.Target), data = msg.Data and tostring(msg.Data) or "", tags = tags }
end

function M.queue(msg)
  local id = world:send_raw(to_send_spec(msg))
  return view(world:message(id))
end

function M.send(msg)
  local queued = M.queue(msg)
  maybe_run()
  return queued
end

function M.setAutoSchedule(on) auto = on and true or false end
function M.isAutoSchedule() return auto end

function M.listQueueMessages(id)
  local out = {}
  for _, p in ipairs(world:pending()) do
    if p.process == real(id) then out[#out + 1] = view(world:message(p.id)) end
  end
  return out
end

function M.reorderQueue(id, msgIds)
  world:reorder(real(id), msgIds)
end

-- Messages delivered to `id`, oldest first, after its last clearAllMessages.
local function delivered_to(id, spec)
  local pid = real(id)
  local out = {}
  local cut = cleared_before[pid] or 0
  for i, m in ipairs(world:all_messages()) do
    if i > cut and m.Target == pid and not m.DeliveryError then
      local v = view(m)
      if aokit.matches(v, spec) then out[#out + 1] = v end
    end
  end
  return out
end

function M.getLastMsg(id, spec)
  maybe_run()
  local all = delivered_to(id, spec)
  return all[#all]
end

function M.getFirstMsg(id, spec)
  maybe_run()
  return delivered_to(id, spec)[1]
end

function M.getAllMsgs(id, spec)
  maybe_run()
  if not real_of[id] and not world:name(id) then return nil end
  if not real_of[id] then
    local known = false
    for _, p in ipairs(world:processes()) do known = known or p == id end
    if not known then return nil end
  end
  local all = delivered_to(id, spec)
  local newest_first = {}
  for i = #all, 1, -1 do newest_first[#newest_first + 1] = all[i] end
  return newest_first
end

function M.getMsgById(msgId)
  return view(world:message(msgId))
end

function M.getMsgs(spec)
  local out = {}
  for _, m in ipairs(world:all_messages()) do
    local v = view(m)
    if aokit.matches(v, spec) then out[#out + 1] = v end
  end
  return out
end

function M.eval(id, code)
  local ok, value = pcall(world.eval, world, real(id), code)
  if not ok then error("Error in evaluation: " .. tostring(value), 2) end
  return value
end

function M.clearAllMessages(id)
  cleared_before[real(id)] = #world:all_messages()
  return true
end

function M.clearAllProcesses() reset() end

function M.setMessageLog(path) log_path = path end
function M.getMessageLog() return log_path end
function M.setPrintProcessOutput(on) print_output = on and true or false end
function M.isPrintProcessOutput() return print_output end

-- The world behind the API, for specs that want aokit's extras (traces, results, time).
function M.world() return world end
function M.realId(id) return real(id) end

-- AO-style module names resolvable from test code, from aokit's runtime files.
local here = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local runtime_dir = here .. "/aokit/runtime"
table.insert(package.searchers, 2, function(name)
  local bare = name:gsub("^%.", ""):gsub("%.", "/")
  local path = runtime_dir .. "/" .. bare .. ".lua"
  local f = io.open(path, "rb")
  if not f then return "\n\tno file '" .. path .. "' (aokit runtime)" end
  f:close()
  return assert(loadfile(path)), path
end)

log_path = os.getenv("AOLITE_MSG_LOG")
local printing = os.getenv("AOLITE_PRINT_OUTPUT")
print_output = printing ~= nil and printing ~= "" and printing ~= "0"
reset()
return M
