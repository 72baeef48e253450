//! `pressline run`: the Kafka worker, with its health and metrics server,
//! until SIGTERM (Kubernetes) or SIGINT.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::{block_on, load_config, ConfigArgs};
use crate::{health, telemetry, worker};

#[derive(Args, Debug)]
pub struct RunArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Override kafka.brokers.
    #[arg(long)]
    brokers: Option<String>,
    /// Override metrics.listen (empty string disables the exporter).
    #[arg(long)]
    metrics_addr: Option<String>,
    /// Override log.format (auto, text, json).
    #[arg(long)]
    log_format: Option<String>,
}

pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let mut config = load_config(&args.config)?;
    if let Some(b) = args.brokers {
        config.kafka.brokers = b;
    }
    if let Some(m) = args.metrics_addr {
        config.metrics.listen = m;
    }
    if let Some(f) = args.log_format {
        config.log.format = f;
    }
    config.validate()?;
    telemetry::init_logging(&config.log);
    let stall = Duration::from_millis(config.worker.stall_timeout_ms);
    let health = health::Health::new(stall, stall);
    block_on(async {
        if !config.metrics.listen.is_empty() {
            let metrics = telemetry::init_metrics()?;
            health::serve(config.metrics.listen.parse()?, health.clone(), metrics).await?;
        }
        worker::run(config, health, shutdown_signal()).await
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Resolves on SIGTERM (Kubernetes) or SIGINT (Ctrl-C).
async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = term.recv() => tracing::info!("SIGTERM received"),
        _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT received"),
    }
}
