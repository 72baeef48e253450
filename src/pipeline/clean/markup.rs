//! What element names, roles and class/id words mean: every tag list and
//! hint vocabulary the HTML path judges markup by, in one place.
//!
//! - Readability's reading: `Tag`, its class/id hint words
//!   (`data/readability_hints.tsv`) and unlikely roles;
//! - the block walk: block elements and the kind of block they make, what it
//!   never takes text from;
//! - page chrome (navigation, footers, sidebar and menu words) and comment
//!   threads, which a whole-page reading prunes (`Prune`);
//! - what holds no teaser cards (navigation, comments, share, promo, shop);
//! - hidden elements, the elements metadata is read from, and the pre-parse
//!   scan's raw-text and non-nesting elements.
//!
//! Generic vocabulary only (HTML's element names, words any theme may use),
//! never one site's markup. Lookups only: nothing here walks a tree or keeps
//! state beyond its read-only tables.

use aho_corasick::automaton::{Automaton, OverlappingState};
use aho_corasick::dfa::DFA;
use aho_corasick::Input;
use dom_query::{local_name, Element};
use std::sync::OnceLock;

use super::BlockKind;
use crate::pipeline::text::lexicon::is_ascii_alnum_byte;

// ---------------------------------------------------------------- Readability

/// An element as Readability's scoring tells elements apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Tag {
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

pub(crate) fn tag_of(name: &str) -> Tag {
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

/// `dl`, `ol`, `ul`: a block for the div-to-p rule, a list for clean-conditionally.
pub(crate) fn is_list(name: &str) -> bool {
    matches!(name, "ul" | "ol" | "dl")
}

/// Readability's `DIV_TO_P_ELEMS`: a div holding one of these is not a paragraph.
pub(crate) fn is_div_to_p(tag: Tag, name_is_dl_or_list: bool) -> bool {
    matches!(tag, Tag::Blockquote | Tag::Div | Tag::Img | Tag::P | Tag::Pre | Tag::Table) || name_is_dl_or_list
}

/// ARIA roles Readability removes on its first attempt.
pub(crate) fn is_unlikely_role(role: &str) -> bool {
    matches!(role, "menu" | "menubar" | "complementary" | "navigation" | "alert" | "alertdialog" | "dialog")
}

/// Hint bits of a class or id value (`hint_bits`), Readability's regular
/// expressions as word lists.
pub(crate) const HINT_NEGATIVE: u16 = 1;
pub(crate) const HINT_POSITIVE: u16 = 2;
pub(crate) const HINT_UNLIKELY: u16 = 4;
pub(crate) const HINT_MAYBE: u16 = 8;
pub(crate) const HINT_BYLINE: u16 = 16;
/// Not Readability's: containers of teaser links to other articles.
pub(crate) const HINT_TEASER: u16 = 32;
/// Not Readability's: elements that may hold the publication date or the
/// author (`meta` reads them).
pub(crate) const HINT_DATE: u16 = 64;
pub(crate) const HINT_AUTHOR: u16 = 128;

/// The hint words and the bits of each, in the table's order.
fn hint_words() -> (Vec<&'static str>, Vec<u16>) {
    let mut words: Vec<&str> = Vec::new();
    let mut bits: Vec<u16> = Vec::new();
    let table = include_str!("../data/readability_hints.tsv");
    for (hint, word) in table.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t')) {
        let bit = match hint {
            "negative" => HINT_NEGATIVE,
            "positive" => HINT_POSITIVE,
            "unlikely" => HINT_UNLIKELY,
            "maybe" => HINT_MAYBE,
            "byline" => HINT_BYLINE,
            "teaser" => HINT_TEASER,
            "date" => HINT_DATE,
            "author" => HINT_AUTHOR,
            _ => panic!("unknown hint {hint:?} in readability_hints.tsv"),
        };
        match words.iter().position(|x| *x == word) {
            Some(i) => bits[i] |= bit,
            None => {
                words.push(word);
                bits.push(bit);
            }
        }
    }
    (words, bits)
}

