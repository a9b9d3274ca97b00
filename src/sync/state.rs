//! What a library folder holds, kept beside its pages: which items, with
//! the `updated` stamp each had when fetched, when it was last synced,
//! and the work a stopped run left (items seen but not yet fetched, the
//! feed pages its walks had reached).
//!
//! `.verbatim-sync` (JSON) is written whole at the end of a run; each
//! page fetched meanwhile is appended to `.verbatim-sync.journal` at
//! once, so a run killed halfway loses nothing it fetched.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::feed::Entry;

// Hidden, and named as no page or corpus is, so that opening the folder
// reads its pages alone.
const STATE: &str = ".verbatim-sync";
const JOURNAL: &str = ".verbatim-sync.journal";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The site synced from.
    #[serde(default)]
    pub site: String,
    /// When the last run ended, in seconds since 1970 (UTC).
    #[serde(default)]
    pub last_sync: Option<u64>,
    /// Items held, by id: their `updated` and file name.
    #[serde(default)]
    pub held: BTreeMap<u64, Held>,
    /// Items a stopped run found new or changed but did not fetch.
    #[serde(default)]
    pub pending: Vec<Pending>,
    /// Feed pages stopped walks would have read next, newest first: a
    /// walk goes on from each until it meets an item held.
    #[serde(default)]
    pub walks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub updated: String,
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub id: u64,
    pub published: String,
    pub updated: String,
}

impl From<&Entry> for Pending {
    fn from(entry: &Entry) -> Pending {
        Pending {
            id: entry.id,
            published: entry.published.clone(),
            updated: entry.updated.clone(),
        }
    }
}

impl From<&Pending> for Entry {
    fn from(pending: &Pending) -> Entry {
        Entry {
            id: pending.id,
            published: pending.published.clone(),
            updated: pending.updated.clone(),
        }
    }
}

impl State {
    /// The state of the library in `dir`: its file, then the journal of
    /// a run that did not finish. A folder never synced has none.
    pub fn load(dir: &Path) -> Result<State, String> {
        let path = dir.join(STATE);
        let mut state: State = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text)
                .map_err(|e| format!("{}: not a sync state file: {e}", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => State::default(),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        if let Ok(journal) = std::fs::read_to_string(dir.join(JOURNAL)) {
            // The feed page a killed walk would have read next.
            let mut walk: Option<String> = None;
            // A line cut short by a kill has no newline: it is ignored.
            for line in journal.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
                let line = line.trim_end();
                if let Some(next) = line.strip_prefix("next\t") {
                    walk = Some(next.to_string());
                    continue;
                }
                if line == "end" {
                    walk = None;
                    continue;
                }
                let mut fields = line.split('\t');
                if let (Some(id), Some(updated), Some(file)) =
                    (fields.next(), fields.next(), fields.next())
                    && let Ok(id) = id.parse()
                {
                    state.held.insert(
                        id,
                        Held {
                            updated: updated.to_string(),
                            file: file.to_string(),
                        },
                    );
                    state.pending.retain(|p| p.id != id);
                }
            }
            if let Some(walk) = walk
                && !state.walks.contains(&walk)
            {
                state.walks.insert(0, walk);
            }
        }
        Ok(state)
    }

    /// Notes a page fetched and written, in the journal at once.
    pub fn hold(&mut self, dir: &Path, id: u64, updated: &str, file: &str) -> std::io::Result<()> {
        let mut journal = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(JOURNAL))?;
        journal.write_all(format!("{id}\t{updated}\t{file}\n").as_bytes())?;
        self.held.insert(
            id,
            Held {
                updated: updated.to_string(),
                file: file.to_string(),
            },
        );
        self.pending.retain(|p| p.id != id);
        Ok(())
    }

    /// Notes in the journal the feed page a walk goes on to once this
    /// page's items are fetched (`None`: the walk is done), so that a
    /// killed run's walk is taken up again.
    pub fn note_walk(&self, dir: &Path, next: Option<&str>) -> std::io::Result<()> {
        let mut journal = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(JOURNAL))?;
        match next {
            Some(next) => journal.write_all(format!("next\t{next}\n").as_bytes()),
            None => journal.write_all(b"end\n"),
        }
    }

    /// Writes the state whole and empties the journal it now holds.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        crate::user_files::write_whole(&dir.join(STATE), (text + "\n").as_bytes())?;
        match std::fs::remove_file(dir.join(JOURNAL)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    pub fn path(dir: &Path) -> PathBuf {
        dir.join(STATE)
    }
}

/// `2026-12-03 01:20 UTC`.
pub fn utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let (hour, minute) = ((seconds % 86_400) / 3600, (seconds % 3600) / 60);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_line_cut_short_is_not_read() {
        let dir = std::env::temp_dir().join(format!("verbatim-state-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut state = State::default();
        state.hold(&dir, 1, "u1", "2020-01-01_1.html").unwrap();
        let mut journal = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.join(JOURNAL))
            .unwrap();
        journal.write_all(b"2\tu2\t2020-01-0").unwrap();
        let read = State::load(&dir).unwrap();
        assert_eq!(read.held.keys().collect::<Vec<_>>(), [&1]);
        read.save(&dir).unwrap();
        assert!(!dir.join(JOURNAL).exists());
        assert_eq!(State::load(&dir).unwrap().held, read.held);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(utc(1_796_260_000), "2026-12-03 01:06 UTC");
    }
}
