//! Clean: raw page bytes in, an ordered list of typed text blocks out.
//!
//! This stage decides what the rest of the pipeline sees. It decodes the bytes
//! (declared charset, BOM, `<meta>`, then sniffing), refuses what is not a text
//! page (binary, empty, over budget), and takes one of two paths:
//! - HTML (`html`): one DOM index of the parsed page (`index`, `totals`), read
//!   for metadata (`meta`), main content by Readability's scoring
//!   (`readability`) checked against the density reading (`density`) and runs
//!   of repeated items (`repeated`), walked into blocks; teasers from the
//!   whole page (`teasers`). What element names and class words mean is in
//!   one place (`markup`).
//! - text (a scraper already flattened the page): line classification against a
//!   multilingual boilerplate vocabulary, plus removal of repeated lines.
//!
//! Both paths end in the same `Block` stream, with `RelatedBreak` markers where
//! the page starts listing other articles; `segment` works only from that.
//! Pure: no I/O, no clock, no globals beyond read-only tables.

pub(crate) mod authors;
mod decode;
mod density;
mod html;
mod index;
mod jsonld;
mod markup;
mod meta;
mod parse;
mod pubdate;
mod rawtext;
mod readability;
mod repeated;
mod teasers;
mod text;
mod totals;
mod vocab;

use crate::model::RawPage;
pub use pubdate::date_in_url;

/// What a block of page text is, as far as clean can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Caption,
    Quote,
    /// A teaser's headline (HTML path: a heading that links elsewhere).
    TeaserTitle,
    /// Text path: the authors and date printed under the title, as one line.
    Byline,
    /// The page stops being the article here and starts listing others
    /// ("read also", "latest", a related-articles container).
    RelatedBreak,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// NFC-normalised, entity-decoded, whitespace-collapsed text.
    pub text: String,
    /// Absolute link target, when the block is a link to another page.
    pub link: Option<String>,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Block {
        Block { kind, text: text.into(), link: None }
    }

    /// Ends in an ellipsis: a summary the page cut short.
    pub(crate) fn is_truncated(&self) -> bool {
        let t = self.text.trim_end();
        t.ends_with("...") || t.ends_with('…')
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Html,
    Text,
}

impl InputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Html => "html",
            InputFormat::Text => "text",
        }
    }
}

/// Page-level facts found in the markup (text pages: only the title the text path read).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub canonical_url: Option<String>,
    pub site_name: Option<String>,
    pub authors: Vec<String>,
    pub published_at: Option<String>,
    pub modified_at: Option<String>,
    /// Declared language (`<html lang>`, `og:locale`), as written.
    pub declared_lang: Option<String>,
    pub description: Option<String>,
    /// Main image, absolute URL.
    pub image: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    /// Non-space characters of visible text in the whole `<body>` (for the boilerplate ratio).
    pub page_text_chars: Option<usize>,
    /// `og:type`: a page declaring itself an article is read as one.
    pub og_type: Option<String>,
    /// A discussion thread (forum, Q&A): its replies are content, not an
    /// article's comments.
    pub discussion: bool,
}

/// How the extraction went, as clean saw it while choosing: by-products of
/// the choice that enrich turns into `quality.extraction_confidence`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtractionSignals {
    /// No article was chosen: the page's text was read whole (HTML: the
    /// density root; text: every line but boilerplate).
    pub fallback: bool,
    /// Text path: words of the chosen run of lines and of the whole page
    /// (HTML pages have `PageMeta::page_text_chars` for that).
    pub chosen_words: u32,
    pub page_words: u32,
}

/// What is known of a page besides its text: where and when it was fetched,
/// how it was read, and what its markup declared. Clean makes it; segment and
/// enrich carry it unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageInfo {
    pub url: String,
    pub fetched_at: Option<String>,
    pub status: Option<u16>,
    pub format: InputFormat,
    pub extractor: &'static str,
    pub meta: PageMeta,
    pub signals: ExtractionSignals,
}

/// A page after cleaning: what segment consumes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanPage {
    pub page: PageInfo,
    pub blocks: Vec<Block>,
}

/// Limits that keep one hostile page from stalling a partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CleanLimits {
    pub max_page_bytes: usize,
    /// Pages with more elements are refused before parsing (0 = no limit).
    pub max_html_elements: usize,
    /// Pages nested deeper are refused before parsing: the HTML5 tree builder
    /// is quadratic in nesting depth.
    pub max_html_depth: usize,
    pub max_teasers: usize,
}

