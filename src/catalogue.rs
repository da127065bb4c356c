//! The catalogue's data model, parsing and validation rules.
//!
//! This one file is compiled twice: by `build.rs`, which checks the bundled
//! `resources.toml` and bakes it into static data, and by the binary, which
//! loads a user's own catalogue at run time. Both therefore obey exactly the
//! same rules, and a rule added here applies to both.
//!
//! Text fields are `Cow<'static, str>` and lists `Cow<'static, [T]>` so the
//! same types can be written as `static` items (borrowed) by the build script
//! and deserialized (owned) from a file at run time.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Text that is either compiled in (borrowed) or loaded at run time (owned).
pub type Text = Cow<'static, str>;
/// A list that is either compiled in (borrowed) or loaded at run time (owned).
pub type List<T> = Cow<'static, [T]>;

/// A whole catalogue: the bundled one or a user's file.
///
/// TOML uses singular array-of-tables names (`[[resource]]`), JSON the plural
/// ones (`"resources": [...]`): each reads naturally in its own format.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Facts about the catalogue as a whole.
    #[serde(rename = "catalogue")]
    pub meta: Meta,
    #[serde(
        rename(deserialize = "resource", serialize = "resources"),
        default = "empty"
    )]
    pub resources: List<Resource>,
    #[serde(
        rename(deserialize = "statistic", serialize = "statistics"),
        default = "empty"
    )]
    pub statistics: List<Statistic>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signs: Option<Signs>,
    #[serde(rename(deserialize = "myth", serialize = "myths"), default = "empty")]
    pub myths: List<Myth>,
}

fn empty<T: Clone>() -> List<T> {
    Cow::Borrowed(&[])
}

/// The `[catalogue]` table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// What this catalogue is, e.g. "Alameda County referral list".
    pub title: Text,
    /// When the catalogue as a whole was last checked against its sources.
    pub verified_on: Date,
    /// How the catalogue was checked and what is still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One place to get help or learn: a hotline, report, organisation, ...
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Kebab-case, unique and stable: scripts depend on it.
    pub id: Text,
    pub name: Text,
    /// Other names people search for ("BEFREE", "CyberTipline").
    #[serde(default = "empty", skip_serializing_if = "<[_]>::is_empty")]
    pub aliases: List<Text>,
    pub publisher: Text,
    pub kind: Kind,
    pub summary: Text,
    /// Canonical https address; absent only when none could be found, in
    /// which case `unconfirmed` must say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    #[serde(default = "empty")]
    pub topics: List<Text>,
    #[serde(default = "empty")]
    pub audience: List<Text>,
    /// ISO 3166-1 alpha-2 ("US"), ISO 3166-2 ("US-CA"), or "global".
    pub region: Text,
    /// Content warning, shown before the summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisory: Option<Text>,
    /// What the fact check could not confirm about this entry, in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unconfirmed: Option<Text>,
    /// When the entry's facts were last checked against its source.
    pub verified_on: Date,
    #[serde(
        rename(deserialize = "contact", serialize = "contacts"),
        default = "empty"
    )]
    pub contacts: List<Contact>,
    /// From a user's catalogue (`--catalogue`), not the bundled one. Set by
    /// the loader, never read from a file.
    #[serde(skip_deserializing, default, skip_serializing_if = "is_false")]
    pub local: bool,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference.
fn is_false(b: &bool) -> bool {
    !*b
}

/// One way to reach a resource.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub channel: Channel,
    /// What to dial, text, open or write to: digits, an https URL or an address.
    pub value: Text,
    /// What a person sees first ("Call", "Text", "1-800-THE-LOST").
    pub label: Text,
    pub hours: Text,
    /// BCP 47 language tags the channel is answered in.
    #[serde(default = "empty")]
    pub languages: List<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A figure people quote, with exactly what it counts and where it comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Statistic {
    pub id: Text,
    /// The figure as people quote it: "27.6 million", "13-17%".
    pub figure: Text,
    /// The number itself (the lower end of a range).
    pub value: f64,
    /// The upper end, when the figure is a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    pub unit: Text,
    /// Exactly what is counted.
    pub claim: Text,
    /// The period the data describe (not when they were published).
    pub period: Text,
    pub confidence: Confidence,
    /// What the figure does not mean; required for `unverified` figures,
    /// where it gives the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<Text>,
    /// The resource this figure belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Text>,
    #[serde(default = "empty")]
    pub topics: List<Text>,
    pub verified_on: Date,
    pub source: Source,
    /// From a user's catalogue; set by the loader, never read from a file.
    #[serde(skip_deserializing, default, skip_serializing_if = "is_false")]
    pub local: bool,
}

