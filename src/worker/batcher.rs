//! The bookkeeping of exactly-once delivery, apart from any client: which
//! finished inputs may enter the open transaction and in what order, when
//! that transaction is due to commit, and what an abort, a rewind or a revoke
//! does to the queues. It exists so that these decisions, where the
//! guarantees live, can be tested in milliseconds with time passed in, rather
//! than only through a broker; `exactly_once` carries them out against the
//! producer and the consumer.
//!
//! Inputs are processed concurrently but enter a transaction strictly in
//! consumption order per partition, so a transaction always holds a
//! contiguous run of each partition's inputs and the offset it commits is
//! exactly the one after the last of them. A page that finishes early waits
//! for the pages before it.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::{Duration, Instant};

use crate::kafka::offsets::{Ticket, TopicPartition};

/// When a transaction commits, and how long to wait after an abort.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// `worker.transaction_max_inputs`.
    pub max_inputs: usize,
    /// `worker.transaction_max_ms`, counted from the first input.
    pub max_age: Duration,
    /// `worker.max_in_flight`: the consumer pauses there.
    pub max_in_flight: usize,
    pub backoff_min: Duration,
    pub backoff_max: Duration,
}

/// One consumed input, in consumption order, until it enters a transaction.
struct Slot<T> {
    ticket: Ticket,
    done: Option<T>,
}

/// The open transaction.
pub(super) struct Batch<T> {
    pub began: Instant,
    /// In the order they entered, which is consumption order per partition.
    pub inputs: Vec<(Ticket, T)>,
    /// Per partition, the offset after the last input in the transaction.
    next: BTreeMap<TopicPartition, i64>,
    /// Set when the transaction is already doomed (first reason kept).
    pub failed: Option<String>,
}

impl<T> Batch<T> {
    /// The offsets to commit with the transaction: the next to read per partition.
    pub fn offsets(&self) -> Vec<(TopicPartition, i64)> {
        self.next.iter().map(|(tp, next)| (tp.clone(), *next)).collect()
    }
}

/// Why an input's outputs were refused for good, and how many times: its
/// redo is a dead letter, then a dead letter without the payload.
type Rejections = HashMap<(TopicPartition, i64), (u8, String)>;

pub(super) struct Batcher<T> {
    queues: BTreeMap<TopicPartition, VecDeque<Slot<T>>>,
    open: Option<Batch<T>>,
    rejected: Rejections,
    /// The rewind asked for after an abort; nothing enters before it is done.
    rewinding: Option<u64>,
    /// After an abort nothing enters before this (exponential backoff).
    not_before: Instant,
    backoff: Duration,
    limits: Limits,
}

impl<T> Batcher<T> {
    pub fn new(limits: Limits, now: Instant) -> Self {
        Batcher {
            queues: BTreeMap::new(),
            open: None,
            rejected: HashMap::new(),
            rewinding: None,
            not_before: now,
            backoff: limits.backoff_min,
            limits,
        }
    }

    /// An input was handed out for processing: it takes its place in line.
    pub fn accept(&mut self, ticket: Ticket) {
        self.queues.entry(ticket.tp.clone()).or_default().push_back(Slot { ticket, done: None });
    }

    /// An input's processing finished. Ignored when its place was given up
    /// (revoked or rewound since).
    pub fn fill(&mut self, ticket: &Ticket, item: T) {
        let slot = self
            .queues
            .get_mut(&ticket.tp)
            .and_then(|q| q.iter_mut().find(|s| s.ticket == *ticket && s.done.is_none()));
        if let Some(slot) = slot {
            slot.done = Some(item);
        }
    }

    /// The next finished input that may enter the open transaction now, in
    /// consumption order per partition; `None` while the transaction is full
    /// or doomed, during the backoff after an abort, until the rewind asked
    /// for has been done (`rewound`: the last rewind the consumer carried
    /// out), or when the next input in line is still being processed.
    /// Inputs whose ticket is no longer current are dropped on the way.
    pub(crate) fn next_ready(
        &mut self,
        now: Instant,
        rewound: u64,
        is_current: impl Fn(&Ticket) -> bool,
    ) -> Option<(Ticket, T)> {
        if let Some(wanted) = self.rewinding {
            if rewound < wanted {
                return None;
            }
            self.rewinding = None;
            for queue in self.queues.values_mut() {
                queue.retain(|slot| is_current(&slot.ticket));
            }
        }
        let open = self.open.as_ref();
        if now < self.not_before || open.is_some_and(|b| b.failed.is_some() || b.inputs.len() >= self.limits.max_inputs)
        {
            return None;
        }
        let mut found = None;
        for queue in self.queues.values_mut() {
            while queue.front().is_some_and(|slot| !is_current(&slot.ticket)) {
                queue.pop_front();
            }
            if queue.front().is_some_and(|slot| slot.done.is_some()) {
                found = queue.pop_front().and_then(|slot| slot.done.map(|item| (slot.ticket, item)));
                break;
            }
        }
        self.queues.retain(|_, q| !q.is_empty());
        found
    }

