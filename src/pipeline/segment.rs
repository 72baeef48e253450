//! Segment: a cleaned page's blocks cut into one main article and the teasers
//! for other articles the page shows.
//!
//! Everything before the first `RelatedBreak` is the article; everything after
//! is the teaser zone, so teasers can never leak into the main body. In the
//! teaser zone a teaser is a headline, optionally preceded by an image caption
//! and followed by a summary; the page's own ellipses ("…") tell summaries and
//! captions (cut short) from headlines (complete).
//!
//! Inside the article it finds the structure a reader sees: subtitle, byline,
//! paragraphs, headings, lists, captions and block quotes.
//! Pure: no I/O.

use super::clean::{Block, BlockKind, CleanPage, InputFormat, PageInfo, PageMeta};
use super::text::dates::find_dates;
use super::text::{has_match_key, match_key};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MainArticle {
    pub title: String,
    /// A heading right under the title, before any body text.
    pub subtitle: Option<String>,
    /// "By Jane Roe, June 3, 2025": a short line near the top naming authors or a date.
    pub byline: Option<String>,
    /// Body text in reading order; list items and block quotes included.
    pub paragraphs: Vec<String>,
    pub headings: Vec<String>,
    pub captions: Vec<String>,
    pub lists: Vec<Vec<String>>,
    pub block_quotes: Vec<String>,
    /// Paragraphs and subheadings in document order (indexes into the two lists).
    pub body: Vec<BodyPart>,
}

/// One piece of the article's running text, in [`MainArticle::body`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyPart {
    Paragraph(usize),
    Heading(usize),
}

impl MainArticle {
    /// The article's running text: paragraphs and subheadings in document
    /// order, blank-line separated. Captions are left out: they describe an
    /// image, not the story.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for part in &self.body {
            let piece = match *part {
                BodyPart::Paragraph(i) => &self.paragraphs[i],
                BodyPart::Heading(i) => &self.headings[i],
            };
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(piece);
        }
        text
    }

    fn push_paragraph(&mut self, text: String) {
        self.body.push(BodyPart::Paragraph(self.paragraphs.len()));
        self.paragraphs.push(text);
    }

    fn push_heading(&mut self, text: String) {
        self.body.push(BodyPart::Heading(self.headings.len()));
        self.headings.push(text);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TeaserSegment {
    pub title: String,
    pub summary: Option<String>,
    pub caption: Option<String>,
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segmented {
    pub page: PageInfo,
    pub main: MainArticle,
    pub teasers: Vec<TeaserSegment>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SegmentError {
    #[error("page has no article body, only {0} heading/caption block(s)")]
    NoBody(usize),
}

impl SegmentError {
    pub fn kind(&self) -> &'static str {
        match self {
            SegmentError::NoBody(_) => "no_body",
        }
    }
}

/// A headline is short and complete; longer blocks are body text.
const MAX_HEADLINE_WORDS: usize = 40;

pub fn segment(page: CleanPage) -> Result<Segmented, SegmentError> {
    let CleanPage { page, mut blocks } = page;
    let split = blocks.iter().position(|b| b.kind == BlockKind::RelatedBreak).unwrap_or(blocks.len());
    let teaser_zone: Vec<Block> = blocks.split_off(split);
    let main = main_article(blocks, &page.meta, page.format)?;
    let teasers = teasers(teaser_zone.into_iter().filter(|b| b.kind != BlockKind::RelatedBreak));
    Ok(Segmented { page, main, teasers })
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

fn could_be_headline(block: &Block) -> bool {
    matches!(block.kind, BlockKind::Heading | BlockKind::Paragraph | BlockKind::TeaserTitle)
        && !block.is_truncated()
        && word_count(&block.text) <= MAX_HEADLINE_WORDS
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '…', ':', '"', '»', '”', ')'])
}

fn main_article(mut blocks: Vec<Block>, meta: &PageMeta, format: InputFormat) -> Result<MainArticle, SegmentError> {
    // The markup's title wins; otherwise the first short complete block near the top.
    let title = match &meta.title {
        Some(t) => t.clone(),
        None => match blocks.iter().take(3).position(could_be_headline) {
            Some(i) => blocks.remove(i).text,
            None => blocks.first().map(|b| first_words(&b.text, 20)).unwrap_or_default(),
        },
    };
    // "ALOMAR MANTIENE … ECOTASA Palma, 23 may (EFE).": a dateline closing the
    // headline opens the story; its place and agency are the text's.
    let mut title = title;
    let title_dateline = super::text::dateline::split_trailing(&mut title);
    let title_key = match_key(&title);
    blocks.retain(|b| !has_match_key(&b.text, &title_key));
    if let Some(d) = title_dateline {
        blocks.insert(0, Block::new(BlockKind::Paragraph, d));
    }

    let mut article = MainArticle { title, ..MainArticle::default() };
    // The byline sits in the first few blocks, before or just after the lead.
    if let Some(i) = blocks.iter().take(4).position(|b| is_byline(b, &meta.authors)) {
        let mut byline = blocks.remove(i).text;
        // "Par Jean Roux Paris, 23 mai (AFP).": the dateline closing the byline opens the story.
        if let Some(dateline) = super::text::dateline::split_trailing(&mut byline) {
            blocks.insert(i, Block::new(BlockKind::Paragraph, dateline));
        }
        article.byline = Some(byline);
    }
    let count = blocks.len();
    let mut previous_kind: Option<BlockKind> = None;
    for i in 0..count {
        let block = &blocks[i];
        let text = block.text.clone();
        let kind = block.kind;
        match kind {
            BlockKind::Heading
                if format == InputFormat::Html
                    && article.subtitle.is_none()
                    && article.paragraphs.is_empty()
                    && article.headings.is_empty() =>
            {
                article.subtitle = Some(text)
            }
            BlockKind::Heading => article.push_heading(text),
            BlockKind::Caption => {
                if !article.captions.contains(&text) {
                    article.captions.push(text)
                }
            }
            // A flattened page loses <h2>: a short unpunctuated line before body text is a
            // subheading, unless it is the dateline ("LONDON 1996-08-30"), the story's first words.
            BlockKind::Paragraph
                if format == InputFormat::Text
                    && i + 1 < count
                    && word_count(&text) <= 12
                    && !ends_sentence(&text)
                    && word_count(&blocks[i + 1].text) > 20
                    && !super::text::dateline::is_dateline(&text) =>
            {
                article.push_heading(text)
            }
            BlockKind::ListItem => {
                if previous_kind == Some(BlockKind::ListItem) {
                    if let Some(list) = article.lists.last_mut() {
                        list.push(text.clone());
                    }
                } else {
                    article.lists.push(vec![text.clone()]);
                }
                article.push_paragraph(text)
            }
            BlockKind::Quote => {
                article.block_quotes.push(text.clone());
                article.push_paragraph(text)
            }
            _ => article.push_paragraph(text),
        }
        previous_kind = Some(kind);
    }
    if article.paragraphs.is_empty() {
        return Err(SegmentError::NoBody(article.headings.len() + article.captions.len()));
    }
    Ok(article)
}

/// "By Jane Roe", "Par Marie Curie, le 3 juin 2025", "12.03.2025, 14:30 Uhr":
/// a short block naming the page's declared authors, opening with a byline
/// word, or made of little more than a date.
fn is_byline(block: &Block, authors: &[String]) -> bool {
    if block.kind == BlockKind::Byline {
        return true;
    }
    if block.kind != BlockKind::Paragraph && block.kind != BlockKind::Caption {
        return false;
    }
    let words = word_count(&block.text);
    if words > 15 {
        return false;
    }
    let text = block.text.trim();
    (!authors.is_empty() && authors.iter().all(|a| text.contains(a.as_str())))
        || super::clean::authors::after_byline_opener(text).is_some()
        || (words <= 8
            && !find_dates(text).is_empty()
            && !ends_sentence_strictly(text)
            && !super::text::dateline::is_dateline(text))
}

fn ends_sentence_strictly(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', '…']) && !text.trim_end().ends_with("Uhr.")
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        text.to_string()
    } else {
        format!("{}…", words[..n].join(" "))
    }
}

