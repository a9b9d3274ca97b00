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
/// its citation. Paragraphs of one speaker are their quote; a selection
/// over several is an exchange, each turn under its speaker's name, with
/// one citation of the event. Narration is the event's own text, never
/// put in quotation marks as if someone said it.
pub fn cite(corpus: &Corpus, t: &Transcript, places: &[Place], format: Format) -> Option<Cited> {
    let first = *places.first()?;
    let runs = runs(t, places);
    if runs.len() > 1 {
        return Some(exchange(corpus, t, first, &runs, format));
    }
    let (speaker, _, parts) = runs.into_iter().next()?;
    let role = speaker.and_then(|s| role_of(corpus, t, first.0, s));
    let name = speaker.map(|s| corpus.speaker_name(s).to_string());
    let source = Source::of(t, first);
    let quoted = |parts: &[String]| match speaker {
        Some(_) => format!("“{}”", parts.join("\n\n")),
        None => parts.join("\n\n"),
    };
    let who: Vec<String> = [name.clone(), role].into_iter().flatten().collect();
    let text = match format {
        Format::Plain => format!(
            "{} — {}",
            quoted(&parts),
            [who, source.event(format)].concat().join(", ")
        ),
        Format::Markdown => {
            let body: Vec<String> = parts.iter().map(|p| format!("> {p}")).collect();
            format!(
                "{}\n>\n> — {}",
                body.join("\n>\n"),
                [who, source.event(format)].concat().join(", ")
            )
        }
        Format::Short => {
            let cited: Vec<String> = [
                name.clone().or(Some(source.title.clone())),
                namesake_role(corpus, t, first.0, speaker),
                source.when.clone(),
                source.at.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            format!("{} — {}", quoted(&parts), cited.join(", "))
        }
    };
    Some(Cited {
        text,
        who: name.unwrap_or(source.title),
        when: t.date.as_deref().map(short_date),
    })
}

/// Where a quote is from: the event, and when in it.
struct Source {
    title: String,
    place: Option<String>,
    /// The date, or a recording's clock where the transcript has no date.
    when: Option<String>,
    /// The clock beside a date.
    at: Option<String>,
    url: Option<String>,
}

impl Source {
    fn of(t: &Transcript, first: Place) -> Source {
        // A timed transcript's place in the recording: `00:00:12`.
        let at = t
            .searchable_at(first.0, first.1)
            .and_then(|line| t.timing_of(line.line))
            .map(|timing| timing.clock());
        Source {
            title: safe(t.title_text()).into_owned(),
            place: t.place.as_ref().map(|l| safe(t.text(l)).into_owned()),
            when: t.date.as_deref().map(long_date).or(at.clone()),
            at: at.filter(|_| t.date.is_some()),
            url: t.url().map(|u| u.into_owned()),
        }
    }

    /// The event, its place, date and time in the recording: and its URL
    /// in plain text, where Markdown links the title instead.
    fn event(&self, format: Format) -> Vec<String> {
        let (title, url) = match (format, &self.url) {
            (Format::Markdown, Some(url)) => (format!("[{}]({url})", self.title), None),
            _ => (self.title.clone(), self.url.clone()),
        };
        [
            Some(title),
            self.place.clone(),
            self.when.clone(),
            self.at.clone(),
            url,
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// What the short format gives: the date (the event where there is
    /// none) and the time in the recording.
    fn short(&self) -> Vec<String> {
        [
            self.when.clone().or(Some(self.title.clone())),
            self.at.clone(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// A run of one speaker's paragraphs (or of narration): the speaker, the
/// run's first block and the paragraphs' text.
type Run<'t> = (Option<&'t Speaker>, u32, Vec<String>);

/// The paragraphs of `places` as runs of one speaker (or of narration).
fn runs<'t>(t: &'t Transcript, places: &[Place]) -> Vec<Run<'t>> {
    let mut runs: Vec<Run> = Vec::new();
    for &place in places {
        let Some(line) = t.searchable_at(place.0, place.1) else {
            continue;
        };
        let text = safe(t.text(line)).into_owned();
        let speaker = speaker_at(t, place);
        match runs.last_mut() {
            Some((last, _, parts)) if *last == speaker => parts.push(text),
            _ => runs.push((speaker, place.0, vec![text])),
        }
    }
    runs
}

/// A person's role where a namesake in the corpus makes the name alone
/// ambiguous.
fn namesake_role(
    corpus: &Corpus,
    t: &Transcript,
    block: u32,
    speaker: Option<&Speaker>,
) -> Option<String> {
    match speaker {
        Some(s @ Speaker::Person(id)) if corpus.has_namesake(id) => role_of(corpus, t, block, s),
        _ => None,
    }
}

/// Several speakers' turns: each under its speaker's name, narration as
/// it stands, then one citation of the event.
fn exchange(corpus: &Corpus, t: &Transcript, first: Place, runs: &[Run], format: Format) -> Cited {
    let source = Source::of(t, first);
    let mut names: Vec<String> = Vec::new();
    let mut turns: Vec<String> = Vec::new();
    for (speaker, block, parts) in runs {
        let label = speaker.map(|s| {
            let name = corpus.speaker_name(s).to_string();
            if !names.contains(&name) {
                names.push(name.clone());
            }
            match namesake_role(corpus, t, *block, Some(s)) {
                Some(role) => format!("{name}, {role}"),
                None => name,
            }
        });
        turns.push(match (format, label) {
            (Format::Markdown, Some(label)) => {
                format!("> **{label}:** {}", parts.join("\n>\n> "))
            }
            (Format::Markdown, None) => format!("> {}", parts.join("\n>\n> ")),
            (_, Some(label)) => format!("{label}: “{}”", parts.join("\n\n")),
            (_, None) => parts.join("\n\n"),
        });
    }
    let text = match format {
        Format::Plain => format!(
            "{}\n\n— {}",
            turns.join("\n\n"),
            source.event(format).join(", ")
        ),
        Format::Markdown => format!(
            "{}\n>\n> — {}",
            turns.join("\n>\n"),
            source.event(format).join(", ")
        ),
        Format::Short => format!("{}\n\n— {}", turns.join("\n\n"), source.short().join(", ")),
    };
    let who = match names.as_slice() {
        [] => source.title.clone(),
        [one] => one.clone(),
        [one, two] => format!("{one} and {two}"),
        [one, rest @ ..] => format!("{one} and {} others", rest.len()),
    };
    Cited {
        text,
        who,
        when: t.date.as_deref().map(short_date),
    }
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
    fn a_selection_over_two_speakers_is_an_exchange_cited_once() {
        let corpus = seed();
        let t = &corpus.transcripts[0];
        let places: Vec<Place> = t
            .searchable()
            .filter(|p| p.block != HEADER)
            .map(|p| (p.block, p.paragraph))
            .collect();
        let said = |text: &str| {
            let at = place_of(t, text);
            t.text(t.searchable_at(at.0, at.1).unwrap()).to_string()
        };
        let cited = cite(&corpus, t, &places[4..7], Format::Plain).unwrap();
        let putin = said("I am very glad that our meeting");
        let tokayev = said("Thank you, Mr President, first");
        assert!(
            cited.text.starts_with("Vladimir Putin: “"),
            "{}",
            cited.text
        );
        assert!(
            cited
                .text
                .contains(&format!("{putin}”\n\nKassym-Jomart Tokayev: “{tokayev}")),
            "{}",
            cited.text
        );
        assert!(
            cited.text.ends_with("”\n\n— Meeting with President of Kazakhstan Kassym-Jomart Tokayev, Sochi, 19 August 2022, http://en.kremlin.ru/events/president/news/69166"),
            "{}",
            cited.text
        );
        assert!(!cited.text.contains("[…]"), "no one's words are left out");
        assert_eq!(cited.who, "Vladimir Putin and Kassym-Jomart Tokayev");
        let markdown = cite(&corpus, t, &places[4..7], Format::Markdown).unwrap();
        assert!(
            markdown
                .text
                .contains("> **Kassym-Jomart Tokayev:** Thank you, Mr President"),
            "{}",
            markdown.text
        );
        assert!(
            markdown.text.ends_with("\n>\n> — [Meeting with President of Kazakhstan Kassym-Jomart Tokayev](http://en.kremlin.ru/events/president/news/69166), Sochi, 19 August 2022"),
            "{}",
            markdown.text
        );
        let short = cite(&corpus, t, &places[4..7], Format::Short).unwrap();
        assert!(
            short.text.ends_with("”\n\n— 19 August 2022"),
            "{}",
            short.text
        );
        // Three speakers' turns back and forth: each turn its own, in order.
        let all = cite(&corpus, t, &places, Format::Plain).unwrap();
        assert_eq!(
            all.text.matches("Vladimir Putin: “").count(),
            2,
            "{}",
            all.text
        );
    }

    #[test]
    fn narration_is_the_events_text_not_a_quote() {
        let corpus = seed();
        let t = &corpus.transcripts[0];
        let title = (HEADER, 0);
        for format in Format::ALL {
            let cited = cite(&corpus, t, &[title], format).unwrap();
            assert!(!cited.text.contains('“'), "{format:?}: {}", cited.text);
            assert!(cited.text.contains("Meeting with President of Kazakhstan"));
        }
    }
}
