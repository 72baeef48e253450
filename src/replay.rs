//! `pressline replay`: reprocess a bounded range of an input topic without
//! touching the live service.
//!
//! Partitions are read by explicit assignment under a separate group id that
//! never commits, so the live group's offsets are never read or moved. Both
//! bounds are resolved once at start (watermarks, `offsets_for_times`), so the
//! run ends even while producers keep writing. Progress is checkpointed to a
//! file as the contiguous prefix of finished offsets per partition (the same
//! `OffsetTracker` the worker commits with), so a killed replay resumes
//! without gaps.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::error::KafkaError;
use rdkafka::message::Message;
use rdkafka::{Offset, TopicPartitionList};
use tokio::sync::mpsc;
use tracing::info;

use crate::batch::{Input, Runner, Summary};
use crate::config::KafkaConfig;
use crate::kafka::offsets::{OffsetTracker, Ticket, TopicPartition};
use crate::kafka::Role;
use crate::model::SourceRef;

/// A start or end bound as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    Earliest,
    Latest,
    Offset(i64),
    /// Milliseconds since the Unix epoch.
    Time(i64),
}

impl std::str::FromStr for Bound {
    type Err = String;

    /// `earliest`, `latest`, an offset, an RFC 3339 time, or `-<duration>` (before now).
    fn from_str(s: &str) -> Result<Bound, String> {
        let s = s.trim();
        match s {
            "earliest" => return Ok(Bound::Earliest),
            "latest" => return Ok(Bound::Latest),
            _ => {}
        }
        if let Ok(offset) = s.parse::<i64>() {
            return if offset >= 0 { Ok(Bound::Offset(offset)) } else { Err(format!("negative offset {s}")) };
        }
        let to_ms = |t: SystemTime| t.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
        if let Some(ago) = s.strip_prefix('-') {
            let d = humantime::parse_duration(ago).map_err(|e| format!("bad duration {ago:?}: {e}"))?;
            return Ok(Bound::Time(to_ms(SystemTime::now() - d)));
        }
        humantime::parse_rfc3339_weak(s)
            .map(|t| Bound::Time(to_ms(t)))
            .map_err(|_| format!("{s:?} is not earliest, latest, an offset, an RFC 3339 time or -<duration>"))
    }
}

/// Per-partition `[start, end)` offsets, resolved once.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    pub topic: String,
    pub ranges: BTreeMap<i32, (i64, i64)>,
}

impl Plan {
    pub fn total(&self) -> u64 {
        self.ranges.values().map(|(s, e)| (e - s).max(0) as u64).sum()
    }
}

/// The checkpoint file: where each partition's replay got to.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Checkpoint {
    pub topic: String,
    /// Next offset to process, per partition.
    pub next: BTreeMap<i32, i64>,
}

impl Checkpoint {
    pub fn load(path: &Path) -> anyhow::Result<Option<Checkpoint>> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(serde_json::from_slice(&bytes)?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Written to a temporary file and renamed: a kill never leaves half a checkpoint.
    pub(crate) fn save(&self, path: &Path) -> anyhow::Result<()> {
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(self)?)?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    }
}

pub struct ReplayOptions {
    /// Brokers, client id and the raw `[kafka.common]`/`[kafka.consumer]`
    /// properties (TLS, SASL), as the worker's own consumer gets them.
    pub kafka: KafkaConfig,
    pub topic: String,
    pub partitions: Option<Vec<i32>>,
    pub from: Bound,
    pub to: Bound,
    pub checkpoint: Option<PathBuf>,
}

fn consumer(options: &ReplayOptions) -> anyhow::Result<BaseConsumer> {
    let mut cfg = crate::kafka::client_config(&options.kafka, Role::Consumer);
    // The live group's membership settings do not apply to a replay, and
    // these are set after the raw properties so that no config can make a
    // replay join the live group or commit.
    let group_settings: Vec<String> =
        cfg.config_map().keys().filter(|k| k.starts_with("group.")).map(|k| k.to_string()).collect();
    for key in group_settings {
        cfg.remove(&key);
    }
    cfg.set("group.id", "pressline-replay")
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        // End of partition is how a range ending on a transaction marker ends.
        .set("enable.partition.eof", "true")
        .set("queued.max.messages.kbytes", "16384")
        .set("receive.message.max.bytes", "536870912");
    cfg.create().map_err(crate::kafka::client_error)
}

