//! The reading-order view: where the article mentions each event (top to bottom, as it is
//! read) against when it happened (left to right, as on the timeline). Selecting a dot selects
//! its event and scrolls the article to that mention; the selection is the timeline's.

use crate::components::event_name;
use crate::components::timeline::{px, TimelineProps};
use crate::core::model::letter;
use crate::core::overview::{reading, READING_AXIS};
use crate::core::state::Action;
use yew::prelude::*;

/// Height of the plot, px.
const HEIGHT: f64 = 360.0;
/// Mentions closer than this, px, share a dot.
const CELL: f64 = 6.0;
/// At most about this many dots: beyond, cells grow so that the plot stays light to draw.
const MAX_DOTS: f64 = 1500.0;

/// The reading-order plot: a plain function, not a component (each component type costs the
/// first load some 0.5 KB), drawn with the page while this view is chosen. In this view the
/// page draws on a new selection, timeline or width, as the plot's own memo once did.
pub fn reading_view(props: &TimelineProps) -> Html {
    let t = &props.timeline;
    let width = props.layout.width;
    let selected = props.selected;
    let r = {
        let mentions: usize = t.events.iter().map(|e| e.passages.len()).sum();
        let cell =
            if mentions as f64 > MAX_DOTS { (width * HEIGHT / MAX_DOTS).sqrt() } else { CELL };
        let cell = cell.max(CELL);
        (reading(t, width, HEIGHT, cell, selected), cell)
    };
    // A target of 24 px around each dot where dots are sparse, never reaching into the next
    // cell where they are dense.
    let hit = px(if r.0.dots.len() > 200 { r.1 / 2.0 } else { 12.0 });
    let r = &r.0;
    // One tab stop, as on the timeline: the selected event's first dot, or the first dot.
    let stop = r.dots.iter().position(|d| Some(d.event) == selected).unwrap_or(0);
    let dots = r.dots.iter().enumerate().map(|(k, d)| {
        let Some(e) = t.events.get(d.event) else { return Html::default() };
        let (id, n) = (e.id.clone(), d.passage);
        let pick = {
            let on = props.on_action.clone();
            move || {
                on.emit(Action::Select(id.clone()));
                on.emit(Action::Reveal(n));
            }
        };
        // Arrow keys walk the dots in reading order.
        let step = |k: Option<usize>| k.and_then(|k| r.dots.get(k)).map(|d| (d.event, d.passage));
        let (prev, next) = (step(k.checked_sub(1)), step(Some(k + 1)));
        let onkeydown = {
            let (on, t, pick) = (props.on_action.clone(), t.clone(), pick.clone());
            Callback::from(move |ev: KeyboardEvent| {
                let to = match ev.key().as_str() {
                    "Enter" | " " => {
                        ev.prevent_default();
                        return pick();
                    }
                    "ArrowDown" | "ArrowRight" => next,
                    "ArrowUp" | "ArrowLeft" => prev,
                    _ => return,
                };
                ev.prevent_default();
                if let Some((e, n)) = to.and_then(|(e, n)| Some((t.events.get(e)?.id.clone(), n))) {
                    on.emit(Action::Select(e));
                    on.emit(Action::Reveal(n));
                }
            })
        };
        let onclick = Callback::from(move |_: MouseEvent| pick());
        let current = Some(d.event) == selected;
        let more = if d.count > 1 { format!(" (and {} more mentions here)", d.count - 1) } else { String::new() };
        let name = format!("{}, mention {} of {}{more}", event_name(e), n + 1, e.passages.len());
        let (x0, x1) = d.x;
        html! {
            <g class={if current { "dot current" } else { "dot" }} role="button"
                tabindex={if k == stop { "0" } else { "-1" }} aria-label={name}
                aria-current={current.then_some("true")} data-event-id={e.id.clone()}
                {onclick} {onkeydown}>
                if x1 - x0 > 1.0 {
                    <line class="span" x1={px(x0)} x2={px(x1)} y1={px(d.y)} y2={px(d.y)} />
                }
                <circle class="shape" cx={px(x0)} cy={px(d.y)} r={px(if d.count > 1 { 5.0 } else { 3.5 })} />
                // A larger invisible target, so that a small dot is easy to hit.
                <circle class="hit" cx={px(x0)} cy={px(d.y)} r={hit.clone()} />
            </g>
        }
    });
    let ticks = r.axis.minor.iter().map(|(_, x, label)| {
        html! {
            <g class="tick">
                <line x1={px(*x)} x2={px(*x)} y1={px(READING_AXIS - 6.0)} y2={px(r.height)} />
                <text x={px(*x)} y={px(READING_AXIS - 10.0)} text-anchor="middle">{ label }</text>
            </g>
        }
    });
    // Several sources: each one's row starts with a rule and its letter and title.
    let sources = t.sources.iter().zip(&r.starts).enumerate().filter(|_| t.sources.len() > 1);
    let sources = sources.map(|(k, (s, &y))| {
        html! {
            <g class="source-row">
                <line x1="0" x2={px(r.width)} y1={px(y)} y2={px(y)} />
                <text class="band-title" x="4" y={px(y + 12.0)}>{ letter(k) }{ " · " }{ &s.title }</text>
            </g>
        }
    });
    html! {
        <figure class="reading">
            <figcaption class="hint">{ "How the article moves through time: each dot is a mention, read from top to bottom, placed at the date it states." }</figcaption>
            <svg class="timeline reading-plot" width={px(r.width)} height={px(r.height)}
                viewBox={format!("0 0 {} {}", px(r.width), px(r.height))} role="group"
                aria-label="Mentions in reading order. Arrow keys move from one mention to the next.">
                if t.sources.len() < 2 {
                    <text class="band-title" x="4" y={px(READING_AXIS + 12.0)}>{ "Start of article" }</text>
                }
                { for sources }
                <text class="band-title" x="4" y={px(r.height - 10.0)}>{ "End" }</text>
                { for ticks }
                { for dots }
            </svg>
        </figure>
    }
}
