//! Yew components: they draw state and dispatch actions, nothing more. DOM work lives in
//! effects and callbacks (see `dom`), and every listener is dropped on cleanup.

pub mod actors;
pub mod app;
pub mod article;
pub mod details;
pub mod dom;
pub mod editor;
pub mod event_list;
pub mod explorer;
pub mod jobs;
pub mod legend;
pub mod open;
pub mod overview;
pub mod reader;
pub mod reading;
pub mod share;
pub mod timeline;
pub mod undated;
pub mod views;

use crate::core::state::{Action, AppState};
use std::rc::Rc;
use yew::Reducible;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(AppState::reduce(&self, action))
    }
}

/// The accessible name of an event control: its date and headline.
pub fn event_name(e: &crate::core::model::Event) -> String {
    match e.when {
        Some(w) => format!("{}: {}", w.label(), e.headline),
        None => format!("Undated: {}", e.headline),
    }
}
