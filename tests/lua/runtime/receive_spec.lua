package.path = "tests/lua/runtime/?.lua;" .. package.path
local rt = require("helpers.runtime")

local function from(who, fields)
  local m = { From = who, Owner = who }
  for k, v in pairs(fields or {}) do m[k] = v end
  return m
end

describe("Receive and coroutines", function()
  local P
  before_each(function()
    P = rt.new()
    P:boot()
  end)

  it("send(...).receive() resumes on the reply with the matching X-Reference; the rest lands in that later result", function()
    local r = P:eval([[
      local sent = ao.send({ Target = "PEER", Data = "Hello" })
      local res = sent.receive()
      print("received " .. res.Data)
      Send({ Target = "PEER", Data = "after" })
    ]])
    assert.are.equal(1, #r.Messages)
    assert.are.equal("1", rt.tag(r.Messages[1], "Reference"))
    assert.are.equal(1, #Handlers.coroutines)

    local noise = P:handle(from("PEER", { Data = "noise" }))
    assert.truthy(noise.Output.data:find("New Message From", 1, true))
    assert.are.equal(0, #noise.Messages)

    local wrongRef = P:handle(from("PEER", { Data = "x", Tags = { { name = "X-Reference", value = "2" } } }))
    assert.truthy(wrongRef.Output.data:find("New Message From", 1, true))

    local inboxBefore = #Inbox
    local reply = P:handle(from("PEER", { Data = "pong", Tags = { { name = "X-Reference", value = "1" } } }))
    assert.are.equal("received pong", reply.Output.data)
    assert.are.equal(1, #reply.Messages)
    assert.are.equal("after", reply.Messages[1].Data)
    assert.are.equal(inboxBefore, #Inbox) -- consumed by the once-handler, not stored
    assert.are.equal(0, #Handlers.coroutines)
  end)

  it("Handlers.receive with an explicit pattern, via the global Receive", function()
    P:eval([[
      Handlers.add("Wait", function()
        local m = Receive({ Action = "Go" })
        print("go from " .. m.From)
      end)
    ]])
    local r1 = P:handle(from("FRED", { Tags = { { name = "Action", value = "Wait" } } }))
    assert.are.equal("", r1.Output.data)
    local r2 = P:handle(from("BOB", { Tags = { { name = "Action", value = "Go" } } }))
    assert.are.equal("go from BOB", r2.Output.data)
  end)

  it("onReply registers a once-handler on {From, X-Reference}", function()
    P:eval([[ao.send({ Target = "PEER", Data = "q" }).onReply(function(m) print("answer " .. m.Data) end)]])
    local r = P:handle(from("PEER", { Data = "42", Tags = { { name = "X-Reference", value = "1" } } }))
    assert.are.equal("answer 42", r.Output.data)
  end)

  it("Spawn(...).receive() waits for the Spawned notice from this process with the same Reference", function()
    P:eval([[
      local s = Spawn("MOD", { Data = "code" })
      local notice = s.receive()
      print("child " .. notice.Process)
    ]])
    local r = P:handle(from("AOS", { Owner = "MU", Tags = {
      { name = "Action", value = "Spawned" }, { name = "Reference", value = "1" },
      { name = "Process", value = "CHILD" } } }))
    -- From (AOS) ~= Owner (MU) and MU is no authority: refused by the trust gate
    assert.truthy(r.Output.data:find("Message is not trusted!", 1, true))
    local P2 = rt.new({ tags = { { name = "Authority", value = "MU" } } })
    P2:boot()
    P2:eval([[
      local s = Spawn("MOD", { Data = "code" })
      local notice = s.receive()
      print("child " .. notice.Process)
    ]])
    r = P2:handle(from("AOS", { Owner = "MU", Tags = {
      { name = "Action", value = "Spawned" }, { name = "Reference", value = "1" },
      { name = "Process", value = "CHILD" } } }))
    assert.are.equal("child CHILD", r.Output.data)
  end)

  it("an error after resumption is raised in the resuming message", function()
    P:eval([[
      Handlers.add("Wait", function()
        Receive({ Action = "Go" })
        error("late failure")
      end)
    ]])
    P:handle(from("FRED", { Tags = { { name = "Action", value = "Wait" } } }))
    local r = P:handle(from("FRED", { Tags = { { name = "Action", value = "Go" } } }))
    assert.truthy(r.Error:find("late failure", 1, true))
  end)
end)
