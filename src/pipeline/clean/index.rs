//! The DOM index: one walk over the parsed page, then one bottom-up pass,
//! that every later reading of the HTML path works from.
//!
//! Readability (as dom_smoothie ports it) re-reads a subtree's text for
//! every candidate, clones the document for each retry and serialises its
//! choice. Here one pre-order list of the page's nodes carries what each node
//! is (`markup`'s judgement of its name and attributes) and its subtree
//! totals (`totals`), added up bottom-up twice:
//! without Readability's "unlikely" subtrees (its first attempt) and with
//! them (its retries). The same walk collects what `meta` reads and decides
//! whether comment threads and forms are chrome or the page's content.
//!
//! It reads the tree and never changes it, and it never chooses the page's
//! content: `readability`, `density`, `repeated` and `teasers` do, from its
//! entries.
//! The walk is iterative: a deep tag nest must not overflow the stack.

use dom_query::{local_name, NodeData, NodeRef};

use super::markup::{self, Prune, Tag, HINT_AUTHOR, HINT_BYLINE, HINT_DATE, HINT_MAYBE, HINT_UNLIKELY};
use super::totals::{text_totals, DensityTotals, Totals};

/// No entry (the root's parent).
pub(crate) const NONE: u32 = u32::MAX;

/// Comment threads and forms (`Prune::ChromeAndThreads`) are the page's
/// content, not chrome, when the text outside them is less than this share
/// of the page's prose (a forum thread, a page wrapped in a form).
const THREADS_CONTENT_SHARE: f32 = 0.3;

/// A container named as chrome by its class or id holding at least this
/// share of the page's unlinked prose is content (`keep_chrome_holding_the_prose`).
const KEPT_CHROME_SHARE: f32 = 0.5;

/// Which subtree totals: Readability's first attempt reads the page without
/// its unlikely subtrees, its retries read all of it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Reading {
    WithoutUnlikely = 0,
    All = 1,
}

/// One node of the page, in pre-order.
pub struct Entry<'a> {
    pub node: NodeRef<'a>,
    pub parent: u32,
    /// One past the last entry of this subtree (pre-order ranges).
    pub end: u32,
    pub tag: Tag,
    /// `dl`/`ol`/`ul`: block for the div-to-p rule, list for clean-conditionally.
    pub is_list: bool,
    /// `li`, `dl`, `form`, and an in-page (`#…`) link: names the passes ask about.
    pub is_li: bool,
    pub is_dl: bool,
    pub is_form: bool,
    pub hash_link: bool,
    pub class_bits: u16,
    pub id_bits: u16,
    /// Readability removes it on its first attempt (class/id or role).
    pub unlikely: bool,
    /// Inside an unlikely subtree (itself included).
    pub in_unlikely: bool,
    /// Hidden (`markup::is_hidden`): Readability never reads it; the density reading does.
    pub hidden: bool,
    pub in_hidden: bool,
    /// Inside a `<table>` or `<code>`: Readability never strips unlikelys there.
    pub in_table_or_code: bool,
    pub in_figure: bool,
    /// Page chrome by `markup`'s rules (or inside it), threads included.
    pub chrome: bool,
    /// Chrome only as (or inside) a comment thread or form.
    pub thread_only: bool,
    /// Chrome by its own name or class/id/role words (not only inherited).
    own_chrome: bool,
    /// Chrome by its own class/id/role words alone (not by element name).
    attr_chrome: bool,
    pub in_link: bool,
    /// Has a descendant that makes a div a container rather than a paragraph.
    pub block_descendant: bool,
    pub element_children: u32,
    /// `signature` of tag and first class word.
    pub signature: u64,
    /// Indexed by `Reading`.
    totals: [Totals; 2],
    pub density: DensityTotals,
    /// Text of a div's own phrasing runs.
    pub own_text: u32,
    pub own_commas: u32,
}

