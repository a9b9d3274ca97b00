//! Plain data: what a transcript is, independent of how it was read or shown.
//!
//! Every piece of text keeps the 1-based number of the source line it came
//! from, so that "nothing lost" can be checked and hits can be cited.

mod arena;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use arena::{Arena, Lending, Span};

/// The value of a corpus file's `format` field this version writes and reads.
pub const FORMAT: &str = "verbatim/1";

/// A source line number, 1-based.
pub type LineNo = u32;

/// A person's stable identifier: the slug of their canonical name
/// (`vladimir-putin`). The same person has the same id in every corpus.
pub type PersonId = String;

/// One line of source text, kept with where it came from. Its text is in
/// its transcript: [`Transcript::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub line: LineNo,
    span: Span,
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
///
/// serde derives its fields' code as inherent functions (`remote =
/// "Self"`), and the traits below wrap them to lend the lines their arena.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(remote = "Self")]
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
    /// The text of every line above, in the order they are listed.
    #[serde(skip)]
    arena: Arena,
}

impl Serialize for Transcript {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let lending = Lending::lend(self.arena.clone());
        let written = Transcript::serialize(self, serializer);
        lending.give_back();
        written
    }
}

impl<'de> Deserialize<'de> for Transcript {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Transcript, D::Error> {
        let lending = Lending::lend(Arena::default());
        let mut transcript = Transcript::deserialize(deserializer)?;
        transcript.arena = lending.give_back();
        transcript.repack();
        Ok(transcript)
    }
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
    Turn(Box<Turn>),
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
    /// The paragraphs of a turn or narration; none for other blocks.
    pub fn paragraphs(&self) -> &[Line] {
        match self {
            Block::Turn(turn) => &turn.paragraphs,
            Block::Narration { paragraphs } => paragraphs,
            _ => &[],
        }
    }

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
    /// A line with this text, kept in this transcript.
    pub fn add_line(&mut self, line: LineNo, text: &str) -> Line {
        Line {
            line,
            span: self.arena.add(text),
        }
    }

    /// Room for this many bytes of line text.
    pub fn reserve_text(&mut self, bytes: usize) {
        self.arena.reserve(bytes);
    }

    /// The text of one of this transcript's lines.
    pub fn text(&self, line: &Line) -> &str {
        self.arena.get(line.span)
    }

    /// Puts the lines' text in the order they are listed, tightly; a
    /// transcript read back from its JSON then equals the one written.
    pub fn repack(&mut self) {
        let old = std::mem::take(&mut self.arena);
        let mut arena = Arena::with_capacity(old.len());
        self.for_each_line_mut(|line| line.span = arena.add(old.get(line.span)));
        self.arena = arena;
    }

    /// Every line, in the order of the fields and so of the JSON.
    fn for_each_line_mut(&mut self, mut each: impl FnMut(&mut Line)) {
        let mut all = |lines: &mut dyn Iterator<Item = &mut Line>| lines.for_each(&mut each);
        all(&mut self.section.iter_mut());
        all(&mut self.title.iter_mut());
        all(&mut self.lead.iter_mut());
        all(&mut self.date_line.iter_mut());
        all(&mut self.time.iter_mut());
        all(&mut self.place.iter_mut());
        for caption in &mut self.captions {
            all(&mut caption.counter.iter_mut().chain([&mut caption.text]));
        }
        for see_also in &mut self.see_also {
            all(&mut [&mut see_also.heading]
                .into_iter()
                .chain(&mut see_also.title)
                .chain(&mut see_also.date));
        }
        for block in &mut self.blocks {
            match block {
                Block::Heading(l)
                | Block::Elision(l)
                | Block::StageDirection(l)
                | Block::Separator(l)
                | Block::PullQuote(l) => all(&mut std::iter::once(l)),
                Block::Narration { paragraphs } => all(&mut paragraphs.iter_mut()),
                Block::Turn(turn) => all(&mut turn.paragraphs.iter_mut()),
            }
        }
        let footer = &mut self.footer;
        for group in &mut footer.tags {
            all(&mut [&mut group.heading].into_iter().chain(&mut group.items));
        }
        all(&mut footer.status.iter_mut());
        all(&mut footer.sections_line.iter_mut());
        all(&mut footer.published_line.iter_mut());
        all(&mut footer.text_version.iter_mut());
        all(&mut self.unclassified.iter_mut());
    }

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
        let mut pieces = Pieces {
            arena: &self.arena,
            list: Vec::new(),
            owner: 0,
        };
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
                        pieces.push(paragraph.line, self.text(paragraph));
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
            self.time.as_ref().map(|l| self.text(l)),
        )
    }

    pub fn title_text(&self) -> &str {
        self.title.as_ref().map_or("(untitled)", |l| self.text(l))
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

struct Pieces<'a> {
    arena: &'a Arena,
    list: Vec<Piece<'a>>,
    owner: usize,
}

impl<'a> Pieces<'a> {
    fn element(&mut self, lines: impl IntoIterator<Item = &'a Line>) {
        self.owner += 1;
        for line in lines {
            self.push(line.line, self.arena.get(line.span));
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
