//! Everything a user can do. Keys reach actions through the tables in
//! [`super::keymap`]; the help popup describes each action by
//! [`Action::description`].

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
    ClosePopup,
    NextParagraph,
    PreviousParagraph,
    VisualSelect,
    CopyQuote,
    CopyTurn,
    CycleCitationFormat,
    OpenInBrowser,
    JumpBack,
    JumpForward,
    AddBookmark,
    ToggleBookmarks,
    DeleteBookmark,
    UndoDeleteBookmark,
    ShowEchoes,
    ToggleEchoOrder,
    FilterEvents,
    ShowPeople,
    ToggleTurnsOnly,
    OpenSearch,
    NextHit,
    PreviousHit,
    /// A character typed into the prompt open (search, events filter,
    /// people): the prompt actions are the same keys in each.
    PromptInput(char),
    PromptBackspace,
    PromptClear,
    PromptTab,
    PromptAccept,
    PromptCancel,
    TogglePreview,
    ToggleGrouping,
    CycleSearchOrder,
    ShowTrend,
}

impl Action {
    /// Every action a key can be bound to, in the help's order.
    pub const BINDABLE: &[Action] = &[
        Action::Quit,
        Action::Suspend,
        Action::FocusNextPane,
        Action::FocusPreviousPane,
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::Select,
        Action::HighlightCurrentSpeaker,
        Action::NextTurnOfSpeaker,
        Action::PreviousTurnOfSpeaker,
        Action::ToggleSpeakerFilter,
        Action::ClearHighlight,
        Action::ToggleHelp,
        Action::ToggleInfo,
        Action::ToggleProblems,
        Action::ClosePopup,
        Action::NextParagraph,
        Action::PreviousParagraph,
        Action::VisualSelect,
        Action::CopyQuote,
        Action::CopyTurn,
        Action::CycleCitationFormat,
        Action::OpenInBrowser,
        Action::JumpBack,
        Action::JumpForward,
        Action::AddBookmark,
        Action::ToggleBookmarks,
        Action::DeleteBookmark,
        Action::UndoDeleteBookmark,
        Action::ShowEchoes,
        Action::ToggleEchoOrder,
        Action::FilterEvents,
        Action::ShowPeople,
        Action::ToggleTurnsOnly,
        Action::OpenSearch,
        Action::NextHit,
        Action::PreviousHit,
        Action::PromptBackspace,
        Action::PromptClear,
        Action::PromptTab,
        Action::PromptAccept,
        Action::PromptCancel,
        Action::TogglePreview,
        Action::ToggleGrouping,
        Action::CycleSearchOrder,
        Action::ShowTrend,
    ];

    /// The name a config file uses: serde's, so the two cannot drift.
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }

    /// The bindable action a config file names; the prompt's actions
    /// also by the names they had when only search had a prompt.
    pub fn from_name(name: &str) -> Option<Action> {
        let name = match name {
            "search_backspace" => "prompt_backspace",
            "search_clear" => "prompt_clear",
            "search_toggle_scope" => "prompt_tab",
            "search_accept" => "prompt_accept",
            "search_cancel" => "prompt_cancel",
            name => name,
        };
        Action::BINDABLE.iter().copied().find(|a| a.name() == name)
    }

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
            Action::ClearHighlight => "clear highlight, filter and selection",
            Action::ToggleHelp => "this help",
            Action::ToggleInfo => "event info: captions, tags, publication",
            Action::ToggleProblems => "files that failed to load",
            Action::ClosePopup => "close",
            Action::NextParagraph => "next paragraph (the one a copy takes)",
            Action::PreviousParagraph => "previous paragraph",
            Action::VisualSelect => "select paragraphs (then move, then copy)",
            Action::CopyQuote => "copy the paragraph (or selection, or hit) with its citation",
            Action::CopyTurn => {
                "copy the whole turn with its citation (a question with its answer)"
            }
            Action::CycleCitationFormat => "citation format: plain, Markdown, short (copies again)",
            Action::OpenInBrowser => "open the event's web page",
            Action::JumpBack => "back to where the last jump came from",
            Action::JumpForward => "forward again through the jumps",
            Action::AddBookmark => "bookmark the current paragraph (kept between runs)",
            Action::ToggleBookmarks => "the bookmarks",
            Action::DeleteBookmark => "delete the selected bookmark",
            Action::UndoDeleteBookmark => "bring back the bookmark last deleted",
            Action::ShowEchoes => "echoes: where else the paragraph (or hit) was said",
            Action::ToggleEchoOrder => "echoes by strength or by date",
            Action::FilterEvents => {
                "filter the events: title words, year:, date:, topic:, geo:, place:, section:, with:, mentions:, -"
            }
            Action::ShowPeople => "people: who speaks, how much, in which events",
            Action::ToggleTurnsOnly => {
                "only events where someone speaks, or all again (has:turns in the filter)"
            }
            Action::OpenSearch => "search quotes (fuzzy, as you type)",
            Action::NextHit => "next search hit",
            Action::PreviousHit => "previous search hit",
            Action::PromptInput(_) => "type into the prompt",
            Action::PromptBackspace => "delete a character",
            Action::PromptClear => "clear the prompt",
            Action::PromptTab => {
                "search this event / all events; in the events filter, complete a facet's value"
            }
            Action::PromptAccept => {
                "go to the selected hit (filter: keep it; people: their events)"
            }
            Action::PromptCancel => "close the prompt, back to where you were",
            Action::TogglePreview => "show or hide the preview of the selected hit",
            Action::ToggleGrouping => "group hits by event: an event's best hit, with its count",
            Action::CycleSearchOrder => "order hits: best match, newest first, oldest first",
            Action::ShowTrend => "the query's hits by year, a bar chart (Enter keeps to a year)",
        }
    }
}
