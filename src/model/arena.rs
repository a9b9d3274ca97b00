//! The text of a transcript's lines, held end to end in one string per
//! transcript, which a loaded corpus's transcripts then share by the
//! megabyte ([`Arena::share`]). A corpus has close to a million lines; as
//! strings of their own each cost a pointer, a length and an allocation,
//! more than a tenth of the text they hold. Here a line is a line number
//! and a span.
//!
//! A line's JSON is still `{"line": 12, "text": "..."}`. serde gives a
//! value no way to reach its container, so a transcript lends its arena to
//! the lines being written or read through [`Lending`], for as long as its
//! own fields take.

use std::cell::RefCell;
use std::sync::Arc;

use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Line, LineNo};

/// Where a line's text lies in its transcript's [`Arena`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    start: u32,
    len: u32,
}

/// A transcript's text: its own while it is written (parsing, reading
/// JSON), or a stretch of a slab that the transcripts of one load share.
/// A corpus has tens of thousands of transcripts; a string each costs the
/// allocator's rounding of each, a tenth of the text.
#[derive(Clone, Default)]
pub struct Arena {
    text: Text,
}

#[derive(Clone)]
enum Text {
    Own(String),
    /// Offsets of 32 bits keep an arena no larger than a string.
    Shared {
        slab: Arc<String>,
        start: u32,
        end: u32,
    },
}

impl Default for Text {
    fn default() -> Text {
        Text::Own(String::new())
    }
}

impl Arena {
    pub fn with_capacity(bytes: usize) -> Arena {
        Arena {
            text: Text::Own(String::with_capacity(bytes)),
        }
    }

    /// Appends `text`. A transcript is read from at most 64 MB, far within
    /// the `u32` offsets.
    pub fn add(&mut self, text: &str) -> Span {
        let own = self.own();
        let start = u32::try_from(own.len()).unwrap_or(u32::MAX);
        own.push_str(text);
        Span {
            start,
            len: u32::try_from(text.len()).unwrap_or(0),
        }
    }

    pub fn get(&self, span: Span) -> &str {
        let start = span.start as usize;
        self.as_str()
            .get(start..start + span.len as usize)
            .unwrap_or_default()
    }

    pub fn reserve(&mut self, bytes: usize) {
        self.own().reserve(bytes);
    }

    pub fn len(&self) -> usize {
        self.as_str().len()
    }

    pub fn as_str(&self) -> &str {
        match &self.text {
            Text::Own(text) => text,
            Text::Shared { slab, start, end } => {
                slab.get(*start as usize..*end as usize).unwrap_or_default()
            }
        }
    }

    /// An arena of `text` as written, for lines that know their spans.
    pub fn of_text(text: String) -> Arena {
        Arena {
            text: Text::Own(text),
        }
    }

    /// The text as this arena's own, to write to: a shared stretch is
    /// copied out first.
    fn own(&mut self) -> &mut String {
        if let Text::Shared { .. } = self.text {
            self.text = Text::Own(self.as_str().to_owned());
        }
        match &mut self.text {
            Text::Own(text) => text,
            Text::Shared { .. } => unreachable!("made its own above"),
        }
    }

    /// Puts the text of `arenas` end to end in one slab they share, each
    /// a stretch of it: one allocation, sized exactly, for many. Arenas
    /// that would make a slab of 4 GB or more keep their own text.
    pub fn share(arenas: &mut [&mut Arena]) {
        let texts: Vec<&str> = arenas.iter().map(|a| a.as_str()).collect();
        let Some((slab, ends)) = slab_of(&texts) else {
            return;
        };
        Arena::give_stretches(arenas, slab, ends);
    }

    /// [`Arena::share`] of `texts`, each the text of its arena; arenas
    /// that would make a slab of 4 GB or more are given their own.
    pub fn share_of(arenas: &mut [&mut Arena], texts: &[&str]) {
        match slab_of(texts) {
            Some((slab, ends)) => Arena::give_stretches(arenas, slab, ends),
            None => {
                for (arena, text) in arenas.iter_mut().zip(texts) {
                    **arena = Arena::of_text(text.to_string());
                }
            }
        }
    }

    fn give_stretches(arenas: &mut [&mut Arena], slab: String, ends: Vec<u32>) {
        let slab = Arc::new(slab);
        let mut start = 0;
        for (arena, end) in arenas.iter_mut().zip(ends) {
            arena.text = Text::Shared {
                slab: Arc::clone(&slab),
                start,
                end,
            };
            start = end;
        }
    }
}

/// `texts` end to end, and where each ends; `None` past 4 GB.
fn slab_of(texts: &[&str]) -> Option<(String, Vec<u32>)> {
    let len: usize = texts.iter().map(|t| t.len()).sum();
    u32::try_from(len).ok()?;
    let mut slab = String::with_capacity(len);
    let mut ends = Vec::with_capacity(texts.len());
    for text in texts {
        slab.push_str(text);
        ends.push(slab.len() as u32);
    }
    Some((slab, ends))
}

