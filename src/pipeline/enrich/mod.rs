//! Enrich: segmented page in, finished `ArticleEvent`s out (main article first,
//! then one per teaser).
//!
//! Adds what downstream consumers would otherwise recompute: stable ids,
//! canonical URL, language, sentences, named entities, quotes with speakers,
//! dates, keywords, reading statistics, quality signals, exact and
//! near-duplicate fingerprints and provenance. Ids depend only on the page
//! (canonical URL and segment), never on when or where it was processed, so
//! replays are idempotent.
//! Pure: provenance comes in as an argument, nothing reads a clock; the
//! duplicate window (`dedup`) is state the caller owns and passes in.

pub mod byline;
pub mod confidence;
pub mod dedup;
pub mod entities;
pub mod keywords;
pub mod quality;
pub mod quotes;
pub mod tagger;

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::clean::PageInfo;
use super::segment::{Segmented, TeaserSegment};
use super::text::dates;
use super::text::lexicon::{self, push_lowercase, Lexicon};
use super::text::{match_key, sentence_spans, unicode_words};
use crate::model::{
    ArticleEvent, ArticleKind, DateMention, Entity, Fingerprint, Keyword, Language, Provenance, Quote, RelatedRef,
    SourceRef, Span, TextStats, PRESSLINE_VERSION, SCHEMA_VERSION,
};
pub use dedup::{mark_duplicates, DuplicateWindow};

/// Characters of a long text that language detection looks at.
const LANGUAGE_SAMPLE_CHARS: usize = 3000;
/// A reliable answer on this much text stands; only unsure pages read the longer sample.
const LANGUAGE_QUICK_CHARS: usize = 1000;

/// Keywords kept per event.
const MAX_KEYWORDS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnrichOptions {
    /// Silent reading speed used for `reading_time_seconds`.
    pub words_per_minute: u32,
}

impl Default for EnrichOptions {
    fn default() -> Self {
        EnrichOptions { words_per_minute: 230 }
    }
}

/// The article event and one event per teaser. Long because it resolves the
/// page-level fields (ids, canonical URL, dates, authors, language) once, in
/// order, before building the events that share them.
pub fn enrich(seg: Segmented, source: SourceRef, options: &EnrichOptions) -> Vec<ArticleEvent> {
    let canonical_url = canonicalize(seg.page.meta.canonical_url.as_deref().unwrap_or(&seg.page.url), &seg.page.url);
    let site = crate::pipeline::site_host(&canonical_url);
    let page_id = short_hash(&["page", &canonical_url]);
    let main_id = short_hash(&["article", &canonical_url, "main"]);
    let provenance = Provenance {
        source,
        fetched_at: seg.page.fetched_at.clone(),
        http_status: seg.page.status,
        input_format: seg.page.format.as_str().to_string(),
        extractor: seg.page.extractor.to_string(),
        pressline_version: PRESSLINE_VERSION.to_string(),
    };
    let teaser_ids: Vec<String> = seg
        .teasers
        .iter()
        .map(|t| short_hash(&["article", &canonical_url, "teaser", t.link.as_deref().unwrap_or(&match_key(&t.title))]))
        .collect();

    let base = EventBase {
        page: &seg.page,
        canonical_url: &canonical_url,
        site: &site,
        page_id: &page_id,
        provenance: &provenance,
        options,
    };
    let main = seg.main;
    let related = seg
        .teasers
        .iter()
        .zip(&teaser_ids)
        .map(|(t, id)| RelatedRef { id: id.clone(), title: t.title.clone(), url: t.link.clone() })
        .collect();
    let mut events = Vec::with_capacity(1 + seg.teasers.len());
    // Subheadings are part of the article's text, in their place.
    let text = main.text();
    let mut article = base.event(main_id.clone(), ArticleKind::Article, main.title, main.paragraphs, text, None);
    let meta = &seg.page.meta;
    article.headings = main.headings;
    article.captions = main.captions;
    article.related = related;
    article.subtitle = main.subtitle;
    article.lists = main.lists;
    article.block_quotes = main.block_quotes;
    add_block_quotes(&mut article);
    article.authors = if meta.authors.is_empty() {
        main.byline.as_deref().map(byline::authors_from_byline).unwrap_or_default()
    } else {
        meta.authors.clone()
    };
    let byline_date = main.byline.as_deref().and_then(|b| dates::find_dates(b).into_iter().next()).map(|d| d.iso);
    // A complete date in the URL is the day the page was filed under: it
    // outranks markup that names another day (often a UTC time a day off, or
    // a later update); markup of the same day keeps its time and zone.
    let declared = meta.published_at.as_deref().map(dates::normalize_declared);
    let url_day = crate::pipeline::clean::date_in_url(&seg.page.url)
        .or_else(|| crate::pipeline::clean::date_in_url(&canonical_url))
        .filter(|day| declared.as_deref().is_none_or(|d| !d.starts_with(day.as_str()) && zone_reaches(d, day)));
    (article.published_at, article.published_source) = match (
        url_day,
        declared,
        byline_date,
        dates::date_from_url(&seg.page.url).or_else(|| dates::date_from_url(&canonical_url)),
    ) {
        (Some(iso), _, _, _) => (Some(iso), Some("url".to_string())),
        (None, Some(declared), _, _) => (Some(declared), Some("metadata".to_string())),
        (None, None, Some(iso), _) => (Some(iso), Some("byline".to_string())),
        (None, None, None, Some(iso)) => (Some(iso), Some("url".to_string())),
        (None, None, None, None) => (None, None),
    };
    article.modified_at = meta.modified_at.as_deref().map(dates::normalize_declared);
    article.byline = main.byline;
    article.description = meta.description.clone();
    article.image = meta.image.clone();
    article.section = meta.section.clone();
    article.tags = meta.tags.clone();
    article.quality.boilerplate_ratio = meta.page_text_chars.filter(|&n| n > 0).map(|page| {
        let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        let own = visible(&article.title)
            + visible(&article.text)
            + article.captions.iter().map(|c| visible(c)).sum::<usize>();
        round3((1.0 - own as f64 / page as f64).clamp(0.0, 1.0))
    });
    article.quality.extraction_confidence = Some(confidence::confidence(&confidence::features(&seg.page, &article)));
    events.push(article);

    for (teaser, id) in seg.teasers.into_iter().zip(teaser_ids) {
        let TeaserSegment { title, summary, caption, link } = teaser;
        // A teaser is a headline and at most a summary: too short for
        // language ID to tell (whatlang named a different language than its
        // page for two in three teasers of English pages); it is written in
        // its page's language.
        let language = events[0].language.clone();
        let text = summary.clone().unwrap_or_default();
        let mut event = base.event(id, ArticleKind::Teaser, title, summary.into_iter().collect(), text, Some(language));
        event.captions = caption.into_iter().collect();
        event.target_url = link;
        event.parent_id = Some(main_id.clone());
        events.push(event);
    }
    events
}

