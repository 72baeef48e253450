//! The transactional producer behind exactly-once delivery: outputs and the
//! input offsets they answer are committed together, or not at all.
//!
//! Two small traits stand in front of rdkafka so that the delivery loop can
//! be driven by fakes in unit tests: [`Deliver`] (enqueue a record, learn
//! later whether the broker took it) and [`TxnCalls`] (one attempt of each
//! transactional call, its error already sorted). [`TxnProducer`] implements
//! both over librdkafka. [`Transactions`] adds what does not depend on the
//! client: the retry policy, and the two outcomes the worker acts on,
//! *abortable* (abort, read the inputs again) and *fatal* (another instance
//! took over this `transactional.id`, or the producer is unusable: stop).
//! What goes into a transaction, and when it commits, is `worker::exactly_once`'s call.
//!
//! The blocking calls (`init`, `commit`, `abort`) wait on the broker: call
//! them off the async reactor.

use std::future::Future;
use std::time::Duration;

use futures_util::FutureExt;
use rdkafka::consumer::ConsumerGroupMetadata;
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::producer::{FutureProducer, Producer};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};
use tracing::warn;

use super::offsets::TopicPartition;
use super::sink::{future_record, is_permanent, OutRecord, SinkContext};

/// Why a transaction step failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TxnError {
    /// The open transaction is lost: abort it and redo its inputs.
    #[error("transaction must be aborted: {0}")]
    Abortable(KafkaError),
    /// The producer cannot go on (typically fenced by a newer instance with
    /// the same `transactional.id`).
    #[error("transactional producer failed fatally: {0}")]
    Fatal(KafkaError),
}

/// How one attempt of a transactional call failed.
#[derive(Debug)]
pub(crate) enum CallError {
    /// Timed out or the coordinator is away: the same call may be made again.
    Retriable(KafkaError),
    Failed(TxnError),
}

/// A record the producer did not take.
#[derive(Debug)]
pub(crate) enum SendError {
    /// The record can never be written (too large or invalid for the broker).
    Rejected(String),
    /// The local queue is full: it drains as deliveries complete.
    QueueFull,
    /// The producer is in an error state: the commit will find out.
    Busy(String),
}

/// What the broker said about one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Delivered {
    Acked,
    /// It will never take this record (over its size limit, invalid).
    Rejected(String),
    /// Not delivered this time (timed out, transaction failed, producer gone).
    Failed(String),
}

/// "Deliver this record and tell me what became of it."
pub(crate) trait Deliver {
    type Receipt: Future<Output = Delivered> + Send + 'static;
    /// Enqueues one record (in the open transaction, for a transactional producer).
    fn send(&self, record: &OutRecord) -> Result<Self::Receipt, SendError>;
}

/// One attempt of each transactional call. Implementations sort librdkafka's
/// errors; [`Transactions`] decides what to retry.
pub(crate) trait TxnCalls: Send + Sync + 'static {
    /// What the consumer presents with the offsets (its group generation and
    /// member), so that a member of an old generation is refused (KIP-447).
    type Group: Send + 'static;
    fn begin_transaction(&self) -> Result<(), CallError>;
    fn send_offsets(&self, offsets: &[(TopicPartition, i64)], group: &Self::Group) -> Result<(), CallError>;
    fn commit_transaction(&self) -> Result<(), CallError>;
    fn abort_transaction(&self) -> Result<(), CallError>;
    /// The fatal error the client raised on its own, if any.
    fn fatal_error(&self) -> Option<String>;
}

/// A retriable start-up step is tried this many times before giving up.
const ATTEMPTS: usize = 5;

fn classify(e: KafkaError) -> CallError {
    let txn = match &e {
        KafkaError::Transaction(txn) => txn,
        _ => return CallError::Failed(TxnError::Abortable(e)),
    };
    if txn.is_fatal() {
        CallError::Failed(TxnError::Fatal(e))
    } else if txn.txn_requires_abort() {
        CallError::Failed(TxnError::Abortable(e))
    } else if txn.is_retriable() {
        CallError::Retriable(e)
    } else if matches!(txn.code(), RDKafkaErrorCode::ProducerFenced | RDKafkaErrorCode::InvalidProducerEpoch) {
        CallError::Failed(TxnError::Fatal(e))
    } else {
        CallError::Failed(TxnError::Abortable(e))
    }
}

