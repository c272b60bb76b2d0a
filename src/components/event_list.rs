//! The timeline as a plain list in date order: what a screen reader reads instead of the
//! drawing, and a way to every event without the arrow keys. It is collapsed at first and
//! builds its items only while open, so a dataset of thousands of events costs nothing.

use crate::components::event_name;
use crate::core::model::Timeline;
use crate::core::state::Action;
use yew::prelude::*;

/// "Events in date order": a collapsible ordered list of buttons, each selecting its event,
/// `open` (the page's state) saying whether the reader opened it, and printed open while
/// `printing`: a plain function, not a component (each component type costs the first load
/// some 0.5 KB). Its items are built only while it is open.
pub fn event_list(
    t: &Timeline,
    on_action: &Callback<Action>,
    printing: bool,
    open: &UseStateHandle<bool>,
) -> Html {
    let ontoggle = {
        let open = open.clone();
        // Opened for printing is not opened by the reader: it closes again after.
        Callback::from(move |e: Event| {
            if !printing {
                open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open"))
            }
        })
    };
    let shown = **open || printing;
    let items = t.chronological.iter().filter(|_| shown).filter_map(|&i| t.events.get(i));
    let items = items.map(|e| {
        let id = e.id.clone();
        let onclick = on_action.reform(move |_: MouseEvent| Action::Select(id.clone()));
        html! { <li><button type="button" class="link" {onclick}>{ event_name(e) }</button></li> }
    });
    html! {
        <details class="event-list" open={shown} {ontoggle}>
            <summary>{ format!("Events in date order ({})", t.chronological.len()) }</summary>
            <ol>{ for items }</ol>
        </details>
    }
}
