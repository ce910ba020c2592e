-- ao: process identity, outbox, send/spawn/assign, trust (aos 2.0.4, ao 0.0.6).
local previous = ao or {}

local ao = {
  _version = "0.0.6",
  id = previous.id or "",
  _module = previous._module or "",
  authorities = previous.authorities or {},
  reference = previous.reference or 0,
  outbox = previous.outbox or { Output = {}, Messages = {}, Spawns = {}, Assignments = {} },
  -- Tag names never lifted to the message root.
  nonExtractableTags = {
    "Data-Protocol", "Variant", "From-Process", "From-Module", "Type",
    "From", "Owner", "Anchor", "Target", "Data", "Tags", "Read-Only"
  },
  -- Keys dropped by msg.forward.
  nonForwardableTags = {
    "Data-Protocol", "Variant", "From-Process", "From-Module", "Type",
    "From", "Owner", "Anchor", "Target", "Tags", "TagArray", "Hash-Chain",
    "Timestamp", "Nonce", "Epoch", "Signature", "Forwarded-By",
    "Pushed-For", "Read-Only", "Cron", "Block-Height", "Reference", "Id",
    "Reply-To"
  },
  hint = ""
}

local authority = require(".aokit-authority")
local contains = authority.contains

local function isArray(t)
  if type(t) ~= "table" then return false end
  local maxIndex = 0
  for k in pairs(t) do
    if type(k) ~= "number" or k < 1 or math.floor(k) ~= k then return false end
    if k > maxIndex then maxIndex = k end
  end
  return maxIndex == #t
end

local function pad32(n) return string.format("%032d", n) end

-- Keys of msg that become tags of an outgoing message.
local NOT_TAGS = { Target = true, Data = true, Anchor = true, Tags = true, From = true }

-- `out` is the fresh Tags list of an outgoing message.
local function appendTags(out, msg)
  local n = #out
  for k, v in pairs(msg) do
    if not NOT_TAGS[k] then
      n = n + 1
      out[n] = { name = k, value = v }
    end
  end
  if msg.Tags then
    if isArray(msg.Tags) then
      for _, tag in ipairs(msg.Tags) do table.insert(out, tag) end
    else
      for k, v in pairs(msg.Tags) do table.insert(out, { name = k, value = v }) end
    end
  end
end

function ao.clone(obj, seen)
  if type(obj) ~= "table" then return obj end
  if seen and seen[obj] then return seen[obj] end
  local s = seen or {}
  local copy = {}
  s[obj] = copy
  for k, v in pairs(obj) do copy[ao.clone(k, s)] = ao.clone(v, s) end
  return setmetatable(copy, getmetatable(obj))
end

local skipSet = require(".aokit-extraction").skipSet
local function excluded() return skipSet(ao.nonExtractableTags) end

-- Lift tags to root fields (last duplicate wins), except nonExtractableTags.
function ao.normalize(msg)
  local skip = excluded()
  local tags = msg.Tags
  if type(tags) ~= "table" then
    for _, tag in ipairs(tags) do
      if not skip[tag.name] then
        msg[tag.name] = tag.value
      end
    end
  else
    local i, tag = 1, tags[1]
    while tag ~= nil do
      local name = tag.name
      if not skip[name] then
        msg[name] = tag.value
      end
      i = i + 1
      tag = tags[i]
    end
  end
  ao.hint = msg.Hint or nil
  return msg
end

