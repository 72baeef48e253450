//! Teasers on an HTML page: the cards of other articles the page shows
//! (related, latest, popular, more-stories blocks), appended after the
//! article's blocks behind a `RelatedBreak`.
//!
//! A card is a link to another page of the same site (not this page, not a
//! fragment, not a file, not a tag/section/author/shop page) whose anchor, or
//! the card's heading when the link is an empty overlay, reads as a headline,
//! inside a repeated structure: one of two or more sibling items (list items,
//! `<article>`s, elements sharing a class word) that each hold such a link.
//! Links under navigation, pagination, table-of-contents, comment, share,
//! promo, sign-up, ad and shop markup are never cards; neither are tree
//! lists (a docs sidebar) nor cards showing a price. A card's kicker, byline
//! and date are its fields, never teasers of their own: only the headline
//! link makes one.
//!
//! Class and id words are generic vocabulary, never one site's markup. A
//! teaser must never repeat the article: one whose headline is already in the
//! article's text (a listicle's headings, the title) is dropped.

use rustc_hash::{FxHashMap, FxHashSet};

use super::index::{DomIndex, Entry, Reading, NONE};
use super::markup::{is_teaser_blocking_word, Tag, HINT_TEASER};
use super::vocab::{vocabulary, Category};
use super::{Block, BlockKind};
use crate::pipeline::text::{match_key, normalize_text};

mod links;
use links::{article_link, link_key, site_of};

/// Longer than this, an item is the article itself, not a card.
const CARD_MAX_CHARS: u32 = 1500;
/// Longer than this, a link's text is a whole card or a paragraph.
const ANCHOR_MAX_CHARS: u32 = 300;
/// A headline has at least this many words (fewer: a section or page name),
/// or three when the target's URL spells it.
const MIN_HEADLINE_WORDS: usize = 4;
const MAX_HEADLINE_WORDS: usize = 30;
/// How far up from a link its card may sit.
const MAX_CARD_DEPTH: usize = 8;
const FOOTER_BLOCKS: bool = true;
/// A widget named by its class this short is one whatever the page's size.
const WIDGET_MAX_CHARS: u32 = 2000;
/// How far above a lone card its block's name is looked for.
const RELATED_BLOCK_DEPTH: usize = 3;

pub struct Teaser {
    title: String,
    link: Option<String>,
    summary: Option<String>,
    /// Characters of the card besides its headline.
    rest_chars: usize,
}

/// One card found: its list (the items' parent), its teaser.
struct Card {
    group: u32,
    teaser: Teaser,
}

/// Up to `max` teasers of the page, in document order, one per target.
pub fn collect(index: &DomIndex, url: &str, max: usize) -> Vec<Teaser> {
    let Ok(base) = url::Url::parse(url) else {
        return Vec::new();
    };
    let Some(site) = base.host_str().map(site_of) else {
        return Vec::new();
    };
    let mut reader = Reader { index, own_blocked: FxHashMap::default(), value_words: FxHashMap::default() };
    let mut cards: Vec<Card> = Vec::new();
    let mut seen_items: FxHashSet<u32> = FxHashSet::default();
    // A page links one address many times (a card's image, headline and
    // "read more"; menus at top and bottom): each is resolved once.
    let mut resolved: FxHashMap<String, Option<url::Url>> = FxHashMap::default();
    for (i, e) in index.entries.iter().enumerate() {
        if e.tag != Tag::A || e.in_hidden {
            continue;
        }
        let chars = e.totals(Reading::All).text();
        if chars > ANCHOR_MAX_CHARS {
            continue;
        }
        let Some(href) = e.node.attr("href") else {
            continue;
        };
        // Cheap tests first: resolving the URL costs more than the rest of a card's reading.
        let Some(item) = reader.card_of(i as u32) else {
            continue;
        };
        if seen_items.contains(&item) || reader.blocked(i as u32, item) {
            continue;
        }
        let link = match resolved.get(&*href) {
            Some(link) => link.clone(),
            None => {
                let link = article_link(&href, &base, &site);
                resolved.insert(href.to_string(), link.clone());
                link
            }
        };
        let Some(link) = link else {
            continue;
        };
        let Some(title) = reader.headline(i as u32, item, &link) else {
            continue;
        };
        let card_text = normalize_text(&index.entries[item as usize].node.text());
        if shows_price(&card_text) {
            continue;
        }
        seen_items.insert(item);
        let summary = reader.summary(item, &title);
        let group = index.entries[item as usize].parent;
        let rest_chars = card_text.chars().count().saturating_sub(title.chars().count());
        cards.push(Card { group, teaser: Teaser { title, link: Some(link.to_string()), summary, rest_chars } });
    }
    // A card stands in a repeated structure: two or more of its list's items are cards.
    let mut per_group: FxHashMap<u32, usize> = FxHashMap::default();
    for c in &cards {
        *per_group.entry(c.group).or_default() += 1;
    }
    let mut out: Vec<Teaser> = Vec::new();
    let mut links: FxHashSet<String> = FxHashSet::default();
    for c in cards {
        if out.len() >= max {
            break;
        }
        if per_group[&c.group] < 2 && !reader.in_related_block(c.group) {
            continue;
        }
        let key = c.teaser.link.as_deref().map(link_key).unwrap_or_default();
        if !links.insert(key) || out.iter().any(|t| t.title == c.teaser.title) {
            continue;
        }
        out.push(c.teaser);
    }
    out
}

