//! The screen while a corpus loads: drawn at once, with a gauge of the
//! files read (or transcripts taken from the cache) and the bytes so far.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Gauge, Paragraph};

use super::style;
use crate::text::group_digits;

pub fn draw(frame: &mut Frame, done: usize, total: usize, bytes: u64) {
    let area = frame.area();
    let [_, middle, _, status] = Layout::vertical([
        Constraint::Percentage(45),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled("verbatim", style::dim()).centered()),
        middle,
    );
    let label = if total == 0 {
        "looking for transcripts…".to_string()
    } else {
        format!(
            "loading {} of {} · {} MB · q quits",
            group_digits(done.min(total)),
            crate::text::count(total, "file"),
            group_digits((bytes / 1_000_000) as usize)
        )
    };
    let ratio = if total == 0 {
        0.0
    } else {
        (done as f64 / total as f64).min(1.0)
    };
    frame.render_widget(
        Gauge::default()
            .ratio(ratio)
            .label(label)
            .gauge_style(style::dim()),
        status,
    );
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn gauge(done: usize, total: usize) -> String {
        let mut terminal = Terminal::new(TestBackend::new(60, 5)).unwrap();
        terminal
            .draw(|frame| super::draw(frame, done, total, 2_500_000))
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..60).map(|x| buffer[(x, 4)].symbol()).collect()
    }

    #[test]
    fn the_gauge_counts_files_as_counts_are_written() {
        assert!(gauge(0, 1).contains("loading 0 of 1 file · 2 MB"));
        assert!(gauge(1_200, 35_925).contains("loading 1,200 of 35,925 files"));
    }
}
