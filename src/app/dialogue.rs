//! The dialogue pane's content as a list of items (header, headings, turn
//! heads, paragraphs), and a scroll position in it. Only the items on
//! screen are ever wrapped, so a 20,000-paragraph transcript scrolls like
//! a short one.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use crate::model::{Block, Speaker, Transcript};
use crate::text::safe;

/// Columns left of a turn's text: the highlight gutter, a timed
/// transcript's time codes, and an indent.
pub fn text_indent(transcript: &Transcript) -> u16 {
    4 + clock_columns(transcript)
}

/// Room for a paragraph's time code and the space after it; none in an
/// untimed transcript.
pub fn clock_columns(transcript: &Transcript) -> u16 {
    match (transcript.timings.is_empty(), transcript.runs_for_hours()) {
        (true, _) => 0,
        (false, false) => 6,
        (false, true) => 9,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Title, then date, time and place.
    Header,
    Heading(usize),
    /// The speaker line that opens a turn (block index).
    TurnHead(usize),
    Paragraph {
        block: usize,
        paragraph: usize,
    },
    /// Elision, stage direction, separator or pull quote.
    Mark(usize),
    Gap,
}

/// Builds the items of a transcript; with `only`, just that speaker's
/// turns and the headings around them.
pub fn items(transcript: &Transcript, only: Option<&Speaker>) -> Vec<Item> {
    let mut items = vec![Item::Header, Item::Gap];
    for b in 0..transcript.blocks.len() {
        push_block(&mut items, transcript, b, only);
    }
    items
}

/// The items of the blocks within `reach` of a paragraph (the header's
/// when `block` is [`crate::model::HEADER`]), and where that paragraph
/// is among them: a preview's worth, however long the transcript.
pub fn items_around(
    transcript: &Transcript,
    block: usize,
    paragraph: usize,
    reach: usize,
) -> (Vec<Item>, usize) {
    let header = block == crate::model::HEADER as usize;
    let from = if header {
        0
    } else {
        block.saturating_sub(reach)
    };
    let to = if header { reach } else { block + reach + 1 };
    let mut items = Vec::new();
    if from == 0 {
        items.extend([Item::Header, Item::Gap]);
    }
    for b in from..to.min(transcript.blocks.len()) {
        push_block(&mut items, transcript, b, None);
    }
    let target = Item::Paragraph { block, paragraph };
    let at = items.iter().position(|i| *i == target).unwrap_or(0);
    (items, at)
}

/// A block's items; with `only`, nothing unless it is that speaker's turn
/// or a heading.
fn push_block(items: &mut Vec<Item>, transcript: &Transcript, b: usize, only: Option<&Speaker>) {
    match &transcript.blocks[b] {
        Block::Heading(_) => items.extend([Item::Heading(b), Item::Gap]),
        Block::Turn(turn) => {
            if only.is_some_and(|s| *s != turn.speaker) {
                return;
            }
            items.push(Item::TurnHead(b));
            paragraphs(items, b, turn.paragraphs.len());
        }
        Block::Narration { paragraphs } => {
            if only.is_none() {
                self::paragraphs(items, b, paragraphs.len());
            }
        }
        _ if only.is_some() => {}
        _ => items.extend([Item::Mark(b), Item::Gap]),
    }
}

/// Paragraphs of a block, a blank row after each.
fn paragraphs(items: &mut Vec<Item>, block: usize, count: usize) {
    for paragraph in 0..count {
        items.extend([Item::Paragraph { block, paragraph }, Item::Gap]);
    }
}

/// The speaker of the turn an item belongs to.
pub fn speaker_of(transcript: &Transcript, item: Item) -> Option<&Speaker> {
    let block = match item {
        Item::TurnHead(b) | Item::Paragraph { block: b, .. } => b,
        _ => return None,
    };
    transcript.blocks.get(block)?.as_turn().map(|t| &t.speaker)
}

/// The text of an item that wraps (not the header or a turn head).
pub fn item_text(transcript: &Transcript, item: Item) -> Option<&str> {
    match item {
        Item::Heading(b) | Item::Mark(b) => match transcript.blocks.get(b)? {
            Block::Heading(l)
            | Block::Elision(l)
            | Block::StageDirection(l)
            | Block::Separator(l)
            | Block::PullQuote(l) => Some(transcript.text(l)),
            _ => None,
        },
        Item::Paragraph { block, paragraph } => transcript
            .blocks
            .get(block)?
            .paragraphs()
            .get(paragraph)
            .map(|l| transcript.text(l)),
        _ => None,
    }
}

/// The rows an item takes at a pane width.
pub fn height(transcript: &Transcript, item: Item, width: u16) -> usize {
    match item {
        Item::Gap | Item::TurnHead(_) => 1,
        Item::Header => wrap(transcript.title_text(), width).len() + 1,
        Item::Heading(_) => wrap(item_text(transcript, item).unwrap_or(""), width).len(),
        Item::Paragraph { .. } | Item::Mark(_) => wrap(
            item_text(transcript, item).unwrap_or(""),
            width.saturating_sub(text_indent(transcript)),
        )
        .len(),
    }
}

/// Word-wraps already visible text to `width` columns (Unicode widths,
/// so wide and combining characters take their real room). Control
/// characters are made safe first. Always at least one row.
pub fn wrap(text: &str, width: u16) -> Vec<String> {
    let text = safe(text);
    let width = usize::from(width.max(1));
    if text.width() <= width {
        return vec![text.into_owned()];
    }
    let options = textwrap::Options::new(width).break_words(true);
    let rows: Vec<String> = textwrap::wrap(&text, options)
        .into_iter()
        .map(|c| c.into_owned())
        .collect();
    if rows.is_empty() {
        vec![String::new()]
    } else {
        rows
    }
}

/// [`wrap`], with the character offset where each row starts in the text,
/// so that match highlights (character ranges) can be placed on rows.
pub fn wrap_with_offsets(text: &str, width: u16) -> Vec<(String, usize)> {
    let visible = safe(text);
    let mut byte = 0;
    let mut chars = 0;
    wrap(text, width)
        .into_iter()
        .map(|row| {
            // Rows are pieces of the text in order; wrapping only drops spaces between them.
            if let Some(found) = visible[byte..].find(row.as_str()) {
                chars += visible[byte..byte + found].chars().count();
                byte += found;
            }
            let start = chars;
            byte += row.len();
            chars += row.chars().count();
            (row, start)
        })
        .collect()
}

/// Byte ranges of `text` as character ranges (the safe text has the same
/// characters, one for one).
pub fn char_ranges(text: &str, ranges: &[std::ops::Range<usize>]) -> Vec<std::ops::Range<usize>> {
    ranges
        .iter()
        .filter(|r| {
            r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        })
        .map(|r| {
            let start = text[..r.start].chars().count();
            start..start + text[r.clone()].chars().count()
        })
        .collect()
}

/// A scroll position: the item at the top and how many of its rows are
/// scrolled past.
/// Ordered by item, then row: top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Position {
    pub item: usize,
    pub row: usize,
}

