//! The HTML path: one parse, one DOM index (`index`), page metadata (`meta`)
//! and teasers (`teasers`) read from the whole page, main content chosen by
//! Readability's scoring (`readability`, our one-pass version; see the README
//! for why not a crate), then walked into typed blocks (`density`).
//!
//! Readability models a page as one article subtree. Pages that declare
//! themselves articles (`og:type`) keep its choice, minus short link-list
//! blocks and repeated long sentences, unless it holds a sliver of the page's
//! prose (it missed the article). Other pages (forums, products, listings,
//! docs) are also read by `density`: the deepest element holding most of the
//! page's unlinked prose, chrome pruned; when readability's choice holds
//! clearly less prose than that, the density root wins. On every page the
//! largest run of repeated items (`repeated`) can join the choice. Link lists
//! stay on those pages (a listing's items are links) unless the page declares
//! itself a product.
//!
//! This module decides which reading wins; it never scores or walks the tree
//! itself. Every walk is iterative, never recursive: a 100k-deep tag nest
//! must not overflow the stack.

use std::cell::OnceCell;

use dom_query::{Document, NodeRef};
use rustc_hash::{FxHashMap, FxHashSet};

use super::density::{self, ScoredBlock};
use super::index::{DomIndex, Reading};
use super::markup::Prune;
use super::parse::parse_document;
use super::readability::{self, Choice};
use super::{meta, rawtext, teasers, Block, BlockKind, CleanError, CleanLimits, ExtractionSignals, PageMeta};
use crate::pipeline::text::normalize_text;

pub(crate) const EXTRACTOR: &str = "readable/1+density";

/// Share of the page's prose the fallback's content root must hold.
const CONTENT_ROOT_SHARE: f32 = 0.8;
/// On pages not declared an article, readability's choice is replaced by the
/// content root when it holds less than this share of the root's prose.
const FALLBACK_RATIO: f32 = 0.9;
/// A run of repeated items joins the content when it holds more than this
/// many times the text chosen so far: a lower bar lets in runs that are not
/// the content, a higher one hardly any run at all.
const RUN_RATIO: f32 = 1.5;
/// On a declared article, readability's choice holding less than this share
/// of the content root's prose missed the article (it kept a menu or a
/// newsletter box). Larger, it would swap articles with long comment threads
/// for their threads.
const LOST_ARTICLE_RATIO: f32 = 0.05;
/// On a declared article, a choice under this many non-space characters,
/// outside the page's largest run and with the run holding over
/// `INTRO_RUN_RATIO` times its text, is the list's intro (`introduces`).
/// Measured: 500 characters takes a news brief's related headlines, a ratio
/// of 4 loses a listing whose intro is long.
const INTRO_MAX_CHARS: usize = 400;
const INTRO_RUN_RATIO: f32 = 3.0;
/// A linked heading followed by a paragraph of at least this many words
/// heads an entry of the article (`content_blocks`).
const ENTRY_PROSE_WORDS: usize = 8;

pub(crate) struct HtmlOutput {
    pub meta: PageMeta,
    pub blocks: Vec<Block>,
    pub signals: ExtractionSignals,
}

pub fn extract(html: &str, url: &str, limits: &CleanLimits) -> Result<HtmlOutput, CleanError> {
    let scan = rawtext::prescan(html);
    check_complexity(&scan, limits)?;
    let mut doc = parse_document(scan.stripped.as_deref().unwrap_or(html));
    if let Some(unwrapped) = app_shell_content(&scan, html, &doc) {
        doc = parse_document(unwrapped.as_str());
    }
    if scan.templates {
        reveal_streamed(html, &doc);
    }
    let index = DomIndex::read(&doc.root());
    let meta = page_meta(&index, url);
    let declared_article = declared(&meta, "article");
    let root = density::content_root(&index, CONTENT_ROOT_SHARE);
    let mut signals = ExtractionSignals::default();
    let Some(choice) =
        readability::choose(&index, meta.title.as_deref(), !meta.authors.is_empty(), declared_article, meta.discussion)
    else {
        // Article pages skip the density reading (it only costs them precision).
        let whole_page = if declared_article { Vec::new() } else { density::walk_scored(&root.node, index.pruning()) };
        signals.fallback = true;
        let blocks: Vec<Block> = whole_page.into_iter().map(|b| b.block).collect();
        if blocks.is_empty() {
            return Err(CleanError::NoContent("no content candidate".into()));
        }
        return Ok(HtmlOutput { meta, blocks, signals });
    };
    let mut blocks = main_blocks(html, &index, &meta, &choice, &root, &mut signals);
    if blocks.is_empty() {
        return Err(CleanError::NoContent("main content has no text".into()));
    }
    let teasers = teasers::collect(&index, url, limits.max_teasers);
    teasers::append(&mut blocks, teasers, meta.title.as_deref());
    Ok(HtmlOutput { meta, blocks, signals })
}

/// An app shell's page: its largest `<noscript>` holds more text than the
/// rest of the body (forum engines, single-page shops serve their content to
/// crawlers there). Then the page parses again with that element unwrapped.
fn app_shell_content(scan: &rawtext::Prescan, html: &str, doc: &Document) -> Option<String> {
    let noscript = scan.noscript?;
    let index = DomIndex::read(&doc.root());
    let visible = index.entries[index.body() as usize].totals(Reading::All).text() as usize;
    (noscript.text_bytes > visible).then(|| scan.with_noscript_unwrapped(html)).flatten()
}

/// React's streamed rendering sends a Suspense boundary's content last, in a
/// hidden `<div id="S:n">`, and a script (`$RC("B:m","S:n")`, or
/// `$RS("S:n","P:m")` for a placeholder) moves it to the boundary's
/// `<template id="B:m">` in place of the fallback ("Loading…", up to the
/// boundary's `<!--/$-->`). A crawler runs no script, so the page shows the
/// fallbacks and hides its content at the end; the move is done here. Pairs
/// come from the scripts, else by equal number. Where a snapshot lost the
/// comments, the fallback is the template's next element. Declared articles only.
#[cold]
fn reveal_streamed(html: &str, doc: &Document) {
    const FALLBACK_MAX_WORDS: usize = 3;
    // On other pages the streamed parts are widgets the first paint leaves
    // out (hover cards, "yesterday's top" lists) and the shown page is the content.
    let article = doc.select("meta[property='og:type']").attr("content").is_some_and(|t| t.contains("article"));
    if !article {
        return;
    }
    let (mut templates, mut segments) = (FxHashMap::default(), FxHashMap::default());
    for node in doc.root().descendants_it().filter(NodeRef::is_element) {
        let Some(id) = node.id_attr() else { continue };
        let name = node.node_name();
        match (name.as_deref(), id.get(..2)) {
            (Some("template"), Some("B:" | "P:")) => {
                templates.insert(id.to_string(), node);
            }
            (Some("div"), Some("S:")) if node.has_attr("hidden") => {
                segments.insert(id.to_string(), node);
            }
            _ => {}
        }
    }
    if templates.is_empty() || segments.is_empty() {
        return;
    }
    let mut pairs = streamed_pairs(html);
    if pairs.is_empty() {
        let mut numbered: Vec<&String> = segments.keys().collect();
        numbered.sort_unstable();
        for s in numbered {
            let n = &s[2..];
            if let Some(t) = [format!("B:{n}"), format!("P:{n}")].into_iter().find(|t| templates.contains_key(t)) {
                pairs.push((t, s.clone()));
            }
        }
    }
    for (t, s) in pairs {
        let (Some(template), Some(segment)) = (templates.get(&t), segments.get(&s)) else { continue };
        let Some(parent) = template.parent() else { continue };
        // The nodes up to the boundary's end comment are the fallback.
        let opened = template.prev_sibling().is_some_and(|c| comment_is(&c, &["$?"]));
        let mut fallback = Vec::new();
        let mut anchor = template.next_sibling();
        if t.starts_with("B:") && opened {
            let mut depth = 0usize;
            while let Some(node) = anchor {
                if comment_is(&node, &["/$"]) {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                } else if comment_is(&node, &["$", "$?", "$!"]) {
                    depth += 1;
                }
                anchor = node.next_sibling();
                fallback.push(node);
            }
        } else if t.starts_with("B:") {
            if let Some(next) = anchor.filter(NodeRef::is_element) {
                anchor = next.next_sibling();
                fallback.push(next);
            }
        }
        // A fallback with words of its own is the server's rendering of the
        // boundary (a menu, a card), and a boundary without any fallback is an
        // extra shown on demand (a hover card): only a loader gives way.
        let words: usize = fallback.iter().map(|n| n.text().split_whitespace().count()).sum();
        if words > FALLBACK_MAX_WORDS || (t.starts_with("B:") && fallback.is_empty()) {
            continue;
        }
        fallback.iter().for_each(NodeRef::remove_from_parent);
        while let Some(child) = segment.first_child() {
            match &anchor {
                Some(a) => a.insert_before(&child),
                None => parent.append_child(&child),
            }
        }
        template.remove_from_parent();
        segment.remove_from_parent();
    }
}

