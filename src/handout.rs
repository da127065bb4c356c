//! What goes on a one-page handout, chosen once and rendered by the text,
//! Markdown and HTML writers alike.

use std::fmt::Write as _;

use qrcode::QrCode;

use crate::catalogue::{
    Channel, Confidence, Contact, Kind, Myth, Resource, Signs, Source, Statistic,
};
use crate::library::Library;

/// Everything a handout shows, in the order it shows it.
pub struct Handout<'a> {
    /// The topics asked for; empty means every topic.
    pub topics: Vec<String>,
    /// Hotline entries, first on the page: who to call.
    pub hotlines: Vec<&'a Resource>,
    /// Other resources with a web address.
    pub resources: Vec<&'a Resource>,
    /// Figures, each with the 1-based number of its entry in `sources`.
    pub stats: Vec<(&'a Statistic, usize)>,
    /// The works cited, in order of first citation; figures from the same
    /// work share one number, as in a reference list.
    pub sources: Vec<&'a Source>,
    /// Figures that matched but did not fit.
    pub stats_left_out: usize,
    pub signs: Option<(&'a Signs, Option<&'a Resource>)>,
    pub myths: Vec<(&'a Myth, Option<&'a Resource>)>,
    /// When the catalogue (and a local list, if any) was checked.
    pub checked: String,
    /// How to report, from the first hotline: its name, call and text values.
    pub report: Option<Report<'a>>,
    /// A QR code of the first hotline's web form, and the address it holds.
    pub qr: Option<(QrCode, &'a str)>,
}

/// The footer's "how to report" line.
pub struct Report<'a> {
    pub name: &'a str,
    pub call: Option<&'a str>,
    pub text: Option<&'a str>,
}

/// The choices a handout is built from.
pub struct Options<'o> {
    pub topics: &'o [String],
    pub signs: bool,
    pub myths: bool,
    pub max_stats: usize,
    pub qr: bool,
}

impl<'a> Handout<'a> {
    pub fn build(library: &Library<'a>, o: &Options<'_>) -> Self {
        let topics: Vec<String> = o.topics.iter().map(|t| t.trim().to_lowercase()).collect();
        let about = |list: &[crate::catalogue::Text]| {
            topics.is_empty()
                || list
                    .iter()
                    .any(|t| topics.iter().any(|w| t.eq_ignore_ascii_case(w)))
        };
        let hotlines = library.hotlines();
        let resources = library
            .resources
            .iter()
            .filter(|r| r.kind != Kind::Hotline && r.url.is_some() && about(&r.topics))
            .copied()
            .collect();
        // Unverified figures never go on a handout: it is printed and passed
        // on, with no way to carry the warning.
        let matching: Vec<&Statistic> = library
            .statistics
            .iter()
            .filter(|s| s.confidence != Confidence::Unverified)
            .filter(|s| {
                topics.is_empty() || topics.iter().any(|t| library.statistic_has_topic(s, t))
            })
            .copied()
            .collect();
        let stats_left_out = matching.len().saturating_sub(o.max_stats);
        let mut sources: Vec<&Source> = Vec::new();
        let stats = matching
            .into_iter()
            .take(o.max_stats)
            .map(|s| {
                if let Some(i) = sources.iter().position(|c| same_work(c, &s.source)) {
                    (s, i + 1)
                } else {
                    sources.push(&s.source);
                    (s, sources.len())
                }
            })
            .collect();
        let resource_of = |id: &str| library.resource(id);
        let first = hotlines.first().copied();
        let report = first.map(|r| Report {
            name: &r.name,
            call: contact(r, Channel::Voice).map(|c| &*c.value),
            text: contact(r, Channel::Text).map(|c| &*c.value),
        });
        let qr = if o.qr { first.and_then(qr_of) } else { None };
        Handout {
            topics,
            hotlines,
            resources,
            stats,
            sources,
            stats_left_out,
            signs: if o.signs {
                library.signs.map(|s| (s, resource_of(&s.resource)))
            } else {
                None
            },
            myths: if o.myths {
                library
                    .myths
                    .iter()
                    .map(|m| (*m, resource_of(&m.resource)))
                    .collect()
            } else {
                Vec::new()
            },
            checked: library.checked_line(),
            report,
            qr,
        }
    }

