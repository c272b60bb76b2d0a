//! Putting the prerendered first view into the built page (see `src/bin/prerender.rs`).

/// `page` with `view` inside its empty `<div id="app">`, as written in `index.html` or as
/// Trunk's minifier leaves it (`<div id=app>`); `None` when the page has no such element,
/// or already holds a view.
pub fn insert(page: &str, view: &str) -> Option<String> {
    let open = ["<div id=\"app\">", "<div id=app>"].into_iter().find(|o| page.contains(o))?;
    let at = page.find(open)? + open.len();
    let rest = page.get(at..)?;
    if !rest.trim_start().starts_with("</div>") {
        return None;
    }
    Some(format!("{}{view}{rest}", &page[..at]))
}

#[cfg(test)]
mod tests {
    use super::insert;

    #[test]
    fn the_view_goes_into_the_empty_app_element() {
        let page = "<body><div id=app></div><div id=fatal></div></body>";
        assert_eq!(
            insert(page, "<p>hi</p>").as_deref(),
            Some("<body><div id=app><p>hi</p></div><div id=fatal></div></body>")
        );
        let page = "<div id=\"app\">\n</div>";
        assert_eq!(insert(page, "x").as_deref(), Some("<div id=\"app\">x\n</div>"));
        // Twice would nest a second view: refused.
        assert_eq!(insert("<div id=app><p>hi</p></div>", "x"), None);
        assert_eq!(insert("<div id=main></div>", "x"), None);
    }
}
