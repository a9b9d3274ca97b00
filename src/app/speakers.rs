//! The speakers pane's state: who speaks in the open event, how much, and
//! which of them is selected.

use super::list::{Cursor, Rows};
use crate::model::{Corpus, Speaker, Transcript};
use crate::search::roles::Roles;

/// A header row, then two rows a speaker: name and bar, then figures and role.
pub const ROWS: Rows = Rows {
    header: 1,
    per_item: 2,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerStat {
    pub speaker: Speaker,
    pub name: String,
    pub role: Option<String>,
    /// Turns that open with a label (continuations are not new turns).
    pub turns: usize,
    pub words: usize,
}

#[derive(Debug, Clone, Default)]
pub struct SpeakersList {
    pub stats: Vec<SpeakerStat>,
    pub cursor: Cursor,
}

impl SpeakersList {
    /// The speakers of a transcript, with `keep` selected if they speak.
    pub fn new(
        corpus: &Corpus,
        roles: &Roles,
        transcript: Option<&Transcript>,
        keep: Option<&Speaker>,
    ) -> Self {
        let stats = transcript.map_or_else(Vec::new, |t| stats(corpus, roles, t));
        let selected = keep
            .and_then(|k| stats.iter().position(|s| s.speaker == *k))
            .unwrap_or(0);
        SpeakersList {
            stats,
            cursor: Cursor {
                selected,
                offset: 0,
            },
        }
    }

    pub fn selected(&self) -> Option<&SpeakerStat> {
        self.stats.get(self.cursor.selected)
    }

    pub fn position(&self, speaker: &Speaker) -> Option<usize> {
        self.stats.iter().position(|s| s.speaker == *speaker)
    }

    /// The speaker at a row of the pane's inside, if a row shows one.
    pub fn row_at(&self, row: usize) -> Option<usize> {
        ROWS.item_at(self.cursor.offset, row)
            .filter(|at| *at < self.stats.len())
    }
}

/// Speakers of a transcript in order of first appearance.
pub fn stats(corpus: &Corpus, roles: &Roles, transcript: &Transcript) -> Vec<SpeakerStat> {
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
                // The role this event's labels give the person; the one
                // the corpus knows best only when this event gives none
                // (roles change: a journalist in 2020 was a moderator once).
                let here = transcript
                    .turns()
                    .filter(|t| t.speaker == turn.speaker)
                    .find_map(|t| t.role.clone());
                let id = turn.speaker.person_id();
                let nearest = id
                    .zip(transcript.date.as_deref())
                    .and_then(|(id, date)| roles.nearest(corpus, id, date))
                    .map(str::to_string);
                let role = here.or(nearest).or_else(|| {
                    id.and_then(|id| corpus.person(id))
                        .and_then(|p| p.role.clone())
                });
                out.push(SpeakerStat {
                    speaker: turn.speaker.clone(),
                    name: corpus.speaker_name(&turn.speaker).to_string(),
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
