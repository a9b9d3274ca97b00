//! `verbatim search`: ranked results on stdout, one per line, for pipes.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;

use verbatim::corpus;
use verbatim::model::{Block, Corpus, unspoken};
use verbatim::record::ParagraphRecord;
use verbatim::search::excerpt::excerpt;
use verbatim::search::facets::FacetTerm;
use verbatim::search::stream::{self, PageHit};
use verbatim::search::{Index, Query, Results};
use verbatim::text::safe;

/// Characters of paragraph shown around the match.
const EXCERPT: usize = 160;

/// A paragraph record with what the search found in it.
#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    paragraph: ParagraphRecord<'a>,
    score: i32,
    /// Byte ranges of the matched characters in `text`.
    ranges: Vec<[usize; 2]>,
}

/// The options that narrow a search as `@name` and facets in its query do.
#[derive(Debug, Default)]
pub struct Narrow {
    pub who_when: super::WhoWhen,
    pub topic: Option<String>,
    pub with: Option<String>,
    /// `--speech`: as `is:speech` in the query.
    pub speech: bool,
    pub order: verbatim::search::Order,
}

impl Narrow {
    /// Adds the options to a query as the words they stand for.
    pub fn apply(&self, query: &mut Query) {
        self.who_when.add_speaker(query);
        if self.speech {
            query.speech = Some(true);
        }
        query.order = self.order;
        // An empty end of a date range is an open one.
        let facets = [
            self.who_when.since.as_ref().map(|d| format!("date:{d}..")),
            self.who_when.until.as_ref().map(|d| format!("date:..{d}")),
            self.topic.as_ref().map(|t| format!("topic:{t}")),
            self.with.as_ref().map(|n| format!("with:{n}")),
        ];
        query.facets.extend(
            facets
                .into_iter()
                .flatten()
                .filter_map(|word| FacetTerm::parse(&word.replace(' ', "_"))),
        );
    }
}

pub fn run(
    query: &str,
    paths: &[PathBuf],
    narrow: &Narrow,
    (limit, json, no_cache): (usize, bool, bool),
) -> Result<ExitCode> {
    let mut query = Query::parse(query);
    narrow.apply(&mut query);
    // A current cache answers without reading a page: its index finds the
    // paragraphs to rank, and only their transcripts are decoded, while
    // the files are stat'ed to tell whether it is current.
    // Facets need every transcript decoded: streaming is faster then.
    let current = verbatim::cache::dir()
        .filter(|_| !no_cache && query.facets.is_empty())
        .and_then(|dir| {
            verbatim::cache::open_current(paths, &dir, |current| {
                let chosen = current.index.choose_ahead(&query, limit)?;
                let corpus = current.corpus(Some(&chosen.transcripts(&current.index)));
                Some((chosen, corpus.ok()?))
            })
        });
    let cached = current.and_then(|(current, ahead)| {
        let (chosen, corpus) = ahead?;
        let results = current.index.rank(&corpus, chosen, limit);
        let hits = indexed_hits(&corpus, &current.index, &results);
        Some((hits, current.problems, results.near))
    });
    let (files, problems) = if cached.is_some() {
        (Vec::new(), Vec::new())
    } else {
        corpus::collect_paths(paths)
    };
    // Page files stream through the cores; the bundled pages and JSON
    // corpora are read whole and go through the index.
    let streaming = !paths.is_empty() && !files.iter().any(|f| corpus::is_json(f));
    let (hits, problems, read_any, near) = if let Some((hits, problems, near)) = cached {
        (hits, problems, true, near)
    } else if streaming {
        let mut results = stream::search_files(&files, &query, limit);
        // Named as a loaded transcript's source is: inside the folder given.
        for hit in &mut results.hits {
            if let Some(source) = &mut hit.source {
                *source = corpus::source_of(std::path::Path::new(source), paths);
            }
        }
        let mut problems = problems;
        problems.append(&mut results.problems);
        let failed = problems.iter().filter(|p| p.is_error).count();
        (results.hits, problems, results.files > failed, results.near)
    } else {
        let loaded = if paths.is_empty() {
            super::load(paths)
        } else {
            corpus::load_files(files, problems, paths)
        };
        let index = Index::build(&loaded.corpus);
        let results = index
            .search(&loaded.corpus, &query, None, limit, &|| false)
            .unwrap_or_default();
        let hits = indexed_hits(&loaded.corpus, &index, &results);
        let read_any = !loaded.corpus.transcripts.is_empty();
        (hits, loaded.problems, read_any, results.near)
    };
    if !read_any {
        super::nothing_read(&problems);
        return Ok(ExitCode::from(2));
    }
    super::report_problems(&problems);
    if near {
        say_near_names(&hits, !query.speakers.is_empty());
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    for hit in &hits {
        if json {
            let record = JsonHit {
                paragraph: ParagraphRecord::of_hit(hit),
                score: hit.score,
                ranges: hit.ranges.iter().map(|r| [r.start, r.end]).collect(),
            };
            let line = serde_json::to_string(&record).context("cannot encode a result")?;
            writeln!(out, "{}", verbatim::text::escape_json_controls(&line))
                .context("cannot write to standard output")?;
        } else {
            let (shown, _) = excerpt(&hit.text, &hit.ranges, EXCERPT);
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                hit.date.as_deref().unwrap_or("undated   "),
                safe(
                    hit.speaker_name
                        .as_deref()
                        .unwrap_or_else(|| unspoken(hit.block, hit.paragraph))
                ),
                safe(&hit.title),
                safe(&shown)
            )
            .context("cannot write to standard output")?;
        }
    }
    out.flush().context("cannot write to standard output")?;
    // As grep: 0 when something was found, 1 when nothing.
    Ok(if hits.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Says on standard error that no exact name matched, and (for `@name`)
/// whose hits are printed instead, as `export --speaker` says it.
fn say_near_names(hits: &[PageHit], speakers: bool) {
    let mut names: Vec<&str> = hits
        .iter()
        .filter_map(|h| h.speaker_name.as_deref())
        .collect();
    names.sort_unstable();
    names.dedup();
    let whose = if speakers {
        format!(": {}", safe(&names.join(", ")))
    } else {
        String::new()
    };
    eprintln!("note: no one named exactly as asked has a match; these are of near names{whose}");
}

/// Hits from an in-memory corpus, in the streaming search's shape.
fn indexed_hits(corpus: &Corpus, index: &Index, results: &Results) -> Vec<PageHit> {
    results
        .hits
        .iter()
        .map(|hit| {
            let doc = index.docs()[hit.doc as usize];
            let transcript = &corpus.transcripts[doc.transcript as usize];
            let line = transcript
                .searchable_at(doc.block, doc.paragraph)
                .map_or(0, |l| l.line);
            let turn = transcript
                .blocks
                .get(doc.block as usize)
                .and_then(Block::as_turn);
            let speaker = turn.map(|turn| turn.speaker.clone());
            let role = turn
                .and_then(|turn| transcript.event_role(turn))
                .map(str::to_string);
            PageHit::new(
                hit.score,
                hit.ranges.clone(),
                index.text(corpus, hit.doc).to_string(),
                (line, doc.block, doc.paragraph),
                transcript,
                (
                    speaker.clone(),
                    speaker.as_ref().map(|s| corpus.speaker_name(s).to_string()),
                    role,
                ),
            )
        })
        .collect()
}
