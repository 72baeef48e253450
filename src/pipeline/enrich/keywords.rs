//! Keywords by YAKE (Campos et al., 2020): unsupervised, per-document, with
//! per-language stopwords. Single words are scored on casing, position,
//! frequency, context diversity and spread over sentences; phrases of up to
//! three words that neither start nor end with a stopword are scored from
//! their words. Lower is better. Pure.

use std::collections::{HashMap, HashSet};

use unicode_segmentation::UnicodeSegmentation;

#[derive(Default)]
struct WordStats {
    tf: f64,
    upper: f64,
    acronym: f64,
    sentences: Vec<usize>,
    left: HashSet<String>,
    right: HashSet<String>,
}

const MAX_NGRAM: usize = 3;

/// Chunks of words between punctuation, per sentence.
fn chunks<'a>(text: &'a str, sentences: &[(usize, usize)]) -> Vec<(usize, Vec<&'a str>)> {
    let mut out = Vec::new();
    for (si, &(s, e)) in sentences.iter().enumerate() {
        for piece in
            text[s..e].split(|c: char| c.is_ascii_punctuation() && c != '-' && c != '\'' || "«»“”„‘’—–…".contains(c))
        {
            // "d'une", "l'Ouest", "s'est": the elided article is not part of the word.
            let words: Vec<&str> = piece
                .unicode_words()
                .map(|w| match w.find(['\'', '’']) {
                    Some(p) if p <= 3 && p + 1 < w.len() => &w[p + w[p..].chars().next().map_or(1, char::len_utf8)..],
                    _ => w,
                })
                .collect();
            if !words.is_empty() {
                out.push((si, words));
            }
        }
    }
    out
}

pub fn keywords(
    text: &str,
    sentences: &[(usize, usize)],
    stopwords: &HashSet<String>,
    top: usize,
) -> Vec<(String, f64)> {
    let chunks = chunks(text, sentences);
    let mut stats: HashMap<String, WordStats> = HashMap::new();
    for (si, words) in &chunks {
        for (k, w) in words.iter().enumerate() {
            let key = w.to_lowercase();
            let st = stats.entry(key).or_default();
            st.tf += 1.0;
            if w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase()) {
                st.acronym += 1.0;
            } else if k > 0 && w.starts_with(char::is_uppercase) {
                st.upper += 1.0;
            }
            st.sentences.push(*si);
            if k > 0 {
                st.left.insert(words[k - 1].to_lowercase());
            }
            if k + 1 < words.len() {
                st.right.insert(words[k + 1].to_lowercase());
            }
        }
    }
    if stats.is_empty() {
        return Vec::new();
    }
    let content: Vec<f64> = stats.iter().filter(|(w, _)| !stopwords.contains(*w)).map(|(_, s)| s.tf).collect();
    let n = content.len().max(1) as f64;
    let mean = content.iter().sum::<f64>() / n;
    let sd = (content.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
    let max_tf = content.iter().cloned().fold(1.0, f64::max);
    let total_sentences = sentences.len().max(1) as f64;
    let score: HashMap<&str, f64> = stats
        .iter()
        .map(|(w, s)| {
            let t_case = s.upper.max(s.acronym) / (1.0 + s.tf.ln());
            let mut sent = s.sentences.clone();
            sent.sort_unstable();
            let median = sent[sent.len() / 2] as f64;
            let t_pos = (3.0 + median).ln().ln();
            let t_freq = s.tf / (mean + sd).max(1.0);
            let wl = s.left.len() as f64 / s.tf;
            let wr = s.right.len() as f64 / s.tf;
            let t_rel = 1.0 + (wl + wr) * s.tf / max_tf;
            sent.dedup();
            let t_sent = sent.len() as f64 / total_sentences;
            let sc = t_rel * t_pos / (t_case + t_freq / t_rel + t_sent / t_rel);
            (w.as_str(), sc)
        })
        .collect();
    let mut candidates: HashMap<String, (String, f64, Vec<String>)> = HashMap::new();
    for (_, words) in &chunks {
        for len in 1..=MAX_NGRAM {
            for gram in words.windows(len) {
                let lower: Vec<String> = gram.iter().map(|w| w.to_lowercase()).collect();
                let bad_edge =
                    |w: &String| stopwords.contains(w) || w.chars().count() < 3 || w.chars().all(|c| c.is_numeric());
                if bad_edge(&lower[0]) || bad_edge(&lower[len - 1]) {
                    continue;
                }
                let key = lower.join(" ");
                let entry = candidates.entry(key).or_insert_with(|| (gram.join(" "), 0.0, lower.clone()));
                entry.1 += 1.0;
            }
        }
    }
    let mut scored: Vec<(String, f64, Vec<String>)> = candidates
        .into_values()
        .map(|(surface, tf, words)| {
            let (mut prod, mut sum) = (1.0, 0.0);
            for w in &words {
                let s = score.get(w.as_str()).copied().unwrap_or(1.0);
                if stopwords.contains(w) {
                    // An inner stopword weakens the phrase (YAKE's stopword term, simplified).
                    prod *= 2.0;
                } else {
                    prod *= s;
                    sum += s;
                }
            }
            (surface, prod / (tf * (1.0 + sum)), words)
        })
        .collect();
    scored.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    let mut chosen: Vec<(String, f64, Vec<String>)> = Vec::new();
    for cand in scored {
        // Skip phrases that repeat a chosen one's words ("Corée" after "Corée du Nord").
        let overlaps = chosen.iter().any(|c| {
            let a: HashSet<&String> = c.2.iter().collect();
            let b: HashSet<&String> = cand.2.iter().collect();
            a.is_subset(&b) || b.is_subset(&a)
        });
        if !overlaps {
            chosen.push(cand);
        }
        if chosen.len() == top {
            break;
        }
    }
    chosen.into_iter().map(|(s, score, _)| (s, (score * 1e6).round() / 1e6)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::enrich::lexicon::Lexicon;
    use crate::pipeline::segment::sentence_spans;

    #[test]
    fn repeated_topic_words_rank_first() {
        let text = "The sea wall failed in March. The council will rebuild the sea wall. Residents voted for the sea wall after the storm. The harbour stays open.";
        let kw = keywords(text, &sentence_spans(text), Lexicon::get().stopwords_for(Some("en")), 5);
        assert!(kw[..2].iter().any(|(k, _)| k.to_lowercase().contains("sea wall")), "{kw:?}");
        assert!(kw.iter().all(|(k, _)| !k.starts_with("the ")));
    }
}
