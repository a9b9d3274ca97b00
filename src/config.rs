//! The user's config file: key bindings by action name, a theme, the
//! mouse and where search starts. A file changes only what it names; a
//! bad file is an error naming its line and column, and nothing of it is
//! used. `verbatim config` prints [`default_file`], which reads back as
//! the defaults.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::app::key::{KeyCode, KeyModifiers};
use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use crate::app::Action;
use crate::app::keymap::{Key, Keymap, Mode};
use crate::app::search::Scope;
use crate::app::theme::Theme;

/// Everything a config file sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub keys: Keymap,
    pub theme: Theme,
    pub mouse: bool,
    pub search_scope: Scope,
    /// How `y` cites a quote.
    pub citation: crate::cite::Format,
    /// A command that takes copied text on its standard input, instead of
    /// the terminal's OSC 52.
    pub clipboard: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            keys: Keymap::default(),
            theme: Theme::default(),
            mouse: true,
            search_scope: Scope::All,
            citation: crate::cite::Format::Plain,
            clipboard: None,
        }
    }
}

/// A config file that cannot be used, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), at.map_or(String::new(), |(l, c)| format!(":{l}:{c}")))]
pub struct ConfigError {
    pub path: PathBuf,
    /// Line and column, from 1.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

/// The file to read: `--config`, else `VERBATIM_CONFIG`, else the XDG
/// config folder's `verbatim/config.toml`. Says whether the user named it
/// (then it must exist).
pub fn path(given: Option<&Path>) -> Option<(PathBuf, bool)> {
    if let Some(path) = given {
        return Some((path.to_path_buf(), true));
    }
    if let Some(path) = std::env::var_os("VERBATIM_CONFIG").filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    let dir = crate::user_files::dir("XDG_CONFIG_HOME", ".config")?;
    Some((dir.join("config.toml"), false))
}

/// The settings in force: the defaults, patched by the config file if
/// there is one.
pub fn load(given: Option<&Path>) -> Result<Settings, ConfigError> {
    let Some((path, named)) = path(given) else {
        return Ok(Settings::default());
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => {
            return Ok(Settings::default());
        }
        Err(e) => {
            return Err(ConfigError {
                path,
                at: None,
                message: format!("cannot read: {e}"),
            });
        }
    };
    parse(&text).map_err(|(at, message)| ConfigError {
        at: at.map(|offset| line_column(&text, offset)),
        path,
        message,
    })
}

type Bindings = BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    mouse: Option<bool>,
    search_scope: Option<Spanned<String>>,
    citation: Option<Spanned<String>>,
    clipboard: Option<String>,
    theme: Option<ThemeFile>,
    keys: Option<Bindings>,
    prompt_keys: Option<Bindings>,
    popup_keys: Option<Bindings>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    preset: Option<Spanned<String>>,
    border: Option<Spanned<ColourValue>>,
    focus: Option<Spanned<ColourValue>>,
    speakers: Option<Vec<Spanned<ColourValue>>>,
    highlight: Option<Spanned<ColourValue>>,
    matched: Option<Spanned<ColourValue>>,
    heading: Option<Spanned<ColourValue>>,
}

/// A colour as a config writes it: a name, `#rrggbb` or an index, the
/// index quoted or not.
#[derive(Deserialize)]
#[serde(untagged)]
enum ColourValue {
    Index(i64),
    Text(String),
}

impl ColourValue {
    fn text(&self) -> String {
        match self {
            ColourValue::Index(n) => n.to_string(),
            ColourValue::Text(text) => text.clone(),
        }
    }
}

/// An error and the byte offset it is at.
type Failure = (Option<usize>, String);

fn at<T>(value: &Spanned<T>, message: String) -> Failure {
    (Some(value.span().start), message)
}

