//! The command-line interface: clap types only, no behaviour.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::catalogue::Kind;

const AFTER_HELP: &str = "\
Examples:
  htr                       the Hotline's number, now
  htr search labor youth    find resources and figures
  htr show nhth             everything about one entry
  htr stats --cite          figures as ready-to-paste citations

Exit status: 0 success, 1 nothing found, 2 usage or data error.
htr works offline: it opens no network connection and writes no files.";

/// Offline reference of human-trafficking help: hotlines, resources and
/// sourced statistics.
///
/// With no command, htr prints the hotline card.
#[derive(Debug, Parser, PartialEq)]
#[command(
    name = "htr",
    version,
    help_expected = true,
    after_help = AFTER_HELP,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options that every command takes.
#[derive(Debug, Args, PartialEq)]
pub struct GlobalArgs {
    /// Output format: `table` for people; `plain` (tab-separated), `json`,
    /// `markdown` and `csv` for scripts and slides; `html` for handouts
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Shorthand for --format json
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,

    /// Add the entries of this catalogue file to the bundled ones (local
    /// referrals, say); they are marked local everywhere. Default: the
    /// HTR_CATALOGUE environment variable, when set and not empty
    #[arg(long, global = true, visible_alias = "catalog", value_name = "FILE")]
    pub catalogue: Option<PathBuf>,

    /// Use the --catalogue file alone, without the bundled catalogue
    #[arg(long, global = true, visible_alias = "catalog-only")]
    pub catalogue_only: bool,

    /// When to use colour: `auto` follows NO_COLOR, CLICOLOR_FORCE and
    /// whether output is a terminal
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

impl Default for GlobalArgs {
    /// The values clap gives when no option is set (a test checks they agree).
    fn default() -> Self {
        GlobalArgs {
            format: Format::Table,
            json: false,
            catalogue: None,
            catalogue_only: false,
            color: ColorWhen::Auto,
        }
    }
}

/// Command lines with no options - a command and its plain words, such as
/// `htr`, `htr hotline`, `htr show ID` or `htr search labor youth` - read
/// without building clap's parser. Building it (every subcommand, with the
/// global options copied into each) is half the work of answering such a
/// command. Anything with an option, an unknown command, or any doubt is
/// `None` and goes to clap. A test checks that every line read here gives
/// exactly what clap gives.
#[must_use]
pub fn quick(args: &[std::ffi::OsString]) -> Option<Cli> {
    let words: Vec<&str> = args.iter().map(|a| a.to_str()).collect::<Option<_>>()?;
    // A plain word: not an option, not empty, and not clap's own `help`.
    if !words
        .iter()
        .all(|w| !w.is_empty() && !w.starts_with('-') && *w != "help")
    {
        return None;
    }
    let owned = |rest: &[&str]| rest.iter().map(ToString::to_string).collect::<Vec<_>>();
    let command = match words.as_slice() {
        [] => None,
        ["hotline"] => Some(Command::Hotline {
            id: None,
            qr: false,
        }),
        ["hotline", id] => Some(Command::Hotline {
            id: Some((*id).to_string()),
            qr: false,
        }),
        ["show", id] => Some(Command::Show {
            id: (*id).to_string(),
        }),
        ["list"] => Some(Command::List(Filters::default())),
        ["search", rest @ ..] if !rest.is_empty() => Some(Command::Search { words: owned(rest) }),
        ["stats", rest @ ..] => Some(Command::Stats {
            ids: owned(rest),
            topic: None,
            all: false,
            cite: false,
        }),
        ["signs"] => Some(Command::Signs),
        ["myths"] => Some(Command::Myths),
        _ => return None,
    };
    Some(Cli {
        global: GlobalArgs::default(),
        command,
    })
}

impl GlobalArgs {
    /// The format asked for, with `--json` folded in.
    #[must_use]
    pub fn format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }
}

#[derive(Debug, Subcommand, PartialEq)]
pub enum Command {
    /// Hotline numbers and how to reach them: the National Human Trafficking
    /// Hotline, NCMEC, and 911 for immediate danger
    #[command(after_help = "Example:\n  htr hotline\n  htr hotline ncmec")]
    Hotline {
        /// Show only this entry (an id or alias, e.g. `nhth`, `ncmec`, `911`)
        id: Option<String>,

        /// Add a QR code of the entry's online tip form (or chat), for a
        /// slide or a printed sheet
        #[arg(long)]
        qr: bool,
    },

    /// List resources, optionally filtered
    #[command(after_help = "Example:\n  htr list --topic youth --kind guide")]
    List(Filters),

