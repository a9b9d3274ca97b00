//! A kremlin.ru event page saved as HTML, as the lines of its text copy
//! plus what only the markup knows.
//!
//! The page is rendered the way the site's own CSS shows it and a browser
//! copies it (one line per block, hidden tooltips and print-only lines
//! left out), so that the text parser's rules, tuned on copied pages,
//! read it the same. The markup then settles what text can only guess:
//! which lines open with a bold label, which are captions of a photo or
//! a video, and the site's person id of a linked name or a footer tag.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

/// What the markup says about the rendered lines (0-based line indexes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup {
    /// Lines that open with a speaker label in bold: the label's text
    /// (bold runs and person links joined), and the site's id of the
    /// person a link in it names.
    pub labels: Vec<BoldLabel>,
    /// Lines that are a photo's or a video's caption.
    pub captions: Vec<usize>,
    /// The footer's Persons tags with their site ids, as written.
    pub persons: Vec<(String, u32)>,
    /// `Last updated` (hidden on the page), as an ISO 8601 date.
    pub updated: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoldLabel {
    pub line: usize,
    /// Bytes of the line the bold part takes (its colon included, when
    /// the colon is bold too).
    pub len: usize,
    pub site_id: Option<u32>,
}

/// A page's text, one block a line, and its markup.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub text: String,
    pub markup: Markup,
    line_count: usize,
}

/// Why a HTML file is not read as a page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotAPage {
    #[error("HTML page with no kremlin.ru event in it (no <article> with a title); skipped")]
    NoArticle,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("a valid selector")
}

macro_rules! selectors {
    ($($name:ident = $css:expr;)*) => {
        $(static $name: LazyLock<Selector> = LazyLock::new(|| selector($css));)*
    };
}

selectors! {
    ARTICLE = "article";
    H1 = "h1";
    SECTION = "a.read__categ";
    LEAD = ".read__lead";
    PUBLISHED = "time.read__published";
    TIME = ".read__time";
    PLACE = ".read__place";
    CONTENT = ".entry-content";
    BOTTOM = ".read__bottommeta";
    TAG_COLUMN = ".read__tagscol";
    H3 = "h3";
    TAG_LINK = "li a";
    STATUS = ".read__status";
    P = "p";
    SLIDE = ".slide";
    SLIDES = ".slider__slides";
    MEDIA_TITLE = ".media__title";
    VIDEO_DESCRIPTION = ".video__description";
    CUT_TITLE = ".cut__title";
    CUT_ITEM = ".cut__description";
    CUT_LINK = "a.cut__item";
    CUT_DATE = ".cut__date";
    CUT_META = ".cut__meta";
    ANNOUNCED = ".announce_date";
}

/// Whether bytes look like HTML rather than a text copy: the first thing
/// in them is a tag or a doctype.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let head = &head.as_bytes()[..head.len().min(256)];
    head.first() == Some(&b'<') && {
        let lower = head.to_ascii_lowercase();
        let starts = |s: &[u8]| lower.starts_with(s);
        starts(b"<!doctype html")
            || starts(b"<html")
            || starts(b"<!--")
            || starts(b"<head")
            || starts(b"<meta")
            || starts(b"<article")
    }
}

/// Renders an event page. Pages of other kinds (lists, the feed) have no
/// event article and are refused.
pub fn render(html: &str) -> Result<Rendered, NotAPage> {
    let document = Html::parse_fragment(article_of(html));
    let article = document
        .select(&ARTICLE)
        .find(|a| a.select(&H1).next().is_some())
        .ok_or(NotAPage::NoArticle)?;
    let mut out = Rendered::default();
    for section in article.select(&SECTION).take(1) {
        out.line(&text_of(section));
    }
    for h1 in article.select(&H1).take(1) {
        out.line(&text_of(h1));
    }
    for lead in article.select(&LEAD).take(1) {
        out.blocks(lead);
    }
    for css in [&*PUBLISHED, &*TIME, &*PLACE, &*ANNOUNCED] {
        if let Some(element) = article.select(css).next() {
            out.line(&text_of(element));
        }
    }
    if let Some(content) = article.select(&CONTENT).next() {
        out.blocks(content);
    }
    if let Some(bottom) = article.select(&BOTTOM).next() {
        out.footer(bottom);
    }
    out.markup.updated = last_updated(html);
    Ok(out)
}