/// `(template id, segment id)` from the page's `$RC("B:m","S:n")` and
/// `$RS("S:n","P:m")` calls, in document order.
fn streamed_pairs(html: &str) -> Vec<(String, String)> {
    let bytes = html.as_bytes();
    let mut pairs = Vec::new();
    for at in memchr::memmem::find_iter(bytes, b"$R") {
        let call = &html[at + 2..];
        let swap = match call.as_bytes().first() {
            Some(b'C') => false,
            Some(b'S') => true,
            _ => continue,
        };
        let Some(args) = call[1..].strip_prefix("(\"") else { continue };
        let Some((first, rest)) = args.split_once('"') else { continue };
        let Some(rest) = rest.strip_prefix(",\"") else { continue };
        let Some((second, _)) = rest.split_once('"') else { continue };
        if first.len() > 16 || second.len() > 16 {
            continue;
        }
        let (t, s) = if swap { (second, first) } else { (first, second) };
        pairs.push((t.to_string(), s.to_string()));
    }
    pairs
}

fn comment_is(node: &NodeRef, data: &[&str]) -> bool {
    node.query_or(false, |n| match &n.data {
        dom_query::NodeData::Comment { contents } => data.contains(&contents.as_ref()),
        _ => false,
    })
}

/// The markup's metadata, with Readability's title rule: a missing, very
/// short or very long title gives way to the page's only <h1>.
fn page_meta(index: &DomIndex, url: &str) -> PageMeta {
    let mut meta = meta::read_meta(index, url);
    let title_chars = meta.title.as_deref().map_or(0, |t| t.chars().count());
    if !(15..=150).contains(&title_chars) {
        if let Some(h1) = index.single_h1() {
            let h1 = normalize_text(&h1.text());
            if !h1.is_empty() {
                meta.title = Some(h1);
            }
        }
    }
    meta
}

/// The page declares itself this kind (`og:type`).
fn declared(meta: &PageMeta, kind: &str) -> bool {
    meta.og_type.as_deref().is_some_and(|t| t.to_ascii_lowercase().contains(kind))
}

/// The article's blocks: readability's choice or the density reading,
/// whichever holds the page's prose, with repeated items joined and copies,
/// repeats and shortcodes dropped.
fn main_blocks(
    html: &str,
    index: &DomIndex,
    meta: &PageMeta,
    choice: &Choice,
    root: &density::ContentRoot,
    signals: &mut ExtractionSignals,
) -> Vec<Block> {
    let declared_article = declared(meta, "article");
    // A product page's link lists are navigation; a listing's are its content.
    let keep: fn(Vec<ScoredBlock>) -> Vec<Block> =
        if declared(meta, "product") { content_blocks } else { furniture_free };
    // Forms that are chrome on the page are chrome inside the choice too.
    let in_choice = if index.pruning().rule == Prune::ChromeAndThreads { Prune::Forms } else { Prune::Nothing };
    // Readability scores a box of other posts' full excerpts as high as the
    // story beside it and keeps both: on an article, a box the page titles
    // as other reading is skipped, and a part that is one goes when another
    // part is left.
    let mut boxes = if declared_article { related_boxes(index, &choice.parts) } else { Vec::new() };
    let mut parts: Vec<&NodeRef> = choice.parts.iter().collect();
    if parts.iter().any(|p| !boxes.contains(&p.id)) {
        parts.retain(|p| !boxes.contains(&p.id));
    }
    // A box that is the only part left stays: it is all Readability found.
    boxes.retain(|b| !parts.iter().any(|p| p.id == *b));
    // Customer reviews beside a product are the shop's widget, not its text.
    // Both product tests ask for a quantity field: the page is searched once.
    let quantity = OnceCell::new();
    let mut reviews = if declared_article {
        FxHashSet::default()
    } else {
        super::repeated::review_items(index, || shows_product(html, meta, index, &quantity))
    };
    // So are other products' cards beside the one on sale.
    if !declared_article && sells_one_product(html, meta, &quantity) {
        reviews.extend(super::repeated::card_items(index));
    }
    let removed = if boxes.is_empty() && reviews.is_empty() {
        std::borrow::Cow::Borrowed(&choice.removed)
    } else {
        std::borrow::Cow::Owned(choice.removed.iter().copied().chain(boxes).chain(reviews.iter().copied()).collect())
    };
    let skipped = (!reviews.is_empty()).then_some(&reviews);
    let chosen: Vec<ScoredBlock> =
        parts.iter().flat_map(|part| density::walk_skipping(part, in_choice, Some(&removed))).collect();
    // On non-article pages dropping link-heavy blocks costs recall (listings
    // and docs are link lists the reader wants), so they stay there.
    // A choice inside chrome holds none of the page's own prose.
    let chosen_prose = if choice.in_chrome { 0 } else { density::content_chars(&chosen) };
    let mut blocks = if declared_article {
        if lost_the_article(chosen_prose, root.prose) {
            signals.fallback = true;
            content_blocks(density::walk_scored(&root.node, index.pruning()))
        } else {
            content_blocks(chosen)
        }
    } else if (chosen_prose as f32) < FALLBACK_RATIO * root.prose as f32 {
        // The root's prose bounds its walk's from above: walk only when it could win.
        let whole_page = density::walk_skipping(&root.node, index.pruning(), skipped);
        if (chosen_prose as f32) < FALLBACK_RATIO * density::content_chars(&whole_page) as f32 {
            signals.fallback = true;
            // The root holds a thread's replies; its first post may sit just above.
            let mut out = post_above(index, root.entry, keep);
            out.extend(keep(whole_page));
            out
        } else {
            keep(chosen)
        }
    } else {
        keep(chosen)
    };
    // A thread's replies are its content even where it calls itself an article.
    add_repeated_items(&mut blocks, index, declared_article && !meta.discussion, keep, skipped);
    if declared_article {
        drop_repeated_sentences(&mut blocks);
    }
    drop_repeated_runs(&mut blocks);
    drop_second_copies(&mut blocks);
    drop_currency_switchers(&mut blocks);
    strip_shortcodes(&mut blocks);
    blocks.retain(|b| !is_asset_url(&b.text));
    blocks
}

/// The first post of a thread (a forum's question, a Q&A page's question)
/// often sits outside the replies' container, which then holds the page's
/// prose and is the content root: the element right above the root, or above
/// the wrappers whose only prose the root is (up to `POST_LEVELS` levels), is
/// read when it is mostly prose (sentences of `POST_SENTENCE_WORDS`+ words
/// hold half its words or more). A buy box, a promo bar or a search form
/// above a page's text is short lines, not prose.
fn post_above(index: &DomIndex, root: u32, keep: fn(Vec<ScoredBlock>) -> Vec<Block>) -> Vec<Block> {
    const POST_LEVELS: usize = 4;
    const POST_SENTENCE_WORDS: usize = 15;
    let entries = &index.entries;
    let mut x = root;
    for _ in 0..POST_LEVELS {
        let p = entries[x as usize].parent;
        if p == super::index::NONE {
            break;
        }
        let above = index.children(p).take_while(|&c| c != x).filter(|&c| {
            let e = &entries[c as usize];
            !e.chrome && e.tag != super::markup::Tag::Text && e.density.prose > 0
        });
        if let Some(post) = above.last() {
            let blocks = keep(density::walk_scored(&entries[post as usize].node, index.pruning()));
            let words = |b: &Block| b.text.split_whitespace().count();
            let total: usize = blocks.iter().map(words).sum();
            let prose: usize = blocks
                .iter()
                .filter(|b| words(b) >= POST_SENTENCE_WORDS && b.text.trim_end().ends_with(['.', '?', '!', ':']))
                .map(words)
                .sum();
            return if prose > 0 && 2 * prose >= total { blocks } else { Vec::new() };
        }
        // Climb only through wrappers that add no prose of their own.
        if entries[p as usize].density.prose > entries[x as usize].density.prose {
            break;
        }
        x = p;
    }
    Vec::new()
}

