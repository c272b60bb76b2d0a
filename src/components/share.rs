//! "Share": a disclosure in the toolbar with the link to this view and its selected event, and
//! the `<iframe>` snippet of the embed view, each in a read-only field with a Copy button.
//! Drawn from its arguments alone; opening and closing are the `<details>` element's own, and
//! the callbacks do the rest in the DOM (select, copy, report), so it needs no state.

use crate::components::dom;
use crate::core::model::Timeline;
use crate::core::share::{links, snippet};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The Share control for the page at `href` (empty on the host, where it is drawn closed and
/// empty) showing `t` with `selected`; `own` for the reader's own article, which only this
/// browser keeps, so that the link cannot carry it.
pub fn share(href: &str, t: &Timeline, selected: Option<usize>, own: bool) -> Html {
    let id = selected.and_then(|i| t.events.get(i)).map(|e| e.id.as_str());
    let (link, embed) = links(href, id);
    html! {
        <details class="share" onkeydown={Callback::from(close)}>
            <summary class="button">{ "Share" }</summary>
            if !href.is_empty() {
                <div class="share-panel">
                    { field("share-link", "Link to this view", "Copy link", link) }
                    { field("share-embed", "Embed code (iframe)", "Copy embed code", snippet(&embed, &t.title)) }
                    if own {
                        <p class="note">{ "Your own article stays in this browser: export it and publish it to share it." }</p>
                    }
                    <p class="note" id="share-status" role="status"></p>
                </div>
            }
        </details>
    }
}

/// A read-only field and its Copy button.
fn field(id: &'static str, label: &'static str, button: &'static str, value: String) -> Html {
    html! {
        <>
            <label for={id}>{ label }</label>
            <input type="text" {id} readonly=true {value} />
            <button type="button" onclick={Callback::from(move |_: MouseEvent| copy(id))}>{ button }</button>
        </>
    }
}

/// Escape closes the panel, and focus returns to the Share button.
fn close(e: KeyboardEvent) {
    if let (true, Some(details)) = (e.key() == "Escape", dom::query(".share")) {
        let _ = details.remove_attribute("open");
        if let Some(summary) = dom::query(".share summary") {
            dom::focus(&summary);
        }
    }
}

/// Copies the field `id` to the clipboard and says whether it worked. The field is focused and
/// its text selected first, so that where the clipboard refuses, Ctrl+C copies it.
fn copy(id: &str) {
    // One of the two fields drawn above, by its id.
    let Some(input) = gloo::utils::document().get_element_by_id(id) else { return };
    let input: HtmlInputElement = input.unchecked_into();
    let _ = input.focus();
    input.select();
    let said = |ok: bool| {
        let text = if ok {
            "Copied."
        } else {
            "Not copied: press Ctrl+C (⌘C) to copy the selected text."
        };
        if let Some(status) = dom::query("#share-status") {
            status.set_text_content(Some(text));
        }
    };
    match dom::copy(&input.value()) {
        Some(p) => wasm_bindgen_futures::spawn_local(async move {
            said(wasm_bindgen_futures::JsFuture::from(p).await.is_ok())
        }),
        None => said(false),
    }
}
