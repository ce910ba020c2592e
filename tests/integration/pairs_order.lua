-- Fills a table with string keys and prints the order `pairs` visits them.
local t = {}
for i = 1, 200 do t["key" .. i .. string.rep("x", i % 7)] = i end
local out = {}
for k in pairs(t) do out[#out + 1] = k end
print(table.concat(out, ","))
