-- Specs for runtime-lua/json.lua: aos's `json` module behaviour (rxi json.lua variant 0.2.0).
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or "."
local helpers = dofile(here .. "/helpers.lua")
local errmsg = helpers.errmsg

describe("json module loading", function()
  it("is the same module as require('json') and require('.json')", function()
    local a = require("json")
    local b = require(".json")
    assert.are.equal(a, b)
    assert.are.equal("0.2.0", a._version)
    assert.are.equal("function", type(a.encode))
    assert.are.equal("function", type(a.decode))
  end)

  it("leaks no globals when loaded", function()
    package.loaded["json"], package.loaded[".json"] = nil, nil
    local before = {}
    for k in pairs(_G) do before[k] = true end
    local j = require("json")
    j.decode(j.encode({ a = { 1, 2, "x" } }))
    for k in pairs(_G) do
      assert.is_true(before[k], "new global: " .. tostring(k))
    end
  end)
end)

describe("json.encode", function()
  local json = require("json")

  it("encodes scalars", function()
    assert.are.equal("null", json.encode(nil))
    assert.are.equal("true", json.encode(true))
    assert.are.equal("false", json.encode(false))
    assert.are.equal('"hello"', json.encode("hello"))
    assert.are.equal('""', json.encode(""))
  end)

  it("formats integral numbers without a fraction and others with %.14g", function()
    assert.are.equal("42", json.encode(42))
    assert.are.equal("-123", json.encode(-123))
    assert.are.equal("0", json.encode(0))
    assert.are.equal("3", json.encode(3.0))
    assert.are.equal("-0", json.encode(-0.0))
    assert.are.equal("3.14", json.encode(3.14))
    assert.are.equal("0.1", json.encode(0.1))
    assert.are.equal("0.33333333333333", json.encode(1 / 3))
    assert.are.equal("1.5e-07", json.encode(1.5e-7))
    assert.are.equal("100000000000000000000", json.encode(1e20))
    assert.are.equal("9007199254740992", json.encode(2 ^ 53))
    -- like aos, integers go through a double: beyond 2^53 they are rounded
    assert.are.equal("9223372036854775808", json.encode(math.maxinteger))
    assert.are.equal("-9223372036854775808", json.encode(math.mininteger))
    assert.are.equal("12345678901234568", json.encode(12345678901234567))
  end)

  it("rejects NaN and infinities", function()
    assert.are.equal("unexpected number value 'inf'", errmsg(json.encode, math.huge))
    assert.are.equal("unexpected number value '-inf'", errmsg(json.encode, -math.huge))
    local nan = errmsg(json.encode, 0 / 0)
    assert.is_truthy(nan:match("^unexpected number value '%-?nan'$"), nan)
    assert.has_error(function() json.encode({ x = { 0 / 0 } }) end)
  end)

  it("escapes quotes, backslashes and control characters only", function()
    assert.are.equal([["a\"b\\c"]], json.encode('a"b\\c'))
    assert.are.equal([["\b\f\n\r\t"]], json.encode("\b\f\n\r\t"))
    assert.are.equal([["\u0000\u0001\u001f"]], json.encode("\0\1\31"))
    assert.are.equal('"/\127é😀"', json.encode("/\127é😀"))
    assert.are.equal('"\255\254"', json.encode("\255\254"))
  end)

  it("encodes the empty table as an array", function()
    assert.are.equal("[]", json.encode({}))
    assert.are.equal('{"a":[]}', json.encode({ a = {} }))
  end)

  it("encodes arrays, nested", function()
    assert.are.equal("[1,2,3]", json.encode({ 1, 2, 3 }))
    assert.are.equal('[1,"hello",true]', json.encode({ 1, "hello", true }))
    assert.are.equal("[[1,2],[3,[4,[]]]]", json.encode({ { 1, 2 }, { 3, { 4, {} } } }))
    assert.are.equal("[1,2]", json.encode({ [1] = 1, [2.0] = 2 }))
  end)

  it("encodes objects with string keys", function()
    assert.are.equal('{"name":"John"}', json.encode({ name = "John" }))
    assert.are.equal('{"a":{"b":{"c":[]}}}', json.encode({ a = { b = { c = {} } } }))
    local s = json.encode({ name = "John", age = 30 })
    assert.is_true(s == '{"name":"John","age":30}' or s == '{"age":30,"name":"John"}', s)
    assert.are.equal('{"k\\n":"v"}', json.encode({ ["k\n"] = "v" }))
  end)

  it("uses pairs order for object keys", function()
    local t = { alpha = 1, beta = 2, gamma = 3, delta = 4, epsilon = 5 }
    local parts = {}
    for k, v in pairs(t) do parts[#parts + 1] = '"' .. k .. '":' .. v end
    assert.are.equal("{" .. table.concat(parts, ",") .. "}", json.encode(t))
  end)

  it("skips function values in objects but not in arrays", function()
    assert.are.equal('{"a":1}', json.encode({ a = 1, f = function() end }))
    assert.are.equal("{}", json.encode({ f = print }))
    assert.are.equal("unexpected type 'function'", errmsg(json.encode, { 1, print }))
  end)

  it("rejects mixed and non-string keys", function()
    assert.are.equal("invalid table: mixed or invalid key types",
      errmsg(json.encode, { 1, 2, name = "John" }))
    assert.are.equal("invalid table: mixed or invalid key types", errmsg(json.encode, { [42] = "x" }))
    assert.are.equal("invalid table: mixed or invalid key types", errmsg(json.encode, { [true] = 1 }))
    assert.are.equal("invalid table: mixed or invalid key types", errmsg(json.encode, { a = 1, [2] = 1 }))
  end)

  it("rejects sparse arrays", function()
    local sparse = { 1, 2 }
    sparse[4] = 4
    assert.are.equal("invalid table: sparse array", errmsg(json.encode, sparse))
    assert.are.equal("invalid table: sparse array", errmsg(json.encode, { [1] = 1, [1.5] = 2 }))
    assert.are.equal("invalid table: sparse array", errmsg(json.encode, { [1] = 1, [0] = 0 }))
  end)

  it("rejects circular references but accepts shared subtables", function()
    local t = {}
    t.self = t
    assert.are.equal("circular reference", errmsg(json.encode, t))
    local a = { 1 }
    a[2] = a
    assert.are.equal("circular reference", errmsg(json.encode, a))
    local shared = { 1 }
    assert.are.equal("[[1],[1]]", json.encode({ shared, shared }))
  end)

  it("rejects unsupported types", function()
    assert.are.equal("unexpected type 'function'", errmsg(json.encode, print))
    assert.are.equal("unexpected type 'thread'", errmsg(json.encode, coroutine.create(print)))
    assert.are.equal("unexpected type 'thread'", errmsg(json.encode, { t = coroutine.create(print) }))
  end)

  it("returns a single value", function()
    assert.are.equal(1, select("#", json.encode("x")))
  end)
end)

describe("json.decode", function()
  local json = require("json")

  it("decodes scalars", function()
    assert.is_nil(json.decode("null"))
    assert.is_true(json.decode("true"))
    assert.is_false(json.decode("false"))
    assert.are.equal("hello", json.decode('"hello"'))
    assert.are.equal("", json.decode('""'))
  end)

  it("decodes numbers with Lua's tonumber (integers stay integers)", function()
    assert.are.equal(42, json.decode("42"))
    assert.are.equal("integer", math.type(json.decode("42")))
    assert.are.equal(-123, json.decode("-123"))
    assert.are.equal(3.14, json.decode("3.14"))
    assert.are.equal("float", math.type(json.decode("1e2")))
    assert.are.equal(100.0, json.decode("1E+2"))
    assert.are.equal(math.maxinteger, json.decode("9223372036854775807"))
    assert.are.equal("float", math.type(json.decode("9223372036854775808")))
    assert.are.equal(math.huge, json.decode("1e400"))
    -- aos quirks kept: anything tonumber accepts
    assert.are.equal(31, json.decode("0x1F"))
    assert.are.equal(7, json.decode("007"))
    assert.are.equal(1.0, json.decode("1."))
  end)

  it("unescapes strings", function()
    assert.are.equal("a\"b\\c/d", json.decode([["a\"b\\c\/d"]]))
    assert.are.equal("\b\f\n\r\t", json.decode([["\b\f\n\r\t"]]))
    assert.are.equal("é", json.decode([["\u00e9"]]))
    assert.are.equal("é", json.decode([["\u00E9"]]))
    assert.are.equal("\0", json.decode([["\u0000"]]))
    assert.are.equal("€", json.decode([["\u20ac"]]))
    assert.are.equal("A\127", json.decode('"\\u0041\127"'))
    assert.are.equal("é😀", json.decode('"é😀"'))
  end)

  it("combines surrogate pairs and keeps lone surrogates as 3-byte sequences", function()
    assert.are.equal("😀", json.decode([["\ud83d\ude00"]]))
    assert.are.equal("x😀y", json.decode([["x\uD83D\uDE00y"]]))
    assert.are.equal("\237\160\128", json.decode([["\ud800"]]))
    assert.are.equal("\237\176\128x", json.decode([["\udc00x"]]))
    assert.are.equal("invalid unicode codepoint '111fff'", errmsg(json.decode, [["\udbff\uffff"]]))
  end)

  it("decodes arrays; null leaves holes; trailing commas accepted as in aos", function()
    assert.are.same({}, json.decode("[]"))
    assert.are.same({ 1, 2, 3 }, json.decode("[1,2,3]"))
    assert.are.same({ 1, 2, 3 }, json.decode(" [ 1 ,\n 2 ,\t3 ] "))
    assert.are.same({ { 1, 2 }, { 3, { 4 } } }, json.decode("[[1,2],[3,[4]]]"))
    local t = json.decode('[1,null,"x"]')
    assert.are.equal(1, t[1])
    assert.is_nil(t[2])
    assert.are.equal("x", t[3])
    assert.are.same({ 1 }, json.decode("[1,]"))
  end)

  it("decodes objects; null drops the key; later duplicates win", function()
    assert.are.same({}, json.decode("{}"))
    assert.are.same({ name = "John", age = 30 }, json.decode('{"name":"John","age":30}'))
    assert.are.same({ a = { b = { true, false } } }, json.decode('{ "a" : { "b" : [true,false] } }'))
    assert.are.same({ b = 1 }, json.decode('{"a":null,"b":1}'))
    assert.are.same({ a = 2 }, json.decode('{"a":1,"a":2}'))
    assert.are.same({ a = 1 }, json.decode('{"a":1,}'))
    assert.are.same({ ["1"] = "x" }, json.decode('{"1":"x"}'))
  end)

  it("round-trips values", function()
    local v = {
      name = "John", age = 30, ratio = 0.25, active = true,
      scores = { 85, 92, 78 }, nested = { { a = "\n\"\\" }, {} },
      Balances = { ["abc-123_XYZ"] = "1000000000000000000000" },
    }
    assert.are.same(v, json.decode(json.encode(v)))
    local s = '{"a":[1,2,{"b":"c"}],"d":"\\u00e9"}'
    assert.are.same(json.decode(s), json.decode(json.encode(json.decode(s))))
    for _, x in ipairs({ 0, -1, 123456789, 0.5, -2.75, 1e-10, "", "\0\31", true, false }) do
      assert.are.equal(x, json.decode(json.encode(x)))
    end
  end)

  describe("errors, with aos's messages and positions", function()
    local cases = {
      { "", "unexpected character '' at line 1 col 1" },
      { "   ", "unexpected character '' at line 1 col 4" },
      { "invalid", "unexpected character 'i' at line 1 col 1" },
      { "{invalid}", "expected string for key at line 1 col 2" },
      { "[1,2,", "unexpected character '' at line 1 col 6" },
      { "[1", "expected ']' or ',' at line 1 col 4" },
      { "[1 2 3]", "expected ']' or ',' at line 1 col 5" },
      { "[,1]", "unexpected character ',' at line 1 col 2" },
      { '{"a":1 "b":2}', "expected '}' or ',' at line 1 col 9" },
      { '{"name" "John"}', "expected ':' after key at line 1 col 9" },
      { '{"a":}', "unexpected character '}' at line 1 col 6" },
      { '{"name":"John"} extra', "trailing garbage at line 1 col 17" },
      { "1 2", "trailing garbage at line 1 col 3" },
      { '"invalid\\x escape"', "invalid escape char 'x' in string at line 1 col 9" },
      { '"\\', "invalid escape char '' in string at line 1 col 2" },
      { '"\1"', "control character in string at line 1 col 2" },
      { '"a\nb"', "control character in string at line 1 col 3" },
      { '"unclosed string', "expected closing quote for string at line 1 col 1" },
      { '"\\u12"', "invalid unicode escape in string at line 1 col 2" },
      { '"\\uzzzz"', "invalid unicode escape in string at line 1 col 2" },
      { "123abc", "invalid number '123abc' at line 1 col 1" },
      { "-", "invalid number '-' at line 1 col 1" },
      { "[1.2.3]", "invalid number '1.2.3' at line 1 col 2" },
      { "nul", "invalid literal 'nul' at line 1 col 1" },
      { "[truex]", "invalid literal 'truex' at line 1 col 2" },
      { "NaN", "unexpected character 'N' at line 1 col 1" },
      { "'a'", "unexpected character ''' at line 1 col 1" },
      { '{\n  "a": 1,\n  "b": x\n}', "unexpected character 'x' at line 3 col 8" },
      { '[\n1,\n2\n3]', "expected ']' or ',' at line 4 col 2" },
      { "{\n\n", "expected string for key at line 3 col 1" },
    }
    for _, c in ipairs(cases) do
      it(string.format("%q", c[1]), function()
        assert.are.equal(c[2], errmsg(json.decode, c[1]))
      end)
    end

    it("reports the error with a file:line prefix, as error() does", function()
      local ok, err = pcall(json.decode, "[")
      assert.is_false(ok)
      assert.is_truthy(err:match("^.+:%d+: unexpected character '' at line 1 col 2$"), err)
    end)

    it("rejects non-string input", function()
      assert.are.equal("expected argument of type string, got number", errmsg(json.decode, 42))
      assert.are.equal("expected argument of type string, got nil", errmsg(json.decode, nil))
      assert.are.equal("expected argument of type string, got table", errmsg(json.decode, {}))
    end)
  end)
end)
