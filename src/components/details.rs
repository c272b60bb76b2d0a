//! The details of the selected event: the date as stated and as normalized, headline,
//! summary, and its passages as quotes with "show in text" links.

use crate::components::editor::Editor;
use crate::components::jobs::Request;
use crate::core::model::{letter, Timeline};
use crate::core::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// The details panel of event `selected` of `t`: a plain function, not a component, as it
/// keeps no state and draws one event (each component type costs the first load some 0.5 KB).
/// In the `embed` view: the details and passages only, no editor and no way to the article
/// (it is not there), and nothing while no event is selected.
pub fn details(
    t: &Rc<Timeline>,
    selected: Option<usize>,
    on_action: &Callback<Action>,
    embed: bool,
    edit: &Callback<Request>,
) -> Html {
    let Some(e) = selected.and_then(|i| t.events.get(i)) else {
        if embed {
            return Html::default();
        }
        return html! {
            <section class="details empty" aria-labelledby="details-title">
                <h2 id="details-title">{ "Details" }</h2>
                <p>{ "Select an event on the timeline, or a highlighted passage in the article." }</p>
            </section>
        };
    };
    // The countries, organizations and people its passages name, by their names.
    let actors = e
        .actors
        .iter()
        .filter_map(|id| t.actors.iter().find(|a| &a.id == id))
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let track = t.tracks.get(e.track).map(|tr| tr.label.as_str()).unwrap_or_default();
    let (normal, timeml) = match e.when {
        Some(w) => (w.label(), w.timeml()),
        None => ("Undated: at the time of writing".to_string(), String::new()),
    };
    let stated =
        if e.stated.is_empty() { "—".to_string() } else { format!("“{}”", e.stated) };
    // Split in the tagging worker, as the event's id says.
    let split = format!("split {}", e.id);
    // A timeline of several sources: each passage under its source (passages are in reading
    // order, so a source's come together), and each source's date.
    let several = t.sources.len() > 1;
    let source = |s: usize| {
        let title = t.sources.get(s).map(|s| s.title.as_str()).unwrap_or_default();
        html! { <><span class={LETTERS[s % 6]}>{ letter(s) }</span>{ title }</> }
    };
    let disagree = e.disagrees();
    let dates = e.dates.iter().map(|d| {
        let date = d.when.map_or_else(|| "undated".to_string(), |w| w.label());
        html! { <li>{ source(d.source) }{ ": " }{ date }</li> }
    });
    let quotes = e.passages.iter().enumerate().map(|(n, p)| {
        let on = on_action.clone();
        let onclick = Callback::from(move |_: MouseEvent| on.emit(Action::Reveal(n)));
        let opens = several && (n == 0 || e.passages[n - 1].source != p.source);
        html! {
            <li>
                if opens { <h4>{ source(p.source) }</h4> }
                <blockquote>{ &p.quote.exact }</blockquote>
                if !embed {
                    <button type="button" class="link" {onclick}>{ "Show in text" }</button>
                }
            </li>
        }
    });
    html! {
        <section class={format!("details track-{}", e.track % 6)} aria-labelledby="details-title">
            <h2 id="details-title">{ &e.headline }</h2>
            <dl>
                <dt>{ "The article says" }</dt><dd>{ stated }</dd>
                <dt>{ "Normalized" }</dt>
                <dd>{ normal.clone() }
                    if !timeml.is_empty() && timeml != normal { { " " }<code title="TimeML value">{ timeml }</code> }
                </dd>
                <dt>{ "Track" }</dt><dd>{ track }</dd>
                if !e.actors.is_empty() {
                    <dt>{ "Actors" }</dt><dd>{ actors }</dd>
                }
                if !e.dates.is_empty() {
                    <dt>{ if disagree { "Sources disagree" } else { "By source" } }</dt>
                    <dd class={disagree.then_some("disagree")}><ul>{ for dates }</ul></dd>
                }
            </dl>
            if !e.summary.is_empty() { <p class="summary">{ &e.summary }</p> }
            <h3>{ if e.passages.len() == 1 { "Passage" } else { "Passages" } }</h3>
            <ul class="quotes">{ for quotes }</ul>
            if !embed && e.passages.len() > 1 {
                <button type="button" onclick={edit.reform(move |_: MouseEvent| Request::edit(split.clone()))}>
                    { if e.sources().len() > 1 { "Split by source" } else { "Split by passage" } }
                </button>
            }
            if !embed {
                <Editor key={e.id.clone()} timeline={t.clone()} index={selected.unwrap_or_default()} on_action={on_action.clone()} />
            }
        </section>
    }
}

/// The classes of a source's letter, by its number modulo 6: the colour of its row when the
/// timeline's rows are its sources (the same `track-N` classes).
const LETTERS: [&str; 6] = [
    "letter track-0",
    "letter track-1",
    "letter track-2",
    "letter track-3",
    "letter track-4",
    "letter track-5",
];
