//! The timeline pane's two views: the explorable timeline with its overview
//! strip, or the reading-order plot. Both share the app's selection.

use crate::components::explorer::Explorer;
use crate::components::reading::reading_view;
use crate::components::timeline::TimelineProps;
use yew::prelude::*;

/// The view switch and the chosen view, `reading` (the page's state) saying which: a plain
/// function, not a component (each component type costs the first load some 0.5 KB).
pub fn views(props: TimelineProps, reading: &UseStateHandle<bool>) -> Html {
    let tab = |on: bool, label: &'static str| {
        let r = reading.clone();
        let onclick = Callback::from(move |_: MouseEvent| r.set(on));
        html! {
            <button type="button" aria-pressed={(**reading == on).to_string()} {onclick}>{ label }</button>
        }
    };
    html! {
        <>
            <div class="view-switch" role="group" aria-label="View">
                { tab(false, "Timeline") }
                { tab(true, "Reading order") }
            </div>
            if **reading {
                { reading_view(&props) }
            } else {
                <Explorer ..props />
            }
        </>
    }
}
