//! Catalogue loading must never panic, whatever the bytes: the same parser
//! and rules that `htr check` and `--catalogue` use. And the quick reader
//! (src/quick_toml.rs) must read every file it accepts exactly as the
//! `toml` crate does.
#![no_main]

#[path = "../../src/catalogue.rs"]
#[allow(dead_code)]
mod catalogue;

#[path = "../../src/quick_toml.rs"]
#[allow(dead_code)]
mod quick_toml;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let full = toml::from_str::<catalogue::Catalogue>(text);
        if let Some(quick) = quick_toml::parse(text) {
            let full = full.expect("the quick reader accepted what toml rejects");
            assert_eq!(format!("{quick:?}"), format!("{full:?}"));
        }
        let _ = catalogue::parse(text);
    }
});
