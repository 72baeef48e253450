//! Logs and metrics setup, done once at start-up.
//!
//! Logs go to stderr (stdout carries `process` and `tail` output): human text
//! on a terminal, JSON lines otherwise. Record payloads are never logged, only
//! their coordinates. Metrics use the `metrics` facade with a Prometheus
//! recorder; `health::serve` exposes it on `/metrics`.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::LogConfig;

pub(crate) fn init_logging(config: &LogConfig) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&config.filter));
    let json = match config.format.as_str() {
        "json" => true,
        "text" => false,
        _ => !std::io::stderr().is_terminal(),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    // try_init: tests and embedders may have installed a subscriber already.
    let _ = if json { builder.json().flatten_event(true).try_init() } else { builder.try_init() };
}

/// Installs the Prometheus recorder; its handle renders `/metrics`. Every
/// series an alert or dashboard may use is described and set to zero up
/// front: an absent series makes `rate()` alerts silently never fire.
pub(crate) fn init_metrics() -> anyhow::Result<metrics_exporter_prometheus::PrometheusHandle> {
    let handle = metrics_exporter_prometheus::PrometheusBuilder::new()
        .set_buckets(&[0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0])?
        .set_buckets_for_metric(
            metrics_exporter_prometheus::Matcher::Full("pressline_page_size_bytes".into()),
            &[1e3, 4e3, 16e3, 64e3, 256e3, 1e6, 4e6, 16e6],
        )?
        .set_buckets_for_metric(
            metrics_exporter_prometheus::Matcher::Full("pressline_extraction_confidence".into()),
            &[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
        )?
        .install_recorder()
        .map_err(|e| anyhow::anyhow!("metrics recorder: {e}"))?;
    describe_metrics();
    Ok(handle)
}

fn describe_metrics() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    const COUNTERS: &[(&str, &str)] = &[
        ("pressline_pages_consumed_total", "Input records handed to the pipeline"),
        ("pressline_consumed_bytes_total", "Bytes of input record values"),
        (
            "pressline_kafka_fetched_messages_total",
            "Records the consumer fetched from brokers (librdkafka statistics; above pages consumed when prefetched records are fetched again)",
        ),
        ("pressline_kafka_fetched_bytes_total", "Bytes of the records the consumer fetched from brokers (librdkafka statistics)"),
        ("pressline_produced_bytes_total", "Bytes of output record values acknowledged by the broker"),
        ("pressline_articles_produced_total", "Article events acknowledged, by kind (article, teaser)"),
        ("pressline_dead_letters_total", "Dead letters acknowledged, by stage and kind"),
        ("pressline_delivery_retries_total", "Output records re-sent after a failed delivery"),
        ("pressline_consumer_errors_total", "Errors reported by the Kafka consumer"),
        ("pressline_rebalances_total", "Group rebalance events, by event (assign, revoke)"),
        ("pressline_commits_total", "Offset commits (automatic and on revoke/shutdown), by result"),
        ("pressline_pipeline_timeouts_total", "Pages dead-lettered for exceeding pipeline.page_timeout_ms"),
        ("pressline_transactions_total", "Exactly-once transactions, by result (committed, aborted)"),
        (
            "pressline_low_confidence_pages_total",
            "Raw pages copied to kafka.low_confidence_topic (extraction confidence under pipeline.low_confidence)",
        ),
        (
            "pressline_partition_stalls_total",
            "Partitions found with lag and no committed progress for worker.stall_timeout_ms, by scope (own, group)",
        ),
    ];
    for (name, help) in COUNTERS {
        describe_counter!(*name, help.to_string());
        let labelled = ["articles", "dead_letters", "rebalances", "commits", "transactions", "stalls"];
        if !labelled.iter().any(|l| name.contains(l)) {
            metrics::counter!(*name).increment(0);
        }
    }
    for kind in ["article", "teaser"] {
        metrics::counter!("pressline_articles_produced_total", "kind" => kind).increment(0);
    }
    for result in ["ok", "error"] {
        metrics::counter!("pressline_commits_total", "result" => result).increment(0);
    }
    for result in ["committed", "aborted"] {
        metrics::counter!("pressline_transactions_total", "result" => result).increment(0);
    }
    for scope in ["own", "group"] {
        metrics::counter!("pressline_partition_stalls_total", "scope" => scope).increment(0);
    }
    for event in ["assign", "revoke"] {
        metrics::counter!("pressline_rebalances_total", "event" => event).increment(0);
    }
    const GAUGES: &[(&str, &str)] = &[
        ("pressline_in_flight_messages", "Input records being processed or delivered"),
        ("pressline_assigned_partitions", "Partitions assigned to this worker"),
        (
            "pressline_consumer_lag_messages",
            "Records after the group's committed offset in this worker's partitions, by topic and partition",
        ),
        ("pressline_producer_queue_messages", "Messages in the producer's local queue"),
        ("pressline_producer_queue_bytes", "Bytes in the producer's local queue"),
    ];
    for (name, help) in GAUGES {
        describe_gauge!(*name, help.to_string());
    }
    for name in ["pressline_in_flight_messages", "pressline_assigned_partitions", "pressline_producer_queue_messages"] {
        metrics::gauge!(name).set(0.0);
    }
    describe_histogram!("pressline_page_size_bytes", Unit::Bytes, "Input record value size");
    describe_histogram!("pressline_pipeline_duration_seconds", Unit::Seconds, "Time in clean+segment+enrich per page");
    describe_histogram!(
        "pressline_stage_duration_seconds",
        Unit::Seconds,
        "Time per page in one stage, by stage (input, clean, segment, enrich)"
    );
    describe_histogram!(
        "pressline_end_to_end_latency_seconds",
        Unit::Seconds,
        "Input record timestamp to all outputs acknowledged"
    );
    describe_histogram!(
        "pressline_extraction_confidence",
        "quality.extraction_confidence of each page's main article (a drop in its distribution: the site changed)"
    );
}
