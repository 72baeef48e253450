//! Main-content choice: Mozilla Readability's scoring (the algorithm
//! dom_smoothie ports), computed from per-element totals gathered in one
//! pass over the parsed tree.
//!
//! Readability re-reads a subtree's text for every candidate, clones the
//! document for each retry and serialises its choice; dom_smoothie spent 39%
//! of clean's CPU on wcxb doing so. Here one pre-order list of the page's
//! nodes carries subtree totals (text, linked text, commas, tag counts) added
//! up bottom-up, twice: without Readability's "unlikely" subtrees (its first
//! attempt) and with them (its retries). Scoring, the choice, sibling joining
//! and "clean conditionally" then read those totals; nothing is removed from
//! the tree, the walk that makes blocks skips what Readability would remove.
//!
//! Deliberate simplifications, measured on zyte and wcxb: nested removals
//! do not update an ancestor's totals, and lazy images are not resolved.

use aho_corasick::AhoCorasick;
use dom_query::{NodeData, NodeId, NodeRef};
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

const NONE: u32 = u32::MAX;
/// Readability's `DEFAULT_CHAR_THRESHOLD`: a shorter choice triggers a retry with fewer rules.
const CHAR_THRESHOLD: u32 = 500;
const TOP_CANDIDATES: usize = 5;
/// Ancestors of a paragraph that share its score.
const SCORE_DEPTH: usize = 5;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag {
    Text,
    Html,
    Body,
    Div,
    P,
    Pre,
    Td,
    Th,
    Section,
    H1,
    H2,
    Heading, // h3–h6
    Blockquote,
    Address,
    ListLike, // ol ul dl dd dt li form: negative initial score
    A,
    Img,
    Embed, // object embed iframe
    Input,
    Table,
    Fieldset,
    Footer,
    Aside,
    Article,
    Figure,
    Code,
    Caption,
    Phrasing,
    Other,
}

/// Why a subtree is never content, whatever the attempt.
fn is_skipped(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template" | "svg" | "select" | "textarea" | "button")
}

fn tag_of(name: &str) -> Tag {
    match name {
        "html" => Tag::Html,
        "body" => Tag::Body,
        "div" => Tag::Div,
        "p" => Tag::P,
        "pre" => Tag::Pre,
        "td" => Tag::Td,
        "th" => Tag::Th,
        "section" => Tag::Section,
        "h1" => Tag::H1,
        "h2" => Tag::H2,
        "h3" | "h4" | "h5" | "h6" => Tag::Heading,
        "blockquote" => Tag::Blockquote,
        "address" => Tag::Address,
        "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => Tag::ListLike,
        "a" => Tag::A,
        "img" | "picture" => Tag::Img,
        "object" | "embed" | "iframe" => Tag::Embed,
        "input" => Tag::Input,
        "table" => Tag::Table,
        "fieldset" => Tag::Fieldset,
        "footer" => Tag::Footer,
        "aside" => Tag::Aside,
        "article" => Tag::Article,
        "figure" => Tag::Figure,
        "code" => Tag::Code,
        "caption" => Tag::Caption,
        "abbr" | "audio" | "b" | "bdo" | "br" | "cite" | "data" | "dfn" | "em" | "i" | "kbd" | "label" | "mark"
        | "math" | "meter" | "output" | "progress" | "q" | "ruby" | "samp" | "small" | "span" | "strong" | "sub"
        | "sup" | "time" | "var" | "wbr" | "font" | "u" | "s" | "del" | "ins" => Tag::Phrasing,
        _ => Tag::Other,
    }
}

/// Readability's `DIV_TO_P_ELEMS`: a div holding one of these is not a paragraph.
fn is_div_to_p(tag: Tag, name_is_dl_or_list: bool) -> bool {
    matches!(tag, Tag::Blockquote | Tag::Div | Tag::Img | Tag::P | Tag::Pre | Tag::Table) || name_is_dl_or_list
}

// Class/id vocabulary, Readability's regular expressions as word lists.
const HINT_NEGATIVE: u16 = 1;
const HINT_POSITIVE: u16 = 2;
const HINT_UNLIKELY: u16 = 4;
const HINT_MAYBE: u16 = 8;
const HINT_BYLINE: u16 = 16;
/// Not Readability's: containers of teaser links to other articles.
const HINT_TEASER: u16 = 32;

fn hints() -> &'static (AhoCorasick, Vec<u16>) {
    static HINTS: OnceLock<(AhoCorasick, Vec<u16>)> = OnceLock::new();
    HINTS.get_or_init(|| {
        let groups: [(u16, &[&str]); 6] = [
            (
                HINT_NEGATIVE,
                &[
                    "-ad-",
                    "hidden",
                    "banner",
                    "combx",
                    "comment",
                    "com-",
                    "contact",
                    "footer",
                    "gdpr",
                    "masthead",
                    "media",
                    "meta",
                    "outbrain",
                    "promo",
                    "related",
                    "scroll",
                    "share",
                    "shoutbox",
                    "sidebar",
                    "skyscraper",
                    "sponsor",
                    "shopping",
                    "tags",
                    "widget",
                ],
            ),
            (
                HINT_POSITIVE,
                &[
                    "article",
                    "body",
                    "content",
                    "entry",
                    "hentry",
                    "h-entry",
                    "main",
                    "page",
                    "pagination",
                    "post",
                    "text",
                    "blog",
                    "story",
                ],
            ),
            (
                HINT_UNLIKELY,
                &[
                    "-ad-",
                    "ai2html",
                    "banner",
                    "breadcrumbs",
                    "combx",
                    "comment",
                    "community",
                    "cover-wrap",
                    "disqus",
                    "extra",
                    "footer",
                    "gdpr",
                    "header",
                    "legends",
                    "menu",
                    "related",
                    "remark",
                    "replies",
                    "rss",
                    "shoutbox",
                    "sidebar",
                    "skyscraper",
                    "social",
                    "sponsor",
                    "supplemental",
                    "ad-break",
                    "agegate",
                    "pagination",
                    "pager",
                    "popup",
                    "yom-remote",
                ],
            ),
            (HINT_MAYBE, &["and", "article", "body", "column", "content", "layout", "main", "mathjax", "shadow"]),
            (HINT_BYLINE, &["byline", "author", "dateline", "writtenby", "p-author"]),
            (HINT_TEASER, &["related", "teaser", "recommend", "more-stories", "read-more"]),
        ];
        let mut words: Vec<&str> = Vec::new();
        let mut bits: Vec<u16> = Vec::new();
        for (bit, list) in groups {
            for w in list {
                match words.iter().position(|x| x == w) {
                    Some(i) => bits[i] |= bit,
                    None => {
                        words.push(w);
                        bits.push(bit);
                    }
                }
            }
        }
        let ac = AhoCorasick::builder().ascii_case_insensitive(true).build(&words).expect("static patterns");
        (ac, bits)
    })
}

