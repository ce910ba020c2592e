-- pretty: plain-text table printer (pretty.tprint), no colours.
local pretty = { _version = "0.0.1" }

local function sortedKeys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    if ta == "number" or ta == "string" then return a < b end
    return false
  end)
  return keys
end

-- One "key: value" line per entry, nested tables indented by two spaces.
function pretty.tprint(tbl, indent)
  indent = indent or 0
  local out = {}
  for _, k in ipairs(sortedKeys(tbl)) do
    local v = tbl[k]
    local line = string.rep(" ", indent) .. tostring(k) .. ": "
    if type(v) == "table" then
      out[#out + 1] = line
      out[#out + 1] = pretty.tprint(v, indent + 2)
    else
      out[#out + 1] = line .. tostring(v)
    end
  end
  return table.concat(out, "\n")
end

return pretty
