//! Tokens and the feature hashes the entity tagger scores, shared by inference
//! and the training tool (`tools/ner/train_tagger.rs`) so both see exactly the
//! same features.
//!
//! Only *candidate* tokens are tagged: capitalised words and the particles
//! between two of them ("Banco de España", "Ludwig van Beethoven"). Every other
//! token is outside any entity, which keeps the tagger's cost to the few tokens
//! that can start or continue a name; those tokens still serve as context.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::pipeline::text::lexicon::{lowercase, Lexicon, WordSet};

/// Lower-case words that join two capitalised words inside one name
/// (`is_connector`, a `match` rather than a scan of the list, answers for it).
#[cfg(test)]
const CONNECTORS: &[&str] = &[
    "de", "du", "des", "la", "le", "del", "della", "y", "e", "van", "von", "der", "den", "di", "da", "of", "al", "el",
    "dos", "das", "do", "zu", "and", "et", "und", "&", "for", "the", "on", "upon", "am", "im", "an", "auf", "bin",
    "ibn", "ter", "ten", "d'", "l'", "'s", "’s",
];

/// Whether `w` is one of `CONNECTORS`.
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "de" | "du"
            | "des"
            | "la"
            | "le"
            | "del"
            | "della"
            | "y"
            | "e"
            | "van"
            | "von"
            | "der"
            | "den"
            | "di"
            | "da"
            | "of"
            | "al"
            | "el"
            | "dos"
            | "das"
            | "do"
            | "zu"
            | "and"
            | "et"
            | "und"
            | "&"
            | "for"
            | "the"
            | "on"
            | "upon"
            | "am"
            | "im"
            | "an"
            | "auf"
            | "bin"
            | "ibn"
            | "ter"
            | "ten"
            | "d'"
            | "l'"
            | "'s"
            | "’s"
    )
}

/// One token of a sentence with what its features need.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub text: &'a str,
    /// `text` lower-cased, for the tokens the features read: candidates and
    /// the two tokens either side of one. Any other token keeps `text` as written.
    pub lower: Cow<'a, str>,
    /// First word of its sentence, or right after an opening quote or bracket.
    pub initial: bool,
    pub candidate: bool,
    /// What the rules (`entities`) tagged this token, as a tag index (0: nothing).
    pub rule: u8,
}

/// Words a document also writes in lower case: a capitalised one of them is
/// probably capitalised by its position only.
pub(crate) type LowerWords<'a> = HashSet<&'a str, FxBuildHasher>;

pub(crate) fn is_capitalised(word: &str) -> bool {
    let b = word.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_uppercase() => true,
        // One pass over the bytes: an ASCII capital answers, a non-ASCII
        // character sends the rest to the character test.
        Some(c) if c.is_ascii_lowercase() => {
            b.len() > 2
                && match b[1..].iter().position(|&c| c.is_ascii_uppercase() || c >= 0x80) {
                    Some(p) if b[1 + p] >= 0x80 => word[1 + p..].chars().any(char::is_uppercase),
                    found => found.is_some(),
                }
        }
        Some(c) if *c < 0x80 => false,
        _ => {
            let mut chars = word.chars();
            match chars.next() {
                Some(c) if c.is_uppercase() => true,
                // "iPhone", "eBay", "al-Assad" stay candidates through their capitals.
                Some(c) if c.is_lowercase() => word.len() > 2 && chars.any(char::is_uppercase),
                _ => false,
            }
        }
    }
}

/// Builds the tokens of one sentence and marks candidates.
pub fn sentence_tokens<'a>(words: &[&'a str]) -> Vec<Token<'a>> {
    sentence_tokens_lowered(words, |_, w| lowercase(w))
}

