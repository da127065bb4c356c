//! `--format markdown`: tables and checklists that render the same on GitHub
//! and in pandoc. Every piece of catalogue text is escaped, so a `|` cannot
//! split a cell and `<script>` or `[x](y)` cannot become markup.

use std::io::{self, Write};

use super::{citation, language_name, local_tag};
use crate::catalogue::{Confidence, Myth, Resource, Signs, Statistic};
use crate::handout::{self, Handout};
use crate::search::{Hit, Item};

/// Escapes text for CommonMark inline content, by putting a backslash
/// before each character that could start markup (CommonMark 0.31, 2.4:
/// any ASCII punctuation may be escaped so). Only what can act is escaped,
/// so pasted Markdown stays readable: emphasis and code (`* _ ` ~`), links
/// and images (`[ ]`; with those escaped, `( ) !` cannot form one), raw HTML
/// and autolinks (`< >`), entities (`&`), pandoc's TeX math (`$`), table
/// cells (`|`, which GitHub's and pandoc's pipe tables honour in cells), and
/// block markers at the start of the text (`#`, `-`, `+`, `=`, `1.`, `1)`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    }
    // `1. ` or `1) ` starts an ordered list; escaping the dot or bracket
    // stops that (a backslash before a digit is not an escape).
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let rest = &out[digits..];
    if digits > 0
        && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
    {
        out.insert(digits, '\\');
    }
    out
}

/// A link whose text is escaped and whose address is written in angle
/// brackets, so brackets or spaces in it cannot end it early.
fn link(text: &str, url: &str) -> String {
    format!("[{}](<{}>)", escape(text), url.replace(['<', '>'], ""))
}

fn table<W: Write>(w: &mut W, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    writeln!(w, "| {} |", header.join(" | "))?;
    writeln!(w, "|{}", " --- |".repeat(header.len()))?;
    for row in rows {
        writeln!(w, "| {} |", row.join(" | "))?;
    }
    Ok(())
}

fn list_cell(items: &[crate::catalogue::Text]) -> String {
    escape(&items.join(", "))
}

/// `hotline`: a table of contacts per entry.
pub fn hotline<W: Write>(w: &mut W, resources: &[&Resource]) -> io::Result<()> {
    for (i, r) in resources.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        writeln!(w, "### {}{}", escape(&r.name), local_tag(r.local))?;
        writeln!(w)?;
        contacts(w, r)?;
    }
    Ok(())
}

