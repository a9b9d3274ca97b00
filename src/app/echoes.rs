//! The echoes popup: where else the current paragraph (or the selected
//! hit) was said. The worker finds them; the list shows each with its
//! speaker, date and event, the shared words, and which said it first.

use super::keymap::Mode;
use super::popup::{Popup, PopupView};
use super::search::Found;
use super::{Action, App, Effect, Overlay, open_transcript};
use crate::search::Located;
use crate::search::answer::{EchoAnswer, EchoHit, EchoRequest};

#[derive(Debug, Clone)]
pub struct EchoList {
    /// The paragraph whose echoes these are: transcript, block, paragraph.
    pub passage: (usize, usize, usize),
    /// Strongest first, as found.
    pub echoes: Vec<EchoHit>,
    /// Listed by date instead of by strength.
    pub by_date: bool,
    pub waiting: bool,
    generation: u64,
    /// The passage's words shared with the selected echo, to mark.
    passage_mark: Option<Located>,
}

impl EchoList {
    /// Marks in the passage the words it shares with the echo at `row`.
    fn mark(&mut self, corpus: &crate::model::Corpus, row: usize) {
        let (transcript, block, paragraph) = self.passage;
        self.passage_mark = self.order(corpus).get(row).map(|i| Located {
            transcript,
            block,
            paragraph,
            ranges: vec![self.echoes[*i].in_passage.clone()],
        });
    }

    /// The echoes in the order listed.
    pub fn order(&self, corpus: &crate::model::Corpus) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.echoes.len()).collect();
        if self.by_date {
            let date = |i: &usize| {
                corpus.transcripts[self.echoes[*i].place.transcript]
                    .date
                    .clone()
            };
            order.sort_by_key(date);
        }
        order
    }
}

impl App {
    /// `e` in the dialogue (`Ctrl-e` on a search hit): asks for the echoes.
    pub(super) fn ask_echoes(&mut self) -> Effect {
        let passage = match self.search() {
            Some(list) => list
                .selected_hit()
                .map(|hit| (hit.transcript, hit.block, hit.paragraph)),
            None => {
                let (width, rows) = self.dialogue_size();
                if let Some(t) = open_transcript(&self.corpus, &self.events) {
                    self.dialogue.keep_current(t, width, rows);
                }
                let here = self.events.transcript();
                here.zip(self.dialogue.selection().first().copied())
                    .map(|(t, (block, paragraph))| (t, block, paragraph))
            }
        };
        let Some((transcript, block, paragraph)) = passage else {
            self.status = Some("no paragraph here to find echoes of".into());
            return Effect::None;
        };
        self.ask_echoes_of(transcript, block, paragraph)
    }

    /// The echoes popup, waiting for the echoes of this paragraph.
    pub(super) fn ask_echoes_of(
        &mut self,
        transcript: usize,
        block: usize,
        paragraph: usize,
    ) -> Effect {
        self.echo_generation += 1;
        let list = EchoList {
            passage: (transcript, block, paragraph),
            echoes: Vec::new(),
            by_date: false,
            waiting: true,
            generation: self.echo_generation,
            passage_mark: None,
        };
        // Over the search list when asked from there.
        let under = self.take_search().map(Box::new);
        self.overlay = Overlay::Echoes {
            view: PopupView::new(Popup::Echoes),
            list,
            under,
        };
        Effect::Echoes(EchoRequest {
            generation: self.echo_generation,
            transcript,
            block,
            paragraph,
        })
    }

    pub(super) fn echoes_answered(&mut self, answer: EchoAnswer) {
        if let Some(list) = self.overlay.echo_list_mut()
            && list.generation == answer.generation
        {
            list.echoes = answer.echoes;
            list.waiting = false;
            list.mark(&self.corpus, 0);
        }
    }

    /// The passage's shared words, while the echoes popup is open.
    pub fn echo_passage_mark(&self) -> Option<&Located> {
        self.echo_list()?.passage_mark.as_ref()
    }

    /// The echo the popup's cursor is on.
    pub fn selected_echo(&self) -> Option<&EchoHit> {
        let popup = self.popup()?;
        let list = self.echo_list()?;
        let at = *list.order(&self.corpus).get(popup.selected)?;
        list.echoes.get(at)
    }

    /// Keys of the echoes popup: a list with a cursor.
    pub(super) fn update_echoes(&mut self, action: Action) -> Effect {
        let len = self.echo_list().map_or(0, |l| l.echoes.len());
        let Some(popup) = self.overlay.popup_mut() else {
            return Effect::None;
        };
        let at = popup.selected;
        if popup.move_cursor(action, len) {
            let row = popup.selected;
            if let Some(list) = self.overlay.echo_list_mut() {
                list.mark(&self.corpus, row);
            }
            self.keep_cursor_visible();
            return Effect::None;
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::ToggleEchoOrder => {
                if let Some(list) = self.overlay.echo_list_mut() {
                    list.by_date = !list.by_date;
                    list.mark(&self.corpus, at);
                }
            }
            Action::Select => self.go_to_echo(at),
            Action::ToggleHelp => self.open_popup(Popup::Help),
            _ => self.close_popup(),
        }
        self.keep_cursor_visible();
        Effect::None
    }

    /// Enter: the echo in its dialogue, the shared words marked, as a jump.
    fn go_to_echo(&mut self, row: usize) {
        let Some(list) = self.echo_list() else { return };
        let Some(echo) = list
            .order(&self.corpus)
            .get(row)
            .map(|i| list.echoes[*i].clone())
        else {
            return;
        };
        // From the search list, its hits stay for n and N.
        match self.take_search() {
            Some(state) => self.keep_search(state),
            None => self.close_popup(),
        }
        self.record_jump();
        let place = echo.place.clone();
        let Some(cleared) = self.show_paragraph(place.transcript, place.block, place.paragraph)
        else {
            self.status = Some("this echo is not in this corpus".into());
            return;
        };
        self.found = Some(Found::one(place));
        let back = self.keys.hint(Mode::Normal, Action::JumpBack);
        self.status = Some(format!(
            "echo: {}, said in {}; {back} goes back{}",
            crate::text::count(echo.words, "word"),
            crate::text::count(echo.events, "event"),
            super::filter_cleared(cleared)
        ));
    }
}
