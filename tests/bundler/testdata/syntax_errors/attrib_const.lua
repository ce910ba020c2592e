local x = 1
local y <const> = 2
