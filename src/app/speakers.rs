//! Who speaks in one transcript, and how much.

use std::collections::HashMap;

use crate::model::{Corpus, Person, Speaker, Transcript};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerStat {
    pub speaker: Speaker,
    pub name: String,
    pub role: Option<String>,
    /// Turns that open with a label (continuations are not new turns).
    pub turns: usize,
    pub words: usize,
}

/// Speakers of a transcript in order of first appearance.
pub fn stats<'p>(
    transcript: &Transcript,
    person: impl Fn(&str) -> Option<&'p Person>,
) -> Vec<SpeakerStat> {
    let mut out: Vec<SpeakerStat> = Vec::new();
    for turn in transcript.turns() {
        let words: usize = turn
            .paragraphs
            .iter()
            .map(|p| transcript.text(p).split_whitespace().count())
            .sum();
        let at = match out.iter().position(|s| s.speaker == turn.speaker) {
            Some(at) => at,
            None => {
                let (name, role) = match &turn.speaker {
                    Speaker::Person(id) => match person(id) {
                        Some(p) => (p.name.clone(), p.role.clone()),
                        None => (id.clone(), None),
                    },
                    Speaker::Voice(v) => (v.clone(), None),
                };
                out.push(SpeakerStat {
                    speaker: turn.speaker.clone(),
                    name,
                    role,
                    turns: 0,
                    words: 0,
                });
                out.len() - 1
            }
        };
        out[at].turns += usize::from(!turn.continued);
        out[at].words += words;
    }
    out
}

/// Positions of people in the corpus's table, by id.
pub fn people_index(corpus: &Corpus) -> HashMap<String, usize> {
    corpus
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect()
}
