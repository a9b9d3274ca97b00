//! The speakers pane's state: who speaks in the open event, how much, and
//! which of them is selected.

use super::list::{Cursor, Rows};
use crate::model::{Corpus, Speaker, Transcript};

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

/// Where each person's labels give them a role, by date: the role shown
/// for an event whose own labels give none is the one nearest in time,
/// since roles change (a moderator one year is a journalist the next).
#[derive(Debug, Clone, Default)]
pub struct Roles {
    /// (day number, transcript, block) of each labelled turn with a role.
    by_person: rustc_hash::FxHashMap<String, Vec<(u32, u32, u32)>>,
}

impl Roles {
    pub fn new(corpus: &Corpus) -> Roles {
        let mut roles = Roles::default();
        for (t, transcript) in corpus.transcripts.iter().enumerate() {
            let Some(day) = transcript.date.as_deref().and_then(day_number) else {
                continue;
            };
            for (b, block) in transcript.blocks.iter().enumerate() {
                if let Some(turn) = block.as_turn()
                    && turn.role.is_some()
                    && let Some(id) = turn.speaker.person_id()
                {
                    let seen = roles.by_person.entry(id.to_string()).or_default();
                    // One entry an event is enough to date a role.
                    if seen.last().is_none_or(|last| last.1 != t as u32) {
                        seen.push((day, t as u32, b as u32));
                    }
                }
            }
        }
        for seen in roles.by_person.values_mut() {
            seen.sort_unstable();
        }
        roles
    }

    /// The role a person's labels gave nearest to `date`.
    pub fn nearest<'c>(&self, corpus: &'c Corpus, person: &str, date: &str) -> Option<&'c str> {
        let day = day_number(date)?;
        let seen = self.by_person.get(person)?;
        let (_, t, b) = seen.iter().min_by_key(|(d, _, _)| d.abs_diff(day))?;
        corpus.transcripts[*t as usize].blocks[*b as usize]
            .as_turn()?
            .role
            .as_deref()
    }
}

/// `2016-04-14` as a number of days, near enough to compare distances.
fn day_number(date: &str) -> Option<u32> {
    let mut parts = date.splitn(3, '-');
    let y: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    Some(y * 372 + m * 31 + d)
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
