//! A search as the reader asks for it: a request in, the best hits out,
//! given up when a newer request comes. The reader's worker, the keystroke
//! benchmark and the tests all answer through [`answer`].

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};

use super::{Index, Located, Query};
use crate::corpus::Progress;
use crate::model::Corpus;

/// A query to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Counts up with every request; an answer carries its request's.
    pub generation: u64,
    pub query: String,
    /// A transcript index, or `None` for all loaded transcripts.
    pub scope: Option<usize>,
    /// The best this many hits after the first `offset` are located;
    /// all matches are counted.
    pub limit: usize,
    /// Hits the asker holds already: more of a list are asked for past
    /// them, so that paging deep costs no more a page than the first.
    pub offset: usize,
    /// Best first, or by date.
    pub order: super::Order,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub generation: u64,
    /// The request's `offset`: the rank of the first of `hits`.
    pub offset: usize,
    pub hits: Vec<Located>,
    /// Paragraphs that match, of which `hits` are the best after `offset`.
    pub total: usize,
    /// No exact name of the query's `@name` or `with:` matched: the hits
    /// are of near names.
    pub near: bool,
}

/// Runs a request; `None` when `cancelled` says it is no longer wanted.
pub fn answer(
    index: &Index,
    corpus: &Corpus,
    request: &Request,
    cancelled: &dyn Fn() -> bool,
) -> Option<Answer> {
    let query = Query {
        order: request.order,
        ..Query::parse(&request.query)
    };
    let best = request.offset + request.limit;
    let results = index.search(corpus, &query, request.scope, best, cancelled)?;
    Some(Answer {
        generation: request.generation,
        offset: request.offset,
        hits: results
            .hits
            .iter()
            .skip(request.offset)
            .map(|h| index.locate(h))
            .collect(),
        total: results.total,
        near: results.near,
    })
}

/// The echoes of a paragraph, as the reader asks for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EchoRequest {
    pub generation: u64,
    pub transcript: usize,
    pub block: usize,
    pub paragraph: usize,
}

/// One echo, placed in the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct EchoHit {
    /// The echoing paragraph, its shared run as its one range.
    pub place: Located,
    /// The shared run's bytes in the passage.
    pub in_passage: std::ops::Range<usize>,
    pub words: usize,
    pub events: usize,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EchoAnswer {
    pub generation: u64,
    pub echoes: Vec<EchoHit>,
}

/// Echoes a list shows at most.
pub const ECHO_LIMIT: usize = 100;

/// The echoes of a paragraph; none when the index does not know it.
pub fn echoes(
    index: &Index,
    echo_index: &super::echoes::EchoIndex,
    corpus: &Corpus,
    request: &EchoRequest,
) -> EchoAnswer {
    let doc = index.docs().iter().position(|d| {
        d.transcript as usize == request.transcript
            && d.block as usize == request.block
            && d.paragraph as usize == request.paragraph
    });
    let found = doc.map_or_else(Vec::new, |doc| {
        echo_index.of_doc(corpus, index, doc as u32, ECHO_LIMIT)
    });
    EchoAnswer {
        generation: request.generation,
        echoes: found
            .into_iter()
            .map(|echo| {
                let d = index.docs()[echo.doc as usize];
                EchoHit {
                    place: Located {
                        transcript: d.transcript as usize,
                        block: d.block as usize,
                        paragraph: d.paragraph as usize,
                        ranges: vec![echo.in_echo.clone()],
                    },
                    in_passage: echo.in_passage.clone(),
                    words: echo.words,
                    events: echo.events,
                    score: echo.score,
                }
            })
            .collect(),
    }
}

/// A query's hits counted by year, as the reader's chart asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendRequest {
    pub generation: u64,
    pub query: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendAnswer {
    pub generation: u64,
    pub trend: super::trend::Trend,
}

/// The counts of a request's query by year, as `verbatim trend` gives them.
pub fn trend(index: &Index, corpus: &Corpus, request: &TrendRequest) -> TrendAnswer {
    let query = Query::parse(&request.query);
    let chosen = index.choose_all(corpus, &query);
    TrendAnswer {
        generation: request.generation,
        trend: super::trend::Trend::count(index, corpus, &query, chosen, super::trend::By::Year),
    }
}

/// What the worker is asked.
enum Job {
    Search(Request),
    Echoes(EchoRequest),
    Trend(TrendRequest),
    /// The same transcripts, held elsewhere: answer from these from now.
    Rebase(Arc<Corpus>),
    /// What the work after the index was built has to say.
    Notice(String),
}

