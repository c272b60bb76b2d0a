// The setup every browser test file shares: a build served at a sub-path, one Chromium for the
// file, and fresh pages that fail their test on uncaught errors.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, siteHeaders } from './server.mjs';
import { launch } from './chromium.mjs';

const VIEWPORT = { width: 1280, height: 900 };

/**
 * Serves the build at `root` under `prefix` (with `headers`, the build's own `_headers`, as a
 * host sends them) and launches Chromium, before the file's tests; closes both after them.
 * Returns the site: `url`, `browser`, `headers` (those of the page, `/`) and `headersFor(path)`
 * (set once the tests start), and `page` and `newPage`, which open fresh pages that close when
 * their test ends.
 */
export function useSite({ root, prefix, headers = false }) {
  const site = {
    server: undefined,
    url: undefined,
    browser: undefined,
    headers: {},
    headersFor: () => ({}),

    /**
     * A fresh page in a context of its own (`options` for `browser.newContext`, 1280 × 900 by
     * default), not loaded and not watched; the context closes when `t` ends.
     */
    async newPage(t, options = {}) {
      const context = await site.browser.newContext({ viewport: VIEWPORT, ...options });
      t.after(() => context.close());
      return context.newPage();
    },

    /**
     * A fresh page (as `newPage`) at `url + path`, once `wait` shows in the app itself (the
     * page holds a prerendered copy of the first view before the app takes over: `#app`
     * then gets `data-live`). When `t` ends, the test
     * fails on any uncaught page error, and on any console message that `console` picks;
     * `check: false` only collects them. `watch(page)` runs before the page loads.
     */
    async page(t, path = '', { wait = 'svg.timeline', console: picks = () => false, check = true, watch, ...options } = {}) {
      const page = await site.newPage(t, options);
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => picks(m) && errors.push(m.text()));
      // Registered after the context's close, so it runs once every event is in.
      if (check) t.after(() => assert.deepEqual(errors, [], 'no errors in the page'));
      await watch?.(page);
      await page.goto(site.url + path);
      await page.waitForSelector(`#app[data-live] ${wait}`);
      return page;
    },
  };

  before(async () => {
    if (headers) site.headersFor = siteHeaders(root);
    site.headers = site.headersFor('/');
    ({ server: site.server, url: site.url } = await serve({ root, prefix, headers: site.headersFor }));
    site.browser = await launch();
  });

  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });

  return site;
}
