-- stringify: aos's coloured table formatter used by print and Eval results.
local stringify = { _version = "0.0.2" }

local RED, GREEN, BLUE, RESET = "\27[31m", "\27[32m", "\27[34m", "\27[0m"

local function scalar(v, indent)
  if type(v) == "table" then return stringify.format(v, indent + 2) end
  if type(v) == "string" then return GREEN .. '"' .. v .. '"' .. RESET end
  return BLUE .. tostring(v) .. RESET
end

-- Walks the table in pairs order; it is rendered as an array while the keys
-- are 1, 2, 3, ... and, at the first other key, restarts as a map (the
-- entries already rendered as array items are dropped, as aos does).
function stringify.format(tbl, indent)
  indent = indent or 0
  local pad = string.rep(" ", indent)
  local childPad = string.rep(" ", indent + 2)
  local lines = {}
  local asArray = true
  local nextIndex = 1
  for k, v in pairs(tbl) do
    if asArray then
      if k == nextIndex then
        nextIndex = nextIndex + 1
        lines[#lines + 1] = childPad .. scalar(v, indent)
      else
        asArray = false
        lines = {}
      end
    end
    if not asArray then
      lines[#lines + 1] = childPad .. RED .. k .. RESET .. " = " .. scalar(v, indent)
    end
  end
  if asArray then
    return "{\n" .. table.concat(lines, ",\n") .. "\n" .. pad .. " }"
  end
  return "{\n " .. table.concat(lines, ",\n ") .. "\n" .. pad .. "}"
end

return stringify