function ao.sanitize(msg)
  local copy = ao.clone(msg)
  local drop = {}
  for k in pairs(copy) do
    if contains(ao.nonForwardableTags, k) then drop[#drop + 1] = k end
  end
  for _, k in ipairs(drop) do copy[k] = nil end
  return copy
end

local function addAuthority(tag)
  if tag.name == "Authority" and type(tag.value) == "string" then
    authority.topUp(ao.authorities, authority.split(tag.value))
  end
end

local function addAuthorities(tags)
  if type(tags) ~= "table" then return end
  local i, tag = 1, tags[1]
  while tag ~= nil do
    if tag.name == "Authority" then addAuthority(tag) end
    i = i + 1
    tag = tags[i]
  end
end

function ao.init(env)
  if ao.id == "" then ao.id = env.Process.Id end
  if ao._module == "" then
    for _, tag in ipairs(env.Process.Tags) do
      if tag.name == "Module" then ao._module = tag.value end
    end
  end
  addAuthorities(env.Process.Tags)
  ao.outbox = { Output = {}, Messages = {}, Spawns = {}, Assignments = {} }
  ao.env = env
end

function ao.log(txt)
  if type(ao.outbox.Output) == "string" then
    ao.outbox.Output = { ao.outbox.Output }
  end
  table.insert(ao.outbox.Output, txt)
end

function ao.clearOutbox()
  ao.outbox = { Output = {}, Messages = {}, Spawns = {}, Assignments = {} }
end

-- tostring(n) and ("%032d"):format(n) for a non-negative integer n, while
-- tostring is the builtin (whose result for a number is n .. "").
local builtinTostring, mathType, format = tostring, math.type, string.format
local ZEROS = {}
for i = 0, 32 do ZEROS[i] = string.rep("0", i) end
local function reference(n)
  if tostring == builtinTostring and mathType(n) == "integer" and n >= 0 then
    local ref = n .. ""
    return ref, ZEROS[32 - #ref] .. ref
  end
  return tostring(n), pad32(n)
end

-- The outbox entry is a copy of the message made by inserting its keys in
-- pairs() order. For a message with all four fields that order is fixed (the
-- message is always built by the same constructor); the copy is then made
-- with a constructor when that lays the entry out in the same order.
local entryCopy
do
  local sample = { Target = "", Data = "", Anchor = "", Tags = {} }
  local order = {}
  for k in next, sample do order[#order + 1] = k end
  local k1, k2, k3, k4 = order[1], order[2], order[3], order[4]
  local function construct(m)
    return { [k1] = m[k1], [k2] = m[k2], [k3] = m[k3], [k4] = m[k4] }
  end
  local built, copied = construct(sample), {}
  for k, v in next, sample do copied[k] = v end
  local a, b = {}, {}
  for k in next, built do a[#a + 1] = k end
  for k in next, copied do b[#b + 1] = k end
  if #a == 4 and #b == 4 and a[1] == b[1] and a[2] == b[2] and a[3] == b[3] and a[4] == b[4] then
    entryCopy = construct
  end
end

function ao.send(msg)
  assert(type(msg) == "table", "msg should be a table")
  ao.reference = ao.reference + 1
  local ref, anchor = reference(ao.reference)
  local message = {
    Target = msg.Target,
    Data = msg.Data,
    Anchor = anchor,
    -- Room for the tags appendTags adds (array slots are not observable).
    Tags = {
      { name = "Data-Protocol", value = "ao" },
      { name = "Variant", value = "ao.TN.1" },
      { name = "Type", value = "Message" },
      { name = "Reference", value = ref },
      nil, nil, nil, nil
    }
  }
  if ao.hint then
    table.insert(message.Tags, { name = "From-Process", value = "?hint=" .. ao.hint })
  end
  appendTags(message.Tags, msg)

  if not Handlers then return message end

  local entry
  if entryCopy and message.Target ~= nil and message.Data ~= nil then
    entry = entryCopy(message)
  else
    entry = {}
    for k, v in pairs(message) do entry[k] = v end
  end
  table.insert(ao.outbox.Messages, entry)

  -- onReply([from,] handler): once-handler on {From, X-Reference = ref}.
  message.onReply = function(...)
    local from, resolver
    if select("#", ...) == 2 then
      from, resolver = ...
    else
      from, resolver = message.Target, ...
    end
    Handlers.once({ From = from, ["X-Reference"] = ref }, resolver)
  end
  message.receive = function(...)
    local from = message.Target
    if select("#", ...) == 1 then from = ... end
    return Handlers.receive({ From = from, ["X-Reference"] = ref })
  end
  return message
end

function ao.spawn(module, msg)
  assert(type(module) == "string", "Module source id is required!")
  assert(type(msg) == "table", "Message must be a table")
  ao.reference = ao.reference + 1
  local ref = tostring(ao.reference)
  local spawn = {
    Data = msg.Data or "NODATA",
    Anchor = pad32(ao.reference),
    Tags = {
      { name = "Data-Protocol", value = "ao" },
      { name = "Variant", value = "ao.TN.1" },
      { name = "Type", value = "Process" },
      { name = "From-Process", value = ao.id },
      { name = "From-Module", value = ao._module },
      { name = "Module", value = module },
      { name = "Reference", value = ref }
    }
  }
  appendTags(spawn.Tags, msg)

  if not Handlers then return spawn end

  local entry = {}
  for k, v in pairs(spawn) do entry[k] = v end
  table.insert(ao.outbox.Spawns, entry)

  local notice = { Action = "Spawned", From = ao.id, Reference = ref }
  spawn.onReply = function(callback)
    Handlers.once({ Action = notice.Action, From = notice.From, Reference = notice.Reference }, callback)
  end
  spawn.receive = function()
    return Handlers.receive({ Action = notice.Action, From = notice.From, Reference = notice.Reference })
  end
  return spawn
end

function ao.assign(assignment)
  assert(type(assignment) == "table", "assignment should be a table")
  assert(type(assignment.Processes) == "table", "Processes should be a table")
  assert(type(assignment.Message) == "string", "Message should be a string")
  table.insert(ao.outbox.Assignments, assignment)
end

-- Trusted when From or Owner is one of ao.authorities.
function ao.isTrusted(msg)
  for _, authority in ipairs(ao.authorities) do
    if msg.From == authority then return true end
    if msg.Owner == authority then return true end
  end
  return false
end

-- {Error} alone whenever an error was recorded, else the whole outbox.
function ao.result(result)
  if ao.outbox.Error or result.Error then
    return { Error = result.Error or ao.outbox.Error }
  end
  return {
    Output = result.Output or ao.outbox.Output,
    Messages = ao.outbox.Messages,
    Spawns = ao.outbox.Spawns,
    Assignments = ao.outbox.Assignments
  }
end

return ao