/// Whether a step that failed with a retriable error is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retries {
    /// `init_transactions`: a cluster that keeps refusing at start-up is
    /// reported as an error rather than waited on.
    Bounded,
    /// `send_offsets_to_transaction`, `commit_transaction`, `abort_transaction`:
    /// after a timeout librdkafka keeps the call running, and any other
    /// transactional call fails with `__CONFLICT`, so the only way on is the
    /// same call again, for as long as the coordinator is away.
    UntilDone,
}

/// How many `pause`s to wait before attempt `attempt + 1`, or `None` to give up.
fn retry_after(retries: Retries, attempt: usize) -> Option<u32> {
    match retries {
        Retries::Bounded if attempt >= ATTEMPTS => None,
        _ => Some(attempt.min(20) as u32),
    }
}

/// Runs `step`, retrying what the client calls retriable.
fn with_retries(
    what: &str,
    retries: Retries,
    pause: Duration,
    mut step: impl FnMut() -> Result<(), CallError>,
) -> Result<(), TxnError> {
    for attempt in 1.. {
        match step() {
            Ok(()) => return Ok(()),
            Err(CallError::Failed(e)) => return Err(e),
            Err(CallError::Retriable(e)) => {
                let Some(pauses) = retry_after(retries, attempt) else { return Err(TxnError::Abortable(e)) };
                if attempt <= ATTEMPTS || attempt % 10 == 0 {
                    warn!(error = %e, attempt, "{what} failed, retrying the same call");
                }
                std::thread::sleep(pause * pauses);
            }
        }
    }
    unreachable!("the loop returns")
}

/// The transactional calls the worker makes, with their retry policy.
pub(crate) struct Transactions<C> {
    calls: C,
    id: String,
    /// The unit of the growing pause between retries (100 ms; tests shorten it).
    pause: Duration,
}

impl Transactions<TxnProducer> {
    /// Creates the producer and registers its `transactional.id` with the
    /// broker, which fences any older producer with the same id and aborts
    /// the transaction it left open.
    pub(crate) fn start(config: &ClientConfig, id: &str, timeout: Duration) -> anyhow::Result<Self> {
        let producer: FutureProducer<SinkContext> =
            config.create_with_context(SinkContext).map_err(super::client_error)?;
        let txn = Transactions::new(TxnProducer { producer, timeout }, id, Duration::from_millis(100));
        with_retries("init_transactions", Retries::Bounded, txn.pause, || {
            txn.calls.producer.init_transactions(timeout).map_err(classify)
        })
        .map_err(|e| anyhow::anyhow!("initialising transactional.id {id}: {e}"))?;
        Ok(txn)
    }
}

impl<C: TxnCalls> Transactions<C> {
    pub(crate) fn new(calls: C, id: &str, pause: Duration) -> Self {
        Transactions { calls, id: id.to_string(), pause }
    }

    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    pub(crate) fn calls(&self) -> &C {
        &self.calls
    }

    /// The fatal error the client raised, if any. A producer fenced while it
    /// holds no open transaction (its partitions were just revoked, say) learns
    /// of it only here: no call of its own would fail until new work arrived.
    pub(crate) fn fatal_error(&self) -> Option<String> {
        self.calls.fatal_error()
    }

    pub(crate) fn begin(&self) -> Result<(), TxnError> {
        self.calls.begin_transaction().map_err(|e| match e {
            CallError::Retriable(e) => TxnError::Abortable(e),
            CallError::Failed(e) => e,
        })
    }

    /// Adds the next offsets to read to the transaction and commits it.
    pub(crate) fn commit(&self, offsets: &[(TopicPartition, i64)], group: &C::Group) -> Result<(), TxnError> {
        if !offsets.is_empty() {
            with_retries("send_offsets_to_transaction", Retries::UntilDone, self.pause, || {
                self.calls.send_offsets(offsets, group)
            })?;
        }
        with_retries("commit_transaction", Retries::UntilDone, self.pause, || self.calls.commit_transaction())
    }

