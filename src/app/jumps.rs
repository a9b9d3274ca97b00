//! The jump list, as less and vim keep one: where the reader was before
//! each jump (a search hit, `]` and `[`, another event from the Events
//! pane, a bookmark), to go back to with `Ctrl-o` and forward with `Ctrl-i`.

use super::dialogue::Position;
use super::keymap::Mode;
use super::{Action, App, Pane};
use crate::model::Speaker;

/// A place to come back to: the event, how it was scrolled, the current
/// paragraph and the highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub transcript: usize,
    pub pos: Position,
    pub current: Option<usize>,
    pub highlight: Option<Speaker>,
}

#[derive(Debug, Clone, Default)]
pub struct JumpList {
    spots: Vec<Spot>,
    /// Where the reader is in the list; `spots.len()` when past its end
    /// (at a place not yet recorded).
    at: usize,
}

impl JumpList {
    pub fn len(&self) -> usize {
        self.spots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spots.is_empty()
    }

    /// The same list in another corpus, each spot's transcript found by
    /// `same`; spots whose transcript it lacks are dropped.
    pub fn renumbered(&self, same: impl Fn(usize) -> Option<usize>) -> JumpList {
        let mut list = JumpList::default();
        for (at, spot) in self.spots.iter().enumerate() {
            if at == self.at {
                list.at = list.spots.len();
            }
            if let Some(transcript) = same(spot.transcript) {
                list.spots.push(Spot {
                    transcript,
                    ..spot.clone()
                });
            }
        }
        if self.at >= self.spots.len() {
            list.at = list.spots.len();
        }
        list
    }

    /// Records where the reader is before a jump; what lay ahead of it
    /// in the list is dropped, as in vim.
    fn record(&mut self, spot: Spot) {
        self.spots.truncate(self.at);
        if self.spots.last() != Some(&spot) {
            self.spots.push(spot);
        }
        self.at = self.spots.len();
    }

    /// One step back; `here` is kept first when leaving the newest place,
    /// to come forward to. The index of the spot to go to, if any.
    fn back(&mut self, here: Option<Spot>) -> Option<usize> {
        if self.at == 0 {
            return None;
        }
        if self.at == self.spots.len()
            && let Some(here) = here
        {
            self.spots.push(here);
            self.at = self.spots.len() - 1;
        }
        self.at -= 1;
        Some(self.at)
    }

    /// One step forward, if the list goes on.
    fn forward(&mut self) -> Option<usize> {
        (self.at + 1 < self.spots.len()).then(|| {
            self.at += 1;
            self.at
        })
    }
}

impl App {
    fn spot(&self) -> Option<Spot> {
        Some(Spot {
            transcript: self.events.transcript()?,
            pos: self.dialogue.pos,
            current: self.dialogue.current,
            highlight: self.highlight.clone(),
        })
    }

    /// Called before a jump.
    pub(super) fn record_jump(&mut self) {
        if let Some(spot) = self.spot() {
            self.jumps.record(spot);
        }
    }

    /// `Ctrl-o` (back) and `Ctrl-i` (forward).
    pub(super) fn step_jump(&mut self, back: bool) {
        let target = if back {
            let here = self.spot();
            self.jumps.back(here)
        } else {
            self.jumps.forward()
        };
        let Some(at) = target else {
            let key = |action| self.keys.hint(Mode::Normal, action);
            self.status = Some(if back {
                format!(
                    "no jump to go back to ({} goes forward)",
                    key(Action::JumpForward)
                )
            } else {
                format!(
                    "no jump to go forward to ({} goes back)",
                    key(Action::JumpBack)
                )
            });
            return;
        };
        let spot = self.jumps.spots[at].clone();
        self.restore(&spot);
        self.status = Some(format!("jump {} of {}", at + 1, self.jumps.len()));
    }

    /// Puts the reader back at a spot: its event, scroll, current
    /// paragraph and highlight.
    fn restore(&mut self, spot: &Spot) {
        self.highlight = spot.highlight.clone();
        let here = self.events.transcript() == Some(spot.transcript);
        if here || self.reveal(spot.transcript).is_none() {
            self.rebuild_dialogue();
        }
        let last = self.dialogue.items.len().saturating_sub(1);
        self.dialogue.pos = Position {
            item: spot.pos.item.min(last),
            row: spot.pos.row,
        };
        self.dialogue.current = spot.current.filter(|c| *c <= last);
        self.focus = Pane::Dialogue;
    }
}
