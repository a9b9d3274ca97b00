//! The reader's research keys, without a terminal: hits in date order,
//! kept when more load, and the chart of a query's hits by year.

use verbatim::app::{Action, App, Effect, Message};
use verbatim::search::{Index, Order, Request, TrendRequest};

mod common;

use common::screen;

/// Three events in three years, grain said in each: once in 2016, twice in
/// 2017 (in one of two events), never in 2018's second.
fn corpus() -> verbatim::model::Corpus {
    let pages = [
        ("a", "March 9, 2016", "Vladimir Putin: Grain exports grow."),
        (
            "b",
            "May 1, 2017",
            "Vladimir Putin: Grain, grain and grain again.",
        ),
        ("c", "June 2, 2017", "Dmitry Peskov: The grain deal stands."),
        ("d", "July 3, 2018", "Vladimir Putin: Grain prices fall."),
        (
            "e",
            "July 4, 2018",
            "Vladimir Putin: Steel is another matter entirely.",
        ),
    ];
    verbatim::corpus::assemble(
        pages
            .iter()
            .map(|(id, date, said)| {
                let page = format!("Events\nTalks {id}\n{date}\n{said}");
                verbatim::parse::parse_page(id, &page)
            })
            .collect(),
    )
}

fn app() -> (App, Index) {
    let corpus = corpus();
    let index = Index::build(&corpus);
    let mut app = App::new(corpus, Vec::new());
    app.update(Message::Resize {
        width: 90,
        height: 24,
    });
    (app, index)
}

/// Answers a search as the worker would.
fn answer(app: &mut App, index: &Index, effect: Effect) -> Request {
    let Effect::Search(request) = effect else {
        panic!("a search is asked for: {effect:?}");
    };
    let answer = verbatim::search::answer(index, &app.corpus, &request, &|| false).unwrap();
    app.update(answer);
    request
}

/// Presses a key that asks for a search, and answers it.
fn press(app: &mut App, index: &Index, action: Action) -> Request {
    let effect = app.update(action);
    answer(app, index, effect)
}

fn type_query(app: &mut App, index: &Index, text: &str) {
    app.update(Action::OpenSearch);
    for c in text.chars() {
        let effect = app.update(Action::PromptInput(c));
        answer(app, index, effect);
    }
}

