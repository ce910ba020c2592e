--[[
aokit runtime: the `json` module of aos processes (`require("json")` / `require(".json")`).

Written for aokit; it reproduces the observable behaviour of the json module aos ships
(rxi's json.lua, variant 0.2.0 from the ao dev-cli):

* `json.encode(v)`: nil -> null, booleans, numbers, strings, tables.
  - A table is an array when `rawget(t, 1) ~= nil` or it is empty (so `{}` encodes as `[]`);
    every key must then be a number and the key count must equal `#t`, otherwise
    "invalid table: mixed or invalid key types" / "invalid table: sparse array".
  - Any other table is an object: every key must be a string ("invalid table: mixed or
    invalid key types"); entries whose value is a function are skipped.
    Keys come out in `pairs` order (no sorting, as in aos). aokit's Lua has a fixed string
    hash seed, so the order is the same in every run there.
  - Numbers: NaN and +-inf raise "unexpected number value '<tostring(v)>'"; integral values
    (integers and floats such as 1e20) are printed with "%.0f" (so integers beyond 2^53 are
    rounded exactly as aos rounds them), others with "%.14g".
  - Strings: `"` `\` and bytes 0-31 are escaped (\b \f \n \r \t or \u00XX); all other bytes,
    including '/' and non-ASCII, are copied as they are.
  - Errors: "circular reference", "unexpected type '<type>'".
* `json.decode(s)`: errors are "<message> at line L col C", with aos's messages and positions
  (including its quirks: trailing commas in arrays/objects are accepted, numbers are whatever
  Lua's `tonumber` accepts up to the next delimiter, JSON null becomes nil, so it leaves holes
  in arrays and drops object keys, `\u` surrogate pairs are combined, lone surrogates are
  encoded as 3-byte sequences).
]]

local type, pairs, next, rawget, tostring, tonumber, error =
      type, pairs, next, rawget, tostring, tonumber, error
local byte, sub, find, match, gsub, format =
      string.byte, string.sub, string.find, string.match, string.gsub, string.format
local concat = table.concat
local floor, huge = math.floor, math.huge
local utf8_char = utf8.char

local json = { _version = "0.2.0" }

-------------------------------------------------------------------------------
-- Encoding
-------------------------------------------------------------------------------

-- Replacement for every byte that must be escaped in a JSON string.
local ESCAPES = {
  ['"'] = '\\"', ["\\"] = "\\\\",
  ["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
}
for c = 0, 31 do
  local ch = string.char(c)
  if not ESCAPES[ch] then ESCAPES[ch] = format("\\u%04x", c) end
end
local ESCAPE_PATTERN = '[%z\1-\31\\"]'

local encode_value -- forward declaration

local function encode_string(s)
  if find(s, ESCAPE_PATTERN) then
    s = gsub(s, ESCAPE_PATTERN, ESCAPES)
  end
  return '"' .. s .. '"'
end

local function encode_number(v)
  if v ~= v or v <= -huge or v >= huge then
    error("unexpected number value '" .. tostring(v) .. "'")
  end
  if floor(v) == v then
    return format("%.0f", v)
  end
  return format("%.14g", v)
end

local function encode_table(t, stack)
  if stack[t] then error("circular reference") end
  stack[t] = true
  local out = {}
  if rawget(t, 1) ~= nil or next(t) == nil then
    -- array: only numeric keys, and as many of them as the length
    local count = 0
    for k in pairs(t) do
      if type(k) ~= "number" then
        error("invalid table: mixed or invalid key types")
      end
      count = count + 1
    end
    local n = #t
    if count ~= n then error("invalid table: sparse array") end
    for i = 1, n do
      out[i] = encode_value(t[i], stack)
    end
    stack[t] = nil
    return "[" .. concat(out, ",") .. "]"
  end
  -- object: only string keys; function values are left out
  local n = 0
  for k, v in pairs(t) do
    if type(k) ~= "string" then
      error("invalid table: mixed or invalid key types")
    end
    if type(v) ~= "function" then
      n = n + 1
      out[n] = encode_string(k) .. ":" .. encode_value(v, stack)
    end
  end
  stack[t] = nil
  return "{" .. concat(out, ",") .. "}"
end

encode_value = function(v, stack)
  local t = type(v)
  if t == "string" then
    return encode_string(v)
  elseif t == "number" then
    return encode_number(v)
  elseif t == "table" then
    return encode_table(v, stack)
  elseif t == "boolean" then
    return v and "true" or "false"
  elseif t == "nil" then
    return "null"
  end
  error("unexpected type '" .. t .. "'")
end

--- Encodes a Lua value as a JSON text (see the header for the rules).
function json.encode(v)
  return (encode_value(v, {}))
end

-------------------------------------------------------------------------------
-- Decoding
-------------------------------------------------------------------------------

local function decode_error(str, idx, msg)
  -- line and column of idx; the column counts from the last newline before idx
  local line, line_start = 1, 0
  local p = find(str, "\n", 1, true)
  while p and p < idx do
    line, line_start = line + 1, p
    p = find(str, "\n", p + 1, true)
  end
  error(format("%s at line %d col %d", msg, line, idx - line_start))
end

-- index of the first non-whitespace byte at or after i (#str + 1 when none)
local function skip_space(str, i)
  return find(str, "[^ \t\r\n]", i) or #str + 1
end

-- index of the first delimiter (whitespace, ']', '}' or ',') at or after i
local function next_delim(str, i)
  return find(str, "[ \t\r\n%]},]", i) or #str + 1
end

local UNESCAPES = {
  ['"'] = '"', ["\\"] = "\\", ["/"] = "/",
  b = "\b", f = "\f", n = "\n", r = "\r", t = "\t",
}

local function unicode_escape(hex)
  local cp = tonumber(sub(hex, 1, 4), 16)
  if #hex > 4 then -- "\uD8xx\uXXXX": combined as a surrogate pair
    cp = (cp - 0xd800) * 0x400 + (tonumber(sub(hex, 7, 10), 16) - 0xdc00) + 0x10000
  end
  if cp > 0x10ffff then
    error(format("invalid unicode codepoint '%x'", cp))
  end
  return utf8_char(cp)
end

local SPECIAL_IN_STRING = '[%z\1-\31\\"]'

local function parse_string(str, i)
  local parts, np = nil, 0
  local j = i + 1    -- where to search from
  local seg = j      -- start of the literal run not yet copied
  while true do
    local p = find(str, SPECIAL_IN_STRING, j)
    if not p then
      decode_error(str, i, "expected closing quote for string")
    end
    local x = byte(str, p)
    if x == 34 then -- closing quote
      if not parts then
        return sub(str, seg, p - 1), p + 1
      end
      parts[np + 1] = sub(str, seg, p - 1)
      return concat(parts), p + 1
    elseif x == 92 then -- backslash
      parts = parts or {}
      np = np + 1
      parts[np] = sub(str, seg, p - 1)
      local c = sub(str, p + 1, p + 1)
      if c == "u" then
        local hex = match(str, "^[dD][89aAbB]%x%x\\u%x%x%x%x", p + 2)
                    or match(str, "^%x%x%x%x", p + 2)
        if not hex then
          decode_error(str, p, "invalid unicode escape in string")
        end
        np = np + 1
        parts[np] = unicode_escape(hex)
        j = p + 2 + #hex
      else
        local r = UNESCAPES[c]
        if not r then
          decode_error(str, p, "invalid escape char '" .. c .. "' in string")
        end
        np = np + 1
        parts[np] = r
        j = p + 2
      end
      seg = j
    else
      decode_error(str, p, "control character in string")
    end
  end
end

local function parse_number(str, i)
  local e = next_delim(str, i)
  local s = sub(str, i, e - 1)
  local n = tonumber(s)
  if not n then
    decode_error(str, i, "invalid number '" .. s .. "'")
  end
  return n, e
end

local LITERALS = { ["true"] = true, ["false"] = false, ["null"] = "null" }

local function parse_literal(str, i)
  local e = next_delim(str, i)
  local word = sub(str, i, e - 1)
  local v = LITERALS[word]
  if v == nil then
    decode_error(str, i, "invalid literal '" .. word .. "'")
  end
  if v == "null" then v = nil end
  return v, e
end

local parse_value -- forward declaration

local function parse_array(str, i)
  local res, n = {}, 0
  i = i + 1
  while true do
    i = skip_space(str, i)
    if byte(str, i) == 93 then -- ']' (also after a trailing comma)
      return res, i + 1
    end
    local v
    v, i = parse_value(str, i)
    n = n + 1
    res[n] = v
    i = skip_space(str, i)
    local c = byte(str, i)
    i = i + 1
    if c == 93 then return res, i end
    if c ~= 44 then decode_error(str, i, "expected ']' or ','") end
  end
end

local function parse_object(str, i)
  local res = {}
  i = i + 1
  while true do
    i = skip_space(str, i)
    local c = byte(str, i)
    if c == 125 then -- '}' (also after a trailing comma)
      return res, i + 1
    end
    if c ~= 34 then
      decode_error(str, i, "expected string for key")
    end
    local key, v
    key, i = parse_string(str, i)
    i = skip_space(str, i)
    if byte(str, i) ~= 58 then
      decode_error(str, i, "expected ':' after key")
    end
    i = skip_space(str, i + 1)
    v, i = parse_value(str, i)
    res[key] = v
    i = skip_space(str, i)
    c = byte(str, i)
    i = i + 1
    if c == 125 then return res, i end
    if c ~= 44 then decode_error(str, i, "expected '}' or ','") end
  end
end

local PARSERS = {
  [34] = parse_string, [45] = parse_number,
  [116] = parse_literal, [102] = parse_literal, [110] = parse_literal,
  [91] = parse_array, [123] = parse_object,
}
for d = 48, 57 do PARSERS[d] = parse_number end

parse_value = function(str, i)
  local f = PARSERS[byte(str, i)]
  if f then return f(str, i) end
  decode_error(str, i, "unexpected character '" .. sub(str, i, i) .. "'")
end

--- Decodes a JSON text into a Lua value (see the header for the rules).
function json.decode(str)
  if type(str) ~= "string" then
    error("expected argument of type string, got " .. type(str))
  end
  local v, i = parse_value(str, skip_space(str, 1))
  i = skip_space(str, i)
  if i <= #str then
    decode_error(str, i, "trailing garbage")
  end
  return v
end

return json
