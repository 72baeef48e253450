//! Test harness: a real Kafka-protocol broker on 127.0.0.1, the built
//! `pressline` binary as a child process, and helpers to produce, read and
//! validate records. A broker that cannot start fails the test, never skips it.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::message::{Header, Headers, Message, OwnedHeaders};
use rdkafka::producer::{BaseRecord, DefaultProducerContext, Producer, ThreadedProducer};
use rdkafka::{ClientConfig, Offset, TopicPartitionList};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrokerKind {
    /// noida-db: transactions, watermarks; eager assignors only.
    Noida,
    /// tansu: cooperative-sticky; memory storage.
    Tansu,
    /// librdkafka's in-process mock cluster (`rdkafka::mocking`), for fault
    /// injection; started by the test, not by `Broker`.
    Mock,
}

pub struct Broker {
    pub kind: BrokerKind,
    pub addr: String,
    /// None for a broker this process hosts itself (the mock cluster).
    child: Option<Child>,
    data: tempfile::TempDir,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn broker_binary(kind: BrokerKind) -> PathBuf {
    let name = match kind {
        BrokerKind::Noida => "noida",
        BrokerKind::Tansu => "tansu",
        BrokerKind::Mock => unreachable!("the mock cluster has no binary"),
    };
    let out = Command::new(repo().join("tools/test-brokers.sh"))
        .args(["path", name])
        .output()
        .expect("running tools/test-brokers.sh");
    assert!(
        out.status.success(),
        "installing the {name} test broker failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    assert!(path.exists(), "broker binary {} missing", path.display());
    path
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Broker {
    pub fn start(kind: BrokerKind) -> Broker {
        Broker::spawn(kind, tempfile::tempdir().unwrap(), free_port())
    }

    /// A handle on a broker hosted elsewhere, e.g. `MockCluster::bootstrap_servers()`.
    pub fn hosted(kind: BrokerKind, addr: String) -> Broker {
        Broker { kind, addr, child: None, data: tempfile::tempdir().unwrap() }
    }

    /// Stops the broker (SIGTERM; noida saves its data) and starts it again on
    /// the same port and data directory, as an operator's restart would.
    pub fn restart_after(&mut self, down_for: Duration) {
        self.stop();
        std::thread::sleep(down_for);
        let port: u16 = self.addr.rsplit(':').next().unwrap().parse().unwrap();
        let data = std::mem::replace(&mut self.data, tempfile::tempdir().unwrap());
        let fresh = Broker::spawn(self.kind, data, port);
        let old = std::mem::replace(self, fresh);
        drop(old); // its process already exited; its (empty) temp dir goes
    }

    /// SIGTERM and wait for the process to exit.
    pub fn stop(&mut self) {
        let child = self.child.as_mut().expect("only brokers we started can be stopped");
        if child.try_wait().unwrap().is_some() {
            return; // already stopped
        }
        unsafe_kill(child.id(), "TERM");
        let deadline = Instant::now() + Duration::from_secs(30);
        while child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "broker did not stop within 30 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn spawn(kind: BrokerKind, data: tempfile::TempDir, port: u16) -> Broker {
        let bin = broker_binary(kind);
        let addr = format!("127.0.0.1:{port}");
        let mut cmd = Command::new(&bin);
        match kind {
            BrokerKind::Noida => cmd.args(["start", "--data-dir"]).arg(data.path()).args([
                "--host",
                "127.0.0.1",
                "--only",
                "kafka",
                "--kafka-port",
                &port.to_string(),
            ]),
            BrokerKind::Mock => unreachable!("the mock cluster is hosted in-process"),
            BrokerKind::Tansu => cmd.args([
                "broker",
                "--listener-url",
                &format!("tcp://{addr}"),
                "--advertised-listener-url",
                &format!("tcp://{addr}"),
                "--storage-engine",
                "memory://tansu/",
            ]),
        };
        let log = std::fs::OpenOptions::new().create(true).append(true).open(data.path().join("broker.log")).unwrap();
        let child = cmd
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));
        let broker = Broker { kind, addr, child: Some(child), data };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(&broker.addr).is_err() {
            assert!(Instant::now() < deadline, "{kind:?} broker did not open {} within 30 s", broker.addr);
            std::thread::sleep(Duration::from_millis(50));
        }
        broker
    }

    /// Assignor the worker should use on this broker (noida hangs on cooperative-sticky).
    pub fn assignor(&self) -> &'static str {
        match self.kind {
            BrokerKind::Noida | BrokerKind::Mock => "range,roundrobin",
            BrokerKind::Tansu => "cooperative-sticky",
        }
    }

