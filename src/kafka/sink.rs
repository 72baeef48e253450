//! The producer side: delivers a record's outputs (article events or one dead
//! letter) and reports success only when the broker acknowledged all of them.
//!
//! Transient failures (broker down, queue full, timeouts) are retried forever
//! with exponential backoff: the input offset stays uncommitted meanwhile, so
//! nothing is lost and the partition simply waits. Only failures that can
//! never succeed (the record is too large or invalid for the broker) are
//! returned, so the caller can dead-letter instead of stalling a partition.

use std::time::Duration;

use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord, Producer};
use rdkafka::ClientConfig;
use tracing::warn;

/// One record to produce.
#[derive(Debug, Clone)]
pub(crate) struct OutRecord {
    pub topic: String,
    pub key: Option<Vec<u8>>,
    pub value: Vec<u8>,
    pub headers: Vec<(String, Vec<u8>)>,
}

/// A delivery the broker will never accept.
#[derive(Debug, thiserror::Error)]
#[error("record for {topic} rejected permanently: {error}")]
pub(crate) struct Rejected {
    pub topic: String,
    pub error: KafkaError,
}

/// Reports the producer's queue depth from librdkafka statistics.
pub(crate) struct SinkContext;

impl rdkafka::ClientContext for SinkContext {
    fn stats(&self, stats: rdkafka::statistics::Statistics) {
        metrics::gauge!("pressline_producer_queue_messages").set(stats.msg_cnt as f64);
        metrics::gauge!("pressline_producer_queue_bytes").set(stats.msg_size as f64);
        if stats.msg_cnt > 0 {
            // A delivery that never completes shows up here as requests awaiting a response.
            for b in stats.brokers.values().filter(|b| b.nodeid >= 0) {
                tracing::debug!(
                    broker = %b.name,
                    state = %b.state,
                    queued = stats.msg_cnt,
                    awaiting_response = b.waitresp_cnt,
                    unsent = b.outbuf_cnt,
                    "producer state"
                );
            }
        }
    }
}

pub struct Sink {
    producer: FutureProducer<SinkContext>,
    backoff: Duration,
    backoff_max: Duration,
}

pub(crate) fn is_permanent(e: &KafkaError) -> bool {
    matches!(
        e.rdkafka_error_code(),
        Some(
            RDKafkaErrorCode::MessageSizeTooLarge
                | RDKafkaErrorCode::MessageBatchTooLarge
                | RDKafkaErrorCode::InvalidRecord
                | RDKafkaErrorCode::InvalidMessage
                | RDKafkaErrorCode::InvalidMessageSize
        )
    )
}

impl Sink {
    pub fn new(config: &ClientConfig, backoff: Duration, backoff_max: Duration) -> anyhow::Result<Sink> {
        Ok(Sink {
            producer: config.create_with_context(SinkContext).map_err(super::client_error)?,
            backoff,
            backoff_max,
        })
    }

    /// The producer every command uses: `[kafka]` settings, `[worker]` backoff.
    pub(crate) fn from_config(config: &crate::config::Config) -> anyhow::Result<Sink> {
        Sink::new(
            &super::producer_config(&config.kafka, config.metrics.statistics_interval_ms),
            Duration::from_millis(config.worker.retry_backoff_ms),
            Duration::from_millis(config.worker.retry_backoff_max_ms),
        )
    }

    /// The fatal error librdkafka raised, if any (the idempotent producer was
    /// fenced or refused: `CLUSTER_AUTHORIZATION_FAILED`, an epoch it cannot
    /// recover). Every later produce fails with `__FATAL`, so nothing is
    /// worth retrying: the worker stops and a restart gets a new producer.
    pub(crate) fn fatal_error(&self) -> Option<String> {
        super::fatal_error(self.producer.client())
    }

    /// Delivers every record; returns when the broker has acknowledged all of
    /// them, or with the first permanent rejection once every other record of
    /// the call has settled (delivered or rejected too), so that the caller
    /// decides on a final state: no delivery of the input is still on its way
    /// when it writes the dead letter. After a fatal producer error it never
    /// returns: its input stays unacknowledged while the worker loop, which
    /// watches for the same error, stops the process.
    pub(crate) async fn deliver_all(&self, records: &[OutRecord]) -> Result<(), Rejected> {
        let mut pending: Vec<&OutRecord> = records.iter().collect();
        let mut backoff = self.backoff;
        let mut rejected: Option<Rejected> = None;
        loop {
            let mut futures = Vec::with_capacity(pending.len());
            let mut retry: Vec<&OutRecord> = Vec::new();
            for record in pending {
                if rejected.is_some() {
                    break; // one output can never land: send no more of this input
                }
                match self.producer.send_result(future_record(record)) {
                    Ok(delivery) => futures.push((record, delivery)),
                    Err((e, _)) if is_permanent(&e) => {
                        rejected = Some(Rejected { topic: record.topic.clone(), error: e })
                    }
                    Err((e, _)) => {
                        // Usually QueueFull: the local queue drains as deliveries complete.
                        if !matches!(e.rdkafka_error_code(), Some(RDKafkaErrorCode::QueueFull)) {
                            warn!(error = %e, topic = %record.topic, "enqueue failed, will retry");
                        }
                        retry.push(record);
                    }
                }
            }
            for (record, delivery) in futures {
                match delivery.await {
                    Ok(Ok(_)) => {
                        metrics::counter!("pressline_produced_bytes_total").increment(record.value.len() as u64)
                    }
                    Ok(Err((e, _))) if is_permanent(&e) => {
                        rejected.get_or_insert(Rejected { topic: record.topic.clone(), error: e });
                    }
                    Ok(Err((e, _))) => {
                        warn!(error = %e, topic = %record.topic, "delivery failed, will retry");
                        retry.push(record);
                    }
                    // The producer was dropped under us (shutdown): retry until aborted.
                    Err(_canceled) => retry.push(record),
                }
            }
            if let Some(rejected) = rejected {
                return Err(rejected);
            }
            if retry.is_empty() {
                return Ok(());
            }
            if self.fatal_error().is_some() {
                return std::future::pending().await;
            }
            metrics::counter!("pressline_delivery_retries_total").increment(retry.len() as u64);
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(self.backoff_max);
            pending = retry;
        }
    }

    /// Waits for queued records to be delivered (shutdown); dropping a producer
    /// with records still queued would purge them.
    pub fn flush(&self, timeout: Duration) -> bool {
        match self.producer.flush(timeout) {
            Ok(()) => true,
            Err(e) => {
                warn!(error = %e, "producer flush did not complete");
                false
            }
        }
    }
}

pub(crate) fn future_record(record: &OutRecord) -> FutureRecord<'_, [u8], [u8]> {
    let headers =
        record.headers.iter().fold(OwnedHeaders::new_with_capacity(record.headers.len()), |h, (key, value)| {
            h.insert(Header { key, value: Some(value.as_slice()) })
        });
    let mut fr = FutureRecord::to(&record.topic).payload(record.value.as_slice()).headers(headers);
    if let Some(key) = &record.key {
        fr = fr.key(key.as_slice());
    }
    fr
}