fn teasers(zone: impl Iterator<Item = Block>) -> Vec<TeaserSegment> {
    let zone: Vec<Block> = zone.collect();
    // The HTML path marks each card's headline: the text after one is its
    // summary, however short, never a teaser of its own.
    let marked = zone.iter().any(|b| b.kind == BlockKind::TeaserTitle);
    let mut out: Vec<TeaserSegment> = Vec::new();
    let mut pending_caption: Option<String> = None;
    for block in zone {
        let current_has_summary = out.last().is_none_or(|t| t.summary.is_some());
        let starts_teaser = if marked {
            block.kind == BlockKind::TeaserTitle
        } else {
            block.kind != BlockKind::Caption && could_be_headline(&block)
        };
        if starts_teaser {
            out.push(TeaserSegment {
                title: block.text,
                summary: None,
                caption: pending_caption.take(),
                link: block.link,
            });
        } else if block.kind == BlockKind::Caption || current_has_summary {
            // Cut-short text before any headline, or after a complete teaser: the next teaser's image caption.
            pending_caption = Some(block.text);
        } else if let Some(last) = out.last_mut() {
            last.summary = Some(block.text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(blocks: Vec<Block>) -> CleanPage {
        let page = PageInfo {
            url: "https://example.org/x".into(),
            fetched_at: None,
            status: None,
            format: InputFormat::Text,
            extractor: "test",
            meta: PageMeta::default(),
            signals: Default::default(),
        };
        CleanPage { page, blocks }
    }

    fn para(t: &str) -> Block {
        Block::new(BlockKind::Paragraph, t)
    }

    #[test]
    fn teasers_never_leak_into_main_body() {
        let seg = segment(page(vec![
            para("Harbour reopens after storm"),
            para("The harbour reopened on Monday after a week of repairs, officials said."),
            Block::new(BlockKind::RelatedBreak, "Read also"),
            para("A photo of the new bridge taken at..."),
            para("City approves the new bridge"),
            para("The council voted on Tuesday to fund a bridge that..."),
            para("Schools close early for the summer"),
        ]))
        .unwrap();
        assert_eq!(seg.main.title, "Harbour reopens after storm");
        assert_eq!(
            seg.main.paragraphs,
            vec!["The harbour reopened on Monday after a week of repairs, officials said."]
        );
        assert_eq!(seg.teasers.len(), 2);
        assert_eq!(seg.teasers[0].title, "City approves the new bridge");
        assert_eq!(seg.teasers[0].caption.as_deref(), Some("A photo of the new bridge taken at..."));
        assert_eq!(seg.teasers[0].summary.as_deref(), Some("The council voted on Tuesday to fund a bridge that..."));
        assert_eq!(seg.teasers[1].title, "Schools close early for the summer");
        assert_eq!(seg.teasers[1].summary, None);
    }

    #[test]
    fn a_dateline_over_the_body_is_no_subheading() {
        let body = "West Indian all-rounder Phil Simmons took four for 38 on Friday as Leicestershire beat \
                    Somerset by an innings and 39 runs in two days to take over at the head of the table.";
        let mut p = page(vec![para("LONDON 1996-08-30"), para(body)]);
        p.page.meta.title = Some("Leicestershire take over at top".into());
        let seg = segment(p).unwrap();
        assert_eq!(seg.main.paragraphs, vec!["LONDON 1996-08-30", body]);
        assert!(seg.main.headings.is_empty());
        let mut p = page(vec![para("Where the money went"), para(body)]);
        p.page.meta.title = Some("Leicestershire take over at top".into());
        assert_eq!(segment(p).unwrap().main.headings, vec!["Where the money went"]);
    }

    #[test]
    fn markup_title_removes_its_repeats_from_the_body() {
        let mut p = page(vec![para("Big news today"), para("Body text of the article, long enough.")]);
        p.page.meta.title = Some("Big news today".into());
        let seg = segment(p).unwrap();
        assert_eq!(seg.main.title, "Big news today");
        assert_eq!(seg.main.paragraphs, vec!["Body text of the article, long enough."]);
    }

    #[test]
    fn byline_lists_and_quotes_are_found() {
        let seg = segment(page(vec![
            para("Harbour reopens after storm"),
            para("By Jane Roe, June 3, 2025"),
            para("The harbour reopened on Monday after a week of repairs, officials said."),
            Block::new(BlockKind::ListItem, "one"),
            Block::new(BlockKind::ListItem, "two"),
            Block::new(BlockKind::Quote, "We will rebuild."),
        ]))
        .unwrap();
        assert_eq!(seg.main.byline.as_deref(), Some("By Jane Roe, June 3, 2025"));
        assert_eq!(seg.main.lists, vec![vec!["one", "two"]]);
        assert_eq!(seg.main.block_quotes, vec!["We will rebuild."]);
        assert_eq!(seg.main.paragraphs.len(), 4);
    }

    #[test]
    fn a_dateline_closing_the_byline_or_headline_opens_the_story() {
        let body = "Tres personas resultaron esta tarde heridas al salirse de la vía, informó un portavoz.";
        let seg = segment(page(vec![
            para("Heridos tres conductores en la autovía"),
            Block::new(BlockKind::Byline, "Por Ana María Soler Madrid, 23 may (EFE)."),
            para(body),
        ]))
        .unwrap();
        assert_eq!(seg.main.byline.as_deref(), Some("Por Ana María Soler"));
        assert_eq!(seg.main.paragraphs, vec!["Madrid, 23 may (EFE).", body]);
        let seg = segment(page(vec![para("HERIDOS TRES CONDUCTORES EN LA AUTOVIA Palma, 23 may (EFE)."), para(body)]))
            .unwrap();
        assert_eq!(seg.main.title, "HERIDOS TRES CONDUCTORES EN LA AUTOVIA");
        assert_eq!(seg.main.paragraphs, vec!["Palma, 23 may (EFE).", body]);
    }

    #[test]
    fn page_without_body_is_an_error() {
        let err = segment(page(vec![para("Only a title")])).unwrap_err();
        assert_eq!(err.kind(), "no_body");
    }

    #[test]
    fn in_a_marked_teaser_zone_short_summaries_stay_summaries() {
        let mut teaser = Block::new(BlockKind::TeaserTitle, "City approves the new bridge");
        teaser.link = Some("https://example.org/bridge".into());
        let seg = segment(page(vec![
            para("Harbour reopens after storm"),
            para("The harbour reopened on Monday after a week of repairs, officials said."),
            Block::new(BlockKind::RelatedBreak, ""),
            teaser,
            para("Officials promptly dismiss the claim"),
            Block::new(BlockKind::TeaserTitle, "Schools close early for the summer"),
        ]))
        .unwrap();
        let titles: Vec<&str> = seg.teasers.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, vec!["City approves the new bridge", "Schools close early for the summer"]);
        assert_eq!(seg.teasers[0].summary.as_deref(), Some("Officials promptly dismiss the claim"));
        assert_eq!(seg.teasers[0].link.as_deref(), Some("https://example.org/bridge"));
    }
}