struct EventBase<'a> {
    page: &'a PageInfo,
    canonical_url: &'a str,
    site: &'a Option<String>,
    page_id: &'a str,
    provenance: &'a Provenance,
    options: &'a EnrichOptions,
}

impl EventBase<'_> {
    /// One event, field by field in the schema's order: long because the
    /// schema is wide, not because the steps depend on each other.
    fn event(
        &self,
        id: String,
        kind: ArticleKind,
        title: String,
        paragraphs: Vec<String>,
        text: String,
        // Teasers: the page's language (and `truncated`); the article detects its own.
        inherited: Option<Option<Language>>,
    ) -> ArticleEvent {
        let words = unicode_words(&text);
        let truncated = inherited.is_some();
        let offsets = CharOffsets::new(&text);
        let language = inherited
            .unwrap_or_else(|| detect_language(&title, &text, &offsets, self.page.meta.declared_lang.as_deref()));
        let word_count = words.len() as u32;
        let lang = language.as_ref().map(|l| l.code.as_str()).filter(|c| lexicon::LANGS.contains(c));
        let lexicon = Lexicon::get();
        let stopwords = lexicon.stopwords_for(lang);
        // Most teasers are a headline alone: an empty text has no sentences,
        // entities, quotes, dates or keywords, and the finders' set-up (tables,
        // scratch buffers) would cost more than the headline's fingerprint.
        let empty = text.is_empty();
        let sentences = if empty { Vec::new() } else { sentence_spans(&text) };
        let found = if empty { Vec::new() } else { entities::find_entities(&text, &sentences, lang) };
        let quotes = if empty { Vec::new() } else { quotes::find_quotes(&text, &sentences, &found, lang) };
        let quotes = quotes
            .into_iter()
            .map(|q| Quote {
                text: text[q.start..q.end].to_string(),
                speaker: q.speaker,
                start: offsets.get(q.start),
                end: offsets.get(q.end),
            })
            .collect();
        let entities = found
            .into_iter()
            .map(|e| Entity {
                name: e.name,
                kind: e.kind,
                count: e.mentions.len() as u32,
                mentions: e.mentions.iter().map(|&(s, e)| offsets.span(s, e)).collect(),
            })
            .collect();
        let dates = if empty { Vec::new() } else { dates::find_dates(&text) };
        let dates = dates
            .into_iter()
            .map(|d| DateMention {
                text: text[d.start..d.end].to_string(),
                iso: d.iso,
                start: offsets.get(d.start),
                end: offsets.get(d.end),
            })
            .collect();
        // One lower-casing of the words for the keywords, the stopword share and the fingerprint.
        let lower = LowerWords::new(&title, &text, &words);
        let keywords = if empty {
            Vec::new()
        } else {
            keywords::keywords(&text, &sentences, &words, &lower, stopwords, MAX_KEYWORDS)
        };
        let keywords = keywords.into_iter().map(|(term, score)| Keyword { term, score }).collect();
        let quality = quality::quality(&paragraphs, &words, lower.text_words(), stopwords);
        let sentence_offsets = sentences.iter().map(|&(s, e)| offsets.span(s, e)).collect();
        ArticleEvent {
            schema_version: SCHEMA_VERSION.to_string(),
            id,
            page_id: self.page_id.to_string(),
            kind,
            url: self.page.url.clone(),
            canonical_url: self.canonical_url.to_string(),
            target_url: None,
            site: self.page.meta.site_name.clone().or_else(|| self.site.clone()),
            lead: paragraphs.first().cloned(),
            stats: TextStats {
                word_count,
                char_count: offsets.get(text.len()),
                paragraph_count: paragraphs.len() as u32,
                sentence_count: sentences.len() as u32,
                reading_time_seconds: (word_count * 60).div_ceil(self.options.words_per_minute.max(1)),
            },
            fingerprint: fingerprint(&lower),
            title,
            paragraphs,
            headings: Vec::new(),
            captions: Vec::new(),
            text,
            truncated,
            parent_id: None,
            related: Vec::new(),
            language,
            authors: Vec::new(),
            published_at: None,
            published_source: None,
            modified_at: None,
            subtitle: None,
            byline: None,
            lists: Vec::new(),
            block_quotes: Vec::new(),
            description: None,
            image: None,
            section: None,
            tags: Vec::new(),
            sentences: sentence_offsets,
            entities,
            quotes,
            dates,
            keywords,
            quality,
            duplicate_of: None,
            provenance: self.provenance.clone(),
        }
    }
}