/// The hint words alone as a DFA: the old path, kept to test `judge_value` against.
#[cfg(test)]
fn hints() -> &'static (DFA, Vec<u16>) {
    static HINTS: OnceLock<(DFA, Vec<u16>)> = OnceLock::new();
    HINTS.get_or_init(|| {
        let (words, bits) = hint_words();
        let dfa = DFA::builder().ascii_case_insensitive(true).build(&words).expect("static patterns");
        (dfa, bits)
    })
}

/// The `HINT_*` bits of every hint word found in a class or id value.
#[cfg(test)]
fn hint_bits(value: &str) -> u16 {
    let (dfa, bits) = hints();
    let input = Input::new(value);
    let mut state = OverlappingState::start();
    let mut acc = 0;
    loop {
        dfa.try_find_overlapping(&input, &mut state).expect("an unanchored DFA search does not fail");
        match state.get_match() {
            Some(m) => acc |= bits[m.pattern().as_usize()],
            None => return acc,
        }
    }
}

/// What `judge_value` says of a class or id value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Judged {
    /// `HINT_*` bits of the hint words found anywhere in it.
    pub bits: u16,
    /// A whole word of `CHROME_WORDS` (`chrome_words`).
    pub chrome: bool,
    /// A whole comment-thread word (`chrome_words`).
    pub comment: bool,
    /// A whole overlay word (`is_overlay_word`); always also chrome.
    pub overlay: bool,
}

const WORD_CHROME: u8 = 1;
const WORD_COMMENT: u8 = 2;
const WORD_OVERLAY: u8 = 4;

/// The hint words, the chrome, comment and overlay words in one DFA: each
/// pattern's hint bits and whole-word flags. A DFA of its own type rather than
/// `AhoCorasick`'s boxed automaton steps through states without a dynamic call
/// per byte (every distinct class and id value of a page is searched).
fn judge_dfa() -> &'static (DFA, Vec<(u16, u8)>) {
    static JUDGE: OnceLock<(DFA, Vec<(u16, u8)>)> = OnceLock::new();
    JUDGE.get_or_init(|| {
        let (mut words, bits) = hint_words();
        let mut marks: Vec<(u16, u8)> = bits.into_iter().map(|b| (b, 0)).collect();
        let whole = CHROME_WORDS
            .iter()
            .map(|w| std::str::from_utf8(w).expect("ASCII"))
            .map(|w| (w, WORD_CHROME | if is_overlay_word(w.as_bytes()) { WORD_OVERLAY } else { 0 }))
            .chain([("comment", WORD_COMMENT), ("comments", WORD_COMMENT)]);
        for (word, flag) in whole {
            match words.iter().position(|x| x.eq_ignore_ascii_case(word)) {
                Some(i) => marks[i].1 |= flag,
                None => {
                    words.push(word);
                    marks.push((0, flag));
                }
            }
        }
        let dfa = DFA::builder().ascii_case_insensitive(true).build(&words).expect("static patterns");
        (dfa, marks)
    })
}

/// `hint_bits`, `chrome_words` and `has_overlay_word` of a class or id value
/// in one pass: every distinct value of a page is judged, and three scans
/// of it were a visible share of clean. A chrome, comment or overlay word
/// counts where the match is a whole word (no ASCII letter or digit either
/// side), which is where the split at non-alphanumerics finds it.
pub(crate) fn judge_value(value: &str) -> Judged {
    let (dfa, marks) = judge_dfa();
    let bytes = value.as_bytes();
    let input = Input::new(value);
    let mut state = OverlappingState::start();
    let (mut bits, mut flags) = (0u16, 0u8);
    loop {
        dfa.try_find_overlapping(&input, &mut state).expect("an unanchored DFA search does not fail");
        let Some(m) = state.get_match() else { break };
        let (b, f) = marks[m.pattern().as_usize()];
        bits |= b;
        if f != 0 {
            let (start, end) = (m.start(), m.end());
            let open = start == 0 || !is_ascii_alnum_byte(bytes[start - 1]);
            let close = end == bytes.len() || !is_ascii_alnum_byte(bytes[end]);
            if open && close {
                flags |= f;
            }
        }
    }
    Judged {
        bits,
        chrome: flags & WORD_CHROME != 0,
        comment: flags & WORD_COMMENT != 0,
        overlay: flags & WORD_OVERLAY != 0,
    }
}

