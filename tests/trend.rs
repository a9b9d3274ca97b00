//! `verbatim trend` and search's orders and `--speech`, on the command
//! line: counts that agree with what `search` lists, periods in order,
//! and the same answers from a cache as from the pages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ARCHIVE: &str = "../shared/corpus/kremlin-en-archive";

/// Runs verbatim with its cache in `cache` (none read or written: `None`).
fn verbatim(cache: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_verbatim"));
    command.args(args);
    match cache {
        Some(dir) => command.env("XDG_CACHE_HOME", dir),
        None => command.env("VERBATIM_NO_CACHE", "1"),
    };
    command.output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("verbatim-trend-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `trend --json`'s lines for one query: period, paragraphs, matches, words.
fn periods(output: &Output, query: &str) -> Vec<(String, u64, u64, u64)> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|v| v["query"] == query)
        .map(|v| {
            (
                v["period"].as_str().unwrap().to_string(),
                v["paragraphs"].as_u64().unwrap(),
                v["matches"].as_u64().unwrap(),
                v["words"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn trend_counts_what_search_lists_for_each_year_of_the_archive() {
    let cache = scratch("archive");
    let queries = [
        "sanctions",
        "\"economic sanctions\"",
        "grain @putin",
        "trade mentions:syria",
    ];
    let mut args = vec!["trend", queries[0], ARCHIVE, "--json"];
    for q in &queries[1..] {
        args.extend(["--vs", q]);
    }
    // Without a cache the pages are read, and no cache is written (as by
    // search); with one built, its index counts: the same counts.
    let cold = verbatim(Some(&cache), &args);
    assert!(
        cold.status.success(),
        "{}",
        String::from_utf8_lossy(&cold.stderr)
    );
    assert!(!cache.join("verbatim").exists(), "trend wrote a cache");
    let built = verbatim(Some(&cache), &["cache", "build", ARCHIVE]);
    assert!(built.status.success());
    // A facet streams the pages whatever the cache: it is left out.
    let unfaceted = &args[..args.len() - 2];
    let warm = verbatim(Some(&cache), unfaceted);
    for query in &queries[..3] {
        assert_eq!(periods(&cold, query), periods(&warm, query), "{query}");
    }
    let warm = cold;
    for query in queries {
        let years = periods(&warm, query);
        assert!(years.windows(2).all(|w| w[0].0 < w[1].0), "{years:?}");
        for year in ["2000", "2014", "2017", "2019"] {
            let counted = years.iter().find(|p| p.0 == year).map_or(0, |p| p.1);
            let listed = verbatim(
                None,
                &[
                    "search", query, ARCHIVE, "--since", year, "--until", year, "--limit",
                    "100000", "--json",
                ],
            );
            assert_eq!(
                counted,
                stdout(&listed).lines().count() as u64,
                "{query} in {year}"
            );
        }
    }
    // sanctions: the archive's first use and its rise after 2014.
    let sanctions = periods(&warm, "sanctions");
    let first = sanctions.iter().find(|p| p.1 > 0).unwrap();
    assert_eq!(first.0, "2000");
    let of = |year: &str| sanctions.iter().find(|p| p.0 == year).unwrap().clone();
    assert!(of("2017").1 > 10 * of("2005").1.max(1));
    // The rate is out of every word said that year, not of the matches.
    assert!(of("2017").3 > 100_000 && of("2017").2 >= of("2017").1);
}

#[test]
fn trend_counts_alike_from_the_pages_and_from_the_cache() {
    let cache = scratch("alike");
    let built = verbatim(Some(&cache), &["cache", "build", ARCHIVE]);
    assert!(built.status.success());
    // Uses counted from the index (one word, typos, `?word`s, a prefix)
    // and from the text (a capital, a phrase), narrowed or not.
    let queries = [
        "russia",
        "kazkhstan invstment",
        "?we ?will not attack",
        "Sanctions",
        "\"economic sanctions\"",
        "the presiden",
        "@peskov",
    ];
    let mut args = vec!["trend", queries[0], ARCHIVE, "--json"];
    for q in &queries[1..] {
        args.extend(["--vs", q]);
    }
    for narrowed in [
        &[][..],
        &["--speaker", "putin", "--by", "month"],
        &["--speech"],
    ] {
        let args: Vec<&str> = args.iter().chain(narrowed).copied().collect();
        let warm = verbatim(Some(&cache), &args);
        let cold = verbatim(None, &args);
        assert!(warm.status.success());
        for query in queries {
            let counted = periods(&warm, query);
            assert!(
                !narrowed.is_empty() || counted.iter().any(|p| p.1 > 0),
                "{query} matches nothing"
            );
            assert_eq!(counted, periods(&cold, query), "{query} {narrowed:?}");
        }
    }
}

#[test]
fn trend_by_month_fills_the_gaps_and_the_table_says_what_it_counts() {
    let dir = scratch("months");
    let page = |title: &str, date: &str, said: &str| {
        format!("Events\n{title}\n{date}\nVladimir Putin: {said}\n")
    };
    std::fs::write(
        dir.join("a.txt"),
        page(
            "Talks",
            "November 3, 2016",
            "Grain exports grow. Grain again.",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        page("More talks", "February 1, 2017", "Grain is sold."),
    )
    .unwrap();
    let path = dir.display().to_string();
    let json = verbatim(None, &["trend", "grain", &path, "--by", "month", "--json"]);
    let months: Vec<(String, u64, u64)> = periods(&json, "grain")
        .into_iter()
        .map(|(p, n, m, _)| (p, n, m))
        .collect();
    assert_eq!(
        months,
        [
            ("2016-11".to_string(), 1, 2),
            ("2016-12".to_string(), 0, 0),
            ("2017-01".to_string(), 0, 0),
            ("2017-02".to_string(), 1, 1),
        ]
    );
    let table = stdout(&verbatim(
        None,
        &["trend", "grain", &path, "--vs", "exports"],
    ));
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("year") && lines[0].contains("grain") && lines[0].contains("exports")
    );
    assert!(
        lines[1].contains("paragraphs") && lines[1].contains("per 10k"),
        "{table}"
    );
    assert!(
        table.contains("per 10,000 words said in the year"),
        "{table}"
    );
    assert!(
        table.contains("grain: 2 paragraphs; first in 2016"),
        "{table}"
    );
    assert!(
        table.contains("exports: 1 paragraph; first in 2016"),
        "{table}"
    );
    let none = verbatim(None, &["trend", "zzqx", &path]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stdout(&none).contains("zzqx: no paragraph matches"));
}

/// Dates of `search --json`'s results, in order.
fn dates(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .map(|v| v["date"].as_str().unwrap_or("").to_string())
        .collect()
}

/// File, line and score of `search --json`'s results, in order.
fn places(output: &Output) -> Vec<(String, u64, i64)> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .map(|v| {
            let file = v["file"].as_str().unwrap().to_string();
            (
                file,
                v["line"].as_u64().unwrap(),
                v["score"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn search_sorts_by_date_and_keeps_to_speech_alike_from_pages_and_cache() {
    let cache = scratch("sorted");
    let built = verbatim(Some(&cache), &["cache", "build", ARCHIVE]);
    assert!(built.status.success());
    for (order, newest) in [("newest", true), ("oldest", false)] {
        let args = [
            "search",
            "sanctions",
            ARCHIVE,
            "--sort",
            order,
            "--limit",
            "40",
            "--json",
        ];
        let streamed = verbatim(None, &args);
        let cached = verbatim(Some(&cache), &args);
        // A name can be spelled once on a page and otherwise elsewhere
        // (Niinisto, Niinistö): the paragraphs are compared, not names.
        assert_eq!(places(&streamed), places(&cached), "{order}");
        let found = dates(&cached);
        assert_eq!(found.len(), 40);
        assert!(
            found
                .windows(2)
                .all(|w| if newest { w[0] >= w[1] } else { w[0] <= w[1] }),
            "{order}: {found:?}"
        );
    }
    // Relevance, the default, lists old narration first; newest the last year's.
    let newest = dates(&verbatim(
        Some(&cache),
        &[
            "search",
            "sanctions",
            ARCHIVE,
            "--sort",
            "newest",
            "--json",
            "--limit",
            "1",
        ],
    ));
    assert!(newest[0].starts_with("2020"), "{newest:?}");
    let speech = verbatim(
        Some(&cache),
        &[
            "search",
            "sanctions",
            ARCHIVE,
            "--speech",
            "--limit",
            "200",
            "--json",
        ],
    );
    let speakers: Vec<serde_json::Value> = stdout(&speech)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["speaker"].clone())
        .collect();
    assert!(
        !speakers.is_empty() && speakers.iter().all(|s| s.is_string()),
        "{speakers:?}"
    );
    let typed = verbatim(
        Some(&cache),
        &[
            "search",
            "sanctions is:speech",
            ARCHIVE,
            "--limit",
            "200",
            "--json",
        ],
    );
    assert_eq!(places(&typed), places(&speech));
    let wrong = verbatim(None, &["search", "x", "--sort", "latest"]);
    assert_eq!(wrong.status.code(), Some(2));
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(said.contains("relevance, newest, oldest"), "{said}");
}
