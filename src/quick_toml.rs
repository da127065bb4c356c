//! A fast reader for catalogue files written in the plain shape the README
//! documents, so that a county's 10,000-entry referral list loads in a
//! fraction of the time.
//!
//! The `toml` crate builds a tree that keeps the place of every key and
//! value (for its error messages) before serde sees any of it: about 70
//! instructions and 16 bytes of memory for every byte of the file, most of
//! the time htr spends on a large catalogue (BENCHMARKS.md). This reader
//! understands a strict subset of TOML 1.0 - one-line basic and literal
//! strings, decimal integers and floats, local dates, arrays of
//! those, bare keys, and `[a]`, `[[a]]`, `[a.b]`, `[[a.b]]` headers - into a
//! light tree that borrows from the text, and builds the catalogue from that
//! tree field by field, without serde's generic machinery (a second serde
//! deserializer cost 160 KB of binary).
//!
//! It never decides whether a file is valid. On anything outside the subset,
//! and on anything wrong, it gives up (`None`) and the caller reads the file
//! with the `toml` crate, which accepts it or explains what is wrong. Its one
//! duty is to agree with `toml` on every file it accepts: a property test
//! below and the `catalogue` fuzz target compare the two.

use std::borrow::Cow;

use crate::catalogue::{
    Catalogue, Channel, Confidence, Contact, Date, Kind, List, Meta, Myth, Resource, SignCategory,
    Signs, Source, Statistic, Text,
};

/// More keys than this in one table and the reader gives up: duplicate keys
/// are found by a linear scan, which must stay short.
const MAX_KEYS: usize = 64;
/// Arrays nested deeper than this are left to `toml`.
const MAX_DEPTH: usize = 4;

/// Reads a catalogue, or `None` when the text is outside the subset, is not
/// valid TOML, or is not a catalogue that serde would read.
pub fn parse(text: &str) -> Option<Catalogue> {
    catalogue(Reader::new(text)?.document()?)
}

type Table<'a> = Vec<(&'a str, Value<'a>)>;

enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    /// A local date, `YYYY-MM-DD`, checked by toml_datetime when it is read.
    Date(&'a str),
    Array(Vec<Value<'a>>),
    /// A table opened by a `[header]`.
    Table(Table<'a>),
    /// An array of tables opened by `[[header]]`s; never empty.
    Tables(Vec<Table<'a>>),
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// TOML allows no control character outside a comment or string except
    /// tab and newline (CRLF included), and none unescaped inside one either
    /// (TOML 1.0, "Spec"); checking once here lets every scan below ignore
    /// them.
    fn new(text: &'a str) -> Option<Self> {
        let bytes = text.as_bytes();
        // One branch-free pass the compiler vectorises; carriage returns,
        // rare, are checked one by one after.
        let control = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f;
        if bytes.iter().fold(false, |found, &b| found | control(b)) {
            return None;
        }
        let mut rest = bytes;
        while let Some(i) = rest.iter().position(|&b| b == b'\r') {
            if rest.get(i + 1) != Some(&b'\n') {
                return None;
            }
            rest = &rest[i + 2..];
        }
        Some(Reader {
            text,
            bytes,
            pos: 0,
        })
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Up to (not including) the end of the line.
    fn skip_comment(&mut self) {
        while !matches!(self.peek(), None | Some(b'\r' | b'\n')) {
            self.pos += 1;
        }
    }

    /// Blanks, an optional comment, then a newline or the end of the text.
    fn line_end(&mut self) -> Option<()> {
        self.skip_blank();
        if self.peek() == Some(b'#') {
            self.skip_comment();
        }
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.pos += 1;
                Some(())
            }
            Some(b'\r') => {
                self.pos += 2; // `new` checked that a newline follows.
                Some(())
            }
            Some(_) => None,
        }
    }

    fn document(mut self) -> Option<Table<'a>> {
        let mut root = Table::new();
        // Where key/value lines go: indexes of entries from the root; an
        // array of tables means its last element.
        let mut path: Vec<usize> = Vec::new();
        loop {
            self.skip_blank();
            match self.peek() {
                None => return Some(root),
                Some(b'\n' | b'\r' | b'#') => self.line_end()?,
                Some(b'[') => {
                    path = self.header(&mut root)?;
                    self.line_end()?;
                }
                Some(_) => {
                    let key = self.bare_key()?;
                    self.skip_blank();
                    if self.peek() != Some(b'=') {
                        return None; // a dotted or otherwise unusual key
                    }
                    self.pos += 1;
                    self.skip_blank();
                    let value = self.value(0)?;
                    self.line_end()?;
                    insert(table_at(&mut root, &path)?, key, value)?;
                }
            }
        }
    }

    fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    /// `[a]`, `[[a]]`, `[a.b]` or `[[a.b]]`, applied to the tree; returns the
    /// path to the table it opens.
    fn header(&mut self, root: &mut Table<'a>) -> Option<Vec<usize>> {
        let many = self.bytes[self.pos..].starts_with(b"[[");
        self.pos += if many { 2 } else { 1 };
        let mut keys = Vec::with_capacity(2);
        loop {
            self.skip_blank();
            keys.push(self.bare_key()?);
            self.skip_blank();
            match self.peek()? {
                b'.' if keys.len() < 2 => self.pos += 1,
                b']' => break,
                _ => return None,
            }
        }
        let close: &[u8] = if many { b"]]" } else { b"]" };
        if !self.bytes[self.pos..].starts_with(close) {
            return None;
        }
        self.pos += close.len();

        let mut path = Vec::with_capacity(2);
        let mut table = root;
        if let [parent, _] = keys[..] {
            // The parent must already have a header of its own:
            // `[statistic.source]` opens a table in the latest
            // `[[statistic]]`, `[[signs.category]]` one in `[signs]`.
            let i = table.iter().position(|(k, _)| *k == parent)?;
            path.push(i);
            match &mut table[i].1 {
                Value::Tables(list) => table = list.last_mut()?,
                Value::Table(t) => table = t,
                _ => return None,
            }
        }
        let name = *keys.last()?;
        match table.iter().position(|(k, _)| *k == name) {
            // A table may be defined once; `[[a]]` may repeat.
            None => {
                let value = if many {
                    Value::Tables(vec![Table::new()])
                } else {
                    Value::Table(Table::new())
                };
                path.push(table.len());
                insert(table, name, value)?;
            }
            Some(i) => match &mut table[i].1 {
                Value::Tables(list) if many => {
                    list.push(Table::new());
                    path.push(i);
                }
                _ => return None,
            },
        }
        Some(path)
    }

    fn value(&mut self, depth: usize) -> Option<Value<'a>> {
        match self.peek()? {
            b'"' => self.basic_string(),
            b'\'' => self.literal_string(),
            b'[' if depth < MAX_DEPTH => self.array(depth),
            _ => self.scalar(),
        }
    }

    /// `"..."` on one line, with TOML 1.0's escapes; borrowed when it has none.
    fn basic_string(&mut self) -> Option<Value<'a>> {
        if self.bytes[self.pos..].starts_with(b"\"\"\"") {
            return None; // multi-line
        }
        self.pos += 1;
        let start = self.pos;
        let mut owned: Option<String> = None;
        loop {
            // Copy up to the next quote, backslash or line end in one go:
            // each is ASCII, so the slice ends on a character boundary.
            let run = self.bytes[self.pos..]
                .iter()
                .position(|b| matches!(b, b'"' | b'\\' | b'\n' | b'\r'))?;
            let end = self.pos + run;
            if let Some(s) = owned.as_mut() {
                s.push_str(&self.text[self.pos..end]);
            }
            self.pos = end;
            match self.bytes[end] {
                b'"' => {
                    self.pos += 1;
                    return Some(Value::Str(match owned {
                        Some(s) => Cow::Owned(s),
                        None => Cow::Borrowed(&self.text[start..end]),
                    }));
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(|| self.text[start..end].to_string());
                    let escape = *self.bytes.get(end + 1)?;
                    self.pos = end + 2;
                    let c = match escape {
                        b'b' => '\u{8}',
                        b't' => '\t',
                        b'n' => '\n',
                        b'f' => '\u{c}',
                        b'r' => '\r',
                        b'"' => '"',
                        b'\\' => '\\',
                        b'u' => self.hex(4)?,
                        b'U' => self.hex(8)?,
                        _ => return None, // TOML 1.1's \e and \x, or an error
                    };
                    s.push(c);
                }
                _ => return None, // a line break inside a one-line string
            }
        }
    }

    /// The `\u` and `\U` escapes: exactly `n` hex digits naming a Unicode
    /// scalar value.
    fn hex(&mut self, n: usize) -> Option<char> {
        let digits = self.bytes.get(self.pos..self.pos + n)?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return None; // from_str_radix alone would accept a sign
        }
        let code = u32::from_str_radix(&self.text[self.pos..self.pos + n], 16).ok()?;
        self.pos += n;
        char::from_u32(code)
    }

    /// `'...'` on one line: no escapes.
    fn literal_string(&mut self) -> Option<Value<'a>> {
        if self.bytes[self.pos..].starts_with(b"'''") {
            return None;
        }
        let start = self.pos + 1;
        let len = self.bytes[start..]
            .iter()
            .position(|b| matches!(b, b'\'' | b'\n' | b'\r'))?;
        if self.bytes[start + len] != b'\'' {
            return None;
        }
        self.pos = start + len + 1;
        Some(Value::Str(Cow::Borrowed(&self.text[start..start + len])))
    }

    /// `[a, b, ...]`, over lines, with comments and a trailing comma.
    fn array(&mut self, depth: usize) -> Option<Value<'a>> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space()?;
            if self.peek()? == b']' {
                break;
            }
            items.push(self.value(depth + 1)?);
            self.skip_space()?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.pos += 1;
        Some(Value::Array(items))
    }

    /// Blanks, line breaks and comments, as allowed inside an array.
    fn skip_space(&mut self) -> Option<()> {
        loop {
            match self.peek()? {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'#' => self.skip_comment(),
                _ => return Some(()),
            }
        }
    }

    /// A decimal integer, a decimal float or a local date. (No catalogue
    /// field is a boolean, so `true` and `false` are left to `toml`.)
    fn scalar(&mut self) -> Option<Value<'a>> {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b':' | b'.' | b'+' | b'-')
        ) {
            self.pos += 1;
        }
        let token = &self.text[start..self.pos];
        let b = token.as_bytes();
        let is_date = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if is_date {
            return Some(Value::Date(token));
        }
        let unsigned = token.strip_prefix(['+', '-']).unwrap_or(token);
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (unsigned, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        // No leading zeros, underscores, exponents, hex, inf or nan here.
        if !digits(whole) || (whole.len() > 1 && whole.starts_with('0')) {
            return None;
        }
        match fraction {
            None => token.parse().ok().map(Value::Int),
            Some(f) if digits(f) => token.parse().ok().map(Value::Float),
            Some(_) => None,
        }
    }
}