/// Resolves the bounds to offsets, once, and applies a checkpoint if there is one.
pub fn plan(consumer: &BaseConsumer, options: &ReplayOptions) -> anyhow::Result<Plan> {
    let timeout = Duration::from_secs(15);
    let metadata = consumer.fetch_metadata(Some(&options.topic), timeout)?;
    let topic = metadata.topics().iter().find(|t| t.name() == options.topic).filter(|t| !t.partitions().is_empty());
    let Some(topic) = topic else { anyhow::bail!("topic {} not found", options.topic) };
    let mut partitions: Vec<i32> = topic.partitions().iter().map(|p| p.id()).collect();
    if let Some(wanted) = &options.partitions {
        if let Some(missing) = wanted.iter().find(|p| !partitions.contains(p)) {
            anyhow::bail!("topic {} has no partition {missing}", options.topic);
        }
        partitions.retain(|p| wanted.contains(p));
    }
    let resolve = |bound: &Bound, p: i32, low: i64, high: i64| -> anyhow::Result<i64> {
        Ok(match bound {
            Bound::Earliest => low,
            Bound::Latest => high,
            Bound::Offset(o) => (*o).clamp(low, high),
            Bound::Time(ms) => {
                let mut tpl = TopicPartitionList::new();
                tpl.add_partition_offset(&options.topic, p, Offset::Offset(*ms))?;
                let found = consumer.offsets_for_times(tpl, timeout)?;
                match found.find_partition(&options.topic, p).map(|e| e.offset()) {
                    Some(Offset::Offset(o)) => o.clamp(low, high),
                    _ => high, // no record at or after that time
                }
            }
        })
    };
    let checkpoint = match &options.checkpoint {
        Some(path) => Checkpoint::load(path)?.filter(|c| c.topic == options.topic),
        None => None,
    };
    let mut ranges = BTreeMap::new();
    for p in partitions {
        let (low, high) = consumer.fetch_watermarks(&options.topic, p, timeout)?;
        let mut start = resolve(&options.from, p, low, high)?;
        let end = resolve(&options.to, p, low, high)?;
        if let Some(done) = checkpoint.as_ref().and_then(|c| c.next.get(&p)) {
            start = start.max(*done);
        }
        ranges.insert(p, (start, end.max(start)));
    }
    Ok(Plan { topic: options.topic.clone(), ranges })
}

/// Runs a replay through `runner`; returns the plan and the summary.
pub async fn replay(options: ReplayOptions, runner: Arc<Runner>) -> anyhow::Result<(Plan, Summary)> {
    let consumer = Arc::new(consumer(&options)?);
    let plan = plan(&consumer, &options)?;
    info!(topic = %plan.topic, ranges = ?plan.ranges, total = plan.total(), "replay plan");
    runner.set_total(plan.total());
    let mut tracker = OffsetTracker::new();
    let mut checkpoint = Checkpoint { topic: plan.topic.clone(), next: BTreeMap::new() };
    let mut tpl = TopicPartitionList::new();
    for (&p, &(start, end)) in &plan.ranges {
        checkpoint.next.insert(p, start);
        if start < end {
            tpl.add_partition_offset(&plan.topic, p, Offset::Offset(start))?;
            tracker.assign(TopicPartition::new(&plan.topic, p));
        }
    }
    let progress = runner.spawn_progress_log();
    if tpl.count() > 0 {
        consumer.assign(&tpl)?;
        let (done_tx, mut done_rx) = mpsc::unbounded_channel::<SourceRef>();
        let (msg_tx, mut msg_rx) = mpsc::channel::<Input>(256);
        let ends: BTreeMap<i32, i64> = plan.ranges.iter().map(|(p, (_, e))| (*p, *e)).collect();
        let poll = {
            let consumer = consumer.clone();
            let ends = ends.clone();
            let topic = plan.topic.clone();
            let starts: BTreeMap<i32, i64> = plan.ranges.iter().map(|(p, (s, _))| (*p, *s)).collect();
            tokio::task::spawn_blocking(move || poll_range(&consumer, &topic, starts, &ends, &msg_tx))
        };
        let mut pending: BTreeMap<(i32, i64), Ticket> = BTreeMap::new();
        let mut last_save = std::time::Instant::now();
        let mut polling_done = false;
        loop {
            tokio::select! {
                msg = msg_rx.recv(), if !polling_done => match msg {
                    Some(input) => {
                        if let SourceRef::Kafka { partition, offset, .. } = &input.source {
                            let ticket = tracker.track(&TopicPartition::new(&plan.topic, *partition), *offset);
                            pending.insert((*partition, *offset), ticket);
                        }
                        runner.submit(input, done_tx.clone()).await;
                    }
                    None => polling_done = true,
                },
                Some(SourceRef::Kafka { partition, offset, .. }) = done_rx.recv() => {
                    if let Some(ticket) = pending.remove(&(partition, offset)) {
                        if let Some(next) = tracker.ack(&ticket) {
                            checkpoint.next.insert(partition, next);
                        }
                    }
                    if let Some(path) = &options.checkpoint {
                        if last_save.elapsed() > Duration::from_millis(500) {
                            runner.flush_files()?;
                            checkpoint.save(path)?;
                            last_save = std::time::Instant::now();
                        }
                    }
                }
            }
            let finished = checkpoint.next.iter().all(|(p, next)| next >= &ends[p]);
            if finished || (polling_done && pending.is_empty()) {
                break;
            }
        }
        poll.await??;
        if let Some(path) = &options.checkpoint {
            runner.flush_files()?;
            checkpoint.save(path)?;
        }
    }
    runner.drain().await;
    progress.abort();
    let summary = runner.finish()?;
    Ok((plan, summary))
}

