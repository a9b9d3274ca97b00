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
    OpenSearch,
    NextHit,
    PreviousHit,
    /// A character typed into the search prompt.
    SearchInput(char),
    SearchBackspace,
    SearchClear,
    SearchToggleScope,
    SearchAccept,
    SearchCancel,
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
            Action::OpenSearch => "search quotes (fuzzy, as you type)",
            Action::NextHit => "next search hit",
            Action::PreviousHit => "previous search hit",
            Action::SearchInput(_) => "type into the query",
            Action::SearchBackspace => "delete a character",
            Action::SearchClear => "clear the query",
            Action::SearchToggleScope => "search this event / all events",
            Action::SearchAccept => "go to the selected hit",
            Action::SearchCancel => "close search, back to where you were",
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
    (ch('/'), Action::OpenSearch),
    (ch('n'), Action::NextHit),
    (ch('N'), Action::PreviousHit),
];

/// Keys inside the search prompt; other printable characters are typed.
pub const PROMPT_KEYMAP: &[(Key, Action)] = &[
    (key(KeyCode::Esc), Action::SearchCancel),
    (key(KeyCode::Enter), Action::SearchAccept),
    (key(KeyCode::Tab), Action::SearchToggleScope),
    (key(KeyCode::Down), Action::Down),
    (ctrl('n'), Action::Down),
    (key(KeyCode::Up), Action::Up),
    (ctrl('p'), Action::Up),
    (key(KeyCode::PageDown), Action::PageDown),
    (key(KeyCode::PageUp), Action::PageUp),
    (key(KeyCode::Backspace), Action::SearchBackspace),
    (ctrl('u'), Action::SearchClear),
    (ctrl('c'), Action::Quit),
];

/// The action of a key pressed in the search prompt.
pub fn prompt_action_for(event: KeyEvent) -> Option<Action> {
    let found = PROMPT_KEYMAP
        .iter()
        .find(|(k, _)| k.code == event.code && k.modifiers == event.modifiers)
        .map(|(_, action)| *action);
    match (found, event.code) {
        (Some(action), _) => Some(action),
        (None, KeyCode::Char(c))
            if !event
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::SearchInput(c))
        }
        _ => None,
    }
}

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
        KeyCode::Backspace => "Backspace".into(),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// One help row per action of a table: its keys, joined, and its description.
pub fn help_rows(table: &[(Key, Action)]) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Action, Vec<String>)> = Vec::new();
    for (key, action) in table {
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
    fn the_prompt_types_letters_that_are_keys_elsewhere() {
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(prompt_action_for(q), Some(Action::SearchInput('q')));
        let at = KeyEvent::new(KeyCode::Char('@'), KeyModifiers::SHIFT);
        assert_eq!(prompt_action_for(at), Some(Action::SearchInput('@')));
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(prompt_action_for(ctrl_n), Some(Action::Down));
    }

    #[test]
    fn help_lists_every_action_once_with_all_its_keys() {
        let rows = help_rows(KEYMAP);
        assert!(rows.contains(&("q Ctrl-c".to_string(), "quit")));
        assert!(rows.contains(&("j ↓".to_string(), "down one line")));
        let mut descriptions: Vec<_> = rows.iter().map(|r| r.1).collect();
        descriptions.dedup();
        assert_eq!(descriptions.len(), rows.len());
    }
}
