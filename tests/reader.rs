//! The reader without a terminal: key sequences through `update`, and
//! screens rendered with ratatui's TestBackend.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use verbatim::app::{Action, App, Message, Pane, Popup};
use verbatim::bookmarks::Change;
use verbatim::corpus;
use verbatim::model::Speaker;
use verbatim::parse::parse_page;

mod common;

use common::screen;

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(corpus::bundled::corpus(), Vec::new());
    resize(&mut app, width, height);
    app
}

fn resize(app: &mut App, width: u16, height: u16) {
    app.update(Message::Resize { width, height });
}

/// The screen from column `x` rightwards: what a pane there shows.
fn screen_from(app: &App, x: u16) -> String {
    screen(app)
        .lines()
        .map(|l| l.chars().skip(usize::from(x)).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn press(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(*action);
    }
}

#[test]
fn highlight_and_jump_between_a_speakers_turns() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::FocusNextPane, Action::Select]);
    assert_eq!(app.focus, Pane::Speakers);
    assert_eq!(
        app.highlight,
        Some(Speaker::Person("vladimir-putin".into()))
    );
    assert_eq!(app.turn_counter(), Some((0, 2)));
    press(&mut app, &[Action::NextTurnOfSpeaker]);
    assert_eq!(app.turn_counter(), Some((1, 2)));
    press(&mut app, &[Action::NextTurnOfSpeaker]);
    assert_eq!(app.turn_counter(), Some((2, 2)));
    assert!(screen(&app).contains("Vladimir Putin: turn 2 of 2"));
    press(&mut app, &[Action::NextTurnOfSpeaker]);
    assert_eq!(app.turn_counter(), Some((1, 2)));
    assert_eq!(app.status.as_deref(), Some("wrapped to the first turn"));
    press(&mut app, &[Action::PreviousTurnOfSpeaker]);
    assert_eq!(app.turn_counter(), Some((2, 2)));
    assert_eq!(app.status.as_deref(), Some("wrapped to the last turn"));
}

#[test]
fn h_highlights_the_turn_on_screen_and_f_filters_to_it() {
    let mut app = app(100, 30);
    app.focus = Pane::Dialogue;
    app.update(Action::HighlightCurrentSpeaker);
    assert_eq!(
        app.highlight,
        Some(Speaker::Person("vladimir-putin".into()))
    );
    app.update(Action::ToggleSpeakerFilter);
    let text = screen(&app);
    assert!(text.contains("Dialogue: only Vladimir Putin"), "{text}");
    assert!(
        !text.contains("Thank you, Mr President, first of all"),
        "{text}"
    );
    assert!(
        text.contains("Beginning of Russia-Kazakhstan talks"),
        "headings stay for context"
    );
    app.update(Action::ClearHighlight);
    assert_eq!(app.highlight, None);
    assert!(!app.filter);
}

#[test]
fn scrolling_reaches_the_end_and_comes_back() {
    let mut app = app(100, 30);
    app.focus = Pane::Dialogue;
    app.update(Action::Bottom);
    assert!(screen(&app).contains("<…>"));
    app.update(Action::PageUp);
    app.update(Action::Top);
    assert!(screen(&app).contains("2022-08-19 · 16:15 · Sochi"));
}

#[test]
fn popups_open_and_close() {
    let mut app = app(100, 30);
    app.update(Action::ToggleHelp);
    assert_eq!(app.popup().map(|p| p.kind), Some(Popup::Help));
    let text = screen(&app);
    assert!(
        text.contains("next turn of the highlighted speaker"),
        "{text}"
    );
    app.update(Action::ToggleInfo);
    assert!(screen(&app).contains("Foreign policy"));
    app.update(Action::ClearHighlight);
    assert_eq!(app.popup(), None);
}

#[test]
fn the_highlight_follows_a_person_to_another_event() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/2022-08-19_putin-tokayev-sochi.txt"
    ))
    .unwrap();
    let other = "Events\nAnother meeting\nJune 1, 2021\n12:00\nVladimir Putin: Hello.\nSomeone Else: Hi.\nVladimir Putin: Bye.";
    let corpus = corpus::assemble(vec![parse_page("a", &seed), parse_page("b", other)]);
    let mut app = App::new(corpus, Vec::new());
    resize(&mut app, 100, 30);
    press(
        &mut app,
        &[
            Action::FocusNextPane,
            Action::Select,
            Action::FocusPreviousPane,
            Action::Down,
        ],
    );
    assert_eq!(app.transcript().unwrap().id, "b");
    assert_eq!(app.turn_counter(), Some((0, 2)));
    assert_eq!(app.speakers.selected().unwrap().name, "Vladimir Putin");
}

#[test]
fn mouse_click_selects_a_speaker() {
    let mut app = app(100, 30);
    let speakers = app.panes().speakers.unwrap();
    // Border, header row, then Putin's two rows, then Tokayev's.
    app.update(Message::Click {
        x: speakers.x + 3,
        y: speakers.y + 4,
    });
    assert_eq!(app.focus, Pane::Speakers);
    assert_eq!(
        app.highlight,
        Some(Speaker::Person("kassym-jomart-tokayev".into()))
    );
}

#[test]
fn screens_at_80x24_and_120x40() {
    insta::assert_snapshot!("bundled_80x24", screen(&app(80, 24)));
    let mut big = app(120, 40);
    press(
        &mut big,
        &[
            Action::FocusNextPane,
            Action::Select,
            Action::NextTurnOfSpeaker,
        ],
    );
    insta::assert_snapshot!("bundled_120x40_highlight", screen(&big));
}

#[test]
fn small_screens_show_one_pane_and_never_panic() {
    for (w, h) in [(1, 1), (2, 3), (10, 5), (40, 12), (79, 23), (300, 100)] {
        let mut app = app(w, h);
        for action in [
            Action::FocusNextPane,
            Action::Select,
            Action::NextTurnOfSpeaker,
            Action::ToggleHelp,
        ] {
            app.update(action);
            screen(&app);
        }
    }
    let narrow = app(60, 20);
    let text = screen(&narrow);
    assert!(
        text.contains("Events (1)") && !text.contains("Dialogue"),
        "{text}"
    );
}

#[test]
fn hostile_text_never_reaches_the_screen_raw() {
    let hostile = "Events\n\u{1b}]0;pwned\u{7}Title \u{1b}[2J\nJune 1, 2021\n12:00\nEvil\u{1b}[31m Person: text \u{9b}31m and \u{202e}reversed\u{202c} \u{1b}P+q\u{1b}\\ \u{8}\u{8}\nmore \u{7f} \u{0} here";
    let corpus = corpus::assemble(vec![parse_page("evil", hostile)]);
    let mut app = App::new(corpus, Vec::new());
    for (w, h) in [(100, 30), (60, 20)] {
        resize(&mut app, w, h);
        for action in [
            Action::Down,
            Action::FocusNextPane,
            Action::Select,
            Action::ToggleInfo,
        ] {
            app.update(action);
            let text = screen(&app);
            let bad: Vec<char> = text
                .chars()
                .filter(|c| {
                    (c.is_control() && *c != '\n')
                        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                })
                .collect();
            assert!(bad.is_empty(), "raw controls {bad:?} in\n{text}");
        }
    }
    app.update(Action::ClearHighlight);
    resize(&mut app, 100, 30);
    assert!(screen(&app).contains("␛]0;pwned␇"), "{}", screen(&app));
}

/// Types a query into the prompt and answers each request as the worker would.
fn type_query(app: &mut App, index: &verbatim::search::Index, text: &str) {
    for c in text.chars() {
        if let verbatim::app::Effect::Search(request) = app.update(Action::PromptInput(c)) {
            answer(app, index, request);
        }
    }
}

/// Opens the prompt and types a query that nothing answers yet; the last
/// search it asks for.
fn open_search_unanswered(app: &mut App, text: &str) -> verbatim::search::Request {
    app.update(Action::OpenSearch);
    let mut asked = verbatim::app::Effect::None;
    for c in text.chars() {
        asked = app.update(Action::PromptInput(c));
    }
    let verbatim::app::Effect::Search(request) = asked else {
        panic!("typing {text:?} asks for a search: {asked:?}");
    };
    request
}

fn answer(app: &mut App, index: &verbatim::search::Index, request: verbatim::search::Request) {
    let answer = verbatim::search::answer(index, &app.corpus, &request, &|| false).unwrap();
    app.update(answer);
}

