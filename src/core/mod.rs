//! The pure core: no yew, no web-sys. Everything here builds and tests natively.

pub mod actors;
pub mod anchor;
pub mod by_actor;
pub mod cluster;
pub mod date;
pub mod events;
pub mod exchange;
pub mod extract;
pub mod fragment;
pub mod headline;
pub mod input;
pub mod json;
pub mod layout;
pub mod merge;
pub mod model;
pub mod overview;
pub mod prerender;
pub mod scale;
pub mod share;
pub mod state;
pub mod svg;
pub mod tagger;
pub mod ticks;
pub mod timeml;

/// The next number of a tiny deterministic generator (xorshift64), shared by the core's
/// randomised tests. `state` must not be zero.
#[cfg(test)]
pub(crate) fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}
