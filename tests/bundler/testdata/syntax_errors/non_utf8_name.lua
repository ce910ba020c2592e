local s = "café"
local ÿ = 1