/// `hint_bits` and `density`'s chrome and comment words of class and id
/// values, cached for the page: listings repeat one long class string per
/// card (measured: the scans were 5% of clean on wcxb).
#[derive(Default)]
struct AttrHints {
    seen: rustc_hash::FxHashMap<u64, (u16, bool, bool)>,
}

impl AttrHints {
    /// Hint bits, chrome, comment-thread word.
    fn judge(&mut self, element: &str, value: &str) -> (u16, bool, bool) {
        use super::density::{chrome_words, is_chrome_attr_element};
        let key = xxhash_rust::xxh3::xxh3_64(value.as_bytes());
        let (bits, chrome, comment) = *self.seen.entry(key).or_insert_with(|| {
            let (chrome, comment) = chrome_words(value);
            (hint_bits(value), chrome, comment)
        });
        let judged = is_chrome_attr_element(element);
        (bits, chrome && judged, comment && judged)
    }
}

fn hint_bits(value: &str) -> u16 {
    let (ac, bits) = hints();
    ac.find_overlapping_iter(value).fold(0, |acc, m| acc | bits[m.pattern().as_usize()])
}

/// Subtree totals. Lengths are characters with whitespace runs counted once,
/// like Readability's normalised `innerText`.
#[derive(Clone, Copy, Default)]
struct Totals {
    /// Characters, whitespace runs counted once, leading run dropped,
    /// trailing run kept (see `text`).
    chars: u32,
    /// The subtree has text; it starts / ends with whitespace.
    has_text: bool,
    starts_ws: bool,
    ends_ws: bool,
    /// Text inside links, in-page (`#`) links weighted 0.3 as Readability does.
    link: f32,
    commas: u32,
    /// Non-whitespace characters of text nodes (a text node's own; not summed).
    non_space: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
    heading_text: u32,
    list_text: u32,
    data_table: bool,
}

/// Subtree counts for the density reading (`density`'s pruning), which sees
/// hidden and unlikely text alike: one per entry, not one per attempt.
#[derive(Clone, Copy, Default)]
struct DensityTotals {
    /// Non-whitespace characters outside page chrome, links included: what
    /// `repeated` sizes runs by.
    run_chars: u32,
    /// Non-whitespace characters outside links and page chrome: the prose the
    /// density root is judged by.
    prose: u32,
    /// `run_chars` and `prose` of comment threads and forms (outside other
    /// chrome): they join those two when these hold the page's text.
    thread_run_chars: u32,
    thread_prose: u32,
}

impl DensityTotals {
    fn add(&mut self, o: &DensityTotals) {
        self.run_chars += o.run_chars;
        self.prose += o.prose;
        self.thread_run_chars += o.thread_run_chars;
        self.thread_prose += o.thread_prose;
    }
}

impl Totals {
    /// Readability's normalised, trimmed `innerText` length.
    fn text(&self) -> u32 {
        self.chars - u32::from(self.ends_ws && self.chars > 0)
    }

    /// Adds `o`, the subtree just before the ones already added (the
    /// bottom-up pass meets siblings last to first): a whitespace run across
    /// the boundary counts once, as in one normalised string.
    fn prepend(&mut self, o: &Totals) {
        if o.has_text {
            if self.has_text {
                self.chars = o.chars + self.chars + u32::from(self.starts_ws && !o.ends_ws);
            } else {
                self.chars = o.chars;
                self.ends_ws = o.ends_ws;
            }
            self.starts_ws = o.starts_ws;
            self.has_text = true;
        }
        self.link += o.link;
        self.commas += o.commas;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.embed += o.embed;
        self.heading_text += o.heading_text;
        self.list_text += o.list_text;
        self.data_table |= o.data_table;
    }

    fn link_density(&self) -> f32 {
        if self.text() == 0 {
            0.0
        } else {
            self.link / self.text() as f32
        }
    }
}

struct Entry<'a> {
    node: NodeRef<'a>,
    parent: u32,
    /// One past the last entry of this subtree (pre-order ranges).
    end: u32,
    tag: Tag,
    /// `dl`/`ol`/`ul`: block for the div-to-p rule, list for clean-conditionally.
    is_list: bool,
    /// `li`, `dl`, `form`, and an in-page (`#…`) link: names the passes ask about.
    is_li: bool,
    is_dl: bool,
    is_form: bool,
    hash_link: bool,
    class_bits: u16,
    id_bits: u16,
    /// Readability removes it on its first attempt (class/id or role).
    unlikely: bool,
    /// Inside an unlikely subtree (itself included).
    in_unlikely: bool,
    /// Hidden (`hidden`, `aria-hidden`, `display:none`): Readability never reads
    /// it; the density reading does (script-revealed pages hide their content).
    hidden: bool,
    in_hidden: bool,
    /// Inside a `<table>` or `<code>`: Readability never strips unlikelys there.
    in_table_or_code: bool,
    in_figure: bool,
    /// Page chrome by `density`'s rules (or inside it), threads included.
    chrome: bool,
    /// Chrome only as (or inside) a comment thread or form.
    thread_only: bool,
    in_link: bool,
    /// Has a descendant that makes a div a container rather than a paragraph.
    block_descendant: bool,
    element_children: u32,
    /// `repeated::signature` of tag and first class word.
    signature: u64,
    /// `[first attempt (unlikelys out), retries (all)]`.
    totals: [Totals; 2],
    density: DensityTotals,
    /// Text of a div's own phrasing runs.
    own_text: u32,
    own_commas: u32,
}

