//! Cost of entities + quotes per page, and the tagger's tokens per CPU-second,
//! on the Zyte pages (cleaned and segmented once, outside the timing).
//!
//!     cargo bench --bench entities
//!
//! Prints milliseconds of thread CPU per page for entities (rules + tagger)
//! and quotes together, against the 0.3 ms target, and the tagger's tokens
//! per CPU-second.

#[path = "common/corpus.rs"]
mod corpus;

#[cfg(feature = "service")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use pressline::model::RawPage;
use pressline::pipeline::enrich::entities::find_entities;
use pressline::pipeline::enrich::quotes::find_quotes;
use pressline::pipeline::text::sentence_spans;
use pressline::pipeline::{clean, segment, PipelineOptions};

/// CPU time of this thread, in seconds.
fn thread_cpu() -> f64 {
    let mut ts = libc_timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the pointer it is given.
    unsafe { clock_gettime(3, &mut ts) }; // CLOCK_THREAD_CPUTIME_ID
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

#[repr(C)]
struct libc_timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut libc_timespec) -> i32;
}

fn main() {
    let options = PipelineOptions::default();
    let texts: Vec<(String, Option<String>)> = corpus::load()
        .into_iter()
        .filter_map(|p| {
            let raw = RawPage {
                url: p.url,
                fetched_at: None,
                status: Some(200),
                content_type: Some("text/html".into()),
                headers: Default::default(),
                body: p.html,
                charset: None,
            };
            let seg = segment(clean(raw, &options.limits).ok()?).ok()?;
            let text = seg.main.paragraphs.join("\n\n");
            let lang = whatlang::detect(&text).map(|i| i.lang().code().to_string());
            let lang = lang.map(|l| match l.as_str() {
                "eng" => "en".to_string(),
                "fra" => "fr".to_string(),
                "deu" => "de".to_string(),
                "spa" => "es".to_string(),
                other => other.to_string(),
            });
            Some((text, lang))
        })
        .collect();
    let sentences: Vec<Vec<(usize, usize)>> = texts.iter().map(|(t, _)| sentence_spans(t)).collect();
    let words: usize = texts.iter().map(|(t, _)| t.split_whitespace().count()).sum();
    let rounds = 5;
    let start = thread_cpu();
    for _ in 0..rounds {
        for ((text, lang), sents) in texts.iter().zip(&sentences) {
            let found = find_entities(text, sents, lang.as_deref());
            black_box(find_quotes(text, sents, &found, lang.as_deref()));
        }
    }
    let cpu = (thread_cpu() - start) / rounds as f64;
    let pages = texts.len() as f64;
    println!(
        "entities + quotes: {pages} pages, {words} words; {:.3} ms CPU per page (target <= 0.3); {:.0} words per CPU-second",
        cpu / pages * 1e3,
        words as f64 / cpu
    );
}