/// `sentence_tokens`, word `k`'s lower case read from `lower(k, word)`, which
/// must equal `lowercase(word)`: the tagger slices ASCII words out of its
/// page lowered once rather than lower-casing (and copying) each capitalised one.
pub(crate) fn sentence_tokens_lowered<'a>(
    words: &[&'a str],
    lower: impl Fn(usize, &'a str) -> Cow<'a, str>,
) -> Vec<Token<'a>> {
    let mut toks: Vec<Token<'a>> = Vec::with_capacity(words.len());
    let mut initial = true;
    for &w in words {
        // Every opener is one character of at most three bytes.
        let opener =
            w.len() <= 3 && matches!(w, "\"" | "«" | "“" | "„" | "(" | "[" | "'" | "‘" | ":" | "—" | "–" | "-");
        // Lower-cased below, only where the features look.
        toks.push(Token { text: w, lower: Cow::Borrowed(w), initial, candidate: is_capitalised(w), rule: 0 });
        initial = opener || (initial && !w.chars().any(char::is_alphanumeric));
    }
    // Connectors between two candidates (up to two in a row: "Banco de la Nación").
    let n = toks.len();
    let connector = |toks: &[Token<'a>], k: usize| is_connector(&lower(k, toks[k].text));
    let mut i = 1;
    while i < n {
        if !toks[i].candidate && toks[i - 1].candidate && connector(&toks, i) {
            let mut j = i;
            while j < n && j < i + 2 && !toks[j].candidate && connector(&toks, j) {
                j += 1;
            }
            if j < n && toks[j].candidate {
                for t in &mut toks[i..j] {
                    t.candidate = true;
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    // The feature window: a candidate and two tokens either side, each token once.
    let mut next = 0;
    for c in 0..n {
        if toks[c].candidate {
            let to = (c + 3).min(n);
            for k in c.saturating_sub(2).max(next)..to {
                toks[k].lower = lower(k, toks[k].text);
            }
            next = to;
        }
    }
    toks
}

/// Maximal runs of candidate tokens, as index ranges.
pub fn candidate_runs(toks: &[Token]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].candidate {
            let start = i;
            while i < toks.len() && toks[i].candidate {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Feature templates; the number seeds the hash so equal strings differ by template.
#[derive(Clone, Copy)]
#[repr(u64)]
enum T {
    Bias = 1,
    Word,
    Prev,
    Next,
    Prev2,
    Next2,
    PrevWord,
    WordNext,
    Prefix3,
    Suffix3,
    Suffix2,
    Shape,
    Shapes3,
    Initial,
    LowerElsewhere,
    Place,
    Org,
    Title,
    OrgWord,
    LegalForm,
    NextLegalForm,
    PlaceBefore,
    Stopword,
    RunPos,
    Month,
    IsTitle,
    Exact,
    Suffix4,
    PrevPrevWord,
    Rule,
    RuleAround,
}

fn hash(t: T, s: &str) -> u64 {
    xxh3_64_with_seed(s.as_bytes(), t as u64)
}

fn hash_bytes(t: T, b: &[u8]) -> u64 {
    xxh3_64_with_seed(b, t as u64)
}

/// The hashes of the features that take a few fixed values (flags, the
/// rules' tags, the place in the run), computed once rather than per token.
struct Fixed {
    bias: u64,
    initial: [u64; 2],
    /// By (written in lower case elsewhere, initial).
    lower_elsewhere: [[u64; 2]; 2],
    place: [[u64; 4]; 3],
    org: [u64; 2],
    title: u64,
    is_title: u64,
    org_word: u64,
    legal_form: u64,
    next_legal_form: u64,
    place_before: u64,
    stopword: u64,
    month: u64,
    /// Tag indexes 0..10 (9: no token there).
    rule: [u64; 10],
    rule_around: Vec<u64>,
    run_pos: [[u64; 3]; 5],
}

fn fixed() -> &'static Fixed {
    static FIXED: std::sync::OnceLock<Fixed> = std::sync::OnceLock::new();
    FIXED.get_or_init(|| Fixed {
        bias: hash(T::Bias, ""),
        initial: [hash(T::Initial, "0"), hash(T::Initial, "1")],
        lower_elsewhere: [
            [hash(T::LowerElsewhere, "f"), hash(T::LowerElsewhere, "fi")],
            [hash(T::LowerElsewhere, "t"), hash(T::LowerElsewhere, "ti")],
        ],
        place: std::array::from_fn(|pos| std::array::from_fn(|kind| hash_bytes(T::Place, &[pos as u8, kind as u8]))),
        org: [hash(T::Org, "b"), hash(T::Org, "i")],
        title: hash(T::Title, ""),
        is_title: hash(T::IsTitle, ""),
        org_word: hash(T::OrgWord, ""),
        legal_form: hash(T::LegalForm, ""),
        next_legal_form: hash(T::NextLegalForm, ""),
        place_before: hash(T::PlaceBefore, ""),
        stopword: hash(T::Stopword, ""),
        month: hash(T::Month, ""),
        rule: std::array::from_fn(|r| hash_bytes(T::Rule, &[r as u8])),
        rule_around: (0..1000u32)
            .map(|k| hash_bytes(T::RuleAround, &[(k / 100) as u8, (k / 10 % 10) as u8, (k % 10) as u8]))
            .collect(),
        run_pos: std::array::from_fn(|len| std::array::from_fn(|at| hash_bytes(T::RunPos, &[len as u8, at as u8]))),
    })
}

fn hash2(t: T, a: &str, b: &str) -> u64 {
    xxh3_64_with_seed(a.as_bytes(), t as u64) ^ xxh3_64_with_seed(b.as_bytes(), (t as u64) << 8).rotate_left(17)
}

/// "Xxxx", "XX", "X.X.", "Xx-Xx", "dddd": character classes with runs collapsed.
#[cfg(test)]
fn shape(word: &str, out: &mut String) {
    out.clear();
    push_shape(word, out);
}

/// `shape`, appended to `out`.
fn push_shape(word: &str, out: &mut String) {
    if word.is_ascii() {
        // The same classes on bytes: ASCII has no other upper- or lower-case letters nor digits.
        let mut last = 0u8;
        for (k, &b) in word.as_bytes().iter().enumerate() {
            let class = match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                _ => b,
            };
            if class != last || k < 2 {
                out.push(char::from(class));
            }
            last = class;
        }
        return;
    }
    push_shape_by_chars(word, out);
}

/// `push_shape` for any word, character by character.
fn push_shape_by_chars(word: &str, out: &mut String) {
    let mut last = '\0';
    for (k, c) in word.chars().enumerate() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if class != last || k < 2 {
            out.push(class);
        }
        last = class;
    }
}

#[cfg(test)]
fn affix(word: &str, n: usize, suffix: bool) -> &str {
    affix_of(word, word.is_ascii(), n, suffix)
}

/// `affix`, told whether `word` is ASCII (asked once for a token's four affixes).
fn affix_of(word: &str, ascii: bool, n: usize, suffix: bool) -> &str {
    // ASCII: a character is a byte.
    if ascii {
        return match (word.len() <= n, suffix) {
            (true, _) => word,
            (false, true) => &word[word.len() - n..],
            (false, false) => &word[..n],
        };
    }
    let count = word.chars().count();
    if count <= n {
        return word;
    }
    if suffix {
        let at = word.char_indices().nth(count - n).map_or(0, |(i, _)| i);
        &word[at..]
    } else {
        let at = word.char_indices().nth(n).map_or(word.len(), |(i, _)| i);
        &word[..at]
    }
}

/// Longest gazetteer entries that start at token `i`, in tokens: the place
/// (with its kind) when `place`, the organization when `org`; the names of
/// up to four tokens are joined once for both.
fn gazetteer_match(
    toks: &[Token],
    i: usize,
    lx: &Lexicon,
    (place, org): (bool, bool),
    buf: &mut String,
) -> (Option<(usize, u8)>, Option<usize>) {
    buf.clear();
    let mut best = (None, None);
    for k in i..toks.len().min(i + 4) {
        if !toks[k].candidate {
            break;
        }
        if k > i {
            buf.push(' ');
        }
        buf.push_str(toks[k].text);
        if place {
            if let Some(kind) = lx.places.get(buf.as_str()) {
                let code = match kind.as_bytes().first() {
                    Some(b'c') if kind.starts_with("country") => 1,
                    Some(b'c') => 2,
                    _ => 3,
                };
                best.0 = Some((k + 1 - i, code));
            }
        }
        if org && lx.orgs.contains(buf.as_str()) {
            best.1 = Some(k + 1 - i);
        }
        let more = k + 1 < toks.len().min(i + 4) && toks[k + 1].candidate;
        if more && !lx.gazetteer_heads.contains(buf.as_str()) {
            break;
        }
    }
    best
}

/// Scratch space reused across tokens, so feature extraction does not allocate.
#[derive(Default)]
pub struct Scratch {
    /// The shapes of this sentence's tokens met so far, one after another,
    /// and per token its range there (`u32::MAX`: not yet met): a token's
    /// shape is read for it and for both neighbours.
    shapes: String,
    shape_at: Vec<(u32, u32)>,
    shape2: String,
    buf: String,
    /// Per token: (place match covering it: 0 none, 1 begin, 2 inside) × kind, org likewise.
    place: Vec<(u8, u8)>,
    org: Vec<u8>,
    /// Per token, `is_legal_form_word` once asked: 0 not yet, 1 no, 2 yes.
    legal_form: Vec<u8>,
}

/// Per-sentence gazetteer spans, computed once before the token features.
pub fn prepare(toks: &[Token], lx: &Lexicon, scratch: &mut Scratch) {
    scratch.place.clear();
    scratch.place.resize(toks.len(), (0, 0));
    scratch.org.clear();
    scratch.org.resize(toks.len(), 0);
    scratch.legal_form.clear();
    scratch.legal_form.resize(toks.len(), 0);
    scratch.shapes.clear();
    scratch.shape_at.clear();
    scratch.shape_at.resize(toks.len(), (u32::MAX, u32::MAX));
    let mut buf = std::mem::take(&mut scratch.buf);
    for i in 0..toks.len() {
        if !toks[i].candidate || !toks[i].text.starts_with(char::is_uppercase) {
            continue;
        }
        let wanted = (scratch.place[i].0 == 0, scratch.org[i] == 0);
        if !(wanted.0 || wanted.1) {
            continue;
        }
        let (place, org) = gazetteer_match(toks, i, lx, wanted, &mut buf);
        if let Some((len, kind)) = place {
            scratch.place[i] = (1, kind);
            for k in i + 1..i + len {
                scratch.place[k] = (2, kind);
            }
        }
        if let Some(len) = org {
            scratch.org[i] = 1;
            for k in i + 1..i + len {
                scratch.org[k] = 2;
            }
        }
    }
    scratch.buf = buf;
}

/// Whether token `k` is a legal form word, answered once per token in its
/// sentence (`prepare` resets them): asked for a token and its successor.
fn legal_form_at(toks: &[Token], k: usize, lx: &Lexicon, scratch: &mut Scratch) -> bool {
    match scratch.legal_form[k] {
        0 => {
            let legal = lx.is_legal_form_word(toks[k].text);
            scratch.legal_form[k] = 1 + u8::from(legal);
            legal
        }
        known => known == 2,
    }
}

/// The shape of token `k`, computed on first use in its sentence (`prepare` resets them).
fn cached_shape(toks: &[Token], k: usize, scratch: &mut Scratch) -> std::ops::Range<usize> {
    let (a, b) = scratch.shape_at[k];
    if a != u32::MAX {
        return a as usize..b as usize;
    }
    let a = scratch.shapes.len();
    push_shape(toks[k].text, &mut scratch.shapes);
    let b = scratch.shapes.len();
    scratch.shape_at[k] = (a as u32, b as u32);
    a..b
}

/// The feature hashes of token `i` (a candidate inside run `run`), appended to `out`.
/// Long because it is the model's feature template, one feature a line; the
/// trainer calls the same function, so the weights and the code cannot drift.
/// `scratch` must come from `prepare` over the same tokens: its per-token
/// caches (shapes, legal forms) are indexed by token, and a shorter one panics.
// The hot loop's inputs stay separate borrows rather than one context struct
// built per sentence by both callers (pipeline and trainer).
#[allow(clippy::too_many_arguments)]
pub fn token_features<S: BuildHasher>(
    toks: &[Token],
    i: usize,
    run: (usize, usize),
    lower_words: &HashSet<&str, S>,
    stopwords: &WordSet,
    lx: &Lexicon,
    scratch: &mut Scratch,
    out: &mut Vec<u64>,
) {
    let lw = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 {
            "<s>"
        } else if j as usize >= toks.len() {
            "</s>"
        } else {
            toks[j as usize].lower.as_ref()
        }
    };
    let tok = &toks[i];
    let w = tok.lower.as_ref();
    let fixed = fixed();
    out.push(fixed.bias);
    out.push(hash(T::Word, w));
    out.push(hash(T::Exact, tok.text));
    out.push(hash(T::Prev, lw(-1)));
    out.push(hash(T::Next, lw(1)));
    out.push(hash(T::Prev2, lw(-2)));
    out.push(hash(T::Next2, lw(2)));
    out.push(hash2(T::PrevWord, lw(-1), w));
    out.push(hash2(T::WordNext, w, lw(1)));
    out.push(hash2(T::PrevPrevWord, lw(-2), lw(-1)));
    let ascii = w.is_ascii();
    out.push(hash(T::Prefix3, affix_of(w, ascii, 3, false)));
    out.push(hash(T::Suffix2, affix_of(w, ascii, 2, true)));
    out.push(hash(T::Suffix3, affix_of(w, ascii, 3, true)));
    out.push(hash(T::Suffix4, affix_of(w, ascii, 4, true)));
    let own = cached_shape(toks, i, scratch);
    out.push(hash(T::Shape, &scratch.shapes[own.clone()]));
    {
        let mut around = std::mem::take(&mut scratch.shape2);
        around.clear();
        for k in [i.wrapping_sub(1), i + 1] {
            if k < toks.len() {
                let r = cached_shape(toks, k, scratch);
                around.push_str(&scratch.shapes[r]);
            }
            around.push('|');
        }
        around.push_str(&scratch.shapes[own]);
        out.push(hash(T::Shapes3, &around));
        scratch.shape2 = around;
    }
    let elsewhere = lower_words.contains(w);
    out.push(fixed.initial[usize::from(tok.initial)]);
    out.push(fixed.lower_elsewhere[usize::from(elsewhere)][usize::from(tok.initial)]);
    let (pos, kind) = scratch.place[i];
    if pos > 0 {
        let place = fixed.place.get(pos as usize).and_then(|p| p.get(kind as usize));
        out.push(place.copied().unwrap_or_else(|| hash_bytes(T::Place, &[pos, kind])));
    }
    if scratch.org[i] > 0 {
        out.push(fixed.org[usize::from(scratch.org[i] != 1)]);
    }
    let prev = lw(-1);
    // Tokens hold no whitespace: "w prev" is a title only if `prev` ends a two-word one.
    let two_word_title = i >= 2 && lx.two_word_title_ends.contains(prev) && {
        let buf = &mut scratch.buf;
        buf.clear();
        buf.push_str(lw(-2));
        buf.push(' ');
        buf.push_str(prev);
        lx.has_title(buf.as_str())
    };
    let prev_title = lx.has_title(prev)
        || two_word_title
        || prev.bytes().rposition(|b| b == b'-').is_some_and(|p| lx.has_title(&prev[p + 1..]));
    if prev_title {
        out.push(fixed.title);
    }
    if lx.has_title(w) {
        out.push(fixed.is_title);
    }
    if lx.has_org_word(tok.text) {
        out.push(fixed.org_word);
    }
    if i > run.0 && legal_form_at(toks, i, lx, scratch) {
        out.push(fixed.legal_form);
    }
    if i + 1 < toks.len() && legal_form_at(toks, i + 1, lx, scratch) {
        out.push(fixed.next_legal_form);
    }
    if lx.has_place_before(prev) {
        out.push(fixed.place_before);
    }
    if stopwords.contains(w) {
        out.push(fixed.stopword);
    }
    if lx.is_month(w) {
        out.push(fixed.month);
    }
    let rule_at = |k: usize| toks.get(k).map_or(9, |t| t.rule);
    let around = [rule_at(i.wrapping_sub(1)), tok.rule, rule_at(i + 1)];
    out.push(fixed.rule.get(tok.rule as usize).copied().unwrap_or_else(|| hash_bytes(T::Rule, &[tok.rule])));
    out.push(if around.iter().all(|&r| r < 10) {
        fixed.rule_around[around[0] as usize * 100 + around[1] as usize * 10 + around[2] as usize]
    } else {
        hash_bytes(T::RuleAround, &around)
    });
    let len = (run.1 - run.0).min(4);
    let at = if i == run.0 {
        0
    } else if i + 1 == run.1 {
        2
    } else {
        1
    };
    out.push(fixed.run_pos[len][at as usize]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `gazetteer_match` as first written: every join of up to four tokens looked up.
    fn gazetteer_match_by_joins(toks: &[Token], i: usize, lx: &Lexicon) -> (Option<(usize, u8)>, Option<usize>) {
        let mut buf = String::new();
        let mut best = (None, None);
        for k in i..toks.len().min(i + 4) {
            if !toks[k].candidate {
                break;
            }
            if k > i {
                buf.push(' ');
            }
            buf.push_str(toks[k].text);
            if let Some(kind) = lx.places.get(buf.as_str()) {
                let code = match kind.as_bytes().first() {
                    Some(b'c') if kind.starts_with("country") => 1,
                    Some(b'c') => 2,
                    _ => 3,
                };
                best.0 = Some((k + 1 - i, code));
            }
            if lx.orgs.contains(buf.as_str()) {
                best.1 = Some(k + 1 - i);
            }
        }
        best
    }

    #[test]
    fn gazetteer_match_stopping_at_no_entry_head_matches_every_join() {
        let lx = Lexicon::get();
        // The words of the gazetteers' names of several words, in any order,
        // so that runs follow entries part of the way and all of it.
        let mut words: Vec<&str> =
            lx.places.keys().chain(&lx.orgs).filter(|e| e.contains(' ')).flat_map(|e| e.split(' ')).collect();
        words.sort_unstable();
        words.dedup();
        let entries: Vec<&str> = lx.places.keys().chain(&lx.orgs).map(String::as_str).collect();
        let mut draw = crate::pipeline::text::generated::Texts::over("a");
        let mut buf = String::new();
        let mut joined = 0;
        for _ in 0..20_000 {
            // Half the time a whole entry and what follows it.
            let mut sentence: Vec<&str> = if draw.next() % 2 == 0 {
                entries[(draw.next() % entries.len() as u64) as usize].split(' ').collect()
            } else {
                Vec::new()
            };
            for _ in 0..1 + draw.next() % 5 {
                sentence.push(words[(draw.next() % words.len() as u64) as usize]);
            }
            let toks = sentence_tokens(&sentence);
            for i in 0..toks.len() {
                let got = gazetteer_match(&toks, i, lx, (true, true), &mut buf);
                assert_eq!(got, gazetteer_match_by_joins(&toks, i, lx), "{sentence:?} {i}");
                joined += usize::from(got.0.is_some_and(|p| p.0 > 1) || got.1.is_some_and(|o| o > 1));
            }
        }
        assert!(joined > 1_000, "{joined}");
    }

    #[test]
    fn particles_between_capitals_are_candidates_and_others_are_not() {
        let words = ["El", "Banco", "de", "España", "subió", "de", "nuevo", "."];
        let toks = sentence_tokens(&words);
        let flags: Vec<bool> = toks.iter().map(|t| t.candidate).collect();
        assert_eq!(flags, [true, true, true, true, false, false, false, false]);
        assert_eq!(candidate_runs(&toks), vec![(0, 4)]);
        assert!(toks[0].initial && !toks[1].initial);
    }

    #[test]
    fn cached_shapes_give_the_shape_features_of_each_token() {
        let lx = Lexicon::get();
        let stopwords = lx.stopwords_for(Some("en"));
        let lower_words = LowerWords::default();
        let mut texts = crate::pipeline::text::generated::Texts::over("AbÉé1.-");
        let mut scratch = Scratch::default();
        for _ in 0..3_000 {
            let n = 1 + (texts.next() % 6) as usize;
            let owned: Vec<String> = (0..n)
                .map(|_| {
                    let len = 1 + (texts.next() % 5) as usize;
                    texts.text(len)
                })
                .collect();
            let words: Vec<&str> = owned.iter().map(String::as_str).collect();
            let toks = sentence_tokens(&words);
            prepare(&toks, lx, &mut scratch);
            for i in 0..toks.len() {
                let mut feats = Vec::new();
                token_features(&toks, i, (0, toks.len()), &lower_words, stopwords, lx, &mut scratch, &mut feats);
                // The two shape features as first computed: each shape afresh.
                let mut own = String::new();
                shape(toks[i].text, &mut own);
                let mut around = String::new();
                for k in [i.wrapping_sub(1), i + 1] {
                    let mut one = String::new();
                    if let Some(t) = toks.get(k) {
                        shape(t.text, &mut one);
                    }
                    around.push_str(&one);
                    around.push('|');
                }
                around.push_str(&own);
                assert_eq!(feats[14], hash(T::Shape, &own), "{words:?} {i}");
                assert_eq!(feats[15], hash(T::Shapes3, &around), "{words:?} {i}");
            }
        }
    }

    /// The gazetteer spans of `prepare` as first written: places, then organizations, each joined afresh.
    fn gazetteer_spans_two_passes(toks: &[Token], lx: &Lexicon) -> (Vec<(u8, u8)>, Vec<u8>) {
        let one = |i: usize, place: bool| {
            let (mut buf, mut best) = (String::new(), None);
            for k in i..toks.len().min(i + 4) {
                if !toks[k].candidate {
                    break;
                }
                if k > i {
                    buf.push(' ');
                }
                buf.push_str(toks[k].text);
                if place {
                    if let Some(kind) = lx.places.get(buf.as_str()) {
                        let code = match kind.as_bytes().first() {
                            Some(b'c') if kind.starts_with("country") => 1,
                            Some(b'c') => 2,
                            _ => 3,
                        };
                        best = Some((k + 1 - i, code));
                    }
                } else if lx.orgs.contains(buf.as_str()) {
                    best = Some((k + 1 - i, 0));
                }
            }
            best
        };
        let (mut place, mut org) = (vec![(0, 0); toks.len()], vec![0; toks.len()]);
        for i in 0..toks.len() {
            if !toks[i].candidate || !toks[i].text.starts_with(char::is_uppercase) {
                continue;
            }
            if place[i].0 == 0 {
                if let Some((len, kind)) = one(i, true) {
                    place[i] = (1, kind);
                    for p in &mut place[i + 1..i + len] {
                        *p = (2, kind);
                    }
                }
            }
            if org[i] == 0 {
                if let Some((len, _)) = one(i, false) {
                    org[i] = 1;
                    for o in &mut org[i + 1..i + len] {
                        *o = 2;
                    }
                }
            }
        }
        (place, org)
    }

    #[test]
    fn gazetteer_spans_joined_once_are_those_of_two_passes() {
        let lx = Lexicon::get();
        let pool =
            ["New", "York", "City", "Bank", "of", "America", "United", "Nations", "States", "Paris", "de", "Deutsche"];
        let mut texts = crate::pipeline::text::generated::Texts::over("ab");
        let mut scratch = Scratch::default();
        let (mut places, mut orgs) = (0, 0);
        for _ in 0..5_000 {
            let n = 1 + (texts.next() % 8) as usize;
            let words: Vec<&str> = (0..n).map(|_| pool[(texts.next() as usize) % pool.len()]).collect();
            let toks = sentence_tokens(&words);
            prepare(&toks, lx, &mut scratch);
            let (place, org) = gazetteer_spans_two_passes(&toks, lx);
            assert_eq!((&scratch.place, &scratch.org), (&place, &org), "{words:?}");
            places += place.iter().filter(|p| p.0 > 0).count();
            orgs += org.iter().filter(|&&o| o > 0).count();
        }
        assert!(places > 0 && orgs > 0, "both lists are exercised: {places} places, {orgs} organisations");
    }

    #[test]
    fn fixed_feature_hashes_are_the_hashes_of_their_values() {
        let f = fixed();
        assert_eq!(f.bias, hash(T::Bias, ""));
        assert_eq!(f.initial, [hash(T::Initial, "0"), hash(T::Initial, "1")]);
        assert_eq!(f.lower_elsewhere[1][0], hash(T::LowerElsewhere, "t"));
        assert_eq!(f.lower_elsewhere[0][1], hash(T::LowerElsewhere, "fi"));
        assert_eq!(f.place[2][3], hash_bytes(T::Place, &[2, 3]));
        assert_eq!(f.org[1], hash(T::Org, "i"));
        assert_eq!(f.month, hash(T::Month, ""));
        assert_eq!(f.rule[6], hash_bytes(T::Rule, &[6]));
        assert_eq!(f.rule_around[9 * 100 + 4 * 10 + 1], hash_bytes(T::RuleAround, &[9, 4, 1]));
        assert_eq!(f.run_pos[4][2], hash_bytes(T::RunPos, &[4, 2]));
    }

    #[test]
    fn ascii_shapes_are_the_character_classes() {
        let mut texts = crate::pipeline::text::generated::Texts::over("aZ09.-'XxdÉé²");
        let mut s = String::new();
        for _ in 0..20_000 {
            let len = (texts.next() % 9) as usize;
            let w = texts.text(len);
            shape(&w, &mut s);
            let mut by_chars = String::new();
            push_shape_by_chars(&w, &mut by_chars);
            assert_eq!(s, by_chars, "{w:?}");
        }
    }

    #[test]
    fn the_connector_match_is_the_list() {
        for w in CONNECTORS {
            assert!(is_connector(w), "{w}");
        }
        let mut texts = crate::pipeline::text::generated::Texts::over("adeflnorsty&'’ ");
        for _ in 0..20_000 {
            let len = (texts.next() % 5) as usize;
            let w = texts.text(len);
            assert_eq!(is_connector(&w), CONNECTORS.contains(&w.as_str()), "{w:?}");
        }
    }

    #[test]
    fn capitalised_ascii_words_answer_as_the_character_test() {
        let by_chars = |word: &str| {
            let mut chars = word.chars();
            match chars.next() {
                Some(c) if c.is_uppercase() => true,
                Some(c) if c.is_lowercase() => word.len() > 2 && chars.any(char::is_uppercase),
                _ => false,
            }
        };
        for w in ["", "a", "A", "iPhone", "eBay", "ab", "aB", "abC", "al-Assad", "1A", "-x", "x1Y", "É", "éA", "écoLe"]
        {
            assert_eq!(is_capitalised(w), by_chars(w), "{w}");
        }
        // ASCII and not, in every order: the one pass hands over to the characters.
        let mut texts = crate::pipeline::text::generated::Texts::over("aBé\u{c9}1-\u{212a}\u{1d400}");
        for _ in 0..20_000 {
            let len = (texts.next() % 6) as usize;
            let w = texts.text(len);
            assert_eq!(is_capitalised(&w), by_chars(&w), "{w:?}");
        }
    }

    #[test]
    fn legal_forms_answered_once_per_token_are_the_lexicon_s() {
        let lx = Lexicon::get();
        let stopwords = lx.stopwords_for(Some("de"));
        let lower_words = LowerWords::default();
        let pool = ["AG", "Ag", "GmbH", "Inc", "Siemens", "Deutsche", "Bank", "SE", "de", "Co", "the", "."];
        let mut texts = crate::pipeline::text::generated::Texts::over("ab");
        let mut scratch = Scratch::default();
        let f = fixed();
        let (mut forms, mut next_forms) = (0, 0);
        for _ in 0..5_000 {
            let n = 1 + (texts.next() % 8) as usize;
            let words: Vec<&str> = (0..n).map(|_| pool[(texts.next() as usize) % pool.len()]).collect();
            let toks = sentence_tokens(&words);
            prepare(&toks, lx, &mut scratch);
            for run in candidate_runs(&toks) {
                for i in run.0..run.1 {
                    let mut feats = Vec::new();
                    token_features(&toks, i, run, &lower_words, stopwords, lx, &mut scratch, &mut feats);
                    // As first written: the lexicon asked for the token and for the next one each time.
                    let form = i > run.0 && lx.is_legal_form_word(toks[i].text);
                    let next_form = toks.get(i + 1).is_some_and(|t| lx.is_legal_form_word(t.text));
                    assert_eq!(feats.contains(&f.legal_form), form, "{words:?} {i}");
                    assert_eq!(feats.contains(&f.next_legal_form), next_form, "{words:?} {i}");
                    forms += usize::from(form);
                    next_forms += usize::from(next_form);
                }
            }
        }
        assert!(forms > 0 && next_forms > 0, "{forms} {next_forms}");
    }

    #[test]
    fn affixes_count_characters() {
        for w in ["", "ab", "abc", "abcd", "Köln", "straße", "東京都庁", "Zürich"] {
            let chars: Vec<char> = w.chars().collect();
            for n in 1..5 {
                let k = n.min(chars.len());
                assert_eq!(affix(w, n, false), chars[..k].iter().collect::<String>(), "{w} {n}");
                assert_eq!(affix(w, n, true), chars[chars.len() - k..].iter().collect::<String>(), "{w} {n}");
            }
        }
    }

    #[test]
    fn shapes_collapse_runs_but_keep_the_first_two_characters() {
        let mut s = String::new();
        shape("McCallum", &mut s);
        assert_eq!(s, "XxXx");
        shape("U.S.", &mut s);
        assert_eq!(s, "X.X.");
        shape("1996", &mut s);
        assert_eq!(s, "dd");
    }

    /// `sentence_tokens` as first written: every token lower-cased.
    fn sentence_tokens_all_lower<'a>(words: &[&'a str]) -> Vec<Token<'a>> {
        let mut toks: Vec<Token<'a>> = Vec::with_capacity(words.len());
        let mut initial = true;
        for &w in words {
            let opener = matches!(w, "\"" | "«" | "“" | "„" | "(" | "[" | "'" | "‘" | ":" | "—" | "–" | "-");
            toks.push(Token { text: w, lower: lowercase(w), initial, candidate: is_capitalised(w), rule: 0 });
            initial = opener || (initial && !w.chars().any(char::is_alphanumeric));
        }
        let n = toks.len();
        let mut i = 1;
        while i < n {
            if !toks[i].candidate && toks[i - 1].candidate && is_connector(&toks[i].lower) {
                let mut j = i;
                while j < n && j < i + 2 && !toks[j].candidate && is_connector(&toks[j].lower) {
                    j += 1;
                }
                if j < n && toks[j].candidate {
                    for t in &mut toks[i..j] {
                        t.candidate = true;
                    }
                }
                i = j.max(i + 1);
            } else {
                i += 1;
            }
        }
        toks
    }

    #[test]
    fn tokens_lower_cased_near_candidates_give_the_features_of_all_lower_cased() {
        let lx = Lexicon::get();
        let stopwords = lx.stopwords_for(Some("fr"));
        let mut lower_words = LowerWords::default();
        lower_words.extend(["de", "la", "banco", "écol", "x"]);
        let pool = ["de", "De", "la", "LA", "y", "Von", "von", "the", "\"", "(", ".", "1A", "aB", "x1Y", "É", "Banco"];
        let mut texts = crate::pipeline::text::generated::Texts::over("aBdeÉé1.-\u{212a}");
        let (mut old_scratch, mut new_scratch) = (Scratch::default(), Scratch::default());
        for _ in 0..5_000 {
            let n = 1 + (texts.next() % 9) as usize;
            let owned: Vec<String> = (0..n)
                .map(|_| match texts.next() % 2 {
                    0 => pool[(texts.next() as usize) % pool.len()].to_string(),
                    _ => {
                        let len = 1 + (texts.next() % 5) as usize;
                        texts.text(len)
                    }
                })
                .collect();
            let words: Vec<&str> = owned.iter().map(String::as_str).collect();
            let (old, new) = (sentence_tokens_all_lower(&words), sentence_tokens(&words));
            fn flags<'a>(t: &[Token<'a>]) -> Vec<(&'a str, bool, bool)> {
                t.iter().map(|t| (t.text, t.initial, t.candidate)).collect()
            }
            assert_eq!(flags(&old), flags(&new), "{words:?}");
            let runs = candidate_runs(&new);
            assert_eq!(candidate_runs(&old), runs);
            prepare(&old, lx, &mut old_scratch);
            prepare(&new, lx, &mut new_scratch);
            for run in runs {
                for i in run.0..run.1 {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    token_features(&old, i, run, &lower_words, stopwords, lx, &mut old_scratch, &mut a);
                    token_features(&new, i, run, &lower_words, stopwords, lx, &mut new_scratch, &mut b);
                    assert_eq!(a, b, "{words:?} {i}");
                }
            }
        }
    }
}
