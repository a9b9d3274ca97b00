//! Bookmarks in the reader: `m` marks the current paragraph, `'` lists
//! them, Enter goes to one and `d` deletes it. Saving is the outside
//! world's: a change goes out as [`Effect::SaveBookmarks`], and what the
//! file holds once it is written comes back as a message; until then the
//! list shows the change and the status line says nothing was saved yet.

use super::keymap::Mode;
use super::popup::Popup;
use super::{Action, App, Effect, Pane, open_transcript};
use crate::bookmarks::{Bookmark, Change};

/// Words of a paragraph a bookmark keeps to show.
const FIRST_WORDS: usize = 12;

impl App {
    /// `m`: the current paragraph (the first on screen when none is).
    pub(super) fn add_bookmark(&mut self) -> Effect {
        let (width, rows) = self.dialogue_size();
        let Some(t) = open_transcript(&self.corpus, &self.events) else {
            return Effect::None;
        };
        self.dialogue.keep_current(t, width, rows);
        let Some(&(block, paragraph)) = self.dialogue.selection().first() else {
            self.status = Some("no paragraph here to bookmark".into());
            return Effect::None;
        };
        let Some(line) = t.searchable_at(block as u32, paragraph as u32) else {
            return Effect::None;
        };
        let speaker = t
            .blocks
            .get(block)
            .and_then(|b| b.as_turn())
            .map(|turn| self.corpus.speaker_name(&turn.speaker).to_string());
        let words: Vec<&str> = t.text(line).split_whitespace().take(FIRST_WORDS).collect();
        let mark = Bookmark {
            transcript: t.id.clone(),
            line: line.line,
            speaker,
            date: t.date.clone(),
            title: t.title_text().to_string(),
            text: words.join(" "),
        };
        if self
            .bookmarks
            .iter()
            .any(|b| b.transcript == mark.transcript && b.line == mark.line)
        {
            self.status = Some("already bookmarked".into());
            return Effect::None;
        }
        let list = self.keys.hint(Mode::Normal, Action::ToggleBookmarks);
        let who = mark.speaker.clone().unwrap_or_else(|| mark.title.clone());
        self.bookmarks.push(mark.clone());
        let count = crate::text::count(self.bookmarks.len(), "bookmark");
        self.save_bookmarks(
            Change::Add(mark),
            format!("bookmarked: {who}; {list} lists {count}"),
        )
    }

    /// A change made in the list, to be written; the status says `done`
    /// once it is. Nothing is written when the file could not be read at
    /// start (it is left as it was): the status says the change lasts
    /// this run only.
    fn save_bookmarks(&mut self, change: Change, done: String) -> Effect {
        if self.bookmarks_kept {
            self.status = Some("saving the bookmarks…".into());
            Effect::SaveBookmarks { change, done }
        } else {
            self.status = Some(format!(
                "{done} (for this run only: the file is left as it was)"
            ));
            Effect::None
        }
    }

    /// The transcript a bookmark names, if it is loaded.
    pub fn bookmark_transcript(&self, mark: &Bookmark) -> Option<usize> {
        self.corpus.transcript_by_id(&mark.transcript)
    }

    /// Enter in the bookmarks popup.
    pub(super) fn go_to_bookmark(&mut self, at: usize) {
        let Some(mark) = self.bookmarks.get(at).cloned() else {
            return;
        };
        let Some(transcript) = self.bookmark_transcript(&mark) else {
            self.status = Some(format!("{} is not loaded", mark.title));
            return;
        };
        self.close_popup();
        self.record_jump();
        let t = &self.corpus.transcripts[transcript];
        let place = t
            .searchable()
            .find(|p| p.line.line == mark.line)
            .map(|p| (p.block as usize, p.paragraph as usize));
        let shown = match place {
            Some((block, paragraph)) => self.show_paragraph(transcript, block, paragraph),
            None => self.reveal(transcript),
        };
        self.focus = Pane::Dialogue;
        self.status = Some(format!(
            "bookmark: {}{}",
            mark.speaker.as_deref().unwrap_or(&mark.title),
            super::filter_cleared(shown == Some(true))
        ));
    }

    /// `d` in the bookmarks popup.
    pub(super) fn delete_bookmark(&mut self, at: usize) -> Effect {
        if at >= self.bookmarks.len() {
            return Effect::None;
        }
        let mark = self.bookmarks.remove(at);
        if let Some(popup) = self.overlay.popup_mut() {
            popup.selected = popup.selected.min(self.bookmarks.len().saturating_sub(1));
        }
        let left = crate::text::count(self.bookmarks.len(), "bookmark");
        let undo = self.keys.hint(Mode::Popup, Action::UndoDeleteBookmark);
        let change = Change::Delete {
            transcript: mark.transcript.clone(),
            line: mark.line,
        };
        self.deleted_bookmark = Some((at, mark));
        self.save_bookmarks(
            change,
            format!("bookmark deleted; {left} left; {undo} brings it back"),
        )
    }

    /// `u` in the bookmarks popup: the bookmark `d` deleted last, back
    /// where it stood.
    pub(super) fn undo_delete_bookmark(&mut self) -> Effect {
        let Some((at, mark)) = self.deleted_bookmark.take() else {
            self.status = Some("no bookmark deleted to bring back".into());
            return Effect::None;
        };
        let at = at.min(self.bookmarks.len());
        self.bookmarks.insert(at, mark.clone());
        if let Some(popup) = self.overlay.popup_mut() {
            popup.selected = at;
        }
        let count = crate::text::count(self.bookmarks.len(), "bookmark");
        self.save_bookmarks(Change::Add(mark), format!("bookmark back; {count}"))
    }

    pub(super) fn open_bookmarks(&mut self) {
        self.open_popup(Popup::Bookmarks);
    }
}
