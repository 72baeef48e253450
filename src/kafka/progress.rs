//! The progress watchdog: lag per partition from the broker's own numbers,
//! and partitions that have lag but stopped moving.
//!
//! librdkafka's statistics only know the partitions this consumer holds, and
//! their committed offset only when this consumer committed it (not when a
//! transaction did), so a partition stuck on its first record, or left behind
//! by a member that vanished, looks like zero lag from the inside. The
//! watchdog asks the broker instead: a separate client with the same
//! `group.id` (it never joins the group) reads the group's committed offsets
//! and the watermarks of every partition of the input topics, on its own
//! thread, every few seconds.
//!
//! A partition with lag whose committed offset has not moved for
//! `worker.stall_timeout_ms` is *stalled*. A stall of one of this worker's
//! partitions turns `/readyz` red; so does a stalled partition anywhere in the
//! group while this worker holds no partition at all (the group cannot hand
//! it out: a member that left without leaving, a wedged coordinator). A stall
//! elsewhere while this worker is busy with its own partitions is logged and
//! counted only: another member's readiness reports it.
//!
//! [`ProgressWatch`] is the pure judgement (observations and a clock in,
//! stalls out); [`Watchdog`] is the thread and the broker queries around it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};
use tracing::{debug, info, warn};

use super::offsets::TopicPartition;
use crate::health::Health;

/// What the broker says of one partition at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Observation {
    pub tp: TopicPartition,
    /// The group's committed offset (the next to read), if it ever committed one.
    pub committed: Option<i64>,
    pub low: i64,
    pub high: i64,
}

impl Observation {
    /// Records the group still has to process: from the committed offset, or
    /// from the start of the log when nothing is committed (`earliest`).
    pub fn lag(&self) -> i64 {
        (self.high - self.committed.unwrap_or(self.low).max(self.low)).max(0)
    }
}

/// A partition with lag whose committed offset has not moved for a while.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stall {
    pub tp: TopicPartition,
    /// Where it is stuck: the committed offset, or the log start.
    pub offset: i64,
    pub lag: i64,
    pub since: Duration,
}

#[derive(Debug)]
struct Seen {
    offset: i64,
    moved_at: Instant,
    stalled: bool,
}

/// Remembers when each partition's committed offset last moved.
#[derive(Debug)]
pub(crate) struct ProgressWatch {
    stall_after: Duration,
    partitions: BTreeMap<TopicPartition, Seen>,
}

/// One round's outcome.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Judgement {
    /// Every partition currently stalled.
    pub stalled: Vec<Stall>,
    /// The subset that was not stalled in the previous round.
    pub newly_stalled: Vec<Stall>,
}

impl ProgressWatch {
    pub fn new(stall_after: Duration) -> ProgressWatch {
        ProgressWatch { stall_after, partitions: BTreeMap::new() }
    }

    /// Judges one round of observations taken at `now`. Partitions missing
    /// from the round are forgotten (topic deleted, or the read failed).
    pub(crate) fn observe(&mut self, now: Instant, round: &[Observation]) -> Judgement {
        let present: BTreeSet<&TopicPartition> = round.iter().map(|o| &o.tp).collect();
        self.partitions.retain(|tp, _| present.contains(tp));
        let mut judgement = Judgement::default();
        for o in round {
            let offset = o.committed.unwrap_or(o.low).max(o.low);
            let seen = self.partitions.entry(o.tp.clone()).or_insert(Seen { offset, moved_at: now, stalled: false });
            if seen.offset != offset || o.lag() == 0 {
                // Moving, or nothing to do: either way not stuck.
                seen.offset = offset;
                seen.moved_at = now;
            }
            let since = now.saturating_duration_since(seen.moved_at);
            let stalled = o.lag() > 0 && since >= self.stall_after;
            if stalled {
                let stall = Stall { tp: o.tp.clone(), offset, lag: o.lag(), since };
                if !seen.stalled {
                    judgement.newly_stalled.push(stall.clone());
                }
                judgement.stalled.push(stall);
            }
            seen.stalled = stalled;
        }
        judgement
    }
}

/// What `/readyz` should say given this round's stalls and this worker's partitions.
pub(crate) fn readiness_problem(stalled: &[Stall], owned: &BTreeSet<TopicPartition>) -> Option<String> {
    if let Some(s) = stalled.iter().find(|s| owned.contains(&s.tp)) {
        return Some(format!(
            "partition {}/{} stalled at offset {} with lag {} for {} s",
            s.tp.topic,
            s.tp.partition,
            s.offset,
            s.lag,
            s.since.as_secs()
        ));
    }
    match stalled.first() {
        Some(s) if owned.is_empty() => Some(format!(
            "no partitions assigned while {}/{} has lag {} and no progress for {} s",
            s.tp.topic,
            s.tp.partition,
            s.lag,
            s.since.as_secs()
        )),
        _ => None,
    }
}

