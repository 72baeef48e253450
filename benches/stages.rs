//! Stage throughput on real pages: clean, segment, enrich and the whole
//! pipeline, each over the full Zyte corpus per iteration; then the same over
//! the Zyte pages as plain text (`zyte_txt`, the text path), when they are there.
//!
//!     cargo bench --bench stages
//!
//! Criterion reports pages/s per stage (one thread). After it, a summary pass
//! measures each stage's *thread CPU time* side by side in the same run and
//! prints pages and MB per CPU-second next to the targets, because wall time on
//! a shared 2-core machine says more about the neighbours than about the code.
//! The summary is also written to `target/bench/stages.json` (text pages:
//! `target/bench/stages-text.json`).

#[path = "common/corpus.rs"]
mod corpus;

// The allocator the `pressline` binary runs with, so the figures are the service's.
#[cfg(feature = "service")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use pressline::model::{RawPage, SourceRef, HEADER_CONTENT_TYPE, HEADER_URL};
use pressline::pipeline::clean::CleanPage;
use pressline::pipeline::segment::Segmented;
use pressline::pipeline::{clean, enrich, mark_duplicates, process, segment, DuplicateWindow, PipelineOptions};

struct Inputs {
    raw: Vec<RawPage>,
    records: Vec<(Vec<u8>, Vec<(String, Vec<u8>)>)>,
    cleaned: Vec<CleanPage>,
    segmented: Vec<Segmented>,
    bytes: u64,
}

/// The pages as the scraper hands them over, with the content type they are served as.
fn inputs(options: &PipelineOptions, pages: &[corpus::CorpusPage], content_type: &str) -> Inputs {
    let bytes = pages.iter().map(|p| p.html.len() as u64).sum();
    let raw: Vec<RawPage> = pages
        .iter()
        .map(|p| RawPage {
            url: p.url.clone(),
            fetched_at: None,
            status: Some(200),
            content_type: Some(content_type.into()),
            headers: Default::default(),
            body: p.html.clone(),
            charset: None,
        })
        .collect();
    // The worker's view: raw page bytes as the record value, described by headers.
    let records = pages
        .iter()
        .map(|p| {
            let headers = vec![
                (HEADER_URL.to_string(), p.url.as_bytes().to_vec()),
                (HEADER_CONTENT_TYPE.to_string(), content_type.as_bytes().to_vec()),
            ];
            (p.html.clone(), headers)
        })
        .collect();
    let cleaned: Vec<CleanPage> = raw.iter().filter_map(|p| clean(p.clone(), &options.limits).ok()).collect();
    let segmented: Vec<Segmented> = cleaned.iter().filter_map(|p| segment(p.clone()).ok()).collect();
    Inputs { raw, records, cleaned, segmented, bytes }
}

fn source() -> SourceRef {
    SourceRef::Kafka { topic: "bench.raw".into(), partition: 0, offset: 0 }
}

/// One pass of a stage over its whole input set (inputs cloned before timing).
fn pass(stage: &str, inputs: &Inputs, options: &PipelineOptions, clock: &mut dyn FnMut() -> Duration) -> Duration {
    match stage {
        "clean" => {
            let batch = inputs.raw.clone();
            let start = clock();
            for page in batch {
                let _ = black_box(clean(page, &options.limits));
            }
            clock() - start
        }
        "segment" => {
            let batch = inputs.cleaned.clone();
            let start = clock();
            for page in batch {
                let _ = black_box(segment(page));
            }
            clock() - start
        }
        "enrich" => {
            let batch = inputs.segmented.clone();
            let start = clock();
            for page in batch {
                black_box(enrich(page, source(), &options.enrich));
            }
            clock() - start
        }
        "pipeline" => {
            let start = clock();
            for (value, headers) in &inputs.records {
                let _ = black_box(process(value, headers, source(), options));
            }
            clock() - start
        }
        _ => unreachable!(),
    }
}

const STAGES: [&str; 4] = ["clean", "segment", "enrich", "pipeline"];

fn pages_in(stage: &str, inputs: &Inputs) -> usize {
    match stage {
        "segment" => inputs.cleaned.len(),
        "enrich" => inputs.segmented.len(),
        _ => inputs.raw.len(),
    }
}

/// On-CPU time of the calling thread (Linux schedstat), wall time elsewhere.
fn thread_cpu() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|ns| ns.parse().ok()))
        .map(Duration::from_nanos)
        .unwrap_or_else(|| START.get_or_init(Instant::now).elapsed())
}

/// One corpus's side-by-side CPU figures: what it is called, its targets, where its JSON goes.
struct Corpus {
    name: &'static str,
    /// The variable that points the bench at another copy of the pages, and its default folder name.
    data_var: &'static str,
    default_set: &'static str,
    targets: &'static [(&'static str, f64)],
    json: &'static str,
}

impl Corpus {
    /// The set's folder name, so the summary and the chart say which pages they measured.
    fn set(&self) -> String {
        std::env::var_os(self.data_var)
            .and_then(|dir| std::path::Path::new(&dir).file_name().map(|name| name.to_string_lossy().into_owned()))
            .unwrap_or_else(|| self.default_set.to_string())
    }
}

// Targets of issues #16 (clean) and #19 (whole pipeline, HTML and text pages).
const HTML: Corpus = Corpus {
    name: "HTML pages",
    data_var: "PRESSLINE_BENCH_DATA",
    default_set: "zyte",
    targets: &[("clean", 450.0), ("pipeline", 450.0)],
    json: "stages.json",
};
const TEXT: Corpus = Corpus {
    name: "text pages",
    data_var: "PRESSLINE_BENCH_TEXT_DATA",
    default_set: "zyte_txt",
    targets: &[("pipeline", 3000.0)],
    json: "stages-text.json",
};

