//! What each command does: choose entries from the library, then hand them
//! to the writer for the format asked for.

use std::io::Write;

use clap::{CommandFactory, ValueEnum};

use crate::catalogue::{Confidence, Myth, Resource, Statistic, Text};
use crate::cli::{Cli, Command, Filters, Format, Section};
use crate::error::Error;
use crate::handout::{self, Handout};
use crate::library::{self, Library};
use crate::render::text::{self, Out};
use crate::render::{csv, html, json, markdown, plain};
use crate::search::{self, Query};

/// Runs one parsed command line against a library.
pub fn run<W: Write>(cli: &Cli, library: &Library<'_>, out: &mut Out<'_, W>) -> Result<(), Error> {
    let format = cli.global.format();
    match &cli.command {
        None => hotline(library, None, false, format, out, true),
        Some(Command::Hotline { id, qr }) => {
            hotline(library, id.as_deref(), *qr, format, out, false)
        }
        Some(Command::List(filters)) => list(library, filters, format, out),
        Some(Command::Search { words }) => search(library, words, format, out),
        Some(Command::Show { id }) => show(library, id, format, out),
        Some(Command::Stats {
            ids,
            topic,
            all,
            cite,
        }) => stats(library, ids, topic.as_deref(), *all, *cite, format, out),
        Some(Command::Signs) => signs(library, format, out),
        Some(Command::Myths) => myths(library, format, out),
        Some(Command::Handout {
            topics,
            with,
            max_stats,
            qr,
        }) => {
            let options = handout::Options {
                topics,
                signs: with.contains(&Section::Signs),
                myths: with.contains(&Section::Myths),
                // Each extra section takes the room of about two figures
                // on the printed page (scripts/check-handout measures it).
                max_stats: max_stats.unwrap_or(6 - 2 * with.len().min(2)),
                qr: *qr,
            };
            handout(library, &options, format, out)
        }
        Some(Command::Completions { shell }) => completions(library, *shell, out),
        Some(Command::Export { hsds }) => {
            // Export writes data, always JSON: htr's own, or HSDS.
            if !matches!(format, Format::Table | Format::Json) {
                return Err(unsupported(
                    "export",
                    format,
                    "json (the default), or use --hsds",
                ));
            }
            if *hsds {
                crate::export::hsds(out.w, library)?;
            } else {
                crate::export::json(out.w, library)?;
            }
            Ok(())
        }
        // main.rs calls check before loading any --catalogue; this arm is
        // the same call, so the two cannot differ.
        Some(Command::Check { file }) => check(file, cli.global.catalogue_only, out),
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command()).render(out.w)?;
            Ok(())
        }
    }
}

/// `htr check FILE`: every problem, or a one-line summary of a valid file.
/// The file is checked as it would be used: added to the bundled catalogue
/// (its ids taken), or alone with `--catalogue-only`.
pub fn check<W: Write>(
    file: &std::path::Path,
    catalogue_only: bool,
    out: &mut Out<'_, W>,
) -> Result<(), Error> {
    let bundled = (!catalogue_only).then(crate::library::bundled_catalogue);
    let c = crate::load::load(file, bundled).map_err(Error::Catalogue)?;
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out.w,
        "{}: ok: {}, {}, {}",
        crate::load::display_path(file),
        count(c.resources.len(), "resource"),
        count(c.statistics.len(), "statistic"),
        count(c.myths.len(), "myth")
    )?;
    Ok(())
}

/// The error for a format a command does not offer.
fn unsupported(command: &str, format: Format, offered: &str) -> Error {
    Error::Usage(format!(
        "`htr {command}` has no {} format; use --format {offered}",
        format
            .to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string())
    ))
}

const EVERY_TABLE_FORMAT: &str = "table, plain, json, markdown or csv";

