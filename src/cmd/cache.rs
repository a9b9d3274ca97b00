//! `verbatim cache info` and `verbatim cache clear`: what the cache holds
//! and where, and removing it.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use verbatim::cache;
use verbatim::text::{group_digits, safe};

#[derive(Debug, Clone, clap::Subcommand)]
pub enum Action {
    /// Where the cache is, and for each file its folders, files and size.
    Info,
    /// Parse and index PATHs into the cache now (the reader does it on
    /// its first start; a script that searches many times does it first).
    Build {
        /// Folders or page files, as given to the reader or to search.
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
    },
    /// Remove every cache file (the next start parses again).
    Clear,
}

pub fn run(action: Action) -> Result<ExitCode> {
    let Some(dir) = cache::dir() else {
        bail!("no cache folder: neither XDG_CACHE_HOME nor HOME is set");
    };
    if let Action::Build { paths } = &action {
        let opened = cache::open(paths, &dir);
        let corpus = &opened.loaded.corpus;
        // Each problem said once: `nothing_read` says them too.
        if corpus.transcripts.is_empty() {
            return Ok(super::nothing_read(&opened.loaded.problems));
        }
        super::report_problems(&opened.loaded.problems);
        if let Some(notice) = &opened.notice {
            eprintln!("{}", safe(notice));
        }
        match opened.pending {
            Some(pending) => {
                let index = verbatim::search::Index::build(corpus);
                if let Err(why) = pending.write(corpus, &index) {
                    bail!("{why}");
                }
                println!(
                    "cached {}",
                    verbatim::text::count(corpus.transcripts.len(), "transcript")
                );
            }
            None if opened.index.is_some() => println!("the cache is current"),
            // Standard input, JSON corpora: nothing the cache keeps.
            None => bail!("these paths are not cached (standard input or JSON corpora)"),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let infos = cache::list(&dir);
    match action {
        Action::Info => {
            println!("{}", safe(&dir.display().to_string()));
            if infos.is_empty() {
                println!("  (empty)");
            }
            for info in &infos {
                let size = format!("{} MB", group_digits((info.bytes / 1_000_000) as usize));
                let name = info.path.file_name().unwrap_or_default().to_string_lossy();
                match &info.state {
                    Ok((roots, files)) => {
                        let roots: Vec<String> = roots
                            .iter()
                            .map(|r| safe(&r.display().to_string()).into_owned())
                            .collect();
                        println!(
                            "  {}  {size}  {} of {}",
                            safe(&name),
                            verbatim::text::count(*files, "file"),
                            roots.join(", ")
                        );
                    }
                    Err(why) => println!(
                        "  {}  {size}  {} (rebuilt on next use)",
                        safe(&name),
                        safe(why)
                    ),
                }
            }
        }
        Action::Clear => {
            for info in &infos {
                std::fs::remove_file(&info.path)
                    .with_context(|| format!("cannot remove {}", info.path.display()))?;
            }
            println!(
                "removed {} from {}",
                verbatim::text::count(infos.len(), "cache file"),
                safe(&dir.display().to_string())
            );
        }
        Action::Build { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}
