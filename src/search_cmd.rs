//! `verbatim search`: ranked results on stdout, one per line, for pipes.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;

use verbatim::model::{Block, Corpus, Speaker};
use verbatim::search::excerpt::excerpt;
use verbatim::search::{Index, Query};
use verbatim::text::safe;

/// Characters of paragraph shown around the match.
const EXCERPT: usize = 160;

#[derive(Serialize)]
struct JsonHit<'a> {
    transcript: &'a str,
    file: Option<&'a str>,
    line: u32,
    block: u32,
    paragraph: u32,
    speaker: Option<&'a Speaker>,
    score: i32,
    /// Byte ranges of the matched characters in `text`.
    ranges: Vec<[usize; 2]>,
    text: &'a str,
}

pub fn run(
    query: &str,
    paths: &[PathBuf],
    speaker: Option<&str>,
    limit: usize,
    json: bool,
) -> Result<ExitCode> {
    let (corpus, problems) = crate::cli::load(paths);
    crate::cli::report_problems(&problems);
    if corpus.transcripts.is_empty() {
        eprintln!("verbatim: no transcript could be read");
        return Ok(ExitCode::FAILURE);
    }
    let mut query = Query::parse(query);
    if let Some(name) = speaker {
        query
            .speakers
            .extend(verbatim::search::words::fold_words(name));
    }
    let index = Index::build(&corpus);
    let results = index
        .search(&corpus, &query, None, limit, &|| false)
        .unwrap_or_default();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for hit in &results.hits {
        let doc = index.docs()[hit.doc as usize];
        let transcript = &corpus.transcripts[doc.transcript as usize];
        let block = &transcript.blocks[doc.block as usize];
        let (speaker, line) = match block {
            Block::Turn(turn) => (
                Some(&turn.speaker),
                turn.paragraphs[doc.paragraph as usize].line,
            ),
            Block::Narration { paragraphs } => (None, paragraphs[doc.paragraph as usize].line),
            _ => (None, 0),
        };
        let text = index.text(&corpus, hit.doc);
        if json {
            let record = JsonHit {
                transcript: &transcript.id,
                file: transcript.source.as_deref(),
                line,
                block: doc.block,
                paragraph: doc.paragraph,
                speaker,
                score: hit.score,
                ranges: hit.ranges.iter().map(|r| [r.start, r.end]).collect(),
                text,
            };
            let line = serde_json::to_string(&record).context("cannot encode a result")?;
            writeln!(out, "{}", verbatim::text::escape_json_controls(&line))
                .context("cannot write to standard output")?;
        } else {
            let (shown, _) = excerpt(text, &hit.ranges, EXCERPT);
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                transcript.date.as_deref().unwrap_or("----------"),
                safe(&speaker_name(&corpus, speaker)),
                safe(transcript.title_text()),
                safe(&shown)
            )
            .context("cannot write to standard output")?;
        }
    }
    out.flush().ok();
    Ok(ExitCode::SUCCESS)
}

fn speaker_name(corpus: &Corpus, speaker: Option<&Speaker>) -> String {
    match speaker {
        Some(Speaker::Person(id)) => corpus
            .people
            .iter()
            .find(|p| p.id == *id)
            .map_or_else(|| id.clone(), |p| p.name.clone()),
        Some(Speaker::Voice(v)) => v.clone(),
        None => "(narration)".to_string(),
    }
}
