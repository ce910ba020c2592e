-- Test harness for runtime-lua: loads a fresh aos-compatible runtime into
-- the current (stock lua5.3) state and drives process.handle directly.
-- Each Harness.new() wipes the runtime's globals and modules first, so
-- every spec starts from an empty process.
local M = {}

local RUNTIME_DIR = "runtime-lua/"
local JSON_FALLBACK = "tests/lua/runtime/helpers/json_for_tests.lua"

local function exists(path)
  local f = io.open(path, "r")
  if f then f:close(); return true end
  return false
end

-- Resolve require(".x") and require("x") to runtime-lua/x.lua, like the
-- emulator; `.json` falls back to the test-only JSON until json.lua lands.
local function searcher(name)
  local bare = name:gsub("^%.", "")
  local path = RUNTIME_DIR .. bare:gsub("%.", "/") .. ".lua"
  if not exists(path) and (bare == "json") then path = JSON_FALLBACK end
  if not exists(path) then return "\n\tno runtime module '" .. path .. "'" end
  local chunk, err = loadfile(path)
  if not chunk then error(err, 0) end
  return chunk, path
end

local installed = false
local baseline = {}        -- globals present before any runtime was loaded
local saved = {}           -- original values of globals the runtime replaces
local RUNTIME_MODULES = {}

local function install()
  if installed then return end
  installed = true
  table.insert(package.searchers, 2, searcher)
  for k, v in pairs(_G) do baseline[k] = v end
  saved.print, saved.random, saved.time = print, math.random, os.time
end

local function reset()
  for name in pairs(RUNTIME_MODULES) do package.loaded[name] = nil end
  RUNTIME_MODULES = {}
  for k in pairs(_G) do
    if baseline[k] == nil then _G[k] = nil end
  end
  for k, v in pairs(baseline) do _G[k] = v end
  print, math.random, os.time = saved.print, saved.random, saved.time
end

local function loadRuntime()
  local before = {}
  for k in pairs(package.loaded) do before[k] = true end
  local process = require(".process")
  for k in pairs(package.loaded) do
    if not before[k] then RUNTIME_MODULES[k] = true end
  end
  RUNTIME_MODULES[".process"] = true
  return process
end

local Harness = {}
Harness.__index = Harness

-- opts: id, owner, module, tags (extra spawn tags), blockHeight
function M.new(opts)
  install()
  reset()
  opts = opts or {}
  local self = setmetatable({}, Harness)
  self.id = opts.id or "AOS"
  self.owner = opts.owner or "FOOBAR"
  self.module = opts.module or "WOOPAWOOPA"
  self.blockHeight = opts.blockHeight or 1000
  self.tags = { { name = "Type", value = "Process" }, { name = "Module", value = self.module } }
  for _, t in ipairs(opts.tags or { { name = "Name", value = "Thomas" } }) do
    self.tags[#self.tags + 1] = t
  end
  self.nonce = 0
  self.process = loadRuntime()
  return self
end

function Harness:env()
  local tags = {}
  for i, t in ipairs(self.tags) do tags[i] = { name = t.name, value = t.value } end
  return {
    Process = { Id = self.id, Owner = self.owner, Tags = tags },
    Module = { Id = self.module, Owner = "MODULE-OWNER", Tags = {} }
  }
end

-- The spawn message, evaluated first (Id = Target = process id).
function Harness:boot(fields)
  local msg = {
    Id = self.id, Target = self.id, Owner = self.owner, From = self.owner,
    ["Block-Height"] = self.blockHeight, Timestamp = 1700000000000,
    Module = self.module, Data = "", Nonce = 0, Cron = false
  }
  msg.Tags = {}
  for i, t in ipairs(self.tags) do msg.Tags[i] = { name = t.name, value = t.value } end
  for k, v in pairs(fields or {}) do msg[k] = v end
  return self.process.handle(msg, self:env())
end

-- Any later message. Defaults: From = Owner = process owner, Target = pid.
function Harness:handle(fields)
  self.nonce = self.nonce + 1
  local msg = {
    Id = "msg-" .. self.nonce, Target = self.id, Owner = self.owner, From = self.owner,
    ["Block-Height"] = self.blockHeight, Timestamp = 1700000000000 + self.nonce,
    Data = "", Nonce = self.nonce, Cron = false, Tags = {}
  }
  for k, v in pairs(fields or {}) do msg[k] = v end
  return self.process.handle(msg, self:env())
end

function Harness:eval(code)
  return self:handle({ Data = code, Tags = { { name = "Action", value = "Eval" } } })
end

-- Helpers for reading results.
function M.tag(entry, name)
  for _, t in ipairs(entry.Tags) do
    if t.name == name then return t.value end
  end
  return nil
end

function M.tagNames(entry)
  local names = {}
  for i, t in ipairs(entry.Tags) do names[i] = t.name end
  return names
end

M.ESC = "\27"
return M
