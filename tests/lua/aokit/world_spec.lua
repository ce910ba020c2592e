-- The aokit C module from stock lua5.3: the same world API as `aokit run` scripts.
local aokit = require("aokit")

local PONG = [[
Handlers.add("ping", "Ping", function(msg) msg.reply({ Action = "Pong", Data = msg.Data }) end)
]]

describe("aokit module", function()
  it("spawns processes and delivers messages to quiescence", function()
    local world = aokit.world{ seed = "spec" }
    local pong = world:spawn{ name = "pong", source = PONG }
    local asker = world:spawn{ name = "asker", source = [[
      Handlers.add("ask", "Ask", function(msg) Send({ Target = msg.Data, Action = "Ping", Data = "hello" }) end)
      Handlers.add("pong", "Pong", function(msg) Answer = msg.Data end)
    ]] }
    world:send{ target = asker, action = "Ask", data = pong }
    assert.are.equal("hello", world:eval(asker, "Answer"))
    local last = world:last("Pong")
    assert.are.equal(pong, last.From)
    assert.are.equal(asker, last.Target)
  end)

  it("gives the same ids for the same seed", function()
    local function ids(seed)
      local w = aokit.world{ seed = seed }
      local p = w:spawn{ source = PONG }
      return p .. w:send{ target = p, action = "Ping", data = "x" }
    end
    assert.are.equal(ids("a"), ids("a"))
    assert.are_not.equal(ids("a"), ids("b"))
  end)

  it("reports handler errors in the result and keeps the process serving", function()
    local world = aokit.world{}
    local p = world:spawn{ source = 'Handlers.add("boom", "Boom", function() error("kaput") end)' }
    local id = world:send{ target = p, action = "Boom" }
    local result = world:result(id)
    assert.truthy(result.Error:find("kaput"))
    local ok = world:send{ target = p, action = "Eval", data = "6 * 7" }
    assert.are.equal("42", (world:output(ok)))
  end)

  it("raises clear errors for bad calls", function()
    local world = aokit.world{}
    assert.has_error(function() world:send{ target = "nope", action = "X" } end,
      "send: no process with id 'nope'")
    assert.has_error(function() aokit.world{ bogus = 1 } end, "aokit.world: unknown option 'bogus'")
  end)

  it("supports manual stepping and reordering", function()
    local world = aokit.world{}
    local p = world:spawn{ source = 'Order = ""; Handlers.add("n", "N", function(m) Order = Order .. m.Data end)' }
    world:auto(false)
    local a = world:send{ target = p, action = "N", data = "a" }
    local b = world:send{ target = p, action = "N", data = "b" }
    assert.are.equal(2, #world:pending())
    world:reorder(p, { b, a })
    assert.is_true(world:step())
    assert.are.equal("b", world:eval(p, "Order"))
    world:run()
    assert.are.equal("ba", world:eval(p, "Order"))
  end)
end)
