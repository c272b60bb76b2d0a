// Minifies the wasm-bindgen JS glue of a Trunk build, which Trunk leaves as written (57 KB
// with its comments): about 3 KB less to download per build, and less for the browser to
// parse before the wasm can start. The glue's `integrity` hash in index.html follows.
// Run after every release build, before tests/csp.mjs: `node tests/minify.mjs dist`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tests/minify.mjs DIST_DIR');
  process.exit(2);
}
const glue = readdirSync(dir).filter((f) => /^sourceline-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) {
  console.error(`${dir}: expected one sourceline-<hash>.js, found ${glue.length}`);
  process.exit(1);
}
const file = join(dir, glue[0]);
const source = readFileSync(file, 'utf8');
// Exports keep their names: the page's start-up script imports them.
const { code } = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
writeFileSync(file, code);

const sri = `sha384-${createHash('sha384').update(code).digest('base64')}`;
const page = join(dir, 'index.html');
const html = readFileSync(page, 'utf8');
// The glue's preload link: <link ... href=./sourceline-<hash>.js integrity=sha384-...>, with or
// without quotes, as Trunk's HTML minifier leaves them.
const name = glue[0].replace(/\./g, '\\.');
const link = new RegExp(`(<link[^>]*href=["']?\\./${name}["']?[^>]*integrity=["']?)sha384-[A-Za-z0-9+/=]+`, 'g');
let found = 0;
const updated = html.replace(link, (_, head) => {
  found++;
  return head + sri;
});
if (found !== 1) {
  console.error(`${page}: expected one integrity hash for ${glue[0]}, found ${found}`);
  process.exit(1);
}
writeFileSync(page, updated);
console.log(`${dir}: ${glue[0]} minified, ${source.length} → ${code.length} bytes`);

// The tagging worker's glue (tagger.js, named without a hash, as Trunk names workers): no
// integrity hash to follow, as the worker imports it by name.
const worker = join(dir, 'tagger.js');
const workerSource = readFileSync(worker, 'utf8');
const small = await minify(workerSource, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
writeFileSync(worker, small.code);
console.log(`${dir}: tagger.js minified, ${workerSource.length} → ${small.code.length} bytes`);