/// A block quote is a quote even without quotation marks; its speaker is
/// whoever the paragraph before it attributes a quote to, if anyone.
fn add_block_quotes(article: &mut ArticleEvent) {
    let mut search_from = 0;
    for block in &article.block_quotes {
        let Some(pos) = article.text[search_from..].find(block.as_str()) else {
            continue;
        };
        let byte = search_from + pos;
        search_from = byte + block.len();
        let start = article.text[..byte].chars().count() as u32;
        let end = start + block.chars().count() as u32;
        if article.quotes.iter().any(|q| q.start < end && start < q.end) {
            continue;
        }
        let speaker =
            article.quotes.iter().rev().find(|q| q.end <= start && start - q.end < 400).and_then(|q| q.speaker.clone());
        article.quotes.push(Quote { text: block.clone(), speaker, start, end });
    }
    article.quotes.sort_by_key(|q| q.start);
}

/// Byte offsets → character offsets, for one text: the characters that
/// start before a byte are its bytes that are not UTF-8 continuation bytes,
/// counted from a per-block prefix (one entry per 64 bytes, not one per char).
struct CharOffsets<'a> {
    bytes: &'a [u8],
    /// Characters starting before byte `64 * k`.
    blocks: Vec<u32>,
}

const OFFSET_BLOCK: usize = 64;

fn char_starts(bytes: &[u8]) -> u32 {
    // Eight bytes at a time: a continuation byte is 10xxxxxx, so its top bit
    // is set and the next one (shifted up onto it) clear; the multiply adds
    // the eight per-byte flags into the top byte.
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut continuation = 0;
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        continuation += (((x & !(x << 1) & HIGH) >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    }
    continuation += words.remainder().iter().filter(|&&b| (b as i8) < -0x40).count();
    (bytes.len() - continuation) as u32
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> CharOffsets<'a> {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / OFFSET_BLOCK + 1);
        let mut count = 0;
        blocks.push(0);
        for block in bytes.chunks_exact(OFFSET_BLOCK) {
            count += char_starts(block);
            blocks.push(count);
        }
        CharOffsets { bytes, blocks }
    }
    fn get(&self, byte: usize) -> u32 {
        let byte = byte.min(self.bytes.len());
        let block = byte / OFFSET_BLOCK;
        self.blocks[block] + char_starts(&self.bytes[block * OFFSET_BLOCK..byte])
    }
    /// The byte where character `n` starts (the text's length past its end):
    /// whole blocks skipped on their counts, then the starts counted.
    fn byte_of(&self, n: usize) -> usize {
        // Every block holds a character start, so the counts rise strictly.
        let block = self.blocks.partition_point(|&c| c as usize <= n) - 1;
        let at = block * OFFSET_BLOCK;
        let mut starts = self.bytes[at..].iter().enumerate().filter(|&(_, &b)| (b as i8) >= -0x40);
        starts.nth(n - self.blocks[block] as usize).map_or(self.bytes.len(), |(i, _)| at + i)
    }
    fn span(&self, start: usize, end: usize) -> Span {
        Span { start: self.get(start), end: self.get(end) }
    }
}