    pub fn create_topics(&self, topics: &[(&str, i32)]) {
        let admin: AdminClient<DefaultClientContext> =
            ClientConfig::new().set("bootstrap.servers", &self.addr).create().unwrap();
        let new: Vec<NewTopic> = topics
            .iter()
            .map(|(t, p)| NewTopic::new(t, *p, TopicReplication::Fixed(1)).set("retention.ms", "-1"))
            .collect();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let results = rt
            .block_on(admin.create_topics(&new, &AdminOptions::new().operation_timeout(Some(Duration::from_secs(10)))))
            .unwrap();
        for r in results {
            r.unwrap_or_else(|(t, e)| panic!("create topic {t}: {e}"));
        }
    }

    pub fn producer(&self) -> ThreadedProducer<DefaultProducerContext> {
        ClientConfig::new()
            .set("bootstrap.servers", &self.addr)
            .set("message.max.bytes", "16777216")
            // Brokers cap records near 1 MB; large test pages compress well.
            .set("compression.type", "zstd")
            .create()
            .unwrap()
    }

    /// High watermark (record count) of each partition.
    pub fn high_watermarks(&self, topic: &str, partitions: i32) -> Vec<i64> {
        let consumer: BaseConsumer = ClientConfig::new().set("bootstrap.servers", &self.addr).create().unwrap();
        (0..partitions).map(|p| consumer.fetch_watermarks(topic, p, Duration::from_secs(10)).unwrap().1).collect()
    }

    /// Produces (key, value, headers) records to one partition each, round robin.
    pub fn produce(&self, topic: &str, records: &[(Vec<u8>, Vec<(&str, String)>)], partitions: i32) {
        let producer = self.producer();
        for (i, (value, headers)) in records.iter().enumerate() {
            let h = headers
                .iter()
                .fold(OwnedHeaders::new(), |h, (k, v)| h.insert(Header { key: k, value: Some(v.as_str()) }));
            let mut rec =
                BaseRecord::<(), [u8]>::to(topic).payload(value.as_slice()).headers(h).partition(i as i32 % partitions);
            loop {
                match producer.send(rec) {
                    Ok(()) => break,
                    Err((_, r)) => {
                        rec = r;
                        std::thread::sleep(Duration::from_millis(10));
                    }
                }
            }
        }
        producer.flush(Duration::from_secs(30)).expect("flush test records");
    }

    /// Produces values to one partition with explicit record timestamps (ms).
    pub fn produce_at(&self, topic: &str, partition: i32, records: &[(Vec<u8>, Vec<(&str, String)>, i64)]) {
        let producer = self.producer();
        for (value, headers, ts) in records {
            let h = headers
                .iter()
                .fold(OwnedHeaders::new(), |h, (k, v)| h.insert(Header { key: k, value: Some(v.as_str()) }));
            let rec = BaseRecord::<(), [u8]>::to(topic)
                .payload(value.as_slice())
                .headers(h)
                .partition(partition)
                .timestamp(*ts);
            producer.send(rec).map_err(|(e, _)| e).expect("enqueue");
        }
        producer.flush(Duration::from_secs(30)).expect("flush test records");
    }

    /// Reads a topic from the beginning until `count` records or the timeout
    /// (committed records only: librdkafka's default `read_committed`).
    pub fn read(&self, topic: &str, count: usize, timeout: Duration) -> Vec<Record> {
        self.read_isolated(topic, count, timeout, "read_committed")
    }

    /// Everything in the topic as a reader with `isolation` sees it now:
    /// reads every partition to its end (for `read_committed`, up to the last
    /// stable offset, so open transactions must have ended).
    pub fn read_to_end(&self, topic: &str, isolation: &str) -> Vec<Record> {
        let consumer = self.reader(isolation, true);
        let partitions = assign_from_beginning(&consumer, topic);
        let mut at_end = std::collections::HashSet::new();
        let mut out = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(120);
        while at_end.len() < partitions {
            assert!(Instant::now() < deadline, "{topic} not read to its end within 120 s");
            match consumer.poll(Duration::from_millis(100)) {
                Some(Ok(m)) => out.push(Record::from_message(&m)),
                Some(Err(rdkafka::error::KafkaError::PartitionEOF(p))) => {
                    at_end.insert(p);
                }
                Some(Err(e)) => panic!("reading {topic}: {e}"),
                None => {}
            }
        }
        out
    }

