//! `pressline replay`: a bounded range of an input topic through the
//! pipeline again, by explicit assignment, never touching the live group.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{block_on, load_config, BatchOutputArgs, ConfigArgs};
use crate::replay::{Bound, ReplayOptions};
use crate::telemetry;

#[derive(Args, Debug)]
pub struct ReplayArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Topic to read (default: the first of kafka.input_topics).
    #[arg(long)]
    topic: Option<String>,
    /// Partitions to read, comma-separated (default: all).
    #[arg(long, value_delimiter = ',')]
    partitions: Option<Vec<i32>>,
    /// earliest | <offset> | <RFC 3339 time> | -<duration> (e.g. -6h)
    #[arg(long, default_value = "earliest", allow_hyphen_values = true)]
    from: Bound,
    /// latest | <offset> | <RFC 3339 time>; exclusive, resolved once at start.
    #[arg(long, default_value = "latest", allow_hyphen_values = true)]
    to: Bound,
    #[command(flatten)]
    out: BatchOutputArgs,
    /// Progress file: a killed replay started again with it resumes without gaps.
    #[arg(long)]
    checkpoint: Option<PathBuf>,
}

pub fn run(args: ReplayArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&args.config)?;
    telemetry::init_logging(&config.log);
    let options = ReplayOptions {
        kafka: config.kafka.clone(),
        topic: args.topic.unwrap_or_else(|| config.kafka.input_topics[0].clone()),
        partitions: args.partitions,
        from: args.from,
        to: args.to,
        checkpoint: args.checkpoint,
    };
    let out = args.out;
    let (plan, summary) = block_on(async {
        let runner = out.runner(&config, out.destination(&config)?);
        crate::replay::replay(options, runner).await
    })?;
    println!("{}", serde_json::json!({"plan": plan, "summary": summary}));
    Ok(ExitCode::SUCCESS)
}