/// Where a statistic was published.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publisher: Text,
    pub title: Text,
    pub url: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
}

/// The Hotline's indicator list ("Recognizing the Signs").
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signs {
    pub title: Text,
    pub resource: Text,
    pub confidence: Confidence,
    pub caveats: List<Text>,
    pub verified_on: Date,
    #[serde(rename(deserialize = "category", serialize = "categories"))]
    pub categories: List<SignCategory>,
}

/// One group of indicators.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SignCategory {
    pub id: Text,
    pub name: Text,
    pub indicators: List<Text>,
}

/// A common misconception and what the source says instead.
#[allow(clippy::struct_field_names)] // `myth` is the field's public name in TOML and JSON.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Myth {
    pub id: Text,
    pub myth: Text,
    pub fact: Text,
    pub resource: Text,
    pub confidence: Confidence,
    pub verified_on: Date,
}

macro_rules! keyword_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            #[allow(dead_code)] // Generated for every keyword; `Kind`'s feeds clap.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The keyword used in TOML, JSON and on the command line.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keyword_enum! {
    /// What sort of resource an entry is.
    Kind {
        Hotline = "hotline",
        Report = "report",
        Organization = "organization",
        Training = "training",
        Guide = "guide",
        Media = "media",
        Data = "data",
    }
}

keyword_enum! {
    /// How a contact is reached.
    Channel {
        Voice = "voice",
        Text = "text",
        Chat = "chat",
        Email = "email",
        Tty = "tty",
        Web = "web",
    }
}

keyword_enum! {
    /// How sure the fact check is.
    Confidence {
        /// Read on the publisher's own page or report.
        Primary = "primary",
        /// Read only in third-party summaries that agree with each other.
        Secondary = "secondary",
        /// Could not be traced to a source; shown only on request, marked.
        Unverified = "unverified",
    }
}

/// A calendar date (TOML local date, `2025-09-30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = toml::value::Datetime::deserialize(d).map_err(|_| {
            D::Error::custom("expected a date written as a bare TOML date, like 2025-09-30")
        })?;
        Date::from_toml(value)
            .ok_or_else(|| D::Error::custom("expected a date without a time, like 2025-09-30"))
    }
}

impl Date {
    /// A TOML date-time as htr takes it: a date alone, with no time or offset.
    #[must_use]
    pub fn from_toml(value: toml::value::Datetime) -> Option<Date> {
        match value {
            toml::value::Datetime {
                date: Some(date),
                time: None,
                offset: None,
            } => Some(Date {
                year: date.year,
                month: date.month,
                day: date.day,
            }),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------
// Parsing with locations

/// One problem found in a catalogue file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line and column, when the problem has a place in the file.
    pub line_col: Option<(usize, usize)>,
    pub message: String,
}

impl Diagnostic {
    /// `FILE:LINE:COLUMN: message`, the form compilers and editors jump to.
    pub fn display<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        DisplayDiagnostic { diag: self, file }
    }
}

struct DisplayDiagnostic<'a> {
    diag: &'a Diagnostic,
    file: &'a str,
}

impl fmt::Display for DisplayDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.diag.line_col {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.file, self.diag.message),
            None => write!(f, "{}: {}", self.file, self.diag.message),
        }
    }
}

/// Parses and validates catalogue text. Returns every problem found, not just
/// the first, so a whole file can be fixed from one run.
///
/// # Errors
/// The list of problems, in file order, when the text is not a valid catalogue.
pub fn parse(source: &str) -> Result<Catalogue, Vec<Diagnostic>> {
    parse_with(source, &Nothing)
}

/// Ids already taken outside the file being checked: the bundled catalogue,
/// when a user's file is added to it. A file may refer to these ids, and
/// must not reuse them.
pub trait Outside {
    /// The name of the resource with this id, if there is one.
    fn resource_name(&self, id: &str) -> Option<&str>;
    /// Is there a statistic with this id?
    fn has_statistic(&self, id: &str) -> bool;
}

/// No ids outside the file.
pub struct Nothing;

impl Outside for Nothing {
    fn resource_name(&self, _: &str) -> Option<&str> {
        None
    }
    fn has_statistic(&self, _: &str) -> bool {
        false
    }
}

