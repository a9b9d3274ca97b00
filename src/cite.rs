//! Quotes with their source: the exact text of one or more paragraphs,
//! then who said it, where and when, and the page's URL. The formats are
//! data (their names are the config's and the command line's), so a user
//! picks one by name.

use serde::{Deserialize, Serialize};

use crate::model::{Corpus, HEADER, Speaker, Transcript};
use crate::text::safe;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// “Text” — Speaker, Role, Event, Place, 19 August 2022, URL
    #[default]
    Plain,
    /// A block quote, the event's title linked to its page.
    Markdown,
    /// “Text” — Speaker, 19 August 2022
    Short,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Plain, Format::Markdown, Format::Short];

    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::Markdown => "markdown",
            Format::Short => "short",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The next format, for a key that cycles them.
    pub fn next(self) -> Format {
        let at = Format::ALL.iter().position(|f| *f == self).unwrap_or(0);
        Format::ALL[(at + 1) % Format::ALL.len()]
    }
}

/// A paragraph of a transcript: its block (or [`HEADER`]) and its place
/// in the block, as search gives them.
pub type Place = (u32, u32);

/// What was copied, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub text: String,
    /// Who said it (or the event's title for narration), and when.
    pub who: String,
    pub when: Option<String>,
}

/// The quote of `places` (consecutive paragraphs of one transcript) with
/// its citation. Paragraphs of speakers other than the first one's are
/// left out, each run of them as `[…]`.
pub fn cite(corpus: &Corpus, t: &Transcript, places: &[Place], format: Format) -> Option<Cited> {
    let first = *places.first()?;
    let speaker = speaker_at(t, first);
    let mut parts: Vec<String> = Vec::new();
    let mut skipped = false;
    for place in places {
        if speaker_at(t, *place) != speaker {
            if !skipped {
                parts.push("[…]".into());
            }
            skipped = true;
            continue;
        }
        skipped = false;
        if let Some(line) = t.searchable_at(place.0, place.1) {
            parts.push(safe(t.text(line)).into_owned());
        }
    }
    let role = speaker.and_then(|s| role_of(corpus, t, first.0, s));
    let name = speaker.map(|s| corpus.speaker_name(s).to_string());
    // A timed transcript's place in the recording: `00:00:12`.
    let at = t
        .searchable_at(first.0, first.1)
        .and_then(|line| t.timing_of(line.line))
        .map(|timing| timing.clock());
    let when = t.date.as_deref().map(long_date).or(at.clone());
    let at = at.filter(|_| t.date.is_some());
    let title = safe(t.title_text()).into_owned();
    let place = t.place.as_ref().map(|l| safe(t.text(l)).into_owned());
    let url = t.url().map(|u| u.into_owned());
    let text = match format {
        Format::Plain => {
            let source: Vec<String> = [
                name.clone(),
                role,
                Some(title.clone()),
                place,
                when.clone(),
                at.clone(),
                url,
            ]
            .into_iter()
            .flatten()
            .collect();
            format!("“{}” — {}", parts.join("\n\n"), source.join(", "))
        }
        Format::Markdown => {
            let linked = match &url {
                Some(url) => format!("[{title}]({url})"),
                None => title.clone(),
            };
            let source: Vec<String> = [
                name.clone(),
                role,
                Some(linked),
                place,
                when.clone(),
                at.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            let body: Vec<String> = parts.iter().map(|p| format!("> {p}")).collect();
            format!("{}\n>\n> — {}", body.join("\n>\n"), source.join(", "))
        }
        Format::Short => {
            // A namesake's role says which of the two spoke.
            let namesake = match speaker {
                Some(Speaker::Person(id)) if corpus.has_namesake(id) => role,
                _ => None,
            };
            let source: Vec<String> = [
                name.clone().or(Some(title.clone())),
                namesake,
                when.clone(),
                at.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            format!("“{}” — {}", parts.join("\n\n"), source.join(", "))
        }
    };
    Some(Cited {
        text,
        who: name.unwrap_or(title),
        when: t.date.as_deref().map(short_date),
    })
}

fn speaker_at(t: &Transcript, (block, _): Place) -> Option<&Speaker> {
    if block == HEADER {
        return None;
    }
    t.blocks
        .get(block as usize)?
        .as_turn()
        .map(|turn| &turn.speaker)
}

/// The role the turn's label gives, else the one the corpus knows.
fn role_of(corpus: &Corpus, t: &Transcript, block: u32, speaker: &Speaker) -> Option<String> {
    let turn = t.blocks.get(block as usize).and_then(|b| b.as_turn());
    let role = match turn {
        Some(turn) => corpus.turn_role(turn),
        None => corpus
            .person(speaker.person_id()?)
            .and_then(|p| p.role.as_deref()),
    };
    role.map(|role| safe(role).into_owned())
}

/// `2022-08-19` as `19 August 2022`.
pub fn long_date(iso: &str) -> String {
    date_with(iso, |m| m).unwrap_or_else(|| iso.to_string())
}

/// `2022-08-19` as `19 Aug 2022`.
pub fn short_date(iso: &str) -> String {
    date_with(iso, |m| &m[..3]).unwrap_or_else(|| iso.to_string())
}

fn date_with(iso: &str, month: impl Fn(&'static str) -> &'static str) -> Option<String> {
    let mut parts = iso.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let name = crate::parse::lines::MONTHS.get(m.parse::<usize>().ok()?.checked_sub(1)?)?;
    let day: u32 = d.parse().ok()?;
    Some(format!("{day} {} {y}", month(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Corpus {
        let mut corpus = crate::corpus::bundled::corpus();
        corpus.transcripts[0].url = Some("http://en.kremlin.ru/events/president/news/69166".into());
        corpus
    }

    /// The place of the first paragraph that starts with `text`.
    fn place_of(t: &Transcript, text: &str) -> Place {
        t.searchable()
            .find(|p| t.text(p.line).starts_with(text))
            .map(|p| (p.block, p.paragraph))
            .unwrap()
    }

    #[test]
    fn a_paragraph_cites_its_speaker_event_place_date_and_url() {
        let corpus = seed();
        let t = &corpus.transcripts[0];
        let at = place_of(t, "Mr Tokayev, I am very happy");
        let cited = cite(&corpus, t, &[at], Format::Plain).unwrap();
        assert!(
            cited
                .text
                .starts_with("“Mr Tokayev, I am very happy to see you."),
            "{}",
            cited.text
        );
        assert!(
            cited.text.ends_with(
                "” — Vladimir Putin, President of Russia, Meeting with President of Kazakhstan Kassym-Jomart Tokayev, Sochi, 19 August 2022, http://en.kremlin.ru/events/president/news/69166"
            ),
            "{}",
            cited.text
        );
        assert_eq!(cited.who, "Vladimir Putin");
        assert_eq!(cited.when.as_deref(), Some("19 Aug 2022"));
        let short = cite(&corpus, t, &[at], Format::Short).unwrap();
        assert!(
            short.text.ends_with("” — Vladimir Putin, 19 August 2022"),
            "{}",
            short.text
        );
        // With a namesake in the corpus, the short citation says which.
        let mut two = corpus.clone();
        two.people.push(crate::model::Person {
            id: "vladimir-putin-2".into(),
            name: "Vladimir Putin".into(),
            role: Some("Namesake".into()),
            aliases: Vec::new(),
            site_id: None,
        });
        let short = cite(&two, &two.transcripts[0], &[at], Format::Short).unwrap();
        assert!(
            short
                .text
                .ends_with("” — Vladimir Putin, President of Russia, 19 August 2022"),
            "{}",
            short.text
        );
        let markdown = cite(&corpus, t, &[at], Format::Markdown).unwrap();
        assert!(
            markdown.text.starts_with("> Mr Tokayev, I am very happy"),
            "{}",
            markdown.text
        );
        assert!(
            markdown.text.ends_with("> — Vladimir Putin, President of Russia, [Meeting with President of Kazakhstan Kassym-Jomart Tokayev](http://en.kremlin.ru/events/president/news/69166), Sochi, 19 August 2022"),
            "{}",
            markdown.text
        );
    }

    #[test]
    fn other_speakers_in_a_selection_are_left_out_as_one_mark() {
        let corpus = crate::corpus::bundled::corpus();
        let t = &corpus.transcripts[0];
        let places: Vec<Place> = t
            .searchable()
            .filter(|p| p.block != HEADER)
            .map(|p| (p.block, p.paragraph))
            .collect();
        let cited = cite(&corpus, t, &places, Format::Plain).unwrap();
        let quote = cited.text.split("” — ").next().unwrap();
        assert_eq!(quote.matches("[…]").count(), 2, "{quote}");
        assert!(
            !quote.contains("Thank you, Mr President"),
            "Tokayev's words are left out"
        );
        // No URL is known for the bundled page: none is made up.
        assert!(
            cited.text.ends_with("Sochi, 19 August 2022"),
            "{}",
            cited.text
        );
    }
}
