//! A learned sequence tagger for persons, organizations and places: an
//! averaged structured perceptron over hashed word, shape, affix, context and
//! gazetteer features (`features`), decoded with Viterbi over BIO tags.
//!
//! The weights are trained offline by `tools/ner/train_tagger.rs` from the
//! corpora `tools/ner/prepare_corpora.py` prepares, and shipped as one file
//! per language in `src/pipeline/data/ner-<lang>.bin` (`model` has the
//! format). They are read in place from the binary: nothing is parsed or
//! copied at start-up but a small header. A language without a model file
//! (or with an empty one) has no tagger, and the rules in `entities` decide.
//! Pure; byte offsets.

pub mod features;
pub mod model;

use std::borrow::Cow;
use std::sync::OnceLock;

use features::{candidate_runs, prepare, sentence_tokens_lowered, token_features, LowerWords, Scratch, Token};
use model::ViterbiRoom;
pub use model::{Model, N_TAGS};

use crate::model::EntityType;
use crate::pipeline::text::lexicon::{lowercase, run_end, Lexicon, ASCII_ALNUM};

/// BIO tags in model order.
pub const TAGS: [&str; N_TAGS] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

/// Elided articles and pronouns written onto the next word ("l'Assemblée").
const ELISIONS: &[&str] = &["l", "d", "j", "m", "n", "s", "c", "t", "qu", "lorsqu", "puisqu", "jusqu"];

/// French and Spanish share one cross-lingual model (English, German and
/// historic French newspapers: no modern French or Spanish corpus is open to
/// us); there it only adds lone names to the rules (`additions_for`).
static ROMANCE: &[u8] = include_bytes!("../../data/ner-fr.bin");
static MODELS: [(&str, &[u8]); 4] = [
    ("en", include_bytes!("../../data/ner-en.bin")),
    ("de", include_bytes!("../../data/ner-de.bin")),
    ("fr", ROMANCE),
    ("es", ROMANCE),
];

/// The kinds of lone names the tagger may add to the rules, for the languages
/// where the rules decide and the tagger only adds (`None`: it decides, or no
/// model ships). Spanish places it adds cost more than they bring.
pub(crate) fn additions_for(lang: Option<&str>) -> Option<&'static [EntityType]> {
    match lang {
        Some("fr") => Some(&[EntityType::Loc, EntityType::Person]),
        Some("es") => Some(&[EntityType::Person]),
        _ => None,
    }
}

/// The model for a language, parsed once; `None` when none ships.
pub(crate) fn model_for(lang: Option<&str>) -> Option<&'static Model<'static>> {
    static PARSED: OnceLock<Vec<(&'static str, Option<Model<'static>>)>> = OnceLock::new();
    let lang = lang?;
    PARSED
        .get_or_init(|| MODELS.iter().map(|(l, bytes)| (*l, Model::parse(bytes))).collect())
        .iter()
        .find(|(l, _)| *l == lang)
        .and_then(|(_, m)| m.as_ref())
}

