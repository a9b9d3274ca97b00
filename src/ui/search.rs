//! The search results list and the prompt under it.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Border, Borders, Clear, Paragraph};

use super::{fit, style};
use crate::app::filter::FilterPrompt;
use crate::app::search::{self, SearchList};
use crate::app::{Action, App, Mode};
use crate::model::{Block, unspoken};
use crate::search::excerpt::excerpt;
use crate::text::{group_digits, safe};

pub fn draw(frame: &mut Frame, app: &App, state: &SearchList, main: Rect, prompt: Rect) {
    draw_prompt(frame, app, state, prompt);
    if main.height < 3 {
        return;
    }
    frame.render_widget(Clear, main);
    let border = Border::default()
        .borders(Borders::ALL)
        .border_style(style::border(app, true))
        .title(format!(
            " Search: {} goes to a hit, {} returns ",
            app.keys.hint(Mode::Prompt, Action::PromptAccept),
            app.keys.hint(Mode::Prompt, Action::PromptCancel)
        ));
    let inner = border.inner(main);
    frame.render_widget(border, main);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    let rows = (state.cursor.offset..state.len()).take(search::ROWS.fit(inner.height));
    for at in rows {
        let Some(hit) = state.hit(at) else { continue };
        let Some(transcript) = app.corpus.transcripts.get(hit.transcript) else {
            continue;
        };
        let (block, paragraph) = (hit.block as u32, hit.paragraph as u32);
        let Some(text) = transcript.searchable_at(block, paragraph) else {
            continue;
        };
        let speaker = transcript
            .blocks
            .get(hit.block)
            .and_then(Block::as_turn)
            .map(|turn| &turn.speaker);
        let selected = at == state.selected();
        let marker = if selected { "▶ " } else { "  " };
        let name = speaker.map_or(unspoken(block, paragraph), |s| app.speaker_name(s));
        let name_style = speaker.map_or(style::dim(), |s| style::speaker(app, s));
        let date = transcript.date.as_deref().unwrap_or("");
        // Grouped, a row stands for all the event's hits.
        let more = match state.group_sizes.get(at) {
            Some(n) if state.grouped && *n > 1 => format!("  +{} more", n - 1),
            _ => String::new(),
        };
        let room =
            width.saturating_sub(2 + name.chars().count() + date.len() + 4 + more.chars().count());
        let mut head = Line::from(vec![
            Span::raw(marker),
            Span::styled(fit(name, width.saturating_sub(2)), name_style),
            Span::styled(
                format!("  {date}  {}{more}", fit(transcript.title_text(), room)),
                style::dim(),
            ),
        ]);
        let (shown, ranges) = excerpt(transcript.text(text), &hit.ranges, width.saturating_sub(4));
        let mut body = Line::from(marked(&shown, &ranges, "    ", style::matched(app)));
        if selected {
            head = head.style(Style::new().add_modifier(Modifier::BOLD));
            body = body.style(Style::new().add_modifier(Modifier::BOLD));
        }
        lines.push(head);
        lines.push(body);
    }
    if lines.is_empty() {
        let message = if state.waiting && app.indexing.is_some() {
            "indexing the corpus; the results follow as soon as it is done"
        } else if state.waiting {
            "searching…"
        } else if state.input.trim().is_empty() {
            "type words you remember; typos are fine. 'exact \"a phrase\" @speaker"
        } else {
            "no matches"
        };
        lines.push(Line::styled(message, style::dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The prompt line: the query wins the room, its end first (where typing
/// happens), and the scope and counts take what is left.
fn draw_prompt(frame: &mut Frame, app: &App, state: &SearchList, rect: Rect) {
    // A search of all events is of every event loaded, whatever the
    // events filter lists.
    let loaded = app.corpus.transcripts.len();
    let scope = match (state.all_events, app.loading) {
        // While the rest loads, a search is of the newest events alone.
        (true, Some((done, total, _))) => format!(
            "newest {} · loading {}",
            crate::text::count(loaded, "event"),
            (done * 100)
                .checked_div(total)
                .map_or("…".to_string(), |percent| format!("{percent}%"))
        ),
        // Until the whole is indexed, it is of the newest events read first.
        (true, None) => match app.partial.zip(app.indexing) {
            Some((part, indexed)) => format!(
                "newest {} of {} · indexing {indexed}%",
                group_digits(part),
                crate::text::count(loaded, "event"),
            ),
            None if loaded == 1 => "the one event".to_string(),
            None => format!("all {}", crate::text::count(loaded, "event")),
        },
        (false, _) => "this event".to_string(),
    };
    let count = if let Some(indexed) = app.indexing.filter(|_| state.waiting) {
        format!("indexing {indexed}%")
    } else if state.waiting && !state.loading_more {
        "searching…".to_string()
    } else {
        let more = if state.loading_more { " …" } else { "" };
        let noun = if state.total == 1 { "match" } else { "matches" };
        let near = if state.near { " of near names" } else { "" };
        format!(
            "{} of {} {noun}{near}{more}",
            state.hits.len(),
            group_digits(state.total)
        )
    };
    let toggle = app.keys.hint(Mode::Prompt, Action::PromptTab);
    let sort = app.keys.hint(Mode::Prompt, Action::CycleSearchOrder);
    let order = match app.search_order {
        crate::search::Order::Relevance => "best first",
        crate::search::Order::Newest => "newest first",
        crate::search::Order::Oldest => "oldest first",
    };
    let info = format!("  {scope} · {count} · {order} · {toggle}: scope · {sort}: order");
    super::prompt::draw(frame, app, Action::OpenSearch, &state.input, &info, rect);
}

/// The events filter's prompt: the filter (its end first, as the query's)
/// and how many events it keeps.
pub fn draw_filter_prompt(frame: &mut Frame, app: &App, prompt: &FilterPrompt, rect: Rect) {
    let counts = format!(
        "{} of {} events",
        group_digits(app.events.len()),
        group_digits(app.events.all.len())
    );
    let tab = app.keys.hint(Mode::Prompt, Action::PromptTab);
    let info = match &prompt.completion {
        // The values Tab goes through, the one in the filter first.
        Some(completion) if completion.candidates.is_empty() => {
            format!("  {counts} · no value has that")
        }
        Some(completion) => {
            let values: Vec<String> = completion
                .candidates
                .iter()
                .cycle()
                .skip(completion.at)
                .take(completion.candidates.len().min(6))
                .map(|(value, n)| format!("{value} ({})", group_digits(*n)))
                .collect();
            format!("  {counts} · {tab}: {}", values.join(" · "))
        }
        None => format!(
            "  {counts} · year: date: topic: geo: place: section: with: mentions: - · {tab} completes"
        ),
    };
    super::prompt::draw(frame, app, Action::FilterEvents, &prompt.input, &info, rect);
}

/// Text with the matched byte ranges in the match style, made safe.
pub fn marked(
    text: &str,
    ranges: &[Range<usize>],
    indent: &'static str,
    matched: Style,
) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(indent)];
    let mut at = 0;
    for range in ranges {
        if range.start < at
            || range.end > text.len()
            || !text.is_char_boundary(range.start)
            || !text.is_char_boundary(range.end)
        {
            continue;
        }
        spans.push(Span::raw(safe(&text[at..range.start]).into_owned()));
        spans.push(Span::styled(
            safe(&text[range.clone()]).into_owned(),
            matched,
        ));
        at = range.end;
    }
    spans.push(Span::raw(safe(&text[at..]).into_owned()));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(3402), "3,402");
        assert_eq!(group_digits(12), "12");
        assert_eq!(group_digits(1_000_000), "1,000,000");
    }
}
