//! The score command's arithmetic on a tiny hand-made gold/system pair
//! (tests/data/timeml/{gold,sys}/a.tml).

use sourceline::core::timeml::{parse_document, prf, score, tag_document, Counts};

fn load(which: &str) -> sourceline::core::timeml::Document {
    let path = format!("{}/tests/data/timeml/{which}/a.tml", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_document(&raw).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn counts_on_hand_made_pair() {
    let gold = load("gold");
    let sys = load("sys");
    assert_eq!(gold.plain, sys.plain, "same text, so offsets align");
    assert_eq!(gold.dct.map(|d| d.to_string()), Some("1998-01-08".to_string()));
    let (c, errs) = score(&gold.timexes, &sys.timexes);
    // gold: yesterday, two weeks, the first quarter, now
    // sys:  yesterday (exact), "two weeks of" (overlap), "quarter" (overlap, wrong value),
    //       Daily (spurious); "now" is missed.
    assert_eq!(
        c,
        Counts { gold: 4, sys: 4, strict: 1, relaxed: 3, type_ok: 3, value_ok: 2, mod_ok: 3 }
    );
    assert_eq!(errs.len(), 4, "{errs:?}"); // two span diffs, one miss, one spurious
    let (p, r, f) = prf(c.strict, c.sys, c.gold);
    assert!((p - 0.25).abs() < 1e-9 && (r - 0.25).abs() < 1e-9 && (f - 0.25).abs() < 1e-9);
    let (_, _, rf) = prf(c.relaxed, c.sys, c.gold);
    assert!((rf - 0.75).abs() < 1e-9);
    let (_, _, vf) = prf(c.value_ok, c.sys, c.gold);
    assert!((vf - 0.5).abs() < 1e-9, "value F1 = 2 * 2 / (4 + 4)");
    let summary = c.summary();
    assert!(summary.contains("strict_f1 0.250"), "{summary}");
    assert!(summary.contains("relaxed_f1 0.750"), "{summary}");
    assert!(summary.contains("type_f1 0.750"), "{summary}");
    assert!(summary.contains("value_f1 0.500"), "{summary}");
}

#[test]
fn each_gold_matched_once() {
    let gold = load("gold");
    // Two system spans overlapping the same gold span: only one counts.
    let mut sys = vec![gold.timexes[1].clone(), gold.timexes[1].clone()];
    sys[1].start += 1;
    let (c, _) = score(&gold.timexes[1..2], &sys);
    assert_eq!((c.relaxed, c.strict, c.sys, c.gold), (1, 1, 2, 1));
}

#[test]
fn tagging_gold_text_roundtrips() {
    let path = format!("{}/tests/data/timeml/gold/a.tml", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_default();
    let out = tag_document(&raw).unwrap_or_default();
    let again = parse_document(&out).unwrap_or_else(|e| panic!("{e}"));
    let gold = load("gold");
    assert_eq!(again.plain, gold.plain, "text kept byte for byte, entities included");
    assert!(again.plain.contains("&amp;"));
    let (c, _) = score(&gold.timexes, &again.timexes);
    assert_eq!(c.strict, 4, "{:?}", again.timexes);
    assert!(out.contains("tid=\"t0\"") && out.contains("tid=\"t1\""));
}

#[test]
fn malformed_input_is_an_error_not_a_panic() {
    assert!(parse_document("no text element").is_err());
    assert!(parse_document("<TEXT>unterminated").is_err());
    assert!(tag_document("<TEXT>a < b and <TIMEX3 broken").is_err());
    let ok = tag_document("<TEXT>x <b</TEXT>").unwrap_or_default();
    assert!(ok.contains("<TEXT>"));
}
