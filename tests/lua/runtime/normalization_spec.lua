package.path = "tests/lua/runtime/?.lua;" .. package.path
local rt = require("helpers.runtime")

local function fred(tags, extra)
  local m = { From = "FRED", Owner = "FRED", Data = "d", Tags = tags }
  for k, v in pairs(extra or {}) do m[k] = v end
  return m
end

describe("Message normalization (normalized-message / utils-matches-pattern tests)", function()
  local P
  before_each(function()
    P = rt.new()
    P:boot()
  end)

  it("Utils.normalize: '_' -> '-', lower-case, capitalise each '-' segment", function()
    local cases = {
      action = "Action", ACTION = "Action", ["data-protocol"] = "Data-Protocol",
      DATA_PROTOCOL = "Data-Protocol", ["X_custom-HEADER"] = "X-Custom-Header",
      TokenId = "Tokenid", ["X-ID"] = "X-Id", [""] = "", a = "A", ["123"] = "123",
      ["test-123_abc"] = "Test-123-Abc",
    }
    for input, want in pairs(cases) do
      assert.are.equal(want, Utils.normalize(input), input)
    end
    assert.are.equal(123, Utils.normalize(123))
    assert.is_nil(Utils.normalize(nil))
  end)

  it("ao.nonExtractableTags changed in place, at the same length, takes effect", function()
    P:eval([[
      Handlers.add("show", { Action = "Show" }, function(msg) print(tostring(msg.Color)) end)
    ]])
    local show = function()
      return P:handle(fred({ { name = "Action", value = "Show" }, { name = "Color", value = "red" } })).Output.data
    end
    assert.are.equal("red", show())
    P:eval([[ao.nonExtractableTags[1] = "Color"]])
    assert.are.equal("nil", show())
    P:eval([[table.remove(ao.nonExtractableTags, 1); table.insert(ao.nonExtractableTags, 1, "Data-Protocol")]])
    assert.are.equal("red", show())
  end)

  it("ao.nonExtractableTags: appended, odd and non-string entries, and a replaced list", function()
    P:eval([[
      Handlers.add("show", { Action = "Show" }, function(msg) print(tostring(msg.Color)) end)
    ]])
    local show = function()
      return P:handle(fred({ { name = "Action", value = "Show" }, { name = "Color", value = "red" } })).Output.data
    end
    P:eval([[table.insert(ao.nonExtractableTags, "Color")]])
    assert.are.equal("nil", show())
    P:eval([[ao.nonExtractableTags[#ao.nonExtractableTags] = 'Co"l\nor']])
    assert.are.equal("red", show())
    P:eval([[ao.nonExtractableTags[#ao.nonExtractableTags] = 42]])
    assert.are.equal("red", show())
    P:eval([[ao.nonExtractableTags[#ao.nonExtractableTags + 1] = "Color"]])
    assert.are.equal("nil", show())
    P:eval([[ao.nonExtractableTags = { "Data-Protocol" }]])
    assert.are.equal("red", show())
    P:eval([[ao.nonExtractableTags[1] = "Color"]])
    assert.are.equal("nil", show())
  end)

  it("matches a handler whatever the case/underscore/dash spelling of the tag name", function()
    P:eval([[
      Handlers.add("proto", { ["Data-Protocol"] = "test-protocol" }, function(msg)
        print("proto " .. msg.Tags["Data-Protocol"])
      end)
    ]])
    for _, name in ipairs({ "data-protocol", "DATA-PROTOCOL", "Data-Protocol", "data_protocol",
      "DATA_PROTOCOL", "Data_Protocol", "data_PROTOCOL", "DATA-protocol" }) do
      local r = P:handle(fred({ { name = name, value = "test-protocol" } }))
      assert.are.equal("proto test-protocol", r.Output.data, name)
    end
  end)

  it("Action spellings action/ACTION/AcTiOn all lift to msg.Action", function()
    P:eval([[Handlers.add("t", { Action = "test-action" }, function(msg) print("A=" .. msg.Action) end)]])
    for _, name in ipairs({ "action", "ACTION", "Action", "AcTiOn" }) do
      assert.are.equal("A=test-action", P:handle(fred({ { name = name, value = "test-action" } })).Output.data)
    end
  end)

  it("values match case-insensitively; a string with magic characters is a lower-cased Lua pattern", function()
    P:eval([[
      Handlers.add("ci", { Action = "test-action" }, function() print("ci") end)
      Handlers.add("pat", { Action = "^Get%-" }, function() print("pat") end)
    ]])
    assert.are.equal("ci", P:handle(fred({ { name = "Action", value = "TEST-ACTION" } })).Output.data)
    assert.are.equal("pat", P:handle(fred({ { name = "Action", value = "GET-Balance" } })).Output.data)
    local miss = P:handle(fred({ { name = "Action", value = "different-action" } })).Output.data
    assert.truthy(miss:find("New Message From", 1, true))
  end)

  it("root keys of the message are normalized too", function()
    P:eval([[Handlers.add("k", function(msg) return msg["Reply-To"] == "Z" and msg.Custom == "c" end,
      function() print("keys ok") end)]])
    local r = P:handle(fred({}, { reply_to = "Z", CUSTOM = "c" }))
    assert.are.equal("keys ok", r.Output.data)
  end)

  it("tags are lifted to the root (last duplicate wins) but msg.Tags keeps the first; TagArray keeps all", function()
    P:eval([[Handlers.add("dup", { Action = "Dup" }, function(msg)
      print(msg.Color .. " " .. msg.Tags.Color .. " " .. #msg.TagArray)
    end)]])
    local r = P:handle(fred({ { name = "Action", value = "Dup" }, { name = "Color", value = "red" },
      { name = "color", value = "blue" } }))
    assert.are.equal("blue red 3", r.Output.data)
  end)

  it("never lifts Data-Protocol, Variant, From-Process, From-Module, Type, From, Owner, Anchor, Target, Data, Tags, Read-Only", function()
    P:eval([[Handlers.add("nl", { Action = "NL" }, function(msg)
      local t = {}
      for _, k in ipairs({ "Data-Protocol", "Variant", "From-Module", "Type", "Anchor", "Read-Only" }) do
        t[#t + 1] = tostring(msg[k])
      end
      print(table.concat(t, ",") .. "|" .. msg.From .. "|" .. msg.Owner .. "|" .. msg.Target .. "|" .. msg.Data)
    end)]])
    local names = { "Data-Protocol", "Variant", "From-Process", "From-Module", "Type", "From", "Owner",
      "Anchor", "Target", "Data", "Tags", "Read-Only" }
    local tags = { { name = "Action", value = "NL" } }
    for _, n in ipairs(names) do tags[#tags + 1] = { name = n, value = "TAG-" .. n } end
    local r = P:handle(fred(tags))
    assert.are.equal("nil,nil,nil,nil,nil,nil|FRED|FRED|AOS|d", r.Output.data)
  end)
end)
