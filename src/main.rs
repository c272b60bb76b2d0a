//! The web app's entry point: only wiring.

fn main() {
    #[cfg(target_arch = "wasm32")]
    sourceline::run();
}