/// A share widget by its class or id words (Readability removes those under
/// 500 characters from its choice).
pub(crate) fn has_share_word(node: &dom_query::NodeRef) -> bool {
    ["class", "id"].iter().any(|a| {
        node.attr(a).is_some_and(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("share") || w.eq_ignore_ascii_case("sharedaddy"))
        })
    })
}

// ------------------------------------------------------------------ the walks

/// Subtrees that never hold page text: scripts, styles, templates, form
/// controls. Nothing reads them; the DOM index keeps no entry for them. An
/// icon's shape tags are even cut before parsing (`rawtext::shapes_end`), so
/// a rule that wants to read inside an `<svg>` must change that cut first.
pub(crate) fn is_never_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template" | "svg" | "select" | "textarea" | "button")
}

/// What the block walk never takes text from: `is_never_text`, and frames,
/// the head and inputs, which the DOM index does keep (Readability counts
/// embeds and inputs against their container; metadata reads the head).
pub(crate) fn is_skipped_by_walk(name: &str) -> bool {
    is_never_text(name) || matches!(name, "iframe" | "head" | "input")
}

/// Elements that start and end a block of text.
pub(crate) fn is_block_element(name: &str) -> bool {
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

/// The kind of block an element makes (a paragraph unless named here).
pub(crate) fn block_kind(name: &str) -> Option<BlockKind> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "figcaption" | "caption" => BlockKind::Caption,
        "blockquote" => BlockKind::Quote,
        _ => return None,
    })
}

/// The elements `meta` reads (besides any with an `itemprop`).
pub(crate) fn is_metadata_element(name: &str) -> bool {
    matches!(name, "meta" | "link" | "time" | "html" | "title")
}

// --------------------------------------------------------------------- chrome

/// What a whole-page reading skips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Prune {
    Nothing,
    /// Only forms asking the reader to type (`asks_for_typing`): inside
    /// Readability's choice on a page whose forms are chrome.
    Forms,
    /// Page chrome by element name and class/id words.
    Chrome,
    /// `Chrome`, and comment threads and forms (the DOM index says when).
    ChromeAndThreads,
}

/// A page's pruning: its rule, and the one chrome-named container the DOM
/// index found holding the page's prose, read all the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pruning {
    pub rule: Prune,
    pub kept: Option<dom_query::NodeId>,
}

impl From<Prune> for Pruning {
    fn from(rule: Prune) -> Pruning {
        Pruning { rule, kept: None }
    }
}

impl Prune {
    /// Whether a reading under this rule skips the element (its subtree).
    pub fn skips(self, el: &Element, name: &str) -> bool {
        if self == Prune::Forms {
            return false; // judged by the walk, which sees the form's fields
        }
        self != Prune::Nothing
            && (is_chrome_element(name)
                || (self == Prune::ChromeAndThreads && is_thread_element(name))
                || has_chrome_attr(el, name, self == Prune::ChromeAndThreads))
    }
}

/// Page chrome by element name: never main content on a whole-page walk.
fn is_chrome_element(name: &str) -> bool {
    matches!(name, "nav" | "header" | "footer" | "aside" | "menu")
}

/// Skipped outright on a whole-page reading: what the walk never reads, and
/// chrome by element name alone (class/id words are judged apart, per attribute).
pub(crate) fn is_pruned_by_name(name: &str) -> bool {
    is_skipped_by_walk(name) || is_chrome_element(name)
}

/// Forms, like comment threads, are chrome beside the page's text (search,
/// sign-up, reply boxes) and content when they hold it (forum software wraps
/// a thread's posts in its moderation form, some frameworks a whole page).
pub(crate) fn is_thread_element(name: &str) -> bool {
    name == "form"
}

/// A form with a field to type in or tick (a sign-up, contact or search
/// form, a compare or filter widget) is chrome beside the text; a form of
/// choices only (a product's colours and sizes, a quantity) is part of what
/// the page shows.
pub(crate) fn asks_for_typing(form: &dom_query::NodeRef) -> bool {
    form.descendants_it().any(|n| {
        n.query(|t| match &t.data {
            dom_query::NodeData::Element(el) => match &*el.name.local {
                "textarea" => true,
                "input" => {
                    let kind = attr_of(el, "type").map(str::to_ascii_lowercase);
                    matches!(
                        kind.as_deref(),
                        None | Some("text" | "email" | "tel" | "password" | "search" | "url" | "checkbox")
                    )
                }
                _ => false,
            },
            _ => false,
        })
        .unwrap_or(false)
    })
}

