//! One typed configuration tree, loaded once at start-up and validated there.
//!
//! Layers, later ones winning: built-in defaults (mirrored, with a comment per
//! line, in `config/default.toml`), the file given by `--config`, then
//! `PRESSLINE_…` environment variables with `__` between levels
//! (`PRESSLINE_KAFKA__BROKERS=…`, `PRESSLINE_KAFKA__COMMON__SASL__PASSWORD=…`).
//! Raw librdkafka properties pass through untouched except for the few that
//! pressline's delivery guarantee depends on, which are refused by name.

use std::collections::BTreeMap;
use std::path::Path;

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

use crate::dlq_policy::DlqPolicyConfig;
use crate::pipeline::{CleanLimits, EnrichOptions, PipelineOptions};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub kafka: KafkaConfig,
    pub worker: WorkerConfig,
    pub pipeline: PipelineConfig,
    pub metrics: MetricsConfig,
    pub log: LogConfig,
    pub dlq: DlqPolicyConfig,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KafkaConfig {
    /// Bootstrap servers, comma-separated.
    pub brokers: String,
    /// Consumer group of the live service.
    pub group_id: String,
    /// Topics of raw pages to consume.
    pub input_topics: Vec<String>,
    /// Topic the article events go to.
    pub output_topic: String,
    /// Topic for inputs that could not become articles.
    pub dlq_topic: String,
    /// Where raw pages whose extraction confidence is under
    /// `pipeline.low_confidence` are also copied (for a slower fallback
    /// extractor); empty: no copies.
    pub low_confidence_topic: String,
    /// librdkafka `partition.assignment.strategy`.
    pub assignor: String,
    /// `client.id` reported to the brokers.
    pub client_id: String,
    /// Create missing topics at start-up (local development; off in production).
    pub create_topics: bool,
    /// Partitions for topics pressline creates itself.
    pub create_partitions: i32,
    /// Exactly-once only: `transactional.id` is `<prefix>-<group_id>-<instance>`.
    pub transactional_id_prefix: String,
    /// Exactly-once only: this instance's stable name in the `transactional.id`,
    /// so a restarted instance fences its zombie. Empty: the consumer's
    /// `group.instance.id`, else the host name (the pod name on Kubernetes).
    pub instance_id: String,
    /// Raw librdkafka properties for both clients (TLS, SASL, …).
    pub common: BTreeMap<String, serde_json::Value>,
    /// Raw librdkafka properties for the consumer only.
    pub consumer: BTreeMap<String, serde_json::Value>,
    /// Raw librdkafka properties for the producer only.
    pub producer: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WorkerConfig {
    /// Input messages handed out and not yet acknowledged; at this bound the
    /// consumer pauses its partitions (and keeps polling).
    pub max_in_flight: usize,
    /// The same bound on the bytes of those messages' values: a few huge
    /// pages pause the consumer before `max_in_flight` of them would.
    pub max_in_flight_bytes: usize,
    /// Pages processed in parallel on the CPU pool; 0 = one per core.
    pub threads: usize,
    /// On shutdown: how long to wait for in-flight pages before giving up on them
    /// (they stay uncommitted and are redelivered).
    pub drain_timeout_ms: u64,
    /// On revoke: how long to wait for the revoked partitions' in-flight pages
    /// (at-least-once). Exactly-once waits for the open transaction without a
    /// deadline and warns at this interval.
    pub revoke_timeout_ms: u64,
    /// Delivery retries after a failed produce: first backoff, doubled up to the max.
    pub retry_backoff_ms: u64,
    pub retry_backoff_max_ms: u64,
    /// Liveness fails when the poll loop is silent, or a page sits in the
    /// pipeline, for longer than this; readiness fails when a partition has
    /// lag and its committed offset has not moved for this long.
    pub stall_timeout_ms: u64,
    /// `at-least-once` (offsets committed after delivery) or `exactly-once`
    /// (outputs and offsets committed together in Kafka transactions).
    pub delivery: Delivery,
    /// Exactly-once: a transaction commits after this many inputs…
    pub transaction_max_inputs: usize,
    /// …or this long after it began, whichever comes first.
    pub transaction_max_ms: u64,
}

/// How outputs and input offsets are committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Delivery {
    AtLeastOnce,
    ExactlyOnce,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineConfig {
    /// Pages larger than this go to the DLQ (`too_large`) without being parsed.
    pub max_page_bytes: usize,
    /// HTML pages with more elements are dead-lettered unparsed (0 = unlimited).
    pub max_html_elements: usize,
    /// HTML pages nested deeper are dead-lettered unparsed (0 = unlimited).
    pub max_html_depth: usize,
    /// Teasers kept per page.
    pub max_teasers: usize,
    /// Reading speed behind `reading_time_seconds`.
    pub words_per_minute: u32,
    /// Recent articles each worker remembers to mark `duplicate_of` (0 disables).
    pub duplicate_window: usize,
    /// Largest SimHash Hamming distance counted as a near duplicate.
    pub duplicate_max_distance: u32,
    /// A page still in the pipeline after this is dead-lettered (`pipeline/timeout`).
    pub page_timeout_ms: u64,
    /// A page whose main article has `quality.extraction_confidence` under
    /// this is also copied, raw, to `kafka.low_confidence_topic`.
    pub low_confidence: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsConfig {
    /// HTTP address serving `/metrics`, `/healthz` and `/readyz`; empty disables it.
    pub listen: String,
    /// librdkafka statistics interval (consumer lag, broker state, producer queue).
    pub statistics_interval_ms: u64,
    /// Label lag with `partition` too (one series per partition; turn off on
    /// topics with very many partitions to keep one series per topic).
    pub partition_lag: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    /// `auto` (text on a terminal, JSON otherwise), `text` or `json`.
    pub format: String,
    /// `RUST_LOG`-style filter; `RUST_LOG` itself wins when set.
    pub filter: String,
}

impl Default for KafkaConfig {
    fn default() -> Self {
        KafkaConfig {
            brokers: "127.0.0.1:9092".into(),
            group_id: "pressline".into(),
            input_topics: vec!["pages.raw".into()],
            output_topic: "articles".into(),
            dlq_topic: "pages.dlq".into(),
            low_confidence_topic: String::new(),
            assignor: "cooperative-sticky".into(),
            client_id: "pressline".into(),
            create_topics: false,
            create_partitions: 3,
            transactional_id_prefix: "pressline".into(),
            instance_id: String::new(),
            common: BTreeMap::new(),
            consumer: BTreeMap::new(),
            producer: BTreeMap::new(),
        }
    }
}

impl KafkaConfig {
    /// The stable name of this instance for its `transactional.id`.
    pub(crate) fn instance_name(&self) -> Option<String> {
        let configured = Some(self.instance_id.trim().to_string()).filter(|s| !s.is_empty());
        configured
            .or_else(|| flatten(&self.consumer).remove("group.instance.id"))
            .or_else(|| flatten(&self.common).remove("group.instance.id"))
            .or_else(|| std::env::var("HOSTNAME").ok())
            // Shells do not always export HOSTNAME; the kernel knows it.
            .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// `<prefix>-<group>-<instance>`: the same instance always gets the same
    /// id, so its restart fences the transactions of the process it replaces.
    pub(crate) fn transactional_id(&self) -> Option<String> {
        Some(format!("{}-{}-{}", self.transactional_id_prefix, self.group_id, self.instance_name()?))
    }
}

impl WorkerConfig {
    /// `threads`, with 0 meaning one per available core.
    pub(crate) fn effective_threads(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(2, usize::from),
            n => n,
        }
    }
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            max_in_flight: 256,
            max_in_flight_bytes: 256 << 20,
            threads: 0,
            drain_timeout_ms: 20_000,
            revoke_timeout_ms: 5_000,
            retry_backoff_ms: 200,
            retry_backoff_max_ms: 10_000,
            stall_timeout_ms: 60_000,
            delivery: Delivery::AtLeastOnce,
            transaction_max_inputs: 200,
            transaction_max_ms: 250,
        }
    }
}

