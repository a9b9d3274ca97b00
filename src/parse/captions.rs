//! Photo captions among the paragraphs: the sure ones a page repeats,
//! and the single ones a speaker's turn cannot hold (a scene, who is in
//! the photo). A caption is a sentence like any other, so each rule says
//! what speech would have that a caption has not.

use rustc_hash::FxHashSet;

use super::{SourceLine, label};
use crate::model::Transcript;
use crate::people;

/// Photo captions set between paragraphs. A caption is a sentence like any
/// other, so only sure cases are taken: the title with a full stop
/// (`Direct Line with Vladimir Putin.`), the header's caption again, or a
/// line that opens like a caption and recurs in the page (`At the Tver
/// Carriage Works.` under several photos).
pub(super) struct InlineCaptions {
    sure: FxHashSet<String>,
}

const CAPTION_OPENINGS: &[&str] = &[
    "At ", "During ", "Before ", "After ", "With ", "Meeting ", "Visit ", "Talks ", "In ",
];

impl InlineCaptions {
    pub(super) fn new(transcript: &Transcript, body: &[SourceLine]) -> Self {
        let mut sure = FxHashSet::default();
        if let Some(title) = &transcript.title {
            let title = transcript.text(title);
            sure.insert(normalise_spaces(&format!("{title}.")).into_owned());
        }
        for caption in &transcript.captions {
            let text = transcript.text(&caption.text);
            if text.ends_with('.') {
                sure.insert(normalise_spaces(text).into_owned());
            }
        }
        // Counted first, judged after: a line met once is no caption, and
        // judging every line's words would cost a pass over the corpus.
        let mut seen: rustc_hash::FxHashMap<&str, usize> = Default::default();
        for l in body.iter().filter(|l| may_be_caption(l.text)) {
            *seen.entry(l.text).or_default() += 1;
        }
        for (text, count) in seen {
            if count >= 2 && looks_like_caption(text) {
                sure.insert(normalise_spaces(text).into_owned());
            }
        }
        InlineCaptions { sure }
    }

    pub(super) fn contains(&self, text: &str) -> bool {
        text.ends_with('.')
            && text.len() <= MAX_CAPTION_BYTES
            && (self.sure.contains(text)
                || text.contains('\u{a0}') && self.sure.contains(normalise_spaces(text).as_ref())
                || is_with_caption(text))
    }
}

const MAX_CAPTION_BYTES: usize = 400;

/// Verbs that make a line a statement, as a moderator's `Olga Pautova has
/// the floor.` (said twice in 2017-06-15_54790): a caption names a scene.
const SAYING: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "must", "do", "does", "did", "say", "says", "said", "ask", "asks", "asked", "let", "please",
];

/// Words of a speaker or the one spoken to.
const PERSONAL: &[&str] = &[
    "i", "i'm", "i’m", "i've", "i’ve", "me", "my", "we", "we're", "we’re", "us", "our", "you",
    "you're", "you’re", "your",
];

/// A short sentence that opens like a photo caption (`At the Tver
/// Carriage Works.`), or that describes without anyone speaking or spoken
/// to and stating nothing (`Press conference following the
/// Russian-Hungarian talks.`, under four photos of 2018-09-18_58586): such
/// a line met twice in a page is a caption, while speech that says the
/// same twice says `I`, `we` or `you`, or states (`... has the floor.`).
/// What a caption's line can be at all, told by its ends alone: a
/// sentence of at most 25 words (see [`looks_like_caption`]) is short.
/// Most speech is longer, so few lines are counted.
pub(super) fn may_be_caption(text: &str) -> bool {
    text.ends_with('.') && text.len() <= MAX_COUNTED_BYTES
}

/// `With Minister for the Development of the Russian Far East and Arctic
/// Alexander Kozlov.` (2020-04-06_63157:32): who else is in the photo, as
/// a label would name them, and nothing else. Speech that names someone
/// says something of them.
fn is_with_caption(text: &str) -> bool {
    text.strip_prefix("With ")
        .and_then(|rest| rest.strip_suffix('.'))
        .is_some_and(|who| {
            text.len() <= MAX_COUNTED_BYTES
                && !who.contains(['.', ':'])
                && label::is_label(who, false)
                && looks_like_caption(text)
        })
}

/// How a caption opens when it says where or when the photo was taken.
const SCENE_OPENINGS: &[&str] = &[
    "At ", "During ", "Before ", "After ", "With ", "Meeting ", "Visit ",
];

