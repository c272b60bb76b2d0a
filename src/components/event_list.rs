//! The timeline as a plain list in date order: what a screen reader reads instead of the
//! drawing, and a way to every event without the arrow keys. It is collapsed at first and
//! builds its items only while open, so a dataset of thousands of events costs nothing.

use crate::components::event_name;
use crate::core::model::Timeline;
use crate::core::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`EventList`].
#[derive(Properties, PartialEq)]
pub struct EventListProps {
    /// The events.
    pub timeline: Rc<Timeline>,
    /// Where a selection goes.
    pub on_action: Callback<Action>,
    /// True while the page prints: the list is printed open.
    #[prop_or_default]
    pub printing: bool,
}

/// "Events in date order": a collapsible ordered list of buttons, each selecting its event.
#[function_component(EventList)]
pub fn event_list(props: &EventListProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let (open, printing) = (open.clone(), props.printing);
        // Opened for printing is not opened by the reader: it closes again after.
        Callback::from(move |e: Event| {
            if !printing {
                open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open"))
            }
        })
    };
    let t = &props.timeline;
    let shown = *open || props.printing;
    let items = t.chronological.iter().filter(|_| shown).filter_map(|&i| t.events.get(i));
    let items = items.map(|e| {
        let id = e.id.clone();
        let onclick = props.on_action.reform(move |_: MouseEvent| Action::Select(id.clone()));
        html! { <li><button type="button" class="link" {onclick}>{ event_name(e) }</button></li> }
    });
    html! {
        <details class="event-list" open={shown} {ontoggle}>
            <summary>{ format!("Events in date order ({})", t.chronological.len()) }</summary>
            <ol>{ for items }</ol>
        </details>
    }
}
