//! Text of a kremlin.ru page, as copied from the site, into a [`Transcript`].
//!
//! The page is cut in three: the header (section, title, lead, date, time,
//! place, photo), the footer (tags and publication data, found from the
//! end), and the body between them, which a small state machine turns into
//! blocks. Every non-blank line lands in exactly one place; what fits
//! nowhere goes to `unclassified`.

mod captions;
mod certain;
pub mod formats;
pub mod html;
pub mod label;
pub mod lines;

use captions::{InlineCaptions, may_be_caption, names_who};
pub(crate) use captions::{is_scene_caption, names_only};
use certain::{Certain, bold_label, certain_lines};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{
    Block, Caption, Line, LineNo, Link, PersonId, SeeAlso, Speaker, TagGroup, Transcript, Turn,
};
use crate::people::{self, KnownNames};
use label::find_label;
use lines::trim;

/// A person seen in a page: their id, name as written and role.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sighting {
    pub id: PersonId,
    pub name: String,
    pub role: Option<String>,
    /// The site's id of the person, from a saved page's link or tag.
    pub site_id: Option<u32>,
}

/// A parsed page and the people it names, for the corpus's people table.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPage {
    pub transcript: Transcript,
    pub sightings: Vec<Sighting>,
}

/// A non-blank source line.
#[derive(Debug, Clone, Copy)]
struct SourceLine<'a> {
    no: LineNo,
    text: &'a str,
}

impl SourceLine<'_> {
    /// This line, its text kept in `transcript`.
    fn to_line(self, transcript: &mut Transcript) -> Line {
        transcript.add_line(self.no, self.text)
    }
}

/// Parses one page. `id` names the transcript (usually from the file name).
pub fn parse_page(id: &str, text: &str) -> ParsedPage {
    parse_with(id, text, None)
}

/// Parses one page saved as HTML: its text as a copy would give it, with
/// the labels, captions and person ids its markup makes certain. Its
/// line numbers count the lines of that text, one a paragraph.
pub fn parse_html_page(id: &str, html: &str) -> Result<ParsedPage, html::NotAPage> {
    let rendered = html::render(html)?;
    let mut page = parse_with(id, &rendered.text, Some(&rendered.markup));
    page.transcript.footer.updated = rendered.markup.updated;
    Ok(page)
}

