//! The dialogue pane: header, headings and turns, wrapped to the pane's
//! width. Only the items from the scroll position down to the bottom edge
//! are wrapped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use std::ops::Range;

use super::{fit, pane_block, style};
use crate::app::dialogue::{self, DialogueView, Item};
use crate::app::{Action, App, Mode, Pane, layout};
use crate::model::{Block, Transcript};
use crate::search::Located;

pub fn draw(frame: &mut Frame, app: &App, rect: Rect) {
    let mut title = " Dialogue ".to_string();
    if app.filter
        && let Some(h) = &app.highlight
    {
        title = format!(" Dialogue: only {} ", fit(app.speaker_name(h), 30));
    }
    frame.render_widget(pane_block(app, Pane::Dialogue, title), rect);
    let inner = layout::inner(rect);
    let Some(t) = app.transcript() else { return };
    let mut lines: Vec<Line> = Vec::new();
    // Moved to an event where the filtered speaker has no turn: say so
    // rather than show an empty pane.
    if app.filter
        && app.dialogue.turns().is_empty()
        && let Some(h) = &app.highlight
    {
        let all = app.keys.hint(Mode::Normal, Action::ToggleSpeakerFilter);
        lines.push(Line::styled(
            fit(
                &format!(
                    "{} does not speak in this event; {all} shows everyone",
                    app.speaker_name(h)
                ),
                usize::from(inner.width),
            ),
            style::dim(),
        ));
    }
    lines.extend(view_lines(app, t, &app.dialogue, inner, Marks::Found));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Which search matches a paragraph shows.
#[derive(Clone, Copy)]
pub enum Marks<'a> {
    /// The accepted search's, in the open event.
    Found,
    /// This one hit's (the preview's).
    Hit(&'a Located),
}

/// The rows of a view of a transcript that fill `inner`, from its scroll
/// position: a sticky speaker line first when the top words' speaker line
/// is scrolled off, then the items, the current paragraph marked.
pub fn view_lines(
    app: &App,
    t: &Transcript,
    view: &DialogueView,
    inner: Rect,
    marks: Marks,
) -> Vec<Line<'static>> {
    let height = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    if let Some(block) = view.sticky_turn(t)
        && inner.height > 1
    {
        let head = item_lines(app, t, Item::TurnHead(block), inner.width, marks);
        let sticky = head
            .into_iter()
            .map(|line| line.patch_style(Style::new().add_modifier(Modifier::UNDERLINED)));
        lines.extend(sticky.take(1));
    }
    let mut skip = view.pos.row;
    for (at, item) in view.items.iter().enumerate().skip(view.pos.item) {
        if lines.len() >= height {
            break;
        }
        let mut rows = item_lines(app, t, *item, inner.width, marks);
        if view.is_selected(at) {
            rows = rows.into_iter().map(|row| mark_current(app, row)).collect();
        }
        lines.extend(rows.into_iter().skip(skip).take(height - lines.len()));
        skip = 0;
    }
    lines
}

