//! The few DOM operations the app needs, each failing quietly: a missing element or an old
//! browser must never take the page down.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// The current URL fragment, with its `#`.
pub fn fragment() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Adds a history entry whose URL differs from the current one only by `fragment`, so that
/// Back and Forward step through selections.
pub fn push_fragment(fragment: &str) {
    let _ = gloo::utils::window()
        .history()
        .and_then(|h| h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment)));
}

fn reduced_motion() -> bool {
    gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The first element matching a CSS selector.
pub fn query(selector: &str) -> Option<Element> {
    gloo::utils::document().query_selector(selector).ok().flatten()
}

/// Scrolls `el` into the middle of its scroll container, smoothly unless the reader asked
/// for reduced motion.
pub fn scroll_to_middle(el: &Element) {
    let opts = ScrollIntoViewOptions::new();
    opts.set_block(ScrollLogicalPosition::Center);
    opts.set_inline(ScrollLogicalPosition::Nearest);
    opts.set_behavior(if reduced_motion() {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    });
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Moves keyboard focus to `el`.
pub fn focus(el: &Element) {
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    } else if let Some(s) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = s.focus();
    }
}

/// True when keyboard focus is on an event control (a timeline mark or an undated item).
pub fn focus_on_event_control() -> bool {
    gloo::utils::document().active_element().is_some_and(|a| a.has_attribute("data-event-id"))
}
