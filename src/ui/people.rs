//! The people view: everyone with their figures, or one person's events
//! under their first and last appearance and a chart of turns a year.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Sparkline};
use unicode_width::UnicodeWidthStr;

use super::{fit, pad, style};
use crate::app::list::Cursor;
use crate::app::people::{PERSON_ROWS, PeopleView, ROWS};
use crate::app::{Action, App, Mode, layout};
use crate::model::Speaker;
use crate::search::appearances::{Appearances, PersonStat};
use crate::text::count;
use crate::text::group_digits;

pub fn draw(frame: &mut Frame, app: &App, view: &PeopleView, status: Rect) {
    let rect = layout::search_list(app.area);
    frame.render_widget(Clear, rect);
    let all = app.appearances();
    match view.person {
        Some((person, cursor)) => {
            draw_person(frame, app, &all.people[person], cursor, rect);
            draw_person_prompt(frame, app, &all.people[person], status);
        }
        None => {
            draw_list(frame, app, view, all, rect);
            draw_list_prompt(frame, app, view, status);
        }
    }
}

fn border(app: &App, title: String) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(style::border(app, true))
        .title(title)
}

fn person_name<'a>(app: &'a App, id: &'a str) -> &'a str {
    app.corpus.person_name(id)
}

fn role<'a>(app: &'a App, id: &str) -> &'a str {
    app.corpus
        .person(id)
        .and_then(|p| p.role.as_deref())
        .unwrap_or("")
}

