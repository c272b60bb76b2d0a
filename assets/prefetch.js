// The full app's `?data=` and `?article=` files are fetched here, inline in the page's head
// (the Makefile puts this file there), while the app's wasm is still downloading and
// compiling: the app then takes the response already on its way (see `fetch_bytes` in
// src/components/dom.rs) instead of asking only after its first render.
(() => {
  const query = new URLSearchParams(location.search);
  const early = new Map();
  for (const name of ['data', 'article']) {
    const url = query.get(name);
    if (!url || !url.trim() || early.has(url)) continue;
    const response = fetch(url);
    // Handled here so that a failure is never reported as unhandled; the app still sees it
    // when it awaits the same promise, and words the message itself.
    response.catch(() => {});
    early.set(url, response);
  }
  if (early.size) self.sourcelinePrefetched = early;
})();