fn summary(corpus: &Corpus, inputs: &Inputs, options: &PipelineOptions, passes: usize) {
    let mb = inputs.bytes as f64 / 1e6;
    println!(
        "\nstage summary: {} {} ({}), {:.1} MB of input, {} passes each, thread CPU time",
        inputs.raw.len(),
        corpus.name,
        corpus.set(),
        mb,
        passes
    );
    println!("| stage | pages | pages/CPU-s | MB/CPU-s | wall pages/s | target pages/CPU-s |");
    println!("|---|---:|---:|---:|---:|---|");
    let mut rows = Vec::new();
    for stage in STAGES {
        let mut cpu = Duration::ZERO;
        let wall_start = Instant::now();
        for _ in 0..passes {
            cpu += pass(stage, inputs, options, &mut thread_cpu);
        }
        let wall = wall_start.elapsed();
        let pages = pages_in(stage, inputs) * passes;
        let pages_per_cpu_s = pages as f64 / cpu.as_secs_f64();
        // MB of input behind the pages this stage saw.
        let stage_mb = mb * pages_in(stage, inputs) as f64 / inputs.raw.len() as f64 * passes as f64;
        let mb_per_cpu_s = stage_mb / cpu.as_secs_f64();
        let target = corpus.targets.iter().find(|(s, _)| *s == stage).map(|(_, t)| *t);
        let verdict = match target {
            Some(t) if pages_per_cpu_s >= t => format!("≥ {t} ✔"),
            Some(t) => format!("≥ {t} ✘"),
            None => "—".into(),
        };
        println!(
            "| {stage} | {} | {pages_per_cpu_s:.0} | {mb_per_cpu_s:.1} | {:.0} | {verdict} |",
            pages_in(stage, inputs),
            pages as f64 / wall.as_secs_f64(),
        );
        rows.push(serde_json::json!({
            "stage": stage, "pages": pages_in(stage, inputs), "pages_per_cpu_s": pages_per_cpu_s,
            "mb_per_cpu_s": mb_per_cpu_s, "target_pages_per_cpu_s": target,
        }));
    }
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let _ = std::fs::create_dir_all(&out);
    let json = serde_json::json!({ "corpus": corpus.set(), "corpus_pages": inputs.raw.len(), "corpus_mb": mb, "passes": passes, "stages": rows });
    let _ = std::fs::write(out.join(corpus.json), serde_json::to_vec_pretty(&json).unwrap());
}

fn bench_group(c: &mut Criterion, group_name: &str, inputs: &Inputs, options: &PipelineOptions) {
    let mut group = c.benchmark_group(group_name);
    group.sampling_mode(SamplingMode::Flat);
    for stage in STAGES {
        group.throughput(Throughput::Elements(pages_in(stage, inputs) as u64));
        group.bench_function(stage, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    let mut clock = move || start.elapsed();
                    total += pass(stage, inputs, options, &mut clock);
                }
                total
            })
        });
    }
    group.finish();
}

/// The worker marks every event against its window of recent fingerprints
/// (`pipeline.duplicate_window`, 10,000 by default) under one lock: the cost
/// of one page's events against a full window.
fn bench_duplicates(c: &mut Criterion, inputs: &Inputs, options: &PipelineOptions) {
    let pages: Vec<_> = inputs.segmented.iter().map(|page| enrich(page.clone(), source(), &options.enrich)).collect();
    let mut window = DuplicateWindow::new(10_000, 3);
    let mut filled = 0;
    'fill: for round in 0.. {
        for events in &pages {
            for event in events {
                let mut copy = event.clone();
                copy.id = format!("{}-{round}", event.id);
                // Other texts: a window of copies would stop at the first entry.
                copy.fingerprint.sha256 = format!("{filled:064x}");
                copy.fingerprint.simhash = format!("{:016x}", (filled as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                mark_duplicates(std::slice::from_mut(&mut copy), &mut window);
                filled += 1;
                if filled == 10_000 {
                    break 'fill;
                }
            }
        }
    }
    let mut group = c.benchmark_group("duplicates");
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.bench_function("window_10000", |b| {
        b.iter_batched(
            || (pages.clone(), window.clone()),
            |(mut pages, mut window)| {
                for events in &mut pages {
                    mark_duplicates(events, &mut window);
                }
                // Dropped outside the timing.
                (pages, window)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn main() {
    let test_mode = std::env::args().any(|a| a == "--test");
    let options = PipelineOptions::default();
    let html = inputs(&options, &corpus::load(), "text/html");
    let text = corpus::load_text().map(|pages| inputs(&options, &pages, "text/plain; charset=utf-8"));
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    bench_group(&mut c, "stages", &html, &options);
    bench_duplicates(&mut c, &html, &options);
    if let Some(text) = &text {
        bench_group(&mut c, "stages_text", text, &options);
    }
    c.final_summary();
    let passes = std::env::var("PRESSLINE_BENCH_PASSES").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    let passes = if test_mode { 1 } else { passes };
    summary(&HTML, &html, &options, passes);
    if let Some(text) = &text {
        // Text pages are small and quick: more passes for the same steadiness.
        summary(&TEXT, text, &options, passes * 3);
    }
}
