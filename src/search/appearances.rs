//! Where each person appears in the corpus: the events they speak in (or
//! are tagged in), with their turns and words, oldest first. Built once,
//! the first time a reader asks (the people view, `]` past an event's last
//! turn), from one walk over every turn.

use rustc_hash::FxHashMap;

use crate::model::Corpus;

/// One event of a person's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appearance {
    pub transcript: usize,
    /// Turns that open with a label (0: tagged only).
    pub turns: usize,
    /// The block of their first turn, if they speak.
    pub first_block: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct PersonStat {
    pub id: String,
    pub turns: usize,
    pub words: usize,
    /// Oldest first.
    pub events: Vec<Appearance>,
}

impl PersonStat {
    pub fn first_date<'c>(&self, corpus: &'c Corpus) -> Option<&'c str> {
        self.events
            .iter()
            .find_map(|a| corpus.transcripts[a.transcript].date.as_deref())
    }

    pub fn last_date<'c>(&self, corpus: &'c Corpus) -> Option<&'c str> {
        self.events
            .iter()
            .rev()
            .find_map(|a| corpus.transcripts[a.transcript].date.as_deref())
    }

    /// Turns a year, from the first year to the last: (first year, counts).
    pub fn turns_by_year(&self, corpus: &Corpus) -> Option<(u16, Vec<u64>)> {
        let year = |a: &Appearance| -> Option<u16> {
            corpus.transcripts[a.transcript]
                .date
                .as_deref()?
                .get(..4)?
                .parse()
                .ok()
        };
        let first = self.events.iter().find_map(year)?;
        let last = self.events.iter().rev().find_map(year)?;
        let mut counts = vec![0u64; usize::from(last.saturating_sub(first)) + 1];
        for appearance in &self.events {
            if let Some(y) = year(appearance) {
                counts[usize::from(y - first)] += appearance.turns as u64;
            }
        }
        Some((first, counts))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Appearances {
    /// Most turns first; tagged-only people (no turns) last, by name.
    pub people: Vec<PersonStat>,
    by_id: FxHashMap<String, usize>,
}

impl Appearances {
    pub fn new(corpus: &Corpus) -> Appearances {
        let mut by_id: FxHashMap<&str, PersonStat> = FxHashMap::default();
        let mut order: Vec<usize> = (0..corpus.transcripts.len()).collect();
        order.sort_by(|a, b| {
            let recency = |t: &usize| corpus.transcripts[*t].recency();
            recency(a).cmp(&recency(b)).then(a.cmp(b))
        });
        for t in order {
            let transcript = &corpus.transcripts[t];
            // The people of one event, in the order they first appear.
            let mut here: Vec<(&str, Appearance)> = Vec::new();
            for (b, block) in transcript.blocks.iter().enumerate() {
                let Some(turn) = block.as_turn() else {
                    continue;
                };
                let Some(id) = turn.speaker.person_id() else {
                    continue;
                };
                let appearance = appearance_in(&mut here, id, t);
                if !turn.continued {
                    appearance.turns += 1;
                }
                appearance.first_block.get_or_insert(b);
                let words: usize = turn
                    .paragraphs
                    .iter()
                    .map(|p| word_count(transcript.text(p)))
                    .sum();
                let stat = by_id.entry(id).or_insert_with(|| PersonStat {
                    id: id.to_string(),
                    turns: 0,
                    words: 0,
                    events: Vec::new(),
                });
                stat.words += words;
            }
            for id in &transcript.footer.persons {
                appearance_in(&mut here, id, t);
            }
            for (id, appearance) in here {
                let stat = by_id.entry(id).or_insert_with(|| PersonStat {
                    id: id.to_string(),
                    turns: 0,
                    words: 0,
                    events: Vec::new(),
                });
                stat.turns += appearance.turns;
                stat.events.push(appearance);
            }
        }
        let mut people: Vec<PersonStat> = by_id.into_values().collect();
        people.sort_by(|a, b| {
            b.turns
                .cmp(&a.turns)
                .then_with(|| person_name(corpus, &a.id).cmp(person_name(corpus, &b.id)))
        });
        let by_id = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        Appearances { people, by_id }
    }

    pub fn get(&self, id: &str) -> Option<&PersonStat> {
        self.people.get(*self.by_id.get(id)?)
    }
}

fn person_name<'c>(corpus: &'c Corpus, id: &'c str) -> &'c str {
    corpus.person_name(id)
}

/// A person's appearance in the event being walked, added at first sight.
fn appearance_in<'h, 'c>(
    here: &'h mut Vec<(&'c str, Appearance)>,
    id: &'c str,
    transcript: usize,
) -> &'h mut Appearance {
    let at = match here.iter().position(|(seen, _)| *seen == id) {
        Some(at) => at,
        None => {
            here.push((
                id,
                Appearance {
                    transcript,
                    turns: 0,
                    first_block: None,
                },
            ));
            here.len() - 1
        }
    };
    &mut here[at].1
}

/// Words of a paragraph: spaces and one, which is exact for the single
/// spaces of prose and far cheaper than splitting a corpus into words.
fn word_count(text: &str) -> usize {
    if text.is_empty() {
        return 0;
    }
    text.bytes().filter(|b| *b == b' ').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    #[test]
    fn a_person_appears_in_time_order_with_turns_and_words() {
        let page = |id: &str, date: &str, body: &str| {
            let text = format!("Meeting\n{date}\n{body}");
            let mut page = crate::parse::parse_page(id, &text);
            page.transcript.date = Some(date.to_string());
            page
        };
        let corpus = corpus::assemble(vec![
            page(
                "b",
                "2016-05-01",
                "Vladimir Putin: Good afternoon, colleagues.\nDmitry Peskov: Yes.\nVladimir Putin: Thank you.",
            ),
            page("a", "2014-01-01", "Vladimir Putin: Hello there."),
        ]);
        let all = Appearances::new(&corpus);
        let putin = all.get("vladimir-putin").unwrap();
        assert_eq!(putin.turns, 3);
        assert_eq!(putin.words, 2 + 3 + 2);
        let events: Vec<&str> = putin
            .events
            .iter()
            .map(|a| corpus.transcripts[a.transcript].id.as_str())
            .collect();
        assert_eq!(events, ["a", "b"]);
        assert_eq!(all.people[0].id, "vladimir-putin");
        assert_eq!(putin.turns_by_year(&corpus), Some((2014, vec![1, 0, 2])));
        assert_eq!(putin.first_date(&corpus), Some("2014-01-01"));
    }
}
