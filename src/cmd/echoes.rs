//! `verbatim echoes`: where else a passage was said, by whom and when.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use verbatim::model::{Corpus, Transcript};
use verbatim::record::ParagraphRecord;
use verbatim::search::Index;
use verbatim::search::echoes::{Echo, EchoIndex};
use verbatim::text::safe;

/// Which passage: a paragraph of a loaded page, or any text.
pub enum Passage {
    At { file: String, line: u32 },
    Text(String),
}

/// A paragraph record with how it echoes the passage.
#[derive(Serialize)]
struct JsonEcho<'a> {
    #[serde(flatten)]
    paragraph: ParagraphRecord<'a>,
    /// Words of the longest run the two paragraphs share.
    words: usize,
    /// Events that share the rarest run the two have in common.
    events: usize,
    /// The earliest in the loaded corpus to say it.
    first: bool,
    /// Byte ranges of the shared run: in the passage, and in `text`.
    in_passage: [usize; 2],
    in_echo: [usize; 2],
    score: f64,
}

pub fn run(paths: &[PathBuf], passage: &Passage, limit: usize, json: bool) -> Result<ExitCode> {
    let loaded = match super::load_or_exit(paths) {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let corpus = &loaded.corpus;
    let index = Index::build(corpus);
    let echo_index = EchoIndex::build(corpus, &index);
    let (echoes, own_date) = match passage {
        Passage::At { file, line } => {
            let doc = match doc_at(corpus, &index, file, *line) {
                Ok(doc) => doc,
                Err(NotAt::File) => bail!(
                    "{file}: not among the transcripts read (give its folder or the file as PATH)"
                ),
                Err(NotAt::Line) => bail!("{file}:{line}: no paragraph is on that line"),
            };
            let d = index.docs()[doc as usize];
            let own = &corpus.transcripts[d.transcript as usize];
            (
                echo_index.of_doc(corpus, &index, doc, limit),
                own.date.clone(),
            )
        }
        Passage::Text(text) => (echo_index.of_text(corpus, &index, text, None, limit), None),
    };
    // The earliest to say it, of the passage's event and its echoes.
    let earliest = echoes
        .iter()
        .filter_map(|e| transcript_of(corpus, &index, e).date.clone())
        .chain(own_date)
        .min();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for echo in &echoes {
        let d = index.docs()[echo.doc as usize];
        let t = transcript_of(corpus, &index, echo);
        let Some(paragraph) = ParagraphRecord::of(corpus, t, d.block, d.paragraph) else {
            continue;
        };
        let first = t.date.is_some() && t.date == earliest;
        if json {
            let record = JsonEcho {
                paragraph,
                words: echo.words,
                events: echo.events,
                first,
                in_passage: [echo.in_passage.start, echo.in_passage.end],
                in_echo: [echo.in_echo.start, echo.in_echo.end],
                score: echo.score,
            };
            let line = serde_json::to_string(&record).context("cannot encode an echo")?;
            writeln!(out, "{}", verbatim::text::escape_json_controls(&line))
                .context("cannot write to standard output")?;
        } else {
            // Where to find it: the file and line, and the page's address.
            let mut place = format!(
                "{}:{}",
                paragraph.file.unwrap_or(paragraph.transcript),
                paragraph.line
            );
            if let Some(url) = &paragraph.url {
                place.push_str(&format!(" {url}"));
            }
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}, {}{}\t{}",
                paragraph.date.unwrap_or("undated   "),
                safe(paragraph.speaker.unwrap_or("(narration)")),
                safe(paragraph.title),
                safe(&place),
                verbatim::text::count(echo.words, "word"),
                verbatim::text::count(echo.events, "event"),
                if first { ", said first" } else { "" },
                safe(&paragraph.text[echo.in_echo.clone()])
            )
            .context("cannot write to standard output")?;
        }
    }
    out.flush().context("cannot write to standard output")?;
    Ok(if echoes.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn transcript_of<'c>(corpus: &'c Corpus, index: &Index, echo: &Echo) -> &'c Transcript {
    &corpus.transcripts[index.docs()[echo.doc as usize].transcript as usize]
}

/// Why `--at` names no paragraph.
enum NotAt {
    /// No transcript read is that file.
    File,
    /// The file's transcript has no paragraph starting on that line.
    Line,
}

/// The paragraph on `line` of the page `file` names: by its path inside
/// the folder given, its file name, or its transcript id.
fn doc_at(corpus: &Corpus, index: &Index, file: &str, line: u32) -> Result<u32, NotAt> {
    let path = std::path::Path::new(file);
    let name = path.file_name().ok_or(NotAt::File)?.to_string_lossy();
    let stem = path.file_stem().ok_or(NotAt::File)?.to_string_lossy();
    let transcript = corpus
        .transcripts
        .iter()
        .position(|t| {
            t.source
                .as_deref()
                .is_some_and(|s| s == file || file.ends_with(s) || s.ends_with(&*name))
                || t.id == stem
                || t.id == name
                || verbatim::corpus::id_from_path(path) == t.id
        })
        .ok_or(NotAt::File)? as u32;
    index
        .docs()
        .iter()
        .position(|d| {
            d.transcript == transcript
                && corpus.transcripts[transcript as usize]
                    .searchable_at(d.block, d.paragraph)
                    .is_some_and(|l| l.line == line)
        })
        .map(|at| at as u32)
        .ok_or(NotAt::Line)
}
