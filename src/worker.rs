//! The service loop behind `pressline run`: consume → pipeline on the CPU pool
//! → produce → acknowledge.
//!
//! Each consumed record becomes one task. The task runs the pure pipeline on
//! the CPU pool (`worker.threads` threads, `pool.rs`), whose job also marks the
//! events against the duplicate window and serialises them into output
//! records, so the runtime threads only move records; a failed page becomes
//! one dead letter. What happens to those outputs depends on `worker.delivery`:
//!
//! - *at-least-once* (here): the task waits until the broker acknowledged every
//!   output and only then acknowledges the input offset, which the consumer
//!   stores and auto-commits.
//! - *exactly-once* (`exactly_once`): outputs go out in Kafka transactions that
//!   also commit the input offsets.
//!
//! Shutdown stops intake, drains in-flight tasks within a deadline, flushes
//! the producer (or commits the last transaction) and closes the consumer.

mod batcher;
mod exactly_once;
mod key_order;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tracing::{error, info, info_span, warn, Instrument};

use crate::config::{Config, Delivery};
use crate::dlq_policy::DlqPolicy;
use crate::health::Health;
use crate::kafka::progress::{Watchdog, WatchdogOptions};
use crate::kafka::records::{dead_letter, deliver_outputs, outputs_for, Origin, Routes};
use crate::kafka::sink::{OutRecord, Sink};
use crate::kafka::source::{OffsetCommits, Source, SourceOptions, SourceRecord};
use crate::kafka::transactions::{Transactions, TxnProducer};
use crate::kafka::{admin, client_config, consumer_config, headers, transactional_producer_config, Role};
use crate::model::{ArticleEvent, SourceRef};
use crate::pipeline::{mark_duplicates, panic_message, DuplicateWindow, PipelineOptions};
use crate::pool::CpuPool;
use key_order::{KeyOrder, Turn};

/// Runs until `shutdown` resolves, then drains and exits cleanly. Returns an
/// error when the worker cannot go on (e.g. fenced in exactly-once mode).
pub async fn run(config: Config, health: Arc<Health>, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
    let k = &config.kafka;
    if k.create_topics {
        let mut topics: Vec<&str> = k.input_topics.iter().map(String::as_str).collect();
        topics.extend([k.output_topic.as_str(), k.dlq_topic.as_str()]);
        if !k.low_confidence_topic.is_empty() {
            topics.push(k.low_confidence_topic.as_str());
        }
        admin::ensure_topics(&client_config(k, Role::Admin), &topics, k.create_partitions).await?;
    }
    let stats_ms = config.metrics.statistics_interval_ms;
    let delivery = config.worker.delivery;
    let txn = match delivery {
        Delivery::AtLeastOnce => None,
        Delivery::ExactlyOnce => Some(transactional_producer(&config).await?),
    };
    let (revokes_tx, revokes) = mpsc::unbounded_channel();
    let commits = match delivery {
        Delivery::AtLeastOnce => OffsetCommits::Consumer,
        Delivery::ExactlyOnce => OffsetCommits::External(exactly_once::before_revoke(
            revokes_tx,
            Duration::from_millis(config.worker.revoke_timeout_ms),
        )),
    };
    let (source, records) = Source::start(
        consumer_config(k, stats_ms, delivery),
        &k.input_topics,
        SourceOptions {
            commits,
            max_in_flight: config.worker.max_in_flight,
            max_in_flight_bytes: config.worker.max_in_flight_bytes,
            revoke_timeout: Duration::from_millis(config.worker.revoke_timeout_ms),
            health: health.clone(),
        },
    )?;
    let stall_after = Duration::from_millis(config.worker.stall_timeout_ms);
    // Dropped when `run` returns, which stops it.
    let _watchdog = Watchdog::start(
        consumer_config(k, stats_ms, delivery),
        WatchdogOptions {
            topics: k.input_topics.clone(),
            stall_after,
            interval: (stall_after / 4).clamp(Duration::from_secs(1), Duration::from_secs(15)),
            partition_lag: config.metrics.partition_lag,
            health: health.clone(),
            owned: source.owned_partitions(),
        },
    )?;
    let source = Arc::new(source);
    let threads = config.worker.effective_threads();
    let ctx = Arc::new(TaskContext {
        source: source.clone(),
        cpu: CpuPool::new(threads, Duration::from_millis(config.pipeline.page_timeout_ms)),
        options: Arc::new(config.pipeline_options()),
        routes: Arc::new(Routes::from_config(&config)),
        health: health.clone(),
        dlq_policy: Mutex::new(DlqPolicy::new(config.dlq)),
        duplicates: (config.pipeline.duplicate_window > 0).then(|| {
            Arc::new(Mutex::new(DuplicateWindow::new(
                config.pipeline.duplicate_window,
                config.pipeline.duplicate_max_distance,
            )))
        }),
    });
    info!(brokers = %k.brokers, topics = ?k.input_topics, group = %k.group_id, threads, ?delivery, "pressline worker started");

    match txn {
        None => at_least_once(ctx, source, records, &config, shutdown).await,
        Some(txn) => {
            let outcome = exactly_once::run(ctx.clone(), txn, records, revokes, &config, shutdown).await;
            let fatal = source.fatal_error();
            // Also after a fatal error: leaving the group hands the partitions
            // over now rather than after the session times out.
            close(ctx, source, || ()).await?;
            let outcome = outcome.and(consumer_outcome(fatal));
            info!(ok = outcome.is_ok(), "pressline worker stopped");
            outcome
        }
    }
}

