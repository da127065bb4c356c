//! The default format: aligned text and tables for people.

use std::io::{self, Write};

use super::{Role, Theme, citation, display_width, language_name, local_tag, wrap};
use owo_colors::OwoColorize;
use qrcode::QrCode;
use qrcode::render::unicode;

use crate::catalogue::{Confidence, Contact, Myth, Resource, Signs, Statistic};
use crate::handout::{self, Handout};
use crate::library::Library;
use crate::search::{Hit, Item, Query};

/// Indent of everything under a heading.
const INDENT: &str = "  ";

/// What every text writer needs: where to write, how to colour, how wide.
pub struct Out<'w, W: Write> {
    pub w: &'w mut W,
    pub theme: Theme,
    pub width: usize,
}

impl<W: Write> Out<'_, W> {
    /// Writes `text` wrapped to the width, every line after `first` indented
    /// by `indent` columns.
    fn wrapped(
        &mut self,
        first: &str,
        indent: usize,
        text: &str,
        role: Option<Role>,
    ) -> io::Result<()> {
        let room = self.width.saturating_sub(indent).max(20);
        for (i, line) in wrap(text, room).iter().enumerate() {
            let lead = if i == 0 {
                first.to_string()
            } else {
                " ".repeat(indent)
            };
            match role {
                Some(role) => writeln!(self.w, "{lead}{}", self.theme.paint(role, line))?,
                None => writeln!(self.w, "{lead}{line}")?,
            }
        }
        Ok(())
    }

    /// `  label     value`, the label padded to `pad` columns.
    fn field(
        &mut self,
        label: &str,
        pad: usize,
        value: &str,
        role: Option<Role>,
    ) -> io::Result<()> {
        let lead = format!(
            "{INDENT}{}{}",
            self.theme.paint(Role::Label, label),
            " ".repeat(pad.saturating_sub(display_width(label)))
        );
        self.wrapped(&lead, INDENT.len() + pad, value, role)
    }

    fn heading(&mut self, name: &str, id: &str, local: bool) -> io::Result<()> {
        let tag = if local { "  local" } else { "" };
        writeln!(
            self.w,
            "{}  {}{}",
            self.theme.paint(Role::Heading, name),
            self.theme.paint(Role::Muted, id),
            self.theme.paint(Role::Warning, tag)
        )
    }

    /// A resource's contacts, one block each: label and value, then hours
    /// and languages, then the note.
    fn contacts(&mut self, contacts: &[Contact]) -> io::Result<()> {
        let pad = contacts
            .iter()
            .map(|c| display_width(&c.label))
            .max()
            .unwrap_or(0)
            + 2;
        for c in contacts {
            let role = if matches!(
                c.channel,
                crate::catalogue::Channel::Chat | crate::catalogue::Channel::Web
            ) {
                Role::Url
            } else {
                Role::Value
            };
            // The value is written whole on the label's line: a number or
            // address is never wrapped.
            writeln!(
                self.w,
                "{INDENT}{}{}{}",
                self.theme.paint(Role::Label, &c.label),
                " ".repeat(pad - display_width(&c.label)),
                self.theme.paint(role, &c.value)
            )?;
            let indent = " ".repeat(INDENT.len() + pad);
            let mut when = c.hours.to_string();
            if !c.languages.is_empty() {
                let names: Vec<&str> = c.languages.iter().map(|l| language_name(l)).collect();
                when.push_str(" · ");
                when.push_str(&names.join(", "));
            }
            self.wrapped(&indent, indent.len(), &when, Some(Role::Muted))?;
            if let Some(note) = &c.note {
                self.wrapped(&indent, indent.len(), note, None)?;
            }
        }
        Ok(())
    }
}

/// The hotline card: each line's contacts, most urgent first as the
/// catalogue orders them.
pub fn hotline<W: Write>(out: &mut Out<'_, W>, resources: &[&Resource]) -> io::Result<()> {
    for (i, r) in resources.iter().enumerate() {
        if i > 0 {
            writeln!(out.w)?;
        }
        out.heading(&r.name, &r.id, r.local)?;
        out.contacts(&r.contacts)?;
        if r.unconfirmed.is_some() {
            let hint = format!("Some details are not yet confirmed: htr show {}", r.id);
            writeln!(out.w, "{INDENT}{}", out.theme.paint(Role::Warning, &hint))?;
        }
    }
    Ok(())
}

