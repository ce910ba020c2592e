package.path = "tests/lua/runtime/?.lua;" .. package.path
local rt = require("helpers.runtime")

describe("Sending, spawning, reply and forward", function()
  local P
  before_each(function()
    P = rt.new()
    P:boot()
  end)

  it("ao.send: padded Anchor, fixed leading tags, root keys then Tags; Reference counts up", function()
    local r = P:eval([[
      ao.send({ Target = "T1", Data = "d", Action = "Hello", Tags = { { name = "Extra", value = "e" } } })
      ao.send({ Target = "T2", Tags = { Kind = "k" } })
    ]])
    local m1, m2 = r.Messages[1], r.Messages[2]
    assert.are.equal("T1", m1.Target)
    assert.are.equal("d", m1.Data)
    assert.are.equal("00000000000000000000000000000001", m1.Anchor)
    assert.are.same({ "Data-Protocol", "Variant", "Type", "Reference", "Action", "Extra" }, rt.tagNames(m1))
    assert.are.same({ "ao", "ao.TN.1", "Message", "1" },
      { m1.Tags[1].value, m1.Tags[2].value, m1.Tags[3].value, m1.Tags[4].value })
    assert.are.equal("00000000000000000000000000000002", m2.Anchor)
    assert.are.equal("k", rt.tag(m2, "Kind"))
    assert.are.equal(2, ao.reference)
  end)

  it("keeps non-string root values as they are (the emulator stringifies them)", function()
    local r = P:eval([[ao.send({ Target = "T", Quantity = 5, Flag = true })]])
    assert.are.equal(5, rt.tag(r.Messages[1], "Quantity"))
    assert.are.equal(true, rt.tag(r.Messages[1], "Flag"))
  end)

  it("Send warns without a Target and returns the aos summary", function()
    local r = P:eval([[local s = Send({ Data = "x" }); return s.output]])
    assert.are.equal("WARN: No target specified for message. Data will be stored, but no process will receive it.\n" ..
      "Message added to outbox", r.Output.data)
  end)

  it("Spawn: Spawns entry with Type Process, From-Process, From-Module, Module, Reference; NODATA default", function()
    local r = P:eval([[Spawn({ Name = "child" }); Spawn("OTHER-MODULE", { Data = "boot" })]])
    local s1, s2 = r.Spawns[1], r.Spawns[2]
    assert.are.equal("NODATA", s1.Data)
    assert.are.same({ "Data-Protocol", "Variant", "Type", "From-Process", "From-Module", "Module", "Reference", "Name" },
      rt.tagNames(s1))
    assert.are.equal("Process", rt.tag(s1, "Type"))
    assert.are.equal("AOS", rt.tag(s1, "From-Process"))
    assert.are.equal("WOOPAWOOPA", rt.tag(s1, "From-Module"))
    assert.are.equal("WOOPAWOOPA", rt.tag(s1, "Module"))
    assert.are.equal("OTHER-MODULE", rt.tag(s2, "Module"))
    assert.are.equal("boot", s2.Data)
    assert.are.equal("00000000000000000000000000000002", s2.Anchor)
    assert.is_nil(s1.Target)
  end)

  it("msg.reply: Reply-To wins, X-Reference from the incoming X-Reference or Reference, X-Origin copied", function()
    P:eval([[Handlers.add("Ask", function(msg) msg.reply({ Data = "ans" }) end)]])
    local r = P:handle({ From = "FRED", Owner = "FRED", Tags = {
      { name = "Action", value = "Ask" }, { name = "Reply-To", value = "INBOXPID" },
      { name = "X-Reference", value = "77" }, { name = "Reference", value = "5" },
      { name = "X-Origin", value = "ORIG" } } })
    local m = r.Messages[1]
    assert.are.equal("INBOXPID", m.Target)
    assert.are.equal("77", rt.tag(m, "X-Reference"))
    assert.are.equal("ORIG", rt.tag(m, "X-Origin"))
  end)

  it("replies to aoconnect messages (no Reference) carry no X-Reference", function()
    P:eval([[Handlers.add("Ask", function(msg) msg.reply({ Data = "ans" }) end)]])
    local r = P:handle({ From = "FRED", Owner = "FRED", Tags = { { name = "Action", value = "Ask" } } })
    assert.is_nil(rt.tag(r.Messages[1], "X-Reference"))
    assert.are.equal("FRED", r.Messages[1].Target)
  end)

  it("msg.forward drops non-forwardable keys and sets Reply-To, X-Reference, X-Origin", function()
    P:eval([[Handlers.add("Fwd", function(msg) msg.forward("NEXT", { Note = "n" }) end)]])
    local r = P:handle({ From = "FRED", Owner = "FRED", Data = "body", Tags = {
      { name = "Action", value = "Fwd" }, { name = "Reference", value = "9" }, { name = "Custom", value = "c" } } })
    local m = r.Messages[1]
    assert.are.equal("NEXT", m.Target)
    assert.are.equal("body", m.Data)
    assert.are.equal("FRED", rt.tag(m, "Reply-To"))
    assert.are.equal("9", rt.tag(m, "X-Reference"))
    assert.are.equal("FRED", rt.tag(m, "X-Origin"))
    assert.are.equal("c", rt.tag(m, "Custom"))
    assert.are.equal("n", rt.tag(m, "Note"))
    assert.are.equal("Fwd", rt.tag(m, "Action"))
    for _, dropped in ipairs({ "Id", "Owner", "Nonce", "Timestamp", "Block-Height", "TagArray", "Cron" }) do
      assert.is_nil(rt.tag(m, dropped), dropped)
    end
    assert.are.equal("1", rt.tag(m, "Reference")) -- this process's own counter
  end)

  it("ao.assign validates its argument", function()
    local r = P:eval([[ao.assign({ Processes = "x", Message = "m" })]])
    assert.truthy(r.Error:find("Processes should be a table", 1, true))
  end)
end)