impl<'a> Entry<'a> {
    fn new(node: NodeRef<'a>, parent: u32, inherited: &Inherited) -> Entry<'a> {
        Entry {
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
            in_unlikely: inherited.in_unlikely,
            hidden: false,
            in_hidden: inherited.in_hidden,
            in_table_or_code: inherited.in_tc,
            in_figure: inherited.in_figure,
            chrome: false,
            thread_only: false,
            own_chrome: false,
            attr_chrome: false,
            in_link: false,
            block_descendant: false,
            element_children: 0,
            signature: 0,
            totals: [Totals::default(); 2],
            density: DensityTotals::default(),
            own_text: 0,
            own_commas: 0,
        }
    }

    pub(crate) fn totals(&self, reading: Reading) -> &Totals {
        &self.totals[reading as usize]
    }
}

/// The elements metadata is read from, collected on the index's walk (one
/// `select` per field would walk the whole page each time).
#[derive(Default)]
pub(crate) struct Scan<'a> {
    /// `<meta>`, `<link>`, `<time>`, `<html>`, `<title>` and `[itemprop]` elements, in document order.
    pub tagged: Vec<NodeRef<'a>>,
    /// The entry of each `tagged` element (microdata in a comment thread is a comment's).
    pub tagged_at: Vec<u32>,
    /// Entries that may hold the page's date, author or headline: `<h1>`,
    /// `<time>`, `<abbr>`, `[pubdate]`, `rel=author`, and date/author class or
    /// id words (`markup::HINT_DATE`, `HINT_AUTHOR`, `HINT_BYLINE`), in document order.
    pub marked: Vec<u32>,
    /// Texts of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The first `dc:date` of an RDF block in a comment: blog engines'
    /// trackback metadata (`<!-- <rdf:RDF … dc:date="…"/> -->`).
    pub comment_date: Option<String>,
    /// Non-space characters of body text outside scripts, styles and form controls.
    pub body_chars: usize,
}

/// The page's nodes with subtree totals.
pub(crate) struct DomIndex<'a> {
    pub entries: Vec<Entry<'a>>,
    body: u32,
    /// What a whole-page reading of this page prunes: comment threads and
    /// forms too, unless they hold the page's text.
    pub prune: Prune,
    /// A container named as chrome by its class or id words that holds most
    /// of the page's prose (`keep_chrome_holding_the_prose`): read, not pruned.
    pub kept_chrome: Option<dom_query::NodeId>,
    /// What `meta` reads, collected on the same walk.
    pub scan: Scan<'a>,
}