    /// The page's title.
    pub fn title(&self) -> String {
        if self.topics.is_empty() {
            "Human trafficking: where to get help".to_string()
        } else {
            format!(
                "Human trafficking: where to get help ({})",
                self.topics.join(", ")
            )
        }
    }

    /// Says how many figures did not fit, and how to see them.
    pub fn more_figures(&self) -> Option<String> {
        if self.stats_left_out == 0 {
            return None;
        }
        let topics: String = self.topics.iter().fold(String::new(), |mut all, t| {
            let _ = write!(all, " --topic {t}");
            all
        });
        Some(format!(
            "{} more figures in htr: run `htr stats{topics}`.",
            self.stats_left_out
        ))
    }

    /// The footer's report line, in words.
    pub fn report_line(&self) -> Option<String> {
        let r = self.report.as_ref()?;
        let how = match (r.call, r.text) {
            (Some(call), Some(text)) => format!("call {call} or text {text}"),
            (Some(call), None) => format!("call {call}"),
            (None, Some(text)) => format!("text {text}"),
            (None, None) => return None,
        };
        Some(format!(
            "To report a tip or ask for help, contact the {}: {how}. If someone is in immediate danger, call 911.",
            r.name
        ))
    }
}

fn same_work(a: &Source, b: &Source) -> bool {
    a.url == b.url && a.title == b.title && a.publisher == b.publisher
}

/// A source as one reference-list entry: publisher, "title", date. URL
pub fn reference(s: &Source) -> String {
    let mut out = format!("{}, \"{}\"", s.publisher, s.title);
    if let Some(date) = s.published {
        let _ = write!(out, ", {date}");
    }
    let _ = write!(out, ". {}", s.url);
    out
}

fn contact(r: &Resource, channel: Channel) -> Option<&Contact> {
    r.contacts.iter().find(|c| c.channel == channel)
}

/// The address a QR code should hold for a resource: its web form first
/// (confirmed on the Hotline's own page), else its chat.
pub fn qr_target(r: &Resource) -> Option<&str> {
    contact(r, Channel::Web)
        .or_else(|| contact(r, Channel::Chat))
        .map(|c| &*c.value)
}

/// A QR code of a resource's web address, if it has one.
pub fn qr_of(r: &Resource) -> Option<(QrCode, &str)> {
    let url = qr_target(r)?;
    QrCode::new(url.as_bytes()).ok().map(|code| (code, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(topics: &[&str], max_stats: usize) -> Handout<'static> {
        let lib: &'static Library<'static> = Box::leak(Box::new(Library::bundled()));
        let topics: Vec<String> = topics.iter().map(ToString::to_string).collect();
        Handout::build(
            lib,
            &Options {
                topics: &topics,
                signs: true,
                myths: true,
                max_stats,
                qr: true,
            },
        )
    }

    #[test]
    fn hotlines_come_first_and_unverified_figures_never_appear() {
        let h = build(&["california"], 100);
        assert_eq!(h.hotlines[0].id, "nhth");
        assert!(
            h.stats
                .iter()
                .all(|(s, _)| s.confidence != Confidence::Unverified)
        );
        assert!(
            h.stats
                .iter()
                .any(|(s, _)| s.id == "pact-ca-child-labor-share")
        );
        assert!(
            !h.stats
                .iter()
                .any(|(s, _)| s.id == "ca-csec-identified-seed")
        );
    }

    #[test]
    fn figures_are_capped_and_the_rest_counted() {
        let h = build(&[], 3);
        assert_eq!(h.stats.len(), 3);
        assert!(h.stats_left_out > 0);
    }

    #[test]
    fn figures_from_one_work_share_a_number() {
        let h = build(&["homelessness"], 100);
        let numbers: Vec<usize> = h.stats.iter().map(|(_, n)| *n).collect();
        assert!(numbers.len() > h.sources.len(), "{numbers:?}");
        assert_eq!(numbers[0], 1);
        assert!(numbers.iter().all(|n| (1..=h.sources.len()).contains(n)));
    }

    #[test]
    fn qr_holds_the_tip_form() {
        let h = build(&[], 1);
        let (_, url) = h.qr.expect("qr");
        assert_eq!(
            url,
            "https://humantraffickinghotline.org/en/report-trafficking"
        );
    }

    #[test]
    fn report_line_comes_from_the_first_hotline() {
        let line = build(&[], 1).report_line().unwrap();
        assert!(line.contains("1-888-373-7888") && line.contains("233733") && line.contains("911"));
    }
}
