//! An in-memory inverted index over every paragraph of a corpus.
//!
//! A query's words are matched against the vocabulary (tens of thousands
//! of folded words), not against the text: exactly, as a prefix (the word
//! being typed), one typo away, or fuzzily (fuzzy-matcher). The paragraphs
//! holding a match for every term are intersected as bitsets; only the
//! best few of them are read again to rank by phrase order and to find the
//! characters to highlight. So a keystroke costs what the vocabulary and
//! the matching postings cost, not what the corpus weighs.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::postings::{Postings, PostingsWriter, SharedBytes, Sizes};
use super::query::{Order, Query};
use super::rank::{
    MAX_TERMS, Matcher, Tier, Tiers, place_bonus, rank, tier_at, times_held, times_held_in,
};
use super::speaker::SpeakerRule;
use super::words::{fold_words, for_each_word};
use crate::model::{Corpus, Speaker};

/// A paragraph: where it is, and who speaks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Doc {
    pub transcript: u32,
    pub block: u32,
    pub paragraph: u32,
    /// Index into the index's speakers; [`NO_SPEAKER`] for narration.
    pub speaker: u32,
    /// Words in the paragraph: what a word's rate over time is out of.
    pub words: u32,
}

pub const NO_SPEAKER: u32 = u32::MAX;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub score: i32,
    /// Byte ranges of the matched characters in the paragraph's text.
    pub ranges: Vec<Range<usize>>,
}

/// A hit as a place in the corpus, for callers that do not hold the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub transcript: usize,
    pub block: usize,
    pub paragraph: usize,
    pub ranges: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// Paragraphs that match, of which `hits` are the best.
    pub total: usize,
    /// No exact name of the query's `@name` or `with:` had a match: these
    /// are of near names ([`Query::near_names`]).
    pub near: bool,
}

/// An index over a corpus's paragraphs.
pub struct Index {
    docs: Vec<Doc>,
    /// Docs of each transcript: `transcript_docs[t]..transcript_docs[t + 1]`.
    transcript_docs: Vec<u32>,
    /// Each transcript's date as [`day_number`]s: hits in date order and
    /// counts by period need no transcript read.
    days: Vec<u32>,
    /// Folded words, sorted.
    vocab: Vec<Box<str>>,
    postings: Postings,
    speakers: Vec<(Speaker, String)>,
    /// Every event's facets, folded the first time a query has one.
    facets: std::sync::OnceLock<super::facets::FacetIndex>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("docs", &self.docs.len())
            .field("transcripts", &self.transcripts())
            .field("vocabulary", &self.vocab.len())
            .finish_non_exhaustive()
    }
}

/// The index as a cache keeps it, but for its postings' bytes, which it
/// keeps apart to be read where they lie ([`StoredIndex::with_postings`]),
/// and the facets, built on first use.
#[derive(serde::Deserialize)]
pub struct StoredIndex {
    #[serde(with = "docs_as_bytes")]
    docs: Vec<Doc>,
    transcript_docs: Vec<u32>,
    days: Vec<u32>,
    vocab: Vec<Box<str>>,
    /// Where each word's postings begin in their bytes, and its uses in
    /// theirs.
    offsets: Vec<usize>,
    use_offsets: Vec<usize>,
    speakers: Vec<(Speaker, String)>,
}

impl StoredIndex {
    /// The index, with `postings` and `uses` the bytes
    /// [`Index::postings_bytes`] gave; `None` when they do not fit
    /// together.
    pub fn with_postings(self, postings: SharedBytes, uses: SharedBytes) -> Option<Index> {
        if self.offsets.len() != self.vocab.len() + 1
            || self.days.len() + 1 != self.transcript_docs.len()
        {
            return None;
        }
        Some(Index {
            docs: self.docs,
            transcript_docs: self.transcript_docs,
            days: self.days,
            vocab: self.vocab,
            postings: Postings::shared((self.offsets, postings), (self.use_offsets, uses))?,
            speakers: self.speakers,
            facets: std::sync::OnceLock::new(),
        })
    }
}