fn hotline<W: Write>(
    library: &Library<'_>,
    id: Option<&str>,
    qr: bool,
    format: Format,
    out: &mut Out<'_, W>,
    pointer: bool,
) -> Result<(), Error> {
    let chosen: Vec<&Resource> = match id {
        Some(id) => {
            let r = find_resource(library, id)?;
            if r.contacts.is_empty() {
                return Err(Error::NotFound(format!(
                    "`{}` has no phone, text or web contact; try `htr show {}`",
                    r.id, r.id
                )));
            }
            vec![r]
        }
        None => library.hotlines(),
    };
    if qr && format != Format::Table {
        return Err(Error::Usage(
            "--qr draws in the terminal; for a QR code in a file use `htr handout --qr --format html`"
                .into(),
        ));
    }
    // Made before anything is written, so a failure leaves no half card.
    let code = if qr {
        let Some(code) = chosen.iter().find_map(|r| handout::qr_of(r)) else {
            return Err(Error::NotFound(format!(
                "`{}` has no web address to put in a QR code; try `htr hotline nhth --qr`",
                chosen[0].id
            )));
        };
        Some(code)
    } else {
        None
    };
    match format {
        Format::Table => {
            text::hotline(out, &chosen)?;
            if let Some((code, url)) = code {
                writeln!(out.w)?;
                text::qr(out, &code, url)?;
            }
            if pointer {
                text::pointer(out, library)?;
            }
        }
        Format::Plain => plain::hotline(out.w, &chosen)?,
        Format::Json => json::resources(out.w, &chosen)?,
        Format::Markdown => markdown::hotline(out.w, &chosen)?,
        Format::Csv => csv::hotline(out.w, &chosen)?,
        Format::Html => return Err(unsupported("hotline", format, EVERY_TABLE_FORMAT)),
    }
    Ok(())
}

fn find_resource<'a>(library: &Library<'a>, id: &str) -> Result<&'a Resource, Error> {
    library.resource(id).ok_or_else(|| unknown_id(library, id))
}

fn unknown_id(library: &Library<'_>, id: &str) -> Error {
    let near = library.nearest_ids(id);
    let hint = if near.is_empty() {
        "see `htr list` for every id, or `htr search WORDS`".to_string()
    } else {
        format!("did you mean {}?", quoted_list(&near))
    };
    Error::NotFound(format!("no entry with id `{}`; {hint}", id.escape_debug()))
}

fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
        [] => String::new(),
    }
}

fn list<W: Write>(
    library: &Library<'_>,
    f: &Filters,
    format: Format,
    out: &mut Out<'_, W>,
) -> Result<(), Error> {
    let has = |list: &[Text], want: &Option<String>| {
        want.as_ref()
            .is_none_or(|w| list.iter().any(|v| v.eq_ignore_ascii_case(w.trim())))
    };
    let chosen: Vec<&Resource> = library
        .resources
        .iter()
        .filter(|r| has(&r.topics, &f.topic))
        .filter(|r| has(&r.audience, &f.audience))
        .filter(|r| {
            f.region.as_ref().is_none_or(|want| {
                // `--region US` includes US-CA: a state's resources are in the US.
                let want = want.trim();
                r.region.eq_ignore_ascii_case(want)
                    || r.region
                        .split_once('-')
                        .is_some_and(|(country, _)| country.eq_ignore_ascii_case(want))
            })
        })
        .filter(|r| f.kind.is_none_or(|k| r.kind == k))
        .copied()
        .collect();
    if chosen.is_empty() {
        let mut hint = "no resources match these filters".to_string();
        if let Some(topic) = &f.topic {
            let topics = library.topics();
            if !topics.iter().any(|t| t.eq_ignore_ascii_case(topic.trim())) {
                hint = format!("no resources have the topic `{}`", topic.escape_debug());
                let near = library::nearest(topic, topics.iter().copied());
                if !near.is_empty() {
                    return Err(Error::NotFound(format!(
                        "{hint}; did you mean {}?",
                        quoted_list(&near)
                    )));
                }
            }
        }
        return Err(Error::NotFound(format!(
            "{hint}; run `htr list` without filters to see everything"
        )));
    }
    match format {
        Format::Table => text::list(out, &chosen)?,
        Format::Plain => plain::list(out.w, &chosen)?,
        Format::Json => json::resources(out.w, &chosen)?,
        Format::Markdown => markdown::list(out.w, &chosen)?,
        Format::Csv => csv::list(out.w, &chosen)?,
        Format::Html => return Err(unsupported("list", format, EVERY_TABLE_FORMAT)),
    }
    Ok(())
}

