// What the tagger's benches share: the TimeML corpus's texts, and a page with the tagging
// worker's own wasm module in it.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The .tml files below `dir`, in name order. */
function files(dir) {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.tml') ? [p] : [];
  });
}

/** Each document's <TEXT> with its tags stripped, as `timeml bench` reads them, in order. */
export function documentTexts(dir) {
  return files(dir).map((f) => (readFileSync(f, 'utf8').match(/<TEXT>([\s\S]*?)<\/TEXT>/) ?? ['', ''])[1].replace(/<[^>]*>/g, ''));
}

/**
 * A page of `browser` on the site served at `url` with the tagger's own wasm module
 * (wasm-bindgen, --target web), as the tagging worker loads it, as `window.tagger`: an empty
 * page of the same origin, so the app itself does not run alongside.
 */
export async function taggerPage(browser, url) {
  const page = await browser.newPage();
  await page.route(`${url}bench.html`, (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
  await page.goto(`${url}bench.html`);
  await page.evaluate(async () => {
    const tagger = await import('./tagger.js');
    await tagger.default({ module_or_path: './tagger_bg.wasm' });
    window.tagger = tagger;
  });
  return page;
}
