// Builds a timeline for a large article off the main thread, with the app's own wasm module
// (already in the browser's cache), so the page never freezes. The page sends the module's
// URLs and the article; the worker answers with progress, then the timeline as JSON.
self.onmessage = async ({ data }) => {
  try {
    const app = await import(data.module);
    await app.default({ module_or_path: data.wasm });
    self.postMessage({ progress: 0.05 });
    const json = app.sourceline_extract(data.title, data.text, data.reference, (done) => {
      self.postMessage({ progress: 0.05 + 0.9 * done });
    });
    self.postMessage({ progress: 1 });
    self.postMessage({ json });
  } catch (e) {
    self.postMessage({ error: String(e) });
  }
};
