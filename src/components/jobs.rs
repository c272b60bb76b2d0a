//! Turning a reader's article into a timeline: at once for ordinary articles, in a web worker
//! with progress for large ones, so that the page never freezes.

use crate::components::dom;
use crate::core::extract::extract;
use crate::core::model::Timeline;
use chrono::NaiveDate;
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
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

// The site's Content-Security-Policy requires Trusted Types for scripts: `new Worker(url)`
// refuses a plain string and takes a TrustedScriptURL from a policy. web-sys has neither the
// Trusted Types API nor a Worker constructor that takes one, hence these bindings.
#[wasm_bindgen]
extern "C" {
    type TrustedTypePolicyFactory;
    type TrustedTypePolicy;

    #[wasm_bindgen(method, catch, js_name = createPolicy)]
    fn create_policy(
        this: &TrustedTypePolicyFactory,
        name: &str,
        rules: &js_sys::Object,
    ) -> Result<TrustedTypePolicy, JsValue>;

    #[wasm_bindgen(method, catch, js_name = createScriptURL)]
    fn create_script_url(this: &TrustedTypePolicy, url: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(extends = web_sys::Worker, js_name = Worker)]
    type TrustedWorker;

    #[wasm_bindgen(catch, constructor, js_class = "Worker")]
    fn new(url: &JsValue, options: &web_sys::WorkerOptions) -> Result<TrustedWorker, JsValue>;
}

type UrlCheck = Closure<dyn Fn(String) -> Result<String, JsValue>>;

thread_local! {
    // Made once per page, as the browser may keep calling a policy's check as long as the page
    // lives; the check is kept with it.
    static POLICY: RefCell<Option<(TrustedTypePolicy, UrlCheck)>> = const { RefCell::new(None) };
}

/// The absolute URL of the worker script, next to the page.
fn worker_url() -> Option<String> {
    let base = gloo::utils::document().base_uri().ok()??;
    web_sys::Url::new_with_base("worker.js", &base).ok().map(|u| u.href())
}

/// The worker script's URL as a TrustedScriptURL from a policy that accepts that one URL and
/// nothing else, or as a plain string in browsers without Trusted Types.
fn worker_script_url() -> Option<JsValue> {
    let url = worker_url()?;
    let window = gloo::utils::window();
    let factory = js_sys::Reflect::get(&window, &JsValue::from_str("trustedTypes")).ok()?;
    if factory.is_undefined() || factory.is_null() {
        return Some(JsValue::from_str(&url));
    }
    POLICY.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            let check = UrlCheck::new(|asked: String| match worker_url() {
                Some(ours) if ours == asked => Ok(asked),
                _ => Err(JsValue::from_str("Sourceline starts no script but its worker.")),
            });
            let rules = js_sys::Object::new();
            js_sys::Reflect::set(&rules, &JsValue::from_str("createScriptURL"), check.as_ref())
                .ok()?;
            let factory: TrustedTypePolicyFactory = factory.unchecked_into();
            let policy = factory.create_policy("sourceline-worker", &rules).ok()?;
            *slot = Some((policy, check));
        }
        slot.as_ref()?.0.create_script_url(&url).ok()
    })
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
    let failed = || "The browser could not start a worker.".to_string();
    let script = worker_script_url().ok_or_else(failed)?;
    let worker: web_sys::Worker = TrustedWorker::new(&script, &opts).map_err(|_| failed())?.into();
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
