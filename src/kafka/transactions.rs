//! The transactional producer behind exactly-once delivery: outputs and the
//! input offsets they answer are committed together, or not at all.
//!
//! This module only speaks the protocol (init, begin, send, commit with the
//! consumer group's metadata, abort) and sorts librdkafka's errors into the
//! two outcomes the worker acts on: *abortable* (abort, read the inputs again)
//! and *fatal* (another instance took over this `transactional.id`, or the
//! producer is unusable: stop). Retriable errors are retried here. What goes
//! into a transaction, and when it commits, is `worker::exactly_once`'s call.
//!
//! The blocking calls (`init`, `commit`, `abort`) wait on the broker: call
//! them off the async reactor.

use std::time::Duration;

use rdkafka::consumer::ConsumerGroupMetadata;
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::producer::{DeliveryFuture, FutureProducer, Producer};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};
use tracing::warn;

use super::offsets::TopicPartition;
use super::sink::{future_record, is_permanent, OutRecord, SinkContext};

/// Why a transaction step failed.
#[derive(Debug, thiserror::Error)]
pub enum TxnError {
    /// The open transaction is lost: abort it and redo its inputs.
    #[error("transaction must be aborted: {0}")]
    Abortable(KafkaError),
    /// The producer cannot go on (typically fenced by a newer instance with
    /// the same `transactional.id`).
    #[error("transactional producer failed fatally: {0}")]
    Fatal(KafkaError),
}

/// A record the producer did not take.
pub enum SendError {
    /// The record can never be written (too large or invalid for the broker).
    Rejected(KafkaError),
    /// The local queue is full or the producer is in an error state: try again
    /// after the queue drains, or find out at commit.
    Busy(KafkaError),
}

pub struct TxnProducer {
    producer: FutureProducer<SinkContext>,
    id: String,
    timeout: Duration,
}

/// A retriable start-up step is tried this many times before giving up.
const ATTEMPTS: usize = 5;

fn classify(e: KafkaError) -> Result<TxnError, KafkaError> {
    let txn = match &e {
        KafkaError::Transaction(txn) => txn,
        _ => return Ok(TxnError::Abortable(e)),
    };
    if txn.is_fatal() {
        Ok(TxnError::Fatal(e))
    } else if txn.txn_requires_abort() {
        Ok(TxnError::Abortable(e))
    } else if txn.is_retriable() {
        Err(e)
    } else if matches!(txn.code(), RDKafkaErrorCode::ProducerFenced | RDKafkaErrorCode::InvalidProducerEpoch) {
        Ok(TxnError::Fatal(e))
    } else {
        Ok(TxnError::Abortable(e))
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

/// The pause before attempt `attempt + 1`, or `None` to give up.
fn retry_after(retries: Retries, attempt: usize) -> Option<Duration> {
    match retries {
        Retries::Bounded if attempt >= ATTEMPTS => None,
        _ => Some(Duration::from_millis(100 * attempt.min(20) as u64)),
    }
}

/// Runs `step`, retrying what librdkafka calls retriable.
fn with_retries(
    what: &str,
    retries: Retries,
    mut step: impl FnMut() -> Result<(), KafkaError>,
) -> Result<(), TxnError> {
    for attempt in 1.. {
        match step().map_err(classify) {
            Ok(()) => return Ok(()),
            Err(Ok(e)) => return Err(e),
            Err(Err(e)) => {
                let Some(pause) = retry_after(retries, attempt) else { return Err(TxnError::Abortable(e)) };
                if attempt <= ATTEMPTS || attempt % 10 == 0 {
                    warn!(error = %e, attempt, "{what} failed, retrying the same call");
                }
                std::thread::sleep(pause);
            }
        }
    }
    unreachable!("the loop returns")
}

impl TxnProducer {
    /// Creates the producer and registers its `transactional.id` with the
    /// broker, which fences any older producer with the same id and aborts
    /// the transaction it left open.
    pub fn start(config: &ClientConfig, id: &str, timeout: Duration) -> anyhow::Result<TxnProducer> {
        let producer: FutureProducer<SinkContext> =
            config.create_with_context(SinkContext).map_err(super::client_error)?;
        let txn = TxnProducer { producer, id: id.to_string(), timeout };
        with_retries("init_transactions", Retries::Bounded, || txn.producer.init_transactions(txn.timeout))
            .map_err(|e| anyhow::anyhow!("initialising transactional.id {id}: {e}"))?;
        Ok(txn)
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The fatal error librdkafka raised, if any. A producer fenced while it
    /// holds no open transaction (its partitions were just revoked, say) learns
    /// of it only here: no call of its own would fail until new work arrived.
    pub fn fatal_error(&self) -> Option<String> {
        super::fatal_error(self.producer.client())
    }

    pub fn begin(&self) -> Result<(), TxnError> {
        self.producer.begin_transaction().map_err(|e| classify(e).unwrap_or_else(TxnError::Abortable))
    }

    /// Enqueues one record in the open transaction.
    pub fn send(&self, record: &OutRecord) -> Result<DeliveryFuture, SendError> {
        self.producer.send_result(future_record(record)).map_err(|(e, _)| {
            if is_permanent(&e) {
                SendError::Rejected(e)
            } else {
                SendError::Busy(e)
            }
        })
    }

    /// Adds the next offsets to read to the transaction and commits it.
    pub fn commit(&self, offsets: &[(TopicPartition, i64)], group: &ConsumerGroupMetadata) -> Result<(), TxnError> {
        let mut tpl = TopicPartitionList::new();
        for (tp, next) in offsets {
            tpl.add_partition_offset(&tp.topic, tp.partition, Offset::Offset(*next)).map_err(TxnError::Abortable)?;
        }
        if tpl.count() > 0 {
            with_retries("send_offsets_to_transaction", Retries::UntilDone, || {
                self.producer.send_offsets_to_transaction(&tpl, group, self.timeout)
            })?;
        }
        with_retries("commit_transaction", Retries::UntilDone, || self.producer.commit_transaction(self.timeout))
    }

    /// Aborts the open transaction: none of its records become visible to
    /// `read_committed` readers, and its offsets are not committed.
    pub fn abort(&self) -> Result<(), TxnError> {
        with_retries("abort_transaction", Retries::UntilDone, || self.producer.abort_transaction(self.timeout))
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
        assert!(retry_after(Retries::UntilDone, 1_000).unwrap() <= Duration::from_secs(2), "backoff is capped");
    }

    #[test]
    fn start_up_gives_up_after_a_few_attempts() {
        assert!(retry_after(Retries::Bounded, ATTEMPTS - 1).is_some());
        assert_eq!(retry_after(Retries::Bounded, ATTEMPTS), None);
    }

    #[test]
    fn a_plain_error_outside_a_transaction_call_is_abortable() {
        let e = KafkaError::MessageProduction(RDKafkaErrorCode::MessageTimedOut);
        assert!(matches!(classify(e), Ok(TxnError::Abortable(_))));
    }
}
