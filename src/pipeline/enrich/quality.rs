//! Quality signals that tell article prose from menus, tables and machine
//! text. `boilerplate_ratio` needs the whole page, so `enrich` fills it for
//! the main article only. Pure.

use crate::model::Quality;
use crate::pipeline::text::lexicon::WordSet;

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Signals that tell article prose from menus, tables and machine text.
/// `boilerplate_ratio` needs the whole page and is filled for the main article only.
/// `lower`: the words lower-cased, in the same order.
pub fn quality<'a>(
    paragraphs: &[String],
    words: &[&str],
    lower: impl Iterator<Item = &'a str>,
    stopwords: &WordSet,
) -> Quality {
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
        mean_word_length: ratio(words.iter().map(|w| super::char_starts(w.as_bytes()) as usize).sum(), words.len()),
        stopword_ratio: ratio(lower.filter(|&w| stopwords.contains(w)).count(), words.len()),
        extraction_confidence: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::text::lexicon::Lexicon;

    #[test]
    fn mean_word_length_counts_characters_not_bytes() {
        let stopwords = Lexicon::get().stopwords_for(Some("de"));
        let words = ["Köln", "Straße", "日本", "a"];
        let q = quality(&[], &words, words.iter().copied(), stopwords);
        let chars: usize = words.iter().map(|w| w.chars().count()).sum();
        assert_eq!(q.mean_word_length, round3(chars as f64 / words.len() as f64));
        assert_eq!(q.mean_word_length, 3.25);
    }
}
