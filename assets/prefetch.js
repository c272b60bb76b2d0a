// The full app's `?data=` and `?article=` files are fetched here, inline in the page's head
// (the Makefile puts this file there), while the app's wasm is still downloading and
// compiling: the app then takes the request already on its way (see `fetch_bytes` in
// src/components/dom.rs) instead of asking only after its first render. The body is read
// here too, as it arrives, and a body read in full is also kept by URL in `ready`, so that
// the app can start straight with a dataset that is already in, without a stand-in first.
(() => {
  const query = new URLSearchParams(location.search);
  const early = new Map();
  const ready = new Map();
  for (const name of ['data', 'article']) {
    const url = query.get(name);
    if (!url || !url.trim() || early.has(url)) continue;
    // Resolves to the body (an ArrayBuffer) or, when the server refused or the body broke
    // off, to the Response itself: the app words the message from it.
    const got = fetch(url).then((r) => (r.ok
      ? r.arrayBuffer().then((body) => { ready.set(url, body); return body; }, () => r)
      : r));
    // Handled here so that a failure is never reported as unhandled; the app still sees it
    // when it awaits the same promise.
    got.catch(() => {});
    early.set(url, got);
  }
  if (early.size) {
    self.sourcelinePrefetched = early;
    self.sourcelineReady = ready;
  }
})();
