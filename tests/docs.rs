//! The README and the manual in docs/: every relative link resolves (to
//! a file, and to a heading where it names one), the README stays a
//! front page, and what the docs print matches what verbatim prints.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every page of docs/.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md")];
    for entry in std::fs::read_dir(root().join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    pages.sort();
    pages
}

/// Markdown outside code: fenced blocks and `code spans` are not links.
fn prose(markdown: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            let mut in_code = false;
            for c in line.chars() {
                if c == '`' {
                    in_code = !in_code;
                } else if !in_code {
                    out.push(c);
                }
            }
        }
        out.push('\n');
    }
    out
}

/// The targets of `[text](target)` and `![alt](target)` links.
fn links(markdown: &str) -> Vec<String> {
    let text = prose(markdown);
    let mut found = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        found.push(after[..end].to_string());
        rest = &after[end..];
    }
    found
}

/// A heading's anchor as GitHub makes it: lower case, spaces to
/// hyphens, other punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(markdown: &str) -> Vec<String> {
    let mut fenced = false;
    let mut found = Vec::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            found.push(anchor(line.trim_start_matches('#')));
        }
    }
    found
}

#[test]
fn anchors_are_made_as_github_makes_them() {
    assert_eq!(
        anchor(" Paragraph records (`verbatim-paragraph/1`)"),
        "paragraph-records-verbatim-paragraph1"
    );
    assert_eq!(
        anchor("Jumps, bookmarks, the mouse"),
        "jumps-bookmarks-the-mouse"
    );
    assert_eq!(
        links("see [a](b.md#c) and `[not](a link)`\n```\n[x](y)\n```\n![i](p.png)"),
        ["b.md#c", "p.png"]
    );
}

#[test]
fn every_relative_link_resolves() {
    let mut checked = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for link in links(&text) {
            if link.starts_with("http://") || link.starts_with("https://") {
                continue;
            }
            let (file, heading) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            assert!(target.exists(), "{}: {link}: no such file", page.display());
            if !heading.is_empty() {
                let target_text = std::fs::read_to_string(&target).unwrap();
                assert!(
                    anchors(&target_text).iter().any(|a| a == heading),
                    "{}: {link}: no such heading in {}",
                    page.display(),
                    target.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} links");
}

#[test]
fn the_readme_is_a_front_page_with_a_screenshot() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines < 200, "the README has {lines} lines");
    let pictures: Vec<String> = links(&readme)
        .into_iter()
        .filter(|l| l.ends_with(".png"))
        .collect();
    assert_eq!(pictures, ["docs/screenshot.png"]);
    let png = std::fs::read(root().join("docs/screenshot.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    // Each manual page is linked from the front page.
    for page in pages() {
        let name = page.file_name().unwrap().to_str().unwrap();
        if page.parent() == Some(&root().join("docs")) && name != "README.md" {
            assert!(
                readme.contains(&format!("(docs/{name})")),
                "{name} not linked"
            );
        }
    }
}

#[test]
fn the_readme_test_command_is_what_ci_runs() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    let command = readme
        .lines()
        .find(|l| l.starts_with("cargo test"))
        .and_then(|l| l.split('#').next())
        .map(str::trim)
        .expect("a test command in the README");
    assert!(
        ci.lines().any(|l| l.trim() == command),
        "{command:?} is not a line of .ci/run"
    );
}

#[test]
fn the_default_config_shown_is_the_one_verbatim_prints() {
    let docs = std::fs::read_to_string(root().join("docs/configuration.md")).unwrap();
    let shown = docs
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml block");
    let printed = Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(shown, String::from_utf8(printed.stdout).unwrap());
}

#[test]
fn the_paragraph_records_version_is_the_one_documented() {
    let format = std::fs::read_to_string(root().join("docs/format.md")).unwrap();
    let heading = format!("## Paragraph records (`{}`)", verbatim::record::VERSION);
    assert!(
        format.lines().any(|l| l == heading),
        "docs/format.md has no heading {heading:?}"
    );
}
