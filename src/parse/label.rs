//! Speaker labels: `President of Russia Vladimir Putin: text`.
//!
//! About 930 corpus lines look like `Something: text` and are not turns, so a
//! label must look like a name, a role and a name, or a generic voice. Each
//! rule below names the trap it keeps out.

use rustc_hash::FxHashMap;

use crate::people;

/// A label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelMatch<'a> {
    /// The label as written, without the colon and the remark.
    pub label: &'a str,
    /// The parenthesised remark after the label: `retranslated`.
    pub remark: Option<&'a str>,
    /// The text after the colon, if any.
    pub text: &'a str,
}

/// Lower-case words that make a would-be label a sentence: `My question:
/// ...`, `You have an important and serious mission: to ...`,
/// `Alexander Repin from the Nizhny Novgorod Region: “The trash ...`.
/// Matched only where written in lower case, so `Theresa May` stays a name.
const SENTENCE_WORDS: &[&str] = &[
    "my",
    "me",
    "we",
    "our",
    "us",
    "you",
    "your",
    "he",
    "his",
    "she",
    "her",
    "it",
    "its",
    "they",
    "their",
    "them",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "have",
    "has",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "may",
    "said",
    "says",
    "say",
    "asked",
    "asks",
    "ask",
    "wrote",
    "writes",
    "write",
    "applies",
    "that",
    "this",
    "these",
    "those",
    "what",
    "which",
    "who",
    "how",
    "why",
    "when",
    "where",
    "if",
    "not",
    "there",
    "here",
    "let",
    "so",
    "but",
    "do",
    "does",
    "did",
    "from",
    "as",
    "with",
    "a",
    "an",
    "same",
    "now",
    "then",
    "example",
    "follows",
    "following",
    "photo",
    "video",
    "note",
    "quote",
    "subject",
    "text",
    "source",
    "translation",
    "awarded",
];

/// Words of [`SENTENCE_WORDS`] that an institution's name or a job has
/// too (`Cooperation with the Russian Federation`, `at a branch of`).
const ROLE_LITTLE_WORDS: &[&str] = &["with", "a", "an", "from"];

/// Capitalised words that open sentences, not labels (`Now, the attack on
/// Huawei: ...`, `The same applies to Britain: ...`).
const SENTENCE_OPENINGS: &[&str] = &[
    "I",
    "My",
    "We",
    "Our",
    "You",
    "Your",
    "It",
    "So",
    "Now",
    "Then",
    "This",
    "That",
    "These",
    "What",
    "How",
    "Why",
    "When",
    "Where",
    "Here",
    "There",
    "If",
    "But",
    "And",
    "As",
    "Let",
    "His",
    "Her",
    "Their",
    "They",
    "He",
    "She",
    "In",
    "On",
    "At",
    "For",
    "To",
    "Of",
    "By",
    "With",
    "Photo",
    "Video",
    "Note",
    "Source",
    "Text",
    "Excerpt",
    "Excerpts",
    "Transcript",
];

/// Role words that a label may start with in lower case
/// (`chairman of Vnesheconombank (VEB) Vladimir Dmitriev`).
const LOWER_CASE_OPENINGS: &[&str] = &[
    "chairman",
    "president",
    "minister",
    "governor",
    "head",
    "director",
    "deputy",
    "acting",
    "chief",
    "member",
    "general",
    "secretary",
    "mayor",
];

/// Whole labels that name a field of a list, not a speaker: the lists of
/// instructions write `Deadline: July 15, 2018` and `Official in charge:
/// Prime Minister Dmitry Medvedev.` under each item (2018-03-16_57078).
const FIELD_NAMES: &[&str] = &[
    "Deadline",
    "Deadlines",
    "Official in charge",
    "Officials in charge",
    "Responsible",
    "Reporting deadline",
];

const MAX_LABEL_BYTES: usize = 400;

/// The label that opens `line`, split from its text. `next_line` lets a
/// label whose colon begins the next line be recognised
/// (`President of Kazakhstan Kassym-Jomart Tokayev` / `: Thank you`).
pub fn find_label<'a>(line: &'a str, next_line: Option<&str>) -> Option<LabelMatch<'a>> {
    label_candidate(line, next_line).filter(|found| is_label(found.label, found.remark.is_some()))
}

