-- The Lua side of the driver API (`aokit run` scripts): the `aokit` module.
-- Receives the native world constructor, the native methods and the world metatable.
local new_world, native, metatable, sha256, json_decode = ...

local aokit = { version = "0.1.0", sha256 = sha256, json_decode = json_decode }
local World = {}
for name, fn in pairs(native) do World[name] = fn end
metatable.__index = World

local settings = setmetatable({}, { __mode = "k" })  -- per world: { auto = bool }

local function auto_run(world)
  local s = settings[world]
  if s == nil or s.auto then world:run() end
end

-- Calls a native method for one of the wrappers below and re-raises its error at the script
-- line that called the wrapper (level 3: checked, the wrapper, its caller), so the message
-- names the user's file:line rather than a line of this file. Under pcall the native error
-- carries no position of its own (its caller is pcall, a C function).
local function checked(method, self, arg)
  local ok, result = pcall(method, self, arg)
  if not ok then error(result, 3) end
  return result
end

--- Turns auto-running to quiescence after spawn/send on or off; returns the old value.
function World:auto(on)
  local s = settings[self] or { auto = true }
  settings[self] = s
  local old = s.auto
  if on ~= nil then s.auto = on and true or false end
  return old
end

function World:spawn(spec)
  local pid = checked(self.spawn_raw, self, spec)
  auto_run(self)
  return pid
end

--- Submits a signed binary data item (bytes); verified, then spawned or queued.
function World:submit(bytes)
  local id = checked(self.submit_raw, self, bytes)
  auto_run(self)
  return id
end

function World:send(spec)
  local id = checked(self.send_raw, self, spec)
  auto_run(self)
  return id
end

-- Match specs as aos's Handlers use them: a string matches Action; a function is called
-- with the message; a table maps fields to "_" (present), an exact string, a Lua pattern
-- (when it has magic characters), a function, or a list of alternatives.
local function match_value(pattern, value, msg)
  if pattern == "_" then return value ~= nil end
  if type(pattern) == "function" then return pattern(value, msg) and true or false end
  if type(pattern) == "table" then
    for _, p in ipairs(pattern) do
      if match_value(p, value, msg) then return true end
    end
    return false
  end
  if value == nil then return false end
  pattern, value = tostring(pattern), tostring(value)
  if pattern:find("[%^%$%(%)%%%.%[%]%*%+%?]") then return value:find(pattern) ~= nil end
  return pattern == value
end

function aokit.matches(msg, spec)
  if spec == nil then return true end
  if type(spec) == "string" then return msg.Action == spec end
  if type(spec) == "function" then return spec(msg) and true or false end
  for field, pattern in pairs(spec) do
    if not match_value(pattern, msg[field], msg) then return false end
  end
  return true
end

--- Every retained message matching spec, oldest first.
function World:messages(spec)
  local out = {}
  for _, m in ipairs(self:all_messages()) do
    if aokit.matches(m, spec) then out[#out + 1] = m end
  end
  return out
end

function World:first(spec)
  return self:messages(spec)[1]
end

function World:last(spec)
  local all = self:messages(spec)
  return all[#all]
end

local function read_file(path)
  local f, err = io.open(path, "rb")
  if not f then error("deploy: cannot read " .. tostring(err), 3) end
  local text = f:read("a")
  f:close()
  return text
end

--- Deploys one process of an `aokit bundle` build the way it loads on AO: spawn with the
--- shared runtime as boot code, then Eval each chunk the process needs, then its shell.
--- spec = { manifest = "build/bundle-manifest.json", process = "battle", owner = "user",
---          name = "battle", tags = {...} }. Returns the process id; raises if a step fails.
function World:deploy(spec)
  local path = assert(spec.manifest, "deploy: 'manifest' is required")
  local manifest = json_decode(read_file(path))
  local dir = path:match("^(.*)/[^/]*$") or "."
  local entry = manifest.processes and manifest.processes[spec.process]
  if not entry then error("deploy: process '" .. tostring(spec.process) .. "' is not in " .. path, 2) end
  local owner = spec.owner or "user"
  local loads = entry.loads
  local pid = checked(self.spawn_raw, self, { name = spec.name or spec.process, owner = owner, tags = spec.tags,
                     source = read_file(dir .. "/" .. loads[1]), ["Aokit-Source-File"] = loads[1] })
  local steps = { { file = loads[1], id = pid } }
  for i = 2, #loads do
    local eval = { from = owner, target = pid, action = "Eval", data = read_file(dir .. "/" .. loads[i]) }
    steps[#steps + 1] = { file = loads[i], id = checked(self.send_raw, self, eval) }
  end
  self:run()
  for _, step in ipairs(steps) do
    local _, err = self:output(step.id, pid)
    if err then error("deploy: " .. spec.process .. ": loading " .. step.file .. " failed: " .. err, 2) end
  end
  return pid
end

function World:inbox(pid)
  return self:eval(pid, "Inbox")
end

--- Prints the readable log (virtual time, sender -> process #slot, Action, errors).
function World:print_log()
  for _, line in ipairs(self:log()) do print(line) end
end

function aokit.world(options)
  local w = new_world(options)
  settings[w] = { auto = true }
  return w
end

return aokit
