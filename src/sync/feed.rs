//! One page of the site's Atom feed: its entries, newest first, and the
//! link to the next page.

use quick_xml::Reader;
use quick_xml::events::Event;

/// An item of the feed, as the library keeps track of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The kremlin.ru item id: `63953`.
    pub id: u64,
    /// `2020-08-27T15:20:00+04:00`, as the feed writes it (Moscow time).
    pub published: String,
    /// When the item was last changed; it may be earlier than `published`.
    pub updated: String,
}

impl Entry {
    /// `2020-08-27`: the day the item was published.
    pub fn date(&self) -> &str {
        self.published.get(..10).unwrap_or(&self.published)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedPage {
    pub entries: Vec<Entry>,
    /// The path (and query) of the next, older page, if there is one.
    pub next: Option<String>,
}

/// Reads a feed page; an entry without an item id in its `id` or link is
/// left out, and a feed that is not XML is an error.
pub fn parse(xml: &str) -> Result<FeedPage, String> {
    let mut reader = Reader::from_str(xml);
    let mut page = FeedPage::default();
    let mut path: Vec<String> = Vec::new();
    let mut entry: Option<(Option<u64>, String, String)> = None;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Err(e) => {
                return Err(format!(
                    "not an Atom feed (at byte {}): {e}",
                    reader.buffer_position()
                ));
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(start)) => {
                let name = start.local_name().into_inner().to_string();
                if name == "entry" {
                    entry = Some((None, String::new(), String::new()));
                }
                if name == "link" {
                    link(&start, &mut page, &mut entry);
                }
                path.push(name);
                text.clear();
            }
            Ok(Event::Empty(start)) => {
                if start.local_name().into_inner() == "link" {
                    link(&start, &mut page, &mut entry);
                }
            }
            Ok(Event::Text(t)) => text.push_str(&t.xml10_content()),
            Ok(Event::End(end)) => {
                let name = end.local_name().into_inner().to_string();
                if let Some((id, published, updated)) = &mut entry {
                    match name.as_str() {
                        "id" => *id = id.or_else(|| item_id(&text)),
                        "published" => *published = text.trim().to_string(),
                        "updated" => *updated = text.trim().to_string(),
                        _ => {}
                    }
                }
                if name == "entry"
                    && let Some((Some(id), published, updated)) = entry.take()
                {
                    let updated = if updated.is_empty() {
                        published.clone()
                    } else {
                        updated
                    };
                    page.entries.push(Entry {
                        id,
                        published,
                        updated,
                    });
                }
                path.pop();
                text.clear();
            }
            Ok(_) => {}
        }
    }
    if path.is_empty() && page.entries.is_empty() && !xml.contains("<feed") {
        return Err("not an Atom feed (no <feed> element)".into());
    }
    Ok(page)
}

type OpenEntry = Option<(Option<u64>, String, String)>;

fn link(start: &quick_xml::events::BytesStart, page: &mut FeedPage, entry: &mut OpenEntry) {
    let attribute = |key: &str| {
        start
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
    };
    let Some(href) = attribute("href") else {
        return;
    };
    match (entry, attribute("rel").as_deref()) {
        (Some((id, _, _)), Some("alternate") | None) => *id = id.or_else(|| item_id(&href)),
        (None, Some("next")) => page.next = Some(site_path(&href)),
        _ => {}
    }
}

/// `http://en.kremlin.ru/events/president/news/63953`: 63953.
pub fn item_id(url: &str) -> Option<u64> {
    let path = site_path(url.trim());
    let id = path.strip_prefix("/events/president/news/")?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| id.parse().ok())
        .flatten()
}

/// The path (and query) of a URL on the site, whatever host it names:
/// a mirror or a test server stands in for the site, and its feed still
/// links to `http://en.kremlin.ru/...`.
pub fn site_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| {
        rest.find('/').map_or("/", |at| &rest[at..])
    });
    if rest.starts_with('/') {
        rest.to_string()
    } else {
        format!("/{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_its_item_id_and_dates() {
        let xml = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
            <link href="http://en.kremlin.ru/events/president/news/feed/page/2" rel="next" />
            <entry><title>A &amp; B</title><id>http://en.kremlin.ru/events/president/news/63953</id>
            <updated>2020-08-27T20:09:44+04:00</updated><published>2020-08-27T15:20:00+04:00</published>
            <link href="http://en.kremlin.ru/events/president/news/63953" rel="alternate"/></entry>
            <entry><id>http://en.kremlin.ru/misc/1</id></entry></feed>"#;
        let page = parse(xml).unwrap();
        assert_eq!(
            page.next.as_deref(),
            Some("/events/president/news/feed/page/2")
        );
        assert_eq!(
            page.entries,
            [Entry {
                id: 63953,
                published: "2020-08-27T15:20:00+04:00".into(),
                updated: "2020-08-27T20:09:44+04:00".into(),
            }]
        );
        assert_eq!(page.entries[0].date(), "2020-08-27");
        assert!(parse("<html><body>Forbidden</body></html>").is_err() || parse("<html>").is_err());
    }
}