/// A block that is only the address of an image, font, script or style
/// file: a theme's data attribute, a JSON blob or a cache plugin's hidden
/// script list printed as text, never prose. A wiki's own pages for its
/// scripts carry a namespace (`MediaWiki:Common.css`) and stay.
fn is_asset_url(text: &str) -> bool {
    const EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif", ".woff2"];
    const CODE: &[&str] = &[".js", ".mjs", ".css"];
    let t = text.trim();
    if t.contains(char::is_whitespace)
        || !(t.starts_with("http://") || t.starts_with("https://") || t.starts_with("//"))
    {
        return false;
    }
    let path = t.split(['?', '#']).next().unwrap_or(t).to_ascii_lowercase();
    let file = path.rsplit('/').next().unwrap_or("");
    EXTENSIONS.iter().any(|e| path.ends_with(e)) || (!file.contains(':') && CODE.iter().any(|e| file.ends_with(e)))
}

/// Readability's choice is a sliver of the page's prose: it missed the article.
fn lost_the_article(chosen_prose: usize, root_prose: usize) -> bool {
    (chosen_prose as f32) < LOST_ARTICLE_RATIO * root_prose as f32
}

/// A buy box's quantity field (`name="quantity"`, `name='qty'`): a product
/// page's, whatever else the page declares.
fn has_quantity_field(html: &str) -> bool {
    html_has_after(html, "name=", &["\"quantity\"", "\"qty\"", "'quantity'", "'qty'"])
}

/// Whether the raw page holds any of `markers`.
fn html_has_any(html: &str, markers: &[&str]) -> bool {
    markers.iter().any(|m| memchr::memmem::find(html.as_bytes(), m.as_bytes()).is_some())
}

/// Whether the raw page holds `head` followed by any of `tails`: one pass
/// over the page for the head, where one per marker cost several.
fn html_has_after(html: &str, head: &str, tails: &[&str]) -> bool {
    let bytes = html.as_bytes();
    memchr::memmem::find_iter(bytes, head.as_bytes())
        .any(|at| tails.iter().any(|t| bytes[at + head.len()..].starts_with(t.as_bytes())))
}

/// The page sells a product: it says so (`og:type`, JSON-LD `Product`), or
/// shows a buy box's fields (a quantity field, a price in microdata).
fn shows_product(html: &str, meta: &PageMeta, index: &DomIndex, quantity: &OnceCell<bool>) -> bool {
    declared(meta, "product")
        || index.scan.json_ld.iter().any(|j| j.contains("\"Product\""))
        || *quantity.get_or_init(|| has_quantity_field(html))
        || html_has_after(html, "itemprop=\"", &["price\"", "offers\""])
        || html_has_any(html, &["product:price"])
}

/// The page is one product's: it says so (`og:type`), or shows a buy box (a
/// quantity field, an add-to-cart control). JSON-LD `Product` alone is not
/// enough: collection pages declare their items so.
fn sells_one_product(html: &str, meta: &PageMeta, quantity: &OnceCell<bool>) -> bool {
    const CART_CONTROLS: &[&str] = &["add-to-cart", "add_to_cart", "addToCart"];
    declared(meta, "product") || *quantity.get_or_init(|| has_quantity_field(html)) || html_has_any(html, CART_CONTROLS)
}

/// Readability keeps one post of a thread and none of a listing's linked
/// cards. When the page's largest run of repeated items holds clearly more
/// text than the choice, its items join the choice. On an article (`article`
/// and not a discussion) only when the choice sits inside one item (the
/// thread's first post): an article's comments are a run too, but the
/// article is not one of them.
fn add_repeated_items(
    blocks: &mut Vec<Block>,
    index: &DomIndex,
    article: bool,
    keep: fn(Vec<ScoredBlock>) -> Vec<Block>,
    skipped: Option<&FxHashSet<dom_query::NodeId>>,
) {
    // Block text is normal: its characters counted by bytes.
    let chars = density::normal_non_space_chars;
    let chosen_chars: usize = blocks.iter().map(|b| chars(&b.text)).sum();
    let Some(found) = super::repeated::largest_run(index) else {
        return;
    };
    // Its parent, so the list's own heading comes along; walked only when it could win.
    let Some(parent) = found.members[0].parent() else {
        return;
    };
    if found.parent_chars as f32 <= RUN_RATIO * chosen_chars as f32 {
        return;
    }
    let walked = density::walk_skipping(&parent, index.pruning(), skipped);
    // A list an article titles as other reading ("Related posts", "Você pode
    // gostar") is its teasers, however full its items are.
    if article && titled_related(&walked) {
        return;
    }
    let run: Vec<Block> = keep(walked);
    let run_chars: usize = run.iter().map(|b| chars(&b.text)).sum();
    if run_chars as f32 <= RUN_RATIO * chosen_chars as f32 {
        return;
    }
    if article {
        let longest = blocks.iter().map(|b| b.text.as_str()).max_by_key(|t| t.len()).unwrap_or("");
        let holders = run.iter().filter(|b| b.text.contains(longest)).count();
        if !longest.is_empty() && holders != 1 && !introduces(chosen_chars, run_chars, holders) {
            return;
        }
    }
    let have: rustc_hash::FxHashSet<String> = blocks.iter().map(|b| b.text.clone()).collect();
    blocks.extend(run.into_iter().filter(|b| !have.contains(&b.text)));
}

/// Boxes inside `parts` (or parts themselves) that a heading naming other
/// pages to read opens: the heading is the box's first text, and the box
/// holds links. Only a part after the first can be one (the story comes
/// first). The heading may be in Readability's removed set (a `related`
/// class), so the DOM is read, not the walk.
fn related_boxes(index: &DomIndex, parts: &[NodeRef]) -> Vec<dom_query::NodeId> {
    use super::markup::Tag;
    let entries = &index.entries;
    let first_text_child = |p: u32| index.children(p).find(|&c| entries[c as usize].totals(Reading::All).text() > 0);
    let mut boxes = Vec::new();
    let mut end = 0;
    let mut part_roots: Vec<u32> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if i >= end as usize {
            if !parts.iter().any(|p| p.id == e.node.id) {
                continue;
            }
            end = e.end;
            part_roots.push(i as u32);
        }
        if !matches!(e.tag, Tag::H2 | Tag::Heading) || !names_related(&e.node.text()) {
            continue;
        }
        let heading = i as u32;
        let mut x = heading;
        while !part_roots.contains(&x) && first_text_child(entries[x as usize].parent) == Some(x) {
            x = entries[x as usize].parent;
        }
        let opens_story = part_roots.first() == Some(&x);
        if x != heading && !opens_story && entries[x as usize].totals(Reading::All).link > 0.0 {
            boxes.push(entries[x as usize].node.id);
        }
    }
    boxes
}

/// A short heading naming other pages to read ("Related posts", "Você pode gostar…").
fn names_related(heading: &str) -> bool {
    use super::vocab::{vocabulary, Category};
    heading.len() < 120 && {
        let heading = normalize_text(heading);
        vocabulary().classify_key(&heading, &crate::pipeline::text::match_key(&heading)) == Some(Category::Related)
    }
}

/// A walk that opens with a heading naming what follows as other pages to
/// read ("Related posts", "Você pode gostar…").
fn titled_related(walk: &[ScoredBlock]) -> bool {
    walk.first().is_some_and(|b| b.block.kind == BlockKind::Heading && names_related(&b.block.text))
}