impl Outside for Catalogue {
    fn resource_name(&self, id: &str) -> Option<&str> {
        self.resources.iter().find(|r| r.id == id).map(|r| &*r.name)
    }
    fn has_statistic(&self, id: &str) -> bool {
        self.statistics.iter().any(|s| s.id == id)
    }
}

/// [`parse`], with ids outside the file taken into account.
///
/// # Errors
/// The list of problems, in file order, when the text is not a valid catalogue.
pub fn parse_with(source: &str, outside: &dyn Outside) -> Result<Catalogue, Vec<Diagnostic>> {
    let to_diag = |message: String, span: Option<Range<usize>>| Diagnostic {
        line_col: span.map(|s| line_col(source, s.start)),
        message,
    };
    // One parse on the way to a valid catalogue. Only when a rule is broken
    // is the text parsed again, into a tree that keeps every value's place;
    // keeping that tree always would double the work and memory of loading.
    let catalogue: Catalogue =
        toml::from_str(source).map_err(|e| vec![to_diag(toml_message(&e), e.span())])?;
    let mut problems = validate_with(&catalogue, outside);
    if problems.is_empty() {
        return Ok(catalogue);
    }
    let doc =
        toml::de::DeTable::parse(source).map_err(|e| vec![to_diag(toml_message(&e), e.span())])?;
    problems.sort_by_key(|p| locate(doc.get_ref(), &p.path).map(|s| s.start));
    Err(problems
        .into_iter()
        .map(|p| {
            let span = locate(doc.get_ref(), &p.path);
            to_diag(p.to_string(), span)
        })
        .collect())
}

/// The first line of a toml error, which is its message; the rest is an
/// excerpt of the file that our `FILE:LINE:COL` prefix already points to.
fn toml_message(e: &toml::de::Error) -> String {
    e.message().trim().trim_end_matches('.').to_string()
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Finds the span of a path in the parsed document; falls back to the nearest
/// parent that exists (a missing field is reported at its table).
fn locate(doc: &toml::de::DeTable<'_>, path: &[Seg]) -> Option<Range<usize>> {
    use toml::de::DeValue;
    let mut span = None;
    let mut table = Some(doc);
    let mut array: Option<&toml::de::DeArray<'_>> = None;
    for seg in path {
        let found = match (seg, table, array) {
            (Seg::Key(key), Some(t), _) => t.get(*key),
            (Seg::Index(i), _, Some(a)) => a.get(*i),
            _ => None,
        };
        let Some(found) = found else { break };
        span = Some(found.span());
        table = None;
        array = None;
        match found.get_ref() {
            DeValue::Table(t) => table = Some(t),
            DeValue::Array(a) => array = Some(a),
            _ => {}
        }
    }
    span
}

// ---------------------------------------------------------------------------
// Validation

/// A step in the path from the document root to a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

/// A rule broken, with the path of the value that breaks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: Vec<Seg>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in &self.path {
            match seg {
                Seg::Key(k) if first => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                // People count entries from 1, as editors count lines.
                Seg::Index(i) => write!(f, "[{}]", i + 1)?,
            }
            first = false;
        }
        write!(f, ": {}", self.message)
    }
}

/// Checks every rule and returns every broken one; ids in `outside` may be
/// referred to and must not be reused.
#[must_use]
pub fn validate_with(c: &Catalogue, outside: &dyn Outside) -> Vec<Problem> {
    let mut v = Validator {
        path: Vec::new(),
        problems: Vec::new(),
        outside,
    };
    v.catalogue(c);
    v.problems
}

struct Validator<'o> {
    path: Vec<Seg>,
    problems: Vec<Problem>,
    outside: &'o dyn Outside,
}

