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
            "loading {} of {} files · {} MB · q quits",
            group_digits(done.min(total)),
            group_digits(total),
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
