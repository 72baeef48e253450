//! Keywords by YAKE (Campos et al., 2020): unsupervised, per-document, with
//! per-language stopwords. Single words are scored on casing, position,
//! frequency, context diversity and spread over sentences; phrases of up to
//! three words that neither start nor end with a stopword are scored from
//! their words. Lower is better. Pure.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;

use crate::pipeline::text::lexicon::WordSet;

use rustc_hash::FxHashMap;

use super::LowerWords;
use crate::pipeline::text::attaches_to_space;
use crate::pipeline::text::lexicon::{lowercase_in, LOWER_BUF};
use crate::pipeline::text::unicode_word_indices_into;

const MAX_NGRAM: usize = 3;

/// A word of a chunk: as written, and its vocabulary index.
#[derive(Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    id: u32,
}

/// Chunks of words between punctuation, per sentence. A hyphenated compound
/// is one word ("week-end", "Rendez-vous", "three-year"), as a reader takes it.
#[cfg(test)]
fn chunks<'a>(text: &'a str, sentences: &[(usize, usize)]) -> Vec<(usize, Vec<&'a str>)> {
    let text_words = crate::pipeline::text::unicode_words(text);
    let mut out = Vec::new();
    each_chunk(text, sentences, &text_words, |si, words| {
        // A word that is one of the text's as written says which.
        for &(w, k) in words {
            assert!(k.is_none_or(|k| std::ptr::eq(w, text_words[k])), "{w:?} {k:?}");
        }
        out.push((si, words.iter().map(|&(w, _)| w).collect()))
    });
    out
}

/// The pieces of `sentence` between chunk breaks, as byte ranges, empty ones left out.
fn pieces(sentence: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let bytes = sentence.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i <= bytes.len() {
        while bytes.get(i).is_some_and(|&b| !MAY_BREAK[usize::from(b)]) {
            i += 1;
        }
        let cut = if i == bytes.len() { Some(0) } else { break_len(&bytes[i..]) };
        let Some(len) = cut else {
            i += 1;
            continue;
        };
        if from < i {
            out.push((from, i));
        }
        (from, i) = (i + len, i + len.max(1));
    }
}

/// Whether UAX-29 cuts `piece` alone where the whole text cuts it: a first
/// character that attaches to the one before (a combining mark, a joiner)
/// would stand alone in the piece.
fn starts_cleanly(piece: &str) -> bool {
    piece.chars().next().is_some_and(|c| !attaches_to_space(c))
}

