//! Trends counted from page files, with no index: what `verbatim trend`
//! does without a current cache, as `verbatim search` streams. Each core
//! reads and parses its share of the pages once for every query. Unlike
//! a search, no page is skipped unparsed: the words said in each period
//! are what a rate is out of, and every page says some.

use std::path::PathBuf;

use rustc_hash::FxHashMap;

use super::super::index::day_number;
use super::super::query::Query;
use super::super::rank::{Tiers, rank, times_held_in};
use super::super::stream::{PagePeople, Plan, Voices, parse_page, query_facets_keep, read_page};
use super::super::words::count_words;
use super::{By, Tally, Trend};
use crate::corpus::Problem;
use crate::model::Speaker;

/// Each query's trend, in the order asked, and what went wrong reading.
pub struct PageTrends {
    pub trends: Vec<Trend>,
    pub problems: Vec<Problem>,
    /// Page files read (parsed or not).
    pub files: usize,
}

/// Counts each of `queries` in the page files `files` (.txt and the
/// other page formats; JSON corpora are left to the caller): of the
/// exact names a query gives, or of near ones when the exact ones match
/// nothing, as [`super::super::stream::search_files`] lists them.
pub fn count_files(files: &[PathBuf], queries: &[Query], by: By) -> PageTrends {
    let mut counted = count_names(files, queries, by);
    let again: Vec<(usize, Query)> = queries
        .iter()
        .enumerate()
        .filter(|(at, _)| counted.trends[*at].paragraphs() == 0)
        .filter_map(|(at, query)| Some((at, query.near_names()?)))
        .collect();
    if again.is_empty() {
        return counted;
    }
    let near: Vec<Query> = again.iter().map(|(_, q)| q.clone()).collect();
    let recounted = count_names(files, &near, by);
    for ((at, _), trend) in again.iter().zip(recounted.trends) {
        if trend.paragraphs() > 0 {
            counted.trends[*at] = Trend {
                near: true,
                ..trend
            };
        }
    }
    counted
}

fn count_names(files: &[PathBuf], queries: &[Query], by: By) -> PageTrends {
    let plans: Vec<Plan> = queries.iter().map(|q| Plan::new(q, 0)).collect();
    let parts = crate::parallel::share(
        files,
        || Worker::new(plans.len()),
        |worker, _, file| worker.page(file, &plans, by),
    );
    let mut tallies: Vec<Tally> = queries.iter().map(|_| Tally::default()).collect();
    let mut problems = Vec::new();
    for worker in parts {
        for (sum, part) in tallies.iter_mut().zip(worker.queries) {
            sum.add(by, part.tally);
        }
        problems.extend(worker.problems);
    }
    PageTrends {
        trends: tallies
            .into_iter()
            .map(|tally| tally.into_trend(by, false))
            .collect(),
        problems,
        files: files.len(),
    }
}

/// What one core keeps between pages.
struct Worker {
    queries: Vec<Counting>,
    problems: Vec<Problem>,
    buffer: String,
    /// The words of each of a page's paragraphs.
    words: Vec<u64>,
}

/// One query's counts on one core, and what it worked out once.
#[derive(Default)]
struct Counting {
    tally: Tally,
    /// Each folded word's tiers.
    memo: FxHashMap<Box<str>, Tiers>,
    voices: Voices,
}

impl Worker {
    fn new(queries: usize) -> Worker {
        Worker {
            queries: (0..queries).map(|_| Counting::default()).collect(),
            problems: Vec::new(),
            buffer: String::new(),
            words: Vec::new(),
        }
    }

    fn page(&mut self, file: &std::path::Path, plans: &[Plan], by: By) {
        let Some(text) = read_page(file, &mut self.problems) else {
            return;
        };
        let Some(page) = parse_page(file, &text, &mut self.problems) else {
            return;
        };
        let t = &page.transcript;
        let period = by.of(t.date.as_deref().map_or(0, day_number));
        self.words.clear();
        self.words.extend(
            t.searchable()
                .map(|place| u64::from(count_words(t.text(place.line)))),
        );
        let people = PagePeople::new(&page);
        let name_of = |speaker: &Speaker| people.name_of(speaker);
        for (plan, counting) in plans.iter().zip(&mut self.queries) {
            if !query_facets_keep(plan, &page) {
                continue;
            }
            let Counting {
                tally,
                memo,
                voices,
            } = counting;
            let mut tiers_of = |word: &str| plan.matcher.tiers_memo(word, memo);
            let may_match = plan.may_match(&text, &mut self.buffer, &mut tiers_of);
            let mut counts = super::Period::empty(String::new());
            let mut kept = false;
            for (place, words) in t.searchable().zip(&self.words) {
                if !voices.keep(plan, place.speaker, name_of) {
                    continue;
                }
                kept = true;
                counts.words += words;
                let said = t.text(place.line);
                if may_match && rank(said, &plan.matcher.terms, &mut tiers_of).is_some() {
                    counts.paragraphs += 1;
                    counts.matches += u64::from(times_held_in(
                        said,
                        &plan.matcher.terms,
                        &mut self.buffer,
                        &mut tiers_of,
                    ));
                }
            }
            // A period is there once some paragraph of it is kept, as
            // from the index.
            if kept {
                tally.at(by, period).add(&counts);
            }
        }
    }
}
