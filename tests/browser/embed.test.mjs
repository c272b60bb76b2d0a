// The embed view (`?embed`, or `embed.html`, which the build writes next to index.html) and the
// Share panel: a compact read-only timeline for an <iframe> on any site, which stores nothing,
// and the links and snippet that lead to it. Served with the build's own `_headers`, path by
// path, as a host applies them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useSite } from './harness.mjs';
import { headerRules, headersFor, serve } from './server.mjs';
import { synth } from '../bench/synth.mjs';

const ROOT = 'dist';
const SAMPLE_TITLE = 'Putin Refuses Trump’s Peace Initiative';
const ARTICLE = readFileSync('assets/article.txt', 'utf8');
const DATA = 'embed-data.json';
const KEY = 'sourceline.timeline.v1';
const site = useSite({ root: ROOT, prefix: '/embed/', headers: true });
// Another site, the embedding one: a server of its own, reached as `localhost` (the app's is
// reached as 127.0.0.1), with a page written by the test.
let host;

before(async () => {
  writeFileSync(join(ROOT, DATA), JSON.stringify(synth(5)));
  const root = mkdtempSync(join(tmpdir(), 'sourceline-host-'));
  const { server, url } = await serve({ root, prefix: '/' });
  host = { root, server, url: url.replace('127.0.0.1', 'localhost') };
});
after(() => {
  rmSync(join(ROOT, DATA), { force: true });
  host?.server.close();
  if (host) rmSync(host.root, { recursive: true, force: true });
});

const control = (id) => `svg.timeline [data-event-id="${id}"]`;
const selected = (frame, id) => frame.waitForSelector(`#app[data-live] ${control(id)}[aria-current="true"]`);

/** The app at `path`, failing the test on page and console errors. */
const open = (t, path, options = {}) =>
  site.page(t, path, { wait: 'svg.timeline [data-event-id]', console: (m) => m.type() === 'error', ...options });

/** Resolves once the page has painted a frame and run a task after it: any save would be done. */
const painted = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));

test('the embed view: the timeline, the passage of the selected event, and a link to the full page', async (t) => {
  const page = await open(t, 'embed.html#event=bucharest-summit-2008');
  await selected(page, 'bucharest-summit-2008');
  assert.equal(await page.textContent('h1'), SAMPLE_TITLE);
  for (const absent of ['.toolbar', '.share', '.open-panel', '.article-pane', '.article', '.editor', 'mark']) {
    assert.equal(await page.$(absent), null, `no ${absent}`);
  }
  const quotes = await page.$$eval('.details blockquote', (qs) => qs.map((q) => q.textContent));
  assert.ok(quotes.length > 0 && quotes.every((q) => ARTICLE.includes(q)), 'the passage, quoted from the article');
  // The timeline shows whole, and the details come under it, not over it.
  const boxes = await page.evaluate(() => {
    const box = (s) => document.querySelector(s).getBoundingClientRect();
    return { wrap: box('.timeline-wrap'), svg: box('.timeline-wrap svg.timeline'), details: box('.details') };
  });
  assert.ok(boxes.wrap.height >= boxes.svg.height, `the timeline's box holds its drawing (${boxes.wrap.height} < ${boxes.svg.height})`);
  assert.ok(boxes.details.top >= boxes.svg.bottom, 'the details are under the timeline');
  const link = page.locator('a:has-text("Open in Sourceline")');
  assert.equal(await link.getAttribute('href'), `${site.url}#event=bucharest-summit-2008`);
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.match(await link.getAttribute('rel'), /\bnoopener\b/);

  // A click selects, and the passage and the link follow; the selection replaces the history
  // entry, so that a host page's Back button is not taken over.
  const entries = await page.evaluate(() => history.length);
  await page.click(control('crimea-annexation-2014'));
  await selected(page, 'crimea-annexation-2014');
  await page.waitForFunction(() => document.querySelector('.details h2')?.textContent.includes('Crimea'));
  assert.equal(await link.getAttribute('href'), `${site.url}#event=crimea-annexation-2014`);
  assert.equal(await page.evaluate(() => location.hash), '#event=crimea-annexation-2014');
  assert.equal(await page.evaluate(() => history.length), entries, 'no new history entry');

  // The link opens the full page on the same event.
  const [full] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await selected(full, 'crimea-annexation-2014');
  assert.ok(await full.$('.article-pane mark[aria-current="true"]'), 'the full page, its passage lit');
  assert.ok(await full.$('.toolbar'));
});

