//! `pressline produce`: pages from files onto a topic, with the same client
//! settings (TLS/SASL included) as the worker's.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use rdkafka::message::{Header, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord};

use super::{block_on, open_inputs, KafkaToolArgs};

#[derive(Args, Debug)]
pub struct ProduceArgs {
    #[command(flatten)]
    kafka: KafkaToolArgs,
    #[arg(long)]
    topic: String,
    /// Send each file as a raw page with this `url` header (plus `content-type` when given).
    #[arg(long, value_name = "URL")]
    raw_url: Option<String>,
    #[arg(long)]
    content_type: Option<String>,
    files: Vec<PathBuf>,
}

pub fn run(args: ProduceArgs) -> anyhow::Result<ExitCode> {
    let kafka = args.kafka.load()?;
    let topic = &args.topic;
    let sent = block_on(produce(&kafka, topic, args.raw_url.as_deref(), args.content_type.as_deref(), &args.files))?;
    eprintln!("produced {sent} record(s) to {topic}");
    Ok(ExitCode::SUCCESS)
}

/// `pressline produce`.
pub async fn produce(
    kafka: &crate::config::KafkaConfig,
    topic: &str,
    raw_url: Option<&str>,
    content_type: Option<&str>,
    files: &[PathBuf],
) -> anyhow::Result<usize> {
    use crate::kafka::{client_config, client_error, Role};
    crate::kafka::admin::ensure_topics(&client_config(kafka, Role::Admin), &[topic], 3).await?;
    let producer: FutureProducer = client_config(kafka, Role::Producer)
        .set("enable.idempotence", "true")
        .set("message.max.bytes", "16777216")
        .create()
        .map_err(client_error)?;
    // Deliveries are awaited in a window rather than one by one: a round trip
    // per record would cap a laptop backfill at a few hundred pages a second.
    const WINDOW: usize = 1000;
    let mut pending = std::collections::VecDeque::with_capacity(WINDOW);
    let mut sent = 0;
    for (name, mut reader) in open_inputs(files)? {
        let send = |value: &[u8], headers: OwnedHeaders| -> anyhow::Result<rdkafka::producer::DeliveryFuture> {
            let mut record = FutureRecord::<(), _>::to(topic).payload(value).headers(headers);
            loop {
                match producer.send_result(record) {
                    Ok(delivery) => return Ok(delivery),
                    // librdkafka's own queue is full: let it drain a little.
                    Err((e, back)) if e.rdkafka_error_code() == Some(rdkafka::types::RDKafkaErrorCode::QueueFull) => {
                        producer.poll(Duration::from_millis(100));
                        record = back;
                    }
                    Err((e, _)) => anyhow::bail!("producing {name} to {topic}: {e}"),
                }
            }
        };
        let confirm = |delivery: rdkafka::producer::DeliveryFuture| async {
            match delivery.await {
                Ok(Ok(_)) => Ok(()),
                Ok(Err((e, _))) => Err(anyhow::anyhow!("producing {name} to {topic}: {e}")),
                Err(_) => Err(anyhow::anyhow!("producing {name} to {topic}: producer closed")),
            }
        };
        if let Some(url) = raw_url {
            let mut body = Vec::new();
            reader.read_to_end(&mut body)?;
            let mut headers = OwnedHeaders::new().insert(Header { key: crate::model::HEADER_URL, value: Some(url) });
            if let Some(ct) = content_type {
                headers = headers.insert(Header { key: crate::model::HEADER_CONTENT_TYPE, value: Some(ct) });
            }
            pending.push_back(send(&body, headers)?);
            sent += 1;
        } else {
            for line in BufReader::new(reader).split(b'\n') {
                let line = line?;
                if !line.iter().all(u8::is_ascii_whitespace) {
                    pending.push_back(send(&line, OwnedHeaders::new())?);
                    sent += 1;
                }
                while pending.len() >= WINDOW {
                    confirm(pending.pop_front().expect("non-empty")).await?;
                }
            }
        }
        while let Some(delivery) = pending.pop_front() {
            confirm(delivery).await?;
        }
    }
    Ok(sent)
}