    /// True when the next input to enter opens a transaction.
    pub(crate) fn needs_begin(&self) -> bool {
        self.open.is_none()
    }

    /// How many inputs the open transaction holds.
    pub(crate) fn open_inputs(&self) -> usize {
        self.open.as_ref().map_or(0, |b| b.inputs.len())
    }

    /// Puts an input in the open transaction (opening one at `now` if none is).
    pub(crate) fn enter(&mut self, now: Instant, ticket: Ticket, item: T) {
        let batch = self.open.get_or_insert_with(|| Batch {
            began: now,
            inputs: Vec::new(),
            next: BTreeMap::new(),
            failed: None,
        });
        let next = batch.next.entry(ticket.tp.clone()).or_insert(ticket.offset + 1);
        *next = (*next).max(ticket.offset + 1);
        batch.inputs.push((ticket, item));
    }

    /// The open transaction cannot commit: it is due, to be aborted.
    pub fn fail(&mut self, reason: impl Into<String>) {
        if let Some(batch) = &mut self.open {
            batch.failed.get_or_insert_with(|| reason.into());
        }
    }

    /// Whether the open transaction should end now: full, old enough, doomed,
    /// or holding every input in flight while the consumer is paused at
    /// `max_in_flight` (nothing more can arrive before a commit).
    pub(crate) fn commit_due(&self, now: Instant, in_flight: usize) -> bool {
        self.open.as_ref().is_some_and(|b| {
            now.saturating_duration_since(b.began) >= self.limits.max_age
                || b.inputs.len() >= self.limits.max_inputs
                || b.failed.is_some()
                || (in_flight >= self.limits.max_in_flight && b.inputs.len() >= in_flight)
        })
    }

    /// Takes the open transaction to commit or abort it.
    pub(crate) fn take_open(&mut self) -> Option<Batch<T>> {
        self.open.take()
    }

    /// The transaction committed: its inputs are done for good.
    pub fn committed(&mut self, batch: &Batch<T>) {
        self.backoff = self.limits.backoff_min;
        for (ticket, _) in &batch.inputs {
            self.rejected.remove(&(ticket.tp.clone(), ticket.offset));
        }
    }

    /// The transaction was aborted at `now` and the consumer asked for rewind
    /// number `rewind`: nothing enters until it is done and the backoff has
    /// passed. Returns the backoff.
    pub fn aborted(&mut self, now: Instant, rewind: u64) -> Duration {
        let backoff = self.backoff;
        self.rewinding = Some(rewind);
        self.not_before = now + backoff;
        self.backoff = (backoff * 2).min(self.limits.backoff_max);
        backoff
    }

    /// The current backoff, which the next abort will wait.
    pub fn backoff(&self) -> Duration {
        self.backoff
    }

    pub(crate) fn is_rewinding(&self) -> bool {
        self.rewinding.is_some()
    }

    /// The broker will never take an output of this input: its redo is a dead letter.
    pub(crate) fn reject(&mut self, ticket: &Ticket, reason: impl Into<String>) {
        let entry = self.rejected.entry((ticket.tp.clone(), ticket.offset)).or_insert((0, String::new()));
        // Saturating: a wrap to 0 would send the dead letter with its payload again.
        entry.0 = entry.0.saturating_add(1);
        entry.1 = reason.into();
    }

    /// How many times, and why last, this input's outputs were refused for good.
    pub(crate) fn rejection(&self, ticket: &Ticket) -> Option<(u8, &str)> {
        self.rejected.get(&(ticket.tp.clone(), ticket.offset)).map(|(times, why)| (*times, why.as_str()))
    }

    /// The partitions are gone: forget the inputs waiting in their lines.
    /// The open transaction must have been ended first.
    pub fn revoke(&mut self, partitions: &[TopicPartition]) {
        debug_assert!(self.open.is_none(), "revoke with a transaction open");
        for tp in partitions {
            self.queues.remove(tp);
        }
    }

