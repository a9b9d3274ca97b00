//! The crate's layers, as docs/architecture.md draws them: only the
//! binary's outer code (src/tui.rs and the commands) knows the terminal
//! library; the app, the ui and everything under them do not.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_outer_code_knows_the_terminal_library() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let outer = ["main.rs", "tui.rs", "outside.rs", "cli.rs"];
    let mut inner = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        if outer.iter().any(|o| relative == Path::new(o)) || relative.starts_with("cmd") {
            continue;
        }
        inner += 1;
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !code.contains("crossterm"),
                "{}:{}: {line}",
                relative.display(),
                n + 1
            );
        }
    }
    assert!(inner > 40, "only {inner} inner files were read");
}
