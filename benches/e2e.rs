//! End-to-end throughput through a real broker: a no-op copy against pressline.
//!
//!     cargo bench --bench e2e                      # defaults: 1,000 pages, 4 partitions
//!     E2E_PAGES=20000 cargo bench --bench e2e      # the issue's full run
//!     E2E_BROKER=tansu E2E_PAGES=3000 E2E_THREADS=1,2 cargo bench --bench e2e
//!                                                  # CPU per page and thread scaling
//!     (memory under a 100k-page backlog: tools/backlog-rss.sh)
//!
//! Starts noida-db on a free 127.0.0.1 port (`tools/test-brokers.sh`), produces
//! N raw pages cycled from the Zyte corpus to a P-partition topic, then drains
//! that backlog (1) with a no-op copy — consume, produce the same bytes, store
//! each offset only after its delivery (at-least-once, as pressline) — and (2)
//! with `pressline run` as a child process, once per worker-thread count.
//! Throughput is pages over the span of the output records' timestamps, the same
//! clock for both. Latency is measured in a second phase: pages produced at half
//! of the measured pressline rate into a live worker, output timestamp minus
//! input timestamp. Peak RSS is the child's VmHWM. The Kafka overhead is the
//! worker's process CPU per page (user + system from /proc, read from a fifth
//! of the backlog to its end so start-up is not counted) against the pipeline
//! alone on the same records in this process, one thread, events serialised;
//! the broker's own CPU over the drain is printed beside it, since it shares
//! this machine's cores with the worker, and the worker's CPU is split by
//! thread group (pipeline pool, librdkafka, tokio runtime, poll thread) from
//! /proc/<pid>/task, so the overhead can be placed. Results go to stdout and to
//! `target/bench/e2e.json` (`tools/bench-chart.py` draws the chart).
//!
//! `E2E_PREFETCH=1` measures the worker with the broker idle: the consumer may
//! queue the whole backlog and the worker may hold all of it in flight, so the
//! broker serves the backlog in its first fetches and then only takes the
//! outputs and commits. The drain rate from a fifth of the backlog on (after
//! the fetches) is then the worker's own, which is how thread scaling is
//! judged on a machine whose only cores the broker would otherwise share.

#[path = "common/corpus.rs"]
mod corpus;

// The allocator the `pressline` binary runs with, so "the pipeline alone" is
// measured as the worker runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::collections::HashMap;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{BorrowedMessage, Header, Headers, Message, OwnedHeaders};
use rdkafka::producer::{BaseProducer, BaseRecord, DeliveryResult, Producer, ProducerContext};
use rdkafka::{ClientConfig, ClientContext, Offset, TopicPartitionList};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// `E2E_BROKER=tansu`: tansu instead of noida-db. noida-db answers a fetch at
/// the end of a partition at once instead of waiting `fetch.wait.max.ms` for
/// records, and librdkafka does not back off there, so a caught-up consumer's
/// fetch thread spins (about half a core): on noida-db the worker's Kafka
/// client CPU is an upper bound. tansu waits as Apache Kafka does, but its
/// watermarks are wrong, so counts then come from what was produced and reads
/// end when the topic stays quiet.
fn tansu() -> bool {
    std::env::var("E2E_BROKER").is_ok_and(|b| b == "tansu")
}

