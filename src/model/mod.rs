//! Plain data: what a transcript is, independent of how it was read or shown.
//!
//! Every piece of text keeps the 1-based number of the source line it came
//! from, so that "nothing lost" can be checked and hits can be cited.

mod arena;
mod walk;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use arena::{Arena, Lending, Span};
use walk::{Visit, VisitMut};

/// The value of a corpus file's `format` field this version writes.
pub const FORMAT: &str = "verbatim/3";

/// Every format this version reads: its own, and the older ones it can
/// bring up to date (docs/format.md lists what changed).
pub const READS: &[&str] = &[FORMAT, "verbatim/2", "verbatim/1"];

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
    #[serde(skip)]
    people_by_id: PeopleById,
    #[serde(skip)]
    transcripts_by_id: PeopleById,
}

impl Default for Corpus {
    fn default() -> Self {
        Corpus::new(Vec::new(), Vec::new())
    }
}

impl Corpus {
    pub fn new(people: Vec<Person>, transcripts: Vec<Transcript>) -> Corpus {
        Corpus {
            format: FORMAT.to_string(),
            people,
            transcripts,
            people_by_id: PeopleById::default(),
            transcripts_by_id: PeopleById::default(),
        }
    }

    /// The transcript with an id (the first, if two share it).
    pub fn transcript_by_id(&self, id: &str) -> Option<usize> {
        let by_id = self.transcripts_by_id.0.get_or_init(|| {
            let mut map = std::collections::HashMap::new();
            for (i, t) in self.transcripts.iter().enumerate().rev() {
                map.insert(t.id.clone(), i);
            }
            map
        });
        by_id
            .get(id)
            .copied()
            .filter(|i| self.transcripts.get(*i).is_some_and(|t| t.id == id))
            .or_else(|| self.transcripts.iter().position(|t| t.id == id))
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        let by_id = self.people_by_id.0.get_or_init(|| {
            self.people
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect()
        });
        // A list changed after the first look-up is read in full, not misread.
        match by_id.get(id).and_then(|i| self.people.get(*i)) {
            Some(person) if person.id == id => Some(person),
            _ => self.people.iter().find(|p| p.id == id),
        }
    }

    /// The role a turn's label gives, else the one the corpus knows the
    /// person by: what a citation names (records for other tools give
    /// [`Transcript::event_role`], which a page read alone gives too).
    pub fn turn_role<'c>(&'c self, turn: &'c Turn) -> Option<&'c str> {
        turn.role.as_deref().or_else(|| {
            self.person(turn.speaker.person_id()?)
                .and_then(|p| p.role.as_deref())
        })
    }

    /// A person's name by id; the id itself when no person has it.
    pub fn person_name<'c>(&'c self, id: &'c str) -> &'c str {
        self.person(id).map_or(id, |p| &p.name)
    }

    /// Whether another person of the corpus has this person's name (the
    /// two Dmitry Peskovs): a short citation must then say which.
    pub fn has_namesake(&self, id: &str) -> bool {
        let name = self.person_name(id);
        self.people.iter().any(|p| p.id != id && p.name == name)
    }

    /// How a speaker is shown: a person's name as the corpus knows it best
    /// (their id when the corpus does not list them), a voice as written.
    pub fn speaker_name<'c>(&'c self, speaker: &'c Speaker) -> &'c str {
        match speaker {
            Speaker::Person(id) => self.person_name(id),
            Speaker::Voice(voice) => voice,
        }
    }
}

/// Positions by id (of people, of transcripts), built on the first
/// look-up. It is derived from the lists, so two corpora are equal
/// whatever their look-ups did, and a clone (which may be changed) builds
/// its own.
#[derive(Debug, Default)]
struct PeopleById(std::sync::OnceLock<std::collections::HashMap<PersonId, usize>>);

impl Clone for PeopleById {
    fn clone(&self) -> Self {
        PeopleById::default()
    }
}

impl PartialEq for PeopleById {
    fn eq(&self, _: &Self) -> bool {
        true
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
    /// The person's id on kremlin.ru (`/catalog/persons/579/events`),
    /// when a saved page linked or tagged them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_id: Option<u32>,
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
    /// Where it was read from: the file's path inside the folder given on
    /// the command line (its name, when a file was given), so that a
    /// corpus file still says where each page came from on another machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The page on the web, as a corpus file gave it; [`Transcript::url`]
    /// also knows it from a kremlin.ru item id, without keeping a copy in
    /// each of tens of thousands of transcripts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
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
    /// When each line of a timed transcript (subtitles, a podcast) is
    /// said, by line number, in line order; empty for a page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timings: Vec<Timing>,
    /// The text of every line above, in the order they are listed.
    #[serde(skip)]
    arena: Arena,
}

impl Serialize for Transcript {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !serializer.is_human_readable() {
            // Binary formats (the cache): the arena whole, then the fields,
            // whose lines are spans of it.
            return (self.arena.as_str(), Fields(self)).serialize(serializer);
        }
        let lending = Lending::lend(self.arena.clone());
        let written = Transcript::serialize(self, serializer);
        lending.give_back();
        written
    }
}

