//! `pressline backfill`: pages from archives (JSONL envelopes, WARC) through
//! the pipeline, or onto the input topic for the live workers.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use super::{block_on, load_config, BatchOutputArgs, ConfigArgs};
use crate::batch::Destination;
use crate::kafka::sink::Sink;
use crate::telemetry;

#[derive(Args, Debug)]
pub struct BackfillArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Send the raw pages to the input topic (for the live workers) instead of processing them.
    #[arg(long, conflicts_with_all = ["output_topic", "output_file"])]
    to_input: bool,
    #[command(flatten)]
    out: BatchOutputArgs,
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

pub fn run(args: BackfillArgs) -> anyhow::Result<ExitCode> {
    let config = load_config(&args.config)?;
    telemetry::init_logging(&config.log);
    let files = crate::backfill::expand(&args.files)?;
    let out = args.out;
    let summary = block_on(async {
        let destination = if args.to_input && !out.dry_run {
            Destination::RawToTopic {
                sink: Arc::new(Sink::from_config(&config)?),
                topic: config.kafka.input_topics[0].clone(),
            }
        } else {
            out.destination(&config)?
        };
        crate::backfill::backfill(files, out.runner(&config, destination)).await
    })?;
    println!("{}", serde_json::json!({"summary": summary}));
    Ok(ExitCode::SUCCESS)
}
