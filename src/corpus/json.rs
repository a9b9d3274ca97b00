//! The JSON corpus file: `{"format": "verbatim/2", "people": [...], "transcripts": [...]}`.
//! Its fields are documented in docs/format.md.

use std::path::Path;

use serde::Deserialize;

use super::{LoadError, Problem};
use crate::model::{Corpus, FORMAT, READS};

/// Reads a corpus file, checking its format version before its shape so
/// that a newer file gets a clear message rather than a field error. What
/// it holds that the reader cannot use (a date that is not a date) comes
/// back as warnings.
pub fn read_corpus(path: &Path) -> Result<(Corpus, Vec<Problem>), Problem> {
    let problem = |line: Option<usize>, message: String| Problem {
        path: path.to_path_buf(),
        line: line.and_then(|l| u32::try_from(l).ok()),
        message,
        is_error: true,
    };
    let (text, _) = super::read_text(path).map_err(|e: LoadError| e.into_problem(path))?;
    // A podcast's JSON transcript is one transcript, not a corpus.
    if crate::parse::formats::format_of(Some("json"), &text)
        == Some(crate::parse::formats::Format::PodcastJson)
    {
        let id = super::id_from_path(path);
        let mut page =
            super::read::parse_file(path, &id, &text).map_err(|e| e.into_problem(path))?;
        page.transcript.source = path.file_name().map(|n| n.to_string_lossy().into_owned());
        return Ok((super::assemble(vec![page]), Vec::new()));
    }
    let mut corpus = from_json(&text).map_err(|e| match e {
        JsonError::Syntax { line, column, message } => problem(Some(line), format!("column {column}: {message}")),
        JsonError::Format(found) => problem(None, format!(
            "unsupported corpus format {found:?}; this verbatim reads {} (a newer verbatim may read it)",
            READS.iter().map(|f| format!("{f:?}")).collect::<Vec<_>>().join(" and ")
        )),
    })?;
    let warnings = undate_non_dates(&mut corpus)
        .into_iter()
        .map(|message| Problem {
            is_error: false,
            ..problem(None, message)
        })
        .collect();
    Ok((corpus, warnings))
}

/// Takes out the dates that are not `YYYY-MM-DD` dates, which nothing
/// could sort, filter or cite by: such a transcript is undated. Says
/// which, a line each.
pub fn undate_non_dates(corpus: &mut Corpus) -> Vec<String> {
    let mut said = Vec::new();
    for t in &mut corpus.transcripts {
        if let Some(date) = t.date.take_if(|d| !crate::text::is_iso_date(d)) {
            said.push(format!(
                "transcript {:?}: date {:?} is not a date (YYYY-MM-DD); shown as undated",
                crate::text::safe(&t.id),
                crate::text::safe(&date)
            ));
        }
    }
    said
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum JsonError {
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("unsupported corpus format {0:?}")]
    Format(String),
}

/// Parses corpus JSON text.
pub fn from_json(text: &str) -> Result<Corpus, JsonError> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
    }
    let syntax = |e: serde_json::Error| JsonError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    };
    let header: Header = serde_json::from_str(text).map_err(syntax)?;
    match header.format.as_deref() {
        Some(known) if READS.contains(&known) => {}
        Some(other) => return Err(JsonError::Format(other.to_string())),
        None => return Err(JsonError::Format("(missing)".to_string())),
    }
    // Read, an older corpus is in this version's shape, and written again
    // it says so.
    let mut corpus: Corpus = serde_json::from_str(text).map_err(syntax)?;
    corpus.format = FORMAT.to_string();
    Ok(corpus)
}

/// serde_json appends " at line L column C"; the caller prints its own.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// The corpus as pretty JSON, one field per line, for diffs and jq.
pub fn to_json(corpus: &Corpus) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(corpus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verbatim_1_box_loads_as_one_link() {
        let old = r#"{"format": "verbatim/1", "people": [], "transcripts": [{
            "id": "x",
            "title": {"line": 1, "text": "T"},
            "see_also": [{
                "heading": {"line": 2, "text": "See also"},
                "title": {"line": 3, "text": "Another meeting"},
                "date": {"line": 4, "text": "May 1, 2020"}
            }]
        }]}"#;
        let corpus = from_json(old).unwrap();
        let t = &corpus.transcripts[0];
        let links = &t.see_also[0].links;
        assert_eq!(links.len(), 1);
        assert_eq!(t.text(&links[0].title), "Another meeting");
        assert_eq!(t.text(links[0].date.as_ref().unwrap()), "May 1, 2020");
        // Written again, it is a verbatim/2 corpus that reads back the same.
        let again = from_json(&to_json(&corpus).unwrap()).unwrap();
        assert_eq!(again.format, FORMAT);
        assert_eq!(again.transcripts, corpus.transcripts);
    }

    #[test]
    fn an_unknown_format_is_refused_by_name() {
        let text = r#"{"format": "verbatim/9", "people": [], "transcripts": []}"#;
        assert_eq!(
            from_json(text),
            Err(JsonError::Format("verbatim/9".to_string()))
        );
    }
}
