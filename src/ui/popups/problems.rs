//! The problems popup: files that failed to load, and warnings.

use ratatui::text::Line;

use crate::app::App;
use crate::text::safe;

pub fn lines(app: &App) -> Vec<Line<'static>> {
    if app.problems.is_empty() {
        return vec![Line::raw("every file loaded")];
    }
    app.problems
        .iter()
        .map(|p| {
            let kind = if p.is_error { "error" } else { "warning" };
            Line::raw(format!("{kind}: {}", safe(&p.to_string())))
        })
        .collect()
}
