#!/usr/bin/env bash
# The bundler and the emulator together: a generated multi-process game (shared/corpus) is
# replayed in an aokit world twice — processes spawned from source, and processes deployed from
# `aokit bundle` output (runtime, chunks, shell, as on AO) — in release and debug modes. The
# messages the processes send to wallets must be identical, with no evaluation error.
set -euo pipefail
aokit=$1 shared=$2 here=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$shared/corpus/gen_game.py" --out "$tmp/game" --scale 0.1 --quiet
for scenario in smoke session; do
  "$aokit" run "$here/corpus_replay.lua" "$tmp/game" "$scenario" source > "$tmp/source.txt"
  tail -n 1 "$tmp/source.txt" | grep -q "evaluation errors: 0" || { echo "FAIL: source run had errors"; tail -n 1 "$tmp/source.txt"; exit 1; }
  for mode in release debug; do
    (cd "$tmp/game" && "$aokit" bundle --"$mode" --out-dir "build-$mode" >/dev/null)
    "$aokit" run "$here/corpus_replay.lua" "$tmp/game" "$scenario" bundle "$tmp/game/build-$mode/bundle-manifest.json" > "$tmp/bundle.txt"
    if ! cmp -s "$tmp/source.txt" "$tmp/bundle.txt"; then
      echo "FAIL: $scenario: bundled ($mode) differs from source"; diff "$tmp/source.txt" "$tmp/bundle.txt" | head; exit 1
    fi
  done
  echo "$scenario: $(tail -n 1 "$tmp/source.txt") — identical from source, release and debug bundles"
done
