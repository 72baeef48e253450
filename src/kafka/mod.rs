//! The Kafka edges around the pure pipeline: a consumer (`source`) that hands
//! out records and tracks which offsets are safe to commit (`offsets`), a
//! producer (`sink`) that delivers events and dead letters with retries, and
//! topic creation for local setups (`admin`).
//!
//! Nothing here knows which broker implementation runs: every setting is a
//! standard librdkafka property, and raw properties from the config pass
//! through unchanged (TLS, SASL, tuning).

pub mod admin;
pub mod offsets;
pub mod progress;
pub mod records;
pub mod sink;
pub mod source;
pub mod transactions;

use rdkafka::ClientConfig;

use crate::config::{flatten, Delivery, KafkaConfig};

/// Header names on output records.
pub mod headers {
    pub(crate) const SCHEMA_VERSION: &str = "pressline.schema-version";
    pub(crate) const KIND: &str = "pressline.kind";
    pub(crate) const SOURCE_TOPIC: &str = "source.topic";
    pub(crate) const SOURCE_PARTITION: &str = "source.partition";
    pub(crate) const SOURCE_OFFSET: &str = "source.offset";
    pub(crate) const SOURCE_FILE: &str = "source.file";
    pub(crate) const SOURCE_LINE: &str = "source.line";
    pub(crate) const ERROR_STAGE: &str = "error.stage";
    pub(crate) const ERROR_KIND: &str = "error.kind";
    pub(crate) const ERROR_MESSAGE: &str = "error.message";
    /// On a dead letter sent without the input's bytes: why they were dropped.
    pub(crate) const ERROR_PAYLOAD_DROPPED: &str = "error.payload-dropped";
    /// On a low-confidence copy: the main article's extraction confidence.
    pub(crate) const CONFIDENCE: &str = "pressline.confidence";
    /// On a low-confidence copy: the id of the event a fallback would replace.
    pub(crate) const ARTICLE_ID: &str = "pressline.article-id";

    /// A consumed record's headers as owned pairs (a header without a value
    /// becomes an empty one).
    pub fn to_vec(headers: Option<&rdkafka::message::BorrowedHeaders>) -> Vec<(String, Vec<u8>)> {
        use rdkafka::message::Headers;
        headers
            .map(|h| h.iter().map(|h| (h.key.to_string(), h.value.map(<[u8]>::to_vec).unwrap_or_default())).collect())
            .unwrap_or_default()
    }
}

/// What a client is for: which raw section of `[kafka]` applies beside
/// `[kafka.common]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Consumer,
    Producer,
    /// Topic creation: `[kafka.common]` only.
    Admin,
}

/// The settings every client starts from: the brokers, the client id, and the
/// raw properties of `[kafka.common]` plus the role's own section, so every
/// client (the worker's, the admin client, `produce`, `tail`) reaches a
/// TLS/SASL cluster the same way. Callers set their guarantees after this.
pub(crate) fn client_config(kafka: &KafkaConfig, role: Role) -> ClientConfig {
    tuned(kafka, role, &[])
}

/// [`client_config`] over `defaults`, which the raw properties may override.
fn tuned(kafka: &KafkaConfig, role: Role, defaults: &[(&str, &str)]) -> ClientConfig {
    let mut cfg = ClientConfig::new();
    for (k, v) in defaults {
        cfg.set(*k, *v);
    }
    cfg.set("bootstrap.servers", &kafka.brokers).set("client.id", &kafka.client_id);
    apply(&mut cfg, &kafka.common);
    match role {
        Role::Consumer => apply(&mut cfg, &kafka.consumer),
        Role::Producer => apply(&mut cfg, &kafka.producer),
        Role::Admin => {}
    }
    cfg
}

/// The fatal error librdkafka raised on a client, if any: once set, every
/// later call of that client fails, so only a new client can go on.
pub(crate) fn fatal_error<C: rdkafka::ClientContext>(client: &rdkafka::client::Client<C>) -> Option<String> {
    client.fatal_error().map(|(code, reason)| format!("{code:?}: {reason}"))
}

/// librdkafka's configuration errors quote the offending value, which may be
/// a password: keep the key and the reason, drop the value.
pub(crate) fn client_error(e: rdkafka::error::KafkaError) -> anyhow::Error {
    match e {
        rdkafka::error::KafkaError::ClientConfig(_, desc, key, _value) => {
            let desc =
                if crate::config::is_secret_property(&key) { "invalid or unsupported value".to_string() } else { desc };
            anyhow::anyhow!("Kafka client configuration `{key}`: {desc}")
        }
        other => anyhow::anyhow!("Kafka client: {other}"),
    }
}

fn apply(cfg: &mut ClientConfig, raw: &std::collections::BTreeMap<String, serde_json::Value>) {
    for (k, v) in flatten(raw) {
        cfg.set(k, v);
    }
}