struct Reader<'i, 'a> {
    index: &'i DomIndex<'a>,
    /// Whether an entry's own name, class, id or role blocks cards, judged once.
    own_blocked: FxHashMap<u32, bool>,
    /// `blocking_word` of each distinct class, id or role value, keyed by
    /// the value itself: cards of a listing repeat one long class string each.
    value_words: FxHashMap<Box<str>, Option<bool>>,
}

/// Whether a class, id or role value holds a word that blocks cards, and
/// then whether the first such word names comments.
fn blocking_word(value: &str) -> Option<bool> {
    // Split by bytes (a non-ASCII character's bytes split as it does).
    value
        .as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .find(|w| is_teaser_blocking_word(w))
        .map(|w| w.get(..7).is_some_and(|p| p.eq_ignore_ascii_case(b"comment")))
}

/// Whether a class word (3 to 8 bytes) names a tab, and whether it marks
/// the shown one: lower-cased once into a buffer and matched at once.
fn tab_word(w: &[u8]) -> (bool, bool) {
    let mut buf = [0u8; 8];
    let Some(lower) = buf.get_mut(..w.len()) else { return (false, false) };
    for (l, &b) in lower.iter_mut().zip(w) {
        *l = b.to_ascii_lowercase();
    }
    match &*lower {
        b"tab" | b"tabs" | b"tabpanel" | b"pane" => (true, false),
        b"active" | b"show" | b"current" | b"selected" | b"open" => (false, true),
        _ => (false, false),
    }
}