/// Why a file's text is not a transcript.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error(transparent)]
    NotAPage(#[from] html::NotAPage),
    #[error(transparent)]
    Format(#[from] formats::FormatError),
}

/// Parses a file's text by what it is: one of the [`formats`] (told by
/// `extension` and content; `meta` is what a TEI file's meta table
/// beside it holds), saved HTML when it starts as HTML does, else the
/// text of a copied page.
pub fn parse_file_text(
    id: &str,
    extension: Option<&str>,
    text: &str,
    meta: Option<&str>,
) -> Result<ParsedPage, FileError> {
    if let Some(format) = formats::format_of(extension, text) {
        // Named by its whole file name (`episode.vtt`), which is its
        // title too: these files name no event and have no item id, and
        // `episode.srt` beside it is another transcript.
        let id = extension.map_or_else(|| id.to_string(), |e| format!("{id}.{e}"));
        return Ok(match format {
            formats::Format::Tei => formats::tei::parse_with_meta(&id, text, meta)?,
            format => formats::parse(format, &id, text)?,
        });
    }
    if html::looks_like_html(text) {
        Ok(parse_html_page(id, text)?)
    } else {
        Ok(parse_page(id, text))
    }
}

fn parse_with(id: &str, text: &str, markup: Option<&html::Markup>) -> ParsedPage {
    let source: Vec<SourceLine> = text
        .lines()
        .enumerate()
        .map(|(i, text)| SourceLine {
            no: LineNo::try_from(i + 1).unwrap_or(LineNo::MAX),
            text: trim(text),
        })
        .filter(|l| !l.text.is_empty())
        .collect();

    let mut transcript = Transcript::default();
    transcript.id = id.to_string();
    transcript.reserve_text(text.len());
    let body_start = parse_header(&source, &mut transcript);
    let body_end = parse_footer(&source[body_start..], &mut transcript) + body_start;

    let mut known = KnownNames::default();
    for group in &transcript.footer.tags {
        if transcript.text(&group.heading) == "Persons" {
            for item in &group.items {
                let name = transcript.text(item);
                known.insert(&people::footer_name(name, &KnownNames::default(), text));
            }
        }
    }
    let body = &source[body_start..body_end];
    // Each line's label is looked for once; the rules below only read it.
    let mut page_labels = label::PageLabels::default();
    let mut labels: Vec<Option<label::LabelMatch>> = body
        .iter()
        .enumerate()
        .map(|(i, l)| page_labels.find(l.text, body.get(i + 1).map(|n| n.text)))
        .collect();
    drop_names_of_works(&mut labels, &transcript, &known);
    let mut certain = markup.map_or_else(Vec::new, |markup| certain_lines(markup, body));
    for (i, how) in certain.iter_mut().enumerate() {
        match how {
            Certain::Label { .. } => {
                labels[i] = bold_label(body[i].text, markup, body[i].no);
                if labels[i].is_none() {
                    *how = Certain::Unknown;
                }
            }
            Certain::Caption => labels[i] = None,
            Certain::Unknown => {}
        }
    }
    let appointments: Vec<bool> = (0..body.len())
        .map(|i| {
            !matches!(certain.get(i), Some(Certain::Label { .. })) && is_appointment_at(&labels, i)
        })
        .collect();
    let plain_labels = collect_labels(&labels, &appointments, &mut known);
    // Everyone a label names, with a role or without: a caption that
    // names only a person (`Finance Minister Anton Siluanov at a meeting
    // with Government members.`) names one of them.
    let mut named = KnownNames::default();
    // Each label split once, though a page's speakers take hundreds of turns.
    let mut roles: FxHashMap<&str, (Option<String>, String)> = FxHashMap::default();
    for found in labels.iter().flatten() {
        roles
            .entry(found.label)
            .or_insert_with(|| people::split_role(found.label, &known));
    }
    for (_, name) in roles.values() {
        named.insert(name);
    }
    let captions = InlineCaptions::new(&transcript, body);

    let mut sightings = Vec::new();
    let mut homonyms = Vec::new();
    let mut body_parser = BodyParser {
        homonyms: &mut homonyms,
        known: &known,
        named: &named,
        roles: &roles,
        labels: &labels,
        appointments: &appointments,
        plain_labels: &plain_labels,
        captions: &captions,
        certain: &certain,
        transcript: &mut transcript,
        sightings: &mut sightings,
        resume: None,
        open: Open::Nothing,
    };
    body_parser.run(body);

    let persons: Vec<(String, Option<u32>)> = transcript
        .footer
        .tags
        .iter()
        .filter(|g| transcript.text(&g.heading) == "Persons")
        .flat_map(|g| &g.items)
        .map(|item| transcript.text(item))
        .filter(|tag| !people::is_more_link(tag))
        .map(|tag| {
            let site_id = markup.and_then(|m| {
                m.persons
                    .iter()
                    .find(|(name, _)| name == tag)
                    .map(|(_, id)| *id)
            });
            let name = titled_tag_name(tag, &named)
                .unwrap_or_else(|| people::footer_name(tag, &known, text));
            (name, site_id)
        })
        .collect();
    for (name, site_id) in persons {
        let slug = people::slug(&name);
        // A label that linked the same site id is that person; a homonym
        // the labels told apart is that person in the tags too.
        let linked = site_id.and_then(|site_id| {
            sightings
                .iter()
                .find(|s| s.site_id == Some(site_id))
                .map(|s| s.id.clone())
        });
        let id = linked.unwrap_or_else(|| {
            homonyms
                .iter()
                .find(|(name, _)| *name == slug)
                .map_or(slug, |(_, id)| id.clone())
        });
        // The tag's id belongs to every turn of that person on the page.
        if let Some(site_id) = site_id {
            for sighting in sightings.iter_mut().filter(|s| s.id == id) {
                sighting.site_id.get_or_insert(site_id);
            }
        }
        transcript.footer.persons.push(id.clone());
        sightings.push(Sighting {
            id,
            name,
            role: None,
            site_id,
        });
    }
    merge_variants(&mut transcript, &mut sightings, text);
    // A page with no date line (174 of the archive's) is dated by its
    // footer's publication date; `date_line` stays empty, which is how
    // the info view tells the two apart.
    if transcript.date.is_none()
        && let Some(published) = &transcript.footer.published
        && let Some(day) = published.get(..10).filter(|d| crate::text::is_iso_date(d))
    {
        transcript.date = Some(day.to_string());
    }
    transcript.shrink_to_fit();
    transcript.repack();
    ParsedPage {
        transcript,
        sightings,
    }
}

/// `Ruling Prince of Monaco Albert II`, `Abdullah II King of Jordan`: a
/// footer tag with a title in it names the person a label of the page
/// names, when the tag holds that name's words in a row (the longest such
/// run wins). A tag without a title is left to [`people::footer_name`].
fn titled_tag_name(tag: &str, named: &KnownNames) -> Option<String> {
    let words: Vec<&str> = tag.split_whitespace().collect();
    if !words.iter().any(|w| people::is_role_word(w)) {
        return None;
    }
    (1..words.len()).rev().find_map(|len| {
        words.windows(len).find_map(|run| {
            let name = run.join(" ");
            (run.iter().all(|w| w.starts_with(char::is_uppercase))
                && named.contains(&people::slug(&name)))
            .then_some(name)
        })
    })
}

/// `Deputy Commander D. Klimenko` and `Dmitry Klimenko` in one page are
/// one person: a name written with initials is the page's only full name
/// with that surname and given names of those initials. So is a name
/// with a slip of the finger (`Vladmir Putin`, [`people::is_misspelling`])
/// beside the page's only full name it misspells, when the page writes
/// that name more often. The labels stay as written; the turns and the
/// sighting go to the full name.
fn merge_variants(transcript: &mut Transcript, sightings: &mut [Sighting], text: &str) {
    // Each name once: a page's sightings repeat a few names many times.
    let mut names: Vec<&str> = sightings.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let full_names: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| people::initials_of(name).is_none())
        .collect();
    let mut renamed: Vec<(PersonId, String)> = Vec::new();
    for name in &names {
        let matches: Vec<&str> = match people::initials_of(name) {
            Some((initials, surname)) => full_names
                .iter()
                .copied()
                .filter(|full| {
                    let words: Vec<&str> = full.split_whitespace().collect();
                    words.len() > initials.len()
                        && words[words.len() - 1] == surname
                        && initials
                            .iter()
                            .zip(&words)
                            .all(|(initial, given)| given.starts_with(*initial))
                })
                .collect(),
            None => full_names
                .iter()
                .copied()
                .filter(|full| {
                    people::is_misspelling(name, full)
                        && text.matches(*full).count() > text.matches(*name).count()
                })
                .collect(),
        };
        if let [full] = matches[..] {
            renamed.push((people::slug(name), full.to_string()));
        }
    }
    for sighting in sightings.iter_mut() {
        if let Some((_, full)) = renamed.iter().find(|(from, _)| *from == sighting.id) {
            sighting.id = people::slug(full);
            sighting.name = full.clone();
        }
    }
    if renamed.is_empty() {
        return;
    }
    for block in &mut transcript.blocks {
        if let Block::Turn(turn) = block
            && let Speaker::Person(id) = &turn.speaker
            && let Some((_, full)) = renamed.iter().find(|(from, _)| from == id)
        {
            turn.speaker = Speaker::Person(people::slug(full));
        }
    }
}

