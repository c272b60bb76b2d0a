// `make size`: what a reader downloads, gzip -9, file by file. The first load is what the page
// fetches before any interaction, found by loading the build in headless Chromium and
// recording every request until the app has drawn and the network has gone quiet; the
// tagger's worker, fetched only when the reader opens an article, is reported apart; the rest
// of dist/ is listed. With --budget-kb N, exits 1 when the first load exceeds N KB
// (1 KB = 1000 bytes). Also prints vis-timeline's and TimelineJS3's own JS + CSS for scale.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve } from './browser/server.mjs';
import { launch, CHROMIUM } from './browser/chromium.mjs';

const dir = process.argv[2] ?? 'dist';
const at = process.argv.indexOf('--budget-kb');
const budget = at > 0 ? Number(process.argv[at + 1]) : null;
// The network counts as idle once nothing has been requested or answered for this long.
const IDLE_MS = 1000;
const TIMEOUT_MS = 60_000;

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1).padStart(8)} KB`;

/** Every file under `d`, as paths relative to it. */
function files(d) {
  return readdirSync(d).sort().flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? files(p).map((f) => join(name, f)) : [name];
  });
}

/**
 * The files of `dir` that the page fetches before any interaction, in request order, and the
 * requests that map to no file there (anything external, which this closed page should never
 * make). Throws when Chromium cannot start or the app never draws.
 */
async function firstLoad() {
  const { server, url } = await serve({ root: dir, prefix: '/' });
  let browser;
  try {
    // Every host but this one resolves to nothing, so a stray external request fails at once
    // and shows in the report instead of waiting on the network.
    browser = await launch(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
  } catch (e) {
    server.close();
    throw new Error(`Chromium (${CHROMIUM}) did not start, so the first load cannot be measured; ` +
      `\`make tools-browser\` installs it, CHROMIUM=… points elsewhere.\n${e.message.split('\n')[0]}`);
  }
  try {
    // A fresh context: no cache, no stored article, as a first visit.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const urls = [];
    let inFlight = 0;
    let last = Date.now();
    const seen = (r) => { last = Date.now(); return r; };
    // Workers' requests are the page's too: a worker started at load would show here.
    page.on('request', (r) => { inFlight++; urls.push(seen(r).url()); });
    page.on('requestfinished', () => { inFlight--; seen(); });
    page.on('requestfailed', () => { inFlight--; seen(); });

    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    // Drawn: the timeline is there, and no longer held hidden while the app starts.
    await page.waitForFunction(
      () => document.querySelector('svg.timeline') && !document.documentElement.classList.contains('pending'),
      null, { timeout: TIMEOUT_MS },
    );
    // Then quiet: the wasm's own fetches (data, article) come after the first paint.
    const deadline = Date.now() + TIMEOUT_MS;
    while (inFlight > 0 || Date.now() - last < IDLE_MS) {
      if (Date.now() > deadline) throw new Error(`the network never went idle (${inFlight} requests open)`);
      await new Promise((ok) => setTimeout(ok, Math.max(50, IDLE_MS - (Date.now() - last))));
    }
    // Browsers fetch the icon when they get round to it (some headless modes never do): the
    // page's declared icons count as fetched either way.
    urls.push(...await page.$$eval('link[rel~="icon"]', (ls) => ls.map((l) => l.href)));
    await context.close();

    const base = resolve(dir);
    const local = [];
    const other = [];
    for (const u of urls) {
      if (/^(data|blob):/.test(u)) continue;
      if (!u.startsWith(url)) { other.push(u); continue; }
      let path = decodeURIComponent(new URL(u).pathname).slice(new URL(url).pathname.length);
      let file = resolve(base, path);
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) { other.push(u); continue; }
      const rel = relative(base, file);
      if (!local.includes(rel)) local.push(rel);
    }
    return { local, other: [...new Set(other)] };
  } finally {
    await browser.close();
    server.close();
  }
}

/** Prints `list` (paths relative to `root`) with gzip -9 and raw sizes; returns the gzip total. */
function table(root, list, label) {
  let raw = 0;
  let total = 0;
  for (const f of list) {
    const p = join(root, f);
    const z = gz(p);
    const r = statSync(p).size;
    raw += r;
    total += z;
    console.log(`${kb(z)}  ${kb(r)} raw  ${f}`);
  }
  console.log(`${kb(total)}  ${kb(raw)} raw  ${label}`);
  return total;
}

let load;
try {
  load = await firstLoad();
} catch (e) {
  console.error(`size: ${e.message}`);
  process.exit(1);
}

const all = files(dir);
// The tagging worker and the tagger's own wasm module (names with or without Trunk's hash).
const isTagger = (f) => /^(worker|tagger)(-[0-9a-f]+)?(_bg)?\.(js|wasm)$/.test(f);

console.log(`First load (${dir}, everything headless Chromium fetched until the timeline was drawn and the network idle for ${IDLE_MS} ms), gzip -9:`);
const first = table(dir, load.local, 'first load');
for (const u of load.other) console.log(`  (not measured: ${u}, not a file of ${dir})`);
const early = load.local.filter(isTagger);
if (early.length) console.log(`  note: the first load fetched the tagger's ${early.join(', ')}`);

console.log('\nTagger worker (fetched when the reader opens an article, not part of the first load):');
const tagger = all.filter(isTagger);
if (tagger.length) table(dir, tagger, 'tagger worker');
else console.log('  (none in this build)');

console.log(`\nEverything else in ${dir} (not budgeted):`);
const rest = all.filter((f) => f !== '_headers' && !load.local.includes(f) && !isTagger(f));
if (rest.length) table(dir, rest, 'the rest');
else console.log('  (nothing)');

// For scale: what the two timeline libraries of the benchmark ship, the same way.
function library(label, name, parts) {
  const pkg = join('node_modules', name, 'package.json');
  if (!existsSync(pkg)) return `${label} (not installed: npm ci)`;
  const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
  const total = parts.reduce((s, p) => s + gz(join('node_modules', name, p)), 0);
  return `${label} ${version} ${(total / 1000).toFixed(1)} KB (JS + CSS)`;
}
console.log(`\nFirst load, gzip -9: Sourceline ${(first / 1000).toFixed(1)} KB | ` +
  library('vis-timeline', 'vis-timeline', ['standalone/umd/vis-timeline-graph2d.min.js', 'styles/vis-timeline-graph2d.min.css']) + ' | ' +
  library('TimelineJS3', '@knight-lab/timelinejs', ['dist/js/timeline.js', 'dist/css/timeline.css']));

if (budget !== null) {
  if (first > budget * 1000) {
    console.error(`size: the first load, ${(first / 1000).toFixed(1)} KB gzipped, is over the ${budget} KB budget`);
    process.exit(1);
  }
  console.log(`size: the first load is within the ${budget} KB budget`);
}
