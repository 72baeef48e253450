//! The exactly-once driver against fakes of the producer and the consumer:
//! each scenario the broker tests reach only by chance (a rejected record, a
//! refused offset commit, a fenced producer, a commit timing out, a revoke in
//! the middle of a batch) is played here on purpose, in milliseconds.

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use rdkafka::error::{KafkaError, RDKafkaErrorCode};

use super::*;
use crate::kafka::offsets::OffsetTracker;
use crate::kafka::transactions::CallError;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Call {
    Begin,
    /// Topic and key of the record sent.
    Send(&'static str, String),
    SendOffsets(Vec<(i32, i64)>),
    Commit,
    Abort,
}

use Call::*;

fn out(key: &str) -> Call {
    Send("out", key.to_string())
}

/// Records every call; fails the ones it was told to.
#[derive(Default)]
struct FakeProducer {
    calls: Mutex<Vec<Call>>,
    /// Keys whose delivery the broker refuses for good.
    refused: Mutex<HashSet<String>>,
    /// Errors the next `send_offsets` / `commit` calls return, in order.
    send_offsets_errors: Mutex<VecDeque<CallError>>,
    commit_errors: Mutex<VecDeque<CallError>>,
    fatal: Mutex<Option<String>>,
}

impl FakeProducer {
    fn log(&self, call: Call) {
        self.calls.lock().unwrap().push(call);
    }
}

impl TxnCalls for FakeProducer {
    type Group = ();

    fn begin_transaction(&self) -> Result<(), CallError> {
        self.log(Begin);
        Ok(())
    }
    fn send_offsets(&self, offsets: &[(TopicPartition, i64)], _: &()) -> Result<(), CallError> {
        self.log(SendOffsets(offsets.iter().map(|(tp, o)| (tp.partition, *o)).collect()));
        self.send_offsets_errors.lock().unwrap().pop_front().map_or(Ok(()), Err)
    }
    fn commit_transaction(&self) -> Result<(), CallError> {
        self.log(Commit);
        self.commit_errors.lock().unwrap().pop_front().map_or(Ok(()), Err)
    }
    fn abort_transaction(&self) -> Result<(), CallError> {
        self.log(Abort);
        Ok(())
    }
    fn fatal_error(&self) -> Option<String> {
        self.fatal.lock().unwrap().clone()
    }
}

impl Deliver for FakeProducer {
    type Receipt = std::future::Ready<Delivered>;

    fn send(&self, record: &OutRecord) -> Result<Self::Receipt, SendError> {
        let key = String::from_utf8(record.key.clone().unwrap_or_default()).unwrap();
        let topic = if record.topic == "dlq" { "dlq" } else { "out" };
        self.log(Send(topic, key.clone()));
        let refused = self.refused.lock().unwrap().contains(&key) && topic == "out";
        Ok(std::future::ready(if refused { Delivered::Rejected("too large".into()) } else { Delivered::Acked }))
    }
}

/// The consumer's bookkeeping without a consumer: a rewind is done at once.
#[derive(Default)]
struct FakeSource {
    tracker: Mutex<OffsetTracker>,
    rewinds: Mutex<Vec<Vec<(i32, i64)>>>,
    acked: Mutex<Vec<(i32, i64)>>,
    no_group: AtomicBool,
    rewinds_asked: AtomicU64,
    /// Rewinds wait for `carry_out_rewind`, as they wait for the poll thread.
    hold_rewinds: AtomicBool,
}

impl FakeSource {
    fn carry_out_rewind(&self) {
        let points = self.tracker.lock().unwrap().rewind();
        self.rewinds.lock().unwrap().push(points.iter().map(|(tp, o)| (tp.partition, *o)).collect());
    }
}

impl Intake for FakeSource {
    type Group = ();

    fn is_current(&self, ticket: &Ticket) -> bool {
        self.tracker.lock().unwrap().is_current(ticket)
    }
    fn in_flight(&self) -> usize {
        self.tracker.lock().unwrap().in_flight()
    }
    fn ack(&self, ticket: &Ticket) {
        self.tracker.lock().unwrap().ack(ticket);
        self.acked.lock().unwrap().push((ticket.tp.partition, ticket.offset));
    }
    fn forget(&self, partitions: &[TopicPartition]) {
        let mut tracker = self.tracker.lock().unwrap();
        for tp in partitions {
            tracker.revoke(tp);
        }
    }
    fn group_metadata(&self) -> Option<()> {
        (!self.no_group.load(Ordering::SeqCst)).then_some(())
    }
    fn rewind(&self) -> u64 {
        let asked = self.rewinds_asked.fetch_add(1, Ordering::SeqCst) + 1;
        if !self.hold_rewinds.load(Ordering::SeqCst) {
            self.carry_out_rewind();
        }
        asked
    }
    fn rewound(&self) -> u64 {
        self.rewinds.lock().unwrap().len() as u64
    }
}

static FATALS: AtomicUsize = AtomicUsize::new(0);

fn count_fatal() {
    FATALS.fetch_add(1, Ordering::SeqCst);
}

struct Harness {
    source: Arc<FakeSource>,
    producer: Arc<Transactions<FakeProducer>>,
    driver: Driver<FakeSource, FakeProducer>,
    now: Arc<Mutex<Instant>>,
}

const BACKOFF: Duration = Duration::from_millis(100);

fn harness(max_inputs: usize, max_age_ms: u64) -> Harness {
    let source = Arc::new(FakeSource::default());
    let producer = Arc::new(Transactions::new(FakeProducer::default(), "test", Duration::from_millis(1)));
    let now = Arc::new(Mutex::new(Instant::now()));
    let clock = now.clone();
    let limits = Limits {
        max_inputs,
        max_age: Duration::from_millis(max_age_ms),
        max_in_flight: 1_000,
        backoff_min: BACKOFF,
        backoff_max: BACKOFF * 4,
    };
    let driver = Driver::new(
        source.clone(),
        producer.clone(),
        limits,
        "dlq",
        Arc::new(move || *clock.lock().unwrap()),
        count_fatal,
    );
    Harness { source, producer, driver, now }
}

impl Harness {
    /// The consumer hands out `offset` of partition `p`.
    fn consume(&mut self, p: i32, offset: i64) -> SourceRecord {
        let ticket = self.source.tracker.lock().unwrap().track(&TopicPartition::new("in", p), offset);
        let record = SourceRecord {
            ticket,
            key: Some(key(p, offset).into_bytes()),
            value: Arc::from(&b"<html>"[..]),
            headers: Vec::new(),
            timestamp_ms: None,
        };
        assert!(self.driver.accept(&record));
        record
    }

    /// Its page is done: one article, keyed like the input.
    fn finish(&mut self, record: SourceRecord) {
        let output =
            OutRecord { topic: "out".into(), key: record.key.clone(), value: b"{}".to_vec(), headers: Vec::new() };
        self.driver.fill(record, vec![output]);
    }

    /// One turn of the event loop after an event.
    async fn turn(&mut self) -> anyhow::Result<()> {
        self.driver.check_fatal()?;
        self.driver.send_ready().await;
        self.driver.commit_if_due().await
    }

    fn advance(&self, by: Duration) {
        *self.now.lock().unwrap() += by;
    }

    /// The producer calls since the last look.
    fn calls(&self) -> Vec<Call> {
        std::mem::take(&mut *self.producer.calls().calls.lock().unwrap())
    }

    fn acked(&self) -> Vec<(i32, i64)> {
        self.source.acked.lock().unwrap().clone()
    }

    fn rewinds(&self) -> Vec<Vec<(i32, i64)>> {
        self.source.rewinds.lock().unwrap().clone()
    }
}

fn key(p: i32, offset: i64) -> String {
    format!("p{p}o{offset}")
}

#[tokio::test]
async fn a_transaction_commits_at_max_inputs_with_the_offset_after_its_last_input() {
    let mut h = harness(2, 60_000);
    for offset in 0..5 {
        let record = h.consume(0, offset);
        h.finish(record);
    }
    h.turn().await.unwrap();
    assert_eq!(
        h.calls(),
        vec![Begin, out("p0o0"), out("p0o1"), SendOffsets(vec![(0, 2)]), Commit, Begin, out("p0o2"), out("p0o3")]
    );
    assert_eq!(h.acked(), vec![(0, 0), (0, 1)], "acknowledged only once committed");
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![SendOffsets(vec![(0, 4)]), Commit, Begin, out("p0o4")]);
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![], "one input, young: not due");
    assert_eq!(h.acked().len(), 4);
}