/// What the worker answers.
#[derive(Debug, Clone)]
pub enum Reply {
    Search(Answer),
    Echoes(EchoAnswer),
    Trend(TrendAnswer),
    /// A word for the status line from the work after the index was built
    /// (a cache that could not be written).
    Notice(String),
    /// The index is built (or was read from a cache): searches answer now.
    Ready,
}

/// What the worker does once the index exists: nothing, or keep it (write
/// a cache), saying why it could not.
pub type AfterBuild = Box<dyn FnOnce(&Corpus, &Index) -> Option<String> + Send>;

/// Builds the index on a thread of its own, then answers the newest
/// request, abandoning one that a newer request has replaced. The echo
/// index is built on the first request for echoes, so a reader who never
/// asks never holds it.
pub struct Worker {
    requests: Sender<Job>,
    /// The index, once built or handed over.
    index: Arc<std::sync::OnceLock<Arc<Index>>>,
    newest: Arc<AtomicU64>,
    /// How far the index it builds has got.
    indexing: Arc<Progress>,
}

impl Worker {
    /// Starts the worker; `deliver` hands each answer on and says whether
    /// anyone still listens.
    pub fn spawn(corpus: Arc<Corpus>, deliver: impl Fn(Reply) -> bool + Send + 'static) -> Worker {
        Worker::start(corpus, None, Box::new(|_, _| None), deliver)
    }

    /// [`Worker::spawn`] with an index already built (from a cache), or
    /// one to build and then hand to `after_build`.
    pub fn start(
        corpus: Arc<Corpus>,
        index: Option<Index>,
        after_build: AfterBuild,
        deliver: impl Fn(Reply) -> bool + Send + 'static,
    ) -> Worker {
        let (requests, inbox) = mpsc::channel::<Job>();
        let own = requests.clone();
        let newest = Arc::new(AtomicU64::new(0));
        let latest = Arc::clone(&newest);
        let indexing = Arc::new(Progress::default());
        let counting = Arc::clone(&indexing);
        let held = Arc::new(std::sync::OnceLock::new());
        let holding = Arc::clone(&held);
        let given = index.map(|index| {
            let index = Arc::new(index);
            let _ = held.set(Arc::clone(&index));
            index
        });
        std::thread::spawn(move || {
            let mut corpus = corpus;
            let index = match given {
                Some(index) => {
                    // Nothing is kept: the channel closes with the Worker.
                    drop(own);
                    index
                }
                None => {
                    let index = Arc::new(Index::build_counting(&corpus, &counting));
                    let _ = holding.set(Arc::clone(&index));
                    if !deliver(Reply::Ready) {
                        return;
                    }
                    // Searches are answered while the index is kept (a
                    // cache written): they need not wait for the disk.
                    let (kept, whole) = (Arc::clone(&index), Arc::clone(&corpus));
                    std::thread::spawn(move || {
                        if let Some(notice) = after_build(&whole, &kept) {
                            let _ = own.send(Job::Notice(notice));
                        }
                    });
                    index
                }
            };
            let mut echo_index = None;
            while let Ok(job) = inbox.recv() {
                // Only the newest search and the newest echoes waiting are
                // worth answering.
                let (mut search, mut echo, mut counts) = (None, None, None);
                for job in std::iter::once(job).chain(inbox.try_iter()) {
                    match job {
                        Job::Search(request) => search = Some(request),
                        Job::Echoes(request) => echo = Some(request),
                        Job::Trend(request) => counts = Some(request),
                        Job::Rebase(same) => {
                            corpus = same;
                            echo_index = None;
                        }
                        Job::Notice(notice) => {
                            if !deliver(Reply::Notice(notice)) {
                                return;
                            }
                        }
                    }
                }
                if let Some(request) = echo {
                    let echo_index = echo_index
                        .get_or_insert_with(|| super::echoes::EchoIndex::build(&corpus, &index));
                    let answer = echoes(&index, echo_index, &corpus, &request);
                    if !deliver(Reply::Echoes(answer)) {
                        return;
                    }
                }
                if let Some(request) = counts
                    && !deliver(Reply::Trend(trend(&index, &corpus, &request)))
                {
                    return;
                }
                let Some(request) = search else { continue };
                let cancelled = || latest.load(Ordering::Relaxed) != request.generation;
                let Some(answer) = answer(&index, &corpus, &request, &cancelled) else {
                    continue;
                };
                if !deliver(Reply::Search(answer)) {
                    return;
                }
            }
        });
        Worker {
            requests,
            index: held,
            newest,
            indexing,
        }
    }

