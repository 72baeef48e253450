//! Blocks with their link density, walked from any DOM subtree: the
//! post-filter for readability's choice and the whole-page fallback for pages
//! readability gets wrong (forums, product and listing pages, short articles).
//!
//! Rules here are generic: element names, generic class/id vocabulary, share of
//! linked text, boilerplate phrases from `vocab`. Never a site's markup.
//! The walk is iterative: a deep tag nest must not overflow the stack.

use dom_query::{Element, NodeData, NodeId, NodeRef};
use rustc_hash::FxHashSet;

use super::vocab::{vocabulary, Category};
use super::{non_space_chars, Block, BlockKind};
use crate::pipeline::text::{match_key, normalize_text};

/// A block plus what the walk saw of it.
pub struct ScoredBlock {
    pub block: Block,
    /// Characters (non-space) of the block's text that sat inside `<a>`.
    pub link_chars: usize,
    /// Characters (non-space) of the block's text.
    pub chars: usize,
}

impl ScoredBlock {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }

    /// A short line that is page furniture by its words alone: widget labels,
    /// ad labels, photo credits (vocabulary in `data/boilerplate.tsv`).
    pub fn is_furniture(&self) -> bool {
        let text = &self.block.text;
        let words = text.split_whitespace().count();
        if words > 25 {
            return false;
        }
        if words <= 12 && is_credit_line(text) {
            return true;
        }
        if words > 12 && !vocabulary().may_be_long_furniture(text) {
            return false;
        }
        // Digits-only blocks are table cells and figures in an article body,
        // unless they read as a date-time stamp.
        let key = match_key(text);
        if key.is_empty() {
            return is_timestamp(text);
        }
        match vocabulary().classify_key(text, &key) {
            Some(Category::Label) => words <= 3,
            // Legal and notice lines run longer than widget labels.
            Some(Category::Footer | Category::Counter) => true,
            Some(_) => words <= 12,
            None => false,
        }
    }

    /// Navigation and link widgets: short and mostly links.
    pub fn is_boilerplate(&self) -> bool {
        // Measured: a stricter cut (density > 0.5 under 40 words) or
        // vocabulary matching on short blocks costs more recall than it buys.
        self.link_density() > 0.6 && self.block.text.split_whitespace().nth(14).is_none()
    }
}

/// A date with a time of day, digits only: "2025-05-11 17:44", "11/05/2025,
/// 5:44". A bare date or number stays (a table's cells, a figure).
fn is_timestamp(text: &str) -> bool {
    let has_time = text.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    has_time && digits >= 6
}

/// "Photo: Jane Roe / Agency", "Image copyright …", "Credit: …": who took
/// the picture, not part of the story.
fn is_credit_line(text: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "photo:",
        "photo by",
        "photos:",
        "image:",
        "image copyright",
        "image caption",
        "credit:",
        "credits:",
        "picture:",
        "foto:",
        "fotos:",
        "bild:",
        "crédit",
        "crédits",
        "source:",
        "getty images",
        "© ",
    ];
    /// Picture agencies: a short unpunctuated line naming one is a credit.
    const AGENCIES: &[&str] = &[
        "getty images",
        "shutterstock",
        "istock",
        "afp",
        "reuters",
        "ap photo",
        "associated press",
        "epa",
        "alamy",
        "dpa",
        "anadolu",
    ];
    let head: String = text.chars().take(20).flat_map(char::to_lowercase).collect();
    if PREFIXES.iter().any(|p| head.starts_with(p)) {
        return true;
    }
    let words = text.split_whitespace().count();
    if words > 8 || text.trim_end().ends_with(['.', '!', '?', ':']) {
        return false;
    }
    let lower = text.to_lowercase();
    (lower.contains('/') || lower.contains('|') || lower.contains(" via "))
        && AGENCIES.iter().any(|a| lower.contains(a))
}

/// Elements that start and end a block of text.
fn is_block_element(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "br"
            | "hr"
            | "address"
            | "details"
            | "summary"
    )
}

fn kind_of(name: &str) -> Option<BlockKind> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "figcaption" | "caption" => BlockKind::Caption,
        "blockquote" => BlockKind::Quote,
        _ => return None,
    })
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "button"
            | "select"
            | "iframe"
            | "head"
            | "input"
            | "textarea"
    )
}

/// Page chrome by element name: never main content on a whole-page walk.
fn is_chrome(name: &str) -> bool {
    matches!(name, "nav" | "header" | "footer" | "aside" | "menu")
}

