//! The density reading: blocks with their link density, walked from any DOM
//! subtree, and the content root (the deepest element holding most of the
//! page's unlinked prose). It is the post-filter for readability's choice and
//! the whole-page fallback for pages readability gets wrong (forums, product
//! and listing pages, short articles).
//!
//! Rules here are generic: element names and class/id words (`markup`), share
//! of linked text, boilerplate phrases (`vocab`). Never a site's markup. It
//! never scores candidates (that is `readability`) and reads prose totals from
//! the DOM index rather than walking for them.
//! The walk is iterative: a deep tag nest must not overflow the stack.

use dom_query::{NodeData, NodeId, NodeRef, TreeNode};
use rustc_hash::FxHashSet;

use super::index::DomIndex;
use super::markup::{self, Prune, Pruning, Tag};
use super::vocab::{vocabulary, Category};
use super::{non_space_chars, Block, BlockKind};
use crate::pipeline::text::{match_key, normalize_text};

/// A block plus what the walk saw of it.
pub(crate) struct ScoredBlock {
    pub block: Block,
    /// Characters (non-space) of the block's text that sat inside `<a>`.
    pub link_chars: usize,
    /// Characters (non-space) of the block's text.
    pub chars: usize,
    /// Characters (non-space) of the block's text inside a hidden element.
    pub hidden_chars: usize,
    /// The block links to the site's sign-in page (`markup::is_sign_in_link`).
    pub account_link: bool,
}

