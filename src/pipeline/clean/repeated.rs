//! Runs of repeated siblings: a thread's posts, a listing's items, a shop's
//! product cards. Readability models a page as one article subtree, so on
//! such pages it keeps one item (the first post) or none (linked cards are
//! "link lists" to it); the run, found by shape alone, is the page's content.
//!
//! A run is three or more element children of one parent with the same tag
//! and first class word (words with digits skipped: `post-12`), none of them
//! holding most of the run's text (layout rows where one row is the article
//! are not a run). Chrome (navigation, footers, generic sidebar/menu class
//! words) is left out, as in `density`. Generic: shape and text size only,
//! never a site's markup. It reads the DOM index's entries; it never walks
//! the tree itself.
//!
//! Customer reviews are found the same way (`review_items`): a run whose
//! items show a rating mark and a date. Beside a product they are left out.

use dom_query::{local_name, NodeRef};
use rustc_hash::FxHashMap;

use super::index::{DomIndex, NONE};
use super::markup::Tag;

/// Fewest members of a run.
const MIN_MEMBERS: usize = 3;
/// A member below this many non-space characters does not count towards `MIN_MEMBERS`.
const MIN_MEMBER_CHARS: usize = 10;
/// No member may hold more than this share of the run's text.
const MAX_MEMBER_SHARE: f32 = 0.5;

/// The page's largest run of repeated siblings.
pub struct Run<'a> {
    /// In document order.
    pub members: Vec<NodeRef<'a>>,
    /// Non-space characters under the members' parent (links included, chrome
    /// pruned): an upper bound for the text a walk of the parent yields.
    pub parent_chars: usize,
}

/// One element as the run finder sees it, in pre-order: `parent` indexes the
/// same list (`usize::MAX` for none), `chars` are the non-space characters
/// under it, links included, chrome pruned.
struct Element<'a> {
    node: NodeRef<'a>,
    parent: usize,
    signature: u64,
    chars: usize,
}

/// The page's largest run of repeated siblings, from the index's elements
/// (chrome left out).
pub(crate) fn largest_run<'a>(index: &DomIndex<'a>) -> Option<Run<'a>> {
    // The run finder's own list, with parents re-indexed into it.
    let mut position = vec![usize::MAX; index.entries.len()];
    let mut elements = Vec::new();
    for (i, e) in index.entries.iter().enumerate() {
        if e.tag == Tag::Text || e.chrome || e.node.is_document() {
            continue;
        }
        position[i] = elements.len();
        let parent = if e.parent == NONE { usize::MAX } else { position[e.parent as usize] };
        elements.push(Element { node: e.node, parent, signature: e.signature, chars: e.density.run_chars as usize });
    }
    find_run(&elements, |p| elements.get(p).map_or(0, |e| e.chars))
}

/// Finds the run of repeated siblings holding the most text (links included)
/// among `elements`; `chars_of(parent)` is a parent's characters.
fn find_run<'a>(elements: &[Element<'a>], chars_of: impl Fn(usize) -> usize) -> Option<Run<'a>> {
    let mut groups: FxHashMap<(usize, u64), Vec<usize>> = FxHashMap::default();
    for (i, e) in elements.iter().enumerate() {
        if e.chars > 0 && e.parent != usize::MAX {
            groups.entry((e.parent, e.signature)).or_default().push(i);
        }
    }
    let mut best: Option<(usize, Vec<usize>)> = None;
    for members in groups.into_values() {
        let sizable = members.iter().filter(|&&i| elements[i].chars >= MIN_MEMBER_CHARS).count();
        if sizable < MIN_MEMBERS {
            continue;
        }
        let total: usize = members.iter().map(|&i| elements[i].chars).sum();
        let largest = members.iter().map(|&i| elements[i].chars).max().unwrap_or(0);
        if largest as f32 > MAX_MEMBER_SHARE * total as f32 {
            continue;
        }
        // Ties go to the run that starts first: HashMap order must not decide.
        if best.as_ref().is_none_or(|(t, m)| total > *t || (total == *t && members[0] < m[0])) {
            best = Some((total, members));
        }
    }
    let (_, mut members) = best?;
    // Pre-order indices are document order.
    members.sort_unstable();
    let parent_chars = chars_of(elements[members[0]].parent);
    Some(Run { members: members.into_iter().map(|i| elements[i].node).collect(), parent_chars })
}