/// Exactly-once: the transactional id is claimed before anything is read,
/// so a previous incarnation is fenced and its open transaction aborted.
async fn transactional_producer(config: &Config) -> anyhow::Result<Arc<Transactions<TxnProducer>>> {
    let k = &config.kafka;
    let id = k.transactional_id().expect("validated at start-up");
    let producer_config = transactional_producer_config(k, config.metrics.statistics_interval_ms, &id);
    let timeout = Duration::from_millis(config.worker.drain_timeout_ms.max(10_000));
    let producer = tokio::task::spawn_blocking(move || Transactions::start(&producer_config, &id, timeout)).await??;
    info!(transactional_id = producer.id(), "transactional producer ready");
    Ok(Arc::new(producer))
}

async fn at_least_once(
    ctx: Arc<TaskContext>,
    source: Arc<Source>,
    mut records: mpsc::UnboundedReceiver<SourceRecord>,
    config: &Config,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let sink = Arc::new(Sink::from_config(config)?);
    let order = Arc::new(KeyOrder::default());
    let mut tasks = JoinSet::new();
    let mut producer_check = tokio::time::interval(Duration::from_millis(500));
    producer_check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut producer_fatal = None;
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            record = records.recv() => match record {
                Some(record) => {
                    let span = record_span(&record);
                    let turn = order.enter(&record.ticket.tp);
                    tasks.spawn(handle(ctx.clone(), sink.clone(), record, turn).instrument(span));
                }
                None => break,
            },
            Some(result) = tasks.join_next(), if !tasks.is_empty() => {
                if let Err(e) = result {
                    // Only an abort gets here (a panic ends as a dead letter
                    // inside the task).
                    warn!(error = %e, "record task failed; its offset stays uncommitted");
                }
            }
            _ = producer_check.tick() => {
                if let Some(e) = sink.fatal_error() {
                    producer_fatal = Some(e);
                    break;
                }
            }
            () = &mut shutdown => break,
        }
    }

    if let Some(e) = producer_fatal {
        // Nothing more can be delivered: no drain, no flush. The inputs in
        // flight stay uncommitted; leaving the group hands them over now.
        exit_if_teardown_hangs();
        error!(error = %e, in_flight = source.in_flight(), "producer failed fatally; stopping without committing work in flight");
        source.stop_intake();
        tasks.abort_all();
        while tasks.join_next().await.is_some() {}
        close(ctx, source, || ()).await?;
        return Err(anyhow::anyhow!("producer stopped on a fatal error: {e}"));
    }
    info!(in_flight = source.in_flight(), "shutting down: intake stopped, draining");
    source.stop_intake();
    let deadline = Instant::now() + Duration::from_millis(config.worker.drain_timeout_ms);
    let drained = tokio::time::timeout_at(deadline.into(), async { while tasks.join_next().await.is_some() {} }).await;
    if drained.is_err() {
        warn!(
            abandoned = tasks.len(),
            "drain deadline passed; unfinished pages stay uncommitted and will be redelivered"
        );
        tasks.abort_all();
        while tasks.join_next().await.is_some() {}
    }
    // At least 5 s even when the drain used up its deadline: a flush given 1 s
    // was seen timing out with 21 small records still held by `linger.ms`.
    let remaining = deadline.saturating_duration_since(Instant::now()).max(Duration::from_secs(5));
    // Records already queued in the producer (also those of abandoned tasks)
    // are delivered before the producer is dropped, which would purge them.
    let fatal = source.fatal_error();
    let flushed = close(ctx, source, move || sink.flush(remaining)).await?;
    info!(flushed, "pressline worker stopped");
    consumer_outcome(fatal)
}

