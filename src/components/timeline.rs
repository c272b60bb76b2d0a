//! The timeline, drawn in SVG from a precomputed [`Layout`]: an axis, a band per track, and a
//! focusable control per event. One tab stop; arrow keys, Home and End move the selection.

use crate::core::layout::{metrics, Layout, Shape};
use crate::core::model::Timeline;
use crate::core::state::Action;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Where a track's title starts: after its fold chevron.
const TITLE_X: f64 = metrics::MARGIN + 10.0;

/// Props of the timeline's views ([`timeline_view`], the explorer, overview and reading order).
#[derive(Properties, PartialEq, Clone)]
pub struct TimelineProps {
    /// The events.
    pub timeline: Rc<Timeline>,
    /// Where everything goes.
    pub layout: Rc<Layout>,
    /// The selected event.
    pub selected: Option<usize>,
    /// Where actions go.
    pub on_action: Callback<Action>,
    /// Set by a drag that pans the view, so that the click ending it selects nothing.
    #[prop_or_default]
    pub dragged: Rc<Cell<bool>>,
}

/// Maps a key to a navigation action shared by all event controls.
pub fn key_action(key: &str, id: &str) -> Option<Action> {
    Some(match key {
        "ArrowRight" | "ArrowDown" => Action::Step(1),
        "ArrowLeft" | "ArrowUp" => Action::Step(-1),
        "Home" => Action::Edge(false),
        "End" => Action::Edge(true),
        "Enter" | " " => Action::Select(id.to_string()),
        _ => return None,
    })
}

/// The click and key handlers of event `id`'s control, on the timeline (`on_timeline`) or in
/// the list of undated items: one pair for both, as each handler type adds its own code to the
/// wasm. The control is a link to `#event=<id>`, for the page without JavaScript; a click here
/// selects, and the app's own history entry follows the selection, unless a drag that pans
/// the view ended on it (`dragged`). The arrows, Home and End move along the timeline; Space,
/// and on the timeline Enter, select.
pub fn event_handlers(
    on: &Callback<Action>,
    id: &str,
    dragged: Rc<Cell<bool>>,
    on_timeline: bool,
) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let onclick = {
        let (on, id) = (on.clone(), id.to_string());
        Callback::from(move |ev: MouseEvent| {
            ev.prevent_default();
            if !dragged.replace(false) {
                on.emit(Action::Select(id.clone()));
            }
        })
    };
    let (on, id) = (on.clone(), id.to_string());
    let onkeydown = Callback::from(move |ev: KeyboardEvent| {
        let key = ev.key();
        // Off the timeline, Enter is left to the link, which clicks.
        if let Some(a) = key_action(&key, &id).filter(|_| on_timeline || key != "Enter") {
            ev.prevent_default();
            // On the timeline, the surface's own keys (panning) must not see it too.
            if on_timeline {
                ev.stop_propagation();
            }
            crate::components::dom::note_key_move();
            on.emit(a);
        }
    });
    (onclick, onkeydown)
}

/// A pixel coordinate for an SVG attribute, to a tenth of a pixel. Formatting through
/// integers keeps the float formatter (several KB of wasm) out of the bundle.
pub fn px(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    match t % 10 {
        0 => format!("{sign}{}", t / 10),
        d => format!("{sign}{}.{d}", t / 10),
    }
}

/// A count bubble for events too close together to label: selecting it zooms in on them. The
/// arrow keys step into it: its first event (`first`, an id) is selected, and stands alone.
fn bubble(m: &crate::core::layout::Mark, n: usize, first: &str, on: &Callback<Action>) -> Html {
    let (a, b) = m.time;
    let from = crate::core::date::ymd(a).0;
    let to = crate::core::date::ymd(b - 1.0).0;
    let name = format!("{n} events, {from} to {to}: zoom in");
    let onclick = on.reform(move |_: MouseEvent| Action::ZoomTo(a, b));
    let onkeydown = {
        let on = on.clone();
        let first = first.to_string();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let action = match key.as_str() {
                "Enter" | " " => Action::ZoomTo(a, b),
                "ArrowRight" | "ArrowDown" | "ArrowLeft" | "ArrowUp" => {
                    Action::Select(first.clone())
                }
                _ => match key_action(&key, &first) {
                    Some(a) => a,
                    None => return,
                },
            };
            e.prevent_default();
            crate::components::dom::note_key_move();
            on.emit(action);
        })
    };
    let cx = (m.x0 + m.x1) / 2.0;
    html! {
        <g class="bubble" role="button" tabindex="0" aria-label={name} {onclick} {onkeydown}>
            <circle class="shape" cx={px(cx)} cy={px(m.y)} r={px(metrics::BUBBLE)} />
            <text x={px(cx)} y={px(m.y + 4.0)} text-anchor="middle">{ &m.label }</text>
        </g>
    }
}

