//! Teasers on an HTML page: headline-plus-link items for other articles, found
//! in `<article>`s, `<aside>`s and containers whose class or id says
//! related/teaser/recommended, and appended after the article's blocks behind
//! a `RelatedBreak`.
//!
//! Class and id words are generic vocabulary (`markup`), never one site's
//! markup. A teaser must never repeat the article: one whose headline is
//! already in the article's text (or is its title) is dropped.

use dom_query::NodeRef;

use super::index::{DomIndex, Entry, Reading};
use super::markup::{Tag, HEADINGS, HINT_TEASER};
use super::{Block, BlockKind};
use crate::pipeline::text::normalize_text;

/// Longer than this, an item is the article itself, not a teaser.
const TEASER_MAX_CHARS: u32 = 1500;

pub struct Teaser {
    title: String,
    link: Option<String>,
    summary: Option<String>,
}

/// Up to `max` teasers of the page, in document order, without repeats or
/// links to the page itself.
pub fn collect(index: &DomIndex, url: &str, max: usize) -> Vec<Teaser> {
    let base = url::Url::parse(url).ok();
    let mut out: Vec<Teaser> = Vec::new();
    for item in candidates(index, TEASER_MAX_CHARS) {
        if out.len() >= max {
            return out;
        }
        let Some(teaser) = teaser_from(&item, base.as_ref()) else {
            continue;
        };
        if teaser.link.as_deref() == Some(url) || out.iter().any(|t| t.title == teaser.title) {
            continue;
        }
        out.push(teaser);
    }
    out
}

/// Teaser candidates, in document order: the `<li>`s of `<article>`s,
/// `<aside>`s and elements whose class (or id) says related/teaser/
/// recommended, or the container itself when it has none; items over
/// `max_chars` of text are left out (the article itself, not a teaser).
fn candidates<'a>(index: &DomIndex<'a>, max_chars: u32) -> Vec<NodeRef<'a>> {
    let is_container = |e: &Entry| {
        !e.in_hidden
            && (matches!(e.tag, Tag::Article | Tag::Aside)
                || e.class_bits & HINT_TEASER != 0
                || e.id_bits & HINT_TEASER != 0 && e.node.attr("id").is_some_and(|id| id.contains("related")))
    };
    let short = |e: &Entry| e.totals(Reading::All).text() <= max_chars;
    let mut items = Vec::new();
    for (c, container) in index.entries.iter().enumerate() {
        if !is_container(container) {
            continue;
        }
        let range = c + 1..container.end as usize;
        let lis: Vec<&Entry> = index.entries[range].iter().filter(|e| e.is_li && !e.in_hidden).collect();
        if lis.is_empty() {
            if short(container) {
                items.push(container.node);
            }
        } else {
            items.extend(lis.into_iter().filter(|e| short(e)).map(|e| e.node));
        }
    }
    items
}

/// An item's headline (its first heading, else its first link), link and
/// summary (its first paragraph that is not the headline).
fn teaser_from(item: &NodeRef, base: Option<&url::Url>) -> Option<Teaser> {
    let heading = HEADINGS.iter().find_map(|h| item.find(&[h]).into_iter().next());
    let anchor = heading
        .as_ref()
        .and_then(|h| h.find(&["a"]).into_iter().next())
        .or_else(|| item.find(&["a"]).into_iter().next());
    let title = normalize_text(&heading.as_ref().or(anchor.as_ref())?.text());
    if title.split_whitespace().count() < 4 {
        return None;
    }
    let link = anchor
        .and_then(|a| a.attr("href"))
        .and_then(|href| base.map_or(url::Url::parse(&href).ok(), |b| b.join(&href).ok()))
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| u.to_string());
    let summary = item.find(&["p"]).iter().map(|p| normalize_text(&p.text())).find(|p| !p.is_empty() && *p != title);
    Some(Teaser { title, link, summary })
}

/// Appends the teasers that are not part of the article behind a
/// `RelatedBreak`: a teaser whose headline is already in the article is part
/// of it (or its title).
pub fn append(blocks: &mut Vec<Block>, teasers: Vec<Teaser>, title: Option<&str>) {
    let main_text: String = blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    let teasers: Vec<Teaser> =
        teasers.into_iter().filter(|t| !main_text.contains(&t.title) && title != Some(t.title.as_str())).collect();
    if teasers.is_empty() {
        return;
    }
    blocks.push(Block::new(BlockKind::RelatedBreak, ""));
    for t in teasers {
        blocks.push(Block { kind: BlockKind::TeaserTitle, text: t.title, link: t.link });
        if let Some(summary) = t.summary {
            blocks.push(Block::new(BlockKind::Paragraph, summary));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn teasers(html: &str, url: &str) -> Vec<Teaser> {
        let doc = Document::from(html);
        collect(&DomIndex::read(&doc.root()), url, 20)
    }

    #[test]
    fn related_list_items_become_teasers_with_absolute_links() {
        let html = "<body><article><h1>The story</h1><p>Body.</p></article>\
             <div class='related-stories'><ul>\
             <li><h3><a href='/a'>City approves the new bridge plan</a></h3><p>The council voted on Tuesday.</p></li>\
             <li><h3><a href='https://example.org/b'>Schools close early this summer</a></h3></li>\
             <li><a href='/c'>Too short</a></li></ul></div></body>";
        let got = teasers(html, "https://example.org/story");
        let titles: Vec<&str> = got.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, vec!["City approves the new bridge plan", "Schools close early this summer"]);
        assert_eq!(got[0].link.as_deref(), Some("https://example.org/a"));
        assert_eq!(got[0].summary.as_deref(), Some("The council voted on Tuesday."));
        assert_eq!(got[1].summary, None);
    }

    #[test]
    fn teasers_already_in_the_article_are_not_appended() {
        let teaser = |title: &str| Teaser { title: title.into(), link: None, summary: Some("Summary.".into()) };
        let mut blocks =
            vec![Block::new(BlockKind::Paragraph, "As we reported in Harbour reopens after storm, it did.")];
        let candidates =
            vec![teaser("Harbour reopens after storm"), teaser("The title itself"), teaser("Another story")];
        append(&mut blocks, candidates, Some("The title itself"));
        let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![BlockKind::Paragraph, BlockKind::RelatedBreak, BlockKind::TeaserTitle, BlockKind::Paragraph]
        );
        assert_eq!(blocks[2].text, "Another story");
    }
}
