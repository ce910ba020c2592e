--[[
aokit runtime: the `.bint` module of aos processes (`require(".bint")(bits)` / `require("bint")`).

Written for aokit; it offers the API and the observable behaviour of edubart's lua-bint 0.5.1,
which aos ships: fixed-width two's-complement integers that wrap on overflow, `//` and `%`
floor, `/` and `^` always give floats, operations with non-integral floats give floats,
unsigned helpers (udivmod, ult, ...), the same error messages, and the same value layout
(a table of `bits / wordbits` little-endian words, default 32-bit words, with the module as
metatable), so code that inspects or json-encodes a bint sees what it sees in aos.

Speed: construction from decimal strings, `+`, `-`, comparisons, `==` and `tostring` are on
the hot path of token processes. For widths up to 64 words (2048 bits with 32-bit words) the
word-by-word kernels are generated once per width with `load` as straight-line code (no loops,
tables built by one constructor); wider integers, or a Lua without `load`, use the generic
loops, which compute the same results.

Known differences from lua-bint 0.5.1 are listed in docs/runtime-bint-json.md.
]]

local setmetatable, getmetatable, type, tonumber, tostring, error, assert =
      setmetatable, getmetatable, type, tonumber, tostring, error, assert
local math_type, math_floor, math_ceil, math_abs, math_modf, math_max, math_min =
      math.type, math.floor, math.ceil, math.abs, math.modf, math.max, math.min
local math_mininteger, math_maxinteger, math_tointeger = math.mininteger, math.maxinteger, math.tointeger
local string_format, string_rep, string_byte, string_find, string_sub, string_gsub, string_lower, string_match =
      string.format, string.rep, string.byte, string.find, string.sub, string.gsub, string.lower, string.match
local string_pack, string_unpack, string_reverse = string.pack, string.unpack, string.reverse
local table_concat, table_unpack = table.concat, table.unpack
local load = load

-- number of bits of a Lua integer
local INTBITS = 0
do
  local n = -1
  repeat n, INTBITS = n >> 1, INTBITS + 1 until n == 0
end

local DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"

-- Largest number of generated-kernel words: keeps generated functions well under Lua's
-- limits on locals (200) and registers (255).
local MAX_UNROLLED_WORDS = 64

local memo = {}