impl<'de> Deserialize<'de> for Transcript {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Transcript, D::Error> {
        if !deserializer.is_human_readable() {
            let (text, Fields(mut transcript)) =
                <(String, Fields<Transcript>)>::deserialize(deserializer)?;
            transcript.arena = Arena::of_text(text);
            return Ok(transcript);
        }
        let lending = Lending::lend(Arena::default());
        let mut transcript = Transcript::deserialize(deserializer)?;
        transcript.arena = lending.give_back();
        transcript.repack();
        Ok(transcript)
    }
}

/// A transcript as binary formats (the cache) hold it, read without a
/// copy of its text: the text borrowed from the bytes read, to be put
/// with others' in a slab they share ([`Transcript::share_texts`]).
#[derive(Deserialize)]
pub struct StoredTranscript<'a>(&'a str, Fields<Transcript>);

impl<'a> StoredTranscript<'a> {
    /// The transcript, without its text yet, and its text.
    pub fn into_parts(self) -> (Transcript, &'a str) {
        (self.1.0, self.0)
    }
}

/// A transcript's fields alone, as serde derives them: in binary formats
/// they follow the arena.
struct Fields<T>(T);

impl Serialize for Fields<&Transcript> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Transcript::serialize(self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for Fields<Transcript> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Transcript::deserialize(deserializer).map(Fields)
    }
}

/// A photo caption, with the slider counter (`3 of 6`) when there was one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter: Option<Line>,
    pub text: Line,
}

/// A "See also" or "Additional" box: a heading and the items it links to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SeeAlsoFields")]
pub struct SeeAlso {
    pub heading: Line,
    pub links: Vec<Link>,
}

/// One linked item of a box: its title and, under it, its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub title: Line,
    #[serde(default)]
    pub date: Option<Line>,
}

/// A box as either format writes it: verbatim/1 had one `title` and
/// `date`, verbatim/2 a list of `links`.
#[derive(Deserialize)]
struct SeeAlsoFields {
    heading: Line,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    title: Option<Line>,
    #[serde(default)]
    date: Option<Line>,
}

impl From<SeeAlsoFields> for SeeAlso {
    fn from(fields: SeeAlsoFields) -> SeeAlso {
        let mut links = fields.links;
        if let Some(title) = fields.title {
            links.insert(
                0,
                Link {
                    title,
                    date: fields.date,
                },
            );
        }
        SeeAlso {
            heading: fields.heading,
            links,
        }
    }
}

/// When a line of a timed transcript is said, in milliseconds from the
/// start of the recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timing {
    pub line: LineNo,
    pub start_ms: u64,
    pub end_ms: u64,
}

impl Timing {
    /// `00:01:02`, as a citation gives it.
    pub fn clock(&self) -> String {
        let s = self.start_ms / 1000;
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }

    /// `01:02` when the recording is under an hour, else as [`Self::clock`]:
    /// the dialogue's gutter has no room to spare.
    pub fn short_clock(&self, hours: bool) -> String {
        if hours {
            return self.clock();
        }
        let s = self.start_ms / 1000;
        format!("{:02}:{:02}", s / 60, s % 60)
    }

    /// Start and end in seconds, as records for other tools give them.
    pub fn seconds(&self) -> (f64, f64) {
        (self.start_ms as f64 / 1000.0, self.end_ms as f64 / 1000.0)
    }
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
    /// ISO 8601 date of the page's `Last updated` mark, which only its
    /// HTML carries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagGroup {
    pub heading: Line,
    pub items: Vec<Line>,
}

/// A piece of the body, in page order.
///
/// JSON writes a block as a map with its `kind`. Binary formats (the
/// cache) write the variant's index instead: an internally tagged enum is
/// read through serde's buffering of every field, which was a third of a
/// warm start's time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", tag = "kind", rename_all = "snake_case")]
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

