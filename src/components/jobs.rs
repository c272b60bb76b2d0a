//! Turning a reader's article into a timeline in the tagging worker: a web worker with the
//! tagger in a wasm of its own (`src/bin/tagger.rs`, loaded by `assets/worker.js`), which the
//! page starts only when the reader opens an article. Every text is tagged there, large or
//! small, so the page never blocks and its own wasm carries none of the tagger.

use crate::core::date::Day;
/// A title for an article that has none (see `core::input`).
pub use crate::core::input::title_from;
use crate::core::input::Article;
use crate::core::model::Timeline;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// How a failure in the worker's tagging begins.
pub const FAILED: &str = "Tagging failed in the worker. ";

/// An article to build a timeline from.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// Its title.
    pub title: String,
    /// Its plain text.
    pub text: String,
    /// The date relative expressions count from.
    pub reference: Option<Day>,
    /// Whether to add the article to the current timeline as one more source, rather than
    /// build a timeline of its own.
    pub add: bool,
    /// Or, with `add` and no article, an edit of the current timeline made in the worker
    /// (its code stays off the first load): `split <event id>` or `remove <source id>`.
    pub edit: String,
}

impl Request {
    /// The request for `edit` ([`Request::edit`]) of the current timeline.
    pub fn edit(edit: String) -> Request {
        Request { title: String::new(), text: String::new(), reference: None, add: true, edit }
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

/// What the page waits for from the worker, by request number.
enum Reply {
    /// A timeline: progress from 0 to 1, then the timeline or an error.
    Timeline(Callback<f64>, Callback<Result<Timeline, String>>),
    /// Text and a note, or why there is none: a converted file (an import as the project's
    /// JSON, an export in another format) and the notes about it; an article read from bytes
    /// and its title; an article's dateline. (One kind of answer for all three: each kind
    /// adds its own code to the first load.)
    Text(Callback<Result<(String, String), String>>),
}

/// The requests waiting for an answer, by number: a few at most, so a list (a map would add
/// its own code to the first load).
type Pending = Rc<RefCell<Vec<(u32, Reply)>>>;

/// The running tagging worker. Requests are answered in turn; dropping it stops the worker
/// and drops its handlers.
pub struct Tagger {
    worker: web_sys::Worker,
    pending: Pending,
    next: Cell<u32>,
    broken: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Tagger {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl Tagger {
    /// Starts the worker, which fetches and compiles the tagger's wasm at once, so that it is
    /// ready by the time the reader has chosen an article.
    pub fn start() -> Result<Tagger, String> {
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        let failed = || "The browser could not start the tagging worker.".to_string();
        let script = worker_script_url().ok_or_else(failed)?;
        let worker: web_sys::Worker =
            TrustedWorker::new(&script, &opts).map_err(|_| failed())?.into();
        let pending: Pending = Rc::default();
        let broken = Rc::new(Cell::new(false));
        let on_message = {
            let pending = pending.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let Some(id) = field(&data, "id").as_f64().map(|n| n as u32) else { return };
                answer(&pending, id, &data);
            })
        };
        let on_error = {
            let (pending, broken) = (pending.clone(), broken.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                broken.set(true);
                // Taken out first: a callback may start a new request.
                let waiting: Vec<Reply> = pending.borrow_mut().drain(..).map(|(_, r)| r).collect();
                for reply in waiting {
                    match reply {
                        Reply::Timeline(_, done) => {
                            done.emit(Err("The tagging worker stopped with an error.".into()))
                        }
                        Reply::Text(done) => {
                            done.emit(Err("The tagging worker stopped with an error.".into()))
                        }
                    }
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Tagger {
            worker,
            pending,
            next: Cell::new(0),
            broken,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// False once the worker has failed: a new one must be started.
    pub fn usable(&self) -> bool {
        !self.broken.get()
    }

    /// Sends `fields` as request `kind`, to be answered through `reply`.
    fn send(&self, kind: &str, fields: &[(&str, JsValue)], reply: Reply) {
        let id = self.next.get().wrapping_add(1);
        self.next.set(id);
        let msg = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = js_sys::Reflect::set(&msg, &JsValue::from_str(k), v);
        };
        set("id", &JsValue::from(id));
        set("kind", &JsValue::from_str(kind));
        for (k, v) in fields {
            set(k, v);
        }
        self.pending.borrow_mut().push((id, reply));
        if self.worker.post_message(&msg).is_err() {
            let data = js_sys::Object::new();
            let why = JsValue::from_str("The article could not be sent to the tagging worker.");
            let _ = js_sys::Reflect::set(&data, &JsValue::from_str("error"), &why);
            answer(&self.pending, id, &data);
        }
    }

    /// Builds the timeline of `req`, reporting progress from 0 to 1, then the timeline or an
    /// error.
    /// `base` is the timeline to add the article to (its compact export), or empty.
    pub fn extract(
        &self,
        req: &Request,
        base: &str,
        on_progress: Callback<f64>,
        on_done: Callback<Result<Timeline, String>>,
    ) {
        let reference = req.reference.map(Day::iso).unwrap_or_default();
        let fields = [
            ("title", JsValue::from_str(&req.title)),
            ("text", JsValue::from_str(&req.text)),
            ("reference", JsValue::from_str(&reference)),
            ("base", JsValue::from_str(base)),
            ("edit", JsValue::from_str(&req.edit)),
        ];
        self.send("extract", &fields, Reply::Timeline(on_progress, on_done));
    }

    /// Builds one timeline of several fetched articles (`?article=` repeated), each file's
    /// bytes and name: the worker reads each (HTML and Markdown become text), dates it by its
    /// dateline (else today) and adds it to those before it as one more source.
    pub fn articles(
        &self,
        items: &[(Vec<u8>, String)],
        on_progress: Callback<f64>,
        on_done: Callback<Result<Timeline, String>>,
    ) {
        let list = js_sys::Array::new();
        for (bytes, name) in items {
            let o = js_sys::Object::new();
            let _ =
                js_sys::Reflect::set(&o, &"bytes".into(), &js_sys::Uint8Array::from(&bytes[..]));
            let _ = js_sys::Reflect::set(&o, &"name".into(), &JsValue::from_str(name));
            list.push(&o);
        }
        self.send("articles", &[("items", list.into())], Reply::Timeline(on_progress, on_done));
    }

    /// Finds the dateline of `text` (the article's own date, in its opening lines).
    pub fn dateline(&self, text: &str, on_done: Callback<Option<Day>>) {
        let done = Callback::from(move |r: Result<(String, String), String>| {
            on_done.emit(r.ok().and_then(|(d, _)| Day::parse(&d)))
        });
        self.send("dateline", &[("text", JsValue::from_str(text))], Reply::Text(done));
    }

    /// Reads `bytes`, from a file named `name` (which tells HTML and Markdown; empty for
    /// pasted text), as an article: its plain text and title, or why it was refused.
    pub fn read(&self, bytes: &[u8], name: &str, on_done: Callback<Result<Article, String>>) {
        let fields =
            [("bytes", js_sys::Uint8Array::from(bytes).into()), ("name", JsValue::from_str(name))];
        let done = Callback::from(move |r: Result<(String, String), String>| {
            // The title is the answer's note; an empty one is none.
            let article = |(text, title): (String, String)| Article {
                title: Some(title).filter(|t| !t.is_empty()),
                text,
            };
            on_done.emit(r.map(article))
        });
        self.send("read", &fields, Reply::Text(done));
    }

    /// Converts in the worker, whose wasm alone carries the importers and exporters: `kind`
    /// is `import` (`bytes` of a file named `name`, to the project's JSON), `export` (the
    /// project's JSON `text` to `format`, TimelineJS JSON or CSV) or `svg` (the timeline's
    /// markup `text` as a self-contained image titled `name`).
    pub fn convert(
        &self,
        kind: &str,
        fields: &[(&str, JsValue)],
        on_done: Callback<Result<(String, String), String>>,
    ) {
        self.send(kind, fields, Reply::Text(on_done));
    }
}

/// Passes the worker's message `data` about request `id` on to whoever waits for it.
fn answer(pending: &Pending, id: u32, data: &JsValue) {
    let progress = field(data, "progress").as_f64();
    // Progress leaves the request waiting; anything else ends it.
    let reply = match progress {
        Some(_) => None,
        None => {
            let mut pending = pending.borrow_mut();
            let at = pending.iter().position(|(n, _)| *n == id);
            at.map(|at| pending.remove(at).1)
        }
    };
    match (reply, progress) {
        (None, Some(p)) => {
            // Cloned out, so that the map is free again before anything runs.
            let on_progress = match pending.borrow().iter().find(|(n, _)| *n == id) {
                Some((_, Reply::Timeline(on_progress, _))) => Some(on_progress.clone()),
                _ => None,
            };
            if let Some(on_progress) = on_progress {
                on_progress.emit(p);
            }
        }
        (Some(Reply::Timeline(_, done)), _) => {
            let result = match field(data, "json").as_string() {
                Some(json) => Timeline::import(&json).map_err(|e| e.to_string()),
                None => {
                    let why = field(data, "error").as_string().unwrap_or_default();
                    Err(format!("{FAILED}{why}"))
                }
            };
            done.emit(result);
        }
        (Some(Reply::Text(done)), _) => {
            let result = match field(data, "text").as_string() {
                Some(text) => Ok((text, field(data, "notes").as_string().unwrap_or_default())),
                None => Err(field(data, "error").as_string().unwrap_or_default()),
            };
            done.emit(result);
        }
        (None, None) => {}
    }
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
