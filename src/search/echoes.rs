//! Echoes: where else a passage was said. Each paragraph's folded words
//! are cut into runs of [`K`] words (shingles), each run hashed, and of
//! every [`W`] consecutive hashes the smallest is kept (winnowing, as
//! plagiarism checkers such as MOSS do). Two paragraphs that share a run
//! of `K + W - 1` = 12 words or more are then sure to share a kept hash,
//! while only about a third of the hashes are stored. A passage's echoes
//! are the paragraphs of other events that share one of its hashes; each
//! is checked word by word for the longest run the two really share, and
//! ranked by that run, rare runs before boilerplate that many events say.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

use super::Index;
use super::words::for_each_word;
use crate::model::Corpus;

/// Words a shingle.
pub const K: usize = 8;
/// Shingles a winnowing window.
pub const W: usize = 5;
/// A run said in more events than this is boilerplate: its echoes come
/// after every echo of a rarer run.
pub const BOILERPLATE: usize = 50;
/// Hashes shared by more events than this are not followed at all: a
/// greeting every event repeats has no echo worth reading.
const TOO_COMMON: usize = 500;

/// Kept hashes of every paragraph the search index knows, sorted.
pub struct EchoIndex {
    /// (hash, doc), sorted by hash then doc.
    prints: Vec<(u32, u32)>,
}

/// One echo of a passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Echo {
    /// The echoing paragraph, as the search index numbers it.
    pub doc: u32,
    /// Words of the longest run the two share.
    pub words: usize,
    /// Events that say that run (the passage's own among them).
    pub events: usize,
    /// Strength: the run's length weighted by how few events say it.
    pub score: f64,
    /// Byte ranges of the shared run in the passage and in the echo.
    pub in_passage: Range<usize>,
    pub in_echo: Range<usize>,
}

impl Echo {
    /// Ordered best first: a rare run before boilerplate, then the
    /// stronger, then the earlier in the corpus.
    fn rank(&self, other: &Echo) -> std::cmp::Ordering {
        (self.events > BOILERPLATE)
            .cmp(&(other.events > BOILERPLATE))
            .then(other.score.total_cmp(&self.score))
            .then(self.doc.cmp(&other.doc))
    }
}

/// Folded words with their byte ranges.
fn words(text: &str) -> Vec<(u64, Range<usize>)> {
    let mut out = Vec::new();
    let mut buffer = String::new();
    for_each_word(text, &mut buffer, |word, range| {
        let mut hasher = FxHasher::default();
        word.hash(&mut hasher);
        out.push((hasher.finish(), range));
    });
    out
}

/// The kept hashes of a paragraph's words.
fn fingerprints(words: &[(u64, Range<usize>)]) -> Vec<u32> {
    if words.len() < K {
        return Vec::new();
    }
    let shingles: Vec<u32> = words
        .windows(K)
        .map(|run| {
            let mut hasher = FxHasher::default();
            for (word, _) in run {
                word.hash(&mut hasher);
            }
            (hasher.finish() >> 32) as u32
        })
        .collect();
    let mut kept: Vec<u32> = Vec::new();
    if shingles.len() <= W {
        kept.extend(shingles.iter().min());
    } else {
        for window in shingles.windows(W) {
            if let Some(min) = window.iter().min()
                && kept.last() != Some(min)
            {
                kept.push(*min);
            }
        }
    }
    kept.sort_unstable();
    kept.dedup();
    kept
}

impl EchoIndex {
    pub fn build(corpus: &Corpus, index: &Index) -> EchoIndex {
        let parts = crate::parallel::share(
            index.docs(),
            Vec::new,
            |prints: &mut Vec<(u32, u32)>, doc, _| {
                let text = index.text(corpus, doc as u32);
                for hash in fingerprints(&words(text)) {
                    prints.push((hash, doc as u32));
                }
            },
        );
        // One list, each core's part given up as it is copied in.
        let mut prints = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for part in parts {
            prints.extend(part);
        }
        prints.sort_unstable();
        EchoIndex { prints }
    }

    /// Bytes the index holds.
    pub fn bytes(&self) -> usize {
        self.prints.len() * std::mem::size_of::<(u32, u32)>()
    }

    fn docs_of(&self, hash: u32) -> &[(u32, u32)] {
        let start = self.prints.partition_point(|(h, _)| *h < hash);
        let end = self.prints.partition_point(|(h, _)| *h <= hash);
        &self.prints[start..end]
    }

    /// The echoes of a paragraph the index knows, best first.
    pub fn of_doc(&self, corpus: &Corpus, index: &Index, doc: u32, limit: usize) -> Vec<Echo> {
        let transcript = index.docs()[doc as usize].transcript;
        self.of_text(
            corpus,
            index,
            index.text(corpus, doc),
            Some(transcript),
            limit,
        )
    }

