//! Enrich: segmented page in, finished `ArticleEvent`s out (main article first,
//! then one per teaser).
//!
//! Adds what downstream consumers would otherwise recompute: stable ids,
//! canonical URL, language, reading statistics, exact and near-duplicate
//! fingerprints and provenance. Ids depend only on the page (canonical URL and
//! segment), never on when or where it was processed, so replays are idempotent.
//! Pure: provenance comes in as an argument, nothing reads a clock.

use std::collections::HashMap;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};
use unicode_segmentation::UnicodeSegmentation;

use super::clean::match_key;
use super::segment::{PageInfo, Segmented, TeaserSegment};
use crate::model::{
    ArticleEvent, ArticleKind, Fingerprint, Language, Provenance, RelatedRef, SourceRef, TextStats,
    PRESSLINE_VERSION, SCHEMA_VERSION,
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnrichOptions {
    /// Silent reading speed used for `reading_time_seconds`.
    pub words_per_minute: u32,
}

impl Default for EnrichOptions {
    fn default() -> Self {
        EnrichOptions {
            words_per_minute: 230,
        }
    }
}

pub fn enrich(seg: Segmented, source: SourceRef, options: &EnrichOptions) -> Vec<ArticleEvent> {
    let canonical_url = canonicalize(
        seg.page
            .meta
            .canonical_url
            .as_deref()
            .unwrap_or(&seg.page.url),
        &seg.page.url,
    );
    let site = url::Url::parse(&canonical_url).ok().and_then(|u| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_string())
    });
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
        .map(|t| {
            short_hash(&[
                "article",
                &canonical_url,
                "teaser",
                t.link.as_deref().unwrap_or(&match_key(&t.title)),
            ])
        })
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
        .map(|(t, id)| RelatedRef {
            id: id.clone(),
            title: t.title.clone(),
            url: t.link.clone(),
        })
        .collect();
    let mut events = Vec::with_capacity(1 + seg.teasers.len());
    let mut article = base.event(
        main_id.clone(),
        ArticleKind::Article,
        main.title,
        main.paragraphs,
        false,
    );
    article.headings = main.headings;
    article.captions = main.captions;
    article.related = related;
    article.authors = seg.page.meta.authors.clone();
    article.published_at = seg.page.meta.published_at.clone();
    events.push(article);

    for (teaser, id) in seg.teasers.into_iter().zip(teaser_ids) {
        let TeaserSegment {
            title,
            summary,
            caption,
            link,
        } = teaser;
        let mut event = base.event(
            id,
            ArticleKind::Teaser,
            title,
            summary.into_iter().collect(),
            true,
        );
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
    fn event(
        &self,
        id: String,
        kind: ArticleKind,
        title: String,
        paragraphs: Vec<String>,
        truncated: bool,
    ) -> ArticleEvent {
        let text = paragraphs.join("\n\n");
        let words: Vec<&str> = text.unicode_words().collect();
        let language = detect_language(&title, &text, self.page.meta.declared_lang.as_deref());
        let word_count = words.len() as u32;
        ArticleEvent {
            schema_version: SCHEMA_VERSION.to_string(),
            id,
            page_id: self.page_id.to_string(),
            kind,
            url: self.page.url.clone(),
            canonical_url: self.canonical_url.to_string(),
            target_url: None,
            site: self
                .page
                .meta
                .site_name
                .clone()
                .or_else(|| self.site.clone()),
            lead: paragraphs.first().cloned(),
            stats: TextStats {
                word_count,
                char_count: text.chars().count() as u32,
                paragraph_count: paragraphs.len() as u32,
                reading_time_seconds: (word_count * 60)
                    .div_ceil(self.options.words_per_minute.max(1)),
            },
            fingerprint: fingerprint(&title, &words),
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
            provenance: self.provenance.clone(),
        }
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
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Tracking parameters that never change which article a URL names.
fn is_tracking_param(name: &str) -> bool {
    name.starts_with("utm_")
        || matches!(
            name,
            "fbclid" | "gclid" | "dclid" | "msclkid" | "mc_cid" | "mc_eid" | "ocid"
        )
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
        include_str!("data/iso639.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    });
    table
        .get(code3)
        .map_or_else(|| code3.to_string(), |c| c.to_string())
}

/// Detected from the text when whatlang is sure; the page's declared language
/// when the text is too short to tell.
fn detect_language(title: &str, text: &str, declared: Option<&str>) -> Option<Language> {
    let sample: String = if text.len() < 2000 {
        format!("{title}\n{text}")
    } else {
        text.chars().take(4000).collect()
    };
    let detected = whatlang::detect(&sample);
    let declared = declared
        .map(|d| {
            d.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .filter(|d| d.len() == 2 || d.len() == 3);
    match (detected, declared) {
        (Some(info), _) if info.is_reliable() => Some(Language {
            code: iso639_1(info.lang().code()),
            confidence: round3(info.confidence()),
            method: "text".into(),
        }),
        (_, Some(code)) => Some(Language {
            code,
            confidence: 0.5,
            method: "declared".into(),
        }),
        (Some(info), None) => Some(Language {
            code: iso639_1(info.lang().code()),
            confidence: round3(info.confidence()),
            method: "text".into(),
        }),
        (None, None) => None,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// SHA-256 over the lower-cased word sequence (title included, so two teasers
/// with one summary differ) and a 64-bit SimHash over word 3-shingles.
fn fingerprint(title: &str, words: &[&str]) -> Fingerprint {
    let normalized: Vec<String> = title
        .unicode_words()
        .chain(words.iter().copied())
        .map(str::to_lowercase)
        .collect();
    let sha256 = hex(&Sha256::digest(normalized.join(" ").as_bytes()));
    let mut votes = [0i32; 64];
    let shingle_len = 3.min(normalized.len().max(1));
    for shingle in normalized.windows(shingle_len) {
        let h = xxhash_rust::xxh3::xxh3_64(shingle.join(" ").as_bytes());
        for (bit, vote) in votes.iter_mut().enumerate() {
            *vote += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    let simhash = votes.iter().enumerate().fold(
        0u64,
        |acc, (bit, &v)| if v > 0 { acc | 1 << bit } else { acc },
    );
    Fingerprint {
        sha256,
        simhash: format!("{simhash:016x}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_url_drops_fragment_and_tracking() {
        assert_eq!(
            canonicalize("/a/b?utm_source=x&id=7#top", "https://Example.org/z?x=1"),
            "https://example.org/a/b?id=7"
        );
        assert_eq!(
            canonicalize("http://[broken", "https://example.org/p?fbclid=1"),
            "https://example.org/p"
        );
    }

    #[test]
    fn simhash_is_close_for_near_duplicates_and_far_otherwise() {
        let a = "the quick brown fox jumps over the lazy dog near the quiet river bank today";
        let b = "the quick brown fox jumps over the lazy dog near the quiet river bank tonight";
        let c = "parliament passed the budget after a long night of negotiations in the capital";
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        let h = |s| u64::from_str_radix(&fingerprint("", &words(s)).simhash, 16).unwrap();
        assert!(
            (h(a) ^ h(b)).count_ones() <= 12,
            "near duplicates should be close"
        );
        assert!(
            (h(a) ^ h(c)).count_ones() > 16,
            "different texts should be far apart"
        );
        assert_ne!(
            fingerprint("", &words(a)).sha256,
            fingerprint("", &words(b)).sha256
        );
    }

    #[test]
    fn language_from_text_or_declared() {
        let fr = detect_language(
            "",
            "Le président russe est arrivé à Pyongyang mercredi pour une visite officielle.",
            None,
        )
        .unwrap();
        assert_eq!((fr.code.as_str(), fr.method.as_str()), ("fr", "text"));
        let short = detect_language("", "Ok", Some("de-DE")).unwrap();
        assert_eq!(
            (short.code.as_str(), short.method.as_str()),
            ("de", "declared")
        );
    }
}