/// Settings from a config file's text.
pub fn parse(text: &str) -> Result<Settings, Failure> {
    let file: File = toml::from_str(text).map_err(|e| {
        (
            e.span().map(|s| s.start),
            e.message().trim_end().to_string(),
        )
    })?;
    let mut settings = Settings::default();
    if let Some(mouse) = file.mouse {
        settings.mouse = mouse;
    }
    if let Some(scope) = &file.search_scope {
        settings.search_scope = match scope.get_ref().as_str() {
            "all" => Scope::All,
            "event" => Scope::Event,
            other => {
                return Err(at(
                    scope,
                    format!("search_scope is \"all\" or \"event\", not {other:?}"),
                ));
            }
        };
    }
    if let Some(citation) = &file.citation {
        settings.citation =
            crate::cite::Format::from_name(citation.get_ref()).ok_or_else(|| {
                let names: Vec<&str> = crate::cite::Format::ALL.iter().map(|f| f.name()).collect();
                at(
                    citation,
                    format!(
                        "unknown citation format {:?}; the formats are: {}",
                        citation.get_ref(),
                        names.join(", ")
                    ),
                )
            })?;
    }
    settings.clipboard = file.clipboard.filter(|c| !c.trim().is_empty());
    if let Some(theme) = &file.theme {
        settings.theme = read_theme(theme)?;
    }
    for (mode, bindings) in [
        (Mode::Normal, &file.keys),
        (Mode::Prompt, &file.prompt_keys),
        (Mode::Popup, &file.popup_keys),
    ] {
        if let Some(bindings) = bindings {
            bind(&mut settings.keys, mode, bindings)?;
        }
    }
    // Ctrl-c quits wherever no other action took it; a table of the
    // panes with no key to quit would still leave the reader no way out
    // but Ctrl-c, so it must say so itself.
    if let Some((name, _)) = file.keys.as_ref().and_then(|b| {
        b.iter()
            .find(|(name, _)| Action::from_name(name.get_ref()) == Some(Action::Quit))
    }) && !settings.keys.normal.iter().any(|(_, a)| *a == Action::Quit)
    {
        return Err(at(
            name,
            "quit needs a key (q and ctrl-c by default): without one nothing ends the reader"
                .to_string(),
        ));
    }
    Ok(settings)
}

fn read_theme(file: &ThemeFile) -> Result<Theme, Failure> {
    let mut theme = match &file.preset {
        None => Theme::default(),
        Some(name) => Theme::preset(name.get_ref()).ok_or_else(|| {
            at(
                name,
                format!(
                    "unknown theme preset {:?}; the presets are: dark, light",
                    name.get_ref()
                ),
            )
        })?,
    };
    let colour = |value: &Spanned<ColourValue>| -> Result<Color, Failure> {
        let parsed = match value.get_ref() {
            ColourValue::Index(n) => u8::try_from(*n).ok().map(Color::Indexed),
            ColourValue::Text(text) => text.parse::<Color>().ok(),
        };
        parsed.ok_or_else(|| {
            at(
                value,
                format!(
                    "{:?} is not a colour: a name (cyan, light-blue, dark-gray...), \
                     an index from 0 to 255 or #rrggbb",
                    value.get_ref().text()
                ),
            )
        })
    };
    // "none" gives a role back to the terminal's own colour.
    let optional = |value: &Spanned<ColourValue>| -> Result<Option<Color>, Failure> {
        if matches!(value.get_ref(), ColourValue::Text(t) if t == "none") {
            Ok(None)
        } else {
            colour(value).map(Some)
        }
    };
    if let Some(v) = &file.border {
        theme.border = optional(v)?;
    }
    if let Some(v) = &file.focus {
        theme.focus = colour(v)?;
    }
    if let Some(list) = &file.speakers {
        theme.speakers = list.iter().map(colour).collect::<Result<_, _>>()?;
    }
    if let Some(v) = &file.highlight {
        theme.highlight = optional(v)?;
    }
    if let Some(v) = &file.matched {
        theme.matched = optional(v)?;
    }
    if let Some(v) = &file.heading {
        theme.heading = optional(v)?;
    }
    Ok(theme)
}

/// Gives each named action of a table exactly the keys listed (none
/// unbinds it); a key taken from another action leaves that action.
fn bind(keymap: &mut Keymap, mode: Mode, bindings: &Bindings) -> Result<(), Failure> {
    let table = match mode {
        Mode::Normal => &mut keymap.normal,
        Mode::Prompt => &mut keymap.prompt,
        Mode::Popup => &mut keymap.popup,
    };
    for (name, keys) in bindings {
        let action = Action::from_name(name.get_ref()).ok_or_else(|| {
            let names: Vec<String> = Action::BINDABLE.iter().map(|a| a.name()).collect();
            at(
                name,
                format!(
                    "unknown action {:?}; the actions are: {}",
                    name.get_ref(),
                    names.join(", ")
                ),
            )
        })?;
        let keys: Vec<Key> = keys
            .get_ref()
            .iter()
            .map(|k| parse_key(k.get_ref()).map_err(|message| at(k, message)))
            .collect::<Result<_, _>>()?;
        let place = table.iter().position(|(_, a)| *a == action);
        table.retain(|(k, a)| *a != action && !keys.contains(k));
        let place = place.unwrap_or(table.len()).min(table.len());
        for (i, key) in keys.into_iter().enumerate() {
            table.insert(place + i, (key, action));
        }
    }
    Ok(())
}