/// The `<article>` element's HTML, when the page has one: the head, the
/// menus and the scripts around it are two thirds of a page, and building
/// their tree was most of the time reading one took.
fn article_of(html: &str) -> &str {
    let Some(start) = html.find("<article") else {
        return html;
    };
    match html.rfind("</article>") {
        Some(end) if end > start => &html[start..end + "</article>".len()],
        _ => &html[start..],
    }
}

/// `Last updated at <time datetime="2015-03-20">`, outside the article.
fn last_updated(html: &str) -> Option<String> {
    let at = html.find("class=\"read__updated\"")?;
    let element = &html[at..html.len().min(at + 400)];
    let (_, rest) = element.split_once("datetime=\"")?;
    let date: String = rest.chars().take_while(|c| *c != '"').take(10).collect();
    lines_date(&date).then_some(date)
}

fn lines_date(date: &str) -> bool {
    date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

impl Rendered {
    /// Adds a line of text (inline white space collapsed, no-break spaces
    /// made plain, as a copy to the clipboard makes them); a blank one is
    /// not a line.
    fn line(&mut self, text: &str) -> Option<usize> {
        let start = self.text.len();
        if start > 0 {
            self.text.push('\n');
        }
        let from = self.text.len();
        push_collapsed(&mut self.text, text);
        if self.text.len() == from {
            self.text.truncate(start);
            return None;
        }
        self.line_count += 1;
        Some(self.line_count - 1)
    }

    fn last_line(&self) -> &str {
        self.text.rsplit('\n').next().unwrap_or("")
    }

    /// The blocks inside `element`, each on its lines, in document order.
    fn blocks(&mut self, element: ElementRef) {
        let mut loose = String::new();
        for child in element.children() {
            match child.value() {
                Node::Text(_) => inline_node(child, &mut loose),
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_inline(child) {
                        inline_text(child, &mut loose);
                        continue;
                    }
                    self.flush(&mut loose);
                    self.block(child);
                }
                _ => {}
            }
        }
        self.flush(&mut loose);
    }

    fn flush(&mut self, loose: &mut String) {
        for part in loose.split('\n') {
            self.line(part);
        }
        loose.clear();
    }

    fn block(&mut self, element: ElementRef) {
        let name = element.value().name();
        if is_hidden(element) {
            return;
        }
        match name {
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dt" | "dd" => {
                self.paragraph(element)
            }
            "script" | "style" | "noscript" | "template" | "video" | "img" | "hr" | "meta"
            | "figure" => {}
            _ if has_class(element, "slider") => self.slider(element),
            _ if has_class(element, "media__container_video") => {
                for description in element.select(&VIDEO_DESCRIPTION) {
                    if let Some(at) = self.line(&text_of(description)) {
                        self.markup.captions.push(at);
                    }
                }
            }
            _ if has_class(element, "media") => {
                for title in element.select(&MEDIA_TITLE) {
                    if let Some(at) = self.line(&text_of(title)) {
                        self.markup.captions.push(at);
                    }
                }
            }
            _ if has_class(element, "read__cut") => self.see_also(element),
            // The tags and the publication status: the footer, read last.
            _ if has_class(element, "read__bottommeta") => {}
            _ => self.blocks(element),
        }
    }

    /// A paragraph: its text, `<br>` starting a new line, and the bold
    /// label it may open with.
    fn paragraph(&mut self, element: ElementRef) {
        let mut text = String::new();
        let mut label = LabelScan::default();
        for child in element.children() {
            inline_node(child, &mut text);
            label.scan(child, text.len());
        }
        let mut first = true;
        for part in text.split('\n') {
            let at = self.line(part);
            if first && let Some(at) = at {
                first = false;
                if let Some(bold) = label.finish(&text, self.last_line()) {
                    self.markup.labels.push(BoldLabel {
                        line: at,
                        len: bold.0,
                        site_id: bold.1,
                    });
                }
            }
        }
    }

    /// `N of M` for the slide shown first, then its caption.
    fn slider(&mut self, element: ElementRef) {
        let slides: Vec<ElementRef> = element.select(&SLIDE).collect();
        if slides.is_empty() {
            return;
        }
        let start = element
            .select(&SLIDES)
            .next()
            .and_then(|s| s.attr("data-cycle-starting-slide"))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .unwrap_or(0)
            .min(slides.len() - 1);
        self.line(&format!("{} of {}", start + 1, slides.len()));
        if let Some(caption) = slides[start].attr("data-cycle-desc")
            && let Some(at) = self.line(caption)
        {
            self.markup.captions.push(at);
        }
    }

    fn see_also(&mut self, element: ElementRef) {
        for title in element.select(&CUT_TITLE) {
            self.line(&text_of(title));
        }
        for item in element.select(&CUT_ITEM) {
            for link in item.select(&CUT_LINK) {
                // A file's link shows its format and size beside it.
                let mut title = text_of(link);
                for meta in item.select(&CUT_META) {
                    title.push_str(&format!(" ({})", text_of(meta).trim()));
                }
                self.line(&title);
            }
            for date in item.select(&CUT_DATE) {
                self.line(&text_of(date));
            }
        }
    }

    /// Tag columns (a heading and its items), then the publication status.
    fn footer(&mut self, bottom: ElementRef) {
        for column in bottom.select(&TAG_COLUMN) {
            let heading = column.select(&H3).next().map(text_of).unwrap_or_default();
            self.line(&heading);
            for link in column.select(&TAG_LINK) {
                let name = text_of(link);
                if heading.trim() == "Persons"
                    && let Some(id) = link.attr("href").and_then(person_id)
                {
                    let mut plain = String::new();
                    push_collapsed(&mut plain, &name);
                    self.markup.persons.push((plain, id));
                }
                self.line(&name);
            }
        }
        for status in bottom.select(&STATUS) {
            for h3 in status.select(&H3) {
                self.line(&text_of(h3));
            }
            for p in status.select(&P) {
                if has_class(p, "print_link_wrap") {
                    continue;
                }
                let mut text = String::new();
                inline_text(p, &mut text);
                self.flush(&mut text);
            }
        }
    }
}

