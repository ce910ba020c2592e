-- assignment: the assignable MatchSpecs that let assignments through the gate.
local Assignment = { _version = "0.1.0" }
local utils = require(".utils")

function Assignment.init(ao)
  local function indexOf(list, name)
    for i, entry in ipairs(list) do
      if entry.name == name then return i end
    end
    return nil
  end

  ao.assignables = ao.assignables or {}

  -- addAssignable([name,] spec): re-adding a name replaces its spec.
  ao.addAssignable = ao.addAssignable or function(...)
    local name, spec
    if select("#", ...) == 1 then
      spec = ...
    else
      name, spec = ...
      assert(type(name) == "string", "MatchSpec name MUST be a string")
    end
    local idx = name and indexOf(ao.assignables, name)
    if idx then
      ao.assignables[idx].pattern = spec
    else
      table.insert(ao.assignables, { pattern = spec, name = name })
    end
  end

  -- removeAssignable(name | index); unknown names and bad indexes are ignored.
  ao.removeAssignable = ao.removeAssignable or function(name)
    local idx
    if type(name) == "string" then
      idx = indexOf(ao.assignables, name)
    else
      assert(type(name) == "number", "index MUST be a number")
      idx = name
    end
    if idx == nil or idx <= 0 or idx > #ao.assignables then return end
    table.remove(ao.assignables, idx)
  end

  -- An assignment is a message whose Target is not this process.
  ao.isAssignment = ao.isAssignment or function(msg)
    return msg.Target ~= ao.id
  end

  -- With no assignables configured nothing is assignable.
  ao.isAssignable = ao.isAssignable or function(msg)
    for _, entry in ipairs(ao.assignables) do
      if utils.matchesSpec(msg, entry.pattern) then return true end
    end
    return false
  end
end

return Assignment