    /// Aborts the open transaction: none of its records become visible to
    /// `read_committed` readers, and its offsets are not committed.
    pub(crate) fn abort(&self) -> Result<(), TxnError> {
        with_retries("abort_transaction", Retries::UntilDone, self.pause, || self.calls.abort_transaction())
    }
}

/// librdkafka's transactional producer.
pub(crate) struct TxnProducer {
    producer: FutureProducer<SinkContext>,
    timeout: Duration,
}

impl TxnCalls for TxnProducer {
    type Group = ConsumerGroupMetadata;

    fn begin_transaction(&self) -> Result<(), CallError> {
        self.producer.begin_transaction().map_err(classify)
    }

    fn send_offsets(&self, offsets: &[(TopicPartition, i64)], group: &ConsumerGroupMetadata) -> Result<(), CallError> {
        let mut tpl = TopicPartitionList::new();
        for (tp, next) in offsets {
            tpl.add_partition_offset(&tp.topic, tp.partition, Offset::Offset(*next))
                .map_err(|e| CallError::Failed(TxnError::Abortable(e)))?;
        }
        self.producer.send_offsets_to_transaction(&tpl, group, self.timeout).map_err(classify)
    }

    fn commit_transaction(&self) -> Result<(), CallError> {
        self.producer.commit_transaction(self.timeout).map_err(classify)
    }

    fn abort_transaction(&self) -> Result<(), CallError> {
        self.producer.abort_transaction(self.timeout).map_err(classify)
    }

    fn fatal_error(&self) -> Option<String> {
        super::fatal_error(self.producer.client())
    }
}

impl Deliver for TxnProducer {
    type Receipt = futures_util::future::Map<rdkafka::producer::DeliveryFuture, fn(DeliveryOutcome) -> Delivered>;

    fn send(&self, record: &OutRecord) -> Result<Self::Receipt, SendError> {
        match self.producer.send_result(future_record(record)) {
            Ok(delivery) => Ok(delivery.map(settled as fn(DeliveryOutcome) -> Delivered)),
            Err((e, _)) if is_permanent(&e) => Err(SendError::Rejected(e.to_string())),
            Err((e, _)) if e.rdkafka_error_code() == Some(RDKafkaErrorCode::QueueFull) => Err(SendError::QueueFull),
            Err((e, _)) => Err(SendError::Busy(e.to_string())),
        }
    }
}

type DeliveryOutcome = <rdkafka::producer::DeliveryFuture as Future>::Output;

fn settled(outcome: DeliveryOutcome) -> Delivered {
    match outcome {
        Ok(Ok(_)) => Delivered::Acked,
        Ok(Err((e, _))) if is_permanent(&e) => Delivered::Rejected(e.to_string()),
        Ok(Err((e, _))) => Delivered::Failed(format!("delivery failed: {e}")),
        Err(_canceled) => Delivered::Failed("delivery canceled".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timed_out_commit_or_abort_is_retried_for_as_long_as_it_takes() {
        // Five timeouts used to turn a commit into an abort, which librdkafka
        // refuses while the commit still runs (`__CONFLICT`), forever.
        assert!((1..1_000).all(|attempt| retry_after(Retries::UntilDone, attempt).is_some()));
        let longest = Duration::from_millis(100) * retry_after(Retries::UntilDone, 1_000).unwrap();
        assert!(longest <= Duration::from_secs(2), "backoff is capped");
    }

    #[test]
    fn start_up_gives_up_after_a_few_attempts() {
        assert!(retry_after(Retries::Bounded, ATTEMPTS - 1).is_some());
        assert_eq!(retry_after(Retries::Bounded, ATTEMPTS), None);
    }

    #[test]
    fn a_plain_error_outside_a_transaction_call_is_abortable() {
        let e = KafkaError::MessageProduction(RDKafkaErrorCode::MessageTimedOut);
        assert!(matches!(classify(e), CallError::Failed(TxnError::Abortable(_))));
    }
}
