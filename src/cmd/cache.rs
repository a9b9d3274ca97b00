//! `verbatim cache info` and `verbatim cache clear`: what the cache holds
//! and where, and removing it.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use verbatim::cache;
use verbatim::text::{group_digits, safe};

#[derive(Debug, Clone, Copy, clap::Subcommand)]
pub enum Action {
    /// Where the cache is, and for each file its folders, files and size.
    Info,
    /// Remove every cache file (the next start parses again).
    Clear,
}

pub fn run(action: Action) -> Result<ExitCode> {
    let Some(dir) = cache::dir() else {
        bail!("no cache folder: neither XDG_CACHE_HOME nor HOME is set");
    };
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
                            "  {}  {size}  {} files of {}",
                            safe(&name),
                            group_digits(*files),
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
    }
    Ok(ExitCode::SUCCESS)
}
