#!/usr/bin/env bash
# Bundle/unbundled equivalence on the generated corpus: every process, debug and release,
# as one self-contained bundle and as runtime + chunks + shell, probed with the session
# scenario by the corpus's stub runtime; the replies must be byte-identical to the unbundled run.
# usage: corpus_equivalence_test.sh AOKIT LUA CORPUS_DIR STUB WORK_DIR single|split
# (two ctest entries, so the forms run in parallel)
set -euo pipefail
aokit=$1 lua=$2 corpus=$3 stub=$4 work=$5 form=$6
here=$(cd "$(dirname "$0")" && pwd)
export AOKIT_STUB=$stub
rm -rf "$work" && mkdir -p "$work"
scenario=$corpus/scenarios/session.json
procs=(coordinator battle pokemon shop security admin)
probe() { (cd "$1" && "$lua" "$here/corpus_probe.lua" probe "$1" "$2" "$scenario"); }
fail=0
for p in "${procs[@]}"; do probe "$corpus" "$p" > "$work/$p.plain" 2>"$work/$p.plain.err"; done
for mode in debug release; do
  # the whole project: runtime + chunks + shells
  [ $form = split ] && (cd "$corpus" && "$aokit" bundle --$mode --verify -q --out-dir "$work/$mode-build")
  for p in "${procs[@]}"; do
    if [ $form = single ]; then
      # one self-contained bundle per process, from flags alone
      root=$work/$mode-single
      mkdir -p "$root/processes/$p"
      (cd "$corpus" && "$aokit" bundle "processes/$p/main.lua" -o "$root/processes/$p/main.lua" \
         --path '?.lua;?/init.lua' --external json --external ao --dynamic 'game.moves.*' --$mode --verify -q)
    else
    # split: a loader that loads runtime, chunks and the shell in a fresh state
    split=$work/$mode-split
    mkdir -p "$split/processes/$p"
    python3 - "$work/$mode-build" "$p" > "$split/processes/$p/main.lua" <<'PY'
import json, sys
d, p = sys.argv[1], sys.argv[2]
m = json.load(open(d + "/bundle-manifest.json"))
loads = m["processes"][p]["loads"]
for f in loads[:-1]:
    print('assert(loadfile(%r))()' % (d + "/" + f))
print('return assert(loadfile(%r))(...)' % (d + "/" + loads[-1]))
PY
    fi
    probe "$work/$mode-$form" "$p" > "$work/$p.$mode.$form" 2>"$work/$p.$mode.$form.err" || true
    if ! cmp -s "$work/$p.plain" "$work/$p.$mode.$form" || ! cmp -s "$work/$p.plain.err" "$work/$p.$mode.$form.err"; then
      echo "FAIL $p $mode $form: output differs"; diff "$work/$p.plain" "$work/$p.$mode.$form" | head -5
      diff "$work/$p.plain.err" "$work/$p.$mode.$form.err" | head -5; fail=1
    fi
    [ -s "$work/$p.plain" ] || { echo "FAIL $p: the unbundled probe printed no replies"; fail=1; }
  done
  if [ $form = split ]; then
    # a shell without its runtime stops with a clear error
    shell=$work/$mode-build/battle-process.lua
    if out=$("$lua" "$shell" 2>&1); then echo "FAIL $mode: shell ran without its runtime"; fail=1; fi
    case $out in *"process 'battle' needs runtime-"*"loaded first"*) ;; *) echo "FAIL $mode: unclear error: $out"; fail=1;; esac
  fi
done
if [ $form = split ]; then
  # deterministic: bundling again gives byte-identical files
  (cd "$corpus" && "$aokit" bundle --release -q --out-dir "$work/again")
  diff -r "$work/release-build" "$work/again" >/dev/null || { echo "FAIL: release bundle not deterministic"; fail=1; }
fi
[ $fail = 0 ] && echo "corpus equivalence ($form): ${#procs[@]} processes x debug/release identical to the unbundled run"
exit $fail