/// A declared article whose choice is a short text outside the run, and the
/// run several times its size: the choice is the intro of a list (a recipe
/// collection, a page of trails or pets for adoption), and the list is the
/// page. A short news item with a few related headlines under it has a run
/// about its own size.
fn introduces(chosen_chars: usize, run_chars: usize, holders: usize) -> bool {
    holders == 0 && chosen_chars < INTRO_MAX_CHARS && run_chars as f32 > INTRO_RUN_RATIO * chosen_chars as f32
}

/// Slideshows and galleries print each photo's caption several times
/// (thumbnail strip, full view) as plain text: readability keeps them all.
/// Articles do not repeat long sentences, so on a declared article a block of
/// `REPEAT_MIN_WORDS`+ words that occurs twice or more is dropped, every copy.
/// Shorter repeats (interview questions, spec lines, table cells) stay, and so
/// does everything when repeats are a large share of the text (a page that
/// prints its article twice).
fn drop_repeated_sentences(blocks: &mut Vec<Block>) {
    const REPEAT_MIN_WORDS: usize = 20;
    const MAX_REPEATED_SHARE: f32 = 0.2;
    let mut counts: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for b in blocks.iter().filter(|b| b.text.split_whitespace().count() >= REPEAT_MIN_WORDS) {
        *counts.entry(b.text.as_str()).or_default() += 1;
    }
    let repeated: rustc_hash::FxHashSet<String> =
        counts.into_iter().filter(|&(_, n)| n >= 2).map(|(t, _)| t.to_string()).collect();
    if repeated.is_empty() {
        return;
    }
    let total: usize = blocks.iter().map(|b| b.text.len()).sum();
    let dropped: usize = blocks.iter().filter(|b| repeated.contains(&b.text)).map(|b| b.text.len()).sum();
    if dropped as f32 <= MAX_REPEATED_SHARE * total as f32 {
        blocks.retain(|b| !repeated.contains(&b.text));
    }
}

/// A paragraph printed twice on one page is a rendering copy (a mobile and a
/// desktop header, a hidden duplicate for a carousel, an article printed
/// twice): the first copy stays. Shorter lines repeat for a reason (prices,
/// labels in a listing's items, table cells); even at a dozen words such
/// repeats are still mostly content. Beside a second copy, the lines that
/// match the first copy's neighbours line for line go with it when that
/// stretch is itself mostly prose (`copied_stretch`): a reply quoting a post,
/// a section printed again for another screen size.
fn drop_second_copies(blocks: &mut Vec<Block>) {
    let mut first: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let mut keep = vec![true; blocks.len()];
    // Every copy walks its own stretch, even inside one just dropped: the
    // forward walk stops short of the copy it started from, so on a page
    // printed three times a later start can reach further.
    for j in 0..blocks.len() {
        if !blocks[j].is_copy_sized() {
            continue;
        }
        let i = *first.entry(blocks[j].text.as_str()).or_insert(j);
        if i == j {
            continue;
        }
        keep[j] = false;
        if let Some(stretch) = copied_stretch(blocks, i, j) {
            keep[stretch].iter_mut().for_each(|k| *k = false);
        }
    }
    retain_flagged(blocks, keep);
}

impl Block {
    /// Long enough (`COPY_MIN_WORDS`) that printing it twice makes a copy.
    fn is_copy_sized(&self) -> bool {
        super::has_words(&self.text, COPY_MIN_WORDS)
    }
}

/// A paragraph of this many words printed twice is a copy.
const COPY_MIN_WORDS: usize = 20;
/// A copied stretch holds at least this many such paragraphs, and they are at
/// least `COPY_PROSE_SHARE` of its lines: a template's labels repeated around
/// one shared line (each webcam's "support us" line and its button, a meal
/// plan's "Meal 2 / eat every 3 hours") are each item's own, not a copy.
const COPY_MIN_PARAGRAPHS: usize = 3;
const COPY_PROSE_SHARE: f32 = 0.2;

/// The blocks around `j`, a second copy of `i`, equal line for line to those
/// around `i` (never reaching into the first copy), when they form a copy of
/// prose.
fn copied_stretch(blocks: &[Block], i: usize, j: usize) -> Option<std::ops::Range<usize>> {
    let same = |a: usize, b: usize| blocks[a].text == blocks[b].text;
    let mut back = 0;
    while back < i && j - back - 1 > i && same(i - back - 1, j - back - 1) {
        back += 1;
    }
    let mut fwd = 0;
    while j + fwd + 1 < blocks.len() && i + fwd + 1 < j && same(i + fwd + 1, j + fwd + 1) {
        fwd += 1;
    }
    let stretch = j - back..j + fwd + 1;
    let paragraphs = blocks[stretch.clone()].iter().filter(|b| b.is_copy_sized()).count();
    (paragraphs >= COPY_MIN_PARAGRAPHS && paragraphs as f32 >= COPY_PROSE_SHARE * stretch.len() as f32)
        .then_some(stretch)
}

/// A run of blocks printed twice in a row is a rendering copy (a carousel's
/// cloned slides, a product panel printed for mobile and desktop): the second
/// copy goes. Runs are caught whatever their blocks' length, so short headings
/// and feature lines go with them, but the run must hold `MIN_WORDS` words:
/// a price or label printed twice over stays, and so does a line of code
/// (its braces and operators are not words).
fn drop_repeated_runs(blocks: &mut Vec<Block>) {
    const MIN_WORDS: usize = 10;
    let words = |t: &str| t.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
    const MAX_RUN: usize = 60;
    let same = |a: usize, b: usize| blocks[a].text == blocks[b].text;
    let mut keep = vec![true; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        let mut skip = 0;
        // The longest run first: a run of repeats (A A A) is one run.
        for k in (1..=MAX_RUN.min((blocks.len() - i) / 2)).rev() {
            if same(i, i + k)
                && (1..k).all(|d| same(i + d, i + k + d))
                && blocks[i..i + k].iter().map(|b| words(&b.text)).sum::<usize>() >= MIN_WORDS
            {
                skip = k;
                break;
            }
        }
        if skip > 0 {
            keep[i + skip..i + 2 * skip].iter_mut().for_each(|k| *k = false);
            i += 2 * skip;
        } else {
            i += 1;
        }
    }
    retain_flagged(blocks, keep);
}

/// A shop's currency switcher printed as text: the same price in three or
/// more currencies, one short line each ("GBP: £110.82", "AUD 232.60", "USD
/// $149.64"). A listing's prices repeat one currency ("$49.99 USD",
/// "$34.99 USD") and stay: the golds keep a listing's prices.
fn drop_currency_switchers(blocks: &mut Vec<Block>) {
    const MIN_RUN: usize = 3;
    let mut keep = vec![true; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        let mut codes: Vec<&str> = Vec::new();
        let mut j = i;
        while let Some(c) = blocks.get(j).and_then(|b| currency_code(&b.text)) {
            codes.push(c);
            j += 1;
        }
        codes.sort_unstable();
        codes.dedup();
        if codes.len() >= MIN_RUN {
            keep[i..j].iter_mut().for_each(|k| *k = false);
        }
        i = j.max(i + 1);
    }
    retain_flagged(blocks, keep);
}

/// The currency code of a short line with a figure ("GBP: £110.82").
fn currency_code(t: &str) -> Option<&str> {
    if t.split_whitespace().nth(4).is_some() || !t.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let codes = currency_codes();
    t.split(|c: char| !c.is_ascii_alphabetic()).find(|w| w.len() == 3 && codes.contains(w))
}

/// ISO 4217 codes of the currencies shops most often offer (`data/currencies.tsv`), read on first use.
fn currency_codes() -> &'static rustc_hash::FxHashSet<&'static str> {
    static CODES: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    CODES.get_or_init(|| crate::pipeline::text::lexicon::data_lines(include_str!("../data/currencies.tsv")).collect())
}

/// Keeps the blocks whose flag is set: `keep` holds one flag per block, in
/// order (computed first, since the flags borrow the blocks' text).
fn retain_flagged(blocks: &mut Vec<Block>, keep: Vec<bool>) {
    let mut keep = keep.into_iter();
    blocks.retain(|_| keep.next().unwrap_or(true));
}