impl ScoredBlock {
    pub(crate) fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }

    /// A short line that is page furniture by its words alone: widget labels,
    /// ad labels, photo credits (vocabulary in `data/boilerplate.tsv`).
    pub(crate) fn is_furniture(&self) -> bool {
        let text = &self.block.text;
        if self.hidden_chars > 0 && self.hidden_chars >= self.chars && is_machine_data(text) {
            return true;
        }
        // Counted up to one past the bar of the short lines judged below:
        // paragraphs run long, and past it only a caption's credit is asked.
        let words = super::count_words(text, LONG_LINE_WORDS);
        // "Sign in to check out", "You must log in to answer": a prompt to
        // an account, whatever its language.
        if self.account_link && words <= ACCOUNT_PROMPT_MAX_WORDS {
            return true;
        }
        if words >= LONG_LINE_WORDS {
            // The credit first: most paragraphs end without one, and then
            // their words need no counting to the caption's bar.
            return ends_with_photo_credit(text)
                && super::count_words(text, CAPTION_MAX_WORDS + 1) <= CAPTION_MAX_WORDS;
        }
        if ends_with_photo_credit(text) {
            return true;
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
    pub(crate) fn is_boilerplate(&self) -> bool {
        // A stricter cut (density > 0.5 under 40 words) or vocabulary matching
        // on short blocks drops more of the article than of the noise.
        self.link_density() > 0.6 && !super::has_words(&self.block.text, 15)
    }
}

/// Data a script reads, printed as text: a JSON object or array
/// (`{"layout":2,…}`), or a comma-separated list of identifiers (a review
/// widget's hidden SEO debug line: "bvseo_sdk, dw_cartridge, 18.2.0,
/// getAggregateRating, 0ms"). Only hidden blocks are asked: a visible list of
/// identifiers is a manual's, a visible JSON sample a documentation page's.
fn is_machine_data(text: &str) -> bool {
    let t = text.trim();
    let json = (t.starts_with("{\"") && t.ends_with('}'))
        || (t.starts_with("[{\"") || t.starts_with("[\"")) && t.ends_with(']');
    if json {
        return true;
    }
    if !t.contains(',') || t.contains(". ") {
        return false;
    }
    let items: Vec<&str> = t.split([',', ' ']).filter(|w| !w.is_empty()).collect();
    let identifier = |w: &str| {
        let inner_upper = w.chars().skip(1).any(char::is_uppercase) && w.starts_with(char::is_lowercase);
        let snake = w.contains('_') && w.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.');
        let figure = w.trim_end_matches("ms").chars().all(|c| c.is_ascii_digit() || c == '.');
        inner_upper || snake || figure
    };
    items.len() >= 4 && items.iter().filter(|w| identifier(w)).count() * 5 >= items.len() * 3
}

/// A date with a time of day, digits only: "2025-05-11 17:44", "11/05/2025,
/// 5:44". A bare date or number stays (a table's cells, a figure).
fn is_timestamp(text: &str) -> bool {
    let has_time = text.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    has_time && digits >= 6
}

/// A caption is at most this long; longer blocks ending in a credit are prose.
const CAPTION_MAX_WORDS: usize = 60;
/// Blocks of this many words or more are furniture only as a caption
/// (`ScoredBlock::is_furniture`); shorter ones are judged by their words.
const LONG_LINE_WORDS: usize = 26;

/// Words that open a photo credit ("Photo by …", "(Image: …)", "Foto: …").
const CREDIT_WORDS: &[&str] = &[
    "photo", "photos", "image", "images", "picture", "pictures", "foto", "fotos", "bild", "imagen", "imagem", "credit",
    "credits", "crédit", "crédits", "crédito",
];

/// A caption printed as text: a short block ending in its photo credit,
/// in brackets ("… in Hanoi. (AP Photo/Jane Roe)", "(Image: Getty)") or after
/// the sentence ("… on a ridge. Photo: Agency/Jane Roe", "… | Photo by Jane
/// Roe"). Both gold sets leave captions out; the credit is what tells a
/// caption from the article's last short paragraph.
fn ends_with_photo_credit(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches('.').trim_end();
    if let Some(inner) = t.strip_suffix(')') {
        let Some(open) = inner.rfind('(') else {
            return false;
        };
        let inner = &inner[open + 1..];
        return inner.chars().count() <= 80 && opens_credit(inner.trim_start(), true);
    }
    // "… sentence. Photo: …": the credit after the last sentence end or bar.
    let Some(cut) = rfind_sentence_end(t) else {
        return false;
    };
    let tail = t[cut..].trim_start_matches(|c: char| !c.is_whitespace() && !c.is_alphanumeric()).trim_start();
    !tail.is_empty() && tail.chars().count() <= 60 && opens_credit(tail, false)
}

/// `t.rfind(['.', '!', '?', '|', '\u{2013}', '\u{2014}', '\u{201d}', ')'])`
/// by bytes: every paragraph is asked, and decoding it backwards a character
/// at a time showed. A lead byte `E2` starts a character in valid UTF-8.
fn rfind_sentence_end(t: &str) -> Option<usize> {
    let bytes = t.as_bytes();
    (0..bytes.len()).rev().find(|&i| match bytes[i] {
        b'.' | b'!' | b'?' | b'|' | b')' => true,
        0xe2 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94 | 0x9d])),
        _ => false,
    })
}

/// `s` opens with a credit word (after an agency's name when bracketed:
/// "AP Photo/…") and then ':', "by" or, after an agency, '/'.
fn opens_credit(s: &str, bracketed: bool) -> bool {
    let lower = s.to_lowercase();
    let mut rest = lower.as_str();
    let mut after_agency = false;
    if bracketed {
        for agency in ["ap ", "afp ", "reuters ", "epa ", "pa ", "dpa ", "getty "] {
            if let Some(r) = rest.strip_prefix(agency) {
                rest = r;
                after_agency = true;
                break;
            }
        }
    }
    let Some(word) = rest.split(|c: char| !c.is_alphabetic()).next() else {
        return false;
    };
    if !CREDIT_WORDS.contains(&word) {
        return false;
    }
    let mut rest = rest[word.len()..].trim_start();
    // "Image credit: …", "Photo courtesy of …"
    if let Some(r) = rest.strip_prefix("courtesy") {
        return r.trim_start().starts_with("of ") || r.trim_start().starts_with(':');
    }
    if let Some(r) = rest.strip_prefix("credits").or_else(|| rest.strip_prefix("credit")) {
        rest = r.trim_start();
    }
    rest.starts_with(':') || rest.starts_with("by ") || (after_agency && rest.starts_with('/'))
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

/// The content root: its node, its entry in the index and its prose.
pub(crate) struct ContentRoot<'a> {
    pub node: NodeRef<'a>,
    pub entry: u32,
    pub prose: usize,
}

