//! Exactly-once delivery (`worker.delivery = "exactly-once"`): the outputs of
//! a batch of inputs and the offsets after those inputs are committed in one
//! Kafka transaction, so a `read_committed` reader sees each input's outputs
//! once, whatever crashes, aborts or rebalances happen.
//!
//! Pages are still processed concurrently, but their outputs enter the open
//! transaction strictly in consumption order per partition: a transaction then
//! always holds a contiguous run of each partition's inputs, and the offset it
//! commits is exactly the one after the last input whose outputs it holds. A
//! page that finishes early waits for the pages before it.
//!
//! A transaction commits after `worker.transaction_max_inputs` inputs or
//! `worker.transaction_max_ms`. When it cannot commit (a failed delivery, a
//! refused offset commit) it is aborted, the consumer is rewound to the first
//! uncommitted offset and the inputs are processed again, after a backoff. A
//! fenced producer (another instance took over the `transactional.id`) is
//! fatal: the worker stops with an error, so the orchestrator restarts it.
//!
//! This loop alone writes outputs and commits offsets; it must never send an
//! output for a record whose ticket is no longer current (revoked, rewound).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::error::RDKafkaErrorCode;
use rdkafka::producer::DeliveryFuture;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tracing::{error, info, warn, Instrument};

use super::{count_outputs, outputs_of, record_latency, record_span, source_ref, TaskContext};
use crate::config::Config;
use crate::kafka::offsets::{Ticket, TopicPartition};
use crate::kafka::records::{dead_letter, drop_payload, Origin};
use crate::kafka::sink::OutRecord;
use crate::kafka::source::SourceRecord;
use crate::kafka::transactions::{SendError, TxnError, TxnProducer};

/// Sent by the consumer's revoke callback: finish the open transaction and
/// drop these partitions, then answer on `done`.
pub(super) struct RevokeRequest {
    partitions: Vec<TopicPartition>,
    lost: bool,
    done: std::sync::mpsc::SyncSender<()>,
}

/// The hook the consumer runs before partitions go: it waits for this loop
/// to commit or abort what it holds of them, for as long as that takes.
///
/// It never gives up after a deadline: a revoke that returned while the
/// commit was still running would hand the partitions over, and the queued
/// request would later commit their offsets under the new generation (which
/// the broker accepts) and forget a partition the same rebalance gave back,
/// so inputs would be duplicated or skipped. While it waits the consumer does
/// not poll; if that outlasts `max.poll.interval.ms` the member is removed
/// from the group and the late commit, made with the old generation, is
/// refused and aborted. `timeout` only spaces the warnings.
pub(super) fn before_revoke(
    requests: mpsc::UnboundedSender<RevokeRequest>,
    timeout: Duration,
) -> Box<dyn Fn(&[TopicPartition], bool) + Send + Sync> {
    Box::new(move |partitions, lost| {
        let (done, wait) = std::sync::mpsc::sync_channel(1);
        if requests.send(RevokeRequest { partitions: partitions.to_vec(), lost, done }).is_err() {
            return; // the loop has finished: nothing is open
        }
        let started = Instant::now();
        loop {
            match wait.recv_timeout(timeout) {
                // Answered, or the loop ended (its transaction is gone with it).
                Ok(()) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => warn!(
                    waited_ms = started.elapsed().as_millis() as u64,
                    partitions = partitions.len(),
                    "revoke waits for the open transaction to commit or abort; \
                     partitions are not handed over mid-transaction"
                ),
            }
        }
    })
}

/// One consumed record, in consumption order, until its outputs are sent.
struct Slot {
    ticket: Ticket,
    done: Option<(SourceRecord, Vec<OutRecord>)>,
}

/// The open transaction.
#[derive(Default)]
struct Batch {
    began: Option<Instant>,
    inputs: Vec<(SourceRecord, Vec<OutRecord>)>,
    deliveries: Vec<(usize, DeliveryFuture)>,
    /// Per partition, the offset after the last input in the transaction.
    next: BTreeMap<TopicPartition, i64>,
    /// Set when a send already doomed the transaction.
    failed: Option<String>,
}

/// Why an input's outputs were refused for good, and how many times: its
/// redo is a dead letter, then a dead letter without the payload.
type Rejections = HashMap<(TopicPartition, i64), (u8, String)>;