fn search<W: Write>(
    library: &Library<'_>,
    words: &[String],
    format: Format,
    out: &mut Out<'_, W>,
) -> Result<(), Error> {
    let Some(mut query) = Query::new(words) else {
        return Err(Error::Usage(
            "the search has no letters or digits in it; try words such as `htr search labor youth`"
                .into(),
        ));
    };
    let hits = search::search(&library.resources, &library.statistics, &mut query);
    if hits.is_empty() {
        return Err(Error::NotFound(
            "nothing matches every word; try fewer or different words, or `htr list`".into(),
        ));
    }
    match format {
        Format::Table => text::search(out, &hits, &mut query)?,
        Format::Plain => plain::search(out.w, &hits)?,
        Format::Json => json::search(out.w, &hits)?,
        Format::Markdown => markdown::search(out.w, &hits)?,
        Format::Csv => csv::search(out.w, &hits)?,
        Format::Html => return Err(unsupported("search", format, EVERY_TABLE_FORMAT)),
    }
    Ok(())
}

fn show<W: Write>(
    library: &Library<'_>,
    id: &str,
    format: Format,
    out: &mut Out<'_, W>,
) -> Result<(), Error> {
    // A statistic's id shows that figure in full.
    if let Some(s) = library.statistic(id) {
        return write_stats(&[s], 0, false, format, out);
    }
    let r = find_resource(library, id)?;
    let stats = library.statistics_of(&r.id);
    match format {
        Format::Table => text::show(out, r, &stats)?,
        Format::Plain => plain::show(out.w, r, &stats)?,
        Format::Json => json::show(out.w, r, &stats)?,
        Format::Markdown => markdown::show(out.w, r, &stats)?,
        Format::Csv | Format::Html => {
            return Err(unsupported(
                "show",
                format,
                "table, plain, json or markdown",
            ));
        }
    }
    Ok(())
}

fn stats<W: Write>(
    library: &Library<'_>,
    ids: &[String],
    topic: Option<&str>,
    all: bool,
    cite: bool,
    format: Format,
    out: &mut Out<'_, W>,
) -> Result<(), Error> {
    let mut chosen: Vec<&Statistic> = Vec::new();
    for id in ids {
        // Asked for by id: shown whatever its confidence (it is marked).
        let s = library
            .statistic(id)
            .ok_or_else(|| unknown_id(library, id))?;
        chosen.push(s);
    }
    let mut hidden = 0;
    if ids.is_empty() {
        for s in &library.statistics {
            if topic.is_some_and(|t| !library.statistic_has_topic(s, t.trim())) {
                continue;
            }
            if s.confidence == Confidence::Unverified && !all {
                hidden += 1;
                continue;
            }
            chosen.push(s);
        }
    }
    if chosen.is_empty() {
        let hint = match topic {
            Some(t) => format!("no statistics about `{}`", t.escape_debug()),
            None => "no statistics".to_string(),
        };
        let more = if hidden > 0 {
            "; --all includes unverified figures"
        } else {
            ""
        };
        return Err(Error::NotFound(format!(
            "{hint}{more}; `htr stats` lists them all"
        )));
    }
    write_stats(&chosen, hidden, cite, format, out)
}

fn write_stats<W: Write>(
    chosen: &[&Statistic],
    hidden: usize,
    cite: bool,
    format: Format,
    out: &mut Out<'_, W>,
) -> Result<(), Error> {
    match (format, cite) {
        (Format::Table, false) => text::stats(out, chosen, hidden)?,
        (Format::Table, true) => text::citations(out, chosen, hidden)?,
        (Format::Plain, false) => plain::stats(out.w, chosen)?,
        (Format::Plain, true) => plain::citations(out.w, chosen)?,
        (Format::Markdown, false) => markdown::stats(out.w, chosen)?,
        (Format::Markdown, true) => markdown::citations(out.w, chosen)?,
        // JSON and CSV always carry the citation; --cite adds nothing there.
        (Format::Json, _) => json::stats(out.w, chosen)?,
        (Format::Csv, _) => csv::stats(out.w, chosen)?,
        (Format::Html, _) => return Err(unsupported("stats", Format::Html, EVERY_TABLE_FORMAT)),
    }
    Ok(())
}

