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
//!
//! A site published with a timeline of its own (`make dist DATA=timeline.json`, or
//! `ARTICLE=article.txt DATE=YYYY-MM-DD`) has that one in place of the sample: the Makefile
//! passes the files' absolute paths and the date in `SOURCELINE_DATA`, `SOURCELINE_ARTICLE`
//! and `SOURCELINE_DATE` (Trunk hands its environment on to its hooks), and the page's title
//! and description name it. A dataset that does not load, or an article without a date,
//! fails the build. `prerender --check` only checks those, before a build.

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
    use sourceline::core::prerender::{retitled, seed_texts};
    use std::path::PathBuf;
    let published = publication()?;
    if std::env::args_os().nth(1).is_some_and(|a| a == "--check") {
        return Ok(());
    }
    let path = match std::env::args_os().nth(1) {
        Some(p) => PathBuf::from(p),
        None => std::env::var_os("TRUNK_STAGING_DIR")
            .map(|d| PathBuf::from(d).join("index.html"))
            .ok_or("give the page's path, or run from a Trunk hook")?,
    };
    let mut page =
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (events, article) = match &published {
        Some(t) => {
            let (events, article) = seed_texts(t);
            sourceline::components::app::publish(events.clone(), article.clone());
            page = retitled(&page, &t.title).ok_or("the page has no <title> or description")?;
            (events, article)
        }
        None => (SEED_EVENTS.to_string(), SEED_ARTICLE.to_string()),
    };
    let (wide, narrow) = (first_view(PRERENDER_WIDTH)?, first_view(PRERENDER_NARROW_WIDTH)?);
    let view =
        both_widths(&wide, &narrow).ok_or("the wide and narrow renderings do not pair up")?;
    let out = insert(&page, &view).ok_or("the page has no empty <div id=\"app\"> to fill")?;
    let seed = seed_scripts(&events, &article).ok_or("the default events are not JSON")?;
    let out = before_body_end(&out, &seed).ok_or("the page has no </body>")?;
    std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// The timeline the site is published with, from the files and date the environment names
/// (see the top of this file), or `None` for the sample.
#[cfg(not(target_arch = "wasm32"))]
fn publication() -> Result<Option<sourceline::core::model::Timeline>, String> {
    use std::path::PathBuf;
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let names = [("SOURCELINE_DATA", "DATA="), ("SOURCELINE_ARTICLE", "ARTICLE=")];
    let read = |(name, make): (&str, &str)| -> Result<Option<(PathBuf, Vec<u8>)>, String> {
        let Some(path) = var(name).map(PathBuf::from) else { return Ok(None) };
        let bytes =
            std::fs::read(&path).map_err(|e| format!("{} ({make}): {e}", path.display()))?;
        Ok(Some((path, bytes)))
    };
    let data = read(names[0])?;
    let data = match &data {
        Some((path, bytes)) => Some(
            std::str::from_utf8(bytes)
                .map_err(|_| format!("{} (DATA=) is not UTF-8 text", path.display()))?,
        ),
        None => None,
    };
    let article = read(names[1])?;
    let article = article.as_ref().map(|(path, bytes)| {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        (bytes.as_slice(), name)
    });
    let date = var("SOURCELINE_DATE").map(|d| d.to_string_lossy().into_owned());
    sourceline::core::prerender::publication(
        data,
        article.as_ref().map(|(b, n)| (*b, n.as_str())),
        date.as_deref(),
    )
    .map_err(|e| {
        // A message about a file starts with its variable's name: its path goes first.
        let path = names.iter().find(|(_, n)| e.starts_with(n)).and_then(|(v, _)| var(v));
        match path {
            Some(p) => format!("{}: {e}", PathBuf::from(p).display()),
            None => e,
        }
    })
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
