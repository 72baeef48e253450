//! Hostile input against the real worker: thousands of generated bad pages
//! never crash or stall it, each ends as an article or a dead letter whose
//! headers say why, and memory stays bounded.
//!
//! CI runs a reduced size; `FAULTS_FULL=1 cargo test --test kafka_faults`
//! runs the full 10,000 inputs (not a `PRESSLINE_` name: the worker child
//! inherits the environment and refuses unknown `PRESSLINE_` settings).

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::{wait_for, Broker, BrokerKind, Topics, Worker};

type Input = (Vec<u8>, Vec<(&'static str, String)>);

fn raw(body: Vec<u8>, i: usize, content_type: &str) -> Input {
    (body, vec![("url", format!("https://hostile.example/{i}")), ("content-type", content_type.to_string())])
}

/// Input `i` of a rotating catalogue of hostile shapes (and some good pages).
fn hostile(i: usize) -> Input {
    let good =
        "Harbour reopens after storm\n\nThe harbour reopened on Monday after a week of repairs, officials said.\n";
    match i % 14 {
        0 => (b"{\"url\": \"https://x.example\", \"body\": ".to_vec(), vec![]),
        1 => (format!("{{\"url\": {i}, \"body\": [1, 2]}}").into_bytes(), vec![]),
        2 => raw((0..2000).map(|k| (k * 7 + i) as u8 | 0x80).collect(), i, "text/html"),
        3 => raw("Une journée à Genève, élégante et légère, où l'été dure.\n\nLe texte continue ici avec des accents: à é è ù.\n".chars().map(|c| c as u32 as u8).collect(), i, "text/plain"),
        4 => raw(Vec::new(), i, "text/html"),
        5 => raw(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".iter().copied().cycle().take(50_000).collect(), i, "image/png"),
        6 => raw(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj".iter().copied().cycle().take(50_000).collect(), i, "application/pdf"),
        7 if i % 140 == 7 => raw(("<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000)).into_bytes(), i, "text/html"),
        8 if i % 140 == 8 => raw(format!("<html><body><p title=\"{}\">{good}</p></body></html>", "x".repeat(1_000_000)).into_bytes(), i, "text/html"),
        9 => raw(format!("{}{good}{}", " \n\t".repeat(20_000), "\n".repeat(20_000)).into_bytes(), i, "text/plain"),
        10 if i % 1400 == 10 => raw(vec![b'a'; 12 * 1024 * 1024], i, "text/plain"),
        11 => (serde_json::to_vec(&serde_json::json!({"url": format!("https://hostile.example/{i}"), "body_base64": "%%%"})).unwrap(), vec![]),
        12 => raw("<p>".repeat(5_000).into_bytes(), i, "text/html"),
        _ => raw(good.replace("Monday", &format!("Monday {i}")).into_bytes(), i, "text/plain"),
    }
}

fn peak_rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.split_whitespace().nth(1).unwrap().parse().unwrap())
        })
        .unwrap_or(0)
}

#[test]
fn hostile_inputs_never_crash_or_stall_the_worker() {
    let n = if std::env::var_os("FAULTS_FULL").is_some() { 10_000 } else { 1_400 };
    let broker = Broker::start(BrokerKind::Noida);
    let topics = Topics::new("hostile");
    let partitions = 2;
    topics.create(&broker, partitions);
    let inputs: Vec<Input> = (0..n).map(hostile).collect();
    broker.produce(&topics.input, &inputs, partitions);
    let mut worker = Worker::start_with(
        &broker,
        &topics,
        &[
            ("PRESSLINE_DLQ__MAX_SHARE", "1.0"),
            ("PRESSLINE_KAFKA__PRODUCER__MESSAGE__MAX__BYTES", "33554432"),
            ("RUST_LOG", "warn"),
        ],
    );

    let sizes = broker.high_watermarks(&topics.input, partitions);
    assert_eq!(sizes.iter().sum::<i64>(), n as i64, "every hostile input reached the topic");
    wait_for(Duration::from_secs(300), || {
        (broker.committed(&topics.group, &topics.input, partitions) == sizes).then_some(())
    })
    .unwrap_or_else(|| {
        panic!(
            "inputs not all done: {:?}; log tail:\n{}",
            broker.committed(&topics.group, &topics.input, partitions),
            {
                let log = worker.log();
                log[log.len().saturating_sub(3000)..].to_string()
            }
        )
    });
    assert!(worker.child.try_wait().unwrap().is_none(), "the worker is still running");
    let rss_mb = peak_rss_kb(worker.child.id()) / 1024;

    let dlq = broker.read(&topics.dlq, n, Duration::from_secs(10));
    let articles = broker.read(&topics.output, 10 * n, Duration::from_secs(10));
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut accounted = std::collections::BTreeSet::new();
    for r in &dlq {
        let kind = r.header("error.kind").expect("error.kind header").to_string();
        assert!(r.header("error.stage").is_some() && r.header("error.message").is_some());
        *kinds.entry(kind).or_default() += 1;
        accounted.insert((
            r.header("source.partition").unwrap().to_string(),
            r.header("source.offset").unwrap().to_string(),
        ));
    }
    for r in &articles {
        let e = r.json();
        if e["kind"] == "article" {
            accounted.insert((e["provenance"]["partition"].to_string(), e["provenance"]["offset"].to_string()));
        }
    }
    assert_eq!(accounted.len(), n, "every input is an article or a dead letter");
    for kind in ["invalid_envelope", "binary_content", "empty_body", "too_complex", "too_large", "invalid_base64"] {
        assert!(kinds.contains_key(kind), "no {kind} dead letters: {kinds:?}");
    }
    eprintln!("hostile inputs: {n}, dead letters by kind: {kinds:?}, peak RSS {rss_mb} MB");
    assert!(rss_mb < 1024, "peak RSS {rss_mb} MB");
    let (status, _) = worker.terminate(Duration::from_secs(30));
    assert!(status.success());
}
