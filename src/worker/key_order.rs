//! At-least-once: two fetches of one page in one input partition are written
//! in consumption order, so a compacted output topic keeps the later one.
//!
//! An event's key is its article id, known only once the page is processed
//! (it follows the canonical URL). So a finished record waits until every
//! record consumed before it in its partition is processed too (their keys are
//! then known), and then only for those still being delivered under one of
//! its keys. Pages still run in parallel; only delivery waits, and no longer
//! than the slowest earlier page of the partition (bounded by
//! `pipeline.page_timeout_ms`). Exactly-once mode needs none of this: it
//! writes in consumption order per partition already.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

use crate::kafka::offsets::TopicPartition;

#[derive(Default)]
pub(crate) struct KeyOrder {
    lanes: Mutex<HashMap<TopicPartition, Lane>>,
    /// Woken on every change; waiters recheck their own lane.
    changed: Notify,
}

/// A partition's records in flight by consumption sequence: `None` while the
/// page is processed, then the keys it is delivering.
#[derive(Default)]
struct Lane {
    next: u64,
    turns: BTreeMap<u64, Option<Vec<Vec<u8>>>>,
}

/// A record's place in its partition's lane; leaving it (drop, also when the
/// task is aborted) lets the records behind it go.
pub(crate) struct Turn {
    order: Arc<KeyOrder>,
    tp: TopicPartition,
    seq: u64,
}

impl KeyOrder {
    /// Called in consumption order (the intake loop), before the task starts.
    pub(crate) fn enter(self: &Arc<Self>, tp: &TopicPartition) -> Turn {
        let mut lanes = self.lanes.lock().unwrap_or_else(|p| p.into_inner());
        let lane = lanes.entry(tp.clone()).or_default();
        let seq = lane.next;
        lane.next += 1;
        lane.turns.insert(seq, None);
        Turn { order: self.clone(), tp: tp.clone(), seq }
    }

    /// Whether no record before `turn` in its lane is still processed or
    /// writing one of the keys `turn` announced.
    fn may_deliver(&self, turn: &Turn) -> bool {
        let lanes = self.lanes.lock().unwrap_or_else(|p| p.into_inner());
        let Some(lane) = lanes.get(&turn.tp) else { return true };
        let Some(Some(keys)) = lane.turns.get(&turn.seq) else { return true };
        lane.turns.range(..turn.seq).all(|(_, earlier)| match earlier {
            None => false,
            Some(theirs) => !theirs.iter().any(|k| keys.contains(k)),
        })
    }
}

impl Turn {
    /// Announces the keys this record will write, then waits until no record
    /// consumed before it in the partition can still write one of them.
    pub(crate) async fn ready(&self, keys: Vec<Vec<u8>>) {
        {
            let mut lanes = self.order.lanes.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(slot) = lanes.get_mut(&self.tp).and_then(|l| l.turns.get_mut(&self.seq)) {
                *slot = Some(keys);
            }
        }
        self.order.changed.notify_waiters();
        loop {
            // Registered before the check, so a change in between is not missed.
            let notified = self.order.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.order.may_deliver(self) {
                return;
            }
            notified.await;
        }
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        {
            let mut lanes = self.order.lanes.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(lane) = lanes.get_mut(&self.tp) {
                lane.turns.remove(&self.seq);
                if lane.turns.is_empty() {
                    lanes.remove(&self.tp);
                }
            }
        }
        self.order.changed.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn tp(p: i32) -> TopicPartition {
        TopicPartition { topic: "in".into(), partition: p }
    }

    fn keys(ks: &[&str]) -> Vec<Vec<u8>> {
        ks.iter().map(|k| k.as_bytes().to_vec()).collect()
    }

    /// Whether `ready` finishes within a short grace (it must not, while blocked).
    async fn goes(turn: &Turn, ks: &[&str]) -> bool {
        tokio::time::timeout(Duration::from_millis(50), turn.ready(keys(ks))).await.is_ok()
    }

    #[tokio::test]
    async fn a_record_waits_while_an_earlier_one_of_its_partition_is_processed() {
        let order = Arc::new(KeyOrder::default());
        let first = order.enter(&tp(0));
        let second = order.enter(&tp(0));
        let other_partition = order.enter(&tp(1));
        assert!(!goes(&second, &["b"]).await, "the first record's keys are not known yet");
        assert!(goes(&other_partition, &["b"]).await, "partitions do not wait for each other");
        first.ready(keys(&["a"])).await;
        assert!(goes(&second, &["b"]).await, "different keys go as soon as the first is processed");
    }

    #[tokio::test]
    async fn the_later_fetch_of_a_page_waits_for_the_earlier_to_be_delivered() {
        let order = Arc::new(KeyOrder::default());
        let first = order.enter(&tp(0));
        let second = order.enter(&tp(0));
        first.ready(keys(&["page", "teaser-1"])).await;
        assert!(!goes(&second, &["page"]).await, "same key: wait for the earlier delivery");
        let waiting = tokio::spawn(async move {
            second.ready(keys(&["page"])).await;
            second
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(!waiting.is_finished());
        drop(first); // delivered
        tokio::time::timeout(Duration::from_secs(5), waiting).await.expect("released").unwrap();
    }

    #[tokio::test]
    async fn an_aborted_task_releases_the_records_behind_it() {
        let order = Arc::new(KeyOrder::default());
        let first = order.enter(&tp(0));
        let second = order.enter(&tp(0));
        let task = tokio::spawn(async move {
            let _turn = first;
            std::future::pending::<()>().await;
        });
        assert!(!goes(&second, &["x"]).await);
        task.abort();
        let _ = task.await;
        assert!(goes(&second, &["x"]).await);
        drop(second);
        assert!(order.lanes.lock().unwrap().is_empty(), "empty lanes are dropped");
    }
}
