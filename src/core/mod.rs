//! The pure core: no yew, no web-sys. Everything here builds and tests natively.

pub mod anchor;
pub mod cluster;
pub mod date;
pub mod extract;
pub mod fragment;
pub mod input;
pub mod layout;
pub mod model;
pub mod overview;
pub mod scale;
pub mod state;
pub mod tagger;
pub mod ticks;
pub mod timeml;
