-- utils: aos-compatible functional helpers and the message pattern matcher.
-- Written for aokit; mirrors the behaviour of aos 2.0.4's process/utils.lua.
local utils = { _version = "0.0.5" }

-- Characters that turn a string pattern into a Lua pattern ('-' alone does not).
local MAGIC = "[%^%$%(%)%%%.%[%]%*%+%?]"

local function lowerOf(v)
  local t = type(v)
  if t == "string" then return v:lower() end
  if t == "number" then return tostring(v):lower() end
  return nil
end

-- True when `value` matches `pattern`:
--   "_" any present value; function p(value, msg); table: any sub-pattern;
--   plain string: case-insensitive equality; string with magic chars: Lua
--   pattern, both sides lower-cased.
function utils.matchesPattern(pattern, value, msg)
  if not pattern then return false end
  if pattern == "_" then return true end
  local pt = type(pattern)
  if pt == "function" then
    return pattern(value, msg) and true or false
  end
  if pt == "string" then
    local lv = lowerOf(value)
    if lv == nil then return false end
    if pattern:match(MAGIC) then
      return lv:match(pattern:lower()) ~= nil
    end
    return lv == pattern:lower()
  end
  if pt == "table" then
    for _, sub in pairs(pattern) do
      if utils.matchesPattern(sub, value, msg) then return true end
    end
  end
  return false
end

-- Spec forms: function (its result is returned as is), table of
-- key -> pattern (every key must be present at the root or in msg.Tags and
-- match), string (exact, case-sensitive msg.Action).
-- type(spec) for the handler patterns seen last (patterns are long-lived:
-- a weak-keyed memo avoids a type() call per handler and message).
local specTypes = setmetatable({}, { __mode = "k" })
local specTypesCount = 0
function utils.matchesSpec(msg, spec)
  local st = specTypes[spec]
  if st == nil then
    st = type(spec)
    if st == "function" or st == "table" or st == "string" then
      if specTypesCount >= 1024 then
        specTypes, specTypesCount = setmetatable({}, { __mode = "k" }), 0
      end
      specTypes[spec] = st
      specTypesCount = specTypesCount + 1
    end
  end
  if st == "function" then
    return spec(msg)
  end
  if st == "table" then
    local tags = type(msg.Tags) == "table" and msg.Tags or nil
    for key, pattern in pairs(spec) do
      local rootValue = msg[key]
      local tagValue = tags and tags[key]
      if not rootValue and not tagValue then return false end
      if not utils.matchesPattern(pattern, rootValue, msg)
        and not utils.matchesPattern(pattern, tagValue, msg) then
        return false
      end
    end
    return true
  end
  if st == "string" and msg.Action and msg.Action == spec then
    return true
  end
  return false
end

-- Canonical tag/key name: '_' -> '-', lower-cased, first letter and each
-- letter after '-' upper-cased. Non-strings are returned unchanged.
-- Results are memoised (a pure function of the input; bounded cache).
local normalized, normalizedCount = {}, 0
function utils.normalize(str)
  if type(str) ~= "string" then return str end
  local hit = normalized[str]
  if hit then return hit end
  local s = str:gsub("_", "-"):lower()
  s = s:gsub("^%l", string.upper)
  s = s:gsub("%-(%l)", function(c) return "-" .. c:upper() end)
  if normalizedCount < 4096 then
    normalized[str] = s
    normalizedCount = normalizedCount + 1
  end
  return s
end

function utils.capitalize(str)
  if type(str) ~= "string" or str == "" then return str end
  return str:sub(1, 1):upper() .. str:sub(2):lower()
end

local function isArray(t)
  if type(t) ~= "table" then return false end
  local maxIndex = 0
  for k in pairs(t) do
    if type(k) ~= "number" or k < 1 or math.floor(k) ~= k then
      return false
    end
    if k > maxIndex then maxIndex = k end
  end
  return maxIndex == #t
end
utils.isArray = isArray

-- aos reads debug.getinfo(fn, "u").nparams; aokit's sandbox keeps only
-- debug.traceback and offers the parameter count as require("aokit.arity").
local okArity, arity = pcall(require, "aokit.arity")
if not okArity or type(arity) ~= "function" then arity = nil end

