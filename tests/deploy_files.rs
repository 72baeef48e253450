//! The deploy files stay true to the binary: manifests parse and use real
//! config keys and ports, and every metric the dashboard and the alert rules
//! query is one a running worker really exports.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use common::{free_port, http_get, wait_for, Broker, BrokerKind, Topics, Worker};
use pressline::config::Config;
use yaml_rust2::{Yaml, YamlLoader};

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn yaml_docs(path: &str) -> Vec<Yaml> {
    YamlLoader::load_from_str(&repo_file(path)).unwrap_or_else(|e| panic!("{path} is not valid YAML: {e}"))
}

fn find_kind<'a>(docs: &'a [Yaml], kind: &str) -> &'a Yaml {
    docs.iter().find(|d| d["kind"].as_str() == Some(kind)).unwrap_or_else(|| panic!("no {kind}"))
}

/// Loads a TOML config the way `pressline run --config` does.
fn load_config(toml: &str) -> Config {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(&path, toml).unwrap();
    Config::load(Some(&path)).unwrap_or_else(|e| panic!("config rejected: {e}"))
}

fn metrics_port(config: &Config) -> i64 {
    config.metrics.listen.rsplit(':').next().unwrap().parse().unwrap()
}

#[test]
fn kubernetes_manifests_match_the_worker() {
    let config_map = yaml_docs("deploy/kubernetes/configmap.yaml");
    let config_toml = find_kind(&config_map, "ConfigMap")["data"]["pressline.toml"].as_str().unwrap().to_string();
    let config = load_config(&config_toml);

    let deployment = yaml_docs("deploy/kubernetes/deployment.yaml");
    let spec = &find_kind(&deployment, "Deployment")["spec"]["template"]["spec"];
    let grace = spec["terminationGracePeriodSeconds"].as_i64().unwrap();
    assert!(
        grace * 1000 > config.worker.drain_timeout_ms as i64 + 10_000,
        "grace period must cover the drain deadline"
    );
    let container = &spec["containers"][0];
    let port = container["ports"].as_vec().unwrap().iter().find(|p| p["name"].as_str() == Some("http")).unwrap();
    assert_eq!(port["containerPort"].as_i64().unwrap(), metrics_port(&config));
    assert_eq!(container["livenessProbe"]["httpGet"]["path"].as_str(), Some("/healthz"));
    assert_eq!(container["readinessProbe"]["httpGet"]["path"].as_str(), Some("/readyz"));
    let args: Vec<&str> = container["args"].as_vec().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(args[..3], ["run", "--config", "/etc/pressline/pressline.toml"]);
    let mount = container["volumeMounts"][0]["mountPath"].as_str().unwrap();
    assert!(args[2].starts_with(mount), "config file is on the ConfigMap mount");

    // Every PRESSLINE_ variable in the manifests is accepted by the config loader.
    let secret = yaml_docs("deploy/kubernetes/secret.example.yaml");
    let mut vars: Vec<(String, String)> = container["env"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|e| Some((e["name"].as_str()?.to_string(), "value".to_string())))
        .filter(|(k, _)| k.starts_with("PRESSLINE_"))
        .collect();
    for (k, v) in find_kind(&secret, "Secret")["stringData"].as_hash().unwrap() {
        vars.push((k.as_str().unwrap().to_string(), v.as_str().unwrap().to_string()));
    }
    assert!(vars.len() >= 5);
    let dir = tempfile::tempdir().unwrap();
    let config_file = dir.path().join("pressline.toml");
    std::fs::write(&config_file, &config_toml).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pressline"))
        .arg("config")
        .arg("--config")
        .arg(&config_file)
        .envs(vars.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "manifest env rejected: {stderr}");
    let effective: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(effective["kafka"]["common"]["security.protocol"], "SASL_SSL");
    assert_eq!(effective["kafka"]["consumer"]["group.instance.id"], "value");
    assert_eq!(effective["kafka"]["common"]["sasl.password"], "***", "secrets never printed");

    let service = yaml_docs("deploy/kubernetes/service.yaml");
    assert_eq!(find_kind(&service, "Service")["spec"]["ports"][0]["port"].as_i64().unwrap(), metrics_port(&config));
    assert_eq!(find_kind(&service, "PodMonitor")["spec"]["podMetricsEndpoints"][0]["path"].as_str(), Some("/metrics"));
    let pdb = yaml_docs("deploy/kubernetes/pdb.yaml");
    assert_eq!(find_kind(&pdb, "PodDisruptionBudget")["spec"]["maxUnavailable"].as_i64(), Some(1));

    let keda = yaml_docs("deploy/kubernetes/keda-scaledobject.yaml");
    let scaled = &find_kind(&keda, "ScaledObject")["spec"];
    let trigger = &scaled["triggers"][0]["metadata"];
    assert_eq!(trigger["consumerGroup"].as_str(), Some(config.kafka.group_id.as_str()));
    assert_eq!(trigger["topic"].as_str(), Some(config.kafka.input_topics[0].as_str()));
    assert_eq!(trigger["bootstrapServers"].as_str(), Some(config.kafka.brokers.as_str()));
    assert_eq!(
        scaled["scaleTargetRef"]["name"].as_str(),
        find_kind(&deployment, "Deployment")["metadata"]["name"].as_str()
    );

    let compose = yaml_docs("deploy/docker-compose.yml");
    let services = &compose[0]["services"];
    for name in ["redpanda", "pressline", "prometheus", "grafana"] {
        assert!(!services[name].is_badvalue(), "compose service {name}");
    }
}

