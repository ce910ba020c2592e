local x = 1
print(y)
local function f(a) end
local t = {}
t.n = t.n + 1 // 2 | 3
for i = 1, 10 do local i = i end
goto skip
print("unreachable")
::skip::
return setmetatable(t, { __index = function(_, k) return k end })
