//! Exactly-once delivery (`worker.delivery = "exactly-once"`): the outputs of
//! a batch of inputs and the offsets after those inputs are committed in one
//! Kafka transaction, so a `read_committed` reader sees each input's outputs
//! once, whatever crashes, aborts or rebalances happen.
//!
//! Three layers, so that everything but the broker can be tested in
//! milliseconds: `batcher` keeps the books (the lines of inputs per
//! partition, the open transaction, when it is due, the backoff); [`Driver`]
//! carries its decisions out against the producer (the `Deliver` and
//! `TxnCalls` traits of `kafka::transactions`) and the consumer ([`Intake`]);
//! [`run`] is the event loop around them (records in, finished pages, revokes,
//! ticks, shutdown).
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

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tracing::{error, info, warn, Instrument};

use super::batcher::{Batch, Batcher, Limits};
use super::{count_outputs, outputs_of, record_latency, record_span, source_ref, TaskContext};
use crate::config::Config;
use crate::kafka::offsets::{Ticket, TopicPartition};
use crate::kafka::records::{dead_letter, drop_payload, Origin};
use crate::kafka::sink::OutRecord;
use crate::kafka::source::{Source, SourceRecord};
use crate::kafka::transactions::{Deliver, Delivered, SendError, Transactions, TxnCalls, TxnError, TxnProducer};

#[cfg(test)]
mod tests;

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

/// What the driver asks of the consumer: `Source` in production, a fake
/// over an `OffsetTracker` in tests.
pub(super) trait Intake: Send + Sync + 'static {
    /// The group generation and member a transaction presents with its offsets.
    type Group: Send + 'static;
    fn is_current(&self, ticket: &Ticket) -> bool;
    fn in_flight(&self) -> usize;
    /// The input is committed: it no longer counts as in flight.
    fn ack(&self, ticket: &Ticket);
    fn forget(&self, partitions: &[TopicPartition]);
    fn group_metadata(&self) -> Option<Self::Group>;
    /// Asks for every unacknowledged input to be read again; returns the
    /// rewind's number, done once `rewound` reaches it.
    fn rewind(&self) -> u64;
    fn rewound(&self) -> u64;
}

impl Intake for Source {
    type Group = rdkafka::consumer::ConsumerGroupMetadata;

    fn is_current(&self, ticket: &Ticket) -> bool {
        Source::is_current(self, ticket)
    }
    fn in_flight(&self) -> usize {
        Source::in_flight(self)
    }
    fn ack(&self, ticket: &Ticket) {
        Source::ack(self, ticket)
    }
    fn forget(&self, partitions: &[TopicPartition]) {
        Source::forget(self, partitions)
    }
    fn group_metadata(&self) -> Option<Self::Group> {
        Source::group_metadata(self)
    }
    fn rewind(&self) -> u64 {
        Source::rewind(self)
    }
    fn rewound(&self) -> u64 {
        Source::rewound(self)
    }
}

/// A finished input: the record and what it became.
type Finished = (SourceRecord, Vec<OutRecord>);

/// Carries out the batcher's decisions against the producer and the consumer.
pub(super) struct Driver<S: Intake, P: TxnCalls<Group = S::Group> + Deliver> {
    source: Arc<S>,
    txn: Arc<Transactions<P>>,
    batcher: Batcher<Finished>,
    /// The open transaction's records on their way, with the index of the
    /// input (in the batch) each belongs to.
    deliveries: Vec<(usize, P::Receipt)>,
    dlq_topic: String,
    /// `Instant::now` in production; tests move time by hand.
    clock: Arc<dyn Fn() -> Instant + Send + Sync>,
    /// Run once a fatal error is known (production: arm the teardown guard).
    on_fatal: fn(),
}

impl<S: Intake, P: TxnCalls<Group = S::Group> + Deliver> Driver<S, P> {
    pub fn new(
        source: Arc<S>,
        txn: Arc<Transactions<P>>,
        limits: Limits,
        dlq_topic: &str,
        clock: Arc<dyn Fn() -> Instant + Send + Sync>,
        on_fatal: fn(),
    ) -> Self {
        let batcher = Batcher::new(limits, clock());
        Driver { source, txn, batcher, deliveries: Vec::new(), dlq_topic: dlq_topic.to_string(), clock, on_fatal }
    }