/// Generic class/id words for page chrome (theme vocabulary, not one site's),
/// matched as whole words of the attribute split at non-alphanumerics.
fn is_chrome_word(word: &[u8]) -> bool {
    // Lower-cased into a stack buffer: no allocation per attribute word.
    let mut buf = [0u8; 16];
    if word.is_empty() || word.len() > buf.len() {
        return false;
    }
    buf[..word.len()].copy_from_slice(word);
    buf[..word.len()].make_ascii_lowercase();
    matches!(
        &buf[..word.len()],
        b"sidebar"
            | b"breadcrumb"
            | b"breadcrumbs"
            | b"cookie"
            | b"cookies"
            | b"consent"
            | b"share"
            | b"sharing"
            | b"social"
            | b"newsletter"
            | b"subscribe"
            | b"navbar"
            | b"nav"
            | b"navigation"
            | b"menu"
            | b"footer"
            | b"masthead"
            | b"related"
            | b"recommended"
            | b"popup"
            | b"modal"
            | b"banner"
            | b"advert"
            | b"advertisement"
            | b"ad"
            | b"ads"
            | b"promo"
            | b"skip"
            | b"toolbar"
    )
}

/// Comment threads: chrome on a page with its own text beside them (a blog
/// post's or a question's comments), content on a page that is one (forum
/// software names its posts "comments"); `readable::Page` decides which.
fn is_comment_word(word: &[u8]) -> bool {
    matches!(word.len(), 7 | 8)
        && word[..7].eq_ignore_ascii_case(b"comment")
        && word[7..].eq_ignore_ascii_case(&b"s"[..word.len() - 7])
}

/// Forms, like comment threads, are chrome beside the page's text (search,
/// sign-up, reply boxes) and content when they hold it (forum software wraps
/// a thread's posts in its moderation form, some frameworks a whole page).
pub(crate) fn is_thread_element(name: &str) -> bool {
    name == "form"
}

/// What a whole-page reading skips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prune {
    Nothing,
    /// Page chrome by element name and class/id words.
    Chrome,
    /// `Chrome`, and comment threads and forms (`readable::Page` says when).
    ChromeAndThreads,
}

fn has_chrome_attr(el: &Element, name: &str, threads: bool) -> bool {
    is_chrome_attr_element(name)
        && el.attrs.iter().any(|a| {
            matches!(&*a.name.local, "class" | "id" | "role") && {
                let (chrome, comment) = chrome_words(&a.value);
                chrome || threads && comment
            }
        })
}

/// Skipped outright on a whole-page reading: scripts and the like, and chrome
/// by element name alone (class/id words are judged apart, per attribute).
pub(crate) fn is_pruned_by_name(name: &str) -> bool {
    is_skipped(name) || is_chrome(name)
}

/// Page wrappers often carry layout words ("has-sidebar"): only inner
/// elements are judged by their attributes.
pub(crate) fn is_chrome_attr_element(name: &str) -> bool {
    !matches!(name, "html" | "body" | "main" | "article")
}

/// Whether the value's alphanumeric words hold a chrome word, and a comment-
/// thread word, whatever the element: one pass (every class and id is asked).
pub(crate) fn chrome_words(value: &str) -> (bool, bool) {
    let (mut chrome, mut comment) = (false, false);
    for word in value.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
        chrome |= is_chrome_word(word);
        comment |= is_comment_word(word);
        if chrome && comment {
            break;
        }
    }
    (chrome, comment)
}

/// Walks `root` in document order, cutting text at block elements, skipping
/// what `prune` says.
pub fn walk_scored(root: &NodeRef, prune: Prune) -> Vec<ScoredBlock> {
    walk_skipping(root, prune, None)
}

