//! The tagging worker's own wasm: the temporal tagger and event extraction, which the page
//! loads only when the reader opens an article (see `assets/worker.js` and
//! `components::jobs`). Kept apart from the app's wasm so that the first load carries none of
//! the tagger's rules and word lists, nor the readers of HTML and Markdown articles, nor the
//! import and export of other timeline formats (`core::exchange`).

fn main() {}

#[cfg(target_arch = "wasm32")]
mod exports {
    use sourceline::core::model::Timeline;
    use sourceline::core::{actors, date, exchange, extract, input, merge, tagger};
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_bindgen::JsValue;

    /// Builds a timeline from an article and returns it as the project's JSON (with the
    /// text), its events with the actors their passages name. `reference` is an ISO date or
    /// empty; `base`, when not empty, is a timeline (the project's JSON with its text) that
    /// the article is added to as one more source, its events merged with the same
    /// happenings there (`core::merge`); `progress` is called with the fraction done, from 0
    /// to 1. Throws why a base could not be read, leaving the caller's timeline as it was.
    #[wasm_bindgen]
    pub fn sourceline_extract(
        title: &str,
        text: &str,
        reference: &str,
        base: &str,
        edit: &str,
        progress: &js_sys::Function,
    ) -> Result<String, JsValue> {
        let base = if base.is_empty() {
            None
        } else {
            let b = Timeline::import(base).map_err(|e| JsValue::from_str(&e.to_string()))?;
            Some(b)
        };
        // An edit of the base timeline rather than an article.
        if let (Some(b), false) = (&base, edit.is_empty()) {
            return b.edited(edit).map(|t| t.export_compact()).map_err(|e| JsValue::from_str(&e));
        }
        let reference = date::parse_iso(reference);
        let title = if title.is_empty() { input::title_from(text) } else { title.to_string() };
        let title = title.as_str();
        let report = |p: f64| {
            let _ = progress.call1(&JsValue::NULL, &JsValue::from_f64(p));
        };
        let t = extract::extract_with_progress(title, text, reference, &mut |p| report(p * 0.8));
        // The actors each event's passages name, people resolved over the whole article.
        let t = actors::with_actors(&t);
        let t = match &base {
            Some(b) => merge::add(b, &t),
            None => t,
        };
        report(0.9);
        let json = t.export_compact();
        report(1.0);
        Ok(json)
    }

    /// Reads a file's or a fetch's bytes (or pasted text) as an article: `[title or null,
    /// text]`, or throws why it was refused. HTML and Markdown become plain text.
    #[wasm_bindgen]
    pub fn sourceline_read(bytes: &[u8], name: &str) -> Result<js_sys::Array, JsValue> {
        let a = input::read(bytes, name).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let title = a.title.map_or(JsValue::NULL, |t| JsValue::from_str(&t));
        Ok(js_sys::Array::of2(&title, &JsValue::from_str(&a.text)))
    }

    /// Reads a timeline file's bytes: the project's own JSON, TimelineJS JSON or a TimelineJS
    /// sheet saved as CSV, told apart by content (`name` only titles a timeline without one).
    /// Returns `[json, notes]`: the dataset with its text, compact, and what was skipped or
    /// left out, as strings; or throws why nothing could be read.
    #[wasm_bindgen]
    pub fn sourceline_import(bytes: &[u8], name: &str) -> Result<js_sys::Array, JsValue> {
        let imported = exchange::import(bytes, name).map_err(|e| JsValue::from_str(&e))?;
        Ok(js_sys::Array::of2(&JsValue::from_str(&imported.json), &strings(&imported.notes)))
    }

    /// Writes a dataset (the project's JSON with its text, as `Timeline::export` gives it) in
    /// `format`: "timelinejs-json", "timelinejs-csv" or "sourceline". Returns `[text, notes]`,
    /// the notes saying what the file leaves out (undated items …); or throws why not.
    #[wasm_bindgen]
    pub fn sourceline_export(
        json: &str,
        format: &str,
        today: &str,
    ) -> Result<js_sys::Array, JsValue> {
        let today = date::parse_iso(today);
        let exported =
            exchange::export_on(json, format, today).map_err(|e| JsValue::from_str(&e))?;
        Ok(js_sys::Array::of2(&JsValue::from_str(&exported.text), &strings(&exported.notes)))
    }

    /// The timeline's drawing, serialized by the page (`markup`), as a self-contained SVG file
    /// titled `title`, with the app's styles for it inlined (`core::svg`).
    #[wasm_bindgen]
    pub fn sourceline_svg(markup: &str, title: &str) -> String {
        sourceline::core::svg::standalone(markup, title, include_str!("../../assets/style.css"))
    }

    /// A JS array of strings.
    fn strings(items: &[String]) -> js_sys::Array {
        items.iter().map(|s| JsValue::from_str(s)).collect()
    }

    /// The article's own date, from its dateline, as an ISO date, or empty.
    #[wasm_bindgen]
    pub fn sourceline_dateline(text: &str) -> String {
        input::dateline(text).map(date::iso).unwrap_or_default()
    }

    /// Tags `text` (reference date 1998-01-08, as the native benchmark) and returns how many
    /// expressions it found: what the in-browser tagging benchmark times.
    #[wasm_bindgen]
    pub fn sourceline_tag_count(text: &str) -> u32 {
        tagger::tag(text, chrono::NaiveDate::from_ymd_opt(1998, 1, 8)).len() as u32
    }

    /// The whole extraction of `text` (dates, events, headlines, actors) with the same
    /// reference date, returning how many events it made: the in-browser extraction benchmark.
    #[wasm_bindgen]
    pub fn sourceline_timeline_count(text: &str) -> u32 {
        let t = extract::extract("bench", text, chrono::NaiveDate::from_ymd_opt(1998, 1, 8));
        actors::with_actors(&t).events.len() as u32
    }
}