/// [`Block`] as binary formats write it, borrowed.
#[derive(Serialize)]
enum BlockRef<'a> {
    Heading(&'a Line),
    Turn(&'a Turn),
    Narration { paragraphs: &'a [Line] },
    Elision(&'a Line),
    StageDirection(&'a Line),
    Separator(&'a Line),
    PullQuote(&'a Line),
}

/// [`Block`] as binary formats read it: [`BlockRef`]'s variants, in order.
#[derive(Deserialize)]
enum BlockOwned {
    Heading(Line),
    Turn(Box<Turn>),
    Narration { paragraphs: Vec<Line> },
    Elision(Line),
    StageDirection(Line),
    Separator(Line),
    PullQuote(Line),
}

impl Serialize for Block {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return Block::serialize(self, serializer);
        }
        match self {
            Block::Heading(l) => BlockRef::Heading(l),
            Block::Turn(t) => BlockRef::Turn(t),
            Block::Narration { paragraphs } => BlockRef::Narration { paragraphs },
            Block::Elision(l) => BlockRef::Elision(l),
            Block::StageDirection(l) => BlockRef::StageDirection(l),
            Block::Separator(l) => BlockRef::Separator(l),
            Block::PullQuote(l) => BlockRef::PullQuote(l),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Block, D::Error> {
        if deserializer.is_human_readable() {
            return Block::deserialize(deserializer);
        }
        Ok(match BlockOwned::deserialize(deserializer)? {
            BlockOwned::Heading(l) => Block::Heading(l),
            BlockOwned::Turn(t) => Block::Turn(t),
            BlockOwned::Narration { paragraphs } => Block::Narration { paragraphs },
            BlockOwned::Elision(l) => Block::Elision(l),
            BlockOwned::StageDirection(l) => Block::StageDirection(l),
            BlockOwned::Separator(l) => Block::Separator(l),
            BlockOwned::PullQuote(l) => Block::PullQuote(l),
        })
    }
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
    /// When the paragraph that starts on `line` is said, in a timed
    /// transcript.
    pub fn timing_of(&self, line: LineNo) -> Option<Timing> {
        let at = self.timings.binary_search_by_key(&line, |t| t.line).ok()?;
        Some(self.timings[at])
    }

    /// Whether a timed transcript runs past an hour (its last timing
    /// starts there; timings are in line order, which is time order).
    pub fn runs_for_hours(&self) -> bool {
        self.timings
            .last()
            .is_some_and(|last| last.start_ms >= 3_600_000)
    }

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

    /// Bytes of text this transcript's lines hold.
    pub fn text_len(&self) -> usize {
        self.arena.len()
    }

    /// The text of `transcripts` in one string they share, allocated
    /// once for all of them: tens of thousands of transcripts' texts,
    /// each its own string, cost the allocator's rounding of each.
    pub fn share_text<'a>(transcripts: impl IntoIterator<Item = &'a mut Transcript>) {
        let mut arenas: Vec<&mut Arena> = transcripts.into_iter().map(|t| &mut t.arena).collect();
        Arena::share(&mut arenas);
    }

    /// Gives each transcript its text, read as [`StoredTranscript`], all in
    /// one string they share.
    pub fn share_texts<'a>(pairs: impl IntoIterator<Item = (&'a mut Transcript, &'a str)>) {
        let (mut arenas, texts): (Vec<&mut Arena>, Vec<&str>) = pairs
            .into_iter()
            .map(|(t, text)| (&mut t.arena, text))
            .unzip();
        Arena::share_of(&mut arenas, &texts);
    }

    /// Puts the lines' text in the order they are listed, tightly; a
    /// transcript read back from its JSON then equals the one written.
    pub fn repack(&mut self) {
        struct Repack {
            old: Arena,
            new: Arena,
        }
        impl VisitMut<'_> for Repack {
            fn line(&mut self, line: &mut Line) {
                line.span = self.new.add(self.old.get(line.span));
            }
        }
        let old = std::mem::take(&mut self.arena);
        let mut repack = Repack {
            new: Arena::with_capacity(old.len()),
            old,
        };
        self.walk_mut(&mut repack);
        self.arena = repack.new;
    }

    /// Drops the room the lists grew while parsing: a corpus holds tens of
    /// thousands of transcripts, and the slack was a tenth of its weight.
    pub fn shrink_to_fit(&mut self) {
        struct Shrink;
        impl VisitMut<'_> for Shrink {
            fn line(&mut self, _: &mut Line) {}
            fn list<T>(&mut self, list: &mut Vec<T>) {
                list.shrink_to_fit();
            }
        }
        self.walk_mut(&mut Shrink);
    }

    /// Every piece of source text this transcript holds, each with its line
    /// and the index of the element that owns it. The lossless rule says
    /// these cover the page's non-blank lines, each line owned by one element.
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        struct Pieces<'a> {
            arena: &'a Arena,
            list: Vec<Piece<'a>>,
            owner: usize,
        }
        impl<'a> Visit<'a> for Pieces<'a> {
            fn element(&mut self) {
                self.owner += 1;
            }
            fn line(&mut self, line: &'a Line) {
                self.label(line.line, self.arena.get(line.span));
            }
            fn label(&mut self, line: LineNo, text: &'a str) {
                self.list.push(Piece {
                    line,
                    text,
                    owner: self.owner,
                });
            }
        }
        let mut pieces = Pieces {
            arena: &self.arena,
            list: Vec::new(),
            owner: 0,
        };
        self.walk(&mut pieces);
        pieces.list
    }

    /// Every paragraph a search reads, in page order: the title and the
    /// lead lines first (block [`HEADER`]), then the paragraphs of turns
    /// (with their speaker) and of narration.
    pub fn searchable(&self) -> impl Iterator<Item = Searchable<'_>> {
        let header = self
            .title
            .iter()
            .chain(&self.lead)
            .enumerate()
            .map(|(p, line)| Searchable {
                block: HEADER,
                paragraph: p as u32,
                line,
                speaker: None,
            });
        let body = self.blocks.iter().enumerate().flat_map(|(b, block)| {
            let speaker = block.as_turn().map(|turn| &turn.speaker);
            block
                .paragraphs()
                .iter()
                .enumerate()
                .map(move |(p, line)| Searchable {
                    block: b as u32,
                    paragraph: p as u32,
                    line,
                    speaker,
                })
        });
        header.chain(body)
    }

    /// The line at a place [`Transcript::searchable`] gave.
    pub fn searchable_at(&self, block: u32, paragraph: u32) -> Option<&Line> {
        let paragraph = paragraph as usize;
        if block == HEADER {
            return self.title.iter().chain(&self.lead).nth(paragraph);
        }
        self.blocks.get(block as usize)?.paragraphs().get(paragraph)
    }

    pub fn turns(&self) -> impl Iterator<Item = &Turn> {
        self.blocks.iter().filter_map(Block::as_turn)
    }

    /// The role this event's labels give a turn's speaker: the turn's own,
    /// else the first another of their turns here gives. What the event
    /// says, not what the corpus read with it knows (a role from another
    /// year), so a paragraph's record is the same however it was found.
    pub fn event_role<'t>(&'t self, turn: &'t Turn) -> Option<&'t str> {
        turn.role.as_deref().or_else(|| {
            self.turns()
                .filter(|other| other.speaker == turn.speaker)
                .find_map(|other| other.role.as_deref())
        })
    }

    /// Date then time, for ordering newest first (undated sorts last).
    pub fn recency(&self) -> (Option<&str>, Option<&str>) {
        (
            self.date.as_deref(),
            self.time.as_ref().map(|l| self.text(l)),
        )
    }

    /// The page on the web: as given, or a kremlin.ru item's by its id.
    pub fn url(&self) -> Option<std::borrow::Cow<'_, str>> {
        match &self.url {
            Some(url) => Some(std::borrow::Cow::Borrowed(url)),
            None => kremlin_url(&self.id).map(std::borrow::Cow::Owned),
        }
    }

    pub fn title_text(&self) -> &str {
        self.title.as_ref().map_or("(untitled)", |l| self.text(l))
    }
}

