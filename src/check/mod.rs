//! `verbatim check`: what the parser made of a corpus, and how its speaker
//! labels compare with labels taken from the pages' HTML.

mod formats;

pub use formats::format_violations;

use std::collections::HashMap;
use std::path::Path;

use crate::corpus::Loaded;
use crate::model::Transcript;

/// One `file:line: message` line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub file: String,
    pub line: Option<u32>,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub files: usize,
    pub turns: usize,
    pub people: usize,
    pub unclassified: usize,
    /// Turn paragraphs that look like a page element (see [`misplaced`]).
    pub misplaced: usize,
    pub errors: usize,
    /// How the turns compare with a labels table, when one was given.
    pub labels: Option<LabelAgreement>,
}

/// Labels of a table against the turns found. Each label the table has
/// either agrees with a turn or is not found; each turn the table does
/// not label is listed too. The two lists are the report's findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LabelAgreement {
    pub agree: usize,
    /// Labels in the table.
    pub total: usize,
    /// Turns found that the table has no label for.
    pub unlabelled: usize,
}

impl Report {
    pub fn summary(&self) -> String {
        use crate::text::{count, count_as, group_digits};
        let mut line = format!(
            "checked {}: {}, {}, {}, {} in speech, {}",
            count(self.files, "file"),
            count(self.turns, "turn"),
            count_as(self.people, "person", "people"),
            count(self.unclassified, "unclassified line"),
            count(self.misplaced, "page element"),
            count(self.errors, "error"),
        );
        if let Some(labels) = self.labels {
            line.push_str(&format!(
                ", {} of {} agree ({} not found, {} the table does not label)",
                group_digits(labels.agree),
                count(labels.total, "label"),
                group_digits(labels.total - labels.agree),
                count(labels.unlabelled, "turn"),
            ));
        }
        line
    }
}

/// Expected labels by file name, in turn order; also by kremlin.ru item
/// id, so that the table of `2020-03-19_63033.txt` checks a saved
/// `63033.html` too.
pub type LabelTable = HashMap<String, Vec<String>>;

/// Reads a `file<TAB>turn<TAB>label` table with a header row.
pub fn read_labels(path: &Path) -> Result<LabelTable, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let mut table: HashMap<String, Vec<(u32, String)>> = HashMap::new();
    for (i, row) in text.lines().enumerate().skip(1) {
        if row.trim().is_empty() {
            continue;
        }
        let mut fields = row.splitn(3, '\t');
        let (Some(file), Some(turn), Some(label)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(format!(
                "{}:{}: expected file, turn and label separated by tabs",
                path.display(),
                i + 1
            ));
        };
        let turn: u32 = turn.parse().map_err(|_| {
            format!(
                "{}:{}: turn {turn:?} is not a number",
                path.display(),
                i + 1
            )
        })?;
        table
            .entry(file.to_string())
            .or_default()
            .push((turn, label.to_string()));
    }
    let mut by_name: LabelTable = table
        .into_iter()
        .map(|(file, mut rows)| {
            rows.sort_by_key(|(turn, _)| *turn);
            (file, rows.into_iter().map(|(_, label)| label).collect())
        })
        .collect();
    let by_id: Vec<(String, Vec<String>)> = by_name
        .iter()
        .map(|(file, labels)| (crate::corpus::id_from_path(Path::new(file)), labels.clone()))
        .filter(|(id, _)| !by_name.contains_key(id))
        .collect();
    by_name.extend(by_id);
    Ok(by_name)
}

/// Builds the report for a loaded corpus.
pub fn check(loaded: &Loaded, labels: Option<&LabelTable>) -> Report {
    let mut report = Report {
        files: loaded.files.len(),
        people: loaded.corpus.people.len(),
        ..Report::default()
    };
    for problem in &loaded.problems {
        report.errors += usize::from(problem.is_error);
        report.findings.push(Finding {
            file: problem.path.display().to_string(),
            line: problem.line,
            message: if problem.is_error {
                problem.message.clone()
            } else {
                format!("warning: {}", problem.message)
            },
        });
    }
    let mut agreement = LabelAgreement::default();
    for (transcript, path) in loaded.corpus.transcripts.iter().zip(&loaded.files) {
        let file = path.display().to_string();
        report.turns += transcript.turns().filter(|t| !t.continued).count();
        report.unclassified += transcript.unclassified.len();
        for line in &transcript.unclassified {
            report.findings.push(Finding {
                file: file.clone(),
                line: Some(line.line),
                message: format!("unclassified: {}", transcript.text(line)),
            });
        }
        for (line, message) in misplaced(transcript) {
            report.misplaced += 1;
            report.findings.push(Finding {
                file: file.clone(),
                line: Some(line),
                message,
            });
        }
        if let Some(table) = labels {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let expected = table
                .get(&name)
                .or_else(|| table.get(&transcript.id))
                .map(Vec::as_slice)
                .unwrap_or_default();
            let (found, findings) = compare_labels(&file, transcript, expected);
            agreement.agree += found.agree;
            agreement.total += found.total;
            agreement.unlabelled += found.unlabelled;
            report.findings.extend(findings);
        }
    }
    if labels.is_some() {
        report.labels = Some(agreement);
    }
    report
}

