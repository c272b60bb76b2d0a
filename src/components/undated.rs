//! What the article states without a date, kept apart from the timeline rather than placed
//! at an invented date.

use crate::components::timeline::event_handlers;
use crate::core::by_actor::involves;
use crate::core::model::{Sources, Timeline};
use crate::core::state::Action;
use yew::prelude::*;

/// The "undated: at the time of writing" area of `t`, `selected` marked: a plain function,
/// not a component (each component type costs the first load some 0.5 KB). The page redraws
/// it with itself; it holds the few things an article states without a date. Only those
/// involving an actor of `filter` (when there is one), of the `sources` shown, are listed.
pub fn undated(
    t: &Timeline,
    selected: Option<usize>,
    on_action: &Callback<Action>,
    filter: &[String],
    sources: Sources,
) -> Html {
    let items: Vec<usize> = (0..t.events.len())
        .filter(|&i| t.events[i].when.is_none() && involves(&t.events[i], filter, sources))
        .collect();
    if items.is_empty() {
        return html! {};
    }
    let list = items.iter().map(|&i| {
        let e = &t.events[i];
        let selected = selected == Some(i);
        // Never dragged: nothing pans here.
        let (onclick, onkeydown) = event_handlers(on_action, &e.id, Default::default(), false);
        html! {
            <li>
                <a class={format!("undated-item track-{}", e.track % 6)} role="button"
                    href={crate::core::fragment::format(&e.id)}
                    data-event-id={e.id.clone()} aria-current={selected.then_some("true")} {onclick} {onkeydown}>
                    <span class="swatch" aria-hidden="true"></span>{ &e.headline }
                </a>
            </li>
        }
    });
    html! {
        <section class="undated" aria-labelledby="undated-title">
            <h2 id="undated-title">{ "Undated: at the time of writing" }</h2>
            <p class="note">{ "The article states these without a date, so they are not placed on the timeline." }</p>
            <ul>{ for list }</ul>
        </section>
    }
}