/// Name, role, then events, turns and words right-aligned.
fn draw_list(frame: &mut Frame, app: &App, view: &PeopleView, all: &Appearances, rect: Rect) {
    let title = if view.shown.len() == all.people.len() {
        format!(" People ({}) ", group_digits(all.people.len()))
    } else {
        format!(
            " People ({} of {}) ",
            group_digits(view.shown.len()),
            group_digits(all.people.len())
        )
    };
    let block = border(app, title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = usize::from(inner.width);
    let rows: Vec<(usize, &PersonStat)> = view
        .shown
        .iter()
        .enumerate()
        .skip(view.cursor.offset)
        .take(ROWS.fit(inner.height))
        .map(|(at, person)| (at, &all.people[*person]))
        .collect();
    let figures: Vec<[String; 3]> = rows
        .iter()
        .map(|(_, stat)| {
            [
                group_digits(stat.events.len()),
                group_digits(stat.turns),
                group_digits(stat.words),
            ]
        })
        .collect();
    // Each figure's column as wide as its widest value on screen, and a
    // space before it: a number is never cut.
    let labels = ["events", "turns", "words"];
    let columns: Vec<usize> = (0..3)
        .map(|i| {
            let widest = figures.iter().map(|f| f[i].width()).max().unwrap_or(0);
            widest.max(labels[i].width()) + 2
        })
        .collect();
    let figures_width: usize = columns.iter().sum();
    let room = width.saturating_sub(figures_width);
    // A role needs some room to say anything; below that the name has it.
    let (name_width, role_width) = match (room * 3 / 5).clamp(8, 32) {
        name if room >= name + 1 + 8 => (name, room - name - 1),
        _ => (room.saturating_sub(1), 0),
    };
    let cells = |name: &str, role: &str, numbers: [&str; 3]| -> (String, String, String) {
        let mut right = String::new();
        for (number, column) in numbers.iter().zip(&columns) {
            right.push_str(&format!("{number:>column$}", column = *column));
        }
        let role = if role_width == 0 {
            String::new()
        } else {
            pad(&fit(role, role_width.saturating_sub(1)), role_width)
        };
        (pad(&fit(name, name_width), name_width + 1), role, right)
    };
    let (name, role_label, right) = cells("name", "role", labels);
    let mut lines = vec![Line::styled(
        fit(&format!("{name}{role_label}{right}"), width),
        style::dim(),
    )];
    for ((at, stat), numbers) in rows.iter().zip(&figures) {
        let speaker = Speaker::Person(stat.id.clone());
        let (name, role, right) = cells(
            person_name(app, &stat.id),
            role(app, &stat.id),
            [&numbers[0], &numbers[1], &numbers[2]],
        );
        let line = Line::from(vec![
            Span::styled(name, style::speaker(app, &speaker)),
            Span::styled(role, style::dim()),
            Span::raw(right),
        ]);
        lines.push(if *at == view.cursor.selected {
            line.style(style::selected(app, true))
        } else {
            line
        });
    }
    if view.shown.is_empty() {
        lines.push(Line::styled("nobody by that name", style::dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The person's name and role, their first and last appearance and
/// figures, a chart of turns a year, then their events, oldest first.
fn draw_person(frame: &mut Frame, app: &App, stat: &PersonStat, cursor: Cursor, rect: Rect) {
    let corpus = &app.corpus;
    let name = person_name(app, &stat.id);
    let block = border(app, format!(" {} ", fit(name, 60)));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let speaker = Speaker::Person(stat.id.clone());
    let mut head = vec![Span::styled(
        name.to_string(),
        style::speaker(app, &speaker).add_modifier(Modifier::BOLD),
    )];
    let role = role(app, &stat.id);
    if !role.is_empty() {
        head.push(Span::styled(format!(" · {role}"), style::dim()));
    }
    let span = match (stat.first_date(corpus), stat.last_date(corpus)) {
        (Some(first), Some(last)) => format!("first {first} · last {last} · "),
        _ => String::new(),
    };
    let figures = format!(
        "{span}{} · {} · {}",
        count(stat.events.len(), "event"),
        count(stat.turns, "turn"),
        count(stat.words, "word")
    );
    let mut lines = vec![
        Line::from(head),
        Line::styled(fit(&figures, width), style::dim()),
    ];
    // Two rows of chart, then the years under its ends.
    if let Some((first_year, turns)) = stat.turns_by_year(corpus) {
        // Each year as wide as the room allows, up to four columns.
        let years_shown = turns.len().min(width);
        let bar = (width / years_shown.max(1)).clamp(1, 4);
        let bars: Vec<u64> = turns[..years_shown]
            .iter()
            .flat_map(|n| std::iter::repeat_n(*n, bar))
            .collect();
        let chart = Rect {
            y: inner.y + 2,
            height: 2.min(inner.height.saturating_sub(2)),
            width: u16::try_from(bars.len()).unwrap_or(u16::MAX),
            ..inner
        };
        frame.render_widget(
            Sparkline::default()
                .data(&bars)
                .style(style::speaker(app, &speaker)),
            chart,
        );
        let last_year = usize::from(first_year) + years_shown - 1;
        let years = if bars.len() >= 10 {
            let gap = bars.len().saturating_sub(8);
            format!("{first_year}{}{last_year}", " ".repeat(gap))
        } else if years_shown > 1 {
            format!("{first_year}–{last_year}")
        } else {
            first_year.to_string()
        };
        lines.push(Line::raw(""));
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("{years}  turns a year"), style::dim()));
    }
    lines.truncate(PERSON_ROWS.header);
    while lines.len() < PERSON_ROWS.header {
        lines.push(Line::raw(""));
    }
    let shown = PERSON_ROWS.fit(inner.height);
    for (at, appearance) in stat
        .events
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(shown)
    {
        let t = &corpus.transcripts[appearance.transcript];
        let date = t.date.as_deref().unwrap_or("undated   ");
        let turns = match appearance.turns {
            0 => "tagged".to_string(),
            n => count(n, "turn"),
        };
        let first_words = appearance
            .first_block
            .and_then(|b| t.blocks.get(b))
            .and_then(|b| b.paragraphs().first())
            .map_or("", |p| t.text(p));
        let title_width = (width.saturating_sub(date.width() + 12) * 3 / 5).max(10);
        let words_width = width.saturating_sub(date.width() + 1 + title_width + 1 + 10 + 1);
        let line = Line::from(vec![
            Span::styled(format!("{date} "), style::dim()),
            Span::raw(pad(t.title_text(), title_width + 1)),
            Span::styled(format!("{turns:>10} "), style::dim()),
            Span::styled(fit(first_words, words_width), Style::new()),
        ]);
        lines.push(if at == cursor.selected {
            line.style(style::selected(app, true))
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_list_prompt(frame: &mut Frame, app: &App, view: &PeopleView, rect: Rect) {
    // Offered only when nothing matches exactly, and said so.
    let near = if view.near {
        "  no exact name; near ones ·"
    } else {
        ""
    };
    let info = format!(
        "{near}  {}: their events · {} closes",
        app.keys.hint(Mode::Prompt, Action::PromptAccept),
        app.keys.hint(Mode::Prompt, Action::PromptCancel)
    );
    super::prompt::draw(frame, app, Action::ShowPeople, &view.input, &info, rect);
}

fn draw_person_prompt(frame: &mut Frame, app: &App, stat: &PersonStat, rect: Rect) {
    let hint = format!(
        "{} opens the event with {} highlighted, then {} their next turn across events · {} back",
        app.keys.hint(Mode::Popup, Action::Select),
        person_name(app, &stat.id),
        app.keys.hint(Mode::Normal, Action::NextTurnOfSpeaker),
        app.keys.hint(Mode::Popup, Action::ClosePopup)
    );
    let line = Line::styled(fit(&hint, usize::from(rect.width)), style::dim());
    frame.render_widget(Paragraph::new(line), rect);
}