#[test]
fn search_prompt_finds_jumps_steps_and_returns() {
    let mut app = app(100, 30);
    let index = verbatim::search::Index::build(&app.corpus);
    app.focus = Pane::Dialogue;
    app.update(Action::Down);
    let before = app.dialogue.pos;
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "trade");
    let text = screen(&app);
    assert!(text.contains("/ trade"), "{text}");
    assert!(text.contains("3 of 3 matches"), "{text}");
    app.update(Action::Down);
    app.update(Action::PromptAccept);
    assert!(app.search().is_none());
    assert_eq!(app.status.as_deref(), Some("hit 2 of 3; n and N go on"));
    assert!(
        app.found_in(
            app.found.as_ref().unwrap().hits[1].block,
            app.found.as_ref().unwrap().hits[1].paragraph
        )
        .is_some()
    );
    app.update(Action::NextHit);
    app.update(Action::NextHit);
    assert_eq!(
        app.status.as_deref(),
        Some("wrapped to the first hit; hit 1 of 3")
    );
    app.update(Action::PreviousHit);
    assert_eq!(
        app.status.as_deref(),
        Some("wrapped to the last hit; hit 3 of 3")
    );
    // Esc in the prompt goes back to where the reader was.
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "border");
    app.update(Action::PromptCancel);
    assert!(app.search().is_none());
    assert_ne!(
        app.dialogue.pos, before,
        "the accepted search moved the view"
    );
    app.update(Action::OpenSearch);
    let at = app.dialogue.pos;
    type_query(&mut app, &index, "cis");
    app.update(Action::PromptCancel);
    assert_eq!(app.dialogue.pos, at);
}

#[test]
fn stale_answers_are_dropped_and_scope_toggles() {
    let mut app = app(100, 30);
    let index = verbatim::search::Index::build(&app.corpus);
    app.update(Action::OpenSearch);
    let verbatim::app::Effect::Search(old) = app.update(Action::PromptInput('t')) else {
        panic!()
    };
    let verbatim::app::Effect::Search(new) = app.update(Action::PromptInput('r')) else {
        panic!()
    };
    answer(&mut app, &index, new.clone());
    let count = app.search().unwrap().total;
    answer(&mut app, &index, old);
    assert_eq!(
        app.search().unwrap().total,
        count,
        "an older answer does not replace a newer one"
    );
    // One event loaded: the prompt starts on this event; Tab widens it.
    assert!(new.scope.is_some());
    let verbatim::app::Effect::Search(wide) = app.update(Action::PromptTab) else {
        panic!()
    };
    assert_eq!(wide.scope, None);
    answer(&mut app, &index, wide);
    let text = screen(&app);
    assert!(text.contains("the one event ·"), "{text}");
}

#[test]
fn search_screen_snapshot() {
    let mut app = app(80, 24);
    let index = verbatim::search::Index::build(&app.corpus);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "@tokayev cis");
    insta::assert_snapshot!("search_80x24", screen(&app));
}

#[test]
fn files_that_failed_are_counted_and_listed() {
    let problems = vec![verbatim::corpus::Problem {
        path: "broken/empty.txt".into(),
        line: None,
        message: "empty file".into(),
        is_error: true,
    }];
    let mut app = App::new(corpus::bundled::corpus(), problems);
    resize(&mut app, 100, 30);
    assert!(screen(&app).contains("1 file(s) could not be read; press ! to see them"));
    app.update(Action::ToggleProblems);
    assert!(screen(&app).contains("error: broken/empty.txt: empty file"));
}

/// The bundled page and two more events that speak of trade.
fn three_events() -> App {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/2022-08-19_putin-tokayev-sochi.txt"
    ))
    .unwrap();
    let older = "Events\nTrade talks\nJune 1, 2021\n12:00\nVladimir Putin: Our trade grows.\nSomeone Else: Trade is good.";
    let oldest = "Events\nMore trade talks\nMay 1, 2020\n12:00\nVladimir Putin: Trade again.";
    let corpus = corpus::assemble(vec![
        parse_page("seed", &seed),
        parse_page("older", older),
        parse_page("oldest", oldest),
    ]);
    let mut app = App::new(corpus, Vec::new());
    resize(&mut app, 100, 30);
    app
}

#[test]
fn the_mouse_on_the_search_list_selects_scrolls_and_jumps() {
    let mut app = three_events();
    let index = verbatim::search::Index::build(&app.corpus);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "trade");
    let list = app.search().unwrap();
    assert!(list.hits.len() >= 4, "{}", list.hits.len());
    // The list's border, then two rows a hit: the third hit's first row.
    let third = Message::Click {
        x: 10,
        y: 1 + 2 * 2,
    };
    app.update(third.clone());
    assert_eq!(app.search().unwrap().selected(), 2);
    assert_eq!(
        app.events.cursor.selected, 0,
        "the click did not reach the Events pane"
    );
    app.update(Message::Wheel {
        x: 10,
        y: 5,
        rows: 3,
    });
    assert_eq!(app.search().unwrap().selected(), 3);
    app.update(Message::Wheel {
        x: 10,
        y: 5,
        rows: -3,
    });
    assert_eq!(app.search().unwrap().selected(), 2);
    // A click on the selected hit goes to it.
    let chosen = app.search().unwrap().hits[2].clone();
    app.update(third);
    assert!(app.search().is_none());
    assert_eq!(app.found.as_ref().unwrap().current, 2);
    assert_eq!(app.events.transcript(), Some(chosen.transcript));
    assert!(app.found_in(chosen.block, chosen.paragraph).is_some());
}

#[test]
fn nothing_under_a_popup_reacts_to_the_mouse() {
    let mut app = three_events();
    let events = app.panes().events.unwrap();
    app.update(Action::ToggleHelp);
    app.update(Message::Click {
        x: events.x + 3,
        y: events.y + 2,
    });
    assert_eq!(app.events.cursor.selected, 0);
    assert_eq!(app.popup().map(|p| p.kind), Some(Popup::Help));
    app.update(Message::Wheel {
        x: events.x + 3,
        y: events.y + 2,
        rows: 3,
    });
    assert_eq!(app.events.cursor.selected, 0);
    assert_eq!(
        app.popup().unwrap().scroll,
        3,
        "the wheel scrolls the popup"
    );
    // Without the popup the same click opens the second event.
    app.update(Action::ClosePopup);
    app.update(Message::Click {
        x: events.x + 3,
        y: events.y + 2,
    });
    assert_eq!(app.events.cursor.selected, 1);
}

#[test]
fn keys_are_read_in_the_table_of_the_mode() {
    use verbatim::app::key::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: char| Message::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let mut app = app(100, 30);
    // In the prompt, q is typed.
    app.update(Action::OpenSearch);
    assert!(matches!(
        app.update(key('q')),
        verbatim::app::Effect::Search(_)
    ));
    assert_eq!(app.search().unwrap().input, "q");
    app.update(Action::PromptCancel);
    // In a popup, q closes it; on the panes it quits.
    app.update(key('?'));
    assert_eq!(app.popup().map(|p| p.kind), Some(Popup::Help));
    assert_eq!(app.update(key('q')), verbatim::app::Effect::None);
    assert_eq!(app.popup(), None);
    assert_eq!(app.update(key('q')), verbatim::app::Effect::Quit);
    // Shift-Tab as crossterm reports it goes back a pane.
    let back_tab = Message::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    app.update(back_tab);
    assert_eq!(app.focus, Pane::Dialogue);
}

#[test]
fn key_hints_follow_the_keymap() {
    use verbatim::app::key::{KeyCode, KeyModifiers};
    use verbatim::app::keymap::Key;
    // Tall enough for the whole help.
    let mut app = app(100, 80);
    let f1 = Key {
        code: KeyCode::F(1),
        modifiers: KeyModifiers::NONE,
    };
    app.keys.normal.retain(|(_, a)| *a != Action::ToggleHelp);
    app.keys.normal.push((f1, Action::ToggleHelp));
    app.keys.popup.retain(|(_, a)| *a != Action::ClosePopup);
    app.keys.popup.push((f1, Action::ClosePopup));
    let text = screen(&app);
    assert!(text.contains("F1 help"), "{text}");
    app.update(Action::ToggleHelp);
    let text = screen(&app);
    assert!(text.contains("Keys (F1 closes)"), "{text}");
    assert!(text.contains("In a popup (other keys close it):"), "{text}");
}

#[test]
fn a_title_hit_opens_the_event_at_its_top() {
    let mut app = three_events();
    let index = verbatim::search::Index::build(&app.corpus);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "more talks");
    let list = app.search().unwrap();
    assert_eq!(list.total, 1, "{:?}", list.hits);
    app.update(Action::PromptAccept);
    assert_eq!(app.transcript().unwrap().id, "oldest");
    assert_eq!(app.dialogue.pos, Default::default());
    assert_eq!(app.status.as_deref(), Some("hit 1 of 1; n and N go on"));
    assert!(screen(&app).contains("More trade talks"));
}

