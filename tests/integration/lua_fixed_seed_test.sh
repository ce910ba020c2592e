#!/usr/bin/env bash
# Proves aokit's Lua has a fixed string-hash seed: `pairs` order over string keys is identical
# in 5 separate OS processes. As a control, stock lua5.3 (when installed) must differ at least
# once in 5 runs, which shows the script can tell the difference.
set -euo pipefail
ours=$1 script=$2
first=$("$ours" "$script")
for i in 2 3 4 5; do
  [ "$("$ours" "$script")" = "$first" ] || { echo "FAIL: pairs order differs in run $i"; exit 1; }
done
echo "aokit-lua: identical pairs order in 5 processes"
if command -v lua5.3 >/dev/null; then
  distinct=$(for i in 1 2 3 4 5; do lua5.3 "$script"; done | sort -u | wc -l)
  if [ "$distinct" -lt 2 ]; then echo "FAIL: control: stock lua5.3 gave one order in 5 runs"; exit 1; fi
  echo "control: stock lua5.3 gave $distinct distinct orders in 5 runs"
fi
