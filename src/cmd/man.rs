//! `verbatim man`: the manual pages, verbatim(1) and one for each
//! subcommand, from the command line's definition, the reader's keymap
//! and what its files and variables are.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::CommandFactory;
use roff::{Roff, bold, italic, roman};

use crate::cli::{Cli, EXAMPLES, EXIT_STATUS};
use verbatim::app::keymap::{Keymap, Mode, help_rows};

/// One manual page: its name (`verbatim-search`) and its roff.
pub struct Page {
    pub name: String,
    pub roff: Vec<u8>,
}

pub fn run(command: Option<&str>, dir: Option<&Path>) -> Result<ExitCode> {
    let pages = pages().context("cannot render the man pages")?;
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for page in &pages {
            let path = dir.join(format!("{}.1", page.name));
            std::fs::write(&path, &page.roff)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let name = match command {
        Some(command) => format!("verbatim-{}", command.replace(' ', "-")),
        None => "verbatim".to_string(),
    };
    let Some(page) = pages.iter().find(|p| p.name == name) else {
        let names: Vec<&str> = pages
            .iter()
            .filter_map(|p| p.name.strip_prefix("verbatim-"))
            .collect();
        bail!(
            "no man page for {:?}; there are: {}",
            command.unwrap_or_default(),
            names.join(", ")
        );
    };
    super::write_stdout(&page.roff).context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// Every page: verbatim(1) first, then each subcommand's, nested ones
/// (`verbatim-cache-build`) after their parent's.
pub fn pages() -> std::io::Result<Vec<Page>> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut pages = Vec::new();
    let mut stack = vec![root];
    while let Some(cmd) = stack.pop() {
        let subcommands: Vec<clap::Command> = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .cloned()
            .collect();
        pages.push(page(&cmd)?);
        stack.extend(subcommands.into_iter().rev());
    }
    Ok(pages)
}

fn page(cmd: &clap::Command) -> std::io::Result<Page> {
    let name = cmd
        .get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string();
    let root = name == "verbatim";
    let man = clap_mangen::Man::new(cmd.clone())
        .manual("verbatim manual")
        .source(concat!("verbatim ", env!("CARGO_PKG_VERSION")));
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut out)?;
    }
    let mut more = Roff::new();
    if root {
        keys(&mut more);
    }
    examples(&mut more, &name);
    if root {
        exit_status(&mut more);
        files(&mut more);
        environment(&mut more);
    }
    see_also(&mut more, cmd, &name);
    out.write_all(more.render().as_bytes())?;
    if cmd.get_version().is_some() {
        man.render_version_section(&mut out)?;
    }
    Ok(Page { name, roff: out })
}

/// The reader's keys as the help popup lists them, from the default keymap
/// (a config file can change them; `?` in the reader shows those in force).
fn keys(roff: &mut Roff) {
    roff.control("SH", ["READER KEYS"]);
    roff.text([roman(
        "The defaults; a config file can change them, and ? in the reader lists the keys in force.",
    )]);
    let keymap = Keymap::default();
    for (mode, heading) in [
        (Mode::Normal, "The panes"),
        (
            Mode::Prompt,
            "The search prompt (other characters are typed)",
        ),
        (Mode::Popup, "A popup (other keys close it)"),
    ] {
        roff.control("SS", [heading]);
        for (keys, what) in help_rows(keymap.table(mode)) {
            roff.control("TP", []);
            roff.text([bold(plain_arrows(&keys))]);
            roff.text([roman(what)]);
        }
    }
}

/// `↓` as `Down`: a man page may be read where UTF-8 is not.
fn plain_arrows(keys: &str) -> String {
    keys.replace('↓', "Down")
        .replace('↑', "Up")
        .replace('←', "Left")
        .replace('→', "Right")
}