/// The one line under the card when htr runs with no command.
pub fn pointer<W: Write>(out: &mut Out<'_, W>, library: &Library<'_>) -> io::Result<()> {
    writeln!(out.w)?;
    let text = format!(
        "{}. More: htr list · htr search WORDS · htr show ID · htr stats",
        library.checked_line()
    );
    out.wrapped("", 0, &text, Some(Role::Muted))
}

/// `list`: one row per resource, in columns. The id is never wrapped (it is
/// what people type next); the other columns share the rest of the width.
pub fn list<W: Write>(out: &mut Out<'_, W>, resources: &[&Resource]) -> io::Result<()> {
    let rows: Vec<[String; 3]> = resources
        .iter()
        .map(|r| {
            [
                format!("{}{}", r.name, local_tag(r.local)),
                r.publisher.to_string(),
                r.topics.join(", "),
            ]
        })
        .collect();
    let header = ["NAME", "PUBLISHER", "TOPICS"];
    let id_width = resources
        .iter()
        .map(|r| display_width(&r.id))
        .chain([ID.len()])
        .max()
        .unwrap_or(ID.len());
    let room = out
        .width
        .saturating_sub(id_width + GAP.len() * header.len());
    let widths = column_widths(&header, &rows, room);

    write_row(
        out.w,
        ID,
        id_width,
        &header.map(|h| vec![h.to_string()]),
        &widths,
    )?;
    for (r, cells) in resources.iter().zip(&rows) {
        let lines = [0, 1, 2].map(|i| wrap(&cells[i], widths[i]));
        write_row(out.w, &r.id, id_width, &lines, &widths)?;
    }
    Ok(())
}

/// Space between columns.
const GAP: &str = "  ";
/// The id column's heading.
const ID: &str = "ID";

/// How wide each column may be, sharing `room` between them. A column is
/// never narrower than its longest word, so words are not broken; when
/// everything fits, each column is as wide as its longest cell; otherwise
/// the room left after the longest words goes in equal shares to the
/// columns that still want more ("water filling").
fn column_widths<const N: usize>(
    header: &[&str; N],
    rows: &[[String; N]],
    room: usize,
) -> [usize; N] {
    let mut natural = header.map(display_width);
    let mut longest_word = natural;
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            natural[i] = natural[i].max(display_width(cell));
            let word = cell
                .split_whitespace()
                .map(display_width)
                .max()
                .unwrap_or(0);
            longest_word[i] = longest_word[i].max(word);
        }
    }
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    let mut widths = longest_word;
    let mut left = room.saturating_sub(widths.iter().sum());
    loop {
        let wanting = (0..N).filter(|&i| widths[i] < natural[i]).count();
        if wanting == 0 || left == 0 {
            return widths;
        }
        let share = (left / wanting).max(1);
        for i in 0..N {
            let add = share.min(natural[i] - widths[i]).min(left);
            widths[i] += add;
            left -= add;
        }
    }
}

/// One row of the list: the id on its first line, each cell's lines under
/// one another, padded to the column's width (the last column is not).
fn write_row<W: Write, const N: usize>(
    w: &mut W,
    id: &str,
    id_width: usize,
    cells: &[Vec<String>; N],
    widths: &[usize; N],
) -> io::Result<()> {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for line in 0..height {
        let mut text = String::new();
        let first = if line == 0 { id } else { "" };
        text.push_str(first);
        pad(&mut text, id_width - display_width(first));
        for (i, cell) in cells.iter().enumerate() {
            text.push_str(GAP);
            let part = cell.get(line).map_or("", String::as_str);
            text.push_str(part);
            if i + 1 < N {
                pad(&mut text, widths[i].saturating_sub(display_width(part)));
            }
        }
        writeln!(w, "{}", text.trim_end())?;
    }
    Ok(())
}

fn pad(text: &mut String, n: usize) {
    text.extend(std::iter::repeat_n(' ', n));
}