#[test]
fn above_the_first_turn_the_status_counts_turns() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::FocusNextPane, Action::Select]);
    assert_eq!(app.turn_counter(), Some((0, 2)));
    let text = screen(&app);
    assert!(text.contains("Vladimir Putin: 2 turns"), "{text}");
    assert!(!text.contains("turn 0 of"), "{text}");
}

#[test]
fn filtering_to_someone_who_is_not_here_says_so() {
    let mut app = three_events();
    // Someone Else speaks only in the second event.
    press(
        &mut app,
        &[
            Action::Down,
            Action::FocusNextPane,
            Action::Down,
            Action::Select,
        ],
    );
    assert_eq!(app.highlight, Some(Speaker::Person("someone-else".into())));
    press(
        &mut app,
        &[
            Action::FocusPreviousPane,
            Action::Up,
            Action::ToggleSpeakerFilter,
        ],
    );
    assert!(!app.filter);
    assert_eq!(
        app.status.as_deref(),
        Some("Someone Else does not speak in this event")
    );
    // Filtered where they speak, then moved to where they do not.
    press(
        &mut app,
        &[Action::Down, Action::ToggleSpeakerFilter, Action::Up],
    );
    assert!(app.filter);
    // The dialogue has its width with the focus.
    app.focus = Pane::Dialogue;
    let text = screen(&app);
    assert!(
        text.contains("Someone Else does not speak in this event; f shows everyone"),
        "{text}"
    );
}

#[test]
fn the_search_survives_esc() {
    let mut app = app(100, 30);
    let index = verbatim::search::Index::build(&app.corpus);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "trade");
    app.update(Action::PromptCancel);
    // n and N step through the hits of the query the prompt had; the
    // first n goes to its first hit, which Esc left unvisited.
    app.update(Action::NextHit);
    assert_eq!(app.status.as_deref(), Some("hit 1 of 3; n and N go on"));
    app.update(Action::NextHit);
    assert_eq!(app.status.as_deref(), Some("hit 2 of 3; n and N go on"));
    // / opens with that query, selected: typing replaces it.
    let verbatim::app::Effect::Search(again) = app.update(Action::OpenSearch) else {
        panic!("the last query is searched again at once")
    };
    assert_eq!(again.query, "trade");
    let list = app.search().unwrap();
    assert!(list.input.replace);
    answer(&mut app, &index, again);
    assert!(screen(&app).contains("/ trade"));
    type_query(&mut app, &index, "cis");
    assert_eq!(app.search().unwrap().input, "cis");
}

/// One event whose one turn says `trade` in 250 paragraphs.
fn many_hits() -> App {
    let mut page = String::from(
        "Events\nTrade talks\nJune 1, 2021\n12:00\nVladimir Putin: We trade, paragraph 0.\n",
    );
    for i in 1..250 {
        page.push_str(&format!("We trade, paragraph {i}.\n"));
    }
    let mut app = App::new(
        corpus::assemble(vec![parse_page("many", &page)]),
        Vec::new(),
    );
    resize(&mut app, 100, 30);
    app
}

#[test]
fn every_hit_is_reachable_past_the_first_two_hundred() {
    let mut app = many_hits();
    let index = verbatim::search::Index::build(&app.corpus);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "paragraph");
    let list = app.search().unwrap();
    assert_eq!((list.hits.len(), list.total), (200, 250));
    // Paging down near the end of what is loaded asks for more, and the
    // answer keeps the cursor where it was.
    let mut asked = None;
    for _ in 0..200 {
        if let verbatim::app::Effect::Search(more) = app.update(Action::PageDown) {
            asked = Some(more);
            break;
        }
    }
    let more = asked.expect("the list asks for more hits");
    // The next 200, past the 200 held: not all 400 again.
    assert_eq!((more.offset, more.limit), (200, 200));
    let at = app.search().unwrap().selected();
    answer(&mut app, &index, more);
    let list = app.search().unwrap();
    assert_eq!((list.hits.len(), list.selected()), (250, at));
    assert!(screen(&app).contains("250 of 250 matches"));
    // n past the last hit loaded asks for more as well.
    app.update(Action::PromptCancel);
    let mut app = many_hits();
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "paragraph");
    app.update(Action::PromptAccept);
    let mut asked = None;
    for _ in 0..200 {
        if let verbatim::app::Effect::Search(more) = app.update(Action::NextHit) {
            asked = Some(more);
            break;
        }
    }
    answer(&mut app, &index, asked.expect("n asks for more hits"));
    assert_eq!(app.status.as_deref(), Some("hit 201 of 250; n and N go on"));
}

#[test]
fn the_help_scrolls_to_its_end_and_says_when_more_follows() {
    let mut app = app(100, 30);
    app.update(Action::ToggleHelp);
    let text = screen(&app);
    assert!(text.contains("more: j"), "a cut-off list says so:\n{text}");
    // G goes to the end instead of closing the help.
    app.update(Action::Bottom);
    assert_eq!(app.popup().map(|p| p.kind), Some(Popup::Help));
    let end = app.popup().unwrap().scroll;
    assert!(end > 0);
    let text = screen(&app);
    assert!(text.contains("suspend to the shell"), "{text}");
    assert!(!text.contains("more: j"), "{text}");
    // j stops at the last line.
    app.update(Action::Down);
    assert_eq!(app.popup().unwrap().scroll, end);
    app.update(Action::Up);
    assert_eq!(app.popup().unwrap().scroll, end - 1);
}

#[test]
fn info_wraps_values_under_their_column_and_leaves_out_empty_ones() {
    let page = "Events\nA meeting\nA lead long enough to wrap at this width, because it goes on and on about what was discussed at the meeting.\nJune 1, 2021\nVladimir Putin: Hello.";
    let corpus = corpus::assemble(vec![parse_page("lead", page)]);
    let mut app = App::new(corpus, Vec::new());
    resize(&mut app, 80, 24);
    app.update(Action::ToggleInfo);
    let text = screen(&app);
    let rows: Vec<&str> = text.lines().collect();
    let lead = rows
        .iter()
        .position(|r| r.contains("lead        A lead long enough"))
        .unwrap_or_else(|| panic!("{text}"));
    // The next row goes on under the text, not under the label.
    let chars = |row: &str| row.chars().collect::<Vec<char>>();
    let (this, next) = (chars(rows[lead]), chars(rows[lead + 1]));
    let label = this.iter().position(|c| *c == 'l').unwrap();
    let text_column = label + "lead        ".len();
    assert_eq!(this[text_column], 'A');
    assert!(next[label..text_column].iter().all(|c| *c == ' '), "{text}");
    assert!(next[text_column].is_alphabetic(), "{text}");
    // The page gives no time and no place.
    assert!(!text.contains("time "), "{text}");
    assert!(!text.contains("place "), "{text}");
}

/// Each cell's symbol with its colours, one screen row a line, for
/// snapshots of a theme.
fn styled_screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| verbatim::ui::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut last = None;
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let style = (cell.fg, cell.bg, cell.modifier);
            if last != Some(style) {
                out.push_str(&format!(
                    "{{{:?}/{:?}/{:?}}}",
                    cell.fg, cell.bg, cell.modifier
                ));
                last = Some(style);
            }
            out.push_str(cell.symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_light_theme_snapshot() {
    let settings =
        verbatim::config::parse("[theme]\npreset = \"light\"\n").expect("a light config");
    let mut app = App::with_keys(corpus::bundled::corpus(), Vec::new(), settings.keys);
    app.theme = settings.theme;
    resize(&mut app, 80, 24);
    press(
        &mut app,
        &[
            Action::FocusNextPane,
            Action::Select,
            Action::NextTurnOfSpeaker,
        ],
    );
    insta::assert_snapshot!("light_80x24", styled_screen(&app));
}

#[test]
fn copying_a_hit_cycling_formats_and_an_event_without_a_page() {
    let mut app = app(100, 30);
    let index = verbatim::search::Index::build(&app.corpus);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "longest bordr");
    let verbatim::app::Effect::Copy { text, .. } = app.update(Action::CopyQuote) else {
        panic!("Ctrl-y in the search list copies the hit")
    };
    assert!(
        text.starts_with("“We are united by a common border"),
        "{text}"
    );
    assert!(text.ends_with("— Kassym-Jomart Tokayev, President of Kazakhstan, Meeting with President of Kazakhstan Kassym-Jomart Tokayev, Sochi, 19 August 2022"), "{text}");
    assert!(app.search().is_some(), "the list stays open");
    app.update(Action::PromptCancel);
    // c copies the same quote again as Markdown, then short.
    let verbatim::app::Effect::Copy { text: markdown, .. } =
        app.update(Action::CycleCitationFormat)
    else {
        panic!("c copies again")
    };
    assert!(
        markdown.starts_with("> We are united by a common border"),
        "{markdown}"
    );
    let verbatim::app::Effect::Copy { text: short, done } = app.update(Action::CycleCitationFormat)
    else {
        panic!("c copies again")
    };
    assert!(
        short.ends_with("” — Kassym-Jomart Tokayev, 19 August 2022"),
        "{short}"
    );
    // "copied" is said once the copy is made, not before.
    assert!(done.starts_with("copied: "), "{done}");
    assert_eq!(app.status, None);
    app.update(Message::Notice(done.clone()));
    assert_eq!(app.status, Some(done));
    // The bundled page has no web address, and says so.
    assert_eq!(
        app.update(Action::OpenInBrowser),
        verbatim::app::Effect::None
    );
    assert_eq!(app.status.as_deref(), Some("this event has no web address"));
}