/// The web page of a kremlin.ru item: the id is the number a page file's
/// name ends with (`2022-08-19_68871.txt`), as the corpus manifests list it.
pub fn kremlin_url(id: &str) -> Option<String> {
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("http://en.kremlin.ru/events/president/news/{id}"))
}

/// The block number search gives the title and lead (paragraph 0 is the
/// title, then the lead lines): they come before every block.
pub const HEADER: u32 = u32::MAX;

/// What stands for the speaker of a searchable paragraph nobody speaks.
pub fn unspoken(block: u32, paragraph: u32) -> &'static str {
    match (block, paragraph) {
        (HEADER, 0) => "(title)",
        (HEADER, _) => "(lead)",
        _ => "(narration)",
    }
}

/// A paragraph a search reads; see [`Transcript::searchable`].
#[derive(Debug, Clone, Copy)]
pub struct Searchable<'t> {
    pub block: u32,
    pub paragraph: u32,
    pub line: &'t Line,
    /// Who says it; `None` for narration, the title and the lead.
    pub speaker: Option<&'t Speaker>,
}

/// A piece of source text held somewhere in a transcript; see [`Transcript::pieces`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    pub line: LineNo,
    pub text: &'a str,
    /// Which structural element holds it (a running index).
    pub owner: usize,
}