--- Returns the bint module for integers of `bits` bits made of `wordbits`-bit words.
local function newmodule(bits, wordbits)
  bits = bits or 256
  wordbits = wordbits or (INTBITS // 2)

  local memokey = bits * 64 + wordbits
  if memo[memokey] then
    return memo[memokey]
  end

  -- same checks and messages as lua-bint
  assert(bits % wordbits == 0, 'bitsize is not multiple of word bitsize')
  assert(2 * wordbits <= INTBITS, 'word bitsize must be half of the lua integer bitsize')
  assert(bits >= 64, 'bitsize must be >= 64')
  assert(wordbits >= 8, 'wordbits must be at least 8')
  assert(bits % 8 == 0, 'bitsize must be multiple of 8')

  local bint = {}
  bint.__index = bint
  bint.bits = bits

  local N = bits // wordbits          -- number of words
  local WB = wordbits                 -- bits per word
  local M = (1 << WB) - 1             -- word mask
  local MSB = 1 << (WB - 1)           -- sign bit of the top word
  local BYTES = bits // 8
  local SIGNSHIFT = INTBITS - 1       -- (v >> SIGNSHIFT) is 1 for a negative Lua integer
  local K64 = (INTBITS + WB - 1) // WB -- words holding a Lua integer
  if K64 > N then K64 = N end
  -- largest single-word divisor for which (remainder << WB) | word fits a Lua integer
  local SMALLDIV_MAX = 1 << (INTBITS - 1 - WB)
  local PACKFMT = (WB % 8 == 0) and ('<' .. string_rep('I' .. (WB // 8), N)) or nil
  -- fast paths written for 32-bit words and at least 128 bits
  local FAST32 = WB == 32 and N >= 4 and INTBITS == 64
  local E18_0, E18_1 = 1000000000000000000 & 0xffffffff, 1000000000000000000 >> 32

  ---------------------------------------------------------------------------
  -- Kernels: generic versions (loops), replaced below by generated ones.
  ---------------------------------------------------------------------------

  local function k_zero()
    local z = {}
    for i = 1, N do z[i] = 0 end
    return setmetatable(z, bint)
  end

  local function k_clone(x)
    local z = {}
    for i = 1, N do z[i] = x[i] end
    return setmetatable(z, bint)
  end

  -- bint from a Lua integer, sign-extended (signed) or zero-extended
  local function k_fromint(v, unsigned)
    local neg = not unsigned and v < 0
    if neg then v = -v end -- math.mininteger stays itself: read as unsigned 2^63, right
    local z = {}
    for i = 1, K64 do
      z[i] = (v >> (WB * (i - 1))) & M
    end
    for i = K64 + 1, N do z[i] = 0 end
    if neg then
      local c = 1
      for i = 1, N do
        local t = ((~z[i]) & M) + c
        z[i] = t & M
        c = t >> WB
      end
    end
    return setmetatable(z, bint)
  end

  local function k_add(x, y)
    local z, c = {}, 0
    for i = 1, N do
      local t = x[i] + y[i] + c
      z[i] = t & M
      c = t >> WB
    end
    return setmetatable(z, bint)
  end

  local function k_sub(x, y)
    local z, b = {}, 0
    for i = 1, N do
      local t = x[i] - y[i] - b
      z[i] = t & M
      b = t >> SIGNSHIFT
    end
    return setmetatable(z, bint)
  end

  local function k_unm(x)
    local z, c = {}, 1
    for i = 1, N do
      local t = ((~x[i]) & M) + c
      z[i] = t & M
      c = t >> WB
    end
    return setmetatable(z, bint)
  end

  -- signed x < y
  local function k_lt(x, y)
    local a, b = x[N] ~ MSB, y[N] ~ MSB
    if a ~= b then return a < b end
    for i = N - 1, 1, -1 do
      a, b = x[i], y[i]
      if a ~= b then return a < b end
    end
    return false
  end

  -- signed x <= y
  local function k_le(x, y)
    local a, b = x[N] ~ MSB, y[N] ~ MSB
    if a ~= b then return a < b end
    for i = N - 1, 1, -1 do
      a, b = x[i], y[i]
      if a ~= b then return a < b end
    end
    return true
  end

  local function k_eq(x, y)
    for i = 1, N do
      if x[i] ~= y[i] then return false end
    end
    return true
  end

  -- bint from its 4 low words (N >= 4), the others zero
  local function k_from4(a, b, c, d)
    local z = k_zero()
    z[1], z[2], z[3], z[4] = a, b, c, d
    return z
  end

  -- Generated straight-line kernels for the common widths.
  if load and N <= MAX_UNROLLED_WORDS then
    local function seq(fmt, from, to, sep)
      local out = {}
      for i = from, to, (from <= to) and 1 or -1 do
        out[#out + 1] = (string_gsub(fmt, "#", tostring(i)))
      end
      return table_concat(out, sep or "\n")
    end
    local function gen(body)
      body = string_gsub(body, "%$(%u+)", { N = tostring(N), WB = tostring(WB), M = tostring(M),
        MSB = tostring(MSB), SS = tostring(SIGNSHIFT) })
      local chunk = assert(load("local setmetatable, mt = ...\n" .. body, "=bint-kernel"))
      return chunk(setmetatable, bint)
    end
    local zlist = seq("z#", 1, N, ",")
    k_zero = gen("return function() return setmetatable({" .. string_rep("0", N, ",") .. "}, mt) end")
    k_clone = gen("return function(x) return setmetatable({" .. seq("x[#]", 1, N, ",") .. "}, mt) end")
    if INTBITS % WB == 0 then -- sign extension by whole words
      local items = {}
      for i = 1, N do
        if i <= K64 then
          items[i] = string_format("(v >> %d) & $M", WB * (i - 1))
        else
          items[i] = "e"
        end
      end
      k_fromint = gen("return function(v, unsigned)\n"
        .. "local e = 0\nif v < 0 and not unsigned then e = $M end\n"
        .. "return setmetatable({" .. table_concat(items, ",") .. "}, mt) end")
    end
    k_add = gen("return function(x, y)\nlocal t, c\n"
      .. "t = x[1] + y[1]; local z1 = t & $M; c = t >> $WB\n"
      .. seq("t = x[#] + y[#] + c; local z# = t & $M; c = t >> $WB", 2, N)
      .. "\nreturn setmetatable({" .. zlist .. "}, mt) end")
    k_sub = gen("return function(x, y)\nlocal t, b\n"
      .. "t = x[1] - y[1]; local z1 = t & $M; b = t >> $SS\n"
      .. seq("t = x[#] - y[#] - b; local z# = t & $M; b = t >> $SS", 2, N)
      .. "\nreturn setmetatable({" .. zlist .. "}, mt) end")
    k_unm = gen("return function(x)\nlocal t, c\n"
      .. "t = ((~x[1]) & $M) + 1; local z1 = t & $M; c = t >> $WB\n"
      .. seq("t = ((~x[#]) & $M) + c; local z# = t & $M; c = t >> $WB", 2, N)
      .. "\nreturn setmetatable({" .. zlist .. "}, mt) end")
    local cmp = "local a, b = x[$N] ~ $MSB, y[$N] ~ $MSB\nif a ~= b then return a < b end\n"
      .. seq("a, b = x[#], y[#]; if a ~= b then return a < b end", N - 1, 1)
    k_lt = gen("return function(x, y)\n" .. cmp .. "\nreturn false end")
    k_le = gen("return function(x, y)\n" .. cmp .. "\nreturn true end")
    k_eq = gen("return function(x, y) return " .. seq("x[#] == y[#]", 1, N, " and ") .. " end")
    if N >= 4 then
      k_from4 = gen("return function(a, b, c, d) return setmetatable({a, b, c, d"
        .. string_rep(",0", N - 4) .. "}, mt) end")
    end
  end

  ---------------------------------------------------------------------------
  -- Conversions from Lua values
  ---------------------------------------------------------------------------

  -- Lua value -> Lua integer without losing precision (nil when impossible), as lua-bint does
  local function tointeger(x)
    x = tonumber(x)
    local ty = math_type(x)
    if ty == 'float' then
      local fx = math_floor(x)
      if fx == x then
        x = fx
        ty = math_type(x)
      end
    end
    if ty == 'integer' then
      return x
    end
  end

  function bint.zero() return k_zero() end

  function bint.one()
    local z = k_zero()
    z[1] = 1
    return z
  end

  --- Bint from an integer read as unsigned (nil if x has no integer representation).
  function bint.fromuinteger(x)
    x = tointeger(x)
    if x then return k_fromint(x, true) end
  end

  --- Bint from a signed integer (nil if x has no integer representation).
  function bint.frominteger(x)
    x = tointeger(x)
    if x then return k_fromint(x, false) end
  end
  local bint_frominteger = bint.frominteger

  -- In-place: z = z * m + a, for small non-negative m and a (m * 2^WB must fit); wraps.
  local function mul_add_small(z, m, a)
    local c = a
    for i = 1, N do
      local t = z[i] * m + c
      z[i] = t & M
      c = t >> WB
    end
  end

  -- In-place two's complement negation.
  local function negate_inplace(z)
    local c = 1
    for i = 1, N do
      local t = ((~z[i]) & M) + c
      z[i] = t & M
      c = t >> WB
    end
    return z
  end

  -- digits per chunk and base^chunk for parsing/printing in a base (base^chunk <= SMALLDIV_MAX)
  local chunk_info = {}
  local function basechunk(base)
    local info = chunk_info[base]
    if not info then
      local k, p = 0, 1
      while p * base <= SMALLDIV_MAX and k < 9 do
        k, p = k + 1, p * base
      end
      info = { k, p }
      chunk_info[base] = info
    end
    return info[1], info[2]
  end

  -- digits (already validated for base) with optional sign -> bint, wrapping
  local function parse_digits(digits, base, neg)
    local z = k_zero()
    local len = #digits
    local k, p = basechunk(base)
    local first = len % k
    if first == 0 then first = k end
    local i = 1
    local j = first
    local top = 0 -- words in use (speeds up short numbers)
    while i <= len do
      local d = tonumber(string_sub(digits, i, j), base)
      local m = p
      if j - i + 1 ~= k then -- the shorter first chunk
        m = 1
        for _ = i, j do m = m * base end
      end
      local c = d
      for w = 1, top do
        local t = z[w] * m + c
        z[w] = t & M
        c = t >> WB
      end
      while c ~= 0 and top < N do
        top = top + 1
        z[top] = c & M
        c = c >> WB
      end
      i, j = j + 1, j + k
    end
    if neg then negate_inplace(z) end
    return z
  end

  -- Lua's limit for a numeral read with tonumber(s, base) without wrapping, as lua-bint uses
  local basesteps = {}
  local function getbasestep(base)
    local step = basesteps[base]
    if not step then
      step = 0
      local dmax, limit = 1, math_maxinteger // base
      repeat
        step, dmax = step + 1, dmax * base
      until dmax >= limit
      basesteps[base] = step
    end
    return step
  end

  --- Bint from a string of digits in base (2..36) with optional sign; nil when invalid.
  function bint.frombase(s, base)
    if type(s) ~= 'string' then
      return
    end
    base = base or 10
    if not (base >= 2 and base <= 36) then
      return
    end
    base = math_tointeger(base) or base
    if #s < getbasestep(base) then
      -- short numerals: Lua's own tonumber, as lua-bint does (allows surrounding spaces)
      return bint_frominteger(tonumber(s, base))
    end
    local sign, int = string_match(string_lower(s), '^([+-]?)(%w+)$')
    if not (sign and int) then
      return
    end
    if base ~= 36 then
      local last = string_sub(DIGITS, base, base)
      local class = base <= 10 and ('[^0-' .. last .. ']') or ('[^0-9a-' .. last .. ']')
      if string_find(int, class) then return end
    end
    return parse_digits(int, base, sign == '-')
  end
  local bint_frombase = bint.frombase

  --- Bint from a decimal, 0x-hexadecimal or 0b-binary string with optional sign; nil when invalid.
  function bint.fromstring(s)
    if type(s) ~= 'string' then
      return
    end
    if string_find(s, '^[+-]?[0-9]+$') then
      local len = #s
      if len <= 18 then -- fits a Lua integer
        return k_fromint(tonumber(s), false)
      end
      local c = string_byte(s)
      local start = (c == 45 or c == 43) and 2 or 1
      local ndigits = len - start + 1
      if ndigits <= 18 then
        return k_fromint(tonumber(s), false)
      end
      if FAST32 and ndigits <= 36 then
        -- hi * 10^18 + lo with hi, lo < 10^18, in 32-bit words
        local hi = tonumber(string_sub(s, start, len - 18))
        local lo = tonumber(string_sub(s, len - 17))
        local h0, h1 = hi & 0xffffffff, hi >> 32
        local p00, p01 = h0 * E18_0, h0 * E18_1 -- p00 may exceed 63 bits: read as unsigned
        local p10, p11 = h1 * E18_0, h1 * E18_1
        local t = (p00 & 0xffffffff) + (lo & 0xffffffff)
        local z1 = t & 0xffffffff
        t = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff) + (lo >> 32) + (t >> 32)
        local z2 = t & 0xffffffff
        t = (p01 >> 32) + (p10 >> 32) + (p11 & 0xffffffff) + (t >> 32)
        local z = k_from4(z1, z2, t & 0xffffffff, (p11 >> 32) + (t >> 32))
        if c == 45 then negate_inplace(z) end
        return z
      end
      return parse_digits(string_sub(s, start), 10, c == 45)
    end
    if string_find(s, '^[+-]?0[xX][0-9a-fA-F]+$') then
      return bint_frombase((string_gsub(s, '0[xX]', '', 1)), 16)
    elseif string_find(s, '^[+-]?0[bB][01]+$') then
      return bint_frombase((string_gsub(s, '0[bB]', '', 1)), 2)
    end
  end
  local bint_fromstring = bint.fromstring

  local function frombytes_le(buffer)
    local z = {}
    local pos = 1
    for i = 1, N do
      local w = 0
      for b = 0, WB // 8 - 1 do
        w = w | (string_byte(buffer, pos) << (8 * b))
        pos = pos + 1
      end
      z[i] = w
    end
    return setmetatable(z, bint)
  end

  --- Bint from little-endian bytes (extra bytes on the right dropped, missing ones are zeros).
  function bint.fromle(buffer)
    assert(type(buffer) == 'string', 'buffer is not a string')
    if #buffer > BYTES then
      buffer = string_sub(buffer, 1, BYTES)
    elseif #buffer < BYTES then
      buffer = buffer .. string_rep('\0', BYTES - #buffer)
    end
    return frombytes_le(buffer)
  end

  --- Bint from big-endian bytes (extra bytes on the left dropped, missing ones are zeros).
  function bint.frombe(buffer)
    assert(type(buffer) == 'string', 'buffer is not a string')
    if #buffer > BYTES then
      buffer = string_sub(buffer, -BYTES)
    elseif #buffer < BYTES then
      buffer = string_rep('\0', BYTES - #buffer) .. buffer
    end
    return frombytes_le(string_reverse(buffer))
  end

  --- New bint from a bint (copy), an integer (or integral float) or a numeric string.
  -- Raises 'value cannot be represented by a bint' otherwise. As in lua-bint, any other
  -- non-nil value (e.g. a table) is returned unchanged.
  local function bint_new(x)
    if getmetatable(x) == bint then
      return k_clone(x)
    end
    local ty = type(x)
    if ty == 'string' then
      x = bint_fromstring(x)
    elseif ty == 'number' then
      x = bint_frominteger(x)
    end
    if not x then
      error('value cannot be represented by a bint', 0)
    end
    return x
  end
  bint.new = bint_new

  --- Bint from x if possible (the same reference for a bint unless clone), else nil.
  local function tobint(x, clone)
    if getmetatable(x) == bint then
      if clone then return k_clone(x) end
      return x
    end
    local ty = type(x)
    if ty == 'number' then
      return bint_frominteger(x)
    elseif ty == 'string' then
      return bint_fromstring(x)
    end
  end
  bint.tobint = tobint

  --- Like tobint, but falls back to tonumber(x).
  local function bint_parse(x, clone)
    local i = tobint(x, clone)
    if i then
      return i
    end
    return tonumber(x)
  end
  bint.parse = bint_parse

  local function assert_convert(x)
    local v = tobint(x)
    if not v then
      error('value has not integer representation', 0)
    end
    return v
  end

  --- Truncates a number to a bint (bint -> copy); nil if not a number or out of range.
  function bint.trunc(x)
    if getmetatable(x) == bint then
      return k_clone(x)
    end
    x = tonumber(x)
    if x then
      if math_type(x) == 'float' then
        x = math_modf(x)
      end
      return bint_frominteger(x)
    end
  end

  function bint.maxinteger()
    local z = k_zero()
    for i = 1, N - 1 do z[i] = M end
    z[N] = M ~ MSB
    return z
  end

  function bint.mininteger()
    local z = k_zero()
    z[N] = MSB
    return z
  end

  ---------------------------------------------------------------------------
  -- Conversions to Lua values
  ---------------------------------------------------------------------------

  -- low INTBITS bits of x as a Lua integer
  local function low_integer(x)
    local n = 0
    for i = 1, K64 do
      n = n | (x[i] << (WB * (i - 1)))
    end
    return n
  end

  -- x as a Lua integer when it fits one exactly, else nil
  local function fits_integer(x)
    local n = low_integer(x)
    local ext = n < 0 and M or 0
    for i = K64 + 1, N do
      if x[i] ~= ext then return nil end
    end
    if K64 * WB > INTBITS then
      -- the top word holding the integer has bits beyond it; they must match the sign
      local extra = K64 * WB - INTBITS
      local top = x[K64] >> (WB - extra)
      if top ~= (n < 0 and ((1 << extra) - 1) or 0) then return nil end
    end
    return n
  end

  --- Bint -> Lua integer read as unsigned (low bits; wraps).
  function bint.touinteger(x)
    if getmetatable(x) == bint then
      return low_integer(x)
    end
    return tointeger(x)
  end

  --- Bint -> Lua integer, keeping the sign (low bits; wraps).
  local function bint_tointeger(x)
    if getmetatable(x) == bint then
      if x[N] & MSB ~= 0 then
        return -low_integer(k_unm(x))
      end
      return low_integer(x)
    end
    return tointeger(x)
  end
  bint.tointeger = bint_tointeger

  local function assert_tointeger(x)
    x = bint_tointeger(x)
    if not x then
      error('value has no integer representation')
    end
    return x
  end

  -- Decimal string of a bint.
  local FMT = {}
  local todecimal_loop

  -- Decimal string of a bint.
  local function todecimal(x, unsigned)
    if not FAST32 then
      if not unsigned then
        local n = fits_integer(x)
        if n then return tostring(n) end
      end
      return todecimal_loop(x, unsigned)
    end
    -- magnitudes below 2^128 (4 words) without tables
    local neg = not unsigned and x[N] >= MSB
    local ext = neg and M or 0
    for i = N, 5, -1 do
      if x[i] ~= ext then return todecimal_loop(x, unsigned) end
    end
    local w1, w2, w3, w4 = x[1], x[2], x[3], x[4]
    if neg then
      local t = ((~w1) & M) + 1
      w1 = t & M
      t = ((~w2) & M) + (t >> 32)
      w2 = t & M
      t = ((~w3) & M) + (t >> 32)
      w3 = t & M
      t = ((~w4) & M) + (t >> 32)
      w4 = t & M
      if t > M then return todecimal_loop(x, unsigned) end -- magnitude 2^128
    end
    local s
    if w4 == 0 and w3 == 0 and w2 < 0x80000000 then
      s = string_format('%d', (w2 << 32) | w1)
    else
      -- two divisions by 10^9: value = P * 10^18 + r2 * 10^9 + r1
      local D = 1000000000
      local q4 = w4 // D
      local cur = ((w4 - q4 * D) << 32) | w3
      local q3 = cur // D
      cur = ((cur - q3 * D) << 32) | w2
      local q2 = cur // D
      cur = ((cur - q2 * D) << 32) | w1
      local q1 = cur // D
      local r1 = cur - q1 * D
      local p4 = q4 // D
      cur = ((q4 - p4 * D) << 32) | q3
      local p3 = cur // D
      cur = ((cur - p3 * D) << 32) | q2
      local p2 = cur // D
      cur = ((cur - p2 * D) << 32) | q1
      local p1 = cur // D
      local r2 = cur - p1 * D
      if p4 ~= 0 or p3 ~= 0 or p2 >= 0x80000000 then
        return todecimal_loop(x, unsigned)
      end
      -- the value is at least 2^63 here, so P >= 9
      s = string_format('%d%09d%09d', (p2 << 32) | p1, r2, r1)
    end
    if neg then return '-' .. s end
    return s
  end

  -- Decimal string of a bint, any size: repeated division by 10^9.
  todecimal_loop = function(x, unsigned)
    local neg = not unsigned and (x[N] & MSB ~= 0)
    local w = {}
    if neg then
      local c = 1
      for i = 1, N do
        local t = ((~x[i]) & M) + c
        w[i] = t & M
        c = t >> WB
      end
    else
      for i = 1, N do w[i] = x[i] end
    end
    local top = N
    while top > 0 and w[top] == 0 do top = top - 1 end
    if top == 0 then return '0' end
    local groups, ng = {}, 0
    while top > 0 do
      local rem = 0
      for i = top, 1, -1 do
        local cur = (rem << WB) | w[i]
        local q = cur // 1000000000
        w[i] = q
        rem = cur - q * 1000000000
      end
      ng = ng + 1
      groups[ng] = rem
      while top > 0 and w[top] == 0 do top = top - 1 end
    end
    -- most significant group first
    for i = 1, ng // 2 do
      groups[i], groups[ng + 1 - i] = groups[ng + 1 - i], groups[i]
    end
    local fmt = FMT[ng]
    if not fmt then
      fmt = '%d' .. string_rep('%09d', ng - 1)
      FMT[ng] = fmt
    end
    local s = string_format(fmt, table_unpack(groups, 1, ng))
    if neg then s = '-' .. s end
    return s
  end

  --- Bint -> string in base 2..36 (lowercase). unsigned defaults to true except in base 10;
  -- a signed negative value gets a '-'. Returns nil for invalid input or base.
  function bint.tobase(x, base, unsigned)
    x = tobint(x)
    if not x then
      return
    end
    base = base or 10
    if not (base >= 2 and base <= 36) then
      return
    end
    base = math_tointeger(base) or base
    if unsigned == nil then
      unsigned = base ~= 10
    end
    if base == 10 then
      return todecimal(x, unsigned)
    end
    local neg = not unsigned and (x[N] & MSB ~= 0)
    local w = neg and k_unm(x) or k_clone(x)
    local top = N
    while top > 0 and w[top] == 0 do top = top - 1 end
    if top == 0 then return '0' end
    local k, p = basechunk(base)
    local out, no = {}, 0
    while top > 0 do
      local rem = 0
      for i = top, 1, -1 do
        local cur = (rem << WB) | w[i]
        local q = cur // p
        w[i] = q
        rem = cur - q * p
      end
      while top > 0 and w[top] == 0 do top = top - 1 end
      -- the chunk's digits, least significant first; leading zeros only in inner chunks
      for _ = 1, k do
        local d = rem % base
        rem = rem // base
        no = no + 1
        out[no] = string_sub(DIGITS, d + 1, d + 1)
        if top == 0 and rem == 0 then break end
      end
    end
    if neg then
      no = no + 1
      out[no] = '-'
    end
    for i = 1, no // 2 do
      out[i], out[no + 1 - i] = out[no + 1 - i], out[i]
    end
    return table_concat(out, '', 1, no)
  end

  --- Bint -> Lua number: an integer when it fits, else a float from its decimal string.
  local function bint_tonumber(x)
    if getmetatable(x) == bint then
      local n = fits_integer(x)
      if n then return n end
      return tonumber(todecimal(x))
    end
    return tonumber(x)
  end
  bint.tonumber = bint_tonumber

  local function tobytes_le(x)
    if PACKFMT then
      return string_pack(PACKFMT, table_unpack(x, 1, N))
    end
    error('tole/tobe need a word size multiple of 8 bits')
  end

  --- Little-endian bytes of x; trim drops zero bytes on the right (keeping at least one).
  function bint.tole(x, trim)
    x = assert_convert(x)
    local s = tobytes_le(x)
    if trim then
      s = string_gsub(s, '%z+$', '')
      if s == '' then s = '\0' end
    end
    return s
  end

  --- Big-endian bytes of x; trim drops zero bytes on the left (keeping at least one).
  function bint.tobe(x, trim)
    x = assert_convert(x)
    local s = string_reverse(tobytes_le(x))
    if trim then
      s = string_gsub(s, '^%z+', '')
      if s == '' then s = '\0' end
    end
    return s
  end

  ---------------------------------------------------------------------------
  -- Predicates
  ---------------------------------------------------------------------------

  local function bint_iszero(x)
    if getmetatable(x) == bint then
      for i = 1, N do
        if x[i] ~= 0 then return false end
      end
      return true
    end
    return x == 0
  end
  bint.iszero = bint_iszero

  function bint.isone(x)
    if getmetatable(x) == bint then
      if x[1] ~= 1 then return false end
      for i = 2, N do
        if x[i] ~= 0 then return false end
      end
      return true
    end
    return x == 1
  end

  local function bint_isminusone(x)
    if getmetatable(x) == bint then
      for i = 1, N do
        if x[i] ~= M then return false end
      end
      return true
    end
    return x == -1
  end
  bint.isminusone = bint_isminusone

  function bint.isbint(x)
    return getmetatable(x) == bint
  end

  function bint.isintegral(x)
    return getmetatable(x) == bint or math_type(x) == 'integer'
  end

  function bint.isnumeric(x)
    return getmetatable(x) == bint or type(x) == 'number'
  end

  function bint.type(x)
    if getmetatable(x) == bint then
      return 'bint'
    end
    return math_type(x)
  end

  local function bint_isneg(x)
    if getmetatable(x) == bint then
      return x[N] & MSB ~= 0
    end
    return x < 0
  end
  bint.isneg = bint_isneg

  function bint.ispos(x)
    if getmetatable(x) == bint then
      return x[N] & MSB == 0 and not bint_iszero(x)
    end
    return x > 0
  end

  function bint.iseven(x)
    if getmetatable(x) == bint then
      return x[1] & 1 == 0
    end
    return math_abs(x) % 2 == 0
  end

  function bint.isodd(x)
    if getmetatable(x) == bint then
      return x[1] & 1 == 1
    end
    return math_abs(x) % 2 == 1
  end

  ---------------------------------------------------------------------------
  -- In-place operations (lua-bint's underscore methods)
  ---------------------------------------------------------------------------

  function bint:_shlone()
    for i = N, 2, -1 do
      self[i] = ((self[i] << 1) | (self[i - 1] >> (WB - 1))) & M
    end
    self[1] = (self[1] << 1) & M
    return self
  end

  function bint:_shrone()
    for i = 1, N - 1 do
      self[i] = ((self[i] >> 1) | (self[i + 1] << (WB - 1))) & M
    end
    self[N] = self[N] >> 1
    return self
  end

  function bint:_shlwords(n)
    for i = N, n + 1, -1 do
      self[i] = self[i - n]
    end
    for i = 1, math_min(n, N) do
      self[i] = 0
    end
    return self
  end

  function bint:_shrwords(n)
    for i = 1, N do
      self[i] = (i + n <= N) and self[i + n] or 0
    end
    return self
  end

  function bint:_inc()
    for i = 1, N do
      local v = (self[i] + 1) & M
      self[i] = v
      if v ~= 0 then break end
    end
    return self
  end

  function bint:_dec()
    for i = 1, N do
      local old = self[i]
      self[i] = (old - 1) & M
      if old ~= 0 then break end
    end
    return self
  end

  function bint:_assign(y)
    y = assert_convert(y)
    for i = 1, N do self[i] = y[i] end
    return self
  end

  function bint:_unm()
    return negate_inplace(self)
  end

  function bint:_abs()
    if self[N] & MSB ~= 0 then
      negate_inplace(self)
    end
    return self
  end

  function bint:_bnot()
    for i = 1, N do self[i] = (~self[i]) & M end
    return self
  end

  function bint:_add(y)
    y = assert_convert(y)
    local c = 0
    for i = 1, N do
      local t = self[i] + y[i] + c
      self[i] = t & M
      c = t >> WB
    end
    return self
  end

  function bint:_sub(y)
    y = assert_convert(y)
    local b = 0
    for i = 1, N do
      local t = self[i] - y[i] - b
      self[i] = t & M
      b = t >> SIGNSHIFT
    end
    return self
  end

  function bint:_band(y)
    y = assert_convert(y)
    for i = 1, N do self[i] = self[i] & y[i] end
    return self
  end

  function bint:_bor(y)
    y = assert_convert(y)
    for i = 1, N do self[i] = self[i] | y[i] end
    return self
  end

  function bint:_bxor(y)
    y = assert_convert(y)
    for i = 1, N do self[i] = self[i] ~ y[i] end
    return self
  end

  ---------------------------------------------------------------------------
  -- Arithmetic helpers
  ---------------------------------------------------------------------------

  function bint.inc(x)
    local ix = tobint(x, true)
    if ix then
      return ix:_inc()
    end
    return x + 1
  end

  function bint.dec(x)
    local ix = tobint(x, true)
    if ix then
      return ix:_dec()
    end
    return x - 1
  end

  local function bint_abs(x)
    local ix = tobint(x, true)
    if ix then
      return ix:_abs()
    end
    return math_abs(x)
  end
  bint.abs = bint_abs

  function bint.floor(x)
    if getmetatable(x) == bint then
      return k_clone(x)
    end
    return bint_new(math_floor(tonumber(x)))
  end

  function bint.ceil(x)
    if getmetatable(x) == bint then
      return k_clone(x)
    end
    return bint_new(math_ceil(tonumber(x)))
  end

  -- x * y, wrapping (x and y bints)
  local function k_mul(x, y)
    local z = k_zero()
    local xt, yt = N, N
    while xt > 0 and x[xt] == 0 do xt = xt - 1 end
    while yt > 0 and y[yt] == 0 do yt = yt - 1 end
    for i = 1, xt do
      local xi = x[i]
      if xi ~= 0 then
        local c = 0
        local last = N - i + 1
        local jt = (yt < last) and yt or last
        local k = i
        for j = 1, jt do
          local p = xi * y[j]          -- may exceed 63 bits: read as unsigned below
          local t = z[k] + (p & M) + c
          z[k] = t & M
          c = (p >> WB) + (t >> WB)
          k = k + 1
        end
        while c ~= 0 and k <= N do
          local t = z[k] + c
          z[k] = t & M
          c = t >> WB
          k = k + 1
        end
      end
    end
    return z
  end

  -- unsigned compare of word arrays: -1, 0, 1
  local function ucmp(x, y)
    for i = N, 1, -1 do
      local a, b = x[i], y[i]
      if a ~= b then return a < b and -1 or 1 end
    end
    return 0
  end

  -- Unsigned x // y and x % y for 32-bit words, x >= y >= 2^31: Knuth's algorithm D
  -- (TAOCP 4.3.1) on 16-bit digits, so that every intermediate fits a Lua integer.
  local function knuth_udivmod(x, y)
    local u, v = {}, {}
    for i = 1, N do
      local w = x[i]
      u[2 * i - 1], u[2 * i] = w & 0xffff, w >> 16
      w = y[i]
      v[2 * i - 1], v[2 * i] = w & 0xffff, w >> 16
    end
    local ulen, n = 2 * N, 2 * N
    while u[ulen] == 0 do ulen = ulen - 1 end
    while v[n] == 0 do n = n - 1 end -- n >= 2 since y >= 2^31
    -- normalize: shift both left so that v's top digit has its high bit set
    local sh = 0
    local top = v[n]
    while top < 0x8000 do
      top = top << 1
      sh = sh + 1
    end
    u[ulen + 1] = 0
    if sh > 0 then
      for i = n, 2, -1 do
        v[i] = ((v[i] << sh) | (v[i - 1] >> (16 - sh))) & 0xffff
      end
      v[1] = (v[1] << sh) & 0xffff
      for i = ulen + 1, 2, -1 do
        u[i] = ((u[i] << sh) | (u[i - 1] >> (16 - sh))) & 0xffff
      end
      u[1] = (u[1] << sh) & 0xffff
    end
    local vtop, vnext = v[n], v[n - 1]
    local q = {}
    for j = ulen - n, 0, -1 do
      -- estimate the quotient digit from the top two digits, then correct it
      local num = (u[j + n + 1] << 16) | u[j + n]
      local qhat = num // vtop
      local rhat = num - qhat * vtop
      while qhat > 0xffff or qhat * vnext > ((rhat << 16) | u[j + n - 1]) do
        qhat = qhat - 1
        rhat = rhat + vtop
        if rhat > 0xffff then break end
      end
      -- u[j+1 .. j+n+1] -= qhat * v
      local carry, borrow = 0, 0
      for i = 1, n do
        local p = qhat * v[i] + carry
        carry = p >> 16
        local t = u[i + j] - (p & 0xffff) - borrow
        u[i + j] = t & 0xffff
        borrow = t >> SIGNSHIFT
      end
      if u[j + n + 1] - carry - borrow < 0 then
        -- qhat was one too large: add v back (the carry out cancels the borrow)
        qhat = qhat - 1
        local c = 0
        for i = 1, n do
          local t = u[i + j] + v[i] + c
          u[i + j] = t & 0xffff
          c = t >> 16
        end
      end
      -- the partial remainder is now below v: its top digit is zero
      u[j + n + 1] = 0
      q[j + 1] = qhat
    end
    local quot, rema = k_zero(), k_zero()
    local qlen = ulen - n + 1
    for i = 1, (qlen + 1) // 2 do
      quot[i] = q[2 * i - 1] | ((q[2 * i] or 0) << 16)
    end
    -- the remainder is u[1..n], shifted back
    for i = 1, n do
      u[i] = ((u[i] >> sh) | (u[i + 1] << (16 - sh))) & 0xffff
    end
    for i = 1, (n + 1) // 2 do
      rema[i] = u[2 * i - 1] | ((2 * i <= n and u[2 * i] or 0) << 16)
    end
    return quot, rema
  end

  -- Unsigned division of bints: quotient and remainder as new bints.
  local function k_udivmod(x, y)
    local yt = N
    while yt > 0 and y[yt] == 0 do yt = yt - 1 end
    if yt == 0 then
      error('attempt to divide by zero', 0)
    end
    if yt == 1 and y[1] <= SMALLDIV_MAX then
      local d = y[1]
      local q = k_zero()
      local rem = 0
      for i = N, 1, -1 do
        local cur = (rem << WB) | x[i]
        local qi = cur // d
        q[i] = qi
        rem = cur - qi * d
      end
      local r = k_zero()
      r[1] = rem
      return q, r
    end
    if ucmp(x, y) < 0 then
      return k_zero(), k_clone(x)
    end
    if WB == 32 then
      return knuth_udivmod(x, y)
    end
    -- other word sizes: shift-subtract long division, one bit at a time, from x's top bit
    local q, r = k_zero(), k_zero()
    local xt = N
    while x[xt] == 0 do xt = xt - 1 end
    local rt = yt + 1 -- r < 2y fits yt + 1 words
    if rt > N then rt = N end
    local topbit = WB - 1
    while (x[xt] >> topbit) == 0 do topbit = topbit - 1 end
    for wi = xt, 1, -1 do
      local xw = x[wi]
      for bit = (wi == xt) and topbit or (WB - 1), 0, -1 do
        -- r = (r << 1) | bit; never overflows: r is below the prefix of x consumed so far
        for i = rt, 2, -1 do
          r[i] = ((r[i] << 1) | (r[i - 1] >> (WB - 1))) & M
        end
        r[1] = ((r[1] << 1) & M) | ((xw >> bit) & 1)
        -- r >= y ?
        local ge = true
        for i = rt, 1, -1 do
          local a, b = r[i], y[i]
          if a ~= b then
            ge = a > b
            break
          end
        end
        if ge then
          local b = 0
          for i = 1, rt do
            local t = r[i] - y[i] - b
            r[i] = t & M
            b = t >> SIGNSHIFT
          end
          q[wi] = q[wi] | (1 << bit)
        end
      end
    end
    return q, r
  end

  --- Unsigned division and remainder (raises 'attempt to divide by zero').
  local function bint_udivmod(x, y)
    local nume = bint_new(x)
    local deno = assert_convert(y)
    if deno[1] == 1 and bint.isone(deno) then
      return nume, k_zero()
    end
    return k_udivmod(nume, deno)
  end
  bint.udivmod = bint_udivmod

  function bint.udiv(x, y)
    return (bint_udivmod(x, y))
  end

  local function bint_umod(x, y)
    local _, r = bint_udivmod(x, y)
    return r
  end
  bint.umod = bint_umod

  local function bint_eq(x, y)
    local ix, iy = tobint(x), tobint(y)
    if ix and iy then
      return k_eq(ix, iy)
    end
    return x == y
  end
  bint.eq = bint_eq

  local BINT_MININTEGER -- set at the end

  --- Truncating division and remainder (quotient rounded toward zero).
  local function bint_tdivmod(x, y)
    local ax, ay = bint_abs(x), bint_abs(y)
    local ix, iy = tobint(ax), tobint(ay)
    local quot, rema
    if ix and iy then
      if bint_eq(x, BINT_MININTEGER) and bint_isminusone(y) then
        error('division overflow', 0)
      end
      quot, rema = k_udivmod(ix, iy)
    else
      quot, rema = ax // ay, ax % ay
    end
    local isxneg, isyneg = bint_isneg(x), bint_isneg(y)
    if isxneg ~= isyneg then
      quot = -quot
    end
    if isxneg then
      rema = -rema
    end
    return quot, rema
  end
  bint.tdivmod = bint_tdivmod

  function bint.tdiv(x, y)
    return (bint_tdivmod(x, y))
  end

  function bint.tmod(x, y)
    local _, r = bint_tdivmod(x, y)
    return r
  end

  -- floor division of two bints: quotient and remainder (remainder has the divisor's sign)
  local function floordivmod(ix, iy)
    local xneg = ix[N] & MSB ~= 0
    local yneg = iy[N] & MSB ~= 0
    local q, r = k_udivmod(xneg and k_unm(ix) or ix, yneg and k_unm(iy) or iy)
    if xneg ~= yneg then
      negate_inplace(q)
      if not bint_iszero(r) then
        q:_dec()
        -- r = |y| - r, with y's sign
        r = yneg and k_sub(r, k_unm(iy)) or k_sub(iy, r)
      end
    elseif xneg then
      negate_inplace(r)
    end
    return q, r
  end

  --- Floor division and remainder (quotient rounded toward minus infinity).
  local function bint_idivmod(x, y)
    local ix, iy = tobint(x), tobint(y)
    if ix and iy then
      return floordivmod(ix, iy)
    end
    local nx, ny = bint_tonumber(x), bint_tonumber(y)
    return nx // ny, nx % ny
  end
  bint.idivmod = bint_idivmod

  --- Integer power by squaring; a negative exponent is read as unsigned. Wraps.
  function bint.ipow(x, y)
    y = assert_convert(y)
    if bint_iszero(y) then
      return bint.one()
    elseif bint.isone(y) then
      return bint_new(x)
    end
    local base, e = bint_new(x), k_clone(y)
    local z = bint.one()
    while true do
      if e[1] & 1 == 1 then
        z = k_mul(z, base)
      end
      e:_shrone()
      if bint_iszero(e) then break end
      base = k_mul(base, base)
    end
    return z
  end

  --- (x ^ y) mod m for unsigned x, y, m. As in lua-bint, the intermediate products are
  -- computed at this module's width (they wrap when m needs more than half the bits).
  function bint.upowmod(x, y, m)
    m = assert_convert(m)
    if bint.isone(m) then
      return k_zero()
    end
    x, y = bint_new(x), bint_new(y)
    local z = bint.one()
    x = bint_umod(x, m)
    while not bint_iszero(y) do
      if y[1] & 1 == 1 then
        z = bint_umod(k_mul(z, x), m)
      end
      y:_shrone()
      x = bint_umod(k_mul(x, x), m)
    end
    return z
  end

  function bint.max(x, y)
    local ix, iy = tobint(x), tobint(y)
    if ix and iy then
      return k_clone(k_lt(iy, ix) and ix or iy)
    end
    return bint_parse(math_max(x, y))
  end

  function bint.min(x, y)
    local ix, iy = tobint(x), tobint(y)
    if ix and iy then
      return k_clone(k_lt(ix, iy) and ix or iy)
    end
    return bint_parse(math_min(x, y))
  end

  --- Unsigned x < y.
  function bint.ult(x, y)
    x, y = assert_convert(x), assert_convert(y)
    return ucmp(x, y) < 0
  end

  --- Unsigned x <= y.
  function bint.ule(x, y)
    x, y = assert_convert(x), assert_convert(y)
    return ucmp(x, y) <= 0
  end

  ---------------------------------------------------------------------------
  -- Shifts and rotations
  ---------------------------------------------------------------------------

  local function shl(x, n) -- x: fresh bint (modified), 0 <= n < bits
    local words, b = n // WB, n % WB
    if words > 0 then x:_shlwords(words) end
    if b ~= 0 then
      for i = N, 2, -1 do
        x[i] = ((x[i] << b) | (x[i - 1] >> (WB - b))) & M
      end
      x[1] = (x[1] << b) & M
    end
    return x
  end

  local function shr(x, n) -- logical shift right
    local words, b = n // WB, n % WB
    if words > 0 then x:_shrwords(words) end
    if b ~= 0 then
      for i = 1, N - 1 do
        x[i] = ((x[i] >> b) | (x[i + 1] << (WB - b))) & M
      end
      x[N] = x[N] >> b
    end
    return x
  end

  function bint.__shl(x, y)
    x, y = bint_new(x), assert_tointeger(y)
    if y == math_mininteger or math_abs(y) >= bits then
      return k_zero()
    end
    if y < 0 then
      return shr(x, -y)
    end
    return shl(x, y)
  end

  function bint.__shr(x, y)
    x, y = bint_new(x), assert_tointeger(y)
    if y == math_mininteger or math_abs(y) >= bits then
      return k_zero()
    end
    if y < 0 then
      return shl(x, -y)
    end
    return shr(x, y)
  end

  --- Keeps the y low bits of x.
  function bint.bwrap(x, y)
    x = assert_convert(x)
    if y <= 0 then
      return k_zero()
    elseif y < bits then
      y = assert_tointeger(y)
      local z = k_clone(x)
      local words, b = y // WB, y % WB
      for i = words + 1, N do
        if i == words + 1 and b ~= 0 then
          z[i] = z[i] & ((1 << b) - 1)
        else
          z[i] = 0
        end
      end
      return z
    end
    return k_clone(x)
  end

  --- Rotates left by y bits (same formula and edge cases as lua-bint:
  -- (x << y) | (x >> (bits - y))).
  function bint.brol(x, y)
    x, y = assert_convert(x), assert_tointeger(y)
    if y > 0 then
      return (x << y) | (x >> (bits - y))
    elseif y < 0 then
      if y ~= math_mininteger then
        return bint.bror(x, -y)
      end
    end
    return x
  end

  --- Rotates right by y bits ((x >> y) | (x << (bits - y))).
  function bint.bror(x, y)
    x, y = assert_convert(x), assert_tointeger(y)
    if y > 0 then
      return (x >> y) | (x << (bits - y))
    elseif y < 0 then
      if y ~= math_mininteger then
        return bint.brol(x, -y)
      end
    end
    return x
  end

  ---------------------------------------------------------------------------
  -- Metamethods
  ---------------------------------------------------------------------------

  function bint.__add(x, y)
    if getmetatable(x) == bint and getmetatable(y) == bint then
      return k_add(x, y)
    end
    local ix, iy = tobint(x), tobint(y)
    if ix and iy then
      return k_add(ix, iy)
    end
    return bint_tonumber(x) + bint_tonumber(y)
  end

  function bint.__sub(x, y)
    if getmetatable(x) == bint and getmetatable(y) == bint then
      return k_sub(x, y)
    end
    local ix, iy = tobint(x), tobint(y)
    if ix and iy then
      return k_sub(ix, iy)
    end
    return bint_tonumber(x) - bint_tonumber(y)
  end

  function bint.__mul(x, y)
    local ix, iy = tobint(x), tobint(y)
    if ix and iy then
      return k_mul(ix, iy)
    end
    return bint_tonumber(x) * bint_tonumber(y)
  end

  function bint.__idiv(x, y)
    local ix, iy = tobint(x), tobint(y)
    if ix and iy then
      return (floordivmod(ix, iy))
    end
    return bint_tonumber(x) // bint_tonumber(y)
  end

  function bint.__mod(x, y)
    local _, r = bint_idivmod(x, y)
    return r
  end

  function bint.__div(x, y)
    return bint_tonumber(x) / bint_tonumber(y)
  end

  function bint.__pow(x, y)
    return bint_tonumber(x) ^ bint_tonumber(y)
  end

  function bint.__unm(x)
    return k_unm(x)
  end

  function bint.__band(x, y)
    return bint_new(x):_band(y)
  end

  function bint.__bor(x, y)
    return bint_new(x):_bor(y)
  end

  function bint.__bxor(x, y)
    return bint_new(x):_bxor(y)
  end

  function bint.__bnot(x)
    local z = k_clone(x)
    for i = 1, N do z[i] = (~z[i]) & M end
    return z
  end

  -- Lua calls __eq only for two tables; like lua-bint, compare the words.
  function bint.__eq(x, y)
    return k_eq(x, y)
  end

  function bint.__lt(x, y)
    if getmetatable(x) == bint and getmetatable(y) == bint then
      return k_lt(x, y)
    end
    local ix, iy = tobint(x), tobint(y)
    if ix and iy then
      return k_lt(ix, iy)
    end
    return bint_tonumber(x) < bint_tonumber(y)
  end

  function bint.__le(x, y)
    if getmetatable(x) == bint and getmetatable(y) == bint then
      return k_le(x, y)
    end
    local ix, iy = tobint(x), tobint(y)
    if ix and iy then
      return k_le(ix, iy)
    end
    return bint_tonumber(x) <= bint_tonumber(y)
  end

  function bint:__tostring()
    return todecimal(self, false)
  end

  setmetatable(bint, {
    __call = function(_, x)
      return bint_new(x)
    end,
  })

  BINT_MININTEGER = bint.mininteger()
  memo[memokey] = bint
  return bint
end

return newmodule