#[test]
fn the_current_paragraph_stays_on_screen_as_the_pane_scrolls() {
    let mut app = app(100, 30);
    app.focus = Pane::Dialogue;
    app.update(Action::NextParagraph);
    let first = app.dialogue.current.unwrap();
    app.update(Action::Bottom);
    let current = app.dialogue.current.unwrap();
    assert!(
        current > first,
        "scrolled off, the current paragraph follows"
    );
    let (width, rows) = app.pane_size(Pane::Dialogue);
    let t = app.transcript().unwrap();
    assert!(app.dialogue.visible(t, width, rows).contains(&current));
}

/// kremlin-en, as the search-preview and jump tests read it.
fn kremlin(width: u16, height: u16) -> (App, verbatim::search::Index) {
    reader_of("corpus/kremlin-en", width, height)
}

/// A reader of a page or folder of ../shared, and its search index.
fn reader_of(shared: &str, width: u16, height: u16) -> (App, verbatim::search::Index) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(shared);
    let loaded = corpus::load_paths(&[path]);
    let mut app = App::new(loaded.corpus, Vec::new());
    resize(&mut app, width, height);
    let index = verbatim::search::Index::build(&app.corpus);
    (app, index)
}

#[test]
fn the_preview_follows_the_selected_hit() {
    let (mut app, index) = kremlin(160, 48);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "trade turnover");
    let (list, preview) = app.search_areas();
    let preview = preview.expect("a preview beside the list at 160 columns");
    assert!(preview.x > list.x);
    insta::assert_snapshot!("preview_160x48", screen(&app));
    for _ in 0..3 {
        app.update(Action::Down);
        let hit = app.search().unwrap().selected_hit().unwrap().clone();
        let t = &app.corpus.transcripts[hit.transcript];
        let text = t.text(
            t.searchable_at(hit.block as u32, hit.paragraph as u32)
                .unwrap(),
        );
        let first_words: String = text
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        // The preview's rows are the right part of the screen.
        let right = screen_from(&app, preview.x);
        assert!(right.contains(t.title_text().split_whitespace().next().unwrap()));
        assert!(
            right
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(&first_words),
            "{first_words:?} not in the preview:\n{right}"
        );
    }
    // Below 140 columns the preview is under the list; Ctrl-o hides it.
    resize(&mut app, 100, 30);
    let (list, preview) = app.search_areas();
    assert!(preview.unwrap().y > list.y);
    insta::assert_snapshot!("preview_100x30", screen(&app));
    app.update(Action::TogglePreview);
    assert_eq!(app.search_areas().1, None);
}

#[test]
fn hits_group_by_event() {
    let (mut app, index) = kremlin(100, 30);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "trade turnover");
    let all = app.search().unwrap().len();
    app.update(Action::ToggleGrouping);
    let list = app.search().unwrap();
    let events: std::collections::HashSet<usize> = list.hits.iter().map(|h| h.transcript).collect();
    assert_eq!(list.len(), events.len(), "one row an event");
    assert!(list.len() < all);
    assert_eq!(list.group_sizes.iter().sum::<usize>(), all);
    assert!(
        screen(&app).contains("more"),
        "a row says how many hits it stands for"
    );
    app.update(Action::ToggleGrouping);
    assert_eq!(app.search().unwrap().len(), all);
}

#[test]
fn the_jump_list_goes_back_and_forward_across_three_jumps() {
    let (mut app, index) = kremlin(100, 30);
    let start = (app.events.transcript(), app.dialogue.pos);
    let mut spots = vec![start];
    for query in ["trade turnover", "longest bridge", "kerch strait"] {
        app.update(Action::OpenSearch);
        type_query(&mut app, &index, query);
        app.update(Action::PromptAccept);
        spots.push((app.events.transcript(), app.dialogue.pos));
    }
    assert_eq!(app.jumps.len(), 3);
    for back in (0..3).rev() {
        app.update(Action::JumpBack);
        assert_eq!((app.events.transcript(), app.dialogue.pos), spots[back]);
        assert_eq!(
            app.status.as_deref(),
            Some(format!("jump {} of 4", back + 1).as_str())
        );
    }
    app.update(Action::JumpBack);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("no jump to go back to")
    );
    for spot in &spots[1..] {
        app.update(Action::JumpForward);
        assert_eq!((app.events.transcript(), app.dialogue.pos), *spot);
    }
}

#[test]
fn bookmarks_are_added_listed_jumped_to_and_deleted() {
    let mut app = three_events();
    app.focus = Pane::Dialogue;
    app.update(Action::NextParagraph);
    let verbatim::app::Effect::SaveBookmarks {
        change: Change::Add(saved),
        done,
    } = app.update(Action::AddBookmark)
    else {
        panic!("a new bookmark is saved")
    };
    assert_eq!(saved.transcript, "seed");
    assert_eq!(saved.line, 10);
    // "bookmarked" once the file says so, with what it holds then.
    assert_eq!(app.status.as_deref(), Some("saving the bookmarks…"));
    app.update(Message::Bookmarks {
        list: vec![saved.clone()],
        done,
    });
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("bookmarked: Vladimir Putin"),
        "{:?}",
        app.status
    );
    assert_eq!(app.update(Action::AddBookmark), verbatim::app::Effect::None);
    assert_eq!(app.status.as_deref(), Some("already bookmarked"));
    // One more in another event, and one whose transcript is not loaded.
    // From the dialogue: the Events pane, the next event, back to the dialogue.
    press(
        &mut app,
        &[
            Action::FocusNextPane,
            Action::Down,
            Action::FocusPreviousPane,
        ],
    );
    assert_eq!(app.transcript().unwrap().id, "older");
    app.update(Action::NextParagraph);
    app.update(Action::AddBookmark);
    assert_eq!(app.bookmarks.len(), 2);
    app.bookmarks.push(verbatim::bookmarks::Bookmark {
        transcript: "elsewhere".into(),
        line: 3,
        speaker: None,
        date: Some("2001-01-01".into()),
        title: "Not loaded".into(),
        text: "Gone".into(),
    });
    app.update(Action::ToggleBookmarks);
    let text = screen(&app);
    assert!(text.contains("Bookmarks (Esc closes)"), "{text}");
    assert!(text.contains("Gone… (Not loaded)"), "{text}");
    // Enter on the first goes to the seed's paragraph, as a jump.
    app.update(Action::Select);
    assert_eq!(app.popup(), None);
    assert_eq!(app.transcript().unwrap().id, "seed");
    assert!(app.dialogue.current.is_some());
    assert_eq!(app.status.as_deref(), Some("bookmark: Vladimir Putin"));
    app.update(Action::JumpBack);
    assert_eq!(app.transcript().unwrap().id, "older");
    // d deletes the selected one.
    app.update(Action::ToggleBookmarks);
    let verbatim::app::Effect::SaveBookmarks {
        change: Change::Delete { transcript, line },
        ..
    } = app.update(Action::DeleteBookmark)
    else {
        panic!("a deletion is saved")
    };
    assert_eq!((transcript.as_str(), line), ("seed", 10));
    assert_eq!(app.bookmarks.len(), 2);
    // The popup says what its keys do; u brings the deleted one back,
    // where it stood, and saves it again.
    let text = screen(&app);
    assert!(
        text.contains("Enter goes · d deletes · u brings back"),
        "{text}"
    );
    let verbatim::app::Effect::SaveBookmarks {
        change: Change::Add(back),
        done,
    } = app.update(Action::UndoDeleteBookmark)
    else {
        panic!("the bookmark brought back is saved")
    };
    assert_eq!((back.transcript.as_str(), back.line), ("seed", 10));
    assert_eq!(app.bookmarks[0].transcript, "seed");
    app.update(Message::Bookmarks {
        list: app.bookmarks.clone(),
        done,
    });
    assert_eq!(app.status.as_deref(), Some("bookmark back; 3 bookmarks"));
    assert_eq!(
        app.update(Action::UndoDeleteBookmark),
        verbatim::app::Effect::None
    );
    assert_eq!(
        app.status.as_deref(),
        Some("no bookmark deleted to bring back")
    );
    app.update(Action::DeleteBookmark);
    assert_eq!(app.bookmarks.len(), 2);
    // A bookmarks file that could not be read is never written over, and
    // the status line says the bookmark lasts this run only.
    app.bookmarks_kept = false;
    app.update(Action::ClosePopup);
    app.update(Action::FocusNextPane);
    press(&mut app, &[Action::NextParagraph, Action::NextParagraph]);
    assert_eq!(app.update(Action::AddBookmark), verbatim::app::Effect::None);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .ends_with("(for this run only: the file is left as it was)"),
        "{:?}",
        app.status
    );
}