/// Consumer settings. At-least-once: offsets are stored by pressline only
/// after delivery, and auto-commit writes what was stored. Exactly-once: the
/// consumer commits nothing (transactions carry the offsets) and reads only
/// committed records, so aborted outputs of an upstream pressline never count.
pub(crate) fn consumer_config(kafka: &KafkaConfig, statistics_interval_ms: u64, delivery: Delivery) -> ClientConfig {
    let interval = statistics_interval_ms.to_string();
    let mut cfg = tuned(
        kafka,
        Role::Consumer,
        &[
            ("statistics.interval.ms", &interval),
            ("auto.offset.reset", "earliest"),
            // librdkafka prefetches up to 64 MB and 100k messages per partition by default.
            ("queued.max.messages.kbytes", "16384"),
            ("queued.min.messages", "1000"),
            // Over those bounds librdkafka postpones the partition's next fetch by
            // this long (1 s by default) although the poll thread empties the queue
            // within milliseconds: with 174 KB pages one fetch passes 16 MB, and the
            // worker idled for most of each second (e2e on tansu: 97 pages/s at 0.45
            // cores, the same for 1 and 2 threads).
            ("fetch.queue.backoff.ms", "20"),
            // Some brokers answer one large fetch regardless of fetch.max.bytes.
            ("receive.message.max.bytes", "536870912"),
        ],
    );
    // What the delivery guarantee rests on (refused in the raw sections).
    let auto_commit = delivery == Delivery::AtLeastOnce;
    cfg.set("group.id", &kafka.group_id)
        .set("partition.assignment.strategy", &kafka.assignor)
        .set("enable.auto.commit", auto_commit.to_string())
        .set("enable.auto.offset.store", "false");
    if delivery == Delivery::ExactlyOnce {
        cfg.set("isolation.level", "read_committed");
    }
    cfg
}

/// Idempotent, acks=all producer with zstd; a bounded local queue.
/// zstd level 1 rather than its default 3: librdkafka compresses each batch
/// with a fresh context, and level 3 spends more on clearing its larger
/// tables than on compressing a few events (on Zyte pages' events: half the
/// compression CPU, 2.7% more bytes). `linger.ms` 50 rather than 5: fewer,
/// larger batches cost the client a quarter less CPU per page (one
/// compression context and one request per batch) and halve the broker's CPU,
/// for at most 50 ms more per event; a flush (shutdown, a transaction's
/// commit) does not wait for it. `[kafka.producer]` overrides all three.
pub(crate) fn producer_config(kafka: &KafkaConfig, statistics_interval_ms: u64) -> ClientConfig {
    let interval = statistics_interval_ms.to_string();
    let mut cfg = tuned(
        kafka,
        Role::Producer,
        &[
            ("statistics.interval.ms", &interval),
            ("compression.type", "zstd"),
            ("compression.level", "1"),
            ("linger.ms", "50"),
            ("message.max.bytes", "16777216"),
            ("message.timeout.ms", "60000"),
            ("queue.buffering.max.kbytes", "131072"),
        ],
    );
    cfg.set("enable.idempotence", "true").set("acks", "all");
    cfg
}

/// The exactly-once producer: the idempotent producer plus a `transactional.id`.
pub(crate) fn transactional_producer_config(
    kafka: &KafkaConfig,
    statistics_interval_ms: u64,
    transactional_id: &str,
) -> ClientConfig {
    let mut cfg = producer_config(kafka, statistics_interval_ms);
    cfg.set("transactional.id", transactional_id);
    cfg
}

#[cfg(test)]
mod tests {
    use super::*;

    /// librdkafka's 1 s queue backoff left the worker idle between fetches of
    /// large pages; pressline's default is short, and a user's raw setting
    /// still wins.
    #[test]
    fn the_fetch_queue_backoff_is_short_by_default_and_overridable() {
        let mut kafka = KafkaConfig::default();
        let cfg = consumer_config(&kafka, 0, Delivery::AtLeastOnce);
        assert_eq!(cfg.get("fetch.queue.backoff.ms"), Some("20"));
        kafka.consumer.insert("fetch.queue.backoff.ms".into(), serde_json::json!(500));
        let cfg = consumer_config(&kafka, 0, Delivery::AtLeastOnce);
        assert_eq!(cfg.get("fetch.queue.backoff.ms"), Some("500"));
    }

    /// Batching for 50 ms cut the client's CPU per page by a quarter (e2e on
    /// tansu); a user's raw setting (a latency-bound service) still wins.
    #[test]
    fn the_producer_batches_for_50_ms_by_default_and_a_raw_setting_wins() {
        let mut kafka = KafkaConfig::default();
        assert_eq!(producer_config(&kafka, 0).get("linger.ms"), Some("50"));
        kafka.producer.insert("linger.ms".into(), serde_json::json!(0));
        assert_eq!(producer_config(&kafka, 0).get("linger.ms"), Some("0"));
    }
}
