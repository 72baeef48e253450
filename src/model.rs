//! The data that crosses pressline's edges: the raw scraped page that comes in
//! and the article event that goes out.
//!
//! Both shapes are contracts with other teams' code. `RawPage` accepts the two
//! input forms documented in the README (a JSON envelope, or raw page bytes
//! described by record headers); `ArticleEvent` is frozen as JSON Schema v1 in
//! `schema/article-event.v1.json`, where only additive changes are allowed.
//! Nothing here does I/O.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// Version written into every event and the `pressline.schema-version` header.
pub(crate) const SCHEMA_VERSION: &str = "1.1";
/// The crate version, recorded in provenance so a replay can tell which code made an event.
pub(crate) const PRESSLINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A page as a scraper fetched it, before any interpretation of its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPage {
    pub url: String,
    pub fetched_at: Option<String>,
    pub status: Option<u16>,
    pub content_type: Option<String>,
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
    /// Charset declared by the scraper; wins over everything found in the bytes.
    pub charset: Option<String>,
}

/// Why an input could not even be read as a page.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    #[error("record value is not a JSON page envelope: {0}")]
    InvalidEnvelope(String),
    #[error("page envelope is missing `{0}`")]
    MissingField(&'static str),
    #[error("`body_base64` is not valid base64: {0}")]
    InvalidBase64(String),
    #[error("`url` is not an absolute http(s) URL: {0}")]
    InvalidUrl(String),
}

impl InputError {
    /// Stable machine-readable name, used in DLQ headers and metric labels.
    pub fn kind(&self) -> &'static str {
        match self {
            InputError::InvalidEnvelope(_) => "invalid_envelope",
            InputError::MissingField(_) => "missing_field",
            InputError::InvalidBase64(_) => "invalid_base64",
            InputError::InvalidUrl(_) => "invalid_url",
        }
    }
}

// Unknown fields are allowed: scrapers add their own (crawl ids, depth) and
// rejecting those would dead-letter good pages.
#[derive(Deserialize)]
struct Envelope {
    url: Option<String>,
    fetched_at: Option<String>,
    status: Option<u16>,
    content_type: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    body: Option<String>,
    body_base64: Option<String>,
    charset: Option<String>,
}

/// Record headers that describe a raw (non-envelope) record value.
pub const HEADER_URL: &str = "url";
pub const HEADER_CONTENT_TYPE: &str = "content-type";
pub(crate) const HEADER_FETCHED_AT: &str = "fetched-at";

impl RawPage {
    /// Reads one input record. With a `url` header the value is the page
    /// itself; otherwise the value must be a JSON envelope.
    pub fn from_record(value: &[u8], headers: &[(String, Vec<u8>)]) -> Result<RawPage, InputError> {
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        };
        match header(HEADER_URL) {
            Some(url) => {
                check_url(&url)?;
                Ok(RawPage {
                    url,
                    fetched_at: header(HEADER_FETCHED_AT),
                    status: None,
                    content_type: header(HEADER_CONTENT_TYPE),
                    headers: BTreeMap::new(),
                    body: value.to_vec(),
                    charset: None,
                })
            }
            None => RawPage::from_envelope(value),
        }
    }

    /// Parses the JSON envelope form.
    pub fn from_envelope(value: &[u8]) -> Result<RawPage, InputError> {
        let env: Envelope = serde_json::from_slice(value).map_err(|e| InputError::InvalidEnvelope(e.to_string()))?;
        let url = env.url.ok_or(InputError::MissingField("url"))?;
        check_url(&url)?;
        let body = match (env.body, env.body_base64) {
            (Some(text), None) => text.into_bytes(),
            (None, Some(b64)) => base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .map_err(|e| InputError::InvalidBase64(e.to_string()))?,
            (Some(_), Some(_)) => {
                return Err(InputError::InvalidEnvelope("both `body` and `body_base64` are set".into()))
            }
            (None, None) => return Err(InputError::MissingField("body")),
        };
        // Header names are case-insensitive on the wire; normalise once here.
        let headers = env.headers.into_iter().map(|(k, v)| (k.to_ascii_lowercase(), v)).collect();
        Ok(RawPage {
            url,
            fetched_at: env.fetched_at,
            status: env.status,
            content_type: env.content_type,
            headers,
            body,
            charset: env.charset,
        })
    }

    /// Content type from the envelope field, else from the captured HTTP headers.
    pub(crate) fn declared_content_type(&self) -> Option<&str> {
        self.content_type.as_deref().or_else(|| self.headers.get("content-type").map(String::as_str))
    }
}