/// Readability's choice, as parts in document order, plus what to skip when walking them.
pub struct Choice<'a> {
    pub parts: Vec<NodeRef<'a>>,
    pub removed: FxHashSet<NodeId>,
    /// Readability's normalised text length of the choice.
    pub text_len: u32,
}

/// The page's nodes with subtree totals.
pub struct Page<'a> {
    entries: Vec<Entry<'a>>,
    body: u32,
    /// What a whole-page reading of this page prunes: comment threads and
    /// forms too, unless they hold the page's text.
    pub prune: super::density::Prune,
    /// What `meta` reads, collected on the same walk.
    pub scan: super::meta::Scan<'a>,
}

fn text_totals(s: &str) -> Totals {
    let (mut chars, mut commas, mut in_space) = (0u32, 0u32, true);
    let mut non_space = 0u32;
    if s.is_ascii() {
        // Fast path, same counts: most page text is ASCII.
        for &b in s.as_bytes() {
            let ws = b.is_ascii_whitespace() || b == 0x0b;
            chars += u32::from(!(ws && in_space));
            non_space += u32::from(!ws);
            in_space = ws;
            commas += u32::from(b == b',');
        }
    } else {
        for c in s.chars() {
            let ws = c.is_whitespace();
            if !(ws && in_space) {
                chars += 1;
            }
            non_space += u32::from(!ws);
            in_space = ws;
            if matches!(
                c,
                ',' | '\u{060C}'
                    | '\u{FE50}'
                    | '\u{FE10}'
                    | '\u{FE11}'
                    | '\u{2E41}'
                    | '\u{2E34}'
                    | '\u{2E32}'
                    | '\u{FF0C}'
            ) {
                commas += 1;
            }
        }
    }
    Totals {
        chars,
        commas,
        non_space,
        has_text: !s.is_empty(),
        starts_ws: s.starts_with(char::is_whitespace),
        ends_ws: s.ends_with(char::is_whitespace),
        ..Totals::default()
    }
}

fn is_hidden(el: &dom_query::Element) -> bool {
    el.attrs.iter().any(|a| {
        let name: &str = &a.name.local;
        let value: &str = &a.value;
        match name {
            "hidden" => true,
            "aria-hidden" => value == "true",
            "style" => hides(value.as_bytes()),
            _ => false,
        }
    })
}

/// `display:none` or `visibility:hidden` in a style attribute, any case and
/// spacing, without allocating (every styled element is asked).
fn hides(style: &[u8]) -> bool {
    let squeezed = style.iter().filter(|b| !b.is_ascii_whitespace()).map(u8::to_ascii_lowercase);
    let (mut window, mut len) = ([0u8; 17], 0usize);
    for b in squeezed {
        if len == window.len() {
            window.copy_within(1.., 0);
            len -= 1;
        }
        window[len] = b;
        len += 1;
        let tail = &window[..len];
        if tail.ends_with(b"display:none") || tail.ends_with(b"visibility:hidden") {
            return true;
        }
    }
    false
}

/// Flags a node passes to its children in `Page::read`'s walk.
#[derive(Clone, Copy, Default)]
struct Inherited {
    in_unlikely: bool,
    in_tc: bool,
    in_figure: bool,
    in_chrome: bool,
    in_threads: bool,
    in_link: bool,
    in_hidden: bool,
    in_body: bool,
}

/// Comment threads and forms (`density::Prune::ChromeAndThreads`) are the
/// page's content, not chrome, when the text outside them is less than this
/// share of the page's prose (a forum thread, a page wrapped in a form).
const THREADS_CONTENT_SHARE: f32 = 0.3;

const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

