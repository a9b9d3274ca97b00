//! Posting lists: for each word, the paragraphs that hold it, ascending,
//! stored as the gaps between them in LEB128 bytes (most gaps take one
//! byte, a third of a `u32`), and beside them, in lists of their own, the
//! few of those paragraphs that use the word more than once (about one in
//! ten), by their place in the word's list, with the times they do: a
//! count of uses reads no text, and a search reads no counts. They are
//! built in two passes over the text, one to measure and one to write, so
//! no growing list is ever held.

/// Measures the lists in the first pass.
#[derive(Default)]
pub struct Sizes {
    /// Per word: the last doc added, plus one (0: none yet).
    last: Vec<u32>,
    bytes: Vec<u32>,
    uses: UseTally,
    use_bytes: Vec<u32>,
}

impl Sizes {
    /// Counts `doc` for `word`; a doc added again in a row is one more
    /// use of the word in it.
    pub fn add(&mut self, word: u32, doc: u32) {
        let w = word as usize;
        if w >= self.last.len() {
            self.last.resize(w + 1, 0);
            self.bytes.resize(w + 1, 0);
            self.use_bytes.resize(w + 1, 0);
            self.uses.grow(w + 1);
        }
        let Some(gap) = gap(self.last[w], doc) else {
            self.uses.again(w);
            return;
        };
        if let Some((at, uses)) = self.uses.next_doc(w) {
            self.use_bytes[w] += encoded_len(at) + encoded_len(uses);
        }
        self.last[w] = doc + 1;
        self.bytes[w] += encoded_len(gap);
    }
}

/// Each word's uses of its last doc as they are counted, and where in its
/// list the last doc using it more than once was: what both passes write
/// of the uses.
#[derive(Default)]
struct UseTally {
    /// Uses of the word in its last doc so far.
    uses: Vec<u32>,
    /// Docs in the word's list so far.
    docs: Vec<u32>,
    /// The place after the last doc written with its uses.
    after: Vec<u32>,
}

impl UseTally {
    fn grow(&mut self, words: usize) {
        self.uses.resize(words, 0);
        self.docs.resize(words, 0);
        self.after.resize(words, 0);
    }

    /// One more use of word `w` in its last doc.
    fn again(&mut self, w: usize) {
        self.uses[w] += 1;
    }

    /// Word `w` is in a new doc: its last one's place (counted from the
    /// one after the last such) and uses, if it used the word more than
    /// once.
    fn next_doc(&mut self, w: usize) -> Option<(u32, u32)> {
        let done = self.close(w);
        self.uses[w] = 1;
        self.docs[w] += 1;
        done
    }

    /// Word `w`'s last doc, as [`UseTally::next_doc`] gives it, once the
    /// text is read.
    fn close(&mut self, w: usize) -> Option<(u32, u32)> {
        if self.docs[w] == 0 || self.uses[w] < 2 {
            return None;
        }
        let place = self.docs[w] - 1;
        let step = place - self.after[w];
        self.after[w] = place + 1;
        Some((step, self.uses[w]))
    }
}

/// The lists, written: their bytes held by the index, or shared with
/// whatever holds them already (a cache file's mapped section), so that a
/// warm start reads them where they lie rather than copying them.
pub struct Postings {
    docs: Lists,
    uses: Lists,
}

/// A list of LEB128 numbers a word: word `w`'s is
/// `bytes[offsets[w]..offsets[w + 1]]`.
struct Lists {
    offsets: Vec<usize>,
    bytes: Bytes,
}

/// Bytes of the index's own, or of something kept alive with it.
enum Bytes {
    Owned(Vec<u8>),
    Shared(std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(bytes) => bytes,
            Bytes::Shared(bytes) => (**bytes).as_ref(),
        }
    }
}

/// One of the two kinds of lists while they are written.
struct ListsWriter {
    offsets: Vec<usize>,
    bytes: Vec<u8>,
    /// Where each word writes next.
    cursor: Vec<usize>,
}

impl ListsWriter {
    /// Room for lists of `bytes[old]` bytes, word `old` renumbered
    /// `renumber[old]`.
    fn with_sizes(bytes: &[u32], renumber: &[u32]) -> ListsWriter {
        let mut bytes_of = vec![0usize; bytes.len()];
        for (old, bytes) in bytes.iter().enumerate() {
            bytes_of[renumber[old] as usize] = *bytes as usize;
        }
        let mut offsets = Vec::with_capacity(bytes_of.len() + 1);
        offsets.push(0);
        for bytes in &bytes_of {
            offsets.push(offsets.last().copied().unwrap_or(0) + bytes);
        }
        let total = offsets.last().copied().unwrap_or(0);
        ListsWriter {
            cursor: offsets[..offsets.len() - 1].to_vec(),
            offsets,
            bytes: vec![0; total],
        }
    }