/// Consumer settings the broker needs: tansu's group joins are slow.
fn group_settings() -> &'static str {
    if tansu() {
        "\"session.timeout.ms\" = 6000\n"
    } else {
        ""
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn signal(pid: u32, sig: &str) {
    let _ = Command::new("kill").arg(format!("-{sig}")).arg(pid.to_string()).status();
}

struct Broker {
    addr: String,
    child: Child,
    _data: tempfile::TempDir,
}

impl Broker {
    fn start() -> Broker {
        let kind = if tansu() { "tansu" } else { "noida" };
        let out = Command::new(repo().join("tools/test-brokers.sh")).args(["path", kind]).output();
        let bin = match out {
            Ok(o) if o.status.success() => PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()),
            Ok(o) => fail(&format!("tools/test-brokers.sh failed: {}", String::from_utf8_lossy(&o.stderr))),
            Err(e) => fail(&format!("running tools/test-brokers.sh: {e}")),
        };
        let data = tempfile::tempdir().unwrap();
        let port = free_port();
        let log = std::fs::File::create(data.path().join("broker.log")).unwrap();
        let mut command = Command::new(&bin);
        if tansu() {
            let url = format!("tcp://127.0.0.1:{port}");
            command.args(["broker", "--listener-url", &url, "--advertised-listener-url", &url]);
            command.args(["--storage-engine", "memory://tansu/"]);
        } else {
            command.args(["start", "--data-dir"]).arg(data.path());
            command.args(["--host", "127.0.0.1", "--only", "kafka", "--kafka-port", &port.to_string()]);
        }
        let child = command
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| fail(&format!("starting {}: {e}", bin.display())));
        BROKER_PID.store(child.id(), Ordering::Relaxed);
        let broker = Broker { addr: format!("127.0.0.1:{port}"), child, _data: data };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(&broker.addr).is_err() {
            if Instant::now() > deadline {
                fail("the broker did not open its port within 30 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        broker
    }

    fn create_topics(&self, topics: &[(&str, i32)]) {
        let admin: AdminClient<DefaultClientContext> =
            ClientConfig::new().set("bootstrap.servers", &self.addr).create().unwrap();
        let new: Vec<NewTopic> = topics
            .iter()
            .map(|(t, p)| NewTopic::new(t, *p, TopicReplication::Fixed(1)).set("retention.ms", "-1"))
            .collect();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        for r in rt.block_on(admin.create_topics(&new, &AdminOptions::new())).unwrap() {
            r.unwrap_or_else(|(t, e)| fail(&format!("create topic {t}: {e}")));
        }
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The broker's PID, so that `fail` (which exits without running destructors) stops it too.
static BROKER_PID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn fail(msg: &str) -> ! {
    eprintln!("e2e bench: {msg}");
    match BROKER_PID.load(Ordering::Relaxed) {
        0 => {}
        pid => signal(pid, "KILL"),
    }
    std::process::exit(2)
}

fn producer(addr: &str) -> BaseProducer {
    ClientConfig::new()
        .set("bootstrap.servers", addr)
        .set("message.max.bytes", "16000000")
        // noida refuses records over ~1 MB; 3 Zyte pages are larger. `E2E_INPUT_COMPRESSION=none`
        // (tansu) separates the inputs' decompression from the rest of the Kafka side.
        .set("compression.type", std::env::var("E2E_INPUT_COMPRESSION").unwrap_or_else(|_| "zstd".into()))
        .set("linger.ms", "5")
        .set("queue.buffering.max.kbytes", "262144")
        .create()
        .unwrap()
}

/// Produces `count` pages cycled from the corpus, `per_second` at most (0 = as fast as possible).
fn produce_pages(addr: &str, topic: &str, pages: &[corpus::CorpusPage], count: usize, per_second: f64) {
    let p = producer(addr);
    let start = Instant::now();
    for i in 0..count {
        let page = &pages[i % pages.len()];
        let url = format!("{}#bench-{i}", page.url);
        let headers = OwnedHeaders::new()
            .insert(Header { key: "url", value: Some(url.as_bytes()) })
            .insert(Header { key: "content-type", value: Some("text/html".as_bytes()) });
        let key = i.to_string();
        let mut record = BaseRecord::to(topic).key(&key).payload(&page.html).headers(headers);
        p.poll(Duration::ZERO);
        loop {
            match p.send(record) {
                Ok(()) => break,
                Err((_, r)) => {
                    record = r;
                    p.poll(Duration::from_millis(10));
                }
            }
        }
        p.poll(Duration::ZERO);
        if per_second > 0.0 {
            let due = start + Duration::from_secs_f64((i + 1) as f64 / per_second);
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
        }
    }
    p.flush(Duration::from_secs(120)).unwrap();
}

struct Delivered(mpsc::Sender<(i32, i64)>);
impl ClientContext for Delivered {}
impl ProducerContext for Delivered {
    type DeliveryOpaque = Box<(i32, i64)>;
    fn delivery(&self, result: &DeliveryResult<'_>, source: Self::DeliveryOpaque) {
        match result {
            Ok(_) => {
                let _ = self.0.send(*source);
            }
            Err((e, _)) => eprintln!("e2e: no-op copy delivery failed: {e}"),
        }
    }
}

/// The no-op baseline: consume, produce the same bytes and headers, store the
/// input offset once its copy is delivered; auto-commit writes stored offsets.
fn noop_copy(addr: &str, from: &str, to: &str, group: &str, stop: Arc<AtomicBool>) -> usize {
    let consumer: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", addr)
        .set("group.id", group)
        .set("auto.offset.reset", "earliest")
        .set("enable.auto.commit", "true")
        .set("enable.auto.offset.store", "false")
        .set("partition.assignment.strategy", "range,roundrobin")
        .set("receive.message.max.bytes", "2000000000")
        .set("queued.max.messages.kbytes", "65536")
        .set("session.timeout.ms", if tansu() { "6000" } else { "45000" })
        .create()
        .unwrap();
    consumer.subscribe(&[from]).unwrap();
    let (tx, rx) = mpsc::channel();
    let producer: BaseProducer<Delivered> = ClientConfig::new()
        .set("bootstrap.servers", addr)
        .set("message.max.bytes", "16000000")
        .set("enable.idempotence", "true")
        .set("compression.type", "zstd")
        .set("linger.ms", "5")
        .create_with_context(Delivered(tx))
        .unwrap();
    let mut copied = 0;
    let store = |rx: &mpsc::Receiver<(i32, i64)>, copied: &mut usize| {
        for (partition, offset) in rx.try_iter() {
            let _ = consumer.store_offset(from, partition, offset);
            *copied += 1;
        }
    };
    while !stop.load(Ordering::Relaxed) {
        if let Some(Ok(m)) = consumer.poll(Duration::from_millis(50)) {
            let src = format!("{}:{}", m.partition(), m.offset());
            let mut headers = m.headers().map(|h| h.detach()).unwrap_or_else(OwnedHeaders::new);
            headers = headers.insert(Header { key: "bench-src", value: Some(src.as_bytes()) });
            let mut record = BaseRecord::with_opaque_to(to, Box::new((m.partition(), m.offset())))
                .payload(m.payload().unwrap_or_default())
                .headers(headers);
            if let Some(k) = m.key() {
                record = record.key(k);
            }
            loop {
                match producer.send(record) {
                    Ok(()) => break,
                    Err((_, r)) => {
                        record = r;
                        producer.poll(Duration::from_millis(10));
                    }
                }
            }
        }
        producer.poll(Duration::ZERO);
        store(&rx, &mut copied);
    }
    producer.flush(Duration::from_secs(60)).unwrap();
    store(&rx, &mut copied);
    let _ = consumer.commit_consumer_state(rdkafka::consumer::CommitMode::Sync);
    copied
}

fn high_watermarks(addr: &str, topic: &str, partitions: i32) -> Option<i64> {
    if tansu() {
        return None; // wrong on tansu
    }
    let c: BaseConsumer = ClientConfig::new().set("bootstrap.servers", addr).create().unwrap();
    Some((0..partitions).map(|p| c.fetch_watermarks(topic, p, Duration::from_secs(10)).map(|w| w.1).unwrap_or(0)).sum())
}

/// Sum of the group's committed offsets on `topic` (its acknowledged pages).
fn committed(addr: &str, group: &str, topic: &str, partitions: i32) -> i64 {
    let c: BaseConsumer = ClientConfig::new().set("bootstrap.servers", addr).set("group.id", group).create().unwrap();
    let mut tpl = TopicPartitionList::new();
    for p in 0..partitions {
        tpl.add_partition(topic, p);
    }
    match c.committed_offsets(tpl, Duration::from_secs(5)) {
        Ok(tpl) => tpl.elements().iter().map(|e| e.offset().to_raw().unwrap_or(0).max(0)).sum(),
        Err(_) => 0,
    }
}

fn wait_committed(addr: &str, group: &str, topic: &str, partitions: i32, n: usize, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while committed(addr, group, topic, partitions) < n as i64 {
        if Instant::now() > deadline {
            fail(&format!("group {group} did not commit {n} offsets on {topic} within {timeout:?}"));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Reads every record now in `topic` from the beginning (no group offsets),
/// handing each to `each`; gives up after 120 s.
fn for_each_record(addr: &str, topic: &str, partitions: i32, mut each: impl FnMut(&BorrowedMessage<'_>)) {
    let c: BaseConsumer = ClientConfig::new()
        .set("bootstrap.servers", addr)
        .set("group.id", "bench-reader")
        .set("enable.auto.commit", "false")
        .set("receive.message.max.bytes", "2000000000")
        .create()
        .unwrap();
    let mut tpl = TopicPartitionList::new();
    let mut total = 0;
    for p in 0..partitions {
        tpl.add_partition_offset(topic, p, Offset::Beginning).unwrap();
        total += c.fetch_watermarks(topic, p, Duration::from_secs(5)).map(|(lo, hi)| hi - lo).unwrap_or(0);
    }
    if tansu() {
        total = i64::MAX; // its watermarks are wrong: read until the topic stays quiet
    }
    c.assign(&tpl).unwrap();
    let mut seen = 0i64;
    let (deadline, mut last) = (Instant::now() + Duration::from_secs(120), Instant::now());
    while seen < total && Instant::now() < deadline && (!tansu() || last.elapsed() < Duration::from_secs(5)) {
        if let Some(Ok(m)) = c.poll(Duration::from_millis(200)) {
            each(&m);
            seen += 1;
            last = Instant::now();
        }
    }
}

/// Every record of `topic`: (timestamp ms, input timestamp key "partition:offset").
fn read_all(addr: &str, topic: &str, partitions: i32) -> Vec<(i64, Option<String>)> {
    let mut out = Vec::new();
    for_each_record(addr, topic, partitions, |m| {
        let ts = m.timestamp().to_millis().unwrap_or(0);
        let bench_src = m.headers().and_then(|h| {
            h.iter().find(|h| h.key == "bench-src").and_then(|h| h.value).map(|v| String::from_utf8_lossy(v).into())
        });
        let src = bench_src.or_else(|| {
            let v: serde_json::Value = serde_json::from_slice(m.payload()?).ok()?;
            let p = &v["provenance"];
            Some(format!("{}:{}", p["partition"].as_i64()?, p["offset"].as_i64()?))
        });
        out.push((ts, src));
    });
    out
}

fn input_timestamps(addr: &str, topic: &str, partitions: i32) -> HashMap<String, i64> {
    let mut out = HashMap::new();
    for_each_record(addr, topic, partitions, |m| {
        out.insert(format!("{}:{}", m.partition(), m.offset()), m.timestamp().to_millis().unwrap_or(0));
    });
    out
}

fn percentile(sorted: &[i64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize] as f64
}

/// Latency per input page: its last output's timestamp minus its own.
fn latencies(outputs: &[(i64, Option<String>)], inputs: &HashMap<String, i64>) -> (f64, f64) {
    let mut last: HashMap<&str, i64> = HashMap::new();
    for (ts, src) in outputs {
        if let Some(src) = src {
            let e = last.entry(src.as_str()).or_insert(*ts);
            *e = (*e).max(*ts);
        }
    }
    let mut lat: Vec<i64> = last.iter().filter_map(|(src, ts)| inputs.get(*src).map(|t| ts - t)).collect();
    lat.sort_unstable();
    (percentile(&lat, 0.5), percentile(&lat, 0.99))
}

fn span_s(outputs: &[(i64, Option<String>)]) -> f64 {
    let min = outputs.iter().map(|o| o.0).min().unwrap_or(0);
    let max = outputs.iter().map(|o| o.0).max().unwrap_or(0);
    ((max - min) as f64 / 1000.0).max(0.001)
}

struct Worker {
    child: Child,
    metrics_port: u16,
}

impl Worker {
    fn start(addr: &str, dir: &Path, name: &str, input: &str, threads: usize, prefetch: bool) -> Worker {
        let config = dir.join(format!("{name}.toml"));
        let metrics_port = free_port();
        let group = group_settings();
        // librdkafka's queue cap is 2 GiB - 1 KiB; the in-flight bounds go
        // with it, or pausing would drop the prefetched records. With one
        // queued record enough, the fetcher backs off instead of asking again
        // for records that are not there yet.
        let (consumer_extra, worker_extra) = if prefetch {
            (
                "\"queued.max.messages.kbytes\" = 2097151\n\"queued.min.messages\" = 1\n",
                "max_in_flight = 10000000\nmax_in_flight_bytes = 1099511627776\n",
            )
        } else {
            ("", "")
        };
        std::fs::write(
            &config,
            format!(
                r#"[kafka]
brokers = "{addr}"
group_id = "{name}"
input_topics = ["{input}"]
output_topic = "{name}.out"
dlq_topic = "{name}.dlq"
assignor = "range,roundrobin"
[kafka.consumer]
"receive.message.max.bytes" = 2000000000
"auto.commit.interval.ms" = 200
{consumer_extra}{group}
[kafka.producer]
"message.max.bytes" = 16000000
[worker]
threads = {threads}
{worker_extra}[metrics]
listen = "127.0.0.1:{metrics_port}"
statistics_interval_ms = 1000
[log]
format = "text"
filter = "warn"
"#
            ),
        )
        .unwrap();
        let log = std::fs::File::create(dir.join(format!("{name}.log"))).unwrap();
        // E2E_PRESSLINE_BIN: a copy of the binary, when other builds share the target dir.
        let bin = std::env::var_os("E2E_PRESSLINE_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_pressline").into());
        let child = Command::new(bin)
            .args(["run", "--config"])
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| fail(&format!("starting pressline: {e}")));
        Worker { child, metrics_port }
    }

    /// Peak resident set so far, MB.
    fn peak_rss_mb(&self) -> f64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .map(|kb: f64| kb / 1024.0)
            .unwrap_or(f64::NAN)
    }

    fn cpu_s(&self) -> f64 {
        proc_cpu_s(self.child.id())
    }

    /// A counter or gauge from the worker's /metrics (plain HTTP/1.0, no client crate).
    fn metric(&self, name: &str) -> Option<f64> {
        use std::io::{Read, Write};
        let mut conn = TcpStream::connect(("127.0.0.1", self.metrics_port)).ok()?;
        conn.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        conn.write_all(b"GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
        let mut body = String::new();
        conn.read_to_string(&mut body).ok()?;
        body.lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
    }

    /// Records librdkafka fetched over the run, per record the worker consumed:
    /// above 1 when prefetched records were dropped at a pause and fetched again.
    /// Waits past one statistics interval so the counter is current.
    fn fetched_per_consumed(&self, consumed: usize) -> f64 {
        std::thread::sleep(Duration::from_millis(1500));
        self.metric("pressline_kafka_fetched_messages_total").map_or(f64::NAN, |f| f / consumed.max(1) as f64)
    }

    fn stop(mut self) {
        signal(self.child.id(), "TERM");
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.child.try_wait().unwrap().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat.
fn proc_cpu_s(pid: u32) -> f64 {
    proc_cpu_s_at(&format!("/proc/{pid}/stat"))
}

/// utime + stime of a /proc stat file (a process's or one thread's), seconds.
fn proc_cpu_s_at(path: &str) -> f64 {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11..13).map_or(0.0, |f| f.iter().filter_map(|t| t.parse::<f64>().ok()).sum());
    // USER_HZ is 100 on every Linux build this runs on.
    ticks / 100.0
}

/// CPU seconds per thread group of a process: the pipeline pool, the Kafka
/// client's threads, the tokio runtime, the poll thread, and the rest (threads
/// that already ended are in the process total only, so they land in "rest").
const THREAD_GROUPS: [&str; 5] = ["pipeline pool", "Kafka client", "tokio runtime", "poll thread", "rest"];

fn thread_group_cpu_s(pid: u32) -> [f64; 5] {
    let mut groups = [0.0; 5];
    let mut live = 0.0;
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            let tid: u32 = task.file_name().to_string_lossy().parse().unwrap_or(0);
            let cpu = proc_cpu_s_at(&format!("/proc/{pid}/task/{tid}/stat"));
            let group = match comm.trim() {
                c if c.starts_with("pressline-cpu") => 0,
                // librdkafka's threads, and rust-rdkafka's delivery-report poller
                c if c.starts_with("rdk:") || c.starts_with("producer poll") => 1,
                c if c.starts_with("tokio") => 2,
                "pressline-poll" => 3,
                _ => 4,
            };
            groups[group] += cpu;
            live += cpu;
        }
    }
    groups[4] += (proc_cpu_s(pid) - live).max(0.0);
    groups
}

/// On-CPU time of the calling thread (Linux schedstat).
fn thread_cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()))
        .map_or(f64::NAN, |ns| ns / 1e9)
}

/// CPU seconds per page of the pipeline alone, in this process on one thread,
/// over the same `count` records the worker reads (same bytes and headers),
/// events serialised to JSON as the worker does: the stage bench's figure for
/// exactly these inputs.
fn pipeline_cpu_per_page(pages: &[corpus::CorpusPage], count: usize) -> f64 {
    let options = pressline::pipeline::PipelineOptions::default();
    let start = thread_cpu_s();
    for i in 0..count {
        let page = &pages[i % pages.len()];
        let headers = vec![
            ("url".to_string(), format!("{}#bench-{i}", page.url).into_bytes()),
            ("content-type".to_string(), b"text/html".to_vec()),
        ];
        let source = pressline::model::SourceRef::Kafka { topic: "in".into(), partition: 0, offset: i as i64 };
        if let Ok(events) = pressline::pipeline::process(&page.html, &headers, source, &options) {
            for e in events {
                std::hint::black_box(serde_json::to_vec(&e).unwrap());
            }
        }
    }
    (thread_cpu_s() - start) / count as f64
}

struct Row {
    what: String,
    pages_per_s: f64,
    mb_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    rss_mb: f64,
    /// The worker process's CPU per page, start-up excluded.
    cpu_ms_per_page: f64,
    /// The broker's CPU over the drain, in cores.
    broker_cores: f64,
    /// Pages per second from a fifth of the backlog to its end (wall clock).
    window_rate: f64,
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn main() {
    if std::env::args().any(|a| a == "--test" || a == "--list") {
        return; // `cargo test --benches`: nothing to check without a broker run
    }
    let n = env_usize("E2E_PAGES", 1000);
    let partitions = env_usize("E2E_PARTITIONS", 4) as i32;
    let threads: Vec<usize> = std::env::var("E2E_THREADS")
        .unwrap_or_else(|_| "1,2".into())
        .split(',')
        .filter_map(|t| t.trim().parse().ok())
        .collect();
    let prefetch = std::env::var("E2E_PREFETCH").is_ok_and(|v| v == "1");
    let pages = corpus::load();
    let mean_page = pages.iter().map(|p| p.html.len()).sum::<usize>() as f64 / pages.len() as f64;
    let mb = n as f64 * mean_page / 1e6;
    let broker = Broker::start();
    let dir = tempfile::tempdir().unwrap();
    let addr = broker.addr.clone();
    let mut topics =
        vec![("in", partitions), ("noop.out", partitions), ("paced.in", partitions), ("noop-paced.out", partitions)];
    let names: Vec<String> = threads.iter().map(|t| format!("pressline-t{t}")).collect();
    for name in &names {
        topics.push((name, partitions));
    }
    let outs: Vec<String> = names.iter().flat_map(|n| [format!("{n}.out"), format!("{n}.dlq")]).collect();
    let mut all: Vec<(&str, i32)> = topics.iter().map(|(t, p)| (*t, *p)).collect();
    all.extend(outs.iter().map(|t| (t.as_str(), partitions)));
    all.extend([("pressline-paced.out", partitions), ("pressline-paced.dlq", partitions)]);
    broker.create_topics(&all);

    eprintln!("e2e: producing {n} pages ({mb:.0} MB) to {partitions} partitions on {addr}");
    produce_pages(&addr, "in", &pages, n, 0.0);
    let stored = high_watermarks(&addr, "in", partitions).unwrap_or(n as i64);
    if stored != n as i64 {
        eprintln!("e2e: the broker refused {} of the {n} pages; measuring the {stored} it holds", n as i64 - stored);
    }
    let n = stored as usize;
    eprintln!("e2e: {n} pages stored; no-op copy");

    let mut rows = Vec::new();
    // 1. no-op copy of the backlog. Its CPU (this whole process: the copy's
    // Kafka clients, plus the offset polling) is what moving the same records
    // through a consumer and a producer costs without any pipeline.
    let noop_cpu_before = proc_cpu_s(std::process::id());
    let stop = Arc::new(AtomicBool::new(false));
    let copier = {
        let (addr, stop) = (addr.clone(), stop.clone());
        std::thread::spawn(move || noop_copy(&addr, "in", "noop.out", "noop", stop))
    };
    wait_committed(&addr, "noop", "in", partitions, n, Duration::from_secs(1800));
    stop.store(true, Ordering::Relaxed);
    copier.join().unwrap();
    let noop_cpu_ms = (proc_cpu_s(std::process::id()) - noop_cpu_before) / n as f64 * 1e3;
    let out = read_all(&addr, "noop.out", partitions);
    let noop_rate = n as f64 / span_s(&out);
    rows.push(Row {
        what: "no-op copy".into(),
        pages_per_s: noop_rate,
        mb_per_s: noop_rate * mean_page / 1e6,
        p50_ms: f64::NAN,
        p99_ms: f64::NAN,
        rss_mb: f64::NAN,
        cpu_ms_per_page: noop_cpu_ms,
        broker_cores: f64::NAN,
        window_rate: f64::NAN,
    });
    eprintln!("e2e: no-op copy {noop_rate:.0} pages/s, {noop_cpu_ms:.2} ms CPU/page");

    let pipeline_cpu = pipeline_cpu_per_page(&pages, n);
    eprintln!("e2e: the pipeline alone {:.2} ms of CPU per page", pipeline_cpu * 1e3);

    // 2. pressline on the same backlog, per thread count.
    let mut best = 0.0f64;
    let mut thread_rows: Vec<(String, Vec<f64>, f64)> = Vec::new();
    for (t, name) in threads.iter().zip(&names) {
        let worker = Worker::start(&addr, dir.path(), name, "in", *t, prefetch);
        // CPU is read from the first fifth of the backlog on, so the start-up
        // (tables, model weights, joining the group) is not counted.
        wait_committed(&addr, name, "in", partitions, n / 5, Duration::from_secs(3600));
        let (done_before, cpu_before, groups_before, broker_before, began) = (
            committed(&addr, name, "in", partitions),
            worker.cpu_s(),
            thread_group_cpu_s(worker.child.id()),
            proc_cpu_s(broker.child.id()),
            Instant::now(),
        );
        wait_committed(&addr, name, "in", partitions, n, Duration::from_secs(3600));
        let rss = worker.peak_rss_mb();
        let groups_after = thread_group_cpu_s(worker.child.id());
        let pages_in_window = (n as i64 - done_before).max(1) as f64;
        let cpu_per_page = (worker.cpu_s() - cpu_before) / pages_in_window;
        let split: Vec<String> = THREAD_GROUPS
            .iter()
            .zip(groups_before.iter().zip(&groups_after))
            .map(|(g, (b, a))| format!("{g} {:.2}", (a - b) / pages_in_window * 1e3))
            .collect();
        let window_s = began.elapsed().as_secs_f64();
        let broker_cores = (proc_cpu_s(broker.child.id()) - broker_before) / window_s;
        let window_rate = (n as i64 - done_before) as f64 / window_s;
        if window_s < 5.0 {
            // Stop 33's 600-page runs drained in about 1.5 s: the consumer had
            // fetched (and decompressed) a third of the backlog before the window
            // began, and the last commit's lag was a third of the window, so the
            // CPU per page and the cores used read low.
            eprintln!(
                "e2e: WARNING the measured window lasted {window_s:.1} s; CPU per page and scaling need a longer \
                 drain (E2E_PAGES=3000 or more)"
            );
        }
        // After the window's figures: this waits for the next statistics tick,
        // which also shows what the worker burns with nothing left to do.
        let (idle_began, idle_cpu) = (Instant::now(), worker.cpu_s());
        let refetch = worker.fetched_per_consumed(n);
        let idle_cores = (worker.cpu_s() - idle_cpu) / idle_began.elapsed().as_secs_f64();
        eprintln!(
            "e2e: threads={t} worker CPU ms/page by thread: {}; librdkafka fetched {refetch:.2} records per record \
             consumed; {idle_cores:.2} cores used once the backlog was done",
            split.join(", ")
        );
        worker.stop();
        let out = read_all(&addr, &format!("{name}.out"), partitions);
        let rate = n as f64 / span_s(&out);
        best = best.max(rate);
        eprintln!(
            "e2e: pressline threads={t} {rate:.0} pages/s ({window_rate:.0} from a fifth on), peak RSS {rss:.0} MB, \
             {:.2} ms CPU/page, broker {broker_cores:.2} cores",
            cpu_per_page * 1e3
        );
        rows.push(Row {
            what: format!("pressline, {t} thread(s)"),
            pages_per_s: rate,
            mb_per_s: rate * mean_page / 1e6,
            p50_ms: f64::NAN,
            p99_ms: f64::NAN,
            rss_mb: rss,
            cpu_ms_per_page: cpu_per_page * 1e3,
            broker_cores,
            window_rate,
        });
        thread_rows.push((
            format!("pressline, {t} thread(s)"),
            groups_before.iter().zip(&groups_after).map(|(b, a)| (a - b) / pages_in_window * 1e3).collect::<Vec<_>>(),
            refetch,
        ));
    }

    // 3. latency at half of pressline's best rate, live worker (and live no-op copy).
    let paced = (n / 4).max(200);
    let rate = best / 2.0;
    eprintln!("e2e: latency phase, {paced} pages at {rate:.0} pages/s");
    let t_max = *threads.iter().max().unwrap_or(&2);
    let worker = Worker::start(&addr, dir.path(), "pressline-paced", "paced.in", t_max, false);
    let stop = Arc::new(AtomicBool::new(false));
    let copier = {
        let (addr, stop) = (addr.clone(), stop.clone());
        std::thread::spawn(move || noop_copy(&addr, "paced.in", "noop-paced.out", "noop-paced", stop))
    };
    std::thread::sleep(Duration::from_secs(3)); // group joins
    produce_pages(&addr, "paced.in", &pages, paced, rate);
    wait_committed(&addr, "pressline-paced", "paced.in", partitions, paced, Duration::from_secs(600));
    wait_committed(&addr, "noop-paced", "paced.in", partitions, paced, Duration::from_secs(600));
    let paced_rss = worker.peak_rss_mb();
    worker.stop();
    stop.store(true, Ordering::Relaxed);
    copier.join().unwrap();
    let inputs = input_timestamps(&addr, "paced.in", partitions);
    let (p50, p99) = latencies(&read_all(&addr, "pressline-paced.out", partitions), &inputs);
    let (np50, np99) = latencies(&read_all(&addr, "noop-paced.out", partitions), &inputs);
    rows[0].p50_ms = np50;
    rows[0].p99_ms = np99;
    for r in rows.iter_mut().skip(1) {
        if r.what.starts_with(&format!("pressline, {t_max} ")) {
            r.p50_ms = p50;
            r.p99_ms = p99;
        }
    }

    let fmt = |v: f64, d: usize| if v.is_nan() { "—".to_string() } else { format!("{v:.d$}") };
    println!("\ne2e: {n} pages ({mb:.0} MB, mean {:.0} KB), {partitions} partitions, {} on loopback; latency at {rate:.0} pages/s (half of pressline's best)", mean_page / 1e3, if tansu() { "tansu" } else { "noida-db" });
    println!("| run | pages/s | MB/s | ratio to no-op | latency p50 ms | latency p99 ms | peak RSS MB |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {:.0} | {:.1} | {:.2} | {} | {} | {} |",
            r.what,
            r.pages_per_s,
            r.mb_per_s,
            r.pages_per_s / noop_rate,
            fmt(r.p50_ms, 0),
            fmt(r.p99_ms, 0),
            fmt(r.rss_mb, 0)
        );
    }
    println!("(latency-phase worker peak RSS: {paced_rss:.0} MB)");
    println!(
        "\nKafka overhead: the worker's process CPU per page (from a fifth of the backlog to its end, so start-up is \
         not counted) against the pipeline alone on the same {n} records in this process ({:.2} ms/page, events \
         serialised); target ≤ 1.10",
        pipeline_cpu * 1e3
    );
    println!(
        "| run | worker CPU ms/page | ratio to the pipeline alone | broker CPU during the drain (cores) | cores left for \
         the worker | pages/s from a fifth on |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for r in rows.iter().skip(1) {
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.0} |",
            r.what,
            r.cpu_ms_per_page,
            r.cpu_ms_per_page / (pipeline_cpu * 1e3),
            r.broker_cores,
            cores() as f64 - r.broker_cores,
            r.window_rate
        );
    }
    // Where the worker's CPU goes, so the overhead over the pipeline alone can be placed.
    println!(
        "\nWorker CPU ms/page by thread group (same window); for scale, the no-op copy (consume, then produce \
         the same records, zstd) cost {noop_cpu_ms:.2} ms/page:"
    );
    // The last column compares the worker with its own pipeline threads in the
    // same window, so other load on the machine weighs on both sides alike.
    println!("| run | {} | all ÷ pipeline pool | records fetched per record consumed |", THREAD_GROUPS.join(" | "));
    println!("|---|{}---:|---:|", "---:|".repeat(THREAD_GROUPS.len()));
    for (what, ms, refetch) in &thread_rows {
        println!(
            "| {what} | {} | {:.2} | {refetch:.2} |",
            ms.iter().map(|v| format!("{v:.2}")).collect::<Vec<_>>().join(" | "),
            ms.iter().sum::<f64>() / ms[0]
        );
    }
    if rows.len() >= 3 {
        let (one, two) = (&rows[1], &rows[2]);
        // The broker shares this machine: scaling is judged against the CPU it left.
        let cpu_bound = (one.pages_per_s * one.cpu_ms_per_page / 1e3, two.pages_per_s * two.cpu_ms_per_page / 1e3);
        println!(
            "scaling {} -> {}: {:.2}x pages/s ({:.2}x from a fifth of the backlog on{}); the worker used {:.2} -> {:.2} cores",
            one.what,
            two.what,
            two.pages_per_s / one.pages_per_s,
            two.window_rate / one.window_rate,
            if prefetch { ", backlog prefetched, broker idle" } else { "" },
            cpu_bound.0,
            cpu_bound.1
        );
    }
    let json = serde_json::json!({
        "pages": n, "partitions": partitions, "mean_page_bytes": mean_page, "paced_rate": rate,
        "rows": rows.iter().map(|r| serde_json::json!({
            "run": r.what, "pages_per_s": r.pages_per_s, "mb_per_s": r.mb_per_s,
            "ratio": r.pages_per_s / noop_rate, "p50_ms": r.p50_ms, "p99_ms": r.p99_ms, "rss_mb": r.rss_mb,
            "cpu_ms_per_page": r.cpu_ms_per_page, "broker_cores": r.broker_cores,
            "window_pages_per_s": r.window_rate,
        })).collect::<Vec<_>>(),
        "prefetch": prefetch,
        "broker": if tansu() { "tansu" } else { "noida-db" },
        "thread_groups": THREAD_GROUPS,
        "cpu_ms_per_page_by_thread_group": thread_rows.iter().map(|(what, ms, refetch)| serde_json::json!({"run": what, "ms": ms, "fetched_per_consumed": refetch})).collect::<Vec<_>>(),
        "threads": threads, "pipeline_cpu_ms_per_page": pipeline_cpu * 1e3,
    });
    let out = repo().join("target/bench");
    let _ = std::fs::create_dir_all(&out);
    std::fs::write(out.join("e2e.json"), serde_json::to_vec_pretty(&json).unwrap()).unwrap();
}