impl<'a> Page<'a> {
    pub fn read(root: &NodeRef<'a>) -> Page<'a> {
        // Sized once: growing a vector of wide entries page after page was 8% of clean.
        let mut entries: Vec<Entry<'a>> = Vec::with_capacity(root.tree.len());
        let mut body = NONE;
        let mut scan = super::meta::Scan::default();
        let mut attr_hints = AttrHints::default();
        let mut stack: Vec<(NodeRef<'a>, u32, Inherited)> = vec![(*root, NONE, Inherited::default())];
        while let Some((node, parent, inherited)) = stack.pop() {
            let Inherited { in_unlikely, in_tc, in_figure, in_chrome, in_threads, in_link, in_hidden, in_body } =
                inherited;
            let index = entries.len() as u32;
            let mut entry = Entry {
                node,
                parent,
                end: 0,
                tag: Tag::Other,
                is_list: false,
                is_li: false,
                is_dl: false,
                is_form: false,
                hash_link: false,
                class_bits: 0,
                id_bits: 0,
                unlikely: false,
                in_unlikely,
                hidden: false,
                in_hidden,
                in_table_or_code: in_tc,
                in_figure,
                chrome: false,
                thread_only: false,
                in_link: false,
                block_descendant: false,
                element_children: 0,
                signature: 0,
                totals: [Totals::default(); 2],
                density: DensityTotals::default(),
                own_text: 0,
                own_commas: 0,
            };
            let (mut json_ld, mut tagged, mut threads) = (false, false, false);
            let keep = node
                .query(|t| match &t.data {
                    NodeData::Text { contents } => {
                        entry.tag = Tag::Text;
                        entry.totals[1] = text_totals(contents);
                        true
                    }
                    NodeData::Document | NodeData::Fragment => true,
                    NodeData::Element(el) => {
                        let name: &str = &el.name.local;
                        if is_skipped(name) {
                            json_ld = name == "script"
                                && el
                                    .attrs
                                    .iter()
                                    .any(|a| &*a.name.local == "type" && &*a.value == "application/ld+json");
                            return false;
                        }
                        tagged = matches!(name, "meta" | "link" | "time" | "html" | "title")
                            || el.attrs.iter().any(|a| &*a.name.local == "itemprop");
                        // The head is read for metadata only.
                        entry.hidden = name == "head" || is_hidden(el);
                        entry.tag = tag_of(name);
                        entry.is_list = matches!(name, "ul" | "ol" | "dl");
                        entry.chrome = name == "head" || super::density::is_pruned_by_name(name);
                        threads = super::density::is_thread_element(name);
                        entry.is_li = name == "li";
                        entry.is_dl = name == "dl";
                        entry.is_form = name == "form";
                        let mut role_unlikely = false;
                        let mut class = None;
                        for a in &el.attrs {
                            match &*a.name.local {
                                "class" => {
                                    let (bits, chrome, comment) = attr_hints.judge(name, &a.value);
                                    entry.class_bits = bits;
                                    entry.chrome |= chrome;
                                    threads |= comment;
                                    class = Some(&*a.value);
                                }
                                "id" => {
                                    let (bits, chrome, comment) = attr_hints.judge(name, &a.value);
                                    entry.id_bits = bits;
                                    entry.chrome |= chrome;
                                    threads |= comment;
                                }
                                "role" => {
                                    role_unlikely = UNLIKELY_ROLES.contains(&&*a.value);
                                    // Roles carry no Readability hints: the chrome words alone.
                                    let (chrome, comment) = super::density::chrome_words(&a.value);
                                    let judged = super::density::is_chrome_attr_element(name);
                                    entry.chrome |= chrome && judged;
                                    threads |= comment && judged;
                                }
                                "href" => entry.hash_link = a.value.starts_with('#'),
                                "rel" | "itemprop" if a.value.contains("author") => entry.class_bits |= HINT_BYLINE,
                                _ => {}
                            }
                        }
                        entry.signature = super::repeated::signature(name, class);
                        let bits = entry.class_bits | entry.id_bits;
                        let by_class = bits & HINT_UNLIKELY != 0 && bits & HINT_MAYBE == 0;
                        entry.unlikely = !matches!(entry.tag, Tag::Body | Tag::A | Tag::Html)
                            && ((by_class && !in_tc) || role_unlikely);
                        true
                    }
                    _ => false,
                })
                .unwrap_or(false);
            if json_ld {
                scan.json_ld.push(node.text().to_string());
            }
            if !keep {
                continue;
            }
            if tagged {
                scan.tagged.push(node);
            }
            let in_body = in_body || entry.tag == Tag::Body;
            if in_body && entry.tag == Tag::Text {
                scan.body_chars += entry.totals[1].non_space as usize;
            }
            if entry.tag == Tag::Body && body == NONE {
                body = index;
            }
            entry.in_unlikely |= entry.unlikely;
            let in_tc = in_tc || matches!(entry.tag, Tag::Table | Tag::Code);
            let in_figure = in_figure || entry.tag == Tag::Figure;
            let in_unlikely = entry.in_unlikely;
            entry.in_hidden |= entry.hidden;
            let in_hidden = entry.in_hidden;
            entry.chrome |= in_chrome;
            let in_threads = in_threads || threads;
            entry.thread_only = in_threads && !entry.chrome;
            entry.in_link = in_link;
            if entry.tag == Tag::Text && !entry.chrome {
                let non_space = entry.totals[1].non_space;
                let d = &mut entry.density;
                let (run_chars, prose) = if in_threads {
                    (&mut d.thread_run_chars, &mut d.thread_prose)
                } else {
                    (&mut d.run_chars, &mut d.prose)
                };
                *run_chars = non_space;
                if !in_link {
                    *prose = non_space;
                }
            }
            entry.chrome |= in_threads;
            if entry.tag == Tag::Text {
                // A text node reads the same in both attempts.
                entry.totals[0] = entry.totals[1];
            }
            let inherited = Inherited {
                in_unlikely,
                in_tc,
                in_figure,
                in_chrome: entry.chrome && !entry.thread_only,
                in_threads,
                in_link: in_link || entry.tag == Tag::A,
                in_hidden,
                in_body,
            };
            entries.push(entry);
            let mut child = node.last_child();
            while let Some(c) = child {
                stack.push((c, index, inherited));
                child = c.prev_sibling();
            }
        }
        // Bottom-up: children always come after their parent.
        let mut size: Vec<u32> = vec![1; entries.len()];
        for i in (0..entries.len()).rev() {
            let e = &entries[i];
            let mut totals = e.totals;
            match e.tag {
                Tag::A => {
                    let hash = e.hash_link;
                    for t in &mut totals {
                        t.link = t.text() as f32 * if hash { 0.3 } else { 1.0 };
                    }
                }
                Tag::P => totals.iter_mut().for_each(|t| t.p += 1),
                Tag::Img => totals.iter_mut().for_each(|t| t.img += 1),
                Tag::Embed => totals.iter_mut().for_each(|t| t.embed += 1),
                Tag::Input => totals.iter_mut().for_each(|t| t.input += 1),
                Tag::H1 | Tag::H2 | Tag::Heading => totals.iter_mut().for_each(|t| t.heading_text = t.text()),
                Tag::Th | Tag::Caption => totals.iter_mut().for_each(|t| t.data_table = true),
                _ => {}
            }
            if e.is_list {
                totals.iter_mut().for_each(|t| t.list_text = t.text());
            }
            if e.is_li {
                totals.iter_mut().for_each(|t| t.li += 1);
            }
            let parent = e.parent;
            let (unlikely, hidden, tag, is_list, block_desc) =
                (e.unlikely, e.hidden, e.tag, e.is_list, e.block_descendant);
            entries[i].totals = totals;
            entries[i].end = i as u32 + size[i];
            if parent == NONE {
                continue;
            }
            let p = parent as usize;
            size[p] += size[i];
            let density = entries[i].density;
            entries[p].density.add(&density);
            if hidden {
                // Only the density reading sees hidden text.
                continue;
            }
            if tag != Tag::Text {
                entries[p].element_children += 1;
            }
            entries[p].block_descendant |= block_desc || is_div_to_p(tag, is_list);
            entries[p].totals[1].prepend(&totals[1]);
            if !unlikely {
                entries[p].totals[0].prepend(&totals[0]);
            }
            // A div's own phrasing text (text nodes and inline children).
            if matches!(tag, Tag::Text | Tag::Phrasing | Tag::A) && entries[p].tag == Tag::Div {
                entries[p].own_text += totals[1].text();
                entries[p].own_commas += totals[1].commas;
            }
        }
        let all = entries.first().map(|e| e.density).unwrap_or_default();
        let threads_are_content = (all.prose as f32) < THREADS_CONTENT_SHARE * (all.prose + all.thread_prose) as f32;
        let prune = if threads_are_content {
            for e in &mut entries {
                e.chrome &= !e.thread_only;
                e.density.prose += e.density.thread_prose;
                e.density.run_chars += e.density.thread_run_chars;
            }
            super::density::Prune::Chrome
        } else {
            super::density::Prune::ChromeAndThreads
        };
        Page { entries, body, prune, scan }
    }

    /// Teaser candidates, in document order: the `<li>`s of `<article>`s,
    /// `<aside>`s and elements whose class (or id) says related/teaser/
    /// recommended, or the container itself when it has none; items over
    /// `max_chars` of text are left out (the article itself, not a teaser).
    pub fn teaser_items(&self, max_chars: u32) -> Vec<NodeRef<'a>> {
        let is_container = |e: &Entry| {
            !e.in_hidden
                && (matches!(e.tag, Tag::Article | Tag::Aside)
                    || e.class_bits & HINT_TEASER != 0
                    || e.id_bits & HINT_TEASER != 0 && e.node.attr("id").is_some_and(|id| id.contains("related")))
        };
        let short = |e: &Entry| e.totals[1].text() <= max_chars;
        let mut items = Vec::new();
        for (c, container) in self.entries.iter().enumerate() {
            if !is_container(container) {
                continue;
            }
            let range = c + 1..container.end as usize;
            let lis: Vec<&Entry> = self.entries[range].iter().filter(|e| e.is_li && !e.in_hidden).collect();
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

    /// `density::content_root` read from this pass's totals: the deepest
    /// element (or the root) holding at least `share` of the page's unlinked,
    /// unpruned prose, and that prose.
    pub fn content_root(&self, share: f32) -> (NodeRef<'a>, usize) {
        let total = self.entries[0].density.prose;
        let need = (total as f32 * share) as u32;
        // Deepest over the bar: the last one in pre-order on the chain.
        let best = (1..self.entries.len())
            .rev()
            .find(|&i| {
                let e = &self.entries[i];
                e.tag != Tag::Text && !e.chrome && e.density.prose >= need && e.density.prose > 0
            })
            .unwrap_or(0);
        (self.entries[best].node, self.entries[best].density.prose as usize)
    }

    /// `repeated::largest_run` over this pass's elements (chrome left out).
    pub fn largest_run(&self) -> Option<super::repeated::Run<'a>> {
        // The run finder's own list, with parents re-indexed into it.
        let mut index = vec![usize::MAX; self.entries.len()];
        let mut elements = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if e.tag == Tag::Text || e.chrome || e.node.is_document() {
                continue;
            }
            index[i] = elements.len();
            let parent = if e.parent == NONE { usize::MAX } else { index[e.parent as usize] };
            elements.push(super::repeated::Element {
                node: e.node,
                parent,
                signature: e.signature,
                chars: e.density.run_chars as usize,
            });
        }
        super::repeated::largest_run(&elements, |p| elements_chars(&elements, p))
    }

    /// The page's `<h1>`, when it has exactly one.
    pub fn single_h1(&self) -> Option<NodeRef<'a>> {
        let mut h1s = self.entries.iter().filter(|e| e.tag == Tag::H1 && !e.in_hidden);
        let first = h1s.next()?;
        h1s.next().is_none().then_some(first.node)
    }

