//! The web app's entry point: only wiring.

fn main() {
    #[cfg(target_arch = "wasm32")]
    sourceline::run();
}

/// Panics on purpose, so that browser tests can check the fallback message.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn sourceline_test_panic() {
    panic!("test panic requested");
}