/// `search`: results best first, matched words highlighted.
pub fn search<W: Write>(
    out: &mut Out<'_, W>,
    hits: &[Hit<'_>],
    query: &mut Query,
) -> io::Result<()> {
    let kind_of = |item: &Item<'_>| match item {
        Item::Resource(r) => r.kind.as_str(),
        // Never let an unverified figure pass for a quotable one.
        Item::Statistic(s) if s.confidence == Confidence::Unverified => "unverified",
        Item::Statistic(_) => "figure",
    };
    let id_width = hits.iter().map(|h| h.item.id().len()).max().unwrap_or(0);
    let kind_width = hits
        .iter()
        .map(|h| kind_of(&h.item).len())
        .max()
        .unwrap_or(0);
    for hit in hits {
        let title = match hit.item {
            Item::Resource(r) => format!("{}{}", r.name, local_tag(r.local)),
            Item::Statistic(s) => format!(
                "{}: {} ({}){}",
                s.figure,
                s.claim,
                s.period,
                local_tag(s.local)
            ),
        };
        let lead = format!(
            "{}{}  {:<kind_width$}  ",
            out.theme.paint(Role::Muted, hit.item.id()),
            " ".repeat(id_width - hit.item.id().len()),
            kind_of(&hit.item)
        );
        let indent = id_width + 2 + kind_width + 2;
        let room = out.width.saturating_sub(indent).max(20);
        for (i, line) in wrap(&title, room).iter().enumerate() {
            let marks = query.highlights(line);
            let line = out.theme.highlight(line, &marks);
            if i == 0 {
                writeln!(out.w, "{lead}{line}")?;
            } else {
                writeln!(out.w, "{}{line}", " ".repeat(indent))?;
            }
        }
    }
    Ok(())
}

/// `show`: the whole card.
pub fn show<W: Write>(out: &mut Out<'_, W>, r: &Resource, stats: &[&Statistic]) -> io::Result<()> {
    const PAD: usize = 12;
    out.heading(&r.name, &r.id, r.local)?;
    out.field("Kind", PAD, r.kind.as_str(), None)?;
    out.field("Publisher", PAD, &r.publisher, None)?;
    if let Some(url) = &r.url {
        out.field("Web", PAD, url, Some(Role::Url))?;
    }
    out.field("Region", PAD, &r.region, None)?;
    if !r.aliases.is_empty() {
        out.field("Also", PAD, &r.aliases.join(", "), None)?;
    }
    if !r.topics.is_empty() {
        out.field("Topics", PAD, &r.topics.join(", "), None)?;
    }
    if !r.audience.is_empty() {
        out.field("Audience", PAD, &r.audience.join(", "), None)?;
    }
    out.field("Checked", PAD, &r.verified_on.to_string(), None)?;
    writeln!(out.w)?;
    if let Some(advisory) = &r.advisory {
        out.wrapped("Advisory: ", 10, advisory, Some(Role::Warning))?;
        writeln!(out.w)?;
    }
    let width = out.width;
    for line in wrap(&r.summary, width) {
        writeln!(out.w, "{line}")?;
    }
    if !r.contacts.is_empty() {
        writeln!(out.w)?;
        writeln!(out.w, "{}", out.theme.paint(Role::Heading, "Contacts"))?;
        out.contacts(&r.contacts)?;
    }
    if let Some(unconfirmed) = &r.unconfirmed {
        writeln!(out.w)?;
        writeln!(out.w, "{}", out.theme.paint(Role::Warning, "Not confirmed"))?;
        out.wrapped(INDENT, INDENT.len(), unconfirmed, None)?;
    }
    if !stats.is_empty() {
        writeln!(out.w)?;
        writeln!(out.w, "{}", out.theme.paint(Role::Heading, "Statistics"))?;
        for s in stats {
            let mark = match s.confidence {
                Confidence::Unverified => " [UNVERIFIED]",
                _ => "",
            };
            let line = format!("{}: {} ({}){mark}", s.figure, s.claim, s.period);
            out.wrapped(INDENT, INDENT.len() * 2, &line, None)?;
            writeln!(
                out.w,
                "{INDENT}{INDENT}{}",
                out.theme.paint(
                    Role::Muted,
                    &format!("{} · htr stats {}", s.confidence, s.id)
                )
            )?;
        }
    }
    Ok(())
}

/// `stats`: each figure as a block with what it counts and its source.
pub fn stats<W: Write>(
    out: &mut Out<'_, W>,
    stats: &[&Statistic],
    hidden: usize,
) -> io::Result<()> {
    const PAD: usize = 12;
    for (i, s) in stats.iter().enumerate() {
        if i > 0 {
            writeln!(out.w)?;
        }
        if s.confidence == Confidence::Unverified {
            writeln!(
                out.w,
                "{}",
                out.theme.paint(Role::Warning, "UNVERIFIED - do not quote")
            )?;
        }
        let head = format!("{}  ", s.figure);
        let lead = format!("{}  ", out.theme.paint(Role::Value, &s.figure));
        out.wrapped(&lead, display_width(&head), &s.claim, None)?;
        out.field("Period", PAD, &s.period, None)?;
        let mut source = format!("{}: {}", s.source.publisher, s.source.title);
        if let Some(date) = s.source.published {
            source = format!("{source} ({date})");
        }
        out.field("Source", PAD, &source, None)?;
        writeln!(
            out.w,
            "{INDENT}{}{}",
            " ".repeat(PAD),
            out.theme.paint(Role::Url, &s.source.url)
        )?;
        out.field("Confidence", PAD, s.confidence.as_str(), None)?;
        if let Some(caveat) = &s.caveat {
            out.field("Caveat", PAD, caveat, None)?;
        }
        out.field(
            "Id",
            PAD,
            &format!("{}{}", s.id, local_tag(s.local)),
            Some(Role::Muted),
        )?;
    }
    hidden_note(out, hidden)
}

