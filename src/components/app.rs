//! The app: the reader's saved timeline or the sample, the state, and the effects that keep
//! the URL fragment, scroll position, focus and storage in step with it.

use crate::components::jobs::{start_worker, title_from, Request, WorkerJob};
use crate::components::open::OpenPanel;
use crate::components::{article::Article, details::Details, dom, legend::Legend};
use crate::components::{timeline::TimelineView, undated::Undated};
use crate::core::fragment;
use crate::core::input::{self, WORKER_THRESHOLD_BYTES};
use crate::core::layout::layout;
use crate::core::model::Timeline;
use crate::core::state::{Action, AppState};
use gloo::events::EventListener;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The seed article, shipped inside the app so the first paint needs no request.
pub const SEED_ARTICLE: &str = include_str!("../../assets/article.txt");
/// The seed article's events.
pub const SEED_EVENTS: &str = include_str!("../../assets/events.json");

/// Width the timeline is laid out for before the page has been measured (and on the host).
const DEFAULT_WIDTH: f64 = 760.0;

/// The sample timeline.
pub fn seed() -> Result<Timeline, String> {
    Timeline::load(SEED_EVENTS, SEED_ARTICLE).map_err(|e| e.to_string())
}

/// The initial state: the reader's saved timeline if there is one that reads, else the sample
/// (with a notice when a saved one was corrupt or from another version, and is dropped).
fn initial() -> Result<(AppState, Option<String>), String> {
    let sample = || seed().map(|t| AppState::showing(Rc::new(t), true));
    // Only in the browser: the host renderer has no storage.
    let saved = if cfg!(target_arch = "wasm32") { dom::load(dom::STORAGE_KEY) } else { None };
    if let Some(saved) = saved {
        return match Timeline::import(&saved) {
            Ok(t) => Ok((AppState::showing(Rc::new(t), false), None)),
            Err(e) => {
                dom::forget(dom::STORAGE_KEY);
                let note = format!("Your saved article could not be read ({e}), so it was reset and the sample is shown.");
                sample().map(|s| (s, Some(note)))
            }
        };
    }
    sample().map(|s| (s, None))
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let init = use_memo((), |_| initial());
    match &*init {
        Ok((state, notice)) => {
            html! { <Main initial={Rc::new(state.clone())} notice={notice.clone()} /> }
        }
        Err(e) => html! {
            <div class="fatal" role="alert"><p>{ "The timeline data could not be read: " }{ e.clone() }</p></div>
        },
    }
}

/// Props of [`Main`].
#[derive(Properties, PartialEq)]
pub struct MainProps {
    /// The state to start from.
    pub initial: Rc<AppState>,
    /// A notice to show at start.
    #[prop_or_default]
    pub notice: Option<String>,
}

