// Every view of the app that an accessibility check visits, each reached from a fresh page,
// and the axe-core run over it. Used by tests/browser/a11y.test.mjs (a check in `make test`)
// and tests/audit.mjs (`make audit`, a report). Adding a view is one entry in VIEWS.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { synth } from '../bench/synth.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.2 A and AA rules. */
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const THEMES = ['light', 'dark'];
export const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/** A short article with a dateline, several dates and a relative one. */
export const ARTICLE = `BERLIN, March 3, 2008 — The wall fell in 1989, and the city was reunited.
Last year the city held elections. Since 2001 the population has grown steadily.
In the early 1990s the economy was weak, as it had been in 1989.`;

/** Opens the app at `query` (relative to the site's URL) and waits for the timeline. */
export async function load(page, url, query = '') {
  await page.goto(url + query);
  await page.waitForSelector('svg.timeline');
}

/** Pastes ARTICLE into "Open an article" and builds its timeline. */
export async function paste(page) {
  await page.click('button:has-text("Open an article")');
  await page.fill('#article-text', ARTICLE);
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel', { state: 'detached' });
  await page.waitForSelector('svg.timeline [data-event-id]');
}

/** Serves `body` at `name` under the site, for this page only (nothing is written to dist/). */
function route(page, name, body) {
  return page.route(`**/${name}`, (r) => r.fulfill({ contentType: 'application/json', body }));
}

/**
 * The views. `go(page, url)` starts from a blank page and leaves the view on screen.
 */
export const VIEWS = [
  { name: 'sample page', go: (page, url) => load(page, url) },
  {
    name: 'sample, event selected',
    go: async (page, url) => {
      await load(page, url, '#event=opposition-to-nato-expansion');
      await page.waitForSelector('[aria-current="true"]');
    },
  },
  {
    name: 'page failed (panic)',
    go: async (page, url) => {
      await load(page, url);
      await page.evaluate(() => { try { window.wasmBindings.sourceline_test_panic(); } catch { /* the trap */ } });
      await page.waitForSelector('#fatal', { state: 'visible' });
    },
  },
  {
    name: 'open-article panel',
    go: async (page, url) => {
      await load(page, url);
      await page.click('button:has-text("Open an article")');
      await page.waitForSelector('.open-panel');
    },
  },
  {
    name: 'open-article error',
    go: async (page, url) => {
      await load(page, url);
      await page.click('button:has-text("Open an article")');
      await page.click('button:has-text("Build the timeline")');
      await page.waitForSelector('.open-panel .error');
    },
  },
  {
    name: 'tagging progress',
    go: async (page, url) => {
      // The article's request is held, so the panel shows its progress bar until the page closes.
      await page.route('**/slow-article.txt', () => {});
      await page.goto(`${url}?article=slow-article.txt`);
      await page.waitForSelector('.open-panel progress');
    },
  },
  { name: 'pasted article', go: async (page, url) => { await load(page, url); await paste(page); } },
  {
    name: 'event details',
    go: async (page, url) => {
      await load(page, url);
      await paste(page);
      await page.click('svg.timeline [data-event-id]');
      await page.waitForSelector('.details .quotes');
    },
  },
  {
    name: 'editor open, bad date',
    go: async (page, url) => {
      await load(page, url);
      await paste(page);
      await page.click('svg.timeline [data-event-id]');
      await page.click('summary:has-text("Edit this event")');
      await page.fill('#edit-start', 'soon');
      await page.click('button:has-text("Save date")');
      await page.waitForSelector('.editor .error');
    },
  },
  {
    name: 'events list open',
    go: async (page, url) => {
      await load(page, url);
      await page.click('.event-list summary');
      await page.waitForSelector('.event-list li button');
    },
  },
  {
    name: 'zoomed, count bubbles',
    go: async (page, url) => {
      await route(page, 'a11y-data.json', JSON.stringify(synth(600)));
      await load(page, url, '?data=a11y-data.json');
      await page.click('button[aria-label="Zoom in"]');
      await page.waitForSelector('.timeline-controls .note');
      await page.waitForSelector('svg.timeline .bubble');
    },
  },
  {
    name: 'overview brush, focused, zoomed in',
    go: async (page, url) => {
      await load(page, url);
      await page.click('button[aria-label="Zoom in"]');
      await page.focus('svg.overview .brush');
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('svg.overview .brush:focus');
    },
  },
  {
    name: 'reading-order view, a mention selected',
    go: async (page, url) => {
      await load(page, url);
      await page.click('.view-switch button:has-text("Reading order")');
      await page.click('svg.reading-plot .dot[data-event-id="crimea-annexation-2014"]');
      await page.waitForSelector('svg.reading-plot .dot[aria-current="true"]');
    },
  },
  {
    name: 'tracks by actors, a chip chosen, an event selected',
    go: async (page, url) => {
      await load(page, url, '#event=bucharest-summit-2008');
      await page.click('[aria-label="Tracks by"] button:has-text("Actors")');
      await page.click('.chips button:has-text("NATO")');
      await page.waitForSelector('.chips button.involved[aria-pressed="true"]');
      await page.waitForSelector('.legend li:has-text("Others")');
    },
  },
  {
    name: 'track folded',
    go: async (page, url) => {
      await load(page, url);
      await page.click('svg.timeline .band-toggle');
      await page.waitForSelector('svg.timeline .band-toggle[aria-expanded="false"]');
    },
  },
  {
    name: 'import error banner',
    go: async (page, url) => {
      await load(page, url);
      await page.setInputFiles('#import-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1') });
      await page.waitForSelector('.banner');
    },
  },
  {
    name: 'bad dataset banner',
    go: async (page, url) => {
      const bad = synth(3);
      bad.events[1].start = '19x4';
      await route(page, 'a11y-bad.json', JSON.stringify(bad));
      await load(page, url, '?data=a11y-bad.json');
      await page.waitForSelector('.banner');
    },
  },
  {
    name: 'share panel',
    go: async (page, url) => {
      await load(page, url, '#event=bucharest-summit-2008');
      await page.click('.share summary');
      await page.waitForSelector('#share-embed');
    },
  },
  {
    name: 'embed view, event selected',
    go: async (page, url) => {
      await load(page, url, '?embed#event=bucharest-summit-2008');
      await page.waitForSelector('.embed .details .quotes');
    },
  },
];


/** Runs axe-core's WCAG 2.2 A/AA rules on the page: its violations, one line per rule. */
export async function axe(page) {
  // Evaluated rather than added as a <script>, which the site's Content-Security-Policy refuses.
  await page.evaluate(AXE);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  return {
    violations: result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    passes: result.passes.length,
  };
}
