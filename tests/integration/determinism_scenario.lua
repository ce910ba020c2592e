-- A multi-process scenario whose every message id and result is hashed: run in separate OS
-- processes, the digests must be identical. Options come from the command line:
--   aokit run determinism_scenario.lua [signing] [mode]
local signing, mode = ...
local world = aokit.world{ seed = "determinism", signing = signing or "ed25519", mode = mode or "deterministic" }
local pong = world:spawn{ name = "pong", source = [[
Handlers.add("ping", "Ping", function(msg) msg.reply({ Action = "Pong", Data = msg.Data .. "!" }) end)
]] }
local counter = world:spawn{ name = "counter", source = [[
Seen = {}
Handlers.add("count", "Count", function(msg)
  Seen[msg.From] = (Seen[msg.From] or 0) + 1
  local keys = {}
  for k, v in pairs(Seen) do keys[#keys + 1] = k .. "=" .. v end
  print(table.concat(keys, ","), math.random(1000))
end)
]] }
local ping = world:spawn{ name = "ping", source = [[
Handlers.add("go", "Go", function(msg)
  for i = 1, 20 do
    Send({ Target = msg.Pong, Action = "Ping", Data = tostring(i) })
    Send({ Target = msg.Counter, Action = "Count" })
  end
end)
Handlers.add("pong", "Pong", function(msg) print("pong " .. msg.Data) end)
]] }
world:send{ target = ping, action = "Go", Pong = pong, Counter = counter }
world:advance(5000)
world:send{ from = "bob", target = counter, action = "Count" }
local parts = {}
for _, m in ipairs(world:messages()) do
  parts[#parts + 1] = m.Id .. " " .. m.Target .. " " .. (world:result_json(m.Id) or "-")
end
print(#parts .. " messages " .. aokit.sha256(table.concat(parts, "\n")))