/// Word tokens of `text[start..end]` as byte ranges: punctuation apart,
/// "U.S." and known abbreviations whole, "'s" and French elisions split off.
pub(crate) fn word_spans(text: &str, start: usize, end: usize, lx: &Lexicon, out: &mut Vec<(usize, usize)>) {
    // Chunks between whitespace (`char::is_whitespace`), found on the bytes:
    // ASCII without decoding; a chunk of ASCII letters and digits is one word.
    let bytes = text.as_bytes();
    let (mut i, mut a, mut plain) = (start, start, true);
    while i < end {
        // Letters and digits run on inside a chunk, leaving it plain.
        i = run_end(bytes, i, end, ASCII_ALNUM);
        if i == end {
            break;
        }
        let b = bytes[i];
        let (space, len) = if b < 0x80 {
            (matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'), 1)
        } else {
            text[i..].chars().next().map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        if space {
            chunk_words(text, a, i, plain, lx, out);
            (a, plain) = (i + len, true);
        } else {
            plain &= b.is_ascii_alphanumeric();
        }
        i += len;
    }
    chunk_words(text, a, end, plain, lx, out);
}

/// The words of the chunk `text[a..b]` (none when empty); `plain`: ASCII letters and digits only.
// Called for every chunk of every sentence: inlined into the split loop
// with the rest of the first ent44 commit (find_entities + find_quotes −5.3%).
#[inline]
fn chunk_words(text: &str, a: usize, b: usize, plain: bool, lx: &Lexicon, out: &mut Vec<(usize, usize)>) {
    if a < b && plain {
        out.push((a, b));
    } else if a < b {
        split_chunk(text, a, b, lx, out);
    }
}

fn split_chunk(text: &str, mut a: usize, mut b: usize, lx: &Lexicon, out: &mut Vec<(usize, usize)>) {
    // Most chunks: no punctuation to split off, no apostrophe.
    if text.as_bytes()[a..b].iter().all(u8::is_ascii_alphanumeric) {
        out.push((a, b));
        return;
    }
    // Leading punctuation, one token each.
    while let Some(c) = text[a..b].chars().next() {
        if c.is_alphanumeric() || (c == '&' && b - a == 1) {
            break;
        }
        out.push((a, a + c.len_utf8()));
        a += c.len_utf8();
    }
    // Trailing punctuation, one token each after the word: `b` moved back over it.
    let end = b;
    while let Some(c) = text[a..b].chars().next_back() {
        if c.is_alphanumeric() {
            break;
        }
        let body = &text[a..b - c.len_utf8()];
        if c == '.' && is_abbreviation(body, lx) {
            break;
        }
        b -= c.len_utf8();
    }
    if a < b {
        let word = &text[a..b];
        // "McCallum's" -> "McCallum" "'s"; "l'Assemblée" -> "l'" "Assemblée".
        let possessive = ["'s", "’s"].iter().find(|s| word.len() > s.len() + 1 && word.ends_with(*s));
        // An apostrophe is "'" or starts with the byte 0xE2 ("’"): most words have neither.
        let apostrophe = word.bytes().any(|c| c == b'\'' || c == 0xE2);
        let elision = apostrophe
            .then(|| word.find(['\'', '’']))
            .flatten()
            .filter(|&p| p > 0 && ELISIONS.contains(&word[..p].to_lowercase().as_str()) && p + 3 < word.len());
        if let Some(s) = possessive {
            out.push((a, b - s.len()));
            out.push((b - s.len(), b));
        } else if let Some(p) = elision {
            let q = p + word[p..].chars().next().map_or(1, char::len_utf8);
            out.push((a, a + q));
            out.push((a + q, b));
        } else {
            out.push((a, b));
        }
    }
    out.extend(text[b..end].char_indices().map(|(k, c)| (b + k, b + k + c.len_utf8())));
}

/// "U.S", "p.m", "Mr", "Dr": a dot after it belongs to the word.
fn is_abbreviation(body: &str, lx: &Lexicon) -> bool {
    if body.is_empty() {
        return false;
    }
    let dotted = body.contains('.') && body.split('.').all(|p| p.chars().count() <= 2 && !p.is_empty());
    dotted || (body.chars().count() == 1 && body.starts_with(char::is_uppercase)) || lx.abbrevs.contains(body)
}

/// A sentence's tokens, an ASCII word's lower case sliced from `lowered`
/// (the page's ASCII-lowered copy, same offsets as `spans`), any other
/// word's lower-cased on its own.
fn tokens_from_lowered<'a>(words: &[&'a str], spans: &[(usize, usize)], lowered: &'a str) -> Vec<Token<'a>> {
    sentence_tokens_lowered(words, |k, w| {
        if w.is_ascii() {
            Cow::Borrowed(&lowered[spans[k].0..spans[k].1])
        } else {
            lowercase(w)
        }
    })
}

/// Entity spans `(start, end, type)` (byte offsets) of `text`, or `None` when
/// no model ships for `lang`. `rules` are the spans the rules found: the
/// tagger learned how far to trust them.
pub fn tag(
    text: &str,
    sentences: &[(usize, usize)],
    lang: Option<&str>,
    rules: &[(usize, usize, EntityType)],
) -> Option<Vec<(usize, usize, EntityType)>> {
    let model = model_for(lang)?;
    let lx = Lexicon::get();
    let stopwords = lx.stopwords_for(lang);
    let mut spans_per_sentence: Vec<Vec<(usize, usize)>> = Vec::with_capacity(sentences.len());
    for &(s, e) in sentences {
        // About one token per five bytes of prose: few regrowths.
        let mut spans = Vec::with_capacity((e - s) / 5 + 4);
        word_spans(text, s, e, lx, &mut spans);
        spans_per_sentence.push(spans);
    }
    let near = RulesNear::new(rules);
    // An ASCII word's lower case, at its own offsets.
    let lowered = text.to_ascii_lowercase();
    let mut words: Vec<&str> = Vec::new();
    let mut toks_per_sentence: Vec<Vec<Token>> = Vec::with_capacity(sentences.len());
    for spans in &spans_per_sentence {
        crate::pipeline::budget::check();
        words.clear();
        words.extend(spans.iter().map(|&(a, b)| &text[a..b]));
        let mut toks = tokens_from_lowered(&words, spans, &lowered);
        mark_rule_tags(&mut toks, spans, near.around(spans));
        toks_per_sentence.push(toks);
    }
    let lower_words = lower_words_asked(text, &spans_per_sentence, &toks_per_sentence);
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    let mut feats: Vec<u64> = Vec::with_capacity(64);
    let mut scores: Vec<[f32; N_TAGS]> = Vec::new();
    let (mut room, mut tags) = (ViterbiRoom::default(), Vec::new());
    for (spans, toks) in spans_per_sentence.iter().zip(&toks_per_sentence) {
        crate::pipeline::budget::check();
        let runs = candidate_runs(toks);
        if runs.is_empty() {
            continue;
        }
        prepare(toks, lx, &mut scratch);
        for run in runs {
            scores.clear();
            for i in run.0..run.1 {
                feats.clear();
                token_features(toks, i, run, &lower_words, stopwords, lx, &mut scratch, &mut feats);
                scores.push(model.emission(&feats));
            }
            model.viterbi_into(&scores, &mut room, &mut tags);
            push_spans(toks, spans, run.0, &tags, &mut out);
        }
    }
    Some(out)
}

/// The words of the text's tokens that start in lower case, as far as the
/// features ask about them: the candidates' words, lower-cased. The others
/// are left out, most without being hashed (`Keys`).
fn lower_words_asked<'a>(text: &'a str, spans: &[Vec<(usize, usize)>], toks: &[Vec<Token>]) -> LowerWords<'a> {
    let mut asked = Keys::default();
    let mut candidates = 0;
    for t in toks.iter().flatten().filter(|t| t.candidate) {
        asked.add(&t.lower);
        candidates += 1;
    }
    // Looked up only, never iterated: sized once.
    let mut lower_words = LowerWords::with_capacity_and_hasher(candidates, Default::default());
    for &(a, b) in spans.iter().flatten() {
        let w = &text[a..b];
        if asked.may_hold(w) && w.starts_with(char::is_lowercase) {
            lower_words.insert(w);
        }
    }
    lower_words
}