/// Reads each partition from its start up to (not including) its end, then stops.
///
/// A partition is done when a record at or past its end arrives, or when the
/// consumer reaches the end of the partition with its position at or past the
/// end: the last offsets of a transactional topic are commit markers, which
/// are never delivered, so waiting for a record there would wait forever.
fn poll_range(
    consumer: &BaseConsumer,
    topic: &str,
    mut next: BTreeMap<i32, i64>,
    ends: &BTreeMap<i32, i64>,
    tx: &mpsc::Sender<Input>,
) -> anyhow::Result<()> {
    let end_of = |p: i32| ends.get(&p).copied().unwrap_or(0);
    let finish = |next: &mut BTreeMap<i32, i64>, p: i32| {
        let mut paused = TopicPartitionList::new();
        paused.add_partition(topic, p);
        let _ = consumer.pause(&paused);
        next.insert(p, end_of(p));
    };
    let mut idle_since = std::time::Instant::now();
    while next.iter().any(|(p, n)| *n < end_of(*p)) {
        let msg = match consumer.poll(Duration::from_millis(100)) {
            None => {
                if idle_since.elapsed() >= Duration::from_secs(120) {
                    let behind: Vec<String> = next
                        .iter()
                        .filter(|(p, n)| **n < end_of(**p))
                        .map(|(p, n)| format!("partition {p} at {n}, end {}", end_of(*p)))
                        .collect();
                    anyhow::bail!(
                        "no records for 120 s before the end bound ({}); an open transaction holds back what a \
                         read_committed consumer may read",
                        behind.join(", ")
                    );
                }
                continue;
            }
            Some(Err(KafkaError::PartitionEOF(p))) => {
                if next.get(&p).is_some_and(|n| *n < end_of(p)) && position_of(consumer, topic, p) >= end_of(p) {
                    finish(&mut next, p);
                }
                continue;
            }
            Some(msg) => msg?,
        };
        idle_since = std::time::Instant::now();
        let (p, offset) = (msg.partition(), msg.offset());
        if offset >= end_of(p) {
            finish(&mut next, p);
            continue;
        }
        next.insert(p, offset + 1);
        let input = Input {
            source: SourceRef::Kafka { topic: topic.to_string(), partition: p, offset },
            key: msg.key().map(<[u8]>::to_vec),
            value: msg.payload().map(<[u8]>::to_vec).unwrap_or_default(),
            headers: crate::kafka::headers::to_vec(msg.headers()),
        };
        if tx.blocking_send(input).is_err() {
            break;
        }
    }
    Ok(())
}

/// The consumer's fetch position in a partition (-1 when unknown).
fn position_of(consumer: &BaseConsumer, topic: &str, p: i32) -> i64 {
    let position = consumer.position().ok();
    match position.as_ref().and_then(|tpl| tpl.find_partition(topic, p)).map(|e| e.offset()) {
        Some(Offset::Offset(o)) => o,
        _ => -1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_parse() {
        assert_eq!("earliest".parse::<Bound>(), Ok(Bound::Earliest));
        assert_eq!("latest".parse::<Bound>(), Ok(Bound::Latest));
        assert_eq!("42".parse::<Bound>(), Ok(Bound::Offset(42)));
        assert_eq!("2025-06-03T10:00:00Z".parse::<Bound>(), Ok(Bound::Time(1_748_944_800_000)));
        let Ok(Bound::Time(ago)) = "-2h".parse::<Bound>() else { panic!("duration") };
        let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_millis() as i64;
        assert!((now - ago - 7_200_000).abs() < 5_000);
        assert!("-1".parse::<Bound>().is_err());
        assert!("yesterday".parse::<Bound>().is_err());
    }

    #[test]
    fn checkpoints_round_trip_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cp.json");
        assert_eq!(Checkpoint::load(&path).unwrap(), None);
        let cp = Checkpoint { topic: "t".into(), next: BTreeMap::from([(0, 5), (1, 7)]) };
        cp.save(&path).unwrap();
        assert_eq!(Checkpoint::load(&path).unwrap(), Some(cp));
    }
}