#[test]
fn the_speakers_pane_shows_the_role_of_this_event_or_the_nearest() {
    let page = |title: &str, date: &str, label: &str| {
        format!("Events\n{title}\n{date}\n{label}: Hello.\nVladimir Putin: Good afternoon.\n")
    };
    let corpus = corpus::assemble(vec![
        parse_page(
            "a",
            &page("First", "May 1, 2015", "Governor of Tula Region Anna Smith"),
        ),
        parse_page(
            "b",
            &page("Second", "May 1, 2019", "Chairman of the Board Anna Smith"),
        ),
        parse_page("c", &page("Third", "May 1, 2020", "Anna Smith")),
        parse_page(
            "d",
            &page(
                "Fourth",
                "May 1, 2016",
                "Governor of Tula Region Anna Smith",
            ),
        ),
    ]);
    let mut app = App::new(corpus, Vec::new());
    resize(&mut app, 100, 30);
    let role_in = |app: &mut App, id: &str| {
        let at = (0..app.events.len())
            .find(|e| app.corpus.transcripts[app.events.order[*e]].id == id)
            .unwrap();
        app.update(Message::Click {
            x: 2,
            y: 1 + at as u16,
        });
        app.speakers.stats[0].role.clone()
    };
    // Its own label's role, though Governor is the role seen most.
    assert_eq!(
        role_in(&mut app, "b").as_deref(),
        Some("Chairman of the Board")
    );
    // No role here: the one nearest in time (2019, not 2015 or 2016).
    assert_eq!(
        role_in(&mut app, "c").as_deref(),
        Some("Chairman of the Board")
    );
    assert_eq!(
        role_in(&mut app, "a").as_deref(),
        Some("Governor of Tula Region")
    );
}

/// Three events, two of which repeat a passage of the first a year on.
fn echoing_events() -> App {
    let run = "we must strengthen cooperation in the fight against international terrorism and drug trafficking";
    let corpus = corpus::assemble(vec![
        parse_page(
            "first",
            &format!(
                "Events\nA summit\nMay 1, 2015\nVladimir Putin: Friends, {run}, as agreed.\nAnother paragraph about something else."
            ),
        ),
        parse_page(
            "second",
            &format!("Events\nA visit\nMay 1, 2016\nDmitry Medvedev: Indeed {run} together."),
        ),
        parse_page(
            "third",
            &format!("Events\nA forum\nMay 1, 2014\nSergei Lavrov: As said, {run}."),
        ),
    ]);
    let mut app = App::new(corpus, Vec::new());
    resize(&mut app, 100, 30);
    app
}

#[test]
fn echoes_of_a_paragraph_are_listed_ordered_and_followed() {
    let mut app = echoing_events();
    let index = verbatim::search::Index::build(&app.corpus);
    let echo_index = verbatim::search::echoes::EchoIndex::build(&app.corpus, &index);
    // The newest event (2016) is open; its paragraph echoes the others.
    assert_eq!(app.transcript().unwrap().id, "second");
    app.focus = Pane::Dialogue;
    app.update(Action::NextParagraph);
    let verbatim::app::Effect::Echoes(request) = app.update(Action::ShowEchoes) else {
        panic!("e asks the worker for echoes")
    };
    assert!(screen(&app).contains("looking for echoes"));
    let answer = verbatim::search::answer::echoes(&index, &echo_index, &app.corpus, &request);
    app.update(Message::Echoes(answer));
    insta::assert_snapshot!("echoes_100x30", screen(&app));
    let text = screen(&app);
    assert!(text.contains("2 echoes, by strength; s: by date"), "{text}");
    assert!(
        text.contains("said first"),
        "the 2014 forum said it first:\n{text}"
    );
    // The passage's shared words are marked while the list is open.
    let passage = app.echo_list().unwrap().passage;
    let mark = app
        .found_in(passage.1, passage.2)
        .expect("the passage is marked");
    let t = app.transcript().unwrap();
    let text = t.text(t.searchable_at(passage.1 as u32, passage.2 as u32).unwrap());
    assert!(text[mark.ranges[0].clone()].starts_with("we must strengthen"));
    // By date, the earliest first.
    app.update(Action::ToggleEchoOrder);
    let list = app.echo_list().unwrap();
    let first = list.order(&app.corpus)[0];
    assert_eq!(
        app.corpus.transcripts[list.echoes[first].place.transcript].id,
        "third"
    );
    // Enter goes there, the shared words marked, as a jump.
    app.update(Action::Select);
    assert_eq!(app.popup(), None);
    assert_eq!(app.transcript().unwrap().id, "third");
    assert!(
        app.status.as_deref().unwrap().starts_with("echo: 13 words"),
        "{:?}",
        app.status
    );
    let hit = app.found.as_ref().unwrap().hits[0].clone();
    assert!(app.found_in(hit.block, hit.paragraph).is_some());
    app.update(Action::JumpBack);
    assert_eq!(app.transcript().unwrap().id, "second");
}

#[test]
fn with_no_hit_the_preview_space_stays_the_searchs() {
    let mut app = app(80, 24);
    let index = verbatim::search::Index::build(&app.corpus);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "zzqxq");
    let text = screen(&app);
    assert!(text.contains("no hit to preview"), "{text}");
    assert!(
        !text.contains("Speakers"),
        "the panes do not show through:\n{text}"
    );
}

#[test]
fn the_echoes_of_a_hit_take_the_list_and_the_preview_shows_them() {
    let mut app = echoing_events();
    resize(&mut app, 160, 48);
    let index = verbatim::search::Index::build(&app.corpus);
    let echo_index = verbatim::search::echoes::EchoIndex::build(&app.corpus, &index);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "'indeed");
    let verbatim::app::Effect::Echoes(request) = app.update(Action::ShowEchoes) else {
        panic!("Ctrl-e on a hit asks for its echoes")
    };
    let answer = verbatim::search::answer::echoes(&index, &echo_index, &app.corpus, &request);
    app.update(Message::Echoes(answer));
    let (list, preview) = app.search_areas();
    assert_eq!(
        app.popup_rect(0),
        list,
        "the echoes take the search list's place"
    );
    let echo = app.selected_echo().unwrap().clone();
    let title = app.corpus.transcripts[echo.place.transcript]
        .title_text()
        .to_string();
    let preview = preview.unwrap();
    let right = screen_from(&app, preview.x);
    assert!(
        right.contains(&title),
        "the preview shows the echo's event:\n{right}"
    );
    app.update(Action::Down);
    let next = app.selected_echo().unwrap();
    let title = &app.corpus.transcripts[next.place.transcript]
        .title_text()
        .to_string();
    let right = screen_from(&app, preview.x);
    assert!(
        right.contains(title.as_str()),
        "and follows the cursor:\n{right}"
    );
}

/// Types a filter into the events filter prompt.
fn type_filter(app: &mut App, text: &str) {
    app.update(Action::FilterEvents);
    for c in text.chars() {
        app.update(Action::PromptInput(c));
    }
}

