// A tiny static server for dist/, mounted under a sub-path so tests prove that the site works
// away from the host's root. Used by the browser tests and by `make serve-dist`.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves `root` at `prefix` (which starts and ends with "/") on 127.0.0.1.
 * Resolves to { server, url } once listening; `port` 0 picks a free port. With `gzip`, bodies
 * are compressed for clients that accept it, as real hosts do (the audit's timings need it).
 * `headers` are sent with every response: an object, or a function from the path below
 * `prefix` (from "/", as at a host's root) to an object (see `siteHeaders`).
 */
export function serve({ root, prefix = '/', port = 0, headers = {}, gzip = false }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = normalize(join(base, path.slice(prefix.length)));
    if (!file.startsWith(base)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      const type = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      const zip = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      if (zip) body = gzipSync(body);
      const extra = typeof headers === 'function' ? headers(`/${path.slice(prefix.length)}`) : headers;
      res.writeHead(200, { ...type, ...(zip && { 'content-encoding': 'gzip', vary: 'accept-encoding' }), ...extra });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => {
    ok({ server, url: `http://127.0.0.1:${server.address().port}${prefix}` });
  }));
}

/** The rules of a `_headers` file (Netlify / Cloudflare Pages format): `[{ path, headers }]`. */
export function headerRules(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: [] });
    else if (rules.length && line.includes(':')) {
      const at = line.indexOf(':');
      rules.at(-1).headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/**
 * What a host that reads `_headers` sends for `path` (from the site's root, without the
 * query): the headers of every rule whose path matches it (exactly, or up to a trailing `*`),
 * a header that several rules give sent once with their values joined by ", " (so two
 * Content-Security-Policy values are two policies, both enforced), as Netlify and Cloudflare
 * Pages do.
 */
export function headersFor(rules, path) {
  const out = {};
  for (const rule of rules) {
    const match = rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path;
    if (!match) continue;
    for (const [name, value] of rule.headers) out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

/**
 * The headers that the build's `_headers` file (written by tests/csp.mjs) makes a host send,
 * as a function of the path (see `headersFor`), so that tests see what a real host sends.
 * A build made without the policy step has none: it is served without extra headers.
 */
export function siteHeaders(root) {
  const file = join(root, '_headers');
  const rules = existsSync(file) ? headerRules(readFileSync(file, 'utf8')) : [];
  return (path) => headersFor(rules, path);
}

// `node tests/browser/server.mjs [dir] [port] [prefix]` serves until stopped.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', port = '8090', prefix = '/'] = process.argv.slice(2);
  const { url } = await serve({ root, prefix, port: Number(port) });
  console.log(`Serving ${root} at ${url}`);
}
