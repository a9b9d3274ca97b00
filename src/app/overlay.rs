//! What is open over the panes, one thing at a time: a prompt (search,
//! events filter, people), or a popup (over the search list when it was
//! opened from there). Each holds its own state, so no two can be open at
//! once and the key table in force follows from which one is.

use super::App;
use super::echoes::EchoList;
use super::filter::FilterPrompt;
use super::keymap::Mode;
use super::people::PeopleView;
use super::popup::{Popup, PopupView};
use super::search::SearchList;

#[derive(Debug, Clone, Default)]
pub enum Overlay {
    /// The panes alone.
    #[default]
    None,
    Search(SearchList),
    /// The events filter's prompt.
    Filter(FilterPrompt),
    People(PeopleView),
    /// Help, event info, problems or bookmarks.
    Popup {
        view: PopupView,
        /// The search list it was opened over, back when it closes.
        under: Option<Box<SearchList>>,
    },
    /// The echoes of a paragraph.
    Echoes {
        view: PopupView,
        list: EchoList,
        under: Option<Box<SearchList>>,
    },
}

impl Overlay {
    /// Which key table applies while this is open.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::None => Mode::Normal,
            Overlay::Search(_) | Overlay::Filter(_) => Mode::Prompt,
            // A person's page is a list to move through, not a prompt.
            Overlay::People(view) if view.person.is_some() => Mode::Popup,
            Overlay::People(_) => Mode::Prompt,
            Overlay::Popup { .. } | Overlay::Echoes { .. } => Mode::Popup,
        }
    }

    pub(super) fn search_mut(&mut self) -> Option<&mut SearchList> {
        match self {
            Overlay::Search(list) => Some(list),
            Overlay::Popup { under, .. } | Overlay::Echoes { under, .. } => under.as_deref_mut(),
            _ => None,
        }
    }

    pub(super) fn popup_mut(&mut self) -> Option<&mut PopupView> {
        match self {
            Overlay::Popup { view, .. } | Overlay::Echoes { view, .. } => Some(view),
            _ => None,
        }
    }

    pub(super) fn echo_list_mut(&mut self) -> Option<&mut EchoList> {
        match self {
            Overlay::Echoes { list, .. } => Some(list),
            _ => None,
        }
    }

    pub(super) fn filter_prompt_mut(&mut self) -> Option<&mut FilterPrompt> {
        match self {
            Overlay::Filter(prompt) => Some(prompt),
            _ => None,
        }
    }

    pub(super) fn people_mut(&mut self) -> Option<&mut PeopleView> {
        match self {
            Overlay::People(view) => Some(view),
            _ => None,
        }
    }
}

impl App {
    /// The search list, open or under a popup.
    pub fn search(&self) -> Option<&SearchList> {
        match &self.overlay {
            Overlay::Search(list) => Some(list),
            Overlay::Popup { under, .. } | Overlay::Echoes { under, .. } => under.as_deref(),
            _ => None,
        }
    }

    /// Closes the search list (and a popup over it); its state, if it was open.
    pub(super) fn take_search(&mut self) -> Option<SearchList> {
        match std::mem::take(&mut self.overlay) {
            Overlay::Search(list) => Some(list),
            Overlay::Popup { under, .. } | Overlay::Echoes { under, .. } => under.map(|b| *b),
            other => {
                self.overlay = other;
                None
            }
        }
    }

    /// The popup open, if one is.
    pub fn popup(&self) -> Option<PopupView> {
        match &self.overlay {
            Overlay::Popup { view, .. } | Overlay::Echoes { view, .. } => Some(*view),
            _ => None,
        }
    }

    /// Opens a popup (not the echoes, which need their list): over the
    /// search list when that is open, in place of any other popup.
    pub(super) fn open_popup(&mut self, kind: Popup) {
        let under = self.take_search().map(Box::new);
        self.overlay = Overlay::Popup {
            view: PopupView::new(kind),
            under,
        };
    }

    /// Closes the popup: the search list it was opened over is back.
    pub(super) fn close_popup(&mut self) {
        self.overlay = match std::mem::take(&mut self.overlay) {
            Overlay::Popup { under, .. } | Overlay::Echoes { under, .. } => {
                under.map_or(Overlay::None, |list| Overlay::Search(*list))
            }
            other => other,
        };
    }

    /// The echoes popup's list, while it is open.
    pub fn echo_list(&self) -> Option<&EchoList> {
        match &self.overlay {
            Overlay::Echoes { list, .. } => Some(list),
            _ => None,
        }
    }

    /// The events filter's prompt, while open.
    pub fn filter_prompt(&self) -> Option<&crate::app::filter::FilterPrompt> {
        match &self.overlay {
            Overlay::Filter(prompt) => Some(prompt),
            _ => None,
        }
    }

    /// The people view, while open.
    pub fn people(&self) -> Option<&PeopleView> {
        match &self.overlay {
            Overlay::People(view) => Some(view),
            _ => None,
        }
    }

    /// Closes the people view, kept as it was for the next `p`.
    pub(super) fn close_people(&mut self) {
        if let Overlay::People(view) = std::mem::take(&mut self.overlay) {
            self.people_kept = Some(view);
        }
    }
}
