#!/usr/bin/env bash
# Runs a multi-process scenario in 3 separate OS processes (each signed and unsigned) and
# compares the digest of every message id and result.
set -euo pipefail
aokit=$1 scenario=$2
for signing in ed25519 unsigned; do
  first=$("$aokit" run "$scenario" "$signing")
  for i in 2 3; do
    again=$("$aokit" run "$scenario" "$signing")
    [ "$again" = "$first" ] || { echo "FAIL ($signing): run $i gave '$again', run 1 gave '$first'"; exit 1; }
  done
  echo "$signing: 3 OS processes agree: $first"
done
signed=$("$aokit" run "$scenario" ed25519)
unsigned=$("$aokit" run "$scenario" unsigned)
[ "$signed" != "$unsigned" ] || { echo "FAIL: signing mode does not change ids"; exit 1; }
