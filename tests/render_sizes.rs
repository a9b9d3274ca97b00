//! Drawing never panics, whatever the screen size, pane, popup or corpus.
//! The quick test samples sizes; the full sweep (every size from 1x1 to
//! 300x100) is `cargo test --release --test render_sizes -- --ignored`.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use verbatim::app::{Action, App, Message};
use verbatim::corpus;
use verbatim::model::Corpus;
use verbatim::parse::parse_page;
use verbatim::search::Index;

fn corpora() -> Vec<(&'static str, Corpus)> {
    let largest =
        std::fs::read_to_string(common::shared("corpus/kremlin-en/2019-06-20_60795.txt")).unwrap();
    vec![
        ("empty", Corpus::default()),
        (
            "one line",
            corpus::assemble(vec![parse_page("one", "Events")]),
        ),
        (
            "largest",
            corpus::assemble(vec![parse_page("largest", &largest)]),
        ),
    ]
}

/// The states worth drawing: each pane focused, highlights, each popup,
/// and the search prompt with results.
fn states(corpus: &Corpus) -> Vec<App> {
    let index = Index::build(corpus);
    let mut out = Vec::new();
    let sequences: &[&[Action]] = &[
        &[],
        &[Action::FocusNextPane, Action::Select],
        &[
            Action::FocusPreviousPane,
            Action::HighlightCurrentSpeaker,
            Action::ToggleSpeakerFilter,
            Action::Bottom,
        ],
        &[Action::ToggleHelp, Action::PageDown],
        &[Action::ToggleInfo],
        &[Action::ToggleProblems],
        &[Action::OpenSearch],
    ];
    for sequence in sequences {
        let mut app = App::new(corpus.clone(), Vec::new());
        for action in *sequence {
            app.update(*action);
        }
        out.push(app);
    }
    // The prompt with an answer in it.
    let mut app = App::new(corpus.clone(), Vec::new());
    app.update(Action::OpenSearch);
    if let verbatim::app::Effect::Search(request) = app.update(Action::PromptInput('t')) {
        let answer = verbatim::search::answer(&index, corpus, &request, &|| false).unwrap();
        app.update(answer);
    }
    out.push(app);
    out
}

fn draw_all(sizes: impl Iterator<Item = (u16, u16)> + Clone) {
    for (name, corpus) in corpora() {
        for mut app in states(&corpus) {
            for (w, h) in sizes.clone() {
                app.update(Message::Resize {
                    width: w,
                    height: h,
                });
                // Moving after a resize exercises the scroll arithmetic at that size.
                app.update(Action::Down);
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    terminal.draw(|f| verbatim::ui::draw(f, &app)).unwrap();
                }));
                assert!(drawn.is_ok(), "{name}: drawing at {w}x{h} panicked");
            }
        }
    }
}

#[test]
fn sampled_sizes_never_panic() {
    let sizes: Vec<(u16, u16)> = (1..=300u16)
        .step_by(37)
        .flat_map(|w| (1..=100u16).step_by(17).map(move |h| (w, h)))
        .chain([(1, 1), (80, 24), (79, 23), (2, 300), (1000, 2), (1000, 400)])
        .collect();
    draw_all(sizes.into_iter());
}

#[test]
#[ignore = "every size from 1x1 to 300x100; run in release"]
fn every_size_never_panics() {
    draw_all((1..=300u16).flat_map(|w| (1..=100u16).map(move |h| (w, h))));
}
