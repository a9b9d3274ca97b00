//! Search without an index, for the command line: each core reads, parses
//! and ranks its share of the page files in one pass and keeps only its
//! best hits, so a one-off query costs one read of the corpus and nothing
//! is held in memory but the results. A page in which some term matches
//! no word at all is not parsed.

use std::cell::OnceCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::prefilter::PageFilter;
use super::query::Query;
use super::rank::{Matcher, Tiers, place_bonus, rank, tier_at};
use super::speaker::SpeakerRule;
use super::words::for_each_word;
use crate::corpus::{self, Problem, read_text};
use crate::model::{Corpus, Speaker, Transcript};

/// A hit with everything needed to print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageHit {
    pub score: i32,
    pub ranges: Vec<std::ops::Range<usize>>,
    pub text: String,
    pub line: u32,
    pub block: u32,
    pub paragraph: u32,
    pub transcript: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub title: String,
    pub place: Option<String>,
    pub speaker: Option<Speaker>,
    pub speaker_name: Option<String>,
    /// The role the turn's label gives, else the speaker's usual one.
    pub role: Option<String>,
    pub url: Option<String>,
    /// When the paragraph is said, in a timed transcript.
    pub timing: Option<crate::model::Timing>,
    /// Where the event falls in a date order ([`super::Order::date_key`]);
    /// 0 for all in relevance order.
    day_key: u32,
    /// Page order then paragraph order, for stable ties.
    order: (usize, usize),
}

impl PageHit {
    /// A hit found some other way (the index), to print alike.
    pub fn new(
        score: i32,
        ranges: Vec<std::ops::Range<usize>>,
        text: String,
        (line, block, paragraph): (u32, u32, u32),
        transcript: &crate::model::Transcript,
        (speaker, speaker_name, role): (Option<Speaker>, Option<String>, Option<String>),
    ) -> PageHit {
        PageHit {
            score,
            ranges,
            text,
            line,
            block,
            paragraph,
            transcript: transcript.id.clone(),
            source: transcript.source.clone(),
            date: transcript.date.clone(),
            title: transcript.title_text().to_string(),
            place: transcript
                .place
                .as_ref()
                .map(|l| transcript.text(l).to_string()),
            speaker,
            speaker_name,
            role,
            url: transcript.url().map(|u| u.into_owned()),
            timing: transcript.timing_of(line),
            day_key: 0,
            order: (0, 0),
        }
    }
}

impl PageHit {
    /// What orders hits: first the date order's, then the higher score,
    /// then the earlier place in the corpus.
    fn key(&self) -> (u32, Reverse<i32>, (usize, usize)) {
        (self.day_key, Reverse(self.score), self.order)
    }
}

impl Ord for PageHit {
    /// Earlier in the order first.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for PageHit {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

pub struct PageResults {
    pub hits: Vec<PageHit>,
    pub problems: Vec<Problem>,
    /// Page files read (parsed or skipped).
    pub files: usize,
    /// No exact name of the query's `@name` or `with:` had a match: the
    /// hits are of near names ([`Query::near_names`]).
    pub near: bool,
}

/// Searches the page files under `paths` (.txt; other files are left to
/// the caller) for the `limit` best hits: of the exact names the query
/// gives, or of near ones when the exact ones match nothing, as
/// [`super::Index::search`] chooses.
pub fn search_files(files: &[PathBuf], query: &Query, limit: usize) -> PageResults {
    let results = search_names(files, query, limit);
    match query.near_names() {
        Some(near) if results.hits.is_empty() => {
            let again = search_names(files, &near, limit);
            PageResults {
                near: !again.hits.is_empty(),
                hits: again.hits,
                ..results
            }
        }
        _ => results,
    }
}

fn search_names(files: &[PathBuf], query: &Query, limit: usize) -> PageResults {
    let plan = Plan::new(query, limit);
    let parts = crate::parallel::share(files, Worker::default, |worker, at, file| {
        worker.page(at, file, &plan)
    });
    let mut hits = Vec::new();
    let mut problems = Vec::new();
    for worker in parts {
        hits.extend(worker.best.into_iter().map(|Reverse(Reverse(hit))| hit));
        problems.extend(worker.problems);
    }
    hits.sort();
    hits.truncate(limit);
    PageResults {
        hits,
        problems,
        files: files.len(),
        near: false,
    }
}

/// What every core searches for.
pub(super) struct Plan {
    pub(super) matcher: Matcher,
    /// The cheap check that skips pages, when the terms allow it.
    filter: Option<PageFilter>,
    speakers: Option<SpeakerRule>,
    facets: Vec<super::facets::FacetTerm>,
    /// `with:` keeps near names too.
    near: bool,
    speech: Option<bool>,
    order: super::Order,
    limit: usize,
}

impl Plan {
    /// How to look for `query`'s best `limit` hits.
    pub(super) fn new(query: &Query, limit: usize) -> Plan {
        let matcher = Matcher::new(query);
        Plan {
            filter: PageFilter::new(&matcher.terms),
            matcher,
            speakers: SpeakerRule::new(query),
            facets: query.facets.clone(),
            near: query.near,
            speech: query.speech,
            order: query.order,
            limit,
        }
    }