    /// How much of the index it builds is done, in percent (100 when it
    /// was handed one).
    pub fn indexed(&self) -> u8 {
        let (done, total, _) = self.indexing.now();
        (done * 100)
            .checked_div(total)
            .map_or(100, |p| p.min(100) as u8)
    }

    pub fn ask(&self, request: Request) {
        self.newest.store(request.generation, Ordering::Relaxed);
        let _ = self.requests.send(Job::Search(request));
    }

    pub fn ask_echoes(&self, request: EchoRequest) {
        let _ = self.requests.send(Job::Echoes(request));
    }

    /// The index, once it is built (or when it was handed over).
    pub fn index(&self) -> Option<Arc<Index>> {
        self.index.get().cloned()
    }

    pub fn ask_trend(&self, request: TrendRequest) {
        let _ = self.requests.send(Job::Trend(request));
    }

    /// Answers from `same` from now: a corpus of the same transcripts, in
    /// the same order, as the one the worker was started with.
    fn rebase(&self, same: Arc<Corpus>) {
        let _ = self.requests.send(Job::Rebase(same));
    }
}

/// The worker of a part of the corpus (the newest pages, read first),
/// kept to answer searches of the whole while the whole's index is built.
/// A request's event and an answer's hits are renumbered between the part
/// and the whole by transcript id: the part's pages are parsed as the
/// whole's, so blocks and paragraphs agree.
pub struct Part {
    pub corpus: Arc<Corpus>,
    pub worker: Worker,
}

impl Part {
    /// Asks the part `request`, made of `whole`; false when the part does
    /// not hold the event the request is scoped to.
    pub fn ask(&self, request: &Request, whole: &Corpus) -> bool {
        let scope = match request.scope {
            None => None,
            Some(t) => match whole
                .transcripts
                .get(t)
                .and_then(|event| self.corpus.transcript_by_id(&event.id))
            {
                Some(at) => Some(at),
                None => return false,
            },
        };
        self.worker.ask(Request {
            scope,
            ..request.clone()
        });
        true
    }

    /// Makes the part of the whole's own transcripts, once the whole is
    /// loaded, and drops the part's: their text is shared, not held twice
    /// (6 MB on the archive x5 while the whole is indexed). A transcript
    /// the whole does not hold stays the part's.
    pub fn rebase(&mut self, whole: &Corpus) {
        let part = &self.corpus.transcripts;
        let mut missing: std::collections::HashMap<&str, usize> = part
            .iter()
            .enumerate()
            .map(|(at, t)| (t.id.as_str(), at))
            .collect();
        // The part is the last pages read, so it is looked for from the end.
        let mut found = vec![None; part.len()];
        for (at, transcript) in whole.transcripts.iter().enumerate().rev() {
            if missing.is_empty() {
                break;
            }
            if let Some(own) = missing.remove(transcript.id.as_str()) {
                found[own] = Some(at);
            }
        }
        let transcripts = part
            .iter()
            .zip(found)
            .map(|(own, at)| at.map_or_else(|| own.clone(), |at| whole.transcripts[at].clone()))
            .collect();
        let same = Arc::new(Corpus::new(self.corpus.people.clone(), transcripts));
        self.worker.rebase(Arc::clone(&same));
        self.corpus = same;
    }