/// The bold run a paragraph opens with: `<b>` and `<strong>` elements and
/// person links, and the white space between them.
#[derive(Debug, Default)]
struct LabelScan {
    /// Bytes of the paragraph's text the bold part ends at.
    end: Option<usize>,
    done: bool,
    site_id: Option<u32>,
}

impl LabelScan {
    /// Notes `node`, whose text ends the paragraph's text at `end`.
    fn scan(&mut self, node: ego_tree::NodeRef<Node>, end: usize) {
        if self.done {
            return;
        }
        match node.value() {
            Node::Text(text) if text.trim().is_empty() => {}
            Node::Element(e) if is_bold(e.name()) || is_person_link(node) => {
                self.end = Some(end);
                if self.site_id.is_none() {
                    self.site_id = person_in(node);
                }
            }
            _ => self.done = true,
        }
    }

    /// The bold part's length in the rendered first line and its person,
    /// when it is a label: the bold ends with a colon, or a colon (after a
    /// remark such as `(retranslated)`) follows it.
    fn finish(&self, text: &str, line: &str) -> Option<(usize, Option<u32>)> {
        let raw = text.get(..self.end?)?;
        // The line is the paragraph's text collapsed; so is its bold part.
        let mut bold = String::new();
        push_collapsed(&mut bold, raw.split('\n').next().unwrap_or(""));
        if bold.is_empty() || !line.starts_with(&bold) {
            return None;
        }
        let rest = line[bold.len()..].trim_start();
        let labelled = bold.ends_with(':')
            || rest.starts_with(':')
            || rest
                .strip_prefix('(')
                .and_then(|r| r.split_once(')'))
                .is_some_and(|(remark, after)| {
                    remark.len() < 40 && after.trim_start().starts_with(':')
                });
        labelled.then_some((bold.len(), self.site_id))
    }
}

