-- base64: standard alphabet encode/decode with '=' padding.
local base64 = { _version = "0.0.1" }

local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local DECODE = {}
for i = 1, #ALPHABET do DECODE[ALPHABET:byte(i)] = i - 1 end

function base64.encode(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = (a << 16) | ((b or 0) << 8) | (c or 0)
    local chunk = {}
    for j = 1, 4 do
      local idx = (n >> (6 * (4 - j))) & 63
      chunk[j] = ALPHABET:sub(idx + 1, idx + 1)
    end
    if not b then chunk[3], chunk[4] = "=", "="
    elseif not c then chunk[4] = "=" end
    out[#out + 1] = table.concat(chunk)
  end
  return table.concat(out)
end

-- Ignores characters outside the alphabet (whitespace, padding).
function base64.decode(s)
  local out, n, bits = {}, 0, 0
  for i = 1, #s do
    local v = DECODE[s:byte(i)]
    if v then
      n = (n << 6) | v
      bits = bits + 6
      if bits >= 8 then
        bits = bits - 8
        out[#out + 1] = string.char((n >> bits) & 0xff)
      end
    end
  end
  return table.concat(out)
end

return base64
