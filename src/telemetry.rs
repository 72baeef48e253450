//! Logs and metrics setup, done once at start-up.
//!
//! Logs go to stderr (stdout carries `process` and `tail` output): human text
//! on a terminal, JSON lines otherwise. Record payloads are never logged, only
//! their coordinates. Metrics use the `metrics` facade with a Prometheus
//! recorder; `health::serve` exposes it on `/metrics`.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::LogConfig;

pub fn init_logging(config: &LogConfig) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&config.filter));
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
    let _ = if json {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
}

/// Installs the Prometheus recorder; its handle renders `/metrics`.
pub fn init_metrics() -> anyhow::Result<metrics_exporter_prometheus::PrometheusHandle> {
    metrics_exporter_prometheus::PrometheusBuilder::new()
        .set_buckets(&[
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            30.0,
        ])?
        .install_recorder()
        .map_err(|e| anyhow::anyhow!("metrics recorder: {e}"))
}
