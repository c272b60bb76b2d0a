//! Our own corpus of temporal expressions, one family at a time: an expression in context, a
//! document date, and the expected span, type, value and mod (TimeBank conventions).

use chrono::NaiveDate;
use sourceline::core::tagger::{sentences, tag, Timex, TimexType};

use TimexType::{Date as D, Duration as P, Set as S, Time as T};

/// (text, document date "YYYY-MM-DD" or "", expected span, type, value, mod or "")
type Case = (&'static str, &'static str, &'static str, TimexType, &'static str, &'static str);

fn dct(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for &(text, d, span, kind, value, md) in cases {
        let found = tag(text, dct(d));
        let hit = found.iter().find(|t| &text[t.start..t.end] == span);
        let ok = hit.is_some_and(|t| {
            t.kind == kind && t.value == value && t.modifier.as_deref().unwrap_or("") == md
        });
        if !ok {
            let got: Vec<String> = found
                .iter()
                .map(|t| {
                    format!("[{}] {:?} {} {:?}", &text[t.start..t.end], t.kind, t.value, t.modifier)
                })
                .collect();
            failures
                .push(format!("{text:?} @{d}: want [{span}] {kind:?} {value} {md:?}; got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// Texts that must yield no expression at all.
fn check_none(texts: &[&str]) {
    for text in texts {
        let found = tag(text, dct("1998-01-08"));
        assert!(found.is_empty(), "{text:?} gave {found:?}");
    }
}

#[test]
fn years() {
    check(&[
        ("It was founded in 1994.", "", "1994", D, "1994", ""),
        ("Sales rose in fiscal 1989.", "1989-10-26", "fiscal 1989", D, "1989", ""),
        ("It was built in 1066.", "", "1066", D, "1066", ""),
        (
            "the year two thousand has many of these groups",
            "",
            "the year two thousand",
            D,
            "2000",
            "",
        ),
        ("by mid-1996 it was over", "", "mid-1996", D, "1996", "MID"),
        ("at the end of 1990 they left", "", "the end of 1990", D, "1990", "END"),
        ("in early 1991 they left", "", "early 1991", D, "1991", "START"),
        ("nineteen ninety-seven was good", "", "nineteen ninety-seven", D, "1997", ""),
    ]);
    check_none(&[
        "There were 1,994 people.",
        "It cost $2008.",
        "He won 2008 votes.",
        "The index rose 1500 points.",
        "Flight 1549 landed.",
        "It rose 3.5% to 1998.5 points.",
        // A name: a capitalised word outside the lexicon before the number.
        "a joint venture called Orion 1980, making parts",
    ]);
    check(&[("Since 1985, the group has grown.", "", "1985", D, "1985", "")]);
}

#[test]
fn decades_and_centuries() {
    check(&[
        ("in the 1990s", "", "the 1990s", D, "199", ""),
        ("since the early 2000s", "", "the early 2000s", D, "200", "START"),
        ("in the late 1970s", "", "the late 1970s", D, "197", "END"),
        ("during the mid-1990s", "", "the mid-1990s", D, "199", "MID"),
        ("through the nineties", "", "the nineties", D, "199", ""),
        ("in the '80s", "", "the '80s", D, "198", ""),
        ("in the 20th century", "", "the 20th century", D, "19", ""),
        ("since the 11th century", "", "the 11th century", D, "10", ""),
    ]);
}

#[test]
fn months_and_days() {
    check(&[
        ("in April 2008", "", "April 2008", D, "2008-04", ""),
        ("on April 3, 2008", "", "April 3, 2008", D, "2008-04-03", ""),
        ("on 3 April 2008", "", "3 April 2008", D, "2008-04-03", ""),
        ("in February", "1998-01-08", "February", D, "1998-02", ""),
        ("It will reopen in April", "1998-01-08", "April", D, "1998-04", ""),
        ("on Jan. 3", "1998-01-08", "Jan. 3", D, "1998-01-03", ""),
        ("on Sept. 30", "1989-10-26", "Sept. 30", D, "1989-09-30", ""),
        ("by Dec. 15 it will end", "1989-11-02", "Dec. 15", D, "1989-12-15", ""),
        ("since Nov. 25", "2000-01-06", "Nov. 25", D, "1999-11-25", ""),
        ("on Friday, Oct. 23, 1999", "", "Friday, Oct. 23, 1999", D, "1999-10-23", ""),
        ("last June", "1989-10-26", "last June", D, "1989-06", ""),
        // The month just over would be "last month": "last February" in March is a year back.
        ("The helicopters crashed last February.", "1998-03-01", "last February", D, "1997-02", ""),
        ("next March", "1989-10-26", "next March", D, "1990-03", ""),
        ("in late November", "1989-10-26", "late November", D, "1989-11", "END"),
        ("in early September", "1989-10-26", "early September", D, "1989-09", "START"),
        ("June last year", "1998-01-08", "June last year", D, "1997-06", ""),
        ("He died last Oct. 23 at home.", "1999-04-19", "last Oct. 23", D, "1998-10-23", ""),
        ("The trial opens next March 2.", "1999-04-19", "next March 2", D, "2000-03-02", ""),
        // Anaphora on an explicit day.
        (
            "They met the day before Tuesday's hearing.",
            "2000-02-24",
            "the day before Tuesday",
            D,
            "2000-02-21",
            "",
        ),
        (
            "He left the day after Christmas.",
            "1999-01-10",
            "the day after Christmas",
            D,
            "1998-12-26",
            "",
        ),
        ("a hearing the week of March 6", "2000-02-24", "the week of March 6", D, "2000-W10", ""),
        // A bare day joined to a month-day date shares its month.
        ("The summit meets on April 24 and 25.", "1999-04-01", "25", D, "1999-04-25", ""),
        ("It closed on May 3 or 4, officials said.", "1999-06-01", "4", D, "1999-05-04", ""),
    ]);
    check_none(&["You may go.", "They march on."]);
}

#[test]
fn numeric_dates() {
    check(&[
        ("filed 10/26/89 by", "", "10/26/89", D, "1989-10-26", ""),
        ("on 1998-08-17 at", "", "1998-08-17", D, "1998-08-17", ""),
        ("stamp 19980108 here", "", "19980108", D, "1998-01-08", ""),
        ("at 1998-10-25 21:00 EST", "", "1998-10-25 21:00", T, "1998-10-25T21:00", ""),
    ]);
}

#[test]
fn weekdays() {
    // 1998-01-08 is a Thursday.
    check(&[
        ("The company said Tuesday it lost money.", "1998-01-08", "Tuesday", D, "1998-01-06", ""),
        ("He said Thursday that", "1998-01-08", "Thursday", D, "1998-01-08", ""),
        ("They will meet Monday.", "1998-01-08", "Monday", D, "1998-01-12", ""),
        // Ahead, the document's own weekday is that very day.
        ("The president will speak Thursday.", "1998-01-08", "Thursday", D, "1998-01-08", ""),
        ("last Friday", "1998-01-08", "last Friday", D, "1998-01-02", ""),
        ("next Monday", "1998-01-08", "next Monday", D, "1998-01-12", ""),
        (
            "Women's Day is this coming Sunday, March eighth.",
            "1998-03-05",
            "this coming Sunday, March eighth",
            D,
            "1998-03-08",
            "",
        ),
        // TimeBank gives "Weekday night|morning" the day's value; evenings keep TEV.
        ("on Wednesday night", "1998-01-08", "Wednesday night", D, "1998-01-07", ""),
        ("early Tuesday morning", "1998-01-08", "early Tuesday morning", D, "1998-01-06", "START"),
        ("on Wednesday evening", "1998-01-08", "Wednesday evening", D, "1998-01-07TEV", ""),
        // Future cues: "set to", "as early as"; "had been scheduled" is a past plan.
        ("talks are set to resume Monday", "1998-01-08", "Monday", D, "1998-01-12", ""),
        ("could arrive as early as Tuesday", "1998-01-08", "Tuesday", D, "1998-01-13", ""),
        ("it had been scheduled to expire Monday", "1998-01-08", "Monday", D, "1998-01-05", ""),
        ("It happened Tuesday.", "", "Tuesday", D, "XXXX-WXX-2", ""),
        // "until" a weekday looks ahead, to the document's own day at the nearest; a fronted
        // "Until Tuesday, ..." looks back from it.
        (
            "Officials postponed the hearing until Tuesday morning.",
            "1998-01-08",
            "Tuesday morning",
            D,
            "1998-01-13",
            "",
        ),
        (
            "They gave him until 9 a.m. Monday to sign.",
            "1998-01-08",
            "9 a.m. Monday",
            T,
            "1998-01-12T09:00",
            "",
        ),
        ("It was not until Thursday that he spoke.", "1998-01-08", "Thursday", D, "1998-01-08", ""),
        ("Until Tuesday, they had refused.", "1998-01-08", "Tuesday", D, "1998-01-06", ""),
        // The be-to future.
        ("The stock is to resume trading Tuesday.", "1998-01-08", "Tuesday", D, "1998-01-13", ""),
        // "would" is the future of reported speech; a capitalised "-ed" word is a name, no
        // past verb.
        (
            "She said he would fly to the United Kingdom Friday.",
            "1998-01-07",
            "Friday",
            D,
            "1998-01-09",
            "",
        ),
        ("Aid reached the United Nations Monday.", "1998-01-08", "Monday", D, "1998-01-05", ""),
        // A passive after a modal looks ahead; after "had to", back.
        ("The vote could be delayed until Monday.", "1998-01-08", "Monday", D, "1998-01-12", ""),
        ("The talks will be resumed Monday.", "1998-01-08", "Monday", D, "1998-01-12", ""),
        ("The crew had to be evacuated Tuesday.", "1998-01-08", "Tuesday", D, "1998-01-06", ""),
        // A denied "could" is the past of "can"; an affirmed one looks ahead.
        ("He could not be reached Tuesday.", "1998-01-08", "Tuesday", D, "1998-01-06", ""),
        ("He couldn't be reached Tuesday.", "1998-01-08", "Tuesday", D, "1998-01-06", ""),
        (
            "Neither he nor his wife could be located Tuesday.",
            "1998-01-08",
            "Tuesday",
            D,
            "1998-01-06",
            "",
        ),
        ("The deal could be signed Monday.", "1998-01-08", "Monday", D, "1998-01-12", ""),
        // A possessive day owns an event already past, whatever the verb.
        ("Lawyers will appeal Tuesday's decision.", "1998-01-08", "Tuesday", D, "1998-01-06", ""),
        ("Stocks rose ahead of Thursday's vote.", "1998-01-06", "Thursday", D, "1998-01-08", ""),
        // "the previous Friday" counts back from the day in view, not the document date.
        (
            "Shares fell Friday. They were down 4% from the previous Friday.",
            "1998-01-12",
            "the previous Friday",
            D,
            "1998-01-02",
            "",
        ),
    ]);
}

#[test]
fn month_year_follows_tense_beyond_two_months() {
    // Far from the document date, the clause's tense picks the year; near it, the nearest wins.
    check(&[
        ("The company received an offer in March.", "1989-11-01", "March", D, "1989-03", ""),
        ("Since KKR bought RJR in February, it sold", "1989-11-01", "February", D, "1989-02", ""),
        ("The plant will open in March.", "1989-11-01", "March", D, "1990-03", ""),
        ("The dividend is payable Jan. 2 to holders.", "1989-11-01", "Jan. 2", D, "1990-01-02", ""),
        ("He was shot on Oct. 23 at home.", "1999-05-05", "Oct. 23", D, "1998-10-23", ""),
        // Without a cue, news reports the past: the last such month, not the nearest one.
        (
            "He resigned as chairman, president and chief in March.",
            "1989-11-01",
            "March",
            D,
            "1989-03",
            "",
        ),
        ("In January, the board hired a new chief.", "1998-10-25", "January", D, "1998-01", ""),
        ("the Oct. 23 shooting", "1999-05-06", "Oct. 23", D, "1998-10-23", ""),
        // Within two months the nearest reading wins, whatever the verb says.
        ("The reduced dividend is payable Jan. 2.", "1989-11-02", "Jan. 2", D, "1990-01-02", ""),
        ("Sales this year through August were flat.", "1989-10-27", "August", D, "1989-08", ""),
        // A deadline or a start date looks ahead: "by", "through", "effective".
        ("It must repay the loan by February.", "1989-10-30", "February", D, "1990-02", ""),
        ("The bank extended credit through January.", "1989-10-30", "January", D, "1990-01", ""),
        (
            "a new office of the chairman, effective Feb. 1.",
            "1989-10-26",
            "Feb. 1",
            D,
            "1990-02-01",
            "",
        ),
        // The nearest cue up to 12 words back in the clause; an "-ed" adjective in a noun
        // phrase is no past verb.
        (
            "She will be named commander of the space shuttle for a mission in December.",
            "1998-03-04",
            "December",
            D,
            "1998-12",
            "",
        ),
        (
            "The split will take effect on a still unspecified date in January.",
            "1989-10-26",
            "January",
            D,
            "1990-01",
            "",
        ),
        // A participle after a bare "be" is a passive after a modal or "to": ahead.
        ("The summit would still be held in April.", "1999-02-10", "April", D, "1999-04", ""),
        ("The shares are expected to be listed in June.", "1989-10-30", "June", D, "1990-06", ""),
        // "succeed" is no past form; the dot of an initial ends no sentence.
        ("He will succeed Daniel P. Davison Feb. 1.", "1989-10-26", "Feb. 1", D, "1990-02-01", ""),
    ]);
}

#[test]
fn holidays() {
    check(&[
        ("It closed on Thanksgiving Day.", "2000-01-07", "Thanksgiving Day", D, "1999-11-25", ""),
        ("since last Thanksgiving", "2000-01-07", "last Thanksgiving", D, "1999-11-25", ""),
        ("in next week's Election Day vote", "1998-10-26", "Election Day", D, "1998-11-03", ""),
        ("He will be home for Christmas.", "1998-12-01", "Christmas", D, "1998-12-25", ""),
        ("on Christmas Eve 1996", "", "Christmas Eve 1996", D, "1996-12-24", ""),
        ("on New Year's Day", "1999-02-01", "New Year's Day", D, "1999-01-01", ""),
        ("after Labor Day", "1999-10-01", "Labor Day", D, "1999-09-06", ""),
        ("by Memorial Day", "1999-06-15", "Memorial Day", D, "1999-05-31", ""),
        ("the Independence Day parade", "1999-08-01", "Independence Day", D, "1999-07-04", ""),
    ]);
    check_none(&["The election day was sunny.", "a christmas tree", "New Year resolutions"]);
}

#[test]
fn relative_days_weeks_months_years() {
    check(&[
        ("It fell yesterday.", "1998-01-08", "yesterday", D, "1998-01-07", ""),
        ("It opens today.", "1998-01-08", "today", D, "1998-01-08", ""),
        ("It opens tomorrow.", "1998-01-08", "tomorrow", D, "1998-01-09", ""),
        ("It opened yesterday.", "", "yesterday", D, "XXXX-XX-XX", ""),
        ("last year", "1998-01-08", "last year", D, "1997", ""),
        ("next month", "1998-01-08", "next month", D, "1998-02", ""),
        ("this week", "1998-01-08", "this week", D, "1998-W02", ""),
        ("last week", "1998-01-08", "last week", D, "1998-W01", ""),
        ("two weeks ago", "1998-01-08", "two weeks ago", D, "1997-W52", ""),
        ("five years ago", "1998-01-08", "five years ago", D, "1993", ""),
        ("a month ago", "1998-01-08", "a month ago", D, "1997-12", ""),
        ("10 days ago", "1998-01-08", "10 days ago", D, "1997-12-29", ""),
        ("a year earlier", "1998-01-08", "a year earlier", D, "1997", ""),
        ("the following month", "1998-01-08", "the following month", D, "1998-02", ""),
        ("earlier this month", "1998-01-08", "earlier this month", D, "1998-01", "START"),
        ("earlier this year", "1998-01-08", "earlier this year", D, "1998", "START"),
        ("early next year", "1998-01-08", "early next year", D, "1999", "START"),
        ("by the end of the year", "1998-01-08", "the end of the year", D, "1998", "END"),
        ("in place by year's end", "1989-10-26", "year's end", D, "1989", "END"),
        (
            "sales were delayed earlier in the year",
            "1989-10-26",
            "earlier in the year",
            D,
            "1989",
            "START",
        ),
        ("a cut later in the month", "1989-10-26", "later in the month", D, "1989-10", "END"),
        ("through the first nine months of the year", "1989-10-26", "the year", D, "1989", ""),
        ("for the rest of the year", "1989-10-26", "the year", D, "1989", ""),
        ("in the weekend", "1998-01-10", "the weekend", D, "1998-W02-WE", ""),
        (
            "Traders sold shares ahead of the weekend.",
            "1998-01-08",
            "the weekend",
            D,
            "1998-W02-WE",
            "",
        ),
        (
            "Traders sold shares over the weekend.",
            "1998-01-08",
            "the weekend",
            D,
            "1998-W01-WE",
            "",
        ),
        // "the following/previous month|day" count from the last one named.
        (
            "In March it got an offer. The following month, it put itself up for sale.",
            "1989-10-27",
            "The following month",
            D,
            "1989-04",
            "",
        ),
        (
            "He arrived on Jan. 5 and left the following day.",
            "1998-01-20",
            "the following day",
            D,
            "1998-01-06",
            "",
        ),
        ("It opens next month.", "1989-10-27", "next month", D, "1989-11", ""),
        (
            "In 1994 he left; the following year he returned.",
            "",
            "the following year",
            D,
            "1995",
            "",
        ),
    ]);
}

#[test]
fn seasons_quarters_fiscal() {
    check(&[
        ("last fall", "1998-01-08", "last fall", D, "1997-FA", ""),
        // A quarter is of the year its closing day names; "that quarter" is the last one.
        (
            "In the second quarter ended Oct. 31, it lost money. Results for that quarter fell.",
            "1989-10-27",
            "that quarter",
            D,
            "1988-Q2",
            "",
        ),
        ("for the quarter ended Oct. 31, 1988", "1989-10-27", "Oct. 31, 1988", D, "1988-10-31", ""),
        // A period that "ended" on a day is in the past, even a few days ahead.
        (
            "In the quarter ended Oct. 31, it lost money.",
            "1989-10-27",
            "Oct. 31",
            D,
            "1988-10-31",
            "",
        ),
        // An appositive "the day" is the day just named.
        (
            "Eight days after Oct. 12, the day before the crash, prices fell.",
            "1989-10-30",
            "the day",
            D,
            "1989-10-12",
            "",
        ),
        // A bare "the week" is a week of the story left unnamed: the year and X's.
        ("For the week, the index fell 3.8%.", "1989-10-30", "the week", D, "1989-WXX", ""),
        // Two quarters of a year are its first half.
        (
            "demand will stay weak through the first two quarters of 1990.",
            "1989-10-26",
            "the first two quarters of 1990",
            D,
            "1990-H1",
            "",
        ),
        // "year-end" as a noun is the year's last day; after "since", last year's.
        ("to close the deal by year-end.", "1989-11-02", "year-end", D, "1989-12-31", ""),
        ("The change is since year-end.", "1989-10-30", "year-end", D, "1988-12-31", ""),
        ("to close the deal by year end.", "1989-11-02", "year end", D, "1989", "END"),
        // "the quarter a year ago": the year-ago quarter, one expression.
        (
            "Profit rose in the third quarter. For the quarter a year ago, it lost $2 million.",
            "1989-10-26",
            "the quarter a year ago",
            D,
            "1988-Q3",
            "",
        ),
        ("this summer", "1998-01-08", "this summer", D, "1998-SU", ""),
        ("in the third quarter", "1998-01-08", "the third quarter", D, "1997-Q3", ""),
        ("third-quarter profit", "1989-10-26", "third-quarter", D, "1989-Q3", ""),
        ("the third quarter of 1990", "", "the third quarter of 1990", D, "1990-Q3", ""),
        ("the first half", "1998-08-08", "the first half", D, "1998-H1", ""),
        (
            "Profit rose in the third quarter. It fell a year earlier.",
            "1989-10-26",
            "a year earlier",
            D,
            "1988-Q3",
            "",
        ),
        (
            "Net rose in the third quarter, while in the quarter",
            "1989-10-26",
            "the quarter",
            D,
            "1989-Q3",
            "",
        ),
        ("this year's third quarter", "1989-10-26", "this year's third quarter", D, "1989-Q3", ""),
        // Seasons with a year, or with early/mid/late.
        ("prices seen in the winter of 1994", "1998-02-23", "the winter of 1994", D, "1994-WI", ""),
        (
            "in the winter of nineteen ninety-four",
            "1998-02-23",
            "the winter of nineteen ninety-four",
            D,
            "1994-WI",
            "",
        ),
        (
            "from the lows of the early summer",
            "1989-10-26",
            "the early summer",
            D,
            "1989-SU",
            "START",
        ),
        // Halves of a decade.
        (
            "the trend of the last half of the '80s",
            "1989-10-26",
            "the last half of the '80s",
            D,
            "198",
            "END",
        ),
        (
            "in the first half of the 1990s",
            "1989-10-26",
            "the first half of the 1990s",
            D,
            "199",
            "START",
        ),
    ]);
    // Only a quarter already over anchors "the latest quarter" and "a year ago": a forecast
    // for the current quarter does not, a reported or "ended" fiscal quarter does; nor does
    // one brought in with an indefinite article for comparison.
    check(&[
        (
            "Profit rose in the third quarter. After a weak second quarter, sales grew. \
             Costs were lower than a year ago.",
            "1989-11-01",
            "a year ago",
            D,
            "1988-Q3",
            "",
        ),
        (
            "It expects a fourth-quarter charge. Profit fell in the latest quarter.",
            "1989-11-02",
            "the latest quarter",
            D,
            "1989-Q3",
            "",
        ),
        (
            "Losses may continue into the third quarter of 1990. In the year-ago period, it earned $1.",
            "1989-10-26",
            "the year-ago period",
            D,
            "1988-Q3",
            "",
        ),
        (
            "The firm reported lower fourth-quarter earnings. It earned $84 million a year earlier.",
            "1989-11-02",
            "a year earlier",
            D,
            "1988-Q4",
            "",
        ),
    ]);
    // After a longer reporting period ("the first nine months"), "a year earlier" compares
    // that period: the year, until a quarter is named again.
    check(&[
        (
            "Profit rose in the third quarter. For the first nine months, net was $30 million, up \
             from $20 million a year earlier.",
            "1989-11-02",
            "a year earlier",
            D,
            "1988",
            "",
        ),
        (
            "Profit rose in the third quarter. For the nine months, net rose. In the latest \
             quarter, sales fell from a year earlier.",
            "1989-11-02",
            "a year earlier",
            D,
            "1988-Q3",
            "",
        ),
        (
            "Net rose in the third quarter. In the first nine months, net was $3 million, against \
             a loss in the 1988 period.",
            "1989-11-02",
            "the 1988 period",
            D,
            "1988",
            "",
        ),
        (
            "Profit rose in the third quarter. He joined several months ago. Sales fell from a \
             year earlier.",
            "1989-11-02",
            "a year earlier",
            D,
            "1988-Q3",
            "",
        ),
    ]);
    check(&[(
        "It lost $8 million in the third quarter, against net of $1.8 million for the \
         corresponding period last year.",
        "1989-11-01",
        "the corresponding period last year",
        D,
        "1988-Q3",
        "",
    )]);
    // A fraction or a comparison, not a fiscal quarter.
    check_none(&["It hit a quarter-century low.", "The quarter-to-quarter comparison held."]);
}

#[test]
fn times_of_day() {
    check(&[
        ("at 10 a.m. today", "1998-01-08", "10 a.m. today", T, "1998-01-08T10:00", ""),
        // The part of the day as am/pm.
        (
            "The ship sails at 5 in the morning.",
            "1998-01-08",
            "5 in the morning",
            T,
            "1998-01-08T05:00",
            "",
        ),
        (
            "They met at seven in the evening.",
            "1998-01-08",
            "seven in the evening",
            T,
            "1998-01-08T19:00",
            "",
        ),
        ("at 10:35 a.m. local time", "1998-08-07", "10:35 a.m.", T, "1998-08-07T10:35", ""),
        (
            "around 7:15 p.m. there",
            "1998-08-07",
            "around 7:15 p.m.",
            T,
            "1998-08-07T19:15",
            "APPROX",
        ),
        ("at noon Thursday", "1998-01-08", "noon Thursday", T, "1998-01-08T12:00", ""),
        ("this morning", "1998-01-08", "this morning", T, "1998-01-08TMO", ""),
        ("last night", "1998-01-08", "last night", T, "1998-01-07TNI", ""),
        // "overnight" is the night before the day in view.
        ("Stocks slid overnight in Tokyo.", "1998-01-08", "overnight", T, "1998-01-07TNI", ""),
        (
            "London shares fell Friday, hurt by overnight losses in New York.",
            "1998-01-12",
            "overnight",
            T,
            "1998-01-08TNI",
            "",
        ),
        (
            "By mid afternoon, shares fell.",
            "1998-03-06",
            "mid afternoon",
            T,
            "1998-03-06TAF",
            "MID",
        ),
        (
            "at mid-afternoon yesterday",
            "1989-11-02",
            "mid-afternoon yesterday",
            T,
            "1989-11-01TAF",
            "MID",
        ),
        // A bare clock time belongs to the last day named before it.
        (
            "The blast came Friday. It hit at 10:35 a.m. local time.",
            "1998-08-08",
            "10:35 a.m.",
            T,
            "1998-08-07T10:35",
            "",
        ),
        ("It ends at 10 p.m. The rest", "1998-01-08", "10 p.m", T, "1998-01-08T22:00", ""),
    ]);
}

#[test]
fn durations() {
    check(&[
        ("for 20 years", "", "20 years", P, "P20Y", ""),
        ("a five-year plan", "", "five-year", P, "P5Y", ""),
        ("for a decade", "", "a decade", P, "P10Y", ""),
        ("for nearly two decades", "", "nearly two decades", P, "P20Y", "APPROX"),
        ("several months", "", "several months", P, "PXM", ""),
        ("in the past two years", "", "the past two years", P, "P2Y", ""),
        ("the first nine months", "", "the first nine months", P, "P9M", ""),
        ("the last twenty four hours", "", "the last twenty four hours", P, "PT24H", ""),
        ("for more than four hours", "", "more than four hours", P, "PT4H", "MORE_THAN"),
        ("less than one hour", "", "less than one hour", P, "PT1H", "LESS_THAN"),
        ("at least 30 days", "", "at least 30 days", P, "P30D", "EQUAL_OR_MORE"),
        ("up to 180 days", "", "up to 180 days", P, "P180D", "EQUAL_OR_LESS"),
        ("about a decade", "", "about a decade", P, "P10Y", "APPROX"),
        ("But a minute and a half later", "", "a minute and a half", P, "PT1M30S", ""),
        ("It lasted an hour and a half.", "", "an hour and a half", P, "PT1H30M", ""),
        ("a couple of years", "", "a couple of years", P, "P2Y", "APPROX"),
        ("the next few days", "", "the next few days", P, "PXD", ""),
        ("the next two years or so", "", "the next two years or so", P, "P2Y", "APPROX"),
        ("for years", "", "years", P, "PXY", ""),
        ("they must wait for a while", "", "a while", P, "PXX", ""),
        ("In the years that followed, it grew.", "", "the years", P, "PXY", ""),
        ("and over the years it grew", "", "the years", P, "PXY", ""),
        ("to pay investors in the weeks ahead", "", "the weeks ahead", P, "PXW", ""),
        ("taken in the first hours of the war", "", "the first hours", P, "PTXH", ""),
        ("fewer lives saved in the early years", "", "the early years", P, "PXY", ""),
        ("after their third day-long meeting", "", "day-long", P, "P1D", ""),
        ("a months-long dispute", "", "months-long", P, "PXM", ""),
        ("a few minutes", "", "a few minutes", P, "PTXM", ""),
        // Vague decades in years, like counted ones; vague centuries as C.
        ("a decades-long feud", "", "decades-long", P, "PXY", ""),
        ("it stood there for centuries", "", "centuries", P, "PXC", ""),
        ("lived in camps for 2 1/2 years.", "", "2 1/2 years", P, "P2Y6M", ""),
        ("then about 5 1/2 hours in Nairobi", "", "about 5 1/2 hours", P, "PT5H30M", "APPROX"),
        ("for no more than sixty days", "", "no more than sixty days", P, "P60D", "EQUAL_OR_LESS"),
        // "a year-earlier loss": the adjective is the date, not "a year".
        ("compared with a year-earlier loss", "1989-11-01", "year-earlier", D, "1988", ""),
    ]);
    check_none(&[
        "a 6-year-old boy",
        "he is 52 years old",
        "$5 a year",
        "$5 a day",
        // Counts per unit are rates, not durations.
        "up from four flights a week",
        "adding 700 seats a week",
        "guards stationed there 24 hours a day",
        // An idiom, not a clock time.
        "the film High Noon",
        // Capitalised units inside a phrase are titles.
        "he said on CBS's \"60 Minutes\" that",
        "speaking on ABC's \"This Week\", he said",
        "for Poland, high noon has come",
        // Rates: an average per day, a count per second.
        "the average daily volume of 133 million shares",
        // A fraction, not a quarter of a year.
        "accounting for more than a quarter of the market",
        "15 million instructions per second",
        // A discourse "Now," opens a turn in the story, not a reference to the present.
        "He had said so. Now, he says, it looks different.",
        "Now for the weather.",
        "the problems of today's youth",
        // Titles and the future in general.
        "This is VOA Today.",
        "the people of tomorrow",
        // An ordinal day in the past is no reference to today.
        "It was the third day of the strike.",
        "in today's world",
    ]);
    // "the early hours of Thursday" is a time of that day, not a stretch of hours.
    let text = "He was arrested in the early hours of Thursday.";
    let found = tag(text, dct("1998-01-08"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(&text[found[0].start..found[0].end], "Thursday");
    // A count after a date is no second day: "4 people".
    let text = "on May 3 and 4 people died";
    let found = tag(text, dct("1998-06-01"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(&text[found[0].start..found[0].end], "May 3");
}

#[test]
fn sets() {
    check(&[
        ("published daily", "", "daily", S, "P1D", ""),
        ("every year", "", "every year", S, "P1Y", ""),
        ("each week", "", "each week", S, "P1W", ""),
        ("weekly meetings", "", "weekly", S, "P1W", ""),
        ("each July", "", "each July", S, "XXXX-07", ""),
        ("every Thursday", "", "every Thursday", S, "XXXX-WXX-4", ""),
        // "Tuesday nights", and the first day of "Monday and Tuesday nights": every such night.
        ("flights leave on Tuesday nights", "1998-01-08", "Tuesday nights", S, "XXXX-WXX-2TNI", ""),
        ("flights on Monday and Tuesday nights", "1998-01-08", "Monday", S, "XXXX-WXX-1TNI", ""),
    ]);
}

#[test]
fn references() {
    check(&[
        ("It is now clear.", "1998-01-08", "now", D, "PRESENT_REF", ""),
        ("as they did in past years", "1998-01-08", "past years", D, "PAST_REF", ""),
        ("the then current chairman", "1998-01-08", "then current", D, "PAST_REF", ""),
        (
            "He would not travel at this crucial moment.",
            "1998-01-08",
            "this crucial moment",
            D,
            "PRESENT_REF",
            "",
        ),
        ("to be sold at a later date", "1998-01-08", "a later date", D, "FUTURE_REF", ""),
        // "one day" before a verb is some day to come; as a length it stays a duration.
        ("He hopes he will one day fly.", "1998-01-08", "one day", D, "FUTURE_REF", ""),
        ("It was in the job one day.", "1998-01-08", "one day", P, "P1D", ""),
        // The ordinal day of an ongoing event, said in the present, is today.
        ("It's the third day of the strike.", "1998-01-08", "the third day", D, "1998-01-08", ""),
        ("Today is the second day of talks.", "1998-01-08", "the second day", D, "1998-01-08", ""),
        // "today's" is the day's own ("today's editions"), unless it means nowadays.
        ("as advertised in today's editions", "1989-11-02", "today", D, "1989-11-02", ""),
        ("Now the rules are different.", "1998-01-08", "Now", D, "PRESENT_REF", ""),
        ("It is currently open.", "1998-01-08", "currently", D, "PRESENT_REF", ""),
        ("It recently closed.", "1998-01-08", "recently", D, "PAST_REF", ""),
        ("as in the past", "1998-01-08", "the past", D, "PAST_REF", ""),
        ("in the future", "1998-01-08", "the future", D, "FUTURE_REF", ""),
        ("in the near future", "1998-01-08", "the near future", D, "FUTURE_REF", ""),
        ("in recent years", "1998-01-08", "recent years", D, "PAST_REF", ""),
        ("these days", "1998-01-08", "these days", D, "PRESENT_REF", ""),
    ]);
}

#[test]
fn ranges_and_since() {
    let text =
        "He served (1994-2004), ruled from 1990 to 1995 and between 1980 and 1985, since 2004.";
    let found = tag(text, None);
    let spans: Vec<(&str, &str, Option<&str>, bool)> = found
        .iter()
        .map(|t| (&text[t.start..t.end], t.value.as_str(), t.range_end.as_deref(), t.since))
        .collect();
    assert_eq!(
        spans,
        vec![
            ("1994-2004", "1994", Some("2004"), false),
            ("1990 to 1995", "1990", Some("1995"), false),
            ("1980 and 1985", "1980", Some("1985"), false),
            ("2004", "2004", None, true),
        ]
    );
}

fn find<'a>(found: &'a [Timex], text: &str, span: &str) -> Vec<&'a Timex> {
    found.iter().filter(|t| &text[t.start..t.end] == span).collect()
}

#[test]
fn seed_article() {
    // The app's copy of the seed article (tests/seed.rs checks it against the original).
    let text = include_str!("../assets/article.txt");
    let found = tag(text, None);
    let one = |span: &str| -> &Timex {
        let v = find(&found, text, span);
        assert!(!v.is_empty(), "missing {span:?} in {found:?}");
        v[0]
    };
    let since = one("2004");
    assert!(since.since && since.value == "2004");
    let range = one("1994-2004");
    assert_eq!((range.value.as_str(), range.range_end.as_deref()), ("1994", Some("2004")));
    let early = one("the early 2000s");
    assert_eq!((early.value.as_str(), early.modifier.as_deref()), ("200", Some("START")));
    for y in ["2008", "1974", "1991", "1994", "2014"] {
        assert_eq!(one(y).value, y);
    }
    assert_eq!(find(&found, text, "2022").len(), 2, "2022 twice");
    let d = one("20 years");
    assert_eq!((d.kind, d.value.as_str()), (TimexType::Duration, "P20Y"));
    let n = one("nearly two decades");
    assert_eq!(
        (n.kind, n.value.as_str(), n.modifier.as_deref()),
        (TimexType::Duration, "P20Y", Some("APPROX"))
    );
}

#[test]
fn output_sorted_and_disjoint() {
    let text =
        "Yesterday, 10 a.m. Tuesday, the third quarter of 1990, last week and 1994-2004 now.";
    let found = tag(text, dct("1998-01-08"));
    assert!(found.len() >= 5);
    for w in found.windows(2) {
        assert!(w[0].end <= w[1].start, "{w:?}");
    }
    for t in &found {
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end) && t.start < t.end);
    }
}

/// xorshift64*: a tiny deterministic generator so the fuzz test needs no crates.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn random_input_never_panics() {
    let pieces = [
        "1994",
        "-",
        "2004",
        " ",
        "the",
        "early",
        "2000s",
        "a.m.",
        "p",
        ".",
        "m",
        "Jan",
        "May",
        "3",
        "'",
        "80s",
        ",",
        "last",
        "week",
        "ago",
        "of",
        "quarter",
        "third",
        "–",
        "’",
        "é",
        "日本",
        "\n",
        "\n\n",
        "99999999999999999999",
        "0",
        "/",
        "12",
        ":",
        "60",
        "since",
        "between",
        "and",
        "nineteen",
        "ninety",
        "hundred",
        "year",
        "-old",
        "fiscal",
        "Friday",
        "night",
        "$",
        "%",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let mut s = String::new();
        let n = (rng.next() % 40) as usize;
        for _ in 0..n {
            if round % 3 == 0 {
                // raw unicode junk
                let c = char::from_u32((rng.next() % 0x11_0000) as u32).unwrap_or('?');
                s.push(c);
            } else {
                s.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
                if rng.next() & 1 == 0 {
                    s.push(' ');
                }
            }
        }
        let d = NaiveDate::from_ymd_opt(1 + (rng.next() % 9000) as i32, 1, 1);
        let found = tag(&s, if round % 5 == 0 { None } else { d });
        for t in &found {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
        }
        let _ = sentences(&s);
    }
    // Extreme reference dates must not overflow.
    let _ =
        tag("a year ago, next week, 100000 years ago", NaiveDate::from_ymd_opt(262_000, 12, 31));
    let _ = tag("a year ago, last week, yesterday", NaiveDate::from_ymd_opt(-262_000, 1, 1));
}

#[test]
fn sentence_splitting() {
    let text = "Mr. Smith arrived in the U.S. on Jan. 3. Prices rose 3.5 percent... \"It works.\" He left.\nNew para";
    let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(
        s,
        vec![
            "Mr. Smith arrived in the U.S. on Jan. 3.",
            "Prices rose 3.5 percent...",
            "\"It works.\"",
            "He left.",
            "New para"
        ]
    );
}
