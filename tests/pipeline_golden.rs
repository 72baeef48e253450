//! The pure pipeline on known pages, without a broker: the seed page this
//! project started from, an HTML article, and arbitrary bytes.

mod common;

use common::{assert_valid_event, fixture, fixture_path};
use pressline::model::{ArticleEvent, ArticleKind, SourceRef, HEADER_URL};
use pressline::pipeline::{process, PipelineOptions};
use proptest::prelude::*;

const SEED_URL: &str = "https://news.example/fr/poutine-coree-du-nord";

fn run_raw(body: &[u8], url: &str) -> Vec<ArticleEvent> {
    let headers = vec![(HEADER_URL.to_string(), url.as_bytes().to_vec())];
    let source = SourceRef::File { file: "fixture".into(), line: 1 };
    process(body, &headers, source, &PipelineOptions::default()).expect("pipeline succeeds")
}

fn all_text(e: &ArticleEvent) -> String {
    let mut parts = vec![e.title.clone(), e.text.clone()];
    parts.extend(e.captions.clone());
    parts.extend(e.headings.clone());
    parts.join("\n")
}

#[test]
fn seed_page_becomes_one_clean_article_and_two_teasers() {
    let events = run_raw(&fixture("seed_fr.txt"), SEED_URL);
    for e in &events {
        assert_valid_event(&serde_json::to_value(e).unwrap());
    }
    assert_eq!(events.len(), 3);
    let main = &events[0];
    assert_eq!(main.kind, ArticleKind::Article);
    assert_eq!(main.title, "Le président russe, Vladimir Poutine, effectue une visite en Corée du Nord.");
    assert_eq!(main.captions, vec!["Poutine lors d'une réunion avec le dirigeant de la Corée du Nord, Kim"]);
    assert_eq!(main.paragraphs.len(), 5, "lead + four body paragraphs: {:#?}", main.paragraphs);
    assert!(main.paragraphs[0].starts_with("Vladimir Poutine, le président russe, s'est posé à Pyongyang"));
    assert!(main.paragraphs[1].starts_with("Durant la visite de Poutine"));
    assert!(main.paragraphs[4].ends_with("Poutine cherche des renforts supplémentaires."));
    assert_eq!(main.language.as_ref().unwrap().code, "fr");
    assert!(!main.truncated);

    let text = all_text(main);
    for noise in
        ["Aller au contenu", "Lire aussi", "commentaires", "Dernier", "Membres", "Publique", "Telegram", "Duterte"]
    {
        assert!(!text.contains(noise), "main article contains {noise:?}");
    }
    assert_eq!(text.matches("effectue une visite en Corée du Nord").count(), 1, "title appears once");
    assert_eq!(text.matches("Poutine lors d'une réunion").count(), 1, "caption appears once");

    let teasers = &events[1..];
    assert!(teasers
        .iter()
        .all(|t| t.kind == ArticleKind::Teaser && t.truncated && t.parent_id.as_deref() == Some(main.id.as_str())));
    assert!(teasers[0].title.starts_with("Telegram sert de plateforme"));
    assert!(teasers[0].lead.as_deref().unwrap().starts_with("Les syndicats du crime organisé"));
    assert!(teasers[0].captions[0].starts_with("Sur cette photo illustrative"));
    assert!(teasers[1].title.starts_with("L'ancien président philippin Duterte"));
    assert!(teasers[1].lead.as_deref().unwrap().starts_with("Dans un coup de théâtre"));
    for t in teasers {
        let text = all_text(t);
        assert!(!text.contains("Membres Publique") && !text.contains("Poutine"), "teaser leaked: {text}");
    }
    let related: Vec<&str> = main.related.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(related, vec![teasers[0].id.as_str(), teasers[1].id.as_str()]);
}

