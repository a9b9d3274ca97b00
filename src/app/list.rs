//! What the list panes (events, speakers, search hits) share: a selected
//! item kept in a window of rows, and how items are laid out in rows. The
//! ui draws by the same [`Rows`] that a click is read by, so the two
//! cannot disagree.

/// How a list lays its items out: header rows, then rows per item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rows {
    pub header: usize,
    pub per_item: usize,
}

impl Rows {
    /// Items that fit in `height` rows (at least one, so a tiny pane
    /// still scrolls).
    pub fn fit(self, height: u16) -> usize {
        (usize::from(height).saturating_sub(self.header) / self.per_item).max(1)
    }

    /// The item drawn at `row` of the pane's inside, scrolled to `offset`.
    pub fn item_at(self, offset: usize, row: usize) -> Option<usize> {
        row.checked_sub(self.header)
            .map(|r| offset + r / self.per_item)
    }
}

/// A selected item and the first item shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves the selection by `delta` within `len` items, keeping it in a
    /// window of `fit` items. Says whether the selection changed.
    pub fn move_by(&mut self, delta: isize, len: usize, fit: usize) -> bool {
        let target = self
            .selected
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        let changed = target != self.selected;
        self.selected = target;
        self.keep_visible(fit);
        changed
    }

    /// Selects `item` and scrolls to it.
    pub fn select(&mut self, item: usize, fit: usize) {
        self.selected = item;
        self.keep_visible(fit);
    }

    /// Scrolls the least that shows the selection in a window of `fit` items.
    pub fn keep_visible(&mut self, fit: usize) {
        let fit = fit.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + fit {
            self.offset = self.selected + 1 - fit;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_map_back_to_items() {
        let speakers = Rows {
            header: 1,
            per_item: 2,
        };
        assert_eq!(speakers.item_at(0, 0), None);
        assert_eq!(speakers.item_at(0, 1), Some(0));
        assert_eq!(speakers.item_at(0, 2), Some(0));
        assert_eq!(speakers.item_at(3, 3), Some(4));
        assert_eq!(speakers.fit(9), 4);
        assert_eq!(speakers.fit(0), 1);
    }

    #[test]
    fn the_selection_stays_in_the_window() {
        let mut cursor = Cursor::default();
        assert!(cursor.move_by(5, 10, 3));
        assert_eq!(
            cursor,
            Cursor {
                selected: 5,
                offset: 3
            }
        );
        assert!(!cursor.move_by(100, 6, 3));
        cursor.move_by(-5, 6, 3);
        assert_eq!(
            cursor,
            Cursor {
                selected: 0,
                offset: 0
            }
        );
        cursor.select(9, 3);
        assert_eq!(
            cursor,
            Cursor {
                selected: 9,
                offset: 7
            }
        );
    }
}
