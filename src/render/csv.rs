//! `--format csv`: RFC 4180 - a header row, fields quoted when they hold a
//! comma, quote or line break, quotes doubled, CRLF line ends.
//!
//! A cell that a spreadsheet would run as a formula (one starting with `=`,
//! `+`, `-`, `@`, tab or carriage return) gets a leading apostrophe, as
//! OWASP's "CSV Injection" guidance advises, so text from any catalogue
//! cannot run in the spreadsheet that opens the file.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{STATISTIC_COLUMNS, citation, origin, statistic_record};
use crate::catalogue::{Myth, Resource, Signs, Statistic};
use crate::search::{Hit, Item};

/// One field, guarded and quoted as needed.
pub fn field(text: &str) -> Cow<'_, str> {
    let guarded: Cow<'_, str> = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", guarded.replace('"', "\"\"")))
    } else {
        guarded
    }
}

fn row<W: Write>(w: &mut W, fields: &[&str]) -> io::Result<()> {
    let cells: Vec<Cow<'_, str>> = fields.iter().map(|f| field(f)).collect();
    write!(w, "{}\r\n", cells.join(","))
}

fn joined(items: &[crate::catalogue::Text]) -> String {
    items.join("; ")
}

pub fn hotline<W: Write>(w: &mut W, resources: &[&Resource]) -> io::Result<()> {
    row(
        w,
        &[
            "resource",
            "channel",
            "value",
            "label",
            "hours",
            "languages",
            "note",
            "origin",
        ],
    )?;
    for r in resources {
        for c in r.contacts.iter() {
            row(
                w,
                &[
                    &r.id,
                    c.channel.as_str(),
                    &c.value,
                    &c.label,
                    &c.hours,
                    &joined(&c.languages),
                    c.note.as_deref().unwrap_or(""),
                    origin(r.local),
                ],
            )?;
        }
    }
    Ok(())
}

pub fn list<W: Write>(w: &mut W, resources: &[&Resource]) -> io::Result<()> {
    row(
        w,
        &[
            "id",
            "kind",
            "name",
            "publisher",
            "region",
            "url",
            "topics",
            "audience",
            "origin",
        ],
    )?;
    for r in resources {
        row(
            w,
            &[
                &r.id,
                r.kind.as_str(),
                &r.name,
                &r.publisher,
                &r.region,
                r.url.as_deref().unwrap_or(""),
                &joined(&r.topics),
                &joined(&r.audience),
                origin(r.local),
            ],
        )?;
    }
    Ok(())
}

pub fn search<W: Write>(w: &mut W, hits: &[Hit<'_>]) -> io::Result<()> {
    row(w, &["type", "id", "score", "title", "confidence", "origin"])?;
    for h in hits {
        let score = h.score.to_string();
        match h.item {
            Item::Resource(r) => row(
                w,
                &["resource", &r.id, &score, &r.name, "", origin(r.local)],
            )?,
            Item::Statistic(s) => {
                let title = format!("{}: {}", s.figure, s.claim);
                row(
                    w,
                    &[
                        "statistic",
                        &s.id,
                        &score,
                        &title,
                        s.confidence.as_str(),
                        origin(s.local),
                    ],
                )?;
            }
        }
    }
    Ok(())
}

pub fn stats<W: Write>(w: &mut W, stats: &[&Statistic]) -> io::Result<()> {
    let mut header = STATISTIC_COLUMNS.to_vec();
    header.extend(["citation", "origin"]);
    row(w, &header)?;
    for s in stats {
        let fields = statistic_record(s);
        let citation = citation(s);
        let mut all: Vec<&str> = fields.iter().map(|f| &**f).collect();
        all.extend([citation.as_str(), origin(s.local)]);
        row(w, &all)?;
    }
    Ok(())
}

pub fn signs<W: Write>(w: &mut W, signs: &Signs) -> io::Result<()> {
    row(w, &["category_id", "category", "indicator"])?;
    for cat in signs.categories.iter() {
        for indicator in cat.indicators.iter() {
            row(w, &[&cat.id, &cat.name, indicator])?;
        }
    }
    Ok(())
}

pub fn myths<W: Write>(w: &mut W, myths: &[(&Myth, Option<&Resource>)]) -> io::Result<()> {
    row(
        w,
        &["id", "myth", "fact", "confidence", "source", "source_url"],
    )?;
    for (m, r) in myths {
        row(
            w,
            &[
                &m.id,
                &m.myth,
                &m.fact,
                m.confidence.as_str(),
                r.map_or("", |r| &*r.publisher),
                r.and_then(|r| r.url.as_deref()).unwrap_or(""),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_per_rfc_4180() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+1 555"), "'+1 555");
        assert_eq!(field("-5"), "'-5");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("1-888-373-7888"), "1-888-373-7888");
    }
}
