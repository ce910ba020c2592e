// node luamin_sizes.js ROOT OUT_DIR FILES... : minifies each file with luamin (a Lua 5.1
// parser) into OUT_DIR/<file>; prints JSON {file: "ok" | error message}. bundler_bench
// --compare-luamin then checks what each output means.
const fs = require('fs');
const path = require('path');
const luamin = require('luamin');
const [root, outDir, ...files] = process.argv.slice(2);
const out = {};
for (const f of files) {
  try {
    const min = luamin.minify(fs.readFileSync(path.join(root, f), 'utf8'));
    fs.mkdirSync(path.dirname(path.join(outDir, f)), { recursive: true });
    fs.writeFileSync(path.join(outDir, f), min);
    out[f] = 'ok';
  } catch (e) {
    out[f] = String(e.message || e).slice(0, 120);
  }
}
process.stdout.write(JSON.stringify(out));