/// Moves `pos` by `delta` rows, wrapping only the items it passes.
pub fn scroll(
    transcript: &Transcript,
    items: &[Item],
    pos: Position,
    delta: isize,
    width: u16,
) -> Position {
    let mut pos = pos;
    if items.is_empty() {
        return Position::default();
    }
    if delta >= 0 {
        let mut left = delta.unsigned_abs();
        while left > 0 {
            let h = height(transcript, items[pos.item], width);
            let room = h.saturating_sub(pos.row + 1);
            if left <= room {
                pos.row += left;
                break;
            }
            if pos.item + 1 >= items.len() {
                pos.row = h.saturating_sub(1);
                break;
            }
            left -= room + 1;
            pos.item += 1;
            pos.row = 0;
        }
    } else {
        let mut left = delta.unsigned_abs();
        while left > 0 {
            if left <= pos.row {
                pos.row -= left;
                break;
            }
            if pos.item == 0 {
                pos.row = 0;
                break;
            }
            left -= pos.row + 1;
            pos.item -= 1;
            pos.row = height(transcript, items[pos.item], width).saturating_sub(1);
        }
    }
    pos
}

/// The position that shows the last screenful.
pub fn bottom(transcript: &Transcript, items: &[Item], width: u16, rows: u16) -> Position {
    let Some(last) = items.len().checked_sub(1) else {
        return Position::default();
    };
    let end = Position {
        item: last,
        row: height(transcript, items[last], width).saturating_sub(1),
    };
    scroll(transcript, items, end, -(rows as isize - 1).max(0), width)
}

