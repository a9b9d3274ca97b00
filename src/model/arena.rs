//! The text of a transcript's lines, held end to end in one string per
//! transcript. A corpus has close to a million lines; as strings of their
//! own each cost a pointer, a length and an allocation, more than a tenth
//! of the text they hold. Here a line is a line number and a span.
//!
//! A line's JSON is still `{"line": 12, "text": "..."}`. serde gives a
//! value no way to reach its container, so a transcript lends its arena to
//! the lines being written or read through [`Lending`], for as long as its
//! own fields take.

use std::cell::RefCell;

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

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Arena {
    text: String,
}

impl Arena {
    pub fn with_capacity(bytes: usize) -> Arena {
        Arena {
            text: String::with_capacity(bytes),
        }
    }

    /// Appends `text`. A transcript is read from at most 64 MB, far within
    /// the `u32` offsets.
    pub fn add(&mut self, text: &str) -> Span {
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(text);
        Span {
            start,
            len: u32::try_from(text.len()).unwrap_or(0),
        }
    }

    pub fn get(&self, span: Span) -> &str {
        let start = span.start as usize;
        self.text
            .get(start..start + span.len as usize)
            .unwrap_or_default()
    }

    pub fn reserve(&mut self, bytes: usize) {
        self.text.reserve(bytes);
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// An arena of `text` as written, for lines that know their spans.
    pub fn of_text(text: String) -> Arena {
        Arena { text }
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