impl Validator<'_> {
    fn report(&mut self, message: impl Into<String>) {
        self.problems.push(Problem {
            path: self.path.clone(),
            message: message.into(),
        });
    }

    fn at<R>(&mut self, seg: Seg, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(seg);
        let r = f(self);
        self.path.pop();
        r
    }

    fn field<R>(&mut self, key: &'static str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.at(Seg::Key(key), f)
    }

    /// Every text: not blank, no control characters or invisible reordering.
    fn text(&mut self, key: &'static str, value: &str) {
        self.field(key, |v| v.check_text(value));
    }

    fn check_text(&mut self, value: &str) {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            self.report("is empty; write the text or remove the field");
        } else if let Some(c) = find_forbidden(value) {
            self.report(format!(
                "contains the control character U+{:04X}; remove it (escape sequences and control characters could rewrite the terminal that prints them)",
                u32::from(c)
            ));
        } else if trimmed.len() != value.len() {
            self.report("has leading or trailing spaces; remove them");
        }
    }

    fn opt_text(&mut self, key: &'static str, value: Option<&Text>) {
        if let Some(value) = value {
            self.text(key, value);
        }
    }

    fn id(&mut self, key: &'static str, value: &str) {
        self.field(key, |v| {
            if !is_kebab(value) {
                v.report(format!(
                    "`{}` is not a valid id; use lowercase letters, digits and single hyphens, like `county-task-force`",
                    value.escape_debug()
                ));
            }
        });
    }

    fn url(&mut self, key: &'static str, value: &str) {
        self.field(key, |v| {
            if let Err(why) = check_https(value) {
                v.report(why);
            }
        });
    }

    fn keywords(&mut self, key: &'static str, values: &[Text], what: &str) {
        self.field(key, |v| {
            for (i, value) in values.iter().enumerate() {
                v.at(Seg::Index(i), |v| {
                    if !is_kebab(value) {
                        v.report(format!(
                            "`{}` is not a valid {what}; use lowercase words joined by hyphens, like `labor` or `service-providers`",
                            value.escape_debug()
                        ));
                    }
                });
            }
        });
    }

    fn date(&mut self, key: &'static str, date: Date) {
        self.field(key, |v| {
            // TOML already rejects impossible dates; this guards dates built
            // by hand and years nobody means.
            if !(1900..=2100).contains(&date.year) {
                v.report(format!("{date} is out of range; check the year"));
            }
        });
    }

    fn catalogue(&mut self, c: &Catalogue) {
        self.field("catalogue", |v| {
            v.text("title", &c.meta.title);
            v.date("verified_on", c.meta.verified_on);
            v.opt_text("note", c.meta.note.as_ref());
        });

        // Hash maps, not lists: a 10,000-entry file must not cost 10,000²
        // comparisons.
        let mut resource_ids: HashMap<&str, usize> = HashMap::new();
        self.field("resource", |v| {
            for (i, r) in c.resources.iter().enumerate() {
                v.at(Seg::Index(i), |v| {
                    v.resource(r);
                    if let Some(name) = v.outside.resource_name(&r.id) {
                        let name = name.to_string();
                        v.field("id", |v| {
                            v.report(format!(
                                "id `{}` is already used by the bundled catalogue (\"{name}\"); choose another id, such as `local-{}`",
                                r.id, r.id
                            ));
                        });
                    } else if let Some(&first) = resource_ids.get(&*r.id) {
                        v.field("id", |v| {
                            v.report(format!(
                                "duplicate id `{}`: resource {} already uses it; ids must be unique",
                                r.id,
                                first + 1
                            ));
                        });
                    } else {
                        resource_ids.insert(&r.id, i);
                    }
                });
            }
        });
        let outside = self.outside;
        let known = |id: &str| resource_ids.contains_key(id) || outside.resource_name(id).is_some();

        let mut stat_ids: HashSet<&str> = HashSet::new();
        self.field("statistic", |v| {
            for (i, s) in c.statistics.iter().enumerate() {
                v.at(Seg::Index(i), |v| {
                    v.statistic(s);
                    if !stat_ids.insert(&s.id) {
                        v.field("id", |v| {
                            v.report(format!("duplicate statistic id `{}`; ids must be unique", s.id));
                        });
                    } else if v.outside.has_statistic(&s.id) {
                        v.field("id", |v| {
                            v.report(format!(
                                "statistic id `{}` is already used by the bundled catalogue; choose another id",
                                s.id
                            ));
                        });
                    }
                    if let Some(r) = &s.resource {
                        v.reference("resource", r, &known);
                    }
                });
            }
        });

        if let Some(signs) = &c.signs {
            self.field("signs", |v| {
                v.signs(signs);
                v.reference("resource", &signs.resource, &known);
            });
        }

        let mut myth_ids: HashSet<&str> = HashSet::new();
        self.field("myth", |v| {
            for (i, m) in c.myths.iter().enumerate() {
                v.at(Seg::Index(i), |v| {
                    v.id("id", &m.id);
                    if !myth_ids.insert(&m.id) {
                        v.field("id", |v| v.report(format!("duplicate myth id `{}`", m.id)));
                    }
                    v.text("myth", &m.myth);
                    v.text("fact", &m.fact);
                    v.reference("resource", &m.resource, &known);
                    v.date("verified_on", m.verified_on);
                });
            }
        });
    }

    fn reference(&mut self, key: &'static str, id: &str, known: &impl Fn(&str) -> bool) {
        if !known(id) {
            self.field(key, |v| {
                v.report(format!(
                    "refers to resource `{}`, which is not in the catalogue; add it or fix the id",
                    id.escape_debug()
                ));
            });
        }
    }

    fn resource(&mut self, r: &Resource) {
        self.id("id", &r.id);
        self.text("name", &r.name);
        self.field("aliases", |v| {
            for (i, a) in r.aliases.iter().enumerate() {
                v.at(Seg::Index(i), |v| v.check_text(a));
            }
        });
        self.text("publisher", &r.publisher);
        self.text("summary", &r.summary);
        match &r.url {
            Some(url) => self.url("url", url),
            // A line such as 911 needs no web page; anything else without
            // one must say why.
            None if r.contacts.is_empty() && r.unconfirmed.is_none() => self.field("url", |v| {
                v.report(
                    "is missing; add the https address, or say in `unconfirmed` why there is none",
                );
            }),
            None => {}
        }
        self.keywords("topics", &r.topics, "topic");
        self.keywords("audience", &r.audience, "audience");
        self.field("region", |v| {
            if !is_region(&r.region) {
                v.report(format!(
                    "`{}` is not a region; use an ISO 3166 code like `US` or `US-CA`, or `global`",
                    r.region.escape_debug()
                ));
            }
        });
        self.opt_text("advisory", r.advisory.as_ref());
        self.opt_text("unconfirmed", r.unconfirmed.as_ref());
        self.date("verified_on", r.verified_on);
        self.field("contact", |v| {
            for (i, c) in r.contacts.iter().enumerate() {
                v.at(Seg::Index(i), |v| v.contact(c));
            }
        });
    }

    fn contact(&mut self, c: &Contact) {
        self.text("label", &c.label);
        self.text("hours", &c.hours);
        self.opt_text("note", c.note.as_ref());
        self.field("languages", |v| {
            for (i, lang) in c.languages.iter().enumerate() {
                v.at(Seg::Index(i), |v| {
                    if !is_language_tag(lang) {
                        v.report(format!(
                            "`{}` is not a language tag; use a BCP 47 tag like `en` or `es`",
                            lang.escape_debug()
                        ));
                    }
                });
            }
        });
        self.field("value", |v| {
            v.check_text(&c.value);
            let checked = match c.channel {
                Channel::Voice | Channel::Tty => check_phone(&c.value, false),
                Channel::Text => check_phone(&c.value, true),
                Channel::Chat | Channel::Web => check_https(&c.value),
                Channel::Email => check_email(&c.value),
            };
            if let Err(why) = checked {
                v.report(format!("{} contact: {why}", c.channel));
            }
        });
    }

    fn statistic(&mut self, s: &Statistic) {
        self.id("id", &s.id);
        self.text("figure", &s.figure);
        self.field("value", |v| {
            if !s.value.is_finite() {
                v.report("must be a finite number");
            }
        });
        if let Some(max) = s.value_max {
            self.field("value_max", |v| {
                if !max.is_finite() || max < s.value {
                    v.report("must be a finite number no smaller than `value`");
                }
            });
        }
        self.text("unit", &s.unit);
        self.text("claim", &s.claim);
        self.text("period", &s.period);
        self.opt_text("caveat", s.caveat.as_ref());
        if s.confidence == Confidence::Unverified && s.caveat.is_none() {
            self.field("caveat", |v| {
                v.report("is required for an unverified figure: say why it could not be confirmed");
            });
        }
        self.keywords("topics", &s.topics, "topic");
        self.date("verified_on", s.verified_on);
        self.field("source", |v| {
            v.text("publisher", &s.source.publisher);
            v.text("title", &s.source.title);
            v.url("url", &s.source.url);
            if let Some(d) = s.source.published {
                v.date("published", d);
            }
        });
    }

    fn signs(&mut self, s: &Signs) {
        self.text("title", &s.title);
        self.date("verified_on", s.verified_on);
        self.field("caveats", |v| {
            for (i, c) in s.caveats.iter().enumerate() {
                v.at(Seg::Index(i), |v| v.check_text(c));
            }
        });
        let mut ids: Vec<&str> = Vec::new();
        self.field("category", |v| {
            for (i, cat) in s.categories.iter().enumerate() {
                v.at(Seg::Index(i), |v| {
                    v.id("id", &cat.id);
                    if ids.contains(&&*cat.id) {
                        v.field("id", |v| {
                            v.report(format!("duplicate category id `{}`", cat.id));
                        });
                    }
                    ids.push(&cat.id);
                    v.text("name", &cat.name);
                    v.field("indicators", |v| {
                        if cat.indicators.is_empty() {
                            v.report("is empty; list at least one indicator");
                        }
                        for (j, ind) in cat.indicators.iter().enumerate() {
                            v.at(Seg::Index(j), |v| v.check_text(ind));
                        }
                    });
                });
            }
        });
    }
}

