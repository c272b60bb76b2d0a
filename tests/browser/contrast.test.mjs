// The contrast of every SVG text against what is drawn behind it, in the light and the dark
// colour scheme. axe-core skips SVG text (its colour is a `fill`, its background whatever shape
// or band lies under it), so this walks the texts itself: each visible `text`/`tspan` gets its
// fill (opacity included) and the colours painted under the middle of its box (the shapes
// there, found by `document.elementsFromPoint`, composited down to the page's background), and
// must reach WCAG's 4.5:1. Run with `node --test tests/browser/contrast.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';
import { synth } from '../bench/synth.mjs';

const site = useSite({ root: process.env.SOURCELINE_DIST ?? 'dist', prefix: '/contrast/', headers: true });
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** WCAG 2.x AA for text under 18.66 px bold or 24 px, which every SVG text here is. */
const MINIMUM = 4.5;

/** Waits until `selector`'s text content differs from `before`. */
const changed = (page, selector, before) =>
  page.waitForFunction(([s, b]) => document.querySelector(s)?.textContent !== b, [selector, before]);

/**
 * The views checked, each from a fresh page: `path` (relative to the site), then `go(page)`,
 * which leaves the view on screen and waits for it; `dataset` serves a synthetic dataset of
 * that many events at `contrast-data.json` for the page.
 */
const VIEWS = [
  { name: 'sample page', path: '' },
  { name: 'sample page, phone', path: '', viewport: PHONE },
  {
    name: 'event selected, another hovered',
    path: '#event=cyprus-buffer-zone-1974',
    go: async (page) => {
      await page.waitForSelector('svg.timeline .mark.selected .label');
      await page.hover('svg.timeline [data-event-id="bucharest-summit-2008"] .label');
      await page.waitForFunction(() => document.querySelector('svg.timeline [data-event-id="bucharest-summit-2008"]').matches(':hover'));
    },
  },
  {
    name: 'event selected at the right edge, phone',
    path: '#event=full-scale-invasion-2022',
    viewport: PHONE,
    go: (page) => page.waitForSelector('svg.timeline .mark.selected .label'),
  },
  {
    name: 'zoomed in',
    path: '',
    go: async (page) => {
      const axis = 'svg.timeline .axis';
      for (let i = 0; i < 3; i++) {
        const before = await page.textContent(axis);
        await page.click('button[aria-label="Zoom in"]');
        await changed(page, axis, before);
      }
      await page.waitForSelector('.timeline-controls .note');
    },
  },
  {
    name: 'a track folded',
    path: '',
    go: async (page) => {
      await page.click('svg.timeline .band-toggle');
      await page.waitForSelector('svg.timeline .band-toggle .folded');
    },
  },
  {
    name: 'reading order',
    path: '#event=bucharest-summit-2008',
    go: async (page) => {
      await page.click('.view-switch button:has-text("Reading order")');
      await page.waitForSelector('svg.reading-plot .dot.current');
    },
  },
  {
    name: 'count bubbles',
    path: '?data=contrast-data.json',
    dataset: 600,
    go: async (page) => {
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === '600 synthetic events');
      await page.waitForSelector('svg.timeline .bubble text');
    },
  },
];

/**
 * Runs in the page: every visible SVG text with its colour, the colour behind it, and their
 * contrast ratio. Each text is scrolled into view first, since only what is on screen can be
 * hit-tested.
 */