    /// No input waits in line (finished or not).
    pub(crate) fn is_drained(&self) -> bool {
        self.queues.values().all(VecDeque::is_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::offsets::OffsetTracker;

    fn limits() -> Limits {
        Limits {
            max_inputs: 3,
            max_age: Duration::from_millis(250),
            max_in_flight: 100,
            backoff_min: Duration::from_millis(100),
            backoff_max: Duration::from_millis(300),
        }
    }

    fn tp(p: i32) -> TopicPartition {
        TopicPartition::new("in", p)
    }

    /// Enters every ready input, returning their (partition, offset) in order.
    fn enter_ready(b: &mut Batcher<()>, now: Instant, t: &OffsetTracker) -> Vec<(i32, i64)> {
        let mut entered = Vec::new();
        while let Some((ticket, ())) = b.next_ready(now, 0, |k| t.is_current(k)) {
            entered.push((ticket.tp.partition, ticket.offset));
            b.enter(now, ticket, ());
        }
        entered
    }

    #[test]
    fn inputs_enter_in_consumption_order_per_partition_whatever_order_they_finish_in() {
        let now = Instant::now();
        let mut t = OffsetTracker::new();
        let mut b = Batcher::new(Limits { max_inputs: 10, ..limits() }, now);
        let tickets: Vec<Ticket> = [(0, 0), (1, 0), (0, 1), (0, 2)].iter().map(|&(p, o)| t.track(&tp(p), o)).collect();
        tickets.iter().for_each(|k| b.accept(k.clone()));
        b.fill(&tickets[3], ());
        b.fill(&tickets[2], ());
        assert_eq!(enter_ready(&mut b, now, &t), vec![], "offset 0 of partition 0 still runs");
        b.fill(&tickets[1], ());
        assert_eq!(enter_ready(&mut b, now, &t), vec![(1, 0)], "partition 1 does not wait for partition 0");
        b.fill(&tickets[0], ());
        assert_eq!(enter_ready(&mut b, now, &t), vec![(0, 0), (0, 1), (0, 2)]);
        let batch = b.take_open().unwrap();
        assert_eq!(batch.offsets(), vec![(tp(0), 3), (tp(1), 1)]);
        assert!(b.is_drained());
    }

    #[test]
    fn a_transaction_is_due_when_full_when_old_when_doomed_or_holding_all_in_flight() {
        let now = Instant::now();
        let mut t = OffsetTracker::new();
        let mut b = Batcher::new(limits(), now);
        assert!(!b.commit_due(now + Duration::from_secs(9), 100), "nothing open, nothing due");
        for offset in 0..4 {
            let k = t.track(&tp(0), offset);
            b.accept(k.clone());
            b.fill(&k, ());
        }
        assert_eq!(enter_ready(&mut b, now, &t).len(), 3, "the fourth waits for the next transaction");
        assert!(b.commit_due(now, 4), "full at max_inputs");
        b.take_open();

        assert_eq!(enter_ready(&mut b, now, &t), vec![(0, 3)]);
        assert!(!b.commit_due(now + Duration::from_millis(249), 10));
        assert!(b.commit_due(now + Duration::from_millis(250), 10), "old at max_age");
        assert!(!b.commit_due(now, 1), "holds all in flight, but the consumer is not paused");
        b.fail("delivery failed");
        assert!(b.commit_due(now, 10), "doomed");
        assert_eq!(b.next_ready(now, 0, |_| true).map(|(k, _)| k.offset), None);
    }

    #[test]
    fn holding_every_input_in_flight_at_the_pause_is_due() {
        let now = Instant::now();
        let mut t = OffsetTracker::new();
        let mut b = Batcher::new(Limits { max_in_flight: 2, max_inputs: 10, ..limits() }, now);
        for offset in 0..2 {
            let k = t.track(&tp(0), offset);
            b.accept(k.clone());
            b.fill(&k, ());
        }
        enter_ready(&mut b, now, &t);
        assert!(b.commit_due(now, 2));
        assert!(!b.commit_due(now, 3), "one more is still being processed");
    }

    #[test]
    fn after_an_abort_nothing_enters_before_the_rewind_and_the_backoff_and_the_backoff_doubles() {
        let now = Instant::now();
        let mut t = OffsetTracker::new();
        let mut b = Batcher::new(limits(), now);
        let k = t.track(&tp(0), 0);
        b.accept(k.clone());
        b.fill(&k, ());
        enter_ready(&mut b, now, &t);
        b.take_open();
        assert_eq!(b.aborted(now, 1), Duration::from_millis(100));
        t.rewind();
        let again = t.track(&tp(0), 0);
        b.accept(again.clone());
        b.fill(&again, ());
        let later = now + Duration::from_millis(100);
        assert!(b.next_ready(later, 0, |k| t.is_current(k)).is_none(), "rewind 1 not done yet");
        assert!(b.next_ready(now, 1, |k| t.is_current(k)).is_none(), "backoff not over");
        assert_eq!(b.next_ready(later, 1, |k| t.is_current(k)).map(|(k, _)| k), Some(again));
        assert_eq!(b.backoff(), Duration::from_millis(200));
        b.aborted(later, 2);
        assert_eq!(b.backoff(), Duration::from_millis(300), "capped");
        let batch = Batch { began: now, inputs: Vec::new(), next: BTreeMap::new(), failed: None };
        b.committed(&batch);
        assert_eq!(b.backoff(), Duration::from_millis(100), "a commit resets it");
    }
}
