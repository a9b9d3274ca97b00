//! The preview of the selected search hit: its event's title and date,
//! and the hit among the paragraphs around it, the match marked, the
//! speaker always on screen. Only the blocks near the hit are laid out,
//! so moving through the list costs the same in any transcript.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block as Border, Borders, Clear, Paragraph};

use super::dialogue::{Marks, view_lines};
use super::{fit, style};
use crate::app::App;
use crate::app::dialogue::{self, DialogueView, Position};
use crate::search::Located;

/// Blocks laid out on each side of the hit's.
const REACH: usize = 6;

pub fn draw(frame: &mut Frame, app: &App, hit: Option<&Located>, rect: Rect) {
    frame.render_widget(Clear, rect);
    // With no hit, the space is still the search's, not the panes'.
    let Some((hit, t)) = hit.and_then(|h| Some((h, app.corpus.transcripts.get(h.transcript)?)))
    else {
        let border = Border::default()
            .borders(Borders::ALL)
            .border_style(style::border(app, false))
            .title(" Preview ");
        let inner = border.inner(rect);
        frame.render_widget(border, rect);
        frame.render_widget(
            Paragraph::new("no hit to preview").style(style::dim()),
            inner,
        );
        return;
    };
    let date = t.date.as_deref().unwrap_or("undated");
    let room = usize::from(rect.width).saturating_sub(date.len() + 8);
    let border = Border::default()
        .borders(Borders::ALL)
        .border_style(style::border(app, false))
        .title(format!(" {} · {date} ", fit(t.title_text(), room)));
    let inner = border.inner(rect);
    frame.render_widget(border, rect);
    let (items, at) = dialogue::items_around(t, hit.block, hit.paragraph, REACH);
    // The hit a third of the way down, what led to it above.
    let above = (inner.height / 3) as isize;
    let pos = dialogue::scroll(
        t,
        &items,
        Position { item: at, row: 0 },
        -above,
        inner.width,
    );
    let view = DialogueView::showing(items, pos);
    let lines = view_lines(app, t, &view, inner, Marks::Hit(hit));
    frame.render_widget(Paragraph::new(lines), inner);
}