impl<'a> Reader<'_, 'a> {
    fn entry(&self, i: u32) -> &Entry<'a> {
        &self.index.entries[i as usize]
    }

    /// The card a link belongs to: the nearest item of a repeated structure
    /// above it (a list item, an `<article>`, an element with a sibling of
    /// its tag and class word), widened over single-child wrappers so cards
    /// in grid cells share one list.
    fn card_of(&self, anchor: u32) -> Option<u32> {
        let mut x = anchor;
        for _ in 0..MAX_CARD_DEPTH {
            let e = self.entry(x);
            if e.totals(Reading::All).text() > CARD_MAX_CHARS || matches!(e.tag, Tag::Body | Tag::Html) {
                return None;
            }
            if self.is_item(x) {
                return Some(self.widened(x));
            }
            x = e.parent;
            if x == NONE {
                return None;
            }
        }
        None
    }

    fn is_item(&self, x: u32) -> bool {
        let e = self.entry(x);
        if e.is_li || e.tag == Tag::Article {
            return true;
        }
        if e.tag == Tag::Text || e.parent == NONE {
            return false;
        }
        // Classless siblings are any markup's; bare links count only in a block
        // of links (a row of card links), never in a paragraph citing pages.
        if e.class_bits == 0 && !e.node.has_attr("class") {
            let parent = self.entry(e.parent);
            if e.tag != Tag::A || parent.tag == Tag::P || parent.totals(Reading::All).link_density() < 0.8 {
                return false;
            }
        }
        self.index.children(e.parent).any(|c| c != x && self.entry(c).signature == e.signature)
    }

    fn widened(&self, mut x: u32) -> u32 {
        loop {
            let p = self.entry(x).parent;
            if p == NONE {
                return x;
            }
            let parent = self.entry(p);
            if parent.element_children != 1
                || matches!(parent.tag, Tag::Body | Tag::Html)
                || parent.totals(Reading::All).text() > CARD_MAX_CHARS
            {
                return x;
            }
            x = p;
        }
    }

    /// The link sits in markup that holds no cards, or in a tree list (a
    /// docs sidebar: list items holding lists); a page `<header>` above the
    /// card too (a card's own `<header>` holds its headline).
    fn blocked(&mut self, anchor: u32, item: u32) -> bool {
        let item_entry = self.entry(item);
        if item_entry.is_li {
            // A list item holding a list of links, or one of a list under a
            // linked item: a tree of pages. A tab's list under a plain label is not.
            let end = item_entry.end as usize;
            let items = &self.index.entries[item as usize + 1..end];
            if let Some(nested) = items.iter().position(|e| e.is_list) {
                if items[nested..].iter().filter(|e| e.tag == Tag::A).count() >= 2 {
                    return true;
                }
            }
            let list = item_entry.parent;
            let outer = if list == NONE { NONE } else { self.entry(list).parent };
            if outer != NONE
                && self.entry(outer).is_li
                && self.index.entries[outer as usize + 1..list as usize].iter().any(|e| e.tag == Tag::A)
            {
                return true;
            }
        }
        let mut x = anchor;
        let mut above_item = false;
        while x != NONE {
            if x == item {
                above_item = true;
            }
            // A link's own class is styling and click tracking (`promo-click`), not a widget.
            if x != anchor && self.is_blocking(x) {
                return true;
            }
            if above_item && x != item && matches!(self.entry(x).tag, Tag::Other | Tag::Footer) && self.page_chrome(x) {
                return true;
            }
            x = self.entry(x).parent;
        }
        false
    }

    /// A page `<header>` or `<footer>` (a card's own hold its headline and byline).
    fn page_chrome(&self, x: u32) -> bool {
        let e = self.entry(x);
        e.node.has_name("header") || (FOOTER_BLOCKS && e.tag == Tag::Footer)
    }

    fn is_blocking(&mut self, x: u32) -> bool {
        if let Some(&b) = self.own_blocked.get(&x) {
            return b;
        }
        let index = self.index;
        let e = &index.entries[x as usize];
        let b = match e.tag {
            // Page wrappers carry site-wide words (`consent-enabled`, `has-ads`).
            Tag::Html | Tag::Body | Tag::Text => false,
            _ if self.inactive_tab(x) => true,
            Tag::Other if e.node.has_name("nav") || e.node.has_name("menu") => true,
            Tag::Other if e.node.has_name("main") => false,
            _ => {
                // Read in place, names compared as atoms: every element above
                // every link is asked (`node.attr` copies each value out).
                let cache = &mut self.value_words;
                let words = e
                    .node
                    .query(|t| {
                        let dom_query::NodeData::Element(el) = &t.data else { return None };
                        let value = |name| el.attrs.iter().find(|a| a.name.local == name).map(|a| &*a.value);
                        [dom_query::local_name!("class"), dom_query::local_name!("id"), dom_query::local_name!("role")]
                            .into_iter()
                            .filter_map(value)
                            .find_map(|v| match cache.get(v) {
                                Some(&words) => words,
                                None => {
                                    let words = blocking_word(v);
                                    cache.insert(v.into(), words);
                                    words
                                }
                            })
                    })
                    .flatten();
                // A wrapper of most of the page (an off-canvas "pusher", a layout
                // with ads) is no widget; a long comment thread still is one.
                let text = e.totals(Reading::All).text();
                words.is_some_and(|comment| {
                    comment
                        || text < WIDGET_MAX_CHARS
                        || 2 * text < index.entries[index.body() as usize].totals(Reading::All).text()
                })
            }
        };
        self.own_blocked.insert(x, b);
        b
    }

    /// A lone card counts in a block named for other articles: a related/
    /// teaser/recommended class or id, or a "Read also"/"Related posts" heading.
    fn in_related_block(&self, group: u32) -> bool {
        let mut x = group;
        for _ in 0..RELATED_BLOCK_DEPTH {
            if x == NONE {
                return false;
            }
            let e = self.entry(x);
            if matches!(e.tag, Tag::Body | Tag::Html) {
                return false;
            }
            if (e.class_bits | e.id_bits) & HINT_TEASER != 0 {
                return true;
            }
            let heading = self.first_text_in(x, |e| matches!(e.tag, Tag::H1 | Tag::H2 | Tag::Heading));
            if heading.is_some_and(|h| vocabulary().classify_key(&h, &match_key(&h)) == Some(Category::Related)) {
                return true;
            }
            x = e.parent;
        }
        false
    }

    /// A tab panel beside a sibling panel marked active (`tab-pane active`,
    /// `tabs__content is-active`): shown only after a click.
    fn inactive_tab(&self, x: u32) -> bool {
        let words = |i: u32| -> (bool, bool) {
            // The class read in place (`attr` copies it out), its words
            // compared in place: a lower-cased copy per word was most of the teasers' reading.
            // Split by bytes (a non-ASCII character's bytes split as it does);
            // the words named are 3 to 8 letters long.
            let judge = |class: &str| {
                let (mut tab, mut active) = (false, false);
                for w in class.as_bytes().split(|b| !b.is_ascii_alphanumeric()).filter(|w| (3..=8).contains(&w.len())) {
                    let (t, a) = tab_word(w);
                    tab |= t;
                    active |= a;
                }
                (tab, active)
            };
            self.entry(i)
                .node
                .query(|t| t.as_element().map(|el| judge(el.attr_ref(dom_query::local_name!("class")).unwrap_or(""))))
                .flatten()
                .unwrap_or((false, false))
        };
        let e = self.entry(x);
        if e.parent == NONE || e.class_bits == 0 && !e.node.has_attr("class") {
            return false;
        }
        let (tab, active) = words(x);
        tab && !active
            && self.index.children(e.parent).any(|c| c != x && self.entry(c).signature == e.signature && words(c).1)
    }

    /// The card's headline: the link's text (its heading's, when it wraps
    /// one), or the card's heading when the link is an empty overlay.
    fn headline(&self, anchor: u32, item: u32, link: &url::Url) -> Option<String> {
        let a = self.entry(anchor);
        let title = if a.totals(Reading::All).text() < 3 {
            // An image or overlay link: the card's heading, else its first paragraph.
            let first = |tags: &[Tag]| self.first_text_in(item, |e| tags.contains(&e.tag));
            first(&[Tag::H1, Tag::H2, Tag::Heading]).or_else(|| first(&[Tag::P]))?
        } else {
            // A link wrapping a whole card: its heading, else its first block of text.
            let text = self
                .first_text_in(anchor, |e| matches!(e.tag, Tag::H1 | Tag::H2 | Tag::Heading))
                .or_else(|| {
                    a.block_descendant
                        .then(|| {
                            self.first_text_in(anchor, |e| matches!(e.tag, Tag::Div | Tag::P) && !e.block_descendant)
                        })
                        .flatten()
                })
                .unwrap_or_else(|| normalize_text(&a.node.text()));
            // "Read more about <headline>": the card's heading is the headline.
            match self.first_text_in(item, |e| matches!(e.tag, Tag::H1 | Tag::H2 | Tag::Heading)) {
                Some(h) if text.len() > h.len() && text.contains(h.as_str()) => h,
                _ => text,
            }
        };
        is_headline(&title, link.path()).then_some(title)
    }

    /// The text of the first visible entry under `within` (itself excluded) that `pick` takes.
    fn first_text_in(&self, within: u32, pick: impl Fn(&Entry) -> bool) -> Option<String> {
        let end = self.entry(within).end as usize;
        self.index.entries[within as usize + 1..end]
            .iter()
            .filter(|e| !e.in_hidden && pick(e))
            .map(|e| normalize_text(&e.node.text()))
            .find(|t| !t.is_empty())
    }

    /// The card's first paragraph that is not its headline.
    fn summary(&self, item: u32, title: &str) -> Option<String> {
        let end = self.entry(item).end as usize;
        self.index.entries[item as usize + 1..end]
            .iter()
            .filter(|e| e.tag == Tag::P && !e.in_hidden)
            .map(|e| normalize_text(&e.node.text()))
            .find(|p| !p.is_empty() && p != title && !title.contains(p.as_str()))
    }
}