/// The timeline drawing: a plain function of its props, not a component, drawn by the
/// explorer, which redraws exactly when these props change (each component type costs the
/// first load some 0.5 KB).
pub fn timeline_view(props: &TimelineProps) -> Html {
    let l = &props.layout;
    let t = &props.timeline;
    let dragged = props.dragged.clone();
    let axis_y = metrics::AXIS - 8.0;
    // The single tab stop: the selected mark, or the first one.
    let tab_stop = props
        .selected
        .filter(|s| l.marks.iter().any(|m| m.event == *s))
        .or_else(|| l.marks.first().map(|m| m.event));
    let ticks = l.axis.minor.iter().map(|(_, x, label)| {
        html! {
            <g class="tick">
                <line x1={px(*x)} x2={px(*x)} y1={px(axis_y + 2.0)} y2={px(l.height)} />
                <text x={px(*x)} y={px(axis_y - 4.0)} text-anchor="middle">{ label }</text>
            </g>
        }
    });
    let majors = l.axis.major.iter().map(|(x, label)| {
        html! { <text class="major" x={px(*x)} y="13">{ label }</text> }
    });
    let bands = l.bands.iter().enumerate().map(|(i, b)| {
        let label = t.tracks.get(b.track).map(|tr| tr.label.as_str()).unwrap_or_default();
        html! {
            <g class={format!("band track-{}", b.track % 6)}>
                <rect class={if i % 2 == 0 { "band-bg even" } else { "band-bg" }} x="0" y={px(b.y0)}
                    width={px(l.width)} height={px(b.y1 - b.y0)} />
                <text class="band-title" x={px(TITLE_X)} y={px(b.y0 + 15.0)}>{ label }</text>
            </g>
        }
    });
    // Eras: shaded spans over the tracks, each named in the row under the axis (in full in
    // its title where the name is cut).
    let eras = l.eras.iter().map(|e| {
        let full = t.eras.get(e.era).map(|era| era.label.as_str()).unwrap_or_default();
        html! {
            <g class="era">
                <title>{ full }</title>
                <rect class={if e.era % 2 == 0 { "era-bg" } else { "era-bg odd" }} x={px(e.x0)}
                    y={px(metrics::AXIS)} width={px(e.x1 - e.x0)} height={px(l.height - metrics::AXIS)} />
                <text class="era-label" x={px(e.x0 + 4.0)} y={px(metrics::AXIS + 13.0)}>{ &e.label }</text>
            </g>
        }
    });
    let toggles = l.bands.iter().map(|b| {
        let label = t.tracks.get(b.track).map(|tr| tr.label.as_str()).unwrap_or_default();
        // The title is bold capitals with letter spacing: estimated wide, and only the count
        // of a folded track and the focus ring depend on it; the chevron comes first.
        let w = crate::core::layout::text_width(&label.to_ascii_uppercase(), 11.0) * 1.15
            + 0.66 * label.chars().count() as f64;
        let name = format!(
            "{label}, {} events: {}",
            b.count,
            if b.collapsed { "unfold" } else { "fold" }
        );
        let track = b.track;
        let onclick = props.on_action.reform(move |_: MouseEvent| Action::ToggleTrack(track));
        let onkeydown = {
            let on = props.on_action.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    e.stop_propagation();
                    on.emit(Action::ToggleTrack(track));
                }
            })
        };
        let (x, y) = (metrics::MARGIN - 2.0, b.y0 + 11.0);
        let chevron = if b.collapsed {
            format!("M{} {} l5 4 l-5 4", px(x + 1.5), px(y - 4.0))
        } else {
            format!("M{} {} l4 5 l4 -5", px(x), px(y - 3.0))
        };
        html! {
            <g class="band-toggle" role="button" tabindex="0" aria-expanded={if b.collapsed { "false" } else { "true" }}
                aria-label={name} {onclick} {onkeydown}>
                <rect class="focus-ring" x={px(metrics::MARGIN - 6.0)} y={px(b.y0 + 2.0)} width={px(w + 24.0)} height="18" rx="4" />
                <path class="chevron" d={chevron} />
                if b.collapsed {
                    <text class="folded" x={px(TITLE_X + w + 8.0)} y={px(y + 4.0)}>{ format!("{} events", b.count) }</text>
                }
            </g>
        }
    });
    let marks = l.marks.iter().map(|m| {
        if let Shape::Cluster(n) = m.shape {
            let first = t.events.get(m.event).map(|e| e.id.as_str()).unwrap_or_default();
            return bubble(m, n, first, &props.on_action);
        }
        let Some(e) = t.events.get(m.event) else { return html! {} };
        let selected = props.selected == Some(m.event);
        let id = e.id.clone();
        let (onclick, onkeydown) = event_handlers(&props.on_action, &id, dragged.clone(), true);
        let (y, h) = (m.y, 12.0);
        let top = px(y - h / 2.0);
        let w = (m.x1 - m.x0).max(1.0);
        let shape = match m.shape {
            Shape::Point => html! {
                <circle class="shape" cx={px((m.x0 + m.x1) / 2.0)} cy={px(y)} r="6" />
            },
            Shape::Fuzzy => html! {
                <rect class="shape fuzzy" x={px(m.x0)} y={top.clone()} width={px(w)} height={px(h)} rx="6" />
            },
            Shape::Range | Shape::Ongoing | Shape::Cluster(_) => {
                let solid_x0 = m.fuzzy_x1.unwrap_or(m.x0);
                let tip = m.x1;
                html! {
                    <>
                        if let Some(fx) = m.fuzzy_x1 {
                            <rect class="shape fuzzy" x={px(m.x0)} y={top.clone()} width={px((fx - m.x0).max(1.0))} height={px(h)} rx="6" />
                        }
                        <rect class={if m.shape == Shape::Ongoing { "shape open" } else { "shape" }}
                            x={px(solid_x0)} y={top.clone()}
                            width={px((m.x1 - solid_x0 - if m.shape == Shape::Ongoing { 6.0 } else { 0.0 }).max(1.0))}
                            height={px(h)} rx="3" />
                        if m.shape == Shape::Ongoing {
                            <path class="shape arrow" d={format!("M{} {} L{} {} L{} {} Z", px(tip - 8.0), px(y - 8.0), px(tip), px(y), px(tip - 8.0), px(y + 8.0))} />
                        }
                    </>
                }
            }
        };
        let shape_class = match m.shape {
            Shape::Point => "point",
            Shape::Range => "range",
            Shape::Ongoing => "ongoing",
            Shape::Fuzzy => "imprecise",
            Shape::Cluster(_) => "cluster",
        };
        // Classes as one string, here and throughout: `classes!` builds a set of them first,
        // code that cost the first load 1 KB.
        html! {
            <a class={format!("mark {shape_class} track-{}{}", e.track % 6, if selected { " selected" } else { "" })}
                href={crate::core::fragment::format(&id)}
                role="button" tabindex={if tab_stop == Some(m.event) { "0" } else { "-1" }}
                data-event-id={id.clone()} aria-label={m.label.clone()}
                aria-current={selected.then_some("true")}
                {onclick} {onkeydown}>
                <rect class="focus-ring" x={px(m.span.0 - 3.0)} y={px(y - metrics::LANE / 2.0 + 1.0)}
                    width={px(m.span.1 - m.span.0 + 6.0)} height={px(metrics::LANE - 2.0)} rx="5" />
                { shape }
                // What fits: the label in full, or shortened with "…" (the control's name,
                // above, is always the full label).
                <text class="label" x={px(m.label_x)} y={px(y + 4.0)}
                    text-anchor={if m.label_left { "end" } else { "start" }}>{ &m.text }</text>
            </a>
        }
    });
    html! {
        <svg class="timeline" width={px(l.width)} height={px(l.height)}
            viewBox={format!("0 0 {} {}", px(l.width), px(l.height))} role="group"
            aria-label="Timeline of dated events">
            <defs>
                <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect class="hatch-bg" width="6" height="6" />
                    <line class="hatch-line" x1="0" y1="0" x2="0" y2="6" />
                </pattern>
            </defs>
            <g class="axis" aria-hidden="true">
                <line class="axis-line" x1={px(metrics::MARGIN)} x2={px(l.width - metrics::MARGIN)}
                    y1={px(axis_y + 2.0)} y2={px(axis_y + 2.0)} />
                { for ticks }
                { for majors }
            </g>
            <g aria-hidden="true">{ for bands }</g>
            { for eras }
            { for toggles }
            { for marks }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::px;

    #[test]
    fn px_formats_tenths_without_floats() {
        assert_eq!(px(0.0), "0");
        assert_eq!(px(12.34), "12.3");
        assert_eq!(px(12.06), "12.1");
        assert_eq!(px(-3.25), "-3.3");
        assert_eq!(px(-0.04), "0");
        assert_eq!(px(1280.0), "1280");
    }
}
