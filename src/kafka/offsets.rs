//! Per-partition bookkeeping of which input offsets are safe to commit.
//!
//! Records finish out of order (pages differ in cost), but a consumer group
//! only stores one offset per partition. The tracker remembers every offset
//! handed out and, per partition, advances the committable position only over
//! a contiguous run of acknowledged offsets: an offset is committed only when
//! it and everything before it have all their outputs acknowledged.
//!
//! Each assignment of a partition gets a fresh epoch. Work started under an old
//! epoch (before a revoke) can still finish, but its acknowledgement is ignored,
//! so it can never move the offset of a partition this worker no longer owns.

use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TopicPartition {
    pub topic: String,
    pub partition: i32,
}

impl TopicPartition {
    pub fn new(topic: impl Into<String>, partition: i32) -> TopicPartition {
        TopicPartition { topic: topic.into(), partition }
    }
}

/// Identifies one tracked offset: acknowledge it with this ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ticket {
    pub tp: TopicPartition,
    pub offset: i64,
    epoch: u64,
}

#[derive(Debug, Default)]
struct PartitionState {
    epoch: u64,
    /// Offsets handed out and not yet committable: acknowledged yet, and the
    /// record's size.
    pending: BTreeMap<i64, Pending>,
    /// Next offset to consume, i.e. what a commit should store.
    committable: Option<i64>,
}

#[derive(Debug, Clone, Copy)]
struct Pending {
    done: bool,
    bytes: usize,
}

impl PartitionState {
    /// Bytes of the records handed out and not acknowledged.
    fn unacknowledged_bytes(&self) -> usize {
        self.pending.values().filter(|p| !p.done).map(|p| p.bytes).sum()
    }
}

#[derive(Debug, Default)]
pub(crate) struct OffsetTracker {
    partitions: HashMap<TopicPartition, PartitionState>,
    next_epoch: u64,
    /// Bytes of all unacknowledged records, kept as a running total because
    /// the consumer reads it before every poll.
    in_flight_bytes: usize,
}

impl OffsetTracker {
    pub fn new() -> OffsetTracker {
        OffsetTracker::default()
    }

    /// Starts tracking a newly assigned partition (forgetting any older state).
    pub fn assign(&mut self, tp: TopicPartition) {
        self.next_epoch += 1;
        let fresh = PartitionState { epoch: self.next_epoch, ..PartitionState::default() };
        if let Some(old) = self.partitions.insert(tp, fresh) {
            self.in_flight_bytes -= old.unacknowledged_bytes();
        }
    }

    /// Stops tracking a revoked partition; returns its last committable offset.
    pub fn revoke(&mut self, tp: &TopicPartition) -> Option<i64> {
        let state = self.partitions.remove(tp)?;
        self.in_flight_bytes -= state.unacknowledged_bytes();
        state.committable
    }

    /// Records that `offset` was handed out for processing.
    pub(crate) fn track(&mut self, tp: &TopicPartition, offset: i64) -> Ticket {
        self.track_sized(tp, offset, 0)
    }

    /// [`OffsetTracker::track`] for a record of `bytes` bytes, counted in
    /// [`OffsetTracker::in_flight_bytes`] until it is acknowledged.
    pub(crate) fn track_sized(&mut self, tp: &TopicPartition, offset: i64, bytes: usize) -> Ticket {
        if !self.partitions.contains_key(tp) {
            // Messages can precede our view of the assignment (e.g. after a
            // callback-free static assignment); start tracking on first sight.
            self.assign(tp.clone());
        }
        let state = self.partitions.get_mut(tp).expect("just assigned");
        if let Some(old) = state.pending.insert(offset, Pending { done: false, bytes }) {
            if !old.done {
                self.in_flight_bytes -= old.bytes;
            }
        }
        self.in_flight_bytes += bytes;
        Ticket { tp: tp.clone(), offset, epoch: state.epoch }
    }

