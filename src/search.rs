//! Ranked search over resources and statistics.
//!
//! Pure fuzzy matching over whole descriptions finds nonsense through
//! scattered letters, so each query word is matched against one *word* of a
//! field at a time: exactly, as a prefix, or - for words of four letters or
//! more - fuzzily (nucleo's fzf-style matcher for dropped letters, an edit
//! distance of one for swapped or wrong ones). Every query word must match
//! (AND); fields are weighted (name and aliases over topics over summary);
//! ties are broken by id so output is stable.
//!
//! Text is folded before matching: lower case and accents removed with
//! nucleo's Unicode tables (so `tráfico` = `trafico` = `TRAFICO`), and
//! British spellings mapped to the American ones the catalogue uses
//! (`labour` = `labor`).

use std::ops::Range;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::catalogue::{Resource, Statistic};

/// Query words longer than this are cut: no word in the catalogue comes near,
/// and it bounds the work a pasted blob can cause.
const MAX_WORD_CHARS: usize = 64;
/// At most this many words are used from a query.
const MAX_WORDS: usize = 16;

/// What a hit points at.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Resource(&'a Resource),
    Statistic(&'a Statistic),
}

impl Item<'_> {
    pub fn id(&self) -> &str {
        match self {
            Item::Resource(r) => &r.id,
            Item::Statistic(s) => &s.id,
        }
    }
}

/// One result with its relevance.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    pub item: Item<'a>,
    pub score: u32,
}

/// A prepared query: folded words, their nucleo atoms (built once, not once
/// per comparison) and a reusable matcher.
pub struct Query {
    words: Vec<Word>,
    /// nucleo's scratch space is large; made on the first fuzzy comparison.
    matcher: Option<Box<Matcher>>,
    buf: Vec<char>,
    /// Scratch space reused for every field: its folded text, the byte
    /// ranges of its words, and each query word's best score so far. One
    /// allocation per search instead of one per word of the catalogue.
    folded: String,
    ranges: Vec<Range<usize>>,
    best: Vec<u32>,
}

struct Word {
    text: String,
    /// Every way to match needs the same first letter, so the first byte
    /// rules out most words of the catalogue at once.
    first: u8,
    chars: usize,
    /// For the fuzzy step; `None` for words too short to match fuzzily.
    atom: Option<Atom>,
}

impl Query {
    /// Folds and splits the words given on the command line. Returns `None`
    /// when nothing searchable is left (only punctuation, say).
    pub fn new<S: AsRef<str>>(raw: &[S]) -> Option<Self> {
        let mut texts: Vec<String> = Vec::new();
        for part in raw {
            for (_, token) in tokens(part.as_ref()) {
                let token: String = token.chars().take(MAX_WORD_CHARS).collect();
                // A lone combining accent folds to nothing: not a word.
                if !token.is_empty() && !texts.contains(&token) {
                    texts.push(token);
                }
            }
            if texts.len() >= MAX_WORDS {
                break;
            }
        }
        texts.truncate(MAX_WORDS);
        let words: Vec<Word> = texts
            .into_iter()
            .map(|text| {
                let chars = text.chars().count();
                let atom = (chars >= 4).then(|| {
                    Atom::new(
                        &text,
                        CaseMatching::Ignore,
                        Normalization::Smart,
                        AtomKind::Fuzzy,
                        false,
                    )
                });
                Word {
                    first: text.as_bytes()[0],
                    text,
                    chars,
                    atom,
                }
            })
            .collect();
        (!words.is_empty()).then(|| Query {
            words,
            matcher: None,
            buf: Vec::new(),
            folded: String::new(),
            ranges: Vec::new(),
            best: Vec::new(),
        })
    }