    /// Whether some paragraph of a page, `text`, may match: `false` when
    /// some term matches no word of it. Worth its cost only when a term
    /// is long enough to be selective, and only when every term is needed
    /// (a `?word` may be lacking); `true` otherwise.
    pub(super) fn may_match(
        &self,
        text: &str,
        buffer: &mut String,
        tiers_of: &mut impl FnMut(&str) -> Tiers,
    ) -> bool {
        let terms = &self.matcher.terms;
        if !terms.iter().any(|t| t.folded.len() >= 3) || terms.iter().any(|t| t.optional) {
            return true;
        }
        match &self.filter {
            Some(filter) => filter.all_terms_match(text, buffer, tiers_of),
            None => every_term_matches(text, buffer, terms.len(), tiers_of),
        }
    }
}

/// Whether a page's event has the query's facets (`year:2016`).
pub(super) fn query_facets_keep(plan: &Plan, page: &crate::parse::ParsedPage) -> bool {
    if plan.facets.is_empty() {
        return true;
    }
    let t = &page.transcript;
    let mut buffer = String::new();
    let has = |words: &[String]| {
        let mut missing: Vec<&str> = words.iter().map(String::as_str).collect();
        for place in t.searchable() {
            for_each_word(t.text(place.line), &mut buffer, |word, _| {
                missing.retain(|m| *m != word);
            });
        }
        missing.is_empty()
    };
    if !super::facets::mentioned(&plan.facets, has) {
        return false;
    }
    let event = super::facets::FoldedEvent::of(&page.transcript);
    let people = corpus::people_of(&page.sightings);
    let name_of = |id: &str| people.iter().find(|p| p.id == id).map(|p| p.name.as_str());
    super::facets::Judge::new(&plan.facets, plan.near).keeps(&event, &name_of)
}

/// Whose paragraphs a query keeps: `@name`'s speakers (each name asked
/// of its rule once), speech or the rest.
#[derive(Default)]
pub(super) struct Voices {
    /// Whether the `@name` rule keeps a speaker, by name.
    allowed: FxHashMap<String, bool>,
}

impl Voices {
    /// `@name` keeps turns only, never narration or the header.
    pub(super) fn keep(
        &mut self,
        plan: &Plan,
        speaker: Option<&Speaker>,
        name_of: impl Fn(&Speaker) -> String,
    ) -> bool {
        if plan
            .speech
            .is_some_and(|speech| speech != speaker.is_some())
        {
            return false;
        }
        match (&plan.speakers, speaker) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(rule), Some(speaker)) => *self
                .allowed
                .entry(name_of(speaker))
                .or_insert_with_key(|name| rule.keeps(name)),
        }
    }
}

/// The people a page names, as the reader names them; worked out only
/// when asked for (a hit kept, an `@name` to check).
pub(super) struct PagePeople<'a> {
    page: &'a crate::parse::ParsedPage,
    people: OnceCell<Corpus>,
}

