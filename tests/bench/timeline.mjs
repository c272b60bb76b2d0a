// `make bench`: how fast a timeline draws and answers, and how smooth panning and zooming stay,
// side by side with vis-timeline and TimelineJS3 on the same events in the same headless
// Chromium. First the seed timeline (the app's default page): navigation to its first frame,
// and to the first click answered. Then 10, 1,000 and 10,000 synthetic events: navigation to
// the first frame that shows them, and frame times while zooming and panning.
// A report, not a test: it prints medians, ratios and the targets met or missed, and never
// fails on a figure.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../browser/server.mjs';
import { launch } from '../browser/chromium.mjs';
import { synth } from './synth.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '10,1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// How long a library may take to draw before it is reported as "> cap" (TimelineJS3 builds a
// slide per event, which may take minutes at 10,000).
const CAP_MS = Number(process.env.BENCH_CAP_S ?? 120) * 1000;
// The seed event clicked for "first click answered".
const CLICK = 'bucharest-summit-2008';
const VIEWPORT = { width: 1280, height: 800 };
const version = (name) => JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')).version;
const VIS = `vis-timeline ${version('vis-timeline')}`;
const TLJS = `TimelineJS3 ${version('@knight-lab/timelinejs')}`;

// --- the site: the app, the two libraries' pages, the data -------------------------------

const site = join('target', 'bench-site');
rmSync(site, { recursive: true, force: true });
mkdirSync(join(site, 'data'), { recursive: true });
cpSync('dist', join(site, 'app'), { recursive: true });
mkdirSync(join(site, 'vis'), { recursive: true });
cpSync('node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js', join(site, 'vis', 'vis.js'));
cpSync('node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css', join(site, 'vis', 'vis.css'));
// TimelineJS3 keeps its layout (js/, css/, css/icons/): its CSS finds its icon font at ../css/.
mkdirSync(join(site, 'tl', 'js'), { recursive: true });
mkdirSync(join(site, 'tl', 'css'), { recursive: true });
cpSync('node_modules/@knight-lab/timelinejs/dist/js/timeline.js', join(site, 'tl', 'js', 'timeline.js'));
cpSync('node_modules/@knight-lab/timelinejs/dist/css/timeline.css', join(site, 'tl', 'css', 'timeline.css'));
cpSync('node_modules/@knight-lab/timelinejs/dist/css/icons', join(site, 'tl', 'css', 'icons'), { recursive: true });