/// Named keys as a config writes them.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("insert", KeyCode::Insert),
    ("delete", KeyCode::Delete),
];

/// `q`, `G`, `ctrl-d`, `alt-x`, `shift-tab`, `pagedown`, `f1`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let bad = || {
        let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
        format!(
            "unknown key {text:?}: a character (q, G, ?), f1 to f12, or one of {}, \
             each after ctrl-, alt- or shift- if wanted",
            names.join(", ")
        )
    };
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    // A one-character key is itself, even `-`.
    while rest.chars().count() > 1 {
        let lower = rest.to_ascii_lowercase();
        let (modifier, len) = if lower.starts_with("ctrl-") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt-") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift-") {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        modifiers |= modifier;
        rest = &rest[len..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => {
            let lower = rest.to_ascii_lowercase();
            match NAMED.iter().find(|(n, _)| *n == lower) {
                Some((_, code)) => *code,
                None => match lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
            }
        }
    };
    // Shift-Tab arrives as BackTab; a shifted letter as the capital, the
    // Shift of which the keymap does not tell apart. What a shifted digit
    // or sign types depends on the keyboard: the config names it.
    let code = match (code, modifiers.contains(KeyModifiers::SHIFT)) {
        (KeyCode::Tab, true) => KeyCode::BackTab,
        (KeyCode::Char(c), true) if c.is_lowercase() => {
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        (KeyCode::Char(c), true) if !c.is_uppercase() => {
            return Err(format!(
                "{text:?}: a shifted {c:?} types another character on each keyboard; \
                 write that character (for example \"!\" for shift-1)"
            ));
        }
        (code, _) => code,
    };
    if matches!(code, KeyCode::BackTab | KeyCode::Char(_)) {
        modifiers -= KeyModifiers::SHIFT;
    }
    Ok(Key { code, modifiers })
}

/// A key as a config writes it: the inverse of [`parse_key`].
pub fn key_config_name(key: Key) -> String {
    let name = match key.code {
        KeyCode::Char(c) if c != ' ' => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        code => NAMED.iter().find(|(_, c)| *c == code).map_or_else(
            || format!("{code:?}").to_lowercase(),
            |(n, _)| n.to_string(),
        ),
    };
    let mut out = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    out + &name
}

fn colour_name(colour: Color) -> String {
    match colour {
        Color::Indexed(n) => n.to_string(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        named => {
            // ratatui writes LightBlue; its parser reads light-blue.
            let debug = format!("{named:?}");
            let mut out = String::new();
            for (i, c) in debug.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            out
        }
    }
}

/// The whole default config, an entry a line with a comment over it.
pub fn default_file() -> String {
    let defaults = Settings::default();
    let mut out = String::from(
        "# verbatim's config: $XDG_CONFIG_HOME/verbatim/config.toml (or\n\
         # ~/.config/verbatim/config.toml; --config FILE or VERBATIM_CONFIG name another).\n\
         # Every entry below is the default; a file needs only the entries it changes.\n\n\
         # Capture the mouse (false leaves it to the terminal, as --no-mouse does).\n\
         mouse = true\n\n\
         # Where / searches first: \"all\" loaded events or the open \"event\" (Tab switches).\n\
         search_scope = \"all\"\n\n\
         # How y cites a quote: \"plain\" (\u{201c}text\u{201d} \u{2014} Speaker, Role, Event, Place, date, URL),\n\
         # \"markdown\" (a block quote, the event linked) or \"short\" (Speaker, date). c cycles them.\n\
         citation = \"plain\"\n\n\
         # A command that takes copied text on its standard input (wl-copy, pbcopy,\n\
         # \"xclip -selection clipboard\"); empty uses the terminal's OSC 52, which tmux and ssh pass on.\n\
         clipboard = \"\"\n\n\
         # Colours by role: a name (cyan, light-blue, dark-gray...), an index from 0 to 255,\n\
         # #rrggbb for true-colour terminals, or \"none\" for the terminal's own. NO_COLOR wins.\n\
         [theme]\n\
         # Start from \"dark\" or \"light\"; the entries below change it.\n\
         preset = \"dark\"\n",
    );
    let theme = &defaults.theme;
    let optional = |c: Option<Color>| c.map_or_else(|| "none".to_string(), colour_name);
    let _ = writeln!(
        out,
        "# Borders of panes without focus (none: dimmed).\nborder = {:?}",
        optional(theme.border)
    );
    let _ = writeln!(
        out,
        "# The focused pane's border.\nfocus = {:?}",
        colour_name(theme.focus)
    );
    let speakers: Vec<String> = theme
        .speakers
        .iter()
        .map(|c| format!("{:?}", colour_name(*c)))
        .collect();
    let _ = writeln!(
        out,
        "# Each person's colour is one of these, the same in every event.\nspeakers = [{}]",
        speakers.join(", ")
    );
    let _ = writeln!(
        out,
        "# The selected row's background (none: reversed).\nhighlight = {:?}",
        optional(theme.highlight)
    );
    let _ = writeln!(
        out,
        "# Matched search words' background (none: reversed).\nmatched = {:?}",
        optional(theme.matched)
    );
    let _ = writeln!(
        out,
        "# Section headings in the dialogue (none: the text's colour).\nheading = {:?}",
        optional(theme.heading)
    );
    for (table, mode, what) in [
        ("keys", Mode::Normal, "Keys of the panes"),
        (
            "prompt_keys",
            Mode::Prompt,
            "Keys of the search prompt (other characters are typed)",
        ),
        (
            "popup_keys",
            Mode::Popup,
            "Keys of a popup (other keys close it)",
        ),
    ] {
        let _ = writeln!(
            out,
            "\n# {what}: an action and its keys; [] unbinds it.\n\
             # Keys: a character (q, G, ?), f1 to f12, enter, esc, tab, backtab, backspace,\n\
             # space, up, down, left, right, home, end, pageup, pagedown, insert, delete,\n\
             # each after ctrl-, alt- or shift- if wanted.\n[{table}]"
        );
        let mut seen: Vec<Action> = Vec::new();
        for (_, action) in defaults.keys.table(mode) {
            if seen.contains(action) {
                continue;
            }
            seen.push(*action);
            let keys: Vec<String> = defaults
                .keys
                .table(mode)
                .iter()
                .filter(|(_, a)| a == action)
                .map(|(k, _)| format!("{:?}", key_config_name(*k)))
                .collect();
            let _ = writeln!(
                out,
                "# {}\n{} = [{}]",
                action.description(),
                action.name(),
                keys.join(", ")
            );
        }
    }
    out
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::KeyEvent;

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        assert_eq!(parse(&default_file()), Ok(Settings::default()));
    }

    #[test]
    fn keys_read_and_write_alike() {
        for name in [
            "q", "G", "?", "-", "ctrl-d", "alt-x", "backtab", "pagedown", "f1", "space", "enter",
        ] {
            let key = parse_key(name).unwrap();
            assert_eq!(key_config_name(key), name, "{name}");
        }
        assert_eq!(parse_key("shift-tab"), parse_key("backtab"));
        assert!(parse_key("hyper-q").is_err());
        assert!(parse_key("f13").is_err());
    }

    #[test]
    fn a_file_changes_only_what_it_names() {
        let settings = parse("[keys]\nquit = [\"x\"]\nnext_turn_of_speaker = [\"j\"]\n").unwrap();
        let keys = &settings.keys;
        let press = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(keys.action(Mode::Normal, press('x')), Some(Action::Quit));
        assert_eq!(keys.action(Mode::Normal, press('q')), None, "quit lost q");
        // j moved from `down` to the other action; ↓ still goes down.
        assert_eq!(
            keys.action(Mode::Normal, press('j')),
            Some(Action::NextTurnOfSpeaker)
        );
        let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(keys.action(Mode::Normal, down), Some(Action::Down));
        assert_eq!(keys.hint(Mode::Normal, Action::Quit), "x");
        // The other tables are untouched.
        assert_eq!(keys.prompt, Keymap::default().prompt);
        assert_eq!(settings.theme, Theme::dark());
        // Ctrl-c still quits, though the file gave quit another key.
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(keys.action(Mode::Normal, ctrl_c), Some(Action::Quit));
        assert_eq!(keys.action(Mode::Prompt, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn a_file_cannot_leave_the_reader_without_a_way_out() {
        let (offset, message) = parse("[keys]\nquit = []\n").unwrap_err();
        assert_eq!(
            offset.map(|o| line_column("[keys]\nquit = []\n", o)),
            Some((2, 1))
        );
        assert!(message.starts_with("quit needs a key"), "{message}");
        // Ctrl-c given to another action keeps it; quit keeps its other key.
        let settings = parse("[keys]\ncopy_quote = [\"ctrl-c\"]\n").unwrap();
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            settings.keys.action(Mode::Normal, ctrl_c),
            Some(Action::CopyQuote)
        );
    }

    #[test]
    fn the_prompt_actions_answer_to_their_old_search_names_too() {
        let settings = parse("[prompt_keys]\nsearch_accept = [\"ctrl-j\"]\n").unwrap();
        let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(
            settings.keys.action(Mode::Prompt, ctrl_j),
            Some(Action::PromptAccept)
        );
        assert_eq!(Action::PromptAccept.name(), "prompt_accept");
    }

    #[test]
    fn shifted_letters_are_bound_as_their_capitals() {
        let settings = parse("[keys]\nshow_people = [\"shift-p\"]\n").unwrap();
        // Terminals send Shift-p as P, with or without the Shift flag.
        for modifiers in [KeyModifiers::SHIFT, KeyModifiers::NONE] {
            let key = KeyEvent::new(KeyCode::Char('P'), modifiers);
            assert_eq!(
                settings.keys.action(Mode::Normal, key),
                Some(Action::ShowPeople)
            );
        }
        assert_eq!(parse_key("shift-p"), parse_key("P"));
        let error = parse_key("shift-1").unwrap_err();
        assert!(error.contains("write that character"), "{error}");
    }

    #[test]
    fn bad_files_say_where_and_what() {
        let error = |text: &str| {
            let (offset, message) = parse(text).unwrap_err();
            (offset.map(|o| line_column(text, o)), message)
        };
        let (at, message) = error("mouse = true\n[keys]\nquitt = [\"q\"]\n");
        assert_eq!(at, Some((3, 1)));
        assert!(
            message.starts_with("unknown action \"quitt\"; the actions are: quit, suspend,"),
            "{message}"
        );
        let (at, message) = error("[keys]\nquit = [\"q\", \"hyper-q\"]\n");
        assert_eq!(at, Some((2, 14)));
        assert!(message.starts_with("unknown key \"hyper-q\""), "{message}");
        let (at, message) = error("[theme]\nfocus = \"cyann\"\n");
        assert_eq!(at, Some((2, 9)));
        assert!(message.contains("is not a colour"), "{message}");
        let (at, message) = error("mouse = maybe\n");
        assert_eq!(at.map(|a| a.0), Some(1));
        assert!(!message.is_empty());
        let (_, message) = error("colour = 1\n");
        assert!(message.contains("unknown field `colour`"), "{message}");
        let (_, message) = error("[theme]\npreset = \"sepia\"\n");
        assert!(
            message.contains("the presets are: dark, light"),
            "{message}"
        );
    }

    #[test]
    fn the_light_preset_and_colours_of_every_depth() {
        let settings = parse(
            "[theme]\npreset = \"light\"\nfocus = \"#1e90ff\"\nspeakers = [\"red\", \"208\"]\nmatched = \"none\"\n",
        )
        .unwrap();
        let theme = settings.theme;
        assert_eq!(theme.focus, Color::Rgb(0x1e, 0x90, 0xff));
        assert_eq!(theme.speakers, [Color::Red, Color::Indexed(208)]);
        assert_eq!(theme.matched, None);
        assert_eq!(theme.heading, Theme::light().heading);
        // An index needs no quotes; out of range it is refused.
        let settings = parse("[theme]\nfocus = 12\nspeakers = [1, \"2\"]\n").unwrap();
        assert_eq!(settings.theme.focus, Color::Indexed(12));
        assert_eq!(
            settings.theme.speakers,
            [Color::Indexed(1), Color::Indexed(2)]
        );
        let (_, message) = parse("[theme]\nfocus = 256\n").unwrap_err();
        assert!(message.contains("\"256\" is not a colour"), "{message}");
    }
}