/// Levels above a rating mark at which a review item is looked for.
const REVIEW_LEVELS: usize = 10;
/// A review item holds at least this many non-space characters (a name, a
/// date and words), not only its stars.
const REVIEW_MIN_CHARS: usize = 20;

/// Customer reviews, by shape: three or more siblings of one tag and first
/// class word, most of them holding a rating mark (`is_rating_mark`) and a
/// date (`has_date`). Their nodes, for the walks to skip: beside a product
/// they are the shop's widget, not the page's text. Marks, not words: the
/// same run is found whatever the page's language.
/// `shows_product` is asked only when some were found and no element
/// declares a product (`itemtype=…/Product`).
pub(crate) fn review_items(
    index: &DomIndex,
    shows_product: impl FnOnce() -> bool,
) -> rustc_hash::FxHashSet<dom_query::NodeId> {
    let entries = &index.entries;
    let mut out = rustc_hash::FxHashSet::default();
    let mut marked: FxHashMap<(u32, u64), Vec<u32>> = FxHashMap::default();
    let mut product = false;
    for (i, e) in entries.iter().enumerate() {
        if e.chrome || e.parent == NONE {
            continue;
        }
        let (rating, shows_product) = rating_mark(&e.node, e.tag == Tag::Text);
        product |= shows_product;
        if !rating {
            continue;
        }
        climb(index, i as u32, &mut marked);
    }
    for items in marked_runs(index, marked, |m| {
        index.entries[m as usize].density.run_chars as usize >= REVIEW_MIN_CHARS && has_date(index, m)
    }) {
        out.extend(items.iter().map(|&m| entries[m as usize].node.id));
    }
    if !out.is_empty() && !product && !shows_product() {
        out.clear();
    }
    out
}

/// Marks `i`'s ancestors (up to `REVIEW_LEVELS`) as holding a mark, keyed by
/// their parent and shape.
fn climb(index: &DomIndex, i: u32, marked: &mut FxHashMap<(u32, u64), Vec<u32>>) {
    let entries = &index.entries;
    let mut a = i;
    for _ in 0..REVIEW_LEVELS {
        let p = entries[a as usize].parent;
        if p == NONE {
            break;
        }
        let v = marked.entry((p, entries[a as usize].signature)).or_default();
        if v.last() != Some(&a) {
            v.push(a);
        }
        a = p;
    }
}

/// The runs among `marked`: three or more siblings of one shape holding a
/// mark and passing `item`, at least half of their parent's children of that shape.
fn marked_runs(index: &DomIndex, marked: FxHashMap<(u32, u64), Vec<u32>>, item: impl Fn(u32) -> bool) -> Vec<Vec<u32>> {
    let entries = &index.entries;
    let mut out = Vec::new();
    for ((parent, signature), members) in marked {
        if members.len() < MIN_MEMBERS {
            continue;
        }
        let siblings = index.children(parent).filter(|&c| entries[c as usize].signature == signature).count();
        if members.len() * 2 < siblings {
            continue;
        }
        let items: Vec<u32> = members.into_iter().filter(|&m| item(m)).collect();
        if items.len() < MIN_MEMBERS || items.len() * 2 < siblings {
            continue;
        }
        out.push(items);
    }
    out
}

/// Most text a product card's run may hold, as a share of the body's: a
/// collection page's grid of cards is its content.
const CARDS_MAX_SHARE: f32 = 0.5;
/// A price is a short text: a label, not a sentence naming a sum.
const PRICE_MAX_CHARS: usize = 32;