    /// Takes a consumed record's place in line; false when its ticket is
    /// stale (handed out before a rewind or revoke: it will come again, or
    /// go to its new owner), and then it must not be processed.
    pub fn accept(&mut self, record: &SourceRecord) -> bool {
        if !self.source.is_current(&record.ticket) {
            return false;
        }
        self.batcher.accept(record.ticket.clone());
        true
    }

    pub fn fill(&mut self, record: SourceRecord, outputs: Vec<OutRecord>) {
        let ticket = record.ticket.clone();
        self.batcher.fill(&ticket, (record, outputs));
    }

    /// Sends the outputs of every input the batcher lets in now.
    pub async fn send_ready(&mut self) {
        loop {
            let source = &self.source;
            let ready = self.batcher.next_ready((self.clock)(), source.rewound(), |t| source.is_current(t));
            let Some((ticket, (record, outputs))) = ready else { return };
            let outputs = match self.batcher.rejection(&ticket) {
                Some((times, reason)) => vec![self.rejected_dead_letter(&record, times, reason)],
                None => outputs,
            };
            self.enter(ticket, record, outputs).await;
        }
    }

    /// An input whose outputs the broker refused for good is dead-lettered on
    /// its redo, and the second time without its payload.
    fn rejected_dead_letter(&self, record: &SourceRecord, times: u8, reason: &str) -> OutRecord {
        let source = source_ref(record);
        let origin =
            Origin { source: &source, key: record.key.as_deref(), value: &record.value, headers: &record.headers };
        let mut dl = dead_letter(&self.dlq_topic, &origin, "output", "output_rejected", reason);
        if times > 1 {
            drop_payload(&mut dl, reason);
        }
        dl
    }

    async fn enter(&mut self, ticket: Ticket, record: SourceRecord, outputs: Vec<OutRecord>) {
        let now = (self.clock)();
        let began = match self.batcher.needs_begin() {
            true => self.txn.begin().map_err(|e| e.to_string()),
            false => Ok(()),
        };
        // Entered even when the transaction could not begin, so the abort
        // that follows rewinds to it.
        let failed = match began {
            Ok(()) => self.send_outputs(&ticket, &outputs).await,
            Err(e) => Some(e),
        };
        self.batcher.enter(now, ticket, (record, outputs));
        if let Some(reason) = failed {
            self.batcher.fail(reason);
        }
    }

