//! Quality signals that tell article prose from menus, tables and machine
//! text. `boilerplate_ratio` needs the whole page, so `enrich` fills it for
//! the main article only. Pure.

use std::borrow::Cow;

use crate::model::Quality;
use crate::pipeline::text::lexicon::WordSet;

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Signals that tell article prose from menus, tables and machine text.
/// `boilerplate_ratio` needs the whole page and is filled for the main article only.
/// `lower`: the words lower-cased, in the same order.
pub fn quality(paragraphs: &[String], words: &[&str], lower: &[Cow<str>], stopwords: &WordSet) -> Quality {
    let lines: Vec<&str> = paragraphs.iter().flat_map(|p| p.lines()).filter(|l| !l.trim().is_empty()).collect();
    let punctuated = lines
        .iter()
        .filter(|l| {
            l.trim_end().trim_end_matches(['"', '»', '”', '“', ')', '\'']).ends_with(['.', '!', '?', '…', ':', ';'])
        })
        .count();
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            round3(a as f64 / b as f64)
        }
    };
    Quality {
        boilerplate_ratio: None,
        punctuated_line_ratio: ratio(punctuated, lines.len()),
        mean_word_length: ratio(words.iter().map(|w| w.chars().count()).sum(), words.len()),
        stopword_ratio: ratio(lower.iter().filter(|w| stopwords.contains(w.as_ref())).count(), words.len()),
        extraction_confidence: None,
    }
}

/// First estimate of how well the body was extracted, 0..1: prose that reads
/// like sentences, in a known language, making up most of the page.
pub fn extraction_confidence(q: &Quality, word_count: u32) -> f64 {
    let boiler = q.boilerplate_ratio.unwrap_or(0.5);
    let length = ((word_count as f64 + 1.0) / 150.0).ln().clamp(-3.0, 2.0);
    let z = -1.0 + 2.0 * q.punctuated_line_ratio + 3.0 * q.stopword_ratio - 2.0 * boiler + 0.8 * length;
    round3(1.0 / (1.0 + (-z).exp()))
}