/// The page.
#[function_component(Main)]
pub fn main_view(props: &MainProps) -> Html {
    let state = {
        let s = (*props.initial).clone();
        use_reducer(move || s)
    };
    let width = use_state(|| DEFAULT_WIDTH);
    let wrap = use_node_ref();
    let opening = use_state(|| false);
    let busy = use_state(|| None::<f64>);
    let banner = use_state(|| props.notice.clone());
    let open_error = use_state(|| None::<String>);
    let job = use_mut_ref(|| None::<WorkerJob>);
    let on_action = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };

    // Building a timeline from an article: directly, or in a worker when it is large.
    let build = {
        let (state, busy, opening, open_error, job) =
            (state.clone(), busy.clone(), opening.clone(), open_error.clone(), job.clone());
        Callback::from(move |req: Request| {
            let loaded = {
                let (state, busy, opening, open_error) =
                    (state.clone(), busy.clone(), opening.clone(), open_error.clone());
                Callback::from(move |r: Result<Timeline, String>| {
                    busy.set(None);
                    match r {
                        Ok(t) => {
                            open_error.set(None);
                            opening.set(false);
                            state.dispatch(Action::Load(Rc::new(t), false));
                        }
                        Err(e) => {
                            opening.set(true);
                            open_error.set(Some(e));
                        }
                    }
                })
            };
            if req.text.len() > WORKER_THRESHOLD_BYTES {
                let progress = {
                    let busy = busy.clone();
                    Callback::from(move |p: f64| busy.set(Some(p)))
                };
                match start_worker(&req, progress, loaded.clone()) {
                    Ok(j) => {
                        busy.set(Some(0.0));
                        *job.borrow_mut() = Some(j);
                        return;
                    }
                    // Without a worker the page pauses while tagging, but still works.
                    Err(_) => loaded.emit(Ok(req.run())),
                }
            } else {
                loaded.emit(Ok(req.run()));
            }
        })
    };

    // Measure the timeline's box now and whenever the window resizes.
    {
        let (width, wrap) = (width.clone(), wrap.clone());
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = wrap.cast::<web_sys::Element>() {
                    let w = f64::from(el.client_width());
                    if w > 0.0 {
                        width.set(w);
                    }
                }
            };
            measure();
            let listener = EventListener::new(&gloo::utils::window(), "resize", move |_| measure());
            move || drop(listener)
        });
    }

    // `?article=<url>`: fetch an article from the same origin or a CORS-enabled server.
    {
        let (build, banner, busy) = (build.clone(), banner.clone(), busy.clone());
        use_effect_with((), move |_| {
            if let Some(url) = dom::query_param("article").filter(|u| !u.trim().is_empty()) {
                busy.set(Some(0.0));
                wasm_bindgen_futures::spawn_local(async move {
                    let got = dom::fetch_bytes(&url).await.and_then(|bytes| {
                        let name = url.split(['?', '#']).next().unwrap_or_default();
                        input::read(&bytes, name).map_err(|e| format!("Could not load {url}: {e}"))
                    });
                    match got {
                        Ok(a) => {
                            let reference = input::dateline(&a.text).or_else(dom::today);
                            let title = a.title.clone().unwrap_or_else(|| title_from(&a.text));
                            build.emit(Request { title, text: a.text, reference });
                        }
                        Err(e) => {
                            busy.set(None);
                            banner.set(Some(e));
                        }
                    }
                });
            }
        });
    }

    // Selection from the URL: at load, and on Back, Forward or a hand-edited fragment.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let sync = move || match fragment::parse(&dom::fragment()) {
                Some(id) => state.dispatch(Action::Select(id)),
                None if dom::fragment().is_empty() => state.dispatch(Action::Deselect),
                // A malformed or hostile fragment is ignored.
                None => {}
            };
            sync();
            let window = gloo::utils::window();
            let sync = Rc::new(sync);
            let s1 = sync.clone();
            let pop = EventListener::new(&window, "popstate", move |_| s1());
            let hash = EventListener::new(&window, "hashchange", move |_| sync());
            move || drop((pop, hash))
        });
    }

    // The URL follows the selection, one history entry per change.
    let selected_id = state.selected_id().map(str::to_string);
    use_effect_with(selected_id.clone(), |id| {
        if let Some(id) = id {
            let f = fragment::format(id);
            if dom::fragment() != f {
                dom::push_fragment(&f);
            }
            // Arrow keys move the selection; keep focus on the selected control.
            if dom::focus_on_event_control() {
                if let Some(el) = dom::query(&format!("[data-event-id=\"{id}\"]")) {
                    dom::focus(&el);
                }
            }
        }
    });

    // Reveal the requested passage.
    {
        let target = state.reveal.and_then(|(n, nonce)| {
            let e = state.timeline.events.get(state.selected?)?;
            Some((e.passages.get(n)?.range.start, nonce))
        });
        use_effect_with(target, |target| {
            if let Some((start, _)) = target {
                if let Some(el) = dom::query(&format!("#p-{start}")) {
                    dom::scroll_to_middle(&el);
                }
            }
        });
    }

    // The reader's own timeline and edits persist; the sample needs no storage.
    {
        let banner = banner.clone();
        let key = (Rc::as_ptr(&state.timeline) as usize, state.sample);
        let t = state.timeline.clone();
        use_effect_with(key, move |&(_, sample)| {
            if sample {
                dom::forget(dom::STORAGE_KEY);
            } else if !dom::save(dom::STORAGE_KEY, &t.export()) {
                banner.set(Some(
                    "This browser would not store the article, so a reload will lose it.".into(),
                ));
            }
        });
    }

    let t = &state.timeline;
    let lay = {
        let t = t.clone();
        use_memo((Rc::as_ptr(&t) as usize, (*width).round() as i64), move |_| {
            Rc::new(layout(&t, *width, None))
        })
    };
    let selected = state.selected;
    let announce = selected
        .and_then(|i| t.events.get(i))
        .map(|e| format!("Selected {}", crate::components::event_name(e)))
        .unwrap_or_default();
    let toggle_open = {
        let opening = opening.clone();
        Callback::from(move |_: MouseEvent| opening.set(!*opening))
    };
    let export = {
        let (t, banner) = (t.clone(), banner.clone());
        Callback::from(move |_: MouseEvent| {
            let name = format!("{}.sourceline.json", slug(&t.title));
            if let Err(e) = dom::download(&name, &t.export(), "application/json") {
                banner.set(Some(e));
            }
        })
    };
    let import = {
        let (state, banner) = (state.clone(), banner.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
            input.set_value("");
            let (state, banner) = (state.clone(), banner.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let got = dom::read_file(&file).await.and_then(|b| {
                    let s = String::from_utf8(b)
                        .map_err(|_| format!("{} is not a JSON text file.", file.name()))?;
                    Timeline::import(&s)
                        .map_err(|e| format!("{} is not a Sourceline timeline: {e}", file.name()))
                });
                match got {
                    Ok(t) => {
                        banner.set(None);
                        state.dispatch(Action::Load(Rc::new(t), false));
                    }
                    Err(e) => banner.set(Some(e)),
                }
            });
        })
    };
    let back_to_sample = {
        let (state, banner) = (state.clone(), banner.clone());
        Callback::from(move |_: MouseEvent| match seed() {
            Ok(t) => {
                banner.set(None);
                state.dispatch(Action::Load(Rc::new(t), true));
            }
            Err(e) => banner.set(Some(e)),
        })
    };
    let close_open = {
        let opening = opening.clone();
        Callback::from(move |_| opening.set(false))
    };
    let dismiss = {
        let banner = banner.clone();
        Callback::from(move |_: MouseEvent| banner.set(None))
    };
    let dated = t.chronological.len();
    html! {
        <div class="app">
            <header class="top">
                <div class="heading">
                    <p class="brand">{ "Sourceline" }</p>
                    <h1>{ &t.title }</h1>
                    if let Some(source) = &t.source {
                        <p class="source">{ source }</p>
                    }
                </div>
                <nav class="toolbar" aria-label="Article">
                    <button type="button" class="primary" aria-expanded={(*opening).to_string()} onclick={toggle_open}>{ "Open an article" }</button>
                    <button type="button" onclick={export}>{ "Export JSON" }</button>
                    <label class="button" for="import-file">{ "Import JSON" }</label>
                    <input type="file" id="import-file" class="visually-hidden" accept=".json,application/json" onchange={import} />
                    if !state.sample {
                        <button type="button" onclick={back_to_sample}>{ "Back to the sample article" }</button>
                    }
                </nav>
            </header>
            if let Some(b) = &*banner {
                <div class="banner" role="alert"><p>{ b.clone() }</p><button type="button" onclick={dismiss}>{ "Dismiss" }</button></div>
            }
            if *opening || busy.is_some() {
                <OpenPanel on_submit={build} on_cancel={close_open} busy={*busy} error={(*open_error).clone()} />
            }
            if let Some(m) = &state.message {
                <div class="banner" role="alert"><p>{ m.clone() }</p></div>
            }
            <main class="panes">
                <section class="timeline-pane" aria-labelledby="timeline-title">
                    <h2 id="timeline-title" class="pane-title">{ "Timeline" }</h2>
                    if dated == 0 {
                        <p class="hint">{ "No dates were found in this article. Select a passage's event below, or open another article." }</p>
                    } else {
                        <p class="hint">{ "Select an event to read where the article states it. Arrow keys move along the timeline." }</p>
                    }
                    <div class="timeline-wrap" ref={wrap}>
                        <TimelineView timeline={t.clone()} layout={(*lay).clone()} {selected} on_action={on_action.clone()} />
                    </div>
                    <Legend timeline={t.clone()} />
                    <Details timeline={t.clone()} {selected} on_action={on_action.clone()} />
                    <Undated timeline={t.clone()} {selected} on_action={on_action.clone()} />
                </section>
                <section class="article-pane" aria-labelledby="article-title">
                    <h2 id="article-title" class="pane-title">{ "Article" }</h2>
                    <Article timeline={t.clone()} {selected} {on_action} />
                </section>
            </main>
            <p class="sr-only" aria-live="polite">{ announce }</p>
        </div>
    }
}

/// A file-name-safe form of a title.
pub fn slug(title: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let s = s.split('-').filter(|p| !p.is_empty()).take(8).collect::<Vec<_>>().join("-");
    if s.is_empty() {
        "timeline".into()
    } else {
        s
    }
}
