-- ao.env for the common case, built from a template of the caller's env
-- (private to process.lua; not part of aos's API).
--
-- For the common case (the emulator's env: plain tables, tags holding only
-- name and value) the walk over the caller's tables is done once per env
-- table and kept as a template; copies are then built from it. The template
-- is used again only for the same env table with the same Process, Module
-- and Tags tables: the caller must not change an env it passes again (the
-- emulator builds it once and never changes it). The runtime never hands the
-- caller's tables to the process.
local function partTemplate(p)
  if type(p) ~= "table" or getmetatable(p) ~= nil then return nil end
  local keys, values, n = {}, {}, 0
  for k, v in next, p do
    n = n + 1
    keys[n], values[n] = k, v
  end
  local list = p.Tags
  if type(list) ~= "table" or getmetatable(list) ~= nil then return nil end
  local names, tagValues, count = {}, {}, 0
  local tag = list[1]
  while tag ~= nil do
    if type(tag) ~= "table" or getmetatable(tag) ~= nil then return nil end
    for k in next, tag do
      if k ~= "name" and k ~= "value" then return nil end
    end
    count = count + 1
    names[count], tagValues[count] = tag.name, tag.value
    tag = list[count + 1]
  end
  local entries = 0
  for _ in next, list do entries = entries + 1 end
  if entries ~= count then return nil end
  return { keys = keys, values = values, n = n, names = names, tagValues = tagValues, count = count }
end

-- Builders for a template. The plain ones insert keys one by one, exactly
-- as copying the caller's tables and Tab() do. The generated ones build the
-- same tables with table constructors (no rehash on the way); they are used
-- only when each table they build comes out with its keys in the same
-- traversal order as the plain builder's (checked once per template), so
-- pairs() over ao.env is unchanged.
local function partFromTemplate(t)
  local copy = {}
  local keys, values = t.keys, t.values
  for i = 1, t.n do copy[keys[i]] = values[i] end
  local tags = {}
  local names, tagValues = t.names, t.tagValues
  for i = 1, t.count do tags[i] = { name = names[i], value = tagValues[i] } end
  copy.Tags = tags
  return copy
end

-- Tab() over the template's tags.
local function mapFromTemplate(t)
  local map = {}
  local names, values = t.names, t.tagValues
  for i = 1, t.count do
    local name = names[i]
    if not map[name] then map[name] = values[i] end
  end
  return map
end

local function plainBuilders(template)
  template.buildEnv = function()
    local processPart = partFromTemplate(template.process)
    return { Process = processPart, Module = partFromTemplate(template.module) }, processPart
  end
  template.buildProcessMap = function() return mapFromTemplate(template.process) end
end

local function keyOrder(t)
  local keys, n = {}, 0
  for k in next, t do
    n = n + 1
    keys[n] = k
  end
  return keys
end

local function sameOrder(a, b)
  local ka, kb = keyOrder(a), keyOrder(b)
  if #ka ~= #kb then return false end
  for i = 1, #ka do
    if ka[i] ~= kb[i] then return false end
  end
  return true
end

local function tagListSource(prefix, count)
  local parts = {}
  for i = 1, count do
    parts[i] = ("{ name = %sN[%d], value = %sV[%d] }"):format(prefix, i, prefix, i)
  end
  return "{ " .. table.concat(parts, ", ") .. " }"
end

local function partSource(prefix, t, tagsVar)
  local parts = {}
  for i = 1, t.n do
    if t.keys[i] == "Tags" then
      parts[i] = ("[%sK[%d]] = %s"):format(prefix, i, tagsVar)
    else
      parts[i] = ("[%sK[%d]] = %sX[%d]"):format(prefix, i, prefix, i)
    end
  end
  return "{ " .. table.concat(parts, ", ") .. " }"
end

-- Returns false when the generated builders would lay a table out
-- differently (or cannot be made); the plain builders are used then.
local function generatedBuilders(template)
  local pt, mt = template.process, template.module
  if pt.count > 64 or mt.count > 64 or pt.n > 16 or mt.n > 16 or not load then return false end
  -- The Tab() map as inserted: the first occurrence of each name, in order.
  -- Falsy values (replaced by a later occurrence) are left to the plain builder.
  local mapKeys, mapValues, seen = {}, {}, {}
  for i = 1, pt.count do
    local name, value = pt.names[i], pt.tagValues[i]
    if name == nil or name ~= name or not value then return false end
    if not seen[name] then
      seen[name] = true
      mapKeys[#mapKeys + 1] = name
      mapValues[#mapValues + 1] = value
    end
  end
  local mapParts = {}
  for i = 1, #mapKeys do mapParts[i] = ("[UK[%d]] = UV[%d]"):format(i, i) end
  local source = table.concat({
    "local PK, PX, PN, PV, MK, MX, MN, MV, UK, UV = ...",
    "local function buildEnv()",
    "  local ptags = " .. tagListSource("P", pt.count),
    "  local mtags = " .. tagListSource("M", mt.count),
    "  local processPart = " .. partSource("P", pt, "ptags"),
    "  return { Process = processPart, Module = " .. partSource("M", mt, "mtags") .. " }, processPart",
    "end",
    "local function buildProcessMap()",
    "  return { " .. table.concat(mapParts, ", ") .. " }",
    "end",
    "return buildEnv, buildProcessMap"
  }, "\n")
  local chunk = load(source, "=(aokit env template)", "t", {})
  if not chunk then return false end
  local buildEnv, buildProcessMap = chunk(pt.keys, pt.values, pt.names, pt.tagValues,
    mt.keys, mt.values, mt.names, mt.tagValues, mapKeys, mapValues)
  -- Same traversal order as the plain builders, for every table built.
  local env, processPart = buildEnv()
  local plainProcess = partFromTemplate(pt)
  local map, plainMap = buildProcessMap(), mapFromTemplate(pt)
  processPart.TagArray, plainProcess.TagArray = processPart.Tags, plainProcess.Tags
  processPart.Tags, plainProcess.Tags = map, plainMap
  if not (sameOrder(processPart, plainProcess) and sameOrder(map, plainMap)
    and sameOrder(env.Module, partFromTemplate(mt))) then
    return false
  end
  for i = 1, pt.count do
    if not sameOrder(processPart.TagArray[i], { name = pt.names[i], value = pt.tagValues[i] }) then
      return false
    end
  end
  template.buildEnv, template.buildProcessMap = buildEnv, buildProcessMap
  return true
end

local envRaw, envProcess, envModule, envProcessTags, envModuleTags, envTemplate
local function envTemplateFor(raw)
  local env = raw.Process and raw or raw.env
  local p, m = env.Process, env.Module
  if raw == envRaw and p == envProcess and m == envModule and p.Tags == envProcessTags
    and m.Tags == envModuleTags then
    return envTemplate
  end
  envRaw, envTemplate = nil, nil
  if type(p) ~= "table" or type(m) ~= "table" then return nil end
  if getmetatable(raw) ~= nil or getmetatable(env) ~= nil then return nil end
  local pt, mt = partTemplate(p), partTemplate(m)
  if not (pt and mt) then return nil end
  envRaw, envProcess, envModule = raw, p, m
  envProcessTags, envModuleTags = p.Tags, m.Tags
  envTemplate = { process = pt, module = mt }
  if not generatedBuilders(envTemplate) then plainBuilders(envTemplate) end
  return envTemplate
end

return { forEnv = envTemplateFor }
