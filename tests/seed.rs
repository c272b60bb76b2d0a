//! The seed dataset: every quote resolves to exactly one range of the article, and the
//! events the app promises are there with the right dates.

use sourceline::core::date::Precision;
use sourceline::core::model::{End, Timeline};

const ARTICLE: &str = include_str!("../assets/article.txt");
const EVENTS: &str = include_str!("../assets/events.json");

fn seed() -> Timeline {
    Timeline::load(EVENTS, ARTICLE).unwrap_or_else(|e| panic!("seed dataset: {e}"))
}

#[test]
fn every_quote_resolves_to_exactly_one_range() {
    let t = seed();
    for e in &t.events {
        for p in &e.passages {
            assert_eq!(p.quote.resolve(ARTICLE), Ok(p.range.clone()), "{}", e.id);
            assert_eq!(&ARTICLE[p.range.clone()], p.quote.exact, "{}", e.id);
        }
    }
}

#[test]
fn the_article_is_unchanged_from_the_seed() {
    if let Ok(original) = std::fs::read_to_string("../shared/seed/article.txt") {
        assert_eq!(original, ARTICLE);
    }
}

#[test]
fn the_promised_events_are_there() {
    let t = seed();
    let when = |id: &str| {
        let i = t.find(id).unwrap_or_else(|| panic!("missing {id}"));
        t.events[i].when
    };
    let year = |id: &str| when(id).map(|w| (w.start.year, w.start.precision, w.end));
    assert_eq!(year("cyprus-buffer-zone-1974"), Some((1974, Precision::Year, End::Point)));
    assert_eq!(year("ukraine-independence-1991"), Some((1991, Precision::Year, End::Point)));
    assert_eq!(year("partnership-for-peace-1994"), Some((1994, Precision::Year, End::Point)));
    let un = when("lavrov-at-the-un").unwrap();
    assert_eq!(
        (un.start.year, un.end),
        (1994, End::Until(sourceline::core::date::DateSpec::year(2004)))
    );
    assert_eq!(year("lavrov-foreign-minister"), Some((2004, Precision::Year, End::Ongoing)));
    let early = when("opposition-to-nato-expansion").unwrap();
    assert_eq!(early.start.precision, Precision::Decade);
    assert!(early.start.is_imprecise());
    assert_eq!(early.start.label(), "the early 2000s");
    assert_eq!(year("bucharest-summit-2008"), Some((2008, Precision::Year, End::Point)));
    assert_eq!(year("crimea-annexation-2014"), Some((2014, Precision::Year, End::Point)));
    assert_eq!(year("full-scale-invasion-2022"), Some((2022, Precision::Year, End::Point)));
    assert_eq!(year("lavrov-sanctioned-2022"), Some((2022, Precision::Year, End::Point)));
    for undated in
        ["lavrov-rejects-plan", "peace-plan", "nato-postponement", "putin-world-war-remarks"]
    {
        assert_eq!(when(undated), None, "{undated} must stay undated");
    }
}

#[test]
fn passages_are_whole_sentences_or_clauses() {
    // A passage starts at a sentence or clause start and ends at a sentence or clause end.
    let t = seed();
    for e in &t.events {
        for p in &e.passages {
            let before = ARTICLE[..p.range.start].trim_end_matches(' ');
            let after = &ARTICLE[p.range.end..];
            let starts = before.is_empty()
                || before.ends_with(['.', ',', ':', '\n', '('])
                || before.ends_with(" and")
                || p.quote.exact.starts_with("and ")
                || p.quote.exact.starts_with("following ")
                || p.quote.exact.starts_with("postponing ");
            let ends = after.is_empty() || after.starts_with(['.', ',', ' ', '\n']);
            assert!(starts && ends, "{}: {:?}", e.id, p.quote.exact);
        }
    }
}