    /// The echoes of any passage, best first; `own` leaves out the
    /// passage's own event.
    pub fn of_text(
        &self,
        corpus: &Corpus,
        index: &Index,
        text: &str,
        own: Option<u32>,
        limit: usize,
    ) -> Vec<Echo> {
        let passage = words(text);
        let event_of = |doc: u32| index.docs()[doc as usize].transcript;
        // Paragraphs of other events that share a kept hash with it.
        let mut candidates: Vec<u32> = Vec::new();
        for hash in fingerprints(&passage) {
            let docs = self.docs_of(hash);
            let mut events: Vec<u32> = docs.iter().map(|(_, d)| event_of(*d)).collect();
            events.sort_unstable();
            events.dedup();
            if events.len() > TOO_COMMON {
                continue;
            }
            candidates.extend(
                docs.iter()
                    .map(|(_, d)| *d)
                    .filter(|d| own != Some(event_of(*d))),
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        // The longest run each really shares, and the events that say each run.
        let mut found: Vec<(u32, usize, usize, usize)> = Vec::new();
        let mut sayers: FxHashMap<(usize, usize), Vec<u32>> = FxHashMap::default();
        for doc in candidates {
            let other = words(index.text(corpus, doc));
            let Some((a, b, len)) = longest_common_run(&passage, &other) else {
                continue;
            };
            if len < K {
                continue;
            }
            let (start, end) = (other[b].1.start, other[b + len - 1].1.end);
            found.push((doc, a, len, start << 32 | end));
            sayers.entry((a, len)).or_default().push(event_of(doc));
        }
        let events_total = index.transcripts().max(2) as f64;
        let mut echoes: Vec<Echo> = found
            .into_iter()
            .map(|(doc, a, len, span)| {
                let mut events = sayers[&(a, len)].clone();
                events.sort_unstable();
                events.dedup();
                // The passage's own event says it too.
                let events = events.len() + usize::from(own.is_some());
                Echo {
                    doc,
                    words: len,
                    events,
                    score: len as f64 * (events_total / events as f64).ln(),
                    in_passage: passage[a].1.start..passage[a + len - 1].1.end,
                    in_echo: span >> 32..span & 0xffff_ffff,
                }
            })
            .collect();
        echoes.sort_by(Echo::rank);
        echoes.truncate(limit);
        echoes
    }
}

/// The longest run of equal words: where it starts in each, and its length.
fn longest_common_run(
    a: &[(u64, Range<usize>)],
    b: &[(u64, Range<usize>)],
) -> Option<(usize, usize, usize)> {
    let mut best = (0, 0, 0);
    let mut previous = vec![0usize; b.len() + 1];
    let mut row = vec![0usize; b.len() + 1];
    for (i, (word, _)) in a.iter().enumerate() {
        for (j, (theirs, _)) in b.iter().enumerate() {
            row[j + 1] = if word == theirs { previous[j] + 1 } else { 0 };
            if row[j + 1] > best.2 {
                best = (i + 1 - row[j + 1], j + 1 - row[j + 1], row[j + 1]);
            }
        }
        std::mem::swap(&mut previous, &mut row);
    }
    (best.2 > 0).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_page;

    fn corpus(pages: &[(&str, &str)]) -> Corpus {
        crate::corpus::assemble(
            pages
                .iter()
                .map(|(id, body)| {
                    parse_page(id, &format!("Events\nTitle {id}\nJune 1, 2021\n{body}"))
                })
                .collect(),
        )
    }

    #[test]
    fn a_run_of_twelve_shared_words_is_always_found() {
        let run = "we must strengthen cooperation in the fight against international terrorism and drug trafficking";
        let corpus = corpus(&[
            ("a", &format!("Vladimir Putin: First, {run}, as agreed.")),
            ("b", &format!("Dmitry Medvedev: Indeed {run} together.")),
            (
                "c",
                "Dmitry Peskov: Something else entirely, with no words in common at all here.",
            ),
        ]);
        let index = Index::build(&corpus);
        let echoes = EchoIndex::build(&corpus, &index);
        let found = echoes.of_doc(&corpus, &index, 1, 10);
        assert_eq!(found.len(), 1, "{found:?}");
        let echo = &found[0];
        assert_eq!(echo.words, 13);
        assert_eq!(echo.events, 2);
        let theirs = index.text(&corpus, echo.doc);
        assert!(theirs[echo.in_echo.clone()].starts_with("we must strengthen"));
        assert!(theirs[echo.in_echo.clone()].ends_with("drug trafficking"));
    }

    #[test]
    fn boilerplate_comes_after_rarer_runs() {
        let common = "sent a message of condolences to the families of the victims of the crash";
        let rare =
            "the joint venture will build three new plants in the region by the end of next year";
        let mut pages: Vec<(String, String)> = (0..60)
            .map(|i| {
                (
                    format!("p{i}"),
                    format!("Vladimir Putin: He {common} today, number {i}."),
                )
            })
            .collect();
        pages.push((
            "x".into(),
            format!("Vladimir Putin: He {common} today, and {rare}."),
        ));
        pages.push(("y".into(), format!("Dmitry Peskov: Also {rare}.")));
        let refs: Vec<(&str, &str)> = pages
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let corpus = corpus(&refs);
        let index = Index::build(&corpus);
        let echoes = EchoIndex::build(&corpus, &index);
        let x = index
            .docs()
            .iter()
            .position(|d| {
                corpus.transcripts[d.transcript as usize].id == "x"
                    && d.block != crate::model::HEADER
            })
            .unwrap();
        let found = echoes.of_doc(&corpus, &index, x as u32, 100);
        let first = &found[0];
        assert_eq!(
            corpus.transcripts[index.docs()[first.doc as usize].transcript as usize].id,
            "y"
        );
        assert!(
            found.iter().skip(1).all(|e| e.events > BOILERPLATE),
            "{found:?}"
        );
    }
}
