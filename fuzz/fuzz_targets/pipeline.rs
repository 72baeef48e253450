//! The whole pure pipeline on arbitrary bytes, as HTML, as text and inside a
//! JSON envelope. `process` is called directly (not `process_isolated`) so a
//! panic anywhere in clean, segment or enrich is a finding, not a dead letter.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pressline::model::SourceRef;
use pressline::pipeline::{process, PipelineOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, body)) = data.split_first() else { return };
    let options = PipelineOptions::default();
    let source = SourceRef::File { file: "fuzz".into(), line: 0 };
    let url = ("url".to_string(), b"https://fuzz.example/a/b.html".to_vec());
    let (value, headers) = match mode % 3 {
        0 => (body.to_vec(), vec![url, ("content-type".to_string(), b"text/html".to_vec())]),
        1 => (body.to_vec(), vec![url, ("content-type".to_string(), b"text/plain".to_vec())]),
        _ => (body.to_vec(), vec![]),
    };
    if let Ok(events) = process(&value, &headers, source, &options) {
        for event in &events {
            // Every event must serialise: the sink writes it as JSON.
            let json = serde_json::to_value(event).expect("event serialises");
            assert!(json["id"].as_str().is_some_and(|id| !id.is_empty()));
            // Offsets are character positions inside the event's own text.
            let chars = event.text.chars().count() as u32;
            let spans = event.entities.iter().flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)));
            for (start, end) in spans.chain(event.quotes.iter().map(|q| (q.start, q.end))) {
                assert!(start <= end && end <= chars, "span {start}..{end} outside {chars} chars");
            }
        }
    }
});
