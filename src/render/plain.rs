//! `--format plain`: one record per line, fields separated by tabs, lists
//! joined with commas, for `cut`, `awk` and spreadsheets. Catalogue text can
//! hold no tab or newline (the catalogue rules forbid control characters),
//! so a field can never split a record. A record for an entry ends with
//! its origin: `bundled`, or `local` (from `--catalogue`).

use std::io::{self, Write};

use super::{citation, origin, statistic_record};
use crate::catalogue::{Confidence, Contact, Resource, Statistic};
use crate::search::{Hit, Item};

fn record<W: Write>(w: &mut W, fields: &[&str]) -> io::Result<()> {
    writeln!(w, "{}", fields.join("\t"))
}

/// `RESOURCE-ID  CHANNEL  VALUE  LABEL  HOURS  LANGUAGES  ORIGIN`
pub fn contact<W: Write>(w: &mut W, r: &Resource, c: &Contact) -> io::Result<()> {
    record(
        w,
        &[
            &r.id,
            c.channel.as_str(),
            &c.value,
            &c.label,
            &c.hours,
            &c.languages.join(","),
            origin(r.local),
        ],
    )
}

pub fn hotline<W: Write>(w: &mut W, resources: &[&Resource]) -> io::Result<()> {
    for r in resources {
        for c in r.contacts.iter() {
            contact(w, r, c)?;
        }
    }
    Ok(())
}

/// `ID  KIND  NAME  PUBLISHER  REGION  URL  TOPICS  ORIGIN`
pub fn resource<W: Write>(w: &mut W, r: &Resource) -> io::Result<()> {
    record(
        w,
        &[
            &r.id,
            r.kind.as_str(),
            &r.name,
            &r.publisher,
            &r.region,
            r.url.as_deref().unwrap_or(""),
            &r.topics.join(","),
            origin(r.local),
        ],
    )
}

pub fn list<W: Write>(w: &mut W, resources: &[&Resource]) -> io::Result<()> {
    resources.iter().try_for_each(|r| resource(w, r))
}

/// `TYPE  ID  SCORE  TITLE  ORIGIN`, where TYPE is `resource` or `statistic`. An
/// unverified figure's title says so.
pub fn search<W: Write>(w: &mut W, hits: &[Hit<'_>]) -> io::Result<()> {
    for hit in hits {
        let score = hit.score.to_string();
        match hit.item {
            Item::Resource(r) => record(w, &["resource", &r.id, &score, &r.name, origin(r.local)])?,
            Item::Statistic(s) => {
                let mark = if s.confidence == Confidence::Unverified {
                    " [UNVERIFIED]"
                } else {
                    ""
                };
                let title = format!("{}: {}{mark}", s.figure, s.claim);
                record(w, &["statistic", &s.id, &score, &title, origin(s.local)])?;
            }
        }
    }
    Ok(())
}

/// The fields of `STATISTIC_COLUMNS`, then `ORIGIN`.
pub fn statistic<W: Write>(w: &mut W, s: &Statistic) -> io::Result<()> {
    let fields = statistic_record(s);
    let mut all: Vec<&str> = fields.iter().map(|f| &**f).collect();
    all.push(origin(s.local));
    record(w, &all)
}

pub fn stats<W: Write>(w: &mut W, stats: &[&Statistic]) -> io::Result<()> {
    stats.iter().try_for_each(|s| statistic(w, s))
}

/// `ID  CITATION`
pub fn citations<W: Write>(w: &mut W, stats: &[&Statistic]) -> io::Result<()> {
    stats
        .iter()
        .try_for_each(|s| record(w, &[&s.id, &citation(s)]))
}

/// `show`: the resource's record, then its contacts and statistics, each
/// line led by its record type so one stream can be split with `grep`.
pub fn show<W: Write>(w: &mut W, r: &Resource, stats: &[&Statistic]) -> io::Result<()> {
    write!(w, "resource\t")?;
    resource(w, r)?;
    for c in r.contacts.iter() {
        write!(w, "contact\t")?;
        contact(w, r, c)?;
    }
    for s in stats {
        write!(w, "statistic\t")?;
        statistic(w, s)?;
    }
    Ok(())
}

/// `signs`: `CATEGORY-ID  CATEGORY  INDICATOR`
pub fn signs<W: Write>(w: &mut W, signs: &crate::catalogue::Signs) -> io::Result<()> {
    for cat in signs.categories.iter() {
        for indicator in cat.indicators.iter() {
            record(w, &[&cat.id, &cat.name, indicator])?;
        }
    }
    Ok(())
}

/// `myths`: `ID  MYTH  FACT  CONFIDENCE  SOURCE-URL`
pub fn myths<W: Write>(
    w: &mut W,
    myths: &[(&crate::catalogue::Myth, Option<&Resource>)],
) -> io::Result<()> {
    for (m, r) in myths {
        let url = r.and_then(|r| r.url.as_deref()).unwrap_or("");
        record(w, &[&m.id, &m.myth, &m.fact, m.confidence.as_str(), url])?;
    }
    Ok(())
}
