//! What a saved page's markup settles about its lines, which the text
//! rules would otherwise guess: a bold label is a speaker's, a photo's
//! or a video's title a caption.

use super::{SourceLine, html, label, trim};
use crate::model::LineNo;

/// What a page's markup settles, by body line: a certain label (with the
/// site id of the person it links), or a certain caption.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum Certain {
    #[default]
    Unknown,
    Label {
        site_id: Option<u32>,
    },
    Caption,
}

/// The markup's word on each body line.
pub(super) fn certain_lines(markup: &html::Markup, body: &[SourceLine]) -> Vec<Certain> {
    // A rendered page has no blank lines: line `no` is index `no - 1`.
    let at = |index: usize| {
        body.binary_search_by_key(&(index + 1), |l| l.no as usize)
            .ok()
    };
    let mut certain = vec![Certain::Unknown; body.len()];
    for caption in &markup.captions {
        if let Some(i) = at(*caption) {
            certain[i] = Certain::Caption;
        }
    }
    for bold in &markup.labels {
        if let Some(i) = at(bold.line) {
            certain[i] = Certain::Label {
                site_id: bold.site_id,
            };
        }
    }
    certain
}

/// The label a bold run opens `line` with: the bold text without its
/// colon, a remark in brackets after it, and the words after the colon.
pub(super) fn bold_label<'a>(
    line: &'a str,
    markup: Option<&html::Markup>,
    no: LineNo,
) -> Option<label::LabelMatch<'a>> {
    let bold = markup?.labels.iter().find(|b| b.line + 1 == no as usize)?;
    let head = line.get(..bold.len)?;
    let (head, rest) = match head.trim_end().strip_suffix(':') {
        Some(head) => (head, &line[bold.len..]),
        None => {
            let rest = line[bold.len..].trim_start();
            match rest.strip_prefix(':') {
                Some(after) => (head, after),
                None => {
                    // `Name (retranslated):`: the remark is not bold.
                    let (remark, after) = rest.strip_prefix('(')?.split_once(')')?;
                    let after = after.trim_start().strip_prefix(':')?;
                    let label = trim(head);
                    return (!label.is_empty()).then_some(label::LabelMatch {
                        label,
                        remark: Some(trim(remark)).filter(|r| !r.is_empty()),
                        text: trim(after),
                    });
                }
            }
        }
    };
    let (label, remark) = label::split_remark(trim(head));
    // Bold and a colon, yet a sentence (`Prizes ... have been awarded
    // to:` over a list of names): not a speaker.
    (!label.is_empty() && label::is_label(label, remark.is_some())).then_some(label::LabelMatch {
        label,
        remark,
        text: trim(rest),
    })
}
