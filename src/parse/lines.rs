//! What a single line is, judged on its own text.
//!
//! Every predicate here is pure and takes a line already trimmed of
//! surrounding white space (no-break spaces included).

/// Month names as the site writes them in date lines.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Trims white space, including U+00A0, which 15 corpus files keep.
pub fn trim(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// `August 19, 2022`, `June 10 − 11, 2010`, `June 30 – July 1, 2010`,
/// and an announced event's `Announcement, June 24, 2020`: the ISO date
/// of the first day.
pub fn parse_date(line: &str) -> Option<String> {
    let is_year = |year: &str| year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
    // Most lines asked are paragraphs: the year turns them away before
    // anything is copied.
    if !line
        .rsplit_once(',')
        .is_some_and(|(_, year)| is_year(trim(year)))
    {
        return None;
    }
    let line = line.replace('\u{a0}', " ");
    let line = line.strip_prefix("Announcement, ").unwrap_or(&line);
    let (head, year) = line.rsplit_once(',')?;
    let year = year.trim();
    if !is_year(year) {
        return None;
    }
    let mut words = head.split_whitespace();
    let month = month_number(words.next()?)?;
    let day: u32 = words.next()?.parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    // Anything after the first day must be a range: dashes, days, months.
    let rest_is_range = words.all(|w| {
        w.chars().all(|c| c.is_ascii_digit() || "-–—−".contains(c)) || month_number(w).is_some()
    });
    rest_is_range.then(|| format!("{year}-{month:02}-{day:02}"))
}

fn month_number(word: &str) -> Option<usize> {
    MONTHS.iter().position(|m| *m == word).map(|i| i + 1)
}

/// `16:15`
pub fn is_time(line: &str) -> bool {
    let Some((h, m)) = line.split_once(':') else {
        return false;
    };
    (1..=2).contains(&h.len())
        && m.len() == 2
        && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
}

/// `3 of 6`: the photo slider's counter.
pub fn is_photo_counter(line: &str) -> bool {
    let mut parts = line.split(' ');
    let numbers =
        |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    numbers(parts.next())
        && parts.next() == Some("of")
        && numbers(parts.next())
        && parts.next().is_none()
}

/// A photo's caption that ends by naming who took it: `Military parade
/// to mark the 75th anniversary of Victory in the Great Patriotic War.
/// Photo: RIA Novosti` (2020-06-24_63560:8), `... Photo by Mikhail
/// Metzel`. Speech never ends with a credit, and the colon in it is no
/// speaker's ("War. Photo" was taken for a person).
pub fn is_credited_caption(line: &str) -> bool {
    // Every line of every page is asked: a forward search, which the
    // standard library does many bytes at a time, turns most away before
    // the backward one, which it does not.
    if !line.contains("Photo") {
        return false;
    }
    let Some(at) = line.rfind("Photo") else {
        return false;
    };
    if !(at == 0 || line[..at].ends_with(". ")) {
        return false;
    }
    let rest = &line[at + "Photo".len()..];
    let credit = [": ", " by: ", " by "]
        .iter()
        .find_map(|mark| rest.strip_prefix(mark));
    credit.is_some_and(|credit| {
        let words = credit.split_whitespace().count();
        (1..=8).contains(&words)
            && !credit.ends_with(['.', '?', '!', ':'])
            && !credit.contains(": ")
            && credit.starts_with(char::is_uppercase)
    })
}

/// `* * *`, `***`
pub fn is_separator(line: &str) -> bool {
    // Most lines are sentences: the first character settles it.
    line.trim_start().starts_with('*')
        && line.chars().filter(|c| *c == '*').count() >= 3
        && line.chars().all(|c| c == '*' || c.is_whitespace())
}

/// `<…>`, `‹…>`, `<...>`, `[…]`: the page leaves something out.
pub fn is_elision(line: &str) -> bool {
    let inner = line
        .strip_prefix(['<', '‹', '['])
        .and_then(|s| s.strip_suffix(['>', '›', ']']));
    matches!(inner.map(trim), Some("…" | "..." | ". . ."))
}

/// `(Applause.)`: a line that is one parenthesised remark, the editors'
/// notes among them, whose full stop may stand outside (`(Mr Belozerov
/// went on to give a detailed breakdown of the company's financial
/// results ...).`, 2016-03-16_51521:20): one rule for both, so that no
/// editor's note is a speaker's words.
pub fn is_stage_direction(line: &str) -> bool {
    let line = line
        .strip_suffix(").")
        .map_or(line, |inner| &line[..inner.len() + 1]);
    if !line.starts_with('(') || !line.ends_with(')') {
        return false;
    }
    // The opening parenthesis must close only at the very end:
    // `(A) and (B)` is not one remark.
    let mut depth = 0i32;
    for (i, c) in line.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 && i + 1 != line.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// `”I am sure that ... priorities.“`: the site sets pull quotes in
/// reversed quotation marks, which body text never opens with.
pub fn is_pull_quote(line: &str) -> bool {
    line.starts_with('”') && line.ends_with('“') && line.chars().count() > 2
}

/// `See also` and `Additional`: boxes linking to another item.
pub fn is_see_also_heading(line: &str) -> bool {
    matches!(line, "See also" | "Additional")
}

/// Footer tag column headings.
pub fn is_tag_heading(line: &str) -> bool {
    matches!(
        line,
        "Geography"
            | "Topics"
            | "Persons"
            | "Organisations"
            | "Organizations"
            | "Documents"
            | "Tags"
    )
}

/// Words that can stand in a place line without a capital.
const PLACE_LOWER_WORDS: &[&str] = &[
    "of", "the", "on", "upon", "am", "an", "de", "la", "sur", "and",
];

/// `Sochi`, `The Kremlin, Moscow`, `Novo-Ogaryovo, Moscow Region`: a short
/// run of capitalised words with no sentence punctuation.
pub fn is_place(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 7
        && line.chars().count() <= 60
        && !line.contains([':', '.', '?', '!', '“', '”', '"', '(', ')', ';'])
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || PLACE_LOWER_WORDS.contains(&w.trim_end_matches(','))
        })
}

