//! `pressline tail`: a topic's records from the beginning, by assignment, so
//! no consumer group (and no committed offset) is ever touched.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Headers, Message};
use rdkafka::{Offset, TopicPartitionList};

use super::KafkaToolArgs;

#[derive(Args, Debug)]
pub struct TailArgs {
    #[command(flatten)]
    kafka: KafkaToolArgs,
    #[arg(long)]
    topic: String,
    /// Stop after this many records.
    #[arg(long)]
    count: Option<usize>,
    /// Stop when no record arrived for this long.
    #[arg(long, default_value_t = 10)]
    idle_secs: u64,
    /// Print `{"key", "headers", "value"}` objects instead of bare values.
    #[arg(long)]
    with_headers: bool,
}

pub fn run(args: TailArgs) -> anyhow::Result<ExitCode> {
    let kafka = args.kafka.load()?;
    let (topic, count, idle_secs) = (&args.topic, args.count, args.idle_secs);
    let seen = tail(&kafka, topic, count, Duration::from_secs(idle_secs), args.with_headers)?;
    if count.is_some_and(|c| seen < c) {
        eprintln!("only {seen} record(s) arrived in {topic} before {idle_secs}s of silence");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// `pressline tail`: reads every partition from the beginning by assignment.
pub fn tail(
    kafka: &crate::config::KafkaConfig,
    topic: &str,
    count: Option<usize>,
    idle: Duration,
    with_headers: bool,
) -> anyhow::Result<usize> {
    // Never the worker's group: assigned, not subscribed, and never committing.
    let consumer: BaseConsumer = crate::kafka::client_config(kafka, crate::kafka::Role::Consumer)
        .set("group.id", "pressline-tail")
        .set("enable.auto.commit", "false")
        .create()
        .map_err(crate::kafka::client_error)?;
    // The topic may not exist yet (the worker creates it on a laptop): wait for it.
    let started = std::time::Instant::now();
    let mut tpl = TopicPartitionList::new();
    while tpl.count() == 0 {
        anyhow::ensure!(started.elapsed() < idle, "topic {topic} did not appear within {idle:?}");
        let metadata = consumer.fetch_metadata(Some(topic), Duration::from_secs(10))?;
        for t in metadata.topics().iter().filter(|t| t.error().is_none()) {
            for p in t.partitions() {
                tpl.add_partition_offset(topic, p.id(), Offset::Beginning)?;
            }
        }
        if tpl.count() == 0 {
            std::thread::sleep(Duration::from_millis(200));
        }
    }
    consumer.assign(&tpl)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut seen = 0;
    let mut last = std::time::Instant::now();
    while count.is_none_or(|c| seen < c) && last.elapsed() < idle {
        let Some(msg) = consumer.poll(Duration::from_millis(200)) else {
            continue;
        };
        let msg = msg?;
        last = std::time::Instant::now();
        let value = String::from_utf8_lossy(msg.payload().unwrap_or_default()).into_owned();
        if with_headers {
            let headers: serde_json::Map<String, serde_json::Value> = msg
                .headers()
                .map(|h| {
                    h.iter()
                        .map(|h| (h.key.to_string(), String::from_utf8_lossy(h.value.unwrap_or_default()).into()))
                        .collect()
                })
                .unwrap_or_default();
            let key = msg.key().map(|k| String::from_utf8_lossy(k).into_owned());
            writeln!(out, "{}", serde_json::json!({"key": key, "headers": headers, "value": value}))?;
        } else {
            writeln!(out, "{value}")?;
        }
        seen += 1;
    }
    Ok(seen)
}
