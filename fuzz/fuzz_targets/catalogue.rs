//! Catalogue loading must never panic, whatever the bytes: the same parser
//! and rules that `htr check` and `--catalogue` use.
#![no_main]

#[path = "../../src/catalogue.rs"]
#[allow(dead_code)]
mod catalogue;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = catalogue::parse(text);
    }
});
