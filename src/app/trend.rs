//! The search prompt's chart: the query's hits by year, a bar a year, and
//! Enter on a bar to keep the search to that year.

use super::{Action, App, Effect};
use crate::search::trend::Trend;
use crate::search::{TrendAnswer, TrendRequest};

/// The chart, in place of the hits while it is open.
#[derive(Debug, Clone)]
pub struct TrendView {
    /// The query counted.
    pub query: String,
    generation: u64,
    /// `None` until the counts come.
    pub trend: Option<Trend>,
    /// The chosen bar: an index into the trend's periods.
    pub selected: usize,
}

impl TrendView {
    /// The chosen year's counts, once they are there.
    pub fn chosen(&self) -> Option<&crate::search::trend::Period> {
        self.trend.as_ref()?.periods.get(self.selected)
    }
}

impl App {
    /// Opens the chart of the prompt's query, or says why it cannot.
    pub(super) fn open_trend(&mut self) -> Effect {
        if self.loading.is_some() || self.partial.is_some() {
            self.status =
                Some("the chart counts the whole corpus: it opens once loading is done".into());
            return Effect::None;
        }
        // Known by the query's own generation: a new one would drop the
        // answer to the search still out for it.
        let generation = self.search_generation;
        let Some(state) = self.overlay.search_mut() else {
            return Effect::None;
        };
        if state.input.trim().is_empty() {
            self.status = Some("type a query first: the chart counts its hits by year".into());
            return Effect::None;
        }
        let query = state.input.text.clone();
        state.trend = Some(Box::new(TrendView {
            query: query.clone(),
            generation,
            trend: None,
            selected: 0,
        }));
        Effect::Trend(TrendRequest { generation, query })
    }

    pub(super) fn trend_answered(&mut self, answer: TrendAnswer) {
        let Some(view) = self.overlay.search_mut().and_then(|s| s.trend.as_mut()) else {
            return;
        };
        if view.generation != answer.generation {
            return;
        }
        // The year of the highest rate is chosen first: what the chart is for.
        view.selected = answer
            .trend
            .first_and_peak()
            .and_then(|(_, peak)| answer.trend.periods.iter().position(|p| p == peak))
            .unwrap_or(0);
        view.trend = Some(answer.trend);
    }

    /// A key while the chart is open: `None` when it is not the chart's
    /// (typing closes the chart and goes to the prompt).
    pub(super) fn update_trend(&mut self, action: Action) -> Option<Effect> {
        let state = self.overlay.search_mut()?;
        let view = state.trend.as_mut()?;
        let bars = view.trend.as_ref().map_or(0, |t| t.periods.len());
        let step = |view: &mut TrendView, by: isize| {
            view.selected = view
                .selected
                .saturating_add_signed(by)
                .min(bars.saturating_sub(1));
        };
        match action {
            Action::Down => step(view, 1),
            Action::Up => step(view, -1),
            Action::PageDown => step(view, 5),
            Action::PageUp => step(view, -5),
            Action::PromptCancel | Action::ShowTrend => state.trend = None,
            Action::PromptAccept => {
                let year = view.chosen()?.period.clone();
                state.trend = None;
                state.input.text = in_year(&state.input.text, &year);
                return Some(self.request_search());
            }
            Action::Quit => return Some(Effect::Quit),
            _ => {
                state.trend = None;
                return None;
            }
        }
        Some(Effect::None)
    }
}

/// The query kept to one year: its own `year:` and `date:` words give way.
fn in_year(query: &str, year: &str) -> String {
    let mut words: Vec<&str> = query
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_start_matches('-').to_ascii_lowercase();
            !(w.starts_with("year:") || w.starts_with("date:"))
        })
        .collect();
    let facet = format!("year:{year}");
    words.push(&facet);
    words.join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_year_replaces_the_query_dates() {
        assert_eq!(
            super::in_year("sanctions year:2014..2016 @putin", "2017"),
            "sanctions @putin year:2017"
        );
        assert_eq!(
            super::in_year("grain -date:2016", "2018"),
            "grain year:2018"
        );
    }
}
