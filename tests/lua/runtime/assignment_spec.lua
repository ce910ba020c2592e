package.path = "tests/lua/runtime/?.lua;" .. package.path
local rt = require("helpers.runtime")

local function assignment(fields)
  local m = { Target = "OTHER-PROCESS", From = "SENDER", Owner = "SENDER", Data = "payload" }
  for k, v in pairs(fields or {}) do m[k] = v end
  return m
end

describe("Assignments (assignment.test.js)", function()
  local P
  before_each(function()
    P = rt.new()
    P:boot()
  end)

  it("refuses every assignment when no assignables are configured, and tells the sender", function()
    local r = P:handle(assignment())
    assert.are.equal("Assignment is not trusted! From: SENDER - Owner: SENDER", r.Output.data)
    assert.are.equal(1, #r.Messages)
    assert.are.equal("SENDER", r.Messages[1].Target)
    assert.are.equal("Assignment is not trusted by this process!", r.Messages[1].Data)
  end)

  it("does not message itself when the refused assignment comes from this process", function()
    local P2 = rt.new({ tags = { { name = "Authority", value = "MU" } } })
    P2:boot()
    local r = P2:handle(assignment({ From = "AOS", Owner = "MU" }))
    assert.are.equal(0, #r.Messages)
    assert.truthy(r.Output.data:find("Assignment is not trusted!", 1, true))
  end)

  it("lets through assignments matching an assignable; isAssignment/isAssignable", function()
    P:eval([[ao.addAssignable("trades", { Action = "Trade" })]])
    local r = P:handle(assignment({ Tags = { { name = "Action", value = "Trade" } } }))
    assert.truthy(r.Output.data:find("New Message From \27[32mSEN...DER", 1, true))
    assert.is_true(ao.isAssignment({ Target = "X" }))
    assert.is_false(ao.isAssignment({ Target = "AOS" }))
    assert.is_true(ao.isAssignable({ Action = "Trade" }))
    assert.is_false(ao.isAssignable({ Action = "Other" }))
  end)

  it("re-adding a name replaces its spec; remove by name and by index", function()
    P:eval([[
      ao.addAssignable("a", { Action = "A" })
      ao.addAssignable("b", { Action = "B" })
      ao.addAssignable("a", { Action = "A2" })
      ao.addAssignable({ Action = "Unnamed" })
    ]])
    assert.are.equal(3, #ao.assignables)
    assert.are.same({ Action = "A2" }, ao.assignables[1].pattern)
    ao.removeAssignable("b")
    assert.are.equal(2, #ao.assignables)
    ao.removeAssignable(2)
    assert.are.equal(1, #ao.assignables)
    ao.removeAssignable("missing")
    ao.removeAssignable(9)
    assert.are.equal(1, #ao.assignables)
    assert.has_error(function() ao.removeAssignable({}) end, "index MUST be a number")
    assert.has_error(function() ao.addAssignable(5, {}) end, "MatchSpec name MUST be a string")
  end)
end)
