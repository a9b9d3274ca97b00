//! The `verbatim` binary's headless commands: output, messages, exit codes.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn verbatim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("verbatim-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn parse_prints_a_versioned_corpus() {
    let out = verbatim(&["parse", "data"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["format"], "verbatim/3");
    assert_eq!(json["transcripts"][0]["date"], "2022-08-19");
    assert_eq!(
        json["transcripts"][0]["blocks"][1]["speaker"]["person"],
        "vladimir-putin"
    );
    assert_eq!(json["people"][0]["name"], "Vladimir Putin");
}

#[test]
fn parse_writes_a_file_that_loads_back() {
    let dir = scratch("roundtrip");
    let out_file = dir.join("c.json").display().to_string();
    assert!(
        verbatim(&["parse", "data", "-o", &out_file])
            .status
            .success()
    );
    let out = verbatim(&["check", &out_file]);
    assert_eq!(
        stdout(&out).trim(),
        "checked 1 file: 4 turns, 2 people, 0 unclassified lines, 0 page elements in speech, 0 errors"
    );
}

#[test]
fn check_summarises_and_compares_labels() {
    let dir = scratch("labels");
    let seed = write(&dir, "seed.txt", common::seed_text().as_bytes());
    let labels = write(
        &dir,
        "LABELS.tsv",
        b"file\tturn\tlabel\nseed.txt\t1\tPresident of Russia Vladimir Putin\nseed.txt\t2\tSomeone Else\n",
    );
    let out = verbatim(&["check", &seed, "--labels", &labels]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "{seed}:15: expected label \"Someone Else\", found none"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{seed}:15: expected no label, found \"President of Kazakhstan Kassym-Jomart Tokayev\""
        )),
        "{text}"
    );
    assert!(
        text.ends_with("checked 1 file: 4 turns, 2 people, 0 unclassified lines, 0 page elements in speech, 0 errors, 1 of 2 labels agree (1 not found, 3 turns the table does not label)\n"),
        "{text}"
    );
}