/// After a fatal client error the process must end, even when a client's
/// teardown does not return (seen on noida: a fenced transactional producer
/// whose instance then never exited, alive and idle). The orderly shutdown
/// (leave the group, commit what was delivered) gets this long; then the
/// process exits 1 so the orchestrator restarts it.
const FATAL_TEARDOWN_GRACE: Duration = Duration::from_secs(15);

pub(crate) fn exit_if_teardown_hangs() {
    static ARMED: std::sync::Once = std::sync::Once::new();
    ARMED.call_once(|| {
        std::thread::spawn(|| {
            std::thread::sleep(FATAL_TEARDOWN_GRACE);
            error!(
                grace_s = FATAL_TEARDOWN_GRACE.as_secs(),
                "shutdown after a fatal error did not finish; exiting now"
            );
            std::process::exit(1);
        });
    });
}

/// A consumer that stopped on a fatal error ends the process with an error,
/// so the orchestrator restarts it instead of leaving a live-looking idler.
fn consumer_outcome(fatal: Option<String>) -> anyhow::Result<()> {
    match fatal {
        Some(e) => Err(anyhow::anyhow!("consumer stopped on a fatal error: {e}")),
        None => Ok(()),
    }
}

/// Runs `before` (blocking: a producer flush), then commits what the consumer
/// owns and leaves the group. Every task must be gone.
async fn close<T: Send + 'static>(
    ctx: Arc<TaskContext>,
    source: Arc<Source>,
    before: impl FnOnce() -> T + Send + 'static,
) -> anyhow::Result<T> {
    drop(ctx);
    // Every task has ended; a page still running on the pool after its budget
    // holds only the pipeline options, never the context or the consumer.
    let source = Arc::try_unwrap(source).ok();
    if source.is_none() {
        warn!("consumer still shared at shutdown; closing without a final commit");
    }
    Ok(tokio::task::spawn_blocking(move || {
        let done = before();
        if let Some(source) = source {
            source.finish();
        }
        done
    })
    .await?)
}

fn record_span(record: &SourceRecord) -> tracing::Span {
    info_span!(
        "record",
        topic = %record.ticket.tp.topic,
        partition = record.ticket.tp.partition,
        offset = record.ticket.offset,
        article_id = tracing::field::Empty,
    )
}

struct TaskContext {
    source: Arc<Source>,
    cpu: CpuPool,
    options: Arc<PipelineOptions>,
    /// Shared with the pool's jobs, which build the records (never the whole
    /// context: it holds the consumer, which must be alone at shutdown).
    routes: Arc<Routes>,
    health: Arc<Health>,
    dlq_policy: Mutex<DlqPolicy>,
    /// Recent fingerprints for `duplicate_of`; `None` when disabled.
    duplicates: Option<Arc<Mutex<DuplicateWindow>>>,
}

