-- handlers-utils: pattern and handler helpers exposed as Handlers.utils.
local hutils = { _version = "0.0.2" }

local utils = require(".utils")

-- Pattern: msg.Tags[name] == value (exact, case-sensitive).
function hutils.hasMatchingTag(name, value)
  assert(type(name) == "string" and type(value) == "string",
    "invalid arguments: (name : string, value : string)")
  return function(msg)
    return msg.Tags[name] == value
  end
end

-- Pattern: the tag `name` equals one of `values`; returns 0 when none does.
function hutils.hasMatchingTagOf(name, values)
  assert(type(name) == "string" and type(values) == "table",
    "invalid arguments: (name : string, values : string[])")
  return function(msg)
    for _, value in ipairs(values) do
      local r = hutils.hasMatchingTag(name, value)(msg)
      if r ~= 0 and r ~= false and r ~= "skip" then
        return r
      end
    end
    return 0
  end
end

-- Pattern: msg.Data == value.
function hutils.hasMatchingData(value)
  assert(type(value) == "string", "invalid arguments: (value : string)")
  return function(msg)
    return msg.Data == value
  end
end

-- Handler: reply with a string (as Data) or a message table.
function hutils.reply(input)
  assert(type(input) == "table" or type(input) == "string",
    "invalid arguments: (input : table or string)")
  return function(msg)
    if msg.reply then
      if type(input) == "string" then
        msg.reply({ Data = input })
      else
        msg.reply(input)
      end
      return
    end
    -- Without msg.reply the whole input becomes the Data of a plain Send.
    Send({ Target = msg.From, Data = input })
  end
end

-- Pattern wrapper: any non-skip match of `pattern` becomes 1 ("continue").
function hutils.continue(pattern)
  return function(msg)
    local match = utils.matchesSpec(msg, pattern)
    if not match or match == 0 or match == "skip" then
      return match
    end
    return 1
  end
end

return hutils