/// [`StoredIndex`]'s fields, in its order, borrowed: written without a copy.
#[derive(serde::Serialize)]
struct StoredIndexRef<'a> {
    #[serde(with = "docs_as_bytes")]
    docs: &'a [Doc],
    transcript_docs: &'a [u32],
    days: &'a [u32],
    vocab: &'a [Box<str>],
    offsets: &'a [usize],
    use_offsets: &'a [usize],
    speakers: &'a [(Speaker, String)],
}

/// Written as a [`StoredIndex`]: all but the postings' bytes.
impl serde::Serialize for Index {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StoredIndexRef {
            docs: &self.docs,
            transcript_docs: &self.transcript_docs,
            days: &self.days,
            vocab: &self.vocab,
            offsets: self.postings.doc_parts().0,
            use_offsets: self.postings.use_parts().0,
            speakers: &self.speakers,
        }
        .serialize(serializer)
    }
}

/// The docs as one run of LEB128 numbers, five a doc (its transcript as
/// the step from the last doc's, the speaker plus one so that narration is
/// 0): read back in one pass rather than field by field, at a third of
/// fixed-width words' size.
mod docs_as_bytes {
    use super::super::postings::read_number as number;
    use super::Doc;

    pub fn serialize<S: serde::Serializer>(docs: &[Doc], serializer: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(6 * docs.len());
        let mut last = 0;
        for doc in docs {
            let step = doc.transcript.wrapping_sub(last);
            last = doc.transcript;
            let speaker = doc.speaker.wrapping_add(1);
            for mut n in [step, doc.block, doc.paragraph, speaker, doc.words] {
                while n >= 0x80 {
                    bytes.push((n & 0x7f) as u8 | 0x80);
                    n >>= 7;
                }
                bytes.push(n as u8);
            }
        }
        serializer.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Doc>, D::Error> {
        // Borrowed from a cache's mapped bytes, not copied out of them.
        let bytes: std::borrow::Cow<'de, [u8]> = serde_bytes::deserialize(deserializer)?;
        let bad = || serde::de::Error::custom("docs cut short or out of range");
        // Each number ends in the one byte of it under 0x80.
        let mut docs = Vec::with_capacity(bytes.iter().filter(|b| **b < 0x80).count() / 5);
        let mut at = bytes.iter();
        let mut transcript = 0u32;
        while !at.as_slice().is_empty() {
            let (Some(step), Some(block), Some(paragraph), Some(speaker), Some(words)) = (
                number(&mut at),
                number(&mut at),
                number(&mut at),
                number(&mut at),
                number(&mut at),
            ) else {
                return Err(bad());
            };
            transcript = transcript.wrapping_add(step);
            docs.push(Doc {
                transcript,
                block,
                paragraph,
                speaker: speaker.wrapping_sub(1),
                words,
            });
        }
        Ok(docs)
    }
}

/// The paragraphs of a query worth ranking, and how to rank them.
#[derive(Default)]
pub struct Chosen {
    /// `None` for an empty query, which ranks nothing.
    matcher: Option<Matcher>,
    tiers: Vec<Tiers>,
    docs: Vec<u32>,
    total: usize,
    near: bool,
    order: Order,
}

impl Chosen {
    /// Whether telling a chosen paragraph's matches needs its text: a
    /// quoted phrase's words must stand together and a capital asks how a
    /// word is written, which the postings do not say.
    pub fn needs_text(&self) -> bool {
        self.matcher.as_ref().is_some_and(|m| {
            m.terms
                .iter()
                .take(MAX_TERMS)
                .any(|t| t.phrase.is_some() || t.case_sensitive.is_some())
        })
    }

