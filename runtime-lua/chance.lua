-- chance: MT19937 (32-bit Mersenne Twister) as used by aos for math.random.
local N, M = 624, 397
local MATRIX_A = 0x9908b0df
local UPPER, LOWER = 0x80000000, 0x7fffffff

local state = { mt = {}, index = N + 1 }

local function seed(s)
  local mt = state.mt
  mt[0] = s & 0xffffffff
  for i = 1, N - 1 do
    local prev = mt[i - 1]
    mt[i] = (1812433253 * (prev ~ (prev >> 30)) + i) & 0xffffffff
  end
  state.index = N
end

local function twist()
  local mt = state.mt
  for k = 0, N - 1 do
    local y = (mt[k] & UPPER) | (mt[(k + 1) % N] & LOWER)
    local v = mt[(k + M) % N] ~ (y >> 1)
    if y & 1 == 1 then v = v ~ MATRIX_A end
    mt[k] = v
  end
  state.index = 0
end

local function nextInt32()
  if state.index >= N then
    if state.index == N + 1 then seed(5489) end
    twist()
  end
  local y = state.mt[state.index]
  state.index = state.index + 1
  y = y ~ (y >> 11)
  y = y ~ ((y << 7) & 0x9d2c5680)
  y = y ~ ((y << 15) & 0xefc60000)
  y = y ~ (y >> 18)
  return y
end

local chance = {}

function chance.seed(s) seed(s) end

-- A float in [0, 1).
function chance.random()
  return nextInt32() * (1.0 / 4294967296.0)
end

-- An integer in [min, max], both included.
function chance.integer(min, max)
  assert(max >= min, "max must bigger than min")
  return math.floor(chance.random() * (max - min + 1) + min)
end

return chance