    fn children(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let end = self.entries[i as usize].end;
        let mut next = i + 1;
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let c = next;
            next = self.entries[c as usize].end;
            Some(c)
        })
    }

    fn class_weight(&self, i: u32, weigh: bool) -> f32 {
        if !weigh {
            return 0.0;
        }
        let e = &self.entries[i as usize];
        let w = |bits: u16| {
            (if bits & HINT_NEGATIVE != 0 { -25.0 } else { 0.0 }) + if bits & HINT_POSITIVE != 0 { 25.0 } else { 0.0 }
        };
        w(e.class_bits) + w(e.id_bits)
    }

    /// Readability's multi-attempt choice: strict first, then fewer rules
    /// while the choice holds under `CHAR_THRESHOLD` characters; the longest wins.
    pub fn choose(&self, title: Option<&str>, known_byline: bool) -> Option<Choice<'a>> {
        let body = if self.body == NONE { 0 } else { self.body };
        let mut best: Option<Choice<'a>> = None;
        for (strip, weigh, clean) in
            [(true, true, true), (false, true, true), (false, false, true), (false, false, false)]
        {
            let Some(choice) = self.attempt(body, strip, weigh, clean, title, known_byline) else { continue };
            if choice.text_len >= CHAR_THRESHOLD {
                return Some(choice);
            }
            if best.as_ref().is_none_or(|b| choice.text_len > b.text_len) {
                best = Some(choice);
            }
        }
        best
    }

    fn attempt(
        &self,
        body: u32,
        strip: bool,
        weigh: bool,
        clean: bool,
        title: Option<&str>,
        known_byline: bool,
    ) -> Option<Choice<'a>> {
        let mode = usize::from(!strip);
        let n = self.entries.len();
        let mut score: Vec<f32> = vec![0.0; n];
        let mut scored: Vec<bool> = vec![false; n];
        let (start, end) = (body, self.entries[body as usize].end);
        let excluded = |i: usize| self.entries[i].in_hidden || strip && self.entries[i].in_unlikely;

        let init = |i: u32, score: &mut Vec<f32>, scored: &mut Vec<bool>| {
            let tag_score = match self.entries[i as usize].tag {
                Tag::Div => 5.0,
                Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
                Tag::Address | Tag::ListLike => -3.0,
                Tag::H1 | Tag::H2 | Tag::Heading | Tag::Th => -5.0,
                _ => 0.0,
            };
            score[i as usize] = tag_score + self.class_weight(i, weigh);
            scored[i as usize] = true;
        };

        // Score paragraphs into their ancestors.
        for i in start..end {
            let iu = i as usize;
            let e = &self.entries[iu];
            if excluded(iu) || e.tag == Tag::Text {
                continue;
            }
            // (length, commas, first ancestor to credit)
            let unit = match e.tag {
                Tag::P | Tag::Pre | Tag::Td | Tag::Section | Tag::H2 | Tag::Heading => {
                    Some((e.totals[mode].text(), e.totals[mode].commas, e.parent))
                }
                Tag::Div if !e.block_descendant => Some((e.totals[mode].text(), e.totals[mode].commas, e.parent)),
                Tag::Div => Some((e.own_text, e.own_commas, i)), // its phrasing runs, wrapped in a paragraph
                _ => None,
            };
            let Some((len, commas, first)) = unit else { continue };
            if len < 25 || first == NONE {
                continue;
            }
            let content = 1.0 + (commas + 1) as f32 + (len / 100).min(3) as f32;
            let mut ancestor = self.skip_wrapper(first, mode);
            for level in 0..SCORE_DEPTH {
                if ancestor == NONE {
                    break;
                }
                let a = &self.entries[ancestor as usize];
                // Readability stops below the document element.
                if a.parent == NONE || self.entries[a.parent as usize].tag == Tag::Text || a.tag == Tag::Html {
                    break;
                }
                if !scored[ancestor as usize] {
                    init(ancestor, &mut score, &mut scored);
                }
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                score[ancestor as usize] += content / divider;
                ancestor = self.skip_wrapper(a.parent, mode);
            }
        }
        // Candidates: scored elements, discounted by link density.
        let mut top: Vec<u32> = Vec::with_capacity(TOP_CANDIDATES + 1);
        for i in start..end {
            let iu = i as usize;
            if !scored[iu] || excluded(iu) {
                continue;
            }
            score[iu] *= 1.0 - self.entries[iu].totals[mode].link_density();
            let pos = top.iter().position(|&t| score[t as usize] < score[iu]).unwrap_or(top.len());
            if pos < TOP_CANDIDATES {
                top.insert(pos, i);
                top.truncate(TOP_CANDIDATES);
            }
        }
        let mut candidate = match top.first() {
            Some(&t) if t != body => t,
            _ => return Some(self.finish(vec![body], body, mode, strip, weigh, clean, title, known_byline)),
        };
        // Several near-equal candidates under one ancestor: the ancestor is the article.
        let top_score = score[candidate as usize];
        let alternatives: Vec<Vec<u32>> =
            top[1..].iter().filter(|&&t| score[t as usize] / top_score >= 0.75).map(|&t| self.ancestors(t)).collect();
        if alternatives.len() >= 3 {
            let mut parent = self.entries[candidate as usize].parent;
            while parent != NONE && parent != body {
                if alternatives.iter().filter(|a| a.contains(&parent)).count() >= 3 {
                    candidate = parent;
                    break;
                }
                parent = self.entries[parent as usize].parent;
            }
        }
        if !scored[candidate as usize] {
            init(candidate, &mut score, &mut scored);
        }
        // Climb while the parent scores comparably: the article's container.
        let mut parent = self.entries[candidate as usize].parent;
        let mut last = score[candidate as usize];
        let threshold = last / 3.0;
        while parent != NONE && parent != body {
            if !scored[parent as usize] {
                parent = self.entries[parent as usize].parent;
                continue;
            }
            let s = score[parent as usize];
            if s < threshold {
                break;
            }
            if s > last {
                candidate = parent;
                break;
            }
            last = s;
            parent = self.entries[parent as usize].parent;
        }
        // An only child stands for its parent.
        loop {
            let parent = self.entries[candidate as usize].parent;
            if parent == NONE || parent == body || self.entries[parent as usize].element_children != 1 {
                break;
            }
            candidate = parent;
        }
        if !scored[candidate as usize] {
            init(candidate, &mut score, &mut scored);
        }
        // Siblings that score well, or read like paragraphs, join.
        let top_score = score[candidate as usize];
        let sibling_threshold = (top_score * 0.2).max(10.0);
        let parent = self.entries[candidate as usize].parent;
        let top_class = self.entries[candidate as usize].node.attr("class");
        let mut parts = Vec::new();
        for s in self.children(parent) {
            let su = s as usize;
            let e = &self.entries[su];
            if e.tag == Tag::Text || excluded(su) {
                continue;
            }
            let append = if s == candidate {
                true
            } else {
                // Readability asks for the same class string; page builders number
                // each section (`elementor-element-8c3f`), so the same first class
                // word counts (`repeated::signature`). Measured: wcxb +.001, zyte ±0.
                let same_kind = e.signature == self.entries[candidate as usize].signature
                    && top_class.as_deref().is_some_and(|c| !c.is_empty())
                    && e.node.has_attr("class");
                let bonus = if same_kind { top_score * 0.2 } else { 0.0 };
                if scored[su] && score[su] + bonus >= sibling_threshold {
                    true
                } else if e.tag == Tag::P {
                    let t = &e.totals[mode];
                    let density = t.link_density();
                    let len = t.text();
                    (len > 80 && density < 0.25) || (len > 0 && len < 80 && density == 0.0 && ends_sentence(&e.node))
                } else {
                    false
                }
            };
            if append {
                parts.push(s);
            }
        }
        Some(self.finish(parts, body, mode, strip, weigh, clean, title, known_byline))
    }

    /// A div whose only content is one paragraph gives way to it (Readability
    /// replaces such divs by their paragraph).
    fn skip_wrapper(&self, mut i: u32, mode: usize) -> u32 {
        while i != NONE {
            let e = &self.entries[i as usize];
            if e.tag == Tag::Div && e.element_children == 1 && e.own_text == 0 && e.totals[mode].link_density() < 0.25 {
                let only_p = self.children(i).any(|c| self.entries[c as usize].tag == Tag::P);
                if only_p {
                    i = e.parent;
                    continue;
                }
            }
            break;
        }
        i
    }

    fn ancestors(&self, mut i: u32) -> Vec<u32> {
        let mut out = Vec::new();
        while self.entries[i as usize].parent != NONE {
            i = self.entries[i as usize].parent;
            out.push(i);
        }
        out
    }

    /// Readability's `prepArticle`, as a set of subtrees the walk skips.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        parts: Vec<u32>,
        body: u32,
        mode: usize,
        strip: bool,
        weigh: bool,
        clean: bool,
        title: Option<&str>,
        known_byline: bool,
    ) -> Choice<'a> {
        let mut removed = FxHashSet::default();
        let mut text = Totals::default();
        // Readability removes a byline element only when metadata named no author.
        let mut byline_seen = known_byline;
        let mut title_seen = false;
        for &part in &parts {
            let mut i = part;
            let end = self.entries[part as usize].end;
            while i < end {
                let iu = i as usize;
                let e = &self.entries[iu];
                let drop = e.hidden
                    || (strip && e.unlikely)
                    || (e.tag != Tag::Text && self.prep_removes(i, i == body, mode, weigh, clean))
                    || (!byline_seen && e.tag != Tag::Text && self.is_byline(i, mode) && {
                        byline_seen = true;
                        true
                    })
                    || (!title_seen && matches!(e.tag, Tag::H1 | Tag::H2) && duplicates_title(&e.node, title) && {
                        title_seen = true;
                        true
                    });
                if drop {
                    removed.insert(e.node.id);
                    i = e.end;
                    continue;
                }
                if e.tag == Tag::Text && e.totals[1].has_text {
                    // Appended in document order: a run across nodes counts once.
                    let t = &e.totals[1];
                    if text.has_text {
                        text.chars += t.chars + u32::from(t.starts_ws && !text.ends_ws);
                    } else {
                        text = *t;
                    }
                    text.ends_ws = t.ends_ws;
                }
                i += 1;
            }
        }
        Choice {
            parts: parts.into_iter().map(|p| self.entries[p as usize].node).collect(),
            removed,
            text_len: text.text(),
        }
    }

    fn is_byline(&self, i: u32, mode: usize) -> bool {
        let e = &self.entries[i as usize];
        let len = e.totals[mode].text();
        (e.class_bits | e.id_bits) & HINT_BYLINE != 0 && len > 0 && len < 100
    }

    /// Readability's `_clean`, `_cleanHeaders`, share-widget removal and
    /// `_cleanConditionally`, judged on the page's totals.
    fn prep_removes(&self, i: u32, is_body: bool, mode: usize, weigh: bool, clean: bool) -> bool {
        let e = &self.entries[i as usize];
        let t = &e.totals[mode];
        if matches!(e.tag, Tag::Embed | Tag::Footer | Tag::Aside | Tag::Input) {
            return true;
        }
        if matches!(e.tag, Tag::H1 | Tag::H2) && self.class_weight(i, weigh) < 0.0 {
            return true;
        }
        let share = (e.class_bits | e.id_bits) & HINT_NEGATIVE != 0 && has_share_word(&e.node);
        if share && t.text() < 500 && !is_body {
            return true;
        }
        if !clean || is_body {
            return false;
        }
        // A div with no block inside became a paragraph in Readability's grab.
        let conditional = (e.tag == Tag::Div && e.block_descendant)
            || matches!(e.tag, Tag::Table | Tag::Fieldset)
            || e.is_list && !e.is_dl
            || e.is_form;
        if !conditional || e.in_table_or_code && e.tag != Tag::Table {
            return false;
        }
        if t.data_table {
            return false;
        }
        let weight = self.class_weight(i, weigh);
        if weight < 0.0 {
            return true;
        }
        if t.commas >= 10 {
            return false;
        }
        let is_list = e.is_list || (t.text() > 0 && t.list_text as f32 / t.text() as f32 > 0.9);
        let (p, img, li, input) = (t.p as f32, t.img as f32, t.li as f32 - 100.0, t.input as f32);
        let heading_density = if t.text() == 0 { 0.0 } else { t.heading_text as f32 / t.text() as f32 };
        let density = t.link_density();
        let len = t.text();
        let remove = (!e.in_figure && img > 1.0 && p / img < 0.5)
            || (!is_list && li > p)
            || input > (p / 3.0).floor()
            || (!is_list
                && !e.in_figure
                && heading_density < 0.9
                && len < 25
                && (img == 0.0 || img > 2.0)
                && density > 0.0)
            || (!is_list && weight < 25.0 && density > 0.2)
            || (weight >= 25.0 && density > 0.5)
            || (t.embed == 1 && len < 75)
            || t.embed > 1;
        if remove && is_list {
            // Lists of images stay.
            return !(t.img > 0 && t.img == t.li);
        }
        remove
    }
}

