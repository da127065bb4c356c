//! htr: an offline reference of human-trafficking help. This file wires the
//! command line to the catalogue and the writers, and owns exit codes: every
//! error is printed once, here.

// The run-time loader (parse, Diagnostic) is used by --catalogue (issue 5).
#[allow(dead_code)]
mod catalogue;
mod cli;
mod error;
mod library;
mod render;
mod search;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::catalogue::{Confidence, Kind, Resource, Statistic};
use crate::cli::{Cli, ColorWhen, Command, Filters, Format};
use crate::error::{Error, Exit};
use crate::library::Library;
use crate::render::text::Out;
use crate::render::{Theme, json, plain, text};
use crate::search::Query;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version: print as clap renders them. A closed
            // pipe while printing them is not worth a message.
            let _ = e.print();
            return Exit::Success.into();
        }
        Err(e) => {
            report(&Error::Usage(one_line(&e)));
            return Exit::Error.into();
        }
    };
    let stdout = io::stdout();
    let color = use_color(cli.global.color, stdout.is_terminal());
    let mut out = BufWriter::new(stdout.lock());
    let result = run(&cli, &mut out, color).and_then(|()| out.flush().map_err(Error::from));
    match result {
        Ok(()) => Exit::Success.into(),
        // `htr list | head -1`: the reader has all it wanted (as ripgrep does).
        Err(Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Success.into(),
        Err(e) => {
            // Whatever was written before the error stays written; the
            // message goes to stderr so it never mixes with output.
            let _ = out.flush();
            report(&e);
            e.exit().into()
        }
    }
}

/// A clap usage error as one line: clap's message and tip, then where to
/// read more. (clap prints five lines with a usage block; an error that
/// fits one line is easier to read and to grep in a script's log.)
fn one_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let mut parts = Vec::new();
    let mut help = "htr --help".to_string();
    for line in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(usage) = line.strip_prefix("Usage: ") {
            // `Usage: htr list --color <WHEN>` names the subcommand to ask about.
            let path: Vec<&str> = usage
                .split_whitespace()
                .take_while(|w| !w.starts_with(['-', '[', '<']))
                .collect();
            help = format!("{} --help", path.join(" "));
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            parts.push(format!("; {tip}"));
        } else if !line.starts_with("For more information") {
            let sep = if parts.is_empty() { "" } else { " " };
            parts.push(format!("{sep}{}", line.trim_start_matches("error: ")));
        }
    }
    format!("{}; see `{help}`", parts.concat())
}

/// One line on stderr; `error:` is red when stderr is a terminal that wants
/// colour.
fn report(e: &Error) {
    let stderr = io::stderr();
    let color = use_color(ColorWhen::Auto, stderr.is_terminal());
    let theme = Theme::new(color);
    let mut w = stderr.lock();
    let _ = match e {
        Error::NotFound(_) => writeln!(w, "htr: {e}"),
        _ => writeln!(
            w,
            "htr: {}: {e}",
            theme.paint(render::Role::Warning, "error")
        ),
    };
}

/// no-color.org and the CLICOLOR convention: in `auto`, a non-empty
/// NO_COLOR turns colour off, a non-empty CLICOLOR_FORCE (not "0") turns it
/// on, and otherwise colour follows whether the stream is a terminal.
fn use_color(when: ColorWhen, is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
        ColorWhen::Auto if set("CLICOLOR_FORCE") => true,
        ColorWhen::Auto => is_terminal && std::env::var("TERM").map_or(true, |t| t != "dumb"),
    }
}

fn run<W: Write>(cli: &Cli, w: &mut W, color: bool) -> Result<(), Error> {
    let library = Library::bundled();
    let format = cli.global.format();
    let mut out = Out {
        w,
        theme: Theme::new(color),
        width: render::width(),
    };
    match &cli.command {
        None => hotline(&library, None, format, &mut out, true),
        Some(Command::Hotline { id }) => hotline(&library, id.as_deref(), format, &mut out, false),
        Some(Command::List(filters)) => list(&library, filters, format, &mut out),
        Some(Command::Search { words }) => search(&library, words, format, &mut out),
        Some(Command::Show { id }) => show(&library, id, format, &mut out),
        Some(Command::Stats {
            ids,
            topic,
            all,
            cite,
        }) => stats(
            &library,
            ids,
            topic.as_deref(),
            *all,
            *cite,
            format,
            &mut out,
        ),
    }
}

fn hotline<W: Write>(
    library: &Library<'_>,
    id: Option<&str>,
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
        None => library
            .resources
            .iter()
            .filter(|r| r.kind == Kind::Hotline)
            .copied()
            .collect(),
    };
    match format {
        Format::Table => {
            text::hotline(out, &chosen)?;
            if pointer {
                text::pointer(out, library.meta.verified_on)?;
            }
        }
        Format::Plain => plain::hotline(out.w, &chosen)?,
        Format::Json => json::resources(out.w, &chosen)?,
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
    let has = |list: &[catalogue::Text], want: &Option<String>| {
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
            let near = library::nearest(topic, topics.iter().copied());
            if !topics.iter().any(|t| t.eq_ignore_ascii_case(topic.trim())) {
                hint = format!("no resources have the topic `{}`", topic.escape_debug());
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
    let hits = search::search(library, &mut query);
    if hits.is_empty() {
        return Err(Error::NotFound(
            "nothing matches every word; try fewer or different words, or `htr list`".into(),
        ));
    }
    match format {
        Format::Table => text::search(out, &hits, &mut query)?,
        Format::Plain => plain::search(out.w, &hits)?,
        Format::Json => json::search(out.w, &hits)?,
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
        // JSON always carries the citation; --cite adds nothing there.
        (Format::Json, _) => json::stats(out.w, chosen)?,
    }
    Ok(())
}
