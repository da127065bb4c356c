//! The catalogue in use: the bundled one, and lookups over it by id, alias,
//! topic and resource.

use crate::catalogue::{Catalogue, Meta, Myth, Resource, Signs, Statistic};

/// The bundled catalogue, checked and baked by build.rs. Generated code:
/// long numeric literals are figures as the sources print them.
#[allow(clippy::unreadable_literal)]
static BUNDLED: Catalogue = {
    use crate::catalogue::{
        Channel, Confidence, Contact, Date, Kind, Meta, Myth, Resource, SignCategory, Signs,
        Source, Statistic,
    };
    use std::borrow::Cow;
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"))
};

/// Borrowed views of every entry, in catalogue order: the bundled entries,
/// then those of a user's catalogue when one is added.
pub struct Library<'a> {
    pub meta: &'a Meta,
    /// The facts of a user's catalogue added to the bundled one (not set
    /// when a user's catalogue is used alone: then it is `meta`).
    pub local_meta: Option<&'a Meta>,
    pub resources: Vec<&'a Resource>,
    pub statistics: Vec<&'a Statistic>,
    pub signs: Option<&'a Signs>,
    pub myths: Vec<&'a Myth>,
}

/// The catalogue compiled into the binary. Costs nothing to load.
pub fn bundled_catalogue() -> &'static Catalogue {
    &BUNDLED
}

impl Library<'static> {
    /// The bundled catalogue alone.
    pub fn bundled() -> Self {
        Self::of(&BUNDLED)
    }
}

impl<'a> Library<'a> {
    pub fn of(c: &'a Catalogue) -> Self {
        Library {
            meta: &c.meta,
            local_meta: None,
            resources: c.resources.iter().collect(),
            statistics: c.statistics.iter().collect(),
            signs: c.signs.as_ref(),
            myths: c.myths.iter().collect(),
        }
    }

    /// The bundled catalogue with a user's entries after it. The user's
    /// signs, if it has any, replace the bundled ones; myths add up.
    pub fn merged(bundled: &'a Catalogue, local: &'a Catalogue) -> Self {
        Library {
            meta: &bundled.meta,
            local_meta: Some(&local.meta),
            resources: bundled
                .resources
                .iter()
                .chain(local.resources.iter())
                .collect(),
            statistics: bundled
                .statistics
                .iter()
                .chain(local.statistics.iter())
                .collect(),
            signs: local.signs.as_ref().or(bundled.signs.as_ref()),
            myths: bundled.myths.iter().chain(local.myths.iter()).collect(),
        }
    }

    /// The lines to call, in catalogue order: what `htr hotline` and the
    /// top of a handout show.
    pub fn hotlines(&self) -> Vec<&'a Resource> {
        self.resources
            .iter()
            .filter(|r| r.kind == crate::catalogue::Kind::Hotline)
            .copied()
            .collect()
    }

    /// "Catalogue checked DATE", with the added list's title and date when
    /// a user's catalogue is added.
    pub fn checked_line(&self) -> String {
        match self.local_meta {
            Some(local) => format!(
                "Catalogue checked {}; local list \"{}\" checked {}",
                self.meta.verified_on, local.title, local.verified_on
            ),
            None => format!("Catalogue checked {}", self.meta.verified_on),
        }
    }

    /// A resource by id, or by alias or id ignoring case (`911`, `NCMEC`).
    pub fn resource(&self, key: &str) -> Option<&'a Resource> {
        let key = key.trim();
        self.resources
            .iter()
            .find(|r| r.id == key)
            .or_else(|| {
                self.resources.iter().find(|r| {
                    r.id.eq_ignore_ascii_case(key)
                        || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(key))
                })
            })
            .copied()
    }

    /// A statistic by id.
    pub fn statistic(&self, id: &str) -> Option<&'a Statistic> {
        self.statistics.iter().find(|s| s.id == id.trim()).copied()
    }

    /// The statistics that belong to a resource.
    pub fn statistics_of(&self, resource_id: &str) -> Vec<&'a Statistic> {
        self.statistics
            .iter()
            .filter(|s| s.resource.as_deref() == Some(resource_id))
            .copied()
            .collect()
    }

    /// Does a statistic concern a topic? Its own topics decide; one without
    /// topics takes its resource's (a national figure must not turn up under
    /// `texas` because its resource also holds Texas figures).
    pub fn statistic_has_topic(&self, s: &Statistic, topic: &str) -> bool {
        let matches = |topics: &[crate::catalogue::Text]| {
            topics.iter().any(|t| t.eq_ignore_ascii_case(topic))
        };
        if s.topics.is_empty() {
            s.resource
                .as_deref()
                .and_then(|id| self.resource(id))
                .is_some_and(|r| matches(&r.topics))
        } else {
            matches(&s.topics)
        }
    }

    /// Every topic used by resources or statistics, sorted, without repeats.
    pub fn topics(&self) -> Vec<&'a str> {
        let mut all: Vec<&str> = self
            .resources
            .iter()
            .flat_map(|r| r.topics.iter())
            .chain(self.statistics.iter().flat_map(|s| s.topics.iter()))
            .map(|t| &**t)
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Ids that look like `key`, best first, for "did you mean" hints.
    pub fn nearest_ids(&self, key: &str) -> Vec<&'a str> {
        let ids = self
            .resources
            .iter()
            .map(|r| &*r.id)
            .chain(self.statistics.iter().map(|s| &*s.id));
        nearest(key, ids)
    }
}