/// Other products' cards (carousels of "related" or "sponsored" items): three
/// or more siblings of one shape each holding a link and a price, together
/// less than half of the body's text. Their nodes, for the walks to skip; the
/// caller asks only on pages that sell one product.
pub(crate) fn card_items(index: &DomIndex) -> rustc_hash::FxHashSet<dom_query::NodeId> {
    let entries = &index.entries;
    let mut marked: FxHashMap<(u32, u64), Vec<u32>> = FxHashMap::default();
    for (i, e) in entries.iter().enumerate() {
        if e.tag != Tag::Text || e.chrome || e.parent == NONE {
            continue;
        }
        let is_price = e.node.query_or(false, |t| match &t.data {
            dom_query::NodeData::Text { contents } => reads_as_price(contents),
            _ => false,
        });
        if is_price {
            climb(index, i as u32, &mut marked);
        }
    }
    // A card links to its product's page; a script's button (a buy box's
    // "Add to cart" for this product's editions) goes nowhere.
    let has_link = |m: u32| {
        (m..entries[m as usize].end).any(|j| {
            let e = &entries[j as usize];
            e.tag == Tag::A
                && e.node.attr("href").is_some_and(|h| {
                    let h = h.trim_start();
                    !h.is_empty()
                        && !h.starts_with('#')
                        && !h.get(..11).is_some_and(|s| s.eq_ignore_ascii_case("javascript:"))
                })
        })
    };
    let mut runs = marked_runs(index, marked, has_link);
    // Nested shapes (a card and its inner box) are one run: keep the outermost.
    runs.sort_unstable_by_key(|r| r[0]);
    let mut out = rustc_hash::FxHashSet::default();
    let mut chars = 0usize;
    let mut covered_to = 0u32;
    for run in runs {
        if run[0] < covered_to {
            continue;
        }
        covered_to = run.iter().map(|&m| entries[m as usize].end).max().unwrap_or(0);
        chars += run.iter().map(|&m| entries[m as usize].density.run_chars as usize).sum::<usize>();
        out.extend(run.iter().map(|&m| entries[m as usize].node.id));
    }
    let body = entries[index.body() as usize].density.run_chars as f32;
    if chars as f32 >= CARDS_MAX_SHARE * body {
        out.clear();
    }
    out
}