fn is_bold(name: &str) -> bool {
    matches!(name, "b" | "strong")
}

fn is_person_link(node: ego_tree::NodeRef<Node>) -> bool {
    ElementRef::wrap(node)
        .is_some_and(|e| e.value().name() == "a" && e.attr("href").and_then(person_id).is_some())
}

/// The site id of the first person link at or under `node`.
fn person_in(node: ego_tree::NodeRef<Node>) -> Option<u32> {
    node.descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
        .find_map(|e| e.attr("href").and_then(person_id))
}

/// `.../catalog/persons/579/events` (or `/biography`): 579.
pub fn person_id(href: &str) -> Option<u32> {
    let (_, rest) = href.split_once("/catalog/persons/")?;
    let digits: &str = rest.split(['/', '?', '#']).next()?;
    digits.parse().ok()
}

fn has_class(element: ElementRef, class: &str) -> bool {
    element.value().classes().any(|c| c == class)
}

/// Hidden on the site: tooltips (`.hidden`) and the print-only lines.
fn is_hidden(element: ElementRef) -> bool {
    element
        .value()
        .classes()
        .any(|c| c == "hidden" || c == "print_link_wrap" || c == "read__updated")
}

fn is_inline(element: ElementRef) -> bool {
    matches!(
        element.value().name(),
        "a" | "b"
            | "strong"
            | "i"
            | "em"
            | "u"
            | "s"
            | "sup"
            | "sub"
            | "span"
            | "abbr"
            | "br"
            | "small"
            | "big"
            | "font"
            | "cite"
            | "q"
            | "code"
            | "mark"
            | "time"
    ) && !has_class(element, "media")
}

/// Text of an element, inline: `<br>` a new line, hidden parts left out.
fn text_of(element: ElementRef) -> String {
    let mut text = String::new();
    inline_text(element, &mut text);
    text
}

fn inline_text(element: ElementRef, out: &mut String) {
    for child in element.children() {
        inline_node(child, out);
    }
}

/// A node's text; a line break in the source is a space, so that `\n`
/// stands for `<br>` alone.
fn inline_node(node: ego_tree::NodeRef<Node>, out: &mut String) {
    match node.value() {
        Node::Text(text) => out.extend(text.chars().map(|c| if c == '\n' { ' ' } else { c })),
        Node::Element(e) => {
            let Some(element) = ElementRef::wrap(node) else {
                return;
            };
            if is_hidden(element) || matches!(e.name(), "script" | "style") {
                return;
            }
            if e.name() == "br" {
                out.push('\n');
                return;
            }
            inline_text(element, out);
        }
        _ => {}
    }
}

/// Pushes `text` with runs of white space (no-break spaces too) as one
/// space and none at either end.
fn push_collapsed(out: &mut String, text: &str) {
    let start = out.len();
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            space = true;
        } else {
            if space && out.len() > start {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
}

/// Text of the page's article that its rendering does not hold: each
/// visible text node, white space collapsed, looked for in the rendered
/// lines. Empty when nothing is lost.
pub fn unrendered_text(html: &str) -> Vec<String> {
    let Ok(rendered) = render(html) else {
        return Vec::new();
    };
    let document = Html::parse_fragment(article_of(html));
    let Some(article) = document
        .select(&ARTICLE)
        .find(|a| a.select(&H1).next().is_some())
    else {
        return Vec::new();
    };
    let lines = rendered.text.replace('\n', " ");
    let mut missing = Vec::new();
    for node in article.descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let hidden = node.ancestors().filter_map(ElementRef::wrap).any(|e| {
            is_hidden(e)
                || matches!(
                    e.value().name(),
                    "script" | "style" | "noscript" | "template" | "video"
                )
        });
        let mut plain = String::new();
        push_collapsed(&mut plain, text);
        if !hidden && !plain.is_empty() && !lines.contains(&plain) {
            missing.push(plain);
        }
    }
    missing
}
