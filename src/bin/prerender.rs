//! Writes the app's first view into the built page: the title, the timeline drawing, the
//! legend, the article with its marked passages and the undated list, rendered here with
//! Yew's server-side renderer. The page then shows the sample timeline before its wasm has
//! arrived, and without JavaScript at all; the app replaces it with the same drawing when it
//! starts.
//!
//! Run by Trunk after each build (the `post_build` hook in `Trunk.toml`), so that `trunk
//! serve` and `trunk build` give the same page: it rewrites `$TRUNK_STAGING_DIR/index.html`,
//! or the file given as its argument.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prerender: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> Result<(), String> {
    use std::path::PathBuf;
    let path = match std::env::args_os().nth(1) {
        Some(p) => PathBuf::from(p),
        None => std::env::var_os("TRUNK_STAGING_DIR")
            .map(|d| PathBuf::from(d).join("index.html"))
            .ok_or("give the page's path, or run from a Trunk hook")?,
    };
    let page = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let view = first_view()?;
    let out = sourceline::core::prerender::insert(&page, &view)
        .ok_or("the page has no empty <div id=\"app\"> to fill")?;
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// The app's first view as HTML: the sample timeline at the width it has in a 1280 px window.
#[cfg(not(target_arch = "wasm32"))]
fn first_view() -> Result<String, String> {
    use sourceline::components::app::{App, AppProps, PRERENDER_WIDTH};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("no runtime: {e}"))?;
    let props = AppProps { width: Some(PRERENDER_WIDTH) };
    let render = yew::LocalServerRenderer::<App>::with_props(props).hydratable(false).render();
    Ok(runtime.block_on(render))
}
