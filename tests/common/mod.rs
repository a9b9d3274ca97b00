//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// A folder of ../shared, which CI and every developer machine have beside
/// the project. Missing data fails the test loudly rather than skipping it.
pub fn shared(path: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(path);
    assert!(
        dir.exists(),
        "{} is missing: the tests read the real corpus from ../shared beside the project",
        dir.display()
    );
    dir
}

pub fn seed_text() -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/2022-08-19_putin-tokayev-sochi.txt"),
    )
    .expect("data/ holds the seed page")
}

/// The page files of a corpus folder, sorted.
pub fn pages(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus folder is readable")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// What the reader draws for `app` at its size, a line a row.
pub fn screen(app: &verbatim::app::App) -> String {
    use ratatui::{Terminal, backend::TestBackend};
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| verbatim::ui::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

pub mod site;
