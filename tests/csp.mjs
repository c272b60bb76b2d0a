// Writes the site's Content-Security-Policy into a Trunk build: as a <meta http-equiv> early in
// index.html and as a `_headers` file (Netlify / Cloudflare Pages format). Trunk inlines one
// module script that starts the wasm; the policy allows exactly that script by its sha256, so
// no 'unsafe-inline' is needed. It also writes `embed.html`, the page again under the name that
// any site may frame (the app shows its embed view there). Run after every build:
// `node tests/csp.mjs dist`.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The policy, with the hashes of the page's inline scripts. Browsers ignore frame-ancestors in
 * a <meta> (Chromium logs an error for it), so the meta's copy leaves it to the header. Only
 * the embed page (`framed`) may be framed by any site; the rest only by the site itself.
 */
export function policy(hashes, { meta = false, framed = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.map((h) => `'sha256-${h}'`).join(' ')}`,
    "style-src 'self'",
    // blob: for "PNG image": the timeline's SVG is drawn into a canvas from a blob: URL.
    "img-src 'self' data: blob:",
    // `?article=` and `?data=` may fetch from any HTTPS server that allows it (CORS).
    "connect-src 'self' https:",
    "object-src 'none'",
    "base-uri 'none'",
    ...(meta ? [] : [`frame-ancestors ${framed ? '*' : "'self'"}`]),
    "require-trusted-types-for 'script'",
  ].join('; ');
}

/** True for a script element's attributes that make it data, never run (JSON). */
export const isData = (attrs) => /\btype\s*=\s*["']?application\/json/i.test(attrs);

/** The base64 sha256 of every inline script's text, exactly as written in `html`: the ones
 * that run (the page's data blocks, `application/json`, never do). */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(attrs) || isData(attrs)) continue;
    hashes.push(createHash('sha256').update(body, 'utf8').digest('base64'));
  }
  return hashes;
}

const META = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/g;

/** `html` with the policy as its first element after the charset (again, if run twice). */
export function withMeta(html, csp) {
  const clean = html.replace(META, '');
  const charset = clean.match(/<meta charset=["']?utf-8["']?\s*\/?>/i);
  if (!charset) throw new Error('index.html has no <meta charset=utf-8> to put the policy after');
  const at = charset.index + charset[0].length;
  return `${clean.slice(0, at)}<meta http-equiv="Content-Security-Policy" content="${csp}">${clean.slice(at)}`;
}

/** The paths of the documents that run the app's code, and of the embed page (a host that
 * drops `.html` serves `embed.html` as `embed`). */
export const DOCUMENTS = ['/', '/index.html', '/index', '/worker.js'];
export const EMBEDS = ['/embed.html', '/embed'];

/**
 * The `_headers` file: the policy (frame-ancestors only works as a header) and a few more.
 * Hosts match its rules by path (never the query), and every rule that matches adds its
 * headers, two policies then both applying: so the few headers every file gets are under
 * `/*`, and the policy is given path by path, `csp` for the app's documents, `embedCsp` (the
 * same but framable by any site) for the embed page.
 */
export function headersFile(csp, embedCsp) {
  const rule = (path, value) => [path, `  Content-Security-Policy: ${value}`];
  return [
    '/*',
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '  Cross-Origin-Opener-Policy: same-origin',
    ...DOCUMENTS.flatMap((p) => rule(p, csp)),
    ...EMBEDS.flatMap((p) => rule(p, embedCsp)),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist';
  const index = join(dir, 'index.html');
  const html = readFileSync(index, 'utf8');
  const hashes = inlineScriptHashes(html);
  if (hashes.length === 0) throw new Error(`${index} has no inline script: has Trunk changed?`);
  const page = withMeta(html, policy(hashes, { meta: true }));
  writeFileSync(index, page);
  writeFileSync(join(dir, 'embed.html'), page);
  writeFileSync(join(dir, '_headers'), headersFile(policy(hashes), policy(hashes, { framed: true })));
  console.log(`${dir}: Content-Security-Policy for ${hashes.length} inline script(s) in index.html, embed.html and _headers`);
}
