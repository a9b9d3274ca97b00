//! Which key does what, in each mode of the reader. The dispatcher, the
//! help popup and every key hint on screen read the same [`Keymap`], so
//! none of them can disagree with the others, and a rebound key (a user's
//! key config) shows up everywhere at once.

use super::key::{KeyCode, KeyEvent, KeyModifiers};

use super::Action;

/// A key as the tables write it.
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

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::ALT,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

/// Which table a key is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The panes.
    Normal,
    /// The search prompt: printable keys are typed.
    Prompt,
    /// A popup: keys it does not bind close it.
    Popup,
}

/// The default keys of the panes, in the order the help lists them.
pub const NORMAL: &[(Key, Action)] = &[
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
    (ch('}'), Action::NextParagraph),
    (ch('{'), Action::PreviousParagraph),
    (ch('v'), Action::VisualSelect),
    (ch('y'), Action::CopyQuote),
    (ch('Y'), Action::CopyTurn),
    (ch('c'), Action::CycleCitationFormat),
    (ch('o'), Action::OpenInBrowser),
    (ctrl('o'), Action::JumpBack),
    // Most terminals send Ctrl-i as Tab; Alt-i reaches the reader in all.
    (ctrl('i'), Action::JumpForward),
    (alt('i'), Action::JumpForward),
    (ch('m'), Action::AddBookmark),
    (ch('e'), Action::ShowEchoes),
    (ch('F'), Action::FilterEvents),
    (ch('p'), Action::ShowPeople),
    (ch('t'), Action::ToggleTurnsOnly),
    (ch('\''), Action::ToggleBookmarks),
];

/// The default keys of the search prompt; other printable keys are typed.
pub const PROMPT: &[(Key, Action)] = &[
    (key(KeyCode::Esc), Action::PromptCancel),
    (key(KeyCode::Enter), Action::PromptAccept),
    (key(KeyCode::Tab), Action::PromptTab),
    (key(KeyCode::Down), Action::Down),
    (ctrl('n'), Action::Down),
    (key(KeyCode::Up), Action::Up),
    (ctrl('p'), Action::Up),
    (key(KeyCode::PageDown), Action::PageDown),
    (key(KeyCode::PageUp), Action::PageUp),
    (key(KeyCode::Backspace), Action::PromptBackspace),
    (ctrl('u'), Action::PromptClear),
    (ctrl('y'), Action::CopyQuote),
    (ctrl('o'), Action::TogglePreview),
    (ctrl('g'), Action::ToggleGrouping),
    (ctrl('s'), Action::CycleSearchOrder),
    (ctrl('t'), Action::ShowTrend),
    (ctrl('e'), Action::ShowEchoes),
    (ctrl('c'), Action::Quit),
];

/// The default keys of a popup; any other key closes it.
pub const POPUP: &[(Key, Action)] = &[
    (key(KeyCode::Esc), Action::ClosePopup),
    (ch('q'), Action::ClosePopup),
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
    (ch('?'), Action::ToggleHelp),
    (ch('i'), Action::ToggleInfo),
    (ch('!'), Action::ToggleProblems),
    (ch('\''), Action::ToggleBookmarks),
    (key(KeyCode::Enter), Action::Select),
    (ch('d'), Action::DeleteBookmark),
    (ch('u'), Action::UndoDeleteBookmark),
    (ch('s'), Action::ToggleEchoOrder),
    (ctrl('c'), Action::Quit),
    (ctrl('z'), Action::Suspend),
];

/// The key tables in force: the defaults, until a user's config patches them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub normal: Vec<(Key, Action)>,
    pub prompt: Vec<(Key, Action)>,
    pub popup: Vec<(Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            normal: NORMAL.to_vec(),
            prompt: PROMPT.to_vec(),
            popup: POPUP.to_vec(),
        }
    }
}

impl Keymap {
    pub fn table(&self, mode: Mode) -> &[(Key, Action)] {
        match mode {
            Mode::Normal => &self.normal,
            Mode::Prompt => &self.prompt,
            Mode::Popup => &self.popup,
        }
    }

