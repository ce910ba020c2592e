-- Benchmark of the aos-compatible runtime (runtime-lua/process.lua) on stock lua5.3: CPU
-- microseconds per handle(msg, env) call for five message kinds. Each message and env is
-- built the way the emulator builds them (message_table.cpp: a fresh message table per
-- message, one env table per process passed again with every message); building the
-- message is timed separately ("msg build only") and is included in the other figures.
-- Usage (from the repository root; bench/lua_modules/run changes there):
--   lua5.3 bench/lua_modules/runtime_bench.lua [seconds per case] [runs per case] [case letter]
-- With a case letter (a, b, c, c', d) only that case runs (handy under perf). A first
-- argument "n=COUNT" runs exactly COUNT messages per run instead of timing (for
-- instruction counts under valgrind, which are not disturbed by machine load).
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or "."
local root = here .. "/../.."
local fixed = arg and arg[1] and tonumber(arg[1]:match("^n=(%d+)$"))
local min_time = (not fixed) and tonumber(arg and arg[1]) or 0.5
local runs = tonumber(arg and arg[2]) or 3
local only = arg and arg[3]

-- The spec harness resolves runtime-lua/ relative to the working directory.
local ok_cd = io.open("runtime-lua/process.lua", "r")
if ok_cd then ok_cd:close() end
package.path = root .. "/tests/lua/runtime/helpers/?.lua;" .. package.path
local Harness = require("runtime")
if not ok_cd then
  error("run from the repository root (runtime-lua/ must be found by relative path)")
end

local PID = "PROCESS-ID-0123456789abcdefghijklmnopqrstuvwxy"
local OWNER = "OWNER-WALLET-0123456789abcdefghijklmnopqrstuv"
local MU = "MU-AUTHORITY-0123456789abcdefghijklmnopqrstuv"
local PEER = "PEER-PROCESS-0123456789abcdefghijklmnopqrstuv"
local MODULE = "MODULE-ID-0123456789abcdefghijklmnopqrstuvwxyz"

local nonce = 0
local function processTags()
  return {
    { name = "Data-Protocol", value = "ao" }, { name = "Variant", value = "ao.TN.1" },
    { name = "Type", value = "Process" }, { name = "Module", value = MODULE },
    { name = "Scheduler", value = MU }, { name = "Authority", value = MU },
    { name = "Name", value = "bench" }
  }
end

-- env as PushEnvTable builds it. The emulator builds it once per process and passes the
-- same table with every message (the runtime must not change it); newProcess does too.
local function newEnv()
  return {
    Process = { Id = PID, Owner = OWNER, Tags = processTags() },
    Module = { Id = MODULE, Owner = OWNER, Tags = {} }
  }
end
local currentEnv = newEnv()
local function env() return currentEnv end

-- A message as PushMessageTable builds it; tags are {name, value} pairs.
local function message(from, owner, tags, data)
  nonce = nonce + 1
  local list = {
    { name = "Data-Protocol", value = "ao" }, { name = "Variant", value = "ao.TN.1" },
    { name = "Type", value = "Message" }
  }
  for i = 1, #tags, 2 do list[#list + 1] = { name = tags[i], value = tags[i + 1] } end
  -- PushMessageTable presizes the table for 18 keys (32 slots); three absent optional keys
  -- in the constructor do the same here, so adding Action, TagArray, reply and forward
  -- does not rehash the table as it would not in the emulator.
  return {
    Id = "MSG-" .. nonce, Signature = "", Owner = owner, From = from, Target = PID,
    Anchor = "00000000000000000000000000000001", Tags = list, Data = data or "",
    Epoch = 0, Nonce = nonce, Timestamp = 1700000000000 + nonce, ["Block-Height"] = 1000,
    ["Hash-Chain"] = "HASHCHAIN", Cron = false,
    ["Forwarded-By"] = nil, ["Read-Only"] = nil, ["Pushed-For"] = nil
  }
end

local function newProcess(code)
  local h = Harness.new({ id = PID, owner = OWNER, module = MODULE })
  currentEnv = newEnv()
  local boot = message(OWNER, OWNER, {})
  boot.Id = PID
  boot.Tags = processTags()
  boot.Module = MODULE
  local r = h.process.handle(boot, env(), true)
  assert(not r.Error, r.Error)
  if code then
    r = h.process.handle(message(OWNER, OWNER, { "Action", "Eval" }, code), env(), true)
    assert(not r.Error, r.Error)
  end
  return h.process
end

-- Runs body(n) with growing n until it takes min_time; returns CPU microseconds per call.
local function measure(body)
  if fixed then
    local t0 = os.clock()
    body(fixed)
    return (os.clock() - t0) / fixed * 1e6
  end
  local n = 200
  while true do
    collectgarbage()
    local t0 = os.clock()
    body(n)
    local dt = os.clock() - t0
    if dt >= min_time then return dt / n * 1e6 end
    n = n * ((dt > 0.01) and math.max(2, math.ceil(min_time / dt * 1.1)) or 10)
  end
end

local function median(xs)
  table.sort(xs)
  return xs[(#xs + 1) // 2]
end

-- The runtime replaces the global print; write to stdout directly.
local function say(text) io.write(text, "\n"); io.flush() end

local results = {}
local function case(name, setup, body)
  if only and name:sub(1, #only + 2) ~= "(" .. only .. ")" then return end
  local samples = {}
  for i = 1, runs do
    local state = setup()
    samples[i] = measure(function(n) body(state, n) end)
  end
  local m = median(samples)
  results[#results + 1] = { name, m }
  local shown = {}
  for i, s in ipairs(samples) do shown[i] = string.format("%.1f", s) end
  say(string.format("%-40s %8.2f us/msg   (runs: %s)", name, m, table.concat(shown, " ")))
end

say(string.format("runtime benchmark, %s, median of %d runs, >= %.2fs each", _VERSION, runs, min_time))

case("msg build only", function() return nil end, function(_, n)
  for _ = 1, n do local _ = message(PEER, MU, { "Action", "Noop" }) end
end)

case("(a) trivial handler", function()
  return newProcess([[Count = 0
Handlers.add("noop", "Noop", function(msg) Count = Count + 1 end)]])
end, function(p, n)
  for _ = 1, n do
    local r = p.handle(message(PEER, MU, { "Action", "Noop" }, "1"), env(), true)
    if r.Error then error(r.Error) end
  end
end)

case("(b) ping -> msg.reply", function()
  return newProcess([[Handlers.add("ping", "Ping", function(msg) msg.reply({ Action = "Pong", Data = msg.Data }) end)]])
end, function(p, n)
  for _ = 1, n do
    local r = p.handle(message(PEER, MU, { "Action", "Ping" }, "1"), env(), true)
    if #r.Messages ~= 1 then error("no reply") end
  end
end)

case("(c) unmatched -> Inbox (at 10000 cap)", function()
  local p = newProcess()
  for i = #Inbox + 1, 10000 do Inbox[i] = { Id = "filler-" .. i } end
  return p
end, function(p, n)
  for _ = 1, n do
    p.handle(message(PEER, MU, { "Action", "Unknown" }, "hello"), env(), true)
  end
  assert(#Inbox == 10000)
end)

case("(c') unmatched -> Inbox (below cap)", function()
  return newProcess()
end, function(p, n)
  for _ = 1, n do
    p.handle(message(PEER, MU, { "Action", "Unknown" }, "hello"), env(), true)
    if #Inbox > 5000 then Inbox = {} end
  end
end)

local TOKEN = [[
local bint = require(".bint")(256)
Balances = { [Owner] = "1000000000000000000000000" }
Handlers.add("transfer", "Transfer", function(msg)
  local qty = bint(msg.Quantity)
  local have = bint(Balances[msg.From] or "0")
  if have < qty then
    msg.reply({ Action = "Transfer-Error", Error = "Insufficient Balance!" })
    return
  end
  Balances[msg.From] = tostring(have - qty)
  Balances[msg.Recipient] = tostring(bint(Balances[msg.Recipient] or "0") + qty)
  msg.reply({ Action = "Debit-Notice", Recipient = msg.Recipient, Quantity = msg.Quantity })
  Send({ Target = msg.Recipient, Action = "Credit-Notice", Sender = msg.From, Quantity = msg.Quantity })
end)]]

case("(d) token transfer (bint, 2 messages out)", function()
  return newProcess(TOKEN)
end, function(p, n)
  for i = 1, n do
    local r = p.handle(message(OWNER, OWNER,
      { "Action", "Transfer", "Recipient", "RECIPIENT-" .. (i % 50), "Quantity", tostring(1000 + i % 97) }), env(), true)
    if #r.Messages ~= 2 then error("transfer failed") end
  end
end)

return results