/// The dialogue pane's state: its items, the scroll position, and where
/// the highlighted speaker's turns are.
#[derive(Debug, Clone, Default)]
pub struct DialogueView {
    pub items: Vec<Item>,
    pub pos: Position,
    /// The paragraph `y` copies (an item index): a jump's target, kept on
    /// screen as the pane scrolls.
    pub current: Option<usize>,
    /// Where a visual selection started (an item index); it runs to `current`.
    pub anchor: Option<usize>,
    /// Item indices of the highlighted speaker's turn heads (not
    /// continuations), kept with `items` so the per-frame turn counter
    /// does not scan.
    turns: Vec<usize>,
}

impl DialogueView {
    /// A transcript's items (with `only`, one speaker's), from the top.
    pub fn new(
        transcript: Option<&Transcript>,
        only: Option<&Speaker>,
        highlight: Option<&Speaker>,
    ) -> DialogueView {
        let mut view = DialogueView::default();
        view.rebuild(transcript, only, highlight);
        view
    }

    /// A view of given items from `pos`, with no current paragraph or
    /// highlight: a preview's.
    pub fn showing(items: Vec<Item>, pos: Position) -> DialogueView {
        DialogueView {
            items,
            pos,
            ..DialogueView::default()
        }
    }

    /// Builds the items again (a filter changed), keeping the position's item.
    pub fn rebuild(
        &mut self,
        transcript: Option<&Transcript>,
        only: Option<&Speaker>,
        highlight: Option<&Speaker>,
    ) {
        self.items = transcript.map_or_else(Vec::new, |t| items(t, only));
        self.pos = Position {
            item: self.pos.item.min(self.items.len().saturating_sub(1)),
            row: 0,
        };
        self.current = None;
        self.anchor = None;
        self.index_turns(transcript, highlight);
    }

    /// Builds the items again keeping what was read in view: the current
    /// paragraph (at the top, still current) when it is kept, else the
    /// first block from the top down, or the next one kept after it.
    pub fn refilter(
        &mut self,
        transcript: Option<&Transcript>,
        only: Option<&Speaker>,
        highlight: Option<&Speaker>,
    ) {
        let current = self.current.and_then(|c| self.items.get(c).copied());
        let top = self.pos.item.min(self.items.len());
        let anchor = current
            .and_then(block_of)
            .or_else(|| self.items[top..].iter().find_map(|i| block_of(*i)));
        self.rebuild(transcript, only, highlight);
        let kept = current.and_then(|item| self.items.iter().position(|i| *i == item));
        let at = kept.or_else(|| {
            let block = anchor?;
            self.items
                .iter()
                .position(|i| block_of(*i).is_some_and(|b| b >= block))
        });
        self.pos = Position {
            item: at.unwrap_or(0),
            row: 0,
        };
        self.current = kept;
    }

