//! The JSON files the app writes are byte for byte those it wrote with serde_json, and its
//! reader accepts exactly what serde_json accepted.
//!
//! `tests/data/json/<case>.pretty.json` and `.compact.json` are what `Timeline::export` and
//! `Timeline::export_compact` returned, with serde_json, for: the seed timeline (`seed`), the
//! tagger's timeline of the seed article (`extracted`), hostile strings and every optional
//! field (`hostile`, read from `hostile.input.json`), and the fuzz corpus's loader files.

use proptest::prelude::*;
use sourceline::core::json;
use sourceline::core::model::Timeline;
use std::fs;
use std::path::Path;

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn exports_are_byte_identical_to_serde_json_s() {
    let cases = [
        ("seed", None),
        ("extracted", None),
        ("hostile", Some("tests/data/json/hostile.input.json")),
        ("small", Some("tests/fuzz/corpus/loader/small.json")),
        ("offset-overflow", Some("tests/fuzz/regressions/loader/quote-offset-overflow.json")),
    ];
    for (name, input) in cases {
        let pretty = read(&format!("tests/data/json/{name}.pretty.json"));
        let compact = read(&format!("tests/data/json/{name}.compact.json"));
        // The expected files are themselves exports, so each must also read back unchanged.
        for source in input.map(read).into_iter().chain([pretty.clone(), compact.clone()]) {
            let t = Timeline::import(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(t.export() == pretty, "{name}: pretty export differs");
            assert!(t.export_compact() == compact, "{name}: compact export differs");
        }
    }
}

#[test]
fn the_seed_exports_as_its_fixtures() {
    let t = Timeline::load(
        include_str!("../assets/events.json"),
        include_str!("../assets/article.txt"),
    )
    .expect("seed loads");
    // Should the seed change, its fixtures are its new exports (checked against the old ones
    // for changes in the seed only).
    assert!(t.export() == read("tests/data/json/seed.pretty.json"), "pretty export differs");
    assert!(t.export_compact() == read("tests/data/json/seed.compact.json"), "compact differs");
}

#[test]
fn errors_give_the_line_and_column_and_name_the_field() {
    let cases = [
        ("{\"version\": 1, \"title\": \"x\"", "line 1, column 27: EOF while parsing an object"),
        ("\u{0}\u{202e}<script>", "line 1, column 1: expected value"),
        ("{\"version\": 99}", "line 1, column 15: missing field `title`"),
        ("[1, 2]", "line 1, column 6: expected an object, found a list"),
        (r#"{"version": 1, "title": 5}"#, "line 1, column 25: expected a string for `title`, found a number"),
        (
            r#"{"version": 1.0}"#,
            "line 1, column 15: expected a whole number from 0 to 4294967295 for `version`, found a number",
        ),
        (r#"{"version": 1, "title": "", "title": ""}"#, "line 1, column 36: duplicate field `title`"),
        (
            r#"{"version":1,"title":"","tracks":[],"events":[{"id":"e"}]}"#,
            "line 1, column 56: missing field `headline`",
        ),
        (
            r#"{"version":1,"title":"","tracks":[{"id":"t","label":null}],"events":[]}"#,
            "line 1, column 56: expected a string for `label`, found null",
        ),
        (
            r#"{"version":1,"title":"","tracks":[],"events":[{"id":"e","start":{"mod":"END"}}]}"#,
            "line 1, column 77: missing field `value`",
        ),
        (
            r#"{"version":1,"title":"","tracks":[],"events":[{"id":"e","start":1994}]}"#,
            "line 1, column 68: expected a date (\"1994\" or {\"value\": …, \"mod\": …}) for `start`, \
             found a number",
        ),
        (
            r#"{"version":1,"title":"","tracks":[],"events":[{"id":"e","ongoing":null}]}"#,
            "line 1, column 70: expected true or false for `ongoing`, found null",
        ),
        (
            r#"{"version":1,"title":"","tracks":{},"events":[]}"#,
            "line 1, column 35: expected a list for `tracks`, found an object",
        ),
        (
            r#"{"version":1,"title":"","tracks":[],"events":[],"text":null}"#,
            "text: the file does not contain the article text",
        ),
        ("{\"version\":1,\"title\":\"\",\"tracks\":[],\"events\":[]}\n,", "line 2, column 1: trailing characters"),
    ];
    for (json, message) in cases {
        assert_eq!(Timeline::import(json).unwrap_err().to_string(), message, "{json}");
    }
    // A byte offset is a whole number that fits `usize`: larger or negative ones are refused.
    let offset = |o: &str| {
        let json = r#"{"version":1,"title":"","tracks":[{"id":"t","label":""}],"events":[{"id":"e",
            "start":"1994","headline":"","track":"t","passages":[{"exact":"x","offset":OFFSET}]}],
            "text":"x"}"#;
        Timeline::import(&json.replace("OFFSET", o)).map_err(|e| e.message)
    };
    assert!(offset(&usize::MAX.to_string()).is_ok());
    let max = usize::MAX;
    for o in ["-1", "1.5", "1e2", "\"0\"", "99999999999999999999999"] {
        let e = offset(o).unwrap_err();
        assert!(
            e.starts_with(&format!("expected a whole number from 0 to {max} for `offset`")),
            "{o}: {e}"
        );
    }
}

/// JSON-ish text: JSON's tokens and some that are nearly JSON, so that most inputs get far.
fn jsonish() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\"",
        "\"a\"",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\udc00x\"",
        "\\",
        "\\n",
        "\\u",
        "0",
        "-",
        "1",
        "01",
        "1.5",
        "-0",
        "1e5",
        "1E+2",
        "2.",
        ".5",
        "e",
        "true",
        "false",
        "null",
        "nul",
        "\u{1}",
        "\u{7f}",
        "é",
        "\u{2028}",
        "\t",
        "\r",
        "\u{feff}",
    ]);
    prop_oneof![
        prop::collection::vec(tokens, 0..40).prop_map(|v| v.concat()),
        any::<String>(),
        "[ -~]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn the_reader_accepts_what_serde_json_accepts(s in jsonish()) {
        let theirs = serde_json::from_str::<serde_json::Value>(&s);
        match json::parse(&s) {
            // Written back and read by serde_json, it is the value serde_json read. (Numbers
            // beyond f64's range, which serde_json refuses and this reader keeps as text, are
            // refused again then.)
            Ok(v) => {
                for pretty in [false, true] {
                    let again = serde_json::from_str::<serde_json::Value>(&json::write(&v, pretty));
                    prop_assert_eq!(again.ok(), theirs.as_ref().ok().cloned(), "{:?}", s);
                }
            }
            // Refused as serde_json refused it: in the same words, at the same place.
            Err(e) => {
                let theirs = theirs.err().map(|e| e.to_string());
                let out_of_range = theirs.as_ref().is_some_and(|t| t.contains("out of range"));
                if !out_of_range {
                    prop_assert_eq!(theirs, Some(e.to_string()), "{:?}", s);
                }
            }
        }
    }
}
