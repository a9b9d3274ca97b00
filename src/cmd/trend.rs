//! `verbatim trend`: a query's paragraphs counted by year or month, each
//! period's rate per 10,000 words said beside its raw count.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;

use verbatim::corpus;
use verbatim::search::trend::{self, By, Period, Trend};
use verbatim::search::{Index, Query};
use verbatim::text::{count, group_digits, safe};

/// How `trend` counts, beside its queries and paths.
#[derive(Debug, Default)]
pub struct Options {
    /// `--speaker`, `--since`, `--until` and `--speech`, as `search`
    /// takes them.
    pub narrow: super::search::Narrow,
    pub by: By,
    pub json: bool,
    pub no_cache: bool,
}

/// A period's counts for one query, as `--json` writes them.
#[derive(Serialize)]
struct JsonPeriod<'a> {
    query: &'a str,
    #[serde(flatten)]
    period: &'a Period,
    per_10k: f64,
}

/// Characters of the widest bar.
const BAR: usize = 30;

pub fn run(texts: &[String], paths: &[PathBuf], options: &Options) -> Result<ExitCode> {
    let queries: Vec<Query> = texts
        .iter()
        .map(|text| {
            let mut query = Query::parse(text);
            options.narrow.apply(&mut query);
            query
        })
        .collect();
    let Some(trends) = counted(&queries, paths, options) else {
        return Ok(ExitCode::from(2));
    };
    for (text, trend) in texts.iter().zip(&trends) {
        if trend.near {
            eprintln!(
                "note: no one named exactly as `{}` asks has a match; these are counts of near names",
                safe(text)
            );
        }
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    if options.json {
        for (text, trend) in texts.iter().zip(&trends) {
            for period in trend.periods.iter().chain(&trend.undated) {
                let line = serde_json::to_string(&JsonPeriod {
                    query: text,
                    period,
                    per_10k: (period.per_10k() * 1000.0).round() / 1000.0,
                })
                .context("cannot encode a period")?;
                writeln!(out, "{line}").context("cannot write to standard output")?;
            }
        }
    } else {
        write_table(&mut out, texts, &trends, options.by)
            .context("cannot write to standard output")?;
    }
    out.flush().context("cannot write to standard output")?;
    Ok(if trends.iter().all(|t| t.paragraphs() == 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Each query's counts, found as `search` finds its hits: from a current
/// cache when no query has facets (from the index alone, but for a
/// phrase's or a capital's matches, whose transcripts are read), else from
/// the page files streamed through the cores (the bundled pages and JSON
/// corpora read whole and indexed). `None` when nothing could be read
/// (said on standard error).
fn counted(queries: &[Query], paths: &[PathBuf], options: &Options) -> Option<Vec<Trend>> {
    let facets = queries.iter().any(|q| !q.facets.is_empty());
    let cached = verbatim::cache::dir()
        .filter(|_| !options.no_cache && !facets)
        .and_then(|dir| {
            verbatim::cache::open_current(paths, &dir, |current| {
                let chosen: Vec<_> = queries
                    .iter()
                    .map(|q| current.index.choose_all_ahead(q).unwrap_or_default())
                    .collect();
                let mut wanted: Vec<usize> = chosen
                    .iter()
                    .filter(|c| c.needs_text())
                    .flat_map(|c| c.transcripts(&current.index))
                    .collect();
                wanted.sort_unstable();
                wanted.dedup();
                let corpus = current.corpus(Some(&wanted)).ok()?;
                Some((chosen, corpus))
            })
        });
    if let Some((current, Some((chosen, corpus)))) = cached {
        super::report_problems(&current.problems);
        let trends = queries
            .iter()
            .zip(chosen)
            .map(|(q, chosen)| Trend::count(&current.index, &corpus, q, chosen, options.by))
            .collect();
        return Some(trends);
    }
    let (files, problems) = corpus::collect_paths(paths);
    if !paths.is_empty() && !files.iter().any(|f| corpus::is_json(f)) {
        let mut counted = trend::count_files(&files, queries, options.by);
        let mut problems = problems;
        problems.append(&mut counted.problems);
        let failed = problems.iter().filter(|p| p.is_error).count();
        if counted.files <= failed {
            super::nothing_read(&problems);
            return None;
        }
        super::report_problems(&problems);
        return Some(counted.trends);
    }
    let loaded = if paths.is_empty() {
        super::load(paths)
    } else {
        corpus::load_files(files, problems, paths)
    };
    if loaded.corpus.transcripts.is_empty() {
        super::nothing_read(&loaded.problems);
        return None;
    }
    super::report_problems(&loaded.problems);
    let index = Index::build(&loaded.corpus);
    Some(
        queries
            .iter()
            .map(|q| {
                let chosen = index.choose_all(&loaded.corpus, q);
                Trend::count(&index, &loaded.corpus, q, chosen, options.by)
            })
            .collect(),
    )
}

/// The counts side by side, a period a row, with what the rate means and,
/// for one query, a bar of its rate.
fn write_table(
    out: &mut impl Write,
    texts: &[String],
    trends: &[Trend],
    by: By,
) -> std::io::Result<()> {
    let periods = period_labels(trends);
    let one = trends.len() == 1;
    let widest = trends
        .iter()
        .flat_map(|t| &t.periods)
        .map(Period::per_10k)
        .fold(0.0, f64::max);
    write!(out, "{:<9}", by.name())?;
    for text in texts {
        write!(out, "  {:>39}", clip(&safe(text), 39))?;
    }
    writeln!(out)?;
    write!(out, "{:<9}", "")?;
    for _ in texts {
        write!(
            out,
            "  {:>10} {:>8} {:>11} {:>7}",
            "paragraphs", "matches", "words", "per 10k"
        )?;
    }
    writeln!(out)?;
    for label in &periods {
        write!(out, "{label:<9}")?;
        let mut rate = 0.0;
        for trend in trends {
            let period = trend
                .periods
                .iter()
                .chain(&trend.undated)
                .find(|p| &p.period == label);
            match period {
                Some(p) => {
                    rate = p.per_10k();
                    write!(
                        out,
                        "  {:>10} {:>8} {:>11} {:>7.2}",
                        group_digits(p.paragraphs as usize),
                        group_digits(p.matches as usize),
                        group_digits(p.words as usize),
                        rate
                    )?;
                }
                None => write!(out, "  {:>10} {:>8} {:>11} {:>7}", "", "", "", "")?,
            }
        }
        if one && widest > 0.0 && label != "undated" {
            let cells = (rate / widest * BAR as f64).round() as usize;
            write!(out, "  {}", "█".repeat(cells))?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "matches: times a paragraph holds the query (its scarcest word's uses); per 10k: matches per 10,000 words said in the {} (narration included, unless --speech or a speaker narrows them)",
        by.name()
    )?;
    for (text, trend) in texts.iter().zip(trends) {
        if let Some((first, peak)) = trend.first_and_peak() {
            writeln!(
                out,
                "{}: {}; first in {}, highest rate in {} ({:.2} per 10k)",
                safe(text),
                count(trend.paragraphs() as usize, "paragraph"),
                first.period,
                peak.period,
                peak.per_10k()
            )?;
        } else {
            writeln!(out, "{}: no paragraph matches", safe(text))?;
        }
    }
    Ok(())
}

/// Every period any trend has, in order, undated last.
fn period_labels(trends: &[Trend]) -> Vec<String> {
    let mut labels: Vec<String> = trends
        .iter()
        .flat_map(|t| t.periods.iter().map(|p| p.period.clone()))
        .collect();
    labels.sort_unstable();
    labels.dedup();
    if trends.iter().any(|t| t.undated.is_some()) {
        labels.push("undated".into());
    }
    labels
}

/// At most `width` characters, an ellipsis marking a cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}
