//! Output: one writer per format, and what they share - colour roles, the
//! wrap width, word wrapping and citations.
//!
//! Layout never depends on whether stdout is a terminal (tests and scripts
//! see what people see); only colour and the wrap width may.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod plain;
pub mod text;

use std::fmt::{self, Write as _};

use owo_colors::{OwoColorize, Style};
use unicode_width::UnicodeWidthStr;

use crate::catalogue::{Confidence, Statistic};

/// Widest text we wrap to, even on a wide terminal: longer lines are hard
/// to read.
const MAX_WIDTH: usize = 100;
/// Below this, wrapping makes things worse, not better.
const MIN_WIDTH: usize = 40;

/// Colours by role, not by hue (as `just` does), so every place that prints
/// a phone number looks the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An entry's name.
    Heading,
    /// A phone number, text code or other value to act on.
    Value,
    /// A web address.
    Url,
    /// Ids, dates and other secondary text.
    Muted,
    /// Field names in a card.
    Label,
    /// Advisories and unverified marks.
    Warning,
    /// The parts of a search result that matched.
    Highlight,
}

/// Whether to colour, and how each role looks when we do.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    fn style(role: Role) -> Style {
        let s = Style::new();
        match role {
            Role::Heading => s.bold(),
            Role::Value => s.bold().green(),
            Role::Url => s.underline().cyan(),
            Role::Muted => s.dimmed(),
            Role::Label => s.blue(),
            Role::Warning => s.bold().yellow(),
            Role::Highlight => s.bold().magenta(),
        }
    }

    /// Whether colour is on.
    pub fn color(self) -> bool {
        self.color
    }

    /// `text` in the role's style, or plain when colour is off.
    pub fn paint(self, role: Role, text: &str) -> Painted<'_> {
        Painted {
            style: self.color.then(|| Self::style(role)),
            text,
        }
    }

    /// `text` with the given char ranges highlighted.
    pub fn highlight(self, text: &str, ranges: &[std::ops::Range<usize>]) -> String {
        if !self.color || ranges.is_empty() {
            return text.to_string();
        }
        let style = Self::style(Role::Highlight);
        let mut out = String::new();
        let mut run = String::new();
        let mut in_range = false;
        // Style whole runs, not single characters: one escape pair per word.
        for (i, c) in text.chars().enumerate() {
            let inside = ranges.iter().any(|r| r.contains(&i));
            if inside != in_range && !run.is_empty() {
                flush(&mut out, &mut run, in_range.then_some(style));
            }
            in_range = inside;
            run.push(c);
        }
        flush(&mut out, &mut run, in_range.then_some(style));
        out
    }
}

fn flush(out: &mut String, run: &mut String, style: Option<Style>) {
    match style {
        Some(style) => {
            let _ = write!(out, "{}", run.style(style));
        }
        None => out.push_str(run),
    }
    run.clear();
}

/// Text with an optional style; displays as plain text when colour is off.
pub struct Painted<'a> {
    style: Option<Style>,
    text: &'a str,
}

impl fmt::Display for Painted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.style {
            Some(style) => write!(f, "{}", self.text.style(style)),
            None => f.write_str(self.text),
        }
    }
}

/// The width to wrap to: `COLUMNS` if set (tests pin it; users may
/// override), else the terminal's width from one ioctl, else 100. Never a
/// child process: crossterm's `tput` fallback triples the run time.
pub fn width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
        })
        .unwrap_or(MAX_WIDTH);
    columns.clamp(MIN_WIDTH, MAX_WIDTH)
}