impl Default for PipelineConfig {
    fn default() -> Self {
        let limits = CleanLimits::default();
        PipelineConfig {
            max_page_bytes: limits.max_page_bytes,
            max_html_elements: limits.max_html_elements,
            max_html_depth: limits.max_html_depth,
            max_teasers: limits.max_teasers,
            words_per_minute: EnrichOptions::default().words_per_minute,
            duplicate_window: 10_000,
            duplicate_max_distance: 3,
            page_timeout_ms: 10_000,
            low_confidence: 0.5,
        }
    }
}

impl Default for MetricsConfig {
    fn default() -> Self {
        MetricsConfig { listen: "0.0.0.0:9000".into(), statistics_interval_ms: 5_000, partition_lag: true }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig { format: "auto".into(), filter: "info".into() }
    }
}

/// A configuration problem, always naming the key at fault.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Load(Box<figment::Error>),
    #[error("configuration key `{key}`: {reason}")]
    Invalid { key: String, reason: String },
}

/// librdkafka properties whose values carry pressline's delivery guarantee.
const MANAGED_CONSUMER_KEYS: &[&str] = &[
    "enable.auto.offset.store",
    "enable.auto.commit",
    "group.id",
    "bootstrap.servers",
    "partition.assignment.strategy",
];
const MANAGED_PRODUCER_KEYS: &[&str] = &["enable.idempotence", "bootstrap.servers", "acks", "transactional.id"];

