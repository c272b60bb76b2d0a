//! The reader's tools: open any article (pasted, from a file, or `?article=<url>`), export and
//! import the timeline as JSON, share, go back to the default timeline (the sample, or the one
//! the site is published with), and keep the reader's work in storage.

use crate::components::app::seed;
use crate::components::dom;
use crate::components::jobs::{Request, Tagger};
use crate::components::open::{use_open_panel, OpenProps, ReadAsk};
use crate::components::share::share;
use crate::core::date::Day;
use crate::core::model::Timeline;
use crate::core::state::{Action, Origin};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

/// What [`use_reader_tools`] draws from.
pub struct ReaderProps {
    /// The timeline shown.
    pub timeline: Rc<Timeline>,
    /// Where it comes from.
    pub origin: Origin,
    /// The selected event, for the Share panel's links.
    pub selected: Option<usize>,
    /// A notice to show at start (such as a reset of corrupt storage).
    pub notice: Option<String>,
    /// Where actions go.
    pub on_action: Callback<Action>,
    /// The page's address (empty on the host), which the Share panel's links are made from.
    /// In the embed view (`core::share::is_embed`) there is no toolbar and no panel, only the
    /// loading of the address's article or dataset and its messages, and nothing is stored.
    pub href: Rc<String>,
}

/// The Export menu: each format's `value` for the handler and its button's name.
const FORMATS: [(&str, &str); 6] = [
    ("json", "Export JSON"),
    ("timelinejs-json", "TimelineJS JSON"),
    ("timelinejs-csv", "TimelineJS CSV"),
    ("svg", "SVG image"),
    ("png", "PNG image"),
    ("print", "Print"),
];

/// A file-name-safe form of a title.
pub fn slug(title: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let s = s.split('-').filter(|p| !p.is_empty()).take(8).collect::<Vec<_>>().join("-");
    if s.is_empty() {
        "timeline".into()
    } else {
        s
    }
}

/// Shows the reader's saved article, or the sample, again: what follows an article or a
/// dataset from the address that could not be loaded, in place of the "Loading…" stand-in.
fn restore(on_action: &Callback<Action>) {
    if let Ok((s, _)) = crate::components::app::restored() {
        on_action.emit(Action::Load(s.timeline, s.origin));
    }
}

/// Runs `f` with the tagging worker, started first if it is not running (or has failed).
fn with_tagger(slot: &RefCell<Option<Tagger>>, f: impl FnOnce(&Tagger)) -> Result<(), String> {
    {
        let mut slot = slot.borrow_mut();
        if !slot.as_ref().is_some_and(Tagger::usable) {
            *slot = Some(Tagger::start()?);
        }
    }
    if let Some(t) = slot.borrow().as_ref() {
        f(t);
    }
    Ok(())
}

