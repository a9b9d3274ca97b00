//! What a user types, read as fzf's extended syntax: words are separate
//! terms that must all match; `'word` matches exactly; `"a few words"` must
//! appear together in that order; `@name` keeps to turns of speakers whose
//! name fuzzy-matches `name`; `year:2016` and the other [facets](super::facets)
//! keep to events that have them; `?word` is a word a paragraph may lack
//! (ranked higher with it); `is:speech` keeps to speakers' turns
//! (`-is:speech` to narration, titles, leads and captions).

use super::words::fold_words;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Folded: lower case, no accents.
    pub folded: String,
    /// The term as typed, when it has a capital: smart case then requires
    /// the word to start the same way.
    pub case_sensitive: Option<String>,
    /// No prefixes, typos or fuzzy matches.
    pub exact: bool,
    /// Terms of one quoted phrase share a group and must be adjacent.
    pub phrase: Option<usize>,
    /// `?word`: a paragraph may lack it (a paraphrase remembered), and
    /// ranks higher with it.
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
    /// Folded speaker names to match (`@putin`).
    pub speakers: Vec<String>,
    /// Facets the event must have (`year:2016`, `-topic:sport`).
    pub facets: Vec<super::facets::FacetTerm>,
    /// Whether `@name` and `with:` keep near names (a typo, a prefix)
    /// rather than exact ones: asked only when the exact ones find
    /// nothing ([`Query::near_names`]).
    pub near: bool,
    /// `Some(true)` keeps speakers' turns (`is:speech`), `Some(false)`
    /// everything else (`-is:speech`).
    pub speech: Option<bool>,
    /// The order hits come in; not typed, but chosen beside the query.
    pub order: Order,
}

/// The order hits are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Best match first.
    #[default]
    Relevance,
    /// Latest event first; a day's ties best first.
    Newest,
    /// Earliest event first.
    Oldest,
}

impl Order {
    pub const ALL: [Order; 3] = [Order::Relevance, Order::Newest, Order::Oldest];

    pub fn name(self) -> &'static str {
        match self {
            Order::Relevance => "relevance",
            Order::Newest => "newest",
            Order::Oldest => "oldest",
        }
    }

    pub fn from_name(name: &str) -> Option<Order> {
        Order::ALL.into_iter().find(|o| o.name() == name)
    }

    /// The one after, as a key steps through them.
    pub fn next(self) -> Order {
        match self {
            Order::Relevance => Order::Newest,
            Order::Newest => Order::Oldest,
            Order::Oldest => Order::Relevance,
        }
    }

    /// Undated events last in either date order: 0 is no date.
    pub fn date_key(self, day: u32) -> u32 {
        match (self, day) {
            (_, 0) => u32::MAX,
            (Order::Newest, day) => u32::MAX - 1 - day,
            (_, day) => day,
        }
    }
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut query = Query::default();
        let mut phrases = 0;
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            rest = &rest[start..];
            if let Some(body) = rest.strip_prefix('"') {
                // A phrase runs to the closing quote, or to the end while typing.
                let end = body.find('"').unwrap_or(body.len());
                let words = &body[..end];
                let group = phrases;
                phrases += 1;
                query.terms.extend(terms_of(words, true, Some(group)));
                rest = body.get(end + 1..).unwrap_or("");
                continue;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            rest = &rest[end..];
            if let Some(speech) = speech_word(word) {
                query.speech = Some(speech);
            } else if let Some(facet) = super::facets::FacetTerm::parse(word) {
                query.facets.push(facet);
            } else if let Some(name) = word.strip_prefix('@') {
                query.speakers.extend(fold_words(name));
            } else if let Some(exact) = word.strip_prefix('\'') {
                query.terms.extend(terms_of(exact, true, None));
            } else if let Some(maybe) = word.strip_prefix('?').filter(|w| !w.is_empty()) {
                let mut terms = terms_of(maybe, false, None);
                terms.iter_mut().for_each(|t| t.optional = true);
                query.terms.extend(terms);
            } else {
                query.terms.extend(terms_of(word, false, None));
            }
        }
        query
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.speakers.is_empty()
    }

    /// The same query with near names allowed, when it names anyone
    /// (`@name`, `with:`) and does not allow them already: what is asked
    /// when the exact names find nothing.
    pub fn near_names(&self) -> Option<Query> {
        let names = !self.speakers.is_empty()
            || self
                .facets
                .iter()
                .any(|f| matches!(f.facet, super::facets::Facet::With(_)));
        (names && !self.near).then(|| Query {
            near: true,
            ..self.clone()
        })
    }
}

/// `is:speech` and `-is:speech`.
fn speech_word(word: &str) -> Option<bool> {
    let (negated, word) = match word.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    word.eq_ignore_ascii_case("is:speech").then_some(!negated)
}

fn terms_of(text: &str, exact: bool, phrase: Option<usize>) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut buffer = String::new();
    super::words::for_each_word(text, &mut buffer, |folded, range| {
        let typed = &text[range];
        terms.push(Term {
            folded: folded.to_string(),
            case_sensitive: typed
                .chars()
                .any(char::is_uppercase)
                .then(|| typed.to_string()),
            exact,
            phrase,
            optional: false,
        });
    });
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extended_syntax() {
        let q = Query::parse("@putin trade 'grow \"strategic partner\" Medvédev");
        assert_eq!(q.speakers, ["putin"]);
        let folded: Vec<&str> = q.terms.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(
            folded,
            ["trade", "grow", "strategic", "partner", "medvedev"]
        );
        assert!(!q.terms[0].exact && q.terms[1].exact && q.terms[2].exact);
        assert_eq!(q.terms[2].phrase, Some(0));
        assert_eq!(q.terms[3].phrase, Some(0));
        assert_eq!(q.terms[4].case_sensitive.as_deref(), Some("Medvédev"));
        assert_eq!(q.terms[0].case_sensitive, None);
    }

    #[test]
    fn a_question_mark_makes_a_word_optional() {
        let q = Query::parse("we will not ?attack ?anybody ?");
        let optional: Vec<bool> = q.terms.iter().map(|t| t.optional).collect();
        // A lone `?` is no word at all.
        assert_eq!(optional, [false, false, false, true, true]);
    }

    #[test]
    fn speech_is_a_word_of_the_query() {
        assert_eq!(Query::parse("trade is:speech").speech, Some(true));
        assert_eq!(Query::parse("-is:speech trade").speech, Some(false));
        let q = Query::parse("trade");
        assert_eq!(q.speech, None);
        assert_eq!(Query::parse("trade is:speech").terms, q.terms);
    }

    #[test]
    fn dates_order_undated_last_either_way() {
        let mut days = [20160309, 0, 20001231, 20160310];
        days.sort_by_key(|d| Order::Newest.date_key(*d));
        assert_eq!(days, [20160310, 20160309, 20001231, 0]);
        days.sort_by_key(|d| Order::Oldest.date_key(*d));
        assert_eq!(days, [20001231, 20160309, 20160310, 0]);
    }

    #[test]
    fn an_unclosed_quote_is_a_phrase_being_typed() {
        let q = Query::parse("\"our trade is gro");
        assert_eq!(q.terms.len(), 4);
        assert!(q.terms.iter().all(|t| t.phrase == Some(0)));
    }
}
