//! The event recognizer and anchoring on the development corpus (TBAQ-cleaned, read from
//! `../shared/timeml/`; skipped with a message when it is absent). The shipped model was
//! trained on this corpus, so these are resubstitution figures: they guard against breaking
//! the reading, writing or scoring, while `timeml cv-events` gives the honest, cross-validated
//! ones (docs/tagger.md). `cargo test --release --test events_corpus -- --nocapture`

use sourceline::core::timeml::{self, Counts, EventCounts};
use std::path::Path;

#[test]
fn tbaq_events_anchors_and_values() {
    let dir = Path::new("../shared/timeml/TBAQ-cleaned");
    let Ok(files) = timeml::tml_files(dir) else {
        eprintln!("skipping: the development corpus ../shared/timeml/TBAQ-cleaned is absent");
        return;
    };
    let mut timex = Counts::default();
    let mut events = EventCounts::default();
    for rel in &files {
        let Ok(raw) = std::fs::read_to_string(dir.join(rel)) else { continue };
        let (Ok(gold), Ok(tagged)) = (timeml::parse_document(&raw), timeml::tag_document(&raw))
        else {
            continue;
        };
        let sys = timeml::parse_document(&tagged).expect("our output parses");
        assert_eq!(gold.plain, sys.plain, "{}: text changed", rel.display());
        timex.add(&timeml::score(&gold.timexes, &sys.timexes).0);
        events.add(&timeml::score_events(
            &gold.events,
            &sys.events,
            &gold.pair_spans(),
            &sys.pair_spans(),
        ));
    }
    print!("{}{}", timex.summary(), events.summary());
    assert!(events.gold > 11_000, "gold events read: {}", events.gold);
    assert!(events.pairs_gold > 2_600, "gold event–time links read: {}", events.pairs_gold);
    let (_, _, value_f1) = timeml::prf(timex.value_ok, timex.sys, timex.gold);
    assert!(value_f1 >= 0.85, "value F1 dropped: {value_f1:.3}");
    let (_, _, event_f1) = timeml::prf(events.strict, events.sys, events.gold);
    assert!(event_f1 >= 0.9, "event strict F1 (resubstitution): {event_f1:.3}");
    let (_, _, anchor_f1) = events.anchor_prf();
    assert!(anchor_f1 >= 0.55, "anchoring F1 (resubstitution): {anchor_f1:.3}");
}