    /// The transcripts of the chosen paragraphs, in order.
    pub fn transcripts(&self, index: &Index) -> Vec<usize> {
        let mut transcripts: Vec<usize> = self
            .docs
            .iter()
            .map(|d| index.docs[*d as usize].transcript as usize)
            .collect();
        transcripts.sort_unstable();
        transcripts.dedup();
        transcripts
    }
}

/// Paragraphs read again to rank a query (more when more hits are asked
/// for); the rest are counted, not ranked.
const RESCORE: usize = 2000;

impl Index {
    pub fn build(corpus: &Corpus) -> Index {
        Index::build_counting(corpus, &crate::corpus::Progress::default())
    }

    /// [`Index::build`], counting each paragraph in `progress` as it is
    /// read in each of the two passes.
    pub fn build_counting(corpus: &Corpus, progress: &crate::corpus::Progress) -> Index {
        // Sized up front: grown by doubling, the list would be held twice.
        let paragraphs = corpus
            .transcripts
            .iter()
            .map(|t| t.searchable().count())
            .sum();
        progress.start(2 * paragraphs);
        let mut docs = Vec::with_capacity(paragraphs);
        let mut transcript_docs = Vec::with_capacity(corpus.transcripts.len() + 1);
        transcript_docs.push(0u32);
        let days = corpus
            .transcripts
            .iter()
            .map(|t| t.date.as_deref().map_or(0, day_number))
            .collect();
        let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut sizes = Sizes::default();
        let mut speaker_ids: FxHashMap<&Speaker, u32> = FxHashMap::default();
        let mut speakers: Vec<(Speaker, String)> = Vec::new();
        let mut buffer = String::new();
        for (t, transcript) in corpus.transcripts.iter().enumerate() {
            for place in transcript.searchable() {
                let speaker = match place.speaker {
                    Some(speaker) => {
                        let next = speakers.len() as u32;
                        *speaker_ids.entry(speaker).or_insert_with(|| {
                            let name = corpus.speaker_name(speaker);
                            speakers.push((speaker.clone(), fold_words(name).join(" ")));
                            next
                        })
                    }
                    None => NO_SPEAKER,
                };
                let doc = docs.len() as u32;
                let mut words = 0;
                for_each_word(transcript.text(place.line), &mut buffer, |word, _| {
                    words += 1;
                    let next = ids.len() as u32;
                    let id = match ids.get(word) {
                        Some(id) => *id,
                        None => {
                            ids.insert(word.into(), next);
                            next
                        }
                    };
                    sizes.add(id, doc);
                });
                docs.push(Doc {
                    transcript: t as u32,
                    block: place.block,
                    paragraph: place.paragraph,
                    speaker,
                    words,
                });
            }
            progress.advance(
                docs.len() - *transcript_docs.last().unwrap_or(&0) as usize,
                0,
            );
            transcript_docs.push(docs.len() as u32);
        }
        // Renumber words in sorted order, then write the lists.
        let mut vocab: Vec<Box<str>> = ids.keys().cloned().collect();
        vocab.sort_unstable();
        let mut renumber = vec![0u32; vocab.len()];
        for (new_id, word) in vocab.iter().enumerate() {
            if let Some(id) = ids.get_mut(word) {
                renumber[*id as usize] = new_id as u32;
                *id = new_id as u32;
            }
        }
        let mut postings = PostingsWriter::with_sizes(sizes, &renumber);
        drop(renumber);
        const COUNTED: usize = 4096;
        for (n, doc) in docs.iter().enumerate() {
            for_each_word(doc_text(corpus, doc), &mut buffer, |word, _| {
                if let Some(id) = ids.get(word) {
                    postings.add(*id, n as u32);
                }
            });
            if (n + 1) % COUNTED == 0 {
                progress.advance(COUNTED, 0);
            }
        }
        progress.advance(docs.len() % COUNTED, 0);
        Index {
            docs,
            transcript_docs,
            days,
            vocab,
            postings: postings.finish(),
            speakers,
            facets: std::sync::OnceLock::new(),
        }
    }

