//! Automatic extraction: from article text to a valid timeline of dated events.

use chrono::NaiveDate;
use sourceline::core::date::{Modifier, Precision};
use sourceline::core::extract::extract;
use sourceline::core::model::{End, Event, Timeline};

const ARTICLE: &str = include_str!("../assets/article.txt");

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The event whose normalized date reads `timeml` ("1994", "1994/2004", "2004/PRESENT_REF").
fn by_date<'a>(t: &'a Timeline, timeml: &str) -> Option<&'a Event> {
    t.events.iter().find(|e| e.when.is_some_and(|w| w.timeml() == timeml))
}

fn passages<'a>(t: &'a Timeline, e: &Event) -> Vec<&'a str> {
    e.passages.iter().map(|p| &t.text[p.range.clone()]).collect()
}

fn dump(t: &Timeline) -> String {
    t.events
        .iter()
        .map(|e| {
            format!(
                "{} {} {:?} {:?}\n",
                e.id,
                e.when.map(|w| w.timeml()).unwrap_or_default(),
                e.stated,
                e.headline
            )
        })
        .collect()
}

#[test]
fn seed_article_events() {
    let t = extract("Putin Refuses Trump’s Peace Initiative", ARTICLE, None);
    let all = dump(&t);
    for want in ["1974", "1991", "1994", "1994/2004", "2004/PRESENT_REF", "2008", "2014", "2022"] {
        assert!(by_date(&t, want).is_some(), "missing {want} in\n{all}");
    }
    // The early 2000s: decade 200, START; "since" makes it ongoing.
    let early = t
        .events
        .iter()
        .find(|e| {
            e.when.is_some_and(|w| {
                w.start.precision == Precision::Decade
                    && w.start.year == 2000
                    && w.start.modifier == Some(Modifier::Start)
            })
        })
        .unwrap_or_else(|| panic!("no early 2000s in\n{all}"));
    assert_eq!(early.stated, "since the early 2000s");
    assert_eq!(early.when.map(|w| w.end), Some(End::Ongoing));

    let range = by_date(&t, "1994/2004").expect("range");
    assert_eq!(range.stated, "1994-2004");
    assert!(matches!(range.when.map(|w| w.end), Some(End::Until(_))));
    let since = by_date(&t, "2004/PRESENT_REF").expect("since 2004");
    assert_eq!(since.stated, "since 2004");

    let y2022 = by_date(&t, "2022").expect("2022");
    let p = passages(&t, y2022);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].contains("the 2022 invasion"), "{p:?}");
    assert!(p[1].contains("in 2022"), "{p:?}");

    // "20 years" and "nearly two decades" are durations, not events; 1994 (point) is apart
    // from 1994-2004 (range).
    assert_eq!(t.events.len(), 9, "{all}");
    assert!(t.events.iter().all(|e| !e.stated.contains("years") && !e.stated.contains("decades")));

    let y1994 = by_date(&t, "1994").expect("1994");
    assert_eq!(y1994.headline, "Ukraine joined NATO’s Partnership for Peace program");
    assert!(y1994.id.starts_with("1994-"), "{}", y1994.id);
    assert!(y1994.summary.starts_with("Ukraine initially joined"));
    assert!(y1994.summary.chars().count() <= 201);
    let y1974 = by_date(&t, "1974").expect("1974");
    assert_eq!(y1974.headline, "UN buffer zone in Cyprus established");
    assert_eq!(since.headline, "Sergei Lavrov has served as Russia’s Foreign Minister");
    // Headlines around the event the date belongs to, not the sentence's first words.
    assert_eq!(by_date(&t, "2008").map(|e| e.headline.as_str()), Some("NATO’s Bucharest Summit"));
    assert_eq!(
        by_date(&t, "2014").map(|e| e.headline.as_str()),
        Some("Russia’s annexation of Crimea")
    );
    // "It" is Russia: the position is its opposition to NATO's expansion.
    assert_eq!(early.headline, "Russia’s long-standing opposition to NATO expansion eastward");
    // "The country" is Ukraine, and 1991 dates its independence, not "evolved".
    assert_eq!(by_date(&t, "1991").map(|e| e.headline.as_str()), Some("Ukraine’s independence"));
    // 2022 is the invasion's date, told twice ("the 2022 invasion", "the full-scale invasion
    // in 2022"), not the sanctions that followed it.
    assert_eq!(y2022.headline, "Full-scale invasion");
    assert_eq!(y2022.summary, "the full-scale invasion in 2022");
    assert_eq!(t.events.iter().filter(|e| e.when.is_some()).count(), t.chronological.len());
}

#[test]
fn every_passage_is_a_whole_sentence_holding_its_date() {
    let t = extract("Seed", ARTICLE, None);
    for e in &t.events {
        for p in &e.passages {
            let s = &t.text[p.range.clone()];
            assert!(s.ends_with('.') || s.ends_with('”'), "{s:?}");
            assert_eq!(p.quote.resolve(&t.text), Ok(p.range.clone()));
        }
        assert!(passages(&t, e).iter().any(|s| s.contains(e.stated.trim_start_matches("since "))));
    }
}

