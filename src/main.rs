//! htr: an offline reference of human-trafficking help. This file wires the
//! command line to the catalogue and the writers, and owns exit codes: every
//! error is printed once, here.

mod catalogue;
mod cli;
mod commands;
mod error;
mod export;
mod handout;
mod library;
mod load;
mod quick_toml;
mod render;
mod search;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{Cli, ColorWhen};
use crate::error::{Error, Exit};
use crate::library::Library;
use crate::render::Theme;
use crate::render::text::Out;

// The static Linux build links musl, whose allocator is slow for htr's many
// small allocations (Cargo.toml says by how much); every other build keeps
// the platform's allocator.
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOC: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;

fn main() -> ExitCode {
    let cli = match parse_args() {
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

/// `Cli::try_parse`, without tearing down clap's command tree afterwards:
/// freeing it is a tenth of the work of a whole `htr hotline` (measured
/// with callgrind), and the process is about to end anyway.
fn parse_args() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(cli) = cli::quick(args.get(1..).unwrap_or_default()) {
        return Ok(cli);
    }
    let mut command = Cli::command();
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    std::mem::forget(command);
    parsed
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

/// One line on stderr (after a catalogue's problems, one line each);
/// `error:` is coloured when stderr is a terminal that wants colour. Every
/// line is sanitized: messages can quote file names, queries and file text.
fn report(e: &Error) {
    let stderr = io::stderr();
    let color = use_color(ColorWhen::Auto, stderr.is_terminal());
    let theme = Theme::new(color);
    let mut w = stderr.lock();
    if let Error::Catalogue(failed) = e {
        for problem in &failed.problems {
            let _ = writeln!(w, "{}", render::sanitize(problem));
        }
    }
    let message = e.to_string();
    let message = render::sanitize(&message);
    let _ = match e {
        Error::NotFound(_) => writeln!(w, "htr: {message}"),
        _ => writeln!(
            w,
            "htr: {}: {message}",
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
    let mut out = Out {
        w,
        theme: Theme::new(color),
        width: render::width(),
    };
    let bundled = library::bundled_catalogue();
    let only = cli.global.catalogue_only;
    // `htr check FILE` reports on its file itself; any other command with a
    // bad --catalogue reports its problems and runs no further.
    if let Some(cli::Command::Check { file }) = &cli.command {
        return commands::check(file, only, &mut out);
    }
    // Read here rather than by clap, which rejects an empty value: an empty
    // HTR_CATALOGUE means none, as an unset one does (as with NO_COLOR).
    let from_env = std::env::var_os("HTR_CATALOGUE")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from);
    let path = cli.global.catalogue.clone().or(from_env);
    if only && path.is_none() {
        return Err(Error::Usage(
            "--catalogue-only needs a catalogue: give --catalogue FILE or set HTR_CATALOGUE".into(),
        ));
    }
    let local = match &path {
        Some(path) => Some(load::load(path, (!only).then_some(bundled)).map_err(Error::Catalogue)?),
        None => None,
    };
    let library = match &local {
        Some(local) if only => Library::of(local),
        Some(local) => Library::merged(bundled, local),
        None => Library::bundled(),
    };
    let result = commands::run(cli, &library, &mut out);
    // The process is about to exit and the system takes its memory back at
    // once; freeing a large user catalogue entry by entry first was 8% of
    // the time to answer from a 1,000-entry file (callgrind). As with
    // clap's command tree in `parse_args`.
    std::mem::forget(library);
    std::mem::forget(local);
    result
}