/// A row of the current paragraph (or of a selection): a bar in the
/// gutter's second column, beside any speaker highlight in the first.
fn mark_current(app: &App, mut row: Line<'static>) -> Line<'static> {
    if let Some(gutter) = row.spans.first_mut() {
        let first: String = gutter.content.chars().take(1).collect();
        let style = gutter.style;
        *gutter = Span::styled(first, style);
        row.spans.insert(1, Span::styled("▎", style::current(app)));
    }
    row
}

fn item_lines(
    app: &App,
    t: &Transcript,
    item: Item,
    width: u16,
    marks: Marks,
) -> Vec<Line<'static>> {
    let text_width = width.saturating_sub(dialogue::text_indent(t));
    let highlighted =
        dialogue::speaker_of(t, item).is_some_and(|s| app.highlight.as_ref() == Some(s));
    let gutter = || -> Span<'static> {
        match dialogue::speaker_of(t, item) {
            Some(s) if highlighted => Span::styled("▌ ", style::speaker(app, s)),
            _ => Span::raw("  "),
        }
    };
    match item {
        Item::Gap => vec![Line::raw("")],
        Item::Header => {
            let mut lines: Vec<Line> = dialogue::wrap(t.title_text(), width)
                .into_iter()
                .map(|row| Line::styled(row, Style::new().add_modifier(Modifier::BOLD)))
                .collect();
            let meta: Vec<&str> = [
                t.date.as_deref(),
                t.time.as_ref().map(|l| t.text(l)),
                t.place.as_ref().map(|l| t.text(l)),
            ]
            .into_iter()
            .flatten()
            .collect();
            let mut meta: Vec<String> = meta.into_iter().map(str::to_string).collect();
            // A recording's length, where a page would give its time and place.
            if let Some(last) = t.timings.last() {
                let end = crate::model::Timing {
                    start_ms: last.end_ms,
                    ..*last
                };
                meta.push(format!("{} long", end.short_clock(t.runs_for_hours())));
            }
            let info = format!(
                "({}: info)",
                app.keys.hint(Mode::Normal, Action::ToggleInfo)
            );
            // The hint whole or not at all (never `(i: i…`); what is cut
            // of the place, the info popup shows.
            let width = usize::from(width);
            let meta = meta.join(" · ");
            let room = width.saturating_sub(info.chars().count() + 3);
            let row = if meta.is_empty() {
                fit(&info, width)
            } else if room >= 12 {
                format!("{}   {info}", fit(&meta, room))
            } else {
                fit(&meta, width)
            };
            lines.push(Line::styled(row, style::dim()));
            lines
        }
        Item::Heading(_) => dialogue::wrap(dialogue::item_text(t, item).unwrap_or(""), width)
            .into_iter()
            .map(|row| Line::styled(row, style::heading(app)))
            .collect(),
        Item::TurnHead(b) => {
            let Some(turn) = t.blocks.get(b).and_then(Block::as_turn) else {
                return vec![Line::raw("")];
            };
            let mut name_style = style::speaker(app, &turn.speaker);
            if highlighted {
                name_style = name_style.add_modifier(Modifier::REVERSED);
            }
            let name = app.speaker_name(&turn.speaker);
            let mut spans = vec![
                gutter(),
                Span::styled(fit(name, usize::from(width.saturating_sub(2))), name_style),
            ];
            let mut extra = Vec::new();
            if turn.continued {
                extra.push("continued".to_string());
            } else if let Some(role) = &turn.role {
                extra.push(role.clone());
            }
            if let Some(remark) = &turn.remark {
                extra.push(format!("({remark})"));
            }
            if !extra.is_empty() {
                let room = usize::from(width).saturating_sub(2 + name.chars().count() + 2);
                spans.push(Span::styled(
                    format!("  {}", fit(&extra.join(" "), room)),
                    style::dim(),
                ));
            }
            vec![Line::from(spans)]
        }
        Item::Paragraph { block, paragraph } => {
            let in_turn = matches!(t.blocks.get(block), Some(Block::Turn(_)));
            let indent = if in_turn { "  " } else { "" };
            let text_style = if in_turn {
                Style::new()
            } else {
                // Narration is the page's voice, not a speaker's.
                Style::new().add_modifier(Modifier::ITALIC)
            };
            let text = dialogue::item_text(t, item).unwrap_or("");
            let hit = match marks {
                Marks::Found => app.found_in(block, paragraph),
                Marks::Hit(hit) => {
                    Some(hit).filter(|h| h.block == block && h.paragraph == paragraph)
                }
            };
            let marks = hit
                .map(|hit| dialogue::char_ranges(text, &hit.ranges))
                .unwrap_or_default();
            let line = t.blocks[block].paragraphs()[paragraph].line;
            let clock = clock_cell(t, line);
            dialogue::wrap_with_offsets(text, text_width)
                .into_iter()
                .enumerate()
                .map(|(row_at, (row, start))| {
                    let mut spans = vec![gutter()];
                    if let Some(clock) = &clock {
                        // The time once, at the paragraph's first row.
                        let cell = if row_at == 0 {
                            clock.clone()
                        } else {
                            " ".repeat(clock.len())
                        };
                        spans.push(Span::styled(cell, style::dim()));
                    }
                    spans.push(Span::raw(indent));
                    spans.extend(marked_row(
                        &row,
                        start,
                        &marks,
                        (text_style, style::matched(app)),
                    ));
                    Line::from(spans)
                })
                .collect()
        }
        Item::Mark(_) => {
            let indent = " ".repeat(usize::from(dialogue::text_indent(t)));
            dialogue::wrap(dialogue::item_text(t, item).unwrap_or(""), text_width)
                .into_iter()
                .map(|row| {
                    Line::from(vec![
                        Span::raw(indent.clone()),
                        Span::styled(row, style::dim()),
                    ])
                })
                .collect()
        }
    }
}

/// A timed transcript's time code for a paragraph, padded to the gutter's
/// clock column; none for an untimed transcript.
fn clock_cell(t: &Transcript, line: crate::model::LineNo) -> Option<String> {
    let columns = usize::from(dialogue::clock_columns(t));
    if columns == 0 {
        return None;
    }
    let clock = t
        .timing_of(line)
        .map(|timing| timing.short_clock(t.runs_for_hours()))
        .unwrap_or_default();
    Some(format!("{clock:<columns$}"))
}

/// A wrapped row's spans, with the characters of search matches marked.
fn marked_row(
    row: &str,
    start: usize,
    marks: &[Range<usize>],
    (plain, matched): (Style, Style),
) -> Vec<Span<'static>> {
    let end = start + row.chars().count();
    let mut spans = Vec::new();
    let mut at = start;
    let byte = |char_at: usize| {
        row.char_indices()
            .nth(char_at - start)
            .map_or(row.len(), |(i, _)| i)
    };
    for mark in marks.iter().filter(|m| m.start < end && m.end > start) {
        let (from, to) = (mark.start.max(at), mark.end.min(end));
        if from < at {
            continue;
        }
        spans.push(Span::styled(row[byte(at)..byte(from)].to_string(), plain));
        spans.push(Span::styled(row[byte(from)..byte(to)].to_string(), matched));
        at = to;
    }
    spans.push(Span::styled(row[byte(at)..].to_string(), plain));
    spans
}