/// [`find_label`] over the lines of one page, where a speaker's label
/// comes back at each of their turns: each label is judged once.
#[derive(Default)]
pub struct PageLabels<'a> {
    judged: FxHashMap<(&'a str, bool), bool>,
}

impl<'a> PageLabels<'a> {
    pub fn find(&mut self, line: &'a str, next_line: Option<&str>) -> Option<LabelMatch<'a>> {
        label_candidate(line, next_line).filter(|found| {
            let has_remark = found.remark.is_some();
            *self
                .judged
                .entry((found.label, has_remark))
                .or_insert_with(|| is_label(found.label, has_remark))
        })
    }
}

/// The text before the colon that opens `line`, split from its remark
/// and the text after the colon; not yet judged a label.
fn label_candidate<'a>(line: &'a str, next_line: Option<&str>) -> Option<LabelMatch<'a>> {
    // No label is longer than this; a colon deep in a paragraph is not one.
    let head = &line.as_bytes()[..line.len().min(MAX_LABEL_BYTES + 4)];
    let (candidate, text) = match head.iter().position(|b| *b == b':') {
        Some(colon) => {
            let after = &line[colon + 1..];
            // `10:30`, `http://`: a colon inside a token is not a label's.
            if after.starts_with(|c: char| c.is_ascii_digit() || c == '/') {
                return None;
            }
            (&line[..colon], super::lines::trim(after))
        }
        None if line.len() <= MAX_LABEL_BYTES
            && next_line.is_some_and(|next| {
                // The colon line must carry the speech; a bare `:` is text of its own.
                next.strip_prefix(':')
                    .is_some_and(|rest| !super::lines::trim(rest).is_empty())
            }) =>
        {
            (line, "")
        }
        None => return None,
    };
    let (label, remark) = split_remark(super::lines::trim(candidate));
    Some(LabelMatch {
        label,
        remark,
        text,
    })
}

/// `Vladimir Putin (speaking German)` gives the name and `speaking German`.
pub(crate) fn split_remark(candidate: &str) -> (&str, Option<&str>) {
    if let Some(body) = candidate.strip_suffix(')')
        && let Some(open) = body.rfind('(')
    {
        let label = super::lines::trim(&body[..open]);
        if !label.is_empty() {
            return (label, Some(super::lines::trim(&body[open + 1..])));
        }
    }
    (candidate, None)
}

