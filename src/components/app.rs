//! The app: the reader's saved timeline or the sample, the state, and the effects that keep
//! the URL fragment, scroll position, focus and storage in step with it.

use crate::components::reader::{use_reader_tools, ReaderProps};
use crate::components::{
    actors::{actor_bar, rows_name, rows_named},
    article::{tabs, Article},
    details::details,
    dom,
    legend::legend,
};
use crate::components::{event_list::event_list, undated::undated};
use crate::components::{explorer::use_explorer, timeline::TimelineProps, views::views};
use crate::core::by_actor::Rows;
use crate::core::fragment;
use crate::core::layout::layout_with;
use crate::core::model::{Sources, Timeline};
use crate::core::share::{is_embed, links};
use crate::core::state::{rows_for, Action, AppState, Origin};
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// The seed article. On the host only: the page carries it for the app (its script elements
/// `seed-events` and `seed-article`, see `core::prerender::seed_scripts`), which then need not
/// carry it in its wasm, where it cost 3.5 KB gzipped.
#[cfg(not(target_arch = "wasm32"))]
pub const SEED_ARTICLE: &str = include_str!("../../assets/article.txt");
/// The seed article's events (on the host only, as [`SEED_ARTICLE`]).
#[cfg(not(target_arch = "wasm32"))]
pub const SEED_EVENTS: &str = include_str!("../../assets/events.json");

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    /// The timeline the site is published with in place of the sample, on the host: its
    /// events (JSON) and article (see [`publish`]).
    static PUBLISHED: std::cell::RefCell<Option<(String, String)>> =
        const { std::cell::RefCell::new(None) };
}

/// Makes `events` (JSON, as `core::prerender::seed_texts` writes them) and `article` the
/// default timeline in place of the sample, on the host (this thread): what
/// `src/bin/prerender.rs` renders a site published with its own timeline from. In the page,
/// the default always comes from the page itself.
#[cfg(not(target_arch = "wasm32"))]
pub fn publish(events: String, article: String) {
    PUBLISHED.with(|p| *p.borrow_mut() = Some((events, article)));
}

/// Where the reader's choice of rows ("Tracks by") is kept.
const TRACKS_KEY: &str = "sourceline.tracks";

/// True where the choice of rows is kept in storage: in the browser, but not in the embed
/// view, which leaves storage alone.
fn stored_rows() -> bool {
    cfg!(target_arch = "wasm32") && !dom::embedded()
}

/// Width the timeline is laid out for before the page has been measured (and on the host).
const DEFAULT_WIDTH: f64 = 760.0;

/// The timeline's width in a 1280 px wide window, as `dom::timeline_width` works it out in
/// Chromium (its 1.4 : 1 share, less 2 × 1.25 rem of padding and a 15 px scroll-bar gutter):
/// the width the page's prerendered drawing is laid out for (`src/bin/prerender.rs`), so that
/// on such a screen the app's own first drawing is the same, to the pixel.
pub const PRERENDER_WIDTH: f64 = 1280.0 * 1.4 / 2.4 - 40.0 - 15.0;

/// The timeline's width on a 390 px wide phone (one column, less 2 × 1.25 rem of padding;
/// phones' scroll bars take no room): the narrow form of the prerendered drawing.
pub const PRERENDER_NARROW_WIDTH: f64 = 390.0 - 40.0;

/// The default timeline: the sample, or the one the site is published with.
pub fn seed() -> Result<Timeline, String> {
    #[cfg(not(target_arch = "wasm32"))]
    let (events, article) = PUBLISHED
        .with(|p| p.borrow().clone())
        .unwrap_or_else(|| (SEED_EVENTS.to_string(), SEED_ARTICLE.to_string()));
    #[cfg(target_arch = "wasm32")]
    let (events, article) = dom::seed_texts().ok_or("The page lacks its sample timeline.")?;
    Timeline::load(&events, &article).map_err(|e| e.to_string())
}

/// The initial state. When the address asks for an article or a dataset (`?article=`,
/// `?data=`), an empty timeline titled "Loading…" stands in until it
/// arrives: drawing the saved article or the sample first would only delay it. Otherwise,
/// [`restored`].
fn initial() -> Result<(AppState, Option<String>), String> {
    let asked = |name| dom::query_param(name).filter(|u| !u.trim().is_empty());
    if cfg!(target_arch = "wasm32") {
        // A dataset already in (read by the page's head, see `dom::ready_bytes`) is shown
        // straight away. One that is not, or does not read, goes the usual way: the stand-in,
        // then the reader's tools fetch it and word any error.
        let data = asked("data");
        let ready = data.as_deref().and_then(|url| {
            let t = Timeline::import(std::str::from_utf8(&dom::ready_bytes(url)?).ok()?).ok()?;
            dom::forget_early(url);
            Some(t)
        });
        if let Some(t) = ready {
            return Ok((AppState::showing(Rc::new(t), Origin::Link), None));
        }
        if data.is_some() || asked("article").is_some() {
            return Ok((AppState::showing(Rc::new(loading()), Origin::Link), None));
        }
    }
    restored()
}

