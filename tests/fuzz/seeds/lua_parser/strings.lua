local s = [==[
]]x]=]]==] .. "\z
  \x41\u{10FFFF}\0"
local t = {[1]=2; x=3, f(...)}
