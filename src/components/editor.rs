//! Editing an event: rename it, correct its date, merge it into another, or delete it.

use crate::core::model::{End, Timeline, When};
use crate::core::state::Action;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`Editor`].
#[derive(Properties)]
pub struct EditorProps {
    /// The events.
    pub timeline: Rc<Timeline>,
    /// The event being edited.
    pub index: usize,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

// The timeline by pointer, as in `article::ArticleProps`.
impl PartialEq for EditorProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline)
            && (self.index, &self.on_action) == (other.index, &other.on_action)
    }
}

/// The `value` of the event's control: an input's, or a select's, read the same way (the DOM's
/// `value` property), so that one binding and one callback type serve both.
fn value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// The editing controls for one event.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let t = &props.timeline;
    let Some(e) = t.events.get(props.index) else { return html! {} };
    let w = e.when;
    let headline = use_state(|| e.headline.clone());
    let start = use_state(|| w.map(|w| w.start.value()).unwrap_or_default());
    let modifier = use_state(|| {
        w.and_then(|w| w.start.modifier).map(|m| m.as_timeml().to_string()).unwrap_or_default()
    });
    let end = use_state(|| match w.map(|w| w.end) {
        Some(End::Until(d)) => d.value(),
        _ => String::new(),
    });
    let ongoing = use_state(|| matches!(w.map(|w| w.end), Some(End::Ongoing)));
    let target = use_state(|| {
        t.events.iter().find(|o| o.id != e.id).map(|o| o.id.clone()).unwrap_or_default()
    });
    // Empty for none: one state type fewer than an `Option` (each adds its own code).
    let error = use_state(String::new);
    // The controls exist only while the editor is open: its merge list names every other
    // event, and with ten thousand of them, building it on each selection took a second.
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open"))
        })
    };

    let rename = {
        let (on, h) = (props.on_action.clone(), headline.clone());
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            on.emit(Action::Rename((*h).clone()));
        })
    };
    let redate = {
        let (on, start, modifier, end, ongoing, error) = (
            props.on_action.clone(),
            start.clone(),
            modifier.clone(),
            end.clone(),
            ongoing.clone(),
            error.clone(),
        );
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            if start.trim().is_empty() {
                error.set(String::new());
                on.emit(Action::Redate(None));
                return;
            }
            let m = Some(modifier.as_str()).filter(|m| !m.is_empty());
            match When::parse(&start, m, &end, *ongoing) {
                Ok(w) => {
                    error.set(String::new());
                    on.emit(Action::Redate(Some(w)));
                }
                Err(m) => error.set(m),
            }
        })
    };
    let merge = {
        let (on, target) = (props.on_action.clone(), target.clone());
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            on.emit(Action::Merge((*target).clone()));
        })
    };
    let delete = props.on_action.reform(|_: MouseEvent| Action::Delete);
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: Event| s.set(value(&e)))
    };
    let on_headline = {
        let h = headline.clone();
        Callback::from(move |e: InputEvent| {
            h.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_ongoing = {
        let o = ongoing.clone();
        Callback::from(move |e: Event| {
            o.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let others = t.events.iter().filter(|o| o.id != e.id).map(|o| {
        html! { <option value={o.id.clone()} selected={*target == o.id}>{ crate::components::event_name(o) }</option> }
    });
    let mods =
        [("", "exact"), ("START", "early"), ("MID", "mid"), ("END", "late"), ("APPROX", "around")];
    if !*open {
        return html! {
            <details class="editor" {ontoggle}><summary>{ "Edit this event" }</summary></details>
        };
    }
    html! {
        <details class="editor" {ontoggle}>
            <summary>{ "Edit this event" }</summary>
            <form class="row" onsubmit={rename}>
                <label for="edit-headline">{ "Headline" }</label>
                <input id="edit-headline" type="text" value={(*headline).clone()} oninput={on_headline} />
                <button type="submit">{ "Rename" }</button>
            </form>
            <form class="date-form" onsubmit={redate}>
                <fieldset>
                    <legend>{ "Date" }</legend>
                    <label for="edit-start">{ "Start" }</label>
                    <input id="edit-start" type="text" inputmode="numeric" value={(*start).clone()} onchange={set(&start)}
                        placeholder="1994, 2008-04, 2008-04-03, 200" aria-describedby="edit-date-note" />
                    <label for="edit-mod">{ "Precision" }</label>
                    <select id="edit-mod" onchange={set(&modifier)}>
                        { for mods.iter().map(|(v, l)| html! { <option value={*v} selected={*modifier == *v}>{ *l }</option> }) }
                    </select>
                    <label for="edit-end">{ "End" }</label>
                    <input id="edit-end" type="text" inputmode="numeric" value={(*end).clone()} onchange={set(&end)} placeholder="none" />
                    <label class="check"><input type="checkbox" checked={*ongoing} onchange={on_ongoing} />{ " ongoing" }</label>
                    <p id="edit-date-note" class="note">{ "TimeML values: 1994, 2008-04, 2008-04-03, or 200 for the 2000s. Leave Start empty for undated." }</p>
                    if !error.is_empty() { <p class="error" role="alert">{ &*error }</p> }
                    <button type="submit">{ "Save date" }</button>
                </fieldset>
            </form>
            if t.events.len() > 1 {
                <form class="row" onsubmit={merge}>
                    <label for="edit-merge">{ "Merge into" }</label>
                    <select id="edit-merge" onchange={set(&target)}>{ for others }</select>
                    <button type="submit">{ "Merge" }</button>
                </form>
            }
            <p><button type="button" class="danger" onclick={delete}>{ "Delete this event" }</button></p>
        </details>
    }
}