    /// The part's `answer` in the whole's numbers; hits in a transcript
    /// the whole does not hold are left out.
    pub fn renumber(&self, answer: Answer, whole: &Corpus) -> Answer {
        let hits = answer
            .hits
            .into_iter()
            .filter_map(|hit| {
                let id = &self.corpus.transcripts.get(hit.transcript)?.id;
                Some(Located {
                    transcript: whole.transcript_by_id(id)?,
                    ..hit
                })
            })
            .collect();
        Answer { hits, ..answer }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    fn request(generation: u64, query: &str) -> Request {
        Request {
            offset: 0,
            generation,
            query: query.into(),
            scope: None,
            limit: 10,
            order: crate::search::Order::Relevance,
        }
    }

    #[test]
    fn an_answer_locates_the_best_hits_and_a_cancelled_one_is_none() {
        let corpus = crate::corpus::bundled::corpus();
        let index = Index::build(&corpus);
        let found = answer(&index, &corpus, &request(7, "trade"), &|| false).unwrap();
        assert_eq!(found.generation, 7);
        assert_eq!(found.total, 3);
        assert_eq!(found.hits.len(), 3);
        assert!(answer(&index, &corpus, &request(8, "trade"), &|| true).is_none());
    }

    #[test]
    fn the_worker_answers_the_newest_request_last() {
        let (sent, answers) = mpsc::channel();
        let worker =
            Worker::spawn(
                Arc::new(crate::corpus::bundled::corpus()),
                move |reply| match reply {
                    Reply::Search(answer) => sent.send(answer).is_ok(),
                    Reply::Echoes(_) | Reply::Trend(_) | Reply::Notice(_) | Reply::Ready => true,
                },
            );
        // Asked at once, the older requests are dropped or cancelled as
        // the worker finds the newer one waiting.
        for (generation, query) in [(1, "t"), (2, "tr"), (3, "trade")] {
            worker.ask(request(generation, query));
        }
        let mut last = None;
        while let Ok(answer) = answers.recv_timeout(Duration::from_secs(5)) {
            let done = answer.generation == 3;
            last = Some(answer);
            if done {
                break;
            }
        }
        let last = last.expect("the worker answered");
        assert_eq!(last.generation, 3);
        assert_eq!(last.total, 3);
        assert!(answers.recv_timeout(Duration::from_millis(200)).is_err());
    }

    #[test]
    fn searches_are_answered_while_the_built_index_is_kept() {
        // The keeping (a cache written) waits until the test lets it go.
        let (release, held) = mpsc::channel::<()>();
        let after_build: AfterBuild = Box::new(move |_, _| {
            let _ = held.recv();
            Some("kept".to_string())
        });
        let (sent, replies) = mpsc::channel();
        let worker = Worker::start(
            Arc::new(crate::corpus::bundled::corpus()),
            None,
            after_build,
            move |reply| sent.send(reply).is_ok(),
        );
        worker.ask(request(1, "trade"));
        let mut answered = false;
        while let Ok(reply) = replies.recv_timeout(Duration::from_secs(10)) {
            match reply {
                Reply::Search(answer) => {
                    assert_eq!(answer.total, 3);
                    answered = true;
                    break;
                }
                Reply::Notice(notice) => panic!("kept before answering: {notice}"),
                Reply::Ready | Reply::Echoes(_) | Reply::Trend(_) => {}
            }
        }
        assert!(answered, "the search was answered while the index was kept");
        release.send(()).unwrap();
        let notice = replies.recv_timeout(Duration::from_secs(10));
        assert!(
            matches!(&notice, Ok(Reply::Notice(n)) if n == "kept"),
            "{notice:?}"
        );
    }

    #[test]
    fn an_index_counts_its_two_passes_and_a_worker_says_how_far() {
        let corpus = crate::corpus::bundled::corpus();
        let progress = Progress::default();
        let index = Index::build_counting(&corpus, &progress);
        let (done, total, _) = progress.now();
        assert_eq!(total, 2 * index.docs().len());
        assert_eq!(done, total);
        let handed = Worker::start(Arc::new(corpus), Some(index), Box::new(|_, _| None), |_| {
            true
        });
        assert_eq!(handed.indexed(), 100);
    }

    #[test]
    fn a_part_answers_for_the_whole_in_the_wholes_numbers() {
        let part = crate::corpus::bundled::corpus();
        let page = part.transcripts[0].clone();
        let mut other = crate::model::Transcript::default();
        other.id = "other".into();
        let whole = Corpus::new(part.people.clone(), vec![other, page]);
        let (sent, answers) = mpsc::channel();
        let part = Part {
            worker: Worker::spawn(Arc::new(part.clone()), move |reply| match reply {
                Reply::Search(answer) => sent.send(answer).is_ok(),
                _ => true,
            }),
            corpus: Arc::new(part),
        };
        // An event the part does not hold is not asked of it.
        let scoped = Request {
            scope: Some(0),
            ..request(1, "trade")
        };
        assert!(!part.ask(&scoped, &whole));
        assert!(part.ask(&request(2, "trade"), &whole));
        let answer = answers.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(answer.generation, 2);
        assert!(answer.hits.iter().all(|hit| hit.transcript == 0));
        let renumbered = part.renumber(answer.clone(), &whole);
        assert_eq!(renumbered.total, 3);
        assert_eq!(renumbered.hits.len(), 3);
        for (hit, was) in renumbered.hits.iter().zip(&answer.hits) {
            assert_eq!(hit.transcript, 1);
            assert_eq!((hit.block, hit.paragraph), (was.block, was.paragraph));
        }
        // Made of the whole's transcripts, the part answers as before.
        let mut part = part;
        let own = Arc::clone(&part.corpus);
        part.rebase(&whole);
        assert!(!Arc::ptr_eq(&own, &part.corpus));
        assert!(*own == *part.corpus);
        drop(own);
        assert!(part.ask(&request(3, "trade"), &whole));
        let again = answers.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(again.generation, 3);
        assert_eq!(part.renumber(again, &whole).hits, renumbered.hits);
    }
}
