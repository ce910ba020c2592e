-- aokit run examples/ping-pong/scenario.lua
-- Two processes play three rounds; the transcript uses virtual time only, so every run
-- prints the same bytes.
local world = aokit.world{ seed = "ping-pong" }
local pong = world:spawn{ name = "pong", file = "pong.lua" }
local ping = world:spawn{ name = "ping", file = "ping.lua" }

local serve = world:send{ from = "alice", target = ping, action = "Serve", data = pong, Rounds = "3" }

print("== message log ==")
world:print_log()
print("== outputs ==")
for _, m in ipairs(world:messages({ Action = "Pong" })) do
  print(world:name(m.Target) .. ": " .. world:output(m.Id))
end
print("== trace of the Serve message ==")
io.write(world:trace(serve, "text"))
print("pongs counted by ping: " .. world:eval(ping, "Pongs"))
print("serve message id: " .. serve)
assert(world:eval(ping, "Pongs") == 3, "expected three pongs")
