//! Colours and emphasis. Each person has one colour everywhere, derived
//! from their id; NO_COLOR swaps colours for bold, underline and italics.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Speaker;

/// Named ANSI colours: a 16-colour terminal shows them all apart, and the
/// terminal's theme keeps them readable on dark and light backgrounds.
const PALETTE: [Color; 10] = [
    Color::Cyan,
    Color::Green,
    Color::Magenta,
    Color::Blue,
    Color::Red,
    Color::Yellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightRed,
    Color::LightGreen,
];

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

pub fn speaker(speaker: &Speaker, no_color: bool) -> Style {
    match speaker {
        Speaker::Voice(_) => Style::new().add_modifier(Modifier::BOLD),
        Speaker::Person(id) if no_color => {
            Style::new().add_modifier(EMPHASES[hash(id) % EMPHASES.len()])
        }
        Speaker::Person(id) => Style::new()
            .fg(PALETTE[hash(id) % PALETTE.len()])
            .add_modifier(Modifier::BOLD),
    }
}

pub fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

pub fn selected(focused: bool) -> Style {
    if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

pub fn border(focused: bool, no_color: bool) -> Style {
    match (focused, no_color) {
        (true, false) => Style::new().fg(Color::Cyan),
        (true, true) => Style::new().add_modifier(Modifier::BOLD),
        (false, _) => dim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_one_colour() {
        let putin = Speaker::Person("vladimir-putin".into());
        assert_eq!(speaker(&putin, false), speaker(&putin.clone(), false));
        assert!(speaker(&putin, true).fg.is_none());
    }
}
