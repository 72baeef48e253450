//! The consumer side: a dedicated thread polls the group consumer and hands
//! owned records to the async worker, with backpressure and rebalance safety.
//!
//! Why a thread of its own: librdkafka runs rebalance callbacks inside `poll`,
//! and a revoke must be able to block while in-flight pages finish; doing that
//! on a tokio worker would stall the reactor. The thread polls every 100 ms
//! even when paused, so the consumer never exceeds `max.poll.interval.ms` and
//! silently leaves the group.
//!
//! Backpressure: when `max_in_flight` messages are unacknowledged the thread
//! first holds: it stops taking records for up to `HOLD_MAX`, and librdkafka
//! keeps what it prefetched, stopping its fetches once its queue is full.
//! Pausing would throw that prefetch away (librdkafka moves a paused
//! partition's fetch position back to the last record handed out) and fetch
//! it again on resume. A hold still polls every 100 ms
//! (without waiting; at most one record past the bound each time), since
//! rebalance callbacks run only inside poll. A longer hold (slow pages)
//! becomes a pause. At `max_in_flight_bytes` (huge pages) it pauses at once:
//! that bound guards memory. Intake resumes at half of both bounds.
//! Offsets: acknowledgements go through the shared `OffsetTracker`, which
//! stores (for auto-commit) only the contiguous acknowledged prefix.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::statistics::Statistics;
use rdkafka::types::RDKafkaErrorCode;
use rdkafka::{ClientContext, Offset, TopicPartitionList};
use tokio::sync::mpsc;
use tracing::{debug, error, info, trace, warn};

use super::offsets::{OffsetTracker, Ticket, TopicPartition};
use crate::health::Health;

/// One consumed record, owned so it can cross to the CPU pool.
#[derive(Debug)]
pub(crate) struct SourceRecord {
    pub ticket: Ticket,
    pub key: Option<Vec<u8>>,
    /// Shared with the CPU pool without another copy of the page.
    pub value: Arc<[u8]>,
    pub headers: Vec<(String, Vec<u8>)>,
    /// Record timestamp (create or log-append time), milliseconds since epoch.
    pub timestamp_ms: Option<i64>,
}

/// State shared by the poll thread, the rebalance callbacks and the workers.
pub(crate) struct SourceShared {
    tracker: Mutex<OffsetTracker>,
    /// Signalled on every acknowledgement (revokes and shutdown wait on it).
    acked: Condvar,
    stop_intake: AtomicBool,
    finish: AtomicBool,
    revoke_timeout: Duration,
    health: Arc<Health>,
    /// Bumped by every rebalance, so the poll loop re-applies its pause state
    /// to the new assignment (a partition handed back to us may still carry
    /// the pause from before its revocation).
    rebalances: std::sync::atomic::AtomicU64,
    commits: OffsetCommits,
    /// Rewinds asked for and rewinds done by the poll thread (see `Source::rewind`).
    rewinds_requested: std::sync::atomic::AtomicU64,
    rewinds_done: std::sync::atomic::AtomicU64,
    /// A rewind could not seek back an assigned partition: what it handed out
    /// would be skipped, so the owner of the commits must stop.
    rewind_failed: AtomicBool,
    /// A fatal consumer error (e.g. fenced by a newer member with the same
    /// `group.instance.id`): the poll loop has stopped and the worker must exit.
    fatal: Mutex<Option<String>>,
}

/// Who commits consumed offsets.
pub(crate) enum OffsetCommits {
    /// This consumer: offsets are stored on acknowledgement and auto-committed,
    /// and committed synchronously on revoke and at shutdown.
    Consumer,
    /// Someone else (a producer's transactions). The hook runs on revoke and
    /// on a lost assignment, before the partitions go, with the partitions and
    /// whether they were lost; when it returns nothing more may be committed
    /// for them.
    External(Box<dyn Fn(&[TopicPartition], bool) + Send + Sync>),
}

impl SourceShared {
    fn tracker(&self) -> MutexGuard<'_, OffsetTracker> {
        // A panic while holding the lock cannot leave the tracker half-updated
        // in a way that matters more than stopping would: keep going.
        self.tracker.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn in_flight(&self) -> usize {
        self.tracker().in_flight()
    }