/// An element's attribute by its local name.
fn attr_of<'e>(el: &'e dom_query::Element, name: &str) -> Option<&'e str> {
    el.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}

/// Disabled checkboxes inside list items under `node`: a Markdown task
/// list's ticks (`- [x] done`), printed marks the reader cannot change.
pub(crate) fn task_marks(node: &dom_query::NodeRef) -> u32 {
    let mut marks = 0;
    for n in node.descendants_it() {
        let is_mark = n
            .query(|t| match &t.data {
                dom_query::NodeData::Element(el) if &*el.name.local == "input" => {
                    attr_of(el, "disabled").is_some()
                        && attr_of(el, "type").is_some_and(|t| t.eq_ignore_ascii_case("checkbox"))
                }
                _ => false,
            })
            .unwrap_or(false);
        if is_mark && n.ancestors_it(Some(3)).any(|a| a.has_name("li")) {
            marks += 1;
        }
    }
    marks
}

/// A link to the site's own sign-in page: a relative address whose last
/// path segment names one (`/login`, `/account/sign-in?ret=…`, `/ap/signin`),
/// or a host named for it (`signin.example.com`). Another site's sign-in
/// (`https://github.com/login`, a tutorial's step) and sign-up pages (a
/// call to action some pages' text ends with) are not prompts.
pub(crate) fn is_sign_in_link(href: &str) -> bool {
    const PAGES: &[&str] = &[
        "login",
        "log-in",
        "log_in",
        "logon",
        "signin",
        "sign-in",
        "sign_in",
        "connexion",
        "se-connecter",
        "anmelden",
        "einloggen",
        "iniciar-sesion",
    ];
    let named = |w: &str| PAGES.iter().any(|p| w.eq_ignore_ascii_case(p));
    let href = href.trim();
    let absolute = href.split_once("://").map(|(_, r)| r).or_else(|| href.strip_prefix("//"));
    if let Some(rest) = absolute {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        return host.split('.').next().is_some_and(named);
    }
    let path = href.split(['?', '#']).next().unwrap_or("");
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    named(last.rsplit_once('.').map_or(last, |(stem, _)| stem))
}

/// Page wrappers often carry layout words ("has-sidebar"): only inner
/// elements are judged by their attributes.
pub(crate) fn is_chrome_attr_element(name: &str) -> bool {
    !matches!(name, "html" | "body" | "main" | "article")
}

fn has_chrome_attr(el: &Element, name: &str, threads: bool) -> bool {
    is_chrome_attr_element(name)
        && el.attrs.iter().any(|a| {
            // Names compared as atoms: every element of a pruned walk is asked.
            let n = &a.name.local;
            (*n == local_name!("class") || *n == local_name!("id") || *n == local_name!("role")) && {
                let (chrome, comment) = chrome_words(&a.value);
                chrome || threads && comment
            }
        })
}

/// Whether the value's alphanumeric words hold a chrome word, and a comment-
/// thread word, whatever the element: one pass (every class and id is asked).
pub(crate) fn chrome_words(value: &str) -> (bool, bool) {
    let (mut chrome, mut comment) = (false, false);
    // The words of `value.split(|b| !b.is_ascii_alphanumeric())`, found by a
    // byte table (the per-byte range tests were most of the cost).
    let bytes = value.as_bytes();
    let mut start = 0;
    for end in (0..bytes.len()).filter(|&i| !is_ascii_alnum_byte(bytes[i])).chain([bytes.len()]) {
        let word = &bytes[start..end];
        start = end + 1;
        chrome |= is_chrome_word(word);
        comment |= is_comment_word(word);
        if chrome && comment {
            break;
        }
    }
    (chrome, comment)
}

