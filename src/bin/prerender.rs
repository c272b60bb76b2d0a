//! Writes the app's first view into the built page: the title, the timeline drawing, the
//! legend, the article with its marked passages and the undated list, rendered here with
//! Yew's server-side renderer. The page then shows the sample timeline before its wasm has
//! arrived, and without JavaScript at all; the app replaces it with the same drawing when it
//! starts. It also writes the sample's data into the page, for the app. The drawings come
//! laid out for a wide and a narrow screen (see `sourceline::core::prerender`), the page's
//! styles showing the one that fits.
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
    use sourceline::components::app::{PRERENDER_NARROW_WIDTH, PRERENDER_WIDTH};
    use sourceline::components::app::{SEED_ARTICLE, SEED_EVENTS};
    use sourceline::core::prerender::{before_body_end, both_widths, insert, seed_scripts};
    use std::path::PathBuf;
    let path = match std::env::args_os().nth(1) {
        Some(p) => PathBuf::from(p),
        None => std::env::var_os("TRUNK_STAGING_DIR")
            .map(|d| PathBuf::from(d).join("index.html"))
            .ok_or("give the page's path, or run from a Trunk hook")?,
    };
    let page = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (wide, narrow) = (first_view(PRERENDER_WIDTH)?, first_view(PRERENDER_NARROW_WIDTH)?);
    let view =
        both_widths(&wide, &narrow).ok_or("the wide and narrow renderings do not pair up")?;
    let out = insert(&page, &view).ok_or("the page has no empty <div id=\"app\"> to fill")?;
    let seed = seed_scripts(SEED_EVENTS, SEED_ARTICLE).ok_or("assets/events.json is not JSON")?;
    let out = before_body_end(&out, &seed).ok_or("the page has no </body>")?;
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// The app's first view as HTML: the sample timeline laid out `width` pixels wide.
#[cfg(not(target_arch = "wasm32"))]
fn first_view(width: f64) -> Result<String, String> {
    use sourceline::components::app::{App, AppProps};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("no runtime: {e}"))?;
    let props = AppProps { width: Some(width) };
    let render = yew::LocalServerRenderer::<App>::with_props(props).hydratable(false).render();
    Ok(runtime.block_on(render))
}
