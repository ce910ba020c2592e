local Class = {}
Class.__index = Class
function Class.new(n, ...) local self = setmetatable({ n = n, rest = { ... } }, Class) return self end
function Class:add(k) self.n = self.n + (k or 1) return self end
local function counter() local c = 0 return function() c = c + 1 return c end end
local next_id = counter()
local obj = Class.new(1, 2, 3):add(next_id())
for i = #obj.rest, 1, -1 do
  if obj.rest[i] % 2 == 0 then goto continue end
  obj.n = obj.n ~ i << 1
  ::continue::
end
repeat local done = obj.n > 3 until done or not obj
while obj.n < 10 do obj.n = obj.n + 1 end
return obj, ("%d"):format(obj.n), #obj.rest, not nil == true, -2 ^ -2