/// At-least-once: outputs delivered and acknowledged by the broker, then the
/// input offset acknowledged. A panic anywhere on the way (outside the
/// pipeline's own isolation) still ends the input, as a dead letter: a task
/// that died with its ticket unacknowledged would hold its partition forever.
/// `turn` keeps two fetches of one page in their consumption order.
async fn handle(ctx: Arc<TaskContext>, sink: Arc<Sink>, record: SourceRecord, turn: Turn) {
    let outputs = outputs_of(&ctx, &record).await;
    turn.ready(outputs.iter().filter(|o| o.topic == ctx.routes.output_topic).filter_map(|o| o.key.clone()).collect())
        .await;
    let source = source_ref(&record);
    let origin = Origin { source: &source, key: record.key.as_deref(), value: &record.value, headers: &record.headers };
    let delivery = std::panic::AssertUnwindSafe(deliver_outputs(&sink, &ctx.routes.dlq_topic, &origin, outputs));
    let delivered = match delivery.catch_unwind().await {
        Ok(delivered) => delivered,
        Err(panic) => {
            let dead = vec![panic_dead_letter(&ctx.routes.dlq_topic, &record, &*panic)];
            let again = std::panic::AssertUnwindSafe(deliver_outputs(&sink, &ctx.routes.dlq_topic, &origin, dead));
            // Panicking twice: the offset stays uncommitted and the stall
            // watchdog reports the partition.
            again.catch_unwind().await.ok().flatten()
        }
    };
    let Some(delivered) = delivered else {
        return; // offset left uncommitted: redelivered after a restart
    };
    drop(turn);
    count_outputs(&delivered);
    ctx.source.ack(&record.ticket);
    record_latency(&record);
}

/// What a record becomes, also when building it panics outside the
/// pipeline's own isolation (the duplicate window, building the outputs):
/// then one dead letter, `pipeline/panic`. Both delivery modes use it.
async fn outputs_of(ctx: &Arc<TaskContext>, record: &SourceRecord) -> Vec<OutRecord> {
    match std::panic::AssertUnwindSafe(process(ctx, record)).catch_unwind().await {
        Ok(outputs) => outputs,
        Err(panic) => vec![panic_dead_letter(&ctx.routes.dlq_topic, record, &*panic)],
    }
}

fn panic_dead_letter(dlq_topic: &str, record: &SourceRecord, panic: &(dyn std::any::Any + Send)) -> OutRecord {
    let message = panic_message(panic);
    metrics::counter!("pressline_task_panics_total").increment(1);
    error!(%message, "record task panicked; dead-lettering its input");
    let source = source_ref(record);
    let origin = Origin { source: &source, key: record.key.as_deref(), value: &record.value, headers: &record.headers };
    dead_letter(dlq_topic, &origin, "pipeline", "panic", &message)
}

/// Where a record came from, for its outputs' provenance and dead letters.
fn source_ref(record: &SourceRecord) -> SourceRef {
    SourceRef::Kafka {
        topic: record.ticket.tp.topic.clone(),
        partition: record.ticket.tp.partition,
        offset: record.ticket.offset,
    }
}

fn record_latency(record: &SourceRecord) {
    if let Some(ts) = record.timestamp_ms {
        let now_ms =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
        metrics::histogram!("pressline_end_to_end_latency_seconds").record((now_ms - ts).max(0) as f64 / 1000.0);
    }
}