/// `walk_scored`, also skipping the subtrees in `removed`.
pub fn walk_skipping(root: &NodeRef, prune: Prune, removed: Option<&FxHashSet<NodeId>>) -> Vec<ScoredBlock> {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Exit { kind: Option<BlockKind>, block: bool, link: bool },
    }
    struct Buffer {
        text: String,
        link_chars: usize,
    }
    let mut blocks = Vec::new();
    let mut buf = Buffer { text: String::new(), link_chars: 0 };
    let mut kinds: Vec<BlockKind> = Vec::new();
    let mut in_link = 0usize;
    let mut stack = vec![Step::Enter(*root)];
    let flush = |buf: &mut Buffer, kinds: &[BlockKind], blocks: &mut Vec<ScoredBlock>| {
        let text = normalize_text(&buf.text);
        let link_chars = buf.link_chars;
        buf.text.clear();
        buf.link_chars = 0;
        if !text.is_empty() {
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            blocks.push(ScoredBlock {
                block: Block::new(kinds.last().copied().unwrap_or(BlockKind::Paragraph), text),
                link_chars: link_chars.min(chars),
                chars,
            });
        }
    };
    while let Some(step) = stack.pop() {
        match step {
            Step::Exit { kind, block, link } => {
                if block {
                    flush(&mut buf, &kinds, &mut blocks);
                }
                if kind.is_some() {
                    kinds.pop();
                }
                if link {
                    in_link -= 1;
                }
            }
            Step::Enter(node) => {
                // One look at the node: its text, or its name's properties.
                struct Seen {
                    skip: bool,
                    block: bool,
                    link: bool,
                    kind: Option<BlockKind>,
                }
                let seen = node
                    .query(|t| match &t.data {
                        NodeData::Text { contents } => {
                            if in_link > 0 {
                                buf.link_chars += non_space_chars(contents);
                            }
                            buf.text.push_str(contents);
                            None
                        }
                        NodeData::Document | NodeData::Fragment => {
                            Some(Seen { skip: false, block: false, link: false, kind: None })
                        }
                        NodeData::Element(el) => {
                            let name: &str = &el.name.local;
                            let block = is_block_element(name);
                            let skip = is_skipped(name)
                                || (prune != Prune::Nothing
                                    && (is_chrome(name)
                                        || (prune == Prune::ChromeAndThreads && is_thread_element(name))
                                        || has_chrome_attr(el, name, prune == Prune::ChromeAndThreads)))
                                || removed.is_some_and(|r| r.contains(&t.id));
                            Some(Seen {
                                skip,
                                block,
                                link: name == "a",
                                kind: if block { kind_of(name) } else { None },
                            })
                        }
                        _ => None,
                    })
                    .flatten();
                let Some(Seen { skip, block, link, kind }) = seen else {
                    continue;
                };
                if skip {
                    if block {
                        flush(&mut buf, &kinds, &mut blocks);
                    }
                    continue;
                }
                if block {
                    flush(&mut buf, &kinds, &mut blocks);
                    if let Some(k) = kind {
                        kinds.push(k);
                    }
                } else if !node.is_document() && !node.is_fragment() {
                    buf.text.push(' ');
                }
                if link {
                    in_link += 1;
                }
                stack.push(Step::Exit { kind, block, link });
                let mut child = node.last_child();
                while let Some(c) = child {
                    stack.push(Step::Enter(c));
                    child = c.prev_sibling();
                }
            }
        }
    }
    flush(&mut buf, &kinds, &mut blocks);
    blocks
}

/// Total non-space characters of the blocks that are not boilerplate.
pub fn content_chars(blocks: &[ScoredBlock]) -> usize {
    blocks.iter().filter(|b| !b.is_boilerplate()).map(|b| b.chars - b.link_chars).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn link_lists_are_boilerplate_and_prose_is_not() {
        let doc = Document::from(
            "<div><p><a href=/a>Home</a> <a href=/b>World news</a> <a href=/c>Sport</a></p>\
             <p>A paragraph of ordinary prose with <a href=/x>one link</a> in the middle of it.</p></div>",
        );
        let blocks = walk_scored(&doc.root(), Prune::Nothing);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].is_boilerplate());
        assert!(!blocks[1].is_boilerplate());
        assert!(blocks[1].link_density() < 0.2);
    }

    #[test]
    fn digit_only_timestamps_are_furniture_and_figures_are_not() {
        assert!(is_timestamp("2025-05-11 17:44"));
        assert!(is_timestamp("11/05/2025, 5:44"));
        assert!(!is_timestamp("2025-05-11"), "a date alone can be a table cell");
        assert!(!is_timestamp("12:30"));
        assert!(!is_timestamp("1,204,300"));
    }

    #[test]
    fn pruning_skips_chrome_by_element_and_class() {
        let doc = Document::from(
            "<body><nav>Menu words</nav><div class='site-sidebar'>Side words</div>\
             <main><p>Body words stay.</p><ol class='comment-list'><li>Reader words</li></ol></main>\
             <footer>Footer words</footer></body>",
        );
        let texts =
            |prune| -> Vec<String> { walk_scored(&doc.root(), prune).into_iter().map(|b| b.block.text).collect() };
        assert_eq!(texts(Prune::ChromeAndThreads), vec!["Body words stay.".to_string()]);
        assert_eq!(texts(Prune::Chrome), vec!["Body words stay.".to_string(), "Reader words".to_string()]);
    }
}
