//! `quality.extraction_confidence`: how likely the main article's body was
//! extracted well, from what clean saw while choosing it (`ExtractionSignals`)
//! and the quality signals enrich already has. A logistic model over a few
//! features; the weights are fitted offline by `tools/confidence/fit.py`
//! (see docs/extraction.md). No pass over the text or the DOM of its own.

use crate::model::ArticleEvent;
use crate::pipeline::clean::{ExtractionSignals, InputFormat, PageInfo};

const N: usize = 22;

/// The model's inputs, in the order of `WEIGHTS`.
pub const FEATURES: [&str; N] = [
    "boilerplate",
    "log_words",
    "punctuated",
    "stopwords",
    "log_words_per_paragraph",
    "link_share",
    "relaxed_attempt",
    "runner_up_ratio",
    "log_top_score",
    "fallback",
    "joined_run",
    "declared_article",
    "log_teasers",
    "list_share",
    "heading_share",
    "text_input",
    "mean_word_length",
    "sentences_per_paragraph",
    "prose_share",
    "declared_other",
    "discussion",
    "length",
];

/// Logistic weights for `FEATURES`, and the intercept.
const WEIGHTS: [f64; N] =
    [-2.0, 0.8, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
const INTERCEPT: f64 = -4.0;

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// The features of a main article event, from its page's signals.
pub fn features(page: &PageInfo, article: &ArticleEvent, teasers: usize) -> [f64; N] {
    let s: &ExtractionSignals = &page.signals;
    let q = &article.quality;
    let st = &article.stats;
    let html = page.format == InputFormat::Html;
    let share = ratio(s.chosen_prose as f64, s.page_prose as f64).min(1.0);
    let boilerplate = q.boilerplate_ratio.unwrap_or(1.0 - share);
    let paragraphs = st.paragraph_count.max(1) as f64;
    let list_items: usize = article.lists.iter().map(Vec::len).sum();
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    [
        boilerplate,
        (1.0 + st.word_count as f64).ln(),
        q.punctuated_line_ratio,
        q.stopword_ratio,
        (1.0 + st.word_count as f64 / paragraphs).ln(),
        ratio(s.chosen_link_chars as f64, s.chosen_chars as f64),
        flag(s.attempt.is_some_and(|a| a > 0)),
        if s.top_score > 0 { (s.runner_up_score.max(0) as f64 / s.top_score as f64).min(1.0) } else { 1.0 },
        if html { (1.0 + s.top_score.max(0) as f64).ln() } else { 0.0 },
        flag(s.fallback),
        flag(s.joined_run),
        flag(page.meta.og_type.as_deref().is_some_and(|t| t.to_ascii_lowercase().contains("article"))),
        (1.0 + teasers as f64).ln(),
        (list_items as f64 / paragraphs).min(1.0),
        (article.headings.len() as f64 / paragraphs).min(1.0),
        flag(!html),
        q.mean_word_length,
        st.sentence_count as f64 / paragraphs,
        share,
        flag(page.meta.og_type.as_deref().is_some_and(|t| !t.to_ascii_lowercase().contains("article"))),
        flag(page.meta.discussion),
        ((1.0 + st.word_count as f64) / 150.0).ln().clamp(-3.0, 2.0),
    ]
}

/// The logistic model over `features`, rounded to 3 decimals.
pub fn confidence(x: &[f64; N]) -> f64 {
    let z = INTERCEPT + x.iter().zip(WEIGHTS).map(|(x, w)| x * w).sum::<f64>();
    ((1.0 / (1.0 + (-z).exp())) * 1000.0).round() / 1000.0
}