#[tokio::test]
async fn a_transaction_commits_at_max_age() {
    let mut h = harness(100, 250);
    let record = h.consume(0, 0);
    h.finish(record);
    h.turn().await.unwrap();
    h.advance(Duration::from_millis(249));
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![Begin, out("p0o0")]);
    h.advance(Duration::from_millis(1));
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![SendOffsets(vec![(0, 1)]), Commit]);
    assert_eq!(h.acked(), vec![(0, 0)]);
}

#[tokio::test]
async fn pages_that_finish_early_wait_for_the_pages_before_them() {
    let mut h = harness(100, 250);
    let p0: Vec<SourceRecord> = (0..3).map(|o| h.consume(0, o)).collect();
    let p1 = h.consume(1, 0);
    let mut p0 = p0.into_iter();
    let (first, second, third) = (p0.next().unwrap(), p0.next().unwrap(), p0.next().unwrap());
    h.finish(third);
    h.finish(second);
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![], "offset 0 still runs: nothing of partition 0 may go");
    h.finish(p1);
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![Begin, out("p1o0")], "another partition does not wait");
    h.finish(first);
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![out("p0o0"), out("p0o1"), out("p0o2")]);
    h.advance(Duration::from_millis(250));
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![SendOffsets(vec![(0, 3), (1, 1)]), Commit]);
}

