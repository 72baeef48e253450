//! Direct quotes and who said them.
//!
//! A quote is text between quotation marks (“…”, «…», „…“, "…") of at least
//! four words; shorter ones are scare quotes or titles. The speaker is the
//! person or organization named next to a speech verb in the same sentence
//! ("…," said Harriet Lunde / a dit X / sagte X / declaró X; X a écrit : "…"),
//! the one named before a colon that introduces the quote, else the one named
//! with a speech verb in the previous sentence, else — for a quote that opens
//! its sentence — the speaker of the paragraph's previous quote. Pure.

use super::entities::FoundEntity;
use crate::model::EntityType;
use crate::pipeline::text::lexicon::Lexicon;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    /// Byte range of the quoted words (inside the marks).
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
}

const MIN_WORDS: usize = 4;
const MAX_QUOTE_BYTES: usize = 4000;

fn closing_for(open: char) -> Option<&'static [char]> {
    match open {
        '“' => Some(&['”', '“']),
        '«' => Some(&['»']),
        '„' => Some(&['“', '”']),
        '"' => Some(&['"']),
        _ => None,
    }
}

/// Quoted spans in text order, not crossing paragraphs.
fn quoted_spans(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let Some(closers) = closing_for(c) else {
            continue;
        };
        let inner_start = i + c.len_utf8();
        // Quotes are short; bounding the search keeps a page of unmatched marks linear.
        let mut limit = (inner_start + MAX_QUOTE_BYTES).min(text.len());
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let rest = &text[inner_start..limit];
        let Some(rel) = rest.find(closers) else {
            continue;
        };
        let inner = &rest[..rel];
        if inner.contains("\n\n") {
            continue;
        }
        let close_len = rest[rel..].chars().next().map_or(1, char::len_utf8);
        let outer_end = inner_start + rel + close_len;
        out.push((i, inner_start, inner_start + rel, outer_end));
        while iter.peek().is_some_and(|(j, _)| *j < outer_end) {
            iter.next();
        }
    }
    out
}

pub fn find_quotes(text: &str, sentences: &[(usize, usize)], entities: &[FoundEntity]) -> Vec<FoundQuote> {
    let lexicon = Lexicon::get();
    let speakers: Vec<(usize, usize, &str)> = entities
        .iter()
        .filter(|e| e.kind != EntityType::Loc)
        .flat_map(|e| e.mentions.iter().map(move |m| (m.0, m.1, e.name.as_str())))
        .collect();
    let persons: Vec<(usize, usize, &str)> = entities
        .iter()
        .filter(|e| e.kind == EntityType::Person)
        .flat_map(|e| e.mentions.iter().map(move |m| (m.0, m.1, e.name.as_str())))
        .collect();
    let sentence_of = |pos: usize| sentences.iter().position(|s| s.0 <= pos && pos < s.1.max(s.0 + 1));
    let paragraph_start = |pos: usize| text[..pos].rfind("\n\n").map_or(0, |p| p + 2);
    let spans = quoted_spans(text);
    let mut out: Vec<FoundQuote> = Vec::new();
    for (idx, &(open, start, end, close)) in spans.iter().enumerate() {
        let inner = &text[start..end];
        let trimmed = inner.trim();
        if trimmed.split_whitespace().count() < MIN_WORDS {
            continue;
        }
        let start = start + (inner.len() - inner.trim_start().len());
        let end = end - (inner.len() - inner.trim_end().len());
        let para = paragraph_start(open);
        let sentence = sentence_of(open);
        let sentence_start = sentence.map_or(para, |s| sentences[s].0).max(para);
        let para_end = text[close..].find("\n\n").map_or(text.len(), |p| close + p);
        // After the quote: up to the next quote or the end of its sentence.
        let next_open = spans.get(idx + 1).map_or(text.len(), |q| q.0);
        let after_end = sentence_of(close.saturating_sub(1))
            .map_or(para_end, |s| sentences[s].1)
            .max(close)
            .min(next_open)
            .min(para_end);
        let after_end = if after_end == close {
            // The quote ends its sentence: the attribution may be the next short clause.
            sentence_of(close).map_or(close, |s| sentences[s].1).min(next_open).min(para_end)
        } else {
            after_end
        };
        let prev_close = if idx > 0 { spans[idx - 1].3 } else { 0 };
        let before_start = sentence_start.max(prev_close).min(open);
        let after = (close, after_end);
        let before = (before_start, open);
        let speaker = attributed(text, after, &speakers, lexicon)
            .or_else(|| attributed(text, before, &speakers, lexicon))
            .or_else(|| {
                let lead = text[before.0..before.1].trim_end();
                lead.ends_with(':').then(|| nearest(&speakers, before.0, before.1, before.1)).flatten()
            })
            .or_else(|| {
                // Speaker in the previous sentence, when this quote opens its own.
                let opens = text[before.0..before.1].trim().is_empty();
                let s = sentence?;
                if !opens || s == 0 {
                    return None;
                }
                let prev = sentences[s - 1];
                let lead = text[prev.0..prev.1].trim_end();
                attributed(text, prev, &speakers, lexicon)
                    .filter(|_| lead.ends_with(':') || has_verb(&text[prev.0..prev.1], lexicon).is_some())
            })
            .or_else(|| {
                // "…," he said / a-t-il déclaré / sagte er / dijo: the last person named before.
                let window = &text[after.0..after.1];
                pronoun_attribution(window, lexicon)
                    .then(|| {
                        persons
                            .iter()
                            .filter(|(_, e, _)| *e <= open && open - e < 600)
                            .max_by_key(|(_, e, _)| *e)
                            .map(|(_, _, n)| n.to_string())
                    })
                    .flatten()
            })
            .or_else(|| {
                let opens = text[before.0..before.1].trim().is_empty();
                out.iter().rev().find(|q| q.start >= para).and_then(|q| q.speaker.clone()).filter(|_| opens)
            });
        out.push(FoundQuote { start, end, speaker });
    }
    out
}