    pub fn docs(&self) -> &[Doc] {
        &self.docs
    }

    /// The postings' bytes and their uses', which a cache keeps apart
    /// from the rest.
    pub fn postings_bytes(&self) -> (&[u8], &[u8]) {
        (self.postings.doc_parts().1, self.postings.use_parts().1)
    }

    pub fn locate(&self, hit: &Hit) -> Located {
        let d = self.docs[hit.doc as usize];
        Located {
            transcript: d.transcript as usize,
            block: d.block as usize,
            paragraph: d.paragraph as usize,
            ranges: hit.ranges.clone(),
        }
    }

    /// Transcripts the index was built from.
    pub fn transcripts(&self) -> usize {
        self.transcript_docs.len().saturating_sub(1)
    }

    pub fn vocabulary_len(&self) -> usize {
        self.vocab.len()
    }

    /// The text of a doc in the corpus the index was built from.
    pub fn text<'c>(&self, corpus: &'c Corpus, doc: u32) -> &'c str {
        doc_text(corpus, &self.docs[doc as usize])
    }

    fn doc_range(&self, scope: Option<usize>) -> Range<u32> {
        match scope {
            Some(t) if t + 1 < self.transcript_docs.len() => {
                self.transcript_docs[t]..self.transcript_docs[t + 1]
            }
            Some(_) => 0..0,
            None => 0..self.docs.len() as u32,
        }
    }

    /// Runs a query over the whole corpus or one transcript (`scope`).
    /// Returns `None` when `cancelled` says a newer query has come.
    pub fn search(
        &self,
        corpus: &Corpus,
        query: &Query,
        scope: Option<usize>,
        limit: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Results> {
        if query.is_empty() {
            return Some(Results::default());
        }
        let chosen = self.choose(corpus, query, scope, limit, cancelled)?;
        self.rank_chosen(corpus, chosen, limit, cancelled)
    }

    /// The paragraphs a query would rank, chosen from the index alone, so
    /// that only their transcripts need reading before [`Index::rank`]
    /// gives what [`Index::search`] gives over the whole corpus. `None`
    /// for a query with facets: they are judged on every transcript.
    pub fn choose_ahead(&self, query: &Query, limit: usize) -> Option<Chosen> {
        if !query.facets.is_empty() {
            return None;
        }
        if query.is_empty() {
            return Some(Chosen::default());
        }
        self.choose(&Corpus::default(), query, None, limit, &|| false)
    }

    /// Ranks what [`Index::choose_ahead`] chose, in a corpus holding at
    /// least [`Chosen::transcripts`].
    pub fn rank(&self, corpus: &Corpus, chosen: Chosen, limit: usize) -> Results {
        self.rank_chosen(corpus, chosen, limit, &|| false)
            .unwrap_or_default()
    }

    fn rank_chosen(
        &self,
        corpus: &Corpus,
        chosen: Chosen,
        limit: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Results> {
        let Chosen {
            matcher,
            tiers,
            docs: chosen,
            total,
            near,
            order,
        } = chosen;
        let Some(matcher) = matcher else {
            return Some(Results::default());
        };
        // The words that match a term, by their text: those read in the
        // paragraphs ranked. Few against the vocabulary, so no map of
        // every word is kept for it.
        let matching = self.matching_words(&tiers);
        let mut hits = Vec::with_capacity(chosen.len());
        for (n, doc) in chosen.into_iter().enumerate() {
            if n % 256 == 0 && cancelled() {
                return None;
            }
            let text = self.text(corpus, doc);
            let ranked = rank(text, &matcher.terms, |word| {
                matching.get(word).copied().unwrap_or(0)
            });
            if let Some((score, ranges)) = ranked {
                let score = score + place_bonus(self.docs[doc as usize].block);
                hits.push(Hit { doc, score, ranges });
            }
        }
        match order {
            Order::Relevance => hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc))),
            // A day's hits best first.
            _ => hits.sort_by(|a, b| {
                let key = |hit: &Hit| self.date_key(order, hit.doc).0;
                key(a)
                    .cmp(&key(b))
                    .then(b.score.cmp(&a.score))
                    .then(a.doc.cmp(&b.doc))
            }),
        }
        hits.truncate(limit);
        Some(Results { hits, total, near })
    }

    /// The docs a query matches that are worth ranking, and how many
    /// match: of the exact names it gives, or of near ones when the exact
    /// ones match nothing.
    fn choose(
        &self,
        corpus: &Corpus,
        query: &Query,
        scope: Option<usize>,
        limit: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Chosen> {
        let chosen = self.choose_names(corpus, query, scope, limit, cancelled)?;
        match query.near_names() {
            Some(near) if chosen.total == 0 => {
                let chosen = self.choose_names(corpus, &near, scope, limit, cancelled)?;
                Some(Chosen {
                    near: chosen.total > 0,
                    ..chosen
                })
            }
            _ => Some(chosen),
        }
    }

    fn choose_names(
        &self,
        corpus: &Corpus,
        query: &Query,
        scope: Option<usize>,
        limit: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Chosen> {
        let range = self.doc_range(scope);
        let len = (range.end - range.start) as usize;
        let narrowing = self.narrowing(corpus, query);
        let mut candidates = Bitset::full(len);
        let mut strong = Bitset::full(len);
        let matcher = Matcher::new(query);
        // Each vocabulary word's tiers for this query: a keystroke's cost
        // is the vocabulary's size, not the corpus's.
        let tiers: Vec<Tiers> = self.vocab.iter().map(|w| matcher.tiers(w)).collect();
        if cancelled() {
            return None;
        }
        // `?word`s narrow nothing, but a query of them alone needs one.
        let all_optional = !matcher.terms.is_empty() && matcher.terms.iter().all(|t| t.optional);
        let mut some = Bitset::empty(len);
        for (i, term) in matcher.terms.iter().enumerate() {
            if term.optional && !all_optional {
                continue;
            }
            let mut any = Bitset::empty(len);
            let mut good = Bitset::empty(len);
            for (word, word_tiers) in tiers.iter().enumerate() {
                let Some(tier) = tier_at(*word_tiers, i) else {
                    continue;
                };
                for doc in self.postings.docs(word as u32) {
                    if doc < range.start {
                        continue;
                    }
                    if doc >= range.end {
                        break;
                    }
                    let bit = (doc - range.start) as usize;
                    any.set(bit);
                    if tier >= Tier::Prefix {
                        good.set(bit);
                    }
                }
            }
            if all_optional {
                some.or(&any);
            } else {
                candidates.and(&any);
                strong.and(&good);
            }
        }
        if all_optional {
            candidates.and(&some);
            strong.and(&some);
        }
        let keeps = |doc: u32| narrowing.keeps(&self.docs[doc as usize]);
        let budget = RESCORE.max(limit);
        let mut chosen = Vec::new();
        let mut total = 0;
        if query.order == Order::Relevance {
            // Strong matches on every term are read first.
            for pass in [true, false] {
                for bit in candidates.ones() {
                    let doc = range.start + bit as u32;
                    if !keeps(doc) {
                        continue;
                    }
                    if pass {
                        total += 1;
                    }
                    if strong.get(bit) == pass && chosen.len() < budget {
                        chosen.push(doc);
                    }
                }
            }
        } else {
            // In date order the first days are read, however weak.
            chosen.extend(
                candidates
                    .ones()
                    .map(|bit| range.start + bit as u32)
                    .filter(|doc| keeps(*doc)),
            );
            total = chosen.len();
            let key = |doc: &u32| self.date_key(query.order, *doc);
            if chosen.len() > budget {
                chosen.select_nth_unstable_by_key(budget, key);
                chosen.truncate(budget);
            }
            chosen.sort_by_key(key);
        }
        Some(Chosen {
            order: query.order,
            matcher: Some(matcher),
            tiers,
            docs: chosen,
            total,
            near: false,
        })
    }

    /// What a query keeps of the corpus whatever its words: the events
    /// of its facets, the speakers of its `@name`, speech or the rest.
    fn narrowing(&self, corpus: &Corpus, query: &Query) -> Narrowing {
        // mentions: alone needs the postings, not every event's folded tags.
        let tagged = query
            .facets
            .iter()
            .any(|f| !matches!(f.facet, super::facets::Facet::Mentions(_)));
        let mut events = tagged
            .then(|| {
                let facets = self
                    .facets
                    .get_or_init(|| super::facets::FacetIndex::new(corpus));
                super::facets::mask(corpus, facets, &query.facets, query.near)
            })
            .flatten();
        if events.is_none() && !query.facets.is_empty() {
            events = Some(vec![true; self.transcripts()]);
        }
        if let Some(events) = &mut events {
            for term in &query.facets {
                if let super::facets::Facet::Mentions(words) = &term.facet {
                    let has = self.mentioning(words);
                    for (kept, has) in events.iter_mut().zip(has) {
                        *kept &= has != term.negated;
                    }
                }
            }
        }
        Narrowing {
            events,
            speakers: self.allowed_speakers(query),
            speech: query.speech,
        }
    }

    /// Every paragraph a query matches, as [`Index::search`] would list
    /// them given no limit, chosen from the index alone (so that only
    /// their transcripts need reading before [`Index::count`]); `None`
    /// for a query with facets, judged on every transcript.
    pub fn choose_all_ahead(&self, query: &Query) -> Option<Chosen> {
        self.choose_ahead(query, usize::MAX)
    }

    /// [`Index::choose_all_ahead`] over a whole corpus, facets and all.
    pub fn choose_all(&self, corpus: &Corpus, query: &Query) -> Chosen {
        if query.is_empty() {
            return Chosen::default();
        }
        self.choose(corpus, query, None, usize::MAX, &|| false)
            .unwrap_or_default()
    }

    /// Each chosen paragraph that matches, with how many times it holds
    /// the query (its scarcest term's matching words), in corpus order,
    /// and whether these are of near names: from the postings' uses, or,
    /// when [`Chosen::needs_text`], by reading the paragraphs again
    /// (`corpus` then holds at least [`Chosen::transcripts`]).
    pub fn count(&self, corpus: &Corpus, chosen: Chosen) -> (Vec<(u32, u32)>, bool) {
        let Some(matcher) = &chosen.matcher else {
            return (Vec::new(), false);
        };
        let counted = if chosen.needs_text() {
            self.count_reading(corpus, &chosen, matcher)
        } else {
            self.count_uses(&chosen, matcher)
        };
        (counted, chosen.near)
    }

    /// [`Index::count`] by reading each chosen paragraph again.
    fn count_reading(
        &self,
        corpus: &Corpus,
        chosen: &Chosen,
        matcher: &Matcher,
    ) -> Vec<(u32, u32)> {
        let matching = self.matching_words(&chosen.tiers);
        let tiers_of = |word: &str| matching.get(word).copied().unwrap_or(0);
        let mut docs: Vec<u32> = chosen.docs.clone();
        docs.sort_unstable();
        let mut buffer = String::new();
        docs.into_iter()
            .filter_map(|doc| {
                let text = self.text(corpus, doc);
                rank(text, &matcher.terms, tiers_of)?;
                Some((
                    doc,
                    times_held_in(text, &matcher.terms, &mut buffer, tiers_of),
                ))
            })
            .collect()
    }

    /// [`Index::count`] from the postings' uses, no text read: what every
    /// chosen paragraph matches when no term asks how words stand or are
    /// written ([`Chosen::needs_text`]).
    fn count_uses(&self, chosen: &Chosen, matcher: &Matcher) -> Vec<(u32, u32)> {
        let terms = matcher.terms.len().min(MAX_TERMS);
        let mut docs = chosen.docs.clone();
        docs.sort_unstable();
        const NOT_CHOSEN: u32 = u32::MAX;
        let mut slot = vec![NOT_CHOSEN; self.docs.len()];
        for (at, doc) in docs.iter().enumerate() {
            slot[*doc as usize] = at as u32;
        }
        // Each chosen doc's uses of each term's words (a row even for a
        // query of names alone, whose docs hold it no times).
        let width = terms.max(1);
        let mut uses = vec![0u32; docs.len() * width];
        for (word, tiers) in chosen.tiers.iter().enumerate() {
            let of: Vec<usize> = (0..terms)
                .filter(|term| tier_at(*tiers, *term).is_some())
                .collect();
            if of.is_empty() {
                continue;
            }
            for (doc, used) in self.postings.docs_with_uses(word as u32) {
                let at = slot[doc as usize];
                if at == NOT_CHOSEN {
                    continue;
                }
                for term in &of {
                    uses[at as usize * width + term] += used;
                }
            }
        }
        docs.iter()
            .zip(uses.chunks_exact(width))
            .map(|(doc, each)| (*doc, times_held(&matcher.terms[..terms], &each[..terms])))
            .collect()
    }

    /// The paragraphs a query keeps whatever its words (of near names
    /// when `near`, as [`Index::count`] says): what a count is out of.
    pub fn kept<'a>(
        &'a self,
        corpus: &Corpus,
        query: &Query,
        near: bool,
    ) -> impl Iterator<Item = &'a Doc> + 'a {
        let query = Query {
            near: query.near || near,
            ..query.clone()
        };
        let narrowing = self.narrowing(corpus, &query);
        self.docs.iter().filter(move |d| narrowing.keeps(d))
    }

    /// By transcript, whether its text has every one of `words` (folded),
    /// exactly: from the postings, no text read.
    pub fn mentioning(&self, words: &[String]) -> Vec<bool> {
        let mut has = vec![true; self.transcripts()];
        for word in words {
            let mut this = vec![false; has.len()];
            if let Ok(at) = self.vocab.binary_search_by(|w| (**w).cmp(word.as_str())) {
                for doc in self.postings.docs(at as u32) {
                    if let Some(d) = self.docs.get(doc as usize) {
                        this[d.transcript as usize] = true;
                    }
                }
            }
            for (kept, here) in has.iter_mut().zip(this) {
                *kept &= here;
            }
        }
        has
    }

    /// A transcript's date as a [`day_number`].
    pub fn day(&self, transcript: u32) -> u32 {
        self.days.get(transcript as usize).copied().unwrap_or(0)
    }

    /// The words of the vocabulary that match a term, by their text.
    fn matching_words(&self, tiers: &[Tiers]) -> FxHashMap<&str, Tiers> {
        self.vocab
            .iter()
            .zip(tiers)
            .filter(|(_, tiers)| **tiers != 0)
            .map(|(word, tiers)| (&**word, *tiers))
            .collect()
    }

    /// Where a doc falls in a date order: its transcript's day, then its
    /// place in the corpus.
    fn date_key(&self, order: Order, doc: u32) -> (u32, u32) {
        let transcript = self.docs[doc as usize].transcript as usize;
        let day = self.days.get(transcript).copied().unwrap_or(0);
        (order.date_key(day), doc)
    }

    /// Speakers a query's `@name` allows; `None` for any (and narration).
    fn allowed_speakers(&self, query: &Query) -> Option<Vec<bool>> {
        let rule = SpeakerRule::new(query)?;
        Some(
            self.speakers
                .iter()
                .map(|(_, name)| rule.keeps_folded(name))
                .collect(),
        )
    }
}

