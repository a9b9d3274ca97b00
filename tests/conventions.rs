//! The command line as scripts and shells expect it: no terminal, closed
//! pipes, exit statuses, `-` for standard input, completions, the man
//! page, and the config file.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use std::process::{Command, Output, Stdio};
use verbatim::app::keymap::Mode;

fn verbatim() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_verbatim"));
    // No user config or colour setting leaks in from the machine.
    command
        .env_remove("VERBATIM_CONFIG")
        .env("XDG_CONFIG_HOME", scratch("no-config"));
    command
}

fn run(args: &[&str]) -> Output {
    verbatim().args(args).stdin(Stdio::null()).output().unwrap()
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = verbatim()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("verbatim-conv-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_reader_without_a_terminal_says_so_in_one_line() {
    let out = run(&["data"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no screen codes in the file");
    assert_eq!(
        text(&out.stderr),
        "verbatim: the reader needs a terminal (standard output is not a terminal); \
         in a script use 'verbatim search QUERY PATH' or 'verbatim parse PATH'\n"
    );
}

/// Reads one line of a large output, closes the pipe, and returns how the
/// command ended.
fn first_line_then_close(args: &[&str]) -> (String, Output) {
    let mut child = verbatim()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (first, out)
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let archive = common::shared("corpus/kremlin-en-archive")
        .display()
        .to_string();
    for args in [
        vec!["search", "t", &archive, "--limit", "100000"],
        vec!["search", "t", &archive, "--limit", "100000", "--json"],
        vec!["parse", &archive],
    ] {
        let (first, out) = first_line_then_close(&args);
        assert!(!first.is_empty(), "{args:?}");
        assert_eq!(text(&out.stderr), "", "{args:?}");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn search_exits_like_grep() {
    assert_eq!(run(&["search", "trade", "data"]).status.code(), Some(0));
    let none = run(&["search", "zzqxq", "data"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    let missing = run(&["search", "trade", "no/such/folder"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no/such/folder: no such file or folder"));
}

#[test]
fn a_dash_reads_standard_input() {
    let page = common::seed_text();
    let out = with_stdin(&["check", "-"], page.as_bytes());
    assert_eq!(
        text(&out.stdout),
        "checked 1 file: 4 turns, 2 people, 0 unclassified lines, 0 page elements in speech, 0 errors\n"
    );
    let out = with_stdin(&["search", "longest border", "-"], page.as_bytes());
    assert!(
        text(&out.stdout).contains("Kassym-Jomart Tokayev"),
        "{}",
        text(&out.stderr)
    );
    // A corpus on standard input is told from a page by its first character.
    let corpus = with_stdin(&["parse", "-"], page.as_bytes()).stdout;
    let out = with_stdin(&["search", "longest border", "-"], &corpus);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Kassym-Jomart Tokayev"));
    let out = with_stdin(&["parse", "-"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error: -: empty file"));
}

#[test]
fn completions_are_scripts_a_shell_accepts() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        assert!(text(&out.stdout).contains("search"), "{shell}");
    }
    let script = scratch("completions").join("verbatim.bash");
    std::fs::write(&script, run(&["completions", "bash"]).stdout).unwrap();
    let checked = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(checked.status.success(), "{}", text(&checked.stderr));
}

/// A man page as man shows it, with groff's warnings.
fn man_shows(page: &Path) -> String {
    let has_man = Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        has_man,
        "man is needed for this test: apt-get install man-db (.ci/run does it)"
    );
    let out = Command::new("man")
        .args(["--warnings", "-l"])
        .arg(page)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "{}", page.display());
    // Bold and underline are overstrikes on a pipe.
    let shown = text(&out.stdout);
    let mut plain = String::new();
    for c in shown.chars() {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
    }
    plain
}

#[test]
fn every_man_page_named_exists_and_reads_cleanly() {
    let dir = scratch("man");
    let out = run(&["man", "--dir", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert!(written.contains(&"verbatim.1".to_string()), "{written:?}");
    assert!(
        written.contains(&"verbatim-cache-build.1".to_string()),
        "{written:?}"
    );
    let mut named = 0;
    for file in &written {
        let shown = man_shows(&dir.join(file));
        // Every page another names, `verbatim-search(1)`, is one written.
        for (at, _) in shown.match_indices("(1)") {
            let start = shown[..at]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |i| i + 1);
            let name = &shown[start..at];
            if name.starts_with("verbatim") {
                named += 1;
                assert!(
                    written.contains(&format!("{name}.1")),
                    "{file} names {name}(1), which is not written"
                );
            }
        }
        // `verbatim man PAGE` prints the same page.
        let sub = file.trim_end_matches(".1").trim_start_matches("verbatim");
        let sub: Vec<&str> = sub.split('-').filter(|s| !s.is_empty()).collect();
        let mut args = vec!["man"];
        args.extend(&sub);
        let printed = run(&args);
        assert_eq!(
            printed.stdout,
            std::fs::read(dir.join(file)).unwrap(),
            "{file}"
        );
    }
    assert!(named > 20, "only {named} pages named");
}

#[test]
fn the_man_page_has_the_keys_files_environment_and_examples_as_laid_out() {
    let dir = scratch("man-main");
    let page = dir.join("verbatim.1");
    std::fs::write(&page, run(&["man"]).stdout).unwrap();
    let shown = man_shows(&page);
    assert!(shown.contains("terminal reader for political transcripts"));
    // The reader's keys, each action as the help describes it.
    // Justified text has runs of spaces.
    let words = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    let keys = verbatim::app::keymap::Keymap::default();
    for mode in [Mode::Normal, Mode::Prompt, Mode::Popup] {
        for (_, what) in verbatim::app::keymap::help_rows(keys.table(mode)) {
            let first_words: String = what
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(words.contains(&first_words), "{what} missing");
        }
    }
    for needed in [
        "READER KEYS",
        "Ctrl-z",
        "FILES",
        "$XDG_CONFIG_HOME/verbatim/config.toml",
        "bookmarks.json",
        "$XDG_CACHE_HOME/verbatim/",
        "ENVIRONMENT",
        "NO_COLOR",
        "VERBATIM_CONFIG",
        "VERBATIM_NO_CACHE",
        "BROWSER",
        "HTTPS_PROXY",
        "EXIT STATUS",
        // An example and its comment keep their columns, and a dash stays
        // a dash that can be copied.
        "verbatim parse ~/kremlin/ -o corpus.json   one JSON corpus for jq or pandas",
    ] {
        assert!(shown.contains(needed), "{needed} missing:\n{shown}");
    }
    let search = dir.join("verbatim-search.1");
    std::fs::write(&search, run(&["man", "search"]).stdout).unwrap();
    let shown = man_shows(&search);
    assert!(shown.contains("verbatim search 'trade turnover' ~/kremlin/ | head"));
    assert!(!shown.contains("verbatim parse ~/kremlin/"), "{shown}");
    assert!(shown.contains("--limit"), "{shown}");
    let out = run(&["man", "nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no man page for \"nosuch\"; there are: parse, search"));
}

#[test]
fn help_ends_with_examples_and_exit_statuses() {
    let help = text(&run(&["--help"]).stdout);
    assert!(help.contains("Examples:\n  verbatim "), "{help}");
    assert!(
        help.trim_end().ends_with("be read, 2 on any other error."),
        "{help}"
    );
}

#[test]
fn verbatim_config_prints_a_file_that_reads_back() {
    let out = run(&["config"]);
    assert!(out.status.success());
    let file = text(&out.stdout);
    assert!(
        file.contains("# next turn of the highlighted speaker\nnext_turn_of_speaker = [\"]\"]")
    );
    let path = scratch("config-print").join("config.toml");
    std::fs::write(&path, &file).unwrap();
    // Read back by the reader's loader, it is the defaults.
    assert_eq!(
        verbatim::config::load(Some(&path)),
        Ok(verbatim::config::Settings::default())
    );
}

#[test]
fn a_bad_config_stops_the_reader_with_file_line_and_column() {
    let dir = scratch("bad-config");
    let path = dir.join("config.toml");
    std::fs::write(&path, "mouse = true\n[keys]\nquitt = [\"q\"]\n").unwrap();
    let shown = path.display().to_string();
    // The XDG place: verbatim/config.toml under $XDG_CONFIG_HOME.
    let xdg = scratch("xdg-bad");
    std::fs::create_dir_all(xdg.join("verbatim")).unwrap();
    std::fs::copy(&path, xdg.join("verbatim/config.toml")).unwrap();
    let reader_with = |variable: &str, value: &std::path::Path| {
        verbatim()
            .arg("data")
            .env(variable, value)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    for out in [
        run(&["--config", &shown, "data"]),
        reader_with("VERBATIM_CONFIG", &path),
        reader_with("XDG_CONFIG_HOME", &xdg),
    ] {
        assert_eq!(out.status.code(), Some(2));
        let message = text(&out.stderr);
        assert!(
            message.contains(":3:1: unknown action \"quitt\"; the actions are: quit, suspend,"),
            "{message}"
        );
    }
    let missing = run(&["--config", "no/such/config.toml", "data"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no/such/config.toml: cannot read:"));
}
