//! Entry point: parse the command line, load config, run the chosen command.
//! Exit codes: 0 success, 1 runtime failure, 2 bad configuration or usage.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use pressline::cli::{self, Cli, Command};
use pressline::config::Config;
use pressline::telemetry;

// The clean stage builds and drops a DOM per page; mimalloc measured faster
// than glibc's malloc on that pattern (README, "Clean speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            let is_config = e.downcast_ref::<pressline::config::ConfigError>().is_some();
            ExitCode::from(if is_config { 2 } else { 1 })
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}

/// Runs `work` to completion, then shuts the runtime down without waiting
/// more than a few seconds for blocking threads: a page abandoned at its time
/// budget may still be running one stage, and dropping the runtime would wait
/// for it, so the process would not exit after its final commit.
fn block_on<T>(work: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    let rt = runtime()?;
    let out = rt.block_on(work);
    rt.shutdown_timeout(Duration::from_secs(5));
    out
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run { config, brokers, metrics_addr, log_format } => {
            let mut config = cli::load_config(&config)?;
            if let Some(b) = brokers {
                config.kafka.brokers = b;
            }
            if let Some(m) = metrics_addr {
                config.metrics.listen = m;
            }
            if let Some(f) = log_format {
                config.log.format = f;
            }
            config.validate()?;
            telemetry::init_logging(&config.log);
            let stall = Duration::from_millis(config.worker.stall_timeout_ms);
            let health = pressline::health::Health::new(stall, stall);
            block_on(async {
                if !config.metrics.listen.is_empty() {
                    let metrics = telemetry::init_metrics()?;
                    pressline::health::serve(config.metrics.listen.parse()?, health.clone(), metrics).await?;
                }
                pressline::worker::run(config, health, shutdown_signal()).await
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Process { config, raw_url, files } => {
            let config = cli::load_config(&config)?;
            let failed = cli::process_files(&files, raw_url.as_deref(), &config.pipeline_options())?;
            if failed > 0 {
                eprintln!("{failed} input(s) failed; see the JSON lines above");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Config { config } => {
            let config = cli::load_config(&config)?;
            println!("{}", serde_json::to_string_pretty(&config.redacted())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Replay { config, topic, partitions, from, to, out, checkpoint } => {
            let config = cli::load_config(&config)?;
            telemetry::init_logging(&config.log);
            let options = pressline::replay::ReplayOptions {
                kafka: config.kafka.clone(),
                topic: topic.unwrap_or_else(|| config.kafka.input_topics[0].clone()),
                partitions,
                from,
                to,
                checkpoint,
            };
            let summary = block_on(async {
                let runner = pressline::batch::Runner::new(
                    out.destination(&config)?,
                    config.pipeline_options(),
                    Duration::from_millis(config.pipeline.page_timeout_ms),
                    config.worker.effective_threads(),
                    out.max_rate,
                );
                pressline::replay::replay(options, runner).await
            })?;
            println!("{}", serde_json::json!({"plan": summary.0, "summary": summary.1}));
            Ok(ExitCode::SUCCESS)
        }
        Command::Backfill { config, to_input, out, files } => {
            let config = cli::load_config(&config)?;
            telemetry::init_logging(&config.log);
            let files = pressline::backfill::expand(&files)?;
            let summary = block_on(async {
                let destination = if to_input && !out.dry_run {
                    pressline::batch::Destination::RawToTopic {
                        sink: std::sync::Arc::new(pressline::kafka::sink::Sink::from_config(&config)?),
                        topic: config.kafka.input_topics[0].clone(),
                    }
                } else {
                    out.destination(&config)?
                };
                let runner = pressline::batch::Runner::new(
                    destination,
                    config.pipeline_options(),
                    Duration::from_millis(config.pipeline.page_timeout_ms),
                    config.worker.effective_threads(),
                    out.max_rate,
                );
                pressline::backfill::backfill(files, runner).await
            })?;
            println!("{}", serde_json::json!({"summary": summary}));
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            print!("{}", pressline::schema::ARTICLE_EVENT_V1);
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { stream, url } => {
            let options = Config::default().pipeline_options();
            if stream {
                cli::extract_stream(&url, &options)?;
            } else {
                let mut html = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin(), &mut html)?;
                println!("{}", cli::extract_one(html, &url, &options));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Produce { config, brokers, topic, raw_url, content_type, files } => {
            let kafka = cli::kafka_config(&config, brokers)?;
            let sent = block_on(cli::produce(&kafka, &topic, raw_url.as_deref(), content_type.as_deref(), &files))?;
            eprintln!("produced {sent} record(s) to {topic}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Tail { config, brokers, topic, count, idle_secs, with_headers } => {
            let kafka = cli::kafka_config(&config, brokers)?;
            let seen = cli::tail(&kafka, &topic, count, Duration::from_secs(idle_secs), with_headers)?;
            if count.is_some_and(|c| seen < c) {
                eprintln!("only {seen} record(s) arrived in {topic} before {idle_secs}s of silence");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Resolves on SIGTERM (Kubernetes) or SIGINT (Ctrl-C).
async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = term.recv() => tracing::info!("SIGTERM received"),
        _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT received"),
    }
}