/// What a query keeps whatever its words.
struct Narrowing {
    /// By transcript; `None` for all.
    events: Option<Vec<bool>>,
    /// By speaker; `None` for all, narration too.
    speakers: Option<Vec<bool>>,
    speech: Option<bool>,
}

impl Narrowing {
    fn keeps(&self, d: &Doc) -> bool {
        let allows = |mask: &Option<Vec<bool>>, at: u32| {
            mask.as_ref()
                .is_none_or(|m| m.get(at as usize).copied().unwrap_or(false))
        };
        allows(&self.events, d.transcript)
            && allows(&self.speakers, d.speaker)
            && self
                .speech
                .is_none_or(|speech| speech == (d.speaker != NO_SPEAKER))
    }
}

/// A date (`2016-03-09`, or a prefix of one) as a number that sorts as
/// it does (20160309, a missing month or day 0); 0 for no date.
pub fn day_number(date: &str) -> u32 {
    let mut parts = date.splitn(3, '-');
    let mut part = |len: usize| {
        parts
            .next()
            .map(|p| p.get(..len.min(p.len())).unwrap_or(""))
            .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let Some(year) = part(4) else {
        return 0;
    };
    let month = part(2).unwrap_or(0);
    let day = part(2).unwrap_or(0);
    year * 10_000 + month * 100 + day
}

fn doc_text<'c>(corpus: &'c Corpus, d: &Doc) -> &'c str {
    let Some(transcript) = corpus.transcripts.get(d.transcript as usize) else {
        return "";
    };
    transcript
        .searchable_at(d.block, d.paragraph)
        .map_or("", |l| transcript.text(l))
}