/// Characters no catalogue text may contain: C0 and C1 controls (ESC starts
/// every terminal escape sequence; ECMA-48), DEL, and the bidirectional
/// overrides and isolates that reorder how text is displayed (Unicode TR #9;
/// the "Trojan Source" attack, CVE-2021-42574).
#[must_use]
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first forbidden character in `text`, if any. ASCII text (nearly all
/// of it) is checked a byte at a time, without decoding characters.
fn find_forbidden(text: &str) -> Option<char> {
    if text.is_ascii() {
        text.bytes()
            .find(|&b| b < 0x20 || b == 0x7f)
            .map(char::from)
    } else {
        text.chars().find(|&c| is_forbidden(c))
    }
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_region(s: &str) -> bool {
    if s == "global" {
        return true;
    }
    let (country, subdivision) = match s.split_once('-') {
        Some((c, sub)) => (c, Some(sub)),
        None => (s, None),
    };
    country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && subdivision.is_none_or(|sub| {
            (1..=3).contains(&sub.len())
                && sub
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// An https URL with a host that has a dot and no spaces. Plain http is
/// refused: someone at risk may be on a watched network.
fn check_https(s: &str) -> Result<(), String> {
    let Some(rest) = s.strip_prefix("https://") else {
        return Err(format!(
            "`{}` is not an https URL; write the full address starting with https://",
            s.escape_debug()
        ));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty()
        || !host.contains('.')
        || host.starts_with('.')
        || host.ends_with('.')
        || s.chars().any(|c| c.is_whitespace() || c.is_control())
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b':')
    {
        return Err(format!(
            "`{}` is not a valid https URL; check the host name and remove spaces",
            s.escape_debug()
        ));
    }
    Ok(())
}

fn check_email(s: &str) -> Result<(), String> {
    let valid = s.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
            && !domain.contains('@')
    });
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an e-mail address; write it like name@example.org",
            s.escape_debug()
        ))
    }
}