/// A cheap key of words (length, first and last byte; 16 Ki bits), set for
/// the words asked about: a word whose key is not set is none of them, and
/// is not hashed. Equal words have equal keys, so nothing asked about is missed.
struct Keys(Vec<u64>);

impl Default for Keys {
    fn default() -> Self {
        Keys(vec![0; 256])
    }
}

impl Keys {
    fn key(w: &str) -> usize {
        let b = w.as_bytes();
        match (b.first(), b.last()) {
            (Some(&f), Some(&l)) => (b.len() & 15) | (usize::from(f & 31) << 4) | (usize::from(l & 31) << 9),
            _ => 0,
        }
    }

    fn add(&mut self, w: &str) {
        let k = Keys::key(w);
        self.0[k >> 6] |= 1 << (k & 63);
    }

    fn may_hold(&self, w: &str) -> bool {
        let k = Keys::key(w);
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// BIO tag index of an entity type.
pub(crate) fn begin_tag(kind: EntityType) -> u8 {
    match kind {
        EntityType::Person => 1,
        EntityType::Org => 3,
        _ => 5,
    }
}

/// Sets each token's `rule` tag from rule spans (byte ranges, in any order).
pub fn mark_rule_tags(toks: &mut [Token], spans: &[(usize, usize)], rules: &[(usize, usize, EntityType)]) {
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
        return;
    };
    for &(a, b, kind) in rules {
        if b <= first.0 || a >= last.1 {
            continue;
        }
        let begin = begin_tag(kind);
        for (t, &(s, e)) in toks.iter_mut().zip(spans) {
            if s >= a && e <= b {
                t.rule = if s == a { begin } else { begin + 1 };
            }
        }
    }
}

/// The rules that can touch a sentence, without scanning every rule for
/// every sentence (quadratic on long pages). Rules sorted by start (as
/// `rule_spans` gives them) are cut to those starting less than the longest
/// rule's length before the sentence and before its end, in their order, so
/// `mark_rule_tags` sees the same overlapping rules in the same order.
struct RulesNear<'r> {
    rules: &'r [(usize, usize, EntityType)],
    longest: Option<usize>,
}