/// The deepest element (or the root) holding at least `share` of the page's
/// unlinked, unpruned prose, and that prose, read from the index's totals.
pub(crate) fn content_root<'a>(index: &DomIndex<'a>, share: f32) -> ContentRoot<'a> {
    let entries = &index.entries;
    let total = entries[0].density.prose;
    let need = (total as f32 * share) as u32;
    // Deepest over the bar: the last one in pre-order on the chain.
    let best = (1..entries.len())
        .rev()
        .find(|&i| {
            let e = &entries[i];
            e.tag != Tag::Text && !e.chrome && e.density.prose >= need && e.density.prose > 0
        })
        .unwrap_or(0);
    ContentRoot { node: entries[best].node, entry: best as u32, prose: entries[best].density.prose as usize }
}

/// Walks `root` in document order, cutting text at block elements, skipping
/// what `prune` says.
pub(crate) fn walk_scored(root: &NodeRef, prune: impl Into<Pruning>) -> Vec<ScoredBlock> {
    walk_skipping(root, prune, None)
}

/// `walk_scored`, also skipping the subtrees in `removed`.
pub(crate) fn walk_skipping(
    root: &NodeRef,
    prune: impl Into<Pruning>,
    removed: Option<&FxHashSet<NodeId>>,
) -> Vec<ScoredBlock> {
    let mut walk = BlockWalk {
        prune: prune.into(),
        removed,
        blocks: Vec::new(),
        text: String::new(),
        link_chars: 0,
        hidden_chars: 0,
        kinds: Vec::new(),
        in_link: 0,
        in_hidden: 0,
        account_link: false,
    };
    // Document order by first-child and next-sibling links, read in the one
    // look at each node (a last child's previous siblings were a second read
    // of each node's arena slot, far from the first).
    let tree = root.tree;
    // Per open element: what closing it undoes, and the node after it.
    let mut open: Vec<(Exit, Option<NodeId>)> = Vec::new();
    let mut next = Some(root.id);
    let mut is_root = true;
    loop {
        let Some(id) = next else {
            let Some((exit, after)) = open.pop() else {
                break;
            };
            walk.exit(exit);
            next = after;
            continue;
        };
        let (entered, first_child, next_sibling) = walk.enter(NodeRef::new(id, tree));
        // The root's siblings are not its subtree.
        let after = if is_root { None } else { next_sibling };
        is_root = false;
        match entered {
            Some(exit) if first_child.is_some() => {
                open.push((exit, after));
                next = first_child;
            }
            Some(exit) => {
                walk.exit(exit);
                next = after;
            }
            None => next = after,
        }
    }
    walk.flush();
    walk.blocks
}

/// What leaving an entered node undoes.
#[derive(Clone, Copy)]
struct Exit {
    kind: Option<BlockKind>,
    block: bool,
    link: bool,
    hidden: bool,
}

/// A block linking to the site's sign-in page is a prompt up to this many words.
const ACCOUNT_PROMPT_MAX_WORDS: usize = 15;

/// Non-space characters past which a heading element is a container of
/// text, not a headline (the longest headlines run to about 150).
const HEADING_MAX_CHARS: usize = 300;

/// What one look at an element's name found.
#[derive(Clone, Copy)]
struct Seen {
    skip: bool,
    block: bool,
    link: bool,
    hidden: bool,
    kind: Option<BlockKind>,
}