#[test]
fn same_page_gives_same_ids_and_fingerprints() {
    let a = run_raw(&fixture("seed_fr.txt"), SEED_URL);
    let b = run_raw(&fixture("seed_fr.txt"), SEED_URL);
    assert_eq!(a, b, "the pipeline is deterministic");
    let moved = run_raw(&fixture("seed_fr.txt"), "https://news.example/fr/autre");
    assert_ne!(a[0].id, moved[0].id, "ids follow the canonical URL");
    assert_eq!(a[0].fingerprint, moved[0].fingerprint, "fingerprints follow the text");
    let ids: std::collections::HashSet<&str> = a.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
}

#[test]
fn html_article_keeps_its_body_and_splits_off_related_stories() {
    let url = "https://ledger.example/news/2025/06/03/sea-wall-vote";
    let events = run_raw(&fixture("article_en.html"), url);
    for e in &events {
        assert_valid_event(&serde_json::to_value(e).unwrap());
    }
    let main = &events[0];
    assert_eq!(main.title, "Harbour town votes to rebuild its flooded sea wall");
    assert_eq!(main.site.as_deref(), Some("The Coastal Ledger"));
    assert_eq!(main.authors, vec!["Maya Okafor"]);
    assert_eq!(main.published_at.as_deref(), Some("2025-06-03T09:30:00Z"));
    assert_eq!(main.headings, vec!["A close vote"]);
    assert_eq!(main.captions, vec!["The damaged sea wall at Port Ellis after the March storm."]);
    assert_eq!(main.paragraphs.len(), 5, "{:#?}", main.paragraphs);
    assert!(main.text.contains("Residents of Port Ellis voted on Tuesday to spend £4.2 million"), "entities decoded");
    let text = all_text(main);
    for noise in [
        "Skip to main content",
        "Sign in",
        "Ferry timetable",
        "Fish market",
        "All rights reserved",
        "Privacy policy",
        "By Maya Okafor",
    ] {
        assert!(!text.contains(noise), "main article contains {noise:?}");
    }
    let teasers: Vec<(&str, Option<&str>)> =
        events[1..].iter().map(|t| (t.title.as_str(), t.target_url.as_deref())).collect();
    assert_eq!(
        teasers,
        vec![
            (
                "Ferry timetable cut again as crews remain short",
                Some("https://ledger.example/news/2025/05/20/ferry-timetable")
            ),
            (
                "Fish market reopens after two years of repairs",
                Some("https://ledger.example/news/2025/05/12/fish-market")
            ),
        ]
    );
}

#[test]
fn process_command_emits_schema_valid_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("pages.jsonl");
    let html = String::from_utf8(fixture("article_en.html")).unwrap();
    let lines = [
        serde_json::json!({"url": SEED_URL, "fetched_at": "2025-06-03T10:00:00Z", "body": String::from_utf8(fixture("seed_fr.txt")).unwrap()}),
        serde_json::json!({"url": "https://ledger.example/x", "body_base64": base64_encode(html.as_bytes()), "content_type": "text/html"}),
        serde_json::json!({"url": "not a url", "body": "x"}),
    ];
    std::fs::write(&input, lines.iter().map(|l| l.to_string() + "\n").collect::<String>()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pressline")).arg("process").arg(&input).output().unwrap();
    assert!(out.status.success());
    let events: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(events.len(), 6);
    for e in &events {
        assert_valid_event(e);
        assert_eq!(e["provenance"]["source"], "file");
    }
    assert_eq!(events[0]["provenance"]["line"], 1);
    assert_eq!(events[3]["provenance"]["line"], 2);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("\"line\":3") && stderr.contains("invalid_url"), "{stderr}");

    // --raw-url reads a whole file as one page, like the seed arrives.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pressline"))
        .args(["process", "--raw-url", SEED_URL])
        .arg(fixture_path("seed_fr.txt"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 3);
}

