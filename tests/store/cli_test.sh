#!/usr/bin/env bash
# End-to-end test of `aokit store`: bench fills a store, stat/verify/dump/compact read it,
# a damaged file makes verify fail naming the file, a non-store directory is refused.
set -euo pipefail
aokit=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$aokit" store bench "$tmp/db" --seconds 0.3 --keys 500 > "$tmp/bench.txt" || fail "bench"
grep -q "lost updates: 0" "$tmp/bench.txt" || { cat "$tmp/bench.txt"; fail "bench lost-update line"; }
"$aokit" store stat "$tmp/db" > "$tmp/stat.txt" || fail "stat"
grep -q "last seq" "$tmp/stat.txt" || fail "stat output"
"$aokit" store verify "$tmp/db" > "$tmp/verify.txt" || fail "verify on a healthy store"
grep -q "ok" "$tmp/verify.txt" || fail "verify output"
"$aokit" store dump "$tmp/db" > "$tmp/dump.txt" || fail "dump"
grep -q "key/00000042" "$tmp/dump.txt" || fail "dump shows keys"
"$aokit" store compact "$tmp/db" > /dev/null || fail "compact"
"$aokit" store dump "$tmp/db" > "$tmp/dump2.txt" || fail "dump after compact"
grep -q "^data " "$tmp/dump2.txt" || fail "compact produced a data file"
"$aokit" store verify "$tmp/db" > /dev/null || fail "verify after compact"

# Damage the data file: verify exits non-zero and names file and offset.
data=$(ls "$tmp"/db/data-*.sst | head -n 1)
printf '\x00\x00\x00\x00' | dd of="$data" bs=1 seek=40 conv=notrunc status=none
if "$aokit" store verify "$tmp/db" > "$tmp/bad.txt" 2>&1; then fail "verify accepted a damaged file"; fi
grep -q "corruption: .*data-.*sst at offset" "$tmp/bad.txt" || { cat "$tmp/bad.txt"; fail "verify message"; }

mkdir "$tmp/plain" && echo hi > "$tmp/plain/file.txt"
if "$aokit" store stat "$tmp/plain" > "$tmp/plain.txt" 2>&1; then fail "stat accepted a non-store"; fi
grep -q "not an aokit store" "$tmp/plain.txt" || { cat "$tmp/plain.txt"; fail "non-store message"; }
echo "store cli: ok"
