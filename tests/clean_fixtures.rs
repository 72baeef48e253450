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
    let text = extract_html_at("https://news.example/a", html);
    let got = lines(&text);
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[0].starts_with("First paragraph"));
    assert_eq!(got[1], "What happened next");
    assert!(got[2].starts_with("Second paragraph"));
    assert!(got[3].starts_with("Third paragraph"));
}

fn extract_html(html: &str) -> String {
    extract_html_at("https://shop.example/list", html)
}

fn extract_html_at(url: &str, html: &str) -> String {
    let page = RawPage {
        url: url.into(),
        fetched_at: None,
        status: None,
        content_type: Some("text/html".into()),
        headers: Default::default(),
        body: html.as_bytes().to_vec(),
        charset: None,
    };
    main_text(page, &PipelineOptions::default()).unwrap()
}

/// A listing (not an article): its items are linked cards, which readability
/// and the prose-density reading both pass over; the run of repeated items
/// joins the short intro they chose.
#[test]
fn listing_items_join_the_intro_as_a_run_of_repeated_cards() {
    let cards: String = (1..=8)
        .map(|i| {
            format!(
                "<div class='card card-{i}'><a href='/item/{i}'><h3>Exhibition number {i} of the season</h3></a>\
                 <a href='/artist/{i}'>Artist Name {i}</a></div>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><meta property='og:type' content='website'></head><body>\
         <nav><a href='/'>Home</a> <a href='/visit'>Visit</a></nav>\
         <main><h1>Current exhibitions</h1><p>Browse what is on view this season in our galleries.</p>\
         <div class='grid'>{cards}</div></main><footer>Contact us</footer></body></html>"
    );
    let text = extract_html(&html);
    assert!(text.contains("Browse what is on view this season"), "{text}");
    for i in 1..=8 {
        assert!(text.contains(&format!("Exhibition number {i} of the season")), "card {i} missing: {text}");
    }
    assert!(!text.contains("Contact us"));
}

/// An article's comments are a run of repeated items too, but the article is
/// not one of them: they stay out even when they hold more text.
#[test]
fn article_comments_do_not_join_the_article() {
    let body: String = (1..=3)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the article body runs long, as articles do: it reports what happened, \
                 who said what about it, and why it matters to the readers of this newspaper today.</p>"
            )
        })
        .collect();
    let comments: String = (1..=12)
        .map(|i| {
            format!(
                "<li class='comment comment-{i}'><p>Reader {i} wrote a long comment that goes on about the topic \
                 for a while, adding opinions, anecdotes and several more clauses to fill the space.</p></li>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><meta property='og:type' content='article'></head><body><article><h1>A real title for the story</h1>\
         <div class='entry-content'>{body}</div></article>\
         <section id='comments'><ol class='commentlist'>{comments}</ol></section></body></html>"
    );
    let text = extract_html(&html);
    assert!(text.contains("Paragraph 3 of the article body"));
    assert!(!text.contains("Reader 3 wrote"), "{text}");
}

/// A slideshow prints each photo's caption several times as plain text:
/// long repeated sentences leave the article, the body's own lines stay.
#[test]
fn slideshow_captions_repeated_in_an_article_are_dropped() {
    let caption = "The minister, left, shakes hands with her counterpart in the capital on Wednesday, \
                   the second day of a visit that was meant to ease the trade dispute. (Photo/Agency)";
    let slides = format!("<div class='slide'><span>{caption}</span></div>").repeat(2);
    let body: String = (1..=12)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the report explains what the two ministers agreed on, what they left open \
                 and what comes next for the exporters on both sides.</p>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><meta property='og:type' content='article'></head><body><article>\
         <h1>Ministers meet to ease the trade dispute</h1><div class='gallery'>{slides}</div>{body}</article></body></html>"
    );
    let text = extract_html(&html);
    for i in 1..=12 {
        assert!(text.contains(&format!("Paragraph {i} of the report")), "{text}");
    }
    assert!(!text.contains("shakes hands"), "{text}");
}