/// Marks that end a sentence (or a quotation) rather than a heading.
const SENTENCE_END: &[char] = &[
    '.', '!', '?', ':', ';', ',', '…', '"', '”', '“', '’', '»', ')', ']', '-', '–', '—',
];

/// `Beginning of Russia-Kazakhstan talks`: a short line that starts with a
/// capital and does not end like a sentence. Whether it is taken as a
/// heading also depends on where it stands (see the body parser).
pub fn looks_like_heading(line: &str) -> bool {
    // Cheap tests first: most lines are long sentences ending in a full stop.
    line.len() <= 480
        && !line.ends_with(SENTENCE_END)
        && line.chars().next().is_some_and(char::is_uppercase)
        && line.chars().count() <= 120
        && (1..=16).contains(&line.split_whitespace().count())
        && !line.contains([':', '?', '!', ';', '“', '”', '"'])
}

/// Openings that mark a heading even inside a turn.
const HEADING_OPENINGS: &[&str] = &[
    "Beginning of ",
    "Continuation of ",
    "End of ",
    "Opening remarks",
    "Concluding remarks",
    "Closing remarks",
    "Statements for the press",
    "Press statements",
    "Joint news conference",
    "News conference",
    "Answers to",
    "Answers to journalists",
    "Excerpts from",
    "Excerpt from",
    "Extract from",
    "Extracts from",
];

/// A line that is a heading wherever it stands.
pub fn is_strong_heading(line: &str) -> bool {
    looks_like_heading(line) && HEADING_OPENINGS.iter().any(|o| line.starts_with(o))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ranges() {
        assert_eq!(parse_date("August 19, 2022").as_deref(), Some("2022-08-19"));
        assert_eq!(
            parse_date("June 10 − 11, 2010").as_deref(),
            Some("2010-06-10")
        );
        assert_eq!(
            parse_date("June 30 – July 1, 2010").as_deref(),
            Some("2010-06-30")
        );
        assert_eq!(parse_date("Publication date: August 19, 2022, 16:15"), None);
        assert_eq!(parse_date("May we begin, 2022"), None);
        assert_eq!(parse_date("August 19, 2022\u{feff}"), None);
    }

    #[test]
    fn an_editors_note_with_its_full_stop_outside_is_a_stage_direction() {
        assert!(is_stage_direction("(Applause.)"));
        assert!(is_stage_direction(
            "(Mr Shokhin went on to discuss joint work with the State Duma on drafting a new Administrative Offences Code)."
        ));
        assert!(!is_stage_direction("(A) and (B)."));
        assert!(!is_stage_direction("(A) and (B)"));
    }

    #[test]
    fn a_caption_credits_its_photo_at_its_end() {
        assert!(is_credited_caption(
            "Military parade to mark the 75th anniversary of Victory in the Great Patriotic War. Photo: RIA Novosti"
        ));
        assert!(is_credited_caption(
            "Following the ceremony to unveil the monument. Photo: Mikhail Metzel, TASS"
        ));
        assert!(is_credited_caption(
            "At the forum. Photo by Dmitry Astakhov"
        ));
        assert!(!is_credited_caption(
            "We looked at the photo. Photo: it says a lot."
        ));
        assert!(!is_credited_caption(
            "Vladimir Putin: Photo: we will take one later"
        ));
        assert!(!is_credited_caption("The Photo: an exhibition"));
    }

    #[test]
    fn times_and_counters() {
        assert!(is_time("16:15"));
        assert!(is_time("9:05"));
        assert!(!is_time("16:15:00"));
        assert!(!is_time("Note: 12"));
        assert!(is_photo_counter("3 of 6"));
        assert!(!is_photo_counter("3 of six"));
        assert!(!is_photo_counter("One of 6"));
    }

    #[test]
    fn marks_in_the_body() {
        assert!(is_separator("* * *"));
        assert!(is_separator("***"));
        assert!(!is_separator("**"));
        assert!(is_elision("<…>"));
        assert!(is_elision("‹…>"));
        assert!(!is_elision("<…> And then"));
        assert!(is_stage_direction("(Laughter.)"));
        assert!(is_stage_direction("(The video plays.)"));
        assert!(!is_stage_direction("(A) and (B)"));
        assert!(is_pull_quote(
            "”I am sure that the value of integration lies in the simple.“"
        ));
        assert!(!is_pull_quote(
            "”Will the Armed Forces service period be extended?“ The question is not quite clear."
        ));
    }

    #[test]
    fn places_and_headings() {
        assert!(is_place("Sochi"));
        assert!(is_place("The Kremlin, Moscow"));
        assert!(is_place("Novo-Ogaryovo, Moscow Region"));
        assert!(is_place("Rostov-on-Don"));
        assert!(!is_place("Beginning of Russia-Kazakhstan talks"));
        assert!(!is_place("With NBC anchor Megyn Kelly."));
        assert!(looks_like_heading("Beginning of Russia-Kazakhstan talks"));
        assert!(!looks_like_heading("So, my question is:"));
        assert!(is_strong_heading(
            "Beginning of meeting with Security Council members"
        ));
    }
}