fn check_url(url: &str) -> Result<(), InputError> {
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(InputError::InvalidUrl(url.chars().take(200).collect())),
    }
}

/// Where an input came from. Filled by the edge that read it (Kafka or a file),
/// passed into the pure pipeline so events can say where they were made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum SourceRef {
    Kafka { topic: String, partition: i32, offset: i64 },
    File { file: String, line: u64 },
}

/// Whether an event is the page's main article or a teaser for another article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    Article,
    Teaser,
}

/// One normalized article event: the output record of pressline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleEvent {
    pub schema_version: String,
    /// Stable id from canonical URL and segment: the same page gives the same id,
    /// so replays are idempotent downstream.
    pub id: String,
    /// Id shared by every event cut from one page.
    pub page_id: String,
    pub kind: ArticleKind,
    /// URL the page was fetched from.
    pub url: String,
    pub canonical_url: String,
    /// Where a teaser links to, when the page says.
    pub target_url: Option<String>,
    pub site: Option<String>,
    pub title: String,
    pub lead: Option<String>,
    pub paragraphs: Vec<String>,
    pub headings: Vec<String>,
    pub captions: Vec<String>,
    /// The article's whole running text: paragraphs and subheadings in
    /// document order, joined by blank lines; captions left out.
    pub text: String,
    /// True when the text is known to be cut short (teasers, "…" summaries).
    pub truncated: bool,
    /// For a teaser: the id of the page's main article.
    pub parent_id: Option<String>,
    /// For the main article: the teasers found on its page.
    pub related: Vec<RelatedRef>,
    pub language: Option<Language>,
    pub authors: Vec<String>,
    pub published_at: Option<String>,
    /// Where `published_at` came from: `metadata`, `byline` or `url`.
    pub published_source: Option<String>,
    pub modified_at: Option<String>,
    /// Standfirst under the title, when the markup has one.
    pub subtitle: Option<String>,
    /// The byline line as the page wrote it ("By Jane Roe, June 3, 2025").
    pub byline: Option<String>,
    /// List items, grouped by list (items also stay in `paragraphs`).
    pub lists: Vec<Vec<String>>,
    /// Block quotes (also kept in `paragraphs`).
    pub block_quotes: Vec<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    /// Sentences of `text`, as character offsets.
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    /// Dates written in `text`, normalized to ISO 8601.
    pub dates: Vec<DateMention>,
    pub keywords: Vec<Keyword>,
    pub stats: TextStats,
    pub quality: Quality,
    pub fingerprint: Fingerprint,
    /// Id of an earlier event with the same or a nearly identical text, when the
    /// caller keeps a duplicate window.
    pub duplicate_of: Option<String>,
    pub provenance: Provenance,
}

/// Half-open range of character (Unicode scalar) offsets into `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntityType {
    #[serde(rename = "PERSON")]
    Person,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
}

/// A named entity and every place `text` mentions it (surnames alone count
/// as mentions of the full name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub count: u32,
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Exactly the words between the quotation marks.
    pub text: String,
    /// Name of the person or organization the text attributes it to.
    pub speaker: Option<String>,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` when a time is written.
    pub iso: String,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    pub term: String,
    /// YAKE score: lower is more relevant.
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    /// Share of the page's visible text that is not the article (HTML only).
    pub boilerplate_ratio: Option<f64>,
    /// Share of paragraphs ending in sentence punctuation.
    pub punctuated_line_ratio: f64,
    pub mean_word_length: f64,
    /// Share of words that are stopwords of the article's language.
    pub stopword_ratio: f64,
    /// 0..1: how likely the body was extracted well (main article only; null for teasers).
    pub extraction_confidence: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedRef {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 where one exists, else ISO 639-3.
    pub code: String,
    /// 0..1; 1.0 for a language declared by the page and confirmed by the text.
    pub confidence: f64,
    /// `text` (detected) or `declared` (HTML `lang` / `og:locale`).
    pub method: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextStats {
    pub word_count: u32,
    pub char_count: u32,
    pub paragraph_count: u32,
    pub sentence_count: u32,
    pub reading_time_seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// SHA-256 of the normalized text (exact duplicates).
    pub sha256: String,
    /// 64-bit SimHash of word 3-shingles, 16 hex digits (near duplicates: Hamming distance ≤ 3).
    pub simhash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    #[serde(flatten)]
    pub source: SourceRef,
    pub fetched_at: Option<String>,
    pub http_status: Option<u16>,
    /// `html` or `text`: which clean path the page took.
    pub input_format: String,
    /// Extractor used for the main content, with its version.
    pub extractor: String,
    pub pressline_version: String,
}
