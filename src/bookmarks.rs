//! Bookmarks kept between runs: `$XDG_DATA_HOME/verbatim/bookmarks.json`
//! (`~/.local/share/verbatim/bookmarks.json`). A bookmark names its
//! transcript by id and its paragraph by source line, not by path, so it
//! survives a corpus moved elsewhere; it carries what the list shows
//! (speaker, date, title, first words) for when its transcript is not
//! loaded. A file that cannot be read is left as it is.
//!
//! ```json
//! {"format": "verbatim-bookmarks/1", "bookmarks": [
//!   {"transcript": "56357", "line": 42, "speaker": "Vladimir Putin",
//!    "date": "2017-12-11", "title": "...", "text": "first words..."}]}
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "verbatim-bookmarks/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// The transcript's id (a kremlin.ru item id, or a file stem).
    pub transcript: String,
    /// The paragraph's line in its source page.
    pub line: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub title: String,
    /// The paragraph's first words.
    pub text: String,
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    bookmarks: Vec<Bookmark>,
}

/// Where the bookmarks live, by the XDG base directories.
pub fn path() -> Option<PathBuf> {
    Some(crate::user_files::dir("XDG_DATA_HOME", ".local/share")?.join("bookmarks.json"))
}

/// The bookmarks in a file; none when there is no file yet. An error
/// says what is wrong with the file, which is then to be left alone.
pub fn load(path: &Path) -> Result<Vec<Bookmark>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
    }
    let header: Header = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a bookmarks file: {e}", path.display()))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(format!(
            "{}: bookmarks of format {:?}; this verbatim reads {FORMAT:?}",
            path.display(),
            header.format.unwrap_or_default()
        ));
    }
    let file: File = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a bookmarks file: {e}", path.display()))?;
    Ok(file.bookmarks)
}

/// One change a reader makes to the bookmarks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Add(Bookmark),
    /// The bookmark of this transcript's paragraph at this line.
    Delete {
        transcript: String,
        line: u32,
    },
}

impl Change {
    /// Makes the change in `list`; true when it changed anything.
    pub fn apply_to(&self, list: &mut Vec<Bookmark>) -> bool {
        match self {
            Change::Add(mark) => {
                let held = list
                    .iter()
                    .any(|b| b.transcript == mark.transcript && b.line == mark.line);
                if !held {
                    list.push(mark.clone());
                }
                !held
            }
            Change::Delete { transcript, line } => {
                let before = list.len();
                list.retain(|b| !(b.transcript == *transcript && b.line == *line));
                list.len() != before
            }
        }
    }
}

/// Makes one change in the file as it is now, so that what another
/// reader wrote since this one read it is kept; the list as written.
/// Two readers take turns by a lock on a file beside it.
pub fn change(path: &Path, change: &Change) -> Result<Vec<Bookmark>, String> {
    let lock_path = path.with_extension("json.lock");
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let locked = std::fs::File::create(&lock_path).and_then(|lock| lock.lock().map(|()| lock));
    let _lock = locked.map_err(|e| format!("{}: cannot lock: {e}", lock_path.display()))?;
    let mut list = load(path)?;
    if change.apply_to(&mut list) {
        save(path, &list)
            .map_err(|e| format!("cannot save the bookmarks to {}: {e}", path.display()))?;
    }
    Ok(list)
}

/// Writes the bookmarks whole: to a file beside, then renamed over, so a
/// reader stopped halfway or another one writing never leaves half a file.
pub fn save(path: &Path, bookmarks: &[Bookmark]) -> std::io::Result<()> {
    let file = File {
        format: FORMAT.to_string(),
        bookmarks: bookmarks.to_vec(),
    };
    let text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
    crate::user_files::write_whole(path, (text + "\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("verbatim-bookmarks-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("bookmarks.json")
    }

    fn one() -> Bookmark {
        Bookmark {
            transcript: "56357".into(),
            line: 42,
            speaker: Some("Vladimir Putin".into()),
            date: Some("2017-12-11".into()),
            title: "Visit to Khmeimim".into(),
            text: "I wish you success".into(),
        }
    }

    #[test]
    fn saved_bookmarks_read_back_and_a_missing_file_is_none() {
        let path = scratch("round");
        assert_eq!(load(&path), Ok(Vec::new()));
        save(&path, &[one()]).unwrap();
        assert_eq!(load(&path), Ok(vec![one()]));
    }

    #[test]
    fn a_change_keeps_what_another_reader_wrote_since() {
        let path = scratch("merge");
        let _ = std::fs::remove_file(&path);
        let other = Bookmark { line: 7, ..one() };
        // Two readers start with no bookmarks; each adds its own.
        assert_eq!(change(&path, &Change::Add(one())), Ok(vec![one()]));
        assert_eq!(
            change(&path, &Change::Add(other.clone())),
            Ok(vec![one(), other.clone()])
        );
        let delete = Change::Delete {
            transcript: "56357".into(),
            line: 42,
        };
        assert_eq!(change(&path, &delete), Ok(vec![other.clone()]));
        assert_eq!(load(&path), Ok(vec![other]));
    }

    #[test]
    fn a_bad_file_is_an_error_that_names_it() {
        let path = scratch("bad");
        std::fs::write(&path, "not json").unwrap();
        let error = load(&path).unwrap_err();
        assert!(
            error.contains("bookmarks.json: not a bookmarks file"),
            "{error}"
        );
        std::fs::write(
            &path,
            r#"{"format": "verbatim-bookmarks/9", "bookmarks": []}"#,
        )
        .unwrap();
        let error = load(&path).unwrap_err();
        assert!(
            error.contains("bookmarks of format \"verbatim-bookmarks/9\""),
            "{error}"
        );
    }
}
