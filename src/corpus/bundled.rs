//! The transcripts compiled into the binary, so that `verbatim` with no
//! path works from any folder.

use crate::model::Corpus;
use crate::parse;

/// (file name, text) of every page in data/.
pub const PAGES: &[(&str, &str)] = &[(
    "2022-08-19_putin-tokayev-sochi.txt",
    include_str!("../../data/2022-08-19_putin-tokayev-sochi.txt"),
)];

/// The bundled pages, parsed.
pub fn corpus() -> Corpus {
    let pages = PAGES
        .iter()
        .map(|(name, text)| {
            let mut page =
                parse::parse_page(&super::id_from_path(std::path::Path::new(name)), text);
            page.transcript.source = Some(format!("data/{name}"));
            page
        })
        .collect();
    super::assemble(pages)
}
