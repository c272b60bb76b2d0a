//! The legend: track colours and what each shape means.

use crate::components::jobs::Request;
use crate::core::model::Timeline;
use yew::prelude::*;

/// The legend of `timeline`: a plain function, not a component, as it keeps no state and
/// redraws cheaply (each component type costs the first load some 0.5 KB). With rows by
/// source and `removable` sources (not in the embed view), each source's entry has a button
/// that removes the source (an `edit` made in the tagging worker): the legend then lists the
/// sources.
pub fn legend(timeline: &Timeline, removable: bool, edit: &Callback<Request>) -> Html {
    let tracks = timeline.tracks.iter().enumerate().map(|(i, tr)| {
        let remove = (removable && i < timeline.sources.len()).then(|| {
            let id = format!("remove {}", tr.id);
            edit.reform(move |_: MouseEvent| Request::edit(id.clone()))
        });
        html! {
            <li class={format!("track-{}", i % 6)}>
                <svg class="key" width="16" height="16" aria-hidden="true"><rect class="shape" x="2" y="2" width="12" height="12" rx="3" /></svg>
                { &tr.label }
                if let Some(onclick) = remove {
                    { " " }<button type="button" class="link" {onclick}>{ "Remove" }<span class="sr-only">{ " source " }{ &tr.label }</span></button>
                }
            </li>
        }
    });
    html! {
        <section class="legend" aria-label="Legend">
            <ul class="tracks">{ for tracks }</ul>
            <ul class="glyphs">
                <li><svg class="key" width="28" height="16" aria-hidden="true"><circle class="shape" cx="14" cy="8" r="6" /></svg>{ "Dated event" }</li>
                <li><svg class="key" width="28" height="16" aria-hidden="true"><rect class="shape" x="2" y="3" width="24" height="10" rx="3" /></svg>{ "Period" }</li>
                <li><svg class="key" width="28" height="16" aria-hidden="true"><rect class="shape open" x="2" y="3" width="18" height="10" rx="3" /><path class="shape arrow" d="M19 0 L27 8 L19 16 Z" /></svg>{ "Ongoing" }</li>
                <li><svg class="key" width="28" height="16" aria-hidden="true"><rect class="shape fuzzy" x="2" y="3" width="24" height="10" rx="5" /></svg>{ "Imprecise date" }</li>
            </ul>
        </section>
    }
}