    fn reader(&self, isolation: &str, eof: bool) -> BaseConsumer {
        ClientConfig::new()
            .set("bootstrap.servers", &self.addr)
            .set("group.id", "pressline-test-reader")
            .set("enable.auto.commit", "false")
            .set("isolation.level", isolation)
            .set("enable.partition.eof", eof.to_string())
            .set("receive.message.max.bytes", "2000000000")
            .create()
            .unwrap()
    }

    /// `read` with an explicit `isolation.level`.
    pub fn read_isolated(&self, topic: &str, count: usize, timeout: Duration, isolation: &str) -> Vec<Record> {
        let consumer = self.reader(isolation, false);
        assign_from_beginning(&consumer, topic);
        let deadline = Instant::now() + timeout;
        let mut out = Vec::new();
        while out.len() < count && Instant::now() < deadline {
            if let Some(m) = consumer.poll(Duration::from_millis(100)) {
                out.push(Record::from_message(&m.unwrap()));
            }
        }
        out
    }

    /// The group's committed offsets for a topic (partition → next offset).
    pub fn committed(&self, group: &str, topic: &str, partitions: i32) -> Vec<i64> {
        let consumer: BaseConsumer =
            ClientConfig::new().set("bootstrap.servers", &self.addr).set("group.id", group).create().unwrap();
        let mut tpl = TopicPartitionList::new();
        for p in 0..partitions {
            tpl.add_partition(topic, p);
        }
        let c = consumer.committed_offsets(tpl, Duration::from_secs(10)).unwrap();
        c.elements().iter().map(|e| e.offset().to_raw().unwrap_or(-1)).collect()
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[derive(Debug, Clone)]
pub struct Record {
    pub key: Option<Vec<u8>>,
    pub value: Vec<u8>,
    pub headers: Vec<(String, String)>,
    pub partition: i32,
    pub offset: i64,
}

/// Assigns every partition of `topic` from its beginning; returns how many.
fn assign_from_beginning(consumer: &BaseConsumer, topic: &str) -> usize {
    let md = consumer.fetch_metadata(Some(topic), Duration::from_secs(10)).unwrap();
    let mut tpl = TopicPartitionList::new();
    for t in md.topics() {
        for p in t.partitions() {
            tpl.add_partition_offset(topic, p.id(), Offset::Beginning).unwrap();
        }
    }
    consumer.assign(&tpl).unwrap();
    tpl.count()
}

impl Record {
    fn from_message(m: &rdkafka::message::BorrowedMessage<'_>) -> Record {
        Record {
            key: m.key().map(<[u8]>::to_vec),
            value: m.payload().unwrap_or_default().to_vec(),
            headers: m
                .headers()
                .map(|h| {
                    h.iter()
                        .map(|h| (h.key.to_string(), String::from_utf8_lossy(h.value.unwrap_or_default()).into_owned()))
                        .collect()
                })
                .unwrap_or_default(),
            partition: m.partition(),
            offset: m.offset(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.value).expect("output record is JSON")
    }
}

/// Topics and group for one test, unique so tests can share nothing.
pub struct Topics {
    pub input: String,
    pub output: String,
    pub dlq: String,
    pub group: String,
}

impl Topics {
    pub fn new(name: &str) -> Topics {
        Topics {
            input: format!("{name}.raw"),
            output: format!("{name}.articles"),
            dlq: format!("{name}.dlq"),
            group: format!("{name}-group"),
        }
    }

    pub fn create(&self, broker: &Broker, partitions: i32) {
        broker.create_topics(&[(&self.input, partitions), (&self.output, partitions), (&self.dlq, 1)]);
    }
}

/// The worker binary running against a broker.
pub struct Worker {
    pub child: Child,
    _dir: tempfile::TempDir,
}

impl Worker {
    pub fn start(broker: &Broker, topics: &Topics) -> Worker {
        Worker::start_with(broker, topics, &[])
    }

    /// `env` adds `PRESSLINE_…` overrides on top of the generated config file.
    pub fn start_with(broker: &Broker, topics: &Topics, env: &[(&str, &str)]) -> Worker {
        Worker::start_full(broker, topics, env, "")
    }

    /// Also appends `extra_sections` (whole TOML tables not otherwise written).
    pub fn start_full(broker: &Broker, topics: &Topics, env: &[(&str, &str)], extra_sections: &str) -> Worker {
        Worker::start_on(&broker.addr, broker.assignor(), topics, env, extra_sections)
    }

    /// Against any bootstrap address (e.g. an in-process mock cluster).
    pub fn start_on(addr: &str, assignor: &str, topics: &Topics, env: &[(&str, &str)], extra_sections: &str) -> Worker {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("pressline.toml");
        let mut f = std::fs::File::create(&config).unwrap();
        write!(
            f,
            r#"
[kafka]
group_id = "{group}"
input_topics = ["{input}"]
output_topic = "{output}"
dlq_topic = "{dlq}"
assignor = "{assignor}"
[kafka.consumer]
"session.timeout.ms" = 6000
"heartbeat.interval.ms" = 500
"auto.commit.interval.ms" = 500
[worker]
drain_timeout_ms = 15000
{extra_sections}
"#,
            group = topics.group,
            input = topics.input,
            output = topics.output,
            dlq = topics.dlq,
            assignor = assignor,
            extra_sections = if extra_sections.contains("[metrics]") {
                extra_sections.to_string()
            } else {
                format!("[metrics]\nlisten = \"\"\n{extra_sections}")
            },
        )
        .unwrap();
        let log = std::fs::File::create(dir.path().join("worker.log")).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_pressline"))
            .arg("run")
            .arg("--config")
            .arg(&config)
            // The broker address comes from the environment: exercises env overrides.
            .env("PRESSLINE_KAFKA__BROKERS", addr)
            .env("PRESSLINE_LOG__FORMAT", "text")
            // TEST_RUST_LOG widens the filter when chasing a failure (e.g. "rdkafka=debug").
            .env("RUST_LOG", std::env::var("TEST_RUST_LOG").unwrap_or_else(|_| "info,pressline=debug".into()))
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("starting pressline");
        Worker { child, _dir: dir }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self._dir.path().join("worker.log")).unwrap_or_default()
    }

    /// SIGTERM, then wait for a clean exit; returns the exit status and how long it took.
    pub fn terminate(&mut self, timeout: Duration) -> (std::process::ExitStatus, Duration) {
        let started = Instant::now();
        unsafe_kill(self.child.id(), "TERM");
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status, started.elapsed());
            }
            if started.elapsed() > timeout {
                let _ = self.child.kill();
                panic!("worker did not exit within {timeout:?} of SIGTERM; log:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGKILL: no drain, no final commit.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn unsafe_kill(pid: u32, signal: &str) {
    let status = Command::new("kill").arg(format!("-{signal}")).arg(pid.to_string()).status().unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

/// Validates an event against the published JSON Schema, with a readable failure.
pub fn assert_valid_event(event: &serde_json::Value) {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        let schema: serde_json::Value = serde_json::from_str(pressline::schema::ARTICLE_EVENT_V1).unwrap();
        jsonschema::validator_for(&schema).expect("schema compiles")
    });
    let errors: Vec<String> = validator.iter_errors(event).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "event violates schema v1: {errors:#?}\n{event:#}");
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures").join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub fn fixture_path(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A plain HTTP/1.0 GET on 127.0.0.1: (status code, body).
pub fn http_get(addr: &str, path: &str) -> Option<(u16, String)> {
    use std::io::Read;
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    Some((status, body))
}

/// The value of an unlabelled or labelled sample in Prometheus text output.
pub fn metric_value(text: &str, name_with_labels: &str) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find(|l| l.starts_with(name_with_labels) && l[name_with_labels.len()..].starts_with([' ', '{']))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

/// Polls `f` until it returns Some, or None after the timeout.
pub fn wait_for<T>(timeout: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = f() {
            return Some(v);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

pub fn path_str(p: &Path) -> String {
    p.display().to_string()
}

pub const SEED_URL: &str = "https://news.example/fr/poutine-coree-du-nord";

pub type Input = (Vec<u8>, Vec<(&'static str, String)>);

/// A raw page: the body as the record value, described by headers.
pub fn raw(value: Vec<u8>, url: &str, content_type: Option<&str>) -> Input {
    let mut headers = vec![("url", url.to_string()), ("fetched-at", "2025-06-03T10:00:00Z".to_string())];
    if let Some(ct) = content_type {
        headers.push(("content-type", ct.to_string()));
    }
    (value, headers)
}

pub fn envelope(json: serde_json::Value) -> Input {
    (serde_json::to_vec(&json).unwrap(), vec![])
}

/// Pages that differ by URL (and a line of text) so each yields distinct ids.
pub fn numbered_pages(n: usize) -> Vec<Input> {
    let html = String::from_utf8(fixture("article_en.html")).unwrap();
    let seed = String::from_utf8(fixture("seed_fr.txt")).unwrap();
    (0..n)
        // Kinds rotate every 3 inputs so each partition (i % 3) sees all of them.
        .map(|i| match (i / 3) % 3 {
            0 => raw(seed.replace("mercredi", &format!("mercredi {i}")).into_bytes(), &format!("{SEED_URL}/{i}"), None),
            1 => envelope(serde_json::json!({
                "url": format!("https://ledger.example/p/{i}"),
                "body": html.replace("eighteen months", &format!("{i} months")).replace("sea-wall-vote?", &format!("sea-wall-vote-{i}?")),
            })),
            _ => (format!("not an envelope {i}").into_bytes(), vec![]),
        })
        .collect()
}

/// Every input offset that produced an article event or a dead letter, with
/// how many times; and how many outputs were produced more than once.
pub fn account_inputs(articles: &[Record], dlq: &[Record]) -> (BTreeMap<(i32, i64), usize>, usize) {
    let mut seen: BTreeMap<(i32, i64), usize> = BTreeMap::new();
    let mut article_ids = HashSet::new();
    let mut duplicates = 0;
    for r in articles {
        let e = r.json();
        if !article_ids.insert(e["id"].as_str().unwrap().to_string()) {
            duplicates += 1;
        }
        if e["kind"] == "article" {
            let p = e["provenance"]["partition"].as_i64().unwrap() as i32;
            *seen.entry((p, e["provenance"]["offset"].as_i64().unwrap())).or_default() += 1;
        }
    }
    for r in dlq {
        let p: i32 = r.header("source.partition").unwrap().parse().unwrap();
        let o: i64 = r.header("source.offset").unwrap().parse().unwrap();
        let count = seen.entry((p, o)).or_default();
        if *count > 0 {
            duplicates += 1;
        }
        *count += 1;
    }
    (seen, duplicates)
}

/// A small xorshift generator: kill points vary per run; the seed is printed
/// (and settable with KILL_SEED) to replay a failure.
pub struct Rng(u64);

impl Rng {
    pub fn from_env() -> Rng {
        let seed = std::env::var("KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
        });
        eprintln!("kill points seed: KILL_SEED={seed}");
        Rng(seed)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Committed offsets of the test group on the input topic, summed.
pub fn committed_total(broker: &Broker, topics: &Topics, partitions: i32) -> i64 {
    broker.committed(&topics.group, &topics.input, partitions).iter().map(|o| (*o).max(0)).sum()
}

/// Starts a worker `kills` times and SIGKILLs it at a random point inside
/// the k-th of `kills + 1` equal slices of the `n` inputs (by committed
/// offsets). Returns the committed total right after each kill.
pub fn kill_repeatedly(
    broker: &Broker,
    topics: &Topics,
    partitions: i32,
    n: usize,
    kills: usize,
    mut start: impl FnMut() -> Worker,
) -> Vec<i64> {
    let mut rng = Rng::from_env();
    let mut killed_at = Vec::new();
    for k in 0..kills {
        let mut worker = start();
        let slice = n as u64 / (kills as u64 + 1);
        let target = slice * k as u64 + slice / 4 + rng.below(slice / 2);
        wait_for(Duration::from_secs(180), || {
            (committed_total(broker, topics, partitions) >= target as i64).then_some(())
        })
        .unwrap_or_else(|| panic!("no progress to {target} committed inputs; log:\n{}", worker.log()));
        std::thread::sleep(Duration::from_millis(rng.below(400)));
        worker.kill();
        let committed = committed_total(broker, topics, partitions);
        assert!(committed < n as i64, "kill {k} came after the end (committed {committed} of {n})");
        killed_at.push(committed);
    }
    killed_at
}

/// Input offsets (of `n` spread evenly over `partitions`) that `seen` lacks.
pub fn lost_inputs(seen: &BTreeMap<(i32, i64), usize>, partitions: i32, n: usize) -> Vec<(i32, i64)> {
    let per_partition = n as i64 / partitions as i64;
    (0..partitions).flat_map(|p| (0..per_partition).map(move |o| (p, o))).filter(|k| !seen.contains_key(k)).collect()
}

/// Lets `worker` finish all `n` inputs (every partition committed to its end),
/// then stops it with SIGTERM and expects a clean exit.
pub fn run_to_end(broker: &Broker, topics: &Topics, partitions: i32, n: usize, mut worker: Worker) {
    let done = vec![n as i64 / partitions as i64; partitions as usize];
    wait_for(Duration::from_secs(300), || {
        (broker.committed(&topics.group, &topics.input, partitions) == done).then_some(())
    })
    .unwrap_or_else(|| panic!("not every input committed; log:\n{}", worker.log()));
    let (status, _) = worker.terminate(Duration::from_secs(30));
    assert!(status.success(), "clean exit; log:\n{}", worker.log());
}