    /// Writes `n` at the end of word `w`'s list.
    fn push(&mut self, w: usize, mut n: u32) {
        let at = &mut self.cursor[w];
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes[*at] = byte;
                *at += 1;
                return;
            }
            self.bytes[*at] = byte | 0x80;
            *at += 1;
        }
    }

    fn finish(self) -> Lists {
        Lists {
            offsets: self.offsets,
            bytes: Bytes::Owned(self.bytes),
        }
    }
}

/// The lists while they are written, in the second pass.
pub struct PostingsWriter {
    docs: ListsWriter,
    uses: ListsWriter,
    /// Each word's last doc plus one.
    last: Vec<u32>,
    tally: UseTally,
}

impl PostingsWriter {
    /// Room for the lists `sizes` measured, with word `old` renumbered
    /// `renumber[old]`.
    pub fn with_sizes(mut sizes: Sizes, renumber: &[u32]) -> PostingsWriter {
        // The last doc of each word is not measured yet.
        for w in 0..sizes.last.len() {
            if let Some((at, uses)) = sizes.uses.close(w) {
                sizes.use_bytes[w] += encoded_len(at) + encoded_len(uses);
            }
        }
        let mut tally = UseTally::default();
        tally.grow(sizes.bytes.len());
        PostingsWriter {
            docs: ListsWriter::with_sizes(&sizes.bytes, renumber),
            uses: ListsWriter::with_sizes(&sizes.use_bytes, renumber),
            last: vec![0; sizes.bytes.len()],
            tally,
        }
    }

    /// Writes `doc` for `word` (new numbering), in the same order as the
    /// first pass added it.
    pub fn add(&mut self, word: u32, doc: u32) {
        let w = word as usize;
        let Some(gap) = gap(self.last[w], doc) else {
            self.tally.again(w);
            return;
        };
        if let Some((at, uses)) = self.tally.next_doc(w) {
            self.uses.push(w, at);
            self.uses.push(w, uses);
        }
        self.last[w] = doc + 1;
        self.docs.push(w, gap);
    }

    /// The lists, each word's uses in its last doc written.
    pub fn finish(mut self) -> Postings {
        for w in 0..self.last.len() {
            if let Some((at, uses)) = self.tally.close(w) {
                self.uses.push(w, at);
                self.uses.push(w, uses);
            }
        }
        Postings {
            docs: self.docs.finish(),
            uses: self.uses.finish(),
        }
    }
}

/// Bytes kept elsewhere: a cache file's mapped section.
pub type SharedBytes = std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>;

impl Lists {
    /// `None` when the offsets do not fit the bytes.
    fn shared(offsets: Vec<usize>, bytes: SharedBytes) -> Option<Lists> {
        let len = (*bytes).as_ref().len();
        let fits =
            offsets.first() == Some(&0) && offsets.last() == Some(&len) && offsets.is_sorted();
        fits.then_some(Lists {
            offsets,
            bytes: Bytes::Shared(bytes),
        })
    }

    fn numbers(&self, w: usize) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.bytes[self.offsets[w]..self.offsets[w + 1]].iter();
        std::iter::from_fn(move || read_number(&mut bytes))
    }
}

impl Postings {
    /// Lists whose bytes are kept elsewhere, with where each word's begin
    /// (one more offset than words), docs and uses; `None` when the
    /// offsets do not fit the bytes or the two disagree on the words.
    pub fn shared(
        (doc_offsets, docs): (Vec<usize>, SharedBytes),
        (use_offsets, uses): (Vec<usize>, SharedBytes),
    ) -> Option<Postings> {
        if doc_offsets.len() != use_offsets.len() {
            return None;
        }
        Some(Postings {
            docs: Lists::shared(doc_offsets, docs)?,
            uses: Lists::shared(use_offsets, uses)?,
        })
    }

    /// Where each word's docs begin, and their bytes: what a cache keeps.
    pub fn doc_parts(&self) -> (&[usize], &[u8]) {
        (&self.docs.offsets, &self.docs.bytes)
    }

    /// The same of the uses.
    pub fn use_parts(&self) -> (&[usize], &[u8]) {
        (&self.uses.offsets, &self.uses.bytes)
    }