/// Reads the header; returns the index of the first body line.
fn parse_header(source: &[SourceLine], transcript: &mut Transcript) -> usize {
    let mut i = 0;
    let Some(first) = source.first() else {
        return 0;
    };
    // The site's section link (`Events`) is one word over the title.
    if first.text.chars().all(char::is_alphabetic) && source.len() > 1 {
        transcript.section = Some(first.to_line(transcript));
        i += 1;
    }
    let Some(title) = source.get(i) else {
        return i;
    };
    transcript.title = Some(title.to_line(transcript));
    i += 1;
    // Lead paragraphs run up to the date line; without a date line within
    // reach there is no header beyond the title.
    const MAX_LEAD_LINES: usize = 12;
    let date_at = source[i..]
        .iter()
        .take(MAX_LEAD_LINES + 1)
        .position(|l| lines::parse_date(l.text).is_some());
    let Some(date_at) = date_at.map(|d| d + i) else {
        return i;
    };
    transcript.lead = source[i..date_at]
        .iter()
        .map(|l| l.to_line(transcript))
        .collect();
    transcript.date = lines::parse_date(source[date_at].text);
    transcript.date_line = Some(source[date_at].to_line(transcript));
    i = date_at + 1;
    if let Some(time) = source.get(i).filter(|l| lines::is_time(l.text)) {
        transcript.time = Some(time.to_line(transcript));
        i += 1;
    }
    let header = header_text(transcript);
    let next_is_label = |i: usize| {
        source.get(i).is_some_and(|l| {
            find_label(l.text, source.get(i + 1).map(|n| n.text))
                .is_some_and(|found| !label::echoes_header(&found, &header))
        })
    };
    if let Some(place) = source.get(i).filter(|l| lines::is_place(l.text))
        && !lines::is_strong_heading(place.text)
        && !next_is_label(i)
    {
        transcript.place = Some(place.to_line(transcript));
        i += 1;
    }
    while let (Some(counter), Some(caption)) = (source.get(i), source.get(i + 1)) {
        let credited = lines::is_credited_caption(caption.text);
        if !lines::is_photo_counter(counter.text) || next_is_label(i + 1) && !credited {
            break;
        }
        let caption = Caption {
            counter: Some(counter.to_line(transcript)),
            text: caption.to_line(transcript),
        };
        transcript.captions.push(caption);
        i += 2;
    }
    i
}