    pub fn index_turns(&mut self, transcript: Option<&Transcript>, highlight: Option<&Speaker>) {
        self.turns = match (transcript, highlight) {
            (Some(t), Some(h)) => self
                .items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match item {
                    Item::TurnHead(b) => t.blocks[*b]
                        .as_turn()
                        .filter(|turn| turn.speaker == *h && !turn.continued)
                        .map(|_| i),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
    }

    /// Item indices of the highlighted speaker's turn heads.
    pub fn turns(&self) -> &[usize] {
        &self.turns
    }

    /// "turn 3 of 12": the highlighted speaker's turn at or above the top.
    pub fn turn_counter(&self) -> Option<(usize, usize)> {
        if self.turns.is_empty() {
            return None;
        }
        let current = self.turns.partition_point(|i| *i <= self.pos.item);
        Some((current, self.turns.len()))
    }

    /// The next (or previous) turn of the highlighted speaker, wrapping;
    /// `None` when they have no turn here. Says whether it wrapped.
    pub fn next_turn(&self, forward: bool) -> Option<(usize, bool)> {
        let (first, last) = (*self.turns.first()?, *self.turns.last()?);
        let here = self.pos.item;
        Some(if forward {
            self.turns
                .iter()
                .find(|i| **i > here)
                .map_or((first, true), |i| (*i, false))
        } else {
            self.turns
                .iter()
                .rev()
                .find(|i| **i < here)
                .map_or((last, true), |i| (*i, false))
        })
    }

    /// Scrolls by `delta` rows of a pane `width` x `rows`, never past the
    /// last screenful (though a jump may already have gone there).
    pub fn scroll_by(&mut self, transcript: &Transcript, delta: isize, width: u16, rows: u16) {
        let pos = scroll(transcript, &self.items, self.pos, delta, width);
        self.pos = if delta > 0 {
            let end = bottom(transcript, &self.items, width, Self::text_rows(rows));
            pos.min(end.max(self.pos))
        } else {
            pos
        };
    }

    pub fn to_bottom(&mut self, transcript: &Transcript, width: u16, rows: u16) {
        self.pos = bottom(transcript, &self.items, width, Self::text_rows(rows));
    }

    /// Rows left for the items: the sticky speaker line may take the first.
    pub fn text_rows(rows: u16) -> u16 {
        if rows > 1 { rows - 1 } else { rows }
    }

    /// Shows an item `above` rows below the top of the pane.
    pub fn show(&mut self, transcript: &Transcript, item: usize, above: usize, width: u16) {
        let at = Position { item, row: 0 };
        self.pos = scroll(transcript, &self.items, at, -(above as isize), width);
    }

    /// The turn (its block) whose words are at the top of the pane while
    /// its speaker line is scrolled off: the pane shows that speaker on a
    /// sticky line, so no quote is ever on screen without its speaker.
    pub fn sticky_turn(&self, transcript: &Transcript) -> Option<usize> {
        let block = match self.items.get(self.pos.item)? {
            Item::Paragraph { block, .. } => *block,
            // A blank between two paragraphs of one turn.
            Item::Gap => match self.items.get(self.pos.item + 1)? {
                Item::Paragraph { block, .. } => *block,
                _ => return None,
            },
            _ => return None,
        };
        transcript.blocks.get(block)?.as_turn().map(|_| block)
    }

    /// The items on screen, from the top to the last one that shows at
    /// least one row, in a pane of `rows` (the sticky line taken out).
    pub fn visible(&self, transcript: &Transcript, width: u16, rows: u16) -> Range<usize> {
        let rows = usize::from(Self::text_rows(rows));
        let mut used = 0;
        let mut end = self.pos.item;
        while end < self.items.len() && used < rows {
            let skip = if end == self.pos.item {
                self.pos.row
            } else {
                0
            };
            used += height(transcript, self.items[end], width).saturating_sub(skip);
            end += 1;
        }
        self.pos.item..end
    }

    /// Keeps the current paragraph on screen: one scrolled off becomes the
    /// first (or, scrolled off below, the last) paragraph shown.
    pub fn keep_current(&mut self, transcript: &Transcript, width: u16, rows: u16) {
        let shown = self.visible(transcript, width, rows);
        let is_paragraph = |i: &usize| matches!(self.items[*i], Item::Paragraph { .. });
        let current = match self.current {
            Some(at) if shown.contains(&at) => return,
            Some(at) if at >= shown.end => shown.clone().rev().find(is_paragraph),
            _ => shown.clone().find(is_paragraph),
        };
        if let Some(at) = current {
            self.current = Some(at);
        }
    }

    /// The paragraph after (or before) the current one; the view follows.
    pub fn step_paragraph(
        &mut self,
        transcript: &Transcript,
        forward: bool,
        width: u16,
        rows: u16,
    ) {
        let is_paragraph = |i: &usize| matches!(self.items[*i], Item::Paragraph { .. });
        let from = self.current.unwrap_or(self.pos.item);
        let next = if forward {
            (from + 1..self.items.len()).find(is_paragraph)
        } else {
            (0..from).rev().find(is_paragraph)
        };
        let Some(next) = next.or(self.current) else {
            return;
        };
        self.current = Some(next);
        let shown = self.visible(transcript, width, rows);
        if next < shown.start || next + 1 >= shown.end {
            if forward && next >= shown.start {
                // Scrolled just far enough that the paragraph ends on screen.
                let end = Position {
                    item: next,
                    row: height(transcript, self.items[next], width).saturating_sub(1),
                };
                let back = Self::text_rows(rows) as isize - 1;
                self.pos = scroll(transcript, &self.items, end, -back, width).max(self.pos);
            } else {
                self.pos = Position { item: next, row: 0 };
            }
        }
    }

    /// The paragraphs a copy takes: the visual selection, or the current
    /// paragraph (the first on screen when none is current yet).
    pub fn selection(&self) -> Vec<(usize, usize)> {
        let current = self.current.or_else(|| {
            (self.pos.item..self.items.len())
                .find(|i| matches!(self.items[*i], Item::Paragraph { .. }))
        });
        let Some(current) = current else {
            return Vec::new();
        };
        let (from, to) = match self.anchor {
            Some(anchor) => (anchor.min(current), anchor.max(current)),
            None => (current, current),
        };
        self.items[from..=to.min(self.items.len().saturating_sub(1))]
            .iter()
            .filter_map(|item| match item {
                Item::Paragraph { block, paragraph } => Some((*block, *paragraph)),
                _ => None,
            })
            .collect()
    }

    /// Whether an item is in the selection (or is the current paragraph).
    pub fn is_selected(&self, item: usize) -> bool {
        match (self.current, self.anchor) {
            (Some(current), Some(anchor)) => {
                (anchor.min(current)..=anchor.max(current)).contains(&item)
            }
            (Some(current), None) => current == item,
            (None, _) => false,
        }
    }

    /// The speaker of the turn at the top of the pane, or the next below it.
    pub fn speaker_from_top<'t>(&self, transcript: &'t Transcript) -> Option<&'t Speaker> {
        let from = self.pos.item.min(self.items.len().saturating_sub(1));
        self.items
            .get(from..)?
            .iter()
            .find_map(|item| speaker_of(transcript, *item))
    }
}

