//! Bounded runs over a finite set of inputs, shared by `replay` and
//! `backfill`: the same pipeline and output records as the live worker, a
//! bounded number of pages in flight, an optional rate limit, a progress bar
//! (or periodic log lines when stderr is not a terminal) and a summary.

use std::io::{BufWriter, IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use indicatif::{ProgressBar, ProgressStyle};
use tokio::sync::{mpsc, Semaphore};

use crate::kafka::records::{deliver_outputs, outputs_for, Origin, Routes};
use crate::kafka::sink::{OutRecord, Sink};
use crate::model::{ArticleKind, SourceRef};
use crate::pipeline::{PipelineError, PipelineOptions};
use crate::pool::CpuPool;

/// One input of a bounded run.
#[derive(Debug, Clone)]
pub struct Input {
    pub source: SourceRef,
    pub key: Option<Vec<u8>>,
    pub value: Vec<u8>,
    pub headers: Vec<(String, Vec<u8>)>,
}

/// Where a run's results go.
pub enum Destination {
    /// Through the pipeline to the output (and dead-letter) topic.
    Kafka { sink: Arc<Sink>, routes: Routes },
    /// Unprocessed, as raw pages into a topic (to feed the live workers).
    RawToTopic { sink: Arc<Sink>, topic: String },
    /// Through the pipeline to JSONL files: events, and dead letters beside them.
    Files { events: Mutex<BufWriter<std::fs::File>>, dead_letters: Mutex<BufWriter<std::fs::File>> },
    /// Count only.
    DryRun,
}

impl Destination {
    pub fn files(path: &std::path::Path) -> anyhow::Result<Destination> {
        let dead = path.with_extension("dlq.jsonl");
        let open = |p: &std::path::Path| -> anyhow::Result<_> {
            Ok(Mutex::new(BufWriter::new(
                std::fs::File::create(p).map_err(|e| anyhow::anyhow!("creating {}: {e}", p.display()))?,
            )))
        };
        Ok(Destination::Files { events: open(path)?, dead_letters: open(&dead)? })
    }
}

#[derive(Debug, Default)]
struct Counts {
    inputs: AtomicU64,
    articles: AtomicU64,
    teasers: AtomicU64,
    dead_letters: AtomicU64,
    bytes: AtomicU64,
}

/// What a finished run did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    pub inputs: u64,
    pub articles: u64,
    pub teasers: u64,
    pub dead_letters: u64,
    pub input_bytes: u64,
    pub duration_seconds: f64,
    pub pages_per_second: f64,
}

pub struct Runner {
    destination: Destination,
    options: Arc<PipelineOptions>,
    cpu: CpuPool,
    in_flight: Arc<Semaphore>,
    in_flight_total: u32,
    max_rate: Option<f64>,
    started: Instant,
    submitted: AtomicU64,
    counts: Counts,
    progress: ProgressBar,
}

