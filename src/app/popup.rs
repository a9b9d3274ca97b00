//! A popup's state and content: which one is open, how far it is
//! scrolled, and its rows wrapped to the popup's width. The app wraps them
//! (not the ui) so that `G` knows where the end is, `j` stops there, and
//! the ui can say that more follows.

use ratatui::layout::Rect;

use super::App;
use super::dialogue::{char_ranges, wrap_with_offsets};
use super::keymap::{Mode, help_rows};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    Help,
    Info,
    Problems,
    Bookmarks,
    Echoes,
}

impl Popup {
    pub fn title(self) -> &'static str {
        match self {
            Popup::Help => "Keys",
            Popup::Info => "Event info",
            Popup::Problems => "Problems",
            Popup::Bookmarks => "Bookmarks",
            Popup::Echoes => "Echoes",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PopupView {
    pub kind: Popup,
    /// The first row shown.
    pub scroll: usize,
    /// The row the cursor is on, in a popup that is a list (bookmarks).
    pub selected: usize,
}

/// How a row of content is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// A key and what it does.
    Key,
    /// A field's name and its value.
    Field,
    /// A line of text.
    Plain,
    /// A bookmark whose transcript is not loaded: shown greyed.
    Missing,
}

/// One row of a popup's content before wrapping: a label (keys, a field
/// name) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub text: String,
    pub look: Look,
    /// Bytes of `text` to mark (an echo's shared words).
    pub mark: Option<std::ops::Range<usize>>,
}

/// A screen row of a popup: the label on the first row of a wrapped row
/// only; the text always starts under the text column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenRow {
    pub label: String,
    pub text: String,
    pub look: Look,
    /// Characters of `text` to mark.
    pub mark: Option<std::ops::Range<usize>>,
    /// The content row it wraps (a bookmark's place in the list).
    pub item: usize,
}

impl Look {
    /// Columns the label takes in a popup `width` columns wide.
    pub fn label_width(self, width: u16) -> usize {
        let wanted = match self {
            Look::Key => 20,
            Look::Field | Look::Missing => 12,
            Look::Plain => 0,
        };
        wanted.min(usize::from(width) / 2)
    }
}

impl PopupView {
    pub fn new(kind: Popup) -> PopupView {
        PopupView {
            kind,
            scroll: 0,
            selected: 0,
        }
    }

    /// Scrolls by `delta` rows, never past the last screenful.
    /// Moves a list popup's cursor over `len` rows; says whether the
    /// action was a move.
    pub fn move_cursor(&mut self, action: crate::app::Action, len: usize) -> bool {
        use crate::app::Action;
        let last = len.saturating_sub(1);
        self.selected = match action {
            Action::Down => (self.selected + 1).min(last),
            Action::Up => self.selected.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => last,
            _ => return false,
        };
        true
    }

    pub fn scroll_by(&mut self, delta: isize, last: usize) {
        self.scroll = self.scroll.saturating_add_signed(delta).min(last);
    }
}

/// Where a popup goes: centred, at most 90 columns wide, as tall as its
/// rows (and its border) when the screen allows.
pub fn rect(area: Rect, rows: usize) -> Rect {
    let width = area.width.saturating_sub(4).min(90);
    let height = u16::try_from(rows + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2))
        .max(3)
        .min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The inside of a popup's rectangle: its width, for wrapping, and how
/// many rows show.
pub fn inner_of(r: Rect) -> (u16, usize) {
    (
        r.width.saturating_sub(2),
        usize::from(r.height.saturating_sub(2)),
    )
}

impl App {
    /// Where the open popup goes: centred; the echoes of a search hit go
    /// over the search list, so the preview beside it shows the echo.
    pub fn popup_rect(&self, rows: usize) -> Rect {
        let over_list =
            self.popup().is_some_and(|p| p.kind == Popup::Echoes) && self.search().is_some();
        match self.search_areas() {
            (list, Some(_)) if over_list => list,
            _ => rect(self.area, rows),
        }
    }

    /// The inside of the open popup at the current screen size.
    pub fn popup_inner(&self, rows: usize) -> (u16, usize) {
        inner_of(self.popup_rect(rows))
    }

    /// The open popup's rows at the current screen size.
    pub fn popup_rows(&self) -> Vec<ScreenRow> {
        let Some(popup) = self.popup() else {
            return Vec::new();
        };
        let (width, _) = self.popup_inner(0);
        screen_rows(&self.popup_content(popup.kind), width)
    }

    /// The furthest the open popup scrolls: its last row at the bottom.
    pub(super) fn popup_last_scroll(&self) -> usize {
        let rows = self.popup_rows().len();
        let (_, shown) = self.popup_inner(rows);
        rows.saturating_sub(shown)
    }

    fn popup_content(&self, kind: Popup) -> Vec<Row> {
        match kind {
            Popup::Help => self.help_content(),
            Popup::Info => self.info_content(),
            Popup::Problems => self.problems_content(),
            Popup::Bookmarks => self.bookmarks_content(),
            Popup::Echoes => self.echoes_content(),
        }
    }

