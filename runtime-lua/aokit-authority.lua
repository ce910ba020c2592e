-- Private helpers shared by ao.lua and process.lua (not part of aos's API):
-- list membership as aos's utils.includes walks it, and the parts of an
-- Authority tag value.
local authority = {}

function authority.contains(list, value)
  if type(list) ~= "table" then
    for _, v in ipairs(list) do
      if v == value then return true end
    end
    return false
  end
  -- Indexing until the first nil is what ipairs does.
  local i, v = 1, list[1]
  while v ~= nil do
    if v == value then return true end
    i = i + 1
    v = list[i]
  end
  return false
end

-- Authority tag value -> its non-empty comma-separated, trimmed parts
-- (memoised: the same value arrives with every message).
local partsOf, partsCount = {}, 0
function authority.split(value)
  local parts = partsOf[value]
  if parts then return parts end
  parts = {}
  for part in value:gmatch("[^,]+") do
    local a = part:match("^%s*(.-)%s*$")
    if a ~= "" then parts[#parts + 1] = a end
  end
  if partsCount < 256 then
    partsOf[value] = parts
    partsCount = partsCount + 1
  end
  return parts
end

-- Appends to `list` each of `parts` it does not hold yet (ao.authorities is
-- topped up on every message, as aos's ao.init does).
function authority.topUp(list, parts)
  for i = 1, #parts do
    local a = parts[i]
    if not authority.contains(list, a) then table.insert(list, a) end
  end
end

return authority