/// What a phone number parses to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// A North American N11 service code: 211, 711, 911 ...
    ServiceCode,
    /// An SMS short code (5 or 6 digits, as US carriers assign them).
    ShortCode,
    /// A ten-digit North American number (NANP), with or without the 1.
    Nanp,
    /// An international number in E.164 form, starting with +.
    International,
}

/// Parses a dialable number. Separators (spaces, hyphens, dots, brackets)
/// are allowed; letters are not: put vanity spellings like 1-800-THE-LOST in
/// the label, so the value can always be dialled as written.
///
/// # Errors
/// Why the text is not a number of the allowed kinds.
pub fn parse_phone(s: &str, allow_short_code: bool) -> Result<PhoneKind, String> {
    let plus = s.starts_with('+');
    let body = if plus { &s[1..] } else { s };
    let mut digits = String::new();
    for c in body.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => {
                return Err(format!(
                    "`{}` is not a phone number: only digits, spaces, hyphens, dots and brackets are allowed (put letters such as 1-800-THE-LOST in the label)",
                    s.escape_debug()
                ));
            }
        }
    }
    let n = digits.len();
    let nanp_ok = |d: &str| {
        // NANP: area code and exchange both start with 2-9 (ATIS-0300052).
        let b = d.as_bytes();
        b[0] >= b'2' && b[3] >= b'2'
    };
    let kind = if plus {
        (8..=15).contains(&n).then_some(PhoneKind::International)
    } else if n == 3 && digits.ends_with("11") && digits.as_bytes()[0] >= b'2' {
        Some(PhoneKind::ServiceCode)
    } else if allow_short_code && (n == 5 || n == 6) && !digits.starts_with('0') {
        Some(PhoneKind::ShortCode)
    } else if (n == 10 && nanp_ok(&digits))
        || (n == 11 && digits.starts_with('1') && nanp_ok(&digits[1..]))
    {
        Some(PhoneKind::Nanp)
    } else {
        None
    };
    kind.ok_or_else(|| {
        let expected = if allow_short_code {
            "a 5- or 6-digit short code, a North American number like 1-888-373-7888, or +country code"
        } else {
            "a North American number like 1-888-373-7888, a service code like 711, or +country code"
        };
        format!("`{}` is not a valid number; expected {expected}", s.escape_debug())
    })
}