fn elements_chars(elements: &[super::repeated::Element], i: usize) -> usize {
    elements.get(i).map_or(0, |e| e.chars)
}

fn has_share_word(node: &NodeRef) -> bool {
    ["class", "id"].iter().any(|a| {
        node.attr(a).is_some_and(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("share") || w.eq_ignore_ascii_case("sharedaddy"))
        })
    })
}

/// A short paragraph that ends a sentence (`. ` or a final `.`).
fn ends_sentence(node: &NodeRef) -> bool {
    let text = node.text();
    text.contains(". ") || text.trim_end().ends_with('.')
}

/// Readability drops the first h1/h2 repeating the title (similarity over 0.75).
fn duplicates_title(node: &NodeRef, title: Option<&str>) -> bool {
    let Some(title) = title else { return false };
    let heading = node.text();
    text_similarity(title, &heading) > 0.75
}

/// Readability's `_textSimilarity`: share of the second text's tokens also in the first.
pub fn text_similarity(a: &str, b: &str) -> f32 {
    let tokens = |s: &str| -> Vec<String> {
        s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
    };
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let unique: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let joined_b: usize = tb.iter().map(|t| t.len()).sum::<usize>() + tb.len().saturating_sub(1);
    let joined_u: usize = unique.iter().map(|t| t.len()).sum::<usize>() + unique.len().saturating_sub(1);
    1.0 - joined_u as f32 / joined_b as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    /// The test page's one element with an `id`.
    fn entry_with_id<'p, 'a>(page: &'p Page<'a>) -> &'p Entry<'a> {
        page.entries.iter().find(|e| e.node.attr("id").is_some()).expect("an element with an id")
    }

    #[test]
    fn text_length_counts_a_whitespace_run_across_nodes_once() {
        let doc = Document::from("<div id=t>  foo <b> bar</b>\n\n <i>baz </i> </div>");
        let page = Page::read(&doc.root());
        let div = entry_with_id(&page);
        assert_eq!(div.totals[1].text(), "foo bar baz".len() as u32);
    }

    #[test]
    fn the_article_beats_a_link_sidebar_and_an_unlikely_comment_thread() {
        let para = |i: usize| {
            format!("<p>Paragraph {i} tells the story, with commas, clauses, and enough words to score as prose in a real article body.</p>")
        };
        let body: String = (0..6).map(para).collect();
        let links: String = (0..30).map(|i| format!("<li><a href='/{i}'>Another story number {i}</a></li>")).collect();
        let comments: String = (0..12).map(|i| format!("<div class='comment'>{}</div>", para(100 + i))).collect();
        let html = format!(
            "<body><div class='sidebar'><ul>{links}</ul></div><div class='story'><h1>Title</h1>{body}</div>\
             <div id='comments'>{comments}</div></body>"
        );
        let doc = Document::from(html.as_str());
        let page = Page::read(&doc.root());
        let choice = page.choose(None, false).expect("a choice");
        assert_eq!(choice.parts.len(), 1);
        assert_eq!(choice.parts[0].attr("class").as_deref(), Some("story"));
        assert!(choice.text_len >= CHAR_THRESHOLD);
    }

    #[test]
    fn numbered_page_builder_sections_join_the_choice() {
        let para = |i: usize| {
            format!("<p>Paragraph {i} tells the story, with commas, clauses, and enough words to score as prose in a real article body.</p>")
        };
        let body: String = (0..8).map(para).collect();
        let html = format!(
            "<body><div class='builder'><div class='section section-1a2b'><div class='text'>{body}</div></div>\
             <div class='section section-9f8e'><div class='text'><p>A closing note that is short, but still a paragraph.</p></div></div>\
             <div class='promo'><div class='text'><p>A promo line that is short, but still a paragraph.</p></div></div></div></body>"
        );
        let doc = Document::from(html.as_str());
        let page = Page::read(&doc.root());
        let choice = page.choose(None, false).expect("a choice");
        let classes: Vec<String> = choice.parts.iter().filter_map(|p| p.attr("class").map(|c| c.to_string())).collect();
        assert_eq!(classes, vec!["section section-1a2b", "section section-9f8e"]);
    }

    #[test]
    fn link_heavy_blocks_inside_the_choice_are_removed() {
        let para = "<p>Prose that reads like an article, with commas, clauses, and sentences long enough to count.</p>";
        let html = format!(
            "<body><div class='content'>{}<div class='links'><p><a href='/a'>Read more elsewhere</a> \
             <a href='/b'>And here too</a></p></div></div></body>",
            para.repeat(8)
        );
        let doc = Document::from(html.as_str());
        let page = Page::read(&doc.root());
        let choice = page.choose(None, false).unwrap();
        let links = doc.select("div.links").nodes()[0].id;
        assert!(choice.removed.contains(&links));
    }

    #[test]
    fn the_content_root_holds_the_prose_without_chrome_or_links() {
        let prose = "Words of a forum post that people wrote, long enough to matter here. ".repeat(4);
        let html = format!(
            "<body><nav>{prose}</nav><div id=posts><div class=post>{prose}</div><div class=post>{prose}</div></div>\
             <div><a href=/x>{prose}</a></div></body>"
        );
        let doc = Document::from(html.as_str());
        let page = Page::read(&doc.root());
        let (root, chars) = page.content_root(0.8);
        assert_eq!(root.attr("id").as_deref(), Some("posts"), "nav is chrome, the link text is not prose");
        assert_eq!(chars, 2 * super::super::non_space_chars(&prose));
    }

    #[test]
    fn comment_threads_and_forms_are_chrome_beside_an_article_and_content_on_a_forum() {
        use super::super::density::Prune;
        let prose = "Words that people wrote, long enough to matter for the reading here. ".repeat(4);
        let blog = format!(
            "<body><article><p>{prose}</p><p>{prose}</p></article><form><label>Your reply</label></form>\
             <ol class=comment-list><li>{prose}</li></ol></body>"
        );
        let doc = Document::from(blog.as_str());
        let page = Page::read(&doc.root());
        assert_eq!(page.prune, Prune::ChromeAndThreads);
        assert_eq!(page.content_root(0.8).0.node_name().as_deref(), Some("article"));

        // Forum software names its posts "comments" and wraps them in a moderation form.
        let forum = format!(
            "<body><h1>A thread</h1><div id=comments><form><article class=post>{prose}</article>\
             <article class=post>{prose}</article><article class=post>{prose}</article></form></div></body>"
        );
        let doc = Document::from(forum.as_str());
        let page = Page::read(&doc.root());
        assert_eq!(page.prune, Prune::Chrome, "the posts are the page");
        let (root, chars) = page.content_root(0.8);
        assert_eq!(root.node_name().as_deref(), Some("form"));
        assert_eq!(chars, 3 * super::super::non_space_chars(&prose));
        assert_eq!(page.largest_run().map(|r| r.members.len()), Some(3));
    }

    #[test]
    fn hidden_text_counts_as_prose_but_not_for_readability() {
        let doc = Document::from("<body><div id=t>seen<div aria-hidden=true>unseen</div></div></body>");
        let page = Page::read(&doc.root());
        let div = entry_with_id(&page);
        assert_eq!(div.totals[1].text(), 4);
        assert_eq!(div.density.prose, 10);
    }

    #[test]
    fn styles_that_hide_are_recognised_in_any_case_and_spacing() {
        assert!(hides(b"color: red; DISPLAY : None"));
        assert!(hides(b"visibility:hidden"));
        assert!(!hides(b"display: block; visibility: visible"));
        assert!(!hides(b""));
    }

    #[test]
    fn hidden_and_script_subtrees_are_not_read() {
        let doc =
            Document::from("<body><div id=t>seen<div hidden>unseen words</div><script>var x;</script></div></body>");
        // Readability's length only: hidden text is prose for the density reading (next test).
        let page = Page::read(&doc.root());
        let div = entry_with_id(&page);
        assert_eq!(div.totals[1].text(), 4);
    }
}
