//! The timeline pane's two views: the explorable timeline with its overview
//! strip, or the reading-order plot. Both share the app's selection.

use crate::components::actors::toggle;
use crate::components::reading::reading_view;
use crate::components::timeline::TimelineProps;
use crate::core::state::Action;
use yew::prelude::*;

/// The view switch and the chosen view, `reading` (the state's) saying which, `explorer` the
/// timeline's ([`crate::components::explorer::use_explorer`]): a plain function, not a
/// component (each component type costs the first load some 0.5 KB).
pub fn views(props: TimelineProps, reading: bool, explorer: Html) -> Html {
    let tab = |on: bool, label: &'static str| {
        toggle(
            reading == on,
            "tab",
            html! { label },
            (if on { |_| Action::Reading(true) } else { |_| Action::Reading(false) }, ""),
            &props.on_action,
        )
    };
    html! {
        <>
            <div class="view-switch" role="group" aria-label="View">
                { tab(false, "Timeline") }
                { tab(true, "Reading order") }
            </div>
            if reading {
                { reading_view(&props) }
            } else {
                { explorer }
            }
        </>
    }
}