#[test]
fn check_runs_on_the_real_corpus() {
    let dir = common::shared("corpus/kremlin-en");
    let dir = dir.display().to_string();
    let out = verbatim(&["check", &dir, "--labels", &format!("{dir}/LABELS.tsv")]);
    assert!(out.status.success());
    assert!(
        stdout(&out)
            .lines()
            .last()
            .unwrap()
            .ends_with(
                "9 page elements in speech, 0 errors, 7,899 of 7,904 labels agree (5 not found, 152 turns the table does not label)"
            ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bad_inputs_name_the_file_and_fail() {
    let dir = scratch("bad");
    let empty = write(&dir, "empty.txt", b"");
    let binary = write(&dir, "binary.txt", b"Events\0\x01\x02");
    let cases = [
        (
            dir.join("missing.txt").display().to_string(),
            "no such file or folder",
        ),
        (empty, "empty file"),
        (binary, "binary file (NUL byte at offset 6)"),
    ];
    for (path, message) in cases {
        let out = verbatim(&["parse", &path]);
        assert_eq!(out.status.code(), Some(1), "{path}");
        assert!(
            stderr(&out).contains(&format!("error: {path}: {message}")),
            "{}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn invalid_utf8_loads_with_a_warning_naming_the_line() {
    let dir = scratch("utf8");
    let mut bytes = common::seed_text().into_bytes();
    let at = bytes.iter().position(|b| *b == b'\n').unwrap() + 1;
    bytes.insert(at, 0xFF);
    let path = write(&dir, "bad-utf8.txt", &bytes);
    let out = verbatim(&["parse", &path]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains(&format!("warning: {path}:2: invalid UTF-8")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn json_errors_give_position_and_version() {
    let dir = scratch("json");
    let broken = write(
        &dir,
        "broken.json",
        b"{\n  \"format\": \"verbatim/1\",\n  \"people\": [,]\n}",
    );
    let out = verbatim(&["check", &broken]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(&format!("{broken}:3: column 14:")),
        "{}",
        stdout(&out)
    );
    let newer = write(
        &dir,
        "newer.json",
        br#"{"format": "verbatim/9", "people": [], "transcripts": []}"#,
    );
    let out = verbatim(&["check", &newer]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("unsupported corpus format \"verbatim/9\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_folder_with_good_and_bad_files_reads_the_good_ones() {
    let dir = scratch("mixed");
    write(&dir, "good.txt", common::seed_text().as_bytes());
    write(&dir, "empty.txt", b"  \n");
    let out = verbatim(&["check", &dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("empty.txt: empty file"), "{text}");
    assert!(
        text.ends_with("checked 1 file: 4 turns, 2 people, 0 unclassified lines, 0 page elements in speech, 1 error\n"),
        "{text}"
    );
}

#[test]
fn search_prints_ranked_lines_for_pipes() {
    let out = verbatim(&["search", "trade", "--limit", "2"]);
    assert_eq!(stdout(&out).lines().count(), 2, "--limit caps the lines");
    let out = verbatim(&["search", "trade grow"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    let fields: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(
        fields[..3],
        [
            "2022-08-19",
            "Vladimir Putin",
            "Meeting with President of Kazakhstan Kassym-Jomart Tokayev"
        ]
    );
    assert!(fields[3].starts_with("Our trade is growing."));
}

#[test]
fn search_json_gives_places_and_match_ranges() {
    let out = verbatim(&[
        "search",
        "longest border",
        "data",
        "--json",
        "--speaker",
        "tokayev",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(first["transcript"], "2022-08-19_putin-tokayev-sochi");
    assert_eq!(first["file"], "2022-08-19_putin-tokayev-sochi.txt");
    assert_eq!(first["line"], 20);
    assert_eq!(first["speaker_id"], "kassym-jomart-tokayev");
    assert_eq!(first["speaker"], "Kassym-Jomart Tokayev");
    let text = first["text"].as_str().unwrap();
    let ranges: Vec<&str> = first["ranges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect();
    assert!(
        ranges.contains(&"longest") && ranges.contains(&"border"),
        "{ranges:?}"
    );
}

#[test]
fn search_with_no_match_prints_nothing_and_exits_1() {
    let out = verbatim(&["search", "zzqx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
}

/// The transcripts of a `parse` run, without the `source` field (which names the file).
fn parsed_blocks(path: &str) -> serde_json::Value {
    let out = verbatim(&["parse", path]);
    assert!(out.status.success(), "{path}: {}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json["transcripts"][0]["blocks"].clone()
}

#[test]
fn boms_and_line_endings_parse_like_plain_utf8() {
    let dir = scratch("encodings");
    let seed = common::seed_text();
    let plain = parsed_blocks(&write(&dir, "plain.txt", seed.as_bytes()));
    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend(seed.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(seed.encode_utf16().flat_map(u16::to_le_bytes));
    let crlf = seed.replace('\n', "\r\n");
    let cr = seed.replace('\n', "\r");
    for (name, bytes) in [
        ("bom.txt", utf8_bom),
        ("utf16.txt", utf16),
        ("crlf.txt", crlf.into_bytes()),
        ("cr.txt", cr.into_bytes()),
    ] {
        assert_eq!(parsed_blocks(&write(&dir, name, &bytes)), plain, "{name}");
    }
}

#[test]
fn a_huge_single_line_file_is_refused_quickly() {
    let dir = scratch("huge");
    let path = dir.join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    drop(file);
    let start = std::time::Instant::now();
    let out = verbatim(&["check", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("too large (104857600 bytes; the limit is 67108864)"),
        "{}",
        stdout(&out)
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn a_fifo_is_refused_not_waited_on() {
    let dir = scratch("fifo");
    let fifo = dir.join("pipe.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = verbatim(&["check", &fifo.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("not a regular file (a FIFO, socket or device); refusing to read it")
    );
    // Inside a folder too.
    write(&dir, "good.txt", common::seed_text().as_bytes());
    let out = verbatim(&["check", &dir.display().to_string()]);
    assert!(
        stdout(&out)
            .ends_with("checked 1 file: 4 turns, 2 people, 0 unclassified lines, 0 page elements in speech, 1 error\n")
    );
}

// Permissions and symbolic links as Unix has them.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    let dir = scratch("perm");
    let path = write(&dir, "secret.txt", common::seed_text().as_bytes());
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o000);
    std::fs::set_permissions(&path, permissions).unwrap();
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    // Root reads anything, so run as nobody.
    let out = Command::new("setpriv")
        .args([
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            env!("CARGO_BIN_EXE_verbatim"),
            "check",
            &path,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("{path}: cannot read: Permission denied")),
        "{}",
        stdout(&out)
    );
}

// Permissions and symbolic links as Unix has them.
#[cfg(unix)]
#[test]
fn a_symlink_loop_is_read_once_and_reported() {
    let dir = scratch("loop");
    write(&dir, "good.txt", common::seed_text().as_bytes());
    std::os::unix::fs::symlink(&dir, dir.join("again")).unwrap();
    let out = verbatim(&["check", &dir.display().to_string()]);
    let text = stdout(&out);
    assert!(
        text.contains("again: warning: folder already read (symbolic link loop); skipped"),
        "{text}"
    );
    assert!(
        text.ends_with("checked 1 file: 4 turns, 2 people, 0 unclassified lines, 0 page elements in speech, 0 errors\n"),
        "{text}"
    );
}

#[test]
fn an_empty_folder_is_an_error() {
    let dir = scratch("emptydir");
    let out = verbatim(&["check", &dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(
        "no transcripts (.txt, .html, .htm, .json, .vtt, .srt or .xml files) in this folder"
    ));
    let out = verbatim(&[&dir.display().to_string()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the reader does not open on nothing"
    );
    assert!(stderr(&out).contains("no transcript could be read"));
}

#[test]
fn command_line_output_carries_no_raw_escapes() {
    let dir = scratch("hostile-cli");
    let page = write(
        &dir,
        "hostile\u{1b}[31m.txt",
        "Events\nTitle \u{1b}]0;pwned\u{7}\nJune 1, 2021\n12:00\nEvil Person: trade \u{1b}[2J \u{9b}31m \u{202e}x\nmore\n".as_bytes(),
    );
    for args in [
        vec!["search", "trade", &page],
        vec!["check", &page],
        vec!["search", "trade", &page, "--json"],
    ] {
        let out = verbatim(&args);
        let all = [out.stdout, out.stderr].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n' && c != '\t')
                    || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{args:?}: {text:?}"
        );
    }
}

#[test]
fn event_titles_and_leads_are_searched() {
    let archive = common::shared("corpus/kremlin-en-archive");
    let out = verbatim(&["search", "torkunov", &archive.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.starts_with("2020-08-26\t(title)\tGreetings to Anatoly Torkunov"),
        "{text}"
    );
    assert!(text.contains("\t(lead)\t"), "{text}");
}

#[test]
fn speaker_names_forgive_typos_and_order() {
    let dir = common::shared("corpus/kremlin-en").display().to_string();
    for args in [
        vec!["search", "@peskvo", &dir],
        vec!["search", "thank", "--speaker", "peskvo", &dir],
        vec!["search", "thank", "--speaker", "Peskov Dmitry", &dir],
    ] {
        let out = verbatim(&args);
        let text = stdout(&out);
        let speakers: Vec<&str> = text.lines().filter_map(|l| l.split('\t').nth(1)).collect();
        assert!(!speakers.is_empty(), "{args:?} found nothing");
        assert!(
            speakers.iter().all(|s| *s == "Dmitry Peskov"),
            "{args:?}: {speakers:?}"
        );
    }
}

#[test]
fn an_empty_query_is_a_usage_error() {
    for query in ["", "   "] {
        let out = verbatim(&["search", query, "data"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stdout(&out).is_empty());
        assert!(
            stderr(&out).contains("the query is empty: give words to search for"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_mistyped_subcommand_is_named() {
    let out = verbatim(&["serach", "putin"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "verbatim: serach: no such file or folder, and no subcommand; did you mean 'verbatim search'?\n"
    );
    // A real folder of that name is opened, not second-guessed: here the
    // reader then needs a terminal, so only the message is checked.
    let out = verbatim(&["chek", "data"]);
    assert!(stderr(&out).contains("did you mean 'verbatim check'?"));
}

#[test]
fn every_export_format_ends_quietly_on_a_closed_pipe() {
    let dir = common::shared("corpus/kremlin-en").display().to_string();
    for format in ["csv", "jsonl", "md"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_verbatim"))
            .args(["export", &dir, "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // As `| head -1`: read a line's worth, then close the pipe.
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{format}: {:?}", out.status);
        assert_eq!(stderr(&out), "", "{format}");
    }
}

#[test]
fn a_date_that_is_not_a_date_is_a_usage_error() {
    for (option, value) in [
        ("--since", "banana"),
        ("--until", "2016-13"),
        ("--since", "16"),
    ] {
        let out = verbatim(&["search", "trade", option, value]);
        assert_eq!(out.status.code(), Some(2), "{option} {value}");
        assert!(
            stderr(&out).contains(&format!(
                "invalid value '{value}' for '{option} <DATE>': not a date"
            )),
            "{}",
            stderr(&out)
        );
        let out = verbatim(&["export", "-", option, value]);
        assert_eq!(out.status.code(), Some(2), "export {option} {value}");
    }
    // A year, a month and a day are dates.
    for value in ["2022", "2022-08", "2022-08-19"] {
        let out = verbatim(&["search", "Tokayev", "--since", value]);
        assert!(out.status.success(), "--since {value}: {}", stderr(&out));
    }
}

#[test]
fn export_and_echoes_fall_back_to_the_bundled_transcript_as_search_does() {
    // No library here: an empty data folder.
    let data = std::env::temp_dir().join(format!("verbatim-no-library-{}", std::process::id()));
    std::fs::create_dir_all(&data).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_verbatim"))
            .args(args)
            .env("XDG_DATA_HOME", &data)
            .output()
            .unwrap()
    };
    let searched = run(&["search", "common border", "--json", "--limit", "1"]);
    let exported = run(&["export", "--format", "jsonl"]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    let first: serde_json::Value =
        serde_json::from_str(stdout(&exported).lines().next().unwrap()).unwrap();
    let hit: serde_json::Value =
        serde_json::from_str(stdout(&searched).lines().next().unwrap()).unwrap();
    assert_eq!(
        first["transcript"], hit["transcript"],
        "one transcript for both"
    );
    // One event has no other to echo it: none found (1, as grep), not a
    // usage error (2) asking for a PATH.
    let echoed = run(&["echoes", "--text", "We are united by a common border"]);
    assert_eq!(echoed.status.code(), Some(1), "{}", stderr(&echoed));
    assert_eq!(stderr(&echoed), "");
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn options_are_offered_only_where_they_act() {
    // --no-cache acts on the reader and search, --config on the reader.
    for (args, option, offered) in [
        (&["search", "--help"][..], "--no-cache", true),
        (&["--help"][..], "--no-cache", true),
        (&["--help"][..], "--config", true),
        (&["export", "--help"][..], "--no-cache", false),
        (&["completions", "--help"][..], "--no-cache", false),
        (&["man", "--help"][..], "--config", false),
        (&["config", "--help"][..], "--config", false),
    ] {
        let help = stdout(&verbatim(args));
        assert_eq!(help.contains(option), offered, "{args:?} {option}:\n{help}");
    }
    let out = verbatim(&["completions", "bash", "--no-cache"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unexpected argument '--no-cache'"));
}

#[test]
fn echoes_at_a_file_not_read_says_so_and_at_a_line_without_a_paragraph_says_that() {
    let out = verbatim(&["echoes", "data", "--at", "nosuch.txt:5"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "verbatim: nosuch.txt: not among the transcripts read (give its folder or the file as PATH)\n"
    );
    let out = verbatim(&[
        "echoes",
        "data",
        "--at",
        "2022-08-19_putin-tokayev-sochi.txt:1",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "verbatim: 2022-08-19_putin-tokayev-sochi.txt:1: no paragraph is on that line\n"
    );
}

/// `search --json` (streaming the pages and from the cache), `export` and
/// `echoes --json` give a paragraph the one record of docs/format.md.
#[test]
fn every_json_output_writes_a_paragraph_alike() {
    let dir = common::shared("corpus/kremlin-en").display().to_string();
    let passage = "the tasks you set out in your Address to the Federal Assembly";
    let home = scratch("one-record");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_verbatim"))
            .args(args)
            .env("XDG_CACHE_HOME", &home)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let line = stdout(&out).lines().next().unwrap().to_string();
        serde_json::from_str::<serde_json::Value>(&line).unwrap()
    };
    let quoted = format!("\"{passage}\"");
    let streamed = run(&["search", &quoted, &dir, "--json", "--limit", "1"]);
    let exported = run(&["export", &dir, "--query", &quoted, "--format", "jsonl"]);
    let echoed = run(&["echoes", &dir, "--text", passage, "--json", "--limit", "1"]);
    let built = Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(["cache", "build", &dir])
        .env("XDG_CACHE_HOME", &home)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let cached = run(&["search", &quoted, &dir, "--json", "--limit", "1"]);
    assert_eq!(streamed["file"], "2018-12-25_59515.txt");
    assert_eq!(streamed["speaker"], "Sergei Mironov");
    assert_eq!(streamed["speaker_id"], "sergei-mironov");
    for field in verbatim::record::FIELDS {
        for (name, other) in [
            ("export", &exported),
            ("echoes", &echoed),
            ("cached search", &cached),
        ] {
            assert_eq!(streamed[field], other[field], "{field} of {name}");
            assert!(other.get(field).is_some(), "{name} has no {field}");
        }
    }
}