/// Reads the footer from the end of `body`; returns where it starts.
fn parse_footer(body: &[SourceLine], transcript: &mut Transcript) -> usize {
    let mut end = body.len();
    let last = |end: usize| end.checked_sub(1).map(|i| (i, body[i]));
    if let Some((i, l)) = last(end)
        && l.text == "Text version"
    {
        transcript.footer.text_version = Some(l.to_line(transcript));
        end = i;
    }
    if let Some((i, l)) = last(end)
        && let Some(value) = l.text.strip_prefix("Publication date:")
    {
        transcript.footer.published = parse_publication_date(trim(value));
        transcript.footer.published_line = Some(l.to_line(transcript));
        end = i;
    }
    // A copy that keeps the site's no-break spaces writes `Published
    // in\u{a0}sections:`.
    if let Some((i, l)) = last(end)
        && let Some(value) = sections_prefix(l.text)
    {
        transcript.footer.sections = value
            .split(',')
            .map(trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        transcript.footer.sections_line = Some(l.to_line(transcript));
        end = i;
    }
    if let Some((i, l)) = last(end)
        && l.text == "Publication status"
    {
        transcript.footer.status = Some(l.to_line(transcript));
        end = i;
    }
    // Tag columns: a heading and its items, repeated; scanning back, the
    // topmost heading reached through item-like lines starts the footer.
    let mut start = end;
    for i in (0..end).rev() {
        let text = body[i].text;
        if lines::is_tag_heading(text) {
            start = i;
        } else if !is_tag_item(text) {
            break;
        }
    }
    let mut groups: Vec<TagGroup> = Vec::new();
    for l in &body[start..end] {
        match groups.last_mut() {
            Some(group) if !lines::is_tag_heading(l.text) => {
                group.items.push(l.to_line(transcript))
            }
            _ => groups.push(TagGroup {
                heading: l.to_line(transcript),
                items: Vec::new(),
            }),
        }
    }
    transcript.footer.tags = groups;
    start
}

/// The sections a `Published in sections:` line lists; a copy that
/// keeps the site's no-break spaces writes `Published in\u{a0}sections:`.
fn sections_prefix(text: &str) -> Option<&str> {
    if !text.starts_with("Published") {
        return None;
    }
    let spaced = text.replace('\u{a0}', " ");
    let listed =
        spaced.starts_with("Published in sections:") || spaced.starts_with("Published in section:");
    let colon = text.find(':')?;
    listed.then(|| &text[colon + 1..])
}

fn is_tag_item(text: &str) -> bool {
    text.chars().count() <= 100 && !text.ends_with(['.', '!', '?', ':']) && !text.contains(": ")
}

/// `August 19, 2022, 16:15` as `2022-08-19T16:15`.
fn parse_publication_date(value: &str) -> Option<String> {
    let (date, time) = value.rsplit_once(',')?;
    let date = lines::parse_date(trim(date))?;
    let time = trim(time);
    if !lines::is_time(time) {
        return Some(date);
    }
    let (h, m) = time.split_once(':')?;
    Some(format!("{date}T{:0>2}:{m}", h))
}

/// Unlabels the colons that belong to the name of an exhibition, an album
/// or a conference rather than to a speaker: a colon the title or lead
/// writes too ([`label::echoes_header`]), and the page's only label when
/// it could not speak alone ([`label::speaks_alone`]). `footer` holds the
/// footer's persons.
fn drop_names_of_works(
    labels: &mut [Option<label::LabelMatch>],
    transcript: &Transcript,
    footer: &KnownNames,
) {
    let header = header_text(transcript);
    for found in labels.iter_mut() {
        if found
            .as_ref()
            .is_some_and(|f| label::echoes_header(f, &header))
        {
            *found = None;
        }
    }
    let mut speakers = labels
        .iter_mut()
        .filter(|f| f.as_ref().is_some_and(|f| people::voice(f.label).is_none()));
    if let (Some(only), None) = (speakers.next(), speakers.next())
        && only
            .as_ref()
            .is_some_and(|f| !label::speaks_alone(f.label, footer))
    {
        *only = None;
    }
}

/// The title and lead, in lower case, for [`label::echoes_header`].
fn header_text(transcript: &Transcript) -> String {
    transcript
        .title
        .iter()
        .chain(&transcript.lead)
        .map(|line| transcript.text(line).to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The labels a page uses for plain speech (not before a quotation).
/// Those with no role in them are names the page knows; they let
/// `President of Turkey Recep Tayyip Erdogan` be split at the right word.
fn collect_labels<'a>(
    labels: &[Option<label::LabelMatch<'a>>],
    appointments: &[bool],
    known: &mut KnownNames,
) -> FxHashSet<&'a str> {
    let mut plain = FxHashSet::default();
    for (found, appointment) in labels.iter().zip(appointments) {
        let Some(found) = found else {
            continue;
        };
        if label::opens_doubtfully(found.text) || *appointment {
            continue;
        }
        plain.insert(found.label);
        if people::voice(found.label).is_none() && people::looks_like_bare_name(found.label) {
            known.insert(found.label);
        }
    }
    plain
}

/// Whether line `i` belongs to a run of `Role: Name.` lines.
fn is_appointment_at(labels: &[Option<label::LabelMatch>], i: usize) -> bool {
    let shape = |j: usize| {
        labels
            .get(j)
            .and_then(Option::as_ref)
            .is_some_and(|found| label::is_appointment(found.label, found.text))
    };
    shape(i) && (i.checked_sub(1).is_some_and(shape) || shape(i + 1))
}

/// What unlabelled text joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Turn(usize),
    Narration(usize),
}

/// The speaker to resume after an interruption inside a turn.
#[derive(Debug, Clone)]
struct Resume {
    speaker: Speaker,
    label: String,
    role: Option<String>,
}

struct BodyParser<'a, 't> {
    known: &'a KnownNames,
    /// The names of every label of the page, and the footer's persons.
    named: &'a KnownNames,
    /// Every label's role and name, as [`people::split_role`] gives them.
    roles: &'a FxHashMap<&'a str, (Option<String>, String)>,
    labels: &'a [Option<label::LabelMatch<'a>>],
    appointments: &'a [bool],
    plain_labels: &'a FxHashSet<&'a str>,
    captions: &'a InlineCaptions,
    /// What the markup of a saved page settles, by body line (empty for text).
    certain: &'a [Certain],
    transcript: &'t mut Transcript,
    sightings: &'t mut Vec<Sighting>,
    /// Names this page's labels gave to a homonym (by role): its other
    /// turns and tags under the same name are that person too.
    homonyms: &'t mut Vec<(PersonId, PersonId)>,
    resume: Option<Resume>,
    open: Open,
}

