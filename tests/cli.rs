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
    assert_eq!(json["format"], "verbatim/1");
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
        "checked 1 files: 4 turns, 2 people, 0 unclassified lines, 0 errors"
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
        text.ends_with("checked 1 files: 4 turns, 2 people, 0 unclassified lines, 0 errors, 1 of 2 labels agree\n"),
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
            .ends_with("0 errors, 7899 of 7904 labels agree")
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
        text.ends_with("checked 1 files: 4 turns, 2 people, 0 unclassified lines, 1 errors\n"),
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
    assert_eq!(first["file"], "data/2022-08-19_putin-tokayev-sochi.txt");
    assert_eq!(first["line"], 20);
    assert_eq!(first["speaker"]["person"], "kassym-jomart-tokayev");
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
fn search_with_no_match_prints_nothing_and_succeeds() {
    let out = verbatim(&["search", "zzqx"]);
    assert!(out.status.success());
    assert!(stdout(&out).is_empty());
}