/// `word` lower-cased into `buf`, or `None` when it is empty or longer than
/// the buffer (then it is none of the short words it is matched against).
pub(crate) fn ascii_lower<'b, const N: usize>(word: &[u8], buf: &'b mut [u8; N]) -> Option<&'b [u8]> {
    let lower = buf.get_mut(..word.len()).filter(|_| !word.is_empty())?;
    // Byte by byte: `copy_from_slice` of a short, variable length is a
    // `memcpy` call, and this runs for every tag and attribute name.
    for (l, &b) in lower.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    Some(lower)
}

/// Generic class/id words for page chrome (theme vocabulary, not one site's),
/// lower case. The matcher's length and first-letter filter is built from
/// this list, so a word added here cannot be filtered out.
const CHROME_WORDS: [&[u8]; 29] = [
    b"sidebar",
    b"breadcrumb",
    b"breadcrumbs",
    b"cookie",
    b"cookies",
    b"consent",
    b"share",
    b"sharing",
    b"social",
    b"newsletter",
    b"subscribe",
    b"navbar",
    b"nav",
    b"navigation",
    b"menu",
    b"footer",
    b"masthead",
    b"related",
    b"recommended",
    b"popup",
    b"modal",
    b"banner",
    b"advert",
    b"advertisement",
    b"ad",
    b"ads",
    b"promo",
    b"skip",
    b"toolbar",
];

/// The first letters and the length bounds of `CHROME_WORDS`.
const CHROME_FILTER: ([bool; 256], usize, usize) = {
    let (mut first, mut shortest, mut longest) = ([false; 256], usize::MAX, 0);
    let mut i = 0;
    while i < CHROME_WORDS.len() {
        let w = CHROME_WORDS[i];
        first[w[0] as usize] = true;
        first[w[0].to_ascii_uppercase() as usize] = true;
        if w.len() < shortest {
            shortest = w.len();
        }
        if w.len() > longest {
            longest = w.len();
        }
        i += 1;
    }
    (first, shortest, longest)
};

/// Whether `word` is one of `CHROME_WORDS` in any case: a whole word of the
/// attribute split at non-alphanumerics.
fn is_chrome_word(word: &[u8]) -> bool {
    // Most words of a class list (utility classes, digits, hashes) fail on
    // length or first letter, before any copy.
    let (first, shortest, longest) = &CHROME_FILTER;
    if !(*shortest..=*longest).contains(&word.len()) || !first[usize::from(word[0])] {
        return false;
    }
    // Only words of its length are compared, without a lower-cased copy.
    CHROME_WORDS.iter().any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
}

/// Cookie and consent dialogs by their class or id words.
pub(crate) fn has_consent_word(value: &str) -> bool {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| ["cookie", "cookies", "consent"].iter().any(|o| w.eq_ignore_ascii_case(o)))
}

/// Overlays and ads among the chrome words: what they hold is never the
/// page's text, however long (a consent dialog's legal text).
fn is_overlay_word(word: &[u8]) -> bool {
    [&b"cookie"[..], b"cookies", b"consent", b"popup", b"modal", b"advert", b"advertisement", b"ad", b"ads"]
        .iter()
        .any(|o| word.eq_ignore_ascii_case(o))
}

/// Whether a class or id value holds an overlay word (`judge_value` finds it
/// in its one pass).
#[cfg(test)]
fn has_overlay_word(value: &str) -> bool {
    value.as_bytes().split(|b| !b.is_ascii_alphanumeric()).any(is_overlay_word)
}

/// Comment threads: chrome on a page with its own text beside them (a blog
/// post's or a question's comments), content on a page that is one (forum
/// software names its posts "comments"); the DOM index decides which.
fn is_comment_word(word: &[u8]) -> bool {
    matches!(word.len(), 7 | 8)
        && word[..7].eq_ignore_ascii_case(b"comment")
        && word[7..].eq_ignore_ascii_case(&b"s"[..word.len() - 7])
}

// ---------------------------------------------------------------- teasers