impl<'a> BodyParser<'a, '_> {
    fn run(&mut self, body: &[SourceLine]) {
        let mut i = 0;
        while i < body.len() {
            i = self.line(body, i);
        }
    }

    /// Handles the line at `i`; returns the index of the next unread line.
    fn line(&mut self, body: &[SourceLine], i: usize) -> usize {
        let l = body[i];
        let next = body.get(i + 1);
        let certain = self.certain.get(i).copied().unwrap_or_default();
        if certain == Certain::Caption {
            let text = l.to_line(self.transcript);
            self.transcript.captions.push(Caption {
                counter: None,
                text,
            });
        } else if let (Certain::Label { site_id }, Some(found)) = (certain, self.labels[i].as_ref())
        {
            self.start_turn(l.no, found.label, found.remark, site_id);
            if !found.text.is_empty() {
                let line = self.transcript.add_line(l.no, found.text);
                self.paragraph(line);
            }
        } else if lines::is_separator(l.text) {
            let line = l.to_line(self.transcript);
            self.close(Block::Separator(line), false);
        } else if lines::is_elision(l.text) {
            let line = l.to_line(self.transcript);
            self.interrupt(Block::Elision(line));
        } else if lines::is_stage_direction(l.text) {
            let line = l.to_line(self.transcript);
            self.interrupt(Block::StageDirection(line));
        } else if lines::is_pull_quote(l.text) {
            let line = l.to_line(self.transcript);
            self.interrupt(Block::PullQuote(line));
        } else if lines::is_see_also_heading(l.text) && next.is_some() {
            return self.see_also(body, i);
        } else if lines::is_credited_caption(l.text) {
            // A photo between paragraphs does not interrupt the speaker.
            let text = l.to_line(self.transcript);
            self.transcript.captions.push(Caption {
                counter: None,
                text,
            });
        } else if let Some(found) = self.label_at(i) {
            let colon_line = next.filter(|n| !l.text.contains(':') && n.text.starts_with(':'));
            self.start_turn(l.no, found.label, found.remark, None);
            let text = match colon_line {
                Some(n) => Some((n.no, trim(&n.text[1..]))),
                None => Some((l.no, found.text)),
            };
            if let Some((no, text)) = text.filter(|(_, t)| !t.is_empty()) {
                let line = self.transcript.add_line(no, text);
                self.paragraph(line);
            }
            return i + 1 + usize::from(colon_line.is_some());
        } else if self.captions.contains(l.text) || self.is_single_caption(body, i) {
            // A photo between paragraphs does not interrupt the speaker.
            let text = l.to_line(self.transcript);
            self.transcript.captions.push(Caption {
                counter: None,
                text,
            });
        } else if self.is_heading_here(l.text, i) {
            let line = l.to_line(self.transcript);
            self.close(Block::Heading(line), false);
        } else {
            let line = l.to_line(self.transcript);
            self.paragraph(line);
        }
        i + 1
    }

    /// A caption met once between paragraphs: a scene (`At a meeting with
    /// Rosneft CEO and Chairman of the Management Board Igor Sechin.`,
    /// [`is_scene_caption`]) or who is in the photo (`NBC anchor Megyn
    /// Kelly.`, [`names_only`]), someone the page names, when the lines
    /// around it are not names too: a list of names read out (`Deputy
    /// Prime Minister Olga Golodets.`, one of the Government's in
    /// 2018-05-18_57492) is speech.
    fn is_single_caption(&self, body: &[SourceLine], i: usize) -> bool {
        // Between a speaker's paragraphs only (or where a turn would be
        // taken up again): narration that opens as a caption does
        // (`During the talks, ...`) stays narration.
        let in_turn = match self.open {
            Open::Turn(_) => true,
            Open::Nothing => self.resume.is_some(),
            Open::Narration(_) => false,
        };
        let text = body[i].text;
        // Cheap first: most paragraphs are longer than any caption.
        if !in_turn || !may_be_caption(text) {
            return false;
        }
        if is_scene_caption(text) {
            return true;
        }
        let names = |at: Option<usize>| {
            at.and_then(|at| body.get(at))
                .is_some_and(|l| names_only(l.text))
        };
        // Who and where is a caption; who alone, only of someone the page
        // names, and not in a list of names.
        names_who(text).is_some_and(|(who, scene)| {
            let (_, name) = people::split_role(&who, self.known);
            let id = people::slug(&name);
            scene
                || (self.known.contains(&id) || self.named.contains(&id))
                    && !names(i.checked_sub(1))
                    && !names(Some(i + 1))
        })
    }

    /// The label opening `text`, unless it only introduces a quotation
    /// (see [`label::opens_doubtfully`]).
    fn label_at(&self, i: usize) -> Option<&'a label::LabelMatch<'a>> {
        let found = self.labels.get(i)?.as_ref()?;
        if matches!(self.certain.get(i), Some(Certain::Label { .. })) {
            return Some(found);
        }
        let voice = people::voice(found.label).is_some();
        let doubtful = label::opens_doubtfully(found.text)
            && !voice
            && !self.plain_labels.contains(found.label);
        // A speaker's rhetorical `Question: ...?` is their own words.
        if voice && label::is_asked_and_answered(found.text) {
            return None;
        }
        (!doubtful && !self.appointments[i]).then_some(found)
    }

    /// A heading between turns; inside a turn only an unmistakable one,
    /// since a short unpunctuated line there is more often speech.
    fn is_heading_here(&self, text: &str, i: usize) -> bool {
        if lines::is_strong_heading(text) {
            return true;
        }
        let between_turns = !matches!(self.open, Open::Turn(_));
        let before_label = self.label_at(i + 1).is_some();
        lines::looks_like_heading(text)
            && (between_turns || before_label)
            && text.split_whitespace().count() >= 2
    }

    /// A "See also" or "Additional" box: its heading, then its links. The
    /// first link is the line under the heading (with its date, if one
    /// follows); the box goes on while a line is followed by a date, since
    /// speech never has a bare date line, and a page may link to several
    /// items (2017-12-11_56357 links two, then an `Additional` one).
    fn see_also(&mut self, body: &[SourceLine], i: usize) -> usize {
        let is_date = |at: usize| {
            body.get(at)
                .is_some_and(|l| lines::parse_date(l.text).is_some())
        };
        let heading = body[i].to_line(self.transcript);
        let mut links = Vec::new();
        let mut at = i + 1;
        while at < body.len() && (links.is_empty() || (!is_date(at) && is_date(at + 1))) {
            if !links.is_empty() && lines::is_see_also_heading(body[at].text) {
                break;
            }
            let title = body[at].to_line(self.transcript);
            let date = is_date(at + 1).then(|| body[at + 1].to_line(self.transcript));
            at += 1 + usize::from(date.is_some());
            links.push(Link { title, date });
        }
        self.transcript.see_also.push(SeeAlso { heading, links });
        at
    }

    fn start_turn(
        &mut self,
        line: LineNo,
        label: &str,
        remark: Option<&str>,
        site_id: Option<u32>,
    ) {
        let (speaker, role) = match people::voice(label) {
            Some(voice) => (Speaker::Voice(voice), None),
            None => {
                let (role, name) = match self.roles.get(label) {
                    Some(split) => split.clone(),
                    None => people::split_role(label, self.known),
                };
                let slug = people::slug(&name);
                // The site's person id decides who is who: a label that
                // links the person another label linked is that person.
                let linked = site_id.and_then(|site_id| {
                    self.sightings
                        .iter()
                        .find(|s| s.site_id == Some(site_id))
                        .map(|s| s.id.clone())
                });
                let id = match role.as_deref().and_then(|r| people::homonym(&slug, r)) {
                    _ if linked.is_some() => linked.unwrap_or_default(),
                    Some(other) => {
                        self.homonyms.push((slug, other.to_string()));
                        other.to_string()
                    }
                    None => self
                        .homonyms
                        .iter()
                        .find(|(name, _)| *name == slug)
                        .map_or(slug, |(_, id)| id.clone()),
                };
                self.sightings.push(Sighting {
                    id: id.clone(),
                    name,
                    role: role.clone(),
                    site_id,
                });
                (Speaker::Person(id), role)
            }
        };
        self.resume = Some(Resume {
            speaker: speaker.clone(),
            label: label.to_string(),
            role: role.clone(),
        });
        self.transcript.blocks.push(Block::Turn(Box::new(Turn {
            speaker,
            label: label.to_string(),
            role,
            remark: remark.map(String::from),
            label_line: line,
            continued: false,
            paragraphs: Vec::new(),
        })));
        self.open = Open::Turn(self.transcript.blocks.len() - 1);
    }

    fn paragraph(&mut self, line: Line) {
        let blocks = &mut self.transcript.blocks;
        match self.open {
            Open::Turn(at) => {
                if let Some(Block::Turn(turn)) = blocks.get_mut(at) {
                    turn.paragraphs.push(line);
                }
            }
            Open::Narration(at) => {
                if let Some(Block::Narration { paragraphs }) = blocks.get_mut(at) {
                    paragraphs.push(line);
                }
            }
            Open::Nothing => match &self.resume {
                Some(resume) => {
                    blocks.push(Block::Turn(Box::new(Turn {
                        speaker: resume.speaker.clone(),
                        label: resume.label.clone(),
                        role: resume.role.clone(),
                        remark: None,
                        label_line: 0,
                        continued: true,
                        paragraphs: vec![line],
                    })));
                    self.open = Open::Turn(blocks.len() - 1);
                }
                None => {
                    blocks.push(Block::Narration {
                        paragraphs: vec![line],
                    });
                    self.open = Open::Narration(blocks.len() - 1);
                }
            },
        }
    }

    /// A block that interrupts a turn without ending who speaks.
    fn interrupt(&mut self, block: Block) {
        self.close(block, true);
    }

    fn close(&mut self, block: Block, keep_speaker: bool) {
        if !keep_speaker {
            self.resume = None;
        }
        self.transcript.blocks.push(block);
        self.open = Open::Nothing;
    }
}
