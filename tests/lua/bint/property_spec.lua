-- Randomized cross-checks for runtime-lua/bint.lua (fixed seed, so failures reproduce):
-- * the generated straight-line kernels against the generic loops (the same module source
--   loaded without `load`), at 256 and 1024 bits;
-- * decimal results against independent decimal-string arithmetic;
-- * algebraic identities of the division family.
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or "."
local helpers = dofile(here .. "/helpers.lua")

local newmodule = require("bint")

-- the module compiled in an environment without `load`: only the generic loops
local function generic_module(bits)
  local env = setmetatable({ load = false }, { __index = _G })
  local chunk = assert(loadfile(helpers.runtime .. "bint.lua", "t", env))
  return chunk()(bits)
end

local function random_decimal(maxdigits)
  local n = math.random(1, maxdigits)
  local t = { tostring(math.random(1, 9)) }
  for i = 2, n do t[i] = tostring(math.random(0, 9)) end
  local s = table.concat(t)
  if math.random(2) == 1 then s = "-" .. s end
  return s
end

-- decimal strings, magnitudes only
local function mag_cmp(a, b)
  if #a ~= #b then return #a < #b and -1 or 1 end
  if a == b then return 0 end
  return a < b and -1 or 1
end
local function mag_add(a, b)
  local out, carry = {}, 0
  local i, j = #a, #b
  while i > 0 or j > 0 or carry > 0 do
    local d = carry + (i > 0 and a:byte(i) - 48 or 0) + (j > 0 and b:byte(j) - 48 or 0)
    out[#out + 1] = string.char(48 + d % 10)
    carry = d // 10
    i, j = i - 1, j - 1
  end
  return (string.reverse(table.concat(out)):gsub("^0+(%d)", "%1"))
end
local function mag_sub(a, b) -- a >= b
  local out, borrow = {}, 0
  local i, j = #a, #b
  while i > 0 do
    local d = (a:byte(i) - 48) - borrow - (j > 0 and b:byte(j) - 48 or 0)
    borrow = d < 0 and 1 or 0
    out[#out + 1] = string.char(48 + d % 10)
    i, j = i - 1, j - 1
  end
  return (string.reverse(table.concat(out)):gsub("^0+(%d)", "%1"))
end
local function split(s)
  if s:sub(1, 1) == "-" then return true, s:sub(2) end
  return false, s
end
local function join(neg, m)
  if m == "0" or not neg then return m end
  return "-" .. m
end
local function str_add(a, b)
  local an, am = split(a)
  local bn, bm = split(b)
  if an == bn then return join(an, mag_add(am, bm)) end
  local c = mag_cmp(am, bm)
  if c == 0 then return "0" end
  if c > 0 then return join(an, mag_sub(am, bm)) end
  return join(bn, mag_sub(bm, am))
end
local function str_neg(a)
  local n, m = split(a)
  return join(not n, m)
end

describe("bint randomized cross-checks", function()
  for _, bits in ipairs({ 256, 1024 }) do
    describe(bits .. " bits", function()
      local fast = newmodule(bits)
      local slow = generic_module(bits)
      local maxdigits = math.floor(bits * 0.30103) - 1 -- stays inside the signed range

      it("the generic module really is a different implementation instance", function()
        assert.are_not.equal(fast, slow)
        assert.are.equal(bits, slow.bits)
      end)

      it("parse, tostring, +, -, unary -, compares agree with string arithmetic and the generic loops", function()
        math.randomseed(bits)
        for _ = 1, 300 do
          local sa, sb = random_decimal(maxdigits), random_decimal(maxdigits)
          local a, b = fast(sa), fast(sb)
          local ga, gb = slow(sa), slow(sb)
          assert.are.equal(sa, tostring(a))
          assert.are.equal(sa, tostring(ga))
          assert.are.equal(str_add(sa, sb), tostring(a + b))
          assert.are.equal(str_add(sa, str_neg(sb)), tostring(a - b))
          assert.are.equal(str_neg(sa), tostring(-a))
          assert.are.equal(tostring(ga + gb), tostring(a + b))
          assert.are.equal(tostring(ga - gb), tostring(a - b))
          assert.are.equal(tostring(-ga), tostring(-a))
          local d = str_add(sa, str_neg(sb))
          local lt = d:sub(1, 1) == "-"
          assert.are.equal(lt, a < b)
          assert.are.equal(lt or d == "0", a <= b)
          assert.are.equal(d == "0", a == b)
          assert.are.equal(ga < gb, a < b)
          assert.are.equal(ga <= gb, a <= b)
          assert.are.equal(a, fast.new(a))
          assert.are.equal(tostring(fast.new(a)), tostring(slow.new(ga)))
        end
      end)

      it("wrapping +, -, * and conversions agree with the generic loops on random words", function()
        math.randomseed(bits + 1)
        local n = bits // 32
        for _ = 1, 200 do
          local a, b, ga, gb = fast.zero(), fast.zero(), slow.zero(), slow.zero()
          local top = math.random(1, n)
          for i = 1, n do
            local wa = (i <= top) and math.random(0, 0xffffffff) or 0
            local wb = math.random(0, 0xffffffff)
            if math.random(8) == 1 then wa = 0xffffffff end
            a[i], ga[i], b[i], gb[i] = wa, wa, wb, wb
          end
          assert.are.equal(tostring(ga), tostring(a))
          assert.are.equal(tostring(ga + gb), tostring(a + b))
          assert.are.equal(tostring(ga - gb), tostring(a - b))
          assert.are.equal(tostring(ga * gb), tostring(a * b))
          assert.are.equal(tostring(-ga), tostring(-a))
          assert.are.equal(ga < gb, a < b)
          assert.are.equal(ga <= gb, a <= b)
          assert.are.equal(ga == gb, a == b)
          local i = (math.random(0, 0xffffffff) << 32) | math.random(0, 0xffffffff)
          assert.are.equal(tostring(slow(i)), tostring(fast(i)))
          assert.are.equal(tostring(slow.fromuinteger(i)), tostring(fast.fromuinteger(i)))
          assert.are.equal(i, fast.tointeger(fast(i)))
        end
      end)

      it("division identities hold: floor, truncating and unsigned", function()
        math.randomseed(bits + 2)
        for _ = 1, 200 do
          local a = fast(random_decimal(maxdigits))
          local b = fast(random_decimal(math.random(1, maxdigits)))
          if not b:iszero() then
            local q, r = fast.idivmod(a, b)
            assert.are.equal(a, q * b + r)
            assert.are.equal(q, a // b)
            assert.are.equal(r, a % b)
            -- remainder has the divisor's sign and is smaller in magnitude
            assert.is_true(r:iszero() or (r:isneg() == b:isneg()))
            assert.is_true(fast.abs(r) < fast.abs(b))
            local tq, tr = fast.tdivmod(a, b)
            assert.are.equal(a, tq * b + tr)
            assert.is_true(tr:iszero() or (tr:isneg() == a:isneg()))
            assert.is_true(fast.abs(tr) < fast.abs(b))
            local uq, ur = fast.udivmod(a, b)
            assert.are.equal(a, uq * b + ur)
            assert.is_true(fast.ult(ur, b))
          end
        end
      end)
    end)
  end
end)
