//! Search must never panic, whatever the words, over the real catalogue.
#![no_main]

use std::sync::OnceLock;

#[path = "../../src/catalogue.rs"]
#[allow(dead_code)]
mod catalogue;
#[path = "../../src/search.rs"]
#[allow(dead_code)]
mod search;

fn bundled() -> &'static catalogue::Catalogue {
    static CATALOGUE: OnceLock<catalogue::Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        catalogue::parse(include_str!("../../resources.toml")).expect("resources.toml is valid")
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let c = bundled();
    let resources: Vec<&catalogue::Resource> = c.resources.iter().collect();
    let statistics: Vec<&catalogue::Statistic> = c.statistics.iter().collect();
    let words: Vec<&str> = text.split(' ').collect();
    if let Some(mut query) = search::Query::new(&words) {
        for hit in search::search(&resources, &statistics, &mut query) {
            if let search::Item::Resource(r) = hit.item {
                let _ = query.highlights(&r.name);
            }
        }
    }
});
