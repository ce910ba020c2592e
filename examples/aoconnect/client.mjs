// spawn → message → result → dryrun with the real @permaweb/aoconnect (legacy mode) against
// `aokit serve`. Usage: node client.mjs AOKIT_BINARY ARWEAVE_JWK_FILE
// Starts its own `aokit serve --port 0`, reads the URLs from its first line, stops it at the end.
import { spawn as spawnProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { connect, createDataItemSigner } from "@permaweb/aoconnect";

const [aokit, walletFile] = process.argv.slice(2);
if (!aokit || !walletFile) {
  console.error("usage: node client.mjs AOKIT_BINARY ARWEAVE_JWK_FILE");
  process.exit(2);
}
const server = spawnProcess(aokit, ["serve", "--port", "0", "--seed", "aoconnect-example"], { stdio: ["ignore", "pipe", "inherit"] });
const info = JSON.parse(await new Promise((resolve) => createInterface({ input: server.stdout }).once("line", resolve)));

try {
  const ao = connect({ MODE: "legacy", MU_URL: info.mu, CU_URL: info.cu, GATEWAY_URL: info.gateway, GRAPHQL_URL: info.graphql });
  const signer = createDataItemSigner(JSON.parse(readFileSync(walletFile, "utf8")));

  const pid = await ao.spawn({
    module: info.module,
    scheduler: info.scheduler,
    signer,
    tags: [{ name: "Name", value: "counter" }, { name: "On-Boot", value: "Data" }],
    data: `Count = 0
Handlers.add("inc", "Increment", function(msg) Count = Count + 1; msg.reply({ Data = tostring(Count) }) end)
Handlers.add("get", "Get", function(msg) msg.reply({ Data = "Count is " .. Count }) end)`,
  });
  console.log("spawned  ", pid);

  const id = await ao.message({ process: pid, signer, tags: [{ name: "Action", value: "Increment" }] });
  console.log("message  ", id);

  const result = await ao.result({ process: pid, message: id });
  console.log("result   ", JSON.stringify({ Messages: result.Messages.map((m) => m.Data), Error: result.Error ?? null }));

  const dry = await ao.dryrun({ process: pid, tags: [{ name: "Action", value: "Get" }] });
  console.log("dryrun   ", dry.Messages[0].Data);

  if (result.Messages[0].Data !== "1" || dry.Messages[0].Data !== "Count is 1") {
    console.error("unexpected answers");
    process.exitCode = 1;
  }
} finally {
  server.kill("SIGTERM");
}