local function nparams(fn)
  if debug and debug.getinfo then
    local ok, info = pcall(debug.getinfo, fn, "u")
    if ok and info and info.nparams then return info.nparams end
  end
  if arity then return arity(fn) end
  return 1
end

function utils.curry(fn, arity)
  assert(type(fn) == "function", "function is required as first argument")
  arity = arity or nparams(fn)
  if arity < 2 then return fn end
  return function(...)
    local args = table.pack(...)
    if args.n >= arity then
      return fn(...)
    end
    local fixed = args
    return utils.curry(function(...)
      local all = { table.unpack(fixed, 1, fixed.n) }
      local more = table.pack(...)
      for i = 1, more.n do all[fixed.n + i] = more[i] end
      return fn(table.unpack(all, 1, fixed.n + more.n))
    end, arity - args.n)
  end
end

utils.concat = utils.curry(function(a, b)
  assert(type(a) == "table", "first argument should be a table that is an array")
  assert(type(b) == "table", "second argument should be a table that is an array")
  assert(isArray(a), "first argument should be a table")
  assert(isArray(b), "second argument should be a table")
  local out = {}
  for i = 1, #a do out[#out + 1] = a[i] end
  for i = 1, #b do out[#out + 1] = b[i] end
  return out
end, 2)

utils.reduce = utils.curry(function(fn, initial, t)
  assert(type(fn) == "function", "first argument should be a function that accepts (result, value, key)")
  assert(type(t) == "table" and isArray(t), "third argument should be a table that is an array")
  local acc = initial
  for i = 1, #t do
    if acc == nil then acc = t[i] else acc = fn(acc, t[i], i) end
  end
  return acc
end, 3)

utils.map = utils.curry(function(fn, data)
  assert(type(fn) == "function", "first argument should be a unary function")
  assert(type(data) == "table" and isArray(data), "second argument should be an Array")
  local out = {}
  for i = 1, #data do out[i] = fn(data[i], i) end
  return out
end, 2)

utils.filter = utils.curry(function(fn, data)
  assert(type(fn) == "function", "first argument should be a unary function")
  assert(type(data) == "table" and isArray(data), "second argument should be an Array")
  local out = {}
  for i = 1, #data do
    if fn(data[i]) then out[#out + 1] = data[i] end
  end
  return out
end, 2)

utils.find = utils.curry(function(fn, t)
  assert(type(fn) == "function", "first argument should be a unary function")
  assert(type(t) == "table", "second argument should be a table that is an array")
  for _, v in pairs(t) do
    if fn(v) then return v end
  end
end, 2)

utils.propEq = utils.curry(function(propName, value, object)
  assert(type(propName) == "string", "first argument should be a string")
  assert(type(value) == "string", "second argument should be a string")
  assert(type(object) == "table", "third argument should be a table<object>")
  return object[propName] == value
end, 3)

utils.reverse = function(data)
  assert(type(data) == "table", "argument needs to be a table that is an array")
  local out, n = {}, #data
  for i = 1, n do out[n - i + 1] = data[i] end
  return out
end

utils.compose = utils.curry(function(...)
  local fns = utils.reverse({ ... })
  return function(v)
    local r = v
    for i = 1, #fns do
      assert(type(fns[i]) == "function", "each argument needs to be a function")
      r = fns[i](r)
    end
    return r
  end
end, 2)

utils.prop = utils.curry(function(propName, object)
  return object[propName]
end, 2)

utils.includes = utils.curry(function(val, t)
  assert(type(t) == "table", "argument needs to be a table")
  assert(isArray(t), "argument should be a table that is an array")
  for i = 1, #t do
    if t[i] == val then return true end
  end
  return false
end, 2)

utils.keys = function(t)
  assert(type(t) == "table", "argument needs to be a table")
  local out = {}
  for k in pairs(t) do out[#out + 1] = k end
  return out
end

utils.values = function(t)
  assert(type(t) == "table", "argument needs to be a table")
  local out = {}
  for _, v in pairs(t) do out[#out + 1] = v end
  return out
end

return utils
