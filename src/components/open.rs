//! "Open an article": paste text, or choose or drop a .txt, .md or .html file; an optional
//! title; and the reference date, found in the dateline or asked, today prefilled.

use crate::components::{dom, jobs::title_from, jobs::Request};
use crate::core::date::Day;
use crate::core::input::{self, MAX_ARTICLE_BYTES};
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What [`use_open_panel`] draws from.
pub struct OpenProps {
    /// Called with the article to build.
    pub on_submit: Callback<Request>,
    /// Called when the reader closes the panel.
    pub on_cancel: Callback<()>,
    /// Asks for the dateline of a text (from the tagging worker), answered through the
    /// callback that comes with it.
    pub find_dateline: Callback<(String, Callback<Option<Day>>)>,
    /// Asks for bytes to be read as an article (in the tagging worker, which reduces HTML and
    /// Markdown to text): the bytes, the file's name (empty for pasted text), and where the
    /// article or the reason it was refused goes.
    pub read: Callback<ReadAsk>,
    /// Progress of a running build, 0 to 1.
    pub busy: Option<f64>,
    /// A message about the last attempt; empty for none.
    pub error: String,
    /// Whether there is a timeline to add the article to.
    pub can_add: bool,
}

/// A request to read bytes as an article: see [`OpenProps::read`].
pub type ReadAsk = (Vec<u8>, String, Callback<Result<input::Article, String>>);

/// A file larger than this cannot reduce to an accepted article, even as HTML.
const MAX_FILE_BYTES: f64 = 4.0 * MAX_ARTICLE_BYTES as f64;

/// Today's date for the form, `YYYY-MM-DD` (empty on the host, which has no browser clock).
fn today() -> String {
    let today = if cfg!(target_arch = "wasm32") { dom::today() } else { None };
    today.map(Day::iso).unwrap_or_default()
}

