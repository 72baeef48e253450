//! Read-only word tables for enrichment and sentence splitting, parsed once
//! from the data files under `src/pipeline/data/` (sources and licences are in
//! each file's header and in the README).

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// A word table. Fx hashing: the tables are fixed and looked up once or more
/// per word of every text, where SipHash cost more than the rest of the lookup.
pub(crate) type WordSet = FxHashSet<String>;

/// Languages with word lists; other languages fall back to the union of all.
pub(crate) const LANGS: [&str; 4] = ["en", "fr", "de", "es"];

#[derive(Debug, Default)]
pub struct Lexicon {
    /// Place name → kind ("country:KP", "city:FR", "region").
    pub places: FxHashMap<String, String>,
    pub orgs: WordSet,
    /// Every place's and organization's words before one of its spaces
    /// ("New", "New York" of "New York City"): a name that is none of them
    /// begins no longer entry.
    pub(crate) gazetteer_heads: WordSet,
    /// Company legal forms, lower-cased as cleanco writes them ("gmbh", "s.a.", "inc.").
    pub legal_forms: WordSet,
    /// Each legal form also without its final dot: a word is a form when
    /// it, or it with a dot added, is one (one lookup, no allocation).
    legal_forms_undotted: WordSet,
    /// The first two bytes of `legal_forms_undotted` and of `months`: most
    /// words asked about are answered from their first letters, unhashed.
    legal_form_starts: Starts,
    month_starts: Starts,
    /// Likewise for the titles, the words before places and the organization words.
    title_starts: Starts,
    place_before_starts: Starts,
    org_word_starts: Starts,
    /// Lower-cased; per language.
    pub stopwords: FxHashMap<String, WordSet>,
    /// The union of all languages' stopwords (what `clean` weighs lines with).
    pub stopwords_any: WordSet,
    /// The same union as a `WordSet`, for `stopwords_for`.
    stopwords_union: WordSet,
    /// The same union again, packed for the text path's lookups of every word.
    pub(crate) stopwords_packed: PackedWords,
    /// Lower-cased person titles, possibly several words ("premier ministre").
    pub titles: WordSet,
    /// The second words of the two-word titles ("premier ministre" → "ministre"):
    /// two words before a name can be a title only when the second is one.
    pub(crate) two_word_title_ends: WordSet,
    pub org_words: WordSet,
    /// Lower-cased.
    pub org_before: WordSet,
    pub not_entity: WordSet,
    pub place_words: WordSet,
    /// Lower-cased.
    pub place_before: WordSet,
    /// Lower-cased speech verbs, possibly several words ("a dit").
    pub speech: Vec<String>,
    /// Abbreviations without their final dot, as written.
    pub abbrevs: WordSet,
    /// Lower-cased month name → number.
    pub months: FxHashMap<String, u32>,
    /// Per language: first and last words of the names of events ("Copa", "Guerre").
    pub event_heads: FxHashMap<String, WordSet>,
    pub event_tails: FxHashMap<String, WordSet>,
    /// Heads of French and Spanish institutions' names ("Commission", "Banco").
    pub org_heads: WordSet,
    /// Endings of French and Spanish adjectives ("éenne", "al", "ista").
    pub adjective_endings: Vec<String>,
    /// French nouns for a kind of place written before its name ("océan", "golfe").
    pub place_nouns_fr: WordSet,
    /// French nouns for an administrative kind of place before "de" and its
    /// name, which stays out of it ("ville", "région").
    pub place_kinds_fr: WordSet,
    /// French nouns after which "de" and a lone name make a person ("le fils de Chilpéric").
    pub person_of_fr: WordSet,
    /// French nouns after which "de" and a lone name make a place ("les habitants de Sanikiluaq").
    pub place_of_fr: WordSet,
    /// French nouns for what a person is, before the name ("le poète Venance Fortunat").
    pub roles_fr: WordSet,
    /// French verbs and nouns whose "à" gives to a person ("succède à", "une lettre à").
    pub dative_fr: WordSet,
    /// French words between "groupe" and a band's name ("rock", "britannique").
    pub band_kinds_fr: WordSet,
    /// Lower-cased endings of German nouns for a kind of organization ("agentur").
    pub org_kinds_de: Vec<String>,
    /// Endings of nationality nouns ("ien", "aise").
    pub nationality_endings: Vec<String>,
    /// Per language, in the file's order: function words no near neighbour writes.
    pub function_words: Vec<(String, Vec<String>)>,
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::load)
    }

    /// Parses every table once. Long because it is one flat pass per data
    /// file, each a few lines: splitting it would only scatter the file names.
    fn load() -> Lexicon {
        let mut lx = Lexicon::default();
        for line in data_lines(include_str!("../data/places.tsv")) {
            if let Some((name, kind)) = line.split_once('\t') {
                lx.places.insert(name.to_string(), kind.to_string());
            }
        }
        // French and Spanish names of foreign places ("Athènes", "Estocolmo").
        for line in data_lines(include_str!("../data/exonyms.tsv")) {
            if let Some((name, kind)) = line.split_once('\t') {
                lx.places.entry(name.to_string()).or_insert_with(|| kind.to_string());
            }
        }
        for line in data_lines(include_str!("../data/stopwords.tsv")) {
            if let Some((lang, word)) = line.split_once('\t') {
                lx.stopwords.entry(lang.to_string()).or_default().insert(word.to_string());
                lx.stopwords_any.insert(word.to_string());
                lx.stopwords_union.insert(word.to_string());
                lx.stopwords_packed.insert(word);
            }
        }
        for line in data_lines(include_str!("../data/orgs.tsv")) {
            let mut cols = line.splitn(3, '\t');
            let (Some(cat), Some(_where), Some(entry)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            match cat {
                "legal_form" => {
                    lx.legal_forms.insert(entry.to_string());
                }
                "org_word" => {
                    lx.org_words.insert(entry.to_string());
                }
                "org" => {
                    lx.orgs.insert(entry.to_string());
                }
                _ => {}
            }
        }
        for line in data_lines(include_str!("../data/lexicon.tsv")) {
            let mut cols = line.splitn(3, '\t');
            let (Some(cat), Some(lang), Some(entry)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            match cat {
                "org_head" => {
                    lx.org_heads.insert(entry.to_string());
                }
                "adjective_ending" => lx.adjective_endings.push(entry.to_string()),
                "place_noun_fr" => {
                    lx.place_nouns_fr.insert(entry.to_string());
                }
                "place_kind_fr" => {
                    lx.place_kinds_fr.insert(entry.to_string());
                }
                "person_of_fr" => {
                    lx.person_of_fr.insert(entry.to_string());
                }
                "place_of_fr" => {
                    lx.place_of_fr.insert(entry.to_string());
                }
                "role_fr" => {
                    lx.roles_fr.insert(entry.to_string());
                }
                "dative_fr" => {
                    lx.dative_fr.insert(entry.to_string());
                }
                "band_kind_fr" => {
                    lx.band_kinds_fr.insert(entry.to_string());
                }
                "org_kind_de" => lx.org_kinds_de.push(entry.to_string()),
                "nationality_ending" => lx.nationality_endings.push(entry.to_string()),
                "function_word" => match lx.function_words.iter_mut().find(|(l, _)| l == lang) {
                    Some((_, words)) => words.push(entry.to_string()),
                    None => lx.function_words.push((lang.to_string(), vec![entry.to_string()])),
                },
                "event_head" => {
                    lx.event_heads.entry(lang.to_string()).or_default().insert(entry.to_string());
                }
                "event_tail" => {
                    lx.event_tails.entry(lang.to_string()).or_default().insert(entry.to_string());
                }
                "title" => {
                    lx.titles.insert(entry.to_lowercase());
                }
                "org_word" => {
                    lx.org_words.insert(entry.to_string());
                }
                "org_before" => {
                    lx.org_before.insert(entry.to_lowercase());
                }
                "org" => {
                    lx.orgs.insert(entry.to_string());
                }
                "place" => {
                    lx.places.insert(entry.to_string(), "region".to_string());
                }
                "not_entity" => {
                    lx.not_entity.insert(entry.to_string());
                }
                "place_word" => {
                    lx.place_words.insert(entry.to_string());
                }
                "place_before" => {
                    lx.place_before.insert(entry.to_lowercase());
                }
                "speech" => lx.speech.push(entry.to_lowercase()),
                "abbrev" => {
                    lx.abbrevs.insert(entry.to_string());
                }
                "month" => {
                    if let Some((name, n)) = entry.split_once(':') {
                        if let Ok(n) = n.parse() {
                            lx.months.insert(name.to_string(), n);
                        }
                    }
                }
                _ => {}
            }
        }
        lx.legal_forms_undotted = lx
            .legal_forms
            .iter()
            .flat_map(|f| [f.as_str(), f.strip_suffix('.').unwrap_or(f)])
            .map(str::to_string)
            .collect();
        lx.legal_form_starts = Starts::of(lx.legal_forms_undotted.iter().map(String::as_str));
        lx.month_starts = Starts::of(lx.months.keys().map(String::as_str));
        lx.title_starts = Starts::of(lx.titles.iter().map(String::as_str));
        lx.place_before_starts = Starts::of(lx.place_before.iter().map(String::as_str));
        lx.org_word_starts = Starts::of(lx.org_words.iter().map(String::as_str));
        lx.two_word_title_ends = lx
            .titles
            .iter()
            .filter_map(|t| t.split_once(' '))
            .filter(|(_, end)| !end.contains(' '))
            .map(|(_, end)| end.to_string())
            .collect();
        lx.gazetteer_heads = lx
            .places
            .keys()
            .chain(&lx.orgs)
            .flat_map(|e| e.match_indices(' ').map(|(at, _)| e[..at].to_string()))
            .collect();
        // Longest first, so "a dit" wins over "dit".
        lx.speech.sort_by_key(|s| std::cmp::Reverse(s.len()));
        lx
    }

    /// Stopwords of one language, or of all shipped languages when unknown.
    pub fn stopwords_for(&self, lang: Option<&str>) -> &WordSet {
        lang.and_then(|l| self.stopwords.get(l)).unwrap_or(&self.stopwords_union)
    }

    /// "GmbH", "AG", "SA", "Ltd", "Inc", "Corporation": a word that ends a
    /// company's name. Two-letter forms count only in capitals ("AG", not
    /// "Ag"), so a short surname or word is never taken for one.
    pub(crate) fn is_legal_form_word(&self, word: &str) -> bool {
        if !self.legal_form_starts.may_start(word) {
            return false;
        }
        let letters = word.chars().count();
        if !(letters >= 3 || word.chars().all(char::is_uppercase)) {
            return false;
        }
        let mut buf = [0; LOWER_BUF];
        self.legal_forms_undotted.contains(lowercase_in(word, &mut buf).as_ref())
    }

    /// The length in bytes (space included) of a dotted legal form written
    /// right after a name: " S.A.", " S.p.A.", " e.V.", " Co.".
    pub(crate) fn legal_form_after(&self, rest: &str) -> Option<usize> {
        let form_text = rest.strip_prefix(' ')?;
        // The same scan on bytes where the 12 characters are ASCII, to answer the
        // most names (a plain word after them, no dot) without decoding.
        let head = &form_text.as_bytes()[..form_text.len().min(12)];
        if head.is_ascii() {
            let run = head.iter().position(|&b| !(b.is_ascii_alphabetic() || b == b'.')).unwrap_or(head.len());
            if !head[..run].contains(&b'.') {
                return None;
            }
        }
        // The form: up to 12 letters and dots. Most names are followed by a
        // plain word, no dot in it: no form, and nothing to copy or lower-case.
        let (mut len, mut dot) = (0, false);
        for c in form_text.chars().take(12) {
            if !(c.is_alphabetic() || c == '.') {
                break;
            }
            dot |= c == '.';
            len += c.len_utf8();
        }
        if !dot {
            return None;
        }
        let form = &form_text[..len];
        let after = form_text[form.len()..].chars().next();
        let lower = form.to_lowercase();
        let known = form.contains('.')
            && form.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !matches!(after, Some(c) if c.is_alphanumeric())
            && self.legal_forms_undotted.contains(&lower);
        known.then_some(1 + form.len())
    }

    /// A name of two or more words that opens or closes like an event's in
    /// that language ("Copa del Rey", "Seconde Guerre").
    pub(crate) fn is_event(&self, lang: Option<&str>, first: &str, last: &str) -> bool {
        let Some(lang) = lang else { return false };
        self.event_heads.get(lang).is_some_and(|s| s.contains(first))
            || self.event_tails.get(lang).is_some_and(|s| s.contains(last))
    }

    /// `titles.contains(word)`, most words answered from their first two bytes.
    #[inline]
    pub(crate) fn has_title(&self, word: &str) -> bool {
        self.title_starts.may_start(word) && self.titles.contains(word)
    }

    /// `place_before.contains(word)`, likewise.
    #[inline]
    pub(crate) fn has_place_before(&self, word: &str) -> bool {
        self.place_before_starts.may_start(word) && self.place_before.contains(word)
    }

    /// `org_words.contains(word)`, likewise.
    #[inline]
    pub(crate) fn has_org_word(&self, word: &str) -> bool {
        self.org_word_starts.may_start(word) && self.org_words.contains(word)
    }

    #[inline]
    pub(crate) fn is_month(&self, word: &str) -> bool {
        if !self.month_starts.may_start(word) {
            return false;
        }
        let mut buf = [0; LOWER_BUF];
        self.months.contains_key(lowercase_in(word, &mut buf).as_ref())
    }
}

/// The first two bytes of a table's words, ASCII lower-cased, one bit each
/// (8 KiB): a word whose first two bytes lower-case otherwise is no entry of
/// the table, nor lower-cased one of a lower-case table.
#[derive(Debug, Default)]
struct Starts(Vec<u64>);

impl Starts {
    fn of<'a>(words: impl Iterator<Item = &'a str>) -> Starts {
        let mut bits = vec![0u64; 1 << 10];
        for w in words {
            // Lower-cased as the words asked about are: a table written in capitals ("Bank") works too.
            let k = Starts::key(w.as_bytes());
            bits[k >> 6] |= 1 << (k & 63);
        }
        Starts(bits)
    }

    /// The first two bytes, ASCII lower-cased (0 for a missing one), as an index.
    fn key(b: &[u8]) -> usize {
        let byte = |k: usize| b.get(k).map_or(0, u8::to_ascii_lowercase) as usize;
        byte(0) << 8 | byte(1)
    }

    /// Whether `word`, lower-cased, may be an entry. Answered from the raw
    /// bytes only where lower-casing them is ASCII's: its first two bytes
    /// are ASCII, so the lower-cased form starts with them lower-cased.
    #[inline]
    fn may_start(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let head = &b[..b.len().min(2)];
        if self.0.is_empty() || head.is_empty() || !head.is_ascii() {
            return true;
        }
        let k = Starts::key(head);
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// Whether lower-case `word` is a common English word (`data/english_words.tsv`,
/// sorted bytewise): a binary search over the bundled text's lines, so a
/// process asking a few words builds nothing (a list of 40k words cost
/// ~10 M instructions to read).
pub(crate) fn is_english_word(word: &str) -> bool {
    const DATA: &[u8] = include_bytes!("../data/english_words.tsv");
    let line_start =
        |from: usize, at: usize| DATA[from..at].iter().rposition(|&b| b == b'\n').map_or(from, |n| from + n + 1);
    let line_end = |at: usize, to: usize| DATA[at..to].iter().position(|&b| b == b'\n').map_or(to, |n| at + n);
    // The words start after the `#` header lines.
    static WORDS_AT: OnceLock<usize> = OnceLock::new();
    let mut lo = *WORDS_AT.get_or_init(|| {
        let mut at = 0;
        while DATA.get(at) == Some(&b'#') {
            at = (line_end(at, DATA.len()) + 1).min(DATA.len());
        }
        at
    });
    let mut hi = DATA.len();
    while lo < hi {
        let start = line_start(lo, lo + (hi - lo) / 2);
        let end = line_end(start, hi);
        match DATA[start..end].trim_ascii_end().cmp(word.as_bytes()) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

/// The entries of a bundled data file: its lines, without blank lines and `#` comments.
pub(crate) fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// What a byte is to the tokenizers (`entities::tokenize`, the tagger's
/// `word_spans`): an ASCII letter or digit, another ASCII byte, or part of a
/// non-ASCII character. One table load per byte where the runs over the text
/// tested ranges and bounds for each.
pub(crate) const ASCII_ALNUM: u8 = 1;
pub(crate) const ASCII_OTHER: u8 = 2;
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 0x80 {
        table[b] = if (b as u8).is_ascii_alphanumeric() { ASCII_ALNUM } else { ASCII_OTHER };
        b += 1;
    }
    table
};

/// Whether `b` is an ASCII letter or digit, by the same table.
#[inline]
pub(crate) fn is_ascii_alnum_byte(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] == ASCII_ALNUM
}

/// Where the run of bytes of `class` starting at `i` ends (`end` at the latest).
#[inline]
pub(crate) fn run_end(bytes: &[u8], i: usize, end: usize, class: u8) -> usize {
    bytes[i..end].iter().position(|&b| BYTE_CLASS[usize::from(b)] != class).map_or(end, |p| i + p)
}

/// A set of words answered without hashing a string: a word of up to 15
/// bytes (nearly every one) is one number, its bytes and its length; a
/// longer one is looked up as a string.
#[derive(Debug, Default)]
pub(crate) struct PackedWords {
    short: FxHashSet<u128>,
    long: WordSet,
}

/// Most bytes of a word `PackedWords` packs (the 16th byte holds the length).
const PACKED_BYTES: usize = 15;

/// `word`'s bytes (ASCII lower-cased when `lower`) and length as one number,
/// when it is short enough.
#[inline]
fn pack(word: &[u8], lower: bool) -> Option<u128> {
    if word.len() > PACKED_BYTES {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes[..word.len()].copy_from_slice(word);
    if lower {
        bytes.make_ascii_lowercase();
    }
    bytes[PACKED_BYTES] = word.len() as u8;
    Some(u128::from_le_bytes(bytes))
}

impl PackedWords {
    fn insert(&mut self, word: &str) {
        match pack(word.as_bytes(), false) {
            Some(key) => self.short.insert(key),
            None => self.long.insert(word.to_string()),
        };
    }

    /// Whether `word` is in the set.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        match pack(word.as_bytes(), false) {
            Some(key) => self.short.contains(&key),
            None => self.long.contains(word),
        }
    }

    /// `contains(lowercase_chars(word, buf))`: a short ASCII word is
    /// lower-cased as it is packed.
    #[inline]
    pub(crate) fn contains_lower_chars(&self, word: &str, buf: &mut String) -> bool {
        if let Some(key) = pack(word.as_bytes(), true).filter(|_| word.is_ascii()) {
            return self.short.contains(&key);
        }
        self.contains(lowercase_chars(word, buf))
    }
}

/// `str::to_lowercase`, borrowing when the word is lower case already (most
/// words are), so hot loops over every word do not allocate for each.
pub(crate) fn lowercase(word: &str) -> Cow<'_, str> {
    // One pass over the leading lower-case ASCII (most words end there).
    let bytes = word.as_bytes();
    let plain = bytes.iter().position(|&b| b >= 0x80 || b.is_ascii_uppercase()).unwrap_or(bytes.len());
    let rest = &word[plain..];
    if rest.is_empty() {
        return Cow::Borrowed(word);
    }
    if rest.is_ascii() {
        // The same answer without the Unicode tables (most words are ASCII).
        return Cow::Owned(word.to_ascii_lowercase());
    }
    if rest.chars().all(super::letters::lowercases_to_itself) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(to_lowercase(word))
    }
}