    /// Score of a whole item: the sum over query words of the best weighted
    /// field match, or `None` if some word matches nowhere. Each field is
    /// folded once, into reused buffers, whatever the number of query words.
    fn score(&mut self, fields: &[(u32, &str)]) -> Option<u32> {
        let Query {
            words,
            matcher,
            buf,
            folded,
            ranges,
            best,
        } = self;
        best.clear();
        best.resize(words.len(), 0);
        for &(weight, text) in fields {
            fold(text, folded, ranges);
            for range in ranges.iter() {
                let token = &folded[range.clone()];
                for (word, best) in words.iter().zip(best.iter_mut()) {
                    *best = (*best).max(weight * quality(word, token, matcher, buf));
                }
            }
        }
        if best.contains(&0) {
            None
        } else {
            Some(best.iter().sum())
        }
    }

    /// Char ranges of `text` that the query matched, for highlighting.
    pub fn highlights(&mut self, text: &str) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        for (range, token) in tokens(text) {
            if self
                .words
                .iter()
                .any(|w| quality(w, &token, &mut self.matcher, &mut self.buf) > 0)
            {
                ranges.push(range);
            }
        }
        ranges
    }
}

/// How well one query word matches one folded word of a field, 0-100.
fn quality(
    word: &Word,
    token: &str,
    matcher: &mut Option<Box<Matcher>>,
    buf: &mut Vec<char>,
) -> u32 {
    if token.as_bytes().first() != Some(&word.first) {
        return 0;
    }
    let w = word.text.as_str();
    if w == token {
        return 100;
    }
    let tn = if token.is_ascii() {
        token.len()
    } else {
        token.chars().count()
    };
    let wn = word.chars;
    if token.starts_with(w) {
        // A prefix: `lgbt` finds `lgbtq`, `traffick` finds `trafficking`.
        // Scaled so a longer share of the word scores higher.
        return if wn >= 2 {
            60 + (30 * wn / tn) as u32
        } else {
            0
        };
    }
    if wn < 4 {
        return 0;
    }
    // Plurals: `hotlines` finds `hotline`.
    if w.strip_suffix('s') == Some(token) || w.strip_suffix("es") == Some(token) {
        return 90;
    }
    // Dropped letters (`trafficing`): nucleo's fuzzy match within one word,
    // allowing at most two letters missing.
    if (wn..=wn + 2).contains(&tn)
        && let Some(atom) = &word.atom
        && atom
            .score(
                Utf32Str::new(token, buf),
                matcher.get_or_insert_with(|| Box::new(Matcher::new(Config::DEFAULT))),
            )
            .is_some()
    {
        return 55;
    }
    // Swapped or wrong letters (`trafifcking`, `labr`): one edit.
    if wn >= 5 && tn.abs_diff(wn) <= 1 && strsim::osa_distance(w, token) <= 1 {
        return 50;
    }
    0
}

/// Runs a query over resources and statistics; best first, ties by id.
pub fn search<'a>(
    resources: &[&'a Resource],
    statistics: &[&'a Statistic],
    query: &mut Query,
) -> Vec<Hit<'a>> {
    let mut hits = Vec::new();
    for r in resources {
        if let Some(score) = query.score(&resource_fields(r)) {
            hits.push(Hit {
                item: Item::Resource(r),
                score,
            });
        }
    }
    for s in statistics {
        if let Some(score) = query.score(&statistic_fields(s)) {
            hits.push(Hit {
                item: Item::Statistic(s),
                score,
            });
        }
    }
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| a.item.id().cmp(b.item.id()))
    });
    // Keep what is at least half as relevant as the best hit: a word found
    // only in a caveat must not pad a list whose top hits match names.
    let floor = hits.first().map_or(0, |best| best.score / 2);
    hits.retain(|h| h.score >= floor);
    hits
}