impl Default for CleanLimits {
    fn default() -> Self {
        CleanLimits {
            max_page_bytes: 8 * 1024 * 1024,
            max_html_elements: 100_000,
            max_html_depth: 1_000,
            max_teasers: 60,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CleanError {
    #[error("page body is empty")]
    Empty,
    #[error("page body is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: usize, limit: usize },
    #[error("page body is not text ({0})")]
    Binary(String),
    #[error("no main content found: {0}")]
    NoContent(String),
    #[error("markup too complex: {0}")]
    TooComplex(String),
}

impl CleanError {
    pub fn kind(&self) -> &'static str {
        match self {
            CleanError::Empty => "empty_body",
            CleanError::TooLarge { .. } => "too_large",
            CleanError::Binary(_) => "binary_content",
            CleanError::NoContent(_) => "no_content",
            CleanError::TooComplex(_) => "too_complex",
        }
    }
}

/// Runs the clean stage on one page.
pub fn clean(page: RawPage, limits: &CleanLimits) -> Result<CleanPage, CleanError> {
    if page.body.iter().all(u8::is_ascii_whitespace) {
        return Err(CleanError::Empty);
    }
    if page.body.len() > limits.max_page_bytes {
        return Err(CleanError::TooLarge { size: page.body.len(), limit: limits.max_page_bytes });
    }
    let content_type = page.declared_content_type().map(str::to_ascii_lowercase);
    if let Some(what) = decode::binary_signature(&page.body, content_type.as_deref()) {
        return Err(CleanError::Binary(what));
    }
    let decoded = decode::decode(&page.body, page.charset.as_deref(), content_type.as_deref());
    if decode::looks_binary(&decoded) {
        return Err(CleanError::Binary("control characters".into()));
    }
    let (format, extractor, meta, blocks, signals) = if decode::is_html(&decoded, content_type.as_deref()) {
        let out = html::extract(&decoded, &page.url, limits)?;
        (InputFormat::Html, html::EXTRACTOR, out.meta, out.blocks, out.signals)
    } else {
        let read = text::extract_page(&decoded, &page.url);
        let meta = PageMeta { title: read.title, authors: read.authors, ..PageMeta::default() };
        (InputFormat::Text, text::EXTRACTOR, meta, read.blocks, read.signals)
    };
    if !blocks.iter().any(|b| b.kind != BlockKind::RelatedBreak) {
        return Err(CleanError::NoContent("every block was boilerplate".into()));
    }
    let info =
        PageInfo { url: page.url, fetched_at: page.fetched_at, status: page.status, format, extractor, meta, signals };
    Ok(CleanPage { page: info, blocks })
}

/// `text.split_whitespace().nth(n - 1).is_some()`: at least `n` words.
pub(crate) fn has_words(text: &str, n: usize) -> bool {
    count_words(text, n) >= n
}

/// `text.split_whitespace().take(max).count()`: words, counted up to `max`.
/// Every block is asked, long ones too, so text is read eight bytes at a time
/// (see below) and decoded only where it must be: non-ASCII white space always
/// starts with one of a few lead bytes, so a chunk without them is ASCII
/// white space against everything else. Only a chunk that may hold non-ASCII
/// white space goes through the byte table, where a lead byte that can start
/// it (`may_start_white`) is decoded; other non-ASCII bytes are never white.
pub(crate) fn count_words(text: &str, max: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    // Eight bytes at a time, as one `u64` (SWAR): a word starts on a
    // non-white byte after a white one, counted from per-byte flags in each
    // byte's high bit. A chunk holding a lead byte that may start white space
    // (`C2`, `E0`-`E3`: a superset of `may_start_white`) is read a character
    // at a time. The bar is checked per chunk: past it the answer is `max`.
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if swar_may_decode(v) {
            let end = i + 8;
            while i < end {
                let ws = word_step(text, &mut i);
                if !ws && !in_word {
                    words += 1;
                }
                in_word = !ws;
            }
        } else {
            let word = !swar_white(v) & HIGH;
            let starts = word & !((word << 8) | (u64::from(in_word) << 7));
            // One flag per byte, in bit 7: the multiply adds the bytes into the top one.
            words += ((starts >> 7).wrapping_mul(ONES) >> 56) as usize;
            in_word = word >> 63 != 0;
            i += 8;
        }
        if words >= max {
            return max;
        }
    }
    while i < bytes.len() {
        let ws = word_step(text, &mut i);
        if !ws && !in_word {
            words += 1;
            if words >= max {
                return max;
            }
        }
        in_word = !ws;
    }
    words
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit 7 of each byte of `x` set where that byte is zero (exact: no carry
/// crosses bytes).
#[inline(always)]
fn swar_zero(x: u64) -> u64 {
    let low_set = (x & !HIGH) + !HIGH;
    !(low_set | x | !HIGH)
}

/// Bit 7 of each byte set where the byte is ASCII white space (`WHITE`).
#[inline(always)]
fn swar_white(v: u64) -> u64 {
    let low = v & !HIGH;
    let space = swar_zero(low ^ (ONES * 0x20));
    // 9 to 13: at least 9 and not at least 14 (a low byte plus 0x77 or
    // 0x72 reaches bit 7 without carrying out).
    let from_tab = (low + ONES * (0x80 - 0x09)) & !(low + ONES * (0x80 - 0x0e));
    (space | from_tab) & !v & HIGH
}

/// Whether a byte of `v` is `C2` or `E0`-`E3` (every `may_start_white` byte).
#[inline(always)]
fn swar_may_decode(v: u64) -> bool {
    (swar_zero(v ^ (ONES * 0xc2)) | swar_zero((v & (ONES * 0xfc)) ^ (ONES * 0xe0))) != 0
}

/// Whether the character at byte `i` of `text` is white space; moves `i` past it.
#[inline(always)]
fn word_step(text: &str, i: &mut usize) -> bool {
    match BYTE_CLASS[usize::from(text.as_bytes()[*i])] {
        DECODE => {
            let c = text[*i..].chars().next().unwrap_or_default();
            *i += c.len_utf8();
            c.is_whitespace()
        }
        class => {
            *i += 1;
            class == WHITE
        }
    }
}

/// `text.split_whitespace()`, by the byte table `count_words` reads: only a
/// lead byte that can start non-ASCII white space is decoded. The text path
/// splits every line into words several times over.
pub(crate) fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`].
pub(crate) struct Words<'a> {
    text: &'a str,
    at: usize,
}

/// The byte length of the white space character starting with the lead
/// byte at `i` (`DECODE` class), 0 when it is no white space.
#[inline]
fn decoded_white(text: &str, i: usize) -> usize {
    text.get(i..).and_then(|t| t.chars().next()).filter(|c| c.is_whitespace()).map_or(0, char::len_utf8)
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        loop {
            let Some(&b) = bytes.get(i) else {
                self.at = i;
                return None;
            };
            match BYTE_CLASS[usize::from(b)] {
                WHITE => i += 1,
                DECODE => match decoded_white(self.text, i) {
                    0 => break,
                    n => i += n,
                },
                _ => break,
            }
        }
        let start = i;
        // A continuation byte is never white: the word ends on a character's
        // first byte. Most bytes are of class 0, skipped by one tight scan.
        i += 1;
        loop {
            match bytes[i..].iter().position(|&b| BYTE_CLASS[usize::from(b)] != 0) {
                None => {
                    i = bytes.len();
                    break;
                }
                Some(k) => i += k,
            }
            if BYTE_CLASS[usize::from(bytes[i])] == WHITE || decoded_white(self.text, i) > 0 {
                break;
            }
            i += 1;
        }
        self.at = i;
        Some(&self.text[start..i])
    }
}

const WHITE: u8 = 1;
const DECODE: u8 = 2;

/// Per byte: `WHITE` (ASCII white space and U+000B), `DECODE` (`may_start_white`), else 0.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b == 0x20 || (b >= 0x09 && b <= 0x0d) {
            WHITE
        } else if may_start_white(b as u8) {
            DECODE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Lead bytes of the non-ASCII white space characters (U+0085, U+00A0:
/// `C2`; U+1680: `E1`; U+2000–U+205F: `E2`; U+3000: `E3`).
pub(crate) const fn may_start_white(b: u8) -> bool {
    matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3)
}

/// Non-whitespace characters of `text` (ASCII fast path: most page text is).
pub(crate) fn non_space_chars(text: &str) -> usize {
    if text.is_ascii() {
        text.bytes().filter(|b| !b.is_ascii_whitespace()).count()
    } else {
        text.chars().filter(|c| !c.is_whitespace()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &[u8], content_type: Option<&str>) -> RawPage {
        RawPage {
            url: "https://example.org/a".into(),
            fetched_at: None,
            status: None,
            content_type: content_type.map(Into::into),
            headers: Default::default(),
            body: body.to_vec(),
            charset: None,
        }
    }

    #[test]
    fn words_are_split_whitespace() {
        for text in [
            "",
            "  ",
            "one",
            " one two ",
            "a\x0bb\u{a0}c\u{85}d",
            "é ü\u{3000}日本 語",
            "x\ty\nz\r w",
            "\u{2003}a\u{2029}\u{1680}",
        ] {
            assert_eq!(words(text).collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>(), "{text:?}");
        }
        let mut texts = crate::pipeline::text::generated::Texts::over(
            "a é\u{a0}\u{85}\u{2003}\u{3000}\u{2019}日\t\u{c2a}\u{e1}\u{1680}\u{205f}",
        );
        for _ in 0..20_000 {
            let len = (texts.next() % 12) as usize;
            let text = texts.text(len);
            assert_eq!(words(&text).collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn has_words_agrees_with_split_whitespace() {
        for text in ["", "  ", "one", " one two ", "a\x0bb\u{a0}c\u{85}d", "é ü\u{3000}日本 語", "x\ty\nz\r w"] {
            for n in 1..7 {
                assert_eq!(has_words(text, n), text.split_whitespace().nth(n - 1).is_some(), "{text:?} {n}");
            }
        }
    }

    #[test]
    fn swar_byte_flags_agree_with_the_byte_table() {
        // Every byte value in every lane, among random neighbour bytes.
        let mut random = crate::pipeline::text::generated::Texts::over("");
        for b in 0..=255u8 {
            for lane in 0..64 {
                let mut chunk = random.next().to_le_bytes();
                let lane = lane % 8;
                chunk[lane] = b;
                let v = u64::from_le_bytes(chunk);
                let white = swar_white(v);
                for (k, &c) in chunk.iter().enumerate() {
                    assert_eq!(white >> (8 * k + 7) & 1 == 1, BYTE_CLASS[usize::from(c)] == WHITE, "{b:#x} {k}");
                }
                let decode = chunk.iter().any(|&c| may_start_white(c));
                assert!(!decode || swar_may_decode(v), "{chunk:x?}");
                let leads = chunk.iter().any(|&c| matches!(c, 0xc2 | 0xe0..=0xe3));
                assert_eq!(swar_may_decode(v), leads, "{chunk:x?}");
            }
        }
    }

    #[test]
    fn count_words_by_chunks_agrees_with_split_whitespace_on_generated_texts() {
        // Runs of letters and white space across chunk edges, with characters
        // whose lead byte must be decoded (white or not) and some that need not.
        let mut texts = crate::pipeline::text::generated::Texts::over(
            "ab cd  \t\n\x0b\x0c\r\u{a0}\u{85}\u{2003}\u{3000}\u{1680}\u{2000}\u{2028}\u{2014}\u{201c}é日क\u{1100}\u{3042}\u{10348}\x1c",
        );
        for _ in 0..20_000 {
            let len = (texts.next() % 80) as usize;
            let t = texts.text(len);
            let all = t.split_whitespace().count();
            for max in [0, 1, 2, 5, all.saturating_sub(1), all, all + 1, 26, 61] {
                assert_eq!(count_words(&t, max), t.split_whitespace().take(max).count(), "{t:?} {max}");
            }
        }
    }

    #[test]
    fn count_words_agrees_with_split_whitespace() {
        let texts = [
            "",
            "  ",
            "one",
            " one two ",
            "a\x0bb\u{a0}c\u{85}d",
            "é ü\u{3000}日本 語",
            "x\ty\nz\r w",
            "\u{2003}a\u{1680}",
        ];
        // Long texts cross the ASCII chunks, and non-ASCII text falls back inside them.
        let long = "word, and\tanother\n  one  ".repeat(9);
        let mixed = format!("{long}é ü\u{3000}日本 語 {long}\u{a0}{long}\x0bend");
        let cyrillic = "Съешь же ещё этих мягких французских булок,\u{2003}да выпей чаю. ".repeat(6);
        let quoted = "\u{201c}Curly\u{201d} quotes \u{2014} and dashes\u{2019} ".repeat(12);
        for text in texts.into_iter().chain([long.as_str(), mixed.as_str(), cyrillic.as_str(), quoted.as_str()]) {
            for max in (0..9).chain([30, 61, 62, 100, 1000]) {
                assert_eq!(count_words(text, max), text.split_whitespace().take(max).count(), "{text:?} {max}");
            }
        }
    }

    #[test]
    fn non_ascii_white_space_starts_with_one_of_four_lead_bytes() {
        for c in (0x80..=0x10ffffu32).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            let mut buf = [0; 4];
            assert!(may_start_white(c.encode_utf8(&mut buf).as_bytes()[0]), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn rejects_empty_binary_and_oversized_pages() {
        let limits = CleanLimits::default();
        assert_eq!(clean(page(b"  \n ", None), &limits).unwrap_err(), CleanError::Empty);
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(clean(page(png, None), &limits).unwrap_err().kind(), "binary_content");
        let small = CleanLimits { max_page_bytes: 10, ..limits };
        assert_eq!(clean(page(b"a long enough page body", None), &small).unwrap_err().kind(), "too_large");
    }

    #[test]
    fn text_made_only_of_boilerplate_has_no_content() {
        let err =
            clean(page("Skip to content\nShare\n3 comments\n".as_bytes(), Some("text/plain")), &CleanLimits::default());
        assert_eq!(err.unwrap_err().kind(), "no_content");
    }
}