// Both libraries' pages read `?src=`, a file of events with plain ISO dates ("2008",
// "2008-04", "2008-04-03"): id, start, optional end, headline, track; and title and tracks.
// The synthetic files are such files as they are. Each item carries its id, for the clicks.
writeFileSync(join(site, 'vis', 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="vis.css"><script src="vis.js"></script></head><body><div id="tl"></div>
<script>
(async () => {
  const data = await (await fetch(new URLSearchParams(location.search).get('src'))).json();
  const items = new vis.DataSet(data.events.map((e) => ({ id: e.id, className: 'ev-' + e.id, content: e.headline, start: e.start, end: e.end, group: e.track, type: e.end ? 'range' : 'box' })));
  const groups = new vis.DataSet(data.tracks.map((t) => ({ id: t.id, content: t.label })));
  new vis.Timeline(document.getElementById('tl'), items, groups, { height: '600px' });
})();
</script></body></html>`);
// TimelineJS3 as its documentation embeds it, filling the window, with the options that keep
// it off the network: by default it loads a web font's CSS (which loads Google Fonts) from
// script_path, and script_path defaults to Knight Lab's CDN when it cannot tell its own.
// English is built in, so no locale file is fetched.
writeFileSync(join(site, 'tl', 'index.html'), `<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="css/timeline.css"><script src="js/timeline.js"></script>
<style>html, body { margin: 0; height: 100%; } #tl { width: 100%; height: 100%; }</style>
</head><body><div id="tl"></div>
<script>
(async () => {
  const data = await (await fetch(new URLSearchParams(location.search).get('src'))).json();
  const label = new Map(data.tracks.map((t) => [t.id, t.label]));
  const date = (iso) => {
    const [year, month, day] = iso.split('-').map(Number);
    return { year, ...(month && { month }), ...(day && { day }) };
  };
  const events = data.events.map((e) => ({
    unique_id: e.id, start_date: date(e.start), ...(e.end && { end_date: date(e.end) }),
    text: { headline: e.headline }, group: label.get(e.track),
  }));
  new TL.Timeline('tl', { title: { text: { headline: data.title } }, events }, {
    font: null, script_path: new URL('js/', location.href).href, language: 'en',
  });
})();
</script></body></html>`);

for (const n of SIZES) writeFileSync(join(site, 'data', `synth-${n}.json`), JSON.stringify(synth(n)));

/**
 * A TimeML date of the project's format (docs/data-format.md) as the ISO date its period
 * starts on, or (`end`) ends on: "19" is 1900 (1999), "200" with START 2000 (2003), "2008-04"
 * 2008-04. Day, month and year precision stay as they are, which both libraries read.
 */
function iso(when, end = false) {
  const { value, mod } = typeof when === 'string' ? { value: when } : when;
  if (value.length > 3) return value;
  const span = value.length === 2 ? 100 : 10;
  const first = Number(value) * span;
  const third = { START: [0, 1], MID: [1, 2], END: [2, 3] }[mod] ?? [0, 3];
  return String(end ? first + Math.ceil((span * third[1]) / 3) - 1 : first + Math.floor((span * third[0]) / 3));
}

// The seed timeline for the libraries: its dated events, an ongoing range running to the
// article's date (or today, as the app draws it).
const seed = JSON.parse(readFileSync('assets/events.json', 'utf8'));
const today = seed.reference_date ?? new Date().toISOString().slice(0, 10);
writeFileSync(join(site, 'data', 'seed.json'), JSON.stringify({
  title: seed.title,
  tracks: seed.tracks,
  events: seed.events.map((e) => {
    const start = iso(e.start);
    let end = e.end ? iso(e.end, true) : e.ongoing ? today : null;
    // An imprecise single date ("the early 2000s") is a period: drawn as its range.
    if (!end && iso(e.start, true) !== start) end = iso(e.start, true);
    return { id: e.id, start, ...(end && { end }), headline: e.headline, track: e.track };
  }),
}));

// --- measuring ---------------------------------------------------------------------------

const { server, url } = await serve({ root: site, prefix: '/' });
// Every host but this one resolves to nothing: the machine is offline, and a library reaching
// for a CDN fails at once instead of waiting on DNS. Such requests are listed at the end.
const LOCAL_ONLY = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';
// Two browsers: draw times in a normal one, whose frames wait for the display's 60 Hz; frame
// times in one without that limit, so that each frame takes exactly as long as its work (input,
// script, style, layout, paint), the figure the 16 ms target is about. At 60 Hz every interval
// would read 16.7 ms or more however little a frame costs.
const browser = await launch([LOCAL_ONLY]);
const uncapped = await launch([LOCAL_ONLY, '--disable-gpu-vsync', '--disable-frame-rate-limit']);
const external = new Map();

/**
 * Installed before the page's own scripts run, this checks every animation frame from the very
 * first: it takes `window.__drawn`, the time of the first frame that shows `kind`'s timeline
 * (with `title`, when given), so a drawing that appears before the page has finished loading is
 * caught when it appears; with `click`, it clicks that event's control as soon as it exists,
 * again every frame until the click shows (a click before the app is ready may be lost), and
 * takes `window.__answered`, the first frame that shows its effect. Times are from navigation.
 */
function watcher([kind, title, click]) {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
      && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const anyVisible = (selector) => {
    for (const el of document.querySelectorAll(selector)) if (visible(el)) return true;
    return false;
  };
  const drawn = {
    // The prerendered page holds its drawing hidden (class `pending`) while the app starts on
    // something else; the synthetic data's title tells its drawing from the seed's.
    sourceline: () => !document.documentElement.classList.contains('pending')
      && (title === null || document.querySelector('h1')?.textContent === title)
      && anyVisible('svg.timeline .mark, svg.timeline .bubble'),
    timelinejs: () => anyVisible('.tl-timemarker'),
    vis: () => anyVisible('.vis-item'),
  }[kind];
  // Per library: the clicked control, whether it shows as selected, and whether the click's
  // whole effect shows.
  const target = click && {
    sourceline: {
      // The page holds a drawing per screen width, one of them hidden: the one on screen.
      control: () => [...document.querySelectorAll(`svg.timeline [data-event-id="${click}"]`)].find(visible),
      selected: (c) => c.getAttribute('aria-current') === 'true' || c.classList.contains('selected'),
      // …and its passage is highlighted as the current one.
      done: () => !!document.querySelector(`mark.current[data-events~="${click}"]`),
    },
    timelinejs: {
      control: () => document.getElementById(`${click}-marker`),
      selected: (c) => c.classList.contains('tl-timemarker-active'),
      // …and its slide fills most of the story slider (it slides in, animated, by default).
      done: () => {
        const slide = document.getElementById(click)?.getBoundingClientRect();
        const view = document.querySelector('.tl-storyslider')?.getBoundingClientRect();
        if (!slide || !view) return false;
        return Math.min(slide.right, view.right) - Math.max(slide.left, view.left) > view.width / 2;
      },
    },
    vis: {
      // The box with the headline (a point's dot and line carry the class too).
      control: () => document.querySelector(`.vis-item.ev-${click}:is(.vis-box, .vis-range)`),
      selected: (c) => c.classList.contains('vis-selected'),
      done: () => true,
    },
  }[kind];
  // vis-timeline reads taps through Hammer.js pointer events, not clicks.
  const press = (el) => {
    const r = el.getBoundingClientRect();
    const at = { bubbles: true, cancelable: true, composed: true, clientX: r.left + Math.min(r.width / 2, 10), clientY: r.top + r.height / 2, button: 0, pointerId: 1, pointerType: 'mouse', isPrimary: true };
    if (kind === 'vis') {
      el.dispatchEvent(new PointerEvent('pointerdown', { ...at, buttons: 1 }));
      el.dispatchEvent(new PointerEvent('pointerup', { ...at, buttons: 0 }));
    }
    // SVG elements have no click(); a dispatched click still follows a link around them.
    el.dispatchEvent(new MouseEvent('click', at));
    window.__clicks = (window.__clicks ?? 0) + 1;
  };
  const tick = () => {
    const now = performance.now();
    if (window.__drawn === undefined && drawn()) window.__drawn = now;
    if (target && window.__answered === undefined) {
      const c = target.control();
      if (c && target.selected(c)) {
        if (target.done()) window.__answered = now;
      } else if (c) {
        press(c);
      }
    }
    if (window.__drawn === undefined || (target && window.__answered === undefined)) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * Loads `target` in a fresh context of `b` and returns { page, context, ms }: ms from
 * navigation to the first frame showing the drawing (with `click`, to the first click
 * answered), or Infinity past the cap. Close the context when done.
 */
async function load(b, target, kind, { title = null, click = null, cap = CAP_MS, actors = false } = {}) {
  const context = await b.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  // "Tracks by: actors", as the reader's choice kept in storage brings it back.
  if (actors) await page.addInitScript(() => localStorage.setItem('sourceline.tracks', 'actors'));
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !/^(data|blob):/.test(r.url())) external.set(r.url(), kind);
  });
  await page.addInitScript(watcher, [kind, title, click]);
  await page.goto(target, { waitUntil: 'commit' });
  const key = click ? '__answered' : '__drawn';
  try {
    await page.waitForFunction((k) => window[k] !== undefined, key, { timeout: cap, polling: 100 });
  } catch {
    return { page, context, ms: Infinity };
  }
  return { page, context, ms: await page.evaluate((k) => window[k], key) };
}

/** Median of `RUNS` loads; stops early once a run reaches the cap. */
async function timed(target, kind, options) {
  const xs = [];
  for (let run = 0; run < RUNS; run++) {
    const { context, ms } = await load(browser, target, kind, options);
    await context.close();
    xs.push(ms);
    if (ms === Infinity) break;
  }
  return xs.includes(Infinity) ? Infinity : median(xs);
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
const ms = (x) => (x === Infinity ? `> ${CAP_MS / 1000} s` : x === undefined ? '–' : x.toFixed(1));
const times = (a, b) => (a === Infinity || b === Infinity ? '–' : `${(a / b).toFixed(2)}×`);

// The seed timeline: the app's default page, and the same events in each library.
const SEED = [
  ['Sourceline', `${url}app/`, 'sourceline'],
  [TLJS, `${url}tl/?src=../data/seed.json`, 'timelinejs'],
  [VIS, `${url}vis/?src=../data/seed.json`, 'vis'],
];
// One load of each first, not counted: the first page a fresh browser loads pays for starting
// its processes and reading its files from disk.
for (const [, target, kind] of SEED) await (await load(browser, target, kind)).context.close();
// Run by run, the three in turn, so that a change in the shared machine's load falls on all.
const seedRuns = SEED.map(() => ({ draw: [], click: [] }));
for (let run = 0; run < (process.env.BENCH_ONLY ? 0 : RUNS); run++) {
  for (const [i, [, target, kind]] of SEED.entries()) {
    for (const [what, options] of [['draw', {}], ['click', { click: CLICK }]]) {
      const { context, ms } = await load(browser, target, kind, options);
      await context.close();
      seedRuns[i][what].push(ms);
    }
  }
}
const seedRows = SEED.map(([name], i) => [name, median(seedRuns[i].draw), median(seedRuns[i].click)]);

// The synthetic rows: draw times in all three, frame times in the two that zoom with the wheel.
const rows = [];
for (const n of SIZES) {
  const result = {};
  for (const [name, target, kind, surface, actors] of [
    ['sourceline', `${url}app/?data=../data/synth-${n}.json`, 'sourceline', '.timeline-surface'],
    // The same with its rows by actor ("Tracks by: actors").
    ['actors', `${url}app/?data=../data/synth-${n}.json`, 'sourceline', '.timeline-surface', true],
    ['vis', `${url}vis/?src=../data/synth-${n}.json`, 'vis', '.vis-timeline'],
    // TimelineJS3 zooms with buttons and pans by dragging, not with the wheel: draw time only.
    ['timelinejs', `${url}tl/?src=../data/synth-${n}.json`, 'timelinejs', null],
  ].filter(([name]) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(name))) {
    const title = kind === 'sourceline' ? `${n} synthetic events` : null;
    const draw = await timed(target, kind, { title, actors });
    const frameRuns = [];
    const workRuns = [];
    for (let run = 0; surface && run < RUNS; run++) {
      const { page, context } = await load(uncapped, target, kind, { title, actors });
      if (process.env.BENCH_SETTLE) await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 120_000 });
      const { times: t, work } = await frames(page, surface);
      frameRuns.push(...t);
      workRuns.push(...work);
      await context.close();
    }
    result[name] = { draw, ...(surface && { p50: median(frameRuns), p95: p95(frameRuns), work: p95(workRuns) }) };
  }
  rows.push([n, result]);
}
await browser.close();
await uncapped.close();
server.close();

// --- the report --------------------------------------------------------------------------

const mark = (ok) => (ok ? 'PASS' : 'MISS');
console.log(`Timeline benchmark, headless Chromium, ${VIEWPORT.width}×${VIEWPORT.height}, medians of ${RUNS} runs; times from navigation.`);
const f = (x) => (x === undefined ? '–' : x.toFixed(1));
if (!process.env.BENCH_ONLY) {
  console.log(`\nThe seed timeline (${seed.events.length} events; the click is on ${CLICK}):`);
  console.log('| | first frame ms | first click answered ms |');
  console.log('| --- | --- | --- |');
  for (const [name, draw, click] of seedRows) console.log(`| ${name} | ${ms(draw)} | ${ms(click)} |`);
  const [[, sDraw, sClick], [, tDraw, tClick]] = seedRows;
  console.log(`Sourceline's first frame is ${times(sDraw, tDraw)} ${TLJS}'s (target at most 0.3×): ${mark(sDraw <= 0.3 * tDraw)}`);
  console.log(`Sourceline answers a click in ${ms(sClick)} ms, ${TLJS} draws in ${ms(tDraw)} ms (target: interactive sooner): ${mark(sClick < tDraw)}`);
  console.log(`(${TLJS} answers its first click in ${ms(tClick)} ms: ${times(tClick, sClick)} Sourceline's time.)`);

  console.log(`\nSynthetic events. Frame times: over all runs, without the 60 Hz cap. Ratios: the library's time over Sourceline's.`);
  console.log(`| events | Sourceline draw ms | ${VIS} draw ms | ratio | ${TLJS} draw ms | ratio | Sourceline frame p50 / p95 ms | vis-timeline frame p50 / p95 ms | p95 ratio | Sourceline work per frame p95 ms |`);
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [n, r] of rows) {
    const { sourceline: s, vis: v, timelinejs: t } = r;
    console.log(`| ${n} | ${ms(s.draw)} | ${ms(v.draw)} | ${times(v.draw, s.draw)} | ${ms(t.draw)} | ${times(t.draw, s.draw)} | ${f(s.p50)} / ${f(s.p95)} | ${f(v.p50)} / ${f(v.p95)} | ${times(v.p95, s.p95)} | ${f(s.work)} |`);
  }
  const big = rows.find(([n]) => n === 10000);
  if (big) console.log(`At 10,000 events Sourceline draws in ${ms(big[1].sourceline.draw)} ms (target 300 ms): ${mark(big[1].sourceline.draw <= 300)}`);
}
console.log(`\nSourceline's rows: the article's tracks, or its leading actors ("Tracks by: actors").`);
console.log('| events | tracks by | draw ms | frame p50 / p95 ms | work per frame p95 ms |');
console.log('| --- | --- | --- | --- | --- |');
for (const [n, r] of rows) {
  for (const [key, label] of [['sourceline', 'article'], ['actors', 'actors']]) {
    const x = r[key];
    if (x) console.log(`| ${n} | ${label} | ${ms(x.draw)} | ${f(x.p50)} / ${f(x.p95)} | ${f(x.work)} |`);
  }
}

console.log(external.size
  ? `\nRequests off this machine, refused (the page asked for them):\n${[...external].map(([u, k]) => `  ${k}: ${u}`).join('\n')}`
  : '\nNo page asked for anything off this machine.');
