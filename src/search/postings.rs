//! Posting lists: for each word, the paragraphs that hold it, ascending,
//! stored as the gaps between them in LEB128 bytes (most gaps take one
//! byte, a third of a `u32`). They are built in two passes over the text,
//! one to measure and one to write, so no growing list is ever held.

/// Measures the lists in the first pass.
#[derive(Default)]
pub struct Sizes {
    /// Per word: the last doc added, plus one (0: none yet).
    last: Vec<u32>,
    bytes: Vec<u32>,
}

impl Sizes {
    /// Counts `doc` for `word`; a doc added twice in a row counts once.
    pub fn add(&mut self, word: u32, doc: u32) {
        let w = word as usize;
        if w >= self.last.len() {
            self.last.resize(w + 1, 0);
            self.bytes.resize(w + 1, 0);
        }
        let Some(gap) = gap(self.last[w], doc) else {
            return;
        };
        self.last[w] = doc + 1;
        self.bytes[w] += encoded_len(gap);
    }
}

/// The lists, written: their bytes held by the index, or shared with
/// whatever holds them already (a cache file's mapped section), so that a
/// warm start reads them where they lie rather than copying them.
pub struct Postings {
    /// The list of word `w` is `bytes[offsets[w]..offsets[w + 1]]`.
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

/// The lists while they are written, in the second pass.
pub struct PostingsWriter {
    offsets: Vec<usize>,
    bytes: Vec<u8>,
    /// Each word's last doc plus one, and where it writes next.
    last: Vec<u32>,
    cursor: Vec<usize>,
}

impl PostingsWriter {
    /// Room for the lists `sizes` measured, with word `old` renumbered
    /// `renumber[old]`.
    pub fn with_sizes(sizes: Sizes, renumber: &[u32]) -> PostingsWriter {
        let mut bytes_of = vec![0usize; sizes.bytes.len()];
        for (old, bytes) in sizes.bytes.iter().enumerate() {
            bytes_of[renumber[old] as usize] = *bytes as usize;
        }
        let mut offsets = Vec::with_capacity(bytes_of.len() + 1);
        offsets.push(0);
        for bytes in &bytes_of {
            offsets.push(offsets.last().copied().unwrap_or(0) + bytes);
        }
        let total = offsets.last().copied().unwrap_or(0);
        PostingsWriter {
            cursor: offsets[..offsets.len() - 1].to_vec(),
            last: vec![0; bytes_of.len()],
            offsets,
            bytes: vec![0; total],
        }
    }

    /// Writes `doc` for `word` (new numbering), in the same order as the
    /// first pass added it.
    pub fn add(&mut self, word: u32, doc: u32) {
        let w = word as usize;
        let Some(mut gap) = gap(self.last[w], doc) else {
            return;
        };
        self.last[w] = doc + 1;
        let at = &mut self.cursor[w];
        loop {
            let byte = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                self.bytes[*at] = byte;
                *at += 1;
                break;
            }
            self.bytes[*at] = byte | 0x80;
            *at += 1;
        }
    }

    /// The lists, without what only writing needed.
    pub fn finish(self) -> Postings {
        Postings {
            offsets: self.offsets,
            bytes: Bytes::Owned(self.bytes),
        }
    }
}

impl Postings {
    /// Lists whose bytes, `bytes`, are kept elsewhere, and where each
    /// word's begin (`offsets`, one more than the words); `None` when the
    /// offsets do not fit the bytes.
    pub fn shared(
        offsets: Vec<usize>,
        bytes: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>,
    ) -> Option<Postings> {
        let len = (*bytes).as_ref().len();
        let fits =
            offsets.first() == Some(&0) && offsets.last() == Some(&len) && offsets.is_sorted();
        fits.then_some(Postings {
            offsets,
            bytes: Bytes::Shared(bytes),
        })
    }

    /// Where each word's list begins, and their bytes: what a cache keeps.
    pub fn parts(&self) -> (&[usize], &[u8]) {
        (&self.offsets, &self.bytes)
    }

    /// The docs holding `word`, ascending.
    pub fn docs(&self, word: u32) -> impl Iterator<Item = u32> + '_ {
        let w = word as usize;
        let mut bytes = self.bytes[self.offsets[w]..self.offsets[w + 1]].iter();
        let mut doc: Option<u32> = None;
        std::iter::from_fn(move || {
            let gap = read_number(&mut bytes)?;
            let next = doc.map_or(gap, |d| d + gap);
            doc = Some(next);
            Some(next)
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
        // Words arrive interleaved by doc, with repeats, as from a text.
        let mut adds: Vec<(u32, u32)> = Vec::new();
        for (w, list) in lists.iter().enumerate() {
            for doc in *list {
                adds.push((w as u32, *doc));
                adds.push((w as u32, *doc));
            }
        }
        adds.sort_by_key(|(w, doc)| (*doc, *w));
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
        }
        // Gaps of up to 7 bits take a byte, 14 two, 21 three, 28 four.
        assert_eq!(
            postings.bytes.len(),
            (1 + 1 + 1 + 2 + 3 + 4 + 5) + 1 + (1 + 1 + 1 + 2 + 1)
        );
    }
}
