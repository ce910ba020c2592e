-- dump: serialise a value as readable Lua-like text (Dump global, and the
-- `test` field of Eval outputs). Keys are sorted so the text is deterministic.
local function keyOrder(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return ta < tb end
  if ta == "number" or ta == "string" then return a < b end
  return false
end

local function quote(s)
  return string.format("%q", s)
end

local function dump(value, indent, seen)
  indent = indent or ""
  seen = seen or {}
  local t = type(value)
  if t == "string" then return quote(value) end
  if t ~= "table" then return tostring(value) end
  if seen[value] then return "<cycle>" end
  seen[value] = true
  local keys = {}
  for k in pairs(value) do keys[#keys + 1] = k end
  table.sort(keys, keyOrder)
  if #keys == 0 then seen[value] = nil; return "{}" end
  local inner = indent .. "  "
  local parts = {}
  local n = #value
  for _, k in ipairs(keys) do
    local v = dump(value[k], inner, seen)
    if math.type(k) == "integer" and k >= 1 and k <= n then
      parts[#parts + 1] = inner .. v
    elseif type(k) == "string" and k:match("^[%a_][%w_]*$") then
      parts[#parts + 1] = inner .. k .. " = " .. v
    else
      parts[#parts + 1] = inner .. "[" .. dump(k, inner, seen) .. "] = " .. v
    end
  end
  seen[value] = nil
  return "{\n" .. table.concat(parts, ",\n") .. "\n" .. indent .. "}"
end

return function(value) return dump(value) end