/// Adds a key to a table, unless it is already there (a TOML error) or the
/// table is unusually large.
fn insert<'a>(table: &mut Table<'a>, key: &'a str, value: Value<'a>) -> Option<()> {
    if table.len() >= MAX_KEYS || table.iter().any(|(k, _)| *k == key) {
        return None;
    }
    table.push((key, value));
    Some(())
}

/// The table that `path` leads to from the root.
fn table_at<'t, 'a>(root: &'t mut Table<'a>, path: &[usize]) -> Option<&'t mut Table<'a>> {
    let mut table = root;
    for &i in path {
        table = match &mut table.get_mut(i)?.1 {
            Value::Table(t) => t,
            Value::Tables(list) => list.last_mut()?,
            _ => return None,
        };
    }
    Some(table)
}

// ---------------------------------------------------------------------------
// From the tree to a catalogue. Each struct is built field by field: a key
// the struct does not have, a missing required field or a value of the wrong
// type gives up, and the `toml` crate with the serde derives reports it. Each
// struct literal names every field, so a field added to the catalogue and
// not here fails to compile rather than being silently dropped.

/// The keys of one table, taken one by one; any left over are unknown.
struct Fields<'a>(Table<'a>);

impl<'a> Fields<'a> {
    fn of(value: Value<'a>) -> Option<Self> {
        match value {
            Value::Table(t) => Some(Fields(t)),
            _ => None,
        }
    }

