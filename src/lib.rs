//! Sourceline: a news article as an interactive timeline whose events link back to their
//! sentences.
//!
//! `core` holds everything pure (model, dates, anchors, scale, ticks, layout, state, tagger)
//! and is tested natively; `components` only draws and dispatches.

pub mod components;
pub mod core;

/// Starts the app in the page: installs the panic fallback, then mounts the root component.
#[cfg(target_arch = "wasm32")]
pub fn run() {
    // Through yew, so that mounting the app does not replace it with its own hook.
    yew::set_custom_panic_hook(Box::new(show_fatal));
    // A `?data=` file the page's head is already fetching usually arrives about as soon as
    // the wasm: waiting a moment for it lets the first drawing be the dataset itself, not a
    // "Loading…" stand-in drawn, laid out and painted only to be replaced at once.
    if let Some(url) = components::dom::query_param("data").filter(|u| !u.trim().is_empty()) {
        wasm_bindgen_futures::spawn_local(async move {
            components::dom::settle_early(&url, START_WAIT_MS).await;
            mount();
        });
        return;
    }
    mount();
}

/// How long the app waits for a `?data=` file before showing the stand-in instead.
#[cfg(target_arch = "wasm32")]
const START_WAIT_MS: u32 = 100;

#[cfg(target_arch = "wasm32")]
fn mount() {
    let root = gloo::utils::document().get_element_by_id("app");
    // The handle is dropped on purpose: the app lives as long as the page.
    let _ = match root {
        Some(root) => yew::Renderer::<components::app::App>::with_root(root).render(),
        None => yew::Renderer::<components::app::App>::new().render(),
    };
}

/// Shows the page's static fallback message (it has a plain reload link, which works even
/// though the wasm instance is dead after a panic) and logs the panic.
#[cfg(target_arch = "wasm32")]
fn show_fatal(info: &std::panic::PanicHookInfo<'_>) {
    web_sys::console::error_1(&format!("Sourceline crashed: {info}").into());
    let doc = gloo::utils::document();
    if let Some(el) = doc.get_element_by_id("fatal") {
        let _ = el.remove_attribute("hidden");
    }
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.set_attribute("aria-hidden", "true");
        let _ = app.set_attribute("class", "crashed");
    }
}

// Talc in place of the standard library's dlmalloc: smaller in the wasm and faster to
// allocate (the app and the tagging worker both build many small strings and vectors).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
