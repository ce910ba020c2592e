-- Runs shared/corpus/stub_runtime.lua with its arguments, printing the replies to wallets on
-- stdout. (In probe mode the stub's process *is* this Lua state, so its own `print` is captured
-- by the process; the replies it prints at the end would be lost.) Fails loudly if the stub
-- changed and the one line this relies on is gone.
local stub = assert(os.getenv("AOKIT_STUB"), "AOKIT_STUB not set")
local f = assert(io.open(stub, "r"))
local src = f:read("a")
f:close()
local stdout = io.stdout
local patched, n = src:gsub("for _, line in ipairs%(world%.outputs%) do print%(line%) end",
  "for _, line in ipairs(world.outputs) do AOKIT_STDOUT:write(line, '\\n') end")
assert(n == 1, "stub_runtime.lua changed: reply printing line not found")
AOKIT_STDOUT = stdout
return assert(load(patched, "@" .. stub))(...)