const PRONOUNS: &[&str] = &["he", "she", "they", "il", "elle", "ils", "elles", "er", "sie", "él", "ella"];

/// A speech verb with a pronoun subject, or a bare Spanish verb (", dijo.").
fn pronoun_attribution(window: &str, lexicon: &Lexicon) -> bool {
    if has_verb(window, lexicon).is_none() {
        return false;
    }
    let lower = window.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| PRONOUNS.contains(w)) || words.len() == 1
}

/// Position of a speech verb (as a whole word) in `window`.
fn has_verb(window: &str, lexicon: &Lexicon) -> Option<usize> {
    let lower = window.to_lowercase();
    lexicon.speech.iter().find_map(|verb| {
        lower.match_indices(verb.as_str()).find_map(|(pos, _)| {
            let before_ok = lower[..pos].chars().next_back().map_or(true, |c| !c.is_alphanumeric());
            let after_ok = lower[pos + verb.len()..].chars().next().map_or(true, |c| !c.is_alphanumeric());
            (before_ok && after_ok).then_some(pos)
        })
    })
}

/// The speaker named in a window that holds a speech verb.
fn attributed(
    text: &str,
    (from, to): (usize, usize),
    speakers: &[(usize, usize, &str)],
    lexicon: &Lexicon,
) -> Option<String> {
    if from >= to {
        return None;
    }
    let window = &text[from..to];
    // `to_lowercase` can change byte lengths; map back conservatively.
    let verb_at = from + has_verb(window, lexicon)?.min(window.len());
    nearest(speakers, from, to, verb_at)
}

/// The speaker mention inside [from, to) closest to `anchor`.
fn nearest(speakers: &[(usize, usize, &str)], from: usize, to: usize, anchor: usize) -> Option<String> {
    speakers
        .iter()
        .filter(|(s, e, _)| *s >= from && *e <= to)
        .min_by_key(|(s, e, _)| if *s >= anchor { s - anchor } else { anchor - e })
        .map(|(_, _, name)| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::enrich::entities::find_entities;
    use crate::pipeline::text::sentence_spans;

    fn quotes(text: &str, lang: &str) -> Vec<(String, Option<String>)> {
        let sentences = sentence_spans(text);
        let entities = find_entities(text, &sentences, Some(lang));
        find_quotes(text, &sentences, &entities)
            .into_iter()
            .map(|q| (text[q.start..q.end].to_string(), q.speaker))
            .collect()
    }

    #[test]
    fn speakers_after_before_colon_and_continued() {
        let q = quotes("“We cannot keep patching this wall,” said Harriet Lunde, who chairs the committee. “This vote gives us a plan.”", "en");
        assert_eq!(
            q,
            vec![
                ("We cannot keep patching this wall,".to_string(), Some("Harriet Lunde".to_string())),
                ("This vote gives us a plan.".to_string(), Some("Harriet Lunde".to_string())),
            ]
        );
        let q = quotes("Vladimir Poutine est venu. Poutine a écrit, \"Nous apprécions absolument la position de la Corée.\" Un \"partenariat stratégique\" est prévu.", "fr");
        assert_eq!(
            q,
            vec![(
                "Nous apprécions absolument la position de la Corée.".to_string(),
                Some("Vladimir Poutine".to_string())
            )]
        );
        let q = quotes("Claus Weselsky sagte: „Wir werden weiter streiken, bis es ein Angebot gibt.“", "de");
        assert_eq!(q[0].1.as_deref(), Some("Claus Weselsky"));
        let q = quotes("«No vamos a cerrar ninguna planta este año», declaró Ana López en Valladolid.", "es");
        assert_eq!(q[0], ("No vamos a cerrar ninguna planta este año".to_string(), Some("Ana López".to_string())));
    }
}