/// `stats --cite`: one citation per figure.
pub fn citations<W: Write>(
    out: &mut Out<'_, W>,
    stats: &[&Statistic],
    hidden: usize,
) -> io::Result<()> {
    for s in stats {
        writeln!(out.w, "{}", citation(s))?;
    }
    hidden_note(out, hidden)
}

fn hidden_note<W: Write>(out: &mut Out<'_, W>, hidden: usize) -> io::Result<()> {
    if hidden > 0 {
        let plural = if hidden == 1 { "figure" } else { "figures" };
        let text = format!("{hidden} unverified {plural} hidden; --all shows them, marked.");
        writeln!(out.w)?;
        writeln!(out.w, "{}", out.theme.paint(Role::Muted, &text))?;
    }
    Ok(())
}

/// A QR code in Unicode half blocks, dark modules drawn as ink: right on
/// paper, slides and light terminals.
pub fn qr_blocks(code: &QrCode) -> String {
    let mut s = code
        .render::<unicode::Dense1x2>()
        .dark_color(unicode::Dense1x2::Dark)
        .light_color(unicode::Dense1x2::Light)
        .quiet_zone(true)
        .build();
    s.push('\n');
    s
}

/// The QR code and what it holds. With colour on, every line is painted
/// black on white, so it scans on a dark terminal as well as a light one.
pub fn qr<W: Write>(out: &mut Out<'_, W>, code: &QrCode, url: &str) -> io::Result<()> {
    let blocks = qr_blocks(code);
    for line in blocks.lines() {
        if out.theme.color() {
            writeln!(out.w, "{}", line.black().on_white())?;
        } else {
            writeln!(out.w, "{line}")?;
        }
    }
    writeln!(
        out.w,
        "{}",
        out.theme.paint(Role::Muted, &format!("Scan for {url}"))
    )
}

/// `signs`: a checklist by category, then the caveats and the source.
pub fn signs<W: Write>(
    out: &mut Out<'_, W>,
    signs: &Signs,
    source: Option<&Resource>,
) -> io::Result<()> {
    writeln!(out.w, "{}", out.theme.paint(Role::Heading, &signs.title))?;
    for cat in signs.categories.iter() {
        writeln!(out.w)?;
        writeln!(out.w, "{}", out.theme.paint(Role::Heading, &cat.name))?;
        for indicator in cat.indicators.iter() {
            out.wrapped(&format!("{INDENT}[ ] "), INDENT.len() + 4, indicator, None)?;
        }
    }
    writeln!(out.w)?;
    writeln!(out.w, "{}", out.theme.paint(Role::Warning, "Keep in mind"))?;
    for caveat in signs.caveats.iter() {
        out.wrapped(&format!("{INDENT}- "), INDENT.len() + 2, caveat, None)?;
    }
    if let Some(r) = source {
        writeln!(out.w)?;
        source_line(out, r, signs.confidence)?;
    }
    Ok(())
}

fn source_line<W: Write>(
    out: &mut Out<'_, W>,
    r: &Resource,
    confidence: Confidence,
) -> io::Result<()> {
    let text = format!("Source: {}, {} ({confidence} source)", r.publisher, r.name);
    out.wrapped("", 0, &text, Some(Role::Muted))?;
    if let Some(url) = &r.url {
        writeln!(out.w, "{}", out.theme.paint(Role::Url, url))?;
    }
    Ok(())
}

/// `myths`: each myth, its fact, and the source once at the end when all
/// share it.
pub fn myths<W: Write>(
    out: &mut Out<'_, W>,
    myths: &[(&Myth, Option<&Resource>)],
) -> io::Result<()> {
    for (i, (m, _)) in myths.iter().enumerate() {
        if i > 0 {
            writeln!(out.w)?;
        }
        out.wrapped(
            &format!("{}  ", out.theme.paint(Role::Warning, "Myth:")),
            7,
            &m.myth,
            None,
        )?;
        out.wrapped(
            &format!("{}  ", out.theme.paint(Role::Value, "Fact:")),
            7,
            &m.fact,
            None,
        )?;
    }
    for (r, confidence) in super::myth_sources(myths) {
        writeln!(out.w)?;
        source_line(out, r, confidence)?;
    }
    Ok(())
}