#[tokio::test]
async fn a_revoke_mid_batch_commits_what_the_transaction_holds_and_forgets_the_rest() {
    let mut h = harness(100, 60_000);
    let p0: Vec<SourceRecord> = (0..3).map(|o| h.consume(0, o)).collect();
    let p1 = h.consume(1, 0);
    let mut p0 = p0.into_iter();
    h.finish(p0.next().unwrap());
    h.finish(p0.next().unwrap());
    h.finish(p1);
    h.turn().await.unwrap();
    h.calls();
    h.driver.revoke(&[TopicPartition::new("in", 0)], false).await.unwrap();
    assert_eq!(h.calls(), vec![SendOffsets(vec![(0, 2), (1, 1)]), Commit]);
    assert_eq!(h.acked(), vec![(0, 0), (0, 1), (1, 0)]);
    // The page still running when its partition went must not be sent.
    h.finish(p0.next().unwrap());
    h.advance(Duration::from_secs(60));
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![]);
    assert!(h.driver.is_drained());
    assert_eq!(h.source.in_flight(), 0, "the consumer forgot the revoked partition's work");
}

#[tokio::test]
async fn after_an_abort_nothing_is_sent_before_the_consumer_has_rewound() {
    let mut h = harness(1, 60_000);
    h.source.hold_rewinds.store(true, Ordering::SeqCst);
    h.producer.calls().refused.lock().unwrap().insert(key(0, 0));
    let first = h.consume(0, 0);
    let second = h.consume(0, 1);
    h.finish(first);
    h.finish(second);
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![Begin, out("p0o0"), Abort]);
    // Offset 1 is done and its ticket still current until the poll thread
    // rewinds: sent now, it would commit offset 2 past the aborted offset 0.
    h.advance(BACKOFF);
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![]);
    h.source.carry_out_rewind();
    assert_eq!(h.rewinds(), vec![vec![(0, 0)]]);
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![], "what was handed out before the rewind is dropped");
    let again: Vec<SourceRecord> = (0..2).map(|o| h.consume(0, o)).collect();
    again.into_iter().for_each(|r| h.finish(r));
    h.turn().await.unwrap();
    h.turn().await.unwrap();
    assert_eq!(
        h.calls(),
        vec![
            Begin,
            Send("dlq", key(0, 0)),
            SendOffsets(vec![(0, 1)]),
            Commit,
            Begin,
            out("p0o1"),
            SendOffsets(vec![(0, 2)]),
            Commit
        ]
    );
}

#[tokio::test]
async fn a_lost_assignment_aborts_and_the_next_transaction_starts_clean() {
    let mut h = harness(100, 60_000);
    h.producer.calls().refused.lock().unwrap().insert(key(0, 0));
    let record = h.consume(0, 0);
    h.finish(record);
    h.turn().await.unwrap();
    h.driver.revoke(&[TopicPartition::new("in", 0)], true).await.unwrap();
    assert_eq!(h.calls(), vec![Begin, out("p0o0"), Abort], "nothing committed for a lost partition");
    assert_eq!(h.acked(), vec![]);
    // The aborted transaction's receipts (one refusal) must not doom the next.
    let record = h.consume(1, 0);
    h.finish(record);
    h.advance(BACKOFF);
    h.turn().await.unwrap();
    h.advance(Duration::from_secs(60));
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![Begin, out("p1o0"), SendOffsets(vec![(1, 1)]), Commit]);
}

