package.path = "tests/lua/runtime/?.lua;" .. package.path
local rt = require("helpers.runtime")

describe("Magic tables (magic-table.test.js)", function()
  local P
  before_each(function()
    P = rt.new()
    P:boot()
  end)

  it("Send with table Data JSON-encodes it and adds Content-Type application/json", function()
    local r = P:eval([[Send({ Target = "T", Data = { foo = "bar" } })]])
    local m = r.Messages[1]
    assert.are.equal("application/json", rt.tag(m, "Content-Type"))
    assert.are.same({ foo = "bar" }, require(".json").decode(m.Data))
  end)

  it("Spawn with table Data does the same", function()
    local r = P:eval([[Spawn({ Data = { list = { 1, 2 } } })]])
    assert.are.equal("application/json", rt.tag(r.Spawns[1], "Content-Type"))
    assert.are.same({ list = { 1, 2 } }, require(".json").decode(r.Spawns[1].Data))
  end)

  it("incoming application/json Data is decoded before handlers see it", function()
    P:handle({ Data = '{"foo":"bar"}', Tags = { { name = "Content-Type", value = "application/json" } } })
    assert.are.equal("bar", Inbox[2].Data.foo)
  end)

  it("empty JSON data decodes to an empty table", function()
    P:handle({ Data = "", Tags = { { name = "Content-Type", value = "application/json" } } })
    assert.are.same({}, Inbox[2].Data)
  end)

  it("invalid JSON makes handle() itself fail (outside the handler pcall)", function()
    assert.has_error(function()
      P:handle({ Data = "{nope", Tags = { { name = "Content-Type", value = "application/json" } } })
    end)
  end)
end)
