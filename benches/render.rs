//! One frame of the reader, for a small and a huge transcript.
//! `cargo bench --bench render`; the two times should be about equal,
//! since only the visible dialogue items are laid out.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use verbatim::app::{Action, App, Message};
use verbatim::corpus;
use verbatim::parse::parse_page;

/// A generated page of `turns` turns of five paragraphs each.
fn page(turns: usize) -> String {
    let mut text = String::from("Events\nA long meeting\nJune 1, 2021\n12:00\nMoscow\n");
    for t in 0..turns {
        let speaker = if t % 2 == 0 {
            "Vladimir Putin"
        } else {
            "Dmitry Peskov"
        };
        text.push_str(&format!(
            "{speaker}: Turn {t} opens with a sentence about trade and investment.\n"
        ));
        for p in 0..4 {
            text.push_str(&format!(
                "Paragraph {p} of turn {t} goes on about cooperation, the economy, regions and the budget, long enough to wrap.\n"
            ));
        }
    }
    text
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("render one frame 120x40");
    for (name, turns) in [("20 paragraphs", 4), ("20,000 paragraphs", 4000)] {
        let corpus = corpus::assemble(vec![parse_page("bench", &page(turns))]);
        let mut app = App::new(corpus, Vec::new());
        app.update(Message::Resize {
            width: 120,
            height: 40,
        });
        app.update(Action::FocusNextPane);
        app.update(Action::FocusNextPane);
        // Scroll to the middle, where a naive layout would wrap everything above.
        for _ in 0..turns * 2 {
            app.update(Action::PageDown);
        }
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                terminal.draw(|f| verbatim::ui::draw(f, &app)).unwrap();
            });
        });
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
