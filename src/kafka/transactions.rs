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

/// Retriable steps are tried this many times before the transaction is given up.
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

/// Runs `step`, retrying what librdkafka calls retriable.
fn with_retries(what: &str, mut step: impl FnMut() -> Result<(), KafkaError>) -> Result<(), TxnError> {
    for attempt in 1.. {
        match step().map_err(classify) {
            Ok(()) => return Ok(()),
            Err(Ok(e)) => return Err(e),
            Err(Err(e)) if attempt < ATTEMPTS => {
                warn!(error = %e, attempt, "{what} failed, retrying");
                std::thread::sleep(Duration::from_millis(100 * attempt as u64));
            }
            Err(Err(e)) => return Err(TxnError::Abortable(e)),
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
        with_retries("init_transactions", || txn.producer.init_transactions(txn.timeout))
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
            tpl.add_partition_offset(&tp.topic, tp.partition, Offset::Offset(*next))
                .map_err(|e| TxnError::Abortable(e))?;
        }
        if tpl.count() > 0 {
            with_retries("send_offsets_to_transaction", || {
                self.producer.send_offsets_to_transaction(&tpl, group, self.timeout)
            })?;
        }
        with_retries("commit_transaction", || self.producer.commit_transaction(self.timeout))
    }

    /// Aborts the open transaction: none of its records become visible to
    /// `read_committed` readers, and its offsets are not committed.
    pub fn abort(&self) -> Result<(), TxnError> {
        with_retries("abort_transaction", || self.producer.abort_transaction(self.timeout))
    }
}
