//! Where each pane goes, as a pure function of the screen size, so that
//! the app (scrolling, mouse clicks) and the ui (drawing) agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the reader shows one pane at a time.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Events,
    Speakers,
    Dialogue,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Events, Pane::Speakers, Pane::Dialogue];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Events => "Events",
            Pane::Speakers => "Speakers",
            Pane::Dialogue => "Dialogue",
        }
    }
}

/// The outer rectangle of each visible pane (borders included) and the
/// status line. A pane not shown has no rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub events: Option<Rect>,
    pub speakers: Option<Rect>,
    pub dialogue: Option<Rect>,
    pub status: Rect,
}

impl Panes {
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Events => self.events,
            Pane::Speakers => self.speakers,
            Pane::Dialogue => self.dialogue,
        }
    }

    /// The pane under a screen cell.
    pub fn at(&self, x: u16, y: u16) -> Option<Pane> {
        Pane::ALL
            .into_iter()
            .find(|p| self.get(*p).is_some_and(|r| r.contains((x, y).into())))
    }
}

pub fn panes(area: Rect, focus: Pane) -> Panes {
    let [main, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let status = if area.height == 0 {
        Rect::default()
    } else {
        status
    };
    if is_narrow(area) {
        let mut panes = Panes {
            status,
            ..Panes::default()
        };
        match focus {
            Pane::Events => panes.events = Some(main),
            Pane::Speakers => panes.speakers = Some(main),
            Pane::Dialogue => panes.dialogue = Some(main),
        }
        return panes;
    }
    // The events widen while they have focus, so that titles can be read;
    // the dialogue has its width back with the focus.
    let left = if focus == Pane::Events { 62 } else { 38 };
    let [left, dialogue] = Layout::horizontal([
        Constraint::Percentage(left),
        Constraint::Percentage(100 - left),
    ])
    .areas(main);
    let [events, speakers] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(left);
    Panes {
        events: Some(events),
        speakers: Some(speakers),
        dialogue: Some(dialogue),
        status,
    }
}

/// Too small for three panes: the focused one is shown alone.
pub fn is_narrow(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Where the search list goes: over the panes, above the prompt line.
pub fn search_list(area: Rect) -> Rect {
    Rect {
        height: area.height.saturating_sub(1),
        ..area
    }
}

/// The search list and, when shown, the preview of its selected hit:
/// beside the list from 140 columns (as television and fzf place it),
/// under it below that, and none on a screen smaller than 80x24.
pub fn search_areas(area: Rect, preview: bool) -> (Rect, Option<Rect>) {
    let main = search_list(area);
    if !preview || is_narrow(area) {
        return (main, None);
    }
    if area.width >= 140 {
        let [list, preview] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(main);
        (list, Some(preview))
    } else {
        let [list, preview] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(main);
        (list, Some(preview))
    }
}

/// The inside of a bordered pane.
pub fn inner(rect: Rect) -> Rect {
    Rect {
        x: rect.x.saturating_add(1),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}