/// The block an item shows, if it shows one.
fn block_of(item: Item) -> Option<usize> {
    match item {
        Item::Heading(b) | Item::TurnHead(b) | Item::Mark(b) | Item::Paragraph { block: b, .. } => {
            Some(b)
        }
        Item::Header | Item::Gap => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_page;

    fn seed() -> Transcript {
        parse_page(
            "seed",
            include_str!("../../data/2022-08-19_putin-tokayev-sochi.txt"),
        )
        .transcript
    }

    #[test]
    fn wrap_respects_wide_characters() {
        assert_eq!(wrap("日本語 日本語", 7), ["日本語", "日本語"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("abcdef", 3), ["abc", "def"]);
    }

    #[test]
    fn rows_know_where_they_start() {
        let rows = wrap_with_offsets("Our trade is growing fast", 10);
        let starts: Vec<usize> = rows.iter().map(|r| r.1).collect();
        assert_eq!(rows[0].0, "Our trade");
        assert_eq!(starts, [0, 10, 21]);
        let said = 9..13;
        assert_eq!(
            char_ranges("Medvédev said", std::slice::from_ref(&said)),
            vec![8..12]
        );
    }

    #[test]
    fn scrolling_down_then_up_returns_home() {
        let t = seed();
        let items = items(&t, None);
        let there = scroll(&t, &items, Position::default(), 37, 40);
        assert_ne!(there, Position::default());
        assert_eq!(scroll(&t, &items, there, -37, 40), Position::default());
    }

    #[test]
    fn a_filter_keeps_one_speaker_and_the_headings() {
        let t = seed();
        let putin = Speaker::Person("vladimir-putin".into());
        let filtered = items(&t, Some(&putin));
        let heads = filtered
            .iter()
            .filter(|i| matches!(i, Item::TurnHead(_)))
            .count();
        assert_eq!(heads, 2);
        assert!(filtered.iter().any(|i| matches!(i, Item::Heading(_))));
        assert!(!filtered.iter().any(|i| matches!(i, Item::Mark(_))));
    }
}
