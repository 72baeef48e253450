//! `quality.extraction_confidence`: how likely the main article's body was
//! extracted well (page word F1 ≥ 0.7 against a human's extraction). A
//! logistic model over a few signals clean and enrich already computed; the
//! weights are fitted offline by `tools/confidence/fit.py` on the shared
//! extraction sets (docs/extraction.md). No pass over the text or the DOM of
//! its own. Teasers get none: they are not extracted, they are listed.

use crate::model::ArticleEvent;
use crate::pipeline::clean::PageInfo;

const N: usize = 5;

/// The model's inputs, in the order of `WEIGHTS`.
pub const FEATURES: [&str; N] = ["boilerplate", "length", "punctuated", "stopwords", "fallback"];

/// Logistic weights for `FEATURES`, and the intercept (written by `fit.py --write`).
const WEIGHTS: [f64; N] = [-1.8245, 0.4173, 2.5255, 0.7333, -0.5363];
const INTERCEPT: f64 = -0.0081;

/// The features of a main article event:
/// - `boilerplate`: share of the page's visible text left out (text pages:
///   share of its words outside the chosen run of lines). Much left out is a
///   choice that missed part of the article, or a page with little of one.
/// - `length`: log of the word count over 150, clamped to −3..2. Short
///   bodies are where a missed paragraph or a kept menu weighs most.
/// - `punctuated`, `stopwords`: the body reads as sentences of its language,
///   not as menus, labels or tables.
/// - `fallback`: no article was chosen and the page's text was read whole;
///   such pages (listings, products, threads) are where extraction is hardest.
pub fn features(page: &PageInfo, article: &ArticleEvent) -> [f64; N] {
    let q = &article.quality;
    let s = &page.signals;
    let boilerplate = q.boilerplate_ratio.unwrap_or_else(|| match s.page_words {
        0 => 0.0,
        page => 1.0 - (s.chosen_words as f64 / page as f64).min(1.0),
    });
    let length = ((1.0 + article.stats.word_count as f64) / 150.0).ln().clamp(-3.0, 2.0);
    [boilerplate, length, q.punctuated_line_ratio, q.stopword_ratio, if s.fallback { 1.0 } else { 0.0 }]
}

/// The logistic model over `features`, rounded to 3 decimals: always in 0..1.
pub fn confidence(x: &[f64; N]) -> f64 {
    let z = INTERCEPT + x.iter().zip(WEIGHTS).map(|(x, w)| x * w).sum::<f64>();
    let p = 1.0 / (1.0 + (-z).exp());
    if p.is_finite() {
        (p * 1000.0).round() / 1000.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleKind, RawPage, SourceRef};
    use crate::pipeline::{clean, enrich, segment, PipelineOptions};

    fn events(body: &str, content_type: &str) -> Vec<ArticleEvent> {
        let page = RawPage {
            url: "https://news.example/2025/story".into(),
            fetched_at: None,
            status: Some(200),
            content_type: Some(content_type.into()),
            headers: Default::default(),
            body: body.as_bytes().to_vec(),
            charset: None,
        };
        let options = PipelineOptions::default();
        let segmented = segment(clean(page, &options.limits).unwrap()).unwrap();
        enrich(segmented, SourceRef::File { file: "t".into(), line: 1 }, &options.enrich)
    }

    fn main_confidence(body: &str, content_type: &str) -> f64 {
        let events = events(body, content_type);
        assert_eq!(events[0].kind, ArticleKind::Article);
        events[0].quality.extraction_confidence.unwrap()
    }

    fn html(og_type: &str, body: &str) -> String {
        format!(
            "<html><head><title>A page title long enough</title><meta property='og:type' content='{og_type}'></head>\
             <body><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>{body}\
             <footer><a href='/about'>About us</a> <a href='/contact'>Contact</a></footer></body></html>"
        )
    }

    fn article(paragraphs: &[&str]) -> String {
        let ps: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
        html("article", &format!("<article><h1>A page title long enough</h1>{ps}</article>"))
    }

    const EN: &str = "The council voted on Tuesday to rebuild the old bridge over the river, after engineers \
                      warned that the structure could not carry buses for much longer.";
    const FR: &str = "Le conseil a voté mardi la reconstruction du vieux pont sur la rivière, après que les \
                      ingénieurs ont averti que la structure ne pourrait plus porter les bus très longtemps.";
    const DE: &str = "Der Rat hat am Dienstag beschlossen, die alte Brücke über den Fluss neu zu bauen, nachdem \
                      die Ingenieure gewarnt hatten, dass sie die Busse nicht mehr lange tragen kann.";

    #[test]
    fn an_article_scores_above_a_link_listing_and_a_near_empty_page() {
        let items: String =
            (0..30).map(|i| format!("<li><a href='/p/{i}'>Item {i}</a> <span>$ {i}9</span></li>")).collect();
        let listing = main_confidence(&html("website", &format!("<div><ul>{items}</ul></div>")), "text/html");
        let empty = main_confidence(&html("website", "<div><p>Loading</p></div>"), "text/html");
        for sentence in [EN, FR, DE] {
            // Distinct paragraphs: a paragraph printed twice is a rendering copy.
            let paragraphs: Vec<String> = (1..=8).map(|i| format!("{i}. {sentence}")).collect();
            let body = article(&paragraphs.iter().map(String::as_str).collect::<Vec<_>>());
            let good = main_confidence(&body, "text/html");
            assert!(good > listing + 0.2, "{sentence}: article {good} vs listing {listing}");
            assert!(good > empty + 0.2, "{sentence}: article {good} vs near-empty page {empty}");
        }
    }

    #[test]
    fn text_pages_get_a_value_and_teasers_none() {
        let text = format!("Home\nWorld\nSport\n\nBridge to be rebuilt\n\n{}\n\n{}\n\n{}\n\nRead also\n\nSchools reopen after the long summer break in the city\n", EN, EN.replace("Tuesday", "Monday"), EN.replace("old", "older"));
        let c = main_confidence(&text, "text/plain");
        assert!((0.0..=1.0).contains(&c));
        let items: String = (0..3)
            .map(|i| {
                format!(
                    "<article><h3><a href='/n/{i}'>Another story number {i} about the city council</a></h3>\
                     <p>The council will meet again next week to vote on the budget...</p></article>"
                )
            })
            .collect();
        let related = format!("</article><section class='related'><h2>Read also</h2>{items}</section>");
        let body = article(&[EN, &EN.replace("Tuesday", "Monday")]).replacen("</article>", &related, 1);
        let events = events(&body, "text/html");
        assert!(events.len() > 1, "the page lists teasers");
        assert!(events[0].quality.extraction_confidence.is_some());
        assert!(events[1..].iter().all(|t| t.kind == ArticleKind::Teaser && t.quality.extraction_confidence.is_none()));
    }

    #[test]
    fn confidence_is_always_within_0_and_1() {
        for x in [
            [0.0, -3.0, 0.0, 0.0, 1.0],
            [1.0, 2.0, 1.0, 1.0, 0.0],
            [0.0, 2.0, 1.0, 1.0, 0.0],
            [1e9, -1e9, -1e9, 1e9, 1.0],
            [f64::NAN, 0.0, 0.0, 0.0, 0.0],
        ] {
            let c = confidence(&x);
            assert!((0.0..=1.0).contains(&c), "{x:?} -> {c}");
        }
    }
}
