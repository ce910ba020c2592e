-- every 5.3 operator, with precedence and associativity that need (or do not need) parentheses
local a, b, c = 7, 3, 2
print(a + b * c, (a + b) * c, a - (b - c), a - b - c)
print(a // b, a % b, a / b, 2 ^ 3 ^ 2, (2 ^ 3) ^ 2, -2 ^ 2, (-2) ^ 2)
print(a & b, a | b, a ~ b, ~a, a << 2, a >> 1, 1 << 2 + 1, (1 << 2) + 1)
print("x" .. "y" .. "z", ("x" .. "y") .. "z", 1 .. 2)
print(a < b, a <= b, a > b, a >= b, a == b, a ~= b, not (a == b), not a == b)
print(a and b or c, a and (b or c), #"abc", - -a, -(-a), ~ ~a)
print(a | b & c ~ 1, (a | b) & c, 1 + 2 .. 3, (1 .. 2) + 3)
print(2^-3, -a^b, (-a)^b, 0x1p-20, 1e10, .5, 3., 0xA.8p1, 0xff)
