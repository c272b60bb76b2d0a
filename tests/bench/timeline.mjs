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
cpSync('dist', join(site, 'app'), { recursive: true });
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
// Two browsers: draw times in a normal one, whose frames wait for the display's 60 Hz; frame
// times in one without that limit, so that each frame takes exactly as long as its work (input,
// script, style, layout, paint), the figure the 16 ms target is about. At 60 Hz every interval
// would read 16.7 ms or more however little a frame costs.
const browser = await launch();
const uncapped = await launch(['--disable-gpu-vsync', '--disable-frame-rate-limit']);

/**
 * Milliseconds from navigation start to the first frame that shows the drawing. The watch is
 * installed before the page's own scripts run and checks every frame from the very first, so
 * a drawing that appears before the page has finished loading is caught when it appears.
 */
async function timeToDraw(page, target, drawn, arg) {
  // Playwright runs init scripts outside the page's CSP, which forbids evaluating strings.
  await page.addInitScript(([drawn, arg]) => {
    const check = new Function('arg', `return (${drawn})(arg)`);
    const tick = () => {
      if (window.__drawn) return;
      if (check(arg)) window.__drawn = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, [drawn.toString(), arg]);
  await page.goto(target, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__drawn, null, { timeout: 120_000 });
  return page.evaluate(() => window.__drawn);
}

/**
 * Frame times (ms) during a scripted 2-second pan and zoom with wheel events, one per frame,
 * as intervals between animation frames in the uncapped browser, and the work each wheel
 * event causes: from its dispatch through the app's update (queued microtasks included) to a
 * forced style and layout. (vis-timeline redraws in its own frame callback, which this misses,
 * so its work is not reported; its frame times include it.)
 */
function frames(page, selector) {
  return page.evaluate(async (sel) => {
    const el = document.querySelector(sel);
    const r = el.getBoundingClientRect();
    const at = { bubbles: true, cancelable: true, clientX: r.left + r.width / 2, clientY: r.top + 40 };
    // Zoomed in first, so that no pan below is stopped by the edge of the whole span: a frame
    // in which nothing changes waits for the next 60 Hz tick even without the cap, and would
    // read as a slow frame.
    for (let i = 0; i < 3; i++) {
      el.dispatchEvent(new WheelEvent('wheel', { ...at, deltaY: -120, ctrlKey: true }));
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
    }
    const times = [];
    const work = [];
    let last = performance.now();
    const end = last + 2000;
    let k = 0;
    while (performance.now() < end) {
      // Alternate: zoom in, pan right, zoom out, pan left, at the surface's centre.
      const phase = k++ % 4;
      const ev = phase % 2 === 0
        ? new WheelEvent('wheel', { ...at, deltaY: phase === 0 ? -120 : 120, ctrlKey: true })
        : new WheelEvent('wheel', { ...at, deltaX: phase === 1 ? 80 : -80 });
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
      (n) => document.querySelector('h1')?.textContent === `${n} synthetic events`
        && document.querySelector('svg.timeline .mark, svg.timeline .bubble'),
      '.timeline-surface'],
    // vis-timeline's page marks its own first 'changed' event.
    ['vis-timeline', `${url}vis/?n=${n}`, () => false, '.vis-timeline'],
  ]) {
    const draws = [];
    const frameRuns = [];
    const workRuns = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      draws.push(await timeToDraw(await context.newPage(), target, ready, n));
      await context.close();
      const free = await uncapped.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await free.newPage();
      await timeToDraw(page, target, ready, n);
      if (process.env.BENCH_SETTLE) await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 120_000 });
      const { times, work } = await frames(page, surface);
      frameRuns.push(...times);
      workRuns.push(...work);
      await free.close();
    }
    result[name] = { draw: median(draws), p50: median(frameRuns), p95: p95(frameRuns), work: p95(workRuns) };
  }
  rows.push([n, result]);
}
await browser.close();
await uncapped.close();
server.close();

const f = (x) => x.toFixed(1);
console.log(`Timeline benchmark, headless Chromium, 1280×800, medians of ${RUNS} runs. Frame times: over all runs, without the 60 Hz cap.`);
console.log('| events | Sourceline draw ms | vis-timeline draw ms | ratio | Sourceline frame p50 / p95 ms | vis-timeline frame p50 / p95 ms | p95 ratio | Sourceline work per frame p95 ms |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [n, r] of rows) {
  const s = r.sourceline;
  const v = r['vis-timeline'];
  console.log(`| ${n} | ${f(s.draw)} | ${f(v.draw)} | ${(v.draw / s.draw).toFixed(1)}× | ${f(s.p50)} / ${f(s.p95)} | ${f(v.p50)} / ${f(v.p95)} | ${(v.p95 / s.p95).toFixed(1)}× | ${f(s.work)} |`);
}
