//! The pure core: `clean → segment → enrich` over owned values.
//!
//! `process` is the one entry point the Kafka worker, the `process` command and
//! the benchmarks all call, so they cannot drift apart. It never does I/O and
//! never panics on input (the worker still isolates it with `catch_unwind`).

pub(crate) mod budget;
pub mod clean;
pub mod enrich;
pub mod segment;
pub mod text;

use crate::model::{ArticleEvent, InputError, RawPage, SourceRef};
pub use clean::{clean, CleanError, CleanLimits};
pub use enrich::{enrich, mark_duplicates, DuplicateWindow, EnrichOptions};
pub use segment::{segment, SegmentError};

/// Everything the stages can be tuned with; built from the `[pipeline]` config.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PipelineOptions {
    pub limits: CleanLimits,
    pub enrich: EnrichOptions,
}

/// Why an input ended in the dead-letter topic instead of becoming events.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PipelineError {
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Clean(#[from] CleanError),
    #[error(transparent)]
    Segment(#[from] SegmentError),
    #[error("pipeline panicked: {0}")]
    Panic(String),
    #[error("page took longer than its {0} ms budget")]
    TimedOut(u64),
}

impl PipelineError {
    /// The stage that failed (`error.stage` header, `stage` metric label).
    pub fn stage(&self) -> &'static str {
        match self {
            PipelineError::Input(_) => "input",
            PipelineError::Clean(_) => "clean",
            PipelineError::Segment(_) => "segment",
            PipelineError::Panic(_) | PipelineError::TimedOut(_) => "pipeline",
        }
    }

    /// Machine-readable reason (`error.kind` header, `kind` metric label).
    pub fn kind(&self) -> &'static str {
        match self {
            PipelineError::Input(e) => e.kind(),
            PipelineError::Clean(e) => e.kind(),
            PipelineError::Segment(e) => e.kind(),
            PipelineError::Panic(_) => "panic",
            PipelineError::TimedOut(_) => "timeout",
        }
    }
}

/// Time spent in each stage of one page, for the per-stage histograms.
/// Reading the monotonic clock does not change any output.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct StageTimes {
    pub input: std::time::Duration,
    pub clean: std::time::Duration,
    pub segment: std::time::Duration,
    pub enrich: std::time::Duration,
}

fn timed<T>(slot: &mut std::time::Duration, f: impl FnOnce() -> T) -> T {
    let started = std::time::Instant::now();
    let out = f();
    *slot = started.elapsed();
    out
}

/// Between stages, a page past its deadline gives up (`TimedOut(0)`: the
/// caller, which owns the budget, fills in its size) instead of running on
/// unobserved after its caller stopped waiting.
fn run_page_until(
    page: RawPage,
    source: SourceRef,
    options: &PipelineOptions,
    times: &mut StageTimes,
    deadline: Option<std::time::Instant>,
) -> Result<Vec<ArticleEvent>, PipelineError> {
    let past_deadline = || deadline.is_some_and(|d| std::time::Instant::now() >= d);
    let cleaned = timed(&mut times.clean, || clean(page, &options.limits))?;
    if past_deadline() {
        return Err(PipelineError::TimedOut(0));
    }
    let segmented = timed(&mut times.segment, || segment(cleaned))?;
    if past_deadline() {
        return Err(PipelineError::TimedOut(0));
    }
    Ok(timed(&mut times.enrich, || enrich(segmented, source, &options.enrich)))
}

/// Reads one input record (envelope or raw value + headers) and runs it.
pub fn process(
    value: &[u8],
    headers: &[(String, Vec<u8>)],
    source: SourceRef,
    options: &PipelineOptions,
) -> Result<Vec<ArticleEvent>, PipelineError> {
    process_timed(value, headers, source, options, &mut StageTimes::default(), None)
}

fn process_timed(
    value: &[u8],
    headers: &[(String, Vec<u8>)],
    source: SourceRef,
    options: &PipelineOptions,
    times: &mut StageTimes,
    deadline: Option<std::time::Instant>,
) -> Result<Vec<ArticleEvent>, PipelineError> {
    let page = timed(&mut times.input, || RawPage::from_record(value, headers))?;
    run_page_until(page, source, options, times, deadline)
}