impl<'a> DomIndex<'a> {
    pub fn read(root: &NodeRef<'a>) -> DomIndex<'a> {
        let mut walk = Walk {
            // Sized once: entries are wide and pages have thousands of nodes.
            entries: Vec::with_capacity(root.tree.len()),
            body: NONE,
            scan: Scan::default(),
            hints: AttrHints::default(),
        };
        walk.run(root);
        let mut entries = walk.entries;
        add_up(&mut entries);
        let kept_chrome = keep_chrome_holding_the_prose(&mut entries);
        let prune = decide_prune(&mut entries);
        DomIndex { entries, body: walk.body, prune, kept_chrome, scan: walk.scan }
    }

    /// What a whole-page reading of this page skips.
    pub fn pruning(&self) -> markup::Pruning {
        markup::Pruning { rule: self.prune, kept: self.kept_chrome }
    }

    /// The `<body>` entry, or the document's when there is none.
    pub fn body(&self) -> u32 {
        if self.body == NONE {
            0
        } else {
            self.body
        }
    }

    /// The entries of `i`'s children, in document order.
    pub(crate) fn children(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
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

    /// `i`'s ancestors, nearest first.
    pub(crate) fn ancestors(&self, mut i: u32) -> Vec<u32> {
        let mut out = Vec::new();
        while self.entries[i as usize].parent != NONE {
            i = self.entries[i as usize].parent;
            out.push(i);
        }
        out
    }

    /// The page's `<h1>`, when it has exactly one.
    pub(crate) fn single_h1(&self) -> Option<NodeRef<'a>> {
        let mut h1s = self.entries.iter().filter(|e| e.tag == Tag::H1 && !e.in_hidden);
        let first = h1s.next()?;
        h1s.next().is_none().then_some(first.node)
    }
}

/// Tag name plus the first class word without digits, hashed: items of one
/// list share their first class word (`post`), not the rest (`post-12`,
/// `category-news`, generated hashes). `repeated` groups siblings by it.
pub(crate) fn signature(name: &str, class: Option<&str>) -> u64 {
    use xxhash_rust::xxh3::xxh3_64;
    // No String per element: hash the parts and mix.
    let word = class.and_then(|class| {
        class.split_ascii_whitespace().find(|w| !w.bytes().any(|b| b.is_ascii_digit())).map(|w| xxh3_64(w.as_bytes()))
    });
    xxh3_64(name.as_bytes()) ^ word.unwrap_or(0).rotate_left(17)
}

/// Flags a node passes to its children in the walk.
#[derive(Clone, Copy, Default)]
struct Inherited {
    in_unlikely: bool,
    in_tc: bool,
    in_figure: bool,
    in_chrome: bool,
    /// Every chrome element above is chrome by class/id/role words alone.
    in_attr_chrome: bool,
    in_threads: bool,
    in_link: bool,
    in_hidden: bool,
    in_body: bool,
}

/// `markup::judge_value` of class and id values,
/// cached for the page: listings repeat one long class string per card, and
/// scanning each again was a visible share of clean.
#[derive(Default)]
struct AttrHints {
    /// Keyed by the value itself: two values never share an answer.
    seen: rustc_hash::FxHashMap<Box<str>, (u16, bool, bool, bool)>,
}

impl AttrHints {
    /// Hint bits, chrome, comment-thread word, overlay word.
    fn judge(&mut self, element: &str, value: &str) -> (u16, bool, bool, bool) {
        let (bits, chrome, comment, overlay) = match self.seen.get(value) {
            Some(&judged) => judged,
            None => {
                let j = markup::judge_value(value);
                let judged = (j.bits, j.chrome, j.comment, j.overlay);
                self.seen.insert(value.into(), judged);
                judged
            }
        };
        let judged = markup::is_chrome_attr_element(element);
        (bits, chrome && judged, comment && judged, overlay && judged)
    }
}

/// `dc:date="…"` in a comment holding an RDF block.
fn rdf_date(comment: &str) -> Option<String> {
    let at = comment.find("dc:date=\"")? + "dc:date=\"".len();
    if !comment[..at].contains("rdf:") {
        return None;
    }
    let value = &comment[at..];
    let end = value.find('"').filter(|&e| e <= 40)?;
    Some(value[..end].to_string())
}

/// The attributes `look_element` reads.
#[derive(Clone, Copy)]
enum AttrRead {
    Class,
    Id,
    Role,
    Href,
    RelOrItemprop,
    Pubdate,
    Other,
}

/// Which attribute `name` is, compared as atoms (one integer compare each,
/// where matching the name as a string cost a visible share of the walk).
fn attr_read(name: &dom_query::LocalName) -> AttrRead {
    if *name == local_name!("class") {
        AttrRead::Class
    } else if *name == local_name!("id") {
        AttrRead::Id
    } else if *name == local_name!("href") {
        AttrRead::Href
    } else if *name == local_name!("role") {
        AttrRead::Role
    } else if *name == local_name!("rel") || *name == local_name!("itemprop") {
        AttrRead::RelOrItemprop
    } else if &**name == "pubdate" {
        AttrRead::Pubdate
    } else {
        AttrRead::Other
    }
}

/// What one look at a node found beyond its entry.
#[derive(Default)]
struct Look {
    /// The node has an entry (not a skipped subtree, comment or doctype).
    keep: bool,
    /// A JSON-LD script, for `meta`.
    json_ld: bool,
    /// An element `meta` reads.
    tagged: bool,
    /// A comment thread or form by name or class/id words.
    threads: bool,
    /// An element that may hold the date, author or headline (`Scan::marked`).
    marked: bool,
}

/// The pre-order walk's state.
struct Walk<'a> {
    entries: Vec<Entry<'a>>,
    body: u32,
    scan: Scan<'a>,
    hints: AttrHints,
}