fn invalid(key: &str, reason: &str) -> Result<(), ConfigError> {
    Err(ConfigError::Invalid { key: key.into(), reason: reason.into() })
}

/// `PRESSLINE_KAFKA_BROKERS` (one underscore) would be ignored with the
/// variables that are not settings: name it instead.
fn misspelt_section_variable() -> Result<(), ConfigError> {
    const SECTIONS: &[&str] = &["KAFKA_", "WORKER_", "PIPELINE_", "METRICS_", "LOG_", "DLQ_"];
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        let Some(rest) = name.strip_prefix("PRESSLINE_") else { continue };
        if !rest.contains("__") && SECTIONS.iter().any(|s| rest.to_ascii_uppercase().starts_with(s)) {
            return invalid(name, "settings are PRESSLINE_<SECTION>__<KEY>, two underscores after the section");
        }
    }
    Ok(())
}

impl Config {
    /// Defaults, then the optional file, then `PRESSLINE_…` variables.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(path) = file {
            if !path.exists() {
                return Err(ConfigError::Invalid {
                    key: "--config".into(),
                    reason: format!("file {} does not exist", path.display()),
                });
            }
            figment = figment.merge(Toml::file(path));
        }
        misspelt_section_variable()?;
        // Only PRESSLINE_<SECTION>__<KEY>: other PRESSLINE_* variables belong to
        // someone else (Kubernetes gives every pod PRESSLINE_SERVICE_HOST,
        // PRESSLINE_PORT, … for a Service named pressline).
        let env = Env::prefixed("PRESSLINE_").filter(|key| key.as_str().contains("__")).split("__");
        Config::from_figment(figment.merge(env))
    }

    fn from_figment(figment: Figment) -> Result<Config, ConfigError> {
        let config: Config = figment.extract().map_err(|e| ConfigError::Load(Box::new(e)))?;
        config.validate()?;
        Ok(config)
    }

    /// Start-up invariants, each reported with the key that breaks it.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.validate_kafka()?;
        self.validate_worker()?;
        self.validate_rest()
    }

    fn validate_kafka(&self) -> Result<(), ConfigError> {
        let k = &self.kafka;
        if k.brokers.trim().is_empty() {
            return invalid("kafka.brokers", "must name at least one broker");
        }
        if k.group_id.trim().is_empty() {
            return invalid("kafka.group_id", "must not be empty");
        }
        if k.input_topics.is_empty() || k.input_topics.iter().any(|t| t.trim().is_empty()) {
            return invalid("kafka.input_topics", "must list at least one non-empty topic");
        }
        for (key, topic) in [("kafka.output_topic", &k.output_topic), ("kafka.dlq_topic", &k.dlq_topic)] {
            if topic.trim().is_empty() {
                return invalid(key, "must not be empty");
            }
            if k.input_topics.contains(topic) {
                return invalid(key, "must differ from every input topic (pressline would consume its own output)");
            }
        }
        let low = &k.low_confidence_topic;
        if !low.is_empty() {
            if low.trim().is_empty() {
                return invalid("kafka.low_confidence_topic", "must be a topic name, or empty to send no copies");
            }
            if k.input_topics.contains(low) {
                return invalid(
                    "kafka.low_confidence_topic",
                    "must differ from every input topic (pressline would consume its own copies)",
                );
            }
            if *low == k.output_topic {
                return invalid(
                    "kafka.low_confidence_topic",
                    "must differ from kafka.output_topic (raw pages are not events)",
                );
            }
        }
        if !matches!(k.assignor.as_str(), "cooperative-sticky" | "range" | "roundrobin" | "range,roundrobin") {
            return invalid("kafka.assignor", "must be cooperative-sticky, range, roundrobin or range,roundrobin");
        }
        if k.create_partitions < 1 {
            return invalid("kafka.create_partitions", "must be at least 1");
        }
        for (section, managed) in [
            ("common", MANAGED_CONSUMER_KEYS),
            ("consumer", MANAGED_CONSUMER_KEYS),
            ("producer", MANAGED_PRODUCER_KEYS),
        ] {
            let props = match section {
                "common" => &k.common,
                "consumer" => &k.consumer,
                _ => &k.producer,
            };
            for key in flatten(props).keys() {
                if managed.contains(&key.as_str())
                    || (section == "common" && MANAGED_PRODUCER_KEYS.contains(&key.as_str()))
                {
                    return invalid(
                        &format!("kafka.{section}.{key}"),
                        "is managed by pressline (use the typed setting or leave it to the delivery mode)",
                    );
                }
            }
        }
        Ok(())
    }

    fn validate_worker(&self) -> Result<(), ConfigError> {
        let k = &self.kafka;
        if self.worker.max_in_flight == 0 {
            return invalid("worker.max_in_flight", "must be at least 1");
        }
        if self.worker.max_in_flight_bytes < 1 << 20 {
            return invalid("worker.max_in_flight_bytes", "must be at least 1 MiB (1048576)");
        }
        if self.worker.retry_backoff_ms == 0 || self.worker.retry_backoff_max_ms < self.worker.retry_backoff_ms {
            return invalid("worker.retry_backoff_max_ms", "must be ≥ worker.retry_backoff_ms > 0");
        }
        if self.worker.transaction_max_inputs == 0 {
            return invalid("worker.transaction_max_inputs", "must be at least 1");
        }
        if self.worker.transaction_max_ms == 0 {
            return invalid("worker.transaction_max_ms", "must be at least 1");
        }
        if self.worker.delivery == Delivery::ExactlyOnce {
            if k.transactional_id_prefix.trim().is_empty() {
                return invalid("kafka.transactional_id_prefix", "must not be empty in exactly-once mode");
            }
            if self.kafka.instance_name().is_none() {
                return invalid(
                    "kafka.instance_id",
                    "exactly-once needs a stable instance name: set it or kafka.consumer.group.instance.id",
                );
            }
        }
        Ok(())
    }

    fn validate_rest(&self) -> Result<(), ConfigError> {
        if self.pipeline.max_page_bytes == 0 {
            return invalid("pipeline.max_page_bytes", "must be at least 1");
        }
        if self.pipeline.page_timeout_ms < 10 {
            return invalid("pipeline.page_timeout_ms", "must be at least 10");
        }
        if !(0.0..=1.0).contains(&self.pipeline.low_confidence) {
            return invalid("pipeline.low_confidence", "must be in [0, 1]");
        }
        if self.pipeline.words_per_minute == 0 {
            return invalid("pipeline.words_per_minute", "must be at least 1");
        }
        if !self.metrics.listen.is_empty() && self.metrics.listen.parse::<std::net::SocketAddr>().is_err() {
            return invalid("metrics.listen", "must be an address like 0.0.0.0:9000, or empty");
        }
        if self.worker.stall_timeout_ms < 1_000 {
            return invalid("worker.stall_timeout_ms", "must be at least 1000");
        }
        if !(self.dlq.max_share > 0.0 && self.dlq.max_share <= 1.0) {
            return invalid("dlq.max_share", "must be in (0, 1]; 1 disables the policy");
        }
        if self.dlq.window == 0 {
            return invalid("dlq.window", "must be at least 1");
        }
        if !matches!(self.log.format.as_str(), "auto" | "text" | "json") {
            return invalid("log.format", "must be auto, text or json");
        }
        Ok(())
    }

    pub(crate) fn pipeline_options(&self) -> PipelineOptions {
        PipelineOptions {
            limits: CleanLimits {
                max_page_bytes: self.pipeline.max_page_bytes,
                max_html_elements: self.pipeline.max_html_elements,
                max_html_depth: self.pipeline.max_html_depth,
                max_teasers: self.pipeline.max_teasers,
            },
            enrich: EnrichOptions { words_per_minute: self.pipeline.words_per_minute },
        }
    }
}

