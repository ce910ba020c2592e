-- aokit run examples/token/scenario.lua
-- The owner mints, pays alice, alice pays bob; an overdraft is refused; supply is conserved.
local world = aokit.world{ seed = "token" }
local owner = world:wallet("owner")
local alice = world:wallet("alice")
local bob = world:wallet("bob")
local token = world:spawn{ name = "token", owner = "owner", file = "token.lua" }

world:send{ from = "owner", target = token, action = "Mint", Quantity = "5000" }
world:send{ from = "owner", target = token, action = "Transfer", Recipient = alice, Quantity = "1200" }
world:send{ from = "alice", target = token, action = "Transfer", Recipient = bob, Quantity = "200" }
local overdraft = world:send{ from = "bob", target = token, action = "Transfer", Recipient = alice, Quantity = "999999" }
local broken = world:send{ from = "bob", target = token, action = "Transfer", Recipient = alice, Quantity = "-5" }

print("== message log ==")
world:print_log()
print("== balances ==")
for _, who in ipairs({ "owner", "alice", "bob" }) do
  print(string.format("%-6s %s", who, world:eval(token, "Balances['" .. world:wallet(who) .. "'] or '0'")))
end
print("total supply: " .. world:eval(token, "TotalSupply()"))
print("overdraft answer: " .. world:last({ Action = "Transfer-Error" }).Error)
local _, err = world:output(broken)
print("bad quantity error: " .. (err or "none"):match("Quantity must be a positive integer string"))
assert(world:eval(token, "TotalSupply()") == "1000000000005000", "supply must be conserved")
