// The release site under its own strict Content-Security-Policy (tests/csp.mjs writes it):
// served with the header from the build's `_headers`, every feature is used while the page
// reports every violation, and none may occur.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useSite } from './harness.mjs';
import { isData } from '../csp.mjs';

const ROOT = 'dist';
const ARTICLE = `BERLIN, March 3, 2008 — The wall fell in 1989, and the city was reunited.
Last year the city held elections. Since 2001 the population has grown steadily.
In the early 1990s the economy was weak, as it had been in 1989.`;

let dir;

before(() => { dir = mkdtempSync(join(tmpdir(), 'sourceline-csp-')); });
const site = useSite({ root: ROOT, prefix: '/csp/', headers: true });
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A fresh page at `path` that records every CSP violation (the event, from before the app
 * starts, across navigations) and every console error or page error; the test fails on any,
 * and on any inline style attribute left in the DOM.
 */
async function open(t, path = '', { expectViolations = false } = {}) {
  const violations = [];
  let page;
  let styled = [];
  // Registered before the page's own hooks (they run in order), so it sees the page still open.
  t.after(async () => {
    styled = await page?.$$eval('[style]', (els) => els.map((e) => e.outerHTML.slice(0, 80))).catch(() => []) ?? [];
  });
  page = await site.page(t, path, {
    acceptDownloads: true,
    wait: 'svg.timeline [data-event-id]',
    console: (m) => m.type() === 'error' || /Content.Security.Policy|Trusted Type/i.test(m.text()),
    check: !expectViolations,
    watch: async (p) => {
      await p.exposeBinding('reportCspViolation', (_, v) => violations.push(v));
      await p.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          window.reportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sample})`);
        });
      });
    },
  });
  t.after(() => {
    if (!expectViolations) assert.deepEqual(violations, [], 'no CSP violations');
    assert.deepEqual(styled, [], 'no inline style attributes');
  });
  return { page, violations };
}

const control = (id) => `svg.timeline [data-event-id="${id}"]`;
const selected = (page, id) => page.waitForSelector(`${control(id)}[aria-current="true"]`);
const labels = (page) => page.$$eval('svg.timeline [data-event-id]', (gs) => gs.map((g) => g.getAttribute('aria-label')));

test('the host header and the page carry the strict policy', () => {
  const csp = site.headers['Content-Security-Policy'];
  assert.match(csp, /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]{43}=')+; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' https:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; require-trusted-types-for 'script'$/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  assert.equal(site.headers['X-Content-Type-Options'], 'nosniff');
  const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
  // One hash per inline script that runs: the page's first script and Trunk's start-up
  // module (the sample's data, in JSON script elements, never runs).
  const inline = [...html.matchAll(/<script\b([^>]*)>/gi)].filter((m) => !/\bsrc=/i.test(m[1]) && !isData(m[1])).length;
  assert.equal(inline, 2);
  assert.equal(csp.match(/'sha256-/g).length, inline);
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
  assert.ok(meta, 'index.html has the policy as a meta');
  assert.ok(meta.index < html.indexOf('<script'), 'the meta comes before any script');
  // A <meta> cannot carry frame-ancestors; everything else is the same.
  assert.equal(meta[1], csp.replace("; frame-ancestors 'self'", ''));
});

test('the policy is enforced, and its violations are seen', async (t) => {
  const { page, violations } = await open(t, '', { expectViolations: true });
  const refused = await page.evaluate(() => {
    const out = [];
    try { new Worker('worker.js'); out.push('worker from a string'); } catch { /* Trusted Types */ }
    try { document.createElement('div').innerHTML = '<b>x</b>'; out.push('innerHTML'); } catch { /* Trusted Types */ }
    return out;
  });
  assert.deepEqual(refused, [], 'Trusted Types refuse plain strings');
  await page.evaluate(() => { new Image().src = 'http://127.0.0.2:9/x.png'; });
  // Violation events are queued: wait for the image's to arrive.
  for (let i = 0; i < 100 && !violations.some((v) => v.startsWith('img-src')); i++) await page.waitForTimeout(20);
  assert.ok(violations.some((v) => v.startsWith('img-src blocked http://127.0.0.2')), violations.join(' | '));
  assert.ok(violations.some((v) => v.startsWith('require-trusted-types-for')), violations.join(' | '));
});

test('select events by click and keyboard, click a passage, step back and forward', async (t) => {
  const { page } = await open(t);
  await page.click(control('ukraine-independence-1991'));
  await selected(page, 'ukraine-independence-1991');
  await page.click(control('bucharest-summit-2008'));
  await selected(page, 'bucharest-summit-2008');
  await page.click('mark[data-events="cyprus-buffer-zone-1974"]');
  await selected(page, 'cyprus-buffer-zone-1974');
  await page.focus(control('cyprus-buffer-zone-1974'));
  await page.keyboard.press('ArrowRight');
  await selected(page, 'ukraine-independence-1991');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.focus('mark[data-events="crimea-annexation-2014"]');
  await page.keyboard.press('Enter');
  await selected(page, 'crimea-annexation-2014');
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('[data-event-id="crimea-annexation-2014"][aria-current="true"]'));
  await page.goForward();
  await selected(page, 'crimea-annexation-2014');
});

test('the embed view runs under its own policy, framable by any site, without a violation', async (t) => {
  const csp = site.headersFor('/embed.html')['Content-Security-Policy'];
  assert.equal(csp, site.headers['Content-Security-Policy'].replace("frame-ancestors 'self'", 'frame-ancestors *'));
  const { page } = await open(t, 'embed.html#event=crimea-annexation-2014');
  await selected(page, 'crimea-annexation-2014');
  await page.click(control('bucharest-summit-2008'));
  await selected(page, 'bucharest-summit-2008');
});

test('a #event= link selects its event', async (t) => {
  const { page } = await open(t, '#event=crimea-annexation-2014');
  await selected(page, 'crimea-annexation-2014');
  assert.match(await page.textContent('.details'), /Russia annexes Crimea/);
});

test('paste, choose and drop articles; edit, export, import; back to the sample', async (t) => {
  const { page } = await open(t);
  await page.click('button:has-text("Open an article")');
  await page.fill('#article-text', ARTICLE);
  await page.fill('#article-title', 'Pasted');
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel', { state: 'detached' });
  assert.equal(await page.textContent('h1'), 'Pasted');
  // The editor: rename, redate, merge, delete.
  const id = await page.$eval('svg.timeline [aria-label^="2007 "]', (g) => g.dataset.eventId);
  await page.click(control(id));
  await page.click('summary:has-text("Edit this event")');
  await page.fill('#edit-headline', 'Elections in Berlin');
  await page.click('button:has-text("Rename")');
  await page.waitForSelector('svg.timeline [aria-label="2007 Elections in Berlin"]');
  await page.fill('#edit-start', '2006');
  await page.click('button:has-text("Save date")');
  await page.waitForSelector('svg.timeline [aria-label="2006 Elections in Berlin"]');
  const count = (await labels(page)).length;
  const into = await page.$eval('svg.timeline [aria-label^="1989 "]', (g) => g.dataset.eventId);
  await page.selectOption('#edit-merge', into);
  await page.click('button:has-text("Merge")');
  await page.waitForFunction((n) => document.querySelectorAll('svg.timeline [data-event-id]').length === n - 1, count);
  await page.click('summary:has-text("Edit this event")');
  await page.click('button:has-text("Delete this event")');
  await page.waitForFunction((n) => document.querySelectorAll('svg.timeline [data-event-id]').length === n - 2, count);
  // Export, then import after going back to the sample.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.menu summary').then(() => page.click('button:has-text("Export JSON")'))]);
  const exported = join(dir, 'export.json');
  await download.saveAs(exported);
  assert.equal(JSON.parse(readFileSync(exported, 'utf8')).title, 'Pasted');
  await page.click('button:has-text("Back to the default timeline")');
  await page.waitForSelector(control('bucharest-summit-2008'));
  await page.setInputFiles('#import-file', exported);
  await page.waitForFunction(() => document.querySelector('h1').textContent === 'Pasted');
  // An .html file, chosen and then dropped.
  const html = `<html><head><title>From a file</title></head><body><h1>From a file</h1><p>${ARTICLE}</p><script>alert(1)</script></body></html>`;
  writeFileSync(join(dir, 'news.html'), html);
  await page.click('button:has-text("Open an article")');
  await page.setInputFiles('#article-file', join(dir, 'news.html'));
  await page.waitForFunction(() => document.querySelector('#article-title').value === 'From a file');
  await page.fill('#article-text', '');
  await page.fill('#article-title', '');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.html', { type: 'text/html' }));
    document.querySelector('.drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, html.replace(/From a file/g, 'Dropped'));
  await page.waitForFunction(() => document.querySelector('#article-title').value === 'Dropped');
  await page.click('button:has-text("Build the timeline")');
  await page.waitForFunction(() => document.querySelector('h1').textContent === 'Dropped');
  assert.ok((await labels(page)).some((n) => n.startsWith('1989 ')));
  await page.click('button:has-text("Back to the default timeline")');
  await page.waitForSelector(control('bucharest-summit-2008'));
});

test('?article= and ?data= load from the same origin', async (t) => {
  const { synth } = await import('../bench/synth.mjs');
  writeFileSync(join(ROOT, 'csp-article.html'), `<html><head><title>Fetched</title></head><body><h1>Fetched news</h1><p>${ARTICLE}</p></body></html>`);
  writeFileSync(join(ROOT, 'csp-data.json'), JSON.stringify(synth(500)));
  t.after(() => ['csp-article.html', 'csp-data.json'].forEach((f) => rmSync(join(ROOT, f), { force: true })));
  const { page } = await open(t, '?article=csp-article.html');
  await page.waitForFunction(() => document.querySelector('h1').textContent === 'Fetched news');
  assert.ok((await labels(page)).some((n) => n.startsWith('1989 ')));
  await page.goto(`${site.url}?data=csp-data.json`);
  await page.waitForFunction(() => document.querySelector('h1').textContent === '500 synthetic events');
  await page.click('svg.timeline .bubble');
  await page.waitForSelector('.timeline-controls .note');
});

test('zoom and pan by buttons, wheel, drag and keys; the overview brush; the reading-order view', async (t) => {
  const { page } = await open(t);
  const ticks = () => page.$$eval('svg.timeline .tick text', (ts) => ts.map((x) => x.textContent).join(' '));
  const fitted = await ticks();
  await page.click('button[aria-label="Zoom in"]');
  await page.waitForFunction((f) => [...document.querySelectorAll('svg.timeline .tick text')].map((x) => x.textContent).join(' ') !== f, fitted);
  await page.click('button[aria-label="Zoom out"]');
  await page.click('button[aria-label="Fit everything"]');
  const box = await page.$eval('.timeline-surface', (el) => { const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + 30 }; });
  await page.mouse.move(box.x, box.y);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -200);
  await page.mouse.down();
  await page.mouse.move(box.x - 150, box.y, { steps: 5 });
  await page.mouse.up();
  await page.focus('.timeline-surface');
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('0');
  await page.waitForFunction((f) => [...document.querySelectorAll('svg.timeline .tick text')].map((x) => x.textContent).join(' ') === f, fitted);
  const toggle = 'svg.timeline .band-toggle[aria-label^="Russia’s diplomats"]';
  await page.click(toggle);
  await page.waitForSelector(control('lavrov-at-the-un'), { state: 'detached' });
  await page.click(toggle);
  await page.waitForSelector(control('lavrov-at-the-un'));
  // The overview's brush: dragged, pressed beside, moved by keys.
  await page.click('button[aria-label="Zoom in"]');
  const brush = await page.$eval('svg.overview .brush', (b) => { const r = b.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; });
  await page.mouse.move(brush.x, brush.y);
  await page.mouse.down();
  await page.mouse.move(brush.x + 60, brush.y, { steps: 4 });
  await page.mouse.up();
  await page.mouse.click(brush.x - 200, brush.y);
  await page.focus('svg.overview .brush');
  await page.keyboard.press('End');
  // The reading-order view: a dot selects its event, the keys walk the mentions.
  await page.click('.view-switch button:has-text("Reading order")');
  await page.click('svg.reading-plot .dot[data-event-id="bucharest-summit-2008"]');
  await page.waitForSelector('svg.reading-plot .dot[aria-current="true"]');
  await page.focus('svg.reading-plot .dot[aria-current="true"]');
  await page.keyboard.press('ArrowDown');
  await page.click('.view-switch button:has-text("Timeline")');
  await page.waitForSelector('svg.overview');
});

test('a large article is tagged in the worker, with progress', async (t) => {
  const { page } = await open(t);
  const para = 'In 1994 the treaty was signed, and on March 3, 2008 it was renewed. ';
  // The worker starts as the panel opens, to have the tagger ready.
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.click('button:has-text("Open an article")');
  await page.$eval('#article-text', (el, v) => { el.value = v; }, para.repeat(Math.ceil(260_000 / para.length)));
  // The progress bar shows while the worker tags; a busy machine may take it away again
  // between two polls, so its coming is recorded as it happens, and checked after.
  await page.evaluate(() => {
    window.sawProgress = false;
    const seen = new MutationObserver(() => {
      if (document.querySelector('.open-panel progress')) window.sawProgress = true;
    });
    seen.observe(document.body, { childList: true, subtree: true });
  });
  await page.click('button:has-text("Build the timeline")');
  await page.waitForSelector('.open-panel', { state: 'detached', timeout: 60_000 });
  assert.ok(await page.evaluate(() => window.sawProgress), 'a progress bar showed');
  assert.ok(workers.some((u) => u.endsWith('/csp/worker.js')), 'tagged in a worker');
  assert.ok((await labels(page)).some((n) => n.startsWith('1994 ')), 'the worker built the timeline');
});
