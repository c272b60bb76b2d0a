// `make bench`: how fast the timeline draws and how smooth panning and zooming stay, for 10,
// 1,000 and 10,000 synthetic events, side by side with vis-timeline on the same data in the
// same headless Chromium. A report, not a test: it prints medians and ratios.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../browser/server.mjs';
import { launch } from '../browser/chromium.mjs';
import { synth } from './synth.mjs';

const SIZES = (process.env.BENCH_SIZES ?? "10,1000,10000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const site = join('target', 'bench-site');
rmSync(site, { recursive: true, force: true });
mkdirSync(join(site, 'data'), { recursive: true });
cpSync('dist-full', join(site, 'app'), { recursive: true });
mkdirSync(join(site, 'vis'), { recursive: true });
cpSync('node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js', join(site, 'vis', 'vis.js'));
cpSync('node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css', join(site, 'vis', 'vis.css'));
// The vis-timeline page: the same events, one item each, ranges as ranges, in three groups.
writeFileSync(join(site, 'vis', 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="vis.css"><script src="vis.js"></script></head><body><div id="tl"></div>
<script>
(async () => {
  const n = new URLSearchParams(location.search).get('n');
  const data = await (await fetch('../data/synth-' + n + '.json')).json();
  const items = new vis.DataSet(data.events.map((e) => ({ id: e.id, content: e.headline, start: e.start, end: e.end, group: e.track, type: e.end ? 'range' : 'box' })));
  const groups = new vis.DataSet(data.tracks.map((t) => ({ id: t.id, content: t.label })));
  const tl = new vis.Timeline(document.getElementById('tl'), items, groups, { height: '600px' });
  tl.on('changed', () => { if (!window.__drawn) { window.__drawn = performance.now(); } });
})();
</script></body></html>`);
for (const n of SIZES) writeFileSync(join(site, 'data', `synth-${n}.json`), JSON.stringify(synth(n)));

const { server, url } = await serve({ root: site, prefix: '/' });
const browser = await launch();

/** Milliseconds from navigation start until `ready()` holds in the page (checked each frame). */
async function timeToDraw(page, target, ready, arg) {
  await page.goto(target);
  // A function, not a string: the app's CSP forbids evaluating strings.
  await page.waitForFunction(ready, arg, { timeout: 120_000, polling: 'raf' });
  return page.evaluate(() => window.__drawn ?? performance.now());
}

/**
 * Frame times (ms) during a scripted 2-second pan and zoom with wheel events, as intervals
 * between animation frames (which a 60 Hz display rounds up to 16.7 ms), and the work each
 * wheel event causes: from its dispatch through the app's update (queued microtasks
 * included) to a forced style and layout. (vis-timeline redraws in its own frame callback,
 * which this misses, so its work is not reported.)
 */
function frames(page, selector) {
  return page.evaluate(async (sel) => {
    const el = document.querySelector(sel);
    const r = el.getBoundingClientRect();
    const times = [];
    const work = [];
    let last = performance.now();
    const end = last + 2000;
    let k = 0;
    while (performance.now() < end) {
      // Alternate: zoom in, pan right, zoom out, pan left, at the surface's centre.
      const phase = k++ % 4;
      const init = { bubbles: true, cancelable: true, clientX: r.left + r.width / 2, clientY: r.top + 40 };
      const ev = phase % 2 === 0
        ? new WheelEvent('wheel', { ...init, deltaY: phase === 0 ? -120 : 120, ctrlKey: true })
        : new WheelEvent('wheel', { ...init, deltaX: phase === 1 ? 80 : -80 });
      const t0 = performance.now();
      el.dispatchEvent(ev);
      await new Promise((ok) => queueMicrotask(ok));
      void document.body.getBoundingClientRect().height;
      work.push(performance.now() - t0);
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return { times, work };
  }, selector);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const rows = [];
for (const n of SIZES) {
  const result = {};
  for (const [name, target, ready, surface] of [
    ['sourceline', `${url}app/?data=../data/synth-${n}.json`,
      // The time is taken in the frame that first shows the drawing: a later evaluate would
      // wait for whatever the page does next (drawing the rest of a long article).
      (n) => {
        const drawn = document.querySelector('h1')?.textContent === `${n} synthetic events` && document.querySelector('svg.timeline .mark, svg.timeline .bubble');
        if (drawn) window.__drawn ??= performance.now();
        return drawn;
      },
      '.timeline-surface'],
    ['vis-timeline', `${url}vis/?n=${n}`, () => window.__drawn, '.vis-timeline'],
  ]) {
    const draws = [];
    const frameRuns = [];
    const workRuns = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      draws.push(await timeToDraw(page, target, ready, n));
      if (process.env.BENCH_SETTLE) await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 120_000 });
      const { times, work } = await frames(page, surface);
      frameRuns.push(...times);
      workRuns.push(...work);
      await context.close();
    }
    result[name] = { draw: median(draws), p50: median(frameRuns), p95: p95(frameRuns), work: p95(workRuns) };
  }
  rows.push([n, result]);
}
await browser.close();
server.close();

const f = (x) => x.toFixed(1);
console.log(`Timeline benchmark, headless Chromium, 1280×800, medians of ${RUNS} runs (frame times over all runs).`);
console.log('| events | Sourceline draw ms | vis-timeline draw ms | ratio | Sourceline frame p50 / p95 ms | vis-timeline frame p50 / p95 ms | p95 ratio | Sourceline work per frame p95 ms |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [n, r] of rows) {
  const s = r.sourceline;
  const v = r['vis-timeline'];
  console.log(`| ${n} | ${f(s.draw)} | ${f(v.draw)} | ${(v.draw / s.draw).toFixed(1)}× | ${f(s.p50)} / ${f(s.p95)} | ${f(v.p50)} / ${f(v.p95)} | ${(v.p95 / s.p95).toFixed(1)}× | ${f(s.work)} |`);
}