/// Up to three candidates that contain `key` or are spelled like it.
pub fn nearest<'a>(key: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let key = key.trim().to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .filter_map(|c| {
            let similarity = if !key.is_empty() && c.contains(&key) {
                1.0
            } else {
                strsim::normalized_damerau_levenshtein(&key, c)
                    .max(strsim::jaro_winkler(&key, c) - 0.15)
            };
            (similarity >= 0.6).then_some((similarity, c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_id_alias_and_case() {
        let lib = Library::bundled();
        assert_eq!(lib.resource("nhth").unwrap().id, "nhth");
        assert_eq!(lib.resource("NHTH").unwrap().id, "nhth");
        assert_eq!(lib.resource("911").unwrap().id, "emergency");
        assert_eq!(lib.resource("ncmec").unwrap().id, "ncmec");
        assert!(lib.resource("nope").is_none());
    }

    /// The numbers people dial, typed again here by hand from the fact check
    /// (sources.md, "Contacts"), independently of resources.toml: a typo in
    /// either copy fails this test.
    #[test]
    fn critical_numbers_match_an_independent_copy() {
        use crate::catalogue::Channel;
        let lib = Library::bundled();
        let value = |id: &str, channel: Channel| -> Vec<String> {
            lib.resource(id)
                .unwrap_or_else(|| panic!("{id} missing"))
                .contacts
                .iter()
                .filter(|c| c.channel == channel)
                .map(|c| c.value.to_string())
                .collect()
        };
        assert_eq!(value("nhth", Channel::Voice), ["1-888-373-7888"]);
        assert_eq!(value("nhth", Channel::Text), ["233733"]);
        assert_eq!(value("nhth", Channel::Tty), ["711"]);
        assert_eq!(value("ncmec", Channel::Voice), ["1-800-843-5678"]);
        assert_eq!(
            value("ncmec", Channel::Web),
            ["https://report.cybertip.org/"]
        );
        assert_eq!(value("emergency", Channel::Voice), ["911"]);
        // The Hotline's text and chat are English and Spanish only; only
        // phone calls reach 200+ languages, through interpreters.
        let nhth = lib.resource("nhth").unwrap();
        for c in nhth.contacts.iter() {
            assert_eq!(&*c.languages, ["en", "es"], "{}", c.label);
        }
        // 1-800-THE-LOST spells 1-800-843-5678 on a phone keypad.
        let keypad = |c: char| match c {
            'A'..='C' => '2',
            'D'..='F' => '3',
            'G'..='I' => '4',
            'J'..='L' => '5',
            'M'..='O' => '6',
            'P'..='S' => '7',
            'T'..='V' => '8',
            'W'..='Z' => '9',
            other => other,
        };
        assert_eq!(
            "1-800-THE-LOST".chars().map(keypad).collect::<String>(),
            "1-800-843-5678"
        );
    }

    /// Corrections from the fact check that must never regress.
    #[test]
    fn fact_check_corrections_hold() {
        let lib = Library::bundled();
        let text = |id: &str| {
            let r = lib.resource(id).unwrap();
            format!("{} {} {}", r.name, r.publisher, r.summary)
        };
        assert!(text("ncmec").contains("Missing & Exploited"));
        assert!(text("ilo-global-estimates").contains("International Labour Organization"));
        assert!(text("ilo-global-estimates").contains("Walk Free"));
        assert!(text("ovc-ttac").contains("Office for Victims of Crime"));
        assert!(!text("nhth").contains("operated by Polaris"));
        let s = lib.statistic("polaris-typology-types").unwrap();
        assert!(s.unit.contains("types") && !s.claim.contains("industries"));
        for id in [
            "ca-csec-identified-seed",
            "ca-csec-before-18-seed",
            "nhth-california-vs-texas-seed",
            "nhth-minors-share-seed",
        ] {
            let s = lib.statistic(id).unwrap();
            assert_eq!(
                s.confidence,
                crate::catalogue::Confidence::Unverified,
                "{id}"
            );
        }
        // Every statistic names what it counts, when, and where from.
        for s in &lib.statistics {
            assert!(s.source.url.starts_with("https://"), "{}", s.id);
            assert!(!s.period.is_empty() && !s.claim.is_empty(), "{}", s.id);
        }
        assert!(lib.resources.len() >= 18);
    }

    #[test]
    fn nearest_ids_suggest_typos_and_prefixes() {
        let lib = Library::bundled();
        assert_eq!(lib.nearest_ids("nhht").first(), Some(&"nhth"));
        assert!(lib.nearest_ids("typology").contains(&"polaris-typology"));
        assert!(lib.nearest_ids("zzzzzz").is_empty());
    }
}
