// Prints the gzip size of every file in a directory and the total; with --budget-kb N,
// fails when the total exceeds N KB (1 KB = 1000 bytes).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const at = process.argv.indexOf('--budget-kb');
const budget = at > 0 ? Number(process.argv[at + 1]) : null;

const files = [];
(function walk(d) {
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    // The host reads `_headers` (see tests/csp.mjs); browsers never download it.
    else if (name !== '_headers') files.push(p);
  }
})(dir);

let raw = 0;
let total = 0;
for (const f of files) {
  const body = readFileSync(f);
  const gz = gzipSync(body, { level: 9 }).length;
  raw += body.length;
  total += gz;
  console.log(`${(gz / 1000).toFixed(1).padStart(8)} KB  ${(body.length / 1000).toFixed(1).padStart(8)} KB raw  ${f}`);
}
console.log(`${(total / 1000).toFixed(1).padStart(8)} KB  ${(raw / 1000).toFixed(1).padStart(8)} KB raw  total (gzip -9)`);
if (budget !== null) {
  if (total > budget * 1000) {
    console.error(`size: ${(total / 1000).toFixed(1)} KB gzipped is over the ${budget} KB budget`);
    process.exit(1);
  }
  console.log(`size: within the ${budget} KB budget`);
}
