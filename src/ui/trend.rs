//! The search prompt's chart: the query's hits by year, a bar a year, its
//! height the year's rate so that a year with more pages is not louder.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block as Border, Borders, Clear, Paragraph};

use super::{fit, style};
use crate::app::trend::TrendView;
use crate::app::{Action, App, Mode};
use crate::text::group_digits;

/// Columns between bars.
const GAP: u16 = 1;

pub fn draw(frame: &mut Frame, app: &App, view: &TrendView, area: Rect) {
    frame.render_widget(Clear, area);
    let border = Border::default()
        .borders(Borders::ALL)
        .border_style(style::border(app, true))
        .title(format!(
            " {} by year · {} keeps to the chosen year, {} returns ",
            fit(&view.query, usize::from(area.width / 3)),
            app.keys.hint(Mode::Prompt, Action::PromptAccept),
            app.keys.hint(Mode::Prompt, Action::PromptCancel)
        ));
    let inner = border.inner(area);
    frame.render_widget(border, area);
    let width = usize::from(inner.width);
    let Some(trend) = view.trend.as_ref() else {
        frame.render_widget(
            Paragraph::new(Line::styled("counting…", style::dim())),
            inner,
        );
        return;
    };
    if trend.paragraphs() == 0 {
        let none = Line::styled("no dated hits to count", style::dim());
        frame.render_widget(Paragraph::new(none), inner);
        return;
    }
    let [chart, chosen, meaning] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let periods = &trend.periods;
    // As wide as the years allow; too many years for the width show those
    // around the chosen one.
    let n = periods.len().max(1) as u16;
    let bar_width = ((chart.width + GAP) / n).saturating_sub(GAP).clamp(1, 6);
    let fit_bars = usize::from((chart.width + GAP) / (bar_width + GAP)).max(1);
    let first = view
        .selected
        .saturating_sub(fit_bars / 2)
        .min(periods.len().saturating_sub(fit_bars));
    let bars: Vec<Bar> = periods
        .iter()
        .enumerate()
        .skip(first)
        .take(fit_bars)
        .map(|(at, period)| {
            let label = if bar_width >= 4 {
                period.period.clone()
            } else {
                period.period.chars().skip(2).collect()
            };
            let count = group_digits(period.paragraphs as usize);
            let shown = if count.chars().count() <= usize::from(bar_width) {
                count
            } else {
                String::new()
            };
            let mut bar = Bar::default()
                .value((period.per_10k() * 100.0).round() as u64)
                .text_value(shown)
                .label(Line::from(label));
            // The chosen bar in the focus colour (reversed, where colours
            // are off), its number bold.
            if at == view.selected {
                let chosen = style::border(app, true);
                let chosen = if chosen.fg.is_some() {
                    chosen
                } else {
                    chosen.add_modifier(Modifier::REVERSED)
                };
                bar = bar
                    .style(chosen)
                    .value_style(chosen.add_modifier(Modifier::REVERSED | Modifier::BOLD));
            }
            bar
        })
        .collect();
    let widget = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(GAP)
        .bar_style(Style::new().fg(ratatui::style::Color::Reset));
    frame.render_widget(widget, chart);
    if let Some(period) = view.chosen() {
        let said = format!(
            "{}: {} · {} in {} words said · {:.2} per 10,000 words",
            period.period,
            crate::text::count(period.paragraphs as usize, "paragraph"),
            crate::text::count(period.matches as usize, "use"),
            group_digits(period.words as usize),
            period.per_10k()
        );
        let line = Line::styled(fit(&said, width), Style::new().add_modifier(Modifier::BOLD));
        frame.render_widget(Paragraph::new(line), chosen);
    }
    let legend = "bar: uses per 10,000 words said that year (a busier year is not louder); number: paragraphs";
    frame.render_widget(
        Paragraph::new(Line::styled(fit(legend, width), style::dim())),
        meaning,
    );
}