    fn take(&mut self, key: &str) -> Option<Value<'a>> {
        let i = self.0.iter().position(|(k, _)| *k == key)?;
        Some(self.0.swap_remove(i).1)
    }

    /// A required field.
    fn need<T>(&mut self, key: &str, read: impl FnOnce(Value<'a>) -> Option<T>) -> Option<T> {
        read(self.take(key)?)
    }

    /// An optional field: `Some(None)` when absent, `None` when unreadable
    /// (give up, as everywhere in this file).
    #[allow(clippy::option_option)]
    fn maybe<T>(
        &mut self,
        key: &str,
        read: impl FnOnce(Value<'a>) -> Option<T>,
    ) -> Option<Option<T>> {
        match self.take(key) {
            None => Some(None),
            Some(v) => read(v).map(Some),
        }
    }

    /// A list that may be left out (serde's `default = "empty"`).
    fn list<T: Clone>(&mut self, key: &str, read: fn(Value<'a>) -> Option<T>) -> Option<List<T>> {
        Some(
            self.maybe(key, |v| list(v, read))?
                .unwrap_or(Cow::Borrowed(&[])),
        )
    }

    fn done<T>(self, value: T) -> Option<T> {
        self.0.is_empty().then_some(value)
    }
}

fn list<'a, T: Clone>(value: Value<'a>, read: fn(Value<'a>) -> Option<T>) -> Option<List<T>> {
    let items: Option<Vec<T>> = match value {
        Value::Array(items) => items.into_iter().map(read).collect(),
        Value::Tables(tables) => tables.into_iter().map(|t| read(Value::Table(t))).collect(),
        _ => None,
    };
    items.map(Cow::Owned)
}

fn text(value: Value<'_>) -> Option<Text> {
    match value {
        Value::Str(s) => Some(Cow::Owned(s.into_owned())),
        _ => None,
    }
}

// Readers take their value, so that any of them can be passed where a
// field is read.
#[allow(clippy::needless_pass_by_value)]
fn number(value: Value<'_>) -> Option<f64> {
    match value {
        #[allow(clippy::cast_precision_loss)] // As serde turns a TOML integer into an f64.
        Value::Int(n) => Some(n as f64),
        Value::Float(x) => Some(x),
        _ => None,
    }
}

#[allow(clippy::needless_pass_by_value)]
fn date(value: Value<'_>) -> Option<Date> {
    match value {
        // toml_datetime checks the calendar (no 30 February), as for `toml`.
        Value::Date(s) => Date::from_toml(s.parse().ok()?),
        _ => None,
    }
}

/// A keyword, by the name serde gives it (`rename_all = "lowercase"`,
/// which `as_str` matches; a test checks it).
#[allow(clippy::needless_pass_by_value)]
fn keyword<K: Copy>(value: Value<'_>, all: &[K], name: fn(K) -> &'static str) -> Option<K> {
    match value {
        Value::Str(s) => all.iter().copied().find(|k| name(*k) == s),
        _ => None,
    }
}

fn kind(v: Value<'_>) -> Option<Kind> {
    keyword(v, Kind::ALL, Kind::as_str)
}

fn channel(v: Value<'_>) -> Option<Channel> {
    keyword(v, Channel::ALL, Channel::as_str)
}

fn confidence(v: Value<'_>) -> Option<Confidence> {
    keyword(v, Confidence::ALL, Confidence::as_str)
}

fn catalogue(root: Table<'_>) -> Option<Catalogue> {
    let mut f = Fields(root);
    let c = Catalogue {
        meta: f.need("catalogue", meta)?,
        resources: f.list("resource", resource)?,
        statistics: f.list("statistic", statistic)?,
        signs: f.maybe("signs", signs)?,
        myths: f.list("myth", myth)?,
    };
    f.done(c)
}

fn meta(v: Value<'_>) -> Option<Meta> {
    let mut f = Fields::of(v)?;
    let m = Meta {
        title: f.need("title", text)?,
        verified_on: f.need("verified_on", date)?,
        note: f.maybe("note", text)?,
    };
    f.done(m)
}

fn resource(v: Value<'_>) -> Option<Resource> {
    let mut f = Fields::of(v)?;
    let r = Resource {
        id: f.need("id", text)?,
        name: f.need("name", text)?,
        aliases: f.list("aliases", text)?,
        publisher: f.need("publisher", text)?,
        kind: f.need("kind", kind)?,
        summary: f.need("summary", text)?,
        url: f.maybe("url", text)?,
        topics: f.list("topics", text)?,
        audience: f.list("audience", text)?,
        region: f.need("region", text)?,
        advisory: f.maybe("advisory", text)?,
        unconfirmed: f.maybe("unconfirmed", text)?,
        verified_on: f.need("verified_on", date)?,
        contacts: f.list("contact", contact)?,
        local: false,
    };
    f.done(r)
}

fn contact(v: Value<'_>) -> Option<Contact> {
    let mut f = Fields::of(v)?;
    let c = Contact {
        channel: f.need("channel", channel)?,
        value: f.need("value", text)?,
        label: f.need("label", text)?,
        hours: f.need("hours", text)?,
        languages: f.list("languages", text)?,
        note: f.maybe("note", text)?,
    };
    f.done(c)
}

fn statistic(v: Value<'_>) -> Option<Statistic> {
    let mut f = Fields::of(v)?;
    let s = Statistic {
        id: f.need("id", text)?,
        figure: f.need("figure", text)?,
        value: f.need("value", number)?,
        value_max: f.maybe("value_max", number)?,
        unit: f.need("unit", text)?,
        claim: f.need("claim", text)?,
        period: f.need("period", text)?,
        confidence: f.need("confidence", confidence)?,
        caveat: f.maybe("caveat", text)?,
        resource: f.maybe("resource", text)?,
        topics: f.list("topics", text)?,
        verified_on: f.need("verified_on", date)?,
        source: f.need("source", source)?,
        local: false,
    };
    f.done(s)
}

fn source(v: Value<'_>) -> Option<Source> {
    let mut f = Fields::of(v)?;
    let s = Source {
        publisher: f.need("publisher", text)?,
        title: f.need("title", text)?,
        url: f.need("url", text)?,
        published: f.maybe("published", date)?,
    };
    f.done(s)
}

fn signs(v: Value<'_>) -> Option<Signs> {
    let mut f = Fields::of(v)?;
    let s = Signs {
        title: f.need("title", text)?,
        resource: f.need("resource", text)?,
        confidence: f.need("confidence", confidence)?,
        caveats: f.need("caveats", |v| list(v, text))?,
        verified_on: f.need("verified_on", date)?,
        categories: f.need("category", |v| list(v, sign_category))?,
    };
    f.done(s)
}

fn sign_category(v: Value<'_>) -> Option<SignCategory> {
    let mut f = Fields::of(v)?;
    let c = SignCategory {
        id: f.need("id", text)?,
        name: f.need("name", text)?,
        indicators: f.need("indicators", |v| list(v, text))?,
    };
    f.done(c)
}

fn myth(v: Value<'_>) -> Option<Myth> {
    let mut f = Fields::of(v)?;
    let m = Myth {
        id: f.need("id", text)?,
        myth: f.need("myth", text)?,
        fact: f.need("fact", text)?,
        resource: f.need("resource", text)?,
        confidence: f.need("confidence", confidence)?,
        verified_on: f.need("verified_on", date)?,
    };
    f.done(m)
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::catalogue::Catalogue;

    /// The quick reader and the `toml` crate, on the same text: when the
    /// quick reader accepts it, `toml` must accept it too and read the same
    /// catalogue.
    fn agree(text: &str) -> bool {
        let quick = parse(text);
        let full = toml::from_str::<Catalogue>(text);
        if let Some(q) = &quick {
            let f = full.expect("the quick reader accepted what toml rejects");
            assert_eq!(format!("{q:?}"), format!("{f:?}"), "{text}");
        }
        quick.is_some()
    }

    fn fixture(path: &str) -> String {
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
            .unwrap()
    }

    const HEAD: &str = "[catalogue]\ntitle = \"T\"\nverified_on = 2026-11-01\n";

    /// The quick reader finds keywords by `as_str`; serde by the variant's
    /// lowercased name. They must be the same words.
    #[test]
    fn keywords_are_the_words_serde_reads() {
        use crate::catalogue::{Channel, Confidence, Kind};
        let words = Kind::ALL
            .iter()
            .map(|k| (serde_json::to_string(k), k.as_str()));
        let words = words
            .chain(
                Channel::ALL
                    .iter()
                    .map(|k| (serde_json::to_string(k), k.as_str())),
            )
            .chain(
                Confidence::ALL
                    .iter()
                    .map(|k| (serde_json::to_string(k), k.as_str())),
            );
        for (serde, word) in words {
            assert_eq!(serde.unwrap(), format!("\"{word}\""));
        }
    }

    #[test]
    fn reads_the_bundled_and_example_catalogues_as_toml_does() {
        assert!(agree(include_str!("../resources.toml")));
        assert!(agree(&fixture("tests/catalogues/example-county.toml")));
    }

    #[test]
    fn agrees_or_steps_aside_on_every_broken_catalogue() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalogues/bad");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read(entry.unwrap().path()).unwrap();
            if let Ok(text) = std::str::from_utf8(&text) {
                agree(text);
            }
        }
    }

    #[test]
    fn reads_escapes_comments_and_line_endings() {
        let text = format!(
            "{HEAD}note = \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\U0001F600 caf\u{e9}\" # c\r\n\
             # a comment line\n\n[[resource]]\nid = 'lit\\eral'\n"
        );
        // Not a valid resource, so neither reads it as a catalogue; the
        // meta table alone must agree.
        agree(&text);
        let ok = format!("{HEAD}note = \"a\\tb \\u00e9\"  # trailing\r\n");
        assert!(agree(&ok));
    }

    #[test]
    fn steps_aside_for_what_it_does_not_read() {
        for extra in [
            "note = \"\"\"multi\nline\"\"\"",
            "note = '''multi'''",
            "note = { a = 1 }",
            "a.b = \"dotted\"",
            "\"quoted\" = \"key\"",
            "note = \"\\e escape from TOML 1.1\"",
            "note = \"\\x41\"",
            "note = \"\\u+0e9\"",
            "note = \"\\uD800\"",
            "note = \"bad \u{7f} delete\"",
            "note = \"lone \r return\"",
            "[catalogue]",
            "title = \"again\"",
            "n = 1_000",
            "n = 0x10",
            "n = 012",
            "n = 1e3",
            "n = inf",
            "d = 2026-11-01T10:00:00",
            "d = 2026-11-01 10:00:00",
            "[\"quoted\"]",
            "[a.b.c]",
            "[[catalogue]]",
            "[ [resource]]",
            "[[resource] ]",
        ] {
            assert!(!agree(&format!("{HEAD}{extra}\n")), "{extra}");
        }
    }

    mod properties {
        use super::agree;
        use proptest::prelude::*;

        /// Lines of catalogue files, good and bad, in any order: whatever
        /// the quick reader accepts, toml must read the same way.
        const LINES: &[&str] = &[
            "[catalogue]",
            "title = \"Generated\"",
            "verified_on = 2026-11-01",
            "verified_on = 2026-02-30",
            "note = 'a note'",
            "[[resource]]",
            "id = \"gen-1\"",
            "id = \"gen-1\" # again",
            "name = \"Na\\u00efve \\\"name\\\"\"",
            "publisher = \"P\"",
            "kind = \"organization\"",
            "kind = \"nonsense\"",
            "summary = \"S\\tT\"",
            "region = \"US-CA\"",
            "topics = [\"labor\", \"youth\",]",
            "topics = [\n  \"labor\", # why\n  \"youth\"\n]",
            "topics = []",
            "topics = [1, 2]",
            "audience = [ ]",
            "[[resource.contact]]",
            "channel = \"voice\"",
            "value = \"1-555-555-0100\"",
            "label = \"Call\"",
            "hours = \"24/7\"",
            "[[statistic]]",
            "id = \"fig\"",
            "figure = \"27.6 million\"",
            "value = 27.6",
            "value = -0",
            "value = 3",
            "value = 1.",
            "value_max = +4.25",
            "unit = \"people\"",
            "claim = \"c\"",
            "period = \"2021\"",
            "confidence = \"primary\"",
            "[statistic.source]",
            "publisher = \"ILO\"",
            "title = \"t\"",
            "url = \"https://example.org/\"",
            "published = 2022-09-12",
            "contact = 1",
            "[resource]",
            "",
            "# comment",
            "   \t",
        ];

        /// `s` as a TOML string: literal when it can be, else basic with
        /// escapes (some spelled as `\u` escapes).
        fn quoted(s: &str, literal: bool, unicode_escapes: bool) -> String {
            use std::fmt::Write;
            if literal && !s.contains(|c: char| c == '\'' || c.is_control()) {
                return format!("'{s}'");
            }
            let mut out = String::from('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\t' if !unicode_escapes => out.push_str("\\t"),
                    c if c.is_control() || (unicode_escapes && !c.is_ascii()) => {
                        let code = u32::from(c);
                        if code > 0xffff {
                            write!(out, "\\U{code:08X}").unwrap();
                        } else {
                            write!(out, "\\u{code:04X}").unwrap();
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// Catalogues in the documented shape, with awkward text: the
            /// quick reader must take every one and read it as toml does.
            #[test]
            fn reads_what_toml_reads(
                texts in prop::collection::vec("[a-zA-Z0-9 \"'\\\\\t\n#=\\[\\]{},é😀\u{7f}-]{0,12}", 6),
                literal in any::<bool>(),
                unicode_escapes in any::<bool>(),
                value in -1000.0f64..1000.0,
                blank in " {0,2}",
                comment in any::<bool>(),
                crlf in any::<bool>(),
            ) {
                let q = |i: usize| quoted(&texts[i], literal, unicode_escapes);
                let end = if comment { format!("{blank}# note = \"x\"") } else { blank.clone() };
                let doc = format!(
                    "[catalogue]\ntitle = {}{end}\nverified_on = 2024-02-29\n\n\
                     [[resource]]\nid = {}\nname = {}\npublisher = {}\nkind = 'hotline'\n\
                     summary = {}\nregion = \"US\"\ntopics = [ {}, {} ,]\nverified_on = 2026-11-01\n\
                     {blank}[[ resource.contact ]]{end}\nchannel = \"voice\"\nvalue = \"711\"\n\
                     label = \"Call\"\nhours = \"24/7\"\nlanguages = [\n  \"en\", # English\n]\n\n\
                     [[statistic]]\nid = \"s\"\nfigure = \"x\"\nvalue = {value}\nvalue_max = {}\n\
                     unit = \"u\"\nclaim = \"c\"\nperiod = \"p\"\nconfidence = \"secondary\"\n\
                     verified_on = 2026-11-01\n[statistic.source]\npublisher = \"p\"\ntitle = \"t\"\n\
                     url = \"u\"\n",
                    q(0), q(1), q(2), q(3), q(4), q(5), q(0), value.trunc() as i64,
                );
                let doc = if crlf { doc.replace('\n', "\r\n") } else { doc };
                prop_assert!(agree(&doc), "{doc}");
            }

            #[test]
            fn never_disagrees_with_toml(
                lines in prop::collection::vec(prop::sample::select(LINES), 0..40),
                crlf in any::<bool>(),
            ) {
                let text = lines.join(if crlf { "\r\n" } else { "\n" });
                agree(&format!("[catalogue]\ntitle = \"x\"\nverified_on = 2026-11-01\n{text}"));
                agree(&text);
            }
        }
    }
}
