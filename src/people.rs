//! Who is who: turning speaker labels and footer tags into people.
//!
//! Identity is a slug of the name (`vladimir-putin`), computed the same way
//! everywhere, so two transcripts parsed apart still agree on who spoke.

use std::collections::HashMap;

use crate::model::{Person, PersonId};

/// Labels that name a kind of voice, never one person. Matched on the
/// label's first word, case-insensitively.
const VOICES: &[&str] = &[
    "question",
    "questions",
    "remark",
    "remarks",
    "response",
    "answer",
    "reply",
    "audience",
    "voice",
    "voices",
    "comment",
    "replica",
    "speaker",
    "operator",
    "interpreter",
    "participant",
    "participants",
];

/// Multi-word voices that do not start with a word of [`VOICES`].
const VOICE_PHRASES: &[&str] = &["call centre operator", "call center operator"];

/// Words that say a label carries a role before the name. Used only when
/// nothing else in the page tells where the name starts.
const ROLE_WORDS: &[&str] = &[
    "president",
    "prime",
    "minister",
    "governor",
    "chairman",
    "chairwoman",
    "chair",
    "head",
    "director",
    "deputy",
    "mayor",
    "ceo",
    "chief",
    "secretary",
    "ambassador",
    "commander",
    "general",
    "rector",
    "chancellor",
    "king",
    "queen",
    "prince",
    "emir",
    "sultan",
    "patriarch",
    "metropolitan",
    "senator",
    "presidential",
    "aide",
    "press",
    "acting",
    "vice",
    "executive",
    "member",
    "representative",
    "commissioner",
    "ombudsman",
    "spokesman",
    "spokesperson",
    "founder",
    "editor",
    "editor-in-chief",
    "anchor",
    "journalist",
    "correspondent",
    "reporter",
    "moderator",
    "host",
    "presenter",
    "student",
    "teacher",
    "professor",
    "academician",
    "pilot",
    "officer",
    "leader",
    "manager",
    "worker",
    "resident",
    "pupil",
    "coach",
    "captain",
];

/// Lower-case words that belong inside a name (`Ursula von der Leyen`).
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "al",
    "bin", "ibn", "el", "y",
];

