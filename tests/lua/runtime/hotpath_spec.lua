-- Behaviour of the per-message path that the runtime's caches and fast paths
-- must keep exactly (prompt, system handler registration, authorities, key
-- normalisation order). Every case here also passes on the uncached runtime.
package.path = "tests/lua/runtime/?.lua;" .. package.path
local rt = require("helpers.runtime")

local function entry(name)
  for i, h in ipairs(Handlers.list) do
    if h.name == name then return h, i end
  end
end

describe("Per-message hot path", function()
  it("Prompt() follows Name, Colors, the version and the Inbox size", function()
    local P = rt.new()
    P:boot()
    local r = P:handle({ Data = "a" })
    assert.are.equal(Prompt(), r.Output.prompt)
    assert.are.equal("\27[32mThomas\27[90m@\27[34maos-2.0.4\27[90m[Inbox:\27[31m2\27[90m]\27[0m> ", Prompt())
    _G.Name = "Other"
    assert.are.equal("\27[32mOther\27[90m@\27[34maos-2.0.4\27[90m[Inbox:\27[31m2\27[90m]\27[0m> ", Prompt())
    Colors.green = "<g>"
    assert.are.equal("<g>Other\27[90m@\27[34maos-2.0.4\27[90m[Inbox:\27[31m2\27[90m]\27[0m> ", Prompt())
    _G.Name = 42
    assert.are.equal("<g>42\27[90m@\27[34maos-2.0.4\27[90m[Inbox:\27[31m2\27[90m]\27[0m> ", Prompt())
    Colors.green = "\27[32m"
    _G.Name = "Thomas"
    table.insert(Inbox, { Id = "extra" })
    assert.are.equal("\27[32mThomas\27[90m@\27[34maos-2.0.4\27[90m[Inbox:\27[31m3\27[90m]\27[0m> ", Prompt())
    require(".process")._version = "9"
    assert.are.equal("\27[32mThomas\27[90m@\27[34maos-9\27[90m[Inbox:\27[31m3\27[90m]\27[0m> ", Prompt())
  end)

  it("Prompt() without a Name fails with aos's error text", function()
    local P = rt.new()
    P:boot()
    local r = P:eval("Name = nil; return Prompt()")
    assert.truthy(r.Error:find("attempt to concatenate a nil value (global 'Name')", 1, true))
  end)

  it("every message re-registers _eval and _default: a changed or removed entry is restored", function()
    local P = rt.new()
    P:boot()
    P:eval([[Handlers.list[1].maxRuns = 5; Handlers.remove("_default")
      Handlers.add("mine", "Mine", function() print("mine") end)]])
    assert.are.equal(4, entry("_eval").maxRuns)
    assert.is_nil(entry("_default"))
    P:handle({ Action = "Mine" })
    local eval, i = entry("_eval")
    assert.are.equal(1, i)
    assert.is_nil(eval.maxRuns)
    local default, j = entry("_default")
    assert.are.equal(#Handlers.list, j)
    assert.are.equal(3, j)
    P:eval([[Handlers.list[1].pattern = function() return false end]])
    assert.are.equal("2", P:eval("1 + 1").Output.data)
    P:eval([[Handlers.list[1].handle = function() print("replaced") end]])
    assert.are.equal("2", P:eval("1 + 1").Output.data)
    local before = #Inbox
    P:eval([[Handlers.list[#Handlers.list].handle = function() print("swallowed") end]])
    P:handle({ Data = "to the inbox" })
    assert.are.equal(before + 1, #Inbox)
  end)

  it("system handlers are registered through the current Handlers.add/append", function()
    local P = rt.new()
    P:boot()
    P:eval([[Calls = {}
      local add, append = Handlers.add, Handlers.append
      Handlers.add = function(name, ...) table.insert(Calls, "add " .. name); return add(name, ...) end
      Handlers.append = function(name, ...) table.insert(Calls, "append " .. name); return append(name, ...) end]])
    P:handle({ Data = "x" })
    assert.are.same({ "add _eval", "append _default" }, _G.Calls)
  end)

  it("a user handler named _default replaced by the runtime keeps its position", function()
    local P = rt.new()
    P:boot()
    P:eval([[Handlers.add("_default", function() return true end, function() print("user default") end)
      Handlers.add("later", "Later", function() print("later") end)]])
    local _, i = entry("_default")
    local r = P:handle({ Data = "x" })
    assert.truthy(r.Output.data:find("New Message From", 1, true))
    local _, j = entry("_default")
    assert.are.equal(i, j)
  end)

  it("ao.authorities regains an authority removed by the process on the next message", function()
    local P = rt.new({ tags = { { name = "Authority", value = " A1 ,A2,, A3 " } } })
    P:boot()
    assert.are.same({ "A1", "A2", "A3" }, ao.authorities)
    P:eval([[table.remove(ao.authorities, 1)]])
    assert.are.same({ "A2", "A3" }, ao.authorities)
    P:handle({ Data = "x" })
    assert.are.same({ "A2", "A3", "A1" }, ao.authorities)
    P:eval([[ao.authorities = { "X" }]])
    P:handle({ Data = "x" })
    assert.are.same({ "X", "A1", "A2", "A3" }, ao.authorities)
  end)

  it("root keys spelt several ways: renamed in sorted order, so the last spelling wins", function()
    local P = rt.new()
    P:boot()
    P:eval([[Handlers.add("k", function(msg) return msg.Custom ~= nil end,
      function(msg) print(msg.Custom .. " " .. tostring(msg.CUSTOM) .. " " .. tostring(msg.custom)) end)]])
    local r = P:handle({ CUSTOM = "upper", custom = "lower", Custom_Key = "x" })
    assert.are.equal("lower nil nil", r.Output.data)
    r = P:handle({ Custom = "kept", custom = "lower" })
    assert.are.equal("lower nil nil", r.Output.data)
  end)

  it("changes a process makes to ao.env's tags do not reach the next message (fresh env per call)", function()
    local P = rt.new()
    P:boot()
    P:eval([[ao.env.Process.TagArray[3].value = "Changed"; table.insert(ao.env.Process.TagArray, { name = "X", value = "Y" })]])
    P:handle({ Data = "x" })
    assert.are.equal("Thomas", ao.env.Process.Tags.Name)
    assert.are.equal("Thomas", ao.env.Process.TagArray[3].value)
    assert.is_nil(ao.env.Process.Tags.X)
    assert.are.equal(3, #ao.env.Process.TagArray)
    assert.are.same({}, ao.env.Module.Tags)
  end)

  it("an env without Tags lists gets empty ones; the caller's Process table keeps its fields", function()
    local P = rt.new()
    local env = { Process = { Id = "AOS", Owner = "FOOBAR" }, Module = { Id = "WOOPAWOOPA" } }
    P.process.handle({ Id = "AOS", Target = "AOS", From = "FOOBAR", Owner = "FOOBAR", ["Block-Height"] = 1,
      Data = "", Tags = {} }, env)
    assert.are.same({}, ao.env.Process.TagArray)
    assert.are.same({}, ao.env.Module.Tags)
    assert.is_nil(env.Process.Tags)
    assert.is_nil(env.Process.TagArray)
  end)

  it("the one-walk tag pass gives the message the separate steps (generic path) give", function()
    local P = rt.new()
    P:boot()
    P:eval([[
      function ShowMsg(msg)
        local keys = {}
        for k, v in pairs(msg) do
          if type(v) ~= "function" and k ~= "Tags" and k ~= "TagArray" then keys[#keys + 1] = k end
        end
        table.sort(keys)
        local out = {}
        for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(msg[k]) end
        local names = {}
        for k in pairs(msg.Tags) do names[#names + 1] = k end
        table.sort(names)
        for _, k in ipairs(names) do out[#out + 1] = "T." .. k .. "=" .. tostring(msg.Tags[k]) end
        for i, t in ipairs(msg.TagArray) do out[#out + 1] = i .. ":" .. t.name .. "=" .. tostring(t.value) end
        return table.concat(out, " ")
      end
      Handlers.add("show", function() return true end, function(msg) print(ShowMsg(msg)) end)
    ]])
    local tags = {
      { name = "action", value = "Show" }, { name = "x_color", value = "red" },
      { name = "X-Color", value = "blue" }, { name = "variant", value = "v9" },
      { name = "Hint", value = "h" }, { name = "data", value = "not-lifted" }
    }
    local function send()
      local copy = {}
      for i, t in ipairs(tags) do copy[i] = { name = t.name, value = t.value } end
      return P:handle({ Tags = copy, Data = "d" }).Output.data
    end
    local fast = send()
    assert.truthy(fast:find("X-Color=blue", 1, true))
    assert.truthy(fast:find("T.X-Color=red", 1, true))
    assert.truthy(fast:find("Data=d", 1, true))
    P:eval([[BaseTab = BaseTab or Tab; Tab = function(m) return BaseTab(m) end]])
    local generic = send()
    P:eval([[Tab = BaseTab]])
    -- Id, Nonce and Timestamp differ from message to message.
    local function same(text)
      return (text:gsub("Nonce=%d+", ""):gsub("Id=msg%-%d+", ""):gsub("Timestamp=%d+", ""))
    end
    assert.are.equal(same(generic), same(fast))
    -- "Tags" (entry 11) no longer protected: the steps run one after the other.
    P:eval([[assert(table.remove(ao.nonExtractableTags, 11) == "Tags")]])
    assert.are.equal(same(fast), same(send()))
  end)
end)
