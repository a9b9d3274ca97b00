//! The search worker: builds the index off the UI thread, then answers the
//! newest query, abandoning one that a newer keystroke has replaced.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};

use verbatim::app::search::{RESULT_LIMIT, SearchRequest};
use verbatim::model::Corpus;
use verbatim::search::{Index, Located, Query};

pub struct Answer {
    pub generation: u64,
    pub hits: Vec<Located>,
    pub total: usize,
}

pub struct SearchWorker {
    requests: Sender<SearchRequest>,
    newest: Arc<AtomicU64>,
}

impl SearchWorker {
    /// Starts the worker; `deliver` hands each answer to the UI and says
    /// whether the UI is still there.
    pub fn spawn(
        corpus: Arc<Corpus>,
        deliver: impl Fn(Answer) -> bool + Send + 'static,
    ) -> SearchWorker {
        let (requests, inbox) = mpsc::channel::<SearchRequest>();
        let newest = Arc::new(AtomicU64::new(0));
        let latest = Arc::clone(&newest);
        std::thread::spawn(move || {
            let index = Index::build(&corpus);
            while let Ok(mut request) = inbox.recv() {
                // Only the newest of the queries waiting is worth answering.
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let cancelled = || latest.load(Ordering::Relaxed) != request.generation;
                let query = Query::parse(&request.query);
                let Some(results) =
                    index.search(&corpus, &query, request.scope, RESULT_LIMIT, &cancelled)
                else {
                    continue;
                };
                let answer = Answer {
                    generation: request.generation,
                    hits: results.hits.iter().map(|h| index.locate(h)).collect(),
                    total: results.total,
                };
                if !deliver(answer) {
                    return;
                }
            }
        });
        SearchWorker { requests, newest }
    }

    pub fn ask(&self, request: SearchRequest) {
        self.newest.store(request.generation, Ordering::Relaxed);
        let _ = self.requests.send(request);
    }
}