/// Each chunk of `chunks` (its sentence and words) handed to `f`, in order,
/// from one reused buffer: no vector per chunk. A word that is one of
/// `text_words` unchanged (not joined by a hyphen, no elision cut off)
/// comes with its index there, so its lower case can be read, not redone.
/// `text_words` are the text's words (`unicode_words(text)`): a piece that
/// starts cleanly and that none of them crosses into or out of takes its
/// words from them, as UAX-29 on the piece alone would give them ("3.5",
/// "U.S." and "foo_bar" cross breaks); any other piece is cut again.
fn each_chunk<'a>(
    text: &'a str,
    sentences: &[(usize, usize)],
    text_words: &[&'a str],
    mut f: impl FnMut(usize, &[(&'a str, Option<usize>)]),
) {
    let at = |w: &str| w.as_ptr() as usize - text.as_ptr() as usize;
    let mut words: Vec<(&str, Option<usize>)> = Vec::new();
    // A span's byte range in the piece and its first word's place in `found`.
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut found: Vec<(usize, &str)> = Vec::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    // The first of `text_words` not yet read, and where those read end.
    let (mut next, mut reach) = (0, 0);
    for (si, &(s, e)) in sentences.iter().enumerate() {
        let sentence = &text[s..e];
        pieces(sentence, &mut cuts);
        for &(from, to) in &cuts {
            let piece = &sentence[from..to];
            let (from, to) = (s + from, s + to);
            while next < text_words.len() && at(text_words[next]) < from {
                reach = reach.max(at(text_words[next]) + text_words[next].len());
                next += 1;
            }
            let mut reuse = reach <= from && starts_cleanly(piece);
            let first = next;
            found.clear();
            while next < text_words.len() && at(text_words[next]) < to {
                let w = text_words[next];
                reach = reach.max(at(w) + w.len());
                reuse &= reach <= to;
                found.push((at(w) - from, w));
                next += 1;
            }
            if !reuse {
                unicode_word_indices_into(piece, &mut found);
            }
            spans.clear();
            for (j, &(start, w)) in found.iter().enumerate() {
                match spans.last_mut() {
                    Some(last) if &piece[last.1..start] == "-" => last.1 = start + w.len(),
                    _ => spans.push((start, start + w.len(), j)),
                }
            }
            // "d'une", "l'Ouest", "s'est": the elided article is not part of the word.
            words.clear();
            // A plain loop: an `extend` of a mapped iterator was not always
            // inlined here.
            for &(a, b, j) in &spans {
                let w = after_elision(&piece[a..b]);
                let whole = reuse && w.len() == b - a && b - a == found[j].1.len();
                words.push((w, whole.then_some(first + j)));
            }
            if !words.is_empty() {
                f(si, &words);
            }
        }
    }
}

/// "d'une" → "une", "l’Ouest" → "Ouest": the word after an apostrophe in
/// its first four bytes, when something follows it. Only those bytes are
/// read: a first apostrophe further on leaves the word whole anyway.
fn after_elision(w: &str) -> &str {
    let b = w.as_bytes();
    for p in 0..b.len().min(4) {
        let len = match b[p] {
            b'\'' => 1,
            0xE2 if b[p..].starts_with("’".as_bytes()) => 3,
            _ => continue,
        };
        return if p + 1 < w.len() { &w[p + len..] } else { w };
    }
    w
}

/// Fewer than three characters: yes under three bytes, no over eight (a
/// character takes four bytes at most), else counted.
fn shorter_than_3_chars(w: &str) -> bool {
    w.len() < 3 || (w.len() <= 8 && w.chars().count() < 3)
}

/// "NATO", "ÖVP": two or more characters, all upper case.
fn all_capitals(w: &str) -> bool {
    // Most words start with a lower-case ASCII letter: no need to read on.
    if w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    if w.is_ascii() {
        // An ASCII character is upper case iff it is an ASCII capital.
        return w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase());
    }
    w.chars().count() > 1 && w.chars().all(char::is_uppercase)
}

/// Bytes a chunk break can start with: ASCII punctuation, `C2`, `E2`.
static MAY_BREAK: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_punctuation() || b == 0xC2 || b == 0xE2;
        b += 1;
    }
    t
};

/// The byte length of the chunk break starting `rest`, if one does: ASCII
/// punctuation but the hyphen and the apostrophe, « » (`C2 AB`, `C2 BB`),
/// “ ” „ ‘ ’ — – … (`E2 80 ..`). Any other byte (a continuation byte too) is no break.
fn break_len(rest: &[u8]) -> Option<usize> {
    match rest {
        [b, ..] if b.is_ascii_punctuation() => (*b != b'-' && *b != b'\'').then_some(1),
        [0xC2, 0xAB | 0xBB, ..] => Some(2),
        [0xE2, 0x80, 0x93 | 0x94 | 0x98 | 0x99 | 0x9C | 0x9D | 0x9E | 0xA6, ..] => Some(3),
        _ => None,
    }
}

/// A phrase as the text writes it, from its first word to its last (an
/// elided article inside stays: "rachat de l'ancien"), on one line.
fn surface(text: &str, gram: &[Word]) -> String {
    let offset = |w: &str| w.as_ptr() as usize - text.as_ptr() as usize;
    let (first, last) = (gram[0].text, gram[gram.len() - 1].text);
    let slice = &text[offset(first)..offset(last) + last.len()];
    if slice.contains(char::is_whitespace) {
        slice.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        slice.to_string()
    }
}