    /// The action of a key press in a mode, if the mode has one for it.
    pub fn action(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        let found = self
            .table(mode)
            .iter()
            .find(|(k, _)| k.code == event.code && k.modifiers == significant(event))
            .map(|(_, action)| *action);
        let ctrl_c =
            event.code == KeyCode::Char('c') && significant(event) == KeyModifiers::CONTROL;
        match (found, mode, event.code) {
            (Some(action), _, _) => Some(action),
            // Ctrl-c always quits unless a config gave it to another
            // action: no key table can leave the reader without a way out.
            (None, _, _) if ctrl_c => Some(Action::Quit),
            (None, Mode::Prompt, KeyCode::Char(c))
                if !event
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::PromptInput(c))
            }
            _ => None,
        }
    }

    /// The first key bound to an action, as hints write it (`?`, `Esc`);
    /// `(unbound)` when a config took every key away from it.
    pub fn hint(&self, mode: Mode, action: Action) -> String {
        self.table(mode)
            .iter()
            .find(|(_, a)| *a == action)
            .map_or_else(|| "(unbound)".to_string(), |(k, _)| key_name(*k))
    }

    /// The first two keys bound to two actions, as `]`/`[` pairs are hinted.
    pub fn hint_pair(&self, mode: Mode, first: Action, second: Action) -> String {
        format!("{} and {}", self.hint(mode, first), self.hint(mode, second))
    }
}

/// The modifiers a key is told apart by. Terminals report `G` as Shift+G,
/// some `?` as Shift+?, and Shift-Tab as BackTab with Shift.
fn significant(event: KeyEvent) -> KeyModifiers {
    match event.code {
        KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
        _ => event.modifiers,
    }
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
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else if key.modifiers.contains(KeyModifiers::ALT) {
        format!("Alt-{name}")
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

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn shifted_letters_and_controls_map() {
        let keys = Keymap::default();
        let shift_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(keys.action(Mode::Normal, shift_g), Some(Action::Bottom));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(keys.action(Mode::Normal, ctrl_c), Some(Action::Quit));
        let plain_x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(keys.action(Mode::Normal, plain_x), None);
    }

    #[test]
    fn shift_tab_goes_back_a_pane() {
        let keys = Keymap::default();
        // crossterm reports Shift-Tab as BackTab with the Shift modifier.
        let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            keys.action(Mode::Normal, back_tab),
            Some(Action::FocusPreviousPane)
        );
    }

    #[test]
    fn the_prompt_types_letters_that_are_keys_elsewhere() {
        let keys = Keymap::default();
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(keys.action(Mode::Prompt, q), Some(Action::PromptInput('q')));
        let at = press(KeyCode::Char('@'), KeyModifiers::SHIFT);
        assert_eq!(
            keys.action(Mode::Prompt, at),
            Some(Action::PromptInput('@'))
        );
        let ctrl_n = press(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(keys.action(Mode::Prompt, ctrl_n), Some(Action::Down));
        assert_eq!(keys.action(Mode::Popup, q), Some(Action::ClosePopup));
    }

    #[test]
    fn help_lists_every_action_once_with_all_its_keys() {
        let rows = help_rows(NORMAL);
        assert!(rows.contains(&("q Ctrl-c".to_string(), "quit")));
        assert!(rows.contains(&("j ↓".to_string(), "down one line")));
        let mut descriptions: Vec<_> = rows.iter().map(|r| r.1).collect();
        descriptions.sort_unstable();
        descriptions.dedup();
        assert_eq!(descriptions.len(), rows.len());
    }

    #[test]
    fn hints_follow_a_rebound_key() {
        let mut keys = Keymap::default();
        assert_eq!(keys.hint(Mode::Normal, Action::ToggleHelp), "?");
        keys.normal.retain(|(_, a)| *a != Action::ToggleHelp);
        keys.normal
            .insert(0, (key(KeyCode::F(1)), Action::ToggleHelp));
        assert_eq!(keys.hint(Mode::Normal, Action::ToggleHelp), "F1");
        keys.normal.retain(|(_, a)| *a != Action::ToggleHelp);
        assert_eq!(keys.hint(Mode::Normal, Action::ToggleHelp), "(unbound)");
    }
}
