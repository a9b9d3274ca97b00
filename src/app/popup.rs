//! A popup's state: which one is open and how far it is scrolled.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Help,
    Info,
    Problems,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PopupView {
    pub kind: Popup,
    /// The first line shown.
    pub scroll: usize,
}

impl PopupView {
    pub fn new(kind: Popup) -> PopupView {
        PopupView { kind, scroll: 0 }
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta);
    }
}