#[test]
fn the_events_filter_narrows_by_title_date_tag_and_person() {
    let (mut app, _) = kremlin(100, 30);
    let all = app.events.len();
    type_filter(&mut app, "year:2017 geo:syria");
    let kept = app.events.len();
    assert!(kept > 0 && kept < all);
    for t in app.events.order.iter().map(|t| &app.corpus.transcripts[*t]) {
        assert!(t.date.as_deref().unwrap().starts_with("2017"));
    }
    assert!(screen(&app).contains(&format!("Events ({kept} of {all})")));
    // Enter keeps it; F opens it again with the filter; Esc there puts back
    // the filter it had.
    app.update(Action::PromptAccept);
    assert!(app.filter_prompt().is_none());
    assert_eq!(app.events_filter, "year:2017 geo:syria");
    app.update(Action::FilterEvents);
    app.update(Action::PromptClear);
    assert_eq!(app.events.len(), all);
    app.update(Action::PromptCancel);
    assert_eq!(app.events.len(), kept);
    // A person who speaks (typo forgiven), and an exclusion.
    app.update(Action::FilterEvents);
    app.update(Action::PromptClear);
    for c in "with:peskvo".chars() {
        app.update(Action::PromptInput(c));
    }
    let with_peskov = app.events.len();
    assert!(with_peskov > 0 && with_peskov < all);
    for t in app.events.order.iter().map(|t| &app.corpus.transcripts[*t]) {
        let speaks = t
            .turns()
            .any(|turn| turn.speaker.person_id() == Some("dmitry-peskov"));
        let tagged = t.footer.persons.iter().any(|p| p == "dmitry-peskov");
        assert!(speaks || tagged, "{}", t.title_text());
    }
    for c in " -year:2017".chars() {
        app.update(Action::PromptInput(c));
    }
    assert!(app.events.len() < with_peskov);
    assert!(app.events.order.iter().all(|t| {
        !app.corpus.transcripts[*t]
            .date
            .as_deref()
            .unwrap_or("")
            .starts_with("2017")
    }));
    // Words on the title, typos forgiven; a filter that keeps nothing says so.
    app.update(Action::PromptClear);
    for c in "direct lnie".chars() {
        app.update(Action::PromptInput(c));
    }
    assert!(app.events.order.iter().all(|t| {
        app.corpus.transcripts[*t]
            .title_text()
            .contains("Direct Line")
    }));
    assert!(!app.events.is_empty());
    app.update(Action::PromptClear);
    for c in "zzqxq".chars() {
        app.update(Action::PromptInput(c));
    }
    assert!(app.events.is_empty());
    assert!(screen(&app).contains("no event matches the filter"));
}

#[test]
fn tab_completes_a_facet_value_from_the_corpus() {
    let (mut app, _) = kremlin(100, 30);
    type_filter(&mut app, "year:2017 topic:syr");
    app.update(Action::PromptTab);
    let prompt = app.filter_prompt().unwrap();
    assert_eq!(prompt.input, "year:2017 topic:Syria");
    let kept = app.events.len();
    assert!(kept > 0);
    assert!(screen(&app).contains("Tab: Syria ("));
    // Several words become one with `_`, and Tab goes on to the next value.
    app.update(Action::PromptClear);
    for c in "-topic:f".chars() {
        app.update(Action::PromptInput(c));
    }
    app.update(Action::PromptTab);
    let first = app.filter_prompt().unwrap().input.clone();
    assert_eq!(first, "-topic:Foreign_policy");
    app.update(Action::PromptTab);
    let second = app.filter_prompt().unwrap().input.clone();
    assert!(
        second.starts_with("-topic:F") && second != first,
        "{second}"
    );
    // A value nobody has is said, and the filter is left as typed.
    app.update(Action::PromptClear);
    for c in "geo:zzq".chars() {
        app.update(Action::PromptInput(c));
    }
    app.update(Action::PromptTab);
    assert_eq!(app.filter_prompt().unwrap().input, "geo:zzq");
    assert!(screen(&app).contains("no value has that"));
}

#[test]
fn the_people_view_lists_filters_and_opens_a_persons_event() {
    let (mut app, _) = kremlin(100, 30);
    app.update(Action::ShowPeople);
    let screen_all = screen(&app);
    assert!(screen_all.contains("People ("), "{screen_all}");
    // Most turns first: the President leads.
    let people = app.people().unwrap();
    let first = &app.appearances().people[people.shown[0]];
    assert_eq!(first.id, "vladimir-putin");
    for c in "peskvo".chars() {
        app.update(Action::PromptInput(c));
    }
    let people = app.people().unwrap();
    let shown: Vec<&str> = people
        .shown
        .iter()
        .map(|p| app.appearances().people[*p].id.as_str())
        .collect();
    assert_eq!(shown[0], "dmitry-peskov", "{shown:?}");
    // Enter: his events, oldest first, under his figures and chart.
    app.update(Action::PromptAccept);
    let page = screen(&app);
    assert!(page.contains("turns a year"), "{page}");
    assert!(page.contains("first 20"), "{page}");
    let stat = app.appearances().get("dmitry-peskov").unwrap().clone();
    let dates: Vec<&str> = stat
        .events
        .iter()
        .filter_map(|a| app.corpus.transcripts[a.transcript].date.as_deref())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    // Enter on the first: that event, Peskov highlighted, at his first turn.
    app.update(Action::Select);
    assert!(app.people().is_none());
    assert_eq!(app.events.transcript(), Some(stat.events[0].transcript));
    assert_eq!(app.highlight, Some(Speaker::Person("dmitry-peskov".into())));
    assert_eq!(app.turn_counter().map(|(n, _)| n), Some(1));
    // p again: the list, not his page, with the filter selected as `/`
    // has its query, so that what is typed replaces it.
    app.update(Action::ShowPeople);
    let view = app.people().unwrap();
    assert!(view.person.is_none());
    assert!(view.input.replace);
    assert_eq!(&*view.input, "peskvo");
    for c in "dolg".chars() {
        app.update(Action::PromptInput(c));
    }
    assert_eq!(&*app.people().unwrap().input, "dolg");
    // Esc in a person's page goes back to the list, and Esc there closes.
    app.update(Action::PromptAccept);
    assert!(app.people().unwrap().person.is_some());
    app.update(Action::ClosePopup);
    assert!(app.people().unwrap().person.is_none());
    app.update(Action::PromptCancel);
    assert!(app.people().is_none());
}

#[test]
fn a_persons_next_turn_goes_on_into_their_next_event() {
    let (mut app, _) = kremlin(100, 30);
    app.update(Action::ShowPeople);
    for c in "dmitry peskov".chars() {
        app.update(Action::PromptInput(c));
    }
    press(&mut app, &[Action::PromptAccept, Action::Select]);
    let stat = app.appearances().get("dmitry-peskov").unwrap().clone();
    let speaking: Vec<usize> = stat
        .events
        .iter()
        .filter(|a| a.turns > 0)
        .map(|a| a.transcript)
        .collect();
    assert!(speaking.len() >= 2, "{speaking:?}");
    let (_, total) = app.turn_counter().unwrap();
    // Past the last turn here: the first in the next event in time.
    for _ in 0..total {
        app.update(Action::NextTurnOfSpeaker);
    }
    assert_eq!(app.events.transcript(), Some(speaking[1]));
    assert_eq!(app.turn_counter().map(|(n, _)| n), Some(1));
    assert!(app.status.as_deref().unwrap().contains("the next event"));
    // And back: the last turn of the event before.
    app.update(Action::PreviousTurnOfSpeaker);
    assert_eq!(app.events.transcript(), Some(speaking[0]));
    assert_eq!(app.turn_counter(), Some((total, total)));
    // Ctrl-o comes back from the event it jumped from.
    app.update(Action::JumpBack);
    assert_eq!(app.events.transcript(), Some(speaking[1]));
}

#[test]
fn facets_narrow_a_search_query() {
    let (mut app, index) = kremlin(100, 30);
    let search = |app: &mut App, query: &str| {
        app.update(Action::OpenSearch);
        app.update(Action::PromptClear);
        type_query(app, &index, query);
        let list = app.search().unwrap();
        let dates: Vec<String> = list
            .hits
            .iter()
            .map(|h| app.corpus.transcripts[h.transcript].date.clone().unwrap())
            .collect();
        (list.total, dates)
    };
    let (all, _) = search(&mut app, "syria");
    let (in_2016, dates) = search(&mut app, "syria year:2016");
    assert!(in_2016 > 0 && in_2016 < all, "{in_2016} of {all}");
    assert!(dates.iter().all(|d| d.starts_with("2016")), "{dates:?}");
    let (not_2016, dates) = search(&mut app, "syria -year:2016");
    assert!(dates.iter().all(|d| !d.starts_with("2016")), "{dates:?}");
    assert_eq!(in_2016 + not_2016, all);
}