#[tokio::test]
async fn a_rejected_delivery_aborts_rewinds_to_the_first_input_and_the_redo_dead_letters_it() {
    let mut h = harness(100, 250);
    h.producer.calls().refused.lock().unwrap().insert(key(0, 1));
    let first: Vec<SourceRecord> = (0..3).map(|o| h.consume(0, o)).collect();
    first.into_iter().for_each(|r| h.finish(r));
    h.turn().await.unwrap();
    h.advance(Duration::from_millis(250));
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![Begin, out("p0o0"), out("p0o1"), out("p0o2"), Abort]);
    assert_eq!(h.acked(), vec![]);
    assert_eq!(h.rewinds(), vec![vec![(0, 0)]], "rewound to the first input of the aborted transaction");

    let again: Vec<SourceRecord> = (0..3).map(|o| h.consume(0, o)).collect();
    again.into_iter().for_each(|r| h.finish(r));
    h.advance(BACKOFF - Duration::from_millis(1));
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![], "backing off");
    h.advance(Duration::from_millis(1));
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![Begin, out("p0o0"), Send("dlq", key(0, 1)), out("p0o2")]);
    h.advance(Duration::from_millis(250));
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![SendOffsets(vec![(0, 3)]), Commit]);
    assert_eq!(h.acked(), vec![(0, 0), (0, 1), (0, 2)]);
}

#[tokio::test]
async fn a_refused_offset_commit_aborts_and_the_inputs_are_redone() {
    let mut h = harness(1, 60_000);
    let refused = KafkaError::MessageProduction(RDKafkaErrorCode::IllegalGeneration);
    h.producer.calls().send_offsets_errors.lock().unwrap().push_back(CallError::Failed(TxnError::Abortable(refused)));
    let committed_before = h.consume(0, 0);
    h.finish(committed_before);
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![Begin, out("p0o0"), SendOffsets(vec![(0, 1)]), Abort]);
    assert_eq!(h.acked(), vec![]);
    assert_eq!(h.rewinds(), vec![vec![(0, 0)]]);
    let again = h.consume(0, 0);
    h.finish(again);
    h.advance(BACKOFF);
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![Begin, out("p0o0"), SendOffsets(vec![(0, 1)]), Commit]);
    assert_eq!(h.acked(), vec![(0, 0)]);
}

#[tokio::test]
async fn a_fenced_producer_is_fatal_without_an_abort() {
    let mut h = harness(1, 60_000);
    let fenced = KafkaError::MessageProduction(RDKafkaErrorCode::ProducerFenced);
    h.producer.calls().commit_errors.lock().unwrap().push_back(CallError::Failed(TxnError::Fatal(fenced)));
    let fatals = FATALS.load(Ordering::SeqCst);
    let record = h.consume(0, 0);
    h.finish(record);
    let error = h.turn().await.unwrap_err();
    assert!(error.to_string().contains("cannot continue"), "{error}");
    assert_eq!(h.calls(), vec![Begin, out("p0o0"), SendOffsets(vec![(0, 1)]), Commit]);
    assert_eq!(h.acked(), vec![]);
    assert!(FATALS.load(Ordering::SeqCst) > fatals, "the teardown guard is armed");
}

#[tokio::test]
async fn a_producer_fenced_while_idle_is_fatal_at_the_next_turn() {
    let mut h = harness(1, 60_000);
    h.turn().await.unwrap();
    *h.producer.calls().fatal.lock().unwrap() = Some("fenced".into());
    assert!(h.turn().await.is_err());
    assert_eq!(h.calls(), vec![]);
}

#[tokio::test]
async fn a_commit_that_times_out_is_retried_with_the_same_call_not_aborted() {
    let mut h = harness(1, 60_000);
    // More timeouts than the five that used to turn a commit into an abort.
    for _ in 0..6 {
        let timeout = KafkaError::MessageProduction(RDKafkaErrorCode::OperationTimedOut);
        h.producer.calls().commit_errors.lock().unwrap().push_back(CallError::Retriable(timeout));
    }
    let record = h.consume(0, 0);
    h.finish(record);
    h.turn().await.unwrap();
    assert_eq!(
        h.calls(),
        vec![Begin, out("p0o0"), SendOffsets(vec![(0, 1)]), Commit, Commit, Commit, Commit, Commit, Commit, Commit]
    );
    assert_eq!(h.acked(), vec![(0, 0)]);
    assert_eq!(h.rewinds(), Vec::<Vec<(i32, i64)>>::new());
}

#[tokio::test]
async fn without_group_metadata_the_transaction_is_aborted_not_committed() {
    let mut h = harness(1, 60_000);
    h.source.no_group.store(true, Ordering::SeqCst);
    let record = h.consume(0, 0);
    h.finish(record);
    h.turn().await.unwrap();
    assert_eq!(h.calls(), vec![Begin, out("p0o0"), Abort]);
}