impl<'a> Walk<'a> {
    fn run(&mut self, root: &NodeRef<'a>) {
        let tree = root.tree;
        // Pre-order by first-child and next-sibling links, both read in the
        // one look at a node: reading a last child's previous siblings first
        // touched each node's arena slot twice, far apart.
        // Per open ancestor: its entry, what its parent passed down, and the
        // node after its subtree.
        let mut open: Vec<(u32, Inherited, Option<dom_query::NodeId>)> = Vec::new();
        let (mut parent, mut inherited) = (NONE, Inherited::default());
        let mut next = Some(root.id);
        let mut is_root = true;
        loop {
            let Some(id) = next else {
                let Some((closed, passed, after)) = open.pop() else {
                    break;
                };
                let end = self.entries.len() as u32;
                let closed = &mut self.entries[closed as usize];
                closed.end = end;
                (parent, inherited, next) = (closed.parent, passed, after);
                continue;
            };
            crate::pipeline::budget::check();
            let node = NodeRef::new(id, tree);
            let mut entry = Entry::new(node, parent, &inherited);
            let (look, first_child, next_sibling) = self.look(&node, &mut entry, inherited.in_tc);
            // The root's siblings are not its subtree.
            let after = if is_root { None } else { next_sibling };
            is_root = false;
            if look.json_ld {
                self.scan.json_ld.push(node.text().to_string());
            }
            if !look.keep {
                next = after;
                continue;
            }
            let index = self.entries.len() as u32;
            entry.end = index + 1;
            // Settled in place: an entry is wide, and moving it once more per node showed.
            self.entries.push(entry);
            let passed = self.settle(index, &inherited, &look);
            if first_child.is_some() {
                open.push((index, inherited, after));
                (parent, inherited, next) = (index, passed, first_child);
            } else {
                next = after;
            }
        }
    }

    /// Reads the node into its entry: a text node's totals, an element's tag,
    /// names and attributes; with the node's first child and next sibling.
    fn look(
        &mut self,
        node: &NodeRef<'a>,
        entry: &mut Entry<'a>,
        in_tc: bool,
    ) -> (Look, Option<dom_query::NodeId>, Option<dom_query::NodeId>) {
        let mut look = Look::default();
        let links = node.query(|t| {
            look.keep = match &t.data {
                NodeData::Text { contents } => {
                    entry.tag = Tag::Text;
                    entry.totals[Reading::All as usize] = text_totals(contents);
                    true
                }
                NodeData::Document | NodeData::Fragment => true,
                NodeData::Element(el) => self.look_element(el, entry, in_tc, &mut look),
                NodeData::Comment { contents } => {
                    if self.scan.comment_date.is_none() {
                        self.scan.comment_date = rdf_date(contents);
                    }
                    false
                }
                _ => false,
            };
            (t.first_child, t.next_sibling)
        });
        let (first_child, next_sibling) = links.unwrap_or((None, None));
        (look, first_child, next_sibling)
    }