test('?embed with ?data=: the dataset, keyboard selection, and no storage written', async (t) => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  // Another page of the same origin hears every change to its storage.
  const other = await context.newPage();
  await other.goto(`${site.url}noscript.css`);
  await other.evaluate(() => {
    window.heard = [];
    addEventListener('storage', (e) => window.heard.push(e.key));
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${site.url}?data=${DATA}&embed`);
  await page.waitForSelector('#app[data-live] svg.timeline [data-event-id]');
  assert.equal(await page.textContent('h1'), synth(5).title);
  assert.ok(await page.$('.embed'));
  // The arrow keys move the selection along the timeline; focus and the passage follow.
  const first = await page.$eval('svg.timeline [data-event-id]', (g) => g.dataset.eventId);
  await page.focus(control(first));
  await page.keyboard.press('Enter');
  await selected(page, first);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((id) => {
    const on = document.querySelector('svg.timeline [aria-current="true"]');
    return on && on.dataset.eventId !== id && document.activeElement === on;
  }, first);
  const next = await page.$eval('svg.timeline [aria-current="true"]', (g) => g.dataset.eventId);
  await page.waitForFunction((id) => document.querySelector('.details h2')?.textContent.endsWith(`Event ${id.slice(1)}`), next);
  const href = await page.getAttribute('a:has-text("Open in Sourceline")', 'href');
  assert.equal(href, `${site.url}?data=${DATA}#event=${next}`);
  await painted(page);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing stored');
  assert.deepEqual(await other.evaluate(() => window.heard), [], 'no storage event');
  assert.deepEqual(errors, []);
});

test('the embed view shows the default, never the reader\'s stored article, and leaves it alone', async (t) => {
  const context = await site.browser.newContext({ viewport: { width: 800, height: 600 } });
  t.after(() => context.close());
  const other = await context.newPage();
  await other.goto(`${site.url}noscript.css`);
  const stored = JSON.stringify(synth(3));
  await other.evaluate(([key, value]) => {
    localStorage.setItem(key, value);
    window.heard = [];
    addEventListener('storage', (e) => window.heard.push(e.key));
  }, [KEY, stored]);
  const page = await context.newPage();
  await page.goto(`${site.url}embed.html`);
  await page.waitForSelector('#app[data-live] svg.timeline [data-event-id]');
  assert.equal(await page.textContent('h1'), SAMPLE_TITLE);
  await page.click(control('ukraine-independence-1991'));
  await selected(page, 'ukraine-independence-1991');
  await painted(page);
  assert.equal(await other.evaluate((key) => localStorage.getItem(key), KEY), stored, 'the stored article is as it was');
  assert.deepEqual(await other.evaluate(() => [localStorage.length, window.heard]), [1, []]);
});

test('_headers: only the embed page may be framed by any site; no rule adds a second policy to it', () => {
  const rules = headerRules(readFileSync(join(ROOT, '_headers'), 'utf8'));
  const at = (path) => headersFor(rules, path);
  const csp = (path) => at(path)['Content-Security-Policy'] ?? '';
  const one = (policy) => policy.split('default-src').length === 2;
  for (const path of ['/', '/index.html', '/worker.js']) {
    assert.ok(one(csp(path)), `${path}: one policy`);
    assert.match(csp(path), /; frame-ancestors 'self'; /, path);
  }
  for (const path of ['/embed.html', '/embed']) {
    assert.ok(one(csp(path)), `${path}: one policy, no other rule's added to it`);
    assert.match(csp(path), /; frame-ancestors \*; /, path);
    assert.equal(csp(path).replace('frame-ancestors *', "frame-ancestors 'self'"), csp('/'), 'otherwise the same policy');
  }
  for (const path of ['/', '/embed.html', '/worker.js', '/style.css']) {
    assert.equal(at(path)['X-Content-Type-Options'], 'nosniff', path);
    assert.equal(at(path)['Referrer-Policy'], 'no-referrer', path);
  }
  assert.equal(readFileSync(join(ROOT, 'embed.html'), 'utf8'), readFileSync(join(ROOT, 'index.html'), 'utf8'));
  // What the test server sends is what the rules say.
  assert.equal(site.headersFor('/embed.html')['Content-Security-Policy'], csp('/embed.html'));
});

test('Share: the link to this view, the embed snippet, copied; the snippet embeds on another site', async (t) => {
  const page = await open(t, `?data=${DATA}#event=e2`, { permissions: ['clipboard-read', 'clipboard-write'] });
  await selected(page, 'e2');
  const share = page.locator('.share summary');
  assert.equal(await share.getAttribute('class'), 'button');
  await share.click();
  assert.equal(await page.inputValue('#share-link'), `${site.url}?data=${DATA}#event=e2`);
  // The fields follow the selection while the panel is open.
  await page.evaluate(() => { location.hash = '#event=e3'; });
  await page.waitForFunction(() => document.querySelector('#share-link').value.endsWith('#event=e3'));
  const link = await page.inputValue('#share-link');
  const snippet = await page.inputValue('#share-embed');
  assert.match(snippet, /^<iframe src="[^"<>]+" title="Timeline: 5 synthetic events" width="100%" height="640" loading="lazy"><\/iframe>$/);
  const src = snippet.match(/src="([^"]*)"/)[1].replaceAll('&amp;', '&');
  assert.equal(src, `${site.url}embed.html?data=${DATA}#event=e3`);
  for (const [name, id] of [['Link to this view', '#share-link'], ['Embed code (iframe)', '#share-embed']]) {
    assert.equal(await page.$eval(id, (el) => el.labels[0].textContent), name);
    assert.equal(await page.$eval(id, (el) => el.readOnly), true);
  }

  // Copied to the clipboard, and said so in the live region.
  await page.click('button:has-text("Copy link")');
  await page.waitForFunction(() => document.querySelector('.share [role="status"]').textContent === 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await page.click('button:has-text("Copy embed code")');
  await page.waitForFunction((s) => navigator.clipboard.readText().then((x) => x === s), snippet);

  // Escape closes the panel and gives focus back to the Share button.
  await page.focus('#share-embed');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#share-embed', { state: 'hidden' });
  assert.ok(await page.evaluate(() => document.activeElement.matches('.share summary')));

  // The link, opened, selects the event.
  const linked = await site.newPage(t);
  await linked.goto(link);
  await selected(linked, 'e3');
  assert.equal(await linked.textContent('h1'), '5 synthetic events');

  // The snippet on a page of another site: the embed view loads in it, with the event, and
  // answers clicks and keys there. The full page in a frame there is refused.
  const fullUrl = `${site.url}?data=${DATA}`;
  writeFileSync(join(host.root, 'news.html'), `<!doctype html><title>News</title><h1>News</h1>${snippet}<iframe id="full" title="Full" src="${fullUrl}"></iframe>`);
  const news = await site.newPage(t);
  const refused = news.waitForEvent('requestfailed', (r) => r.url() === fullUrl);
  const said = news.waitForEvent('console', (m) => m.text().includes('violates the following Content Security Policy directive: "frame-ancestors \'self\'"'));
  await news.goto(`${host.url}news.html`);
  const frame = await (await news.$('iframe[src*="embed.html"]')).contentFrame();
  await selected(frame, 'e3');
  assert.ok(await frame.$('.embed'), 'the embed view');
  const entries = await news.evaluate(() => history.length);
  await frame.click(control('e1'));
  await selected(frame, 'e1');
  await frame.press(control('e1'), 'ArrowLeft');
  await frame.waitForFunction(() => document.querySelector('svg.timeline [aria-current="true"]')?.dataset.eventId !== 'e1');
  assert.equal(await news.evaluate(() => history.length), entries, 'the host page\'s history is its own');
  assert.match((await refused).failure().errorText, /BLOCKED_BY_RESPONSE/);
  await said;
  const full = await (await news.$('#full')).contentFrame();
  assert.equal(await full.$('#app'), null, 'the full page is not shown in another site\'s frame');
});

test('Share: where the clipboard cannot be written, the text is selected and the reader told', async (t) => {
  const page = await open(t, '', {
    watch: (p) => p.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })),
  });
  await page.click('.share summary');
  await page.click('button:has-text("Copy embed code")');
  await page.waitForFunction(() => /^Not copied: press Ctrl\+C/.test(document.querySelector('.share [role="status"]').textContent));
  const selection = await page.evaluate(() => {
    const f = document.activeElement;
    return [f.id, f.selectionStart, f.selectionEnd === f.value.length];
  });
  assert.deepEqual(selection, ['share-embed', 0, true]);
});
