//! `verbatim export`: paragraphs out to a spreadsheet (CSV), a script
//! (JSON lines) or notes (Markdown), filtered by speaker, date and query.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use verbatim::cite::long_date;
use verbatim::model::{Corpus, Transcript};
use verbatim::record::ParagraphRecord;
use verbatim::search::{Index, Query, SpeakerRule};
use verbatim::text::safe;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values (RFC 4180), a header row first.
    Csv,
    /// One JSON object a line.
    Jsonl,
    /// A document: a heading an event, each turn its speaker and paragraphs.
    Md,
}

/// What to export.
pub struct Filters {
    pub who_when: super::WhoWhen,
    pub query: Option<String>,
}

pub fn run(
    paths: &[PathBuf],
    format: Format,
    filters: &Filters,
    output: Option<PathBuf>,
) -> Result<ExitCode> {
    let loaded = match super::load_or_exit(paths) {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let corpus = &loaded.corpus;
    let records = select(corpus, filters);
    let write = |out: &mut dyn Write| match format {
        Format::Csv => write_csv(out, &records),
        Format::Jsonl => write_jsonl(out, &records),
        Format::Md => write_markdown(out, &records),
    };
    match &output {
        // Written whole or not at all: an interrupted run leaves the old file.
        Some(path) => verbatim::user_files::write_whole_with(path, write)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            write(&mut out)
                .and_then(|()| out.flush())
                .context("cannot write the export")?;
        }
    }
    // As search and grep: 0 when something was exported, 1 when nothing.
    Ok(if records.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The records the filters keep: in rank order for a query, else in
/// corpus order.
fn select<'c>(corpus: &'c Corpus, filters: &Filters) -> Vec<ParagraphRecord<'c>> {
    let mut query = Query::parse(filters.query.as_deref().unwrap_or(""));
    filters.who_when.add_speaker(&mut query);
    let rule = SpeakerRule::new(&query);
    // An exact name wins outright: `--speaker peskov` is the Peskovs, not
    // Yury Beskov; near names only when none is exact, and then it says so.
    let kept_names: Option<std::collections::HashSet<&str>> = rule.as_ref().map(|rule| {
        let mut names: Vec<&str> = corpus
            .transcripts
            .iter()
            .flat_map(|t| t.turns())
            .map(|turn| corpus.speaker_name(&turn.speaker))
            .collect();
        names.sort_unstable();
        names.dedup();
        let (kept, near) = rule.exact_first(names.iter().copied());
        let kept: std::collections::HashSet<&str> = names
            .into_iter()
            .zip(kept)
            .filter_map(|(name, k)| k.then_some(name))
            .collect();
        if near && !kept.is_empty() {
            let mut shown: Vec<&str> = kept.iter().copied().collect();
            shown.sort_unstable();
            eprintln!(
                "note: no speaker is named exactly {:?}; kept the near names: {}",
                query.speakers.join(" "),
                verbatim::text::safe(&shown.join(", "))
            );
        }
        kept
    });
    let (since, until) = (&filters.who_when.since, &filters.who_when.until);
    let in_dates = |t: &Transcript| match t.date.as_deref() {
        Some(date) => verbatim::search::facets::date_between(
            date,
            since.as_deref().unwrap_or(""),
            until.as_deref().unwrap_or(""),
        ),
        None => since.is_none() && until.is_none(),
    };
    let record = |t: &'c Transcript, block: u32, paragraph: u32| {
        ParagraphRecord::of(corpus, t, block, paragraph)
    };
    if !query.terms.is_empty() {
        let index = Index::build(corpus);
        let results = index
            .search(corpus, &query, None, usize::MAX, &|| false)
            .unwrap_or_default();
        return results
            .hits
            .iter()
            .map(|hit| index.docs()[hit.doc as usize])
            .filter(|doc| doc.block != verbatim::model::HEADER)
            .filter(|doc| {
                let Some(kept) = &kept_names else {
                    return true;
                };
                corpus.transcripts[doc.transcript as usize]
                    .blocks
                    .get(doc.block as usize)
                    .and_then(|b| b.as_turn())
                    .is_some_and(|turn| kept.contains(corpus.speaker_name(&turn.speaker)))
            })
            .filter_map(|doc| {
                let t = &corpus.transcripts[doc.transcript as usize];
                in_dates(t).then(|| record(t, doc.block, doc.paragraph))?
            })
            .collect();
    }
    corpus
        .transcripts
        .iter()
        .filter(|t| in_dates(t))
        .flat_map(|t| {
            t.searchable()
                .filter(|p| p.block != verbatim::model::HEADER)
                .filter(|p| match (&kept_names, p.speaker) {
                    (None, _) => true,
                    (Some(kept), Some(s)) => kept.contains(corpus.speaker_name(s)),
                    (Some(_), None) => false,
                })
                .filter_map(move |p| record(t, p.block, p.paragraph))
        })
        .collect()
}

fn write_csv(out: &mut (impl Write + ?Sized), records: &[ParagraphRecord]) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for record in records {
        writer.serialize(record).map_err(io_error)?;
    }
    if records.is_empty() {
        // The header alone, so that an empty export is still a table.
        writer
            .write_record(verbatim::record::FIELDS)
            .map_err(io_error)?;
    }
    writer.flush()
}

/// The csv writer's error as the io error under it, when it has one: a
/// closed pipe stays a closed pipe, which ends the export quietly.
fn io_error(error: csv::Error) -> std::io::Error {
    let message = error.to_string();
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        _ => std::io::Error::other(message),
    }
}

fn write_jsonl(
    out: &mut (impl Write + ?Sized),
    records: &[ParagraphRecord],
) -> std::io::Result<()> {
    for record in records {
        let line = serde_json::to_string(record)?;
        writeln!(out, "{}", verbatim::text::escape_json_controls(&line))?;
    }
    Ok(())
}

/// A heading an event (its date, place and link under it), then each
/// turn as its speaker in bold and their paragraphs.
fn write_markdown(
    out: &mut (impl Write + ?Sized),
    records: &[ParagraphRecord],
) -> std::io::Result<()> {
    let mut event: Option<&str> = None;
    let mut turn: Option<(&str, u32)> = None;
    for record in records {
        if event != Some(record.transcript) {
            event = Some(record.transcript);
            turn = None;
            writeln!(out, "## {}\n", safe(record.title))?;
            let about: Vec<String> = [
                record.date.map(long_date),
                record.place.map(|p| safe(p).into_owned()),
                record.url.as_ref().map(|u| format!("<{u}>")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !about.is_empty() {
                writeln!(out, "{}\n", about.join(" · "))?;
            }
        }
        if turn != Some((record.transcript, record.block)) {
            turn = Some((record.transcript, record.block));
            if let Some(speaker) = record.speaker {
                match record.role {
                    Some(role) => writeln!(out, "**{}**, {}:\n", safe(speaker), safe(role))?,
                    None => writeln!(out, "**{}**:\n", safe(speaker))?,
                }
            }
        }
        writeln!(out, "{}\n", safe(record.text))?;
    }
    Ok(())
}
