//! The events pane's state: every transcript, newest first, and which one
//! is open.

use super::list::{Cursor, Rows};
use crate::model::Corpus;

/// One row an event.
pub const ROWS: Rows = Rows {
    header: 0,
    per_item: 1,
};

#[derive(Debug, Clone)]
pub struct EventsList {
    /// Transcript indices shown, newest first: all, or those a filter keeps.
    pub order: Vec<usize>,
    /// Every transcript index, newest first.
    pub all: Vec<usize>,
    pub cursor: Cursor,
}

impl EventsList {
    pub fn new(corpus: &Corpus) -> EventsList {
        let transcripts = &corpus.transcripts;
        let mut order: Vec<usize> = (0..transcripts.len()).collect();
        order.sort_by(|a, b| {
            transcripts[*b]
                .recency()
                .cmp(&transcripts[*a].recency())
                .then(a.cmp(b))
        });
        EventsList {
            all: order.clone(),
            order,
            cursor: Cursor::default(),
        }
    }

    /// The transcript index of the selected event.
    pub fn transcript(&self) -> Option<usize> {
        self.order.get(self.cursor.selected).copied()
    }

    /// Where a transcript stands in the list.
    pub fn position(&self, transcript: usize) -> Option<usize> {
        self.order.iter().position(|t| *t == transcript)
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The event at a row of the pane's inside, if a row shows one.
    pub fn row_at(&self, row: usize) -> Option<usize> {
        ROWS.item_at(self.cursor.offset, row)
            .filter(|at| *at < self.len())
    }
}