/// Reads as another piece's title: four or more words (three when the target's
/// URL spells two of them, "Opening Bell 10.29.19"; a run of CJK characters),
/// not page furniture (the boilerplate vocabulary: "Read more", comment
/// counters, dates), not a label ending in a colon.
fn is_headline(title: &str, path: &str) -> bool {
    let words = title.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    if words > MAX_HEADLINE_WORDS || title.chars().count() > 250 || title.ends_with(':') {
        return false;
    }
    let cjk = title.chars().filter(|c| is_cjk(*c)).count();
    let long_enough =
        words >= MIN_HEADLINE_WORDS || cjk >= 8 || (words == 3 && url_spells(title, path) && !is_label_case(title));
    if !long_enough {
        return false;
    }
    let key = match_key(title);
    vocabulary().classify_key(title, &key).is_none()
}

/// Three words each capitalised with no digit or question ("Terms & Conditions",
/// "Vertical Storage Racks"): a page or category name; "Opening Bell 10.29.19",
/// "Who Owns FedEx?" and "Death by rounding" read as titles.
fn is_label_case(title: &str) -> bool {
    !title.bytes().any(|b| b.is_ascii_digit() || b == b'?')
        && title
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .all(|w| w.starts_with(char::is_uppercase))
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
}

/// At least two of the title's words of three letters or more are in the URL path.
fn url_spells(title: &str, path: &str) -> bool {
    let path = path.to_lowercase();
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic))
        .filter(|w| path.contains(&w.to_lowercase()))
        .count()
        >= 2
}

