//! Colours by role, as plain data: a preset for dark and one for light
//! terminals, which a user's config patches. The ui turns roles into
//! styles; `NO_COLOR` still wins there.

use ratatui::style::Color;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Borders of panes without focus; `None` dims them.
    pub border: Option<Color>,
    /// The border of the focused pane and of the search list.
    pub focus: Color,
    /// Each person's colour is one of these, the same in every event.
    pub speakers: Vec<Color>,
    /// The background of the selected row; `None` reverses it.
    pub highlight: Option<Color>,
    /// The background of matched search words; `None` reverses them.
    pub matched: Option<Color>,
    /// Section headings in the dialogue; `None` keeps the text's colour.
    pub heading: Option<Color>,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    /// Named ANSI colours: a 16-colour terminal shows them all apart, and
    /// its own palette keeps them readable on a dark background.
    pub fn dark() -> Theme {
        Theme {
            border: None,
            focus: Color::Cyan,
            speakers: vec![
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
            ],
            highlight: None,
            matched: None,
            heading: None,
        }
    }

    /// For light backgrounds: no yellow or light colours, which fade on white.
    pub fn light() -> Theme {
        Theme {
            border: Some(Color::Gray),
            focus: Color::Blue,
            speakers: vec![
                Color::Blue,
                Color::Red,
                Color::Magenta,
                Color::Green,
                Color::Cyan,
                Color::DarkGray,
                Color::Indexed(130),
                Color::Indexed(25),
                Color::Indexed(90),
                Color::Indexed(28),
            ],
            highlight: None,
            matched: Some(Color::Indexed(229)),
            heading: Some(Color::Indexed(24)),
        }
    }

    pub fn preset(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            _ => None,
        }
    }
}
