//! "Tracks by" (the article's own tracks, its leading actors, or its sources) and the actor
//! filter: a chip per actor, with its count of events, that shows only the events involving
//! the chosen actors.

use crate::core::by_actor::Rows;
use crate::core::model::{Sources, Timeline};
use crate::core::state::{Action, AppState};
use yew::prelude::*;

/// A toggle button (`aria-pressed`) that sends `action(arg)`: the shape of every switch here.
/// (A function and its argument rather than an action to clone: one callback type for all,
/// and no clone of [`Action`] in the wasm.)
pub fn toggle(
    pressed: bool,
    class: &'static str,
    label: Html,
    (action, arg): (fn(&str) -> Action, &str),
    on: &Callback<Action>,
) -> Html {
    let arg = arg.to_string();
    let onclick = on.reform(move |_: MouseEvent| action(&arg));
    html! {
        <button type="button" {class} aria-pressed={if pressed { "true" } else { "false" }} {onclick}>{ label }</button>
    }
}

/// The "Tracks by" switch and the actor chips of `state`'s timeline, with the count of events
/// the filter shows: a plain function, not a component (each component type costs the first
/// load some 0.5 KB). Nothing for a timeline of one source without actors.
pub fn actor_bar(state: &AppState, on: &Callback<Action>) -> Html {
    let t: &Timeline = &state.timeline;
    let ranked = &*state.ranked;
    let several = t.sources.len() > 1;
    if ranked.0.is_empty() && !several {
        return Html::default();
    }
    let selected = state.selected.and_then(|i| t.events.get(i));
    let chips = ranked.0.iter().map(|&a| {
        let actor = &t.actors[a];
        let on_chip = state.actors.contains(&actor.id);
        // The actors of the selected event are marked by a dot before the name and a heavier
        // border, and say so to a screen reader.
        let involved = selected.is_some_and(|e| e.actors.contains(&actor.id));
        let label = html! {
            <>
                if involved { <span class="in-event" aria-hidden="true">{ "◆ " }</span> }
                { &actor.name }
                <span class="count">{ ranked.1[a] }</span>
                if involved { <span class="sr-only">{ ", in the selected event" }</span> }
            </>
        };
        let class = if involved { "chip involved" } else { "chip" };
        html! { <li>{ toggle(on_chip, class, label, (|id| Action::ToggleActor(id.into()), &actor.id), on) }</li> }
    });
    let total = t.events.len();
    // One text, as the page's prerendered copy has it: text nodes side by side are shaped
    // apart, a pixel off the copy's.
    let count = match (state.actors.is_empty(), state.sources == Sources::All) {
        (true, true) => format!("All {total} events"),
        (true, false) => format!("{} of {total} events", state.shown),
        _ => format!("{} of {total} events: those involving any chosen actor", state.shown),
    };
    let rows = |r: Rows, label: &'static str| {
        toggle(
            state.rows == r,
            "tab",
            html! { label },
            (|r| Action::TracksBy(rows_named(r)), rows_name(r)),
            on,
        )
    };
    html! {
        <section class="actors" aria-label="Actors">
            <div class="view-switch" role="group" aria-label="Tracks by">
                <span class="note" aria-hidden="true">{ "Tracks by" }</span>
                { rows(Rows::Article, "Article") }
                if !ranked.0.is_empty() { { rows(Rows::Actors, "Actors") } }
                if several { { rows(Rows::Sources, "Sources") } }
            </div>
            if !ranked.0.is_empty() {
                <ul class="chips" aria-label="Show the events of">{ for chips }</ul>
            }
            <p class="chip-status">
                if !ranked.0.is_empty() {
                    { toggle(state.actors.is_empty(), "chip", html! { "All actors" }, (|_| Action::AllActors, ""), on) }
                }
                <span class="note" role="status">{ count }</span>
            </p>
        </section>
    }
}

/// The name of `rows`, as kept in storage and passed to the "Tracks by" buttons.
pub fn rows_name(rows: Rows) -> &'static str {
    match rows {
        Rows::Article => "article",
        Rows::Actors => "actors",
        Rows::Sources => "sources",
    }
}

/// The rows named `name` ([`rows_name`]); the article's own for any other name.
pub fn rows_named(name: &str) -> Rows {
    match name {
        "actors" => Rows::Actors,
        "sources" => Rows::Sources,
        _ => Rows::Article,
    }
}
