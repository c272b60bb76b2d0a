//! Turning a reader's article into a timeline: at once for ordinary articles, in a web worker
//! with progress for large ones, so that the page never freezes.

use crate::components::dom;
use crate::core::extract::extract;
use crate::core::model::Timeline;
use chrono::NaiveDate;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// An article to build a timeline from.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// Its title.
    pub title: String,
    /// Its plain text.
    pub text: String,
    /// The date relative expressions count from.
    pub reference: Option<NaiveDate>,
}

impl Request {
    /// Builds the timeline here and now.
    pub fn run(&self) -> Timeline {
        extract(&self.title, &self.text, self.reference)
    }
}

/// A title for an article that has none: its first line, shortened.
pub fn title_from(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("Untitled article");
    match line.char_indices().nth(100) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_string(),
    }
}

/// A running worker. Dropping it stops the worker and its message handler.
pub struct WorkerJob {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for WorkerJob {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn field(v: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Starts building the timeline in a worker (`worker.js`, which loads this same wasm module),
/// reporting progress from 0 to 1 and then the timeline or an error.
pub fn start_worker(
    req: &Request,
    on_progress: Callback<f64>,
    on_done: Callback<Result<Timeline, String>>,
) -> Result<WorkerJob, String> {
    let (module, wasm) = dom::module_urls().ok_or("The app's module could not be found.")?;
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options("./worker.js", &opts)
        .map_err(|_| "The browser could not start a worker.".to_string())?;
    let w = worker.clone();
    let done = on_done.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            if let Some(p) = field(&data, "progress").as_f64() {
                on_progress.emit(p);
            } else if let Some(json) = field(&data, "json").as_string() {
                w.terminate();
                done.emit(Timeline::import(&json).map_err(|e| e.to_string()));
            } else {
                w.terminate();
                let why = field(&data, "error").as_string().unwrap_or_default();
                done.emit(Err(format!("Tagging failed in the worker. {why}")));
            }
        });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        on_done.emit(Err("The worker stopped with an error.".into()));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let msg = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&msg, &JsValue::from_str(k), v);
    };
    set("module", &JsValue::from_str(&module));
    set("wasm", &JsValue::from_str(&wasm));
    set("title", &JsValue::from_str(&req.title));
    set("text", &JsValue::from_str(&req.text));
    let reference = req.reference.map(crate::core::date::iso).unwrap_or_default();
    set("reference", &JsValue::from_str(&reference));
    worker
        .post_message(&msg)
        .map_err(|_| "The article could not be sent to the worker.".to_string())?;
    Ok(WorkerJob { worker, _on_message: on_message, _on_error: on_error })
}

#[cfg(test)]
mod tests {
    use super::title_from;

    #[test]
    fn titles_come_from_the_first_line() {
        assert_eq!(title_from("\n  Big news \nbody"), "Big news");
        assert_eq!(title_from(""), "Untitled article");
        let long = "x".repeat(150);
        assert_eq!(title_from(&long).chars().count(), 101);
    }
}
