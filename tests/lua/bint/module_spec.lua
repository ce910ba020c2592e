-- Specs for runtime-lua/bint.lua: loading, module table, value layout.
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or "."
local helpers = dofile(here .. "/helpers.lua")
local errmsg = helpers.errmsg

describe("bint module loading", function()
  it("is a function of the width, the same for require('bint') and require('.bint')", function()
    local f1, f2 = require("bint"), require(".bint")
    assert.are.equal("function", type(f1))
    assert.are.equal(f1, f2)
    assert.are.equal(f1(256), f2(256))
  end)

  it("memoizes one module per width", function()
    local newmodule = require("bint")
    assert.are.equal(newmodule(256), newmodule(256))
    assert.are.equal(newmodule(), newmodule(256))
    assert.are.equal(newmodule(256), newmodule(256, 32))
    assert.are_not.equal(newmodule(256), newmodule(512))
    assert.are.equal(256, newmodule(256).bits)
    assert.are.equal(1024, newmodule(1024).bits)
  end)

  it("validates the width with lua-bint's messages", function()
    local newmodule = require("bint")
    assert.has_error(function() newmodule(100) end, "bitsize is not multiple of word bitsize")
    assert.has_error(function() newmodule(32) end, "bitsize must be >= 64")
    assert.has_error(function() newmodule(256, 64) end, "word bitsize must be half of the lua integer bitsize")
    assert.has_error(function() newmodule(64, 4) end, "wordbits must be at least 8")
  end)

  it("leaks no globals", function()
    package.loaded["bint"], package.loaded[".bint"] = nil, nil
    local before = {}
    for k in pairs(_G) do before[k] = true end
    local bint = require(".bint")(256)
    local x = bint("123456789012345678901234567890") + 1
    assert.are.equal("123456789012345678901234567891", tostring(x))
    require("bint")(1024)
    for k in pairs(_G) do
      assert.is_true(before[k], "new global: " .. tostring(k))
    end
  end)

  it("makes the module callable as bint.new", function()
    local bint = require("bint")(256)
    local x = bint(42)
    assert.is_true(bint.isbint(x))
    assert.are.equal("42", tostring(x))
    assert.are.equal(bint, getmetatable(x))
    assert.are.equal(bint.iszero, x.iszero)
    assert.are.equal(256, x.bits)
    assert.is_false(x:iszero())
    assert.are.equal("2a", x:tobase(16))
  end)

  it("keeps lua-bint's layout: 32-bit little-endian words in the array part", function()
    local bint = require("bint")(256)
    local x = bint("0x0102030405060708090a0b0c")
    assert.are.equal(8, #x)
    assert.are.same({ 0x090a0b0c, 0x05060708, 0x01020304, 0, 0, 0, 0, 0 }, { table.unpack(x) })
    local m = bint(-1)
    for i = 1, 8 do assert.are.equal(0xffffffff, m[i]) end
    local json = require("json")
    assert.are.equal("[5,0,0,0,0,0,0,0]", json.encode(bint(5)))
  end)

  it("supports other word sizes like lua-bint", function()
    local b16 = require("bint")(128, 16)
    local x = b16("-123456789012345678901234567")
    assert.are.equal(8, #x)
    assert.are.equal("-123456789012345678901234567", tostring(x))
    assert.are.equal("-123456789012345678901234567", tostring(x * 3 // 3))
    local b8 = require("bint")(64, 8)
    assert.are.equal(tostring(math.mininteger), tostring(b8(math.mininteger)))
    assert.are.equal("0", tostring(b8(math.mininteger) + b8(math.mininteger)))
  end)

  it("raises lua-bint's error for values it cannot represent", function()
    local bint = require("bint")(256)
    assert.are.equal("value cannot be represented by a bint", errmsg(bint, 1.5))
    assert.are.equal("value cannot be represented by a bint", errmsg(bint, "12.5"))
    assert.are.equal("value cannot be represented by a bint", errmsg(bint, nil))
    assert.are.equal("value cannot be represented by a bint", errmsg(bint.new, "abc"))
  end)
end)
