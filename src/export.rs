//! `htr export`: the catalogue as data for other systems - htr's own JSON,
//! or Open Referral's Human Services Data Specification (HSDS 3.0), the
//! format 211 systems and referral directories exchange.
//!
//! HSDS mapping (also in the README):
//! - resource → service (`id`, `name`, `alternate_name` from the first
//!   alias, `description` from the summary, `url`, `email` from an e-mail
//!   contact, `status` "active", `assured_date` from `verified_on`, `alert`
//!   from the advisory and what is unconfirmed);
//! - publisher → the service's `organization`;
//! - voice, text and relay contacts → `phones` of type `voice`, `text` and
//!   `textphone` (RFC 6350 types, as HSDS asks), with their languages;
//! - hours that say 24/7 → a weekly `schedules` entry for every day,
//!   00:00-23:59, with the hours text as its description;
//! - region → `service_areas` (the ISO 3166 code in the description);
//! - the web address, chat and web forms → virtual `service_at_locations`;
//! - every contact's languages → `languages`;
//! - audience "survivors" → an `attributes` link to the Open Eligibility
//!   term "Human Trafficking Survivors".
//!
//! Statistics have no place in HSDS and stay out of this export.
//!
//! Every id is a UUID v5 (RFC 9562) of htr's own id under one fixed
//! namespace, so exporting the same catalogue twice gives the same file.

use std::io::{self, Write};

use serde_json::{Value, json};
use uuid::Uuid;

use crate::catalogue::{Channel, Contact, Resource};
use crate::library::Library;

/// htr's namespace for UUID v5 ids: the v5 UUID of the name
/// "htr.catalogue" in the URL namespace, fixed here forever so that ids
/// never change between versions.
const NAMESPACE: Uuid = Uuid::from_u128(0x5eb3_f65c_8feb_5a25_a3f2_6adc_e2e1_74a7);

fn uuid(kind: &str, key: &str) -> String {
    Uuid::new_v5(&NAMESPACE, format!("{kind}:{key}").as_bytes()).to_string()
}

/// The whole catalogue in htr's own field names: `catalogue`, `resources`,
/// `statistics`, `signs`, `myths`.
pub fn json<W: Write>(w: &mut W, library: &Library<'_>) -> io::Result<()> {
    // A serde_json map keeps keys sorted, and exports have always been
    // written that way; the added list's facts go in only when there is one.
    let mut doc = json!({
        "catalogue": library.meta,
        "resources": library.resources,
        "statistics": library.statistics,
        "signs": library.signs,
        "myths": library.myths,
    });
    if let Some(local) = library.local_meta {
        doc["local_catalogue"] = json!(local);
    }
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(io::Error::from)?;
    writeln!(w)
}

/// Every resource as an HSDS 3.0 service, in catalogue order, as one JSON
/// array.
pub fn hsds<W: Write>(w: &mut W, library: &Library<'_>) -> io::Result<()> {
    let services: Vec<Value> = library.resources.iter().map(|r| service(r)).collect();
    serde_json::to_writer_pretty(&mut *w, &services).map_err(io::Error::from)?;
    writeln!(w)
}

/// One resource as an HSDS service.
pub fn service(r: &Resource) -> Value {
    let id = uuid("service", &r.id);
    let mut s = json!({
        "id": id,
        "name": r.name,
        "description": r.summary,
        "status": "active",
        "assured_date": r.verified_on.to_string(),
        "organization": organization(r),
        "phones": phones(r, &id),
        "schedules": schedules(r, &id),
        "service_areas": [service_area(r, &id)],
        "service_at_locations": virtual_locations(r, &id),
        "languages": languages(r, &id),
        "attributes": attributes(r, &id),
    });
    let o = s.as_object_mut().expect("a service is an object");
    o.insert("organization_id".into(), o["organization"]["id"].clone());
    if let Some(alias) = r.aliases.first() {
        o.insert("alternate_name".into(), json!(alias));
    }
    if let Some(url) = &r.url {
        o.insert("url".into(), json!(url));
    }
    if let Some(email) = r.contacts.iter().find(|c| c.channel == Channel::Email) {
        o.insert("email".into(), json!(email.value));
    }
    let alert: Vec<&str> = [r.advisory.as_deref(), r.unconfirmed.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !alert.is_empty() {
        o.insert("alert".into(), json!(alert.join(" ")));
    }
    s
}

fn organization(r: &Resource) -> Value {
    json!({
        "id": uuid("organization", &r.publisher),
        "name": r.publisher,
        "description": format!("Publisher of {}.", r.name),
    })
}

/// HSDS phone types come from RFC 6350 (vCard): `voice`, `text`,
/// `textphone`. Chat, e-mail and web contacts are not phones.
fn phone_type(channel: Channel) -> Option<&'static str> {
    match channel {
        Channel::Voice => Some("voice"),
        Channel::Text => Some("text"),
        Channel::Tty => Some("textphone"),
        Channel::Chat | Channel::Email | Channel::Web => None,
    }
}

fn phones(r: &Resource, service_id: &str) -> Vec<Value> {
    r.contacts
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let kind = phone_type(c.channel)?;
            let phone_id = uuid("phone", &format!("{}:{i}", r.id));
            let mut description = format!("{}. {}", c.label, c.hours);
            if let Some(note) = &c.note {
                description = format!("{description}. {note}");
            }
            Some(json!({
                "id": phone_id,
                "service_id": service_id,
                "number": c.value,
                "type": kind,
                "description": description,
                "languages": c.languages.iter().map(|code| language(code, &format!("{}:{i}", r.id), Some(&phone_id))).collect::<Vec<_>>(),
            }))
        })
        .collect()
}

