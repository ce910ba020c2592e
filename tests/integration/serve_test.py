#!/usr/bin/env python3
"""`aokit serve` end to end over loopback: spawn, message, result, results (cursors), dry-run,
SU listing, GraphQL module lookup, process-to-process trust, and bad input (malformed,
tampered, replayed, unknown process, wrong content type, bad JSON). Items are signed with
`aokit msg sign` and the shared ed25519 test key, as a client would."""
import base64, json, subprocess, sys, tempfile, os, urllib.request, urllib.error

aokit, vectors = sys.argv[1], sys.argv[2]
key = os.path.join(vectors, "keys", "ed25519.json")
tmp = tempfile.mkdtemp()
server = subprocess.Popen([aokit, "serve", "--port", "0", "--seed", "serve-test"], stdout=subprocess.PIPE, text=True)
info = json.loads(server.stdout.readline())
failures = []

def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)

def http(method, url, body=None, ctype="application/octet-stream"):
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": ctype, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

def sign(tags, data=" ", target=None, anchor=None):
    out = os.path.join(tmp, "item.bin")
    args = [aokit, "msg", "sign", "-w", key, "--data", data, "-o", out]
    for n, v in tags:
        args += ["--tag", f"{n}={v}"]
    if target: args += ["--target", target]
    if anchor: args += ["--anchor", anchor]
    item_id = subprocess.check_output(args, text=True).strip()
    return item_id, open(out, "rb").read()

