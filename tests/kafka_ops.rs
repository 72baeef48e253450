//! What operators see of a running worker, against a real broker: metrics that
//! move, liveness and readiness through a broker outage and a dead-letter
//! pause.

mod common;

use std::time::Duration;

use common::{free_port, http_get, metric_value, wait_for, Broker, BrokerKind, Topics, Worker};

fn page(i: usize) -> (Vec<u8>, Vec<(&'static str, String)>) {
    let body = format!(
        "Harbour reopens after storm number {i}\n\nThe harbour reopened on Monday after a week of repairs, officials said, and ferries resumed their crossings.\n"
    );
    (body.into_bytes(), vec![("url", format!("https://ops.example/{i}")), ("content-type", "text/plain".into())])
}

fn metrics_section(addr: &str) -> String {
    format!("[metrics]\nlisten = \"{addr}\"\nstatistics_interval_ms = 500\n")
}

#[test]
fn metrics_move_and_health_follows_a_broker_outage() {
    let mut broker = Broker::start(BrokerKind::Noida);
    let topics = Topics::new("ops");
    topics.create(&broker, 2);
    let http = format!("127.0.0.1:{}", free_port());
    let worker = Worker::start_full(&broker, &topics, &[], &metrics_section(&http));
    broker.produce(&topics.input, &(0..40).map(page).collect::<Vec<_>>(), 2);

    let out = broker.read(&topics.output, 40, Duration::from_secs(60));
    assert_eq!(out.len(), 40, "log:\n{}", worker.log());
    let metrics = wait_for(Duration::from_secs(20), || {
        let (_, body) = http_get(&http, "/metrics")?;
        (metric_value(&body, "pressline_pages_consumed_total")? >= 40.0
            && metric_value(&body, "pressline_consumer_lag_messages").is_some())
        .then_some(body)
    })
    .unwrap_or_else(|| panic!("metrics never showed progress and lag; log:\n{}", worker.log()));
    assert_eq!(metric_value(&metrics, "pressline_articles_produced_total{kind=\"article\"}"), Some(40.0));
    assert_eq!(metric_value(&metrics, "pressline_assigned_partitions"), Some(2.0));
    assert!(metrics.contains("pressline_pipeline_duration_seconds_bucket"));
    assert!(metrics.contains("pressline_end_to_end_latency_seconds_count"));
    assert!(metrics.contains("pressline_page_size_bytes_bucket"));
    assert!(metrics.contains("pressline_stage_duration_seconds_bucket{stage=\"clean\""));
    assert!(metric_value(&metrics, "pressline_consumed_bytes_total").unwrap() > 0.0);
    wait_for(Duration::from_secs(20), || {
        metric_value(&http_get(&http, "/metrics")?.1, "pressline_commits_total{result=\"ok\"}").filter(|v| *v > 0.0)
    })
    .expect("auto-commits counted");
    assert_eq!(http_get(&http, "/healthz").map(|r| r.0), Some(200));
    assert_eq!(http_get(&http, "/readyz").map(|r| r.0), Some(200));

    // Broker down: readiness goes red, liveness stays green (restarting would not help).
    broker.stop();
    let reason = wait_for(Duration::from_secs(30), || {
        let (status, body) = http_get(&http, "/readyz")?;
        (status == 503).then_some(body)
    })
    .unwrap_or_else(|| panic!("/readyz stayed green without a broker; log:\n{}", worker.log()));
    assert!(reason.contains("broker"), "{reason}");
    assert_eq!(http_get(&http, "/healthz").map(|r| r.0), Some(200), "still live while the broker is down");

    // Back up: the worker reconnects by itself and carries on.
    broker.restart_after(Duration::from_secs(1));
    wait_for(Duration::from_secs(60), || (http_get(&http, "/readyz")?.0 == 200).then_some(()))
        .unwrap_or_else(|| panic!("/readyz never recovered; log:\n{}", worker.log()));
    broker.produce(&topics.input, &(40..50).map(page).collect::<Vec<_>>(), 2);
    let out = broker.read(&topics.output, 50, Duration::from_secs(60));
    assert_eq!(out.len(), 50, "pages after the restart are processed; log:\n{}", worker.log());
}

#[test]
fn dead_letter_policy_pauses_consumption_and_fails_readiness() {
    let broker = Broker::start(BrokerKind::Noida);
    let topics = Topics::new("dlqpolicy");
    topics.create(&broker, 1);
    let http = format!("127.0.0.1:{}", free_port());
    let sections = metrics_section(&http) + "[dlq]\nmax_share = 0.5\nwindow = 20\nmin_inputs = 10\n";
    let worker = Worker::start_full(&broker, &topics, &[], &sections);
    let junk: Vec<_> = (0..30).map(|i| (format!("junk {i}").into_bytes(), vec![])).collect();
    broker.produce(&topics.input, &junk, 1);

    let reason = wait_for(Duration::from_secs(60), || {
        let (status, body) = http_get(&http, "/readyz")?;
        (status == 503 && body.contains("dead-letter")).then_some(body)
    })
    .unwrap_or_else(|| panic!("dead-letter policy never tripped; log:\n{}", worker.log()));
    assert!(reason.contains("dead-letter policy"));
    assert_eq!(http_get(&http, "/healthz").map(|r| r.0), Some(200), "paused, not dead");
    let dead = broker.read(&topics.dlq, 500, Duration::from_secs(5)).len();
    assert!((10..100).contains(&dead), "stopped after the share tripped, before the whole topic: {dead}");

    // Paused means paused: good pages produced now are not consumed.
    broker.produce(&topics.input, &(0..5).map(page).collect::<Vec<_>>(), 1);
    assert!(broker.read(&topics.output, 1, Duration::from_secs(5)).is_empty());
    assert!(worker.log().contains("dead-letter share over dlq.max_share"));
}

#[test]
fn logs_never_carry_payloads_or_secrets_at_any_level() {
    let broker = Broker::start(BrokerKind::Noida);
    let topics = Topics::new("logsecrets");
    topics.create(&broker, 1);
    const SECRET: &str = "pl41n-S3CR3T-t0ken";
    const MARKER: &str = "PAYLOADMARKERqzx";
    let worker = Worker::start_with(
        &broker,
        &topics,
        &[
            ("RUST_LOG", "trace"),
            // Unused on a plaintext listener, but present in the client config.
            ("PRESSLINE_KAFKA__COMMON__SASL__PASSWORD", SECRET),
            ("PRESSLINE_KAFKA__CONSUMER__DEBUG", "all"),
            ("PRESSLINE_KAFKA__PRODUCER__DEBUG", "all"),
        ],
    );
    let body = format!("Title of the secret page\nA paragraph long enough to be the body, with {MARKER} inside it.\n");
    broker.produce(
        &topics.input,
        &[
            (body.into_bytes(), vec![("url", "https://s.example/1".into())]),
            (format!("{{\"url\": 5, \"body\": \"{MARKER}\"}}").into_bytes(), vec![]),
        ],
        1,
    );
    assert_eq!(broker.read(&topics.output, 1, Duration::from_secs(60)).len(), 1, "log:\n{}", worker.log());
    assert_eq!(broker.read(&topics.dlq, 1, Duration::from_secs(60)).len(), 1);
    let log = worker.log();
    assert!(log.len() > 10_000, "trace logging was on");
    assert!(!log.contains(SECRET), "secret leaked into the log");
    assert!(!log.contains(MARKER), "payload leaked into the log");
}

#[test]
fn configuration_errors_do_not_echo_secret_values() {
    const SECRET: &str = "pl41n-S3CR3T-t0ken";
    // This librdkafka build has no OAuth/OIDC: the property is refused, with its value.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pressline"))
        .arg("run")
        .env("PRESSLINE_KAFKA__COMMON__SASL__OAUTHBEARER__CLIENT__SECRET", SECRET)
        .env("PRESSLINE_METRICS__LISTEN", "")
        .env("RUST_LOG", "trace")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("sasl.oauthbearer.client.secret"), "the key is named: {stderr}");
    assert!(!stderr.contains(SECRET), "the value is not: {stderr}");
}