fn language(code: &str, key: &str, phone_id: Option<&str>) -> Value {
    let mut l = json!({
        "id": uuid("language", &format!("{key}:{code}")),
        "name": crate::render::language_name(code),
        "code": code,
    });
    if let Some(phone_id) = phone_id {
        l["phone_id"] = json!(phone_id);
    }
    l
}

/// Hours text that plainly says "around the clock, every day".
fn is_24_7(hours: &str) -> bool {
    let h = hours.to_lowercase();
    h.contains("24/7") || (h.contains("24 hours") && h.contains("7 days"))
}

/// A weekly, every-day, all-day schedule for each 24/7 contact.
fn schedules(r: &Resource, service_id: &str) -> Vec<Value> {
    r.contacts
        .iter()
        .enumerate()
        .filter(|(_, c)| is_24_7(&c.hours))
        .map(|(i, c): (usize, &Contact)| {
            json!({
                "id": uuid("schedule", &format!("{}:{i}", r.id)),
                "service_id": service_id,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": "MO,TU,WE,TH,FR,SA,SU",
                "opens_at": "00:00",
                "closes_at": "23:59",
                "description": format!("{}: {}", c.label, c.hours),
            })
        })
        .collect()
}

fn service_area(r: &Resource, service_id: &str) -> Value {
    let name = match &*r.region {
        "global" => "Worldwide".to_string(),
        "US" => "United States".to_string(),
        "US-CA" => "California, United States".to_string(),
        other => other.to_string(),
    };
    let description = if r.region == "global" {
        "Worldwide".to_string()
    } else {
        format!("ISO 3166 code {}", r.region)
    };
    json!({
        "id": uuid("service_area", &r.id),
        "service_id": service_id,
        "name": name,
        "description": description,
    })
}

/// The resource's web address, and its chat and web-form contacts, as
/// virtual locations.
fn virtual_locations(r: &Resource, service_id: &str) -> Vec<Value> {
    let mut places: Vec<(String, &str)> = Vec::new();
    if let Some(url) = &r.url {
        places.push((r.name.to_string(), url));
    }
    for c in r.contacts.iter() {
        if matches!(c.channel, Channel::Chat | Channel::Web) {
            places.push((c.label.to_string(), &c.value));
        }
    }
    places
        .into_iter()
        .enumerate()
        .map(|(i, (name, url))| {
            let key = format!("{}:{i}", r.id);
            json!({
                "id": uuid("service_at_location", &key),
                "service_id": service_id,
                "location": {
                    "id": uuid("location", &key),
                    "location_type": "virtual",
                    "name": name,
                    "url": url,
                },
            })
        })
        .collect()
}

fn languages(r: &Resource, service_id: &str) -> Vec<Value> {
    let mut codes: Vec<&str> = Vec::new();
    for c in r.contacts.iter() {
        for l in c.languages.iter() {
            if !codes.contains(&&**l) {
                codes.push(l);
            }
        }
    }
    codes
        .into_iter()
        .map(|code| {
            let mut l = language(code, &r.id, None);
            l["service_id"] = json!(service_id);
            l
        })
        .collect()
}

/// The Open Eligibility term for services that serve trafficking survivors
/// directly (audience "survivors").
fn attributes(r: &Resource, service_id: &str) -> Vec<Value> {
    if !r.audience.iter().any(|a| a == "survivors") {
        return Vec::new();
    }
    let term_id = uuid(
        "taxonomy_term",
        "open-eligibility:human-trafficking-survivors",
    );
    vec![json!({
        "id": uuid("attribute", &format!("{}:human-trafficking-survivors", r.id)),
        "link_id": service_id,
        "link_type": "eligibility",
        "link_entity": "service",
        "taxonomy_term_id": term_id,
        "taxonomy_term": {
            "id": term_id,
            "name": "Human Trafficking Survivors",
            "description": "People who have experienced human trafficking.",
            "taxonomy": "Open Eligibility",
        },
    })]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_is_the_documented_one() {
        let expected = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"htr.catalogue");
        assert_eq!(NAMESPACE, expected, "{expected:#x}");
    }

    #[test]
    fn ids_are_stable_uuid_v5() {
        let a = uuid("service", "nhth");
        assert_eq!(a, uuid("service", "nhth"));
        assert_ne!(a, uuid("service", "ncmec"));
        assert_eq!(Uuid::parse_str(&a).unwrap().get_version_num(), 5);
    }

    #[test]
    fn each_channel_maps_to_its_phone_type() {
        let lib = Library::bundled();
        let nhth = service(lib.resource("nhth").unwrap());
        let types: Vec<(&str, &str)> = nhth["phones"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["number"].as_str().unwrap(), p["type"].as_str().unwrap()))
            .collect();
        assert_eq!(
            types,
            [
                ("1-888-373-7888", "voice"),
                ("233733", "text"),
                ("711", "textphone")
            ]
        );
        assert_eq!(nhth["email"], "help@humantraffickinghotline.org");
        assert_eq!(
            nhth["schedules"].as_array().unwrap().len(),
            4,
            "call, text, chat, relay are 24/7"
        );
        assert_eq!(
            nhth["attributes"][0]["taxonomy_term"]["name"],
            "Human Trafficking Survivors"
        );
        assert_eq!(nhth["assured_date"], "2026-11-25");
    }

    #[test]
    fn twenty_four_seven_is_recognised_only_when_stated() {
        assert!(is_24_7("24/7"));
        assert!(is_24_7("24 hours a day, 7 days a week"));
        assert!(!is_24_7("24 hours a day"));
        assert!(!is_24_7("Business hours"));
    }
}
