//! A query's hits counted by year or month, beside the words said in each
//! period, so that a word's rise and fall reads as a rate rather than as
//! the archive's own growth.

use serde::Serialize;

use super::{Chosen, Index, Query};
use crate::model::Corpus;

mod pages;
pub use pages::{PageTrends, count_files};

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    #[default]
    Year,
    Month,
}

impl By {
    pub const ALL: [By; 2] = [By::Year, By::Month];

    pub fn name(self) -> &'static str {
        match self {
            By::Year => "year",
            By::Month => "month",
        }
    }

    pub fn from_name(name: &str) -> Option<By> {
        By::ALL.into_iter().find(|b| b.name() == name)
    }

    /// The period of a [`super::index::day_number`]: 2016 or 201603;
    /// `None` for no date (or no month, by month).
    fn of(self, day: u32) -> Option<u32> {
        let period = match self {
            By::Year => day / 10_000,
            By::Month => day / 100,
        };
        (day != 0 && (self == By::Year || period % 100 != 0)).then_some(period)
    }

    /// The period after `period`.
    fn next(self, period: u32) -> u32 {
        match self {
            By::Year => period + 1,
            By::Month if period % 100 == 12 => (period / 100 + 1) * 100 + 1,
            By::Month => period + 1,
        }
    }

    /// As a date facet takes it: `2016`, `2016-03`.
    fn label(self, period: u32) -> String {
        match self {
            By::Year => period.to_string(),
            By::Month => format!("{}-{:02}", period / 100, period % 100),
        }
    }
}

/// One period's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// `2016` or `2016-03`; `undated` for events without a date.
    pub period: String,
    /// Paragraphs that match: what `verbatim search` lists for the period.
    pub paragraphs: u64,
    /// Times those paragraphs hold the query: for each, the matching
    /// words of its scarcest term (a word's uses, for a one-word query).
    pub matches: u64,
    /// Words of every paragraph the query's narrowing keeps (its speaker,
    /// facets, speech), matching or not: what the rate is out of.
    pub words: u64,
}

impl Period {
    /// A period with nothing counted yet.
    fn empty(period: String) -> Period {
        Period {
            period,
            paragraphs: 0,
            matches: 0,
            words: 0,
        }
    }

    /// Adds the counts of `other`.
    fn add(&mut self, other: &Period) {
        self.paragraphs += other.paragraphs;
        self.matches += other.matches;
        self.words += other.words;
    }

    /// Matches per 10,000 words said in the period.
    pub fn per_10k(&self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.matches as f64 * 10_000.0 / self.words as f64
        }
    }
}

/// A query's counts over time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trend {
    /// Every period from the first with words to the last, none skipped.
    pub periods: Vec<Period>,
    /// Events without a date (by month, also those dated by year alone).
    pub undated: Option<Period>,
    /// No exact name of the query's `@name` or `with:` matched: these are
    /// counts of near names.
    pub near: bool,
}

impl Trend {
    /// Counts what `chosen` (from [`Index::choose_all`] or
    /// [`Index::choose_all_ahead`] for `query`) holds; `corpus` holds
    /// every transcript when the query has facets, else at least those of
    /// its hits when [`Chosen::needs_text`].
    pub fn count(index: &Index, corpus: &Corpus, query: &Query, chosen: Chosen, by: By) -> Trend {
        let (matched, near) = index.count(corpus, chosen);
        let mut tally = Tally::default();
        let period_of = |transcript: u32| by.of(index.day(transcript));
        // Docs come a transcript at a time: a period is looked up once
        // for each, not for each of hundreds of thousands of paragraphs.
        let mut said: Option<(u32, u64)> = None;
        for doc in index.kept(corpus, query, near) {
            match &mut said {
                Some((transcript, words)) if *transcript == doc.transcript => {
                    *words += u64::from(doc.words);
                }
                _ => {
                    if let Some((transcript, words)) = said {
                        tally.at(by, period_of(transcript)).words += words;
                    }
                    said = Some((doc.transcript, u64::from(doc.words)));
                }
            }
        }
        if let Some((transcript, words)) = said {
            tally.at(by, period_of(transcript)).words += words;
        }
        let docs = index.docs();
        for (doc, matches) in matched {
            let transcript = docs[doc as usize].transcript;
            let period = tally.at(by, period_of(transcript));
            period.paragraphs += 1;
            period.matches += u64::from(matches);
        }
        tally.into_trend(by, near)
    }