/// `produce` and `tail` build their clients from the same `[kafka]` settings
/// as the worker, so they reach a TLS/SASL cluster: a raw property in
/// `[kafka.common]` reaches them (an invalid one is refused, naming the key,
/// before any connection is tried; they used to ignore the section).
#[test]
fn produce_and_tail_take_the_kafka_common_settings() {
    for args in [&["tail", "--topic", "t", "--idle-secs", "5"][..], &["produce", "--topic", "t", "-"][..]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pressline"))
            .args(args)
            .args(["--brokers", "127.0.0.1:1"])
            .env("PRESSLINE_KAFKA__COMMON__SOCKET__TIMEOUT__MS", "not-a-number")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {stderr}");
        assert!(stderr.contains("socket.timeout.ms"), "{args:?}: the raw property was applied: {stderr}");
    }
}

/// The progress watchdog sees a partition nobody consumes. On noida a member
/// that vanishes without a LeaveGroup is never evicted (see the scaling test
/// in kafka_worker.rs), so its partition has lag, no progress and no other
/// owner: the idle worker beside it turns `/readyz` red with the partition and
/// its lag, counts the stall and logs it. (A broker that evicts, as Apache
/// Kafka and tansu do, hands the partition over instead: the SIGKILL tests.)
#[test]
fn an_idle_worker_reports_a_partition_left_with_a_vanished_member_on_noida() {
    let broker = Broker::start(BrokerKind::Noida);
    let topics = Topics::new("orphan");
    topics.create(&broker, 1);
    let env = [("PRESSLINE_WORKER__STALL_TIMEOUT_MS", "3000")];
    let mut owner = Worker::start_with(&broker, &topics, &env);
    broker.produce(&topics.input, &(0..5).map(page).collect::<Vec<_>>(), 1);
    assert_eq!(broker.read(&topics.output, 5, Duration::from_secs(60)).len(), 5, "log:\n{}", owner.log());
    let http = format!("127.0.0.1:{}", free_port());
    let idle = Worker::start_full(&broker, &topics, &env, &metrics_section(&http));
    wait_for(Duration::from_secs(60), || {
        let (status, body) = http_get(&http, "/readyz")?;
        (status == 503 && body.starts_with("no partitions assigned")).then_some(())
    })
    .unwrap_or_else(|| panic!("the second worker should be idle; log:\n{}", idle.log()));
    assert!(owner.log().matches("partitions assigned").count() >= 1);

    // The first five committed (the idle worker's join may have made noida
    // refuse a commit or two), so the lag below is exactly the new pages.
    wait_for(Duration::from_secs(30), || (broker.committed(&topics.group, &topics.input, 1) == vec![5]).then_some(()))
        .unwrap_or_else(|| panic!("the owner never committed its pages; log:\n{}", owner.log()));
    owner.kill();
    broker.produce(&topics.input, &(5..12).map(page).collect::<Vec<_>>(), 1);
    let reason = wait_for(Duration::from_secs(60), || {
        let (status, body) = http_get(&http, "/readyz")?;
        (status == 503 && body.contains("has lag")).then_some(body)
    })
    .unwrap_or_else(|| panic!("the stall was not reported; log:\n{}", idle.log()));
    assert!(reason.contains(&format!("{}/0 has lag 7", topics.input)), "{reason}");
    let (_, metrics) = http_get(&http, "/metrics").unwrap();
    assert_eq!(metric_value(&metrics, "pressline_partition_stalls_total{scope=\"group\"}"), Some(1.0), "{metrics}");
    assert!(idle.log().contains("partition has lag and its committed offset has not moved"), "{}", idle.log());
    assert_eq!(http_get(&http, "/healthz").map(|r| r.0), Some(200), "a stall elsewhere is no reason to restart");
}