    fn look_element(&mut self, el: &dom_query::Element, entry: &mut Entry<'a>, in_tc: bool, look: &mut Look) -> bool {
        let name: &str = &el.name.local;
        if markup::is_never_text(name) {
            look.json_ld = name == "script"
                && el.attrs.iter().any(|a| a.name.local == local_name!("type") && &*a.value == "application/ld+json");
            return false;
        }
        look.tagged =
            markup::is_metadata_element(name) || el.attrs.iter().any(|a| a.name.local == local_name!("itemprop"));
        // The head is read for metadata only.
        entry.hidden = name == "head" || markup::is_hidden(el);
        entry.tag = markup::tag_of(name);
        entry.is_list = markup::is_list(name);
        let by_name = name == "head" || markup::is_pruned_by_name(name);
        entry.chrome = by_name;
        look.threads = markup::is_thread_element(name);
        entry.is_li = name == "li";
        entry.is_dl = name == "dl";
        entry.is_form = name == "form";
        let mut role_unlikely = false;
        let mut class = None;
        // Chrome by class or id words that may name a layout: read when it holds the prose.
        let (mut layout_chrome, mut fixed_chrome) = (false, by_name);
        for a in &el.attrs {
            match attr_read(&a.name.local) {
                AttrRead::Class => {
                    let (bits, chrome, comment, overlay) = self.hints.judge(name, &a.value);
                    // `|=`: a `rel`/`itemprop` author written before the class keeps its mark.
                    entry.class_bits |= bits;
                    entry.chrome |= chrome;
                    layout_chrome |= chrome && !overlay;
                    fixed_chrome |= overlay;
                    look.threads |= comment;
                    class = Some(&*a.value);
                }
                AttrRead::Id => {
                    let (bits, chrome, comment, overlay) = self.hints.judge(name, &a.value);
                    entry.id_bits = bits;
                    entry.chrome |= chrome;
                    layout_chrome |= chrome && !overlay;
                    fixed_chrome |= overlay;
                    look.threads |= comment;
                }
                AttrRead::Role => {
                    role_unlikely = markup::is_unlikely_role(&a.value);
                    // Roles carry no Readability hints: the chrome words alone.
                    let (chrome, comment) = markup::chrome_words(&a.value);
                    let judged = markup::is_chrome_attr_element(name);
                    entry.chrome |= chrome && judged;
                    fixed_chrome |= chrome && judged;
                    look.threads |= comment && judged;
                }
                AttrRead::Href => entry.hash_link = a.value.starts_with('#'),
                AttrRead::RelOrItemprop if a.value.contains("author") => entry.class_bits |= HINT_BYLINE,
                AttrRead::Pubdate => look.marked = true,
                _ => {}
            }
        }
        entry.own_chrome = entry.chrome;
        entry.attr_chrome = layout_chrome && !fixed_chrome;
        entry.signature = signature(name, class);
        let bits = entry.class_bits | entry.id_bits;
        look.marked |= bits & (HINT_DATE | HINT_AUTHOR | HINT_BYLINE) != 0 || matches!(name, "h1" | "time" | "abbr");
        let by_class = bits & HINT_UNLIKELY != 0 && bits & HINT_MAYBE == 0;
        entry.unlikely =
            !matches!(entry.tag, Tag::Body | Tag::A | Tag::Html) && ((by_class && !in_tc) || role_unlikely);
        true
    }

    /// Completes a kept node's entry from what its ancestors pass down, adds
    /// it, and returns what it passes to its children.
    fn settle(&mut self, index: u32, inherited: &Inherited, look: &Look) -> Inherited {
        let entry = &mut self.entries[index as usize];
        if look.tagged {
            self.scan.tagged.push(entry.node);
            self.scan.tagged_at.push(index);
        }
        if look.marked {
            self.scan.marked.push(index);
        }
        let in_body = inherited.in_body || entry.tag == Tag::Body;
        if in_body && entry.tag == Tag::Text {
            self.scan.body_chars += entry.totals[Reading::All as usize].non_space as usize;
        }
        if entry.tag == Tag::Body && self.body == NONE {
            self.body = index;
        }
        entry.in_unlikely |= entry.unlikely;
        entry.in_hidden |= entry.hidden;
        let attr_chrome_only = if inherited.in_chrome {
            inherited.in_attr_chrome && (!entry.own_chrome || entry.attr_chrome)
        } else {
            entry.attr_chrome
        };
        entry.chrome |= inherited.in_chrome;
        let in_threads = inherited.in_threads || look.threads;
        entry.thread_only = in_threads && !entry.chrome;
        entry.in_link = inherited.in_link;
        if entry.tag == Tag::Text && !entry.chrome {
            let non_space = entry.totals[Reading::All as usize].non_space;
            let d = &mut entry.density;
            let (run_chars, prose) = if in_threads {
                (&mut d.thread_run_chars, &mut d.thread_prose)
            } else {
                (&mut d.run_chars, &mut d.prose)
            };
            *run_chars = non_space;
            if !inherited.in_link {
                *prose = non_space;
            }
        } else if entry.tag == Tag::Text && attr_chrome_only && !in_threads && !inherited.in_link {
            entry.density.chrome_prose = entry.totals[Reading::All as usize].non_space;
        }
        entry.chrome |= in_threads;
        if entry.tag == Tag::Text {
            // A text node reads the same in both attempts.
            entry.totals[Reading::WithoutUnlikely as usize] = entry.totals[Reading::All as usize];
        }
        Inherited {
            in_unlikely: entry.in_unlikely,
            in_tc: inherited.in_tc || matches!(entry.tag, Tag::Table | Tag::Code),
            in_figure: inherited.in_figure || entry.tag == Tag::Figure,
            in_chrome: entry.chrome && !entry.thread_only,
            in_attr_chrome: attr_chrome_only,
            in_threads,
            in_link: inherited.in_link || entry.tag == Tag::A,
            in_hidden: entry.in_hidden,
            in_body,
        }
    }
}