try:
    mu, cu, su = info["mu"], info["cu"], info["su"]
    # GraphQL module check, as aoconnect's spawn does first.
    q = {"query": "query GetTransactions($transactionIds: [ID!]!) { transactions(ids: $transactionIds) { edges { node { tags { name value } } } } }",
         "variables": {"transactionIds": [info["module"]]}}
    status, body = http("POST", info["graphql"], json.dumps(q).encode(), "application/json")
    tags = {t["name"]: t["value"] for t in json.loads(body)["data"]["transactions"]["edges"][0]["node"]["tags"]}
    check(status == 200 and tags["Type"] == "Module" and "Input-Encoding" in tags and "Module-Format" in tags, "graphql module lookup")

    def spawn(name, boot):
        pid, item = sign([("Name", name), ("Data-Protocol", "ao"), ("Variant", "ao.TN.1"), ("Type", "Process"),
                          ("Module", info["module"]), ("Scheduler", info["scheduler"]), ("On-Boot", "Data")], data=boot)
        status, body = http("POST", mu, item)
        check(status == 202 and json.loads(body)["id"] == pid, f"spawn {name}: {status} {body!r}")
        return pid

    pong = spawn("pong", 'Handlers.add("ping", "Ping", function(m) m.reply({ Action = "Pong", Data = "pong:" .. m.Data }) end)')
    ping = spawn("ping", 'Count = 0\nHandlers.add("go", "Go", function(m) Send({ Target = m.Peer, Action = "Ping", Data = "x" }) end)\n'
                         'Handlers.add("pong", "Pong", function(m) Count = Count + 1; print("got " .. m.Data) end)')
    mid, item = sign([("Action", "Go"), ("Peer", pong), ("Data-Protocol", "ao"), ("Variant", "ao.TN.1"), ("Type", "Message")],
                     target=ping, anchor="00000000000000000000000000000001")
    status, body = http("POST", "//".join([mu, ""]) , item)  # a trailing "//" must be collapsed
    check(status == 202, f"message: {status} {body!r}")
    status, body = http("GET", f"{cu}/result/{mid}?process-id={ping}")
    result = json.loads(body)
    check(status == 200 and len(result["Messages"]) == 1 and "Error" not in result, f"result: {body!r}")
    # Process-to-process trust through the MU's Authority: ping's counter moved.
    status, body = http("POST", f"{cu}/dry-run?process-id={ping}",
                        json.dumps({"Id": "1234", "Target": ping, "Owner": "1234", "Data": "Count",
                                    "Tags": [{"name": "Action", "value": "Eval"}]}).encode(), "application/json")
    check(status == 200, f"dry-run status {status}")
    status, body = http("GET", f"{cu}/results/{ping}?sort=ASC&limit=2")
    page = json.loads(body)
    check(len(page["edges"]) == 2 and page["pageInfo"]["hasNextPage"], f"results page: {body!r}")
    cursor = json.loads(base64.b64decode(page["edges"][-1]["cursor"]))
    check(cursor["ordinate"] == "1", f"cursor format: {cursor}")
    from urllib.parse import quote
    status, body = http("GET", f"{cu}/results/{ping}?from={quote(page['edges'][-1]['cursor'])}&sort=ASC")
    rest = json.loads(body)["edges"]
    check(len(rest) == 1 and "got pong:x" in json.dumps(rest[0]["node"]["Output"]), f"results after cursor: {body!r}")
    status, body = http("GET", f"{su}/{mid}?process-id={ping}")
    nonce = {t["name"]: t["value"] for t in json.loads(body)["assignment"]["tags"]}["Nonce"]
    check(status == 200 and nonce == "1", f"su assignment: {body!r}")
    status, body = http("GET", f"{su}/{ping}")
    check(status == 200 and len(json.loads(body)["edges"]) == 3, f"su listing: {body!r}")
    # Dry-run does not change state: a real Eval from the owner reads Count.
    eid, item = sign([("Action", "Eval"), ("Data-Protocol", "ao"), ("Type", "Message")], data="Count", target=ping)
    http("POST", mu, item)
    status, body = http("GET", f"{cu}/result/{eid}?process-id={ping}")
    check(json.loads(body)["Output"]["data"] == "1", f"eval after dry-run: {body!r}")

    # aokit's own endpoints and the CLI commands that use them.
    text = subprocess.run([aokit, "trace", mid, "-g", info["gateway"]], capture_output=True, text=True)
    check(text.returncode == 0 and "ping -> pong Ping" in text.stdout and "got pong:x" in text.stdout, f"aokit trace: {text.stdout!r} {text.stderr!r}")
    dot = subprocess.run([aokit, "trace", mid, "-g", info["gateway"], "-f", "dot"], capture_output=True, text=True)
    check(dot.stdout.startswith("digraph trace"), "aokit trace --format dot")
    missing = subprocess.run([aokit, "trace", "nope", "-g", info["gateway"]], capture_output=True, text=True)
    check(missing.returncode == 1 and "no retained message" in missing.stderr, f"trace of unknown id: {missing.stderr!r}")
    exported = os.path.join(tmp, "exported.ans104")
    subprocess.check_call([aokit, "msg", "export", mid, "-g", info["gateway"], "-o", exported], stdout=subprocess.DEVNULL)
    verified = subprocess.run([aokit, "msg", "verify", exported], capture_output=True, text=True)
    check(verified.returncode == 0 and mid in verified.stdout, f"exported item verifies: {verified.stdout!r}")
    status, body = http("POST", info["gateway"] + "/aokit/advance?ms=60000", b"")
    check(status == 200 and json.loads(body)["now"] > 0, f"advance: {status} {body!r}")
    status, body = http("POST", info["gateway"] + "/aokit/advance", b"")
    check(status == 400, f"advance without ms: {status}")

    # Bad input: clear 4xx, world unchanged.
    status, body = http("POST", mu, b"\x02\x00garbage")
    check(status == 400 and "malformed data item" in json.loads(body)["error"], f"malformed: {status} {body!r}")
    tampered = bytearray(item); tampered[-1] ^= 1
    status, body = http("POST", mu, bytes(tampered))
    check(status == 400 and "does not verify" in json.loads(body)["error"], f"tampered: {status} {body!r}")
    status, body = http("POST", mu, item)
    check(status == 400 and "replay" in json.loads(body)["error"], f"replay: {status} {body!r}")
    _, stray = sign([("Action", "X")], target="A" * 43)
    status, body = http("POST", mu, stray)
    check(status == 400 and "unknown process" in json.loads(body)["error"], f"unknown process: {status} {body!r}")
    status, body = http("POST", mu, item, "application/json")
    check(status == 415, f"wrong content type: {status}")
    status, body = http("POST", f"{cu}/dry-run?process-id={ping}", b"{not json", "application/json")
    check(status == 400, f"bad dry-run json: {status}")
    status, body = http("GET", f"{cu}/result/{mid}?process-id={pong}")
    check(status == 404 and "error" in json.loads(body), f"missing result: {status}")
    status, body = http("GET", f"{cu}/results/{ping}?from=%%%")
    check(status == 400, f"bad cursor: {status}")
    status, _ = http("GET", info["gateway"] + "/")
    check(status == 200 and server.poll() is None, "server still up after bad input")
finally:
    server.terminate()
    server.wait(timeout=10)

if failures:
    sys.exit(1)
print("serve: spawn, message, result, results, dry-run, SU, GraphQL, trace/export/advance and 10 bad-input cases OK")
