#!/usr/bin/env lua5.3
-- statements of every kind
local t = { 1, 2; x = 1, ["y z"] = 2, [3] = 4, f = function(...) return select('#', ...) end }
t.a = {}
function t.a.b(x) return x end
function t:m(y) return self, y end
local function fact(n) if n <= 1 then return 1 elseif n == 2 then return 2 else return n * fact(n - 1) end end
for i = 1, 10, 2 do if i > 5 then break end end
for k, v in pairs(t) do goto continue ::continue:: end
while false do end
repeat local z = 1 until z == 1
do local _ENV = { print = print } print("env") end
local s = [==[
long ]] string]==] .. '\'' .. "\"" .. "\0\1\0012\z
      continued\x41\u{48}\u{20AC}"
local f = (t.f)(1, 2)
;(print)(s)
local v = (t.f(1, 2, 3))
print(f, v, #s, ("%d"):format(3), t.f{1}, t.f"s")
return t
