//! Plain data: what a transcript is, independent of how it was read or shown.
//!
//! Every piece of text keeps the 1-based number of the source line it came
//! from, so that "nothing lost" can be checked and hits can be cited.

use serde::{Deserialize, Serialize};

/// The value of a corpus file's `format` field this version writes and reads.
pub const FORMAT: &str = "verbatim/1";

/// A source line number, 1-based.
pub type LineNo = u32;

/// A person's stable identifier: the slug of their canonical name
/// (`vladimir-putin`). The same person has the same id in every corpus.
pub type PersonId = String;

/// One line of source text, kept with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub line: LineNo,
    /// A boxed `str`, not a `String`: a corpus holds close to a million
    /// lines, and the capacity field would be a tenth of their weight.
    pub text: Box<str>,
}

impl Line {
    pub fn new(line: LineNo, text: impl Into<Box<str>>) -> Self {
        Line {
            line,
            text: text.into(),
        }
    }
}

/// Many transcripts and the people who speak in them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    pub format: String,
    pub people: Vec<Person>,
    pub transcripts: Vec<Transcript>,
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus {
            format: FORMAT.to_string(),
            people: Vec::new(),
            transcripts: Vec::new(),
        }
    }
}

/// Someone who speaks or is tagged somewhere in a corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    /// Given name first, as the transcripts write it: `Vladimir Putin`.
    pub name: String,
    /// The role most often written before the name, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Every other spelling seen for this person (labels, footer tags).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// One page: header, body blocks and footer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Transcript {
    /// The kremlin.ru item id when the file name carries one, else the file stem.
    pub id: String,
    /// Where it was read from, as given on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Line>,
    pub title: Option<Line>,
    #[serde(default)]
    pub lead: Vec<Line>,
    /// ISO 8601 (`2022-08-19`), the first day when the page gives a range.
    #[serde(default)]
    pub date: Option<String>,
    /// The date line as written.
    #[serde(default)]
    pub date_line: Option<Line>,
    #[serde(default)]
    pub time: Option<Line>,
    #[serde(default)]
    pub place: Option<Line>,
    #[serde(default)]
    pub captions: Vec<Caption>,
    #[serde(default)]
    pub see_also: Vec<SeeAlso>,
    #[serde(default)]
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub footer: Footer,
    /// Lines the parser could not place; kept so that nothing is dropped.
    #[serde(default)]
    pub unclassified: Vec<Line>,
}

/// A photo caption, with the slider counter (`3 of 6`) when there was one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter: Option<Line>,
    pub text: Line,
}

/// A "See also" or "Additional" box: a heading, a linked title, a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeeAlso {
    pub heading: Line,
    #[serde(default)]
    pub title: Option<Line>,
    #[serde(default)]
    pub date: Option<Line>,
}

/// Tag blocks and publication data at the end of a page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Footer {
    /// `Geography`, `Topics`, `Persons` and any other tag column, in page order.
    #[serde(default)]
    pub tags: Vec<TagGroup>,
    /// Ids of the people the `Persons` tags name, in tag order.
    #[serde(default)]
    pub persons: Vec<PersonId>,
    #[serde(default)]
    pub status: Option<Line>,
    /// `Published in sections: News, Transcripts`, kept whole.
    #[serde(default)]
    pub sections_line: Option<Line>,
    #[serde(default)]
    pub sections: Vec<String>,
    /// `Publication date: August 19, 2022, 16:15`, kept whole.
    #[serde(default)]
    pub published_line: Option<Line>,
    /// ISO 8601 date and time: `2022-08-19T16:15`.
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub text_version: Option<Line>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagGroup {
    pub heading: Line,
    pub items: Vec<Line>,
}

/// A piece of the body, in page order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading(Line),
    Turn(Turn),
    /// Text outside any turn: news-style narration, a whole speech.
    Narration {
        paragraphs: Vec<Line>,
    },
    /// `<…>`: the page omits something here.
    Elision(Line),
    /// `(Applause.)`, a line wholly in parentheses.
    StageDirection(Line),
    /// `* * *`
    Separator(Line),
    /// A body sentence repeated for emphasis, set in reversed marks: `”…“`.
    PullQuote(Line),
}

impl Block {
    pub fn as_turn(&self) -> Option<&Turn> {
        match self {
            Block::Turn(turn) => Some(turn),
            _ => None,
        }
    }
}

/// One speaker's uninterrupted stretch of speech.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    pub speaker: Speaker,
    /// The label exactly as written, without the colon and the remark.
    pub label: String,
    /// The role part of the label (`President of Russia`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A parenthesised remark after the label: `retranslated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// The line of the label; 0 for a continued turn, which has none.
    pub label_line: LineNo,
    /// True when this turn resumes the previous speaker after an
    /// interruption (an elision, a stage direction) rather than starting
    /// with a label of its own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub continued: bool,
    pub paragraphs: Vec<Line>,
}