/// The watchdog thread: it ends (within its 100 ms nap) once this is dropped.
/// Never joined: at shutdown it may be inside a metadata call of up to 10 s.
pub(crate) struct Watchdog {
    stop: Arc<AtomicBool>,
}

/// How the watchdog reads the broker and reports.
pub(crate) struct WatchdogOptions {
    pub topics: Vec<String>,
    pub stall_after: Duration,
    pub interval: Duration,
    /// Export lag per partition (else per topic).
    pub partition_lag: bool,
    pub health: Arc<Health>,
    /// This worker's partitions right now.
    pub owned: Box<dyn Fn() -> BTreeSet<TopicPartition> + Send>,
}

impl Watchdog {
    /// `config` is the group consumer's configuration: same brokers, security
    /// and `group.id`. The probe never subscribes, so it never joins the group.
    pub fn start(mut config: ClientConfig, options: WatchdogOptions) -> anyhow::Result<Watchdog> {
        config.set("enable.auto.commit", "false").set("statistics.interval.ms", "0");
        let probe: BaseConsumer = config.create().map_err(super::client_error)?;
        let stop = Arc::new(AtomicBool::new(false));
        std::thread::Builder::new().name("pressline-watchdog".into()).spawn({
            let stop = stop.clone();
            move || watch(&probe, &options, &stop)
        })?;
        Ok(Watchdog { stop })
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn watch(probe: &BaseConsumer, options: &WatchdogOptions, stop: &AtomicBool) {
    let mut watch = ProgressWatch::new(options.stall_after);
    let mut exported: BTreeSet<TopicPartition> = BTreeSet::new();
    let timeout = options.interval.clamp(Duration::from_secs(1), Duration::from_secs(10));
    let mut next = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        if Instant::now() < next {
            std::thread::sleep(Duration::from_millis(100));
            continue;
        }
        next = Instant::now() + options.interval;
        let round = match read_round(probe, &options.topics, timeout) {
            Ok(round) => round,
            Err(e) => {
                // Broker unreachable: the connection health already reports it.
                debug!(error = %e, "progress probe failed; skipping this round");
                continue;
            }
        };
        let judgement = watch.observe(Instant::now(), &round);
        let owned = (options.owned)();
        export_lag(&round, &owned, &mut exported, options.partition_lag);
        for s in &judgement.newly_stalled {
            let scope = if owned.contains(&s.tp) { "own" } else { "group" };
            metrics::counter!("pressline_partition_stalls_total", "scope" => scope).increment(1);
            warn!(
                topic = %s.tp.topic,
                partition = s.tp.partition,
                offset = s.offset,
                lag = s.lag,
                stalled_s = s.since.as_secs(),
                scope,
                "partition has lag and its committed offset has not moved"
            );
        }
        let problem = readiness_problem(&judgement.stalled, &owned);
        if problem.is_none() && options.health.stall().is_some() {
            info!("partitions moving again");
        }
        options.health.set_stall(problem);
    }
}

fn read_round(probe: &BaseConsumer, topics: &[String], timeout: Duration) -> anyhow::Result<Vec<Observation>> {
    let mut tpl = TopicPartitionList::new();
    for topic in topics {
        let metadata = probe.fetch_metadata(Some(topic), timeout)?;
        for t in metadata.topics() {
            for p in t.partitions() {
                tpl.add_partition(t.name(), p.id());
            }
        }
    }
    let committed = probe.committed_offsets(tpl.clone(), timeout)?;
    let mut round = Vec::with_capacity(tpl.count());
    for e in committed.elements() {
        let (low, high) = probe.fetch_watermarks(e.topic(), e.partition(), timeout)?;
        let committed = match e.offset() {
            Offset::Offset(o) if o >= 0 => Some(o),
            _ => None,
        };
        round.push(Observation { tp: TopicPartition::new(e.topic(), e.partition()), committed, low, high });
    }
    Ok(round)
}

/// Lag of this worker's partitions; partitions it gave up read 0 here (their
/// new owner reports them), so a sum over workers stays right.
fn export_lag(
    round: &[Observation],
    owned: &BTreeSet<TopicPartition>,
    exported: &mut BTreeSet<TopicPartition>,
    per_partition: bool,
) {
    let mut per_topic: BTreeMap<&str, i64> = BTreeMap::new();
    for o in round {
        let lag = if owned.contains(&o.tp) { o.lag() } else { 0 };
        *per_topic.entry(o.tp.topic.as_str()).or_default() += lag;
        if per_partition && (lag > 0 || owned.contains(&o.tp) || exported.contains(&o.tp)) {
            metrics::gauge!(
                "pressline_consumer_lag_messages",
                "topic" => o.tp.topic.clone(),
                "partition" => o.tp.partition.to_string()
            )
            .set(lag as f64);
            if owned.contains(&o.tp) {
                exported.insert(o.tp.clone());
            } else {
                exported.remove(&o.tp);
            }
        }
    }
    if !per_partition {
        for (topic, lag) in per_topic {
            metrics::gauge!("pressline_consumer_lag_messages", "topic" => topic.to_string()).set(lag as f64);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(p: i32, committed: Option<i64>, high: i64) -> Observation {
        Observation { tp: TopicPartition::new("in", p), committed, low: 0, high }
    }

    #[test]
    fn lag_counts_from_the_committed_offset_or_the_log_start() {
        assert_eq!(obs(0, Some(4), 10).lag(), 6);
        assert_eq!(obs(0, None, 10).lag(), 10, "nothing committed: the whole log is to do");
        let truncated = Observation { low: 7, ..obs(0, Some(4), 10) };
        assert_eq!(truncated.lag(), 3, "records before the log start are gone, not lag");
        assert_eq!(obs(0, Some(10), 10).lag(), 0);
    }

    #[test]
    fn a_partition_with_lag_and_no_progress_stalls_after_the_timeout_once() {
        let mut w = ProgressWatch::new(Duration::from_secs(10));
        let t0 = Instant::now();
        assert_eq!(w.observe(t0, &[obs(0, Some(3), 9)]), Judgement::default());
        assert!(w.observe(t0 + Duration::from_secs(9), &[obs(0, Some(3), 9)]).stalled.is_empty());
        let j = w.observe(t0 + Duration::from_secs(10), &[obs(0, Some(3), 12)]);
        assert_eq!(j.newly_stalled.len(), 1);
        assert_eq!((j.stalled[0].offset, j.stalled[0].lag), (3, 9));
        let again = w.observe(t0 + Duration::from_secs(11), &[obs(0, Some(3), 12)]);
        assert_eq!(again.stalled.len(), 1, "still stalled");
        assert!(again.newly_stalled.is_empty(), "counted once");
        let moved = w.observe(t0 + Duration::from_secs(12), &[obs(0, Some(4), 12)]);
        assert!(moved.stalled.is_empty(), "progress clears the stall");
    }

    #[test]
    fn an_idle_partition_or_one_first_seen_is_never_stalled() {
        let mut w = ProgressWatch::new(Duration::from_secs(5));
        let t0 = Instant::now();
        w.observe(t0, &[obs(0, Some(5), 5)]);
        let j = w.observe(t0 + Duration::from_secs(60), &[obs(0, Some(5), 5)]);
        assert!(j.stalled.is_empty(), "no lag, nothing to do");
        // New records arrive: the clock starts when there is work, not before.
        assert!(w.observe(t0 + Duration::from_secs(64), &[obs(0, Some(5), 8)]).stalled.is_empty());
        assert_eq!(w.observe(t0 + Duration::from_secs(65), &[obs(0, Some(5), 8)]).stalled.len(), 1);
        let j = w.observe(t0 + Duration::from_secs(70), &[obs(1, None, 8)]);
        assert!(j.stalled.is_empty(), "a partition seen for the first time starts its clock now");
    }

    #[test]
    fn readiness_fails_for_an_own_stall_or_for_any_stall_while_holding_nothing() {
        let stall = |p| Stall { tp: TopicPartition::new("in", p), offset: 3, lag: 5, since: Duration::from_secs(70) };
        let mine: BTreeSet<TopicPartition> = [TopicPartition::new("in", 1)].into();
        let problem = readiness_problem(&[stall(1)], &mine).expect("own partition stalled");
        assert!(problem.contains("in/1 stalled at offset 3"), "{problem}");
        assert_eq!(readiness_problem(&[stall(2)], &mine), None, "another member's partition: not ours to report");
        let idle = readiness_problem(&[stall(2)], &BTreeSet::new()).expect("holding nothing while the group stalls");
        assert!(idle.starts_with("no partitions assigned while in/2 has lag 5"), "{idle}");
        assert_eq!(readiness_problem(&[], &BTreeSet::new()), None);
    }
}
