// The tagging worker. It loads the tagger's own wasm (tagger.js and tagger_bg.wasm, built by
// Trunk from src/bin/tagger.rs, next to this file) as soon as the page starts it, when the
// reader opens an article, and then answers the page's requests in turn: an article read
// from a file's bytes or pasted text (HTML and Markdown become text), a timeline built from
// an article, with progress, or an article's dateline. See src/components/jobs.rs.
const ready = import('./tagger.js').then(async (tagger) => {
  await tagger.default({ module_or_path: new URL('./tagger_bg.wasm', import.meta.url) });
  return tagger;
});
// Reported to whoever asks; not as an unhandled rejection before anyone has.
ready.catch(() => {});

self.onmessage = async ({ data }) => {
  const { id } = data;
  try {
    const tagger = await ready;
    if (data.kind === 'read') {
      const [title, text] = tagger.sourceline_read(data.bytes, data.name);
      self.postMessage({ id, text, notes: title ?? '' });
      return;
    }
    if (data.kind === 'dateline') {
      self.postMessage({ id, text: tagger.sourceline_dateline(data.text) });
      return;
    }
    self.postMessage({ id, progress: 0.05 });
    const json = tagger.sourceline_extract(data.title, data.text, data.reference, (done) => {
      self.postMessage({ id, progress: 0.05 + 0.9 * done });
    });
    self.postMessage({ id, progress: 1 });
    self.postMessage({ id, json });
  } catch (e) {
    self.postMessage({ id, error: String(e) });
  }
};
