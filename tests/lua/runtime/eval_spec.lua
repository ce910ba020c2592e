package.path = "tests/lua/runtime/?.lua;" .. package.path
local rt = require("helpers.runtime")

describe("Eval handler (eval.test.js)", function()
  local P
  before_each(function()
    P = rt.new()
    P:boot()
  end)

  it("returns the value of an expression: 1 + 1 -> '2'", function()
    local r = P:eval("1 + 1")
    assert.are.equal("2", r.Output.data)
    assert.is_nil(r.Output.print)
    assert.is_string(r.Output.test)
    assert.is_string(r.Output.prompt)
  end)

  it("puts printed text in Output.data", function()
    assert.are.equal("Hello World", P:eval('print("Hello World")').Output.data)
  end)

  it("joins several prints with newlines, then the returned value", function()
    local r = P:eval('print("a") print("b") return "c"')
    assert.are.equal("a\nb\nc", r.Output.data)
  end)

  it("formats a returned table with stringify", function()
    local r = P:eval("{ 1, 2 }")
    assert.are.equal("{\n  \27[34m1\27[0m,\n  \27[34m2\27[0m\n }", r.Output.data)
  end)

  it("reports a syntax error as Error with the aos chunk name", function()
    local r = P:eval("local = = 3")
    assert.is_nil(r.Output)
    assert.truthy(r.Error:find('[string "aos"]:1:', 1, true))
  end)

  it("turns a second return value into Error", function()
    local r = P:eval('return nil, "bad thing"')
    assert.are.same({ Error = "bad thing" }, r)
  end)

  it("reports a runtime error with the log, the red header and the message, and records it in Errors", function()
    local r = P:eval('print("before") error("boom")')
    assert.truthy(r.Error:find("^before\n\n\27%[31merror:\n\27%[0m"))
    assert.truthy(r.Error:find("boom", 1, true))
    local errors = P:eval("#Errors").Output.data
    assert.are.equal("1", errors)
  end)

  it("a typo is recorded in Errors (print.test.js)", function()
    local r = P:eval("prnt('x')")
    assert.truthy(r.Error:find("attempt to call a nil value", 1, true))
    assert.are.equal(1, #Errors)
  end)

  it("Assign fills Assignments", function()
    local r = P:eval('Assign({ Processes = { "pid-1", "pid-2" }, Message = "mid" })')
    assert.are.same({ { Processes = { "pid-1", "pid-2" }, Message = "mid" } }, r.Assignments)
    assert.are.equal("Assignment added to outbox.\nAssignment added to outbox.", r.Output.data)
  end)

  it("only the owner may Eval; others reach the default handler", function()
    P:handle({ Data = "x = 1" }) -- warm up
    local r = P:handle({ From = "FRED", Owner = "FRED", Data = "Secret = 42",
      Tags = { { name = "Action", value = "Eval" } } })
    assert.truthy(r.Output.data:find("New Message From", 1, true))
    assert.is_nil(Secret)
  end)
end)