/// The block walk's state: blocks so far, and the text of the one being read.
struct BlockWalk<'r> {
    prune: Pruning,
    removed: Option<&'r FxHashSet<NodeId>>,
    blocks: Vec<ScoredBlock>,
    text: String,
    /// Non-space characters of `text` inside links.
    link_chars: usize,
    /// Non-space characters of `text` inside hidden elements.
    hidden_chars: usize,
    /// Kinds of the enclosing typed blocks (headings, list items, …).
    kinds: Vec<BlockKind>,
    /// Depth of enclosing `<a>`s.
    in_link: usize,
    /// Depth of enclosing hidden elements (`markup::is_hidden`).
    in_hidden: usize,
    /// `text` holds a link to the site's sign-in page.
    account_link: bool,
}

impl<'r> BlockWalk<'r> {
    /// Ends the block being read: its text becomes a block unless empty.
    fn flush(&mut self) {
        let text = normalize_text(&self.text);
        let (link_chars, hidden_chars, account_link) = (self.link_chars, self.hidden_chars, self.account_link);
        self.text.clear();
        self.link_chars = 0;
        self.hidden_chars = 0;
        self.account_link = false;
        if !text.is_empty() {
            let chars = normal_non_space_chars(&text);
            self.blocks.push(ScoredBlock {
                block: Block::new(self.kinds.last().copied().unwrap_or(BlockKind::Paragraph), text),
                link_chars: link_chars.min(chars),
                chars,
                hidden_chars: hidden_chars.min(chars),
                account_link,
            });
        }
    }

    /// Enters `node`: what leaving it undoes when its children are to be
    /// read (`None` for text and skipped nodes), with its first child and
    /// next sibling.
    fn enter(&mut self, node: NodeRef) -> (Option<Exit>, Option<NodeId>, Option<NodeId>) {
        let (seen, first_child, next_sibling) = self.look(&node);
        let Some(Seen { skip, block, link, hidden, kind }) = seen else {
            return (None, None, next_sibling);
        };
        if skip {
            if block {
                self.flush();
            }
            return (None, None, next_sibling);
        }
        if block {
            self.flush();
            if let Some(k) = kind {
                self.kinds.push(k);
            }
        } else if !node.is_document() && !node.is_fragment() {
            self.text.push(' ');
        }
        if link {
            self.in_link += 1;
        }
        if hidden {
            self.in_hidden += 1;
        }
        (Some(Exit { kind, block, link, hidden }), first_child, next_sibling)
    }

    fn exit(&mut self, Exit { kind, block, link, hidden }: Exit) {
        if block {
            self.flush();
        }
        if kind.is_some() {
            self.kinds.pop();
        }
        if link {
            self.in_link -= 1;
        }
        if hidden {
            self.in_hidden -= 1;
        }
    }

    /// One look at the node: a text node's text is taken (and `None`
    /// returned), an element's name judged.
    fn look(&mut self, node: &NodeRef) -> (Option<Seen>, Option<NodeId>, Option<NodeId>) {
        let (seen, first_child, next_sibling) =
            node.query(|t| (self.look_at(t), t.first_child, t.next_sibling)).unwrap_or((None, None, None));
        let seen = match seen {
            // Some templates wrap a whole article in a heading tag (browsers
            // render it as text); past a headline's length it is a container.
            Some(s @ Seen { kind: Some(BlockKind::Heading), skip: false, .. })
                if non_space_chars(&node.text()) > HEADING_MAX_CHARS =>
            {
                Some(Seen { kind: None, ..s })
            }
            Some(s)
                if !s.skip
                    && self.prune.rule == Prune::Forms
                    && node.has_name("form")
                    && markup::asks_for_typing(node) =>
            {
                Some(Seen { skip: true, ..s })
            }
            _ => seen,
        };
        (seen, first_child, next_sibling)
    }