impl Runner {
    pub fn new(
        destination: Destination,
        options: PipelineOptions,
        page_timeout: Duration,
        threads: usize,
        max_rate: Option<f64>,
    ) -> Arc<Runner> {
        let progress = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{elapsed_precise} [{bar:40}] {pos}/{len} pages {per_sec} ETA {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        Arc::new(Runner {
            destination,
            options: Arc::new(options),
            cpu: CpuPool::new(threads, page_timeout),
            in_flight: Arc::new(Semaphore::new(threads.max(1) * 32)),
            in_flight_total: (threads.max(1) * 32) as u32,
            max_rate: max_rate.filter(|r| *r > 0.0),
            started: Instant::now(),
            submitted: AtomicU64::new(0),
            counts: Counts::default(),
            progress,
        })
    }

    /// Sets the expected number of inputs, once known, for the bar's ETA.
    pub(crate) fn set_total(&self, total: u64) {
        self.progress.set_length(total);
    }

    /// Plain log lines for non-terminals; a no-op task when the bar is visible.
    pub(crate) fn spawn_progress_log(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let runner = self.clone();
        tokio::spawn(async move {
            if !runner.progress.is_hidden() {
                return;
            }
            let mut tick = tokio::time::interval(Duration::from_secs(5));
            tick.tick().await;
            loop {
                tick.tick().await;
                let s = runner.summary();
                let of = runner.progress.length().map(|l| format!(" of {l}")).unwrap_or_default();
                tracing::info!(
                    "progress: {}{of} pages, {:.0} pages/s, {} dead letters",
                    s.inputs,
                    s.pages_per_second,
                    s.dead_letters
                );
            }
        })
    }

    /// Waits for room (in-flight bound and rate limit), then processes `input`
    /// in the background; its source is sent on `done` once its outputs are
    /// written (acknowledged, for Kafka).
    pub(crate) async fn submit(self: &Arc<Self>, input: Input, done: mpsc::UnboundedSender<SourceRef>) {
        let permit = self.in_flight.clone().acquire_owned().await.expect("never closed");
        if let Some(rate) = self.max_rate {
            let n = self.submitted.load(Ordering::Relaxed) as f64;
            let due = self.started + Duration::from_secs_f64(n / rate);
            tokio::time::sleep_until(due.into()).await;
        }
        self.submitted.fetch_add(1, Ordering::Relaxed);
        let runner = self.clone();
        tokio::spawn(async move {
            let source = input.source.clone();
            if runner.handle(input).await {
                let _ = done.send(source);
            }
            runner.progress.inc(1);
            drop(permit);
        });
    }

    /// Waits until every submitted input has finished.
    pub async fn drain(&self) {
        // Every permit back means every task has finished.
        drop(self.in_flight.acquire_many(self.in_flight_total).await);
    }

    async fn handle(&self, input: Input) -> bool {
        self.counts.inputs.fetch_add(1, Ordering::Relaxed);
        self.counts.bytes.fetch_add(input.value.len() as u64, Ordering::Relaxed);
        match &self.destination {
            Destination::DryRun => return true,
            Destination::RawToTopic { sink, topic } => {
                let record =
                    OutRecord { topic: topic.clone(), key: input.key, value: input.value, headers: input.headers };
                return sink.deliver_all(std::slice::from_ref(&record)).await.is_ok();
            }
            Destination::Kafka { .. } | Destination::Files { .. } => {}
        }
        let (result, _) = self
            .cpu
            .process(
                Arc::from(input.value.as_slice()),
                input.headers.clone(),
                input.source.clone(),
                self.options.clone(),
            )
            .await;
        match &result {
            Ok(events) => {
                for e in events {
                    let counter =
                        if e.kind == ArticleKind::Article { &self.counts.articles } else { &self.counts.teasers };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            }
            Err(_) => {
                self.counts.dead_letters.fetch_add(1, Ordering::Relaxed);
            }
        }
        let origin =
            Origin { source: &input.source, key: input.key.as_deref(), value: &input.value, headers: &input.headers };
        match &self.destination {
            Destination::Kafka { sink, routes } => {
                let outputs = outputs_for(&result, routes, &origin);
                deliver_outputs(sink, &routes.dlq_topic, &origin, outputs).await.is_some()
            }
            Destination::Files { events, dead_letters } => write_files(&result, &origin, events, dead_letters).is_ok(),
            Destination::DryRun | Destination::RawToTopic { .. } => unreachable!("returned above"),
        }
    }

    pub fn summary(&self) -> Summary {
        let elapsed = self.started.elapsed().as_secs_f64();
        let inputs = self.counts.inputs.load(Ordering::Relaxed);
        Summary {
            inputs,
            articles: self.counts.articles.load(Ordering::Relaxed),
            teasers: self.counts.teasers.load(Ordering::Relaxed),
            dead_letters: self.counts.dead_letters.load(Ordering::Relaxed),
            input_bytes: self.counts.bytes.load(Ordering::Relaxed),
            duration_seconds: (elapsed * 1000.0).round() / 1000.0,
            pages_per_second: if elapsed > 0.0 { (inputs as f64 / elapsed * 10.0).round() / 10.0 } else { 0.0 },
        }
    }

    /// Pushes buffered file output to the OS. A checkpoint is saved only
    /// after this, so it never points past output a crash could lose.
    pub(crate) fn flush_files(&self) -> std::io::Result<()> {
        if let Destination::Files { events, dead_letters } = &self.destination {
            events.lock().unwrap_or_else(|p| p.into_inner()).flush()?;
            dead_letters.lock().unwrap_or_else(|p| p.into_inner()).flush()?;
        }
        Ok(())
    }

    /// Flushes file outputs and the producer; finishes the progress bar.
    pub fn finish(&self) -> anyhow::Result<Summary> {
        self.flush_files()?;
        if let Destination::Kafka { sink, .. } | Destination::RawToTopic { sink, .. } = &self.destination {
            sink.flush(Duration::from_secs(30));
        }
        self.progress.finish_and_clear();
        Ok(self.summary())
    }
}

fn write_files(
    result: &Result<Vec<crate::model::ArticleEvent>, PipelineError>,
    origin: &Origin<'_>,
    events: &Mutex<BufWriter<std::fs::File>>,
    dead_letters: &Mutex<BufWriter<std::fs::File>>,
) -> std::io::Result<()> {
    match result {
        Ok(list) => {
            let mut out = events.lock().unwrap_or_else(|p| p.into_inner());
            for e in list {
                serde_json::to_writer(&mut *out, e)?;
                out.write_all(b"\n")?;
            }
        }
        Err(error) => {
            let mut out = dead_letters.lock().unwrap_or_else(|p| p.into_inner());
            let record = serde_json::json!({
                "source": origin.source,
                "error": {"stage": error.stage(), "kind": error.kind(), "message": error.to_string()},
                "value_base64": base64::engine::general_purpose::STANDARD.encode(origin.value),
            });
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}