/// Raw librdkafka properties whose values are secrets.
pub(crate) fn is_secret_property(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["password", "secret", "token", "sasl.jaas.config", "ssl.key.pem", "ssl_key", "private"]
        .iter()
        .any(|s| key.contains(s))
}

impl Config {
    /// The effective configuration with secret values replaced, safe to print or log.
    pub(crate) fn redacted(&self) -> Config {
        let mut c = self.clone();
        for props in [&mut c.kafka.common, &mut c.kafka.consumer, &mut c.kafka.producer] {
            let flat = flatten(props);
            *props = flat
                .into_iter()
                .map(|(k, v)| {
                    let v = if is_secret_property(&k) { "***".to_string() } else { v };
                    (k, serde_json::Value::String(v))
                })
                .collect();
        }
        c
    }
}

/// Raw property tables to librdkafka's flat `a.b.c = "value"` form. Nested
/// tables come from TOML dotted keys and from `__`-split environment variables.
pub fn flatten(props: &BTreeMap<String, serde_json::Value>) -> BTreeMap<String, String> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut BTreeMap<String, String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    walk(&format!("{prefix}.{k}"), v, out);
                }
            }
            serde_json::Value::String(s) => {
                out.insert(prefix.to_string(), s.clone());
            }
            other => {
                out.insert(prefix.to_string(), other.to_string());
            }
        }
    }
    let mut out = BTreeMap::new();
    for (k, v) in props {
        walk(k, v, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_toml(toml: &str) -> Result<Config, ConfigError> {
        Config::from_figment(Figment::from(Serialized::defaults(Config::default())).merge(Toml::string(toml)))
    }

    #[test]
    fn documented_default_file_matches_built_in_defaults() {
        let documented = from_toml(include_str!("../config/default.toml")).unwrap();
        assert_eq!(documented, Config::default());
    }

    #[test]
    fn transactional_id_names_group_and_a_stable_instance() {
        let c = from_toml("[worker]\ndelivery = \"exactly-once\"\n[kafka]\ninstance_id = \"pod-3\"\n").unwrap();
        assert_eq!(c.worker.delivery, Delivery::ExactlyOnce);
        assert_eq!(c.kafka.transactional_id().as_deref(), Some("pressline-pressline-pod-3"));
        let c = from_toml("[kafka.consumer]\n\"group.instance.id\" = \"pressline-0\"\n").unwrap();
        assert_eq!(c.kafka.transactional_id().as_deref(), Some("pressline-pressline-pressline-0"));
        let err = from_toml("[kafka.producer]\n\"transactional.id\" = \"x\"\n").unwrap_err().to_string();
        assert!(err.contains("kafka.producer.transactional.id"), "{err}");
        let err = from_toml("[worker]\ndelivery = \"twice\"\n").unwrap_err().to_string();
        assert!(err.contains("delivery"), "{err}");
    }

    #[test]
    fn unknown_key_is_named_in_the_error() {
        let err = from_toml("[worker]\nmax_inflight = 3\n").unwrap_err().to_string();
        assert!(err.contains("max_inflight"), "{err}");
    }

    #[test]
    fn wrong_type_is_named_in_the_error() {
        let err = from_toml("[worker]\nmax_in_flight = \"many\"\n").unwrap_err().to_string();
        assert!(err.contains("max_in_flight"), "{err}");
    }

    #[test]
    fn invariants_name_their_key() {
        let err = from_toml("[kafka]\noutput_topic = \"pages.raw\"\n").unwrap_err().to_string();
        assert!(err.contains("kafka.output_topic"), "{err}");
        let err = from_toml("[kafka.consumer]\n\"enable.auto.offset.store\" = true\n").unwrap_err().to_string();
        assert!(err.contains("kafka.consumer.enable.auto.offset.store"), "{err}");
        for bad in ["low_confidence_topic = \"pages.raw\"", "low_confidence_topic = \"articles\""] {
            let err = from_toml(&format!("[kafka]\n{bad}\n")).unwrap_err().to_string();
            assert!(err.contains("kafka.low_confidence_topic"), "{err}");
        }
        let err = from_toml("[pipeline]\nlow_confidence = 1.5\n").unwrap_err().to_string();
        assert!(err.contains("pipeline.low_confidence"), "{err}");
        assert!(from_toml("[kafka]\nlow_confidence_topic = \"pages.unsure\"\n").is_ok());
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail decides the closure's error type
    fn environment_overrides_file_and_reaches_raw_properties() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("p.toml", "[kafka]\nbrokers = \"file:9092\"\ngroup_id = \"from-file\"\n")?;
            jail.set_env("PRESSLINE_KAFKA__BROKERS", "env:9092");
            jail.set_env("PRESSLINE_KAFKA__COMMON__SASL__PASSWORD", "s3cret");
            jail.set_env("PRESSLINE_KAFKA__COMMON__SECURITY__PROTOCOL", "SASL_SSL");
            // Not settings: what Kubernetes sets for a Service named pressline.
            jail.set_env("PRESSLINE_SERVICE_HOST", "10.0.0.7");
            jail.set_env("PRESSLINE_PORT", "tcp://10.0.0.7:9000");
            let c = Config::load(Some(Path::new("p.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(c.kafka.brokers, "env:9092");
            assert_eq!(c.kafka.group_id, "from-file");
            let common = flatten(&c.kafka.common);
            assert_eq!(common.get("sasl.password").map(String::as_str), Some("s3cret"));
            assert_eq!(common.get("security.protocol").map(String::as_str), Some("SASL_SSL"));
            Ok(())
        });
    }

    #[test]
    #[allow(clippy::result_large_err)] // figment's Jail decides the closure's error type
    fn a_setting_with_one_underscore_after_its_section_is_named() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("PRESSLINE_KAFKA_BROKERS", "typo:9092");
            let err = Config::load(None).unwrap_err().to_string();
            assert!(err.contains("PRESSLINE_KAFKA_BROKERS") && err.contains("two underscores"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn redaction_hides_secret_properties_only() {
        let c = from_toml("[kafka.common]\n\"sasl.password\" = \"hunter2\"\n\"sasl.username\" = \"me\"\n[kafka.producer]\n\"ssl.key.password\" = \"k\"\n").unwrap();
        let shown = serde_json::to_string(&c.redacted()).unwrap();
        assert!(!shown.contains("hunter2") && !shown.contains("\"k\""), "{shown}");
        assert!(shown.contains("\"me\""));
    }

    #[test]
    fn raw_properties_flatten_from_dotted_keys_and_nesting() {
        let c = from_toml("[kafka.common]\nsecurity.protocol = \"SASL_SSL\"\n\"sasl.mechanisms\" = \"PLAIN\"\n[kafka.producer]\n\"linger.ms\" = 20\n").unwrap();
        let common = flatten(&c.kafka.common);
        assert_eq!(common.get("security.protocol").map(String::as_str), Some("SASL_SSL"));
        assert_eq!(common.get("sasl.mechanisms").map(String::as_str), Some("PLAIN"));
        assert_eq!(flatten(&c.kafka.producer).get("linger.ms").map(String::as_str), Some("20"));
    }
}
