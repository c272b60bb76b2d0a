//! Exploring the timeline: the wheel or trackpad zooms at the cursor, a drag pans, two
//! fingers pinch, and the keyboard and buttons zoom, pan and fit. The drawing
//! itself is [`timeline_view`]; the overview strip follows it.

use crate::components::overview::use_overview_strip;
use crate::components::timeline::{timeline_view, TimelineProps};
use crate::core::state::Action;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{PointerEvent, WheelEvent};
use yew::prelude::*;

/// Maps a key on the timeline surface to a view action: + and − zoom, 0 fits, the arrows pan
/// by a tenth of the view, Home and End go to the first and last events.
pub fn view_key(key: &str, width: f64) -> Option<Action> {
    let zoom = |factor| Action::Zoom { factor, anchor: None, width };
    Some(match key {
        "+" | "=" => zoom(1.5),
        "-" | "_" | "−" => zoom(1.0 / 1.5),
        "0" => Action::Fit,
        "ArrowRight" => Action::Pan { dx: width / 10.0, width },
        "ArrowLeft" => Action::Pan { dx: -width / 10.0, width },
        "Home" => Action::Pan { dx: -1e9, width },
        "End" => Action::Pan { dx: 1e9, width },
        _ => return None,
    })
}

/// Pointers down on the surface: for drag-to-pan and two-finger pinch.
#[derive(Default)]
struct Gesture {
    /// Pointer id and its last x, px from the surface's left edge.
    pointers: Vec<(i32, f64)>,
    /// Distance moved since the pointer went down; past a few pixels it is a drag, not a click.
    travel: f64,
}

/// The pointer's x relative to the surface. (Yew delegates events, so `current_target` is
/// not the surface; its node ref is.)
fn surface_x(surface: &NodeRef, e: &web_sys::MouseEvent) -> f64 {
    let left =
        surface.cast::<web_sys::Element>().map_or(0.0, |el| el.get_bounding_client_rect().left());
    f64::from(e.client_x()) - left
}