/// Metric names (without histogram suffixes) that a PromQL text mentions.
fn metric_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("pressline_") {
        let name: String = rest[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        rest = &rest[i + name.len()..];
        let base = ["_bucket", "_count", "_sum"].iter().find_map(|s| name.strip_suffix(s)).unwrap_or(&name);
        out.insert(base.to_string());
    }
    out
}

#[test]
fn dashboard_and_alerts_query_metrics_the_worker_exports() {
    let dashboard: serde_json::Value =
        serde_json::from_str(&repo_file("deploy/grafana/dashboards/pressline.json")).unwrap();
    let exprs: Vec<String> = dashboard["panels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["targets"].as_array().unwrap().iter().map(|t| t["expr"].as_str().unwrap().to_string()))
        .collect();
    let alerts = yaml_docs("deploy/prometheus/alerts.yaml");
    let rules: Vec<String> = alerts[0]["groups"][0]["rules"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|r| r["expr"].as_str().unwrap().to_string())
        .collect();
    assert!(rules.len() >= 3 && exprs.len() >= 10);
    let wanted: BTreeSet<String> = exprs.iter().chain(&rules).flat_map(|e| metric_names(e)).collect();

    // A running worker that has seen an article and a dead letter.
    let broker = Broker::start(BrokerKind::Noida);
    let topics = Topics::new("deploycheck");
    topics.create(&broker, 1);
    let http = format!("127.0.0.1:{}", free_port());
    let worker = Worker::start_full(
        &broker,
        &topics,
        &[],
        &format!("[metrics]\nlisten = \"{http}\"\nstatistics_interval_ms = 500\n"),
    );
    let page = "A title for the check\nA body paragraph that is long enough to be an article body, surely.\n";
    broker.produce(
        &topics.input,
        &[(page.as_bytes().to_vec(), vec![("url", "https://d.example/1".into())]), (b"junk".to_vec(), vec![])],
        1,
    );
    let exported = wait_for(Duration::from_secs(60), || {
        let (_, body) = http_get(&http, "/metrics")?;
        let names = metric_names(&body);
        wanted.is_subset(&names).then_some(names)
    });
    let Some(_) = exported else {
        let names = http_get(&http, "/metrics").map(|(_, b)| metric_names(&b)).unwrap_or_default();
        panic!("queried but not exported: {:?}\nlog:\n{}", wanted.difference(&names).collect::<Vec<_>>(), worker.log());
    };
}