    /// Waits until `pred(tracker)` holds or the deadline passes; true if it held.
    fn wait_until(&self, deadline: Instant, pred: impl Fn(&OffsetTracker) -> bool) -> bool {
        let mut guard = self.tracker();
        loop {
            if pred(&guard) {
                return true;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            guard = self.acked.wait_timeout(guard, deadline - now).unwrap_or_else(|p| p.into_inner()).0;
        }
    }
}

/// Rebalance hooks: finish or abandon in-flight work of revoked partitions,
/// commit what is done, and start fresh epochs for assigned ones.
pub(crate) struct SourceContext {
    shared: Arc<SourceShared>,
}

impl ClientContext for SourceContext {
    /// Runs inside `poll` every `statistics.interval.ms`: connectivity. (Lag
    /// comes from the broker's numbers, in `progress`: librdkafka's own
    /// figure is blind to offsets committed by transactions.)
    fn stats(&self, stats: Statistics) {
        let up = stats.brokers.values().any(|b| b.nodeid >= 0 && b.state == "UP");
        self.shared.health.set_connected(up);
        // Fetched against consumed shows prefetched records thrown away and fetched again.
        metrics::counter!("pressline_kafka_fetched_messages_total").absolute(stats.rxmsgs.max(0) as u64);
        metrics::counter!("pressline_kafka_fetched_bytes_total").absolute(stats.rxmsg_bytes.max(0) as u64);
        for (topic, t) in &stats.topics {
            for (id, p) in t.partitions.iter().filter(|(id, p)| **id >= 0 && p.desired) {
                // What a stuck partition looks like from the inside (e.g. "offset-query" forever).
                debug!(
                    topic = %topic,
                    partition = id,
                    fetch_state = %p.fetch_state,
                    next_offset = p.next_offset,
                    committed = p.committed_offset,
                    "partition state"
                );
            }
        }
    }

    fn error(&self, error: KafkaError, reason: &str) {
        if error.rdkafka_error_code() == Some(RDKafkaErrorCode::AllBrokersDown) {
            self.shared.health.set_connected(false);
        }
        metrics::counter!("pressline_consumer_errors_total").increment(1);
        warn!(error = %error, reason, "kafka client error");
    }
}

fn partitions_of(tpl: &TopicPartitionList) -> Vec<TopicPartition> {
    tpl.elements().iter().map(|e| TopicPartition::new(e.topic(), e.partition())).collect()
}

fn offsets_list(offsets: &[(TopicPartition, i64)]) -> TopicPartitionList {
    let mut tpl = TopicPartitionList::new();
    for (tp, next) in offsets {
        // Cannot fail for a valid offset; a bad one would be skipped by the broker anyway.
        let _ = tpl.add_partition_offset(&tp.topic, tp.partition, Offset::Offset(*next));
    }
    tpl
}

impl ConsumerContext for SourceContext {
    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        let Rebalance::Revoke(tpl) = rebalance else {
            return;
        };
        let revoked = partitions_of(tpl);
        metrics::counter!("pressline_rebalances_total", "event" => "revoke").increment(1);
        if let OffsetCommits::External(before_revoke) = &self.shared.commits {
            let lost = consumer.assignment_lost();
            before_revoke(&revoked, lost);
            let mut tracker = self.shared.tracker();
            for tp in &revoked {
                tracker.revoke(tp);
            }
            info!(partitions = revoked.len(), lost, "partitions revoked");
            return;
        }
        if consumer.assignment_lost() {
            // Someone else may own them already: committing would overwrite their progress.
            let mut tracker = self.shared.tracker();
            let dropped = tracker.in_flight_of(&revoked);
            for tp in &revoked {
                tracker.revoke(tp);
            }
            warn!(partitions = revoked.len(), dropped, "assignment lost; dropping in-flight work without committing");
            return;
        }
        // At shutdown (unsubscribe in `finish`) the tasks have ended or were
        // aborted and the final commit is made: nothing more can finish.
        let closing = self.shared.finish.load(Ordering::SeqCst);
        let deadline = Instant::now() + if closing { Duration::ZERO } else { self.shared.revoke_timeout };
        let drained = self.shared.wait_until(deadline, |t| t.in_flight_of(&revoked) == 0);
        let done: Vec<(TopicPartition, i64)> = {
            let mut tracker = self.shared.tracker();
            revoked.iter().filter_map(|tp| tracker.revoke(tp).map(|o| (tp.clone(), o))).collect()
        };
        if !drained && !closing {
            warn!(
                partitions = revoked.len(),
                "revoke deadline passed; unfinished pages will be redelivered to the new owner"
            );
        }
        if !done.is_empty() {
            if let Err(e) = consumer.commit(&offsets_list(&done), CommitMode::Sync) {
                warn!(error = %e, "commit on revoke failed; the new owner may reprocess some pages");
            }
        }
        info!(partitions = revoked.len(), committed = done.len(), "partitions revoked");
    }