    /// Marks a ticket's outputs as acknowledged. Returns the new committable
    /// offset when this acknowledgement moved it forward.
    pub(crate) fn ack(&mut self, ticket: &Ticket) -> Option<i64> {
        let state = self.partitions.get_mut(&ticket.tp).filter(|s| s.epoch == ticket.epoch)?;
        let pending = state.pending.get_mut(&ticket.offset)?;
        if !pending.done {
            pending.done = true;
            self.in_flight_bytes -= pending.bytes;
        }
        let mut advanced = None;
        while let Some(entry) = state.pending.first_entry() {
            if !entry.get().done {
                break;
            }
            advanced = Some(*entry.key() + 1);
            entry.remove();
        }
        if advanced.is_some() {
            state.committable = advanced;
        }
        advanced
    }

    /// True while the ticket's partition is still under the epoch it was issued in.
    pub(crate) fn is_current(&self, ticket: &Ticket) -> bool {
        self.partitions.get(&ticket.tp).is_some_and(|s| s.epoch == ticket.epoch)
    }

    /// Forgets every unacknowledged offset and starts a new epoch for the
    /// partitions that had any. Returns, per such partition, its first
    /// unacknowledged offset: where the consumer must seek to read them again.
    pub(crate) fn rewind(&mut self) -> Vec<(TopicPartition, i64)> {
        let mut points = Vec::new();
        for (tp, state) in &mut self.partitions {
            if let Some((&first, _)) = state.pending.iter().find(|(_, p)| !p.done) {
                points.push((tp.clone(), first));
                self.next_epoch += 1;
                state.epoch = self.next_epoch;
                self.in_flight_bytes -= state.unacknowledged_bytes();
                state.pending.clear();
            }
        }
        points.sort();
        points
    }

    /// Messages handed out and not yet acknowledged, over all partitions.
    pub fn in_flight(&self) -> usize {
        self.partitions.values().map(|s| s.pending.values().filter(|p| !p.done).count()).sum()
    }

    /// Bytes of the messages handed out and not yet acknowledged.
    pub(crate) fn in_flight_bytes(&self) -> usize {
        self.in_flight_bytes
    }