struct Loop {
    ctx: Arc<TaskContext>,
    txn: Arc<TxnProducer>,
    queues: BTreeMap<TopicPartition, VecDeque<Slot>>,
    batch: Batch,
    rejected: Rejections,
    /// The rewind asked for after an abort; nothing is sent until it is done.
    rewinding: Option<u64>,
    /// After an abort nothing is sent before this (exponential backoff).
    not_before: Instant,
    backoff: Duration,
    backoff_min: Duration,
    backoff_max: Duration,
    max_inputs: usize,
    max_age: Duration,
    max_in_flight: usize,
}

pub(super) async fn run(
    ctx: Arc<TaskContext>,
    txn: Arc<TxnProducer>,
    mut records: mpsc::UnboundedReceiver<SourceRecord>,
    mut revokes: mpsc::UnboundedReceiver<RevokeRequest>,
    config: &Config,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let w = &config.worker;
    let mut state = Loop {
        ctx: ctx.clone(),
        txn,
        queues: BTreeMap::new(),
        batch: Batch::default(),
        rejected: HashMap::new(),
        rewinding: None,
        not_before: Instant::now(),
        backoff: Duration::from_millis(w.retry_backoff_ms),
        backoff_min: Duration::from_millis(w.retry_backoff_ms),
        backoff_max: Duration::from_millis(w.retry_backoff_max_ms),
        max_inputs: w.transaction_max_inputs,
        max_age: Duration::from_millis(w.transaction_max_ms),
        max_in_flight: w.max_in_flight,
    };
    let mut tasks: JoinSet<(SourceRecord, Vec<OutRecord>)> = JoinSet::new();
    let outcome = run_loop(&mut state, &mut tasks, &mut records, &mut revokes, config, shutdown).await;
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}
    outcome?;
    if state.batch.began.is_some() {
        state.commit().await?;
    }
    Ok(())
}

async fn run_loop(
    state: &mut Loop,
    tasks: &mut JoinSet<(SourceRecord, Vec<OutRecord>)>,
    records: &mut mpsc::UnboundedReceiver<SourceRecord>,
    revokes: &mut mpsc::UnboundedReceiver<RevokeRequest>,
    config: &Config,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let w = &config.worker;
    let ctx = state.ctx.clone();
    let mut tick = tokio::time::interval(Duration::from_millis((w.transaction_max_ms / 4).clamp(5, 50)));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut drain_deadline: Option<Instant> = None;
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            record = records.recv(), if drain_deadline.is_none() => match record {
                Some(record) => state.accept(record, tasks),
                None => drain_deadline = Some(Instant::now()),
            },
            Some(joined) = tasks.join_next(), if !tasks.is_empty() => match joined {
                Ok((record, outputs)) => state.fill(record, outputs),
                Err(e) => warn!(error = %e, "record task failed; its input is not committed"),
            },
            Some(request) = revokes.recv() => state.revoke(request).await?,
            _ = tick.tick() => {}
            () = &mut shutdown, if drain_deadline.is_none() => {
                info!(in_flight = ctx.source.in_flight(), "shutting down: intake stopped, draining");
                ctx.source.stop_intake();
                drain_deadline = Some(Instant::now() + Duration::from_millis(w.drain_timeout_ms));
            }
        }
        if let Some(reason) = state.txn.fatal_error() {
            return Err(state.fatal_reason(&reason));
        }
        if ctx.source.rewind_failed() {
            anyhow::bail!(
                "could not rewind the consumer after an aborted transaction; restarting is the safe way back"
            );
        }
        state.send_ready().await;
        let due = state.batch.began.is_some_and(|t| t.elapsed() >= state.max_age)
            || state.batch.inputs.len() >= state.max_inputs
            || state.batch.failed.is_some()
            || state.holds_all_in_flight();
        if due {
            state.commit().await?;
            state.send_ready().await;
        }
        if let Some(deadline) = drain_deadline {
            let drained = tasks.is_empty() && state.queues.values().all(VecDeque::is_empty);
            if drained || Instant::now() >= deadline || state.rewinding.is_some() {
                if !drained {
                    warn!(abandoned = tasks.len(), "drain deadline passed; unfinished pages will be redone");
                }
                return Ok(());
            }
        }
    }
}

impl Loop {
    fn accept(&mut self, record: SourceRecord, tasks: &mut JoinSet<(SourceRecord, Vec<OutRecord>)>) {
        if !self.ctx.source.is_current(&record.ticket) {
            return; // handed out before a rewind or revoke: it will come again, or to its new owner
        }
        let tp = record.ticket.tp.clone();
        self.queues.entry(tp).or_default().push_back(Slot { ticket: record.ticket.clone(), done: None });
        let ctx = self.ctx.clone();
        let span = record_span(&record);
        tasks.spawn(
            async move {
                let outputs = outputs_of(&ctx, &record).await;
                (record, outputs)
            }
            .instrument(span),
        );
    }

