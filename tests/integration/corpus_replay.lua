-- Replays a generated corpus scenario (shared/corpus) in an aokit world and prints, in order,
-- the Data of every message the processes send to wallets — the scenario's own comparison.
--   aokit run corpus_replay.lua CORPUS_DIR SCENARIO source|bundle [MANIFEST]
-- source: each process spawned from its entry file with the corpus's lua_path;
-- bundle: each process deployed from `aokit bundle` output (runtime, chunks, shell).
local dir, scenario_name, mode, manifest = ...
local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end
local scenario = aokit.json_decode(read(dir .. "/scenarios/" .. scenario_name .. ".json"))
local world = aokit.world{ seed = "corpus" }
local pids = {}
local function resolve(value)
  if type(value) == "string" and value:sub(1, 1) == "@" and pids[value:sub(2)] then return pids[value:sub(2)] end
  return value
end
-- Spawn in the scenario's order; "@name" tag values (aokit.toml) name earlier processes.
local toml = read(dir .. "/aokit.toml")
for _, name in ipairs(scenario.processes) do
  local tags = {}
  local section = toml:match("%[process%." .. name .. "%](.-)\n%[") or toml:match("%[process%." .. name .. "%](.*)$")
  for k, v in (section:match("tags = {(.-)}") or ""):gmatch('(%w[%w%-]*) = "([^"]*)"') do tags[#tags + 1] = { name = k, value = resolve(v) } end
  if mode == "bundle" then
    pids[name] = world:deploy{ manifest = manifest, process = name, owner = scenario.owner, tags = tags }
  else
    pids[name] = world:spawn{ name = name, owner = scenario.owner, tags = tags,
                              file = dir .. "/processes/" .. name .. "/main.lua",
                              path = { dir .. "/?.lua", dir .. "/?/init.lua" } }
  end
end
for _, step in ipairs(scenario.steps) do
  local spec = { from = step.from, target = pids[step.target], action = step.action, data = step.data }
  local keys = {}
  for k in pairs(step.tags) do keys[#keys + 1] = k end
  table.sort(keys)
  spec.tags = {}
  for _, k in ipairs(keys) do spec.tags[#spec.tags + 1] = { name = k, value = resolve(step.tags[k]) } end
  world:send(spec)
end
local count, errors = 0, 0
for _, m in ipairs(world:messages()) do
  local is_process = false
  for _, pid in pairs(pids) do is_process = is_process or m.Target == pid end
  if not is_process and m.Parent then
    count = count + 1
    print(m.FromName .. " -> " .. m.TargetName .. " " .. tostring(m.Action) .. " " .. m.Data)
  end
  local r = world:result(m.Id)
  if r and r.Error then errors = errors + 1 end
end
print("wallet messages: " .. count .. ", evaluation errors: " .. errors)