function measure() {
  /** A CSS colour as [r, g, b, a] (0–255, alpha 0–1), or null for none and paint servers. */
  const parse = (css) => {
    const m = /^rgba?\(([^)]+)\)$/.exec(css.trim());
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top, under) => {
    const a = top[3] + under[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const luminance = ([r, g, b]) => {
    const lin = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c) => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  /** The opacity an element is painted with: its own times its ancestors'. */
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  /** An SVG paint (`fill`) as colours: one, or for a pattern every colour it paints with. */
  const paints = (el, property) => {
    const style = getComputedStyle(el);
    let value = style[property];
    if (value === 'currentcolor' || value === 'currentColor') value = style.color;
    const url = /url\(["']?#([^"')]+)["']?\)/.exec(value);
    if (url) {
      const pattern = document.getElementById(url[1]);
      const inner = pattern ? [...pattern.querySelectorAll('*')] : [];
      return inner.flatMap((e) => [...paints(e, 'fill'), ...paints(e, 'stroke')]);
    }
    const c = parse(value);
    if (!c || c[3] === 0) return [];
    const alpha = Number(style[`${property}Opacity`] ?? 1) * opacity(el);
    return [[c[0], c[1], c[2], c[3] * alpha]];
  };
  /**
   * The colours an element paints over an area under a text: the fill of a closed shape, the
   * background of a box. (Lines and outlines are thin: they cross a text, they are not behind it.)
   */
  const layer = (el) => {
    if (el instanceof SVGGeometryElement && !(el instanceof SVGLineElement) && !(el instanceof SVGPolylineElement)) {
      return paints(el, 'fill');
    }
    if (el instanceof SVGElement && !(el instanceof SVGSVGElement)) return [];
    const c = parse(getComputedStyle(el).backgroundColor);
    return c && c[3] > 0 ? [[c[0], c[1], c[2], c[3] * opacity(el)]] : [];
  };
  /** True when (x, y) is inside every ancestor of `el` that clips what overflows it. */
  const unclipped = (el, x, y) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const { overflowX, overflowY } = getComputedStyle(e);
      const clips = e instanceof SVGSVGElement || overflowX !== 'visible' || overflowY !== 'visible';
      if (!clips) continue;
      const r = e.getBoundingClientRect();
      if (x < r.left || x >= r.right || y < r.top || y >= r.bottom) return false;
    }
    return true;
  };
  const page = parse(getComputedStyle(document.body).backgroundColor) ?? [255, 255, 255, 1];
  const results = [];
  for (const el of document.querySelectorAll('svg text, svg tspan')) {
    // The text the element draws itself (a <title> inside is a tooltip, not drawn).
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join('').trim();
    const style = getComputedStyle(el);
    if (!own || style.visibility !== 'visible' || style.display === 'none' || opacity(el) === 0) continue;
    // Only the panes scroll (up and down): the drawing itself is never scrolled sideways.
    el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    // Clipped away (outside the window or an ancestor that hides overflow): not seen.
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight || !unclipped(el, x, y)) continue;
    const fills = paints(el, 'fill');
    if (fills.length === 0) continue;
    // What is painted under the text: everything at that point drawn before it (SVG paints in
    // document order) or containing it, top first, down to the first opaque colour.
    const below = document.elementsFromPoint(x, y)
      .filter((e) => e !== el && (e.contains(el) || (el.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING)));
    const stack = [];
    for (const e of below) {
      const colours = layer(e);
      if (colours.length) stack.push(colours);
      if (colours.length && colours.every((c) => c[3] >= 1)) break;
    }
    // Composited bottom up from the page's colour; a pattern gives one background per colour.
    let backs = [page];
    for (const colours of stack.reverse()) backs = backs.flatMap((b) => colours.map((c) => over(c, b)));
    let worst = null;
    for (const back of backs) {
      for (const fill of fills) {
        const seen = over(fill, back);
        const r = ratio(seen, back);
        if (!worst || r < worst.ratio) worst = { ratio: r, fill: hex(seen), back: hex(back) };
      }
    }
    const where = [el, el.parentElement].map((e) => `${e.tagName}.${(e.getAttribute('class') ?? '').replace(/ /g, '.')}`).join(' in ');
    results.push({ text: own.slice(0, 40), where, ...worst });
  }
  return results;
}

for (const colorScheme of ['light', 'dark']) {
  for (const view of VIEWS) {
    test(`every SVG text has 4.5:1 contrast (${colorScheme}, ${view.name})`, async (t) => {
      const page = await site.page(t, view.path, {
        viewport: view.viewport ?? DESKTOP,
        reducedMotion: 'reduce',
        wait: view.dataset ? 'svg.timeline' : 'svg.timeline [data-event-id]',
        console: (m) => m.type() === 'error',
        watch: async (p) => {
          await p.emulateMedia({ colorScheme });
          if (view.dataset) {
            const body = JSON.stringify(synth(view.dataset));
            await p.route('**/contrast-data.json', (r) => r.fulfill({ contentType: 'application/json', body }));
          }
        },
      });
      await view.go?.(page);
      // The page sees the scheme asked for.
      const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
      assert.equal(dark, colorScheme === 'dark');
      const results = await page.evaluate(measure);
      assert.ok(results.length >= 5, `texts were measured: ${results.length}`);
      const line = (r) => `"${r.text}" (${r.where}): ${r.fill} on ${r.back} = ${r.ratio.toFixed(2)}:1`;
      // The lowest few, in the test's report, to see how close to the limit the colours are.
      const lowest = [...results].sort((a, b) => a.ratio - b.ratio).slice(0, 3);
      t.diagnostic(`${results.length} texts; lowest: ${lowest.map(line).join('; ')}`);
      const offenders = results.filter((r) => !(r.ratio >= MINIMUM)).map(line);
      assert.deepEqual(offenders, [], `SVG texts under ${MINIMUM}:1 in ${colorScheme}, ${view.name}`);
    });
  }
}
