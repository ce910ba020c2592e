// Private: require("aokit.shift"), what the runtime's capped Inbox uses for aos's
// table.remove(Inbox, 1).
#pragma once

struct lua_State;

namespace aokit::emu {

// Registers package.loaded["aokit.shift"]: shift(t) does exactly what table.remove(t, 1)
// does, in one memmove when t has no metatable and its elements 1..#t all sit in the table's
// array part (an Inbox at its 10,000 cap moved its entries one Lua store at a time: ~100 µs
// per message); otherwise it runs the table library's own remove.
void InstallTableShift(lua_State* L);

}  // namespace aokit::emu