/// Class, id and role words of markup that holds no cards: navigation,
/// pagination, tables of contents, comments, share, promo, ad and shop widgets.
pub(crate) fn is_teaser_blocking_word(word: &[u8]) -> bool {
    // Lower-cased into a stack buffer and matched at once: every class word
    // above every link is asked, and 40 case-insensitive compares each showed.
    let mut buf = [0u8; 16];
    let Some(lower) = ascii_lower(word, &mut buf) else { return false };
    matches!(
        lower,
        b"nav"
            | b"navbar"
            | b"navigation"
            | b"menu"
            | b"submenu"
            | b"megamenu"
            | b"menubar"
            | b"breadcrumb"
            | b"breadcrumbs"
            | b"pagination"
            | b"pager"
            | b"paging"
            | b"toc"
            | b"comment"
            | b"comments"
            | b"share"
            | b"sharing"
            | b"social"
            | b"newsletter"
            | b"subscribe"
            | b"subscription"
            | b"signup"
            | b"promo"
            | b"advert"
            | b"advertisement"
            | b"ad"
            | b"ads"
            | b"sponsor"
            | b"sponsored"
            | b"cookie"
            | b"consent"
            | b"modal"
            | b"popup"
            | b"product"
            | b"products"
            | b"price"
            | b"cart"
            | b"shop"
            | b"woocommerce"
            | b"hidden"
    )
}

// --------------------------------------------------------------------- hidden

/// Hidden (`hidden`, `aria-hidden`, `display:none`): Readability never reads
/// it; the density reading does (script-revealed pages hide their content).
pub(crate) fn is_hidden(el: &Element) -> bool {
    // Names compared as atoms (one integer each): every element is asked.
    el.attrs.iter().any(|a| {
        let name = &a.name.local;
        if *name == local_name!("style") {
            hides(a.value.as_bytes())
        } else if *name == local_name!("aria-hidden") {
            &*a.value == "true"
        } else {
            *name == local_name!("hidden")
        }
    })
}

/// `display:none` or `visibility:hidden` in a style attribute, any case and
/// spacing (every styled element is asked): the value squeezed of spaces and
/// lower-cased into a stack buffer, then searched.
fn hides(style: &[u8]) -> bool {
    let mut buf = [0u8; 256];
    let mut heap = Vec::new();
    let squeezed: &[u8] = if style.len() <= buf.len() {
        let mut len = 0;
        for &b in style.iter().filter(|b| !b.is_ascii_whitespace()) {
            buf[len] = b.to_ascii_lowercase();
            len += 1;
        }
        &buf[..len]
    } else {
        heap.extend(style.iter().filter(|b| !b.is_ascii_whitespace()).map(u8::to_ascii_lowercase));
        &heap
    };
    memchr::memmem::find(squeezed, b"display:none").is_some()
        || memchr::memmem::find(squeezed, b"visibility:hidden").is_some()
}

// ------------------------------------------------------------ pre-parse scan

/// Elements whose content is raw text up to their end tag: the pre-parse
/// scan skips them unchanged.
pub(crate) const RAW_TEXT_KEPT: &[&[u8]] =
    &[b"textarea", b"title", b"noscript", b"xmp", b"iframe", b"noembed", b"noframes"];

/// Every attribute clean reads, by name (lower case), and those html5ever's
/// tree builder reads (`type=hidden` inputs, a `font` leaving SVG, MathML's
/// `encoding`, `charset`, `shadowrootmode`). The pre-parse scan cuts every
/// other attribute from start tags (`rawtext::cut_unread_attributes`): a
/// page's `data-*`, `srcset`, `src`, `loading`, `aria-*`, event handlers and
/// SVG presentation attributes were a quarter of the parse. **A rule that
/// reads another attribute must add its name here**, or it reads nothing.
/// In SVG and MathML, `xlink:href` and the like are read as `href` (their
/// local name), so they are kept too.
pub(crate) fn is_read_attribute(name: &[u8]) -> bool {
    let mut buf = [0u8; 16];
    let Some(lower) = ascii_lower(name, &mut buf) else { return false };
    let local = lower.strip_prefix(b"xlink:").or_else(|| lower.strip_prefix(b"xml:")).unwrap_or(lower);
    matches!(
        local,
        b"alt"
            | b"aria-hidden"
            | b"aria-label"
            | b"charset"
            | b"class"
            | b"color"
            | b"content"
            | b"data-rating"
            | b"data-score"
            | b"datetime"
            | b"disabled"
            | b"encoding"
            | b"face"
            | b"hidden"
            | b"href"
            | b"http-equiv"
            | b"id"
            | b"itemprop"
            | b"itemtype"
            | b"lang"
            | b"name"
            | b"property"
            | b"pubdate"
            | b"rel"
            | b"role"
            | b"shadowrootmode"
            | b"size"
            | b"style"
            | b"title"
            | b"type"
            | b"value"
    )
}

