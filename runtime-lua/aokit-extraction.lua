-- The set view of ao.nonExtractableTags (the tag names ao.normalize never lifts
-- to the message root), shared by ao.normalize and the runtime's message path.
-- It is rebuilt whenever the list is replaced or any entry differs from the
-- copy it was built from (checking the length alone missed entries replaced in
-- place). The check runs on every message, so for a list of strings it is
-- compiled into one expression, `l[1] == "Data-Protocol" and ... and
-- l[13] == nil`; other entries are compared in a loop.
local compile = load
local format, concat = string.format, table.concat

local cachedList, cachedSet, sameAsCopy = nil, nil, nil

local function loopComparator(copy)
  return function(list)
    local i = 1
    while true do
      local name = list[i]
      if name ~= copy[i] then return false end
      if name == nil then return true end
      i = i + 1
    end
  end
end

local function comparatorFor(copy)
  if #copy > 256 then return loopComparator(copy) end
  local terms = {}
  for i, name in ipairs(copy) do
    if type(name) ~= "string" then return loopComparator(copy) end
    terms[i] = format("l[%d] == %q", i, name)
  end
  terms[#terms + 1] = format("l[%d] == nil", #copy + 1)
  local chunk = "local l = ... return " .. concat(terms, " and ")
  return compile(chunk, "=(aokit nonExtractableTags check)", "t", {}) or loopComparator(copy)
end

local extraction = {}

-- name -> true for the entries of `list` up to its first nil (as ipairs).
function extraction.skipSet(list)
  if list ~= cachedList or not sameAsCopy(list) then
    local set, copy = {}, {}
    for k, name in ipairs(list) do
      set[name] = true
      copy[k] = name
    end
    cachedList, cachedSet, sameAsCopy = list, set, comparatorFor(copy)
  end
  return cachedSet
end

return extraction