#[test]
fn ids_are_unique_valid_and_stable() {
    let a = extract("Seed", ARTICLE, None);
    let b = extract("Seed", ARTICLE, None);
    assert_eq!(a, b);
    let mut ids: Vec<&str> = a.events.iter().map(|e| e.id.as_str()).collect();
    for id in &ids {
        assert!(id.len() <= 64, "{id}");
        assert!(id.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'));
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), a.events.len());
}

#[test]
fn same_headline_and_date_get_suffixed_ids() {
    // Two different dates whose ids would otherwise read alike, and one date said twice.
    let text = "It opened in 1994. It opened in 1994-Q1 style. Then, in May 1994, it opened.";
    let t = extract("T", text, None);
    let mut ids: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), t.events.len(), "{}", dump(&t));
}

#[test]
fn relative_dates_resolve_against_the_reference() {
    let text = "The plant closed last year. It will reopen next month.";
    let t = extract("Plant", text, date("2020-05-01"));
    assert!(by_date(&t, "2019").is_some(), "{}", dump(&t));
    assert!(by_date(&t, "2020-06").is_some(), "{}", dump(&t));
    assert_eq!(t.reference_date.as_deref(), Some("2020-05-01"));
    // Without a reference, "last year" cannot be placed: no event.
    let t = extract("Plant", text, None);
    assert!(t.events.is_empty(), "{}", dump(&t));
}

#[test]
fn mentions_of_one_happening_merge_and_two_happenings_stay_apart() {
    let text = "The treaty was signed in 1990. Critics met in 1992.\n\
                By 1990, and again in 1990, the rules changed. The 1990 signing was hailed.";
    let t = extract("Treaty", text, None);
    let all = dump(&t);
    let on_1990: Vec<&Event> =
        t.events.iter().filter(|e| e.when.is_some_and(|w| w.timeml() == "1990")).collect();
    assert_eq!(on_1990.len(), 2, "{all}");
    // "was signed in 1990" and "the 1990 signing": one happening, two passages.
    let signed = on_1990.iter().find(|e| e.headline == "Treaty was signed").expect(&all);
    assert_eq!(
        passages(&t, signed),
        vec!["The treaty was signed in 1990.", "The 1990 signing was hailed."]
    );
    // The rules changing by 1990 is another happening of the same year.
    let rules = on_1990.iter().find(|e| e.headline == "Rules changed").expect(&all);
    assert_eq!(passages(&t, rules), vec!["By 1990, and again in 1990, the rules changed."]);
    assert_eq!(t.events.len(), 3, "{all}");
}

#[test]
fn sentences_cope_with_abbreviations_and_numbers() {
    let text = "Mr. Smith left the U.S. Army in 1994. It cost 3.5 million dollars in 2001. \
                The U.S. economy grew in 2003.";
    let t = extract("T", text, None);
    let p = |v: &str| passages(&t, by_date(&t, v).expect(v))[0];
    assert_eq!(p("1994"), "Mr. Smith left the U.S. Army in 1994.");
    assert_eq!(p("2001"), "It cost 3.5 million dollars in 2001.");
    assert_eq!(p("2003"), "The U.S. economy grew in 2003.");
}

#[test]
fn reduced_values_and_unplaceable_ones() {
    let text = "Profit rose in the third quarter of 1998. It happened on Friday, Oct. 23, 1998 \
                at 10 a.m. Prices are high now. It lasted 20 years. Sales grow every year.";
    let t = extract("Q", text, None);
    assert!(by_date(&t, "1998").is_some(), "quarter → year: {}", dump(&t));
    assert!(by_date(&t, "1998-10-23").is_some(), "{}", dump(&t));
    assert_eq!(t.events.len(), 2, "{}", dump(&t));
}

#[test]
fn no_dates_no_events() {
    for text in ["", "   \n\t ", "Nothing happened here. Really nothing.", "Call 555-1234 now."] {
        let t = extract("Empty", text, date("2020-01-01"));
        assert!(t.events.is_empty(), "{text:?}: {}", dump(&t));
        assert_eq!(t.tracks.len(), 1);
    }
}

#[test]
fn hostile_input_never_panics() {
    let inputs = [
        "99999999999999999999999 in 1994".to_string(),
        "In 1994–2004 ünïcödé 🎉 text, since 2004 (1994-2004)".to_string(),
        "In 9999 and 1000 and 2099-2100 and 1994-1993.".to_string(),
        "\u{feff}In 1994.\u{0}\u{202e}2004".to_string(),
        "since since since 2004 2004 2004".repeat(50),
        "1994. ".repeat(2000),
        "(((( 1994 ))))".to_string(),
        "Jan. 32, 1994; Feb. 30, 2001; 2001-02-30; 13/45/99".to_string(),
        "a".repeat(70_000) + " in 1994",
    ];
    for text in &inputs {
        for r in [None, date("2020-05-01"), NaiveDate::from_ymd_opt(262_000, 1, 1)] {
            let t = extract("x", text, r);
            for e in &t.events {
                assert!(!e.passages.is_empty());
                assert!(e.id.len() <= 64);
            }
        }
    }
}