/// Field weights: what a resource is called counts most, then what it is
/// about, then what it says.
fn resource_fields(r: &Resource) -> Vec<(u32, &str)> {
    let mut fields = vec![
        (10, &*r.name),
        (9, &*r.id),
        (6, &*r.publisher),
        (5, r.kind.as_str()),
    ];
    fields.extend(r.aliases.iter().map(|a| (9, &**a)));
    fields.extend(r.topics.iter().map(|t| (7, &**t)));
    fields.extend(r.audience.iter().map(|a| (4, &**a)));
    fields.push((3, &r.region));
    fields.push((2, &r.summary));
    for c in r.contacts.iter() {
        fields.push((8, &c.value));
        fields.push((3, &c.label));
    }
    fields
}

fn statistic_fields(s: &Statistic) -> Vec<(u32, &str)> {
    let mut fields = vec![
        (8, &*s.claim),
        (7, &*s.id),
        (6, &*s.figure),
        (5, &*s.unit),
        (5, &*s.source.publisher),
        (5, &*s.source.title),
        (4, &*s.period),
    ];
    fields.extend(s.topics.iter().map(|t| (6, &**t)));
    // Not the caveat: it says what a figure does *not* count ("reports,
    // not victims"), so a word found there would point the wrong way.
    fields
}

/// Splits text into folded words, each with its char range in the
/// original text (for highlighting). Letters and digits make words; anything
/// else separates them.
fn tokens(text: &str) -> impl Iterator<Item = (Range<usize>, String)> + '_ {
    let mut chars = text.chars().enumerate().peekable();
    std::iter::from_fn(move || {
        while chars.next_if(|(_, c)| !is_word_char(*c)).is_some() {}
        let (start, first) = chars.next()?;
        let mut end = start + 1;
        let mut word = String::new();
        push_folded(&mut word, first);
        while let Some((i, c)) = chars.next_if(|(_, c)| is_word_char(*c)) {
            push_folded(&mut word, c);
            end = i + 1;
        }
        americanize(&mut word, 0);
        Some((start..end, word))
    })
}

/// Folds all of `text` into `out`, recording each word as a byte range of
/// `out`: the same words as [`tokens`], without allocating for each one.
fn fold(text: &str, out: &mut String, words: &mut Vec<Range<usize>>) {
    out.clear();
    words.clear();
    if text.is_ascii() {
        // Nearly every field: copy, lower-case in place, and find the words
        // by byte, without decoding a character at a time.
        out.push_str(text);
        out.make_ascii_lowercase();
        let mut i = 0;
        while i < out.len() {
            let bytes = out.as_bytes();
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let before = out.len();
            americanize_word(out, start, i);
            // A respelling shortens the text; the rest moves left with it.
            i -= before - out.len();
            words.push(start..i);
        }
        return;
    }
    let mut start = None;
    for c in text.chars() {
        if is_word_char(c) {
            start.get_or_insert(out.len());
            push_folded(out, c);
        } else if let Some(start) = start.take() {
            americanize(out, start);
            words.push(start..out.len());
        }
    }
    if let Some(start) = start {
        americanize(out, start);
        words.push(start..out.len());
    }
}

/// Letters, digits and combining marks (part of the letter before them).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36F}').contains(&c)
}

/// Lower case without accents, using nucleo's own tables so matching and
/// folding agree. Combining marks (a decomposed accent) are dropped. ASCII,
/// nearly all of the catalogue, takes the short way.
fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if ('\u{300}'..='\u{36F}').contains(&c) {
        return;
    }
    let c = nucleo_matcher::chars::normalize(c);
    out.extend(c.to_lowercase());
}

/// British spellings the catalogue writes the American way (its sources are
/// mostly American), mapped as prefixes so `labour`, `labourers` fold too.
/// Rewrites the word that starts at byte `start` and runs to the end of
/// `word`.
fn americanize(word: &mut String, start: usize) {
    let end = word.len();
    americanize_word(word, start, end);
}