    /// Auto-commits and our synchronous commits both report here.
    fn commit_callback(&self, result: rdkafka::error::KafkaResult<()>, offsets: &TopicPartitionList) {
        let outcome = if result.is_ok() { "ok" } else { "error" };
        metrics::counter!("pressline_commits_total", "result" => outcome).increment(1);
        if let Err(e) = result {
            // Nothing to commit is reported as an error by librdkafka; not worth a warning.
            if !matches!(e.rdkafka_error_code(), Some(RDKafkaErrorCode::NoOffset)) {
                warn!(error = %e, partitions = offsets.count(), "offset commit failed");
            }
        }
    }

    fn post_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        self.shared.rebalances.fetch_add(1, Ordering::SeqCst);
        match rebalance {
            Rebalance::Assign(tpl) => {
                metrics::counter!("pressline_rebalances_total", "event" => "assign").increment(1);
                let mut tracker = self.shared.tracker();
                for tp in partitions_of(tpl) {
                    tracker.assign(tp);
                }
                info!(partitions = tpl.count(), "partitions assigned");
            }
            Rebalance::Revoke(_) => {}
            Rebalance::Error(e) => error!(error = %e, "rebalance error"),
        }
        let assigned = consumer.assignment().map(|a| a.count()).unwrap_or(0);
        self.shared.health.set_assigned(assigned);
        metrics::gauge!("pressline_assigned_partitions").set(assigned as f64);
    }
}

pub(crate) type GroupConsumer = BaseConsumer<SourceContext>;

/// The running consumer thread and the handles the worker needs.
pub(crate) struct Source {
    consumer: Arc<GroupConsumer>,
    shared: Arc<SourceShared>,
    thread: Option<JoinHandle<()>>,
}

/// How the source behaves; from the `[worker]` and `[metrics]` config.
pub(crate) struct SourceOptions {
    pub commits: OffsetCommits,
    pub max_in_flight: usize,
    /// Bytes of unacknowledged input values; the consumer also pauses here.
    pub max_in_flight_bytes: usize,
    pub revoke_timeout: Duration,
    pub health: Arc<Health>,
}

impl Source {
    /// Creates the consumer, subscribes and starts polling on its own thread.
    pub fn start(
        config: rdkafka::ClientConfig,
        topics: &[String],
        options: SourceOptions,
    ) -> anyhow::Result<(Source, mpsc::UnboundedReceiver<SourceRecord>)> {
        let limits = InFlightLimits { messages: options.max_in_flight, bytes: options.max_in_flight_bytes };
        let shared = Arc::new(SourceShared {
            tracker: Mutex::new(OffsetTracker::new()),
            acked: Condvar::new(),
            stop_intake: AtomicBool::new(false),
            finish: AtomicBool::new(false),
            revoke_timeout: options.revoke_timeout,
            health: options.health,
            rebalances: std::sync::atomic::AtomicU64::new(0),
            commits: options.commits,
            rewinds_requested: std::sync::atomic::AtomicU64::new(0),
            rewinds_done: std::sync::atomic::AtomicU64::new(0),
            rewind_failed: AtomicBool::new(false),
            fatal: Mutex::new(None),
        });
        let consumer: GroupConsumer =
            config.create_with_context(SourceContext { shared: shared.clone() }).map_err(super::client_error)?;
        let topic_refs: Vec<&str> = topics.iter().map(String::as_str).collect();
        consumer.subscribe(&topic_refs)?;
        let consumer = Arc::new(consumer);
        // Unbounded is safe: the poll loop stops taking messages at the in-flight limits.
        let (tx, rx) = mpsc::unbounded_channel();
        let thread = std::thread::Builder::new().name("pressline-poll".into()).spawn({
            let consumer = consumer.clone();
            let shared = shared.clone();
            move || poll_loop(&consumer, &shared, &tx, limits)
        })?;
        Ok((Source { consumer, shared, thread: Some(thread) }, rx))
    }