/// Turn paragraphs that look like a page element rather than speech: a
/// bare date line, the date under a linked title in a "See also" box, a
/// photo caption (credited, opening as captions do, or naming only who
/// is in the photo), an editor's note; and labels that are a caption's.
/// Every line is still held somewhere when the parser errs this way, so
/// the lossless rule cannot see it; this counts it instead. The tests
/// here are looser than the parser's, so what they find is for a person
/// to judge.
pub fn misplaced(transcript: &Transcript) -> Vec<(u32, String)> {
    let mut found = Vec::new();
    for turn in transcript.turns() {
        if turn
            .label
            .split_whitespace()
            .any(|w| w.trim_matches('.') == "Photo")
        {
            found.push((
                turn.label_line,
                format!(
                    "page element in speech ({}): a caption as a label?",
                    turn.label
                ),
            ));
        }
        for (i, paragraph) in turn.paragraphs.iter().enumerate() {
            // The words after a label are the speaker's, whatever they say
            // (`Artyom Rubanov: At the International Anti-Mine Centre.`).
            if paragraph.line == turn.label_line {
                continue;
            }
            let text = transcript.text(paragraph);
            let Some(what) = page_element(text, || {
                i.checked_sub(1)
                    .map(|before| transcript.text(&turn.paragraphs[before]))
            }) else {
                continue;
            };
            found.push((
                paragraph.line,
                format!("page element in speech ({}): {what}", turn.label),
            ));
        }
    }
    found
}

/// What a paragraph of speech looks like instead, if it looks like a page
/// element; `before` gives the paragraph before it.
fn page_element<'t>(text: &str, before: impl Fn() -> Option<&'t str>) -> Option<String> {
    use crate::parse::lines;
    if lines::parse_date(text).is_some() {
        return Some(match before() {
            Some(title) => format!("a linked title and its date? {title:?} / {text:?}"),
            None => format!("a date line {text:?}"),
        });
    }
    let caption = lines::is_credited_caption(text)
        || crate::parse::is_scene_caption(text)
        || crate::parse::names_only(text);
    if caption {
        return Some(format!("a photo caption? {text:?}"));
    }
    let note = text.starts_with('(')
        && (text.ends_with(")") || text.ends_with(")."))
        && text.split_whitespace().count() >= 6;
    note.then(|| format!("an editor's note? {text:?}"))
}

/// Labels compare with no-break spaces made plain and spaces collapsed.
fn normalise(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Aligns found and expected labels (longest common subsequence) and
/// lists what does not line up.
pub fn compare_labels(
    file: &str,
    transcript: &Transcript,
    expected: &[String],
) -> (LabelAgreement, Vec<Finding>) {
    let found: Vec<(u32, String, Option<String>)> = transcript
        .turns()
        .filter(|t| !t.continued)
        .map(|t| {
            let with_remark = t
                .remark
                .as_ref()
                .map(|r| normalise(&format!("{} ({r})", t.label)));
            (t.label_line, normalise(&t.label), with_remark)
        })
        .collect();
    let expected: Vec<String> = expected.iter().map(|l| normalise(l)).collect();
    let same = |f: &(u32, String, Option<String>), e: &String| f.1 == *e || f.2.as_ref() == Some(e);
    let (n, m) = (found.len(), expected.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if same(&found[i], &expected[j]) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut findings = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut agreement = LabelAgreement {
        total: m,
        ..LabelAgreement::default()
    };
    let line_near = |i: usize| found.get(i).or(found.last()).map(|f| f.0);
    while i < n || j < m {
        if i < n && j < m && same(&found[i], &expected[j]) {
            agreement.agree += 1;
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            findings.push(Finding {
                file: file.to_string(),
                line: line_near(i),
                message: format!("expected label {:?}, found none", expected[j]),
            });
            j += 1;
        } else {
            findings.push(Finding {
                file: file.to_string(),
                line: Some(found[i].0),
                message: format!("expected no label, found {:?}", found[i].1),
            });
            agreement.unlabelled += 1;
            i += 1;
        }
    }
    (agreement, findings)
}

/// Where a transcript breaks the lossless rule against its source text:
/// a non-blank line held nowhere, held by two elements, or held with other
/// words than the source has. Empty when every source word is accounted for.
pub fn lossless_violations(source: &str, transcript: &Transcript) -> Vec<(u32, String)> {
    let mut held: HashMap<u32, (Vec<usize>, Vec<String>)> = HashMap::new();
    for piece in transcript.pieces() {
        let entry = held.entry(piece.line).or_default();
        if !entry.0.contains(&piece.owner) {
            entry.0.push(piece.owner);
        }
        entry.1.extend(words(piece.text));
    }
    let mut violations = Vec::new();
    for (i, line) in source.lines().enumerate() {
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let expected = words(line);
        match held.remove(&no) {
            None if crate::parse::lines::trim(line).is_empty() => {}
            None => violations.push((no, "line not held anywhere".to_string())),
            Some((owners, _)) if owners.len() > 1 => {
                violations.push((no, format!("line held by {} elements", owners.len())))
            }
            Some((_, mut found)) => {
                let mut expected = expected;
                found.sort();
                expected.sort();
                if found != expected {
                    violations.push((
                        no,
                        format!("words differ: source {expected:?}, held {found:?}"),
                    ));
                }
            }
        }
    }
    for line in held.into_keys() {
        violations.push((line, "held text has no source line".to_string()));
    }
    violations.sort();
    violations
}

/// The words of a text: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}