/// The handout as plain text, for email or a notes field.
pub fn handout<W: Write>(out: &mut Out<'_, W>, h: &Handout<'_>) -> io::Result<()> {
    writeln!(out.w, "{}", out.theme.paint(Role::Heading, &h.title()))?;
    writeln!(out.w)?;
    hotline(out, &h.hotlines)?;
    if let Some((code, url)) = &h.qr {
        writeln!(out.w)?;
        qr(out, code, url)?;
    }
    if !h.resources.is_empty() {
        writeln!(out.w)?;
        writeln!(out.w, "{}", out.theme.paint(Role::Heading, "Resources"))?;
        for r in &h.resources {
            out.wrapped(
                &format!("{INDENT}- "),
                INDENT.len() + 2,
                &format!("{}{} ({})", r.name, local_tag(r.local), r.publisher),
                None,
            )?;
            if let Some(url) = &r.url {
                writeln!(out.w, "{INDENT}  {}", out.theme.paint(Role::Url, url))?;
            }
        }
    }
    if !h.stats.is_empty() {
        writeln!(out.w)?;
        writeln!(out.w, "{}", out.theme.paint(Role::Heading, "Figures"))?;
        for (s, n) in &h.stats {
            let line = format!("{} {} (as of {}) [{n}]", s.figure, s.claim, s.period);
            out.wrapped(&format!("{INDENT}- "), INDENT.len() + 2, &line, None)?;
        }
        if let Some(more) = h.more_figures() {
            out.wrapped(INDENT, INDENT.len(), &more, Some(Role::Muted))?;
        }
    }
    if let Some((signs, source)) = h.signs {
        writeln!(out.w)?;
        self::signs(out, signs, source)?;
    }
    if !h.myths.is_empty() {
        writeln!(out.w)?;
        writeln!(
            out.w,
            "{}",
            out.theme.paint(Role::Heading, "Myths and facts")
        )?;
        myths(out, &h.myths)?;
    }
    if !h.stats.is_empty() {
        writeln!(out.w)?;
        writeln!(out.w, "{}", out.theme.paint(Role::Heading, "Sources"))?;
        for (i, source) in h.sources.iter().enumerate() {
            let lead = format!("{INDENT}[{}] ", i + 1);
            let width = lead.len();
            out.wrapped(&lead, width, &handout::reference(source), None)?;
        }
    }
    writeln!(out.w)?;
    if let Some(line) = h.report_line() {
        out.wrapped("", 0, &line, None)?;
    }
    writeln!(
        out.w,
        "{}",
        out.theme
            .paint(Role::Muted, &format!("{}. Made with htr.", h.checked))
    )
}

#[cfg(test)]
mod tests {
    use super::{Out, column_widths, list};
    use crate::library::Library;
    use crate::render::{Theme, display_width};

    /// The bundled list at every width htr uses: no line is wider than the
    /// terminal where the longest words fit, and every name's words come
    /// out whole.
    #[test]
    fn list_fits_the_width_and_keeps_words_whole() {
        let library = Library::bundled();
        let resources = library.resources.clone();
        for width in 40..=100 {
            let mut bytes = Vec::new();
            let mut out = Out {
                w: &mut bytes,
                theme: Theme::new(false),
                width,
            };
            list(&mut out, &resources).unwrap();
            let text = String::from_utf8(bytes).unwrap();
            if width >= 90 {
                assert!(
                    text.lines().all(|l| display_width(l) <= width),
                    "{width}:\n{text}"
                );
            }
            let words: Vec<&str> = text.split_whitespace().collect();
            for r in &resources {
                assert!(text.lines().any(|l| l.starts_with(&*r.id)), "{}", r.id);
                for word in r.name.split_whitespace() {
                    assert!(words.contains(&word), "{width}: `{word}` broken");
                }
            }
        }
    }

    #[test]
    fn columns_share_the_room_by_need() {
        let rows = [["a b".to_string(), "longword".to_string()]];
        // Everything fits: each column as wide as its widest cell.
        assert_eq!(column_widths(&["A", "B"], &rows, 20), [3, 8]);
        // Too narrow: never below the longest word.
        assert_eq!(column_widths(&["A", "B"], &rows, 5), [1, 8]);
        // Room beyond the longest words goes to those that want it.
        assert_eq!(column_widths(&["A", "B"], &rows, 10), [2, 8]);
    }
}