    /// Called when every output of a record is acknowledged by the broker.
    pub(crate) fn ack(&self, ticket: &Ticket) {
        let mut tracker = self.shared.tracker();
        let advanced = tracker.ack(ticket);
        if let (Some(next), OffsetCommits::Consumer) = (advanced, &self.shared.commits) {
            // Stored under the tracker's lock: acks race on the worker threads,
            // and a store done after the lock was released could land after a
            // later one and move the stored offset backwards (seen: a partition
            // fully processed, its committed offset stuck where it went back).
            let tpl = offsets_list(&[(ticket.tp.clone(), next)]);
            match self.consumer.store_offsets(&tpl) {
                Ok(()) => {
                    trace!(topic = %ticket.tp.topic, partition = ticket.tp.partition, next, "offset stored")
                }
                // The partition was revoked in the meantime: its new owner redoes the work.
                Err(e) => debug!(error = %e, "offset not stored"),
            }
        }
        drop(tracker);
        self.shared.acked.notify_all();
    }

    /// The fatal consumer error that stopped the poll loop, if any.
    pub(crate) fn fatal_error(&self) -> Option<String> {
        self.shared.fatal.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn in_flight(&self) -> usize {
        self.shared.in_flight()
    }

    /// Tells, whenever asked, the partitions this worker holds (for the
    /// progress watchdog, which must not keep the consumer alive).
    pub(crate) fn owned_partitions(&self) -> Box<dyn Fn() -> std::collections::BTreeSet<TopicPartition> + Send> {
        let shared = Arc::downgrade(&self.shared);
        Box::new(move || shared.upgrade().map(|s| s.tracker().partitions()).unwrap_or_default())
    }

    /// Whether the ticket's partition is still ours, in the same epoch: no
    /// rebalance or rewind happened since the record was handed out.
    pub(crate) fn is_current(&self, ticket: &Ticket) -> bool {
        self.shared.tracker().is_current(ticket)
    }

    /// Forgets the given partitions now (their tickets stop being current).
    pub fn forget(&self, partitions: &[TopicPartition]) {
        let mut tracker = self.shared.tracker();
        for tp in partitions {
            tracker.revoke(tp);
        }
    }

    /// The group's generation and member, which a transaction must present
    /// with the offsets it commits (a stale member is refused: KIP-447).
    pub(crate) fn group_metadata(&self) -> Option<rdkafka::consumer::ConsumerGroupMetadata> {
        self.consumer.group_metadata()
    }

    /// Asks the poll thread to read every unacknowledged record again: it
    /// seeks each partition back to its first unacknowledged offset and
    /// retires the tickets handed out since. Returns the rewind's number, to
    /// compare with `rewound`. Done on the poll thread so no record fetched
    /// before the seek can be handed out after it.
    pub(crate) fn rewind(&self) -> u64 {
        self.shared.rewinds_requested.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Number of the last rewind the poll thread has carried out.
    pub(crate) fn rewound(&self) -> u64 {
        self.shared.rewinds_done.load(Ordering::SeqCst)
    }

    /// True once a rewind failed to seek an assigned partition back.
    pub(crate) fn rewind_failed(&self) -> bool {
        self.shared.rewind_failed.load(Ordering::SeqCst)
    }

    /// Stop handing out records (partitions are paused; polling goes on).
    pub(crate) fn stop_intake(&self) {
        self.shared.stop_intake.store(true, Ordering::SeqCst);
    }

    /// Commits every acknowledged offset synchronously, joins the poll thread
    /// and leaves the group (waiting for that at most `CLOSE_GRACE`).
    pub fn finish(self) {
        let Source { consumer, shared, thread } = self;
        let committable = match shared.commits {
            OffsetCommits::Consumer => shared.tracker().committable(),
            OffsetCommits::External(_) => Vec::new(),
        };
        if !committable.is_empty() {
            match consumer.commit(&offsets_list(&committable), CommitMode::Sync) {
                Ok(()) => info!(partitions = committable.len(), "final offsets committed"),
                Err(e) => warn!(error = %e, "final commit failed; some pages will be redelivered"),
            }
        }
        shared.finish.store(true, Ordering::SeqCst);
        if let Some(thread) = thread {
            let _ = thread.join();
        }
        consumer.unsubscribe();
        close_within(consumer, CLOSE_GRACE);
    }
}

/// How long leaving the group may take at shutdown. It takes milliseconds
/// normally, but rdkafka's drop waits for librdkafka's close without a bound,
/// and on noida-db that close was seen never finishing (final offsets
/// committed, last revoke served, then the process alive and idle until killed).
const CLOSE_GRACE: Duration = Duration::from_secs(10);

/// Drops (for a consumer: closes) `client` on a thread of its own and waits
/// at most `grace`; true when the drop finished. Past it the close is left
/// running: the offsets are committed by then, the process is ending, and the
/// group's session timeout hands the partitions over.
fn close_within<T: Send + 'static>(client: T, grace: Duration) -> bool {
    let (done_tx, done) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new().name("pressline-close".into()).spawn(move || {
        drop(client);
        let _ = done_tx.send(());
    });
    if let Err(e) = spawned {
        warn!(error = %e, "could not start the consumer's close; leaving it to the process exit");
        return false;
    }
    let closed = done.recv_timeout(grace).is_ok();
    if !closed {
        warn!(
            grace_s = grace.as_secs(),
            "leaving the consumer group did not finish; exiting anyway (offsets are committed; the session timeout frees the partitions)"
        );
    }
    closed
}

/// When the consumer stops taking records: at either bound, resuming once
/// both are back under half, so it does not flap at the edge.
#[derive(Debug, Clone, Copy)]
struct InFlightLimits {
    messages: usize,
    bytes: usize,
}

impl InFlightLimits {
    fn pause(&self, paused: bool, messages: usize, bytes: usize) -> bool {
        if paused {
            messages > self.messages / 2 || bytes > self.bytes / 2
        } else {
            messages >= self.messages || bytes >= self.bytes
        }
    }
}

/// How long intake may stop without polling before the partitions are paused
/// instead: long enough for a full in-flight window of ordinary pages to drain
/// to half, short enough that a rebalance waits at most this for our poll.
const HOLD_MAX: Duration = Duration::from_secs(1);

/// How often a hold still polls, to serve rebalance callbacks.
const HOLD_POLL_EVERY: Duration = Duration::from_millis(100);

/// What the poll loop does about records this turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intake {
    /// Poll and hand records out.
    Take,
    /// At a bound: take nothing, do not poll (the prefetch stays queued).
    Hold,
    /// Partitions paused, polling on (rebalances, `max.poll.interval.ms`).
    Pause,
}

