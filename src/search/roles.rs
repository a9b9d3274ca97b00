//! Each person's roles by date, from the labels of their turns: the
//! speakers pane shows a role for an event whose own labels give none.

use crate::model::Corpus;

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
