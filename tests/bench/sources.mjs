// `make bench-sources`: several articles, one timeline. Twenty sources of about 2,000 words
// each (consecutive stretches of the TBAQ texts) are added one by one with the tagging
// worker's own wasm (`sourceline_extract` with a base timeline, as "Add to this timeline"
// runs it), then the 21st is added and timed; then the app draws the 20-source timeline from
// `?data=` and pans it. A report, not a test: it prints medians and never fails on a figure.
// Needs a build: dist/tagger.js and dist/tagger_bg.wasm.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../browser/server.mjs';
import { launch } from '../browser/chromium.mjs';
import { documentTexts, taggerPage } from './corpus.mjs';

const CORPUS = process.argv[2] ?? '../shared/timeml/TBAQ-cleaned';
if (!existsSync(CORPUS)) {
  console.log(`bench-sources: skipped, the corpus ${CORPUS} is not here`);
  process.exit(0);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

// 21 articles of about 2,000 words: whole documents of the corpus, in order, until each
// article has its words.
const docs = documentTexts(CORPUS).map((t) => t.trim());
const articles = [];
let current = [];
let words = 0;
for (const d of docs) {
  current.push(d);
  words += d.split(/\s+/).length;
  if (words >= 2000) {
    articles.push(current.join('\n'));
    current = [];
    words = 0;
    if (articles.length === 21) break;
  }
}

const { server, url } = await serve({ root: 'dist', prefix: '/' });
const browser = await launch();
const page = await taggerPage(browser, url);
const run = await page.evaluate(({ articles, runs }) => {
  const add = (base, k) => window.tagger.sourceline_extract(`Article ${k + 1}`, articles[k], '1998-02-01', base, '', () => {});
  const steps = [];
  let base = '';
  for (let k = 0; k < 20; k++) {
    const t0 = performance.now();
    base = add(base, k);
    steps.push(performance.now() - t0);
  }
  const last = [];
  let out = '';
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    out = add(base, 20);
    last.push(performance.now() - t0);
  }
  last.sort((a, b) => a - b);
  const t = JSON.parse(base);
  const events = t.events.length + t.undated.length;
  const shared = t.events.filter((e) => new Set(e.passages.map((p) => p.source)).size > 1).length;
  const disagree = t.events.filter((e) => (e.dates ?? []).length > 1).length;
  return { steps, last: last[last.length >> 1], base, events, shared, disagree, bytes: base.length, sources: JSON.parse(out).sources.length };
}, { articles, runs: RUNS });
await page.close();

// The app draws the 20-source timeline from `?data=`, then pans it; medians of RUNS loads.
writeFileSync(join('dist', 'bench-sources.json'), run.base);
if (process.env.BENCH_SAVE) writeFileSync(process.env.BENCH_SAVE, run.base);
const draws = [];
const pans = [];
const adds = [];
for (let r = 0; r < RUNS; r++) {
  const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // From navigation to the first frame that shows the sources' timeline, taken in the page
  // every frame (as tests/bench/timeline.mjs does), so the harness's polling adds nothing.
  await p.addInitScript((title) => {
    const tick = () => {
      if (document.querySelector('#app[data-live] svg.timeline [data-event-id]') && document.querySelector('h1')?.textContent === title && !document.documentElement.classList.contains('pending')) {
        window.__drawn = performance.now();
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, JSON.parse(run.base).title);
  await p.goto(`${url}?data=bench-sources.json`);
  await p.waitForFunction(() => window.__drawn !== undefined && !document.querySelector('.banner'), null, { timeout: 60_000 });
  draws.push(await p.evaluate(() => Math.round(window.__drawn)));
  // One pan by the keyboard, timed to the next drawn frame.
  await p.focus('svg.timeline');
  const ms = await p.evaluate(() => new Promise((done) => {
    const t0 = performance.now();
    document.querySelector('svg.timeline').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true, bubbles: true }));
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
  }));
  pans.push(ms);
  // The 21st article added as the reader adds it: pasted, "Add to this timeline", until the
  // panel closes on the merged timeline (the worker's start, messages and drawing included).
  await p.click('button:has-text("Open an article")');
  await p.fill('#article-text', articles[20]);
  await p.check('#article-add');
  const t1 = Date.now();
  await p.click('button:has-text("Add the article")');
  await p.waitForSelector('.open-panel', { state: 'detached', timeout: 60_000 });
  adds.push(Date.now() - t1);
  await p.close();
}
rmSync(join('dist', 'bench-sources.json'), { force: true });
await browser.close();
server.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const counts = articles.slice(0, 21).map((a) => a.split(/\s+/).length);
console.log(`Several sources: ${articles.length} articles of ${Math.min(...counts)}–${Math.max(...counts)} words (TBAQ texts), headless Chromium, release wasm:`);
console.log('| step | ms |');
console.log('| --- | --- |');
console.log(`| add sources 1–20, each (median; first, last) | ${median(run.steps).toFixed(0)} (${run.steps[0].toFixed(0)}, ${run.steps[19].toFixed(0)}) |`);
console.log(`| add the 21st source, worker's wasm (median of ${RUNS}) | ${run.last.toFixed(0)} |`);
console.log(`| the app draws the 20 sources from ?data= (navigation to the first frame showing them, median of ${RUNS}) | ${median(draws)} |`);
console.log(`| one pan, to the second frame after the key (median of ${RUNS}) | ${median(pans).toFixed(1)} |`);
console.log(`| in the app: "Add the article" to the panel closing on 21 sources (median of ${RUNS}) | ${median(adds)} |`);
console.log(`\n20 sources: ${run.events} events, ${run.shared} stated by two or more sources, ${run.disagree} with each source's date; ${(run.bytes / 1e6).toFixed(2)} MB of JSON; the 21st makes ${run.sources} sources.`);