fn contacts<W: Write>(w: &mut W, r: &Resource) -> io::Result<()> {
    let rows: Vec<Vec<String>> = r
        .contacts
        .iter()
        .map(|c| {
            let languages: Vec<&str> = c.languages.iter().map(|l| language_name(l)).collect();
            vec![
                escape(&c.label),
                format!("**{}**", escape(&c.value)),
                escape(&c.hours),
                escape(&languages.join(", ")),
                escape(c.note.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    table(w, &["How", "Contact", "Hours", "Languages", "Note"], &rows)
}

/// `list`: one row per resource.
pub fn list<W: Write>(w: &mut W, resources: &[&Resource]) -> io::Result<()> {
    let rows: Vec<Vec<String>> = resources
        .iter()
        .map(|r| {
            vec![
                format!("`{}`", r.id),
                match &r.url {
                    Some(url) => format!("{}{}", link(&r.name, url), local_tag(r.local)),
                    None => format!("{}{}", escape(&r.name), local_tag(r.local)),
                },
                escape(&r.publisher),
                list_cell(&r.topics),
            ]
        })
        .collect();
    table(w, &["Id", "Name", "Publisher", "Topics"], &rows)
}

/// `search`: results best first.
pub fn search<W: Write>(w: &mut W, hits: &[Hit<'_>]) -> io::Result<()> {
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| match h.item {
            Item::Resource(r) => vec![
                format!("`{}`", r.id),
                r.kind.to_string(),
                format!("{}{}", escape(&r.name), local_tag(r.local)),
            ],
            Item::Statistic(s) => {
                let kind = if s.confidence == Confidence::Unverified {
                    "unverified figure"
                } else {
                    "figure"
                };
                let title = format!("{}: {} ({})", s.figure, s.claim, s.period);
                vec![format!("`{}`", s.id), kind.to_string(), escape(&title)]
            }
        })
        .collect();
    table(w, &["Id", "Type", "Title"], &rows)
}

/// `stats`: a table for a slide, with the source linked.
pub fn stats<W: Write>(w: &mut W, stats: &[&Statistic]) -> io::Result<()> {
    let rows: Vec<Vec<String>> = stats
        .iter()
        .map(|s| {
            let mut figure = format!("**{}**", escape(&s.figure));
            if s.confidence == Confidence::Unverified {
                figure.push_str(" (UNVERIFIED: do not quote)");
            }
            figure.push_str(local_tag(s.local));
            vec![
                figure,
                escape(&s.claim),
                escape(&s.period),
                format!(
                    "{}, {}",
                    escape(&s.source.publisher),
                    link(&s.source.title, &s.source.url)
                ),
                s.confidence.to_string(),
                escape(s.caveat.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    table(
        w,
        &[
            "Figure",
            "What it counts",
            "Period",
            "Source",
            "Confidence",
            "Caveat",
        ],
        &rows,
    )
}

/// `stats --cite`: a numbered list of citations.
pub fn citations<W: Write>(w: &mut W, stats: &[&Statistic]) -> io::Result<()> {
    for (i, s) in stats.iter().enumerate() {
        writeln!(w, "{}. {}", i + 1, escape(&citation(s)))?;
    }
    Ok(())
}

/// `show`: the card as a section.
pub fn show<W: Write>(w: &mut W, r: &Resource, stats: &[&Statistic]) -> io::Result<()> {
    writeln!(w, "## {}{}", escape(&r.name), local_tag(r.local))?;
    writeln!(w)?;
    if let Some(advisory) = &r.advisory {
        writeln!(w, "> **Advisory:** {}", escape(advisory))?;
        writeln!(w)?;
    }
    writeln!(w, "{}", escape(&r.summary))?;
    writeln!(w)?;
    writeln!(w, "- Publisher: {}", escape(&r.publisher))?;
    if let Some(url) = &r.url {
        writeln!(w, "- Web: <{url}>")?;
    }
    writeln!(w, "- Topics: {}", list_cell(&r.topics))?;
    writeln!(w, "- Checked: {}", r.verified_on)?;
    if let Some(unconfirmed) = &r.unconfirmed {
        writeln!(w, "- Not confirmed: {}", escape(unconfirmed))?;
    }
    if !r.contacts.is_empty() {
        writeln!(w)?;
        contacts(w, r)?;
    }
    if !stats.is_empty() {
        writeln!(w)?;
        self::stats(w, stats)?;
    }
    Ok(())
}

/// `signs`: a checklist per category, then the caveats and source.
pub fn signs<W: Write>(w: &mut W, signs: &Signs, source: Option<&Resource>) -> io::Result<()> {
    writeln!(w, "## {}", escape(&signs.title))?;
    for cat in signs.categories.iter() {
        writeln!(w)?;
        writeln!(w, "### {}", escape(&cat.name))?;
        writeln!(w)?;
        for indicator in cat.indicators.iter() {
            writeln!(w, "- [ ] {}", escape(indicator))?;
        }
    }
    writeln!(w)?;
    writeln!(w, "**Keep in mind**")?;
    writeln!(w)?;
    for caveat in signs.caveats.iter() {
        writeln!(w, "- {}", escape(caveat))?;
    }
    if let Some(r) = source {
        writeln!(w)?;
        writeln!(
            w,
            "Source: {} ({} source)",
            source_link(r),
            signs.confidence
        )?;
    }
    Ok(())
}

fn source_link(r: &Resource) -> String {
    match &r.url {
        Some(url) => format!("{}, {}", escape(&r.publisher), link(&r.name, url)),
        None => format!("{}, {}", escape(&r.publisher), escape(&r.name)),
    }
}

/// `myths`: one row per myth.
pub fn myths<W: Write>(w: &mut W, myths: &[(&Myth, Option<&Resource>)]) -> io::Result<()> {
    let rows: Vec<Vec<String>> = myths
        .iter()
        .map(|(m, r)| {
            vec![
                escape(&m.myth),
                escape(&m.fact),
                r.map(source_link).unwrap_or_default(),
            ]
        })
        .collect();
    table(w, &["Myth", "Fact", "Source"], &rows)
}

/// The handout as Markdown: hotlines, resources, cited figures, extras, footer.
pub fn handout<W: Write>(w: &mut W, h: &Handout<'_>) -> io::Result<()> {
    writeln!(w, "# {}", escape(&h.title()))?;
    writeln!(w)?;
    for r in &h.hotlines {
        let ways: Vec<String> = r
            .contacts
            .iter()
            .map(|c| format!("{}: **{}**", escape(&c.label), escape(&c.value)))
            .collect();
        writeln!(w, "- **{}**: {}", escape(&r.name), ways.join(" · "))?;
    }
    if let Some((code, url)) = &h.qr {
        writeln!(w)?;
        writeln!(w, "Scan for the online tip form ({url}):")?;
        writeln!(w)?;
        writeln!(w, "```text")?;
        write!(w, "{}", super::text::qr_blocks(code))?;
        writeln!(w, "```")?;
    }
    if !h.resources.is_empty() {
        writeln!(w)?;
        writeln!(w, "## Resources")?;
        writeln!(w)?;
        for r in &h.resources {
            let url = r.url.as_deref().unwrap_or_default();
            writeln!(
                w,
                "- {}{}: {}",
                link(&r.name, url),
                local_tag(r.local),
                escape(&r.publisher)
            )?;
        }
    }
    if !h.stats.is_empty() {
        writeln!(w)?;
        writeln!(w, "## Figures")?;
        writeln!(w)?;
        for (s, n) in &h.stats {
            writeln!(
                w,
                "- **{}** {} (as of {}) \\[{n}\\]",
                escape(&s.figure),
                escape(&s.claim),
                escape(&s.period),
            )?;
        }
        if let Some(more) = h.more_figures() {
            writeln!(w)?;
            writeln!(w, "{}", escape(&more))?;
        }
    }
    if let Some((signs, source)) = h.signs {
        writeln!(w)?;
        self::signs(w, signs, source)?;
    }
    if !h.myths.is_empty() {
        writeln!(w)?;
        writeln!(w, "## Myths and facts")?;
        writeln!(w)?;
        myths(w, &h.myths)?;
    }
    if !h.stats.is_empty() {
        writeln!(w)?;
        writeln!(w, "## Sources")?;
        writeln!(w)?;
        for (i, source) in h.sources.iter().enumerate() {
            writeln!(w, "{}. {}", i + 1, escape(&handout::reference(source)))?;
        }
    }
    writeln!(w)?;
    writeln!(w, "---")?;
    writeln!(w)?;
    if let Some(line) = h.report_line() {
        writeln!(w, "{}", escape(&line))?;
        writeln!(w)?;
    }
    writeln!(w, "{}. Made with htr.", h.checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("[x](y)"), "\\[x\\](y)");
        assert_eq!(escape("1.2% of cases (2019)"), "1.2% of cases (2019)");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("1. first"), "1\\. first");
        assert_eq!(
            escape("plain text, 1-888-373-7888"),
            "plain text, 1-888-373-7888"
        );
    }
}