    /// Enqueues an input's outputs in the open transaction; returns why the
    /// transaction cannot commit, if a send already tells.
    async fn send_outputs(&mut self, ticket: &Ticket, outputs: &[OutRecord]) -> Option<String> {
        let index = self.batcher.open_inputs();
        let mut failed = None;
        for output in outputs {
            loop {
                match self.txn.calls().send(output) {
                    Ok(receipt) => self.deliveries.push((index, receipt)),
                    Err(SendError::QueueFull) => {
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                    Err(SendError::Busy(e)) => failed = Some(e),
                    Err(SendError::Rejected(e)) => {
                        self.reject(ticket, &e);
                        failed = Some(e);
                    }
                }
                break;
            }
        }
        failed
    }

    fn reject(&mut self, ticket: &Ticket, reason: &str) {
        self.batcher.reject(ticket, reason);
        warn!(
            partition = ticket.tp.partition,
            offset = ticket.offset,
            "output rejected by the broker; the input will be dead-lettered"
        );
    }

    /// Ends the open transaction when the batcher says it is due, then lets
    /// in what waited for it.
    pub async fn commit_if_due(&mut self) -> anyhow::Result<()> {
        if self.batcher.commit_due((self.clock)(), self.source.in_flight()) {
            self.commit().await?;
            self.send_ready().await;
        }
        Ok(())
    }

    /// Commits the open transaction, or aborts it and rewinds. Errors only
    /// when the producer cannot go on.
    pub async fn commit(&mut self) -> anyhow::Result<()> {
        let Some(mut batch) = self.batcher.take_open() else { return Ok(()) };
        for (index, receipt) in std::mem::take(&mut self.deliveries) {
            match receipt.await {
                Delivered::Acked => {}
                Delivered::Rejected(e) => {
                    let ticket = batch.inputs[index].0.clone();
                    self.reject(&ticket, &e);
                    batch.failed.get_or_insert_with(|| format!("delivery failed: {e}"));
                }
                Delivered::Failed(e) => {
                    batch.failed.get_or_insert(e);
                }
            }
        }
        if let Some(reason) = batch.failed.take() {
            return self.abort(batch, &reason).await;
        }
        let Some(group) = self.source.group_metadata() else {
            return self.abort(batch, "no consumer group metadata").await;
        };
        let offsets = batch.offsets();
        let txn = self.txn.clone();
        let started = Instant::now();
        let committed = tokio::task::spawn_blocking(move || txn.commit(&offsets, &group)).await?;
        match committed {
            Ok(()) => {
                tracing::debug!(
                    inputs = batch.inputs.len(),
                    took_ms = started.elapsed().as_millis() as u64,
                    "transaction committed"
                );
                metrics::counter!("pressline_transactions_total", "result" => "committed").increment(1);
                self.batcher.committed(&batch);
                for (ticket, (record, outputs)) in &batch.inputs {
                    let bytes: usize = outputs.iter().map(|o| o.value.len()).sum();
                    metrics::counter!("pressline_produced_bytes_total").increment(bytes as u64);
                    count_outputs(outputs);
                    self.source.ack(ticket);
                    record_latency(record);
                }
                Ok(())
            }
            Err(TxnError::Abortable(e)) => self.abort(batch, &e.to_string()).await,
            Err(fatal @ TxnError::Fatal(_)) => Err(self.fatal(&fatal.to_string())),
        }
    }

    /// Aborts the transaction, asks the consumer to read its inputs (and
    /// everything after them) again, and backs off before sending more.
    async fn abort(&mut self, batch: Batch<Finished>, reason: &str) -> anyhow::Result<()> {
        let outputs: usize = batch.inputs.iter().map(|(_, (_, o))| o.len()).sum();
        warn!(
            reason,
            inputs = batch.inputs.len(),
            backoff_ms = self.batcher.backoff().as_millis() as u64,
            "aborting transaction; its inputs will be processed again"
        );
        drop(batch);
        // Receipts of an aborted transaction say nothing about the next one.
        self.deliveries.clear();
        let txn = self.txn.clone();
        match tokio::task::spawn_blocking(move || txn.abort()).await? {
            Ok(()) => {}
            Err(fatal @ TxnError::Fatal(_)) => return Err(self.fatal(&fatal.to_string())),
            // An abort that fails is not fatal by itself: the next begin will tell.
            Err(e) => warn!(error = %e, "abort failed"),
        }
        metrics::counter!("pressline_transactions_total", "result" => "aborted").increment(1);
        metrics::counter!("pressline_delivery_retries_total").increment(outputs as u64);
        let rewind = self.source.rewind();
        self.batcher.aborted((self.clock)(), rewind);
        Ok(())
    }

    /// The error the producer raised on its own, checked every tick: a
    /// producer fenced while it holds no open transaction would otherwise
    /// idle until new work arrived.
    pub fn check_fatal(&self) -> anyhow::Result<()> {
        match self.txn.fatal_error() {
            Some(reason) => Err(self.fatal(&reason)),
            None => Ok(()),
        }
    }

    fn fatal(&self, reason: &str) -> anyhow::Error {
        (self.on_fatal)();
        error!(
            transactional_id = self.txn.id(),
            error = reason,
            "transactional producer fenced or failed: another instance may have taken over this transactional.id; exiting"
        );
        anyhow::anyhow!("exactly-once producer {} cannot continue: {reason}", self.txn.id())
    }

    /// Before partitions go: commit what the transaction holds (or abort it
    /// when the partitions were lost), and forget the partitions' pending work.
    pub async fn revoke(&mut self, partitions: &[TopicPartition], lost: bool) -> anyhow::Result<()> {
        if !lost {
            self.commit().await?;
        } else if let Some(batch) = self.batcher.take_open() {
            self.abort(batch, "assignment lost").await?;
        }
        self.source.forget(partitions);
        self.batcher.revoke(partitions);
        Ok(())
    }

    /// Nothing waits in line, finished or not.
    pub fn is_drained(&self) -> bool {
        self.batcher.is_drained()
    }

    pub fn is_rewinding(&self) -> bool {
        self.batcher.is_rewinding()
    }
}

pub(super) async fn run(
    ctx: Arc<TaskContext>,
    txn: Arc<Transactions<TxnProducer>>,
    mut records: mpsc::UnboundedReceiver<SourceRecord>,
    mut revokes: mpsc::UnboundedReceiver<RevokeRequest>,
    config: &Config,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let w = &config.worker;
    let limits = Limits {
        max_inputs: w.transaction_max_inputs,
        max_age: Duration::from_millis(w.transaction_max_ms),
        max_in_flight: w.max_in_flight,
        backoff_min: Duration::from_millis(w.retry_backoff_ms),
        backoff_max: Duration::from_millis(w.retry_backoff_max_ms),
    };
    let clock = Arc::new(Instant::now);
    let mut driver =
        Driver::new(ctx.source.clone(), txn, limits, &ctx.routes.dlq_topic, clock, super::exit_if_teardown_hangs);
    let mut tasks: JoinSet<Finished> = JoinSet::new();
    let outcome = run_loop(&ctx, &mut driver, &mut tasks, &mut records, &mut revokes, config, shutdown).await;
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}
    outcome?;
    driver.commit().await
}