/// A price in the card: a currency sign next to a digit. Products are not articles.
fn shows_price(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).any(|w| {
        let sign = |c: char| matches!(c, '$' | '€' | '£' | '¥' | '₹');
        (sign(w[0]) && w[1].is_ascii_digit()) || (w[0].is_ascii_digit() && sign(w[1]))
    })
}

/// Appends the teasers that are not part of the article behind a
/// `RelatedBreak`: a teaser whose headline is already in the article is part
/// of it (or its title).
pub fn append(blocks: &mut Vec<Block>, teasers: Vec<Teaser>, title: Option<&str>) {
    let main_text: String = blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    let teasers: Vec<Teaser> = teasers
        .into_iter()
        .filter(|t| !owned_by_article(t, blocks, &main_text) && title != Some(t.title.as_str()))
        .collect();
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

/// Most a card holds besides its headline and still reads as a card when the
/// article's reading took it in: a summary, a byline, a date. More is a
/// listicle's or guide's section, the article's own text.
const CARD_REST_MAX_CHARS: usize = 400;

/// The article's text holds the teaser's headline: inside a sentence (a
/// citation) or as the heading of a section with prose under it, it is the
/// article's. A card's headline standing as a block of its own, with little
/// else in the card, is a card the article's reading took in.
fn owned_by_article(t: &Teaser, blocks: &[Block], main_text: &str) -> bool {
    if !main_text.contains(&t.title) {
        return false;
    }
    let own_block = blocks.iter().any(|b| b.text == t.title);
    !(own_block && t.rest_chars <= CARD_REST_MAX_CHARS)
}

#[cfg(test)]
mod tests;