/// Whether `label` (remark already removed) reads as a speaker label.
pub fn is_label(label: &str, has_remark: bool) -> bool {
    if label.is_empty() || label.chars().count() > 240 {
        return false;
    }
    if people::voice(label).is_some() {
        return true;
    }
    if FIELD_NAMES.contains(&label) {
        return false;
    }
    // Quotations, questions and exclamations belong to sentences.
    if label.contains(['?', '!', '“', '”', '"', '«', '»', ';', '…', '/', '=', '+']) {
        return false;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.len() > 32 {
        return false;
    }
    // `President of the All-Russia Public Organisation Delovaya Rossiya
    // [Business Russia] Alexei Repik`, `Chairman of the National Council for
    // the Coordination of Cooperation with the Russian Federation ...
    // Tomislav Nikolic`: a role that opens with its title and ends with a
    // full name may have a gloss in brackets, and the little words of an
    // institution's name; so may the role after a name and a comma
    // (`Alexander Duimamet, welding engineer at a branch of JSC ...`).
    let role_then_name = people::is_role_word(words[0].trim_end_matches(','))
        && words.len() >= 3
        && words[words.len() - 2..]
            .iter()
            .all(|w| w.starts_with(char::is_uppercase));
    let name_first = label.split_once(',').is_some_and(|(name, _)| {
        name.split_whitespace().count() >= 2 && people::looks_like_bare_name(name)
    });
    let brackets_balanced = label.matches('[').count() == label.matches(']').count();
    if label.contains(['[', ']']) && !(role_then_name && brackets_balanced) {
        return false;
    }
    // `So, my question is`, a sentence cut at a colon: sentence words, and
    // full stops that do not close an initial (`A. Voronin`, `St. Petersburg`).
    let first = words[0];
    if SENTENCE_OPENINGS.contains(&first.trim_end_matches(',')) {
        return false;
    }
    let mut past_comma = false;
    for (i, word) in words.iter().enumerate() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let in_a_role = role_then_name || name_first && past_comma;
        past_comma |= word.contains(',');
        // `with the Russian Federation`, not `Putin with members of ...`.
        let little = ROLE_LITTLE_WORDS.contains(&bare)
            && (bare != "with" || words.get(i + 1).is_some_and(|next| *next == "the"));
        if SENTENCE_WORDS.contains(&bare) && !(in_a_role && little) {
            return false;
        }
        if i > 0 && is_verb_after_subject(words[i - 1], word) {
            return false;
        }
        if let Some(stem) = word.strip_suffix('.')
            && (stem.chars().count() > 3 || !stem.chars().next().is_some_and(char::is_uppercase))
        {
            return false;
        }
    }
    let starts_well = first.chars().next().is_some_and(char::is_uppercase)
        || LOWER_CASE_OPENINGS.contains(&first.to_lowercase().as_str());
    // A name ends the label: its last word has a capital (`al-Assad` too).
    let ends_with_name = words
        .last()
        .is_some_and(|w| w.chars().any(char::is_uppercase));
    // `Konstantin Sivoronov, head of the acute toxic exposure department`:
    // a name first, then the role after a comma.
    let name_then_role = label.split_once(',').is_some_and(|(name, _)| {
        name.split_whitespace().count() >= 2 && people::looks_like_bare_name(name)
    });
    // A remark with no name before it is rare but real:
    // `VladimirPutin (speaking German)` is covered above; `Interpreter
    // (retranslated)` is a voice.
    starts_well
        && (ends_with_name || name_then_role || has_remark && words.len() == 1)
        && !people::splits_into_no_name(label)
}

/// `Netanyahu toured`, `the President viewed`: a name or a capitalised
/// noun, then a verb in the past tense, is a sentence (narration cut at a
/// colon: `Vladimir Putin and Benjamin Netanyahu toured the exhibition,
/// Sobibor: Those Who Defeated Death`). A past participle after a comma
/// still describes a person: `..., honoured archivist of Russia Yelena
/// Malysheva`.
fn is_verb_after_subject(before: &str, word: &str) -> bool {
    let subject = before.chars().next().is_some_and(char::is_uppercase) && !before.ends_with(',');
    subject
        && word.len() > 4
        && word.ends_with("ed")
        && word.chars().all(|c| c.is_ascii_lowercase())
}

/// Whether the text after a colon opens like a quotation or a sentence's
/// continuation rather than speech. A label before such text is taken only
/// if the page uses it for plain speech too: `Perm Territory: “Why are
/// single-industry towns dying?”` and `Rostov-on-Don: a problem with ...`
/// are read out inside a presenter's turn.
pub fn opens_doubtfully(text: &str) -> bool {
    text.starts_with(['“', '"', '«', '„']) || text.starts_with(char::is_lowercase)
}

/// Whether a generic voice's words (`Question: at what expense? Where do we
/// get these funds? First of all, ...`, 2018-03-01_56957:144) are the
/// speaker asking and answering: they open in lower case, as a sentence's
/// continuation, and go on past their own question. A transcribed voice
/// starts its own sentence, or says nothing to answer (`Question: without
/// microphone.`, 2017-06-15_54794:40, is a new voice).
///
/// So does a voice whose words hold the answer's own label: `Question:
/// “How much funding is required?” “A lot.” Reply: “This is not enough.”
/// It is necessary to count everything properly...` (2020-03-18_63021:48)
/// is Putin telling an exchange.
pub fn is_asked_and_answered(text: &str) -> bool {
    let continues = text.starts_with(char::is_lowercase)
        && text
            .split_once('?')
            .is_some_and(|(_, after)| !after.trim().is_empty());
    continues
        || [" Reply: ", " Answer: ", " Response: "]
            .iter()
            .any(|r| text.contains(r))
}