/// Void elements never nest; these others are closed implicitly by their
/// siblings. `lower` is the name lower-cased (the pre-parse scan lower-cases
/// each tag name once for all it asks of it).
pub(crate) fn never_nests_lower(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"tbody"
            | b"thead"
            | b"colgroup"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tripwire for `is_read_attribute`: every attribute name the clean
    /// sources ask for by a literal (`attr("x")`, `has_attr("x")`,
    /// `local_name!("x")`, `attr_of(el, "x")`, `tag_with(_, "x", _)`,
    /// `a.name.local == "x"`, a list of names that `attr` is then asked for, and
    /// the arms matching an attribute's local name) must be kept by the
    /// pre-parse cut.
    #[test]
    fn every_attribute_the_sources_read_survives_the_pre_parse_cut() {
        fn literals(s: &str) -> Vec<&str> {
            s.split('"').skip(1).step_by(2).collect()
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pipeline/clean");
        let mut files = vec![];
        for entry in std::fs::read_dir(&dir).unwrap().chain(std::fs::read_dir(dir.join("meta")).unwrap()) {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                files.push(std::fs::read_to_string(path).unwrap());
            }
        }
        let mut asked = vec![];
        for src in &files {
            let src = src.split("#[cfg(test)]").next().unwrap();
            for opener in [".attr(\"", "has_attr(\"", "local_name!(\"", "attr_of(el, \"", "a.name.local == \""] {
                for (at, _) in src.match_indices(opener) {
                    asked.push(literals(&src[at + opener.len() - 1..]).first().copied().unwrap());
                }
            }
            for (at, _) in src.match_indices("tag_with(\"") {
                asked.push(literals(&src[at..])[1]);
            }
            // `["class", "id"].iter()…attr(a)` and `match &*a.name.local { "x" | "y" => … }`.
            for (at, _) in src.match_indices("[\"") {
                let list = &src[at..at + src[at..].find(']').unwrap()];
                let statement = &src[at..at + src[at..].find(';').unwrap_or(src.len() - at)];
                // The list's items go to `attr` through the first closure's argument.
                let item = statement.split('|').nth(1).unwrap_or("");
                if !item.is_empty() && statement.contains(&format!(".attr({item})")) {
                    asked.extend(literals(list));
                }
            }
            for (at, _) in src.match_indices("a.name.local {") {
                let arms = &src[at..at + src[at..].find("_ =>").unwrap()];
                for line in arms.lines().filter(|l| l.contains("=>")) {
                    asked.extend(literals(line.split("=>").next().unwrap()));
                }
            }
            for (at, _) in src.match_indices("a.name.local, \"") {
                asked.extend(literals(&src[at..at + src[at..].find(')').unwrap()]));
            }
        }
        assert!(asked.len() > 60, "the scan finds the sources' reads: {asked:?}");
        for name in asked {
            assert!(is_read_attribute(name.as_bytes()), "`{name}` is read: add it to is_read_attribute");
        }
    }

    #[test]
    fn chrome_words_are_found_as_the_split_finds_them() {
        let by_split = |value: &str| {
            let words: Vec<&[u8]> = value.as_bytes().split(|b| !b.is_ascii_alphanumeric()).collect();
            (words.iter().any(|w| is_chrome_word(w)), words.iter().any(|w| is_comment_word(w)))
        };
        for value in [
            "",
            "-",
            "nav",
            "site-nav",
            "post comments",
            "x--sidebar__comments_",
            "Ad ADS grid-cols-3 md:flex",
            "comment-list nav",
            "navé ad\u{a0}x",
            " footer ",
        ] {
            assert_eq!(chrome_words(value), by_split(value), "{value:?}");
        }
    }

    #[test]
    fn every_chrome_word_passes_the_first_letter_and_length_filter() {
        let words: Vec<&str> = CHROME_WORDS.iter().map(|w| std::str::from_utf8(w).unwrap()).collect();
        for w in words {
            assert!(is_chrome_word(w.as_bytes()), "{w}");
            assert!(is_chrome_word(w.to_ascii_uppercase().as_bytes()), "{w}");
        }
        for w in ["", "a", "x", "items", "px", "4", "advertisements", "header", "main", "sidebar2"] {
            assert!(!is_chrome_word(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn styles_that_hide_are_recognised_in_any_case_and_spacing() {
        assert!(hides(b"color: red; DISPLAY : None"));
        assert!(hides(b"visibility:hidden"));
        assert!(!hides(b"display: block; visibility: visible"));
        assert!(!hides(b""));
    }

    #[test]
    fn hint_words_match_inside_class_values_in_any_case() {
        assert_eq!(hint_bits("Article-Body"), HINT_POSITIVE | HINT_MAYBE);
        assert_eq!(hint_bits("site-sidebar"), HINT_NEGATIVE | HINT_UNLIKELY);
        assert_eq!(hint_bits("post-author"), HINT_POSITIVE | HINT_BYLINE | HINT_AUTHOR);
        assert_eq!(hint_bits("related-links"), HINT_NEGATIVE | HINT_UNLIKELY | HINT_TEASER);
        assert_eq!(hint_bits("x"), 0);
    }

    #[test]
    fn hint_bits_by_the_dfa_match_the_boxed_automatons_overlapping_search() {
        let (words, bits) = hint_words();
        let ac = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(&words).unwrap();
        let old = |v: &str| ac.find_overlapping_iter(v).fold(0, |acc, m| acc | bits[m.pattern().as_usize()]);
        let values = [
            "",
            "x",
            "Article-Body",
            "post-author byline vcard",
            "COMMENTS comment-list",
            "main-content entry-content post-body-text",
            "related-posts read-more more-stories",
            "ad-break -ad- shadow sidebar-widget",
            "published-date datum fecha time",
            "c-article__body js-gdpr header--sticky",
            "Ünïcode-côntent ad",
        ];
        for v in values {
            assert_eq!(hint_bits(v), old(v), "{v:?}");
        }
    }

    #[test]
    fn one_pass_judgement_matches_the_three_scans_it_replaces() {
        let old = |v: &str| {
            let (chrome, comment) = chrome_words(v);
            Judged { bits: hint_bits(v), chrome, comment, overlay: chrome && has_overlay_word(v) }
        };
        let mut values: Vec<String> = [
            "",
            "-",
            "x",
            "ad",
            "AD",
            "header load",
            "ad-break -ad- shadow sidebar-widget",
            "site-nav comments",
            "navigator commentary",
            "comment-list nav",
            "Comments_count",
            "cookie-consent modal__inner",
            "js-popup2 popup",
            "advertisement-slot ads",
            "Article-Body post-author byline vcard",
            "x--sidebar__comments_",
            "Ad ADS grid-cols-3 md:flex",
            "navé ad\u{a0}x éad adé",
            " footer ",
            "related-posts read-more more-stories",
            "c-article__body js-gdpr header--sticky",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every chrome, overlay, comment and hint word alone, glued to a
        // letter, a digit or another word, and split by separators.
        let (hints, _) = hint_words();
        let mut words: Vec<String> = CHROME_WORDS.iter().map(|w| String::from_utf8(w.to_vec()).unwrap()).collect();
        words.extend(["comment", "comments", "commentx"].map(String::from));
        words.extend(hints.iter().map(|w| w.to_string()));
        for w in &words {
            for v in [
                w.clone(),
                w.to_ascii_uppercase(),
                format!("a{w}"),
                format!("{w}1"),
                format!("x-{w}"),
                format!("{w}_y z"),
                format!("é{w}é"),
                format!("{w}{w}"),
                format!("nav{w} {w}-ad"),
            ] {
                values.push(v);
            }
        }
        for v in &values {
            assert_eq!(judge_value(v), old(v), "{v:?}");
        }
    }

    #[test]
    fn chrome_and_comment_words_are_whole_words() {
        assert_eq!(chrome_words("site-nav comments"), (true, true));
        assert_eq!(chrome_words("navigator commentary"), (false, false));
    }
}