impl<'r> RulesNear<'r> {
    fn new(rules: &'r [(usize, usize, EntityType)]) -> Self {
        let sorted = rules.windows(2).all(|w| w[0].0 <= w[1].0);
        let longest = sorted.then(|| rules.iter().map(|r| r.1.saturating_sub(r.0)).max().unwrap_or(0));
        RulesNear { rules, longest }
    }

    fn around(&self, spans: &[(usize, usize)]) -> &'r [(usize, usize, EntityType)] {
        let (Some(longest), Some(first), Some(last)) = (self.longest, spans.first(), spans.last()) else {
            return self.rules;
        };
        let from = self.rules.partition_point(|r| r.0 + longest <= first.0);
        let to = self.rules.partition_point(|r| r.0 < last.1);
        &self.rules[from.min(to)..to]
    }
}

/// BIO tags of one run → typed byte spans.
fn push_spans(
    toks: &[Token],
    spans: &[(usize, usize)],
    offset: usize,
    tags: &[u8],
    out: &mut Vec<(usize, usize, EntityType)>,
) {
    let kind_of = |t: u8| match t.div_ceil(2) {
        1 => EntityType::Person,
        2 => EntityType::Org,
        _ => EntityType::Loc,
    };
    let mut k = 0;
    while k < tags.len() {
        if tags[k] == 0 || tags[k] % 2 == 0 {
            k += 1;
            continue;
        }
        let begin = k;
        k += 1;
        while k < tags.len() && tags[k] == tags[begin] + 1 {
            k += 1;
        }
        // A name never ends in a particle ("Banco de").
        let mut end = k;
        while end > begin + 1 && !toks[offset + end - 1].text.starts_with(char::is_uppercase) {
            end -= 1;
        }
        out.push((spans[offset + begin].0, spans[offset + end - 1].1, kind_of(tags[begin])));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        word_spans(text, 0, text.len(), Lexicon::get(), &mut spans);
        spans.iter().map(|&(a, b)| &text[a..b]).collect()
    }

    /// `word_spans` as first written: `str::split` on whitespace.
    fn word_spans_by_split(text: &str, start: usize, end: usize, lx: &Lexicon, out: &mut Vec<(usize, usize)>) {
        let mut pos = start;
        for chunk in text[start..end].split(char::is_whitespace) {
            let (a, b) = (pos, pos + chunk.len());
            pos = b + text[b..].chars().next().map_or(0, char::len_utf8);
            if chunk.is_empty() {
                continue;
            }
            split_chunk(text, a, b, lx, out);
        }
    }

    /// `split_chunk` as first written: trailing punctuation gathered in a vector.
    fn split_chunk_with_tail(text: &str, mut a: usize, mut b: usize, lx: &Lexicon, out: &mut Vec<(usize, usize)>) {
        while let Some(c) = text[a..b].chars().next() {
            if c.is_alphanumeric() || (c == '&' && b - a == 1) {
                break;
            }
            out.push((a, a + c.len_utf8()));
            a += c.len_utf8();
        }
        let mut tail: Vec<(usize, usize)> = Vec::new();
        while let Some(c) = text[a..b].chars().next_back() {
            if c.is_alphanumeric() {
                break;
            }
            if c == '.' && is_abbreviation(&text[a..b - c.len_utf8()], lx) {
                break;
            }
            tail.push((b - c.len_utf8(), b));
            b -= c.len_utf8();
        }
        if a < b {
            let word = &text[a..b];
            let possessive = ["'s", "’s"].iter().find(|s| word.len() > s.len() + 1 && word.ends_with(*s));
            let elision = word
                .find(['\'', '’'])
                .filter(|&p| p > 0 && ELISIONS.contains(&word[..p].to_lowercase().as_str()) && p + 3 < word.len());
            if let Some(s) = possessive {
                out.push((a, b - s.len()));
                out.push((b - s.len(), b));
            } else if let Some(p) = elision {
                let q = p + word[p..].chars().next().map_or(1, char::len_utf8);
                out.push((a, a + q));
                out.push((a + q, b));
            } else {
                out.push((a, b));
            }
        }
        out.extend(tail.into_iter().rev());
    }

    #[test]
    fn chunks_split_as_with_a_vector_of_trailing_punctuation() {
        let lx = Lexicon::get();
        let mut texts = crate::pipeline::text::generated::Texts::over("aLUsdD.,'’&(”é\u{2019}\u{e2}");
        for _ in 0..20_000 {
            let len = 1 + (texts.next() % 9) as usize;
            let chunk = texts.text(len);
            let (mut got, mut want) = (Vec::new(), Vec::new());
            split_chunk(&chunk, 0, chunk.len(), lx, &mut got);
            split_chunk_with_tail(&chunk, 0, chunk.len(), lx, &mut want);
            assert_eq!(got, want, "{chunk:?}");
        }
        for chunk in
            ["U.S.", "Mr.", "l'Assemblée", "d’Aosta", "McCallum's,", "(Paris).", "&", "aide’s”", "...", "qu'il"]
        {
            let (mut got, mut want) = (Vec::new(), Vec::new());
            split_chunk(chunk, 0, chunk.len(), lx, &mut got);
            split_chunk_with_tail(chunk, 0, chunk.len(), lx, &mut want);
            assert_eq!(got, want, "{chunk:?}");
        }
    }

    #[test]
    fn word_spans_on_bytes_match_the_split() {
        let lx = Lexicon::get();
        let mut texts = crate::pipeline::text::generated::Texts::over("aB1 .,'’\u{a0}\u{2003}\t\n\u{b}\u{85}é“(U&s-l");
        for _ in 0..20_000 {
            let len = (texts.next() % 14) as usize;
            let text = texts.text(len);
            let cut = text.char_indices().nth(1).map_or(0, |(i, _)| i);
            for (s, e) in [(0, text.len()), (cut, text.len()), (0, cut)] {
                let (mut got, mut want) = (Vec::new(), Vec::new());
                word_spans(&text, s, e, lx, &mut got);
                word_spans_by_split(&text, s, e, lx, &mut want);
                assert_eq!(got, want, "{text:?} {s}..{e}");
            }
        }
    }

    #[test]
    fn the_lower_words_asked_about_answer_as_a_set_of_every_lower_case_word() {
        let lx = Lexicon::get();
        let mut texts = crate::pipeline::text::generated::Texts::over("aAbB de.l'É\u{212a}é ");
        for _ in 0..5_000 {
            let len = (texts.next() % 30) as usize;
            let text = texts.text(len);
            let sentences = crate::pipeline::text::sentence_spans(&text);
            let spans: Vec<Vec<(usize, usize)>> = sentences
                .iter()
                .map(|&(s, e)| {
                    let mut out = Vec::new();
                    word_spans(&text, s, e, lx, &mut out);
                    out
                })
                .collect();
            let toks: Vec<Vec<Token>> = spans
                .iter()
                .map(|sp| features::sentence_tokens(&sp.iter().map(|&(a, b)| &text[a..b]).collect::<Vec<_>>()))
                .collect();
            let asked = lower_words_asked(&text, &spans, &toks);
            // As first written: every token's word that starts in lower case.
            let all: LowerWords = spans
                .iter()
                .flatten()
                .map(|&(a, b)| &text[a..b])
                .filter(|w| w.starts_with(char::is_lowercase))
                .collect();
            for t in toks.iter().flatten().filter(|t| t.candidate) {
                assert_eq!(asked.contains(t.lower.as_ref()), all.contains(t.lower.as_ref()), "{text:?} {:?}", t.lower);
            }
        }
    }

    #[test]
    fn tokens_lowered_from_the_page_lowered_once_are_those_lowered_word_by_word() {
        let lx = Lexicon::get();
        let mut texts = crate::pipeline::text::generated::Texts::over("aAdDeE ,.'’É\u{212a}éΣσ(\"-y");
        for _ in 0..5_000 {
            let len = (texts.next() % 40) as usize;
            let text = texts.text(len);
            let lowered = text.to_ascii_lowercase();
            for (s, e) in crate::pipeline::text::sentence_spans(&text) {
                let mut spans = Vec::new();
                word_spans(&text, s, e, lx, &mut spans);
                let words: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
                let got = tokens_from_lowered(&words, &spans, &lowered);
                let want = features::sentence_tokens(&words);
                let fields = |t: &[Token]| -> Vec<(String, String, bool, bool)> {
                    t.iter().map(|t| (t.text.to_string(), t.lower.to_string(), t.initial, t.candidate)).collect()
                };
                assert_eq!(fields(&got), fields(&want), "{text:?}");
            }
        }
    }

    #[test]
    fn words_split_punctuation_possessives_and_elisions_but_not_abbreviations() {
        assert_eq!(
            words("“The U.S. said,” McCallum's aide told Mr. Roe."),
            ["“", "The", "U.S.", "said", ",", "”", "McCallum", "'s", "aide", "told", "Mr.", "Roe", "."]
        );
        assert_eq!(words("selon l'Assemblée (Paris)"), ["selon", "l'", "Assemblée", "(", "Paris", ")"]);
    }
}