/// The dates of the hits listed, in order.
fn hit_dates(app: &App) -> Vec<String> {
    let list = app.search().expect("the prompt is open");
    list.hits
        .iter()
        .map(|hit| {
            app.corpus.transcripts[hit.transcript]
                .date
                .clone()
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn ctrl_s_orders_hits_newest_then_oldest_and_the_prompt_says_so() {
    let (mut app, index) = app();
    type_query(&mut app, &index, "grain");
    assert!(screen(&app).contains("best first"), "{}", screen(&app));
    let asked = press(&mut app, &index, Action::CycleSearchOrder);
    assert_eq!(asked.order, Order::Newest);
    let dates = hit_dates(&app);
    assert_eq!(dates[0], "2018-07-03");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(screen(&app).contains("newest first"));
    let asked = press(&mut app, &index, Action::CycleSearchOrder);
    assert_eq!(asked.order, Order::Oldest);
    assert_eq!(hit_dates(&app)[0], "2016-03-09");
    assert!(screen(&app).contains("oldest first"));
    // The order is kept for the next search, and for `n` past the prompt.
    app.update(Action::PromptCancel);
    assert_eq!(
        press(&mut app, &index, Action::OpenSearch).order,
        Order::Oldest
    );
}

#[test]
fn a_chart_asked_for_before_the_hits_come_does_not_lose_them() {
    let (mut app, index) = app();
    app.update(Action::OpenSearch);
    let mut asked = Effect::None;
    for c in "grain".chars() {
        asked = app.update(Action::PromptInput(c));
    }
    app.update(Action::ShowTrend);
    app.update(Action::PromptCancel);
    answer(&mut app, &index, asked);
    let list = app.search().unwrap();
    assert_eq!(list.total, 4);
    assert!(!list.waiting);
}

#[test]
fn ctrl_t_charts_hits_by_year_and_enter_keeps_to_the_chosen_year() {
    let (mut app, index) = app();
    type_query(&mut app, &index, "grain");
    let Effect::Trend(request) = app.update(Action::ShowTrend) else {
        panic!("the chart asks for counts");
    };
    assert_eq!(
        request,
        TrendRequest {
            generation: request.generation,
            query: "grain".into()
        }
    );
    assert!(screen(&app).contains("counting…"));
    let counted = verbatim::search::answer::trend(&index, &app.corpus, &request);
    app.update(Message::Trend(counted));
    let shown = screen(&app);
    // The year of the highest rate is chosen first: 2017, four uses in
    // thirteen words (titles are said too: they are searched).
    assert!(
        shown.contains("2017: 2 paragraphs · 4 uses in 13 words said · 3076.92 per 10,000 words"),
        "{shown}"
    );
    assert!(
        shown.contains("bar: uses per 10,000 words said that year"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
    app.update(Action::Down);
    assert!(screen(&app).contains("2018: 1 paragraph · 1 use in 12 words said"));
    press(&mut app, &index, Action::PromptAccept);
    let list = app.search().unwrap();
    assert_eq!(list.input.text, "grain year:2018");
    assert_eq!(list.total, 1);
    assert!(list.trend.is_none());
    // Typing closes the chart and goes on with the query.
    app.update(Action::ShowTrend);
    let effect = app.update(Action::PromptBackspace);
    assert!(matches!(effect, Effect::Search(_)));
    assert!(app.search().unwrap().trend.is_none());
}

#[test]
fn more_hits_in_date_order_follow_those_held() {
    let corpus = corpus();
    let index = Index::build(&corpus);
    let ask = |offset: usize, limit: usize| {
        let request = Request {
            generation: 1,
            query: "grain".into(),
            scope: None,
            limit,
            offset,
            order: Order::Newest,
        };
        verbatim::search::answer(&index, &corpus, &request, &|| false)
            .unwrap()
            .hits
    };
    let whole = ask(0, 4);
    assert_eq!(whole.len(), 4);
    let paged: Vec<_> = ask(0, 2).into_iter().chain(ask(2, 2)).collect();
    assert_eq!(paged, whole);
}

#[test]
fn mentions_keeps_events_whose_text_has_the_word_once_the_index_is_there() {
    let (mut app, index) = app();
    let all = app.events.len();
    app.update(Action::FilterEvents);
    for c in "mentions:steel".chars() {
        app.update(Action::PromptInput(c));
    }
    // Before the search index is handed over, mentions: cannot judge.
    assert_eq!(app.events.len(), all);
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .contains("once the search index is built")
    );
    app.update(Message::SearchIndex {
        corpus: std::sync::Arc::clone(&app.corpus),
        index: std::sync::Arc::new(index),
    });
    assert_eq!(app.events.len(), 1);
    let kept = &app.corpus.transcripts[app.events.order[0]];
    assert_eq!(kept.id, "e");
    // Negated, and with a year: four events have no steel, two of 2017.
    app.update(Action::PromptClear);
    for c in "-mentions:steel year:2017".chars() {
        app.update(Action::PromptInput(c));
    }
    assert_eq!(app.events.len(), 2);
    // The search's facet is the same words, from the postings.
    let corpus = corpus();
    let index = Index::build(&corpus);
    let query = verbatim::search::Query::parse("grain mentions:prices");
    let found = index.search(&corpus, &query, None, 10, &|| false).unwrap();
    assert_eq!(found.total, 1);
}

#[test]
fn the_events_widen_with_focus_name_the_whole_title_and_t_keeps_those_with_speakers() {
    let mut corpus_pages: Vec<verbatim::parse::ParsedPage> = Vec::new();
    let long = "Telephone conversation with the Prime Minister of India";
    corpus_pages.push(verbatim::parse::parse_page(
        "a",
        &format!("Events\n{long}\nMarch 11, 2016\nVladimir Putin: Good afternoon."),
    ));
    corpus_pages.push(verbatim::parse::parse_page(
        "b",
        "Events\nA decree was signed\nMarch 10, 2016\nThe President signed a decree.",
    ));
    let mut app = App::new(verbatim::corpus::assemble(corpus_pages), Vec::new());
    app.update(Message::Resize {
        width: 80,
        height: 24,
    });
    let panes = app.panes();
    let (events, dialogue) = (panes.events.unwrap(), panes.dialogue.unwrap());
    assert!(events.width > dialogue.width, "{events:?} {dialogue:?}");
    // The row cuts the title; the status line has it whole.
    let shown = screen(&app);
    let status = shown.lines().last().unwrap();
    assert!(status.starts_with(&format!("[Events] {long} ")), "{shown}");
    assert!(!shown.lines().nth(1).unwrap().contains(long), "{shown}");
    app.update(Action::FocusPreviousPane);
    let panes = app.panes();
    assert!(panes.dialogue.unwrap().width > panes.events.unwrap().width);
    // t: only the events where someone speaks, then all again.
    app.update(Action::ToggleTurnsOnly);
    assert_eq!(app.events.len(), 1);
    assert_eq!(app.events_filter, "has:turns");
    assert_eq!(
        app.status.as_deref(),
        Some("only events where someone speaks: 1 of 2 (t shows all)")
    );
    assert_eq!(
        app.corpus.transcripts[app.events.order[0]].title_text(),
        long
    );
    app.update(Action::ToggleTurnsOnly);
    assert_eq!(app.events.len(), 2);
    assert_eq!(app.events_filter, "");
}

#[test]
fn shift_y_on_a_question_quotes_the_answer_with_it() {
    let page = "Events\nMeeting with Gazprom CEO Alexei Miller\nMarch 1, 2016\n\
        Vladimir Putin: Mr Miller, what year did you start?\n\
        Alexei Miller: In 2001. It was a long time ago.\n\
        Vladimir Putin: Good. Let us go on.";
    let corpus = verbatim::corpus::assemble(vec![verbatim::parse::parse_page("a", page)]);
    let mut app = App::new(corpus, Vec::new());
    app.update(Message::Resize {
        width: 100,
        height: 30,
    });
    app.focus = verbatim::app::Pane::Dialogue;
    let Effect::Copy { text, done } = app.update(Action::CopyTurn) else {
        panic!("Y copies");
    };
    assert!(text.contains("what year did you start?"), "{text}");
    assert!(text.contains("In 2001. It was a long time ago."), "{text}");
    assert!(text.contains("Alexei Miller"), "{text}");
    assert!(!text.contains("Let us go on"), "{text}");
    assert!(done.starts_with("copied"), "{done}");
    // An answer is not a question: Y on it copies it alone.
    app.update(Action::NextParagraph);
    let Effect::Copy { text, .. } = app.update(Action::CopyTurn) else {
        panic!("Y copies");
    };
    assert!(
        text.contains("In 2001") && !text.contains("what year"),
        "{text}"
    );
}

#[test]
fn a_question_marked_word_may_be_lacking_and_ranks_the_exact_words_first() {
    let pages = [
        (
            "a",
            "May 1, 2018",
            "Vladimir Putin: We are not going to attack anyone.",
        ),
        (
            "b",
            "May 2, 2018",
            "Vladimir Putin: We will not attack anybody, ever.",
        ),
        ("c", "May 3, 2018", "Vladimir Putin: Nobody will attack us."),
    ];
    let dir = std::env::temp_dir().join(format!("verbatim-research-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let corpus = verbatim::corpus::assemble(
        pages
            .iter()
            .map(|(id, date, said)| {
                let page = format!("Events\nTalks {id}\n{date}\n{said}");
                std::fs::write(dir.join(format!("{id}.txt")), &page).unwrap();
                verbatim::parse::parse_page(id, &page)
            })
            .collect(),
    );
    let index = Index::build(&corpus);
    let ids = |text: &str| -> Vec<String> {
        let query = verbatim::search::Query::parse(text);
        let found = index.search(&corpus, &query, None, 10, &|| false).unwrap();
        found
            .hits
            .iter()
            .map(|h| corpus.transcripts[index.locate(h).transcript].id.clone())
            .collect()
    };
    // As remembered, the paraphrase is not found; with its doubtful words
    // marked, it is, below the words as said.
    assert_eq!(ids("we will not attack anybody"), ["b"]);
    assert_eq!(ids("?we ?will not attack ?anybody"), ["b", "a"]);
    // A query of ?words alone needs one of them.
    assert_eq!(ids("?anybody ?anyone").len(), 2);
    // The command line streams the pages and finds the same.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args([
            "search",
            "?we ?will not attack ?anybody",
            dir.to_str().unwrap(),
            "--json",
        ])
        .env("VERBATIM_NO_CACHE", "1")
        .output()
        .unwrap();
    let files: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["file"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(files, ["b.txt", "a.txt"]);
}