#[test]
fn people_and_filtered_events_at_80x24_and_160x48() {
    let (mut app, _) = kremlin(80, 24);
    type_filter(&mut app, "year:2017 topic:foreign_policy");
    app.update(Action::PromptAccept);
    assert!(app.events.len() > 1);
    insta::assert_snapshot!("events_filtered_80x24", screen(&app));
    resize(&mut app, 160, 48);
    insta::assert_snapshot!("events_filtered_160x48", screen(&app));
    app.update(Action::ShowPeople);
    insta::assert_snapshot!("people_160x48", screen(&app));
    for c in "peskov".chars() {
        app.update(Action::PromptInput(c));
    }
    app.update(Action::PromptAccept);
    insta::assert_snapshot!("person_160x48", screen(&app));
    resize(&mut app, 80, 24);
    insta::assert_snapshot!("person_80x24", screen(&app));
}

#[test]
fn a_search_before_the_index_is_ready_says_it_is_indexing() {
    let mut app = app(100, 30);
    app.update(Message::Indexing {
        done: 64,
        partial: None,
    });
    app.update(Action::OpenSearch);
    let effect = app.update(Action::PromptInput('t'));
    assert!(matches!(effect, verbatim::app::Effect::Search(_)));
    let waiting = screen(&app);
    assert!(waiting.contains("indexing 64%"), "{waiting}");
    assert!(waiting.contains("indexing the corpus"), "{waiting}");
    app.update(Message::IndexReady);
    let ready = screen(&app);
    assert!(!ready.contains("indexing"), "{ready}");
    assert!(ready.contains("searching…"), "{ready}");
}

#[test]
fn what_is_done_in_the_newest_pages_carries_over_into_the_whole() {
    let dir = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/kremlin-en"
    ));
    let newest = corpus::newest_pages(std::slice::from_ref(&dir), 50).expect("300 > 100 pages");
    assert_eq!(newest.corpus.transcripts.len(), 50);
    let mut preview = App::new(newest.corpus, Vec::new());
    resize(&mut preview, 100, 30);
    preview.update(Message::Loading {
        files: 0,
        total: 0,
        bytes: 0,
    });
    assert!(screen(&preview).contains("loading the rest…"));
    preview.update(Message::Loading {
        files: 120,
        total: 300,
        bytes: 1_000_000,
    });
    assert!(screen(&preview).contains("loading 120 of 300 files · 1 MB"));
    // Down an event, a speaker highlighted, a search typed.
    press(
        &mut preview,
        &[
            Action::Down,
            Action::Down,
            Action::FocusNextPane,
            Action::Select,
        ],
    );
    let event = preview.transcript().unwrap().id.clone();
    let highlight = preview.highlight.clone().expect("a speaker highlighted");
    let asked = open_search_unanswered(&mut preview, "trade");
    // The search is of the part loaded, and says so.
    let searching = screen(&preview);
    assert!(
        searching.contains("newest 50 events · loading 40%"),
        "{searching}"
    );
    let (whole, _) = kremlin(100, 30);
    let effect = preview.update(Message::Loaded {
        corpus: std::sync::Arc::clone(&whole.corpus),
        problems: Vec::new(),
        whole: true,
    });
    let whole = preview;
    assert_eq!(whole.transcript().unwrap().id, event);
    assert_eq!(whole.highlight, Some(highlight));
    assert_eq!(whole.focus, Pane::Speakers);
    let verbatim::app::Effect::Search(request) = effect else {
        panic!("the search is asked again of the whole corpus: {effect:?}");
    };
    assert_eq!(request.query, "trade");
    // Numbered past the part's requests, so that none of their answers
    // passes for this one's.
    assert!(request.generation > asked.generation);
    assert_eq!(whole.search().unwrap().input, "trade");
    assert!(screen(&whole).contains("all 300 events"));
}

#[test]
fn while_the_whole_is_indexed_the_newest_pages_answer_saying_so() {
    let (mut app, _) = kremlin(100, 30);
    app.update(Message::Indexing {
        done: 0,
        partial: Some(50),
    });
    let request = open_search_unanswered(&mut app, "trade");
    app.update(Message::Indexing {
        done: 64,
        partial: Some(50),
    });
    assert!(screen(&app).contains("indexing 64%"));
    // The part's answer, already in the whole's numbers.
    let index = verbatim::search::Index::build(&app.corpus);
    let answer =
        verbatim::search::answer::answer(&index, &app.corpus, &request, &|| false).unwrap();
    let partial = verbatim::search::answer::Answer {
        hits: answer.hits[..2].to_vec(),
        total: 2,
        ..answer.clone()
    };
    app.update(Message::Answer(partial));
    let shown = screen(&app);
    assert!(
        shown.contains("newest 50 of 300 events · indexing 64%"),
        "{shown}"
    );
    assert!(shown.contains("2 of 2 matches"), "{shown}");
    // The whole is indexed, and answers the same request.
    app.update(Message::IndexReady);
    app.update(Message::Answer(answer));
    let shown = screen(&app);
    assert!(shown.contains("all 300 events"), "{shown}");
    assert!(!shown.contains("2 of 2 matches"), "{shown}");
}

/// The kremlin-en page of the 2016 Direct Line alone.
fn direct_line_2016(width: u16, height: u16) -> (App, verbatim::search::Index) {
    reader_of("corpus/kremlin-en/2016-04-14_51716.txt", width, height)
}

#[test]
fn f_after_a_search_jump_keeps_the_paragraph_jumped_to_in_view() {
    let (mut app, index) = direct_line_2016(120, 40);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "Do these figures show how deep the piles");
    app.update(Action::PromptAccept);
    let before = screen(&app);
    assert!(before.contains("how deep the piles"), "{before}");
    press(
        &mut app,
        &[Action::HighlightCurrentSpeaker, Action::ToggleSpeakerFilter],
    );
    let filtered = screen(&app);
    assert!(filtered.contains("how deep the piles"), "{filtered}");
    let (turn, of) = app.turn_counter().expect("a highlighted speaker's turn");
    assert!(
        turn < of,
        "turn {turn} of {of}: the question is not the last"
    );
}

#[test]
fn a_hit_outside_the_events_filter_opens_its_own_paragraph() {
    let (mut app, index) = kremlin(120, 40);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "trade turnover");
    let hit = app.search().unwrap().selected_hit().unwrap().clone();
    let wanted = app.corpus.transcripts[hit.transcript].clone();
    app.update(Action::PromptCancel);
    // An events filter that hides the hit's event.
    app.update(Action::FilterEvents);
    for c in format!("-date:{}", wanted.date.as_deref().unwrap()).chars() {
        app.update(Action::PromptInput(c));
    }
    app.update(Action::PromptAccept);
    assert_eq!(app.events.position(hit.transcript), None);
    // The search, over all events, goes to the hit all the same.
    app.update(Action::OpenSearch);
    if let verbatim::app::Effect::Search(request) = app.update(Action::PromptInput('t')) {
        answer(&mut app, &index, request);
    }
    app.update(Action::PromptBackspace);
    type_query(&mut app, &index, "trade turnover");
    app.update(Action::PromptAccept);
    assert_eq!(app.transcript().unwrap().id, wanted.id);
    let current = app.dialogue.selection();
    assert_eq!(current, vec![(hit.block, hit.paragraph)]);
    let status = app.status.clone().unwrap();
    assert!(
        status.starts_with("hit 1 of") && status.ends_with("events filter cleared to show it"),
        "{status}"
    );
    // What y copies is that paragraph.
    let verbatim::app::Effect::Copy { text, .. } = app.update(Action::CopyQuote) else {
        panic!("y copies");
    };
    let said = wanted.text(
        wanted
            .searchable_at(hit.block as u32, hit.paragraph as u32)
            .unwrap(),
    );
    let first_words: String = said.chars().take(40).collect();
    assert!(text.contains(&first_words), "{text}\n---\n{said}");
}

#[test]
fn an_echoes_request_does_not_strand_a_search_in_flight() {
    let (mut app, index) = kremlin(120, 40);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "trade");
    // More typed: a search in flight; Ctrl-e on the hit still selected.
    let mut asked = verbatim::app::Effect::None;
    for c in " turnover".chars() {
        asked = app.update(Action::PromptInput(c));
    }
    let verbatim::app::Effect::Search(request) = asked else {
        panic!("typing searches: {asked:?}");
    };
    let echoes = app.update(Action::ShowEchoes);
    assert!(
        matches!(echoes, verbatim::app::Effect::Echoes(_)),
        "{echoes:?}"
    );
    answer(&mut app, &index, request);
    let list = app.search().unwrap();
    assert!(
        !list.waiting,
        "the search's answer is taken, not dropped as stale"
    );
    assert!(list.total > 0);
}

