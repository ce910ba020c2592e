-- Specs for runtime-lua/bint.lua: construction and conversion functions.
-- Large constants were computed with Python at authoring time.
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or "."
local helpers = dofile(here .. "/helpers.lua")
local errmsg = helpers.errmsg

local bint = require("bint")(256)

local MAX256 = "57896044618658097711785492504343953926634992332820282019728792003956564819967"   -- 2^255-1
local MIN256 = "-57896044618658097711785492504343953926634992332820282019728792003956564819968"  -- -2^255
local UMAX256 = "115792089237316195423570985008687907853269984665640564039457584007913129639935" -- 2^256-1
local A = "123456789012345678901234567890123456789"
local A_HEX = "5ce0e9a56015fec5aadfa328ae398115"

-- words of a bint, for exact layout comparisons
local function words(x)
  local t = {}
  for i = 1, 8 do t[i] = x[i] end
  return t
end

-- decimal string arithmetic, independent of bint
local function str_double(s)
  local out, carry = {}, 0
  for i = #s, 1, -1 do
    local d = s:byte(i) - 48
    local v = d * 2 + carry
    out[#out + 1] = string.char(48 + v % 10)
    carry = v // 10
  end
  if carry > 0 then out[#out + 1] = tostring(carry) end
  return string.reverse(table.concat(out))
end
local function str_dec(s) -- s > 0
  local b = { s:byte(1, -1) }
  local i = #b
  while b[i] == 48 do b[i] = 57; i = i - 1 end
  b[i] = b[i] - 1
  local r = string.char(table.unpack(b)):gsub("^0+(%d)", "%1")
  return r
end

describe("bint construction", function()
  it("zero and one", function()
    assert.are.equal("0", tostring(bint.zero()))
    assert.are.equal("1", tostring(bint.one()))
    assert.are_not.equal(bint.zero(), bint.one())
    assert.are_not.equal(rawequal(bint.zero(), bint.zero()), true)
  end)

  it("new from integers, integral floats, strings and bints (copy)", function()
    assert.are.equal("42", tostring(bint.new(42)))
    assert.are.equal("-42", tostring(bint.new(-42)))
    assert.are.equal("42", tostring(bint.new(42.0)))
    assert.are.equal(tostring(math.maxinteger), tostring(bint.new(math.maxinteger)))
    assert.are.equal(tostring(math.mininteger), tostring(bint.new(math.mininteger)))
    assert.are.equal("9007199254740992", tostring(bint.new(2 ^ 53)))
    local x = bint(A)
    local y = bint.new(x)
    assert.are.equal(x, y)
    assert.is_false(rawequal(x, y))
    y:_inc()
    assert.are.equal(A, tostring(x))
  end)

  it("new rejects fractional floats, floats beyond integers and non-numeric strings", function()
    for _, v in ipairs({ 1.5, -0.5, 1e19, -1e300, math.huge, 0 / 0, "1.5", "1e3", " 1", "0x", "", "abc" }) do
      assert.are.equal("value cannot be represented by a bint", errmsg(bint.new, v))
    end
  end)

  it("new returns other non-nil values unchanged, as lua-bint does", function()
    local t = {}
    assert.are.equal(t, bint.new(t))
    assert.are.equal(true, bint.new(true))
  end)

  it("fromuinteger reads integers as unsigned, frominteger keeps the sign", function()
    assert.are.equal("18446744073709551615", tostring(bint.fromuinteger(-1)))
    assert.are.equal("9223372036854775808", tostring(bint.fromuinteger(math.mininteger)))
    assert.are.equal("-1", tostring(bint.frominteger(-1)))
    assert.are.equal("7", tostring(bint.frominteger("7")))
    assert.are.equal("8", tostring(bint.frominteger(8.0)))
    assert.is_nil(bint.frominteger(8.5))
    assert.is_nil(bint.fromuinteger("x"))
    assert.is_nil(bint.frominteger({}))
  end)

  it("fromstring parses decimal, 0x hexadecimal and 0b binary with a sign", function()
    assert.are.equal(A, tostring(bint.fromstring(A)))
    assert.are.equal("-" .. A, tostring(bint.fromstring("-" .. A)))
    assert.are.equal(A, tostring(bint.fromstring("+" .. A)))
    assert.are.equal(A, tostring(bint.fromstring("000000000000000000000" .. A)))
    assert.are.equal(A, tostring(bint.fromstring("0x" .. A_HEX)))
    assert.are.equal(A, tostring(bint.fromstring("0X" .. A_HEX:upper())))
    assert.are.equal("-255", tostring(bint.fromstring("-0xff")))
    assert.are.equal("11", tostring(bint.fromstring("0b1011")))
    assert.are.equal("-11", tostring(bint.fromstring("-0B1011")))
    assert.are.equal("0", tostring(bint.fromstring("-0")))
    assert.are.equal(MAX256, tostring(bint.fromstring(MAX256)))
    assert.are.equal(MIN256, tostring(bint.fromstring(MIN256)))
    for _, s in ipairs({ "", "-", "+", "1.0", "1e5", " 1", "1 ", "0x", "0xg", "0b2", "--1", "1_000", "١" }) do
      assert.is_nil(bint.fromstring(s), s)
    end
    assert.is_nil(bint.fromstring(12))
  end)

  it("fromstring of all lengths around the fast paths", function()
    local digits = "98765432109876543210987654321098765432109876543210"
    for len = 1, #digits do
      local s = digits:sub(1, len)
      assert.are.equal(s, tostring(bint(s)))
      assert.are.equal("-" .. s, tostring(bint("-" .. s)))
    end
  end)

  it("wraps decimal strings beyond the width (mod 2^256)", function()
    assert.are.equal("-1", tostring(bint(UMAX256)))
    assert.are.equal(MIN256, tostring(bint("57896044618658097711785492504343953926634992332820282019728792003956564819968")))
    assert.are.equal("0", tostring(bint("115792089237316195423570985008687907853269984665640564039457584007913129639936")))
    assert.are.equal("1", tostring(bint("-" .. UMAX256)))
  end)

  it("frombase reads bases 2..36 and rejects bad digits or bases", function()
    assert.are.equal(A, tostring(bint.frombase(A_HEX, 16)))
    assert.are.equal(A, tostring(bint.frombase("5hy8cqpp6qj5vz0m8iov0uej9", 36)))
    assert.are.equal(A, tostring(bint.frombase("5HY8CQPP6QJ5VZ0M8IOV0UEJ9", 36)))
    assert.are.equal(A, tostring(bint.frombase("1103504602560214512564043620010366601665655241", 7)))
    assert.are.equal("-" .. A, tostring(bint.frombase("-" .. A_HEX, 16)))
    assert.are.equal("255", tostring(bint.frombase("ff", 16)))
    assert.are.equal("10", tostring(bint.frombase("1010", 2)))
    assert.are.equal("1010", tostring(bint.frombase("1010")))
    assert.is_nil(bint.frominteger(nil))
    assert.is_nil(bint.frombase("12", 1))
    assert.is_nil(bint.frombase("12", 37))
    assert.is_nil(bint.frombase("129", 8))
    assert.is_nil(bint.frombase(string.rep("7", 30) .. "8", 8))
    assert.is_nil(bint.frombase(string.rep("f", 40) .. "g", 16))
    assert.is_nil(bint.frombase(12, 10))
    -- short numerals go through Lua's tonumber(s, base), as in lua-bint (spaces allowed)
    assert.are.equal("12", tostring(bint.frombase(" 12 ", 10)))
  end)

  it("fromle / frombe read bytes, trimming or zero-padding", function()
    local le = string.char(0x15, 0x81, 0x39, 0xae)
    assert.are.equal(tostring(0xae398115), tostring(bint.fromle(le)))
    assert.are.equal(tostring(0x158139ae), tostring(bint.frombe(le)))
    local full = string.rep("\255", 32)
    assert.are.equal("-1", tostring(bint.fromle(full)))
    assert.are.equal("-1", tostring(bint.frombe("\0" .. full)))      -- extra byte on the left dropped
    assert.are.equal("-256", tostring(bint.frombe(full .. "\0")))
    assert.are.equal("-1", tostring(bint.fromle(full .. "\1")))      -- extra byte on the right dropped
    assert.are.equal("1", tostring(bint.frombe("\1" .. full:sub(1, 0))))
    assert.are.equal("0", tostring(bint.fromle("")))
    assert.has_error(function() bint.fromle(12) end, "buffer is not a string")
    assert.has_error(function() bint.frombe(nil) end, "buffer is not a string")
  end)

  it("tobint converts or returns nil; clone copies bints", function()
    local x = bint(5)
    assert.are.equal(x, bint.tobint(x))
    assert.is_true(rawequal(x, bint.tobint(x)))
    assert.is_false(rawequal(x, bint.tobint(x, true)))
    assert.are.equal(x, bint.tobint(x, true))
    assert.are.equal("5", tostring(bint.tobint("5")))
    assert.are.equal("5", tostring(bint.tobint(5.0)))
    assert.is_nil(bint.tobint(5.5))
    assert.is_nil(bint.tobint("x"))
    assert.is_nil(bint.tobint({}))
  end)

  it("parse converts like tobint, else falls back to tonumber", function()
    assert.is_true(bint.isbint(bint.parse("12")))
    assert.are.equal(1.5, bint.parse(1.5))
    assert.are.equal(1.5, bint.parse("1.5"))
    assert.are.equal(1000.0, bint.parse("1e3"))
    assert.is_nil(bint.parse("x"))
    local x = bint(3)
    assert.is_true(rawequal(x, bint.parse(x)))
    assert.is_false(rawequal(x, bint.parse(x, true)))
  end)

  it("trunc drops the fraction of numbers", function()
    assert.are.equal("1", tostring(bint.trunc(1.9)))
    assert.are.equal("-1", tostring(bint.trunc(-1.9)))
    assert.are.equal("3", tostring(bint.trunc("3.7")))
    assert.are.equal("7", tostring(bint.trunc(bint(7))))
    assert.is_nil(bint.trunc(1e300))
    assert.is_nil(bint.trunc("x"))
  end)

  it("maxinteger and mininteger", function()
    assert.are.equal(MAX256, tostring(bint.maxinteger()))
    assert.are.equal(MIN256, tostring(bint.mininteger()))
    assert.are.equal(tostring(bint.mininteger()), tostring(bint.maxinteger() + 1))
  end)
end)

describe("bint conversion", function()
  it("tostring matches a decimal computed independently (repeated doubling)", function()
    local p = "1"
    for _ = 1, 255 do p = str_double(p) end
    local max = str_dec(p)
    assert.are.equal(MAX256, max)
    assert.are.equal(max, tostring(bint.maxinteger()))
    assert.are.equal(max, tostring(bint(max)))
    assert.are.equal("-" .. p, tostring(bint.mininteger()))
    -- every power of two and its predecessor round-trips
    local pow = "1"
    local x = bint(1)
    for i = 0, 254 do
      assert.are.equal(pow, tostring(x), "2^" .. i)
      assert.are.equal(pow, tostring(bint(pow)))
      if i > 0 then
        assert.are.equal(str_dec(pow), tostring(x - 1))
        assert.are.equal("-" .. pow, tostring(-x))
      end
      pow = str_double(pow)
      x = x + x
    end
  end)

  it("parses and prints values around the fast-path boundaries (2^63, 10^18, 10^36, 2^128)", function()
    local boundaries = { "9223372036854775807", "9223372036854775808", "18446744073709551615",
      "18446744073709551616", "999999999999999999", "1000000000000000000",
      "999999999999999999999999999999999999", "1000000000000000000000000000000000000",
      "9223372036854775807999999999999999999", "9223372036854775808000000000000000000",
      "170141183460469231731687303715884105727", "170141183460469231731687303715884105728",
      "340282366920938463463374607431768211455", "340282366920938463463374607431768211456",
      "340282366920938463463374607431768211457", "1461501637330902918203684832716283019655932542976" }
    local two64 = bint("18446744073709551616")
    for _, s in ipairs(boundaries) do
      local x = bint(s)
      assert.are.equal(s, tostring(x))
      assert.are.equal("-" .. s, tostring(-x))
      assert.are.equal("-" .. s, tostring(bint("-" .. s)))
      assert.are.equal(s, bint.tobase(-(-x), 10, true))
      -- the same value built without parsing: hi * 2^64 + lo
      local hi, lo = bint.udivmod(x, two64)
      assert.are.equal(x, hi * two64 + lo)
      assert.are.equal(s, tostring(bint(tostring(hi)) * two64 + bint(tostring(lo))))
    end
  end)

  it("tostring of small and negative values", function()
    assert.are.equal("0", tostring(bint(0)))
    assert.are.equal("-1", tostring(bint(-1)))
    assert.are.equal("-9223372036854775808", tostring(bint(math.mininteger)))
    assert.are.equal("-9223372036854775809", tostring(bint(math.mininteger) - 1))
    assert.are.equal("9223372036854775808", tostring(bint(math.maxinteger) + 1))
    assert.are.equal("18446744073709551616", tostring(bint("18446744073709551616")))
  end)

  it("tointeger and touinteger keep the low 64 bits", function()
    assert.are.equal(42, bint.tointeger(bint(42)))
    assert.are.equal("integer", math.type(bint.tointeger(bint(42))))
    assert.are.equal(-42, bint.tointeger(bint(-42)))
    assert.are.equal(-1, bint.touinteger(bint(-1)))
    assert.are.equal(0, bint.tointeger(bint("18446744073709551616")))
    assert.are.equal(1, bint.tointeger(bint("18446744073709551617")))
    assert.are.equal(-1, bint.tointeger(bint("-18446744073709551617")))
    assert.are.equal(math.mininteger, bint.tointeger(bint(math.mininteger)))
    assert.are.equal(3, bint.tointeger(3.0))
    assert.is_nil(bint.tointeger(3.5))
    assert.are.equal(7, bint.touinteger("7"))
  end)

  it("tonumber gives an integer when it fits, else the nearest float", function()
    assert.are.equal(42, bint.tonumber(bint(42)))
    assert.are.equal("integer", math.type(bint.tonumber(bint(42))))
    assert.are.equal(math.maxinteger, bint.tonumber(bint(math.maxinteger)))
    assert.are.equal(math.mininteger, bint.tonumber(bint(math.mininteger)))
    local f = bint.tonumber(bint(math.maxinteger) + 1)
    assert.are.equal("float", math.type(f))
    assert.are.equal(2 ^ 63, f)
    assert.are.equal(2 ^ 255, bint.tonumber(bint.maxinteger()))
    assert.are.equal(-2 ^ 255, bint.tonumber(bint.mininteger()))
    assert.are.equal(1.2345678901234568e+38, bint.tonumber(bint(A)))
    assert.are.equal(1.5, bint.tonumber("1.5"))
    assert.is_nil(bint.tonumber("x"))
  end)

  it("tobase in bases 2..36, signed or unsigned", function()
    local x = bint(A)
    assert.are.equal(A_HEX, bint.tobase(x, 16))
    assert.are.equal(A, bint.tobase(x))
    assert.are.equal(A, bint.tobase(x, 10))
    assert.are.equal("5hy8cqpp6qj5vz0m8iov0uej9", bint.tobase(x, 36))
    assert.are.equal("1103504602560214512564043620010366601665655241", bint.tobase(x, 7))
    assert.are.equal(127, #bint.tobase(x, 2))
    -- negatives: unsigned by default except in base 10
    local m = bint(-255)
    assert.are.equal(string.rep("f", 62) .. "01", bint.tobase(m, 16))
    assert.are.equal("-ff", bint.tobase(m, 16, false))
    assert.are.equal("-255", bint.tobase(m, 10))
    assert.are.equal("115792089237316195423570985008687907853269984665640564039457584007913129639681",
      bint.tobase(m, 10, true))
    assert.are.equal(string.rep("1", 248) .. "00000001", bint.tobase(m, 2))
    assert.are.equal("0", bint.tobase(bint(0), 2))
    assert.are.equal("0", bint.tobase(bint(0), 16, false))
    assert.are.equal("7fffffffffffffff", bint.tobase(math.maxinteger, 16))
    assert.are.equal("3", bint.tobase("0b11", 10))
    assert.is_nil(bint.tobase(x, 1))
    assert.is_nil(bint.tobase(x, 37))
    assert.is_nil(bint.tobase(1.5, 10))
  end)

  it("tobase round-trips through frombase in every base", function()
    local vals = { bint(A), -bint(A), bint.maxinteger(), bint.mininteger(), bint(1), bint(0) }
    for base = 2, 36 do
      for _, v in ipairs(vals) do
        local s = bint.tobase(v, base)
        assert.are.equal(v, bint.frombase(s, base), base .. ":" .. s)
        local signed = bint.tobase(v, base, false)
        assert.are.equal(v, bint.frombase(signed, base), base .. ":" .. signed)
      end
    end
  end)

  it("tole / tobe write 32 bytes, optionally trimmed", function()
    local x = bint(A)
    local le = bint.tole(x)
    assert.are.equal(32, #le)
    assert.are.equal("158139ae28a3dfaac5fe1560a5e9e05c" .. string.rep("00", 16), (le:gsub(".", function(c)
      return string.format("%02x", c:byte())
    end)))
    assert.are.equal(le:reverse(), bint.tobe(x))
    assert.are.equal(16, #bint.tole(x, true))
    assert.are.equal(16, #bint.tobe(x, true))
    assert.are.equal("\0", bint.tole(bint(0), true))
    assert.are.equal("\0", bint.tobe(0, true))
    assert.are.equal("\1", bint.tobe(1, true))
    assert.are.equal(string.rep("\255", 32), bint.tole(-1))
    assert.are.equal(x, bint.fromle(bint.tole(x)))
    assert.are.equal(x, bint.frombe(bint.tobe(x, true)))
    assert.are.equal("value has not integer representation", errmsg(bint.tole, 1.5))
    assert.are.equal("value has not integer representation", errmsg(bint.tobe, "x"))
  end)
end)

describe("bint predicates", function()
  it("iszero, isone, isminusone on bints and numbers", function()
    assert.is_true(bint.iszero(bint(0)))
    assert.is_false(bint.iszero(bint(1)))
    assert.is_true(bint.iszero(0))
    assert.is_true(bint.iszero(0.0))
    assert.is_false(bint.iszero("0"))
    assert.is_true(bint.isone(bint(1)))
    assert.is_false(bint.isone(bint("4294967297")))
    assert.is_true(bint.isone(1))
    assert.is_true(bint.isminusone(bint(-1)))
    assert.is_false(bint.isminusone(bint(1)))
    assert.is_true(bint.isminusone(-1))
  end)

  it("isbint, isintegral, isnumeric, type", function()
    local x = bint(1)
    assert.is_true(bint.isbint(x))
    assert.is_false(bint.isbint(1))
    assert.is_false(bint.isbint(require("bint")(512)(1)))
    assert.is_true(bint.isintegral(x))
    assert.is_true(bint.isintegral(1))
    assert.is_false(bint.isintegral(1.0))
    assert.is_true(bint.isnumeric(1.5))
    assert.is_false(bint.isnumeric("1"))
    assert.are.equal("bint", bint.type(x))
    assert.are.equal("integer", bint.type(1))
    assert.are.equal("float", bint.type(1.0))
    assert.is_nil(bint.type("1"))
  end)

  it("isneg, ispos, iseven, isodd", function()
    assert.is_true(bint.isneg(bint(-1)))
    assert.is_false(bint.isneg(bint(0)))
    assert.is_true(bint.isneg(bint.mininteger()))
    assert.is_false(bint.isneg(bint.maxinteger()))
    assert.is_true(bint.isneg(-0.5))
    assert.is_true(bint.ispos(bint(1)))
    assert.is_false(bint.ispos(bint(0)))
    assert.is_false(bint.ispos(bint(-1)))
    assert.is_true(bint.ispos(0.5))
    assert.is_true(bint.iseven(bint(0)))
    assert.is_true(bint.iseven(bint(-2)))
    assert.is_true(bint.isodd(bint(-1)))
    assert.is_true(bint.isodd(bint(A)))
    assert.is_true(bint.iseven(-4))
    assert.is_true(bint.isodd(-3))
    assert.is_true(bint.iseven(2.0))
    assert.is_false(bint.isodd(2.5))
  end)
end)