    /// Search names, publishers, topics, summaries and statistics
    #[command(
        after_help = "Every word must match. Typos, British spellings and accents are \
forgiven.\n\nExample:\n  htr search labor youth"
    )]
    Search {
        /// Words to look for
        #[arg(required = true, value_name = "WORDS")]
        words: Vec<String>,
    },

    /// Show one entry in full: summary, contacts, statistics, sources
    #[command(after_help = "Example:\n  htr show nhth")]
    Show {
        /// The entry's id (see `htr list`) or alias
        id: String,
    },

    /// Statistics, each with what it counts, its period, source and confidence
    #[command(
        after_help = "Unverified figures are hidden unless --all is given, and \
are marked when shown.\n\nExample:\n  htr stats --topic youth --cite"
    )]
    Stats {
        /// Only these figures (ids as shown by `htr show` or `htr search`)
        #[arg(value_name = "ID")]
        ids: Vec<String>,

        /// Only figures about this topic
        #[arg(long, value_name = "TOPIC")]
        topic: Option<String>,

        /// Include unverified figures (marked; do not quote them)
        #[arg(long)]
        all: bool,

        /// Print each figure as one ready-to-paste citation
        #[arg(long)]
        cite: bool,
    },

    /// The Hotline's indicators of trafficking, as a checklist with its caveats
    #[command(after_help = "Example:\n  htr signs --format markdown")]
    Signs,

    /// Common myths about trafficking, each with the fact and its source
    #[command(after_help = "Example:\n  htr myths --format csv")]
    Myths,

    /// A one-page handout: hotlines first, then resources and cited figures
    #[command(
        after_help = "Formats: text (the default), markdown, html.\n\nExample:\n  \
htr handout --topic youth --format html > handout.html"
    )]
    Handout {
        /// Only resources and figures about this topic (repeat for more)
        #[arg(long = "topic", value_name = "TOPIC")]
        topics: Vec<String>,

        /// Also include these sections (comma-separated)
        #[arg(long, value_enum, value_delimiter = ',', value_name = "SECTIONS")]
        with: Vec<Section>,

        /// At most this many figures [default: 6, less 2 for each --with
        /// section, so the page stays one page]
        #[arg(long, value_name = "N")]
        max_stats: Option<usize>,

        /// Add a QR code of the Hotline's online tip form
        #[arg(long)]
        qr: bool,
    },

    /// Write the whole catalogue as data: htr's own JSON, or HSDS 3.0
    #[command(
        after_help = "`htr export` (or `htr export --json`) writes htr's own JSON: the \
catalogue, resources, statistics, signs and myths, with the field names the README documents. \
`--hsds` writes Open Referral HSDS 3.0 services instead, for 211 systems and referral \
directories.\n\nExample:\n  htr export --hsds > services.json"
    )]
    Export {
        /// Write HSDS 3.0 services (JSON) instead of htr's own JSON
        #[arg(long)]
        hsds: bool,
    },

    /// Check a catalogue file and list every problem in it
    #[command(
        after_help = "Each problem is printed as FILE:LINE:COLUMN: what is wrong, and how to \
fix it. Exit status 0 when the file is valid, 2 when it is not.\n\nExample:\n  htr check county.toml"
    )]
    Check {
        /// The catalogue file (TOML, the same schema as the bundled one)
        file: PathBuf,
    },

    /// Print a shell completion script (see the README's install notes)
    #[command(hide = true)]
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },

    /// Print the manual page, in roff
    #[command(hide = true)]
    Man,
}

/// Optional handout sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Section {
    /// The indicator checklist
    Signs,
    /// Myths and facts
    Myths,
}

/// Filters for `list`; all given filters must match.
#[derive(Debug, Args, Default, PartialEq)]
pub struct Filters {
    /// Only resources with this topic (e.g. youth, labor, reporting)
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,

    /// Only resources for this audience (e.g. educators, service-providers)
    #[arg(long, value_name = "AUDIENCE")]
    pub audience: Option<String>,

    /// Only resources for this region (e.g. US, US-CA, global)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// Only resources of this kind
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<Kind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for people (the default, terminal or not); `text` also works
    #[value(alias = "text")]
    Table,
    /// One record per line, fields separated by tabs
    Plain,
    /// One JSON document using the catalogue's field names
    Json,
    /// Markdown that renders on GitHub and in pandoc
    Markdown,
    /// CSV (RFC 4180) with a header row
    Csv,
    /// One self-contained HTML page (handout only)
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal, unless NO_COLOR is set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// Catalogue keywords double as command-line values, so `--kind` accepts
/// exactly what `resources.toml` does and completion knows every value.
impl ValueEnum for Kind {
    fn value_variants<'a>() -> &'a [Self] {
        Kind::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    /// The quick reader must agree with clap on every line it accepts, and
    /// leave everything else to clap.
    #[test]
    fn quick_agrees_with_clap() {
        use clap::Parser;
        let agree: &[&[&str]] = &[
            &[],
            &["hotline"],
            &["hotline", "nhth"],
            &["hotline", "911"],
            &["show", "nhth"],
            &["show", "nhth-cases-2020"],
            &["show", "ÄRZTE"],
            &["list"],
            &["search", "labor"],
            &["search", "labor", "youth", "tráfico"],
            &["stats"],
            &["stats", "nhth-cases-2020", "ilo-forced-labour-2021"],
            &["signs"],
            &["myths"],
        ];
        for args in agree {
            let os: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            let quick = quick(&os).unwrap_or_else(|| panic!("{args:?} not read quickly"));
            let clap = Cli::try_parse_from(std::iter::once("htr").chain(args.iter().copied()))
                .expect("clap accepts it");
            assert_eq!(quick, clap, "{args:?}");
        }
        for args in [
            &["hotline", "--qr"][..],
            &["hotline", "nhth", "--json"],
            &["show"],
            &["show", "-h"],
            &["show", "help"],
            &["show", ""],
            &["--version"],
            &["hotline", "a", "b"],
            &["search"],
            &["search", "labor", "--json"],
            &["list", "--topic", "youth"],
            &["list", "youth"],
            &["stats", "--all"],
            &["signs", "extra"],
            &["handout"],
            &["export"],
            &["check", "file.toml"],
            &["completions", "bash"],
            &["hotlines"],
        ] {
            let os: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            assert!(quick(&os).is_none(), "{args:?} must go to clap");
        }
    }
}
