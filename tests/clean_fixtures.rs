//! The clean stage on real pages (copied from the shared evaluation sets): what
//! must survive into the main text and what must not.
//!
//! `main_text` is the exact function the benchmark harness and the worker run.

mod common;

use common::fixture;
use pressline::model::RawPage;
use pressline::pipeline::{main_text, PipelineOptions};

fn extract(name: &str, url: &str) -> String {
    let page = RawPage {
        url: url.into(),
        fetched_at: None,
        status: None,
        content_type: Some("text/html; charset=utf-8".into()),
        headers: Default::default(),
        body: fixture(name),
        charset: None,
    };
    main_text(page, &PipelineOptions::default()).expect("page has a main text")
}

fn lines(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

/// A wire story on a newspaper site (declares `og:type` article): readability's
/// choice, minus the slideshow furniture it keeps.
#[test]
fn wire_story_keeps_its_body_and_drops_slideshow_furniture() {
    let text = extract("news_wire_en.html", "https://www.ctpost.com/news/article/deval-patrick");
    assert!(text.contains("COLUMBIA, S.C. (AP) — About a dozen black female small-business owners"));
    assert!(text.contains("“It sounded like strong black women raised him,” said Ruffin"));
    for line in lines(&text) {
        assert!(!line.starts_with("Photo:"), "credit line leaked: {line:?}");
        assert!(!matches!(line, "Caption" | "Close" | "Advertisement"), "widget label leaked: {line:?}");
    }
}

/// A forum thread (`og:type` website): readability keeps one post or a
/// sidebar; the density fallback keeps the question and the answers, and
/// page chrome stays out.
#[test]
fn forum_thread_keeps_question_and_answers_without_chrome() {
    let text = extract("forum_thread_en.html", "https://techcommunity.microsoft.com/discussions/communityquestions/x");
    assert!(text.contains("Seeing some confusion about how to get to the right page"));
    assert!(text.contains("I have to admit that it is not clear to me what the difference between these links is."));
    assert!(text.contains("This is the link to the discussion board, or forum if you will."));
    assert!(text.contains("Eventually we plan to augment this with AI"));
    assert!(!text.contains("Skip to content"));
    assert!(!lines(&text).contains(&"Community Hubs"));
}

/// The body's subheadings come out in page order, inside the text they head.
#[test]
fn subheadings_stay_in_page_order_and_captions_stay_out() {
    let html = "<html><head><meta property='og:type' content='article'><title>T</title></head><body>\
        <nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article><h1>T</h1>\
        <p>First paragraph of a story that runs long enough for readability to keep it as the body, with several clauses.</p>\
        <figure><img src='a.jpg'><figcaption>A caption under the photo</figcaption></figure>\
        <h2>What happened next</h2>\
        <p>Second paragraph of the story, again long enough to look like prose to any reasonable scorer of text.</p>\
        <p>Advertisement</p>\
        <p>Third paragraph closes the story with one more sentence that carries enough words to count here.</p>\
        </article><footer>All rights reserved</footer></body></html>";
    let page = RawPage {
        url: "https://news.example/a".into(),
        fetched_at: None,
        status: None,
        content_type: Some("text/html".into()),
        headers: Default::default(),
        body: html.as_bytes().to_vec(),
        charset: None,
    };
    let text = main_text(page, &PipelineOptions::default()).unwrap();
    let got = lines(&text);
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[0].starts_with("First paragraph"));
    assert_eq!(got[1], "What happened next");
    assert!(got[2].starts_with("Second paragraph"));
    assert!(got[3].starts_with("Third paragraph"));
}
