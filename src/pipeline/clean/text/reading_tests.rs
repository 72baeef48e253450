//! The line reader's fast paths checked against the plain computations
//! they stand in for, on generated lines.

use super::*;
use crate::pipeline::text::generated::Texts;

/// Lines of words drawn from a small list: stopwords of several languages,
/// capitalised and bracketed ones, content words, figures, punctuation.
fn lines_of_words(n: usize) -> Vec<String> {
    const WORDS: &[&str] = &[
        "the",
        "The",
        "and",
        "(of)",
        "de",
        "la",
        "Die",
        "und",
        "el",
        "harbour",
        "Hafen",
        "puerto",
        "ferry",
        "Été",
        "über",
        "straße",
        "42",
        "—",
        ",",
        "x",
        "cats.",
        "“in”",
        "ΣΟΦΟΣ",
        "東京",
        "a",
        "é",
        "I'm",
    ];
    let mut draw = Texts::over("a");
    (0..n)
        .map(|_| {
            let len = 1 + (draw.next() % 40) as usize;
            (0..len).map(|_| WORDS[(draw.next() % WORDS.len() as u64) as usize]).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn the_stopword_share_answers_every_threshold_as_the_full_count() {
    let stopwords = &Lexicon::get().stopwords_packed;
    let full = |text: &str| -> f32 {
        let (mut total, mut stop, mut lower) = (0usize, 0usize, String::new());
        for word in crate::pipeline::clean::words(text) {
            let w = crate::pipeline::text::letters::trim_non_alnum(word);
            if !w.is_empty() {
                total += 1;
                stop += usize::from(stopwords.contains_lower_chars(w, &mut lower));
            }
        }
        if total == 0 {
            0.0
        } else {
            stop as f32 / total as f32
        }
    };
    let mut early = 0;
    for text in lines_of_words(20_000) {
        let words = crate::pipeline::clean::words(&text).count();
        let (share, exact) = (stopword_share(&text, words, stopwords), full(&text));
        if exact < STOP_SHARE_ENOUGH {
            assert_eq!(share, exact, "{text:?}");
        } else {
            early += usize::from(share != exact);
            assert!(share >= STOP_SHARE_ENOUGH && share <= exact, "{text:?}: {share} vs {exact}");
        }
        for threshold in [0.1, STOP_SHARE_ENOUGH] {
            assert_eq!(share >= threshold, exact >= threshold, "{text:?}");
        }
    }
    assert!(early > 1000, "the early answer is taken: {early}");
}
