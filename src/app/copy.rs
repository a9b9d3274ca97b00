//! Quoting: the current paragraph, a turn or a visual selection copied
//! with its citation, and the event's page opened. The clipboard and the
//! browser are the outside world: they go out as effects.

use super::dialogue::Item;
use super::keymap::Mode;
use super::{Action, App, Effect, Pane, open_transcript};
use crate::cite::{self, Place};

/// The block of the turn that answers the turn at `block`, when that
/// turn asks (its last paragraph ends in a question mark) and the next
/// block is another speaker's turn.
fn answer_to(t: &crate::model::Transcript, block: usize) -> Option<usize> {
    let asking = t.blocks.get(block)?.as_turn()?;
    let last = t.text(asking.paragraphs.last()?);
    let asks = last
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '”' | '»' | ')'))
        .ends_with('?');
    let answer = t.blocks.get(block + 1)?.as_turn()?;
    (asks && answer.speaker != asking.speaker).then_some(block + 1)
}

impl App {
    /// `v`: starts a selection at the current paragraph, or drops it.
    pub(super) fn toggle_visual(&mut self) {
        if self.dialogue.anchor.take().is_some() {
            return;
        }
        let (width, rows) = self.dialogue_size();
        if let Some(t) = open_transcript(&self.corpus, &self.events) {
            self.dialogue.keep_current(t, width, rows);
        }
        self.dialogue.anchor = self.dialogue.current;
        self.focus = Pane::Dialogue;
        let next = self.keys.hint(Mode::Normal, Action::Down);
        let copy = self.keys.hint(Mode::Normal, Action::CopyQuote);
        self.status = Some(format!(
            "select: {next} takes the next paragraph, {copy} copies"
        ));
    }

    /// `}` and `{`, and `j`/`k` while selecting.
    pub(super) fn step_paragraph(&mut self, forward: bool) {
        let (width, rows) = self.dialogue_size();
        if let Some(t) = open_transcript(&self.corpus, &self.events) {
            self.dialogue.step_paragraph(t, forward, width, rows);
        }
    }

    /// `y` (and `Y` for the whole turn) in the dialogue.
    pub(super) fn copy_from_dialogue(&mut self, whole_turn: bool) -> Effect {
        let Some(transcript) = self.events.transcript() else {
            return Effect::None;
        };
        let (width, rows) = self.dialogue_size();
        if let Some(t) = open_transcript(&self.corpus, &self.events) {
            self.dialogue.keep_current(t, width, rows);
        }
        let mut places: Vec<Place> = self
            .dialogue
            .selection()
            .into_iter()
            .map(|(b, p)| (b as u32, p as u32))
            .collect();
        if whole_turn && let Some(&(block, _)) = places.first() {
            let t = &self.corpus.transcripts[transcript];
            let all = |block: u32| {
                let count = t
                    .blocks
                    .get(block as usize)
                    .map_or(0, |b| b.paragraphs().len());
                (0..count as u32).map(move |p| (block, p))
            };
            places = all(block).collect();
            // A question is quoted with the answer that follows it.
            if let Some(answer) = answer_to(t, block as usize) {
                places.extend(all(answer as u32));
            }
        }
        self.dialogue.anchor = None;
        self.copy(transcript, places)
    }

    /// `Ctrl-y` in the search list: the selected hit.
    pub(super) fn copy_hit(&mut self) -> Effect {
        let Some(hit) = self.search().and_then(|s| s.selected_hit()) else {
            self.status = Some("no hit to copy".into());
            return Effect::None;
        };
        let place = (hit.block as u32, hit.paragraph as u32);
        self.copy(hit.transcript, vec![place])
    }

    /// The quote of `places` with its citation, in the format in force.
    fn copy(&mut self, transcript: usize, places: Vec<Place>) -> Effect {
        let Some(t) = self.corpus.transcripts.get(transcript) else {
            return Effect::None;
        };
        let Some(cited) = cite::cite(&self.corpus, t, &places, self.citation) else {
            self.status = Some("nothing to copy here".into());
            return Effect::None;
        };
        let when = cited.when.map(|w| format!(", {w}")).unwrap_or_default();
        let cycle = self.keys.hint(Mode::Normal, Action::CycleCitationFormat);
        let done = format!(
            "copied: {} characters, {}{when} · {cycle}: as {}",
            cited.text.chars().count(),
            cited.who,
            self.citation.next().name()
        );
        self.last_copy = Some((transcript, places));
        Effect::Copy {
            text: cited.text,
            done,
        }
    }

    /// `c`: the next citation format, and the last quote copied again in it.
    pub(super) fn cycle_citation(&mut self) -> Effect {
        self.citation = self.citation.next();
        match self.last_copy.take() {
            Some((transcript, places)) => self.copy(transcript, places),
            None => {
                self.status = Some(format!("citations now {}", self.citation.name()));
                Effect::None
            }
        }
    }

    /// `o`: the event's page in the browser, or a word that there is none.
    pub(super) fn open_in_browser(&mut self) -> Effect {
        match self
            .transcript()
            .and_then(|t| t.url())
            .map(|u| u.into_owned())
        {
            Some(url) => Effect::Open(url),
            None => {
                self.status = Some("this event has no web address".into());
                Effect::None
            }
        }
    }

    /// Opens a transcript's event (when it is not open) and shows one of
    /// its paragraphs a little below the top, as the current paragraph. A
    /// filter that hides it (of events or of turns) is dropped. `None`
    /// when there is no such paragraph; `Some(true)` when the events
    /// filter was cleared to show it.
    pub(super) fn show_paragraph(
        &mut self,
        transcript: usize,
        block: usize,
        paragraph: usize,
    ) -> Option<bool> {
        let cleared = self.reveal(transcript)?;
        let target = Item::Paragraph { block, paragraph };
        if self.filter && !self.dialogue.items.contains(&target) {
            self.filter = false;
            self.rebuild_dialogue();
        }
        let at = self.dialogue.items.iter().position(|i| *i == target)?;
        let width = self.dialogue_width();
        if let Some(t) = open_transcript(&self.corpus, &self.events) {
            self.dialogue.show(t, at, 2, width);
        }
        self.make_current(at);
        self.focus = Pane::Dialogue;
        Some(cleared)
    }

    /// A jump's target paragraph becomes the current one.
    pub(super) fn make_current(&mut self, item: usize) {
        let item = (item..self.dialogue.items.len())
            .find(|i| matches!(self.dialogue.items[*i], Item::Paragraph { .. }));
        self.dialogue.current = item;
        self.dialogue.anchor = None;
    }
}