fn signs<W: Write>(
    library: &Library<'_>,
    format: Format,
    out: &mut Out<'_, W>,
) -> Result<(), Error> {
    let Some(signs) = library.signs else {
        return Err(Error::NotFound(
            "this catalogue has no list of signs".into(),
        ));
    };
    let source = library.resource(&signs.resource);
    match format {
        Format::Table => text::signs(out, signs, source)?,
        Format::Plain => plain::signs(out.w, signs)?,
        Format::Json => json::signs(out.w, signs, source)?,
        Format::Markdown => markdown::signs(out.w, signs, source)?,
        Format::Csv => csv::signs(out.w, signs)?,
        Format::Html => return Err(unsupported("signs", format, EVERY_TABLE_FORMAT)),
    }
    Ok(())
}

fn myths<W: Write>(
    library: &Library<'_>,
    format: Format,
    out: &mut Out<'_, W>,
) -> Result<(), Error> {
    let myths: Vec<(&Myth, Option<&Resource>)> = library
        .myths
        .iter()
        .map(|m| (*m, library.resource(&m.resource)))
        .collect();
    if myths.is_empty() {
        return Err(Error::NotFound("this catalogue has no myths".into()));
    }
    match format {
        Format::Table => text::myths(out, &myths)?,
        Format::Plain => plain::myths(out.w, &myths)?,
        Format::Json => json::myths(out.w, &myths)?,
        Format::Markdown => markdown::myths(out.w, &myths)?,
        Format::Csv => csv::myths(out.w, &myths)?,
        Format::Html => return Err(unsupported("myths", format, EVERY_TABLE_FORMAT)),
    }
    Ok(())
}

fn handout<W: Write>(
    library: &Library<'_>,
    options: &handout::Options<'_>,
    format: Format,
    out: &mut Out<'_, W>,
) -> Result<(), Error> {
    let known = library.topics();
    for topic in options.topics {
        if !known.iter().any(|t| t.eq_ignore_ascii_case(topic.trim())) {
            let near = library::nearest(topic, known.iter().copied());
            let hint = if near.is_empty() {
                "see `htr list` for the topics in use".to_string()
            } else {
                format!("did you mean {}?", quoted_list(&near))
            };
            return Err(Error::NotFound(format!(
                "no resources or figures have the topic `{}`; {hint}",
                topic.escape_debug()
            )));
        }
    }
    let h = Handout::build(library, options);
    match format {
        Format::Table => text::handout(out, &h)?,
        Format::Markdown => markdown::handout(out.w, &h)?,
        Format::Html => html::handout(out.w, &h)?,
        Format::Plain | Format::Json | Format::Csv => {
            return Err(unsupported("handout", format, "text, markdown or html"));
        }
    }
    Ok(())
}

/// Completion scripts come from the clap definition, with the catalogue's
/// ids and topics added as the values to offer: only here, so that parsing
/// itself still accepts any text and answers an unknown id with a hint.
fn completions<W: Write>(
    library: &Library<'_>,
    shell: clap_complete::Shell,
    out: &mut Out<'_, W>,
) -> Result<(), Error> {
    use clap::builder::PossibleValuesParser;
    let ids: Vec<String> = library.resources.iter().map(|r| r.id.to_string()).collect();
    let stat_ids: Vec<String> = library
        .statistics
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    let topics: Vec<String> = library.topics().iter().map(ToString::to_string).collect();
    let mut both = ids.clone();
    both.extend(stat_ids.iter().cloned());
    let offer = |values: &[String]| PossibleValuesParser::new(values.to_vec());
    let command = Cli::command()
        .mut_subcommand("hotline", |c| {
            c.mut_arg("id", |a| a.value_parser(offer(&ids)))
        })
        .mut_subcommand("show", |c| {
            c.mut_arg("id", |a| a.value_parser(offer(&both)))
        })
        .mut_subcommand("stats", |c| {
            c.mut_arg("ids", |a| a.value_parser(offer(&stat_ids)))
                .mut_arg("topic", |a| a.value_parser(offer(&topics)))
        })
        .mut_subcommand("list", |c| {
            c.mut_arg("topic", |a| a.value_parser(offer(&topics)))
        })
        .mut_subcommand("handout", |c| {
            c.mut_arg("topics", |a| a.value_parser(offer(&topics)))
        });
    let mut command = command;
    // clap_complete panics if its writer fails (`| head` closing early), so
    // it writes to memory and the script goes out through the usual path.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "htr", &mut script);
    out.w.write_all(&script)?;
    Ok(())
}