/// The toolbar, the open-article panel and the messages about them: a hook of the page
/// rather than a component of its own (each component type costs the first load some 0.5 KB).
/// Also gives what sends a [`Request`] to the tagging worker, whose answer becomes the shown
/// timeline: split and remove-source are made there ([`Request::edit`]).
#[hook]
pub fn use_reader_tools(props: &ReaderProps) -> (Html, Callback<Request>) {
    let opening = use_state(|| false);
    let busy = use_state(|| None::<f64>);
    // Messages, empty for none: one state type fewer than an `Option` (each adds its own code).
    let banner = use_state(|| props.notice.clone().unwrap_or_default());
    let open_error = use_state(String::new);
    // The tagging worker, started when the reader opens the panel (or the address names an
    // article), never with the page: the tagger's wasm is not part of the first load.
    let tagger = use_mut_ref(|| None::<Tagger>);
    {
        let tagger = tagger.clone();
        use_effect_with(*opening, move |&open| {
            if open {
                // Started now so that it is ready when the reader has chosen an article; a
                // failure is reported when a build is asked for.
                let _ = with_tagger(&tagger, |_| {});
            }
        });
    }

    // Building a timeline from an article, in the tagging worker. The reader's own (pasted
    // or opened) is kept in storage; one from the address is not.
    let builder = |origin: Origin| {
        let (on_action, busy, opening, open_error, tagger) = (
            props.on_action.clone(),
            busy.clone(),
            opening.clone(),
            open_error.clone(),
            tagger.clone(),
        );
        let waiting = crate::components::app::is_loading(&props.timeline);
        let current = props.timeline.clone();
        Callback::from(move |req: Request| {
            let add = req.add;
            let loaded = {
                let (on_action, busy, opening, open_error) =
                    (on_action.clone(), busy.clone(), opening.clone(), open_error.clone());
                Callback::from(move |r: Result<Timeline, String>| {
                    busy.set(None);
                    match r {
                        Ok(t) => {
                            open_error.set(String::new());
                            opening.set(false);
                            // An added article is an edit, which Undo takes back.
                            on_action.emit(if add {
                                Action::Edited(Rc::new(t))
                            } else {
                                Action::Load(Rc::new(t), origin)
                            });
                        }
                        Err(e) => {
                            opening.set(true);
                            open_error.set(e);
                            if waiting {
                                restore(&on_action);
                            }
                        }
                    }
                })
            };
            let progress = {
                let busy = busy.clone();
                Callback::from(move |p: f64| busy.set(Some(p)))
            };
            busy.set(Some(0.0));
            // The timeline the article joins, as it is now.
            let base = if req.add { current.export_compact() } else { String::new() };
            if let Err(e) =
                with_tagger(&tagger, |t| t.extract(&req, &base, progress, loaded.clone()))
            {
                loaded.emit(Err(e));
            }
        })
    };
    let build = builder(Origin::Own);

    // `?article=<url>`, once or repeated: fetch each article from the same origin or a
    // CORS-enabled server, then build one timeline of them in the tagging worker, each
    // article a source (read there, HTML and Markdown as text, dated by its dateline).
    {
        let (banner, busy) = (banner.clone(), busy.clone());
        let (on_action, tagger) = (props.on_action.clone(), tagger.clone());
        use_effect_with((), move |_| {
            let urls: Vec<String> =
                dom::query_params("article").into_iter().filter(|u| !u.trim().is_empty()).collect();
            if !urls.is_empty() {
                busy.set(Some(0.0));
                wasm_bindgen_futures::spawn_local(async move {
                    let mut items = Vec::new();
                    for url in &urls {
                        match dom::fetch_bytes(url).await {
                            Ok(bytes) => {
                                let name = url.split(['?', '#']).next().unwrap_or_default();
                                items.push((bytes, name.to_string()));
                            }
                            // Worded in full by `fetch_bytes`; the others still load.
                            Err(e) => banner.set(e),
                        }
                    }
                    let done = {
                        let (busy, banner, on_action) =
                            (busy.clone(), banner.clone(), on_action.clone());
                        Callback::from(move |r: Result<Timeline, String>| {
                            busy.set(None);
                            match r {
                                Ok(t) => on_action.emit(Action::Load(Rc::new(t), Origin::Link)),
                                Err(e) => {
                                    // "Could not load NAME: why", as for a fetch.
                                    let e = e
                                        .strip_prefix(crate::components::jobs::FAILED)
                                        .unwrap_or(&e);
                                    banner.set(format!("Could not load {e}"));
                                    restore(&on_action);
                                }
                            }
                        })
                    };
                    if items.is_empty() {
                        busy.set(None);
                        restore(&on_action);
                        return;
                    }
                    let progress = Callback::from(move |p: f64| busy.set(Some(p)));
                    if let Err(e) =
                        with_tagger(&tagger, |t| t.articles(&items, progress, done.clone()))
                    {
                        done.emit(Err(e));
                    }
                });
            }
        });
    }

    // `?data=<url>`: a dataset in the project's JSON format, with its article text inline.
    // Unless the app started with it already (see `app::initial`).
    {
        let (on_action, banner) = (props.on_action.clone(), banner.clone());
        let waiting = crate::components::app::is_loading(&props.timeline);
        use_effect_with((), move |_| {
            let url = dom::query_param("data").filter(|u| waiting && !u.trim().is_empty());
            if let Some(url) = url {
                wasm_bindgen_futures::spawn_local(async move {
                    let got = dom::fetch_bytes(&url).await.and_then(|bytes| {
                        let s = String::from_utf8(bytes)
                            .map_err(|_| format!("{url} is not a JSON text file."))?;
                        Timeline::import(&s)
                            .map_err(|e| format!("{url} is not a usable Sourceline dataset: {e}"))
                    });
                    match got {
                        Ok(t) => on_action.emit(Action::Load(Rc::new(t), Origin::Link)),
                        Err(e) => {
                            banner.set(e);
                            restore(&on_action);
                        }
                    }
                });
            }
        });
    }

    // The reader's own timeline and edits persist; the sample needs no storage; a file from
    // the address is not stored until edited (the address brings it back), which also leaves
    // the reader's own stored article as it was.
    {
        let banner = banner.clone();
        let key = (Rc::as_ptr(&props.timeline) as usize, props.origin);
        let (t, embed) = (props.timeline.clone(), crate::core::share::is_embed(&props.href));
        use_effect_with(key, move |&(_, origin)| {
            // After the frame is painted: serializing a large timeline must not delay drawing
            // it. A newer timeline cancels the pending save of an older one. The embed view
            // stores nothing, nor forgets.
            let save = (!embed).then(|| {
                dom::after_paint(move || match origin {
                    Origin::Sample => dom::forget(dom::STORAGE_KEY),
                    Origin::Link => {}
                    Origin::Own => {
                        if !dom::save(dom::STORAGE_KEY, &t.export_compact()) {
                            let why = "This browser would not store the article, so a reload \
                                       will lose it.";
                            banner.set(why.into());
                        }
                    }
                })
            });
            move || drop(save)
        });
    }

    let toggle_open = {
        let opening = opening.clone();
        Callback::from(move |_: MouseEvent| opening.set(!*opening))
    };
    // Exports, one button each, its format in `value`: the project's JSON is written here;
    // TimelineJS JSON and CSV, and the timeline as a self-contained SVG (and from it a PNG),
    // are made in the worker, whose wasm alone carries the exporters.
    let export = {
        let (t, banner, tagger) = (props.timeline.clone(), banner.clone(), tagger.clone());
        Callback::from(move |e: MouseEvent| {
            let button = e.target_unchecked_into::<web_sys::Element>();
            let Some(format) = button.get_attribute("value") else { return };
            // The menu closes once a format is chosen.
            if let Ok(Some(menu)) = button.closest("details") {
                let _ = menu.remove_attribute("open");
            }
            let (name, say) = (slug(&t.title), banner.clone());
            let say = move |m: String| say.set(m);
            // What the worker is asked: the kind of job, what it works on, the drawing's size
            // (for the PNG) and the file's extension.
            let (kind, body, (w, h), ext) = match format.as_str() {
                "print" => return drop(gloo::utils::window().print()),
                "json" => {
                    let file = format!("{name}.sourceline.json");
                    return dom::download(&file, &t.export(), "application/json")
                        .unwrap_or_else(say);
                }
                "svg" | "png" => match dom::timeline_markup() {
                    Some((xml, w, h)) => ("svg", xml, (w, h), format.clone()),
                    None => return say("There is no timeline drawn to save.".into()),
                },
                "timelinejs-csv" => ("export", t.export(), (0.0, 0.0), "csv".into()),
                "timelinejs-json" => ("export", t.export(), (0.0, 0.0), "timelinejs.json".into()),
                _ => return,
            };
            let file = format!("{name}.{ext}");
            let done = Callback::from(move |r: Result<(String, String), String>| {
                let (out, notes) = match r {
                    Ok(got) => got,
                    Err(e) => return say(format!("The {ext} file could not be made. {e}")),
                };
                if !notes.is_empty() {
                    say(notes);
                }
                if ext == "png" {
                    let (file, say) = (file.clone(), say.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        dom::save_png(&file, &out, w, h).await.unwrap_or_else(say)
                    });
                } else {
                    let mime = match ext.as_str() {
                        "svg" => "image/svg+xml",
                        "csv" => "text/csv",
                        _ => "application/json",
                    };
                    dom::download(&file, &out, mime).unwrap_or_else(&say);
                }
            });
            let fields = [
                ("text", JsValue::from_str(&body)),
                ("format", JsValue::from_str(&format)),
                ("name", JsValue::from_str(&t.title)),
            ];
            if let Err(e) = with_tagger(&tagger, |tg| tg.convert(kind, &fields, done.clone())) {
                done.emit(Err(e));
            }
        })
    };
    // Import: the project's JSON is read here at once; anything else (TimelineJS JSON or CSV,
    // told by content) is converted in the worker, and its notes (rows left out, media
    // ignored) are shown.
    let import = {
        let (on_action, banner, tagger) = (props.on_action.clone(), banner.clone(), tagger.clone());
        Callback::from(move |file: web_sys::File| {
            let (on_action, banner, tagger) = (on_action.clone(), banner.clone(), tagger.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let bytes = match dom::read_file(&file).await {
                    Ok(b) => b,
                    Err(e) => return banner.set(e),
                };
                let own = std::str::from_utf8(&bytes).ok().and_then(|s| Timeline::import(s).ok());
                if let Some(t) = own {
                    banner.set(String::new());
                    return on_action.emit(Action::Load(Rc::new(t), Origin::Own));
                }
                let done = {
                    let (name, banner) = (name.clone(), banner.clone());
                    Callback::from(move |r: Result<(String, String), String>| {
                        let read = r.and_then(|(json, notes)| {
                            Timeline::import(&json).map(|t| (t, notes)).map_err(|e| e.to_string())
                        });
                        match read {
                            Ok((t, notes)) => {
                                banner.set(notes);
                                on_action.emit(Action::Load(Rc::new(t), Origin::Own));
                            }
                            Err(e) => banner.set(format!("{name}: {e}")),
                        }
                    })
                };
                let fields = [
                    ("bytes", js_sys::Uint8Array::from(&bytes[..]).into()),
                    ("name", JsValue::from_str(&name)),
                ];
                if let Err(e) = with_tagger(&tagger, |t| t.convert("import", &fields, done.clone()))
                {
                    done.emit(Err(e));
                }
            });
        })
    };
    let chosen = {
        let import = import.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let file = input.files().and_then(|l| l.get(0));
            input.set_value("");
            if let Some(f) = file {
                import.emit(f)
            }
        })
    };
    // A file dropped on the Import control is imported as a chosen one.
    let dropped = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(f) = e.data_transfer().and_then(|d| d.files()).and_then(|l| l.get(0)) {
            import.emit(f)
        }
    });
    let back_to_sample = {
        let (on_action, banner) = (props.on_action.clone(), banner.clone());
        Callback::from(move |_: MouseEvent| match seed() {
            Ok(t) => {
                banner.set(String::new());
                on_action.emit(Action::Load(Rc::new(t), Origin::Sample));
            }
            Err(e) => banner.set(e),
        })
    };
    let find_dateline = {
        let tagger = tagger.clone();
        Callback::from(move |(text, done): (String, Callback<Option<Day>>)| {
            if with_tagger(&tagger, |t| t.dateline(&text, done.clone())).is_err() {
                done.emit(None);
            }
        })
    };
    let read = {
        let tagger = tagger.clone();
        Callback::from(move |(bytes, name, done): ReadAsk| {
            if let Err(e) = with_tagger(&tagger, |t| t.read(&bytes, &name, done.clone())) {
                done.emit(Err(e));
            }
        })
    };
    let close_open = {
        let opening = opening.clone();
        Callback::from(move |_| opening.set(false))
    };
    let dismiss = {
        let banner = banner.clone();
        Callback::from(move |_: MouseEvent| banner.set(String::new()))
    };
    let tools = !crate::core::share::is_embed(&props.href);
    let panel = use_open_panel(
        &OpenProps {
            on_submit: build.clone(),
            on_cancel: close_open,
            find_dateline,
            read,
            busy: *busy,
            error: (*open_error).clone(),
            can_add: !props.timeline.text.is_empty(),
        },
        tools && (*opening || busy.is_some()),
    );
    let html = html! {
        <>
            if tools {
                <nav class="toolbar" aria-label="Article">
                    <button type="button" class="primary" aria-expanded={if *opening { "true" } else { "false" }} onclick={toggle_open}>{ "Open an article" }</button>
                    <details class="menu">
                        <summary class="button">{ "Export" }</summary>
                        <div class="menu-items" onclick={export}>
                            { for FORMATS.iter().map(|&(value, name)| html! { <button type="button" {value}>{ name }</button> }) }
                        </div>
                    </details>
                    <label class="button" for="import-file" ondragover={Callback::from(|e: DragEvent| e.prevent_default())} ondrop={dropped}>{ "Import" }</label>
                    <input type="file" id="import-file" class="visually-hidden" accept=".json,.csv,application/json,text/csv" onchange={chosen} />
                    { share(&props.href, &props.timeline, props.selected, props.origin == Origin::Own) }
                    if props.origin != Origin::Sample {
                        <button type="button" onclick={back_to_sample}>{ "Back to the default timeline" }</button>
                    }
                </nav>
            }
            if !banner.is_empty() {
                <div class="banner" role="alert"><p>{ (*banner).clone() }</p><button type="button" onclick={dismiss}>{ "Dismiss" }</button></div>
            }
            { panel }
        </>
    };
    (html, build)
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_file_name_safe() {
        assert_eq!(
            slug("Putin Refuses Trump’s Peace Initiative"),
            "putin-refuses-trump-s-peace-initiative"
        );
        assert_eq!(slug("¿¡!"), "timeline");
    }
}