    fn look_at(&mut self, t: &TreeNode) -> Option<Seen> {
        match &t.data {
            NodeData::Text { contents } => {
                if self.in_link > 0 || self.in_hidden > 0 {
                    let chars = non_space_chars(contents);
                    if self.in_link > 0 {
                        self.link_chars += chars;
                    }
                    if self.in_hidden > 0 {
                        self.hidden_chars += chars;
                    }
                }
                self.text.push_str(contents);
                None
            }
            NodeData::Document | NodeData::Fragment => {
                Some(Seen { skip: false, block: false, link: false, hidden: false, kind: None })
            }
            NodeData::Element(el) => {
                let name: &str = &el.name.local;
                let block = markup::is_block_element(name);
                let skip = markup::is_skipped_by_walk(name)
                    || (self.prune.rule.skips(el, name) && self.prune.kept != Some(t.id))
                    || self.removed.is_some_and(|r| r.contains(&t.id));
                let hidden = !skip && markup::is_hidden(el);
                let kind = if block { markup::block_kind(name) } else { None };
                let link = name == "a";
                if link && !skip && !self.account_link {
                    self.account_link =
                        el.attrs.iter().any(|a| &*a.name.local == "href" && markup::is_sign_in_link(&a.value));
                }
                Some(Seen { skip, block, link, hidden, kind })
            }
            _ => None,
        }
    }
}

/// `text.chars().filter(|c| !c.is_whitespace()).count()` for normal text
/// (`normalize_text`'s, whose only white space is ' '): its bytes that start
/// a character, spaces left out.
pub(crate) fn normal_non_space_chars(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40 && b != b' ').count()
}

