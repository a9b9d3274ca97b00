//! Styles by role, from the app's theme. Each person has one colour
//! everywhere, derived from their id; NO_COLOR swaps colours for bold,
//! underline and italics.

use ratatui::style::{Modifier, Style};

use crate::app::App;
use crate::model::Speaker;

const EMPHASES: [Modifier; 4] = [
    Modifier::BOLD,
    Modifier::UNDERLINED,
    Modifier::ITALIC,
    Modifier::BOLD.union(Modifier::UNDERLINED),
];

/// A stable hash (FNV-1a), so a colour survives restarts and corpora.
fn hash(text: &str) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize
}

pub fn speaker(app: &App, speaker: &Speaker) -> Style {
    let palette = &app.theme.speakers;
    match speaker {
        Speaker::Voice(_) => Style::new().add_modifier(Modifier::BOLD),
        Speaker::Person(id) if app.no_color || palette.is_empty() => {
            Style::new().add_modifier(EMPHASES[hash(id) % EMPHASES.len()])
        }
        Speaker::Person(id) => Style::new()
            .fg(palette[hash(id) % palette.len()])
            .add_modifier(Modifier::BOLD),
    }
}

pub fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

/// The selected row of a list: reversed (or the theme's highlight) when
/// its pane has focus, bold when not.
pub fn selected(app: &App, focused: bool) -> Style {
    match (focused, app.theme.highlight) {
        (false, _) => Style::new().add_modifier(Modifier::BOLD),
        (true, Some(colour)) if !app.no_color => Style::new().bg(colour),
        (true, _) => Style::new().add_modifier(Modifier::REVERSED),
    }
}

pub fn border(app: &App, focused: bool) -> Style {
    match (focused, app.no_color, app.theme.border) {
        (true, false, _) => Style::new().fg(app.theme.focus),
        (true, true, _) => Style::new().add_modifier(Modifier::BOLD),
        (false, false, Some(colour)) => Style::new().fg(colour),
        (false, _, _) => dim(),
    }
}

/// Matched search words.
pub fn matched(app: &App) -> Style {
    match app.theme.matched {
        Some(colour) if !app.no_color => Style::new().bg(colour).add_modifier(Modifier::BOLD),
        _ => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
    }
}

/// The bar beside the paragraph `y` copies.
pub fn current(app: &App) -> Style {
    if app.no_color {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
            .fg(app.theme.focus)
            .add_modifier(Modifier::BOLD)
    }
}

pub fn heading(app: &App) -> Style {
    let style = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    match app.theme.heading {
        Some(colour) if !app.no_color => style.fg(colour),
        _ => style,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_one_colour() {
        let mut app = App::new(crate::corpus::bundled::corpus(), Vec::new());
        let putin = Speaker::Person("vladimir-putin".into());
        let tokayev = Speaker::Person("kassym-jomart-tokayev".into());
        // Each has a colour, the two differ, and another reader (another
        // run) gives the same person the same one.
        let colour = speaker(&app, &putin).fg;
        assert!(colour.is_some());
        assert_ne!(colour, speaker(&app, &tokayev).fg);
        let again = App::new(crate::corpus::bundled::corpus(), Vec::new());
        assert_eq!(speaker(&again, &putin).fg, colour);
        app.no_color = true;
        assert!(speaker(&app, &putin).fg.is_none());
    }
}
