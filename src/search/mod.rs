//! Fuzzy quote search: a query language ([`query`]), folded words
//! ([`words`]), typo tolerance ([`crate::typo`]) and the index that answers as
//! you type ([`index`]), and the reader's way of asking it ([`answer`]).

pub mod answer;
pub mod appearances;
pub mod echoes;
pub mod events_query;
pub mod excerpt;
pub mod facets;
pub mod index;
mod postings;
mod prefilter;
pub mod query;
pub mod rank;
pub mod roles;
pub mod speaker;
pub mod stream;
pub mod trend;
pub mod words;

pub use answer::{Answer, EchoAnswer, EchoRequest, Request, TrendAnswer, TrendRequest, answer};
pub use index::{Chosen, Doc, Hit, Index, Located, Results, StoredIndex};
pub use postings::SharedBytes;
pub use query::{Order, Query};
pub use speaker::SpeakerRule;
