//! The search worker: builds the index off the UI thread, then answers the
//! newest query, abandoning one that a newer keystroke has replaced.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

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
    pub answers: Receiver<Answer>,
    newest: Arc<AtomicU64>,
}

impl SearchWorker {
    pub fn spawn(corpus: Arc<Corpus>) -> SearchWorker {
        let (requests, inbox) = mpsc::channel::<SearchRequest>();
        let (outbox, answers) = mpsc::channel();
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
                if outbox.send(answer).is_err() {
                    return;
                }
            }
        });
        SearchWorker {
            requests,
            answers,
            newest,
        }
    }

    pub fn ask(&self, request: SearchRequest) {
        self.newest.store(request.generation, Ordering::Relaxed);
        let _ = self.requests.send(request);
    }
}
