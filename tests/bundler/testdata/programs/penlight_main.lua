-- a penlight-using program: lists, strings, tables, classes, templates, pretty printing
local pl = require "pl.import_into" ()
local List, stringx, tablex, pretty = pl.List, pl.stringx, pl.tablex, pl.pretty
local class, template, OrderedMap, utils = pl.class, pl.template, pl.OrderedMap, pl.utils
local words = List(stringx.split("the quick brown fox jumps over the lazy dog"))
print(words:map(string.upper):concat(","))
print(pretty.write(tablex.count_map(words), ""))
local Animal = class()
function Animal:_init(name) self.name = name end
function Animal:__tostring() return "Animal(" .. self.name .. ")" end
local Dog = class(Animal)
function Dog:speak() return self.name .. " says woof" end
local d = Dog("rex")
print(tostring(d), d:speak(), Dog:class_of(d))
local m = OrderedMap()
for i, w in ipairs(words) do m:set(w, i) end
print(pretty.write(m:keys(), ""))
print(template.substitute("Hello $name, you are $(age + 1) next year", { name = "Ann", age = 41 }))
print(utils.quote_arg and "quote" or "noquote", #arg, ...)
print(pl.seq.sum(pl.seq.range(1, 100)), pl.sip.match_at_start("$d", "42x"))
local ok, err = pcall(error, { code = 1 })
print(ok, type(err))
print(select("#", pcall(utils.assert_arg, 1, 5, "string")))
