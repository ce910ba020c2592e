-- The emulator passes the same env table with every message. The runtime
-- builds ao.env afresh from it (through a per-env template) and never changes
-- the caller's tables; these cases pin that, and the fallbacks taken when the
-- process replaces a function a fast path stands for.
package.path = "tests/lua/runtime/?.lua;" .. package.path
local rt = require("helpers.runtime")

local function snapshot(v, seen)
  if type(v) ~= "table" then return v end
  seen = seen or {}
  if seen[v] then return seen[v] end
  local copy = {}
  seen[v] = copy
  for k, x in pairs(v) do copy[k] = snapshot(x, seen) end
  return copy
end

local function keys(t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = k end
  return out
end

-- A harness whose every message carries the same env table.
local function sharedEnvProcess(opts)
  local P = rt.new(opts)
  local env = P:env()
  P.env = function() return env end
  P.sharedEnv = env
  return P, env
end

describe("One env table for every message", function()
  it("changes to ao.env reach neither the caller's env nor the next message", function()
    local P, env = sharedEnvProcess()
    P:boot()
    local before = snapshot(env)
    P:eval([[
      ao.env.Process.TagArray[3].value = "Changed"
      table.insert(ao.env.Process.TagArray, { name = "X", value = "Y" })
      ao.env.Process.Tags.Name = "Changed"
      ao.env.Process.Tags.Extra = "1"
      ao.env.Process.Id = "OTHER"
      ao.env.Process.Extra = true
      ao.env.Module.Tags[1] = { name = "M", value = "1" }
      ao.env.Extra = {}
      setmetatable(ao.env.Process.TagArray[1], { __index = function() return "meta" end })
      Kept = ao.env
    ]])
    assert.are.same(before, env)
    local r = P:eval([[return ao.env.Process.Tags.Name .. " " .. ao.env.Process.TagArray[3].value .. " "
      .. #ao.env.Process.TagArray .. " " .. tostring(ao.env.Process.Tags.Extra) .. " " .. ao.env.Process.Id
      .. " " .. tostring(ao.env.Process.Extra) .. " " .. #ao.env.Module.Tags .. " " .. tostring(ao.env.Extra)
      .. " " .. tostring(getmetatable(ao.env.Process.TagArray[1])) .. " " .. tostring(Kept ~= ao.env)]])
    assert.are.equal("Thomas Thomas 3 nil AOS nil 0 nil nil true", r.Output.data)
    assert.are.same(before, env)
    -- The table kept from the earlier message is left as that message made it.
    assert.are.equal("Changed", _G.Kept.Process.Tags.Name)
  end)

  it("each message gets new ao.env tables, with the tags in the caller's order and values", function()
    local P = sharedEnvProcess({ tags = { { name = "Name", value = "N" }, { name = "Authority", value = "A1,A2" },
      { name = "Name", value = "second" }, { name = "Other", value = "o" } } })
    P:boot()
    P:eval("Previous = ao.env")
    local r = P:eval([[
      local e, p = ao.env, Previous
      return tostring(e ~= p and e.Process ~= p.Process and e.Module ~= p.Module
        and e.Process.Tags ~= p.Process.Tags and e.Process.TagArray ~= p.Process.TagArray
        and e.Process.TagArray[1] ~= p.Process.TagArray[1] and e.Module.Tags ~= p.Module.Tags)]])
    assert.are.equal("true", r.Output.data)
    assert.are.same({ { name = "Type", value = "Process" }, { name = "Module", value = "WOOPAWOOPA" },
      { name = "Name", value = "N" }, { name = "Authority", value = "A1,A2" }, { name = "Name", value = "second" },
      { name = "Other", value = "o" } }, ao.env.Process.TagArray)
    assert.are.same({ Type = "Process", Module = "WOOPAWOOPA", Name = "N", Authority = "A1,A2", Other = "o" },
      ao.env.Process.Tags)
    assert.are.same({ "A1", "A2" }, ao.authorities)
  end)

  it("ao.env tables iterate in the order of the tables built key by key (as the caller's copy and Tab() do)", function()
    local P, env = sharedEnvProcess({ tags = { { name = "Name", value = "N" }, { name = "Authority", value = "A" },
      { name = "Scheduler", value = "S" }, { name = "Variant", value = "ao.TN.1" }, { name = "Data-Protocol", value = "ao" } } })
    P:boot()
    P:handle({ Data = "x" })
    local process = {}
    for k, v in pairs(env.Process) do process[k] = v end
    local tags = {}
    for i, t in ipairs(env.Process.Tags) do tags[i] = { name = t.name, value = t.value } end
    process.Tags = tags
    process.TagArray = process.Tags
    local map = {}
    for _, t in ipairs(tags) do
      if not map[t.name] then map[t.name] = t.value end
    end
    process.Tags = map
    local module = {}
    for k, v in pairs(env.Module) do module[k] = v end
    module.Tags = {}
    assert.are.same(keys(process), keys(ao.env.Process))
    assert.are.same(keys(map), keys(ao.env.Process.Tags))
    assert.are.same(keys(module), keys(ao.env.Module))
  end)

  it("a different env table is read afresh", function()
    local P = sharedEnvProcess()
    P:boot()
    local other = getmetatable(P).env(P)
    other.Process.Tags[3] = { name = "Name", value = "Renamed" }
    other.Process.Tags[4] = { name = "Authority", value = "NEW" }
    P.env = function() return other end
    P:handle({ Data = "x" })
    assert.are.equal("Renamed", ao.env.Process.Tags.Name)
    assert.are.same({ "NEW" }, ao.authorities)
  end)

  it("replaced Tab, ao.init, ao.normalize and ao.clearOutbox are called as aos calls them", function()
    local P = sharedEnvProcess()
    P:boot()
    P:eval([[
      Calls = {}
      local tab, init, normalize, clear = Tab, ao.init, ao.normalize, ao.clearOutbox
      Tab = function(m) table.insert(Calls, "Tab"); return tab(m) end
      ao.init = function(e) table.insert(Calls, "init"); return init(e) end
      ao.normalize = function(m) table.insert(Calls, "normalize"); return normalize(m) end
      ao.clearOutbox = function() table.insert(Calls, "clear"); return clear() end
    ]])
    _G.Calls = {}
    local r = P:handle({ Data = "x", Tags = { { name = "Action", value = "Mine" } } })
    assert.are.same({ "init", "normalize", "Tab", "Tab", "clear" }, _G.Calls)
    assert.are.equal("Mine", ao.env and r.Output and Inbox[#Inbox].Tags.Action)
    assert.are.equal("Thomas", ao.env.Process.Tags.Name)
  end)

  it("a replaced Utils.normalize is used for names not seen before", function()
    local P = sharedEnvProcess()
    P:boot()
    P:eval([[Utils.normalize = function(s) return "Seen-" .. s end]])
    P:handle({ Data = "x", Tags = { { name = "brand_new_name", value = "v" } } })
    assert.are.equal("v", Inbox[#Inbox]["Seen-brand_new_name"])
  end)

  it("the outbox is fresh for every message; one kept by a handler is not reused", function()
    local P = sharedEnvProcess()
    P:boot()
    P:eval([[Handlers.add("keep", "Keep", function() Send({ Target = "X", Data = "1" }); KeptOutbox = ao.outbox end)]])
    local r1 = P:handle({ Tags = { { name = "Action", value = "Keep" } } })
    local kept = _G.KeptOutbox
    assert.are.equal(1, #r1.Messages)
    local r2 = P:handle({ Data = "other" })
    assert.are.equal(0, #r2.Messages)
    assert.are_not.equal(kept, ao.outbox)
    assert.are.equal(1, #kept.Messages)
  end)

  it("a JSON message still gets a fresh outbox after the decode (a replaced json.decode cannot leave one behind)", function()
    local P = sharedEnvProcess()
    P:boot()
    P:eval([[
      local json = require(".json")
      local decode = json.decode
      json.decode = function(s) Send({ Target = "LEAK", Data = "x" }); return decode(s) end
    ]])
    local r = P:handle({ Data = '{"a":1}', Tags = { { name = "Content-Type", value = "application/json" } } })
    assert.are.equal(0, #r.Messages)
    assert.are.equal(1, Inbox[#Inbox].Data.a)
  end)
end)

describe("Fast paths with their fallbacks", function()
  it("a replaced ao.send is what msg.reply calls", function()
    local P = rt.new()
    P:boot()
    P:eval([[
      local send = ao.send
      ao.send = function(m) m.Wrapped = "yes"; return send(m) end
      Handlers.add("ping", "Ping", function(msg) msg.reply({ Data = "pong" }) end)
    ]])
    local r = P:handle({ Tags = { { name = "Action", value = "Ping" } } })
    assert.are.equal("yes", rt.tag(r.Messages[1], "Wrapped"))
  end)

  it("Reference and Anchor follow aos for a counter that is not a non-negative integer, and use a replaced tostring", function()
    local P = rt.new()
    P:boot()
    local r = P:eval([[ao.reference = 9.0; Send({ Target = "X" })]])
    assert.are.equal("10.0", rt.tag(r.Messages[1], "Reference"))
    assert.are.equal(string.format("%032d", 10), r.Messages[1].Anchor)
    r = P:eval([[ao.reference = -3; Send({ Target = "X" })]])
    assert.are.equal("-2", rt.tag(r.Messages[1], "Reference"))
    assert.are.equal(string.format("%032d", -2), r.Messages[1].Anchor)
    r = P:eval([[ao.reference = 5; local ts = tostring
      tostring = function(v) if v == 6 then return "six" end return ts(v) end
      Send({ Target = "X" }); tostring = ts]])
    assert.are.equal("six", rt.tag(r.Messages[1], "Reference"))
    assert.are.equal(string.format("%032d", 6), r.Messages[1].Anchor)
  end)

  it("the outbox entry is a separate copy of the sent message with its four fields", function()
    local P = rt.new()
    P:boot()
    P:eval([[Sent = ao.send({ Target = "X", Data = "d" })]])
    local entry = ao.outbox.Messages[1]
    assert.are_not.equal(_G.Sent, entry)
    table.sort(keys(entry))
    local k = keys(entry)
    table.sort(k)
    assert.are.same({ "Anchor", "Data", "Tags", "Target" }, k)
    assert.are.equal(_G.Sent.Tags, entry.Tags)
    P:eval([[Sent = ao.send({ Target = "X" })]])
    k = keys(ao.outbox.Messages[1])
    table.sort(k)
    assert.are.same({ "Anchor", "Tags", "Target" }, k)
  end)

  it("Handlers.coroutines: kept as it is when empty, suspended coroutines kept and dead ones dropped", function()
    local P = rt.new()
    P:boot()
    local list = Handlers.coroutines
    P:handle({ Data = "x" })
    assert.are.equal(list, Handlers.coroutines)
    assert.are.equal(0, #Handlers.coroutines)
    P:eval([[Handlers.add("wait", "Wait", function() Receive({ Action = "Go" }); print("went") end)]])
    P:handle({ Tags = { { name = "Action", value = "Wait" } } })
    assert.are.equal(1, #Handlers.coroutines)
    P:handle({ Data = "noise" })
    assert.are.equal(1, #Handlers.coroutines)
    local r = P:handle({ Tags = { { name = "Action", value = "Go" } } })
    assert.are.equal("went", r.Output.data)
    assert.are.equal(0, #Handlers.coroutines)
  end)

  it("handlers run in a new coroutine on every message", function()
    local P = rt.new()
    P:boot()
    P:eval([[Seen = {}; Handlers.add("co", "Co", function() table.insert(Seen, (coroutine.running())) end)]])
    P:handle({ Tags = { { name = "Action", value = "Co" } } })
    P:handle({ Tags = { { name = "Action", value = "Co" } } })
    assert.are.equal(2, #_G.Seen)
    assert.are_not.equal(_G.Seen[1], _G.Seen[2])
    assert.are.equal("thread", type(_G.Seen[1]))
  end)

  it("a handler pattern replaced by one of another type is matched by its new type", function()
    local P = rt.new()
    P:boot()
    P:eval([[Handlers.add("p", "Go", function() print("ran") end)
      function Entry() for _, h in ipairs(Handlers.list) do if h.name == "p" then return h end end end]])
    assert.are.equal("ran", P:handle({ Tags = { { name = "Action", value = "Go" } } }).Output.data)
    P:eval([[Entry().pattern = function(m) return m.Data == "fn" end]])
    assert.are.equal("ran", P:handle({ Data = "fn" }).Output.data)
    P:eval([[Entry().pattern = { Data = "tbl" }]])
    assert.are.equal("ran", P:handle({ Data = "tbl" }).Output.data)
    P:eval([[Entry().pattern = function() return 1 end]])
    assert.truthy(P:handle({ Data = "z" }).Output.data:find("ran\n", 1, true))
  end)

  it("Prompt() shows a float Inbox length as aos's tostring does", function()
    local P = rt.new()
    P:boot()
    local first = Prompt()
    setmetatable(Inbox, { __len = function() return 1.0 end })
    assert.truthy(Prompt():find("Inbox:\27[31m1.0\27[90m", 1, true))
    setmetatable(Inbox, nil)
    assert.are.equal(first, Prompt())
  end)
end)
