//! The JSON files the app writes stay byte for byte those it wrote with serde_json.
//!
//! `tests/data/json/<case>.pretty.json` and `.compact.json` are what `Timeline::export` and
//! `Timeline::export_compact` returned, with serde_json, for: the seed timeline (`seed`), the
//! tagger's timeline of the seed article (`extracted`), hostile strings and every optional
//! field (`hostile`, read from `hostile.input.json`), and the fuzz corpus's loader files.

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