/// `str::to_lowercase`, with the characters that lower-case to themselves
/// copied on a bitmap's word rather than a search of the standard library's
/// table for each.
fn to_lowercase(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_lowercase(word, &mut out);
    out
}

/// `to_lowercase(word)` appended to `out`. "Σ", whose lower case depends on
/// its neighbours, leaves the word to the standard library; it is found by
/// its bytes (`CE A3` can be no other character), cheaper than a character search.
pub(crate) fn push_lowercase(word: &str, out: &mut String) {
    if word.as_bytes().windows(2).any(|p| p == [0xce, 0xa3]) {
        out.push_str(&word.to_lowercase());
        return;
    }
    for c in word.chars() {
        if super::letters::lowercases_to_itself(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Room for `lowercase_in`: longer or non-ASCII words take `lowercase`.
pub(crate) const LOWER_BUF: usize = 32;

/// `lowercase(word)`, written into `buf` rather than a new `String` when
/// the word is short ASCII with a capital (a title, a name's first word):
/// lookups of capitalised words in the lower-case tables allocate nothing.
pub(crate) fn lowercase_in<'a>(word: &'a str, buf: &'a mut [u8; LOWER_BUF]) -> Cow<'a, str> {
    // The scan `lowercase` starts with: most words end it lower-case ASCII.
    let bytes = word.as_bytes();
    let plain = bytes.iter().position(|&b| b >= 0x80 || b.is_ascii_uppercase()).unwrap_or(bytes.len());
    if plain == bytes.len() {
        return Cow::Borrowed(word);
    }
    if bytes.len() > LOWER_BUF || !bytes[plain..].is_ascii() {
        return lowercase(word);
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    // ASCII in, ASCII out: always UTF-8.
    std::str::from_utf8(out).map_or_else(|_| lowercase(word), Cow::Borrowed)
}

/// `word` lower-cased character by character (`char::to_lowercase`, which
/// unlike `str::to_lowercase` has no final-sigma rule): the word itself when
/// that changes nothing in ASCII, else written into `buf`.
pub(crate) fn lowercase_chars<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    buf.clear();
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return word;
        }
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        // Most characters lower-case to themselves (from a bitmap): only the others are converted.
        if word.chars().all(super::letters::lowercases_to_itself) {
            return word;
        }
        for c in word.chars() {
            if super::letters::lowercases_to_itself(c) {
                buf.push(c);
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
    buf
}

#[cfg(test)]
mod tests {
    #[test]
    fn byte_runs_end_where_the_range_tests_did() {
        let text = "ab12 ,.-'Zé’x\u{2003}9 \t(Q)";
        let bytes = text.as_bytes();
        for i in 0..=bytes.len() {
            let mut alnum = i;
            while bytes.get(alnum).is_some_and(u8::is_ascii_alphanumeric) {
                alnum += 1;
            }
            let mut other = i;
            while bytes.get(other).is_some_and(|&b| b < 0x80 && !b.is_ascii_alphanumeric()) {
                other += 1;
            }
            assert_eq!(run_end(bytes, i, bytes.len(), ASCII_ALNUM), alnum, "{i}");
            assert_eq!(run_end(bytes, i, bytes.len(), ASCII_OTHER), other, "{i}");
        }
        for b in 0..=255u8 {
            let one = [b];
            assert_eq!(run_end(&one, 0, 1, ASCII_ALNUM) == 1, b.is_ascii_alphanumeric(), "{b}");
            assert_eq!(run_end(&one, 0, 1, ASCII_OTHER) == 1, b < 0x80 && !b.is_ascii_alphanumeric(), "{b}");
        }
    }

    use super::*;

    #[test]
    fn english_words_are_sorted_for_binary_search() {
        let words: Vec<&str> = data_lines(include_str!("../data/english_words.tsv")).collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        assert!(is_english_word("tomatoes") && is_english_word("aardvark") && !is_english_word("fortunat"));
        // The search over the text finds every listed word and nothing between them.
        assert!(words.iter().all(|w| is_english_word(w)));
        assert!(words.windows(2).all(|w| !is_english_word(&format!("{}0", w[0]))));
        assert!(!is_english_word("") && !is_english_word("#") && !is_english_word("zzzzzz"));
    }

    #[test]
    fn lowercase_in_a_buffer_is_lowercase() {
        let mut texts = super::super::generated::Texts::over("aZ9-'.éÉßΣİ東");
        for _ in 0..20_000 {
            let len = (texts.next() % 40) as usize;
            let w = texts.text(len);
            let mut buf = [0; LOWER_BUF];
            assert_eq!(lowercase_in(&w, &mut buf), w.to_lowercase(), "{w:?}");
        }
    }

    /// `legal_form_after` as first written: the form copied, then lower-cased.
    fn legal_form_after_by_copy(lx: &Lexicon, rest: &str) -> Option<usize> {
        let form_text = rest.strip_prefix(' ')?;
        let form: String = form_text.chars().take_while(|c| c.is_alphabetic() || *c == '.').take(12).collect();
        let after = form_text[form.len()..].chars().next();
        let lower = form.to_lowercase();
        let known = form.contains('.')
            && form.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !matches!(after, Some(c) if c.is_alphanumeric())
            && lx.legal_forms_undotted.contains(&lower);
        known.then_some(1 + form.len())
    }

    #[test]
    fn legal_form_after_matches_the_copying_version() {
        let lx = Lexicon::get();
        let mut rests: Vec<String> = Vec::new();
        for f in lx.legal_forms.iter() {
            for tail in ["", " rose", ",", "x", "1", ".", "é"] {
                rests.push(format!(" {f}{tail}"));
                rests.push(format!(" {}{tail}", f.to_uppercase()));
            }
        }
        let mut texts = super::super::generated::Texts::over(" .aASpVvé1,");
        for _ in 0..20_000 {
            let len = (texts.next() % 18) as usize;
            rests.push(texts.text(len));
        }
        for r in &rests {
            assert_eq!(lx.legal_form_after(r), legal_form_after_by_copy(lx, r), "{r:?}");
        }
    }

    #[test]
    fn first_bytes_answer_as_the_tables() {
        let lx = Lexicon::get();
        // The two lookups as first written: lower-cased, then hashed.
        let legal_by_table = |word: &str| {
            (word.chars().count() >= 3 || word.chars().all(char::is_uppercase))
                && lx.legal_forms_undotted.contains(&word.to_lowercase())
        };
        let month_by_table = |word: &str| lx.months.contains_key(&word.to_lowercase());
        let mut words: Vec<String> = Vec::new();
        for w in lx.legal_forms_undotted.iter().chain(lx.months.keys()) {
            let mut title = w.chars();
            let title: String = title.next().into_iter().flat_map(char::to_uppercase).chain(title).collect();
            words.extend([w.clone(), w.to_uppercase(), title]);
        }
        let mut texts = super::super::generated::Texts::over("aAgGmMjJsSé.\u{212a}İ");
        for _ in 0..20_000 {
            let len = (texts.next() % 6) as usize;
            words.push(texts.text(len));
        }
        for w in lx.titles.iter().chain(&lx.place_before).chain(&lx.org_words) {
            words.extend([w.clone(), w.to_lowercase(), w.to_uppercase()]);
        }
        for w in &words {
            assert_eq!(lx.is_legal_form_word(w), legal_by_table(w), "{w:?}");
            assert_eq!(lx.is_month(w), month_by_table(w), "{w:?}");
            assert_eq!(lx.has_title(w), lx.titles.contains(w), "{w:?}");
            assert_eq!(lx.has_place_before(w), lx.place_before.contains(w), "{w:?}");
            assert_eq!(lx.has_org_word(w), lx.org_words.contains(w), "{w:?}");
        }
    }

    #[test]
    fn packed_words_are_the_word_set() {
        let lx = super::Lexicon::get();
        let mut buf = String::new();
        for w in lx.stopwords_any.iter() {
            assert!(lx.stopwords_packed.contains(w), "{w}");
        }
        let mut texts = super::super::generated::Texts::over("aeiouZnst'é\u{0}Σ");
        for w in [
            "",
            "the",
            "The",
            "THE",
            "particulièrement",
            "Particulièrement",
            "notwithstanding",
            "dementsprechendX",
            "x\u{0}",
        ]
        .into_iter()
        .map(String::from)
        .chain(lx.stopwords_any.iter().map(|w| w.to_uppercase()))
        .chain(lx.stopwords_any.iter().map(|w| format!("{w}s")))
        .chain((0..20_000).map(|_| {
            let len = (texts.next() % 18) as usize;
            texts.text(len)
        })) {
            assert_eq!(lx.stopwords_packed.contains(&w), lx.stopwords_any.contains(&w), "{w:?}");
            let lower = lowercase_chars(&w, &mut buf).to_string();
            assert_eq!(
                lx.stopwords_packed.contains_lower_chars(&w, &mut buf),
                lx.stopwords_any.contains(&lower),
                "{w:?}"
            );
        }
    }

    #[test]
    fn lowercase_chars_is_char_by_char_lower_case() {
        let mut buf = String::new();
        for w in ["rail", "Rail", "ÉTÉ", "ΣΟΦΟΣ", "ǅemal", "İstanbul", "123", ""] {
            let expected: String = w.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(lowercase_chars(w, &mut buf), expected, "{w}");
        }
        let mut texts = super::super::generated::Texts::over("aZ9-éÉßẞΣσİǅ東\u{301}\u{212a}\u{10400}");
        for _ in 0..20_000 {
            let len = (texts.next() % 8) as usize;
            let w = texts.text(len);
            let expected: String = w.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(lowercase_chars(&w, &mut buf), expected, "{w:?}");
        }
    }

    #[test]
    fn lowercase_borrows_only_what_to_lowercase_leaves_alone() {
        for w in ["rail", "Rail", "ÉTÉ", "été", "ΣΟΦΟΣ", "σοφος", "ǅemal", "straße", "İstanbul", "123", ""]
        {
            assert_eq!(lowercase(w), w.to_lowercase(), "{w}");
            assert_eq!(matches!(lowercase(w), Cow::Borrowed(_)), w == w.to_lowercase(), "{w}");
        }
        let mut texts = super::super::generated::Texts::over("aZ9-'éÉßΣσİǅ東\u{301}");
        for _ in 0..20_000 {
            let len = (texts.next() % 8) as usize;
            let w = texts.text(len);
            assert_eq!(lowercase(&w), w.to_lowercase(), "{w:?}");
            assert_eq!(matches!(lowercase(&w), Cow::Borrowed(_)), w == w.to_lowercase(), "{w:?}");
        }
    }

    #[test]
    fn to_lowercase_is_the_standard_librarys() {
        let mut texts = super::super::generated::Texts::over("aZ-éÉßẞΣσςİIǅǄ東\u{301}\u{212a}\u{10400}\u{1e9e}Ω");
        for _ in 0..50_000 {
            let len = (texts.next() % 9) as usize;
            let w = texts.text(len);
            assert_eq!(to_lowercase(&w), w.to_lowercase(), "{w:?}");
        }
    }
}