/// Whether the colon after `label` is one the page's title or lead writes
/// too: `Speeches at the opening of the Imperial Capitals: St Petersburg –
/// Vienna...` under the title `Opening the exhibition Imperial Capitals:
/// St Petersburg – Vienna...` (2018-10-03_58713) names an exhibition, and
/// no one speaks. `header` is the title and lead, in lower case.
pub fn echoes_header(found: &LabelMatch, header: &str) -> bool {
    if !header.contains(':') {
        return false;
    }
    let (Some(last), Some(first)) = (
        found.label.split_whitespace().last(),
        found.text.split_whitespace().next(),
    ) else {
        return false;
    };
    let joint = format!("{last}: {first}").to_lowercase();
    header.contains(&joint)
}

/// Whether the one label of a page that has no other can speak alone: a
/// full name (`Vladimir Putin: Dear women,`), a role, or a person the
/// footer lists. `Putin: 20 Years is an album...` (2019-12-30_62525) and
/// `The 17th International Likhachov Scientific Conference Global World:
/// Systemic Changes...` (2017-05-18_54515) name a work in a news item.
pub fn speaks_alone(label: &str, footer: &people::KnownNames) -> bool {
    let (_, name) = people::split_role(label, footer);
    label.split_whitespace().any(people::is_role_word)
        || footer.contains(&people::slug(&name))
        || people::looks_like_bare_name(label) && label.split_whitespace().count() >= 2
}