#[test]
fn prompts_and_popups_stay_open_when_the_whole_corpus_arrives() {
    let dir = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/kremlin-en"
    ));
    let newest = corpus::newest_pages(std::slice::from_ref(&dir), 50).unwrap();
    let (whole, _) = kremlin(100, 30);
    let arrive = |app: &mut App| {
        app.update(Message::Loaded {
            corpus: std::sync::Arc::clone(&whole.corpus),
            problems: Vec::new(),
            whole: true,
        })
    };
    // A reader of the newest pages with a prompt opened and typed into.
    let typed_into = |open: Action, typed: &str| {
        let mut preview = App::new(newest.corpus.clone(), Vec::new());
        resize(&mut preview, 100, 30);
        preview.update(open);
        for c in typed.chars() {
            preview.update(Action::PromptInput(c));
        }
        preview
    };
    // The events filter's prompt, half typed.
    let mut preview = typed_into(Action::FilterEvents, "year:2016 topic:syr");
    arrive(&mut preview);
    let prompt = preview.filter_prompt().expect("the prompt is still open");
    assert_eq!(prompt.input, "year:2016 topic:syr");
    assert_eq!(preview.events_filter, "year:2016 topic:syr");
    // The keys typed next are the prompt's, not commands.
    for c in "ia".chars() {
        let key = verbatim::app::key::KeyEvent::from(verbatim::app::key::KeyCode::Char(c));
        assert_eq!(preview.update(key), verbatim::app::Effect::None);
    }
    assert_eq!(
        preview.filter_prompt().unwrap().input,
        "year:2016 topic:syria"
    );
    // The people view with a name typed, and the help popup.
    let mut preview = typed_into(Action::ShowPeople, "peskov");
    arrive(&mut preview);
    assert!(preview.people().is_some());
    assert_eq!(preview.people().unwrap().input, "peskov");
    let mut preview = typed_into(Action::ToggleHelp, "");
    arrive(&mut preview);
    assert_eq!(preview.popup().map(|p| p.kind), Some(Popup::Help));
}

#[test]
fn indexes_built_elsewhere_are_taken_for_their_own_corpus_only() {
    let other = app(100, 30);
    let (mut app, _) = kremlin(100, 30);
    let built = |app: &App| {
        (
            std::sync::Arc::new(verbatim::search::facets::FacetIndex::new(&app.corpus)),
            std::sync::Arc::new(verbatim::search::appearances::Appearances::new(&app.corpus)),
        )
    };
    // Another corpus's (the part read first, say) are dropped.
    let (facets, appearances) = built(&other);
    app.update(Message::Indexes {
        corpus: std::sync::Arc::clone(&other.corpus),
        facets,
        appearances: std::sync::Arc::clone(&appearances),
    });
    let (facets, own) = built(&app);
    app.update(Message::Indexes {
        corpus: std::sync::Arc::clone(&app.corpus),
        facets,
        appearances: std::sync::Arc::clone(&own),
    });
    assert!(std::ptr::eq(app.appearances(), &*own));
    assert!(!std::ptr::eq(app.appearances(), &*appearances));
}

#[test]
fn g_in_the_dialogue_goes_to_its_top() {
    let (mut app, _) = direct_line_2016(100, 30);
    app.focus = Pane::Dialogue;
    app.update(Action::Bottom);
    assert!(app.dialogue.pos.item > 100);
    app.update(Action::Top);
    assert_eq!(
        app.dialogue.pos,
        verbatim::app::dialogue::Position::default()
    );
    let top = screen(&app);
    assert!(top.contains("Direct Line with Vladimir Putin"), "{top}");
}

#[test]
fn the_people_view_puts_an_exact_name_before_its_near_neighbours() {
    // kremlin-en has Nikolai Tokarev; the bundled page, Tokayev.
    let loaded = corpus::load_paths(&[
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/kremlin-en"),
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/2022-08-19_putin-tokayev-sochi.txt"),
    ]);
    let mut app = App::new(loaded.corpus, Vec::new());
    resize(&mut app, 120, 40);
    app.update(Action::ShowPeople);
    for c in "tokayev".chars() {
        app.update(Action::PromptInput(c));
    }
    let view = app.people().unwrap();
    let all = app.appearances();
    let names: Vec<&str> = view
        .shown
        .iter()
        .map(|at| app.corpus.person_name(&all.people[*at].id))
        .collect();
    assert!(!names.is_empty());
    assert!(
        names.iter().all(|n| n.ends_with("Tokayev")),
        "only the exact name: {names:?}"
    );
    assert!(!view.near);
    // A typo: nothing is exact, the near names are offered, and it says so.
    app.update(Action::PromptBackspace);
    app.update(Action::PromptBackspace);
    app.update(Action::PromptInput('e'));
    assert!(app.people().unwrap().near);
    assert!(screen(&app).contains("no exact name; near ones"));
}

#[test]
fn near_names_are_offered_only_when_no_name_is_exact_and_the_reader_says_so() {
    let (mut app, index) = kremlin(120, 30);
    // No Tokayev speaks in kremlin-en: Nikolai Tokarev's turns, said so.
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "@tokayev");
    let shown = screen(&app);
    assert!(shown.contains("of near names"), "{shown}");
    // An exact name: Vladimir Putin's turns, and no such words.
    app.update(Action::PromptCancel);
    app.update(Action::OpenSearch);
    type_query(&mut app, &index, "@putin");
    let shown = screen(&app);
    assert!(!shown.contains("near names"), "{shown}");
    app.update(Action::PromptCancel);
    // The events filter says it too, once the prompt is closed.
    app.update(Action::FilterEvents);
    for c in "with:tokaev".chars() {
        app.update(Action::PromptInput(c));
    }
    app.update(Action::PromptAccept);
    assert_eq!(
        app.status.as_deref(),
        Some("no one is named exactly as with: asks; near names' events")
    );
    assert_eq!(app.events.len(), 3);
}

#[test]
fn the_info_popup_lists_a_caption_shared_by_many_photos_once() {
    let (mut app, _) = kremlin(120, 40);
    let at = app
        .corpus
        .transcripts
        .iter()
        .position(|t| t.id == "51716")
        .unwrap();
    let shown = app.events.position(at).unwrap();
    app.update(Action::Top);
    for _ in 0..shown {
        app.update(Action::Down);
    }
    assert_eq!(app.transcript().unwrap().id, "51716");
    app.update(Action::ToggleInfo);
    let text = screen(&app);
    assert_eq!(
        text.matches("Direct Line with Vladimir Putin. (17 photos)")
            .count(),
        1,
        "{text}"
    );
    assert_eq!(text.matches("photo ").count(), 1, "{text}");
}

#[test]
fn the_headers_info_hint_is_whole_at_80_columns() {
    let (mut app, _) = kremlin(80, 24);
    app.focus = Pane::Dialogue;
    let text = screen(&app);
    let header = text
        .lines()
        .find(|l| l.contains("2020-08-27 · 14:20"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(header.contains("Novo-Ogaryovo"), "{header}");
    assert!(header.contains("…   (i: info)"), "{header}");
}

#[test]
fn the_status_line_names_the_highlighted_speaker_once() {
    let mut app = app(100, 30);
    press(&mut app, &[Action::FocusNextPane, Action::Select]);
    let status = screen(&app).lines().last().unwrap().to_string();
    assert!(status.starts_with("highlighting: ] and [ jump"), "{status}");
    assert_eq!(status.matches("Vladimir Putin").count(), 1, "{status}");
    assert!(status.contains("Vladimir Putin: 2 turns"), "{status}");
    // Once the message is gone, the counter says it.
    app.update(Action::NextTurnOfSpeaker);
    let status = screen(&app).lines().last().unwrap().to_string();
    assert_eq!(status.matches("Vladimir Putin").count(), 1, "{status}");
    assert!(status.contains("Vladimir Putin: turn 1 of 2"), "{status}");
}

#[test]
fn the_people_list_never_cuts_a_number_or_runs_name_into_role() {
    for width in [40, 45, 60, 100] {
        let (mut app, _) = kremlin(width, 24);
        app.update(Action::ShowPeople);
        let text = screen(&app);
        let putin = text
            .lines()
            .find(|l| l.contains("Vladimir Put"))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(putin.contains("466,891"), "{width}: {putin}");
        assert!(!putin.contains("…Pre"), "{width}: {putin}");
        if putin.contains("President") {
            assert!(putin.contains("Vladimir Putin "), "{width}: {putin}");
        }
    }
}
