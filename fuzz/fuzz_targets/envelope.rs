//! Input parsing: any record value with any headers either becomes a
//! `RawPage` or a typed `InputError` (a dead letter), never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pressline::model::RawPage;

#[derive(Debug, arbitrary::Arbitrary)]
struct Record {
    value: Vec<u8>,
    headers: Vec<(String, Vec<u8>)>,
}

fuzz_target!(|record: Record| {
    match RawPage::from_record(&record.value, &record.headers) {
        Ok(page) => {
            // What was accepted must be usable downstream as-is.
            assert!(!page.url.is_empty());
            assert!(page.headers.keys().all(|k| !k.chars().any(|c| c.is_ascii_uppercase())));
        }
        Err(e) => assert!(!e.kind().is_empty()),
    }
});
