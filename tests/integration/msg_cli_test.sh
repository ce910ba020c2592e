#!/usr/bin/env bash
# `aokit msg` and `aokit wallet` end to end on the shared ANS-104 vectors.
set -euo pipefail
aokit=$1 vectors=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

for v in ed25519-full ed25519-minimal arweave-rsa-pss-maxsalt arweave-rsa-pss-salt32 ethereum-secp256k1 \
         aoconnect-spawn aoconnect-message aoconnect-monitor; do
  out=$("$aokit" msg verify "$vectors/$v.bin") || fail "$v should verify: $out"
  id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['expected']['id'])" "$vectors/$v.json")
  [ "$out" = "${out/$id/}" ] && fail "$v: id $id not in '$out'"
done
for v in invalid-flipped-signature-bit invalid-modified-data invalid-tag-bytes-over-4096 invalid-tag-count-mismatch; do
  if "$aokit" msg verify "$vectors/$v.bin" >"$tmp/out" 2>&1; then fail "$v verified"; fi
done
"$aokit" msg verify "$vectors/invalid-tag-count-mismatch.bin" >"$tmp/out" 2>&1 || true
grep -q "tag count mismatch: header 6, decoded 5" "$tmp/out" || fail "no reason for tag count mismatch: $(cat "$tmp/out")"
echo "verify: 8 valid vectors pass, 4 invalid ones fail with a reason"

id=$("$aokit" msg sign -w "$vectors/keys/ed25519.json" --tag Action=Ping --tag Note=x --data hello -o "$tmp/m.ans104")
"$aokit" msg show "$tmp/m.ans104" > "$tmp/show.json"
python3 - "$tmp/show.json" "$id" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["id"] == sys.argv[2] and d["valid"] and d["data"] == "hello", d
assert [t["name"] for t in d["tags"]] == ["Action", "Note"], d
PY
"$aokit" msg sign -w "$vectors/keys/ethereum-secp256k1.json" --data x -o "$tmp/e.ans104" >/dev/null
"$aokit" msg verify "$tmp/e.ans104" | grep -q "signature type 3" || fail "ethereum signing"
echo "sign: ed25519 and ethereum items verify and show"

addr=$("$aokit" wallet new --type ed25519 -o "$tmp/w.json")
"$aokit" wallet address "$tmp/w.json" | grep -q "^$addr (ed25519)" || fail "new wallet address"
echo '{"kty":"EC"}' > "$tmp/bad.json"
if "$aokit" wallet address "$tmp/bad.json" 2>"$tmp/err"; then fail "bad wallet accepted"; fi
grep -q "unknown format" "$tmp/err" || fail "bad wallet message: $(cat "$tmp/err")"
head -c 50 "$vectors/ed25519-full.bin" > "$tmp/trunc.bin"
if "$aokit" msg show "$tmp/trunc.bin" 2>"$tmp/err"; then fail "truncated item accepted"; fi
grep -q "malformed data item" "$tmp/err" || fail "truncated message: $(cat "$tmp/err")"
if "$aokit" msg sign -w "$vectors/keys/ed25519.json" --anchor short -o "$tmp/x" 2>/dev/null; then fail "short anchor accepted"; fi
echo "errors: clear messages and non-zero exits"