#[test]
fn schema_command_prints_the_published_schema() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pressline")).arg("schema").output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "pressline ArticleEvent v1");
    assert_eq!(schema["additionalProperties"], false);
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any bytes, as a raw page or as an envelope body, end as events or a
    /// typed error: never a panic.
    #[test]
    fn pipeline_never_panics_on_arbitrary_bytes(body in proptest::collection::vec(any::<u8>(), 0..4096), html in any::<bool>()) {
        let mut headers = vec![(HEADER_URL.to_string(), b"https://fuzz.example/p".to_vec())];
        if html {
            headers.push(("content-type".to_string(), b"text/html".to_vec()));
        }
        let source = SourceRef::File { file: "prop".into(), line: 1 };
        if let Ok(events) = process(&body, &headers, source.clone(), &PipelineOptions::default()) {
            for e in events {
                assert_valid_event(&serde_json::to_value(&e).unwrap());
            }
        }
        let _ = process(&body, &[], source, &PipelineOptions::default());
    }

    /// Envelopes with any field present, absent or of the wrong type: a valid
    /// one gives back its body byte for byte, an invalid one a typed error.
    #[test]
    fn envelope_fields_are_taken_exactly_or_refused_by_name(
        url in prop_oneof![Just(serde_json::Value::Null), Just(serde_json::json!(7)), "https?://[a-z]{1,8}\\.example/[a-z0-9/]{0,12}".prop_map(serde_json::Value::from)],
        body in proptest::option::of("\\PC{0,200}"),
        b64 in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..64)),
        status in prop_oneof![Just(serde_json::Value::Null), Just(serde_json::json!(200)), Just(serde_json::json!("ok"))],
    ) {
        let mut env = serde_json::json!({"url": url, "status": status});
        if let Some(b) = &body { env["body"] = b.clone().into(); }
        if let Some(b) = &b64 { env["body_base64"] = base64_encode(b).into(); }
        let bytes = serde_json::to_vec(&env).unwrap();
        match pressline::model::RawPage::from_envelope(&bytes) {
            Ok(page) => {
                prop_assert_eq!(Some(page.url.as_str()), url.as_str());
                let expected = body.map(String::into_bytes).or(b64).unwrap();
                prop_assert_eq!(page.body, expected);
            }
            Err(e) => {
                let valid = url.is_string() && !status.is_string() && (body.is_some() != b64.is_some());
                prop_assert!(!valid, "a valid envelope was refused: {e}");
            }
        }
    }

    #[test]
    fn pipeline_never_panics_on_tag_soup(parts in proptest::collection::vec(prop_oneof![
        Just("<div>".to_string()), Just("</div>".to_string()), Just("<p>".to_string()), Just("</p>".to_string()),
        Just("<li>".to_string()), Just("<h2>".to_string()), Just("<article>".to_string()), Just("<a href='/x'>".to_string()),
        Just("&amp;".to_string()), Just("...".to_string()), Just("\n".to_string()),
        "[a-zA-Zéü ]{1,40}".prop_map(|s| s),
    ], 0..300)) {
        let body = parts.concat();
        let headers = vec![(HEADER_URL.to_string(), b"https://fuzz.example/p".to_vec()), ("content-type".to_string(), b"text/html".to_vec())];
        let _ = process(body.as_bytes(), &headers, SourceRef::File { file: "prop".into(), line: 1 }, &PipelineOptions::default());
    }
}

#[test]
fn deep_nesting_and_huge_pages_fail_fast_instead_of_hanging() {
    let deep = "<div>".repeat(100_000) + "text" + &"</div>".repeat(100_000);
    let headers = vec![
        (HEADER_URL.to_string(), b"https://x.example/".to_vec()),
        ("content-type".to_string(), b"text/html".to_vec()),
    ];
    let started = std::time::Instant::now();
    let result = process(
        deep.as_bytes(),
        &headers,
        SourceRef::File { file: "deep".into(), line: 1 },
        &PipelineOptions::default(),
    );
    assert!(result.is_err(), "a page of empty nesting has no article");
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "took {:?}", started.elapsed());

    let huge = vec![b'a'; 20 * 1024 * 1024];
    let err = process(&huge, &headers, SourceRef::File { file: "huge".into(), line: 1 }, &PipelineOptions::default())
        .unwrap_err();
    assert_eq!(err.kind(), "too_large");
}