/// The bottom-up pass: every entry's subtree totals (the walk set `end`).
/// Children always come after their parent.
fn add_up(entries: &mut [Entry]) {
    for i in (0..entries.len()).rev() {
        // The parent comes before its child: both borrowed, nothing copied.
        let (before, rest) = entries.split_at_mut(i);
        let e = &mut rest[0];
        add_own_totals(e);
        if e.parent == NONE {
            continue;
        }
        let p = e.parent as usize;
        let parent = &mut before[p];
        parent.density.add(&e.density);
        if e.hidden {
            // Only the density reading sees hidden text.
            continue;
        }
        let tag = e.tag;
        if tag != Tag::Text {
            parent.element_children += 1;
        }
        parent.block_descendant |= e.block_descendant || markup::is_div_to_p(tag, e.is_list);
        let [without_unlikely, all] = &e.totals;
        parent.totals[Reading::All as usize].prepend(all);
        if !e.unlikely {
            parent.totals[Reading::WithoutUnlikely as usize].prepend(without_unlikely);
        }
        // A div's own phrasing text (text nodes and inline children).
        if matches!(tag, Tag::Text | Tag::Phrasing | Tag::A) && parent.tag == Tag::Div {
            parent.own_text += all.text();
            parent.own_commas += all.commas;
        }
    }
}