/// Text that came from outside (a file name, a query, a parser's message
/// quoting a file) made safe to print: every control character and bidi
/// override is written as a visible `\u{..}` escape, so it cannot move the
/// cursor, retitle the window or reorder the line (ECMA-48; Unicode TR #9).
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(crate::catalogue::is_forbidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if crate::catalogue::is_forbidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The columns of a statistic in plain and CSV output, in order.
pub const STATISTIC_COLUMNS: [&str; 13] = [
    "id",
    "figure",
    "value",
    "value_max",
    "unit",
    "claim",
    "period",
    "confidence",
    "source_publisher",
    "source_title",
    "source_url",
    "source_published",
    "caveat",
];

/// A statistic's fields as text, one per [`STATISTIC_COLUMNS`], so plain
/// and CSV output cannot drift apart.
pub fn statistic_record(s: &Statistic) -> [std::borrow::Cow<'_, str>; 13] {
    use std::borrow::Cow;
    let optional = |text: Option<String>| Cow::Owned(text.unwrap_or_default());
    [
        Cow::Borrowed(&*s.id),
        Cow::Borrowed(&*s.figure),
        Cow::Owned(s.value.to_string()),
        optional(s.value_max.map(|v| v.to_string())),
        Cow::Borrowed(&*s.unit),
        Cow::Borrowed(&*s.claim),
        Cow::Borrowed(&*s.period),
        Cow::Borrowed(s.confidence.as_str()),
        Cow::Borrowed(&*s.source.publisher),
        Cow::Borrowed(&*s.source.title),
        Cow::Borrowed(&*s.source.url),
        optional(s.source.published.map(|d| d.to_string())),
        Cow::Borrowed(s.caveat.as_deref().unwrap_or("")),
    ]
}

/// The resources myths cite, each once, in order of first citation, with
/// the confidence of the first myth that cites it: listed once after the
/// myths rather than after each.
pub fn myth_sources<'a>(
    myths: &[(
        &crate::catalogue::Myth,
        Option<&'a crate::catalogue::Resource>,
    )],
) -> Vec<(&'a crate::catalogue::Resource, crate::catalogue::Confidence)> {
    let mut sources: Vec<(&crate::catalogue::Resource, crate::catalogue::Confidence)> = Vec::new();
    for (m, r) in myths {
        if let Some(r) = r
            && !sources.iter().any(|(s, _)| s.id == r.id)
        {
            sources.push((r, m.confidence));
        }
    }
    sources
}

/// `bundled` or `local`: where an entry comes from, for plain and CSV output.
pub fn origin(local: bool) -> &'static str {
    if local { "local" } else { "bundled" }
}

/// " (local)" after the name of an entry from a user's catalogue.
pub fn local_tag(local: bool) -> &'static str {
    if local { " (local)" } else { "" }
}