/// The `top` keyphrases of `text`, YAKE-style. Long because the index tables
/// (vocabulary, per-word statistics, candidates) stay local to one function:
/// passing them between helpers cost more than the split was worth here.
pub(crate) fn keywords<'a>(
    text: &'a str,
    sentences: &[(usize, usize)],
    words: &[&'a str],
    lower: &'a LowerWords,
    stopwords: &WordSet,
    top: usize,
) -> Vec<(String, f64)> {
    debug_assert_eq!(lower.text_words().count(), words.len(), "the lower-cased words are these words");
    // Every distinct lower-cased word gets an index once; everything after
    // works on indices (no further lower-casing, hashing of strings or
    // allocation per occurrence).
    // Sized from the text (lookups only, never iterated): no regrowth on long articles.
    let distinct_guess = text.len() / 16 + 16;
    let mut vocabulary: FxHashMap<Cow<'a, str>, u32> =
        FxHashMap::with_capacity_and_hasher(distinct_guess, Default::default());
    let mut is_stop: Vec<bool> = Vec::with_capacity(distinct_guess);
    let mut bad_edge: Vec<bool> = Vec::with_capacity(distinct_guess);
    // All chunks' words in one vector; a chunk is its sentence and a range of it.
    let mut flat: Vec<Word> = Vec::with_capacity(text.len() / 6);
    let mut ranges: Vec<(usize, usize, usize)> = Vec::with_capacity(2 * sentences.len() + 16);
    each_chunk(text, sentences, words, |si, words| {
        let from = flat.len();
        for &(w, k) in words {
            // The text's words come lower-cased; any other is lower-cased
            // in a stack buffer, and only a new word's key is kept.
            let mut buf = [0; LOWER_BUF];
            let next = vocabulary.len() as u32;
            let lowered = match k {
                Some(k) => Cow::Borrowed(lower.text_word(k)),
                None => lowercase_in(w, &mut buf),
            };
            let id = match vocabulary.get(lowered.as_ref()) {
                Some(&id) => id,
                None => {
                    // The lookup's lower case, kept: borrowed from the text
                    // or the lower-cased words where it is there, else its own copy.
                    let key: Cow<'a, str> = match (k, lowered) {
                        (Some(k), _) => Cow::Borrowed(lower.text_word(k)),
                        (None, Cow::Borrowed(l)) if l.as_ptr() == w.as_ptr() && l.len() == w.len() => Cow::Borrowed(w),
                        (None, other) => Cow::Owned(other.into_owned()),
                    };
                    let stop = stopwords.contains(key.as_ref());
                    is_stop.push(stop);
                    bad_edge.push(stop || shorter_than_3_chars(&key) || key.chars().all(|c| c.is_numeric()));
                    vocabulary.insert(key, next);
                    next
                }
            };
            flat.push(Word { text: w, id });
        }
        ranges.push((si, from, flat.len()));
    });
    let chunks: Vec<(usize, &[Word])> = ranges.iter().map(|&(si, a, b)| (si, &flat[a..b])).collect();
    let distinct = is_stop.len();
    if distinct == 0 {
        return Vec::new();
    }
    // Per-word counts, and every occurrence's sentence and neighbours in flat
    // tables (one allocation each rather than three vectors per word).
    let mut tf = vec![0u32; distinct];
    let mut upper = vec![0u32; distinct];
    let mut acronym = vec![0u32; distinct];
    // Distinct adjacent pairs (a, b), each counted once as it is first met.
    let mut neighbours: HashSet<u64> = HashSet::with_capacity_and_hasher(flat.len(), Default::default());
    let (mut left, mut right) = (vec![0u32; distinct], vec![0u32; distinct]);
    for &(_, words) in &chunks {
        for (k, w) in words.iter().enumerate() {
            let id = w.id as usize;
            tf[id] += 1;
            if all_capitals(w.text) {
                acronym[id] += 1;
            } else if k > 0 && w.text.starts_with(char::is_uppercase) {
                upper[id] += 1;
            }
            // Each adjacent pair once: a distinct pair (a, b) is one distinct
            // right neighbour of a and one distinct left neighbour of b.
            if k > 0 && neighbours.insert((u64::from(words[k - 1].id) << 32) | u64::from(w.id)) {
                right[words[k - 1].id as usize] += 1;
                left[id] += 1;
            }
        }
    }
    // Occurrence sentences grouped per word, in text order (a counting sort).
    let mut start = Vec::with_capacity(distinct + 1);
    let mut total = 0usize;
    for &n in &tf {
        start.push(total);
        total += n as usize;
    }
    start.push(total);
    let mut sentence_of = vec![0usize; total];
    let mut fill = start[..distinct].to_vec();
    for &(si, words) in &chunks {
        for w in words {
            let at = &mut fill[w.id as usize];
            sentence_of[*at] = si;
            *at += 1;
        }
    }
    let content: Vec<f64> = tf.iter().zip(&is_stop).filter(|(_, &stop)| !stop).map(|(&n, _)| f64::from(n)).collect();
    let n = content.len().max(1) as f64;
    let mean = content.iter().sum::<f64>() / n;
    let sd = (content.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
    let max_tf = content.iter().cloned().fold(1.0, f64::max);
    let total_sentences = sentences.len().max(1) as f64;
    // The logarithms depend on a count and a sentence index only: each is
    // taken once per value, not once per word (most words share them).
    let mut ln_tf: Vec<f64> = vec![f64::NAN; tf.iter().max().map_or(0, |&n| n as usize) + 1];
    let mut ln_pos: Vec<f64> = vec![f64::NAN; sentences.len().max(1)];
    // Filled by a plain loop, as in `each_chunk`.
    let mut score: Vec<f64> = Vec::with_capacity(distinct);
    for id in 0..distinct {
        let tf_w = f64::from(tf[id]);
        let n = tf[id] as usize;
        if ln_tf[n].is_nan() {
            ln_tf[n] = 1.0 + tf_w.ln();
        }
        let t_case = f64::from(upper[id].max(acronym[id])) / ln_tf[n];
        let occurrences = &sentence_of[start[id]..start[id + 1]];
        let si = occurrences[occurrences.len() / 2];
        if ln_pos[si].is_nan() {
            ln_pos[si] = (3.0 + si as f64).ln().ln();
        }
        let t_pos = ln_pos[si];
        let t_freq = tf_w / (mean + sd).max(1.0);
        let wl = f64::from(left[id]) / tf_w;
        let wr = f64::from(right[id]) / tf_w;
        let t_rel = 1.0 + (wl + wr) * tf_w / max_tf;
        let spread = 1 + occurrences.windows(2).filter(|p| p[0] != p[1]).count();
        let t_sent = spread as f64 / total_sentences;
        score.push(t_rel * t_pos / (t_case + t_freq / t_rel + t_sent / t_rel));
    }
    // Candidate phrases by their words' indices, packed 32 bits each into one
    // key (`u32::MAX` past the phrase's end: hashed as two words, not as a
    // slice); the first occurrence gives the surface form. A single word's
    // candidate is found by its index alone, in a table (no hashing).
    let mut index: FxHashMap<u128, usize> = FxHashMap::with_capacity_and_hasher(total + 16, Default::default());
    let mut single = vec![usize::MAX; distinct];
    let mut candidates: Vec<(&[Word], f64)> = Vec::with_capacity(total + 16);
    for &(_, words) in &chunks {
        for len in 1..=MAX_NGRAM {
            for gram in words.windows(len) {
                if bad_edge[gram[0].id as usize] || bad_edge[gram[len - 1].id as usize] {
                    continue;
                }
                let at = if len == 1 {
                    let at = &mut single[gram[0].id as usize];
                    if *at == usize::MAX {
                        candidates.push((gram, 0.0));
                        *at = candidates.len() - 1;
                    }
                    *at
                } else {
                    let mut key = 0u128;
                    for k in (0..MAX_NGRAM).rev() {
                        key = key << 32 | u128::from(gram.get(k).map_or(u32::MAX, |w| w.id));
                    }
                    *index.entry(key).or_insert_with(|| {
                        candidates.push((gram, 0.0));
                        candidates.len() - 1
                    })
                };
                candidates[at].1 += 1.0;
            }
        }
    }
    // (phrase, score, first-seen rank): the rank keeps equal surfaces in text order.
    let mut scored: Vec<(&[Word], f64, usize)> = candidates
        .into_iter()
        .enumerate()
        .map(|(rank, (gram, tf))| {
            let (mut prod, mut sum) = (1.0, 0.0);
            for w in gram {
                let s = score[w.id as usize];
                if is_stop[w.id as usize] {
                    // An inner stopword weakens the phrase (YAKE's stopword term, simplified).
                    prod *= 2.0;
                } else {
                    prod *= s;
                    sum += s;
                }
            }
            (gram, prod / (tf * (1.0 + sum)), rank)
        })
        .collect();
    // By score, ties by surface. Only the best few phrases are ever read, so
    // they are selected first and sorted; the rest is sorted only when
    // overlaps use them up. A tied run is ordered on its surfaces when the
    // walk reaches it.
    let by_score = |a: &(&[Word], f64, usize), b: &(&[Word], f64, usize)| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2));
    let mut sorted_to = scored.len().min(top.saturating_mul(8).max(1));
    if sorted_to < scored.len() {
        scored.select_nth_unstable_by(sorted_to - 1, by_score);
        // Pull the rest of the boundary's tied run into the sorted prefix.
        let edge = scored[sorted_to - 1].1;
        let rest = &mut scored[sorted_to..];
        let mut ties = 0;
        for k in 0..rest.len() {
            if rest[k].1.total_cmp(&edge).is_eq() {
                rest.swap(k, ties);
                ties += 1;
            }
        }
        sorted_to += ties;
    }
    scored[..sorted_to].sort_unstable_by(by_score);
    let ids = |g: &[Word]| -> HashSet<u32> { g.iter().map(|w| w.id).collect() };
    let mut chosen: Vec<(&[Word], f64, HashSet<u32>)> = Vec::new();
    let mut from = 0;
    'runs: while from < scored.len() {
        if from == sorted_to {
            scored[sorted_to..].sort_unstable_by(by_score);
            sorted_to = scored.len();
        }
        let to = from + scored[from..sorted_to].partition_point(|x| x.1.total_cmp(&scored[from].1).is_eq());
        if to - from > 1 {
            scored[from..to].sort_by_cached_key(|x| (surface(text, x.0), x.2));
        }
        for &(gram, score, _) in &scored[from..to] {
            // Skip phrases that repeat a chosen one's words ("Corée" after "Corée du Nord").
            let words = ids(gram);
            let overlaps = chosen.iter().any(|c| c.2.is_subset(&words) || words.is_subset(&c.2));
            if !overlaps {
                chosen.push((gram, score, words));
            }
            if chosen.len() == top {
                break 'runs;
            }
        }
        from = to;
    }
    chosen.into_iter().map(|(gram, score, _)| (surface(text, gram), (score * 1e6).round() / 1e6)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::text::lexicon::Lexicon;
    use crate::pipeline::text::{sentence_spans, unicode_words};

    /// `chunks` as first written: `str::split` on a character class.
    fn chunks_by_split<'a>(text: &'a str, sentences: &[(usize, usize)]) -> Vec<(usize, Vec<&'a str>)> {
        let mut out = Vec::new();
        for (si, &(s, e)) in sentences.iter().enumerate() {
            for piece in text[s..e].split(|c: char| {
                c.is_ascii_punctuation() && c != '-' && c != '\''
                    || matches!(c, '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '—' | '–' | '…')
            }) {
                let mut spans: Vec<(usize, usize)> = Vec::new();
                for (start, w) in crate::pipeline::text::unicode_word_indices(piece) {
                    match spans.last_mut() {
                        Some(last) if &piece[last.1..start] == "-" => last.1 = start + w.len(),
                        _ => spans.push((start, start + w.len())),
                    }
                }
                let words: Vec<&str> = spans
                    .iter()
                    .map(|&(a, b)| &piece[a..b])
                    .map(|w| match w.find(['\'', '’']) {
                        Some(p) if p <= 3 && p + 1 < w.len() => {
                            &w[p + w[p..].chars().next().map_or(1, char::len_utf8)..]
                        }
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

    #[test]
    fn chunks_on_bytes_match_the_split() {
        let mut texts =
            crate::pipeline::text::generated::Texts::over("aB1 .,-'’«»“”„‘—–…é€\u{2022}\u{ab}\u{e2}\u{80}d");
        for _ in 0..20_000 {
            let len = (texts.next() % 14) as usize;
            let text = texts.text(len);
            let sentences = [(0, text.len())];
            assert_eq!(chunks(&text, &sentences), chunks_by_split(&text, &sentences), "{text:?}");
        }
    }

    #[test]
    fn chunks_from_the_text_words_match_cutting_each_piece() {
        // Characters UAX-29 joins across a break or attaches to one: marks,
        // joiners, `_`, Hebrew and its quote, flags, Devanagari vowel signs.
        let mut texts = crate::pipeline::text::generated::Texts::over(
            "aZ1 .,:;'’‘-_\"“«…—\n\u{a0}é\u{301}\u{200d}\u{ad}\u{93e}कא🇫🇷!?東カ\u{3000}ю",
        );
        for _ in 0..60_000 {
            let len = (texts.next() % 24) as usize;
            let text = texts.text(len);
            for sentences in [vec![(0, text.len())], sentence_spans(&text)] {
                assert_eq!(chunks(&text, &sentences), chunks_by_split(&text, &sentences), "{text:?}");
            }
        }
    }

    #[test]
    fn shorter_than_3_chars_matches_the_count() {
        let mut texts = crate::pipeline::text::generated::Texts::over("aé東🇫");
        for _ in 0..20_000 {
            let len = (texts.next() % 7) as usize;
            let w = texts.text(len);
            assert_eq!(shorter_than_3_chars(&w), w.chars().count() < 3, "{w:?}");
        }
    }

    #[test]
    fn all_capitals_on_bytes_matches_the_character_test() {
        let mut texts = crate::pipeline::text::generated::Texts::over("AÉZaé1-ß\u{212a}");
        for _ in 0..20_000 {
            let len = (texts.next() % 6) as usize;
            let w = texts.text(len);
            let by_chars = w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase());
            assert_eq!(all_capitals(&w), by_chars, "{w:?}");
        }
    }

    /// The `top` keyphrases of `text` in language `lang`, as enrich asks for them.
    fn keywords_of(text: &str, lang: &str, top: usize) -> Vec<(String, f64)> {
        let words = unicode_words(text);
        let stopwords = Lexicon::get().stopwords_for(Some(lang));
        keywords(text, &sentence_spans(text), &words, &LowerWords::new("", text, &words), stopwords, top)
    }

    #[test]
    fn repeated_topic_words_rank_first() {
        let text = "The sea wall failed in March. The council will rebuild the sea wall. Residents voted for the sea wall after the storm. The harbour stays open.";
        let kw = keywords_of(text, "en", 5);
        assert!(kw[..2].iter().any(|(k, _)| k.to_lowercase().contains("sea wall")), "{kw:?}");
        assert!(kw.iter().all(|(k, _)| !k.starts_with("the ")));
    }

    #[test]
    fn hyphenated_compounds_stay_one_word_and_phrases_keep_their_spelling() {
        let text = "Le festival a attiré des spectateurs ce week-end. Le week-end prochain, le festival revient. \
                    La ville investit trois millions d'euros. Ces millions d'euros financent le festival.";
        let kw = keywords_of(text, "fr", 10);
        let terms: Vec<&str> = kw.iter().map(|(k, _)| k.as_str()).collect();
        assert!(terms.iter().any(|k| k.contains("week-end")), "{terms:?}");
        assert!(terms.iter().all(|k| !k.contains("week end") && *k != "end"), "{terms:?}");
        assert!(terms.iter().any(|k| k.contains("millions d'euros")), "{terms:?}");
    }
}
