package.path = "tests/lua/runtime/?.lua;" .. package.path
local rt = require("helpers.runtime")

local FRED = { From = "FRED", Owner = "FRED" }
local function fred(fields)
  local m = { From = "FRED", Owner = "FRED" }
  for k, v in pairs(fields or {}) do m[k] = v end
  return m
end

describe("Handlers (handlers.test.js)", function()
  local P
  before_each(function()
    P = rt.new()
    P:boot()
  end)

  it("handler pipeline: continue, continue, skip, then the default line (exact bytes)", function()
    P:eval([[
      Handlers.add("one", function() return "continue" end, function() print("one") end)
      Handlers.add("two", function() return "continue" end, function() print("two") end)
      Handlers.add("three", function() return "skip" end, function() print("three") end)
    ]])
    local r = P:handle(fred({ Data = "ping" }))
    assert.are.equal("one\ntwo\n\27[90mNew Message From \27[32mFRE...RED\27[90m: \27[90mData = \27[34mping\27[0m",
      r.Output.data)
    assert.is_true(r.Output.print)
  end)

  it("once runs once, then the default handler takes over", function()
    P:eval([[Handlers.once("onetime", Handlers.utils.hasMatchingData("ping"), function() print("pong") end)]])
    assert.are.equal("pong", P:handle(fred({ Data = "ping" })).Output.data)
    assert.truthy(P:handle(fred({ Data = "ping" })).Output.data:find("New Message From", 1, true))
  end)

  it("once with a table pattern (resolvers test)", function()
    P:eval([[Handlers.once("onetime", { Action = "ping", Data = "ping" }, function() print("pong") end)]])
    local r = P:handle(fred({ Data = "ping", Tags = { { name = "Action", value = "ping" } } }))
    assert.are.equal("pong", r.Output.data)
  end)

  it("a resolver table picks the function of the first matching spec", function()
    P:eval([[
      Handlers.add("res", { Action = "Go" }, {
        [{ Mode = "a" }] = function() print("mode a") end,
        [{ Mode = "b" }] = function() print("mode b") end,
      })
    ]])
    local r = P:handle(fred({ Tags = { { name = "Action", value = "Go" }, { name = "Mode", value = "b" } } }))
    assert.are.equal("mode b", r.Output.data)
  end)

  it("ping pong with hasMatchingData", function()
    P:eval([[Handlers.add("ping", Handlers.utils.hasMatchingData("ping"), function() print("pong") end)]])
    assert.are.equal("pong", P:handle(fred({ Data = "ping" })).Output.data)
  end)

  it("add(name, fn) matches Action == name and msg.reply answers the sender", function()
    P:eval([[Handlers.add("Ping", function(msg) msg.reply({ Data = "Pong" }) end)]])
    local r = P:handle(fred({ Tags = { { name = "Action", value = "Ping" }, { name = "Reference", value = "7" } } }))
    assert.are.equal(1, #r.Messages)
    assert.are.equal("FRED", r.Messages[1].Target)
    assert.are.equal("Pong", r.Messages[1].Data)
    assert.are.equal("7", rt.tag(r.Messages[1], "X-Reference"))
  end)

  it("a string pattern is exact and case-sensitive on Action", function()
    P:eval([[Handlers.add("Ping", "Ping", function() print("hit") end)]])
    local r = P:handle(fred({ Tags = { { name = "Action", value = "ping" } } }))
    assert.truthy(r.Output.data:find("New Message From", 1, true))
  end)

  it("add updates in place and returns the list length; append/prepend/before/after/remove", function()
    P:eval([[
      Handlers.list = {}
      n1 = Handlers.add("a", "A", function() end)
      n2 = Handlers.add("b", "B", function() end)
      n3 = Handlers.add("a", "A2", function() end)
      Handlers.prepend("first", "F", function() end)
      Handlers.append("last", "L", function() end)
      Handlers.before("b").add("beforeB", "X", function() end)
      Handlers.after("b").add("afterB", "Y", function() end)
      Handlers.before("missing").add("never", "Z", function() end)
      Handlers.remove("last")
      Handlers.remove("missing")
    ]])
    assert.are.equal(1, n1); assert.are.equal(2, n2); assert.are.equal(2, n3)
    local names = {}
    for i, h in ipairs(Handlers.list) do names[i] = h.name end
    -- the Eval replaced the list, so _eval/_default come back with the next message
    assert.are.same({ "first", "a", "beforeB", "b", "afterB" }, names)
    P:handle(fred({ Data = "x" }))
    assert.are.equal("_eval", Handlers.list[6].name)
    assert.are.equal("_default", Handlers.list[7].name)
    assert.are.equal("A2", Handlers.list[2].pattern)
  end)

  it("maxRuns counts only actual runs; the handler is removed at 0; 'inf' never expires", function()
    P:eval([[
      Handlers.add("twice", { Action = "T" }, function() print("t") end, 2)
      Handlers.add("forever", { Action = "F" }, function() print("f") end, "inf")
    ]])
    local act = function(a) return P:handle(fred({ Tags = { { name = "Action", value = a } } })).Output.data end
    act("Other")
    assert.are.equal("t", act("T"))
    assert.are.equal("t", act("T"))
    assert.truthy(act("T"):find("New Message From", 1, true))
    for _ = 1, 5 do assert.are.equal("f", act("F")) end
  end)

  it("pattern results: -1/true/'break' stop; positive/'continue' go on; 0/false/'skip'/other strings skip", function()
    P:eval([[
      Handlers.add("h1", function(m) return tonumber(m.Tags.R1) or m.Tags.R1 end, function() print("h1") end)
      Handlers.add("h2", function() return true end, function() print("h2") end)
    ]])
    local run = function(v) return P:handle(fred({ Tags = { { name = "R1", value = v } } })).Output.data end
    assert.are.equal("h1", run("-1"))
    assert.are.equal("h1", run("break"))
    assert.are.equal("h1\nh2", run("3"))
    assert.are.equal("h1\nh2", run("continue"))
    assert.are.equal("h2", run("0"))
    assert.are.equal("h2", run("skip"))
    assert.are.equal("h2", run("whatever"))
  end)

  it("like aos, removing an expired handler during the walk skips the handler after it", function()
    P:eval([[
      Handlers.list = {}
      Handlers.add("a", function() return "continue" end, function() print("a") end, 1)
      Handlers.add("b", function() return "continue" end, function() print("b") end)
      Handlers.add("c", function() return "continue" end, function() print("c") end)
    ]])
    local first = P:handle(fred({ Data = "x" })).Output.data
    assert.truthy(first:find("^a\nc\n"))
    local second = P:handle(fred({ Data = "x" })).Output.data
    assert.truthy(second:find("^b\nc\n"))
  end)

  it("once handlers are prepended and named _once_<n> when unnamed", function()
    P:eval([[
      Handlers.add("normal", { Action = "X" }, function() print("normal") end)
      Handlers.once({ Action = "X" }, function() print("once") end)
    ]])
    assert.are.equal("_once_0", Handlers.list[1].name)
    local act = function() return P:handle(fred({ Tags = { { name = "Action", value = "X" } } })).Output.data end
    assert.are.equal("once", act())
    assert.are.equal("normal", act())
  end)

  it("a pattern returning a table is an error", function()
    P:eval([[Handlers.add("bad", function() return {} end, function() end)]])
    local r = P:handle(fred({ Data = "x" }))
    assert.truthy(r.Error:find("Pattern result is not valid, it MUST be string, number, or boolean", 1, true))
  end)

  it("Handlers.utils: hasMatchingTag is exact, hasMatchingTagOf tries each value, continue turns a match into continue", function()
    P:eval([[
      Handlers.add("tag", Handlers.utils.continue(Handlers.utils.hasMatchingTag("Kind", "x")), function() print("tag") end)
      Handlers.add("of", Handlers.utils.hasMatchingTagOf("Kind", { "y", "x" }), function() print("of") end)
    ]])
    local r = P:handle(fred({ Tags = { { name = "Kind", value = "x" } } }))
    assert.are.equal("tag\nof", r.Output.data)
    r = P:handle(fred({ Tags = { { name = "Kind", value = "X" } } }))
    assert.truthy(r.Output.data:find("^\27%[90mNew Message From"))
  end)

  it("Handlers.utils.reply sends the string as Data to the sender", function()
    P:eval([[Handlers.add("Hi", Handlers.utils.reply("hello"))]])
    local r = P:handle(fred({ Tags = { { name = "Action", value = "Hi" } } }))
    assert.are.equal("hello", r.Messages[1].Data)
    assert.are.equal("FRED", r.Messages[1].Target)
  end)

  it("a handler error gives Error with the Action line and message, and drops the outbox", function()
    P:eval([[Handlers.add("Crash", function() Send({ Target = "x", Data = "lost" }); error("kaput") end)]])
    local r = P:handle(fred({ Tags = { { name = "Action", value = "Crash" } } }))
    assert.is_nil(r.Messages)
    assert.truthy(r.Error:find("\27[31mError\27[90m handling message with Action = Crash", 1, true))
    assert.truthy(r.Error:find("kaput", 1, true))
    assert.truthy(r.Error:find("\n\n\27[31merror:\n\27[0m", 1, true))
  end)

  it("pattern table: '_' wildcard, Lua patterns (lower-cased), functions and alternatives", function()
    P:eval([[
      Handlers.add("w", { Action = "W", Who = "_" }, function() print("w") end)
      Handlers.add("p", { Action = "P", Code = "^ab%d+$" }, function() print("p") end)
      Handlers.add("f", { Action = "F", N = function(v) return tonumber(v) > 5 end }, function() print("f") end)
      Handlers.add("any", { Action = { "One", "Two" } }, function() print("any") end)
    ]])
    local go = function(tags) return P:handle(fred({ Tags = tags })).Output.data end
    assert.are.equal("w", go({ { name = "Action", value = "W" }, { name = "Who", value = "z" } }))
    assert.truthy(go({ { name = "Action", value = "W" } }):find("New Message", 1, true))
    assert.are.equal("p", go({ { name = "Action", value = "P" }, { name = "Code", value = "AB12" } }))
    assert.are.equal("f", go({ { name = "Action", value = "F" }, { name = "N", value = "9" } }))
    assert.truthy(go({ { name = "Action", value = "F" }, { name = "N", value = "1" } }):find("New Message", 1, true))
    assert.are.equal("any", go({ { name = "Action", value = "two" } }))
  end)
end)