/// The stand-in shown while an article or a dataset loads: no text, no events.
pub fn loading() -> Timeline {
    Timeline {
        title: "Loading…".into(),
        source: None,
        reference_date: None,
        text: String::new(),
        sources: Vec::new(),
        tracks: Vec::new(),
        eras: Vec::new(),
        actors: Vec::new(),
        events: Vec::new(),
        chronological: Vec::new(),
    }
}

/// True for [`loading`]'s stand-in, which is never stored.
pub fn is_loading(t: &Timeline) -> bool {
    t.text.is_empty() && t.events.is_empty()
}

/// The reader's saved timeline if there is one that reads, else the sample (with a notice when
/// a saved one was corrupt or from another version, and is dropped).
pub fn restored() -> Result<(AppState, Option<String>), String> {
    let sample = || seed().map(|t| AppState::showing(Rc::new(t), Origin::Sample));
    // Only in the browser (the host renderer has no storage), and never in the embed view,
    // which shows what its address names or the default, and leaves storage alone.
    let stored = cfg!(target_arch = "wasm32") && !dom::embedded();
    let saved = if stored { dom::load(dom::STORAGE_KEY) } else { None };
    if let Some(saved) = saved {
        return match Timeline::import(&saved) {
            Ok(t) => Ok((AppState::showing(Rc::new(t), Origin::Own), None)),
            Err(e) => {
                dom::forget(dom::STORAGE_KEY);
                let note = format!("Your saved article could not be read ({e}), so it was reset and the default timeline is shown.");
                sample().map(|s| (s, Some(note)))
            }
        };
    }
    sample().map(|s| (s, None))
}

/// Props of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The timeline's width before it is measured, where the page cannot say (on the host,
    /// when the first view is rendered into the page at build time).
    #[prop_or_default]
    pub width: Option<f64>,
}