    fn fill(&mut self, record: SourceRecord, outputs: Vec<OutRecord>) {
        let slot = self
            .queues
            .get_mut(&record.ticket.tp)
            .and_then(|q| q.iter_mut().find(|s| s.ticket == record.ticket && s.done.is_none()));
        if let Some(slot) = slot {
            slot.done = Some((record, outputs));
        }
    }

    /// Moves finished inputs, in consumption order per partition, into the
    /// open transaction (beginning one if needed).
    async fn send_ready(&mut self) {
        if let Some(wanted) = self.rewinding {
            if self.ctx.source.rewound() < wanted {
                return;
            }
            self.rewinding = None;
            let source = &self.ctx.source;
            for queue in self.queues.values_mut() {
                queue.retain(|slot| source.is_current(&slot.ticket));
            }
        }
        if Instant::now() < self.not_before || self.batch.failed.is_some() {
            return;
        }
        let partitions: Vec<TopicPartition> = self.queues.keys().cloned().collect();
        for tp in partitions {
            loop {
                if self.batch.inputs.len() >= self.max_inputs || self.batch.failed.is_some() {
                    return;
                }
                let queue = self.queues.get_mut(&tp).expect("listed above");
                let Some(front) = queue.front() else { break };
                if !self.ctx.source.is_current(&front.ticket) {
                    queue.pop_front();
                    continue;
                }
                if front.done.is_none() {
                    break;
                }
                let (record, outputs) = queue.pop_front().and_then(|s| s.done).expect("checked above");
                self.enqueue(record, outputs).await;
            }
        }
        self.queues.retain(|_, q| !q.is_empty());
    }