    /// The popup's title: its name, and for echoes how many and in what order.
    pub fn popup_title(&self, kind: Popup) -> String {
        match (kind, self.echo_list()) {
            (Popup::Echoes, Some(list)) if !list.waiting => {
                let toggle = self
                    .keys
                    .hint(Mode::Popup, crate::app::Action::ToggleEchoOrder);
                let (order, other) = if list.by_date {
                    ("by date", "by strength")
                } else {
                    ("by strength", "by date")
                };
                let n = list.echoes.len();
                let echoes = if n == 1 { "echo" } else { "echoes" };
                format!("{n} {echoes}, {order}; {toggle}: {other}")
            }
            _ => kind.title().to_string(),
        }
    }

    /// An echo a row: its date, who said it, the shared words, its event,
    /// and the first to say it marked.
    fn echoes_content(&self) -> Vec<Row> {
        let plain = |text: String| Row {
            label: String::new(),
            text,
            look: Look::Plain,
            mark: None,
        };
        let Some(list) = self.echo_list() else {
            return vec![plain("no echoes asked for".into())];
        };
        if list.waiting {
            return vec![plain("looking for echoes…".into())];
        }
        if list.echoes.is_empty() {
            return vec![plain("said nowhere else in the loaded events".into())];
        }
        let corpus = &self.corpus;
        let date_of = |t: usize| corpus.transcripts[t].date.clone();
        let first = list
            .echoes
            .iter()
            .map(|e| date_of(e.place.transcript))
            .chain([date_of(list.passage.0)])
            .flatten()
            .min();
        list.order(corpus)
            .into_iter()
            .map(|i| {
                let echo = &list.echoes[i];
                let (block, paragraph) = (echo.place.block as u32, echo.place.paragraph as u32);
                let t = &corpus.transcripts[echo.place.transcript];
                let who = t
                    .blocks
                    .get(echo.place.block)
                    .and_then(|b| b.as_turn())
                    .map_or(crate::model::unspoken(block, paragraph), |turn| {
                        corpus.speaker_name(&turn.speaker)
                    });
                let text = t.searchable_at(block, paragraph).map_or("", |l| t.text(l));
                // The echo's words around the run it shares, the run marked.
                let (shown, ranges) =
                    crate::search::excerpt::excerpt(text, &echo.place.ranges, 160);
                let lead = format!("{who}: ");
                let said_first = if t.date.is_some() && t.date == first {
                    " · said first"
                } else {
                    ""
                };
                let mark = ranges
                    .first()
                    .map(|r| lead.len() + r.start..lead.len() + r.end);
                Row {
                    label: t.date.clone().unwrap_or_default(),
                    text: format!(
                        "{lead}{shown} ({}) · {}, {}{said_first}",
                        t.title_text(),
                        crate::text::count(echo.words, "word"),
                        crate::text::count(echo.events, "event")
                    ),
                    look: Look::Field,
                    mark,
                }
            })
            .collect()
    }

    /// A bookmark a row: its date, then who, the first words and the event.
    fn bookmarks_content(&self) -> Vec<Row> {
        if self.bookmarks.is_empty() {
            let add = self
                .keys
                .hint(Mode::Normal, crate::app::Action::AddBookmark);
            return vec![Row {
                label: String::new(),
                text: format!("no bookmarks yet: {add} marks the current paragraph"),
                look: Look::Plain,
                mark: None,
            }];
        }
        self.bookmarks
            .iter()
            .map(|mark| {
                let who = mark
                    .speaker
                    .as_deref()
                    .map(|s| format!("{s}: "))
                    .unwrap_or_default();
                let loaded = self.bookmark_transcript(mark).is_some();
                Row {
                    label: mark.date.clone().unwrap_or_default(),
                    text: format!("{who}{}… ({})", mark.text, mark.title),
                    look: if loaded { Look::Field } else { Look::Missing },
                    mark: None,
                }
            })
            .collect()
    }

    /// Scrolls a list popup (bookmarks, echoes) so its cursor's rows show.
    pub(super) fn keep_cursor_visible(&mut self) {
        let rows = self.popup_rows();
        let (_, shown) = self.popup_inner(rows.len());
        let Some(popup) = self.overlay.popup_mut() else {
            return;
        };
        let first = rows
            .iter()
            .position(|r| r.item == popup.selected)
            .unwrap_or(0);
        let last = rows
            .iter()
            .rposition(|r| r.item == popup.selected)
            .unwrap_or(first);
        if first < popup.scroll {
            popup.scroll = first;
        } else if last >= popup.scroll + shown.max(1) {
            popup.scroll = last + 1 - shown.max(1);
        }
    }