/// The root component: the page. (One component rather than a wrapper that reads the initial
/// state and the page it starts: each component type costs the first load some 0.5 KB.)
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    // Read once: the saved article or the sample, or a stand-in for what the address asks for.
    // Should even the sample not read, the stand-in says why. With it, the page's address,
    // which the links to share and the embed view's link to the full page are made from (only
    // its fragment changes while the page lives, and that follows the selection); the host
    // renderer has no window. (One memo for both: each adds its own code to the wasm.)
    let init = use_memo((), |_| {
        let (state, notice) = initial().unwrap_or_else(|e| {
            let why = format!("The timeline data could not be read: {e}");
            (AppState::showing(Rc::new(loading()), Origin::Sample), Some(why))
        });
        let href = if cfg!(target_arch = "wasm32") { dom::href() } else { String::new() };
        (state, notice, Rc::new(href))
    });
    let notice = init.1.clone();
    let href = init.2.clone();
    let state = {
        let mut s = init.0.clone();
        // The rows as the reader last chose them (kept in storage, never in the embed view),
        // or a row per source for a timeline of several.
        if stored_rows() {
            s.rows = rows_named(dom::load(TRACKS_KEY).as_deref().unwrap_or_default());
        }
        s.rows = rows_for(s.rows, &s.timeline, true);
        use_reducer(move || s.arranged())
    };
    // The first drawing is laid out for the width the page's styles will give the timeline
    // (`dom::timeline_width`), so that it need not be laid out again once measured: with ten
    // thousand events that would double the work before the first paint, or show a first
    // frame at the wrong width. The host renderer has no window. Always `Some`: an option, as
    // the reader's progress state is, because each type of state adds its own code to the wasm.
    let width = use_state(|| {
        let guess = if cfg!(target_arch = "wasm32") { dom::timeline_width() } else { None };
        Some(guess.or(props.width).unwrap_or(DEFAULT_WIDTH))
    });
    let wrap = use_node_ref();
    // One callback for the page's life: children whose props do not change (the article,
    // with thousands of passages) then skip re-rendering while the timeline zooms and pans.
    let on_action = {
        let dispatcher = state.dispatcher();
        use_callback((), move |a: Action, _| {
            // The choice of rows is kept in storage as the reader makes it.
            if let (Action::TracksBy(rows), true) = (&a, stored_rows()) {
                dom::save(TRACKS_KEY, rows_name(*rows));
            }
            dispatcher.dispatch(a)
        })
    };

    // While the page prints, the list of events in date order is printed in full.
    let printing = use_state(|| false);
    // Whether the reader opened that list.
    let list_open = use_state(|| false);
    // Measure the timeline's box now and whenever the window resizes; follow printing.
    {
        let (width, wrap, printing) = (width.clone(), wrap.clone(), printing.clone());
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = wrap.cast::<web_sys::Element>() {
                    let w = f64::from(el.client_width());
                    // Whole pixels, as the layout is kept per whole pixel: a first guess that
                    // rounds to the measure is not laid out again.
                    if w > 0.0 && Some(w) != width.map(f64::round) {
                        width.set(Some(w));
                    }
                }
            };
            measure();
            // The app has taken over the page from its prerendered copy: show it, if it was
            // hidden while something other than the sample was on its way.
            dom::mark_live();
            let window = gloo::utils::window();
            let listener = EventListener::new(&window, "resize", move |_| measure());
            let p = printing.clone();
            let before = EventListener::new(&window, "beforeprint", move |_| p.set(true));
            let after = EventListener::new(&window, "afterprint", move |_| printing.set(false));
            move || drop((listener, before, after))
        });
    }

    // Selection from the URL: at load, and on Back, Forward or a hand-edited fragment. A link
    // to an event of a `?data=` or `?article=` file is followed again once the file is in.
    {
        let state = state.clone();
        use_effect_with(is_loading(&state.timeline), move |_| {
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
    // Taken at every drawing, so that a key which left the selection as it was cannot pull
    // focus on a later change made by the mouse.
    let keyed = dom::take_key_move();
    use_effect_with(selected_id.clone(), move |id| {
        if let Some(id) = id {
            let f = fragment::format(id);
            if dom::fragment() != f {
                dom::push_fragment(&f);
            }
            // Arrow keys move the selection; keep focus on the selected control.
            if keyed || dom::focus_on_event_control() {
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

    let t = &state.timeline;
    // The timeline as drawn: in rows by actor, or filtered.
    let drawn = &state.drawn;
    let lay = {
        let t = drawn.clone();
        let width = width.unwrap_or(DEFAULT_WIDTH);
        let (view, collapsed) = (state.view, state.collapsed.clone());
        // A fitted view is the span the state keeps, rather than found again from every event.
        let shown = view.or(Some(state.fit));
        // The selection is pinned out of count bubbles.
        let pinned = state.selected;
        let key = (
            Rc::as_ptr(&t) as usize,
            width.round() as i64,
            view.map(|(a, b)| (a as i64, b as i64)),
            collapsed.clone(),
            pinned,
        );
        use_memo(key, move |_| Rc::new(layout_with(&t, width, shown, true, &collapsed, pinned)))
    };
    let selected = state.selected;
    // The timeline, with zoom, pan, the overview and the reading-order view.
    let props = TimelineProps {
        timeline: drawn.clone(),
        layout: (*lay).clone(),
        selected,
        on_action: on_action.clone(),
        dragged: Default::default(),
    };
    let explorer = use_explorer(&props, !state.reading);
    // The reader's tools: open an article, export, import, share, back to the default. In the
    // embed view, only what loads the address's article or dataset, and its messages.
    let (tools, edit) = use_reader_tools(&ReaderProps {
        timeline: t.clone(),
        origin: state.origin,
        selected,
        notice,
        on_action: on_action.clone(),
        href: href.clone(),
    });
    let announce = selected
        .and_then(|i| t.events.get(i))
        .map(|e| format!("Selected {}", crate::components::event_name(e)))
        .unwrap_or_default();
    let dated = t.chronological.len();
    let framed = is_embed(&href);
    // The article pane shows one source alone when the tabs choose it.
    let tab = match state.sources {
        Sources::Only(s) => Some(s),
        _ => None,
    };
    html! {
        <div class={if framed { "app embed" } else { "app" }}>
            <header class="top">
                <div class="heading">
                    <p class="brand">{ "Sourceline" }</p>
                    <h1>{ &t.title }</h1>
                    if let Some(source) = &t.source {
                        <p class="source">{ source }</p>
                    }
                </div>
                { tools }
            </header>
            if let Some(m) = &state.message {
                <div class="banner" role="alert"><p>{ m.clone() }</p></div>
            }
            if !state.past.is_empty() && !framed {
                <p class="undo"><button type="button" onclick={on_action.reform(|_: MouseEvent| Action::Undo)}>{ "Undo the last edit" }</button></p>
            }
            <main class="panes">
                <section class="timeline-pane" aria-labelledby="timeline-title">
                    <h2 id="timeline-title" class="pane-title">{ "Timeline" }</h2>
                    if dated == 0 {
                        <p class="hint">{ "No dates were found in this article. Select a passage's event below, or open another article." }</p>
                    } else {
                        <p class="hint">{ "Select an event to read where the article states it. Arrow keys move along the timeline." }</p>
                    }
                    { actor_bar(&state, &on_action) }
                    <div class="timeline-wrap" ref={wrap}>
                        { views(props, state.reading, explorer) }
                    </div>
                    { event_list(drawn, &on_action, *printing, &list_open) }
                    { legend(drawn, state.rows == Rows::Sources && !framed, &edit) }
                    { details(t, selected, &on_action, framed, &edit) }
                    { undated(drawn, selected, &on_action, &state.actors, state.sources) }
                    if framed {
                        // The embed view's way to the full page, with the same data and event.
                        <p><a class="button" href={links(&href, selected_id.as_deref()).0} target="_blank" rel="noopener">{ "Open in Sourceline" }</a></p>
                    }
                </section>
                if !framed {
                    <section class="article-pane" aria-labelledby="article-title">
                        <h2 id="article-title" class="pane-title">{ "Article" }</h2>
                        { tabs(t, state.sources, &on_action) }
                        <Article timeline={t.clone()} {selected} {tab} {on_action} />
                    </section>
                }
            </main>
            <p class="sr-only" aria-live="polite">{ announce }</p>
        </div>
    }
}
