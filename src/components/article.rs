//! The article, with every passage a `<mark data-events="…">`; clicking one selects its event.

use crate::components::event_name;
use crate::core::model::Timeline;
use crate::core::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Article`].
#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    /// The article and its events.
    pub timeline: Rc<Timeline>,
    /// The selected event.
    pub selected: Option<usize>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// Which of a passage's events a click selects: the one after the selected one when the
/// passage states several, so repeated clicks cycle through them.
pub fn next_of(events: &[usize], selected: Option<usize>) -> Option<usize> {
    let at = selected.and_then(|s| events.iter().position(|&e| e == s));
    match at {
        Some(p) => events.get((p + 1) % events.len()).copied(),
        None => events.first().copied(),
    }
}

/// The article text with its passages marked.
#[function_component(Article)]
pub fn article(props: &ArticleProps) -> Html {
    let t = &props.timeline;
    let paragraphs = use_memo(Rc::as_ptr(t) as usize, {
        let t = t.clone();
        move |_| t.paragraphs()
    });
    let paras = paragraphs.iter().enumerate().map(|(n, segments)| {
        let segs = segments.iter().map(|s| {
            let text = t.text.get(s.range.clone()).unwrap_or_default();
            if s.events.is_empty() {
                return html! { { text } };
            }
            let ids: Vec<&str> = s.events.iter().filter_map(|&i| t.events.get(i)).map(|e| e.id.as_str()).collect();
            let current = props.selected.is_some_and(|sel| s.events.contains(&sel));
            let names: Vec<String> = s.events.iter().filter_map(|&i| t.events.get(i)).map(event_name).collect();
            let pick = {
                let (on, t, events, selected) = (props.on_action.clone(), t.clone(), s.events.clone(), props.selected);
                move || {
                    if let Some(e) = next_of(&events, selected).and_then(|i| t.events.get(i)) {
                        on.emit(Action::SelectFromText(e.id.clone()));
                    }
                }
            };
            let onclick = {
                let pick = pick.clone();
                Callback::from(move |_: MouseEvent| pick())
            };
            let onkeydown = Callback::from(move |ev: KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    pick();
                }
            });
            html! {
                <mark id={format!("p-{}", s.range.start)} class={classes!("passage", current.then_some("current"))}
                    data-events={ids.join(" ")} aria-current={current.then_some("true")}
                    tabindex="0" title={format!("On the timeline: {}", names.join("; "))}
                    {onclick} {onkeydown}>{ text }</mark>
            }
        });
        let first = segments.first().and_then(|s| t.text.get(s.range.clone())).unwrap_or_default();
        if n == 0 && first.trim() == t.title.trim() {
            html! { <h3 class="headline">{ for segs }</h3> }
        } else {
            html! { <p>{ for segs }</p> }
        }
    });
    html! { <article class="article">{ for paras }</article> }
}

#[cfg(test)]
mod tests {
    use super::next_of;

    #[test]
    fn clicks_cycle_through_a_passages_events() {
        assert_eq!(next_of(&[3, 5], None), Some(3));
        assert_eq!(next_of(&[3, 5], Some(3)), Some(5));
        assert_eq!(next_of(&[3, 5], Some(5)), Some(3));
        assert_eq!(next_of(&[3, 5], Some(9)), Some(3));
        assert_eq!(next_of(&[], None), None);
    }
}
