// `make bench-tagger`: tagging throughput on the concatenated TBAQ text, natively (the
// `timeml bench` command) and in headless Chromium with the release wasm, side by side.
// A report, not a test: it prints medians and never fails on a figure. Needs a build with the
// tagger's module: dist/tagger.js and dist/tagger_bg.wasm.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { serve } from '../browser/server.mjs';
import { launch } from '../browser/chromium.mjs';
import { documentTexts, taggerPage } from './corpus.mjs';

const CORPUS = process.argv[2] ?? '../shared/timeml/TBAQ-cleaned';
if (!existsSync(CORPUS)) {
  console.log(`bench-tagger: skipped, the corpus ${CORPUS} is not here`);
  process.exit(0);
}

// The same text as `timeml bench`: each document's <TEXT> with its tags stripped.
const text = documentTexts(CORPUS).join('\n\n');
const bytes = Buffer.byteLength(text);

const native = execFileSync('cargo', ['run', '--quiet', '--release', '--bin', 'timeml', '--', 'bench', CORPUS], { encoding: 'utf8' });
const nativeRate = Number(/mb_per_s ([\d.]+)/.exec(native)?.[1]);

// The tagger's own wasm module, as the tagging worker loads it, in an empty page.
const { server, url } = await serve({ root: 'dist', prefix: '/' });
const browser = await launch();
const page = await taggerPage(browser, url);
const browserRun = await page.evaluate((t) => {
  const rates = [];
  let found = 0;
  const begin = performance.now();
  while (performance.now() - begin < 3000 || rates.length < 5) {
    const t0 = performance.now();
    found = window.tagger.sourceline_tag_count(t);
    const ms = performance.now() - t0;
    rates.push(new TextEncoder().encode(t).length / (ms / 1000) / 1e6);
  }
  rates.sort((a, b) => a - b);
  // The whole extraction (dates, events, headlines, actors), as the worker runs it.
  const whole = [];
  let events = 0;
  const start = performance.now();
  while (performance.now() - start < 4000 || whole.length < 3) {
    const t0 = performance.now();
    events = window.tagger.sourceline_timeline_count(t);
    whole.push(new TextEncoder().encode(t).length / ((performance.now() - t0) / 1000) / 1e6);
  }
  whole.sort((a, b) => a - b);
  return { median: rates[rates.length >> 1], runs: rates.length, found, whole: whole[whole.length >> 1], wholeRuns: whole.length, events };
}, text);
await browser.close();
server.close();

console.log(`Tagging throughput on the TBAQ text (${(bytes / 1e6).toFixed(2)} MB, ${browserRun.found} expressions), median:`);
console.log('| where | MB/s |');
console.log('| --- | --- |');
console.log(`| native (release, timeml bench) | ${nativeRate.toFixed(1)} |`);
console.log(`| headless Chromium (release wasm, ${browserRun.runs} runs) | ${browserRun.median.toFixed(1)} |`);
const nativeWhole = Number(/timeline_mb_per_s ([\d.]+)/.exec(native)?.[1]);
console.log(`\nWhole extraction (dates, events and anchors, headlines, actors; ${browserRun.events} events), median:`);
console.log('| where | MB/s |');
console.log('| --- | --- |');
console.log(`| native (release, timeml bench) | ${nativeWhole.toFixed(2)} |`);
console.log(`| headless Chromium (release wasm, ${browserRun.wholeRuns} runs) | ${browserRun.whole.toFixed(2)} |`);
