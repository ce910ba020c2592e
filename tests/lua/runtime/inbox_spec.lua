package.path = "tests/lua/runtime/?.lua;" .. package.path
local rt = require("helpers.runtime")

describe("Default handler and Inbox (inbox.test.js)", function()
  local P
  before_each(function()
    P = rt.new()
    P:boot()
  end)

  it("the boot handler puts the process message into an empty Inbox", function()
    assert.are.equal(1, #Inbox)
    assert.are.equal("AOS", Inbox[1].Id)
  end)

  it("prints the coloured line with the Action (max 20 chars)", function()
    local r = P:handle({ From = "ABCDEFXYZ", Owner = "ABCDEFXYZ",
      Tags = { { name = "Action", value = "A-Very-Long-Action-Name-Here" } } })
    assert.are.equal("\27[90mNew Message From \27[32mABC...XYZ\27[90m: \27[90mAction = \27[34mA-Very-Long-Action-N\27[0m",
      r.Output.data)
    assert.are.equal("A-Very-Long-Action-Name-Here", Inbox[#Inbox].Action)
  end)

  it("caps the Inbox at 10,000 messages, dropping the oldest", function()
    P:eval([[for i = 1, 9999 do Inbox[#Inbox + 1] = { Data = "old" .. i } end]])
    assert.are.equal(10000, #Inbox)
    P:handle({ Data = "newest" })
    assert.are.equal(10000, #Inbox)
    assert.are.equal("old1", Inbox[1].Data) -- the process message was dropped
    P:handle({ Data = "newer" })
    assert.are.equal(10000, #Inbox)
    assert.are.equal("old2", Inbox[1].Data)
    assert.are.equal("newer", Inbox[10000].Data)
  end)

  it("messages handled by a breaking handler do not enter the Inbox", function()
    P:eval([[Handlers.add("Ping", function() end)]])
    local before = #Inbox
    P:handle({ Tags = { { name = "Action", value = "Ping" } } })
    assert.are.equal(before, #Inbox)
  end)
end)