/// Adds to an entry's totals (its children's) what it counts itself.
fn add_own_totals(e: &mut Entry) {
    let totals = &mut e.totals;
    match e.tag {
        Tag::A => {
            let hash = e.hash_link;
            for t in totals.iter_mut() {
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
}

/// A container chrome by its class or id words alone ("footer", "sidebar",
/// "menu") that holds most of the page's unlinked prose is the page's
/// content under a layout name (`page-footer` around a listicle's entries,
/// `content-with-sidebar`): it and what it holds stop being chrome, except
/// chrome nested in it. Chrome by element name (`<nav>`, `<footer>`) stays.
fn keep_chrome_holding_the_prose(entries: &mut [Entry]) -> Option<dom_query::NodeId> {
    let top = entries.first()?;
    let page = top.density.prose + top.density.chrome_prose;
    let need = (KEPT_CHROME_SHARE * page as f32) as u32;
    if top.density.chrome_prose < need || need == 0 {
        return None;
    }
    // The outermost attribute-chrome element over the bar (pre-order: first found).
    let i = (1..entries.len()).find(|&i| {
        let e = &entries[i];
        e.attr_chrome && !entries[e.parent as usize].chrome && e.density.chrome_prose >= need
    })?;
    let end = entries[i].end as usize;
    let mut delta: Vec<DensityTotals> = vec![DensityTotals::default(); end - i];
    entries[i].chrome = false;
    for j in i + 1..end {
        let p = entries[j].parent as usize;
        let chrome = entries[j].own_chrome || (entries[p].chrome && !entries[p].thread_only);
        let was = entries[j].chrome;
        entries[j].chrome = chrome || entries[j].thread_only;
        if was && !chrome && entries[j].tag == Tag::Text {
            let d = &mut delta[j - i];
            d.run_chars = entries[j].totals[Reading::All as usize].non_space;
            d.prose = entries[j].density.chrome_prose;
            entries[j].density.chrome_prose = 0;
        }
    }
    // Bottom-up within the subtree, then onto its ancestors.
    for j in (i + 1..end).rev() {
        let d = delta[j - i];
        entries[j].density.add(&d);
        let p = entries[j].parent as usize;
        delta[p - i].add(&d);
    }
    let d = delta[0];
    let mut k = i;
    loop {
        entries[k].density.add(&d);
        if entries[k].parent == NONE {
            break;
        }
        k = entries[k].parent as usize;
    }
    Some(entries[i].node.id)
}

/// Comment threads and forms are chrome beside the page's own text and the
/// content of a page that is one; when they are content, their text joins
/// the density totals and they stop being chrome.
fn decide_prune(entries: &mut [Entry]) -> Prune {
    let all = entries.first().map(|e| e.density).unwrap_or_default();
    let threads_are_content = (all.prose as f32) < THREADS_CONTENT_SHARE * (all.prose + all.thread_prose) as f32;
    if !threads_are_content {
        return Prune::ChromeAndThreads;
    }
    for e in entries {
        e.chrome &= !e.thread_only;
        e.density.prose += e.density.thread_prose;
        e.density.run_chars += e.density.thread_run_chars;
    }
    Prune::Chrome
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    /// The test page's one element with an `id`.
    fn entry_with_id<'p, 'a>(index: &'p DomIndex<'a>) -> &'p Entry<'a> {
        index.entries.iter().find(|e| e.node.attr("id").is_some()).expect("an element with an id")
    }

    #[test]
    fn text_length_counts_a_whitespace_run_across_nodes_once() {
        let doc = Document::from("<div id=t>  foo <b> bar</b>\n\n <i>baz </i> </div>");
        let index = DomIndex::read(&doc.root());
        let div = entry_with_id(&index);
        assert_eq!(div.totals(Reading::All).text(), "foo bar baz".len() as u32);
    }

    #[test]
    fn hidden_text_counts_as_prose_but_not_for_readability() {
        let doc = Document::from("<body><div id=t>seen<div aria-hidden=true>unseen</div></div></body>");
        let index = DomIndex::read(&doc.root());
        let div = entry_with_id(&index);
        assert_eq!(div.totals(Reading::All).text(), 4);
        assert_eq!(div.density.prose, 10);
    }

    #[test]
    fn hidden_and_script_subtrees_are_not_read() {
        let doc =
            Document::from("<body><div id=t>seen<div hidden>unseen words</div><script>var x;</script></div></body>");
        // Readability's length only: hidden text is prose for the density reading (previous test).
        let index = DomIndex::read(&doc.root());
        let div = entry_with_id(&index);
        assert_eq!(div.totals(Reading::All).text(), 4);
    }

    #[test]
    fn unlikely_subtrees_count_only_in_the_reading_with_them() {
        let doc = Document::from("<body><div id=t>kept <div class=sidebar>aside words</div></div></body>");
        let index = DomIndex::read(&doc.root());
        let div = entry_with_id(&index);
        assert_eq!(div.totals(Reading::All).text(), "kept aside words".len() as u32);
        assert_eq!(div.totals(Reading::WithoutUnlikely).text(), "kept".len() as u32);
    }

    #[test]
    fn metadata_elements_and_json_ld_are_collected_on_the_walk() {
        let doc = Document::from(
            "<html><head><title>T</title><meta name=author content=A>\
             <script type='application/ld+json'>{\"@type\":\"NewsArticle\"}</script></head>\
             <body><span itemprop=author>B</span> body text</body></html>",
        );
        let index = DomIndex::read(&doc.root());
        let names: Vec<String> =
            index.scan.tagged.iter().map(|n| n.node_name().map(|s| s.to_string()).unwrap_or_default()).collect();
        assert_eq!(names, vec!["html", "title", "meta", "span"]);
        assert_eq!(index.scan.json_ld, vec!["{\"@type\":\"NewsArticle\"}".to_string()]);
        assert_eq!(index.scan.body_chars, "Bbodytext".len());
    }

    #[test]
    fn a_chrome_named_container_holding_most_of_the_prose_is_read() {
        let para = |t: &str| format!("<p>{t} {t} {t}</p>");
        let items: String = [
            "Owner-chef Ana cooks her grandmother's recipes at this all-day café, with pastries and deli plates.",
            "Ce bistrot du quartier sert une cuisine de saison, des vins natures et un menu du midi très simple.",
            "Die kleine Bar am Hafen serviert frischen Fisch, hausgemachtes Brot und eine kurze Weinkarte.",
        ]
        .iter()
        .map(|t| para(t))
        .collect();
        let short = para("A short introduction to the list below.");
        let page = |container: &str| {
            format!(
                "<body><div id=intro>{short}</div><div class='{container}'><div class=share>Share this list on                  every network you use today</div>{items}</div><footer><p>Copyright notice of the site.</p></footer></body>"
            )
        };
        for container in ["page-footer", "content-with-sidebar", "menu-wrap"] {
            let doc = Document::from(page(container).as_str());
            let index = DomIndex::read(&doc.root());
            assert!(index.kept_chrome.is_some(), "{container}");
            let texts: Vec<String> = crate::pipeline::clean::density::walk_scored(&doc.root(), index.pruning())
                .into_iter()
                .map(|b| b.block.text)
                .collect();
            let all = texts.join(" ");
            assert!(all.contains("Die kleine Bar") && all.contains("short introduction"), "{container}: {all}");
            assert!(!all.contains("Share this list") && !all.contains("Copyright"), "{container}: {all}");
        }
        // A consent dialog's long text stays chrome, and so does a small footer.
        for container in ["cookie-consent", "ad-slot"] {
            let doc = Document::from(page(container).as_str());
            assert!(DomIndex::read(&doc.root()).kept_chrome.is_none(), "{container}");
        }
        let doc = Document::from(format!("<body>{items}<div class=footer>{short}</div></body>").as_str());
        assert!(DomIndex::read(&doc.root()).kept_chrome.is_none());
    }

    /// The walk the first-child/next-sibling walk replaced: children pushed
    /// last first, each node's parent and subtree end by sizes.
    fn entries_by_stack(root: &NodeRef) -> Vec<(dom_query::NodeId, u32, u32)> {
        let mut walk = Walk { entries: Vec::new(), body: NONE, scan: Scan::default(), hints: AttrHints::default() };
        let mut out: Vec<(dom_query::NodeId, u32, u32)> = Vec::new();
        let mut stack = vec![(*root, NONE, Inherited::default())];
        while let Some((node, parent, inherited)) = stack.pop() {
            let mut entry = Entry::new(node, parent, &inherited);
            let (look, _, _) = walk.look(&node, &mut entry, inherited.in_tc);
            if !look.keep {
                continue;
            }
            let index = walk.entries.len() as u32;
            walk.entries.push(entry);
            out.push((node.id, parent, 1));
            let inherited = walk.settle(index, &inherited, &look);
            let mut child = node.last_child();
            while let Some(c) = child {
                stack.push((c, index, inherited));
                child = c.prev_sibling();
            }
        }
        for i in (1..out.len()).rev() {
            let p = out[i].1 as usize;
            out[p].2 += out[i].2;
        }
        out.iter().enumerate().map(|(i, &(id, p, size))| (id, p, i as u32 + size)).collect()
    }

    #[test]
    fn the_sibling_walk_lists_the_nodes_of_the_stack_walk() {
        let mut texts = crate::pipeline::text::generated::Texts::over("abc");
        let tags = ["div", "p", "a", "span", "ul", "li", "script", "table", "td", "b"];
        for _ in 0..300 {
            // A random nest of elements, text, comments and skipped subtrees.
            let (mut html, mut open) = (String::from("<body>"), Vec::new());
            for _ in 0..(texts.next() % 40) {
                match texts.next() % 5 {
                    0 | 1 => {
                        let tag = tags[(texts.next() % tags.len() as u64) as usize];
                        html.push_str(&format!("<{tag} class=c{}>", texts.next() % 3));
                        open.push(tag);
                    }
                    2 => {
                        if let Some(tag) = open.pop() {
                            html.push_str(&format!("</{tag}>"));
                        }
                    }
                    3 => html.push_str("<!-- note -->"),
                    _ => html.push_str(&texts.text(3)),
                }
            }
            let doc = Document::from(html.as_str());
            let index = DomIndex::read(&doc.root());
            let got: Vec<_> = index.entries.iter().map(|e| (e.node.id, e.parent, e.end)).collect();
            assert_eq!(got, entries_by_stack(&doc.root()), "{html}");
        }
    }

    #[test]
    fn repeated_items_share_a_signature_whatever_their_numbered_classes() {
        assert_eq!(signature("div", Some("post post-12")), signature("div", Some("post post-13 category-x")));
        assert_eq!(signature("div", Some("item-1 card")), signature("div", Some("card")));
        assert_ne!(signature("div", Some("post")), signature("li", Some("post")));
    }
}
