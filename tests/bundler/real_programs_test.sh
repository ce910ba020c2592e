#!/usr/bin/env bash
# Bundle/unbundled equivalence on real Lua programs from Debian packages (lua-check's CLI,
# a lua-penlight script), debug and release, each bundle run by plain lua5.3 with an empty
# package.path. Debug: stdout and stderr identical (a traceback may show one extra
# "(...tail calls...)" line for the entry). Release: stdout and exit status identical, and the
# error message identical once its "file:line:" prefix is dropped (release has no line info).
# usage: real_programs_test.sh AOKIT WORK_DIR
set -uo pipefail
aokit=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
progs=$here/testdata/programs
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail=0
lc_path='/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua;/usr/share/lua/5.3/?.lua;/usr/share/lua/5.3/?/init.lua'
pl_path='/usr/share/lua/5.3/?.lua;/usr/share/lua/5.3/?/init.lua'

# name entry path flags… -- program args…
check() {
  local name=$1 entry=$2 path=$3; shift 3
  local flags=() args=()
  while [ "$1" != "--" ]; do flags+=("$1"); shift; done; shift
  args=("$@")
  lua5.3 -e "package.path='$path'" "$entry" "${args[@]}" > "$name.plain.out" 2> "$name.plain.err"
  local want=$?
  for mode in debug release; do
    if ! "$aokit" bundle "$entry" -o "$name.$mode.lua" --path "$path" "${flags[@]}" --$mode --verify -q 2> "$name.$mode.bundle.err"; then
      echo "FAIL $name $mode: bundling failed"; cat "$name.$mode.bundle.err"; fail=1; continue
    fi
    lua5.3 -e "package.path=''" "$name.$mode.lua" "${args[@]}" > "$name.$mode.out" 2> "$name.$mode.err"
    local got=$?
    [ $got = $want ] || { echo "FAIL $name $mode: exit $got, unbundled $want"; fail=1; }
    cmp -s "$name.plain.out" "$name.$mode.out" || { echo "FAIL $name $mode: stdout differs"; diff "$name.plain.out" "$name.$mode.out" | head; fail=1; }
    if [ $mode = debug ]; then
      grep -v '^	(\.\.\.tail calls\.\.\.)$' "$name.$mode.err" > "$name.$mode.err.cmp"
      grep -v '^	(\.\.\.tail calls\.\.\.)$' "$name.plain.err" > "$name.plain.err.cmp"
    else
      head -1 "$name.$mode.err" | sed -E 's/^lua5\.3: [^:]+:[0-9]+: //' > "$name.$mode.err.cmp"
      head -1 "$name.plain.err" | sed -E 's/^lua5\.3: [^:]+:[0-9]+: //' > "$name.plain.err.cmp"
    fi
    cmp -s "$name.plain.err.cmp" "$name.$mode.err.cmp" || { echo "FAIL $name $mode: stderr differs"; diff "$name.plain.err.cmp" "$name.$mode.err.cmp" | head; fail=1; }
  done
  [ -s "$name.plain.out" ] || { echo "FAIL $name: the unbundled run printed nothing"; fail=1; }
}

lc_flags=(--external lfs --external socket --external bit32 --external bit
          --dynamic 'luacheck.*' --dynamic 'luacheck.stages.*' --dynamic 'luacheck.vendor.sha1.*')
check luacheck-sample "$progs/luacheck_main.lua" "$lc_path" "${lc_flags[@]}" -- --no-color --codes "$progs/luacheck_sample.lua"
check luacheck-penlight "$progs/luacheck_main.lua" "$lc_path" "${lc_flags[@]}" -- --no-color --formatter plain --std max /usr/share/lua/5.3/pl
check penlight "$progs/penlight_main.lua" "$pl_path" --dynamic 'pl.*' --external luabalanced --external sip -- a b
[ $fail = 0 ] && echo "real programs: luacheck (2 runs) and penlight identical bundled and unbundled, debug and release"
exit $fail