/// The next intake state. `held_for` is how long the current hold has lasted.
fn next_intake(
    limits: InFlightLimits,
    now: Intake,
    held_for: Duration,
    stopping: bool,
    messages: usize,
    bytes: usize,
) -> Intake {
    if stopping {
        return Intake::Pause;
    }
    if !limits.pause(now != Intake::Take, messages, bytes) {
        return Intake::Take;
    }
    if bytes >= limits.bytes {
        // The byte bound guards memory, and a hold still hands out a record per
        // poll: with huge pages that overshot it (11 pages of 2 MB held against
        // a bound of 4 MB). Pause at once instead.
        return Intake::Pause;
    }
    match now {
        Intake::Pause => Intake::Pause,
        Intake::Hold if held_for >= HOLD_MAX => Intake::Pause,
        Intake::Take | Intake::Hold => Intake::Hold,
    }
}

fn poll_loop(
    consumer: &GroupConsumer,
    shared: &SourceShared,
    tx: &mpsc::UnboundedSender<SourceRecord>,
    limits: InFlightLimits,
) {
    let mut seen_rebalances = 0u64;
    let mut intake = Intake::Take;
    let mut hold_began = Instant::now();
    let mut last_poll = Instant::now();
    while !shared.finish.load(Ordering::SeqCst) {
        shared.health.polled();
        let rewinds = shared.rewinds_requested.load(Ordering::SeqCst);
        if rewinds != shared.rewinds_done.load(Ordering::SeqCst) {
            rewind(consumer, shared);
            shared.rewinds_done.store(rewinds, Ordering::SeqCst);
        }
        let stopping = shared.stop_intake.load(Ordering::SeqCst);
        let (in_flight, in_flight_bytes) = {
            let tracker = shared.tracker();
            (tracker.in_flight(), tracker.in_flight_bytes())
        };
        metrics::gauge!("pressline_in_flight_messages").set(in_flight as f64);
        metrics::gauge!("pressline_in_flight_bytes").set(in_flight_bytes as f64);
        let next = next_intake(limits, intake, hold_began.elapsed(), stopping, in_flight, in_flight_bytes);
        if next != intake {
            // `paused` is whether intake stopped, by a hold or a pause.
            debug!(paused = next != Intake::Take, how = ?next, in_flight, in_flight_bytes, "backpressure");
            if next == Intake::Hold {
                hold_began = Instant::now();
            }
        }
        let was_paused = intake == Intake::Pause;
        intake = next;
        let holding = intake == Intake::Hold;
        if holding {
            // Wait for acknowledgements, then poll without waiting: rebalance
            // callbacks run only inside poll, and a rebalance left unserved for
            // the whole hold kept the group out of its steady state (no
            // auto-commit) while pages went on finishing; on noida-db, which
            // refuses the commit made on revoke, all of them were then redone.
            // The poll may hand out one record past the bound. At most one
            // poll per 100 ms: acknowledgements wake this wait every few
            // milliseconds, and a poll after each kept the count from falling
            // (one record out per one acknowledged) until the hold became a
            // pause, and the prefetch was fetched again.
            let _ = shared.acked.wait_timeout(shared.tracker(), HOLD_POLL_EVERY);
            if last_poll.elapsed() < HOLD_POLL_EVERY {
                continue;
            }
        }
        let want_pause = intake == Intake::Pause;
        // A hold neither pauses nor resumes (the prefetch stays where it is);
        // a rebalance seen during it is resumed after.
        let rebalances = if holding { seen_rebalances } else { shared.rebalances.load(Ordering::SeqCst) };
        let reassigned = rebalances != seen_rebalances;
        seen_rebalances = rebalances;
        if !holding {
            if let Ok(assignment) = consumer.assignment() {
                // Pausing is re-applied every turn (partitions assigned while paused
                // start unpaused); resuming after a pause and after any rebalance.
                let result = if want_pause {
                    consumer.pause(&assignment)
                } else if was_paused || reassigned {
                    consumer.resume(&assignment)
                } else {
                    Ok(())
                };
                if let Err(e) = result {
                    debug!(error = %e, "pause/resume");
                }
            }
        }
        last_poll = Instant::now();
        match consumer.poll(if holding { Duration::ZERO } else { Duration::from_millis(100) }) {
            None => {}
            Some(Err(e @ KafkaError::MessageConsumptionFatal(_))) => {
                metrics::counter!("pressline_consumer_errors_total").increment(1);
                // librdkafka will not consume again; polling on would look alive while doing nothing.
                error!(error = %e, "fatal consumer error: stopping");
                *shared.fatal.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.to_string());
                break;
            }
            Some(Err(e)) => {
                metrics::counter!("pressline_consumer_errors_total").increment(1);
                warn!(error = %e, "consumer error");
            }
            Some(Ok(_)) if stopping => {
                // Not tracked, not committed: redelivered after restart.
            }
            Some(Ok(msg)) => {
                let tp = TopicPartition::new(msg.topic(), msg.partition());
                let ticket = shared.tracker().track_sized(&tp, msg.offset(), msg.payload_len());
                let headers = super::headers::to_vec(msg.headers());
                metrics::counter!("pressline_pages_consumed_total").increment(1);
                metrics::counter!("pressline_consumed_bytes_total").increment(msg.payload_len() as u64);
                let record = SourceRecord {
                    ticket,
                    key: msg.key().map(<[u8]>::to_vec),
                    value: msg.payload().map(Arc::from).unwrap_or_else(|| Arc::from([])),
                    headers,
                    timestamp_ms: msg.timestamp().to_millis(),
                };
                if tx.send(record).is_err() {
                    break; // worker gone
                }
            }
        }
    }
}