    /// Paragraphs that match, in all periods and undated.
    pub fn paragraphs(&self) -> u64 {
        self.periods
            .iter()
            .chain(&self.undated)
            .map(|p| p.paragraphs)
            .sum()
    }

    /// The first period with a match, and the period with the highest
    /// rate.
    pub fn first_and_peak(&self) -> Option<(&Period, &Period)> {
        let first = self.periods.iter().find(|p| p.paragraphs > 0)?;
        let peak = self
            .periods
            .iter()
            .filter(|p| p.paragraphs > 0)
            .max_by(|a, b| a.per_10k().total_cmp(&b.per_10k()))?;
        Some((first, peak))
    }
}

/// Counts by period as they are gathered, undated under `None`.
#[derive(Debug, Default)]
struct Tally(std::collections::BTreeMap<Option<u32>, Period>);

impl Tally {
    /// The counts of a period, begun at nothing the first time it is met.
    fn at(&mut self, by: By, period: Option<u32>) -> &mut Period {
        self.0.entry(period).or_insert_with(|| {
            Period::empty(period.map_or_else(|| "undated".into(), |p| by.label(p)))
        })
    }

    /// Adds the counts of `other`, gathered elsewhere.
    fn add(&mut self, by: By, other: Tally) {
        for (period, counts) in other.0 {
            self.at(by, period).add(&counts);
        }
    }

    /// Every period from the first to the last, those without words
    /// too, undated apart.
    fn into_trend(mut self, by: By, near: bool) -> Trend {
        let undated = self.0.remove(&None);
        let dated: Vec<(u32, Period)> = self
            .0
            .into_iter()
            .filter_map(|(period, counts)| Some((period?, counts)))
            .collect();
        let mut filled = Vec::with_capacity(dated.len());
        let mut next = dated.first().map(|(p, _)| *p);
        for (period, counts) in dated {
            while let Some(empty) = next.filter(|n| *n < period) {
                filled.push(Period::empty(by.label(empty)));
                next = Some(by.next(empty));
            }
            filled.push(counts);
            next = Some(by.next(period));
        }
        Trend {
            periods: filled,
            undated,
            near,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_step_over_year_ends() {
        assert_eq!(By::Month.of(20161231), Some(201612));
        assert_eq!(By::Month.next(201612), 201701);
        assert_eq!(By::Month.label(201701), "2017-01");
        assert_eq!(By::Year.of(20160000), Some(2016));
        assert_eq!(By::Month.of(20160000), None);
        assert_eq!(By::Year.of(0), None);
    }

    #[test]
    fn counts_by_year_with_the_words_said() {
        let corpus = crate::corpus::assemble(
            [
                ("a", "March 9, 2016", "Sanctions hurt. Trade grows."),
                ("b", "May 1, 2018", "Sanctions, sanctions and more."),
            ]
            .iter()
            .map(|(id, date, said)| {
                let page = format!("Events\nTitle {id}\n{date}\nVladimir Putin: {said}");
                crate::parse::parse_page(id, &page)
            })
            .collect(),
        );
        let index = Index::build(&corpus);
        let query = Query::parse("sanctions");
        let chosen = index.choose_all(&corpus, &query);
        let trend = Trend::count(&index, &corpus, &query, chosen, By::Year);
        let years: Vec<(&str, u64, u64)> = trend
            .periods
            .iter()
            .map(|p| (p.period.as_str(), p.paragraphs, p.matches))
            .collect();
        assert_eq!(years, [("2016", 1, 1), ("2017", 0, 0), ("2018", 1, 2)]);
        assert_eq!(trend.paragraphs(), 2);
        let (first, peak) = trend.first_and_peak().unwrap();
        assert_eq!(
            (first.period.as_str(), peak.period.as_str()),
            ("2016", "2018")
        );
    }
}