#[test]
fn many_mentions_stay_fast() {
    // Thousands of sentences and hundreds of distinct dates.
    let mut text = String::new();
    for i in 0..4000 {
        text.push_str(&format!("Event number {i} happened in {}. ", 1800 + i % 290));
    }
    let t0 = std::time::Instant::now();
    let t = extract("Big", &text, None);
    assert_eq!(t.events.len(), 290);
    assert!(t0.elapsed().as_secs() < 20, "{:?}", t0.elapsed());
}

/// Timing on the development corpus (not in the default run: the corpus lives outside the
/// repository). `cargo test --release --test extract -- --ignored --nocapture`
#[test]
#[ignore]
fn tbaq_concatenation_timing() {
    use sourceline::core::timeml;
    let dir = std::path::Path::new("../shared/timeml/TBAQ-cleaned");
    let mut all = String::new();
    for f in timeml::tml_files(dir).expect("corpus") {
        let raw = std::fs::read_to_string(dir.join(f)).expect("read");
        if let Ok(d) = timeml::parse_document(&raw) {
            all.push_str(&d.plain);
            all.push_str("\n\n");
        }
    }
    for (label, text) in [("x1", all.clone()), ("x2", format!("{all}{all}"))] {
        let t0 = std::time::Instant::now();
        let t = extract("TBAQ", &text, date("1998-01-08"));
        let passages: usize = t.events.iter().map(|e| e.passages.len()).sum();
        println!(
            "{label}: {} bytes, {} events, {passages} passages, {:?}",
            text.len(),
            t.events.len(),
            t0.elapsed()
        );
    }
}

/// The headline of the only event dated `timeml` in `text` (reference date 2024-06-05).
fn headline_of(text: &str, timeml: &str) -> String {
    let t = extract("T", text, date("2024-06-05"));
    let all = dump(&t);
    by_date(&t, timeml).map(|e| e.headline.clone()).unwrap_or_else(|| panic!("{timeml} in\n{all}"))
}

#[test]
fn headlines_say_who_did_what() {
    // The subject, the verb and its object, in the article's words.
    let h = headline_of("Russia annexed Crimea in March 2014, drawing sanctions.", "2014-03");
    assert_eq!(h, "Russia annexed Crimea");
    // A participle clause in front says nothing: the headline is the main clause.
    let h = headline_of(
        "Speaking to reporters in Geneva on Monday, Lavrov said the talks had failed.",
        "2024-06-03",
    );
    assert_eq!(h, "Lavrov said the talks had failed");
    // A pronoun subject is the actor the previous sentence names.
    let h = headline_of(
        "Sergei Lavrov rejected the plan. He said on Tuesday that talks would resume.",
        "2024-06-04",
    );
    assert_eq!(h, "Sergei Lavrov said talks would resume");
    // "The alliance" is the organization named before.
    let h = headline_of(
        "NATO leaders met in Bucharest. On April 3, 2008, the alliance declared that Ukraine and \
         Georgia “will become members of NATO”.",
        "2008-04-03",
    );
    assert_eq!(h, "NATO declared Ukraine and Georgia will become members of NATO");
    // The date belongs to the raid, not to the apology sought for it.
    let h = headline_of(
        "Turkey has sought an apology from Israel for the 2010 raid on a Gaza-bound aid flotilla.",
        "2010",
    );
    assert_eq!(h, "Raid on a Gaza-bound aid flotilla");
}

#[test]
fn headlines_never_end_on_a_function_word_or_an_abbreviation() {
    let text = "On Tuesday the foreign minister discussed the future of the agreement and the \
                sanctions regime with Mr. Kuleba of Ukraine in Brussels.";
    let h = headline_of(text, "2024-06-04");
    let last = h.split(' ').next_back().unwrap_or_default();
    assert!(!sourceline::core::headline::bad_end(last), "{h}");
    assert!(h.split(' ').count() <= 10, "{h}");
    assert!(h.starts_with("Foreign minister discussed"), "{h}");
}

#[test]
fn two_happenings_on_one_date_are_two_events() {
    let text = "Russia annexed Crimea in 2014. The West imposed sanctions in 2014.";
    let t = extract("T", text, None);
    let heads: Vec<&str> = t.events.iter().map(|e| e.headline.as_str()).collect();
    assert_eq!(heads, ["Russia annexed Crimea", "West imposed sanctions"]);
}