    async fn enqueue(&mut self, record: SourceRecord, mut outputs: Vec<OutRecord>) {
        let key = (record.ticket.tp.clone(), record.ticket.offset);
        if let Some((times, reason)) = self.rejected.get(&key) {
            let source = source_ref(&record);
            let origin =
                Origin { source: &source, key: record.key.as_deref(), value: &record.value, headers: &record.headers };
            let mut dl = dead_letter(&self.ctx.dlq_topic, &origin, "output", "output_rejected", reason);
            if *times > 1 {
                drop_payload(&mut dl, reason);
            }
            outputs = vec![dl];
        }
        if self.batch.began.is_none() {
            self.batch.began = Some(Instant::now());
            if let Err(e) = self.txn.begin() {
                // Kept in the batch so the abort that follows rewinds to it.
                self.batch.failed = Some(e.to_string());
                self.batch.inputs.push((record, outputs));
                return;
            }
        }
        let index = self.batch.inputs.len();
        for output in &outputs {
            loop {
                match self.txn.send(output) {
                    Ok(delivery) => self.batch.deliveries.push((index, delivery)),
                    Err(SendError::Busy(e)) if e.rdkafka_error_code() == Some(RDKafkaErrorCode::QueueFull) => {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                    Err(SendError::Busy(e)) => self.batch.failed = Some(e.to_string()),
                    Err(SendError::Rejected(e)) => {
                        self.reject(&key, e.to_string());
                        self.batch.failed = Some(e.to_string());
                    }
                }
                break;
            }
        }
        let next = self.batch.next.entry(key.0).or_insert(key.1 + 1);
        *next = (*next).max(key.1 + 1);
        self.batch.inputs.push((record, outputs));
    }

    /// The consumer is paused at `worker.max_in_flight` and every input it
    /// handed out is in the transaction: nothing more can arrive before a commit.
    fn holds_all_in_flight(&self) -> bool {
        let in_flight = self.ctx.source.in_flight();
        in_flight >= self.max_in_flight && self.batch.inputs.len() >= in_flight
    }

    fn reject(&mut self, key: &(TopicPartition, i64), reason: String) {
        let entry = self.rejected.entry(key.clone()).or_insert((0, String::new()));
        entry.0 += 1;
        entry.1 = reason;
        warn!(
            partition = key.0.partition,
            offset = key.1,
            "output rejected by the broker; the input will be dead-lettered"
        );
    }

    /// Commits the open transaction, or aborts it and rewinds. Errors only
    /// when the producer cannot go on.
    async fn commit(&mut self) -> anyhow::Result<()> {
        if self.batch.began.is_none() {
            self.batch = Batch::default();
            return Ok(());
        }
        let mut batch = std::mem::take(&mut self.batch);
        for (index, delivery) in batch.deliveries.drain(..) {
            match delivery.await {
                Ok(Ok(_)) => {}
                Ok(Err((e, _))) => {
                    if crate::kafka::sink::is_permanent(&e) {
                        let ticket = &batch.inputs[index].0.ticket;
                        self.reject(&(ticket.tp.clone(), ticket.offset), e.to_string());
                    }
                    batch.failed.get_or_insert_with(|| format!("delivery failed: {e}"));
                }
                Err(_canceled) => {
                    batch.failed.get_or_insert_with(|| "delivery canceled".into());
                }
            }
        }
        if let Some(reason) = batch.failed.take() {
            return self.abort(batch, &reason).await;
        }
        let Some(group) = self.ctx.source.group_metadata() else {
            return self.abort(batch, "no consumer group metadata").await;
        };
        let offsets: Vec<(TopicPartition, i64)> = batch.next.iter().map(|(tp, o)| (tp.clone(), *o)).collect();
        let txn = self.txn.clone();
        let started = Instant::now();
        let committed = tokio::task::spawn_blocking(move || txn.commit(&offsets, &group)).await?;
        tracing::debug!(
            inputs = batch.inputs.len(),
            took_ms = started.elapsed().as_millis() as u64,
            "transaction committed"
        );
        match committed {
            Ok(()) => {
                metrics::counter!("pressline_transactions_total", "result" => "committed").increment(1);
                self.backoff = self.backoff_min;
                for (record, outputs) in &batch.inputs {
                    self.rejected.remove(&(record.ticket.tp.clone(), record.ticket.offset));
                    let bytes: usize = outputs.iter().map(|o| o.value.len()).sum();
                    metrics::counter!("pressline_produced_bytes_total").increment(bytes as u64);
                    count_outputs(outputs);
                    self.ctx.source.ack(&record.ticket);
                    record_latency(record);
                }
                Ok(())
            }
            Err(TxnError::Abortable(e)) => self.abort(batch, &e.to_string()).await,
            Err(fatal @ TxnError::Fatal(_)) => Err(self.fatal(fatal)),
        }
    }

    /// Aborts the transaction, asks the consumer to read its inputs (and
    /// everything after them) again, and backs off before sending more.
    async fn abort(&mut self, batch: Batch, reason: &str) -> anyhow::Result<()> {
        let outputs: usize = batch.inputs.iter().map(|(_, o)| o.len()).sum();
        warn!(
            reason,
            inputs = batch.inputs.len(),
            backoff_ms = self.backoff.as_millis() as u64,
            "aborting transaction; its inputs will be processed again"
        );
        drop(batch);
        let txn = self.txn.clone();
        match tokio::task::spawn_blocking(move || txn.abort()).await? {
            Ok(()) => {}
            Err(fatal @ TxnError::Fatal(_)) => return Err(self.fatal(fatal)),
            // An abort that fails is not fatal by itself: the next begin will tell.
            Err(e) => warn!(error = %e, "abort failed"),
        }
        metrics::counter!("pressline_transactions_total", "result" => "aborted").increment(1);
        metrics::counter!("pressline_delivery_retries_total").increment(outputs as u64);
        self.rewinding = Some(self.ctx.source.rewind());
        self.not_before = Instant::now() + self.backoff;
        self.backoff = (self.backoff * 2).min(self.backoff_max);
        Ok(())
    }

    fn fatal(&self, e: TxnError) -> anyhow::Error {
        self.fatal_reason(&e.to_string())
    }

    fn fatal_reason(&self, reason: &str) -> anyhow::Error {
        super::exit_if_teardown_hangs();
        error!(
            transactional_id = self.txn.id(),
            error = reason,
            "transactional producer fenced or failed: another instance may have taken over this transactional.id; exiting"
        );
        anyhow::anyhow!("exactly-once producer {} cannot continue: {reason}", self.txn.id())
    }

    /// Before partitions go: commit what the transaction holds (or abort it
    /// when the partitions were lost), and forget the partitions' pending work.
    async fn revoke(&mut self, request: RevokeRequest) -> anyhow::Result<()> {
        if self.batch.began.is_some() {
            if request.lost {
                let batch = std::mem::take(&mut self.batch);
                self.abort(batch, "assignment lost").await?;
            } else {
                self.commit().await?;
            }
        }
        self.ctx.source.forget(&request.partitions);
        for tp in &request.partitions {
            self.queues.remove(tp);
        }
        let _ = request.done.send(());
        Ok(())
    }
}