/// Arenas are equal when their text is, however it is held.
impl PartialEq for Arena {
    fn eq(&self, other: &Arena) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Arena {}

impl std::fmt::Debug for Arena {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Arena")
            .field("text", &self.as_str())
            .finish()
    }
}

thread_local! {
    static LENT: RefCell<Option<Arena>> = const { RefCell::new(None) };
}

/// An arena lent to the lines being written or read on this thread. What
/// was lent before comes back when the loan ends, also on an error.
pub struct Lending {
    /// `None` once the loan has ended.
    before: Option<Option<Arena>>,
}

impl Lending {
    pub fn lend(arena: Arena) -> Lending {
        Lending {
            before: Some(LENT.replace(Some(arena))),
        }
    }

    /// Ends the loan, giving back the arena with what the lines added.
    pub fn give_back(mut self) -> Arena {
        let before = self.before.take().flatten();
        LENT.replace(before).unwrap_or_default()
    }
}

impl Drop for Lending {
    fn drop(&mut self) {
        if let Some(before) = self.before.take() {
            LENT.set(before);
        }
    }
}

#[derive(Serialize, Deserialize)]
struct LineJson<'a> {
    line: LineNo,
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
}

/// Binary formats (the cache) write a line as its number and its span of
/// the arena, which its transcript writes whole before its fields: read
/// back, the text is copied once a transcript rather than once a line.
impl Serialize for Line {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            return (self.line, self.span.start, self.span.len).serialize(serializer);
        }
        LENT.with_borrow(|arena| match arena {
            Some(arena) => LineJson {
                line: self.line,
                text: arena.get(self.span).into(),
            }
            .serialize(serializer),
            None => Err(S::Error::custom("a line is written with its transcript")),
        })
    }
}

impl<'de> Deserialize<'de> for Line {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Line, D::Error> {
        if !deserializer.is_human_readable() {
            let (line, start, len) = <(LineNo, u32, u32)>::deserialize(deserializer)?;
            return Ok(Line {
                line,
                span: Span { start, len },
            });
        }
        let json = LineJson::deserialize(deserializer)?;
        LENT.with_borrow_mut(|arena| match arena {
            Some(arena) => Ok(Line {
                line: json.line,
                span: arena.add(&json.text),
            }),
            None => Err(D::Error::custom("a line is read with its transcript")),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Line, Transcript};

    #[test]
    fn a_transcript_round_trips_through_json() {
        let mut t = Transcript {
            id: "1".into(),
            ..Transcript::default()
        };
        let title = t.add_line(3, "Talks «with» \"quotes\" and \u{1b}[31m");
        t.title = Some(title);
        let lead = t.add_line(4, "Lead");
        t.lead.push(lead);
        t.repack();
        let json = serde_json::to_string(&t).unwrap();
        assert!(
            json.contains(r#""title":{"line":3,"text":"Talks «with» \"quotes\" and \u001b[31m"}"#)
        );
        let back: Transcript = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        assert_eq!(back.text(back.lead.first().unwrap()), "Lead");
    }

    #[test]
    fn transcripts_sharing_their_text_read_and_compare_as_before() {
        let mut a = Transcript::default();
        let a_title = a.add_line(1, "First title");
        let mut b = Transcript::default();
        let b_lead = b.add_line(2, "Second lead");
        let b_title = b.add_line(3, "Second title");
        let (own_a, own_b) = (a.clone(), b.clone());
        Transcript::share_text([&mut a, &mut b]);
        assert_eq!(a, own_a);
        assert_eq!(b, own_b);
        assert_eq!(a.text(&a_title), "First title");
        assert_eq!(b.text(&b_lead), "Second lead");
        assert_eq!(b.text(&b_title), "Second title");
        // Written to, a shared arena takes its text for its own; the
        // others keep theirs.
        let more = b.add_line(4, "More");
        assert_eq!(b.text(&more), "More");
        assert_eq!(b.text(&b_title), "Second title");
        assert_eq!(a.text(&a_title), "First title");
        assert_eq!(a.text_len(), "First title".len());
    }

    #[test]
    fn a_line_alone_is_an_error_not_a_panic() {
        let mut t = Transcript::default();
        let line = t.add_line(1, "x");
        assert!(serde_json::to_string(&line).is_err());
        assert!(serde_json::from_str::<Line>(r#"{"line":1,"text":"x"}"#).is_err());
    }

    #[test]
    fn a_failed_read_leaves_nothing_lent() {
        let broken = r#"{"id":"1","title":{"line":1,"text":"a"},"lead":[{"line":2}]}"#;
        assert!(serde_json::from_str::<Transcript>(broken).is_err());
        // Nothing lent is left behind for the next line to write into.
        assert!(serde_json::from_str::<Line>(r#"{"line":1,"text":"x"}"#).is_err());
        let good = r#"{"id":"2","title":{"line":1,"text":"b"}}"#;
        let t: Transcript = serde_json::from_str(good).unwrap();
        assert_eq!(t.title_text(), "b");
    }
}
