//! A search as the reader asks for it: a request in, the best hits out,
//! given up when a newer request comes. The reader's worker, the keystroke
//! benchmark and the tests all answer through [`answer`].

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};

use super::{Index, Located, Query};
use crate::model::Corpus;

/// A query to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Counts up with every request; an answer carries its request's.
    pub generation: u64,
    pub query: String,
    /// A transcript index, or `None` for all loaded transcripts.
    pub scope: Option<usize>,
    /// The best this many hits are located; all matches are counted.
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub generation: u64,
    pub hits: Vec<Located>,
    /// Paragraphs that match, of which `hits` are the best.
    pub total: usize,
}

/// Runs a request; `None` when `cancelled` says it is no longer wanted.
pub fn answer(
    index: &Index,
    corpus: &Corpus,
    request: &Request,
    cancelled: &dyn Fn() -> bool,
) -> Option<Answer> {
    let query = Query::parse(&request.query);
    let results = index.search(corpus, &query, request.scope, request.limit, cancelled)?;
    Some(Answer {
        generation: request.generation,
        hits: results.hits.iter().map(|h| index.locate(h)).collect(),
        total: results.total,
    })
}

/// Builds the index on a thread of its own, then answers the newest
/// request, abandoning one that a newer request has replaced.
pub struct Worker {
    requests: Sender<Request>,
    newest: Arc<AtomicU64>,
}

impl Worker {
    /// Starts the worker; `deliver` hands each answer on and says whether
    /// anyone still listens.
    pub fn spawn(corpus: Arc<Corpus>, deliver: impl Fn(Answer) -> bool + Send + 'static) -> Worker {
        let (requests, inbox) = mpsc::channel::<Request>();
        let newest = Arc::new(AtomicU64::new(0));
        let latest = Arc::clone(&newest);
        std::thread::spawn(move || {
            let index = Index::build(&corpus);
            while let Ok(mut request) = inbox.recv() {
                // Only the newest of the requests waiting is worth answering.
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let cancelled = || latest.load(Ordering::Relaxed) != request.generation;
                let Some(answer) = answer(&index, &corpus, &request, &cancelled) else {
                    continue;
                };
                if !deliver(answer) {
                    return;
                }
            }
        });
        Worker { requests, newest }
    }

    pub fn ask(&self, request: Request) {
        self.newest.store(request.generation, Ordering::Relaxed);
        let _ = self.requests.send(request);
    }
}
