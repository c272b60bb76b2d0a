//! Fuzz target `exchange`: see `targets.rs`.
#![no_main]

// Each target uses one of the shared bodies.
#[allow(dead_code)]
#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::exchange(data));