/// `process` with panics turned into a `PipelineError`, so one bad page can
/// never take the worker down; also returns the time each stage took.
/// (The time budget is enforced by the callers, which own the clock.)
pub fn process_isolated(
    value: &[u8],
    headers: &[(String, Vec<u8>)],
    source: SourceRef,
    options: &PipelineOptions,
) -> (Result<Vec<ArticleEvent>, PipelineError>, StageTimes) {
    isolated(value, headers, source, options, None)
}

/// [`process_isolated`] that also stops once `deadline` has passed, with
/// [`PipelineError::TimedOut`]: between stages, and inside the loops that
/// grow with the page ([`budget`]).
pub fn process_isolated_until(
    value: &[u8],
    headers: &[(String, Vec<u8>)],
    source: SourceRef,
    options: &PipelineOptions,
    deadline: std::time::Instant,
) -> (Result<Vec<ArticleEvent>, PipelineError>, StageTimes) {
    isolated(value, headers, source, options, Some(deadline))
}

fn isolated(
    value: &[u8],
    headers: &[(String, Vec<u8>)],
    source: SourceRef,
    options: &PipelineOptions,
    deadline: Option<std::time::Instant>,
) -> (Result<Vec<ArticleEvent>, PipelineError>, StageTimes) {
    let mut times = StageTimes::default();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        budget::within(deadline, || process_timed(value, headers, source, options, &mut times, deadline))
    }))
    .unwrap_or_else(|panic| match panic.is::<budget::Spent>() {
        // Stopped inside a stage by `budget::check`.
        true => Err(PipelineError::TimedOut(0)),
        false => Err(PipelineError::Panic(panic_message(&*panic))),
    });
    (result, times)
}

/// A URL's host without `www.` ("www.rheinpost.de" → "rheinpost.de"): the
/// site's name as the event's `site`, and what site names and authors are
/// compared with. The URL parser already lower-cases it.
pub(crate) fn site_host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    parsed.host_str().map(|h| h.trim_start_matches("www.").to_string())
}

/// The text a panic was raised with.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// The main article's text for the extraction benchmark harness: the body's
/// paragraphs and subheadings in document order, separated by blank lines.
///
/// Captions are left out: they describe an image, not the story, and the
/// gold texts we measure against (Zyte, WCXB) never include them.
pub fn main_text(page: RawPage, options: &PipelineOptions) -> Result<String, PipelineError> {
    Ok(segment(clean(page, &options.limits)?)?.main.text())
}

/// For `tools/confidence`: [`main_text`] plus the main article's confidence
/// features and value, as the full pipeline computes them.
pub fn main_text_with_confidence(
    page: RawPage,
    options: &PipelineOptions,
) -> Result<(String, Vec<f64>, f64), PipelineError> {
    let segmented = segment(clean(page, &options.limits)?)?;
    let text = segmented.main.text();
    let info = segmented.page.clone();
    let source = SourceRef::File { file: "-".into(), line: 0 };
    let events = enrich(segmented, source, &options.enrich);
    let x = enrich::confidence::features(&info, &events[0]);
    Ok((text, x.to_vec(), events[0].quality.extraction_confidence.unwrap_or(0.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HEADER_URL;

    fn article_text(body: &str) -> String {
        let headers = vec![(HEADER_URL.to_string(), b"https://news.example/a".to_vec())];
        let source = SourceRef::File { file: "t".into(), line: 1 };
        process(body.as_bytes(), &headers, source, &PipelineOptions::default()).unwrap().remove(0).text
    }

    const FIRST: &str = "The harbour reopened on Monday after a week of repairs, officials said, and the \
                         first ferries left on time in the morning with every seat taken by commuters.";
    const SECOND: &str = "The council put the bill at four million euros, most of it for the new sea wall \
                          that the storm broke in two places, and said insurers would pay a third of it.";

    #[test]
    fn subheadings_stand_in_the_text_at_their_place() {
        let html = format!(
            "<html><head><title>Harbour reopens after storm</title></head><body><article>\
             <h1>Harbour reopens after storm</h1><p>{FIRST}</p><h2>Where the money went</h2>\
             <p>{SECOND}</p></article></body></html>"
        );
        let want = format!("{FIRST}\n\nWhere the money went\n\n{SECOND}");
        assert_eq!(article_text(&html), want);
        let text = format!("Harbour reopens after storm\n\n{FIRST}\n\nWhere the money went\n\n{SECOND}\n");
        assert_eq!(article_text(&text), want);
    }
}
