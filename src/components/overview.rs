//! The overview strip under the timeline: the whole span, where the events fall, and the
//! visible window as a brush. Dragging the brush pans the timeline; a press beside it centres
//! the view there; with the keyboard, the arrows move it and Home and End go to the ends.

use crate::components::timeline::{px, TimelineProps};
use crate::core::date::ymd;
use crate::core::overview::{centred, dragged, overview};
use crate::core::scale::Limits;
use crate::core::state::Action;
use web_sys::PointerEvent;
use yew::prelude::*;

/// Height of the strip, px.
const HEIGHT: f64 = 36.0;

/// A drag of the brush in progress: the pointer, where it went down, and the view then.
struct Drag {
    pointer: i32,
    x: f64,
    view: (f64, f64),
}

/// The overview strip: a hook of the explorer, which shows it under the timeline, rather than
/// a component of its own (each component type costs the first load some 0.5 KB).
#[hook]
pub fn use_overview_strip(props: &TimelineProps) -> Html {
    let l = &props.layout;
    let t = &props.timeline;
    let view = l.scale.domain;
    let width = l.width;
    // The strip and its bars (as one path: one element however many events there are)
    // depend on the timeline and the width only; panning moves just the brush.
    let strip = {
        let t = t.clone();
        // Bins of 4 px: fine enough to show clusters, few enough to draw as one path.
        let key = (std::rc::Rc::as_ptr(&t) as usize, width.round() as i64);
        use_memo(key, move |_| {
            let o = overview(&t, width, (width / 4.0) as usize);
            let mut d = String::new();
            for &(x, w, h) in &o.bars {
                let (base, top, w) = (HEIGHT - 4.0, HEIGHT - 4.0 - h * (HEIGHT - 10.0), w.max(1.0));
                d.push_str(&format!("M{} {}h{}V{}h-{}Z", px(x), px(base), px(w), px(top), px(w)));
            }
            (o, d)
        })
    };
    let (o, d) = (&strip.0, strip.1.clone());
    // The strip's scale spans the data, as the timeline's limits do.
    let limits = Limits::around(o.scale.domain);
    let svg = use_node_ref();
    let drag = use_mut_ref(|| None::<Drag>);
    let x_of = {
        let svg = svg.clone();
        move |e: &PointerEvent| {
            let left = svg
                .cast::<web_sys::Element>()
                .map_or(0.0, |el| el.get_bounding_client_rect().left());
            f64::from(e.client_x()) - left
        }
    };
    let onpointerdown = {
        let (drag, on, svg, x_of, scale) =
            (drag.clone(), props.on_action.clone(), svg.clone(), x_of.clone(), o.scale);
        Callback::from(move |e: PointerEvent| {
            let x = x_of(&e);
            let mut start = view;
            // A press beside the brush centres the view there first, then drags it.
            if x < scale.x(view.0) || x > scale.x(view.1) {
                start = centred(view, x, &scale, &limits);
                on.emit(Action::View(start.0, start.1));
            }
            if let Some(el) = svg.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            *drag.borrow_mut() = Some(Drag { pointer: e.pointer_id(), x, view: start });
        })
    };
    let onpointermove = {
        let (drag, on, scale) = (drag.clone(), props.on_action.clone(), o.scale);
        Callback::from(move |e: PointerEvent| {
            let d = drag.borrow();
            let Some(d) = d.as_ref().filter(|d| d.pointer == e.pointer_id()) else { return };
            let to = dragged(d.view, x_of(&e) - d.x, &scale, &limits);
            on.emit(Action::View(to.0, to.1));
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None)
    };
    let onkeydown = {
        let (on, scale) = (props.on_action.clone(), o.scale);
        Callback::from(move |e: KeyboardEvent| {
            let span_px = scale.x(view.1) - scale.x(view.0);
            let dx = match e.key().as_str() {
                "ArrowRight" | "ArrowUp" => span_px / 4.0,
                "ArrowLeft" | "ArrowDown" => -span_px / 4.0,
                "PageUp" => span_px,
                "PageDown" => -span_px,
                "Home" => -1e9,
                "End" => 1e9,
                _ => return,
            };
            e.prevent_default();
            let to = dragged(view, dx, &scale, &limits);
            on.emit(Action::View(to.0, to.1));
        })
    };
    let (b0, b1) = o.brush(view);
    let (from, to) = (ymd(view.0).0, ymd(view.1).0);
    let (first, last) = (ymd(o.scale.domain.0).0, ymd(o.scale.domain.1).0);
    let text = format!("Showing {from} to {to}");
    html! {
        <svg class="overview" ref={svg} width={px(width)} height={px(HEIGHT)}
            viewBox={format!("0 0 {} {}", px(width), px(HEIGHT))}
            {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}>
            <path class="density" d={d} />
            <rect class="brush" x={px(b0)} y="1" width={px((b1 - b0).max(4.0))} height={px(HEIGHT - 2.0)}
                rx="3" tabindex="0" role="slider" aria-label="Visible part of the timeline"
                aria-orientation="horizontal"
                aria-valuemin={first.to_string()} aria-valuemax={last.to_string()}
                aria-valuenow={((from + to) / 2).to_string()} aria-valuetext={text}
                {onkeydown} />
        </svg>
    }
}