    /// Unacknowledged messages of the given partitions.
    pub(crate) fn in_flight_of<'a>(&self, tps: impl IntoIterator<Item = &'a TopicPartition>) -> usize {
        tps.into_iter()
            .filter_map(|tp| self.partitions.get(tp))
            .map(|s| s.pending.values().filter(|p| !p.done).count())
            .sum()
    }

    /// Every partition's committable offset, for a final synchronous commit.
    pub(crate) fn committable(&self) -> Vec<(TopicPartition, i64)> {
        let mut out: Vec<_> =
            self.partitions.iter().filter_map(|(tp, s)| s.committable.map(|o| (tp.clone(), o))).collect();
        out.sort();
        out
    }

    /// The partitions this consumer holds now.
    pub fn partitions(&self) -> std::collections::BTreeSet<TopicPartition> {
        self.partitions.keys().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tp(p: i32) -> TopicPartition {
        TopicPartition::new("in", p)
    }

    #[test]
    fn commits_only_a_contiguous_prefix_of_acknowledged_offsets() {
        let mut t = OffsetTracker::new();
        t.assign(tp(0));
        let tickets: Vec<Ticket> = (10..14).map(|o| t.track(&tp(0), o)).collect();
        assert_eq!(t.ack(&tickets[1]), None, "offset 11 done but 10 is not");
        assert_eq!(t.ack(&tickets[2]), None);
        assert_eq!(t.in_flight(), 2);
        assert_eq!(t.ack(&tickets[0]), Some(13), "10..=12 done: next offset to consume is 13");
        assert_eq!(t.ack(&tickets[3]), Some(14));
        assert_eq!(t.committable(), vec![(tp(0), 14)]);
        assert_eq!(t.in_flight(), 0);
    }

    #[test]
    fn partitions_are_independent() {
        let mut t = OffsetTracker::new();
        let a = t.track(&tp(0), 5);
        let b = t.track(&tp(1), 7);
        assert_eq!(t.ack(&b), Some(8));
        assert_eq!(t.in_flight_of([&tp(0)]), 1);
        assert_eq!(t.ack(&a), Some(6));
    }

    #[test]
    fn acknowledgements_from_before_a_revoke_are_ignored() {
        let mut t = OffsetTracker::new();
        let old = t.track(&tp(0), 1);
        assert_eq!(t.revoke(&tp(0)), None);
        t.assign(tp(0));
        let new = t.track(&tp(0), 1);
        assert_eq!(t.ack(&old), None, "stale epoch must not store an offset");
        assert_eq!(t.in_flight(), 1);
        assert_eq!(t.ack(&new), Some(2));
    }

    #[test]
    fn rewind_returns_the_first_unacknowledged_offset_and_retires_its_tickets() {
        let mut t = OffsetTracker::new();
        let a: Vec<Ticket> = (0..4).map(|o| t.track(&tp(0), o)).collect();
        let b = t.track(&tp(1), 9);
        assert_eq!(t.ack(&b), Some(10));
        assert_eq!(t.ack(&a[0]), Some(1));
        assert_eq!(t.ack(&a[2]), None, "1 is not done yet");
        assert_eq!(t.rewind(), vec![(tp(0), 1)], "partition 1 has nothing to read again");
        assert!(!t.is_current(&a[1]) && !t.is_current(&a[3]));
        assert!(t.is_current(&b));
        assert_eq!(t.in_flight(), 0);
        let again = t.track(&tp(0), 1);
        assert_eq!(t.ack(&a[1]), None, "a retired ticket moves nothing");
        assert_eq!(t.ack(&again), Some(2));
    }

    /// Acknowledgements arrive from many pool threads in any order: the stored
    /// offset must only ever move forward and end exactly past the last offset.
    #[test]
    fn acks_from_eight_threads_in_shuffled_order_only_move_the_offset_forward() {
        use std::sync::{Arc, Mutex};
        const N: i64 = 10_000;
        let tracker = Arc::new(Mutex::new((OffsetTracker::new(), None::<i64>)));
        let mut tickets: Vec<Ticket> = {
            let mut guard = tracker.lock().unwrap();
            (0..N).map(|o| guard.0.track(&tp(0), o)).collect()
        };
        // Fixed-seed Fisher-Yates: the order is the same on every run.
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for i in (1..tickets.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            tickets.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let chunks: Vec<Vec<Ticket>> = tickets.chunks(N as usize / 8).map(<[Ticket]>::to_vec).collect();
        assert_eq!(chunks.len(), 8);
        let threads: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let tracker = tracker.clone();
                std::thread::spawn(move || {
                    for ticket in chunk {
                        let mut guard = tracker.lock().unwrap();
                        let (t, last) = &mut *guard;
                        if let Some(next) = t.ack(&ticket) {
                            assert!(last.is_none_or(|l| next > l), "stored offset moved back: {last:?} -> {next}");
                            assert!(next > ticket.offset && next <= N);
                            *last = Some(next);
                        }
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let guard = tracker.lock().unwrap();
        assert_eq!(guard.1, Some(N));
        assert_eq!(guard.0.committable(), vec![(tp(0), N)]);
        assert_eq!(guard.0.in_flight(), 0);
    }

    #[test]
    fn in_flight_bytes_follow_tracks_acks_revokes_and_rewinds() {
        let mut t = OffsetTracker::new();
        let a: Vec<Ticket> = (0..4).map(|o| t.track_sized(&tp(0), o, 100)).collect();
        let b = t.track_sized(&tp(1), 0, 1_000);
        assert_eq!(t.in_flight_bytes(), 1_400);
        t.ack(&a[1]);
        t.ack(&a[1]);
        assert_eq!(t.in_flight_bytes(), 1_300, "an acknowledged record no longer counts, once");
        assert_eq!(t.rewind(), vec![(tp(0), 0), (tp(1), 0)]);
        assert_eq!(t.in_flight_bytes(), 0, "a rewind drops what it will read again");
        t.ack(&b);
        assert_eq!(t.in_flight_bytes(), 0, "a retired ticket changes nothing");
        t.track_sized(&tp(0), 0, 50);
        t.track_sized(&tp(1), 0, 70);
        t.revoke(&tp(1));
        assert_eq!(t.in_flight_bytes(), 50);
        t.assign(tp(0));
        assert_eq!(t.in_flight_bytes(), 0, "a new assignment forgets the old one's records");
    }

    #[test]
    fn double_ack_is_harmless() {
        let mut t = OffsetTracker::new();
        let a = t.track(&tp(0), 0);
        assert_eq!(t.ack(&a), Some(1));
        assert_eq!(t.ack(&a), None);
        assert_eq!(t.committable(), vec![(tp(0), 1)]);
    }
}