/// British spellings the catalogue writes the American way, as prefixes.
const SPELLINGS: &[(&str, &str)] = &[
    ("labour", "labor"),
    ("organis", "organiz"),
    ("behaviour", "behavior"),
    ("centre", "center"),
    ("programme", "program"),
    ("recognis", "recogniz"),
    ("travell", "travel"),
    ("counsell", "counsel"),
    ("defence", "defense"),
    ("paediatric", "pediatric"),
];

/// [`americanize`] for the word at `start..end` of `text`.
fn americanize_word(text: &mut String, start: usize, end: usize) {
    // Most words are passed over on their first byte.
    let Some(&first) = text.as_bytes().get(start) else {
        return;
    };
    if !SPELLINGS
        .iter()
        .any(|(british, _)| british.as_bytes()[0] == first)
    {
        return;
    }
    for (british, american) in SPELLINGS {
        if text[start..end].starts_with(british) {
            text.replace_range(start..start + british.len(), american);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    fn run(lib: &Library<'static>, q: &mut Query) -> Vec<Hit<'static>> {
        search(&lib.resources, &lib.statistics, q)
    }

    fn top(query: &str) -> Option<String> {
        let lib = Library::bundled();
        let words: Vec<&str> = query.split(' ').collect();
        let mut q = Query::new(&words)?;
        run(&lib, &mut q).first().map(|h| h.item.id().to_string())
    }

    #[test]
    fn folding_removes_case_and_accents_and_british_spelling() {
        let fold = |s: &str| tokens(s).map(|t| t.1).collect::<Vec<_>>();
        assert_eq!(fold("Tráfico"), fold("trafico"));
        assert_eq!(fold("TRA\u{301}FICO"), vec!["trafico"]);
        assert_eq!(fold("Ärzte"), vec!["arzte"]);
        assert_eq!(fold("Labour organisation"), vec!["labor", "organization"]);
        assert_eq!(fold("1-888-373-7888"), vec!["1", "888", "373", "7888"]);
    }

    #[test]
    fn nonsense_finds_nothing() {
        // Letters scattered across a summary must not count as a match.
        for q in ["xqzv", "zzzz", "qwerty", "abcdefgh"] {
            assert_eq!(top(q), None, "{q}");
        }
    }

    #[test]
    fn weak_tail_is_dropped() {
        let lib = Library::bundled();
        let mut q = Query::new(&["california"]).unwrap();
        let hits = run(&lib, &mut q);
        // Mentions California only in its caveat.
        assert!(!hits.iter().any(|h| h.item.id() == "nhth-minors-share-seed"));
        assert!(hits.iter().any(|h| h.item.id() == "ccwip"));
    }

    #[test]
    fn punctuation_only_query_is_empty() {
        assert!(Query::new(&["--", "!!"]).is_none());
    }

    /// Regression: a query of only a combining accent folded to an empty
    /// word, whose first byte was then read out of bounds.
    #[test]
    fn lone_combining_accent_is_not_a_word() {
        assert!(Query::new(&["\u{301}"]).is_none());
        assert!(Query::new(&["\u{301}", "hotline"]).is_some());
    }

    #[test]
    fn long_words_are_bounded() {
        let long = "a".repeat(100_000);
        let q = Query::new(&[long.as_str()]).unwrap();
        assert_eq!(q.words[0].text.len(), MAX_WORD_CHARS);
    }

    #[test]
    fn ties_break_by_id() {
        let lib = Library::bundled();
        let mut q = Query::new(&["cybertipline"]).unwrap();
        let hits = run(&lib, &mut q);
        for pair in hits.windows(2) {
            assert!(
                pair[0].score > pair[1].score
                    || (pair[0].score == pair[1].score && pair[0].item.id() < pair[1].item.id())
            );
        }
    }

    /// The relevance suite: realistic queries and the entry that must come
    /// first. A ranking change that breaks one of these is a regression.
    #[test]
    fn relevance() {
        let cases = [
            ("hotline", "nhth"),
            ("human trafficking hotline", "nhth"),
            ("trafficing hotline", "nhth"),
            ("hotlines", "nhth"),
            ("befree", "nhth"),
            ("233733", "nhth"),
            ("1-888-373-7888", "nhth"),
            ("ncmec", "ncmec"),
            ("cybertipline", "ncmec"),
            ("missing children", "ncmec"),
            ("911", "emergency"),
            ("forced labour", "ilo-global-estimates"),
            ("modern slavery", "ilo-global-estimates"),
            ("walk free", "ilo-global-estimates"),
            ("typology", "polaris-typology"),
            ("25 types", "polaris-typology"),
            ("32,000 cases typology", "polaris-typology-cases"),
            ("homeless youth", "covenant-house-study"),
            ("covenant house", "covenant-house-study"),
            ("lgbt", "polaris-breaking-barriers"),
            ("lgbtq service providers", "polaris-breaking-barriers"),
            ("young workers", "youngworkers"),
            ("teen jobs rights", "youngworkers"),
            ("boys documentary", "boys-documentary"),
            ("ovc", "ovc-ttac"),
            ("task force guide", "ovc-ttac"),
            ("jimmy", "survivor-advocate-2019"),
            ("foreign national minor", "otip-child-eligibility"),
            ("eligibility letter", "otip-child-eligibility"),
            ("harm reduction", "cdss-harm-reduction"),
            ("storytelling", "ethical-storytelling"),
            ("myths", "polaris-myths"),
            ("warning signs", "nhth-signs"),
            ("red flags", "nhth-signs"),
            (
                "child labor trafficking california",
                "pact-child-labor-trafficking",
            ),
            ("sb 855", "ccwip"),
            ("hotline statistics", "nhth-statistics"),
            ("cybertipline 2022", "cybertipline-reports-2022"),
            ("texas cases 2023", "nhth-texas-cases-2023"),
            ("forced drug dealing", "covenant-forced-drug-dealing"),
            ("profits", "ilo-forced-labour-profits"),
            ("HOTLINE", "nhth"),
            ("hótline", "nhth"),
            (
                "labr trafficking youth california",
                "pact-child-labor-trafficking",
            ),
        ];
        let mut failures = Vec::new();
        for (query, expected) in cases {
            let got = top(query);
            if got.as_deref() != Some(expected) {
                failures.push(format!("{query:?}: expected {expected}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

/// Search never panics, whatever the words: any Unicode, any length.
#[cfg(test)]
mod properties {
    use super::*;
    use crate::library::Library;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn search_never_panics(words in prop::collection::vec(any::<String>(), 0..8)) {
            let lib = Library::bundled();
            if let Some(mut q) = Query::new(&words) {
                let hits = search(&lib.resources, &lib.statistics, &mut q);
                for h in &hits {
                    let title = match h.item {
                        Item::Resource(r) => r.name.to_string(),
                        Item::Statistic(s) => s.claim.to_string(),
                    };
                    let _ = q.highlights(&title);
                }
            }
        }

        #[test]
        fn fold_and_tokens_agree(text in any::<String>()) {
            let (mut out, mut ranges) = (String::new(), Vec::new());
            fold(&text, &mut out, &mut ranges);
            let folded: Vec<&str> = ranges.iter().map(|r| &out[r.clone()]).collect();
            let tokens: Vec<String> = tokens(&text).map(|(_, t)| t).collect();
            prop_assert_eq!(folded, tokens);
        }

        #[test]
        fn highlights_stay_inside_the_text(text in any::<String>(), word in "[a-zA-Z\u{e0}-\u{ff}]{1,12}") {
            // Some generated "words" are punctuation (U+00F7 ÷): no query.
            let Some(mut q) = Query::new(&[word]) else { return Ok(()) };
            let len = text.chars().count();
            for r in q.highlights(&text) {
                prop_assert!(r.start < r.end && r.end <= len);
            }
        }
    }
}