/// Total non-space characters of the blocks that are not boilerplate.
pub(crate) fn content_chars(blocks: &[ScoredBlock]) -> usize {
    blocks.iter().filter(|b| !b.is_boilerplate()).map(|b| b.chars - b.link_chars).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn sentence_ends_are_found_by_bytes_as_by_characters() {
        let mut texts = crate::pipeline::text::generated::Texts::over(
            "a .!?|)\u{2013}\u{2014}\u{201d}\u{201c}\u{2019}\u{2012}\u{20ac}é日\u{10348}(",
        );
        for _ in 0..20_000 {
            let len = (texts.next() % 12) as usize;
            let t = texts.text(len);
            let old = t.rfind(['.', '!', '?', '|', '\u{2013}', '\u{2014}', '\u{201d}', ')']);
            assert_eq!(rfind_sentence_end(&t), old, "{t:?}");
        }
    }

    #[test]
    fn normal_text_counts_its_non_space_characters_by_bytes() {
        for raw in ["", " a  b ", "é\u{a0}ü \u{3000}日本\x0b語", "x\u{2003}\u{85}y\u{200b}z", "&#11;&nbsp;&amp; q"]
        {
            let text = normalize_text(raw);
            assert_eq!(normal_non_space_chars(&text), text.chars().filter(|c| !c.is_whitespace()).count(), "{raw:?}");
        }
    }

    #[test]
    fn a_short_prompt_linking_to_the_sites_sign_in_page_is_furniture_and_instructions_are_not() {
        let prompts = [
            ("<a href='/ap/signin?openid=1'>Sign in</a> to check out", true),
            ("You must <a href='/login/'>log in</a> to answer this question.", true),
            ("<a href='/fr/connexion'>Connectez-vous</a> pour ajouter ce produit à vos favoris", true),
            ("<a href='https://signin.example.com/ws?ru=1'>Anmelden</a>, um zur Kasse zu gehen", true),
            // Instructions to sign in elsewhere, or to sign up, are text.
            ("<a href='https://github.com/login'>Sign in to GitHub</a> and open the template.", false),
            ("You will need a <a href='/signup'>free account</a> to follow along.", false),
            ("<a href='/es/iniciar-sesion'>Inicia sesión</a> para continuar", true),
            ("Read <a href='/docs/login-flows'>how login flows work</a> before you start.", false),
            ("Our <a href='/blog/design'>designers</a> sign in every morning and plan the day.", false),
        ];
        for (html, furniture) in prompts {
            let doc = Document::from(format!("<body><p>{html}</p></body>").as_str());
            let blocks = walk_scored(&doc.root(), Prune::Nothing);
            assert_eq!(blocks.len(), 1, "{html}");
            assert_eq!(blocks[0].is_furniture(), furniture, "{html}");
        }
        // A long paragraph with such a link is text.
        let long = "Members who <a href='/login'>log in</a> can save articles, follow writers, comment on \
                    stories and get the weekly letter that sums up what the newsroom found.";
        let doc = Document::from(format!("<body><p>{long}</p></body>").as_str());
        assert!(!walk_scored(&doc.root(), Prune::Nothing)[0].is_furniture());
    }

    #[test]
    fn a_heading_wrapping_an_article_is_a_container_and_a_headline_stays_a_heading() {
        let lines = [
            "La mairie a ouvert une collecte pour les familles touchées par la crue.",
            "Die Stadt hat am Montag eine Sammlung für die betroffenen Familien begonnen.",
            "El ayuntamiento abrió el lunes una colecta para las familias afectadas.",
            "The council opened a collection on Monday for the families hit by the flood.",
            "Les dons peuvent être déposés à l'accueil de la mairie jusqu'à la fin du mois prochain.",
            "코로나19 극복을 위한 특별모금이 이어지고 있다.",
        ];
        // Over 300 non-space characters in all: past any headline's length.
        let body = lines.join("<br><br>");
        assert!(non_space_chars(&body) > HEADING_MAX_CHARS);
        let doc = Document::from(format!(
            "<h4><div class=headline>Une collecte pour les familles</div><div class=text>{body}</div></h4>"
        ));
        let blocks = walk_scored(&doc.root(), Prune::Nothing);
        let kind_of = |t: &str| blocks.iter().find(|b| b.block.text == t).map(|b| b.block.kind);
        for line in lines {
            assert_eq!(kind_of(line), Some(BlockKind::Paragraph), "{line}");
        }
        let doc =
            Document::from("<h2><div>Une collecte pour les familles touchées par la crue</div></h2><p>Texte.</p>");
        let blocks = walk_scored(&doc.root(), Prune::Nothing);
        assert_eq!(blocks[0].block.kind, BlockKind::Heading);
    }

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
    fn a_caption_ending_in_its_photo_credit_is_furniture_and_prose_is_not() {
        let block = |t: &str| ScoredBlock {
            block: Block::new(BlockKind::Paragraph, t),
            link_chars: 0,
            chars: t.len(),
            hidden_chars: 0,
            account_link: false,
        };
        for caption in [
            "Workers load garage door trims into a pickup truck outside a store in Hialeah, Fla. (AP Photo/Jane Roe, File)",
            "Protesters have worn masks to protect their identities (Image: GETTY )",
            "(Image credit: Blue Origin)",
            "A member of the team tests a watch on a ridgeline. Photo: Agency/Jane Roe",
            "Guests pick their pastries from glass-enclosed cabinets. | Photo by Jane Roe",
            "Der Minister bei seiner Ankunft in Berlin. (Foto: dpa)",
            "Le ministre à son arrivée à Paris. Photo : AFP",
        ] {
            assert!(block(caption).is_furniture(), "{caption}");
        }
        for prose in [
            "Bring your wallet (credit/debit cards, cash, etc.)",
            "We picked the best shot of the day (photo of the week) for the cover.",
            "The picture: a quiet street at dawn, a cyclist, a dog asleep in a doorway of the old bakery.",
            "He said the photo by the lake was his favourite of the whole trip and kept it on his desk.",
        ] {
            assert!(!block(prose).is_furniture(), "{prose}");
        }
    }

    #[test]
    fn listing_controls_and_q_and_a_prompts_are_furniture() {
        let block = |t: &str| ScoredBlock {
            block: Block::new(BlockKind::Paragraph, t),
            link_chars: 0,
            chars: t.len(),
            hidden_chars: 0,
            account_link: false,
        };
        for furniture in [
            "Filters (3)",
            "View all",
            "Voir tout",
            "Ask question",
            "Start asking to get answers",
            "Find the answer to your question by asking.",
            "Explore related questions",
            "See similar questions with these tags.",
            "Best Seller",
            "Top Rated",
            "Start free trial",
        ] {
            assert!(block(furniture).is_furniture(), "{furniture}");
        }
        for prose in ["Filters keep the water clean.", "View all the photos from the match in our gallery."] {
            assert!(!block(prose).is_furniture(), "{prose}");
        }
    }

    #[test]
    fn hidden_machine_data_is_furniture_and_visible_identifiers_and_hidden_prose_are_not() {
        let doc = Document::from(
            "<div><p>A sturdy bottle that keeps drinks cold for a day, with a lid that does not leak.</p>\
             <div style='display: none'><ul><li>bvseo_sdk, dw_cartridge, 18.2.0, p_sdk_3.2.0 CLOUD, getReviews, 0ms</li></ul></div>\
             <span hidden>{\"layoutMobile\":2,\"layoutDesktop\":4,\"buttonText\":\"Buy now\"}</span>\
             <div class='accordion' aria-hidden='true'><p>Rinse it, then dry it upside down, à l'air libre.</p></div>\
             <p>Hooks run in order: post_checkout, pre_install, post_install, pre_build.</p>\
             <pre>{\"name\": \"bottle\", \"size\": 750}</pre></div>",
        );
        let furniture: Vec<(String, bool)> = walk_scored(&doc.root(), Prune::Nothing)
            .into_iter()
            .map(|b| {
                let f = b.is_furniture();
                (b.block.text, f)
            })
            .collect();
        let is_furniture = |needle: &str| furniture.iter().find(|(t, _)| t.contains(needle)).map(|(_, f)| *f);
        assert_eq!(is_furniture("bvseo_sdk"), Some(true), "{furniture:?}");
        assert_eq!(is_furniture("layoutMobile"), Some(true), "{furniture:?}");
        assert_eq!(is_furniture("à l'air libre"), Some(false), "hidden prose (an accordion) is content");
        assert_eq!(is_furniture("post_checkout"), Some(false), "a visible list of identifiers is a manual's");
        assert_eq!(is_furniture("\"size\""), Some(false), "a visible JSON sample is a documentation page's");
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
    fn the_content_root_holds_the_prose_without_chrome_or_links() {
        let prose = "Words of a forum post that people wrote, long enough to matter here. ".repeat(4);
        let html = format!(
            "<body><nav>{prose}</nav><div id=posts><div class=post>{prose}</div><div class=post>{prose}</div></div>\
             <div><a href=/x>{prose}</a></div></body>"
        );
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let root = content_root(&index, 0.8);
        assert_eq!(root.node.attr("id").as_deref(), Some("posts"), "nav is chrome, the link text is not prose");
        assert_eq!(index.entries[root.entry as usize].node.id, root.node.id);
        assert_eq!(root.prose, 2 * non_space_chars(&prose));
    }

    #[test]
    fn comment_threads_and_forms_are_chrome_beside_an_article_and_content_on_a_forum() {
        let prose = "Words that people wrote, long enough to matter for the reading here. ".repeat(4);
        let blog = format!(
            "<body><article><p>{prose}</p><p>{prose}</p></article><form><label>Your reply</label></form>\
             <ol class=comment-list><li>{prose}</li></ol></body>"
        );
        let doc = Document::from(blog.as_str());
        let index = DomIndex::read(&doc.root());
        assert_eq!(index.prune, Prune::ChromeAndThreads);
        assert_eq!(content_root(&index, 0.8).node.node_name().as_deref(), Some("article"));

        // Forum software names its posts "comments" and wraps them in a moderation form.
        let forum = format!(
            "<body><h1>A thread</h1><div id=comments><form><article class=post>{prose}</article>\
             <article class=post>{prose}</article><article class=post>{prose}</article></form></div></body>"
        );
        let doc = Document::from(forum.as_str());
        let index = DomIndex::read(&doc.root());
        assert_eq!(index.prune, Prune::Chrome, "the posts are the page");
        let root = content_root(&index, 0.8);
        assert_eq!(root.node.node_name().as_deref(), Some("form"));
        assert_eq!(root.prose, 3 * non_space_chars(&prose));
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