/// The pipeline on the CPU pool, within the page's time budget: what the
/// record becomes (its events, or one dead letter). Both delivery modes share it.
/// The events are marked against the duplicate window and serialised into
/// records in the pool's job, on the thread that built them.
async fn process(ctx: &Arc<TaskContext>, record: &SourceRecord) -> Vec<OutRecord> {
    let started = Instant::now();
    let source = source_ref(record);
    let built = {
        let _cpu = ctx.health.cpu_started();
        let (routes, duplicates) = (ctx.routes.clone(), ctx.duplicates.clone());
        let (key, job_source) = (record.key.clone(), source.clone());
        let build = move |mut events: Vec<ArticleEvent>, value: &[u8], headers: &[(String, Vec<u8>)]| {
            if let Some(window) = &duplicates {
                mark_duplicates(&mut events, &mut window.lock().unwrap_or_else(|p| p.into_inner()));
            }
            let main = events.first().map(|e| (e.id.clone(), e.quality.extraction_confidence));
            let origin = Origin { source: &job_source, key: key.as_deref(), value, headers };
            (main, outputs_for(&Ok(events), &routes, &origin))
        };
        let (built, times) = ctx
            .cpu
            .process_then(record.value.clone(), record.headers.clone(), source.clone(), ctx.options.clone(), build)
            .await;
        for (stage, took) in
            [("input", times.input), ("clean", times.clean), ("segment", times.segment), ("enrich", times.enrich)]
        {
            if !took.is_zero() {
                metrics::histogram!("pressline_stage_duration_seconds", "stage" => stage).record(took.as_secs_f64());
            }
        }
        built
    };
    metrics::histogram!("pressline_pipeline_duration_seconds").record(started.elapsed().as_secs_f64());
    metrics::histogram!("pressline_page_size_bytes").record(record.value.len() as f64);
    if let Ok((Some((id, confidence)), _)) = &built {
        tracing::Span::current().record("article_id", id.as_str());
        if let Some(confidence) = confidence {
            metrics::histogram!("pressline_extraction_confidence").record(*confidence);
        }
    }

    ctx.judge_dead_letter_share(built.is_err());
    fault_hook(&record.value);
    slow_hook(&record.value).await;
    match built {
        Ok((_, outputs)) => outputs,
        Err(error) => {
            let origin =
                Origin { source: &source, key: record.key.as_deref(), value: &record.value, headers: &record.headers };
            outputs_for(&Err(error), &ctx.routes, &origin)
        }
    }
}

/// Test hook (the Kafka tests set it; unset in production): a page holding the
/// bytes of `TEST_FAULT_PANIC_MARKER` panics here, outside the
/// pipeline's isolation, as a bug in the task around it would.
fn fault_hook(value: &[u8]) {
    static MARKER: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    if holds_marker(&MARKER, "TEST_FAULT_PANIC_MARKER", value) {
        panic!("injected fault: the page holds TEST_FAULT_PANIC_MARKER");
    }
}

/// Test hook (unset in production): a page holding the bytes of
/// `TEST_FAULT_SLOW_MARKER` (`*`: every page) finishes late, as a slow page
/// would: `TEST_FAULT_SLOW_MS` later (2 s when unset).
async fn slow_hook(value: &[u8]) {
    static MARKER: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    static DELAY: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    if holds_marker(&MARKER, "TEST_FAULT_SLOW_MARKER", value) {
        let delay = DELAY.get_or_init(|| {
            let ms = std::env::var("TEST_FAULT_SLOW_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
            Duration::from_millis(ms)
        });
        tokio::time::sleep(*delay).await;
    }
}

fn holds_marker(marker: &std::sync::OnceLock<Option<Vec<u8>>>, var: &str, value: &[u8]) -> bool {
    let marker = marker.get_or_init(|| std::env::var_os(var).map(|m| m.into_encoded_bytes()).filter(|m| !m.is_empty()));
    marker.as_ref().is_some_and(|m| m.as_slice() == b"*" || value.windows(m.len()).any(|w| w == m.as_slice()))
}

impl TaskContext {
    /// Feeds the dead-letter policy; on tripping, stops intake for good.
    fn judge_dead_letter_share(&self, dead_lettered: bool) {
        let mut policy = self.dlq_policy.lock().unwrap_or_else(|p| p.into_inner());
        if policy.record(dead_lettered) && !self.health.dlq_paused() {
            tracing::error!(
                share = policy.share(),
                "dead-letter share over dlq.max_share: consumption stopped, /readyz failing; fix and restart"
            );
            self.health.set_dlq_paused(true);
            self.source.stop_intake();
        }
    }
}

fn count_outputs(outputs: &[OutRecord]) {
    for out in outputs {
        let header = |name: &str| {
            out.headers.iter().find(|(k, _)| k == name).map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        };
        if out.headers.iter().any(|(k, _)| k == headers::CONFIDENCE) {
            metrics::counter!("pressline_low_confidence_pages_total").increment(1);
            continue;
        }
        match header(headers::ERROR_STAGE) {
            Some(stage) => metrics::counter!(
                "pressline_dead_letters_total",
                "stage" => stage,
                "kind" => header(headers::ERROR_KIND).unwrap_or_default()
            )
            .increment(1),
            None => metrics::counter!("pressline_articles_produced_total", "kind" => header(headers::KIND).unwrap_or_default())
                .increment(1),
        }
    }
}
