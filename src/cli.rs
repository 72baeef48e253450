//! The command line: `run` (the service), `process` (files → events, no
//! Kafka), `schema`, and small tools around them: `extract` (the extraction
//! benchmark's stream protocol), `produce` and `tail` (feed and read topics on
//! a laptop without other Kafka tooling).

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Header, Headers, Message, OwnedHeaders};
use rdkafka::producer::{FutureProducer, FutureRecord};
use rdkafka::{Offset, TopicPartitionList};

use crate::config::Config;
use crate::model::{RawPage, SourceRef};
use crate::pipeline::{main_text, process_isolated, PipelineOptions};

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
    Run {
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
    },
    /// Run the pipeline over JSONL page envelopes (files or stdin); events go to stdout as JSONL,
    /// failures to stderr as JSON lines.
    Process {
        #[command(flatten)]
        config: ConfigArgs,
        /// Treat each input file as one raw page (HTML or text) fetched from this URL.
        #[arg(long, value_name = "URL")]
        raw_url: Option<String>,
        /// Input files; none or `-` reads stdin.
        files: Vec<PathBuf>,
    },
    /// Reprocess a bounded range of an input topic by explicit assignment (the live group's
    /// offsets are never touched); prints a JSON summary on stdout.
    Replay {
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
        from: crate::replay::Bound,
        /// latest | <offset> | <RFC 3339 time>; exclusive, resolved once at start.
        #[arg(long, default_value = "latest", allow_hyphen_values = true)]
        to: crate::replay::Bound,
        #[command(flatten)]
        out: BatchOutputArgs,
        /// Progress file: a killed replay started again with it resumes without gaps.
        #[arg(long)]
        checkpoint: Option<PathBuf>,
    },
    /// Process raw pages from files: JSONL envelopes (.jsonl, .gz, .zst) and WARC archives
    /// (.warc, .warc.gz), files or directories; prints a JSON summary on stdout.
    Backfill {
        #[command(flatten)]
        config: ConfigArgs,
        /// Send the raw pages to the input topic (for the live workers) instead of processing them.
        #[arg(long, conflicts_with_all = ["output_topic", "output_file"])]
        to_input: bool,
        #[command(flatten)]
        out: BatchOutputArgs,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the JSON Schema of the output events.
    Schema,
    /// Validate the configuration (file + PRESSLINE_… env) and print the effective
    /// settings as JSON, secrets redacted. Exit code 2 when invalid.
    Config {
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the main text of HTML pages, for the extraction benchmark.
    Extract {
        /// Speak the benchmark's stream protocol on stdin/stdout (`<nbytes>\n` + HTML in, same out).
        #[arg(long)]
        stream: bool,
        /// Page URL (single-page mode; the page is read from stdin).
        #[arg(long, default_value = "https://example.org/")]
        url: String,
    },
    /// Produce pages to a topic: JSONL envelopes, one record per line, or with --raw-url one record per file.
    Produce {
        #[command(flatten)]
        config: ConfigArgs,
        /// Override kafka.brokers (TLS/SASL and other client settings come from the config).
        #[arg(long)]
        brokers: Option<String>,
        #[arg(long)]
        topic: String,
        /// Send each file as a raw page with this `url` header (plus `content-type` when given).
        #[arg(long, value_name = "URL")]
        raw_url: Option<String>,
        #[arg(long)]
        content_type: Option<String>,
        files: Vec<PathBuf>,
    },
    /// Print a topic's record values from the beginning (no consumer group), one per line.
    Tail {
        #[command(flatten)]
        config: ConfigArgs,
        /// Override kafka.brokers (TLS/SASL and other client settings come from the config).
        #[arg(long)]
        brokers: Option<String>,
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
    },
}

/// Where `replay` and `backfill` send results, and how fast.
#[derive(Args, Debug, Clone)]
pub struct BatchOutputArgs {
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
    pub fn destination(&self, config: &Config) -> anyhow::Result<crate::batch::Destination> {
        use crate::batch::Destination;
        if self.dry_run {
            return Ok(Destination::DryRun);
        }
        if let Some(path) = &self.output_file {
            return Destination::files(path);
        }
        Ok(Destination::Kafka {
            sink: std::sync::Arc::new(crate::kafka::sink::Sink::from_config(config)?),
            output_topic: self.output_topic.clone().unwrap_or_else(|| config.kafka.output_topic.clone()),
            dlq_topic: config.kafka.dlq_topic.clone(),
        })
    }
}

pub fn load_config(args: &ConfigArgs) -> anyhow::Result<Config> {
    Ok(Config::load(args.config.as_deref())?)
}

/// The `[kafka]` section for the local tools (`produce`, `tail`): from the
/// config file and environment like the worker's, `--brokers` winning.
pub fn kafka_config(args: &ConfigArgs, brokers: Option<String>) -> anyhow::Result<crate::config::KafkaConfig> {
    let mut kafka = load_config(args)?.kafka;
    if let Some(b) = brokers {
        kafka.brokers = b;
    }
    Ok(kafka)
}

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

/// `pressline process`: returns how many inputs failed.
pub fn process_files(files: &[PathBuf], raw_url: Option<&str>, options: &PipelineOptions) -> anyhow::Result<usize> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut emit = |name: &str,
                    line: u64,
                    value: &[u8],
                    headers: &[(String, Vec<u8>)],
                    out: &mut dyn Write|
     -> anyhow::Result<()> {
        let source = SourceRef::File { file: name.to_string(), line };
        match process_isolated(value, headers, source, options).0 {
            Ok(events) => {
                for e in events {
                    serde_json::to_writer(&mut *out, &e)?;
                    out.write_all(b"\n")?;
                }
            }
            Err(e) => {
                failed += 1;
                let report = serde_json::json!({"file": name, "line": line, "error": {"stage": e.stage(), "kind": e.kind(), "message": e.to_string()}});
                eprintln!("{report}");
            }
        }
        Ok(())
    };
    for (name, mut reader) in open_inputs(files)? {
        if let Some(url) = raw_url {
            let mut body = Vec::new();
            reader.read_to_end(&mut body)?;
            emit(&name, 1, &body, &[(crate::model::HEADER_URL.into(), url.as_bytes().to_vec())], &mut out)?;
            continue;
        }
        for (i, line) in BufReader::new(reader).split(b'\n').enumerate() {
            let line = line?;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            emit(&name, i as u64 + 1, &line, &[], &mut out)?;
        }
    }
    out.flush()?;
    Ok(failed)
}

/// `pressline extract --stream`: length-prefixed HTML in, length-prefixed text out.
pub fn extract_stream(url: &str, options: &PipelineOptions) -> anyhow::Result<()> {
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut output = std::io::stdout().lock();
    let mut header = String::new();
    loop {
        header.clear();
        if input.read_line(&mut header)? == 0 {
            return Ok(());
        }
        let len: usize = header.trim().parse().with_context(|| format!("bad length line {header:?}"))?;
        let mut html = vec![0; len];
        input.read_exact(&mut html)?;
        let text = extract_one(html, url, options);
        writeln!(output, "{}", text.len())?;
        output.write_all(text.as_bytes())?;
        output.flush()?;
    }
}

pub fn extract_one(html: Vec<u8>, url: &str, options: &PipelineOptions) -> String {
    let page = RawPage {
        url: url.to_string(),
        fetched_at: None,
        status: None,
        content_type: Some("text/html; charset=utf-8".into()),
        headers: Default::default(),
        body: html,
        charset: None,
    };
    main_text(page, options).unwrap_or_default()
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