async fn run_loop(
    ctx: &Arc<TaskContext>,
    driver: &mut Driver<Source, TxnProducer>,
    tasks: &mut JoinSet<Finished>,
    records: &mut mpsc::UnboundedReceiver<SourceRecord>,
    revokes: &mut mpsc::UnboundedReceiver<RevokeRequest>,
    config: &Config,
    shutdown: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let w = &config.worker;
    let mut tick = tokio::time::interval(Duration::from_millis((w.transaction_max_ms / 4).clamp(5, 50)));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut drain_deadline: Option<Instant> = None;
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            record = records.recv(), if drain_deadline.is_none() => match record {
                Some(record) => {
                    if driver.accept(&record) {
                        spawn_task(ctx, tasks, record);
                    }
                }
                None => drain_deadline = Some(Instant::now()),
            },
            Some(joined) = tasks.join_next(), if !tasks.is_empty() => match joined {
                Ok((record, outputs)) => driver.fill(record, outputs),
                Err(e) => warn!(error = %e, "record task failed; its input is not committed"),
            },
            Some(request) = revokes.recv() => {
                driver.revoke(&request.partitions, request.lost).await?;
                let _ = request.done.send(());
            }
            _ = tick.tick() => {}
            () = &mut shutdown, if drain_deadline.is_none() => {
                info!(in_flight = ctx.source.in_flight(), "shutting down: intake stopped, draining");
                ctx.source.stop_intake();
                drain_deadline = Some(Instant::now() + Duration::from_millis(w.drain_timeout_ms));
            }
        }
        driver.check_fatal()?;
        if ctx.source.rewind_failed() {
            anyhow::bail!(
                "could not rewind the consumer after an aborted transaction; restarting is the safe way back"
            );
        }
        driver.send_ready().await;
        driver.commit_if_due().await?;
        if let Some(deadline) = drain_deadline {
            let drained = tasks.is_empty() && driver.is_drained();
            if drained || Instant::now() >= deadline || driver.is_rewinding() {
                if !drained {
                    warn!(abandoned = tasks.len(), "drain deadline passed; unfinished pages will be redone");
                }
                return Ok(());
            }
        }
    }
}

/// Runs the pipeline on a consumed record; its outputs come back through the join set.
fn spawn_task(ctx: &Arc<TaskContext>, tasks: &mut JoinSet<Finished>, record: SourceRecord) {
    let ctx = ctx.clone();
    let span = record_span(&record);
    tasks.spawn(
        async move {
            let outputs = outputs_of(&ctx, &record).await;
            (record, outputs)
        }
        .instrument(span),
    );
}