/// Who speaks a turn: a person, or a generic voice that is nobody in particular.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    Person(PersonId),
    /// `Question`, `Remark`, `Audience`...: never one person across turns.
    Voice(String),
}

impl Speaker {
    pub fn person_id(&self) -> Option<&str> {
        match self {
            Speaker::Person(id) => Some(id),
            Speaker::Voice(_) => None,
        }
    }
}

impl Transcript {
    /// Drops the room the lists grew while parsing: a corpus holds tens of
    /// thousands of transcripts, and the slack was a tenth of its weight.
    pub fn shrink_to_fit(&mut self) {
        self.lead.shrink_to_fit();
        self.captions.shrink_to_fit();
        self.see_also.shrink_to_fit();
        self.unclassified.shrink_to_fit();
        self.blocks.shrink_to_fit();
        for block in &mut self.blocks {
            match block {
                Block::Turn(turn) => turn.paragraphs.shrink_to_fit(),
                Block::Narration { paragraphs } => paragraphs.shrink_to_fit(),
                _ => {}
            }
        }
        let footer = &mut self.footer;
        footer.persons.shrink_to_fit();
        footer.sections.shrink_to_fit();
        footer.tags.shrink_to_fit();
        for group in &mut footer.tags {
            group.items.shrink_to_fit();
        }
    }

    /// Every piece of source text this transcript holds, each with its line
    /// and the index of the element that owns it. The lossless rule says
    /// these cover the page's non-blank lines, each line owned by one element.
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        let mut pieces = Pieces::default();
        pieces.element(self.section.iter());
        pieces.element(self.title.iter());
        for line in &self.lead {
            pieces.element([line]);
        }
        pieces.element(self.date_line.iter());
        pieces.element(self.time.iter());
        pieces.element(self.place.iter());
        for caption in &self.captions {
            pieces.element(caption.counter.iter().chain([&caption.text]));
        }
        for see_also in &self.see_also {
            pieces.element(
                [&see_also.heading]
                    .into_iter()
                    .chain(&see_also.title)
                    .chain(&see_also.date),
            );
        }
        for block in &self.blocks {
            match block {
                Block::Heading(l)
                | Block::Elision(l)
                | Block::StageDirection(l)
                | Block::Separator(l)
                | Block::PullQuote(l) => pieces.element([l]),
                Block::Narration { paragraphs } => pieces.element(paragraphs),
                Block::Turn(turn) => {
                    pieces.owner += 1;
                    if !turn.continued {
                        pieces.push(turn.label_line, &turn.label);
                        if let Some(remark) = &turn.remark {
                            pieces.push(turn.label_line, remark);
                        }
                    }
                    for paragraph in &turn.paragraphs {
                        pieces.push(paragraph.line, &paragraph.text);
                    }
                }
            }
        }
        let footer = &self.footer;
        for group in &footer.tags {
            pieces.element([&group.heading].into_iter().chain(&group.items));
        }
        pieces.element(footer.status.iter());
        pieces.element(footer.sections_line.iter());
        pieces.element(footer.published_line.iter());
        pieces.element(footer.text_version.iter());
        for line in &self.unclassified {
            pieces.element([line]);
        }
        pieces.list
    }

    pub fn turns(&self) -> impl Iterator<Item = &Turn> {
        self.blocks.iter().filter_map(Block::as_turn)
    }

    /// Date then time, for ordering newest first (undated sorts last).
    pub fn recency(&self) -> (Option<&str>, Option<&str>) {
        (
            self.date.as_deref(),
            self.time.as_ref().map(|l| l.text.as_ref()),
        )
    }

    pub fn title_text(&self) -> &str {
        self.title
            .as_ref()
            .map_or("(untitled)", |l| l.text.as_ref())
    }
}

/// A piece of source text held somewhere in a transcript; see [`Transcript::pieces`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    pub line: LineNo,
    pub text: &'a str,
    /// Which structural element holds it (a running index).
    pub owner: usize,
}

#[derive(Default)]
struct Pieces<'a> {
    list: Vec<Piece<'a>>,
    owner: usize,
}

impl<'a> Pieces<'a> {
    fn element(&mut self, lines: impl IntoIterator<Item = &'a Line>) {
        self.owner += 1;
        for line in lines {
            self.push(line.line, &line.text);
        }
    }

    fn push(&mut self, line: LineNo, text: &'a str) {
        self.list.push(Piece {
            line,
            text,
            owner: self.owner,
        });
    }
}
