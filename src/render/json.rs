//! `--format json`: one document per run, using the catalogue's own field
//! names (the names in `resources.toml`, with lists in the plural:
//! `resources`, `contacts`, `statistics`). The README documents the shapes.

use std::io::{self, Write};

use serde::Serialize;

use super::citation;
use crate::catalogue::{Resource, Statistic};
use crate::search::{Hit, Item};

fn write<W: Write, T: Serialize>(w: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value).map_err(io::Error::from)?;
    writeln!(w)
}

#[derive(Serialize)]
struct Resources<'a> {
    resources: &'a [&'a Resource],
}

/// `hotline` and `list`: `{"resources": [...]}`.
pub fn resources<W: Write>(w: &mut W, resources: &[&Resource]) -> io::Result<()> {
    write(w, &Resources { resources })
}

/// A statistic with its ready-made citation.
#[derive(Serialize)]
struct Cited<'a> {
    #[serde(flatten)]
    statistic: &'a Statistic,
    citation: String,
}

fn cited<'a>(stats: &[&'a Statistic]) -> Vec<Cited<'a>> {
    stats
        .iter()
        .map(|s| Cited {
            statistic: s,
            citation: citation(s),
        })
        .collect()
}

/// `stats`: `{"statistics": [...]}`, each with a `citation`.
pub fn stats<W: Write>(w: &mut W, stats: &[&Statistic]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        statistics: Vec<Cited<'a>>,
    }
    write(
        w,
        &Doc {
            statistics: cited(stats),
        },
    )
}

/// `show`: `{"resource": {...}, "statistics": [...]}`.
pub fn show<W: Write>(w: &mut W, resource: &Resource, stats: &[&Statistic]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        resource: &'a Resource,
        statistics: Vec<Cited<'a>>,
    }
    write(
        w,
        &Doc {
            resource,
            statistics: cited(stats),
        },
    )
}

/// `search`: `{"results": [{"type", "score", "resource" | "statistic"}]}`,
/// best first.
pub fn search<W: Write>(w: &mut W, hits: &[Hit<'_>]) -> io::Result<()> {
    #[derive(Serialize)]
    #[serde(tag = "type", rename_all = "lowercase")]
    enum Result<'a> {
        Resource { score: u32, resource: &'a Resource },
        Statistic { score: u32, statistic: Cited<'a> },
    }
    #[derive(Serialize)]
    struct Doc<'a> {
        results: Vec<Result<'a>>,
    }
    let results = hits
        .iter()
        .map(|h| match h.item {
            Item::Resource(resource) => Result::Resource {
                score: h.score,
                resource,
            },
            Item::Statistic(s) => Result::Statistic {
                score: h.score,
                statistic: Cited {
                    statistic: s,
                    citation: citation(s),
                },
            },
        })
        .collect();
    write(w, &Doc { results })
}

/// `signs`: `{"signs": {...}, "source": resource}`.
pub fn signs<W: Write>(
    w: &mut W,
    signs: &crate::catalogue::Signs,
    source: Option<&Resource>,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        signs: &'a crate::catalogue::Signs,
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<&'a Resource>,
    }
    write(w, &Doc { signs, source })
}

/// `myths`: `{"myths": [...]}`, each with its `source` resource.
pub fn myths<W: Write>(
    w: &mut W,
    myths: &[(&crate::catalogue::Myth, Option<&Resource>)],
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Sourced<'a> {
        #[serde(flatten)]
        myth: &'a crate::catalogue::Myth,
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<&'a Resource>,
    }
    #[derive(Serialize)]
    struct Doc<'a> {
        myths: Vec<Sourced<'a>>,
    }
    let myths = myths
        .iter()
        .map(|(myth, source)| Sourced {
            myth,
            source: *source,
        })
        .collect();
    write(w, &Doc { myths })
}
