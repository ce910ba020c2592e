#!/usr/bin/env bash
# `aokit bundle` / `aokit size` from the command line: bad input gives file:line:col errors and a
# non-zero exit, symlinked entries and modules are followed, manifests and reports are written.
# usage: cli_test.sh AOKIT LUA WORK_DIR
set -uo pipefail
aokit=$1 lua=$2 work=$3
rm -rf "$work" && mkdir -p "$work/p/lib" "$work/real" && cd "$work/p"
fail=0
expect() { # description, expected substring, actual text
  case $3 in *"$2"*) ;; *) echo "FAIL $1: expected '$2' in:"; echo "$3"; fail=1;; esac
}
printf 'local x = = 1\n' > bad.lua
out=$("$aokit" bundle bad.lua -o out.lua 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL syntax error: exit $rc"; fail=1; }
expect "syntax error" "bad.lua:1:11: unexpected symbol near '='
local x = = 1
          ^" "$out"
out=$("$aokit" bundle missing.lua -o out.lua 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL missing entry: exit $rc"; fail=1; }
expect "missing entry" "missing.lua: entry file not found" "$out"
[ ! -e out.lua ] || { echo "FAIL: a failed bundle left an output"; fail=1; }
# symlinks: entry and module
printf 'return { hi = function() return "hi from lib" end }\n' > "$work/real/lib.lua"
ln -s "$work/real/lib.lua" lib/greet.lua
printf 'print(require("lib.greet").hi(), ...)\n' > "$work/real/main.lua"
ln -s "$work/real/main.lua" main.lua
"$aokit" bundle main.lua -o out.lua --release --verify -q || { echo "FAIL: symlinked bundle"; fail=1; }
out=$("$lua" -e "package.path=''" out.lua a 2>&1)
expect "symlinked run" "hi from lib	a" "$out"
# an external module that is also present warns; a dynamic require without a hint fails
printf 'local j = require("json")\nlocal k = ...\nreturn require("lib." .. k)\n' > dyn.lua
printf 'return {}\n' > json.lua
out=$("$aokit" bundle dyn.lua -o dyn.out.lua --external json 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL dynamic without hint: exit $rc"; fail=1; }
expect "external warning" "dyn.lua:1:11: warning: module 'json' is external" "$out"
expect "dynamic hint" "dyn.lua:3:8: dynamic require ('lib.' .. …) has no hint" "$out"
"$aokit" bundle dyn.lua -o dyn.out.lua --external json --dynamic 'lib.*' -q 2>/dev/null || { echo "FAIL: dynamic with hint"; fail=1; }
grep -q '"lib.greet"' dyn.out.lua || { echo "FAIL: hinted module not bundled"; fail=1; }
# size report from flags and as JSON
out=$("$aokit" size main.lua --json --out-dir "$work/size")
expect "size json" '"format": "aokit-size-report/1"' "$out"
[ -s "$work/size/size-report.json" ] || { echo "FAIL: size-report.json not written"; fail=1; }
out=$("$aokit" size main.lua --modules --debug)
expect "size table" "lib.greet" "$out"
# a project manifest with a missing entry is a clear error
printf '[project]\nname = "x"\n[process.a]\nentry = "nope.lua"\n' > aokit.toml
out=$("$aokit" bundle 2>&1); rc=$?
[ $rc = 1 ] || { echo "FAIL project missing entry: exit $rc"; fail=1; }
expect "project missing entry" "nope.lua: entry file not found" "$out"
[ $fail = 0 ] && echo "cli: all checks passed"
exit $fail