/// The examples that use this page's command, one a line, as written.
fn examples(roff: &mut Roff, name: &str) {
    let command = name.replace('-', " ");
    let lines: Vec<&str> = EXAMPLES
        .lines()
        .filter(|line| name == "verbatim" || mentions(line, &command))
        .collect();
    if lines.is_empty() {
        return;
    }
    roff.control("SH", ["EXAMPLES"]);
    // No filling: an example and its comment keep their columns.
    roff.control("nf", []);
    for line in lines {
        roff.text([roman(line.trim_start())]);
    }
    roff.control("fi", []);
}

/// Whether an example line runs `command` (`verbatim search`, not
/// `verbatim searches`).
fn mentions(line: &str, command: &str) -> bool {
    line.match_indices(command).any(|(at, _)| {
        line[at + command.len()..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ')
    })
}

fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    roff.text([roman(EXIT_STATUS)]);
}

fn entry(roff: &mut Roff, term: &str, meaning: &str) {
    roff.control("TP", []);
    roff.text([bold(term)]);
    roff.text([roman(meaning)]);
}

fn files(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    let rows = [
        (
            "$XDG_CONFIG_HOME/verbatim/config.toml".to_string(),
            "The config file (~/.config/verbatim/config.toml when XDG_CONFIG_HOME is unset): \
             keys, colours, the citation format, the clipboard command. \
             verbatim config prints the default, every entry commented."
                .to_string(),
        ),
        (
            "$XDG_DATA_HOME/verbatim/bookmarks.json".to_string(),
            "The bookmarks (~/.local/share/verbatim/ when XDG_DATA_HOME is unset), \
             changed under the lock bookmarks.json.lock."
                .to_string(),
        ),
        (
            format!("$XDG_DATA_HOME/verbatim/{}/", verbatim::sync::LIBRARY),
            "The library verbatim sync fills, one YYYY-MM-DD_ID.html a page; \
             what the reader, search, export and echoes read when given no PATH."
                .to_string(),
        ),
        (
            "$XDG_CACHE_HOME/verbatim/".to_string(),
            "The cache of parsed corpora and their index (~/.cache/verbatim/ when \
             XDG_CACHE_HOME is unset), one file for each set of folders opened; \
             verbatim cache info lists them, verbatim cache clear removes them."
                .to_string(),
        ),
    ];
    for (term, meaning) in rows {
        entry(roff, &term, &meaning);
    }
}

fn environment(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    let rows = [
        (
            "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME",
            "Where the config, the bookmarks and library, and the cache are (see FILES).",
        ),
        (
            "VERBATIM_CONFIG",
            "Another config file, as --config names one.",
        ),
        (
            "VERBATIM_NO_CACHE",
            "Set to anything but empty or 0: neither read nor write the cache, as --no-cache.",
        ),
        (
            "NO_COLOR",
            "Set to anything: no colours; bold, underline and italics tell roles apart.",
        ),
        (
            "BROWSER",
            "The command o opens an event's page with (else xdg-open, open or explorer).",
        ),
        (
            "HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY",
            "The proxy verbatim sync goes through, and the hosts it does not.",
        ),
    ];
    for (term, meaning) in rows {
        entry(roff, term, meaning);
    }
}

/// The other pages: from verbatim(1) each subcommand's, from a
/// subcommand's verbatim(1) and its own subcommands'.
fn see_also(roff: &mut Roff, cmd: &clap::Command, name: &str) {
    let mut names: Vec<String> = Vec::new();
    if let Some((parent, _)) = name.rsplit_once('-') {
        names.push(parent.to_string());
    }
    names.extend(
        cmd.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| format!("{name}-{}", s.get_name())),
    );
    if names.is_empty() {
        return;
    }
    roff.control("SH", ["SEE ALSO"]);
    let mut line = Vec::new();
    for (i, page) in names.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(bold(page.clone()));
        line.push(roman("(1)"));
    }
    line.push(roman("; the manual in the docs/ folder of the source, "));
    line.push(italic("docs/README.md"));
    line.push(roman("."));
    roff.text(line);
}