/// `Minister of Transport: Yevgeny Ditrikh.`: a role and then only a name.
/// Several such lines in a row are a list of appointments, not roles
/// speaking (the body parser checks the neighbours).
pub fn is_appointment(label: &str, text: &str) -> bool {
    let Some(name) = text.strip_suffix('.') else {
        return false;
    };
    // Five words are enough to tell: the text is often a whole paragraph.
    let words: Vec<&str> = name.split_whitespace().take(5).collect();
    (2..=4).contains(&words.len())
        && label.split_whitespace().any(people::is_role_word)
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !matches!(*w, "Mr" | "Ms" | "Mrs" | "Dr")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_voice_that_asks_and_answers_itself_is_the_speakers_device() {
        assert!(is_asked_and_answered(
            "at what expense? Where do we get these funds? First of all, it is essential."
        ));
        assert!(!is_asked_and_answered("without microphone."));
        assert!(is_asked_and_answered(
            "“How much funding is required?” “A lot.” Reply: “This is not enough.” It is necessary"
        ));
        assert!(!is_asked_and_answered("What year did you start? And why?"));
        assert!(!is_asked_and_answered("is it true?"));
    }

    fn label(line: &str) -> Option<&str> {
        find_label(line, None).map(|m| m.label)
    }

    #[test]
    fn names_roles_and_voices_are_labels() {
        assert_eq!(label("Vladimir Putin: Thank you."), Some("Vladimir Putin"));
        assert_eq!(
            label("President of Russia Vladimir Putin: Mr Tokayev,"),
            Some("President of Russia Vladimir Putin")
        );
        assert_eq!(
            label("Acting Governor of Sevastopol Mikhail Razvozhayev: Good afternoon."),
            Some("Acting Governor of Sevastopol Mikhail Razvozhayev")
        );
        assert_eq!(label("Question: When?"), Some("Question"));
        assert_eq!(label("VladimirPutin: Yes."), Some("VladimirPutin"));
        assert_eq!(
            label("GOVERNOR OF CALIFORNIA ARNOLD SCHWARZENEGGER: Thank you."),
            Some("GOVERNOR OF CALIFORNIA ARNOLD SCHWARZENEGGER")
        );
        assert_eq!(
            label("chairman of Vnesheconombank (VEB) Vladimir Dmitriev: Mr Putin,"),
            Some("chairman of Vnesheconombank (VEB) Vladimir Dmitriev")
        );
        assert_eq!(label("A. Voronin: Yes."), Some("A. Voronin"));
        assert_eq!(
            label("Prime Minister of the United Kingdom Theresa May: Thank you."),
            Some("Prime Minister of the United Kingdom Theresa May")
        );
        assert_eq!(
            label("Editor-in-Chief of the Lenta.Ru online media outlet Vladimir Todorov: Hello."),
            Some("Editor-in-Chief of the Lenta.Ru online media outlet Vladimir Todorov")
        );
        assert_eq!(
            label("Konstantin Sivoronov, head of the acute toxic exposure department: We have"),
            Some("Konstantin Sivoronov, head of the acute toxic exposure department")
        );
        assert_eq!(
            label("Economic Development Minister Maxim Oreshkin:"),
            Some("Economic Development Minister Maxim Oreshkin")
        );
    }

    #[test]
    fn remarks_are_split_off() {
        let found = find_label("Question (retranslated): Mr President,", None).unwrap();
        assert_eq!(
            (found.label, found.remark),
            ("Question", Some("retranslated"))
        );
        let found = find_label(
            "Vladimir Putin (responding to remarks by test pilot Magomed Tolboyev): Yes.",
            None,
        )
        .unwrap();
        assert_eq!(found.label, "Vladimir Putin");
        assert_eq!(
            found.remark,
            Some("responding to remarks by test pilot Magomed Tolboyev")
        );
        assert_eq!(found.text, "Yes.");
    }

    #[test]
    fn a_colon_on_the_next_line_completes_a_label() {
        let found = find_label(
            "President of Kazakhstan Kassym-Jomart Tokayev",
            Some(": Thank you, Mr President"),
        )
        .unwrap();
        assert_eq!(found.label, "President of Kazakhstan Kassym-Jomart Tokayev");
        assert_eq!(found.text, "");
        assert_eq!(
            find_label("President of Kazakhstan Kassym-Jomart Tokayev", None),
            None
        );
    }

    #[test]
    fn sentences_with_colons_are_not_labels() {
        assert_eq!(label("Published in sections: News, Transcripts"), None);
        assert_eq!(label("Publication date: August 19, 2022, 16:15"), None);
        assert_eq!(label("My question: What do you plan to do?"), None);
        assert_eq!(
            label(
                "Alexander Repin from the Nizhny Novgorod Region: “The trash reform is a failure.”"
            ),
            None
        );
        assert_eq!(label("With the Governor. Photo: RIA Novosti"), None);
        assert_eq!(
            label("You have an important and serious mission: to protect"),
            None
        );
        assert_eq!(label("So, my question is:"), None);
        assert_eq!(
            label("Now, the attack on Huawei: where does it come from?"),
            None
        );
        assert_eq!(
            label("The same applies to Britain: Brexit got the majority vote"),
            None
        );
        assert_eq!(label("16:15"), None);
        assert_eq!(label("The meeting began at 10:30 sharp"), None);
    }

    #[test]
    fn narration_and_list_fields_cut_at_a_colon_are_not_labels() {
        assert_eq!(
            label(
                "Vladimir Putin and Benjamin Netanyahu toured the exhibition, Sobibor: Those Who Defeated Death, dedicated to the only successful uprising"
            ),
            None
        );
        assert_eq!(
            label(
                "Before the meeting, the President viewed the exhibition Urban Transport: Prospects"
            ),
            None
        );
        assert_eq!(label("Deadline: July 15, 2018"), None);
        assert_eq!(
            label(
                "Officials in charge: Prime Minister Dmitry Medvedev, Governor Elvira Nabiullina."
            ),
            None
        );
        // A participle after a comma is part of a role.
        assert_eq!(
            label(
                "Deputy Head of the Executive Directorate for scientific work, honoured archivist of Russia Yelena Malysheva: Thank you."
            ),
            Some(
                "Deputy Head of the Executive Directorate for scientific work, honoured archivist of Russia Yelena Malysheva"
            )
        );
    }
}

#[cfg(test)]
mod trap_tests {
    use super::*;

    #[test]
    fn appointment_lists_are_not_turns() {
        assert!(is_appointment("Minister of Transport", "Yevgeny Ditrikh."));
        assert!(!is_appointment("Vladimir Putin", "Good Morning."));
        assert!(!is_appointment("Minister of Transport", "Thank you."));
    }

    #[test]
    fn quotations_after_a_colon_are_noticed() {
        assert!(opens_doubtfully("“Why are single-industry towns dying?”"));
        assert!(opens_doubtfully(
            "a problem with the new Suvorovsky neighbourhood"
        ));
        assert!(!opens_doubtfully("Why?"));
    }
}