fn check_phone(s: &str, allow_short_code: bool) -> Result<(), String> {
    parse_phone(s, allow_short_code).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[catalogue]
title = "Test"
verified_on = 2026-01-01

[[resource]]
id = "line"
name = "A line"
publisher = "Someone"
kind = "hotline"
summary = "Answers calls."
url = "https://example.org/"
topics = ["reporting"]
audience = ["anyone"]
region = "US"
verified_on = 2026-01-01
  [[resource.contact]]
  channel = "voice"
  value = "1-888-373-7888"
  label = "Call"
  hours = "24/7"
  languages = ["en"]

[[statistic]]
id = "count"
figure = "10"
value = 10
unit = "cases"
claim = "cases counted"
period = "2020"
confidence = "primary"
resource = "line"
verified_on = 2026-01-01
  [statistic.source]
  publisher = "Someone"
  title = "Report"
  url = "https://example.org/report"
  published = 2021-01-01
"#;

    /// Parses MINIMAL with one substitution, expecting failure; returns the
    /// first diagnostic as `LINE:COL: message`.
    fn reject(from: &str, to: &str) -> String {
        assert!(MINIMAL.contains(from), "test fixture lacks {from:?}");
        let text = MINIMAL.replacen(from, to, 1);
        let errors = parse(&text).expect_err("catalogue should be rejected");
        errors[0].display("t.toml").to_string()
    }

    #[test]
    fn minimal_catalogue_is_valid() {
        let c = parse(MINIMAL).expect("valid");
        assert_eq!(c.resources.len(), 1);
        assert_eq!(
            c.statistics[0].source.published.unwrap().to_string(),
            "2021-01-01"
        );
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let dup = MINIMAL.replacen(
            "[[statistic]]",
            "[[resource]]\nid = \"line\"\nname = \"B\"\npublisher = \"P\"\nkind = \"guide\"\nsummary = \"S.\"\nurl = \"https://example.org/b\"\nregion = \"US\"\nverified_on = 2026-01-01\n\n[[statistic]]",
            1,
        );
        let errors = parse(&dup).unwrap_err();
        let msg = errors[0].display("t.toml").to_string();
        assert!(msg.contains("duplicate id `line`"), "{msg}");
        assert!(msg.starts_with("t.toml:25:6:"), "{msg}");
    }

    #[test]
    fn dangling_reference_is_rejected() {
        let msg = reject("resource = \"line\"", "resource = \"lnie\"");
        assert!(msg.contains("refers to resource `lnie`"), "{msg}");
    }

    #[test]
    fn http_url_is_rejected() {
        let msg = reject("https://example.org/report", "http://example.org/report");
        assert!(msg.contains("not an https URL"), "{msg}");
        assert!(msg.contains("statistic[1].source.url"), "{msg}");
    }

    #[test]
    fn bad_phone_number_is_rejected() {
        let msg = reject("1-888-373-7888", "1-888-THE-LOST");
        assert!(msg.contains("is not a phone number"), "{msg}");
        let msg = reject("1-888-373-7888", "1-888-373-788");
        assert!(msg.contains("is not a valid number"), "{msg}");
    }

    #[test]
    fn phone_kinds_parse() {
        assert_eq!(parse_phone("1-888-373-7888", false), Ok(PhoneKind::Nanp));
        assert_eq!(parse_phone("(202) 205-4582", false), Ok(PhoneKind::Nanp));
        assert_eq!(parse_phone("711", false), Ok(PhoneKind::ServiceCode));
        assert_eq!(parse_phone("911", false), Ok(PhoneKind::ServiceCode));
        assert_eq!(parse_phone("233733", true), Ok(PhoneKind::ShortCode));
        assert!(parse_phone("233733", false).is_err());
        assert_eq!(
            parse_phone("+44 20 7946 0000", false),
            Ok(PhoneKind::International)
        );
        assert!(parse_phone("1-088-373-7888", false).is_err());
        assert!(parse_phone("", false).is_err());
    }

    #[test]
    fn bad_date_is_rejected() {
        let msg = reject("published = 2021-01-01", "published = \"2021-01-01\"");
        assert!(msg.contains("bare TOML date"), "{msg}");
        let msg = reject("published = 2021-01-01", "published = 2021-02-30");
        assert!(msg.starts_with("t.toml:"), "{msg}");
    }

    #[test]
    fn statistic_without_source_url_period_or_confidence_is_rejected() {
        let msg = reject("  url = \"https://example.org/report\"\n", "");
        assert!(msg.contains("missing field `url`"), "{msg}");
        let msg = reject("period = \"2020\"\n", "");
        assert!(msg.contains("missing field `period`"), "{msg}");
        let msg = reject("confidence = \"primary\"\n", "");
        assert!(msg.contains("missing field `confidence`"), "{msg}");
        let msg = reject("confidence = \"primary\"", "confidence = \"high\"");
        assert!(msg.contains("unknown variant `high`"), "{msg}");
    }

    #[test]
    fn unverified_figure_needs_a_reason() {
        let msg = reject("confidence = \"primary\"", "confidence = \"unverified\"");
        assert!(msg.contains("caveat: is required"), "{msg}");
    }

    #[test]
    fn empty_text_is_rejected() {
        let msg = reject("summary = \"Answers calls.\"", "summary = \"  \"");
        assert!(msg.contains("summary: is empty"), "{msg}");
    }

    #[test]
    fn escape_sequences_and_controls_are_rejected() {
        for bad in [
            "\\u001b]0;pwned\\u0007",
            "\\u001b[2J",
            "a\\tb",
            "\\u202Eevil",
            "\\u009b31m",
        ] {
            let msg = reject("name = \"A line\"", &format!("name = \"{bad}\""));
            assert!(msg.contains("control character"), "{bad}: {msg}");
        }
    }

    #[test]
    fn bad_ids_regions_topics_and_languages_are_rejected() {
        let msg = reject("id = \"line\"", "id = \"Line One\"");
        assert!(msg.contains("not a valid id"), "{msg}");
        let msg = reject("region = \"US\"", "region = \"usa\"");
        assert!(msg.contains("not a region"), "{msg}");
        let msg = reject("topics = [\"reporting\"]", "topics = [\"Reporting\"]");
        assert!(msg.contains("not a valid topic"), "{msg}");
        let msg = reject("languages = [\"en\"]", "languages = [\"English\"]");
        assert!(msg.contains("not a language tag"), "{msg}");
    }

    #[test]
    fn every_problem_is_reported_not_just_the_first() {
        let text = MINIMAL
            .replacen("region = \"US\"", "region = \"usa\"", 1)
            .replacen("https://example.org/report", "http://x", 1);
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].line_col < errors[1].line_col, "sorted by place");
    }

    #[test]
    fn unknown_field_is_rejected_with_its_place() {
        let msg = reject("hours = \"24/7\"", "hours = \"24/7\"\n  hourz = \"x\"");
        assert!(msg.contains("unknown field `hourz`"), "{msg}");
    }

    #[test]
    fn invalid_toml_is_rejected_with_its_place() {
        let msg = reject("title = \"Test\"", "title = \"Test");
        assert!(msg.starts_with("t.toml:3:"), "{msg}");
    }
}

/// Parsing never panics: not on arbitrary text, and not on a valid
/// catalogue with arbitrary bytes spliced in.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    const VALID: &str = include_str!("../tests/catalogues/example-county.toml");

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn parse_never_panics_on_any_text(text in any::<String>()) {
            let _ = parse(&text);
        }

        #[test]
        fn parse_never_panics_on_a_mutated_catalogue(
            at in 0..VALID.len(),
            cut in 0usize..40,
            insert in any::<String>(),
        ) {
            let at = (0..=at).rev().find(|&i| VALID.is_char_boundary(i)).unwrap_or(0);
            let end = (at + cut..=VALID.len()).find(|&i| VALID.is_char_boundary(i)).unwrap_or(VALID.len());
            let text = format!("{}{}{}", &VALID[..at], insert, &VALID[end..]);
            if let Err(problems) = parse(&text) {
                prop_assert!(!problems.is_empty());
                for p in &problems {
                    if let Some((line, col)) = p.line_col {
                        prop_assert!(line >= 1 && col >= 1);
                        prop_assert!(line <= text.lines().count() + 1);
                    }
                }
            }
        }
    }
}