/// The panel, while it is `shown`: a hook of the reader's tools rather than a component of its
/// own (each component type costs the first load some 0.5 KB), its form starting afresh each
/// time it opens.
#[hook]
pub fn use_open_panel(props: &OpenProps, shown: bool) -> Html {
    let text_ref = use_node_ref();
    let title = use_state(String::new);
    let date = use_state(today);
    // Once the reader sets the date, a dateline no longer overrides it.
    let date_touched = use_state(|| false);
    // The dateline's date, as the note words it, and a message about the form; empty for
    // none. Strings, as the title and date are: each state type adds its own code to the
    // first load.
    let dateline = use_state(String::new);
    let message = use_state(String::new);
    let dragging = use_state(|| false);
    let add = use_state(|| false);
    if !shown {
        if *add {
            add.set(false);
        }
        // Closed: what the reader left in the form goes, once.
        if !title.is_empty() || *date_touched || !dateline.is_empty() || !message.is_empty() {
            title.set(String::new());
            date.set(today());
            date_touched.set(false);
            dateline.set(String::new());
            message.set(String::new());
        }
        if *dragging {
            dragging.set(false);
        }
        return Html::default();
    }

    let detect = {
        let (date, date_touched, dateline) = (date.clone(), date_touched.clone(), dateline.clone());
        let find = props.find_dateline.clone();
        move |text: &str| {
            let (date, date_touched, dateline) =
                (date.clone(), date_touched.clone(), dateline.clone());
            let found = Callback::from(move |found: Option<Day>| {
                if let (Some(d), false) = (found, *date_touched) {
                    date.set(d.iso());
                }
                dateline.set(found.map(Day::human).unwrap_or_default());
            });
            find.emit((input::head(text).to_string(), found));
        }
    };
    let oninput = {
        let (text_ref, detect) = (text_ref.clone(), detect.clone());
        Callback::from(move |_: InputEvent| {
            if let Some(t) = text_ref.cast::<HtmlTextAreaElement>() {
                detect(&t.value());
            }
        })
    };
    // A chosen or dropped file fills the form, so the reader can check the date and title.
    let take_file = {
        let (text_ref, title, message, detect) =
            (text_ref.clone(), title.clone(), message.clone(), detect.clone());
        let read = props.read.clone();
        move |file: web_sys::File| {
            let (text_ref, title, message, detect) =
                (text_ref.clone(), title.clone(), message.clone(), detect.clone());
            let read = read.clone();
            if file.size() > MAX_FILE_BYTES {
                message.set(input::InputError::TooLarge(file.size() as usize).to_string());
                return;
            }
            let name = file.name();
            let done = {
                let (name, message) = (name.clone(), message.clone());
                Callback::from(move |r: Result<input::Article, String>| match r {
                    Ok(a) => {
                        if let Some(t) = text_ref.cast::<HtmlTextAreaElement>() {
                            t.set_value(&a.text);
                        }
                        if let Some(t) = a.title {
                            title.set(t);
                        }
                        detect(&a.text);
                        message.set(String::new());
                    }
                    Err(e) => message.set(format!("{name}: {e}")),
                })
            };
            wasm_bindgen_futures::spawn_local(async move {
                match dom::read_file(&file).await {
                    Ok(bytes) => read.emit((bytes, name, done)),
                    Err(e) => message.set(e),
                }
            });
        }
    };
    let onchange_file = {
        let take_file = take_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                take_file(f);
            }
            input.set_value("");
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
                take_file(f);
            }
        })
    };
    let onsubmit = {
        let (text_ref, title, date, message, on_submit) = (
            text_ref.clone(),
            title.clone(),
            date.clone(),
            message.clone(),
            props.on_submit.clone(),
        );
        let add = *add && props.can_add;
        let read = props.read.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let raw = text_ref.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            let (title, date, message, on_submit) =
                (title.clone(), date.clone(), message.clone(), on_submit.clone());
            // Pasted text is read as any file is (pasted HTML or Markdown becomes text).
            let done = Callback::from(move |r: Result<input::Article, String>| match r {
                Ok(a) => {
                    message.set(String::new());
                    let t = title.trim();
                    let title = if t.is_empty() {
                        a.title.unwrap_or_else(|| title_from(&a.text))
                    } else {
                        t.to_string()
                    };
                    let reference = Day::parse(&date);
                    on_submit.emit(Request {
                        title,
                        text: a.text,
                        reference,
                        add,
                        edit: String::new(),
                    });
                }
                Err(e) => message.set(e),
            });
            read.emit((raw.into_bytes(), String::new(), done));
        })
    };
    let on_title = {
        let title = title.clone();
        Callback::from(move |e: InputEvent| {
            title.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_date = {
        let (date, touched) = (date.clone(), date_touched.clone());
        Callback::from(move |e: Event| {
            date.set(e.target_unchecked_into::<HtmlInputElement>().value());
            touched.set(true);
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let error = if message.is_empty() { props.error.clone() } else { (*message).clone() };
    let date_note = if dateline.is_empty() {
        "No dateline found: relative dates such as “last year” count from this date.".into()
    } else {
        format!("Found in the dateline: {}.", *dateline)
    };
    html! {
        <section class="open-panel" aria-labelledby="open-title">
            <h2 id="open-title">{ "Open an article" }</h2>
            <form {onsubmit} novalidate=true>
                <div class={if *dragging { "drop dragging" } else { "drop" }} {ondragover} {ondragleave} {ondrop}>
                    <label for="article-text">{ "Article text" }</label>
                    <textarea id="article-text" ref={text_ref} rows="8" {oninput}
                        placeholder="Paste an article here, or drop a .txt, .md or .html file on this box." />
                    <p class="file-line">
                        <label for="article-file">{ "Or choose a file:" }</label>{ " " }
                        <input type="file" id="article-file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
                            onchange={onchange_file} />
                        <span class="note">{ format!(" Up to {} KB of text.", MAX_ARTICLE_BYTES / 1000) }</span>
                    </p>
                </div>
                <div class="fields">
                    <p>
                        <label for="article-title">{ "Title (optional)" }</label>
                        <input type="text" id="article-title" value={(*title).clone()} oninput={on_title} />
                    </p>
                    <p>
                        <label for="article-date">{ "Reference date" }</label>
                        <input type="date" id="article-date" value={(*date).clone()} onchange={on_date}
                            aria-describedby="article-date-note" />
                        <span id="article-date-note" class="note">{ date_note }</span>
                    </p>
                </div>
                if props.can_add {
                    <p>
                        <input type="checkbox" id="article-add" checked={*add}
                            onchange={let add = add.clone(); Callback::from(move |_: Event| add.set(!*add))} />
                        <label for="article-add">{ " Add to this timeline, as one more source" }</label>
                    </p>
                }
                if !error.is_empty() {
                    <p class="error" role="alert">{ error }</p>
                }
                if let Some(p) = props.busy {
                    <p class="progress" role="status">
                        <progress max="100" value={((p * 100.0).round() as i64).to_string()} aria-label="Tagging progress" />
                        { format!(" Finding dates… {}%", (p * 100.0).round() as i64) }
                    </p>
                }
                <p class="actions">
                    <button type="submit" class="primary" disabled={props.busy.is_some()}>{ if *add { "Add the article" } else { "Build the timeline" } }</button>
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                </p>
            </form>
        </section>
    }
}