/// Display width of text in terminal columns. ASCII, nearly all of the
/// catalogue, is one column a byte and skips the Unicode tables.
pub fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// Greedy word wrap at spaces only. A word longer than the line (a URL, a
/// phone number) is kept whole on its own line: never broken.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // The line's width is kept as words are added, not measured again each
    // time: measuring is most of the cost of printing a card.
    let mut line_width = 0;
    for word in text.split_whitespace() {
        let word_width = display_width(word);
        if !line.is_empty() && line_width + 1 + word_width > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += word_width;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Language tags as names people read; unknown tags stay as they are.
pub fn language_name(tag: &str) -> &str {
    match tag {
        "en" => "English",
        "es" => "Spanish",
        "fr" => "French",
        "pt" => "Portuguese",
        "zh" => "Chinese",
        "vi" => "Vietnamese",
        "ko" => "Korean",
        "tl" => "Tagalog",
        "ar" => "Arabic",
        "ru" => "Russian",
        "ht" => "Haitian Creole",
        _ => tag,
    }
}

/// A figure as one ready-to-paste line: what it counts, when, who published
/// it, where, and - unless it is primary - how sure we are.
pub fn citation(s: &Statistic) -> String {
    let mut out = format!(
        "{}: {} ({}). {}, \"{}\"",
        s.figure, s.claim, s.period, s.source.publisher, s.source.title
    );
    if let Some(date) = s.source.published {
        let _ = write!(out, ", {date}");
    }
    let _ = write!(out, ". {}", s.source.url);
    match s.confidence {
        Confidence::Primary => {}
        Confidence::Secondary => out.push_str(" [secondary source]"),
        Confidence::Unverified => out.push_str(" [UNVERIFIED: do not quote]"),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_never_breaks_long_words() {
        let url = "https://humantraffickinghotline.org/en/report-trafficking";
        let lines = wrap(&format!("Send it at {url} today"), 20);
        assert!(lines.contains(&url.to_string()), "{lines:?}");
        assert!(lines.iter().all(|l| l.width() <= 20 || l == url));
        // Wide characters count two columns each.
        assert_eq!(wrap("人身 売買 相談", 9), vec!["人身 売買", "相談"]);
    }

    #[test]
    fn wrap_fills_lines() {
        assert_eq!(wrap("a b c d", 3), vec!["a b", "c d"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn sanitize_makes_escapes_visible() {
        assert_eq!(sanitize("plain"), "plain");
        assert_eq!(sanitize("a\u{1b}]0;title\u{7}b"), "a\\u{1b}]0;title\\u{7}b");
        assert_eq!(sanitize("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
    }

    #[test]
    fn painted_is_plain_without_colour() {
        let theme = Theme::new(false);
        assert_eq!(theme.paint(Role::Value, "911").to_string(), "911");
        let first = 0..1;
        assert_eq!(theme.highlight("abc", std::slice::from_ref(&first)), "abc");
        let theme = Theme::new(true);
        assert!(
            theme
                .paint(Role::Value, "911")
                .to_string()
                .contains("\u{1b}[")
        );
    }
}

/// Text from a catalogue that tries to become markup or a formula must come
/// out inert in every format that has markup.
#[cfg(test)]
mod hostile_text {
    use crate::catalogue;
    use crate::handout::{Handout, Options};
    use crate::library::Library;

    const NAME: &str =
        "Safe <script>alert(1)</script> | pipe, comma \"quote\" [link](https://x.example)";

    fn catalogue() -> catalogue::Catalogue {
        let toml = format!(
            r#"
[catalogue]
title = "Hostile"
verified_on = 2026-01-01

[[resource]]
id = "bad"
name = '{NAME}'
publisher = "=HYPERLINK(\"https://x.example\")"
kind = "hotline"
summary = "<img src=x onerror=alert(1)> | a, b"
url = "https://example.org/"
topics = ["youth"]
region = "US"
verified_on = 2026-01-01
  [[resource.contact]]
  channel = "voice"
  value = "1-888-373-7888"
  label = "<b>Call</b>"
  hours = "24/7 | always"
"#
        );
        catalogue::parse(&toml).expect("hostile but valid catalogue")
    }

    #[test]
    fn html_escapes_markup() {
        let cat = catalogue();
        let lib = Library::of(&cat);
        let topics = vec!["youth".to_string()];
        let h = Handout::build(
            &lib,
            &Options {
                topics: &topics,
                signs: false,
                myths: false,
                max_stats: 6,
                qr: false,
            },
        );
        let mut out = Vec::new();
        super::html::handout(&mut out, &h).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&lt;b&gt;Call&lt;/b&gt;"));
    }

    #[test]
    fn markdown_escapes_markup_and_pipes() {
        let cat = catalogue();
        let lib = Library::of(&cat);
        let mut out = Vec::new();
        super::markdown::list(&mut out, &lib.resources).unwrap();
        super::markdown::hotline(&mut out, &lib.resources).unwrap();
        let md = String::from_utf8(out).unwrap();
        assert!(!md.contains("<script>") && !md.contains("<b>"), "{md}");
        assert!(
            md.contains("\\<script\\>") && md.contains("\\| pipe"),
            "{md}"
        );
        assert!(md.contains("\\[link\\]"), "{md}");
        // Every table row still has exactly its columns.
        for line in md.lines().filter(|l| l.starts_with('|')) {
            let cells = line.replace("\\|", "").matches('|').count();
            assert!(cells == 5 || cells == 6, "{line}");
        }
    }

    #[test]
    fn csv_quotes_commas_and_defuses_formulas() {
        let cat = catalogue();
        let lib = Library::of(&cat);
        let mut out = Vec::new();
        super::csv::list(&mut out, &lib.resources).unwrap();
        let csv = String::from_utf8(out).unwrap();
        let row = csv.lines().nth(1).unwrap();
        assert!(row.contains("\"Safe <script>alert(1)</script> | pipe, comma \"\"quote\"\" [link](https://x.example)\""), "{row}");
        assert!(
            row.contains("\"'=HYPERLINK(\"\"https://x.example\"\")\""),
            "{row}"
        );
        assert!(csv.ends_with("\r\n"));
    }
}