/// The canonical voice for a label, if the label is a generic voice:
/// `Question (retranslated)` was already split, so `Question from the
/// audience` gives `Question`.
pub fn voice(label: &str) -> Option<String> {
    let label = label.trim();
    if let Some(phrase) = VOICE_PHRASES.iter().find(|p| p.eq_ignore_ascii_case(label)) {
        return Some(capitalise(phrase));
    }
    let mut words = label.split_whitespace();
    let first = words.next()?;
    let first = VOICES.iter().find(|v| v.eq_ignore_ascii_case(first))?;
    let rest: Vec<&str> = words.collect();
    // `Question from Izhevsk`: where a question comes from is not who asks it.
    if rest.first().is_some_and(|w| w.eq_ignore_ascii_case("from")) && rest.len() <= 5 {
        return Some(capitalise(first));
    }
    // "Question from the audience" is a voice; "Speaker Valentina Matviyenko"
    // is a role and a name.
    let rest_is_plain = rest.len() <= 4
        && label
            .split_whitespace()
            .skip(1)
            .all(|w| w.chars().next().is_some_and(|c| !c.is_uppercase()));
    rest_is_plain.then(|| capitalise(first))
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The identity of a name: accents folded, case dropped, words joined by
/// `-`, and words run together (`VladimirPutin`) split where a lower-case
/// letter meets an upper-case one.
pub fn slug(name: &str) -> PersonId {
    let mut out = String::with_capacity(name.len());
    let mut previous_lower = false;
    let mut ascii = [0; 1];
    for c in name.chars() {
        // Every label of every page is slugged: printable ASCII, which
        // the table maps to itself, needs no table (control characters
        // it maps to nothing).
        let folded = if c.is_ascii_graphic() || c == ' ' {
            c.encode_utf8(&mut ascii)
        } else {
            deunicode::deunicode_char(c).unwrap_or("")
        };
        for f in folded.chars() {
            if f.is_ascii_alphanumeric() {
                if f.is_ascii_uppercase() && previous_lower && !out.ends_with('-') {
                    out.push('-');
                }
                previous_lower = f.is_ascii_lowercase();
                out.push(f.to_ascii_lowercase());
            } else if f == '\'' {
                // O'Neill and O’Neill are one name.
            } else {
                previous_lower = false;
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A footer tag (`Tokayev Kassym-Jomart`) in reading order. Kremlin tags
/// put the surname first, but a surname can be more than one word
/// (`Diaz-Canel Bermudez Miguel`, `Al Nahyan Mohammed bin Zayed`), so the
/// rotation that matches a name already seen in the page wins, then one
/// that the page's text writes out, then the surname's particles are kept
/// with it (`Al Nahyan`), and last the first word alone is the surname.
pub fn footer_name(tag: &str, known: &KnownNames, page: &str) -> String {
    let words: Vec<&str> = tag.split_whitespace().collect();
    let rotation = |k: usize| -> String {
        words[k..]
            .iter()
            .chain(&words[..k])
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let rotations = || (1..words.len()).map(rotation);
    if let Some(name) = rotations().find(|name| known.contains(&slug(name))) {
        return name;
    }
    if let Some(name) = rotations().find(|name| page.contains(name.as_str())) {
        return name;
    }
    // `Xi Jinping`: a tag already in reading order, as the page writes it
    // somewhere besides the tag itself. (A tag with a title, `Ruling
    // Prince of Monaco Albert II`, is left to the rules below.)
    let tag_order = words.join(" ");
    if !words.iter().any(|w| is_role_word(w))
        && (known.contains(&slug(&tag_order)) || page.matches(tag_order.as_str()).nth(1).is_some())
    {
        return tag_order;
    }
    // `Al Nahyan`, `Van Rompuy`: a particle that opens the tag belongs to
    // the surname after it.
    let surname_words = words
        .iter()
        .take_while(|w| NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
        .count()
        + 1;
    if surname_words < words.len() {
        rotation(surname_words)
    } else {
        tag.trim().to_string()
    }
}

/// `3 more`: the footer's link to the rest of a long list of persons.
pub fn is_more_link(tag: &str) -> bool {
    tag.strip_suffix(" more")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Two people who share a name, told apart by the roles their labels give:
/// a label whose role has one of `roles` names the person `id`, and so do
/// the same page's other turns and tags under that name. A name alone
/// never merges them.
struct Homonym {
    name: &'static str,
    id: &'static str,
    roles: &'static [&'static str],
}

const HOMONYMS: &[Homonym] = &[Homonym {
    // The Agency for Strategic Initiatives' director (later the
    // President's representative for digital development), not the
    // Kremlin's press secretary.
    name: "dmitry-peskov",
    id: "dmitry-peskov-asi",
    roles: &["strategic initiatives", "digital and technological"],
}];

/// The id of the homonym a role names, for a person with this name's slug.
pub fn homonym(slug: &str, role: &str) -> Option<&'static str> {
    let role = role.to_lowercase();
    HOMONYMS
        .iter()
        .find(|h| h.name == slug && h.roles.iter().any(|r| role.contains(r)))
        .map(|h| h.id)
}

/// Names seen in one page, by slug: bare labels and footer persons.
#[derive(Debug, Default)]
pub struct KnownNames {
    slugs: rustc_hash::FxHashSet<PersonId>,
}

impl KnownNames {
    pub fn insert(&mut self, name: &str) {
        let slug = slug(name);
        if !slug.is_empty() {
            self.slugs.insert(slug);
        }
    }

    pub fn contains(&self, slug: &str) -> bool {
        self.slugs.contains(slug)
    }
}

pub fn is_role_word(word: &str) -> bool {
    ROLE_WORDS.contains(&word.to_lowercase().as_str())
}

/// A label without any role word or lower-case word is taken as a bare name.
pub fn looks_like_bare_name(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && !label.contains(',')
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            (w.chars().next().is_some_and(char::is_uppercase)
                || NAME_PARTICLES.contains(&lower.as_str())
                || is_joined_particle(w))
                && !ROLE_WORDS.contains(&lower.as_str())
        })
}

/// `D. Klimenko` gives (["D"], "Klimenko"), `A.V. Ivanov` and `A.V.Ivanov`
/// (["A", "V"], "Ivanov"): a name of initials and one surname; `None` for
/// any other.
pub fn initials_of(name: &str) -> Option<(Vec<&str>, &str)> {
    let mut parts: Vec<&str> = name
        .split_whitespace()
        .flat_map(|word| word.split_inclusive('.'))
        .collect();
    let surname = parts.pop()?;
    let mut initials = Vec::new();
    for part in parts {
        let letter = part.strip_suffix('.')?;
        if letter.chars().count() != 1 || !letter.starts_with(char::is_uppercase) {
            return None;
        }
        initials.push(letter);
    }
    let surname_like = surname.starts_with(char::is_uppercase) && !surname.ends_with('.');
    (!initials.is_empty() && surname_like).then_some((initials, surname))
}

/// Whether `variant` is `name` with a slip of the finger in a given name
/// (`Vladmir Putin`, `Vlaidmir Putin` for `Vladimir Putin`): the same
/// surname, and each given name the same or one edit away, long enough
/// for one edit not to make another name. A changed last letter
/// (`Aleksandr`/`Aleksandra`) may be another person, so it does not count.
pub fn is_misspelling(variant: &str, name: &str) -> bool {
    // Cheap first: the same surname, and names of about one length.
    if variant == name
        || variant.len().abs_diff(name.len()) > 1
        || variant.rsplit(' ').next() != name.rsplit(' ').next()
    {
        return false;
    }
    let a: Vec<&str> = variant.split_whitespace().collect();
    let b: Vec<&str> = name.split_whitespace().collect();
    let (Some((surname_a, given_a)), Some((surname_b, given_b))) = (a.split_last(), b.split_last())
    else {
        return false;
    };
    let slip = |x: &str, y: &str| {
        x.len() >= 5
            && y.len() >= 5
            && crate::typo::within_one_edit(x.as_bytes(), y.as_bytes())
            && x.trim_end_matches(['a', 'y']) != y.trim_end_matches(['a', 'y'])
    };
    a != b
        && !given_a.is_empty()
        && surname_a == surname_b
        && given_a.len() == given_b.len()
        && given_a
            .iter()
            .zip(given_b)
            .all(|(x, y)| x == y || slip(x, y))
}

/// `al-Hassan`, `bin-Salman`: a particle joined to a capitalised name.
fn is_joined_particle(word: &str) -> bool {
    word.split_once('-').is_some_and(|(particle, name)| {
        NAME_PARTICLES.contains(&particle) && name.starts_with(char::is_uppercase)
    })
}

/// Nouns of institutions and groups, which end a role and never a
/// person's name: a label whose last words would be `Economic Forum` or
/// `Young Scientists` is a role with no name (`Executive Chairman of the
/// World Economic Forum`), and names the one who holds it.
const INSTITUTIONS: &[&str] = &[
    "Forum",
    "Scientists",
    "Institute",
    "Federation",
    "Council",
    "Committee",
    "Company",
    "Bank",
    "Union",
    "Association",
    "University",
    "Centre",
    "Center",
    "Fund",
    "Agency",
    "Service",
    "Corporation",
    "Academy",
    "Society",
    "Organisation",
    "Organization",
    "Commission",
    "Ministry",
    "Entrepreneurs",
    "Industrialists",
];

/// A label with its words run together spaced out:
/// `PresidentofPalestineMahmoudAbbas` reads `President of Palestine
/// Mahmoud Abbas`, `Executive Chairmanof the World` `Executive Chairman of
/// the World`. In a label of one word, a lower-case letter then a capital
/// starts a word; `of` stuck to a role word or to a name's final vowel is
/// a word of its own.
pub fn spaced(label: &str) -> std::borrow::Cow<'_, str> {
    // Only a label all of one word: a capital inside a word of a spaced
    // label is a brand's (`RusHydro`, `KamAZ`).
    let camel = !label.contains(' ')
        && label
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    let stuck = label.split_whitespace().any(|w| glued_of(w).is_some());
    if !camel && !stuck {
        return label.into();
    }
    let mut split = String::with_capacity(label.len() + 8);
    let mut previous_lower = false;
    for c in label.chars() {
        if c.is_uppercase() && previous_lower {
            split.push(' ');
        }
        previous_lower = c.is_lowercase();
        split.push(c);
    }
    split
        .split_whitespace()
        .map(|word| match glued_of(word) {
            Some(stem) => format!("{stem} of"),
            None => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
        .into()
}

/// `Presidentof` gives `President`, `Khalifaof` `Khalifa`: a capitalised
/// word with `of` stuck to it, where no English word ends so.
fn glued_of(word: &str) -> Option<&str> {
    let stem = word.strip_suffix("of")?;
    let last_part = stem.rsplit('-').next().unwrap_or(stem);
    let vowel_end = stem.ends_with(['a', 'e', 'i', 'u', 'y']);
    (stem.len() >= 3
        && stem.starts_with(char::is_uppercase)
        && (is_role_word(last_part) || vowel_end))
        .then_some(stem)
}

/// Splits a person's label into its role and name parts:
/// `President of Russia Vladimir Putin` gives (`President of Russia`, `Vladimir Putin`).
/// Words run together are spaced first ([`spaced`]).
pub fn split_role(label: &str, known: &KnownNames) -> (Option<String>, String) {
    let label = &*spaced(label);
    // `Valeriya Korableva, reporter at Channel One`: name first.
    if let Some((name, role)) = label.split_once(',')
        && (known.contains(&slug(name))
            || name.split_whitespace().count() >= 2 && looks_like_bare_name(name))
    {
        return (role_of(&[role]), name.trim().to_string());
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    // The longest tail of the label that the page names elsewhere.
    for start in 0..words.len() {
        let tail = words[start..].join(" ");
        if known.contains(&slug(&tail)) {
            return (role_of(&words[..start]), tail);
        }
    }
    if looks_like_bare_name(label) || words.len() < 3 {
        return (None, words.join(" "));
    }
    // The surname, the particles before it, and one given name.
    let mut start = words.len() - 1;
    while start > 0 && NAME_PARTICLES.contains(&words[start - 1].to_lowercase().as_str()) {
        start -= 1;
    }
    start = start.saturating_sub(1);
    // "Minister Lavrov": the name is one word after the role.
    if ROLE_WORDS.contains(&words[start].to_lowercase().as_str()) {
        start += 1;
    }
    if let Some(split) = name_before_place(&words) {
        return split;
    }
    if words.last().is_some_and(|w| INSTITUTIONS.contains(w)) {
        return (None, words.join(" "));
    }
    (role_of(&words[..start]), words[start..].join(" "))
}

/// `King Abdullah II of Jordan`, `Patriarch John of Antioch and All the
/// East`: a title, the name, then where they are title of. The name is
/// what stands between the title word and the first lower-case word.
fn name_before_place(words: &[&str]) -> Option<(Option<String>, String)> {
    let title = words.first().filter(|w| is_role_word(w))?;
    let place = 1 + words[1..]
        .iter()
        .position(|w| starts_lower_not_particle(w))?;
    let name = &words[1..place];
    // The label's last words must not be a name of their own.
    let last_is_lower = words[place..]
        .iter()
        .rev()
        .nth(1)
        .is_some_and(|w| starts_lower_not_particle(w));
    (!name.is_empty() && (last_is_lower || words.len() - place <= 2)).then(|| {
        let role = std::iter::once(*title)
            .chain(words[place..].iter().copied())
            .collect::<Vec<_>>();
        (role_of(&role), name.join(" "))
    })
}

fn starts_lower_not_particle(word: &str) -> bool {
    word.starts_with(char::is_lowercase) && !NAME_PARTICLES.contains(&word)
}

/// Whether a label that does not open with a role would give a name that
/// starts with a word like `the` or `of`: such a label is narration cut
/// at a colon (`Text of the Decree`). One that opens with a role is a
/// role that speaks (`Minister of Education`).
pub fn splits_into_no_name(label: &str) -> bool {
    if label.split_whitespace().next().is_none_or(is_role_word) {
        return false;
    }
    let (_, name) = split_role(label, &KnownNames::default());
    name.split_whitespace()
        .next()
        .is_some_and(starts_lower_not_particle)
}

fn role_of(words: &[&str]) -> Option<String> {
    let role = words.join(" ");
    let role = role.trim().trim_matches([',', '—', '–', '-']).trim();
    (!role.is_empty()).then(|| role.to_string())
}

/// Every sighting of a person in a corpus, merged into one table.
#[derive(Debug, Default)]
pub struct PeopleTable {
    by_id: HashMap<PersonId, Sightings>,
}

#[derive(Debug, Default)]
struct Sightings {
    names: HashMap<String, usize>,
    roles: HashMap<String, usize>,
    first_seen: usize,
    site_id: Option<u32>,
}

impl PeopleTable {
    pub fn see(&mut self, id: &str, name: &str, role: Option<&str>, site_id: Option<u32>) {
        let entry = self.entry(id);
        entry.site_id = entry.site_id.or(site_id);
        *entry.names.entry(name.to_string()).or_default() += 1;
        if let Some(role) = role {
            *entry.roles.entry(role.to_string()).or_default() += 1;
        }
    }

    /// Adds the people of an already built list (a loaded JSON corpus).
    pub fn extend(&mut self, people: &[Person]) {
        for person in people {
            self.see(
                &person.id,
                &person.name,
                person.role.as_deref(),
                person.site_id,
            );
            for alias in &person.aliases {
                self.entry(&person.id)
                    .names
                    .entry(alias.clone())
                    .or_default();
            }
        }
    }

    /// One person under two orders of the same words: `Bermudez Miguel
    /// Diaz-Canel`, a footer tag turned the wrong way in a page that
    /// writes only `Miguel Diaz-Canel`, is the `Miguel Diaz-Canel
    /// Bermudez` other pages name. The one seen more often keeps the id;
    /// the ids merged away are returned, each with the id it went to.
    /// Homonyms, whose ids are not their names' (`dmitry-peskov-asi`),
    /// are never merged.
    pub fn merge_reordered(&mut self) -> Vec<(PersonId, PersonId)> {
        let mut by_words: HashMap<Vec<String>, Vec<PersonId>> = HashMap::new();
        for (id, sightings) in &self.by_id {
            let Some(name) = sightings.names.keys().find(|name| slug(name) == *id) else {
                continue;
            };
            let mut words: Vec<String> = slug(name).split('-').map(str::to_string).collect();
            words.sort_unstable();
            by_words.entry(words).or_default().push(id.clone());
        }
        let mut merged = Vec::new();
        for mut ids in by_words.into_values().filter(|ids| ids.len() > 1) {
            let seen = |id: &PersonId| {
                let s = &self.by_id[id];
                (
                    std::cmp::Reverse(s.names.values().sum::<usize>()),
                    s.first_seen,
                )
            };
            ids.sort_by_key(|id| seen(id));
            let (kept, others) = ids.split_first().expect("two or more");
            for other in others {
                let Some(gone) = self.by_id.remove(other) else {
                    continue;
                };
                let into = self.by_id.get_mut(kept).expect("kept");
                for (name, n) in gone.names {
                    *into.names.entry(name).or_default() += n;
                }
                for (role, n) in gone.roles {
                    *into.roles.entry(role).or_default() += n;
                }
                into.first_seen = into.first_seen.min(gone.first_seen);
                into.site_id = into.site_id.or(gone.site_id);
                merged.push((other.clone(), kept.clone()));
            }
        }
        merged
    }

    /// A person's sightings, created in first-seen order.
    fn entry(&mut self, id: &str) -> &mut Sightings {
        let order = self.by_id.len();
        self.by_id
            .entry(id.to_string())
            .or_insert_with(|| Sightings {
                first_seen: order,
                ..Sightings::default()
            })
    }

    pub fn into_people(self) -> Vec<Person> {
        let mut people: Vec<(usize, Person)> = self
            .by_id
            .into_iter()
            .map(|(id, sightings)| {
                let mut names: Vec<(String, usize)> = sightings.names.into_iter().collect();
                names.sort_by(|a, b| {
                    name_quality(&b.0)
                        .cmp(&name_quality(&a.0))
                        .then(b.1.cmp(&a.1))
                        .then(a.0.cmp(&b.0))
                });
                let mut names = names.into_iter().map(|(name, _)| name);
                let name = names.next().unwrap_or_else(|| id.clone());
                let role = sightings
                    .roles
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(role, _)| role);
                let mut aliases: Vec<String> = names.collect();
                aliases.sort();
                (
                    sightings.first_seen,
                    Person {
                        id,
                        name,
                        role,
                        aliases,
                        site_id: sightings.site_id,
                    },
                )
            })
            .collect();
        people.sort_by_key(|(order, _)| *order);
        people.into_iter().map(|(_, person)| person).collect()
    }
}

/// Prefers spellings a reader would write: spaced, not shouting.
fn name_quality(name: &str) -> (bool, bool, bool) {
    let has_lower = name.chars().any(char::is_lowercase);
    let spaced = name.contains(' ');
    let no_capitals_word = !name
        .split_whitespace()
        .any(|w| w.chars().count() > 2 && !w.chars().any(char::is_lowercase));
    (has_lower, spaced, no_capitals_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_run_together_are_spaced_and_slips_told_from_other_names() {
        assert_eq!(
            spaced("PresidentofPalestineMahmoudAbbas"),
            "President of Palestine Mahmoud Abbas"
        );
        assert_eq!(
            spaced("King Hamad bin Isa Al Khalifaof Bahrain"),
            "King Hamad bin Isa Al Khalifa of Bahrain"
        );
        // A brand's capitals in a spaced label stay; `Proof` is a word.
        assert_eq!(
            spaced("RusHydro CEO Nikolai Shulginov"),
            "RusHydro CEO Nikolai Shulginov"
        );
        assert_eq!(spaced("Proof Smith"), "Proof Smith");
        assert!(is_misspelling("Vladmir Putin", "Vladimir Putin"));
        assert!(is_misspelling("Vlaidmir Putin", "Vladimir Putin"));
        assert!(is_misspelling("Natalia Yuryeva", "Natalya Yuryeva"));
        assert!(!is_misspelling("Aleksandra Ivanova", "Aleksandr Ivanova"));
        assert!(!is_misspelling("Vladimir Putin", "Vladimir Putin"));
        assert!(!is_misspelling("Vladimir Putin", "Vladimir Pugin"));
        assert!(!is_misspelling("Ivan Petrov", "Iván Petrov"));
        assert_eq!(initials_of("V.Putin"), Some((vec!["V"], "Putin")));
        assert_eq!(initials_of("A.V. Ivanov"), Some((vec!["A", "V"], "Ivanov")));
        assert_eq!(initials_of("Vladimir Putin"), None);
    }

    #[test]
    fn slug_reads_ascii_as_deunicode_would() {
        // slug skips the table for printable ASCII, which it maps to itself.
        for byte in 0u8..=127 {
            let c = char::from(byte);
            let expected = deunicode::deunicode_char(c).unwrap_or("");
            assert_eq!(
                slug(&format!("ab{c}cd")),
                slug(&format!("ab{expected}cd")),
                "{c:?}"
            );
            if c.is_ascii_graphic() || c == ' ' {
                assert_eq!(expected, c.to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn slug_merges_spellings_of_one_name() {
        assert_eq!(slug("Vladimir Putin"), "vladimir-putin");
        assert_eq!(slug("VladimirPutin"), "vladimir-putin");
        assert_eq!(slug("Vladimir\u{a0}Putin"), "vladimir-putin");
        assert_eq!(slug("ARNOLD SCHWARZENEGGER"), slug("Arnold SCHWARZENEGGER"));
        assert_eq!(slug("Jörg Schönenborn"), "jorg-schonenborn");
        assert_eq!(slug("Kassym-Jomart Tokayev"), "kassym-jomart-tokayev");
    }

    #[test]
    fn voices_are_recognised_with_their_modifiers() {
        assert_eq!(voice("Question").as_deref(), Some("Question"));
        assert_eq!(voice("REMARK").as_deref(), Some("Remark"));
        assert_eq!(
            voice("Question from the audience").as_deref(),
            Some("Question")
        );
        assert_eq!(
            voice("Call centre operator").as_deref(),
            Some("Call centre operator")
        );
        assert_eq!(voice("Speaker Valentina Matviyenko"), None);
        assert_eq!(
            voice("Question from Perm Territory").as_deref(),
            Some("Question")
        );
        assert_eq!(voice("Vladimir Putin"), None);
    }

    #[test]
    fn role_is_split_from_the_name_a_page_knows() {
        let mut known = KnownNames::default();
        known.insert("Recep Tayyip Erdogan");
        assert_eq!(
            split_role("President of Turkey Recep Tayyip Erdogan", &known),
            (
                Some("President of Turkey".into()),
                "Recep Tayyip Erdogan".into()
            )
        );
    }

    #[test]
    fn role_falls_back_to_the_last_two_words() {
        let known = KnownNames::default();
        assert_eq!(
            split_role("Economic Development Minister Maxim Oreshkin", &known),
            (
                Some("Economic Development Minister".into()),
                "Maxim Oreshkin".into()
            )
        );
        assert_eq!(
            split_role(
                "President of the European Commission Ursula von der Leyen",
                &known
            ),
            (
                Some("President of the European Commission".into()),
                "Ursula von der Leyen".into()
            )
        );
        assert_eq!(
            split_role("King Abdullah II of Jordan", &known),
            (Some("King of Jordan".into()), "Abdullah II".into())
        );
        assert_eq!(
            split_role("Patriarch John of Antioch and All the East", &known),
            (
                Some("Patriarch of Antioch and All the East".into()),
                "John".into()
            )
        );
        assert!(splits_into_no_name("Text of the Decree"));
        assert!(!splits_into_no_name(
            "Speaker of the State Duma Vyacheslav Volodin"
        ));
        assert_eq!(
            split_role("Pavel Zarubin", &known),
            (None, "Pavel Zarubin".into())
        );
        assert_eq!(
            split_role("Valeriya Korableva, reporter at Channel One", &known),
            (
                Some("reporter at Channel One".into()),
                "Valeriya Korableva".into()
            )
        );
    }

    #[test]
    fn footer_names_are_put_in_reading_order() {
        let mut known = KnownNames::default();
        assert_eq!(footer_name("Putin Vladimir", &known, ""), "Vladimir Putin");
        known.insert("Recep Tayyip Erdogan");
        assert_eq!(
            footer_name("Erdogan Recep Tayyip", &known, ""),
            "Recep Tayyip Erdogan"
        );
        let none = KnownNames::default();
        // Real tags of the archive, and the titles of their pages.
        assert_eq!(
            footer_name(
                "Diaz-Canel Bermudez Miguel",
                &none,
                "Message of greetings to Miguel Diaz-Canel Bermudez on his election"
            ),
            "Miguel Diaz-Canel Bermudez"
        );
        assert_eq!(
            footer_name("Al Nahyan Mohammed bin Zayed", &none, ""),
            "Mohammed bin Zayed Al Nahyan"
        );
        assert_eq!(
            footer_name("Xi Jinping", &none, "Talks with Xi Jinping.\nXi Jinping"),
            "Xi Jinping"
        );
        assert_eq!(
            footer_name("Putin Vladimir", &none, "Putin Vladimir"),
            "Vladimir Putin"
        );
        assert!(is_more_link("3 more"));
        assert!(!is_more_link("Moore Roger"));
    }

    #[test]
    fn a_role_tells_homonyms_apart() {
        let asi =
            "Director of the Young Professionals direction at the Agency for Strategic Initiatives";
        assert_eq!(homonym("dmitry-peskov", asi), Some("dmitry-peskov-asi"));
        assert_eq!(
            homonym("dmitry-peskov", "Presidential Press Secretary"),
            None
        );
        assert_eq!(homonym("vladimir-putin", asi), None);
    }

    #[test]
    fn the_table_prefers_a_readable_spelling() {
        let mut table = PeopleTable::default();
        let id = slug("Arnold Schwarzenegger");
        table.see(
            &id,
            "ARNOLD SCHWARZENEGGER",
            Some("GOVERNOR OF CALIFORNIA"),
            None,
        );
        table.see(&id, "Arnold SCHWARZENEGGER", None, None);
        table.see(&id, "Arnold Schwarzenegger", None, None);
        let people = table.into_people();
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].name, "Arnold Schwarzenegger");
        assert_eq!(people[0].aliases.len(), 2);
    }
}
