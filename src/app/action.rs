//! Everything a user can do, and the default keys for it. The dispatcher
//! and the help popup both read [`KEYMAP`], so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Suspend,
    FocusNextPane,
    FocusPreviousPane,
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    Select,
    HighlightCurrentSpeaker,
    NextTurnOfSpeaker,
    PreviousTurnOfSpeaker,
    ToggleSpeakerFilter,
    ClearHighlight,
    ToggleHelp,
    ToggleInfo,
    ToggleProblems,
}

impl Action {
    /// What the help popup says of it.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Suspend => "suspend to the shell (fg resumes)",
            Action::FocusNextPane => "next pane",
            Action::FocusPreviousPane => "previous pane",
            Action::Down => "down one line",
            Action::Up => "up one line",
            Action::PageDown => "down one page",
            Action::PageUp => "up one page",
            Action::HalfPageDown => "down half a page",
            Action::HalfPageUp => "up half a page",
            Action::Top => "to the top",
            Action::Bottom => "to the bottom",
            Action::Select => "select (a speaker: highlight their turns)",
            Action::HighlightCurrentSpeaker => "highlight the speaker of the turn on screen",
            Action::NextTurnOfSpeaker => "next turn of the highlighted speaker",
            Action::PreviousTurnOfSpeaker => "previous turn of the highlighted speaker",
            Action::ToggleSpeakerFilter => "show only the highlighted speaker's turns",
            Action::ClearHighlight => "clear highlight and filter, close popup",
            Action::ToggleHelp => "this help",
            Action::ToggleInfo => "event info: captions, tags, publication",
            Action::ToggleProblems => "files that failed to load",
        }
    }
}

/// A key as the table writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

/// The default key table, in the order the help popup lists it.
pub const KEYMAP: &[(Key, Action)] = &[
    (ch('q'), Action::Quit),
    (ctrl('c'), Action::Quit),
    (ctrl('z'), Action::Suspend),
    (key(KeyCode::Tab), Action::FocusNextPane),
    (key(KeyCode::BackTab), Action::FocusPreviousPane),
    (ch('j'), Action::Down),
    (key(KeyCode::Down), Action::Down),
    (ch('k'), Action::Up),
    (key(KeyCode::Up), Action::Up),
    (key(KeyCode::PageDown), Action::PageDown),
    (ch(' '), Action::PageDown),
    (key(KeyCode::PageUp), Action::PageUp),
    (ctrl('d'), Action::HalfPageDown),
    (ctrl('u'), Action::HalfPageUp),
    (ch('g'), Action::Top),
    (key(KeyCode::Home), Action::Top),
    (ch('G'), Action::Bottom),
    (key(KeyCode::End), Action::Bottom),
    (key(KeyCode::Enter), Action::Select),
    (ch('h'), Action::HighlightCurrentSpeaker),
    (ch(']'), Action::NextTurnOfSpeaker),
    (ch('['), Action::PreviousTurnOfSpeaker),
    (ch('f'), Action::ToggleSpeakerFilter),
    (key(KeyCode::Esc), Action::ClearHighlight),
    (ch('?'), Action::ToggleHelp),
    (ch('i'), Action::ToggleInfo),
    (ch('!'), Action::ToggleProblems),
];

/// The action bound to a key press, if any.
pub fn action_for(event: KeyEvent) -> Option<Action> {
    // Terminals report `G` as Shift+G, and some `?` as Shift+?.
    let modifiers = match event.code {
        KeyCode::Char(_) => event.modifiers - KeyModifiers::SHIFT,
        _ => event.modifiers,
    };
    KEYMAP
        .iter()
        .find(|(k, _)| k.code == event.code && k.modifiers == modifiers)
        .map(|(_, action)| *action)
}

/// `Ctrl-d`, `PgDn`, `j`: a key as the help writes it.
pub fn key_name(key: Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// One help row per action: its keys, joined, and its description.
pub fn help_rows() -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Action, Vec<String>)> = Vec::new();
    for (key, action) in KEYMAP {
        match rows.iter_mut().find(|(a, _)| a == action) {
            Some((_, keys)) => keys.push(key_name(*key)),
            None => rows.push((*action, vec![key_name(*key)])),
        }
    }
    rows.into_iter()
        .map(|(action, keys)| (keys.join(" "), action.description()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_letters_and_controls_map() {
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(shift_g), Some(Action::Bottom));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_c), Some(Action::Quit));
        let plain_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(action_for(plain_c), None);
    }

    #[test]
    fn help_lists_every_action_once_with_all_its_keys() {
        let rows = help_rows();
        assert!(rows.contains(&("q Ctrl-c".to_string(), "quit")));
        assert!(rows.contains(&("j ↓".to_string(), "down one line")));
        let mut descriptions: Vec<_> = rows.iter().map(|r| r.1).collect();
        descriptions.dedup();
        assert_eq!(descriptions.len(), rows.len());
    }
}
