//! `htr handout --format html`: one self-contained page - inline CSS, no
//! scripts, no external files - that prints on one A4 or Letter sheet and
//! reads well on a phone. Every piece of catalogue text is escaped, so
//! nothing in a catalogue can become markup.

use std::io::{self, Write};

use qrcode::render::svg;

use super::{language_name, local_tag};
use crate::catalogue::{Channel, Contact, Resource, Signs};
use crate::handout::{self, Handout};

/// Escapes text for HTML element content and quoted attribute values
/// (HTML Living Standard, 13.1.4: `&`, `<`, `>`, `"` and `'`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111; background: #fff; max-width: 46rem; margin: 1rem auto; padding: 0 1rem; }
h1 { font-size: 1.35rem; margin: 0 0 .6rem; }
h2 { font-size: 1rem; margin: .9rem 0 .3rem; padding-bottom: .1rem; border-bottom: 1px solid #888; }
p, ul, ol { margin: .2rem 0; }
ul, ol { padding-left: 1.2rem; }
a { color: #0645ad; overflow-wrap: anywhere; }
.hotlines { border: 2px solid #111; border-radius: 6px; padding: .4rem .7rem; }
.hotlines p { margin: .25rem 0; }
.value { font-weight: 700; white-space: nowrap; }
.address { white-space: normal; overflow-wrap: anywhere; }
.qr { float: right; margin: 0 0 .3rem .8rem; text-align: center; font-size: .8em; }
.qr svg { display: block; width: 28mm; height: 28mm; }
.qr p { margin: 0; }
.hotlines::after { content: ""; display: block; clear: both; }
/* A phone cannot scan its own screen: the code is for paper and projectors. */
@media screen and (max-width: 30rem) { .qr { display: none; } }
.check { list-style: none; padding-left: 0; }
.check li::before { content: "\2610\00a0"; }
.signs p { margin: .3rem 0 0; }
.sources { font-size: .85em; }
table { border-collapse: collapse; font-size: .95em; }
th, td { text-align: left; vertical-align: top; padding: .15rem .4rem .15rem 0; }
footer { margin-top: .8rem; padding-top: .3rem; border-top: 1px solid #888; font-size: .9em; }
@media print {
  @page { size: auto; margin: 10mm; }
  body { font-size: 8pt; line-height: 1.3; max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .columns { column-count: 2; column-gap: 7mm; }
  h2 { break-after: avoid; }
  li, tr, .hotlines, .qr { break-inside: avoid; }
  /* In print the checklist runs on, box by box, to fit the page. */
  .check li { display: inline; }
  .check li::after { content: " "; }
}
"#;

/// A contact's value as a link a phone can act on: `tel:` for calls and
/// relay (RFC 3966), `sms:` for texts (RFC 5724), the address for the web.
fn contact_link(c: &Contact) -> String {
    let digits: String = c
        .value
        .chars()
        .filter(|ch| ch.is_ascii_digit() || *ch == '+')
        .collect();
    let href = match c.channel {
        Channel::Voice | Channel::Tty => format!("tel:{digits}"),
        Channel::Text => format!("sms:{digits}"),
        Channel::Email => format!("mailto:{}", c.value),
        Channel::Chat | Channel::Web => c.value.to_string(),
    };
    // Numbers never break; addresses may, or they would run off a phone.
    let class = match c.channel {
        Channel::Voice | Channel::Tty | Channel::Text => "value",
        Channel::Chat | Channel::Web | Channel::Email => "value address",
    };
    format!(
        "<a class=\"{class}\" href=\"{}\">{}</a>",
        escape(&href),
        escape(&c.value)
    )
}

fn link(text: &str, url: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape(url), escape(text))
}

fn source_of(r: &Resource) -> String {
    match &r.url {
        Some(url) => format!("{}, {}", escape(&r.publisher), link(&r.name, url)),
        None => format!("{}, {}", escape(&r.publisher), escape(&r.name)),
    }
}

pub fn handout<W: Write>(w: &mut W, h: &Handout<'_>) -> io::Result<()> {
    let title = escape(&h.title());
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    )?;
    hotlines(w, h)?;
    writeln!(w, "<div class=\"columns\">")?;
    resources(w, h)?;
    figures(w, h)?;
    if let Some((signs, source)) = h.signs {
        self::signs(w, signs, source)?;
    }
    myths(w, h)?;
    sources(w, h)?;
    writeln!(w, "</div>\n<footer>")?;
    if let Some(line) = h.report_line() {
        writeln!(w, "<p><strong>{}</strong></p>", escape(&line))?;
    }
    writeln!(
        w,
        "<p>{}. Made with htr, an offline reference; confirm details with each source.</p>\n</footer>\n</body>\n</html>",
        h.checked
    )
}

/// The boxed block of lines to call, with the QR code floated beside it.
fn hotlines<W: Write>(w: &mut W, h: &Handout<'_>) -> io::Result<()> {
    writeln!(w, "<section class=\"hotlines\">")?;
    if let Some((code, url)) = &h.qr {
        let image = code
            .render::<svg::Color<'_>>()
            .min_dimensions(160, 160)
            .quiet_zone(true)
            .build();
        // The renderer writes a standalone file; inline, only <svg> is wanted.
        let image = image.find("<svg").map_or(image.as_str(), |i| &image[i..]);
        writeln!(
            w,
            "<div class=\"qr\" role=\"img\" aria-label=\"QR code for {}\">{image}<p>Scan for the online tip form</p></div>",
            escape(url)
        )?;
    }
    for r in &h.hotlines {
        let ways: Vec<String> = r
            .contacts
            .iter()
            .map(|c| format!("{} {}", escape(&c.label), contact_link(c)))
            .collect();
        writeln!(
            w,
            "<p><strong>{}</strong>{}: {}</p>",
            escape(&r.name),
            local_tag(r.local),
            ways.join(" · ")
        )?;
    }
    // The first line's hours, languages and note: who answers, and how.
    let voice = h
        .hotlines
        .first()
        .and_then(|r| r.contacts.iter().find(|c| c.channel == Channel::Voice));
    if let Some(voice) = voice
        && let Some(note) = &voice.note
    {
        let languages: Vec<&str> = voice.languages.iter().map(|l| language_name(l)).collect();
        writeln!(
            w,
            "<p>{}: {}. {}</p>",
            escape(&voice.hours),
            escape(&languages.join(", ")),
            escape(note)
        )?;
    }
    writeln!(w, "</section>")
}

fn resources<W: Write>(w: &mut W, h: &Handout<'_>) -> io::Result<()> {
    if h.resources.is_empty() {
        return Ok(());
    }
    writeln!(w, "<h2>Resources</h2>\n<ul>")?;
    for r in &h.resources {
        let url = r.url.as_deref().unwrap_or_default();
        // The address is written out: a printed link is only its text.
        let shown = url
            .strip_prefix("https://")
            .unwrap_or(url)
            .trim_end_matches('/');
        writeln!(
            w,
            "<li>{}{}: <a class=\"address\" href=\"{}\">{}</a></li>",
            escape(&r.name),
            local_tag(r.local),
            escape(url),
            escape(shown)
        )?;
    }
    writeln!(w, "</ul>")
}

fn figures<W: Write>(w: &mut W, h: &Handout<'_>) -> io::Result<()> {
    if h.stats.is_empty() {
        return Ok(());
    }
    writeln!(w, "<h2>Figures</h2>\n<ul>")?;
    for (s, n) in &h.stats {
        writeln!(
            w,
            "<li><strong>{}</strong> {} (as of {}) <a href=\"#source-{n}\">[{n}]</a></li>",
            escape(&s.figure),
            escape(&s.claim),
            escape(&s.period),
        )?;
    }
    writeln!(w, "</ul>")?;
    if let Some(more) = h.more_figures() {
        writeln!(w, "<p>{}</p>", escape(&more))?;
    }
    Ok(())
}

fn signs<W: Write>(w: &mut W, signs: &Signs, source: Option<&Resource>) -> io::Result<()> {
    writeln!(
        w,
        "<h2>{}</h2>\n<div class=\"signs\">",
        escape(&signs.title)
    )?;
    for cat in signs.categories.iter() {
        writeln!(
            w,
            "<p><strong>{}</strong></p>\n<ul class=\"check\">",
            escape(&cat.name)
        )?;
        for indicator in cat.indicators.iter() {
            writeln!(w, "<li>{}</li>", escape(indicator))?;
        }
        writeln!(w, "</ul>")?;
    }
    writeln!(w, "<ul>")?;
    for caveat in signs.caveats.iter() {
        writeln!(w, "<li>{}</li>", escape(caveat))?;
    }
    writeln!(w, "</ul>")?;
    if let Some(r) = source {
        writeln!(w, "<p>Source: {}</p>", source_of(r))?;
    }
    writeln!(w, "</div>")
}

fn myths<W: Write>(w: &mut W, h: &Handout<'_>) -> io::Result<()> {
    if h.myths.is_empty() {
        return Ok(());
    }
    writeln!(w, "<h2>Myths and facts</h2>\n<ul>")?;
    for (m, _) in &h.myths {
        writeln!(
            w,
            "<li><strong>Myth:</strong> {} <strong>Fact:</strong> {}</li>",
            escape(&m.myth),
            escape(&m.fact)
        )?;
    }
    writeln!(w, "</ul>")?;
    for (r, _) in super::myth_sources(&h.myths) {
        writeln!(w, "<p>Source: {}</p>", source_of(r))?;
    }
    Ok(())
}

fn sources<W: Write>(w: &mut W, h: &Handout<'_>) -> io::Result<()> {
    if h.sources.is_empty() {
        return Ok(());
    }
    writeln!(w, "<h2>Sources</h2>\n<ol class=\"sources\">")?;
    for (i, source) in h.sources.iter().enumerate() {
        let text = handout::reference(source);
        // The entry ends with the URL; link it where it stands.
        let at = text.len() - source.url.len();
        writeln!(
            w,
            "<li id=\"source-{}\">{}{}</li>",
            i + 1,
            escape(&text[..at]),
            link(&source.url, &source.url)
        )?;
    }
    writeln!(w, "</ol>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("a & \"b\""), "a &amp; &quot;b&quot;");
    }
}
