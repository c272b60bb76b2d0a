//! The URL fragment that holds the selection: `#event=<id>`.

/// The event id in a fragment such as `#event=bucharest-2008`; `None` for anything else,
/// including malformed or oversized ids, so that a hostile link is ignored.
pub fn parse(fragment: &str) -> Option<String> {
    let id = fragment.strip_prefix('#').unwrap_or(fragment).strip_prefix("event=")?;
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    ok.then(|| id.to_string())
}

/// The fragment for an event id.
pub fn format(id: &str) -> String {
    format!("#event={id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_valid_ids() {
        for id in ["a", "bucharest-2008", "x1"] {
            assert_eq!(parse(&format(id)), Some(id.to_string()));
        }
        assert_eq!(parse("event=a"), Some("a".into()));
    }

    #[test]
    fn ignores_everything_else() {
        let long = format!("#event={}", "a".repeat(65));
        for f in [
            "",
            "#",
            "#event=",
            "#evt=a",
            "#event=A",
            "#event=a b",
            "#event=<script>",
            "#event=a%20b",
            "#event=a&b",
            "#event=é",
            long.as_str(),
        ] {
            assert_eq!(parse(f), None, "{f}");
        }
    }
}