    fn help_content(&self) -> Vec<Row> {
        let keys = |table| {
            help_rows(table).into_iter().map(|(keys, what)| Row {
                label: keys,
                text: what.to_string(),
                look: Look::Key,
                mark: None,
            })
        };
        let heading = |text: &str| Row {
            label: String::new(),
            text: text.to_string(),
            look: Look::Plain,
            mark: None,
        };
        let mut rows: Vec<Row> = keys(self.keys.table(Mode::Normal)).collect();
        rows.push(heading(""));
        rows.push(heading("In the search prompt (other keys type):"));
        rows.extend(keys(self.keys.table(Mode::Prompt)));
        rows.push(heading(""));
        rows.push(heading("In a popup (other keys close it):"));
        rows.extend(keys(self.keys.table(Mode::Popup)));
        rows
    }

    /// Everything about the event that is not dialogue; fields the page
    /// does not give are left out.
    fn info_content(&self) -> Vec<Row> {
        let Some(t) = self.transcript() else {
            return vec![Row {
                label: String::new(),
                text: "no transcript".into(),
                look: Look::Plain,
                mark: None,
            }];
        };
        let mut fields: Vec<(String, String)> = vec![("title".into(), t.title_text().into())];
        let text = |l: &Option<crate::model::Line>| l.as_ref().map_or("", |l| t.text(l));
        for lead in &t.lead {
            fields.push(("lead".into(), t.text(lead).into()));
        }
        let from_footer = |date: &str| {
            t.footer
                .published
                .as_deref()
                .is_some_and(|p| p.starts_with(date))
        };
        let date = match (&t.date_line, &t.date) {
            (None, Some(date)) if from_footer(date) => {
                format!("{date} (from the publication date)")
            }
            (None, Some(date)) => date.clone(),
            _ => text(&t.date_line).into(),
        };
        fields.push(("date".into(), date));
        fields.push(("time".into(), text(&t.time).into()));
        fields.push(("place".into(), text(&t.place).into()));
        // A slider's photos often share one caption: it is listed once,
        // with how many photos it is under.
        let mut captions: Vec<(&str, usize)> = Vec::new();
        for caption in &t.captions {
            let text = t.text(&caption.text);
            match captions.iter_mut().find(|(seen, _)| *seen == text) {
                Some((_, photos)) => *photos += 1,
                None => captions.push((text, 1)),
            }
        }
        for (text, photos) in captions {
            let text = match photos {
                1 => text.to_string(),
                n => format!("{text} ({})", crate::text::count(n, "photo")),
            };
            fields.push(("photo".into(), text));
        }
        for see in &t.see_also {
            let heading = t.text(&see.heading).to_lowercase();
            for link in &see.links {
                let date = link.date.as_ref().map_or("", |d| t.text(d));
                fields.push((heading.clone(), format!("{} {date}", t.text(&link.title))));
            }
        }
        for group in &t.footer.tags {
            let items: Vec<&str> = group.items.iter().map(|i| t.text(i)).collect();
            fields.push((t.text(&group.heading).to_lowercase(), items.join(", ")));
        }
        fields.push(("sections".into(), t.footer.sections.join(", ")));
        fields.push((
            "published".into(),
            t.footer.published.clone().unwrap_or_default(),
        ));
        if let Some(url) = t.url() {
            fields.push(("url".into(), url.into_owned()));
        }
        if let Some(source) = &t.source {
            fields.push(("source".into(), source.clone()));
        }
        if !t.unclassified.is_empty() {
            fields.push((
                "unclassified".into(),
                format!(
                    "{} (verbatim check lists them)",
                    crate::text::count(t.unclassified.len(), "line")
                ),
            ));
        }
        fields
            .into_iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(label, text)| Row {
                label,
                text,
                look: Look::Field,
                mark: None,
            })
            .collect()
    }

    fn problems_content(&self) -> Vec<Row> {
        let plain = |text: String| Row {
            label: String::new(),
            text,
            look: Look::Plain,
            mark: None,
        };
        if self.problems.is_empty() {
            return vec![plain("every file loaded".into())];
        }
        self.problems
            .iter()
            .map(|p| {
                let kind = if p.is_error { "error" } else { "warning" };
                plain(format!("{kind}: {p}"))
            })
            .collect()
    }
}

/// Rows wrapped to `width`, each wrapped text under its text column.
pub fn screen_rows(rows: &[Row], width: u16) -> Vec<ScreenRow> {
    let mut out = Vec::new();
    for (item, row) in rows.iter().enumerate() {
        let label_width = row.look.label_width(width);
        let text_width = u16::try_from(usize::from(width) - label_width).unwrap_or(0);
        let marks = row
            .mark
            .as_ref()
            .map(|m| char_ranges(&row.text, std::slice::from_ref(m)))
            .unwrap_or_default();
        for (i, (text, start)) in wrap_with_offsets(&row.text, text_width)
            .into_iter()
            .enumerate()
        {
            let end = start + text.chars().count();
            let mark = marks
                .iter()
                .find(|m| m.start < end && m.end > start)
                .map(|m| m.start.max(start) - start..m.end.min(end) - start);
            out.push(ScreenRow {
                label: if i == 0 {
                    row.label.clone()
                } else {
                    String::new()
                },
                text,
                look: row.look,
                mark,
                item,
            });
        }
    }
    out
}
