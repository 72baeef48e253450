//! The command line, one file per command: [`service`] (`run`, the Kafka
//! worker), [`process`] (files → events, no Kafka), [`replay`] and
//! [`backfill`] (bounded reprocessing), [`extract`] (the extraction
//! benchmark's stream protocol), [`produce`] and [`tail`] (feed and read
//! topics on a laptop without other Kafka tooling). `schema` and `config`
//! print and need no file of their own. `main.rs` only parses and maps errors
//! to exit codes.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};

use crate::config::Config;

pub mod backfill;
pub mod extract;
pub mod process;
pub mod produce;
pub mod replay;
pub mod service;
pub mod tail;

#[derive(Parser, Debug)]
#[command(name = "pressline", version, about = "Raw scraped pages in, clean structured article events out")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct ConfigArgs {
    /// TOML config file (defaults are in config/default.toml); PRESSLINE_… env vars override it.
    #[arg(long, short)]
    pub config: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the Kafka worker (consumer group) until SIGTERM/SIGINT.
    Run(service::RunArgs),
    /// Run the pipeline over JSONL page envelopes (files or stdin); events go to stdout as JSONL,
    /// failures to stderr as JSON lines.
    Process(process::ProcessArgs),
    /// Reprocess a bounded range of an input topic by explicit assignment (the live group's
    /// offsets are never touched); prints a JSON summary on stdout.
    Replay(replay::ReplayArgs),
    /// Process raw pages from files: JSONL envelopes (.jsonl, .gz, .zst) and WARC archives
    /// (.warc, .warc.gz), files or directories; prints a JSON summary on stdout.
    Backfill(backfill::BackfillArgs),
    /// Print the JSON Schema of the output events.
    Schema,
    /// Validate the configuration (file + PRESSLINE_… env) and print the effective
    /// settings as JSON, secrets redacted. Exit code 2 when invalid.
    Config {
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the main text of HTML pages, for the extraction benchmark.
    Extract(extract::ExtractArgs),
    /// Produce pages to a topic: JSONL envelopes, one record per line, or with --raw-url one record per file.
    Produce(produce::ProduceArgs),
    /// Print a topic's record values from the beginning (no consumer group), one per line.
    Tail(tail::TailArgs),
}

/// Runs the chosen command.
pub fn execute(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => service::run(args),
        Command::Process(args) => process::run(args),
        Command::Replay(args) => replay::run(args),
        Command::Backfill(args) => backfill::run(args),
        Command::Schema => {
            print!("{}", crate::schema::ARTICLE_EVENT_V1);
            Ok(ExitCode::SUCCESS)
        }
        Command::Config { config } => {
            let config = load_config(&config)?;
            println!("{}", serde_json::to_string_pretty(&config.redacted())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract(args) => extract::run(args),
        Command::Produce(args) => produce::run(args),
        Command::Tail(args) => tail::run(args),
    }
}

/// Where `replay` and `backfill` send results, and how fast.
#[derive(Args, Debug, Clone)]
pub(crate) struct BatchOutputArgs {
    /// Output topic (default: kafka.output_topic; dead letters go to kafka.dlq_topic).
    #[arg(long)]
    pub output_topic: Option<String>,
    /// Write events to this JSONL file (dead letters to <file>.dlq.jsonl) instead of Kafka.
    #[arg(long)]
    pub output_file: Option<PathBuf>,
    /// Only count what would be processed.
    #[arg(long)]
    pub dry_run: bool,
    /// Pages per second at most.
    #[arg(long)]
    pub max_rate: Option<f64>,
}

impl BatchOutputArgs {
    pub(crate) fn destination(&self, config: &Config) -> anyhow::Result<crate::batch::Destination> {
        use crate::batch::Destination;
        if self.dry_run {
            return Ok(Destination::DryRun);
        }
        if let Some(path) = &self.output_file {
            return Destination::files(path);
        }
        Ok(Destination::Kafka {
            sink: std::sync::Arc::new(crate::kafka::sink::Sink::from_config(config)?),
            routes: crate::kafka::records::Routes {
                output_topic: self.output_topic.clone().unwrap_or_else(|| config.kafka.output_topic.clone()),
                ..crate::kafka::records::Routes::from_config(config)
            },
        })
    }

    /// The pool `replay` and `backfill` run pages on, sending to `destination`.
    fn runner(&self, config: &Config, destination: crate::batch::Destination) -> std::sync::Arc<crate::batch::Runner> {
        crate::batch::Runner::new(
            destination,
            config.pipeline_options(),
            Duration::from_millis(config.pipeline.page_timeout_ms),
            config.worker.effective_threads(),
            self.max_rate,
        )
    }
}

pub fn load_config(args: &ConfigArgs) -> anyhow::Result<Config> {
    Ok(Config::load(args.config.as_deref())?)
}

/// The client settings of the local tools (`produce`, `tail`).
#[derive(Args, Debug, Clone)]
pub(crate) struct KafkaToolArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Override kafka.brokers (TLS/SASL and other client settings come from the config).
    #[arg(long)]
    brokers: Option<String>,
}

impl KafkaToolArgs {
    /// The `[kafka]` section from the config file and environment like the
    /// worker's, `--brokers` winning.
    fn load(&self) -> anyhow::Result<crate::config::KafkaConfig> {
        let mut kafka = load_config(&self.config)?.kafka;
        if let Some(b) = &self.brokers {
            kafka.brokers = b.clone();
        }
        Ok(kafka)
    }
}

/// Runs `work` to completion, then shuts the runtime down without waiting
/// more than a few seconds for blocking threads: a page abandoned at its time
/// budget may still be running one stage, and dropping the runtime would wait
/// for it, so the process would not exit after its final commit.
fn block_on<T>(work: impl std::future::Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let out = rt.block_on(work);
    rt.shutdown_timeout(Duration::from_secs(5));
    out
}

/// The named files, or stdin when there are none (or only `-`).
fn open_inputs(files: &[PathBuf]) -> anyhow::Result<Vec<(String, Box<dyn Read>)>> {
    if files.is_empty() || files.iter().any(|f| f.as_os_str() == "-") && files.len() == 1 {
        return Ok(vec![("stdin".into(), Box::new(std::io::stdin()))]);
    }
    files
        .iter()
        .map(|f| {
            let file = std::fs::File::open(f).with_context(|| format!("opening {}", f.display()))?;
            Ok((f.display().to_string(), Box::new(file) as Box<dyn Read>))
        })
        .collect()
}
