#!/usr/bin/env bash
# `aokit run` end to end: the examples pass and print the same bytes twice; errors in a driver
# script or in a process are reported with file:line and a non-zero exit.
set -euo pipefail
aokit=$1 root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

for example in ping-pong token; do
  a=$("$aokit" run "$root/examples/$example/scenario.lua")
  b=$("$aokit" run "$root/examples/$example/scenario.lua")
  [ "$a" = "$b" ] || fail "$example transcript differs between two runs"
done
echo "examples: transcripts identical across runs"

cat > "$tmp/driver_error.lua" <<'LUA'
local world = aokit.world{}
local x = nil
print(x.field)
LUA
if "$aokit" run "$tmp/driver_error.lua" 2>"$tmp/err"; then fail "driver error exited 0"; fi
grep -q "driver_error.lua:3:" "$tmp/err" || fail "driver error lacks file:line: $(cat "$tmp/err")"

cat > "$tmp/bad_option.lua" <<'LUA'
aokit.world{ sed = "typo" }
LUA
if "$aokit" run "$tmp/bad_option.lua" 2>"$tmp/err"; then fail "bad option exited 0"; fi
grep -q "unknown option 'sed'" "$tmp/err" || fail "bad option message: $(cat "$tmp/err")"

cat > "$tmp/proc.lua" <<'LUA'
Handlers.add("boom", "Boom", function(msg)
  local t = nil
  return t.x
end)
LUA
cat > "$tmp/process_error.lua" <<'LUA'
local world = aokit.world{}
local p = world:spawn{ name = "p", file = "proc.lua" }
local id = world:send{ target = p, action = "Boom" }
local _, err = world:output(id)
print(err)
local ok = world:send{ target = p, action = "Eval", data = "1 + 1" }
print("after: " .. world:output(ok))
LUA
out=$("$aokit" run "$tmp/process_error.lua")
echo "$out" | grep -q "proc.lua:3:" || fail "process error lacks file:line: $out"
echo "$out" | grep -q "after: 2" || fail "process did not keep serving: $out"

cat > "$tmp/missing.lua" <<'LUA'
aokit.world{}:spawn{ file = "does-not-exist.lua" }
LUA
if "$aokit" run "$tmp/missing.lua" 2>"$tmp/err"; then fail "missing file exited 0"; fi
grep -q "cannot read source file 'does-not-exist.lua'" "$tmp/err" || fail "missing file message: $(cat "$tmp/err")"

cat > "$tmp/unknown_target.lua" <<'LUA'
local world = aokit.world{}
world:send{ target = "nope", action = "X" }
LUA
if "$aokit" run "$tmp/unknown_target.lua" 2>"$tmp/err"; then fail "unknown target exited 0"; fi
head -1 "$tmp/err" | grep -q "unknown_target.lua:2: send: no process with id 'nope'" ||
  fail "unknown target error does not name the script line: $(cat "$tmp/err")"

# The first process parses the embedded runtime; later ones load the chunks compiled then.
# Both must report runtime positions (chunk names, lines, local names) the same way.
cat > "$tmp/runtime_positions.lua" <<'LUA'
local world = aokit.world{}
for _, name in ipairs({ "first", "second" }) do
  local p = world:spawn{ name = name, source = "" }
  local traced = world:send{ target = p, action = "Eval", data = "print(debug.traceback('here'))" }
  local failed = world:send{ target = p, action = "Eval", data = "Handlers.add()" }
  local _, err = world:output(failed)
  print(world:output(traced) .. "\n" .. err:match("runtime/handlers%.lua:%d+: Invalid arguments"))
end
LUA
positions=$("$aokit" run "$tmp/runtime_positions.lua")
first=$(echo "$positions" | head -n $(( $(echo "$positions" | wc -l) / 2 )))
second=$(echo "$positions" | tail -n $(( $(echo "$positions" | wc -l) / 2 )))
[ "$first" = "$second" ] || fail "runtime positions differ between the first and a later process: $positions"
echo "$first" | grep -q "runtime/handlers.lua:[0-9]*: in function '.handlers.evaluate'" ||
  fail "traceback lacks runtime positions: $first"
echo "$first" | grep -q "in local 'fn'" || fail "traceback lacks local names: $first"

# A process's own module named like a helper of the runtime is found (the runtime's helpers
# carry an aokit- prefix; aos's own module names still come from the runtime).
mkdir -p "$tmp/own"
for name in authority extraction env-template; do echo "return { mine = '$name' }" > "$tmp/own/$name.lua"; done
cat > "$tmp/own/proc.lua" <<'LUA'
Mine = require("authority").mine .. " " .. require("extraction").mine .. " " .. require("env-template").mine
LUA
cat > "$tmp/own/run.lua" <<'LUA'
local world = aokit.world{}
local p = world:spawn{ name = "p", file = "proc.lua" }
print(world:eval(p, "Mine"))
LUA
own=$("$aokit" run "$tmp/own/run.lua")
[ "$own" = "authority extraction env-template" ] || fail "a process's own modules are hidden by the runtime's: $own"

if "$aokit" run "$tmp/nope.lua" 2>"$tmp/err"; then fail "missing script exited 0"; fi
echo "errors: reported with file:line"