struct Bitset {
    words: Vec<u64>,
    len: usize,
}

impl Bitset {
    fn empty(len: usize) -> Bitset {
        Bitset {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    fn full(len: usize) -> Bitset {
        let mut set = Bitset {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        if !len.is_multiple_of(64)
            && let Some(last) = set.words.last_mut()
        {
            *last = (1u64 << (len % 64)) - 1;
        }
        set
    }

    fn set(&mut self, bit: usize) {
        self.words[bit / 64] |= 1 << (bit % 64);
    }

    fn get(&self, bit: usize) -> bool {
        bit < self.len && self.words[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn or(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    fn and(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(i, word)| {
            let mut w = *word;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let bit = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(i * 64 + bit)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_from_the_postings_are_the_uses_read_in_the_text() {
        let mut pages: Vec<_> = crate::corpus::bundled::PAGES
            .iter()
            .map(|(name, text)| crate::parse::parse_page(name, text))
            .collect();
        pages.push(crate::parse::parse_page(
            "repeats",
            "Events\nTrade, trade and trade\nMay 1, 2018\nVladimir Putin: Trade grows; trading \
             grew. Trade, trade, trade: the trader traded.\nKassym-Jomart Tokayev: Kazakhstan \
             trades. We will not attack anybody, we will not.",
        ));
        let corpus = crate::corpus::assemble(pages);
        let index = Index::build(&corpus);
        for text in [
            "trade",
            "'trade",
            "trade grow",
            "kazkhstan",
            "presiden",
            "the",
            "?we ?will not attack",
            "?anybody ?trade",
            "t",
            "@putin",
        ] {
            let query = Query::parse(text);
            let chosen = index.choose_all(&corpus, &query);
            assert!(!chosen.needs_text(), "{text}");
            let matcher = chosen.matcher.as_ref().unwrap();
            let read = index.count_reading(&corpus, &chosen, matcher);
            assert!(!read.is_empty(), "{text} matches nothing");
            assert_eq!(index.count_uses(&chosen, matcher), read, "{text}");
        }
        for text in ["\"trade grows\"", "Trade"] {
            let chosen = index.choose_all(&corpus, &Query::parse(text));
            assert!(chosen.needs_text(), "{text}");
        }
    }
}
