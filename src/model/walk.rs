//! One walk over a transcript's fields, in their declared order (which is
//! also the JSON's). The arena is repacked, the lossless pieces listed and
//! the lists' growth slack dropped by this same walk, so a field added to
//! the model is added here once and all three see it.

use super::{Block, Footer, Line, LineNo, Transcript, Turn};

/// Writes the walk over `&Transcript` and the one over `&mut Transcript`
/// from one body: `$r` is empty or `mut`.
macro_rules! walk {
    ($visit:ident, $walk:ident, $($r:tt)?) => {
        /// What a walk sees, in field order.
        pub(crate) trait $visit<'a> {
            /// The lines from here to the next call belong to one element
            /// of the structure (a field, a caption, a block, a tag column).
            fn element(&mut self) {}
            fn line(&mut self, line: &'a $($r)? Line);
            /// A turn's label or its remark: text of the label line that is
            /// not a [`Line`] of its own.
            fn label(&mut self, _line: LineNo, _text: &'a str) {}
            /// Every list of the model, before its items are walked.
            fn list<T>(&mut self, _list: & $($r)? Vec<T>) {}
        }

        impl Transcript {
            pub(crate) fn $walk<'a>(&'a $($r)? self, v: &mut impl $visit<'a>) {
                macro_rules! one {
                    ($field:expr) => {{
                        v.element();
                        if let Some(line) = & $($r)? $field {
                            v.line(line);
                        }
                    }};
                }
                one!(self.section);
                one!(self.title);
                v.list(& $($r)? self.lead);
                for line in & $($r)? self.lead {
                    v.element();
                    v.line(line);
                }
                one!(self.date_line);
                one!(self.time);
                one!(self.place);
                v.list(& $($r)? self.captions);
                for caption in & $($r)? self.captions {
                    v.element();
                    if let Some(counter) = & $($r)? caption.counter {
                        v.line(counter);
                    }
                    v.line(& $($r)? caption.text);
                }
                v.list(& $($r)? self.see_also);
                for see in & $($r)? self.see_also {
                    v.element();
                    v.line(& $($r)? see.heading);
                    v.list(& $($r)? see.links);
                    for link in & $($r)? see.links {
                        v.line(& $($r)? link.title);
                        if let Some(date) = & $($r)? link.date {
                            v.line(date);
                        }
                    }
                }
                v.list(& $($r)? self.blocks);
                for block in & $($r)? self.blocks {
                    v.element();
                    match block {
                        Block::Heading(l)
                        | Block::Elision(l)
                        | Block::StageDirection(l)
                        | Block::Separator(l)
                        | Block::PullQuote(l) => v.line(l),
                        Block::Narration { paragraphs } => {
                            v.list(& $($r)? *paragraphs);
                            for line in paragraphs {
                                v.line(line);
                            }
                        }
                        Block::Turn(turn) => {
                            let Turn { label, remark, label_line, continued, paragraphs, .. } =
                                & $($r)? **turn;
                            if !*continued {
                                v.label(*label_line, label);
                                if let Some(remark) = remark {
                                    v.label(*label_line, remark);
                                }
                            }
                            v.list(& $($r)? *paragraphs);
                            for line in paragraphs {
                                v.line(line);
                            }
                        }
                    }
                }
                let Footer { tags, persons, status, sections_line, sections, published_line, text_version, .. } =
                    & $($r)? self.footer;
                v.list(& $($r)? *tags);
                for group in tags {
                    v.element();
                    v.line(& $($r)? group.heading);
                    v.list(& $($r)? group.items);
                    for item in & $($r)? group.items {
                        v.line(item);
                    }
                }
                v.list(& $($r)? *persons);
                v.list(& $($r)? *sections);
                one!(*status);
                one!(*sections_line);
                one!(*published_line);
                one!(*text_version);
                v.list(& $($r)? self.unclassified);
                for line in & $($r)? self.unclassified {
                    v.element();
                    v.line(line);
                }
            }
        }
    };
}

walk!(Visit, walk,);
walk!(VisitMut, walk_mut, mut);