/// `At the International Anti-Mine Centre.`, `Before a meeting of the
/// Council for Civil Society and Human Rights.`: a caption's opening, then
/// a scene with a proper name in it, and no one speaking or spoken to
/// (`With a past in the martial arts.`, `At the end of the year, you
/// said...` are speech).
pub(crate) fn is_scene_caption(text: &str) -> bool {
    if !may_be_caption(text)
        || !SCENE_OPENINGS
            .iter()
            .any(|o| text.starts_with(o.trim_end()))
    {
        return false;
    }
    let text = &*normalise_spaces(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    (3..=25).contains(&words.len())
        && SCENE_OPENINGS.iter().any(|o| text.starts_with(o))
        && !SENTENCE_IDIOMS.iter().any(|o| text.starts_with(o))
        && words[1..].iter().any(|w| w.starts_with(char::is_uppercase))
        && !text.contains([':', '?', '!', '“', '"', ';'])
        && !speaks(text)
        && !words
            .windows(2)
            .any(|pair| is_verb_in_a_sentence(pair[0], pair[1]))
}

/// Whether a line has a word of someone speaking or spoken to
/// ([`PERSONAL`]) or of a statement ([`SAYING`]). No allocation: it is
/// asked of many lines.
fn speaks(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let word = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'');
        PERSONAL
            .iter()
            .chain(SAYING)
            .any(|p| p.eq_ignore_ascii_case(word))
    })
}

/// Openings of a sentence, not of a caption: `At the request of the
/// republic’s executives, doctors from Daghestan underwent ...`
/// (2020-06-30_63586:28, the Defence Minister's words).
const SENTENCE_IDIOMS: &[&str] = &[
    "At the request",
    "At the same",
    "At the end",
    "At the beginning",
    "At the moment",
    "At present",
    "At first",
    "At least",
    "At this",
    "At that",
    "During this",
    "During that",
    "After that",
    "After all",
    "Before that",
    "With this",
    "With that",
    "With regard",
    "With respect",
];

/// Verbs of narration that do not end in `-ed`.
const TOLD: &[&str] = &[
    "met", "held", "gave", "took", "made", "spoke", "told", "laid", "sent", "went", "saw", "led",
    "began", "became", "shook", "brought", "paid", "thanked", "noted",
];

/// `During the talks, Mr Putin and Mr Blair discussed ...`: a verb makes
/// a sentence of a caption's opening. `the expanded meeting` is a
/// caption's: after an article, a word in `-ed` describes.
fn is_verb_in_a_sentence(before: &str, word: &str) -> bool {
    let word = word.trim_end_matches([',', '.']);
    let article = ["the", "a", "an"].contains(&before);
    word.chars().all(|c| c.is_ascii_lowercase())
        && !article
        && (word.len() > 4 && word.ends_with("ed") || TOLD.contains(&word))
}

/// `Minister of Industry and Trade Denis Manturov.`: a role and a name, as
/// a caption names who is in the photo, and no word more.
/// So does `Finance Minister Anton Siluanov at the meeting of Council for
/// Strategic Development and Priority Projects.`: who, then where.
pub(crate) fn names_only(text: &str) -> bool {
    names_who(text).is_some()
}

/// The role and name [`names_only`] finds, without the scene after them,
/// and whether a scene follows.
pub(super) fn names_who(text: &str) -> Option<(String, bool)> {
    // A role opens with a capital; most speech fails here or on length.
    if !may_be_caption(text) || !text.starts_with(char::is_uppercase) || speaks(text) {
        return None;
    }
    let text = normalise_spaces(text);
    let whole = text.strip_suffix('.')?;
    let who = [
        " at the ",
        " at a ",
        " during the ",
        " during a ",
        " before the ",
        " after the ",
    ]
    .iter()
    .find_map(|scene| whole.split_once(scene).map(|(who, _)| who))
    .unwrap_or(whole);
    let scene = who.len() < whole.len();
    // `Presidential Aide Andrei Belousov (left) and Governor ...`.
    let who_plain = who.replace(" (left)", "").replace(" (right)", "");
    let who_plain = who_plain.replace(" and ", " ");
    let words: Vec<&str> = who_plain.split_whitespace().collect();
    let addressed = |w: &&str| ["Mr", "Ms", "Mrs", "Good", "Hello", "Dear"].contains(w);
    ((3..=24).contains(&words.len())
        && !who_plain.contains(['.', ',', ':', ';'])
        && !words.iter().any(addressed)
        && words.iter().any(|w| people::is_role_word(w))
        && (label::is_label(&who_plain, false) || scene && who_plain.contains(['(', ')'])))
    .then(|| (who.to_string(), scene))
}

/// 25 words of a caption, long ones among them.
const MAX_COUNTED_BYTES: usize = 300;

fn looks_like_caption(text: &str) -> bool {
    let describes = || {
        let words: Vec<&str> = text.split_whitespace().collect();
        words.len() >= 5
            && !words.iter().any(|w| {
                let word = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'');
                let word = word.to_lowercase();
                PERSONAL.contains(&word.as_str()) || SAYING.contains(&word.as_str())
            })
    };
    text.ends_with('.')
        && text.len() <= MAX_CAPTION_BYTES
        && (CAPTION_OPENINGS.iter().any(|o| text.starts_with(o)) || describes())
        && !text.contains([':', '?', '!', '“', '"'])
        && (3..=25).contains(&text.split_whitespace().count())
}

fn normalise_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\u{a0}', '\t']) || text.contains("  ") {
        text.split_whitespace().collect::<Vec<_>>().join(" ").into()
    } else {
        text.into()
    }
}