/// First 128 bits of SHA-256 over the parts, as hex: stable and collision-safe for ids.
fn short_hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hex(&hasher.finalize()[..16])
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Tracking parameters that never change which article a URL names.
fn is_tracking_param(name: &str) -> bool {
    name.starts_with("utm_") || matches!(name, "fbclid" | "gclid" | "dclid" | "msclkid" | "mc_cid" | "mc_eid" | "ocid")
}

/// Whether the URL's `day` can be the day of a declared instant in a zone
/// where papers are published (UTC−10, Hawaii, to UTC+14): a UTC time filed
/// under the local day. An instant no such zone puts on that day was
/// published on another day than the one the story was filed under (a
/// newspaper's URL keeps the day it was drafted). A value without a zone
/// says nothing against the URL.
fn zone_reaches(declared: &str, day: &str) -> bool {
    use chrono::{DateTime, Duration, NaiveDate};
    let (Ok(at), Ok(day)) = (DateTime::parse_from_rfc3339(declared), NaiveDate::parse_from_str(day, "%Y-%m-%d")) else {
        return true;
    };
    let utc = at.naive_utc();
    ((utc - Duration::hours(10)).date()..=(utc + Duration::hours(14)).date()).contains(&day)
}

/// Absolute, fragment-free, without tracking parameters; the page URL when the
/// declared canonical is unusable.
fn canonicalize(candidate: &str, page_url: &str) -> String {
    let base = url::Url::parse(page_url).ok();
    let parsed = match &base {
        Some(b) => b.join(candidate),
        None => url::Url::parse(candidate),
    };
    let Ok(mut url) = parsed.or_else(|_| url::Url::parse(page_url)) else {
        return page_url.to_string();
    };
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking_param(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    url.to_string()
}

fn iso639_1(code3: &str) -> String {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        include_str!("../data/iso639.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    });
    table.get(code3).map_or_else(|| code3.to_string(), |c| c.to_string())
}

/// Detected from the text when whatlang is sure; the page's declared language
/// when the text is too short to tell.
fn detect_language(title: &str, text: &str, offsets: &CharOffsets, declared: Option<&str>) -> Option<Language> {
    // whatlang's cost grows with the sample. The first 3,000 characters
    // decide as well as the whole text; when the first 1,000 already give a
    // reliable answer it is the same language on every page measured (Zyte,
    // WCXB, htmldate's and the NER sets), and on a page whose Latin menus
    // follow its Japanese article it is the better one.
    let (detected, sample): (_, std::borrow::Cow<str>) = if text.len() < 2000 {
        let sample = format!("{title}\n{text}");
        (whatlang::detect(&sample), sample.into())
    } else {
        let cut = |n: usize| offsets.byte_of(n);
        let quick = whatlang::detect(&text[..cut(LANGUAGE_QUICK_CHARS)]).filter(whatlang::Info::is_reliable);
        let sample = &text[..cut(LANGUAGE_SAMPLE_CHARS)];
        (quick.or_else(|| whatlang::detect(sample)), sample.into())
    };
    let detected = match detected {
        Some(info) if !info.is_reliable() => Some(sharper_without_names(&sample, info)),
        other => other,
    };
    let declared = declared
        .map(|d| d.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase())
        .filter(|d| d.len() == 2 || d.len() == 3);
    match (detected, declared) {
        (Some(info), _) if info.is_reliable() => Some(Language {
            code: iso639_1(info.lang().code()),
            confidence: round3(info.confidence()),
            method: "text".into(),
        }),
        (_, Some(code)) => Some(Language { code, confidence: 0.5, method: "declared".into() }),
        (Some(info), None) => Some(Language {
            code: iso639_1(info.lang().code()),
            confidence: round3(info.confidence()),
            method: "text".into(),
        }),
        (None, None) => None,
    }
}

/// An unsure answer, or a better one from the sample's lower-case words alone.
/// Names, headlines in capitals and figures are most of a results table or a
/// company filing ("DETROIT 4 Kansas City 1", "Sales 9.06 9.31") and drag
/// whatlang's trigrams to whatever language their spelling resembles; the few
/// words between them ("games played on", "six months to") are the language:
/// whatlang on them when it is surer there (and at least at even odds), else
/// two or more function words of one language and none of another.
fn sharper_without_names(sample: &str, info: whatlang::Info) -> whatlang::Info {
    let lower: Vec<&str> = sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && !w.chars().any(char::is_uppercase))
        .collect();
    match whatlang::detect(&lower.join(" ")) {
        Some(plain) if plain.confidence() >= 0.5 && plain.confidence() > info.confidence() => return plain,
        _ => {}
    }
    // Function words no near neighbour writes (`function_word` in `data/lexicon.tsv`).
    let mut voted: Vec<(whatlang::Lang, usize)> = Lexicon::get()
        .function_words
        .iter()
        .filter_map(|(code, words)| Some((whatlang_lang(code)?, words)))
        .map(|(lang, words)| (lang, words.iter().filter(|w| lower.contains(&w.as_str())).count()))
        .filter(|&(_, n)| n > 0)
        .collect();
    match voted.pop() {
        Some((lang, n)) if voted.is_empty() && n >= 2 && lang != info.lang() => {
            whatlang::Info::new(whatlang::Script::Latin, lang, info.confidence())
        }
        _ => info,
    }
}

/// The whatlang language of a pipeline language code.
fn whatlang_lang(code: &str) -> Option<whatlang::Lang> {
    match code {
        "en" => Some(whatlang::Lang::Eng),
        "fr" => Some(whatlang::Lang::Fra),
        "de" => Some(whatlang::Lang::Deu),
        "es" => Some(whatlang::Lang::Spa),
        _ => None,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The title's words and the text's, lower-cased and joined by single
/// spaces into one string (what the fingerprint hashes), with each word's
/// byte range in it: one buffer, no string per capitalised word. The
/// keywords and the stopword share read the text's words here too, so each
/// word is lower-cased once.
pub(crate) struct LowerWords {
    joined: String,
    spans: Vec<(usize, usize)>,
    /// The first of the text's words (those before it are the title's).
    text_from: usize,
}

impl LowerWords {
    /// `words` are slices of `text`, in order.
    pub(crate) fn new(title: &str, text: &str, words: &[&str]) -> LowerWords {
        let mut joined = String::with_capacity(title.len() + words.iter().map(|w| w.len() + 1).sum::<usize>());
        let mut spans = Vec::with_capacity(words.len() + 16);
        push_words(&mut joined, &mut spans, title, &unicode_words(title));
        let text_from = spans.len();
        push_words(&mut joined, &mut spans, text, words);
        // The ASCII words were copied as written: lower-cased here in one pass.
        joined.make_ascii_lowercase();
        LowerWords { joined, spans, text_from }
    }

    /// The text's words, lower-cased.
    fn text_words(&self) -> impl Iterator<Item = &str> {
        self.spans[self.text_from..].iter().map(|&(s, e)| &self.joined[s..e])
    }

    /// The text's word `k`, lower-cased.
    #[inline]
    pub(crate) fn text_word(&self, k: usize) -> &str {
        let (s, e) = self.spans[self.text_from..][k];
        &self.joined[s..e]
    }
}

/// `words` (slices of `src`, in order) each after a space unless it is the
/// first word, and their byte ranges: an ASCII word as written (the caller
/// lower-cases the buffer's ASCII at the end, `lowercase`'s answer for it),
/// any other lower-cased by `push_lowercase` (whose output has no ASCII
/// capital left for that pass to change). ASCII words one space apart in
/// `src` are already written as they are to be joined: a run of them is
/// copied whole.
fn push_words(joined: &mut String, spans: &mut Vec<(usize, usize)>, src: &str, words: &[&str]) {
    let at = |w: &str| w.as_ptr() as usize - src.as_ptr() as usize;
    // The open run's range in `src` and where it goes in `joined`.
    let mut run: Option<(usize, usize, usize)> = None;
    for w in words {
        debug_assert!(
            src.as_bytes().as_ptr_range().contains(&w.as_ptr()) || w.is_empty(),
            "{w:?} is no slice of the text"
        );
        let (s, e) = (at(w), at(w) + w.len());
        let ascii = w.is_ascii();
        if let Some((from, to, into)) = &mut run {
            if ascii && s == *to + 1 && src.as_bytes()[*to] == b' ' {
                spans.push((*into + s - *from, *into + e - *from));
                *to = e;
                continue;
            }
            joined.push_str(&src[*from..*to]);
            run = None;
        }
        if !spans.is_empty() {
            joined.push(' ');
        }
        let start = joined.len();
        if ascii {
            run = Some((s, e, start));
            spans.push((start, start + w.len()));
        } else {
            push_lowercase(w, joined);
            spans.push((start, joined.len()));
        }
    }
    if let Some((from, to, _)) = run {
        joined.push_str(&src[from..to]);
    }
}

/// SHA-256 over the lower-cased word sequence (title included, so two teasers
/// with one summary differ) and a 64-bit SimHash over word 3-shingles.
fn fingerprint(lower: &LowerWords) -> Fingerprint {
    let (joined, spans) = (&lower.joined, &lower.spans);
    let sha256 = hex(&Sha256::digest(joined.as_bytes()));
    // A shingle is the slice from its first word's start to its last word's end.
    let mut ones = BitCounts::new();
    let shingle_len = 3.min(spans.len().max(1));
    for first in 0..(spans.len() + 1).saturating_sub(shingle_len) {
        let last = first + shingle_len - 1;
        ones.add(xxhash_rust::xxh3::xxh3_64(&joined.as_bytes()[spans[first].0..spans[last].1]));
    }
    // A bit's vote is +1 per hash that sets it and -1 per hash that does not.
    let (counts, total) = ones.finish();
    let simhash =
        counts.iter().enumerate().fold(0u64, |acc, (bit, &n)| if 2 * n > total { acc | 1 << bit } else { acc });
    Fingerprint { sha256, simhash: format!("{simhash:016x}") }
}

/// How many of the added hashes set each of the 64 bits. Eight one-byte
/// counters ride in each `u64` lane (one lane per byte of the hash, spread
/// by a table), so a hash costs eight adds, not 64; the lanes flush into
/// the wide counts before a byte can overflow.
struct BitCounts {
    wide: [u64; 64],
    lanes: [u64; 8],
    pending: u32,
    total: u64,
}

/// Byte `k` of `SPREAD[b]` is bit `k` of `b`.
static SPREAD: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut k = 0;
        while k < 8 {
            t[b] |= (((b >> k) & 1) as u64) << (8 * k);
            k += 1;
        }
        b += 1;
    }
    t
};

impl BitCounts {
    fn new() -> BitCounts {
        BitCounts { wide: [0; 64], lanes: [0; 8], pending: 0, total: 0 }
    }

    fn add(&mut self, h: u64) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[((h >> (8 * j)) & 0xff) as usize];
        }
        self.total += 1;
        self.pending += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            for k in 0..8 {
                self.wide[8 * j + k] += (*lane >> (8 * k)) & 0xff;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// Per-bit counts and the number of hashes added.
    fn finish(mut self) -> ([u64; 64], u64) {
        self.flush();
        (self.wide, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::text::lexicon::lowercase;
    use unicode_segmentation::UnicodeSegmentation;

    fn detect(title: &str, text: &str, declared: Option<&str>) -> Option<Language> {
        detect_language(title, text, &CharOffsets::new(text), declared)
    }
    use std::borrow::Cow;

    #[test]
    fn a_url_day_outranks_a_declared_instant_only_where_a_zone_puts_it_on_that_day() {
        // A UTC time filed under the local day: New York's evening, Sydney's morning.
        assert!(zone_reaches("2031-02-18T02:18:11Z", "2031-02-17"));
        assert!(zone_reaches("2031-11-01T23:01:00Z", "2031-11-02"));
        assert!(zone_reaches("2031-11-09T03:02:34-05:00", "2031-11-08"));
        // Drafted one day, published the next morning: only UTC−12 reaches the URL's day.
        assert!(!zone_reaches("2031-07-09T10:04:04Z", "2031-07-08"));
        assert!(!zone_reaches("2031-07-09T12:30:00+02:00", "2031-07-08"));
        assert!(!zone_reaches("2031-07-12T10:00:00Z", "2031-07-08"));
        // A value without a zone says nothing against the URL.
        assert!(zone_reaches("2031-07-09", "2031-07-08"));
        assert!(zone_reaches("2031-07-09T10:04", "2031-07-08"));
    }

    #[test]
    fn canonical_url_drops_fragment_and_tracking() {
        assert_eq!(
            canonicalize("/a/b?utm_source=x&id=7#top", "https://Example.org/z?x=1"),
            "https://example.org/a/b?id=7"
        );
        assert_eq!(canonicalize("http://[broken", "https://example.org/p?fbclid=1"), "https://example.org/p");
    }

    #[test]
    fn simhash_is_close_for_near_duplicates_and_far_otherwise() {
        let a = "the quick brown fox jumps over the lazy dog near the quiet river bank today";
        let b = "the quick brown fox jumps over the lazy dog near the quiet river bank tonight";
        let c = "parliament passed the budget after a long night of negotiations in the capital";
        let print = |s: &'static str| fingerprint(&LowerWords::new("", s, &s.split(' ').collect::<Vec<_>>()));
        let h = |s| u64::from_str_radix(&print(s).simhash, 16).unwrap();
        assert!((h(a) ^ h(b)).count_ones() <= 12, "near duplicates should be close");
        assert!((h(a) ^ h(c)).count_ones() > 16, "different texts should be far apart");
        assert_ne!(print(a).sha256, print(b).sha256);
    }

    #[test]
    fn lower_words_join_the_words_as_lowercase_does() {
        // The words lower-cased one by one and joined by a space: English,
        // French, German, Spanish, a Turkish dotted capital and a Greek sigma.
        for (title, text) in [
            ("Harbour Reopens", "The Harbour reopens after the STORM"),
            ("Le Port rouvre", "Élise Dupont a dit: «Ça va» À PARIS"),
            ("Über den Hafen", "Die STRASSE ist Gesperrt, sagt Jürgen"),
            ("El Puerto", "Según la ALCALDESA, el muelle ÑANDÚ"),
            ("", "İSTANBUL ΟΔΟΣ Σ x"),
            ("", ""),
        ] {
            let words: Vec<&str> = text.unicode_words().collect();
            let lower = LowerWords::new(title, text, &words);
            let want: Vec<Cow<str>> = title.unicode_words().chain(words.iter().copied()).map(lowercase).collect();
            assert_eq!(lower.joined, want.join(" "), "{text}");
            let text_words: Vec<&str> = lower.text_words().collect();
            assert_eq!(text_words, want[want.len() - words.len()..].iter().map(Cow::as_ref).collect::<Vec<_>>());
        }
    }

    #[test]
    fn lower_words_of_generated_words_are_lowercase_joined() {
        // Capitals whose lower case is longer or context-bound ("İ", "Σ"),
        // letters without case, marks and ASCII between.
        let mut texts = crate::pipeline::text::generated::Texts::over("aZ ÉéΣσςİßΟΔ東\u{301}1'-");
        for _ in 0..20_000 {
            let len = (texts.next() % 16) as usize;
            let text = texts.text(len);
            let words = unicode_words(&text);
            let lower = LowerWords::new(&text, &text, &words);
            let want: Vec<Cow<str>> = text.unicode_words().chain(words.iter().copied()).map(lowercase).collect();
            assert_eq!(lower.joined, want.join(" "), "{text:?}");
            for (k, w) in want[want.len() - words.len()..].iter().enumerate() {
                assert_eq!(lower.text_word(k), w.as_ref(), "{text:?}");
            }
        }
    }

    #[test]
    fn char_offsets_count_characters_before_a_byte() {
        let text = "Zürich – 東京 says: “ok”. ".repeat(9);
        let offsets = CharOffsets::new(&text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.get(byte), chars as u32);
        }
        assert_eq!(offsets.get(text.len()), text.chars().count() as u32);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.byte_of(chars), byte);
        }
        assert_eq!(offsets.byte_of(text.chars().count()), text.len());
        assert_eq!(offsets.byte_of(text.len() * 2), text.len());
    }

    #[test]
    fn char_starts_by_words_match_the_byte_count() {
        let mut texts = crate::pipeline::text::generated::Texts::over("a é–東🇫\n");
        for _ in 0..5_000 {
            let len = (texts.next() % 80) as usize;
            let text = texts.text(len);
            let bytes = text.as_bytes();
            for cut in 0..=bytes.len() {
                let want = bytes[..cut].iter().filter(|&&b| (b as i8) >= -0x40).count() as u32;
                assert_eq!(char_starts(&bytes[..cut]), want, "{text:?} {cut}");
            }
        }
    }

    #[test]
    fn bit_counts_match_plain_votes() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for n in [0usize, 1, 2, 254, 255, 256, 600] {
            let mut votes = [0i64; 64];
            let mut ones = BitCounts::new();
            for _ in 0..n {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let h = state ^ (state >> 29);
                ones.add(h);
                for (bit, v) in votes.iter_mut().enumerate() {
                    *v += if h >> bit & 1 == 1 { 1 } else { -1 };
                }
            }
            let (counts, total) = ones.finish();
            assert_eq!(total, n as u64);
            for bit in 0..64 {
                assert_eq!(2 * counts[bit] as i64 - total as i64, votes[bit], "n={n} bit={bit}");
            }
        }
    }

    fn page_with_teasers(paragraphs: &[&str], teasers: &[&str], declared: Option<&str>) -> Segmented {
        use crate::pipeline::clean::{InputFormat, PageMeta};
        use crate::pipeline::segment::{BodyPart, MainArticle};
        Segmented {
            page: PageInfo {
                url: "https://news.example/a".into(),
                fetched_at: None,
                status: Some(200),
                format: InputFormat::Text,
                extractor: "test",
                meta: PageMeta { declared_lang: declared.map(str::to_string), ..Default::default() },
                signals: Default::default(),
            },
            main: MainArticle {
                title: "Title".into(),
                paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
                body: (0..paragraphs.len()).map(BodyPart::Paragraph).collect(),
                ..Default::default()
            },
            teasers: teasers.iter().map(|t| TeaserSegment { title: t.to_string(), ..Default::default() }).collect(),
        }
    }

    #[test]
    fn teasers_take_their_page_language() {
        let source = SourceRef::File { file: "t".into(), line: 1 };
        let cases = [
            (
                "fr",
                "Le président russe est arrivé à Pyongyang mercredi pour une visite officielle de deux jours.",
                ["Barron's", "Cuisine et vins"],
            ),
            (
                "de",
                "Der russische Präsident ist am Mittwoch zu einem zweitägigen Staatsbesuch in Pjöngjang eingetroffen.",
                ["Mansion Global", "Sport am Abend"],
            ),
            (
                "en",
                "The council voted on Tuesday to rebuild the sea wall before the winter storms arrive.",
                ["Risk & Compliance", "Harper Collins"],
            ),
        ];
        for (lang, body, teasers) in cases {
            let events = enrich(page_with_teasers(&[body], &teasers, None), source.clone(), &EnrichOptions::default());
            assert_eq!(events.len(), 3);
            assert_eq!(events[0].language.as_ref().map(|l| l.code.as_str()), Some(lang));
            for teaser in &events[1..] {
                assert_eq!(teaser.language, events[0].language, "{lang}: {}", teaser.title);
                assert!(teaser.truncated && !events[0].truncated);
            }
        }
        // Too short to tell: the article and its teasers take the declared language.
        let events =
            enrich(page_with_teasers(&["Ok."], &["Lire aussi"], Some("fr-FR")), source, &EnrichOptions::default());
        assert_eq!(events[1].language.as_ref().map(|l| (l.code.as_str(), l.method.as_str())), Some(("fr", "declared")));
    }

    #[test]
    fn language_from_text_or_declared() {
        let fr =
            detect("", "Le président russe est arrivé à Pyongyang mercredi pour une visite officielle.", None).unwrap();
        assert_eq!((fr.code.as_str(), fr.method.as_str()), ("fr", "text"));
        let short = detect("", "Ok", Some("de-DE")).unwrap();
        assert_eq!((short.code.as_str(), short.method.as_str()), ("de", "declared"));
    }

    #[test]
    fn a_company_filing_is_judged_by_its_lower_case_words() {
        // Names, capitals and figures make whatlang unsure (French); the words between them are English.
        let filing = "Kyoto Seimitsu Corp - 6mth parent forecast.\n\nOSAKA 2024-02-10\n\n\
                      Six months to September 30, 2024\n\n(in billions of yen unless specified)\n\n\
                      Sales 14.20 14.80 13.10\n\nCurrent 1.10 1.25 0.98\n\n\
                      Net 610 million 640 million 590 million\n\n\
                      NOTE - Kyoto Seimitsu Corp makes precision bearings.";
        assert_eq!(detect("", filing, None).unwrap().code, "en");
    }

    #[test]
    fn function_words_decide_when_both_samples_are_unsure() {
        // Neither the whole text nor its lower-case words ("of second round
        // matches on after extra time") are clear to whatlang; "of" and "after" are English.
        let results = "SOCCER - DUTCH CUP SECOND ROUND RESULTS.\n\nUTRECHT 2024-02-10\n\n\
                       Results of Dutch Cup second round matches on Saturday:\n\n\
                       Heracles 2 Go Ahead Eagles 0\n\nFortuna Sittard 1 De Graafschap 3\n\n\
                       Volendam 1 Cambuur 0 (after extra time)";
        assert_eq!(detect("", results, None).unwrap().code, "en");
    }

    #[test]
    fn at_and_the_are_enough_on_a_results_list() {
        // Names and figures read as Slovene to whatlang; the only function
        // words between them are "at" and "the", both English.
        let results = "ATHLETICS - ZAGREB RESULTS.\n\nZAGREB 2024-06-14\n\n\
                       Results at the Zagreb\n\nHanžeković Memorijal:\n\n\
                       1. Ivana Kovačić (Croatia) 12.71\n\n2. Ludmila Petrova (Bulgaria) 12.74\n\n\
                       3. Aliuska Marrero (Cuba) 12.92\n\n4. Brigita Zupančič (Slovenia) 12.92\n\n\
                       5. Yekaterina Volkova (Russia) 13.11\n\n6. Marta Jiménez (Spain) 13.17\n\n\
                       1. Mirko Babić (Croatia) 19.97\n\n2. Tadeusz Wiśniewski (Poland) 20.02\n\n\
                       3. Ato Mensah (Ghana) 20.37\n\n4. Geir Haugen (Norway) 20.41";
        assert_eq!(detect("", results, None).unwrap().code, "en");
    }

    #[test]
    fn a_long_page_is_judged_on_its_opening_when_that_is_clear() {
        // A German article followed by a longer English footer: the opening
        // decides (the 3,000-character sample says English).
        let article = "Die Stadt hat am Montag beschlossen, die alte Brücke über den Fluss abzureißen und \
                       eine neue zu bauen. Der Bürgermeister sagte, die Arbeiten würden im Frühjahr beginnen. "
            .repeat(6);
        let footer = "Subscribe to our newsletter for the latest news and updates from our team. \
                      Read our privacy policy and terms of service before you create an account. \
                      Follow us on social media, share this story with your friends and family. \
                      Advertise with us, contact the editors, or browse the archive of past issues. "
            .repeat(12);
        let page = format!("{article}{footer}");
        assert!(page.chars().count() > LANGUAGE_SAMPLE_CHARS);
        assert_eq!(detect("", &page, None).unwrap().code, "de");
        assert_eq!(detect("", &footer, None).unwrap().code, "en");
    }
}