fn rewind(consumer: &GroupConsumer, shared: &SourceShared) {
    let points = shared.tracker().rewind();
    shared.acked.notify_all();
    for (tp, offset) in &points {
        // A seek also drops what librdkafka had prefetched past `offset`.
        if let Err(e) = consumer.seek(&tp.topic, tp.partition, Offset::Offset(*offset), Duration::from_secs(10)) {
            let assigned = consumer
                .assignment()
                .map(|a| a.elements().iter().any(|e| e.topic() == tp.topic && e.partition() == tp.partition))
                .unwrap_or(true);
            if assigned {
                error!(error = %e, topic = %tp.topic, partition = tp.partition, offset, "seek back failed");
                shared.rewind_failed.store(true, Ordering::SeqCst);
            }
        }
    }
    info!(partitions = points.len(), "rewound to the first uncommitted offsets");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_a_bound_intake_holds_first_and_pauses_only_when_the_hold_lasts() {
        let limits = InFlightLimits { messages: 100, bytes: 1000 };
        let short = Duration::from_millis(10);
        assert_eq!(next_intake(limits, Intake::Take, short, false, 99, 0), Intake::Take);
        assert_eq!(next_intake(limits, Intake::Take, short, false, 100, 0), Intake::Hold, "a bound holds first");
        assert_eq!(next_intake(limits, Intake::Take, short, false, 0, 1000), Intake::Pause, "the byte bound pauses");
        assert_eq!(next_intake(limits, Intake::Hold, short, false, 60, 1000), Intake::Pause, "also during a hold");
        assert_eq!(next_intake(limits, Intake::Hold, short, false, 60, 0), Intake::Hold, "until under half");
        assert_eq!(next_intake(limits, Intake::Hold, short, false, 50, 500), Intake::Take);
        assert_eq!(next_intake(limits, Intake::Hold, HOLD_MAX, false, 60, 0), Intake::Pause, "a long hold pauses");
        assert_eq!(next_intake(limits, Intake::Pause, short, false, 60, 0), Intake::Pause);
        assert_eq!(next_intake(limits, Intake::Pause, short, false, 50, 500), Intake::Take);
        assert_eq!(
            next_intake(limits, Intake::Take, short, true, 0, 0),
            Intake::Pause,
            "stopping intake pauses at once"
        );
    }

    #[test]
    fn the_consumer_pauses_at_either_limit_and_resumes_under_half_of_both() {
        let limits = InFlightLimits { messages: 100, bytes: 1_000 };
        assert!(!limits.pause(false, 99, 999));
        assert!(limits.pause(false, 100, 0), "message bound");
        assert!(limits.pause(false, 1, 1_000), "byte bound: a few huge pages");
        assert!(limits.pause(true, 51, 0) && limits.pause(true, 0, 501), "stays paused above half of either");
        assert!(!limits.pause(true, 50, 500), "resumes under half of both");
    }

    fn group_consumer(brokers: &str) -> Arc<GroupConsumer> {
        let shared = Arc::new(SourceShared {
            tracker: Mutex::new(OffsetTracker::new()),
            acked: Condvar::new(),
            stop_intake: AtomicBool::new(false),
            finish: AtomicBool::new(true),
            revoke_timeout: Duration::ZERO,
            health: crate::health::Health::new(Duration::from_secs(60), Duration::from_secs(60)),
            rebalances: std::sync::atomic::AtomicU64::new(0),
            commits: OffsetCommits::Consumer,
            rewinds_requested: std::sync::atomic::AtomicU64::new(0),
            rewinds_done: std::sync::atomic::AtomicU64::new(0),
            rewind_failed: AtomicBool::new(false),
            fatal: Mutex::new(None),
        });
        let consumer: GroupConsumer = rdkafka::ClientConfig::new()
            .set("bootstrap.servers", brokers)
            .set("group.id", "close-test")
            .create_with_context(SourceContext { shared })
            .unwrap();
        consumer.subscribe(&["t"]).unwrap();
        Arc::new(consumer)
    }

    #[test]
    fn a_consumer_that_closes_promptly_is_closed_before_finish_returns() {
        let consumer = group_consumer("127.0.0.1:1");
        assert!(close_within(consumer, Duration::from_secs(60)));
    }

    #[test]
    fn closing_is_bounded_when_the_close_never_returns() {
        struct Stuck(std::sync::mpsc::Receiver<()>);
        impl Drop for Stuck {
            fn drop(&mut self) {
                let _ = self.0.recv();
            }
        }
        let (release, stuck) = std::sync::mpsc::channel();
        assert!(!close_within(Stuck(stuck), Duration::from_millis(50)), "gave up on the stuck close");
        let _ = release.send(());
    }
}
