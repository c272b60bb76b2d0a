// Minifies the wasm-bindgen JS glue of a Trunk build, which Trunk leaves as written (57 KB
// with its comments): about 3 KB less to download per build, and less for the browser to
// parse before the wasm can start. Then gives the wasm's imports (and wasm-bindgen's own
// exports) short names, in the wasm and in the glue alike: wasm-bindgen names each import
// `__wbg_<method>_<16 hex digits>`, some 200 names that gzip cannot shorten, written once in
// each file (6.8 KB of the first load; the exports, closure shims named with a hash, 0.4 KB). The
// `integrity` hashes in index.html follow. Last, the wasm's functions are put in an order
// gzip compresses better (tests/reorder.mjs), in the page's wasm and the tagging worker's.
// Run after every release build, before tests/csp.mjs: `node tests/minify.mjs dist`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';
import { encode, reorderFunctions, uleb as leb } from './reorder.mjs';

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
const wasmFile = file.replace(/\.js$/, '_bg.wasm');
const source = readFileSync(file, 'utf8');
// Exports keep their names: the page's start-up script imports them.
const { code } = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
const wasm = readFileSync(wasmFile);
const short = shortImports(wasm, code);
// Alike functions side by side: −3.9 KB of gzipped wasm (tests/reorder.mjs).
short.wasm = reorderFunctions(short.wasm);
writeFileSync(file, short.js);
writeFileSync(wasmFile, short.wasm);

const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
// The preload links: <link ... href=./sourceline-<hash>.js integrity=sha384-...>, with or
// without quotes, as Trunk's HTML minifier leaves them; and the wasm's.
for (const [target, body] of [[glue[0], short.js], [wasmFile.split('/').pop(), short.wasm]]) {
  const sri = `sha384-${createHash('sha384').update(body).digest('base64')}`;
  const name = target.replace(/\./g, '\\.');
  const link = new RegExp(`(<link[^>]*href=["']?\\./${name}["']?[^>]*integrity=["']?)sha384-[A-Za-z0-9+/=]+`, 'g');
  let found = 0;
  html = html.replace(link, (_, head) => {
    found++;
    return head + sri;
  });
  if (found !== 1) {
    console.error(`${page}: expected one integrity hash for ${target}, found ${found}`);
    process.exit(1);
  }
}
writeFileSync(page, html);
console.log(`${dir}: ${glue[0]} minified, ${source.length} → ${short.js.length} bytes; ` +
  `${short.renamed} names shortened, wasm ${wasm.length} → ${short.wasm.length} bytes`);

// The tagging worker's glue (tagger.js, named without a hash, as Trunk names workers): no
// integrity hash to follow, as the worker imports it by name.
const worker = join(dir, 'tagger.js');
const workerSource = readFileSync(worker, 'utf8');
const small = await minify(workerSource, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
const workerWasm = join(dir, 'tagger_bg.wasm');
const shortWorker = shortImports(readFileSync(workerWasm), small.code);
shortWorker.wasm = reorderFunctions(shortWorker.wasm);
writeFileSync(worker, shortWorker.js);
writeFileSync(workerWasm, shortWorker.wasm);
console.log(`${dir}: tagger.js minified, ${workerSource.length} → ${shortWorker.js.length} bytes; ${shortWorker.renamed} names shortened`);

/** `n` as unsigned LEB128 bytes, in a Buffer. */
function uleb(n) {
  return Buffer.from(encode(n));
}

/** A wasm name: its length, then its UTF-8 bytes. */
function encodeName(s) {
  return Buffer.concat([uleb(Buffer.byteLength(s)), Buffer.from(s)]);
}

/**
 * `wasm` and its glue `js` with every import of wasm-bindgen's (`__wbg_…`, `__wbindgen_…`)
 * and its own exports named `$a`, `$b`, …: the import and export sections are rewritten, and
 * each name replaced in the glue, where it is only ever a key of the import object or a
 * property of the instance's exports. Throws on a wasm it does not know how to
 * read, rather than writing a broken one.
 */
function shortImports(wasm, js) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const parts = [wasm.subarray(0, 8)];
  const names = new Map();
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id === 7) {
      // Exports: wasm-bindgen's own (its allocator, closure shims named with a hash, …), used
      // only by the glue, get short names too; `memory`, `main` and the app's own keep theirs.
      let [count, p] = leb(wasm, start);
      const entries = [uleb(count)];
      for (let i = 0; i < count; i++) {
        const [len, n] = leb(wasm, p);
        let name = wasm.subarray(n, n + len).toString();
        // Its kind (one byte) and index.
        const q = leb(wasm, n + len + 1)[1];
        if (/^(__wbindgen_|__externref_|wasm_bindgen__|__abort_handler$|__instance_terminated$)/.test(name)) {
          if (!names.has(name)) names.set(name, shortName(names.size));
          name = names.get(name);
        }
        entries.push(encodeName(name), wasm.subarray(n + len, q));
        p = q;
      }
      if (p !== end) throw new Error('export section: unexpected length');
      const body = Buffer.concat(entries);
      parts.push(Buffer.from([7]), uleb(body.length), body);
      at = end;
      continue;
    }
    if (id !== 2) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = leb(wasm, start);
    const entries = [uleb(count)];
    for (let i = 0; i < count; i++) {
      const [mlen, m] = leb(wasm, p);
      const module = wasm.subarray(m, m + mlen).toString();
      const [flen, f] = leb(wasm, m + mlen);
      const field = wasm.subarray(f, f + flen).toString();
      const descStart = f + flen;
      // The import's kind and type: a function's type index; a table's element type and
      // limits; a memory's limits; a global's value type and mutability.
      const kind = wasm[descStart];
      let q = descStart + 1;
      const limits = () => {
        const flags = wasm[q++];
        q = leb(wasm, q)[1];
        if (flags & 1) q = leb(wasm, q)[1];
      };
      if (kind === 0) q = leb(wasm, q)[1];
      else if (kind === 1) { q++; limits(); }
      else if (kind === 2) limits();
      else if (kind === 3) q += 2;
      else throw new Error(`import ${module}.${field}: unknown kind ${kind}`);
      let name = field;
      if (/^__wbg_|^__wbindgen_/.test(field)) {
        if (!names.has(field)) names.set(field, shortName(names.size));
        name = names.get(field);
      }
      entries.push(encodeName(module), encodeName(name), wasm.subarray(descStart, q));
      p = q;
    }
    if (p !== end) throw new Error('import section: unexpected length');
    const body = Buffer.concat(entries);
    parts.push(Buffer.from([2]), uleb(body.length), body);
    at = end;
  }
  // Longest first, as whole words: no name is a prefix of another then.
  const pattern = /\b(?:__wb(?:g|indgen)_|__externref_|wasm_bindgen__)[A-Za-z0-9_]+\b|\b__abort_handler\b|\b__instance_terminated\b/g;
  const out = js.replace(pattern, (n) => names.get(n) ?? n);
  return { wasm: Buffer.concat(parts), js: out, renamed: names.size };
}

/** The `n`th short name: `$a` … `$z`, `$aa` … */
function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let s = '';
  do {
    s = letters[n % 26] + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `$${s}`;
}