/// WordPress page builders whose plugin is gone leave their shortcodes in
/// the page as text (`[vc_row full_width="yes"]…[/vc_row]`): markup, not
/// words. Blocks left empty go.
fn strip_shortcodes(blocks: &mut Vec<Block>) {
    for b in blocks.iter_mut() {
        if let std::borrow::Cow::Owned(text) = without_shortcodes(&b.text) {
            b.text = normalize_text(&text);
        }
    }
    blocks.retain(|b| !b.text.is_empty());
}

/// `text` without shortcode tags: `[/name]`, `[name_with_separator]`, or
/// `[name key=value …]`. Bracketed words (`[sic]`, `[citation needed]`,
/// `[1]`) are not shortcodes.
fn without_shortcodes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('[') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut changed = false;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match shortcode_len(after) {
            Some(len) => {
                out.push(' ');
                rest = &after[len..];
                changed = true;
            }
            None => {
                out.push('[');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Length in bytes of the shortcode tag `s` starts with (`s` starts with `[`).
fn shortcode_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    if !bytes.get(i).is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    while bytes.get(i).is_some_and(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-') {
        i += 1;
    }
    let name = &s[name_start..i];
    let end = i + s[i..].find(']')?;
    let attrs = &s[i..end];
    let shortcode = if attrs.is_empty() {
        closing || name.contains(['_', '-'])
    } else {
        !closing && attrs.starts_with(char::is_whitespace) && attrs.contains('=') && !attrs.contains('[')
    };
    shortcode.then_some(end + 1)
}

/// Non-article pages: only furniture lines go; link lists are content there.
fn furniture_free(scored: Vec<ScoredBlock>) -> Vec<Block> {
    scored.into_iter().filter(|b| !b.is_furniture()).map(|b| b.block).collect()
}

/// The blocks worth keeping: link lists and furniture lines dropped. A
/// linked heading with prose right under it is a listicle's or a roundup's
/// entry title (the link goes to the thing reviewed), not a link list; one
/// short line may sit between them (a photo credit, a price, a rating).
fn content_blocks(scored: Vec<ScoredBlock>) -> Vec<Block> {
    let words_at_least = |b: &ScoredBlock, n: usize| super::has_words(&b.block.text, n);
    let prose_at = |j: usize| {
        scored.get(j).is_some_and(|b| {
            b.block.kind == BlockKind::Paragraph && !b.is_boilerplate() && words_at_least(b, ENTRY_PROSE_WORDS)
        })
    };
    let short_line_at = |j: usize| {
        scored.get(j).is_some_and(|b| {
            b.block.kind != BlockKind::Heading && !b.is_boilerplate() && !words_at_least(b, ENTRY_PROSE_WORDS)
        })
    };
    let heads_prose = |i: usize| {
        scored[i].block.kind == BlockKind::Heading && (prose_at(i + 1) || (short_line_at(i + 1) && prose_at(i + 2)))
    };
    let keep: Vec<bool> = (0..scored.len())
        .map(|i| !scored[i].is_furniture() && (!scored[i].is_boilerplate() || heads_prose(i)))
        .collect();
    scored.into_iter().zip(keep).filter(|(_, k)| *k).map(|(b, _)| b.block).collect()
}

/// Judges the element count and nesting depth the pre-parse scan found, so a
/// hostile page costs one linear scan, not a parse.
fn check_complexity(scan: &rawtext::Prescan, limits: &CleanLimits) -> Result<(), CleanError> {
    let (elements, max_depth) = (scan.elements, scan.max_depth);
    if limits.max_html_elements > 0 && elements > limits.max_html_elements {
        return Err(CleanError::TooComplex(format!("{elements} elements, limit {}", limits.max_html_elements)));
    }
    if limits.max_html_depth > 0 && max_depth > limits.max_html_depth {
        return Err(CleanError::TooComplex(format!("nesting depth {max_depth}, limit {}", limits.max_html_depth)));
    }
    Ok(())
}

/// Walks the content tree in document order, cutting text at block elements.
#[cfg(test)]
fn walk_blocks(root: &NodeRef) -> Vec<Block> {
    density::walk_scored(root, Prune::Nothing).into_iter().map(|b| b.block).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every block's text, in order: what a test of the cleaned page reads.
    fn block_texts(html: &str, url: &str) -> Vec<String> {
        extract(html, url, &CleanLimits::default()).unwrap().blocks.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn walk_types_blocks_and_keeps_document_order() {
        let doc = Document::from(
            "<div><h2>Section</h2><p>First <b>bold</b> para.</p><figure><img><figcaption>A caption</figcaption></figure>\
             <blockquote><p>Quoted words.</p></blockquote><ul><li>one item</li></ul>tail text</div>",
        );
        let got: Vec<(BlockKind, String)> = walk_blocks(&doc.root()).into_iter().map(|b| (b.kind, b.text)).collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading, "Section".into()),
                (BlockKind::Paragraph, "First bold para.".into()),
                (BlockKind::Caption, "A caption".into()),
                (BlockKind::Quote, "Quoted words.".into()),
                (BlockKind::ListItem, "one item".into()),
                (BlockKind::Paragraph, "tail text".into()),
            ]
        );
    }

    #[test]
    fn a_long_paragraph_printed_twice_keeps_its_first_copy_and_short_lines_all_copies() {
        let long =
            "A paragraph long enough to be a rendering copy when it shows up twice on one page, word after word.";
        let mut blocks = vec![
            Block::new(BlockKind::Paragraph, long),
            Block::new(BlockKind::Paragraph, "$65"),
            Block::new(BlockKind::Paragraph, "Another paragraph."),
            Block::new(BlockKind::Paragraph, long),
            Block::new(BlockKind::Paragraph, "$65"),
        ];
        drop_second_copies(&mut blocks);
        strip_shortcodes(&mut blocks);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec![long, "$65", "Another paragraph.", "$65"]);
    }

    #[test]
    fn a_copied_stretch_of_prose_goes_with_its_paragraphs_and_a_templates_labels_stay() {
        let para = |n: usize| {
            format!("Paragraph {n} holds a sentence long enough to count as prose, twenty words or more, when it is printed twice.")
        };
        let texts = |lines: &[String]| -> Vec<String> {
            let mut blocks: Vec<Block> = lines.iter().map(|t| Block::new(BlockKind::Paragraph, t.as_str())).collect();
            drop_second_copies(&mut blocks);
            blocks.into_iter().map(|b| b.text).collect()
        };
        // A section printed again for another screen size: its headings and short lines go too.
        let section: Vec<String> =
            vec!["Costs".into(), para(1), "Labour: high".into(), para(2), "Materials: low".into(), para(3)];
        let page: Vec<String> =
            section.iter().chain(["Shared line".to_string()].iter()).chain(section.iter()).cloned().collect();
        let mut want = section.clone();
        want.push("Shared line".into());
        assert_eq!(texts(&page), want);
        // Items of one template sharing a long line keep their labels.
        let item = |name: &str| {
            vec![name.to_string(), "Watch live".to_string(), para(9), "View".to_string(), "Support".to_string()]
        };
        let page: Vec<String> = [item("North"), item("South")].concat();
        let got = texts(&page);
        assert_eq!(got.iter().filter(|t| *t == "Watch live").count(), 2);
        assert_eq!(got.iter().filter(|t| **t == para(9)).count(), 1);
    }

    #[test]
    fn a_currency_switcher_goes_and_a_listings_prices_stay() {
        let texts = |lines: &[&str]| -> Vec<String> {
            let mut blocks: Vec<Block> = lines.iter().map(|t| Block::new(BlockKind::Paragraph, *t)).collect();
            drop_currency_switchers(&mut blocks);
            blocks.into_iter().map(|b| b.text).collect()
        };
        let switcher = ["€132.34", "GBP: $110.82", "AUD: $232.60", "USD: $149.64", "CHF 121,90", "Cute strappy dress"];
        assert_eq!(texts(&switcher), vec!["€132.34", "Cute strappy dress"]);
        // A listing's prices in one currency, and a price table in two, stay.
        let listing = ["Wool socks", "$49.99 USD", "$34.99 USD", "$39.99 USD", "Prix : 39,90 EUR"];
        assert_eq!(texts(&listing), listing.to_vec());
        let two = ["Starter: USD 9", "Starter: EUR 8", "Pro: USD 19", "Pro: EUR 17"];
        assert_eq!(texts(&two), two.to_vec());
        // Prose naming currencies is no switcher.
        let prose = ["The euro (EUR), the pound (GBP) and the dollar (USD) all fell 2% on Monday."];
        assert_eq!(texts(&prose), prose.to_vec());
    }

    #[test]
    fn a_run_of_blocks_printed_twice_in_a_row_keeps_its_first_copy() {
        let run = ["SOFT WOOL", "Superfine fibers feel luxurious.", "ODOR MINIMIZING", "Wool locks away moisture."];
        let mut blocks: Vec<Block> = ["Intro line."]
            .iter()
            .chain(run.iter())
            .chain(run.iter())
            .chain(["$35.00", "$35.00", "< Button count= { count } onClick= { handleClick } />"].iter())
            .chain(["< Button count= { count } onClick= { handleClick } />", "Outro."].iter())
            .map(|t| Block::new(BlockKind::Paragraph, *t))
            .collect();
        drop_repeated_runs(&mut blocks);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        let mut want = vec!["Intro line."];
        want.extend(run);
        want.extend(["$35.00", "$35.00"]);
        want.extend(["< Button count= { count } onClick= { handleClick } />"; 2]);
        want.push("Outro.");
        assert_eq!(texts, want);
    }

    #[test]
    fn shortcodes_are_markup_and_bracketed_words_are_text() {
        let mut blocks = vec![
            Block::new(
                BlockKind::Paragraph,
                "[vc_row type=\u{201d}full\u{201d} columns=\"2\"][vc_column_text]You can sew.[/vc_column_text]",
            ),
            Block::new(BlockKind::Paragraph, "[mc4wp_form id=\"1178\"]"),
            Block::new(BlockKind::Paragraph, "He said it [sic] twice [citation needed] in 2019 [1]."),
            Block::new(BlockKind::Paragraph, "Arrays look like [a, b] and a[i] = 3."),
        ];
        strip_shortcodes(&mut blocks);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "You can sew.",
                "He said it [sic] twice [citation needed] in 2019 [1].",
                "Arrays look like [a, b] and a[i] = 3."
            ]
        );
    }

    #[test]
    fn a_box_titled_as_other_reading_is_not_the_article_and_a_box_titled_otherwise_is() {
        let story = "Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida. Gostar é sentir \
                     com a alma, mas expressar os sentimentos depende das ideias de cada um.";
        let more = "Cada um é o único responsável pelas suas próprias necessidades, e só quem se ama pode \
                    encontrar na vida um amor de verdade, sem cobrar dos outros o que não se dá.";
        let others = [
            "A vida requer da gente otimismo e coragem para esperar o melhor e fazer o melhor acontecer, porque \
             o pessimismo só faz engessar os nossos passos e apagar a vontade de seguir em frente.",
            "O que une uma família é o amor, o carinho, o querer bem. Família unida é força, é certeza de apoio, \
             compreensão e mãos estendidas nas horas difíceis e também nas horas de alegria.",
            "Força para vencer e fé para acreditar. Acreditar que tudo é possível, que todo obstáculo pode ser \
             vencido e que a vitória chega para quem não desiste no meio do caminho e segue.",
        ];
        // Readability keeps the box beside the story (its full excerpts score
        // higher), or the box sits at the end of the story's own element.
        let beside = |title: &str| {
            let items: String = others
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    format!("<article class='post'><a href='/p/{i}'>Mensagem {i}</a><p>{t} {t}</p></article>")
                })
                .collect();
            format!(
                "<div id='primary'><article class='post entry'><h1>Só quem se ama</h1><p>{story}</p></article>\
                 <article class='post box'><h3 class='relatedpoststitle'>{title}</h3>{items}</article></div>"
            )
        };
        let inside = |title: &str| {
            let items: String = others
                .iter()
                .enumerate()
                .map(|(i, t)| format!("<a href='/p/{i}'>Mensagem {i}</a><p>{t}</p>"))
                .collect();
            format!(
                "<div class='entry'><h1>Só quem se ama</h1><p>{story}</p><p>{more}</p><p>{story}</p>\
                 <div class='more'><h4>{title}</h4>{items}</div></div>"
            )
        };
        let texts = |body: String| -> String {
            let html = format!(
                "<html><head><title>Só quem se ama</title><meta property='og:type' content='article'></head>\
                 <body>{body}<div id='sidebar'><a href='/'>Início</a></div></body></html>"
            );
            extract(&html, "https://frases.example/quem-se-ama", &CleanLimits::default())
                .unwrap()
                .blocks
                .into_iter()
                .take_while(|b| b.kind != BlockKind::RelatedBreak)
                .map(|b| b.text)
                .collect::<Vec<_>>()
                .join("\n")
        };
        let pages: [&dyn Fn(&str) -> String; 2] = [&beside, &inside];
        for page in pages {
            for title in ["Você pode gostar...", "You May Also Enjoy"] {
                let got = texts(page(title));
                assert!(got.contains("Viver uma verdadeira") && !got.contains("A vida requer"), "{title}: {got}");
            }
            let got = texts(page("Nossas fontes"));
            assert!(got.contains("Viver uma verdadeira") && got.contains("A vida requer"), "{got}");
        }
    }

    #[test]
    fn a_short_intro_on_an_article_takes_the_list_under_it_and_a_news_brief_does_not() {
        let page = |intro: &str, items: usize| {
            let cards: String = (0..items)
                .map(|i| {
                    format!(
                        "<li class='card'><a href='/r/{i}'><span class='title'>Tomato sauce number {i}</span></a>\
                         <span class='meta'>Ready in {i} hours</span></li>"
                    )
                })
                .collect();
            format!(
                "<html><head><meta property='og:type' content='article'></head><body><main><article>\
                 <h1>Tomato sauce recipes</h1><p>{intro}</p></article><ul class='list'>{cards}</ul></main></body></html>"
            )
        };
        let texts = |html: String| -> Vec<String> {
            // The article's blocks: teasers come after a break.
            extract(&html, "https://food.example/tomato-sauces", &CleanLimits::default())
                .unwrap()
                .blocks
                .into_iter()
                .take_while(|b| b.kind != BlockKind::RelatedBreak)
                .map(|b| b.text)
                .collect()
        };
        let intro = "Our collection of tomato sauce recipes has something for every dish, whether you want pasta, \
                     pizza, or a slow braise, and all of them are below.";
        let got = texts(page(intro, 12));
        assert!(got.iter().any(|t| t.contains("Tomato sauce number 11")), "{got:?}");
        // A brief with a list about twice its size under it (related headlines) keeps its own text only.
        let got = texts(page(&intro.repeat(2), 16));
        assert!(got.iter().any(|t| t.contains("Our collection")), "{got:?}");
        assert!(!got.iter().any(|t| t.contains("Tomato sauce number 15")), "{got:?}");
    }

    #[test]
    fn a_form_to_fill_in_is_chrome_inside_the_choice_and_a_form_of_choices_is_not() {
        let para =
            "Our tutors meet each family, review the school record and plan the years ahead, subject by subject.";
        let page = format!(
            "<html><body><div class='entry'><h1>College admission packages</h1><p>{para}</p><p>{para}</p>\
             <form action='/register'><label>Student name (first and last)</label><input type='text' name='n'>\
             <label>Parent email address for the invoice</label><input type='email' name='e'>\
             <label><input type='checkbox' name='t'> I accept the terms of service</label></form>\
             <form action='/cart'><p>Choose the package size</p><label><input type='radio' name='s'> Two hours a week</label>\
             <label><input type='radio' name='s'> Four hours a week</label><input type='number' name='q'></form>\
             <p>{para}</p></div></body></html>"
        );
        let text: Vec<String> = block_texts(&page, "https://tutors.example/packages");
        let has = |s: &str| text.iter().any(|b| b.contains(s));
        assert!(!has("Parent email address") && !has("terms of service"), "{text:?}");
        assert!(has("Four hours a week") && has(para), "{text:?}");
    }

    #[test]
    fn a_threads_first_post_above_the_replies_container_is_read_and_a_promo_bar_is_not() {
        let answers: String = (0..6)
            .map(|i| {
                format!(
                    "<div class='answer'><div class='prose'><p>Answer {i}: restart the service after you change the \
                     setting, then check the log for errors, since the old value stays cached until the next \
                     start of the whole machine.</p><p>It worked for me on two servers, one of them quite old, \
                     and it still works after the last update of the system.</p></div>\
                     <div class='user'><a href='/u/{i}'>user{i}</a></div></div>"
                )
            })
            .collect();
        let page = |above: &str| {
            format!(
                "<html><body><div class='main'><div class='question'><div class='prose'>{above}</div></div>\
                 <div class='answers'>{answers}</div></div></body></html>"
            )
        };
        // The replies' container holds the page's prose: it is the content root.
        let above = |html: String| -> String {
            let doc = Document::from(html.as_str());
            let index = DomIndex::read(&doc.root());
            let root = density::content_root(&index, CONTENT_ROOT_SHARE);
            assert_eq!(root.node.attr("class").as_deref(), Some("answers"));
            post_above(&index, root.entry, furniture_free).into_iter().map(|b| b.text).collect::<Vec<_>>().join("\n")
        };
        let question = "<p>My server keeps the old setting after I change it in the file, even after I log out and \
                        in again. What am I missing, and is there a way to make it take the new value at once?</p>";
        assert!(above(page(question)).contains("keeps the old setting"));
        let promo = "<p>Spring sale: 30% off</p><p>Free shipping over $50</p><p>Shop now</p>";
        assert_eq!(above(page(promo)), "");
    }

    #[test]
    fn a_product_pages_link_lists_are_navigation_and_a_listings_are_content() {
        let page = |og_type: &str| {
            let links: String =
                (0..4).map(|i| format!("<a href='/c/{i}'>Category number {i}</a> ")).collect::<String>();
            format!(
                "<html><head><meta property='og:type' content='{og_type}'></head><body><div class='product'>\
                 <h1>A sturdy steel water bottle</h1><div>{links}</div>\
                 <p>Keeps drinks cold for a day and hot for twelve hours, with a lid that does not leak.</p>\
                 <p>Made of steel that survives drops, dishwashers and years of daily use outdoors.</p></div></body></html>"
            )
        };
        let texts = |html: String| -> Vec<String> { block_texts(&html, "https://shop.example/bottle") };
        let has_links = |t: &[String]| t.iter().any(|b| b.contains("Category number 3"));
        assert!(!has_links(&texts(page("product"))), "{:?}", texts(page("product")));
        assert!(has_links(&texts(page("website"))), "{:?}", texts(page("website")));
    }

    #[test]
    fn a_product_pages_customer_reviews_leave_its_body() {
        let review = |who: &str, date: &str, words: &str| {
            format!(
                "<div class='review'><b>{who}</b> <i class='rating' aria-label='5/5'></i> <span>{date}</span>\
                 <p>{words}</p></div>"
            )
        };
        let pages = [
            ("Great kettle, boils water quickly and the handle stays cool.", "May 2, 2024"),
            ("Super bouilloire, elle chauffe vite et la poignée reste froide.", "2 mai 2024"),
            ("Toller Wasserkocher, kocht schnell und der Griff bleibt kühl.", "02.05.2024"),
            ("Gran hervidor, calienta rápido y el asa se mantiene fría.", "2/5/2024"),
        ];
        for (words, date) in pages {
            let reviews: String = ["Ann", "Bo", "Cy"].iter().map(|w| review(w, date, words)).collect();
            let html = format!(
                "<html><head><meta property='og:type' content='product'></head><body><div class='main'>\
                 <h1>A steel kettle</h1><p>Boils a litre in three minutes, switches itself off and keeps the \
                 kitchen quiet while it works, with a filter that stops scale from reaching the cup.</p>\
                 <p>The base turns all the way round, the cord tucks underneath and the lid opens wide.</p>\
                 <div class='reviews'>{reviews}</div></div></body></html>"
            );
            let text: Vec<String> = block_texts(&html, "https://shop.example/kettle");
            assert!(text.iter().any(|t| t.contains("Boils a litre")), "{text:?}");
            assert!(!text.iter().any(|t| t.contains(words)), "{text:?}");
        }
    }

    #[test]
    fn other_products_cards_leave_a_product_pages_body() {
        let pages = [
            (
                "Boils a litre in three minutes, switches itself off and keeps the kitchen quiet.",
                "Teapot",
                "$19.99",
                "Free delivery on Friday",
            ),
            (
                "Chauffe un litre en trois minutes, s'éteint seule et garde la cuisine silencieuse.",
                "Théière",
                "19,99 €",
                "Livraison gratuite vendredi",
            ),
            (
                "Kocht einen Liter in drei Minuten, schaltet sich ab und bleibt dabei ganz leise.",
                "Teekanne",
                "EUR 19,99",
                "Lieferung am Freitag",
            ),
        ];
        for (words, name, price, delivery) in pages {
            let cards: String = (1..=4)
                .map(|n| {
                    format!(
                        "<li class='card'><a href='/p/{n}'>{name} {n} in steel</a> <span class='count'>(1,20{n})</span> \
                         <span class='price'>{price}</span> <span>{delivery}</span></li>"
                    )
                })
                .collect();
            let html = format!(
                "<html><head><meta property='og:type' content='product'></head><body><div class='main'>\
                 <h1>A steel kettle</h1><p>{words}</p><p>{words}</p><p>{words}</p>\
                 <div class='more'><h2>More</h2><ul>{cards}</ul></div></div></body></html>"
            );
            let text: Vec<String> = block_texts(&html, "https://shop.example/kettle");
            assert!(text.iter().any(|t| t.contains(words)), "{text:?}");
            assert!(!text.iter().any(|t| t.contains(price)), "{text:?}");
        }
    }

    #[test]
    fn a_streamed_boundarys_hidden_content_replaces_its_loader_on_an_article() {
        let para = |topic: &str| {
            format!(
                "<p>Index funds follow a market index such as the {topic}, so the fund holds what the index \
                 holds, charges low fees, and needs no manager picking stocks for the people who invest.</p>"
            )
        };
        let (first, second, third) = (para("S&amp;P 500"), para("Nasdaq 100"), para("Russell 2000"));
        let html = format!(
            "<html><head><meta property='og:type' content='article'><title>How index funds work</title></head>\
             <body><nav><a href='/'>Home</a> <a href='/invest'>Invest</a></nav><article><h1>How index funds work</h1>\
             {first}<!--$?--><template id=\"B:0\"></template><div>Loading paragraph...</div><!--/$-->\
             <!--$?--><template id=\"B:1\"></template><!--/$--></article>\
             <div hidden id=\"S:0\">{second}</div><script>$RC(\"B:0\",\"S:0\")</script>\
             <div hidden id=\"S:1\">{third}</div><script>$RC(\"B:1\",\"S:1\")</script></body></html>"
        );
        let text: Vec<String> = block_texts(&html, "https://money.example/index-funds");
        let has = |needle: &str| text.iter().any(|b| b.contains(needle));
        assert!(has("Nasdaq 100") && !has("Loading paragraph"), "{text:?}");
        // A boundary without a fallback is an extra shown on demand.
        assert!(!has("Russell 2000"), "{text:?}");
    }

    #[test]
    fn an_app_shells_noscript_content_is_read_and_a_pages_pixel_is_not() {
        let posts: String = [
            "We are on the team plan and since last night the assistant refuses basic grammar checks on documents.",
            "Seit dem Update startet der Server nicht mehr, und im Protokoll steht nur eine Warnung zur Schleife.",
            "Depuis la mise à jour, le tableau de bord reste bloqué au démarrage et plusieurs appareils manquent.",
        ]
        .iter()
        .map(|t| format!("<div class='post'><span class='author'>someone</span><p>{t} {t}</p></div>"))
        .collect();
        let texts = |html: &str| -> String {
            extract(html, "https://forum.example/t/1", &CleanLimits::default())
                .map(|o| o.blocks.into_iter().map(|b| b.text).collect::<Vec<_>>().join("\n"))
                .unwrap_or_default()
        };
        let shell = format!(
            "<html><body><div id='app'>Loading…</div><noscript><div id='main'><h1>Broken after the update</h1>\
             {posts}</div></noscript></body></html>"
        );
        let got = texts(&shell);
        assert!(got.contains("refuses basic grammar") && got.contains("Depuis la mise à jour"), "{got}");
        // The article is in the body: a noscript fallback of it is not read twice.
        let article = format!(
            "<html><body><article>{posts}{posts}</article><noscript><div>{posts}</div></noscript></body></html>"
        );
        let got = texts(&article);
        assert_eq!(got.matches("Seit dem Update").count(), 2, "{got}");
    }

    #[test]
    fn a_linked_heading_over_prose_is_an_entry_and_a_bare_link_list_is_not() {
        let entries = [
            (
                "Budget pick: the Trailrunner 2",
                "A light shoe with a firm heel that kept its grip on wet rock over three months of testing.",
            ),
            (
                "Notre choix : la Randonneuse",
                "Une chaussure solide, confortable dès la première sortie, qui sèche vite après la pluie.",
            ),
            (
                "Testsieger: der Bergläufer",
                "Ein leichter Schuh mit fester Ferse, der auch nach drei Monaten noch gut auf nassem Fels hält.",
            ),
        ];
        // One short line between the heading and its prose: a photo credit, a price.
        let between = ["", "<p>Photo Credit: trail.example.com</p>", "<div>Preis: 129 €</div>"];
        let body: String = entries
            .iter()
            .zip(between)
            .map(|((h, p), b)| format!("<h2><a href='https://shop.example/{h}'>{h}</a></h2>{b}<p>{p}</p>"))
            .collect();
        let html = format!(
            "<div>{body}<h3><a href='/more'>More reviews from us</a></h3><p><a href='/a'>Home</a> <a href='/b'>Shoes</a></p>\
             <h3><a href='/x'>Our newsletter</a></h3><p>Short line.</p>\
             <h3><a href='/y'>Popular tags</a></h3><p>Two words</p><h3><a href='/z'>Recent posts</a></h3>\
             <p>Subscribe</p></div>"
        );
        let doc = Document::from(html.as_str());
        let kept: Vec<String> =
            content_blocks(density::walk_scored(&doc.root(), Prune::Nothing)).into_iter().map(|b| b.text).collect();
        for (h, p) in entries {
            assert!(kept.iter().any(|t| t == h) && kept.iter().any(|t| t == p), "{h}: {kept:?}");
        }
        assert!(!kept.iter().any(|t| t.contains("More reviews") || t.contains("Our newsletter")), "{kept:?}");
        assert!(!kept.iter().any(|t| t.contains("Popular tags")), "{kept:?}");
    }

    #[test]
    fn a_consent_dialogs_legal_text_is_never_the_article() {
        // A short forum thread under a consent manager's preference panel:
        // the posts are named comments, the panel's category texts are long
        // paragraphs with commas, so Readability's scoring picks the panel.
        let legal = [
            "A site you open can keep small files on your device, and read them again later, so that it \
             remembers your language, your basket and whether you are signed in.",
            "Some of these files are needed for the site to run at all, such as the ones that keep you signed \
             in, hold your basket or remember the choices you make on this very panel.",
            "Others count visits and traffic sources, so that we can measure and improve how the site \
             performs, which pages are read most and how visitors move around it.",
            "Others let the site offer richer features, such as videos, maps and chat, and they may be set by \
             us or by the providers whose services we add to our pages.",
            "Others are set by advertising partners, who may use them to build a profile of your interests \
             and show you relevant adverts on other sites you visit later.",
        ];
        let posts = [
            "Does anyone know what the two round holes under the power supply are for? The manual says \
             nothing about them, yet they look deliberate, one outside and one on the floor panel.",
            "Ce sont des passages de câbles, on les voit aussi sur le modèle précédent.",
            "Das sind Kabeldurchführungen, die gab es schon beim Vorgänger.",
        ];
        let thread: String = posts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                format!(
                    "<article id='elComment_{i}' class='cPost ipsComment ipsColumns'>\
                     <aside class='cAuthorPane'><h3><a href='/u/{i}'>user{i}</a></h3></aside>\
                     <div class='ipsColumn'><div id='comment-{i}_wrap' class='ipsComment_content'>\
                     <div class='ipsType_richText'><p>{p}</p></div></div></div></article>"
                )
            })
            .collect();
        let groups: String = legal
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!(
                    "<div class='ot-accordion-layout'><h4>Group {i}</h4>\
                     <div class='ot-acc-grpcntr'><p class='ot-category-desc'>{t}</p></div></div>"
                )
            })
            .collect();
        let texts = |dialog_id: &str| -> String {
            let html = format!(
                "<html><head><title>Two holes under the power supply: what are they for?</title>\
                 <meta property='og:type' content='website'></head><body>\
                 <div id='header'><header><nav><a href='/'>Home</a> <a href='/forums'>Forums</a></nav></header></div>\
                 <main><div><div><h1>Two holes under the power supply</h1>\
                 <div id='comments' class='cTopic'><div id='postFeed'><form>{thread}</form></div></div></div></div></main>\
                 <footer><a href='/privacy'>Privacy</a></footer>\
                 <div id='{dialog_id}'><div id='pc-sdk'><div><div id='pc-content'><div id='pc-desc'>{}</div>\
                 <section class='cat-grp'>{groups}</section></div></div></div></div></body></html>",
                legal[0]
            );
            extract(&html, "https://forum.example/t/1", &CleanLimits::default())
                .map(|o| o.blocks.into_iter().map(|b| b.text).collect::<Vec<_>>().join("\n"))
                .unwrap_or_default()
        };
        for dialog_id in ["onetrust-consent-sdk", "cookie-preferences", "cmp-consent-box"] {
            let got = texts(dialog_id);
            assert!(got.contains("Kabeldurchführungen") && got.contains("passages de câbles"), "{dialog_id}: {got}");
            assert!(!got.contains("advertising partners"), "{dialog_id}: {got}");
        }
        // Ad and modal words also name page wrappers: only consent words mark the dialog.
        assert!(!super::super::markup::has_consent_word("Page-ad-margins modal-open"));
        assert!(super::super::markup::has_consent_word("ot-sdk-container cookie-settings"));
    }

    #[test]
    fn a_bare_asset_address_is_not_text_and_a_page_address_is() {
        assert!(is_asset_url("https://cdn.example.com/images/5001/THUMB_1.jpg"));
        assert!(is_asset_url("//cdn.example.com/wp-content/uploads/photo-800x600.webp?ver=3"));
        assert!(!is_asset_url("https://wiki.example.org/index.php/MediaWiki:Common.css"));
        assert!(is_asset_url("https://example.com/wp-content/cache/min/js/page-inline_script_2.js?ver=1773518052"));
        assert!(is_asset_url("//cdn.example.com/assets/theme.min.css"));
        assert!(!is_asset_url("https://example.com/blog/why-we-left-node.js-behind"));
        assert!(is_asset_url("https://example.de/bilder/Straße.PNG"));
        assert!(!is_asset_url("https://www.example.com/"));
        assert!(!is_asset_url("https://example.fr/blog/guide-des-prises"));
        assert!(!is_asset_url("See https://example.com/chart.png for the chart."));
        assert!(!is_asset_url("logo.png"));
    }

    #[test]
    fn a_choice_holding_a_sliver_of_the_prose_lost_the_article() {
        assert!(lost_the_article(59, 10_000), "a one-line choice on a long page");
        assert!(!lost_the_article(600, 10_000), "an article with a long comment thread keeps its choice");
        assert!(!lost_the_article(0, 0));
    }

    #[test]
    fn complexity_is_judged_before_parsing() {
        let limits = CleanLimits::default();
        let deep = "<div>".repeat(5_000);
        let check = |html: &str| check_complexity(&rawtext::prescan(html), &limits);
        assert_eq!(check(&deep).unwrap_err().kind(), "too_complex");
        let flat = "<p>para<br>line".repeat(5_000) + &"<div><span>x</span></div>".repeat(1_000);
        assert!(check(&flat).is_ok(), "unclosed <p> and void tags do not nest");
        let many = "<span></span>".repeat(limits.max_html_elements + 1);
        assert!(check(&many).is_err());
    }
}