impl<'a> PagePeople<'a> {
    pub(super) fn new(page: &'a crate::parse::ParsedPage) -> PagePeople<'a> {
        PagePeople {
            page,
            people: OnceCell::new(),
        }
    }

    pub(super) fn name_of(&self, speaker: &Speaker) -> String {
        self.people
            .get_or_init(|| Corpus::new(corpus::people_of(&self.page.sightings), Vec::new()))
            .speaker_name(speaker)
            .to_string()
    }
}

/// What one core keeps between pages.
#[derive(Default)]
struct Worker {
    /// Each folded word's tiers, worked out once.
    memo: FxHashMap<Box<str>, Tiers>,
    /// A min-heap of the best hits so far (the worst on top).
    best: BinaryHeap<Reverse<Reverse<PageHit>>>,
    problems: Vec<Problem>,
    buffer: String,
    voices: Voices,
}

impl Worker {
    fn page(&mut self, order: usize, file: &Path, plan: &Plan) {
        let matcher = &plan.matcher;
        let Some(text) = read_page(file, &mut self.problems) else {
            return;
        };
        let terms = &matcher.terms;
        let memo = &mut self.memo;
        let mut tiers_of = |word: &str| matcher.tiers_memo(word, memo);
        if !plan.may_match(&text, &mut self.buffer, &mut tiers_of) {
            return;
        }
        let Some(page) = parse_page(file, &text, &mut self.problems) else {
            return;
        };
        if !query_facets_keep(plan, &page) {
            return;
        }
        let people = PagePeople::new(&page);
        let name_of = |speaker: &Speaker| people.name_of(speaker);
        let voices = &mut self.voices;
        let mut allows = |speaker: Option<&Speaker>| voices.keep(plan, speaker, name_of);
        collect(
            &page.transcript,
            file,
            order,
            terms,
            (&mut allows, &name_of),
            &mut tiers_of,
            &mut self.best,
            (plan.order, plan.limit),
        );
    }
}

/// A page file's text, its warnings and errors added to `problems`.
pub(super) fn read_page(file: &Path, problems: &mut Vec<Problem>) -> Option<String> {
    match read_text(file) {
        Ok((text, warnings)) => {
            problems.extend(warnings.into_iter().map(|w| w.into_problem(file)));
            Some(text)
        }
        Err(error) => {
            problems.push(error.into_problem(file));
            None
        }
    }
}

/// A page file's text parsed, or its error added to `problems`.
pub(super) fn parse_page(
    file: &Path,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<crate::parse::ParsedPage> {
    corpus::read::parse_file(file, &corpus::id_from_path(file), text)
        .map_err(|error| problems.push(error.into_problem(file)))
        .ok()
}

/// Whether each of `terms` terms matches some word of `text`, asking
/// every word: what [`PageFilter`] does faster when it can.
fn every_term_matches(
    text: &str,
    buffer: &mut String,
    terms: usize,
    tiers_of: &mut impl FnMut(&str) -> Tiers,
) -> bool {
    let mut seen = 0u32;
    for_each_word(text, buffer, |word, _| {
        let tiers = tiers_of(word);
        for i in 0..terms {
            if tier_at(tiers, i).is_some() {
                seen |= 1 << i;
            }
        }
    });
    seen.count_ones() as usize == terms
}

#[allow(clippy::too_many_arguments)]
fn collect(
    t: &Transcript,
    file: &Path,
    order: usize,
    terms: &[super::query::Term],
    (allows, name_of): (
        &mut impl FnMut(Option<&Speaker>) -> bool,
        &impl Fn(&Speaker) -> String,
    ),
    tiers_of: &mut impl FnMut(&str) -> Tiers,
    best: &mut BinaryHeap<Reverse<Reverse<PageHit>>>,
    (date_order, limit): (super::Order, usize),
) {
    let day_key = match date_order {
        super::Order::Relevance => 0,
        date_order => date_order.date_key(t.date.as_deref().map_or(0, super::index::day_number)),
    };
    for (seq, place) in t.searchable().enumerate() {
        if !allows(place.speaker) {
            continue;
        }
        let text = t.text(place.line);
        let Some((score, ranges)) = rank(text, terms, &mut *tiers_of) else {
            continue;
        };
        let score = score + place_bonus(place.block);
        let worst = best.peek().map(|Reverse(Reverse(w))| w.key());
        if best.len() >= limit
            && worst.is_some_and(|w| (day_key, Reverse(score), (order, seq)) >= w)
        {
            continue;
        }
        best.push(Reverse(Reverse(PageHit {
            score,
            ranges,
            text: text.to_string(),
            line: place.line.line,
            block: place.block,
            paragraph: place.paragraph,
            transcript: t.id.clone(),
            source: Some(file.display().to_string()),
            date: t.date.clone(),
            title: t.title_text().to_string(),
            place: t.place.as_ref().map(|l| t.text(l).to_string()),
            speaker: place.speaker.cloned(),
            speaker_name: place.speaker.map(name_of),
            role: t
                .blocks
                .get(place.block as usize)
                .and_then(|b| b.as_turn())
                .and_then(|turn| t.event_role(turn))
                .map(str::to_string),
            url: t.url().map(|u| u.into_owned()),
            timing: t.timing_of(place.line.line),
            day_key,
            order: (order, seq),
        })));
        if best.len() > limit {
            best.pop();
        }
    }
}
