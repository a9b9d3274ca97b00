//! The event info popup: everything about the event that is not dialogue.

use ratatui::text::Line;

use super::field;
use crate::app::App;

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let Some(t) = app.transcript() else {
        return vec![Line::raw("no transcript")];
    };
    let mut lines = vec![field("title", t.title_text())];
    for lead in &t.lead {
        lines.push(field("lead", t.text(lead)));
    }
    let text = |l: &Option<crate::model::Line>| l.as_ref().map_or("", |l| t.text(l));
    lines.push(field("date", text(&t.date_line)));
    lines.push(field("time", text(&t.time)));
    lines.push(field("place", text(&t.place)));
    for caption in &t.captions {
        lines.push(field("photo", t.text(&caption.text)));
    }
    for see in &t.see_also {
        let heading = t.text(&see.heading).to_lowercase();
        for link in &see.links {
            let date = link.date.as_ref().map_or("", |d| t.text(d));
            lines.push(field(&heading, &format!("{} {date}", t.text(&link.title))));
        }
    }
    for group in &t.footer.tags {
        let items: Vec<&str> = group.items.iter().map(|i| t.text(i)).collect();
        lines.push(field(
            &t.text(&group.heading).to_lowercase(),
            &items.join(", "),
        ));
    }
    lines.push(field("sections", &t.footer.sections.join(", ")));
    lines.push(field(
        "published",
        t.footer.published.as_deref().unwrap_or(""),
    ));
    if let Some(source) = &t.source {
        lines.push(field("source", source));
    }
    if !t.unclassified.is_empty() {
        lines.push(field(
            "unclassified",
            &format!("{} lines (verbatim check lists them)", t.unclassified.len()),
        ));
    }
    lines
}