/// A short text with a currency sign or code beside a number: "$19.99",
/// "19,99 €", "EUR 21.86", "CHF 5.–".
fn reads_as_price(text: &str) -> bool {
    const CODES: &[&str] =
        &["EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "INR", "SEK", "NOK", "DKK", "PLN", "BRL", "MXN"];
    let t = text.trim();
    if t.is_empty()
        || t.len() > PRICE_MAX_CHARS * 2
        || t.chars().filter(|c| !c.is_whitespace()).count() > PRICE_MAX_CHARS
    {
        return false;
    }
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    t.chars().any(|c| matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₽' | '₩' | '₺' | '₪' | '₫'))
        || t.split(|c: char| !c.is_ascii_alphabetic()).any(|w| CODES.contains(&w))
}

/// A rating shown on the page: a star glyph in text, a review's rating in
/// microdata (`itemprop=reviewRating|ratingValue`, `itemtype=…/Review`), a
/// label reading a number of stars (`aria-label="4 out of 5"`), or a class
/// word naming stars or a rating (icon fonts draw the stars).
/// Also says whether the element declares a product (`itemtype=…/Product`).
fn rating_mark(node: &NodeRef, text: bool) -> (bool, bool) {
    node.query(|t| match &t.data {
        dom_query::NodeData::Text { contents } if text => (has_star_glyph(contents), false),
        dom_query::NodeData::Element(el) => {
            let (mut rating, mut product) = (false, false);
            for a in el.attrs.iter() {
                let v: &str = &a.value;
                // The commonest names first, compared as atoms: every element is asked.
                let name = &a.name.local;
                if *name == local_name!("id") || *name == local_name!("href") {
                    continue;
                }
                rating |= match &**name {
                    "itemprop" => v.eq_ignore_ascii_case("reviewRating") || v.eq_ignore_ascii_case("ratingValue"),
                    "itemtype" => {
                        let v = v.trim_end_matches('/');
                        product |= v.ends_with("/Product");
                        v.ends_with("/Review")
                    }
                    "aria-label" | "title" | "data-rating" | "data-score" => reads_as_rating(v),
                    // Split by bytes: a non-ASCII character's bytes split as it does.
                    "class" => v
                        .as_bytes()
                        .split(|b| !b.is_ascii_alphanumeric())
                        .any(|w| [&b"star"[..], b"stars", b"rating"].iter().any(|o| w.eq_ignore_ascii_case(o))),
                    _ => false,
                };
            }
            (rating, product)
        }
        _ => (false, false),
    })
    .unwrap_or((false, false))
}

/// A star glyph (`★ ☆ ⭐ ✩ ✭ ✮`) in the text. All six are three bytes led by
/// `E2`, found by `memchr` (every text node of the page is asked; decoding
/// each character was a visible share of clean).
fn has_star_glyph(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xE2, bytes).any(|i| {
        matches!(bytes.get(i + 1..i + 3), Some([0x98, 0x85 | 0x86] | [0xAD, 0x90] | [0x9C, 0xA9 | 0xAD | 0xAE]))
    })
}

/// "4 out of 5 stars", "4,5/5", "Rated 4", "3 étoiles": a short label with a
/// digit and a scale or a star.
fn reads_as_rating(v: &str) -> bool {
    if v.len() > 60 || !v.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let lower = v.to_lowercase();
    lower.contains("/5")
        || lower.contains("/ 5")
        || lower.contains(" 5")
        || ["star", "étoile", "stern", "estrella", "rated", "rating", "note", "bewert"]
            .iter()
            .any(|w| lower.contains(w))
}

/// The item shows a date: a `<time>` element or `datePublished` inside it, or
/// a year (19xx, 20xx) or a numeric date in its text.
fn has_date(index: &DomIndex, item: u32) -> bool {
    let entries = &index.entries;
    let e = &entries[item as usize];
    let marked = (item..e.end).any(|i| {
        entries[i as usize].node.query_or(false, |t| match &t.data {
            dom_query::NodeData::Element(el) => {
                &*el.name.local == "time"
                    || el.attrs.iter().any(|a| &*a.name.local == "itemprop" && a.value.contains("date"))
            }
            _ => false,
        })
    });
    marked || has_date_text(&e.node.text())
}

fn has_date_text(text: &str) -> bool {
    let b = text.as_bytes();
    let digits_at = |i: usize, n: usize| i + n <= b.len() && b[i..i + n].iter().all(u8::is_ascii_digit);
    (0..b.len()).any(|i| {
        let starts = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if !starts || !b[i].is_ascii_digit() {
            return false;
        }
        let year = (b[i..].starts_with(b"19") || b[i..].starts_with(b"20"))
            && digits_at(i, 4)
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        // 12/03/2024, 3.12.24, 2024-03-12; not a price ($30.00.)
        let numeric = (i == 0 || !matches!(b[i - 1], b'.' | b',' | b'$' | b'/' | b'-')) && {
            let field = |at: usize| {
                (1..=4).rev().find(|&n| digits_at(at, n) && b.get(at + n).is_none_or(|c| !c.is_ascii_digit()))
            };
            let sep = |at: usize| b.get(at).copied().filter(|c| matches!(c, b'/' | b'.' | b'-'));
            field(i).is_some_and(|n| {
                sep(i + n).is_some_and(|s1| {
                    field(i + n + 1).filter(|&m| m <= 2).is_some_and(|m| {
                        sep(i + n + 1 + m) == Some(s1) && field(i + n + 2 + m).is_some_and(|k| k == 2 || k == 4)
                    })
                })
            })
        };
        year || numeric
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn star_glyphs_are_found_by_their_bytes_as_by_their_characters() {
        let stars = |t: &str| t.chars().any(|c| matches!(c, '★' | '☆' | '⭐' | '✩' | '✭' | '✮'));
        for text in ["★★★★☆ Great", "Note ⭐ 4", "✩✭✮", "Plain text", "“Quoted” — dash…", "日本語 ☀ ☁ ✪", "€ 19,99", ""]
        {
            assert_eq!(has_star_glyph(text), stars(text), "{text:?}");
        }
    }

    fn run_texts(html: &str) -> Option<Vec<String>> {
        let doc = Document::from(html);
        let index = DomIndex::read(&doc.root());
        largest_run(&index).map(|r| r.members.iter().map(|m| m.text().trim().to_string()).collect())
    }

    fn reviews_found(html: &str, product: bool) -> Vec<String> {
        let doc = Document::from(html);
        let index = DomIndex::read(&doc.root());
        let found = review_items(&index, || product);
        let mut out: Vec<String> = index
            .entries
            .iter()
            .filter(|e| found.contains(&e.node.id))
            .map(|e| e.node.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        out.sort();
        out
    }

    fn review_page(items: &[(&str, &str, &str)]) -> String {
        let list: String = items
            .iter()
            .map(|(stars, date, words)| {
                format!(
                    "<li class='review'><div class='head'><span class='name'>Kim</span>\
                     <span class='badge' aria-label='{stars}'></span></div>\
                     <div class='body'> <span>{date}</span> <p>{words}</p></div></li>"
                )
            })
            .collect();
        format!("<body><h1>Kettle</h1><p>A steel kettle that boils a litre in three minutes.</p><ul>{list}</ul></body>")
    }

    #[test]
    fn rated_and_dated_siblings_are_reviews_in_any_language() {
        let pages = [
            ("4 out of 5 stars", "March 3, 2024", "Boils fast and pours well."),
            ("4 sur 5 étoiles", "3 mars 2024", "Chauffe vite et verse bien."),
            ("4 von 5 Sternen", "03.03.2024", "Kocht schnell und gießt gut."),
            ("4 de 5 estrellas", "3/3/24", "Hierve rápido y sirve bien."),
        ];
        for (stars, date, words) in pages {
            let html = review_page(&[(stars, date, words), (stars, date, words), (stars, date, words)]);
            let found = reviews_found(&html, true);
            assert_eq!(found.len(), 3, "{stars}: {found:?}");
            assert!(found[0].contains(words));
        }
        // Glyph stars in the text and microdata ratings are marks too.
        let glyphs = review_page(&[("", "2023", "Fine kettle.")].repeat(3)).replace("<p>", "<p>★★★★☆ ");
        assert_eq!(reviews_found(&glyphs, true).len(), 3);
    }

    #[test]
    fn reviews_need_a_date_a_rating_and_a_product() {
        let undated = review_page(&[("4 out of 5 stars", "", "Boils fast and pours well.")].repeat(3));
        assert!(reviews_found(&undated, true).is_empty(), "product cards have stars but no date");
        let unrated = review_page(&[("", "March 3, 2024", "Boils fast and pours well.")].repeat(3));
        assert!(reviews_found(&unrated, true).is_empty());
        let two = review_page(&[("4 out of 5 stars", "March 3, 2024", "Boils fast.")].repeat(2));
        assert!(reviews_found(&two, true).is_empty());
        let rated = review_page(&[("4 out of 5 stars", "March 3, 2024", "Boils fast and pours well.")].repeat(3));
        assert!(reviews_found(&rated, false).is_empty(), "a service's testimonials stay");
        let declared = rated.replace("<body>", "<body><div itemscope itemtype='https://schema.org/Product'></div>");
        assert_eq!(reviews_found(&declared, false).len(), 3);
    }

    fn cards_found(html: &str) -> Vec<String> {
        let doc = Document::from(html);
        let index = DomIndex::read(&doc.root());
        let found = card_items(&index);
        index
            .entries
            .iter()
            .filter(|e| found.contains(&e.node.id))
            .map(|e| e.node.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    fn card_page(description: &str, cards: &[(&str, &str)]) -> String {
        let list: String = cards
            .iter()
            .map(|(name, price)| {
                format!(
                    "<li class='card'><a href='/p/{name}'><img src='x.jpg'><span>{name}</span></a>\
                     <div class='rating'><span>4.5</span> <span>(1,203)</span></div>\
                     <div class='price'><span>{price}</span></div></li>"
                )
            })
            .collect();
        format!("<body><div class='main'><h1>Kettle</h1><p>{description}</p><ul>{list}</ul></div></body>")
    }

    #[test]
    fn linked_priced_cards_beside_a_product_are_found_in_any_currency() {
        let pages = [
            ("A steel kettle that boils a litre in three minutes and switches itself off when done.", "$19.99"),
            ("Une bouilloire en acier qui chauffe un litre en trois minutes et s'éteint seule.", "19,99 €"),
            ("Ein Wasserkocher aus Stahl, der einen Liter in drei Minuten kocht und sich abschaltet.", "EUR 21.86"),
            ("Un hervidor de acero que calienta un litro en tres minutos y se apaga solo al terminar.", "£12.50"),
        ];
        for (description, price) in pages {
            let html = card_page(description, &[("Teapot", price), ("Toaster", price), ("Blender", price)]);
            let found = cards_found(&html);
            assert_eq!(found.len(), 3, "{price}: {found:?}");
            assert!(found[0].contains(price));
        }
    }

    #[test]
    fn cards_need_a_price_a_link_and_a_page_of_other_text() {
        let text = "A steel kettle that boils a litre in three minutes and switches itself off when done.";
        let unpriced = card_page(text, &[("Teapot", "in stock"), ("Toaster", "in stock"), ("Blender", "in stock")]);
        assert!(cards_found(&unpriced).is_empty());
        let priced = card_page(text, &[("Teapot", "$5"), ("Toaster", "$5"), ("Blender", "$5")]);
        assert!(cards_found(&priced.replace(" href='/p/", " data-x='")).is_empty(), "no link");
        assert!(cards_found(&priced.replace("href='/p/", "href='javascript:buy(")).is_empty(), "a buy button");
        // A collection page's grid is its content.
        assert!(
            cards_found(&card_page("Kettles", &[("Teapot", "$5"), ("Toaster", "$5"), ("Blender", "$5")])).is_empty()
        );
        assert!(!reads_as_price("It costs $5 and we think that is a fair price for a kettle this good."));
        assert!(!reads_as_price("Euro 2024"));
    }

    #[test]
    fn a_price_is_not_a_date() {
        assert!(!has_date_text("Was $30.00. Now $21.00."));
        assert!(!has_date_text("Size 10.5 fits 3-4 years"));
        assert!(has_date_text("Reviewed on 12/03/2024"));
        assert!(has_date_text("le 3 mars 2024"));
        assert!(has_date_text("2024-03-12"));
    }

    #[test]
    fn a_threads_posts_form_a_run_and_the_menu_does_not() {
        let html = "<body><nav><ul><li>Home page</li><li>Forums list</li><li>Members area</li></ul></nav>\
             <div class='thread'><div class='post post-1'>First post with a question.</div>\
             <div class='post post-2'>A reply that answers it.</div>\
             <div class='post post-3'>Another reply with thanks.</div></div></body>";
        assert_eq!(
            run_texts(html).unwrap(),
            vec!["First post with a question.", "A reply that answers it.", "Another reply with thanks."]
        );
    }

    #[test]
    fn layout_rows_dominated_by_one_row_are_not_a_run() {
        let long = "An article paragraph that goes on. ".repeat(20);
        let html = format!(
            "<body><div class='row'><p>{long}</p></div><div class='row'>Short row one</div>\
             <div class='row'>Short row two</div></body>"
        );
        assert!(run_texts(&html).is_none());
    }

    #[test]
    fn a_forums_posts_in_its_moderation_form_are_a_run() {
        let prose = "Words that people wrote, long enough to matter for the reading here. ".repeat(4);
        let forum = format!(
            "<body><h1>A thread</h1><div id=comments><form><article class=post>{prose}</article>\
             <article class=post>{prose}</article><article class=post>{prose}</article></form></div></body>"
        );
        assert_eq!(run_texts(&forum).map(|r| r.len()), Some(3), "comment threads hold the page's text here");
    }
}