/// The timeline with its zoom controls and a pannable, zoomable surface, or nothing when it
/// is not `shown` (the reading order is): a hook of the page rather than a component of its
/// own (each component type costs the first load some 0.5 KB), so called on every drawing of
/// the page, shown or not.
#[hook]
pub fn use_explorer(props: &TimelineProps, shown: bool) -> Html {
    let l = &props.layout;
    let width = l.width;
    let surface = use_node_ref();
    let gesture = use_mut_ref(Gesture::default);
    // Set when a drag ends over a mark, so that its click does not also select it.
    let dragged = use_memo((), |_| Rc::new(Cell::new(false)));
    let overview = use_overview_strip(props);

    // The wheel listener is registered by hand: it must be able to prevent page scrolling,
    // which a passive listener cannot.
    {
        let (surface, on) = (surface.clone(), props.on_action.clone());
        // Again when the surface comes back from the reading order: it is a new element.
        use_effect_with((width.round() as i64, shown), move |_| {
            let listener = surface.clone().cast::<web_sys::Element>().map(|el| {
                let opts = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&el, "wheel", opts, move |e| {
                    let Some(w) = e.dyn_ref::<WheelEvent>() else { return };
                    e.prevent_default();
                    let unit = if w.delta_mode() == 1 { 16.0 } else { 1.0 };
                    let (dx, dy) = (w.delta_x() * unit, w.delta_y() * unit);
                    if dx.abs() > dy.abs() {
                        on.emit(Action::Pan { dx, width });
                    } else {
                        let factor = crate::core::scale::within(-dy * 0.0015, -1.0, 1.0).exp();
                        on.emit(Action::Zoom {
                            factor,
                            anchor: Some(surface_x(&surface, w)),
                            width,
                        });
                    }
                })
            });
            move || drop(listener)
        });
    }
    // After every hook, which run whether it shows or not.
    if !shown {
        return Html::default();
    }
    let onpointerdown = {
        let (gesture, surface) = (gesture.clone(), surface.clone());
        Callback::from(move |e: PointerEvent| {
            let mut g = gesture.borrow_mut();
            if g.pointers.is_empty() {
                g.travel = 0.0;
            }
            g.pointers.retain(|p| p.0 != e.pointer_id());
            g.pointers.push((e.pointer_id(), surface_x(&surface, &e)));
        })
    };
    let onpointermove = {
        let (gesture, on, dragged, surface) =
            (gesture.clone(), props.on_action.clone(), dragged.clone(), surface.clone());
        Callback::from(move |e: PointerEvent| {
            let mut g = gesture.borrow_mut();
            let x = surface_x(&surface, &e);
            let Some(i) = g.pointers.iter().position(|p| p.0 == e.pointer_id()) else { return };
            let before = g.pointers.clone();
            g.pointers[i].1 = x;
            g.travel += (x - before[i].1).abs();
            if g.travel < 4.0 {
                return;
            }
            if let Some(el) = surface.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            dragged.set(true);
            match (before.as_slice(), g.pointers.as_slice()) {
                ([a, b], [c, d]) => {
                    let (was, now) = ((a.1 - b.1).abs(), (c.1 - d.1).abs());
                    if was > 8.0 && now > 8.0 {
                        let anchor = Some((c.1 + d.1) / 2.0);
                        on.emit(Action::Zoom { factor: now / was, anchor, width });
                    }
                }
                _ => on.emit(Action::Pan { dx: before[i].1 - x, width }),
            }
        })
    };
    let onpointerup = {
        let gesture = gesture.clone();
        Callback::from(move |e: PointerEvent| {
            gesture.borrow_mut().pointers.retain(|p| p.0 != e.pointer_id());
        })
    };
    let onkeydown = {
        let on = props.on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(a) = view_key(&e.key(), width) {
                e.prevent_default();
                on.emit(a);
            }
        })
    };
    let button = |label: &'static str, text: &'static str, action: Action| {
        let on = props.on_action.clone();
        let onclick = Callback::from(move |_: MouseEvent| on.emit(action.clone()));
        html! { <button type="button" aria-label={label} title={label} {onclick}>{ text }</button> }
    };
    let controls = html! {
        <div class="timeline-controls">
            { button("Zoom in", "+", Action::Zoom { factor: 1.5, anchor: None, width }) }
            { button("Zoom out", "−", Action::Zoom { factor: 1.0 / 1.5, anchor: None, width }) }
            { button("Fit everything", "Fit", Action::Fit) }
            if l.hidden > 0 {
                <span class="note">{ format!("{} more outside the view", l.hidden) }</span>
            }
        </div>
    };
    let onclick = {
        let dragged = dragged.clone();
        // A drag that ends off the marks leaves nothing to suppress.
        Callback::from(move |_: MouseEvent| dragged.set(false))
    };
    html! {
        <>
            { controls }
            <div class="timeline-surface" ref={surface} tabindex="0" role="group"
                aria-label="Timeline view. Plus and minus zoom, the arrow keys pan, 0 fits everything; Tab reaches the events."
                {onkeydown} {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup} {onclick}>
                { timeline_view(&TimelineProps { dragged: (*dragged).clone(), ..props.clone() }) }
            </div>
            { overview }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::view_key;
    use crate::core::state::Action;

    #[test]
    fn keys_zoom_pan_and_fit() {
        assert_eq!(view_key("0", 800.0), Some(Action::Fit));
        assert_eq!(view_key("ArrowRight", 800.0), Some(Action::Pan { dx: 80.0, width: 800.0 }));
        assert!(
            matches!(view_key("+", 800.0), Some(Action::Zoom { factor, anchor: None, .. }) if factor > 1.0)
        );
        assert!(
            matches!(view_key("-", 800.0), Some(Action::Zoom { factor, anchor: None, .. }) if factor < 1.0)
        );
        assert_eq!(view_key("x", 800.0), None);
    }
}