    /// The docs holding `word`, ascending.
    pub fn docs(&self, word: u32) -> impl Iterator<Item = u32> + '_ {
        let mut doc: Option<u32> = None;
        self.docs.numbers(word as usize).map(move |gap| {
            let next = doc.map_or(gap, |d| d + gap);
            doc = Some(next);
            next
        })
    }

    /// The docs holding `word`, ascending, each with the times it does.
    pub fn docs_with_uses(&self, word: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut more = self.uses.numbers(word as usize);
        // The next doc using the word more than once: its place and uses.
        let mut after: u32 = 0;
        let mut next = move || {
            let place = after.checked_add(more.next()?)?;
            after = place.checked_add(1)?;
            Some((place, more.next()?))
        };
        let mut coming = next();
        self.docs(word)
            .zip(0..)
            .map(move |(doc, place)| match coming {
                Some((at, uses)) if at == place => {
                    coming = next();
                    (doc, uses)
                }
                _ => (doc, 1),
            })
    }
}

/// The next LEB128 number of `bytes`: seven bits a byte, low first, the
/// last byte under 0x80. `None` at the end, or past 32 bits.
pub(super) fn read_number(bytes: &mut std::slice::Iter<u8>) -> Option<u32> {
    let mut n = 0u32;
    for shift in (0..32).step_by(7) {
        let byte = *bytes.next()?;
        n |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// The gap from the last doc (plus one; 0 for none) to `doc`, or `None`
/// when `doc` is the last one again. The first doc is its own gap.
fn gap(last_plus_one: u32, doc: u32) -> Option<u32> {
    match last_plus_one {
        0 => Some(doc),
        last if last == doc + 1 => None,
        last => Some(doc - (last - 1)),
    }
}

fn encoded_len(gap: u32) -> u32 {
    match gap {
        0..0x80 => 1,
        0x80..0x4000 => 2,
        0x4000..0x20_0000 => 3,
        0x20_0000..0x1000_0000 => 4,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_back_as_written() {
        let lists: [&[u32]; 4] = [
            &[0, 1, 2, 200, 20_000, 3_000_000, u32::MAX - 1],
            &[5],
            &[],
            &[0, 127, 128, 16_511, 16_512],
        ];
        // A word's uses of a doc: mostly few, once more than a byte holds.
        let uses = |w: usize, doc: u32| {
            if (w, doc) == (0, 200) {
                300
            } else {
                1 + doc % 3
            }
        };
        // Words arrive by doc, interleaved within it, as from a text.
        let mut all: Vec<u32> = lists.iter().flat_map(|l| l.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        let mut adds: Vec<(u32, u32)> = Vec::new();
        for doc in all {
            for round in 0..uses(0, doc).max(3) {
                for (w, list) in lists.iter().enumerate() {
                    if list.contains(&doc) && round < uses(w, doc) {
                        adds.push((w as u32, doc));
                    }
                }
            }
        }
        let mut sizes = Sizes::default();
        for (w, doc) in &adds {
            sizes.add(*w, *doc);
        }
        // Renumbered in reverse.
        let renumber = [3, 2, 1, 0];
        let mut postings = PostingsWriter::with_sizes(sizes, &renumber);
        for (w, doc) in &adds {
            postings.add(renumber[*w as usize], *doc);
        }
        let postings = postings.finish();
        for (w, list) in lists.iter().enumerate() {
            let back: Vec<u32> = postings.docs(renumber[w]).collect();
            assert_eq!(back, *list, "word {w}");
            let used: Vec<(u32, u32)> = postings.docs_with_uses(renumber[w]).collect();
            let expected: Vec<(u32, u32)> = list.iter().map(|d| (*d, uses(w, *d))).collect();
            assert_eq!(used, expected, "uses of word {w}");
        }
        // Gaps of up to 7 bits take a byte, 14 two, 21 three, 28 four.
        assert_eq!(
            postings.docs.bytes.len(),
            (1 + 1 + 1 + 2 + 3 + 4 + 5) + 1 + (1 + 1 + 1 + 2 + 1)
        );
        // Only docs used more than once, a byte for the place and one for
        // the uses, but 300's two.
        let more_than_once = lists
            .iter()
            .enumerate()
            .flat_map(|(w, list)| list.iter().filter(move |d| uses(w, **d) > 1))
            .count();
        assert_eq!(postings.uses.bytes.len(), 2 * more_than_once + 1);
    }
}
