//! One scan of the page before parsing: element count and nesting depth
//! for the complexity guard, and script and style bodies (and the text of
//! comments nothing reads, an inline SVG icon's shape tags, and the
//! attributes clean never reads) removed.
//!
//! Script and style bodies are removed before parsing. They are never text, yet
//! half the bytes of a news page (zyte: 53%) are inline scripts and styles,
//! and html5ever tokenises each byte of them. JSON-LD scripts stay: metadata
//! reads them.
//!
//! The scan is a small tokenizer of its own, so markup that only looks like a
//! script tag is left alone: quoted attribute values (`data-x="<script>"`),
//! comments, and the raw-text elements whose content is not markup
//! (`textarea`, `title`, `noscript`, …). A script whose body contains `<!--`
//! is kept whole: HTML's escaped script states make its end hard to find, and
//! a wrong end would turn code into page text.
//!
//! The scan also notes the `<noscript>` holding the most text: app shells
//! (forum engines, single-page shops) render nothing in the body and serve
//! the page's content to crawlers there, where the parser sees raw text.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use memchr::{memchr, memchr2};

use super::markup::{ascii_lower, is_read_attribute, never_nests_lower, RAW_TEXT_KEPT};

/// What the scan found.
pub(crate) struct Prescan {
    /// `html` with the bodies of `<script>` (but JSON-LD) and `<style>`
    /// emptied, an icon's shape tags cut (`shapes_end`: the `<svg>` and
    /// its whitespace stay) and unread attributes cut
    /// (`cut_unread_attributes`), or `None` when there was nothing to remove.
    pub stripped: Option<String>,
    /// Start tags.
    pub elements: usize,
    /// Deepest nesting of elements that nest (void elements and those closed
    /// by their siblings, like `<p>` and `<li>`, do not).
    pub max_depth: usize,
    /// The `<noscript>` whose content holds the most text, when any holds
    /// `NOSCRIPT_MIN_TEXT` bytes or more.
    pub noscript: Option<Noscript>,
    /// A `<template>` start tag was seen (streamed rendering's placeholders).
    pub templates: bool,
    cuts: Vec<(usize, usize)>,
}

/// Fewer non-space text bytes than this, a `<noscript>` is a pixel, a
/// lazy image or a "please enable JavaScript" line.
const NOSCRIPT_MIN_TEXT: usize = 500;

/// A `<noscript>` element: its start and end tags' byte ranges and the
/// non-space text bytes of its content (markup left out).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Noscript {
    open: (usize, usize),
    close: (usize, usize),
    pub text_bytes: usize,
}

impl Prescan {
    /// `html` as `stripped`, with the largest `<noscript>`'s start and end
    /// tags removed so its content parses as markup.
    pub fn with_noscript_unwrapped(&self, html: &str) -> Option<String> {
        let n = self.noscript?;
        let mut cuts = self.cuts.clone();
        cuts.extend([n.open, n.close]);
        cuts.sort_unstable();
        Some(cut(html, &cuts))
    }
}

/// `prescan(html).stripped`.
#[cfg(test)]
pub fn strip_scripts_and_styles(html: &str) -> Option<String> {
    prescan(html).stripped
}

pub fn prescan(html: &str) -> Prescan {
    let bytes = html.as_bytes();
    let (mut elements, mut depth, mut max_depth) = (0usize, 0usize, 0usize);
    // Byte ranges to drop, in order.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut noscript: Option<Noscript> = None;
    let mut templates = false;
    // Depth of the outermost open `<svg>` or `<math>`.
    let mut foreign_at: Option<usize> = None;
    // Tags before this offset are an icon's shapes (`shapes_end`): cut.
    let mut shapes_until = 0;
    // Before this offset what looks like a tag is text or a comment's to the
    // parser (a CDATA section, a bogus comment, all after `<plaintext>`).
    let mut verbatim_until = 0;
    let mut i = 0;
    while let Some(pos) = memchr(b'<', &bytes[i..]) {
        let lt = i + pos;
        i = lt + 1;
        if !bytes[i..].starts_with(b"!--") && matches!(bytes.get(i), Some(b'!' | b'?'))
            || bytes.get(i) == Some(&b'/') && !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            let gt = memchr(b'>', &bytes[i..]).map_or(bytes.len(), |p| i + p);
            let cdata = bytes[i..].starts_with(b"![CDATA[").then(|| find(bytes, i, b"]]>").unwrap_or(bytes.len()));
            verbatim_until = verbatim_until.max(gt).max(cdata.unwrap_or(0));
        }
        if bytes[i..].starts_with(b"!--") {
            let body = i + 3;
            let end = COMMENT_CLOSE.find(&bytes[body..]).map(|p| body + p);
            if let Some(end) = end.filter(|_| foreign_at.is_none()) {
                if is_unread_comment(&bytes[body..end]) {
                    cuts.push((body, end));
                }
            }
            i = end.map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let name_len = bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = &bytes[start..start + name_len];
        let mut buf = [0u8; 16];
        let lower = ascii_lower(name, &mut buf).unwrap_or_default();
        let nests = !never_nests_lower(lower);
        if lt < shapes_until && cuts.last().is_none_or(|&(_, end)| end <= lt) {
            let end = end_of_tag(bytes, start + name_len).unwrap_or(shapes_until).min(shapes_until);
            cuts.push((lt, end));
        }
        if closing {
            depth = depth.saturating_sub(usize::from(nests));
            if foreign_at.is_some_and(|d| depth < d) {
                foreign_at = None;
            }
            continue;
        }
        elements += 1;
        let kind = TagKind::of(lower);
        templates |= kind == TagKind::Template;
        let tag_end = end_of_tag(bytes, start + name_len);
        // In SVG and MathML `<path/>` closes itself (in HTML `<div/>` does not):
        // an icon sprite is thousands of such tags, flat.
        let foreign = matches!(kind, TagKind::Svg | TagKind::Math);
        let self_closed = (foreign || foreign_at.is_some()) && tag_end.is_some_and(|e| bytes[e - 2] == b'/');
        if nests && !self_closed {
            depth += 1;
            max_depth = max_depth.max(depth);
            if foreign && foreign_at.is_none() {
                foreign_at = Some(depth);
                if kind == TagKind::Svg {
                    shapes_until = tag_end.and_then(|e| shapes_end(bytes, e)).unwrap_or(0);
                }
            }
        }
        let Some(tag_end) = tag_end else {
            break; // an unterminated tag: the rest is one tag to the parser too
        };
        let open_tag = &bytes[lt..tag_end];
        i = tag_end;
        let script_or_style = matches!(kind, TagKind::Script | TagKind::Style);
        let raw_text = script_or_style || matches!(kind, TagKind::RawTextKept | TagKind::Noscript);
        if !raw_text && lt >= verbatim_until && lt >= shapes_until {
            cut_unread_attributes(bytes, start + name_len, tag_end, &mut cuts);
        }
        if kind == TagKind::Plaintext {
            verbatim_until = bytes.len();
        }
        if script_or_style {
            let Some(close) = find_end_tag(bytes, tag_end, name) else {
                break;
            };
            // The end tag is counted when the scan reaches it.
            let body = &bytes[tag_end..close];
            let escaped = COMMENT_OPEN.find(body).is_some();
            let keep = kind == TagKind::Script && (contains_ignore_case(open_tag, b"ld+json") || escaped);
            if keep && escaped && contains_ignore_case(body, b"<script") {
                // A double-escaped script may end at a later `</script>`.
                verbatim_until = bytes.len();
            }
            if !keep && !body.is_empty() {
                cuts.push((tag_end, close));
            }
            i = close;
        } else if raw_text {
            let end = find_end_tag(bytes, tag_end, name);
            i = end.unwrap_or(bytes.len());
            if let Some(close) = end.filter(|_| kind == TagKind::Noscript) {
                verbatim_until = verbatim_until.max(raw_text_reach(bytes, tag_end, close));
                let text_bytes = text_bytes(&bytes[tag_end..close]);
                let close_end = memchr(b'>', &bytes[close..]).map_or(bytes.len(), |p| close + p + 1);
                if text_bytes >= NOSCRIPT_MIN_TEXT && noscript.is_none_or(|n: Noscript| n.text_bytes < text_bytes) {
                    noscript = Some(Noscript { open: (lt, tag_end), close: (close, close_end), text_bytes });
                }
            }
        }
    }
    let stripped = (!cuts.is_empty()).then(|| cut(html, &cuts));
    Prescan { stripped, elements, max_depth, noscript, templates, cuts }
}

// Searchers built once: building one costs more than searching a short comment.
static COMMENT_OPEN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"<!--"));
static COMMENT_CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"-->"));
static BANG_CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"--!>"));
static DC_DATE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"dc:date"));

/// The start tags the scan treats apart, by lower-cased name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TagKind {
    Other,
    Script,
    Style,
    Noscript,
    /// `RAW_TEXT_KEPT` but `noscript`.
    RawTextKept,
    Svg,
    Math,
    Template,
    Plaintext,
}

impl TagKind {
    /// One match on the name lower-cased once, in place of a case-insensitive
    /// comparison with each name the scan asks about.
    fn of(lower: &[u8]) -> TagKind {
        match lower {
            b"script" => TagKind::Script,
            b"style" => TagKind::Style,
            b"noscript" => TagKind::Noscript,
            b"svg" => TagKind::Svg,
            b"math" => TagKind::Math,
            b"template" => TagKind::Template,
            b"plaintext" => TagKind::Plaintext,
            _ if RAW_TEXT_KEPT.contains(&lower) => TagKind::RawTextKept,
            _ => TagKind::Other,
        }
    }
}

/// A comment whose text nothing reads: html5ever tokenises a comment a
/// character at a time, and a page's comments (commented-out markup, build
/// notes) are a few percent of its bytes. The comment node stays, emptied, so
/// text nodes around it split as before. Read are React's boundary markers
/// (`$`, `$?`, `$!`, `/$`: two bytes at most) and the RDF trackback date
/// (`dc:date`); a body the parser would end elsewhere than at this `-->`
/// (`<!-->`, `<!--->`, `--!>`) is left alone.
fn is_unread_comment(body: &[u8]) -> bool {
    body.len() > 2
        && !body.starts_with(b">")
        && !body.starts_with(b"->")
        && BANG_CLOSE.find(body).is_none()
        && DC_DATE.find(body).is_none()
}

/// Cuts from the start tag ending at `tag_end` (one past its `>`; its name's
/// letters and digits end at `from`) every attribute clean never reads
/// (`markup::is_read_attribute`), name to value end. Attribute and element
/// names are tokenised a character at a time, and a page's `data-*`,
/// `srcset`, `aria-*` and SVG attributes were a quarter of the parse.
///
/// The tag is split as HTML's tokenizer splits it (a name runs to white
/// space, `/`, `=` or `>`, a value is quoted or runs to white space or `>`);
/// where that split does not end at the scan's `>` the tag is left whole. An
/// attribute is cut only where what stays around it parses as before: it
/// follows white space or a closing quote (not a stray `/`, which with a
/// `>` after the cut would close the element), and is followed by white
/// space, `/` or `>`, and no `=` comes next (it would give a valueless
/// attribute before the cut a value). So every attribute left keeps its name, value and order, and the
/// element its self-closing flag. The white space before a cut attribute
/// goes with it: the parser reads white space in a tag a character at a time.
fn cut_unread_attributes(bytes: &[u8], from: usize, tag_end: usize, cuts: &mut Vec<(usize, usize)>) {
    let gt = tag_end - 1;
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let ends_name = |b: u8| space(b) || matches!(b, b'/' | b'=' | b'>');
    let first = cuts.len();
    // The element's name may go on past letters and digits ("my-element").
    let mut i = from + bytes[from..gt].iter().take_while(|&&b| !space(b) && b != b'/').count();
    loop {
        let gap = i;
        i += bytes[i..gt].iter().take_while(|&&b| space(b) || b == b'/').count();
        if i >= gt {
            break;
        }
        let name_start = i;
        // A first `=` belongs to the name.
        i += 1 + bytes[i + 1..gt].iter().take_while(|&&b| !ends_name(b)).count();
        let name_end = i;
        let mut j = i + bytes[i..gt].iter().take_while(|&&b| space(b)).count();
        let mut end = name_end;
        if bytes[j] == b'=' {
            j += 1;
            j += bytes[j..gt].iter().take_while(|&&b| space(b)).count();
            if matches!(bytes[j], b'"' | b'\'') {
                let Some(close) = memchr(bytes[j], &bytes[j + 1..gt]) else {
                    break; // the scan's `>` is inside this value
                };
                end = j + 1 + close + 1;
            } else {
                end = j + bytes[j..gt].iter().take_while(|&&b| !space(b) && b != b'>').count();
            }
        }
        i = end;
        if bytes[end] == b'>' && end < gt {
            break; // the tokenizer ends the tag before the scan's `>`
        }
        let before = bytes[name_start - 1];
        let after = bytes[end];
        let next = bytes[end..=gt].iter().find(|&&b| !space(b));
        if !is_read_attribute(&bytes[name_start..name_end])
            && (space(before) || matches!(before, b'"' | b'\''))
            && (space(after) || matches!(after, b'/' | b'>'))
            && next != Some(&b'=')
        {
            // The white space before it goes too, but for one character
            // before a `/` (`<g a=1/>` would make `1/` the value).
            let blank = gap < name_start && bytes[gap..name_start].iter().all(|&b| space(b));
            let from = match (blank, after) {
                (false, _) => name_start,
                (true, b'/') => gap + 1,
                (true, _) => gap,
            };
            cuts.push((from, end));
        }
    }
    if i != gt {
        cuts.truncate(first);
    }
}

/// How far the raw text elements starting in `bytes[from..to]`, a
/// `<noscript>`'s content, reach: the parser reads that content as markup
/// (scripting is off), and an `<iframe>` left open there makes the rest of
/// the page its text. 0 when none starts there.
fn raw_text_reach(bytes: &[u8], from: usize, to: usize) -> usize {
    const RAW_TEXT: &[&[u8]] =
        &[b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes", b"plaintext"];
    let mut reach = 0;
    let mut i = from;
    while let Some(pos) = memchr(b'<', &bytes[i..to]) {
        let start = i + pos + 1;
        i = start;
        let name_len = bytes[start..to].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = &bytes[start..start + name_len];
        let delimited = bytes.get(start + name_len).is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
        if !delimited || !RAW_TEXT.iter().any(|raw| name.eq_ignore_ascii_case(raw)) {
            continue;
        }
        let body = end_of_tag(bytes, start + name_len).unwrap_or(bytes.len());
        let end = match find_end_tag(bytes, body, name) {
            Some(end) if !name.eq_ignore_ascii_case(b"plaintext") && find(&bytes[body..end], 0, b"<!--").is_none() => {
                end
            }
            _ => bytes.len(),
        };
        reach = reach.max(end);
        if end >= to {
            break;
        }
        i = end;
    }
    reach
}

/// Non-space bytes outside tags.
fn text_bytes(markup: &[u8]) -> usize {
    let (mut n, mut in_tag) = (0, false);
    for &b in markup {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            _ if !in_tag && !b.is_ascii_whitespace() => n += 1,
            _ => {}
        }
    }
    n
}

fn cut(html: &str, cuts: &[(usize, usize)]) -> String {
    let removed: usize = cuts.iter().map(|(a, b)| b - a).sum();
    let mut out = String::with_capacity(html.len() - removed);
    let mut from = 0;
    for &(a, b) in cuts {
        // Cut points sit next to ASCII `<` and `>`: always char boundaries.
        out.push_str(&html[from..a]);
        from = b;
    }
    out.push_str(&html[from..]);
    out
}

/// Where an icon's body ends (its `</svg>`), when the body is only shape
/// tags and whitespace: no text, comment, title or HTML. Those tags are cut
/// (the `<svg>` element and the whitespace stay, so every text reading of the
/// page is unchanged): nothing reads an icon's shapes, and its path data was
/// a few percent of html5ever's work on a page.
fn shapes_end(bytes: &[u8], from: usize) -> Option<usize> {
    const SHAPES: &[&[u8]] = &[
        b"path",
        b"g",
        b"circle",
        b"rect",
        b"ellipse",
        b"line",
        b"polyline",
        b"polygon",
        b"defs",
        b"use",
        b"symbol",
        b"lineargradient",
        b"radialgradient",
        b"stop",
        b"clippath",
        b"mask",
    ];
    let mut i = from;
    loop {
        let lt = i + memchr(b'<', &bytes[i..])?;
        // Carriage returns stay out: the parser folds `\r\n` across a cut tag otherwise.
        if !bytes[i..lt].iter().all(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\x0c')) {
            return None;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let start = lt + 1 + usize::from(closing);
        let name_len = bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = &bytes[start..start + name_len];
        let delimited =
            bytes.get(start + name_len).is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
        if !delimited {
            return None;
        }
        if closing && name.eq_ignore_ascii_case(b"svg") {
            return Some(lt);
        }
        if !SHAPES.iter().any(|s| name.eq_ignore_ascii_case(s)) {
            return None;
        }
        i = end_of_tag(bytes, start + name_len)?;
    }
}

/// One past the `>` that ends the tag whose attributes start at `from`,
/// quoted values skipped.
fn end_of_tag(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'>' {
            return Some(i + 1);
        }
        if matches!(b, b'"' | b'\'') && quote_after_eq(bytes, from, i) {
            i = memchr(b, &bytes[i + 1..]).map(|p| i + 1 + p + 1)?;
            continue;
        }
        i += 1;
    }
    None
}

/// The quote at `i` opens an attribute value: it follows `=` (spaces allowed).
fn quote_after_eq(bytes: &[u8], from: usize, i: usize) -> bool {
    let mut j = i;
    while j > from && bytes[j - 1].is_ascii_whitespace() {
        j -= 1;
    }
    j > from && bytes[j - 1] == b'='
}

/// Start of the `</name` end tag at or after `from` (ASCII case-insensitive).
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    // `<` then `/`: a byte search, where a substring search sets itself up on each call.
    while let Some(pos) = memchr(b'<', bytes.get(i..)?).map(|p| i + p) {
        if bytes.get(pos + 1) != Some(&b'/') {
            i = pos + 1;
            continue;
        }
        let after = pos + 2;
        let candidate = bytes.get(after..after + name.len())?;
        let delimited =
            bytes.get(after + name.len()).is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
        if candidate.eq_ignore_ascii_case(name) && delimited {
            return Some(pos);
        }
        i = after;
    }
    None
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|p| from + p)
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else { return false };
    // Candidates by their first byte (either case), then the rest compared.
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut i = 0;
    while let Some(p) = memchr2(lower, upper, &haystack[i..=last_start]) {
        let at = i + p;
        if haystack[at + 1..at + needle.len()].eq_ignore_ascii_case(rest) {
            return true;
        }
        i = at + 1;
        if i > last_start {
            break;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(html: &str) -> String {
        strip_scripts_and_styles(html).unwrap_or_else(|| html.to_string())
    }

    #[test]
    fn script_and_style_bodies_go_json_ld_stays() {
        let html = "<head><style>p{color:red}</style><script type='application/ld+json'>{\"a\":1}</script>\
                    </head><body><SCRIPT src=x>var a = '<p>';</SCRIPT ><p>Text</p><script>b()</script></body>";
        assert_eq!(
            strip(html),
            "<head><style></style><script type='application/ld+json'>{\"a\":1}</script>\
             </head><body><SCRIPT src=x></SCRIPT ><p>Text</p><script></script></body>"
        );
    }

    #[test]
    fn look_alikes_in_attributes_comments_and_raw_text_are_left_alone() {
        for html in [
            "<div data-x=\"<script>\">kept</div><p>more</p><script>x</script>",
            "<div data-x = '<style>'>kept</div><p>more</p>",
            "<!-- <script> --><p>kept</p><b>more</b>",
            "<textarea><script></textarea><p>kept</p>",
            "<noscript><script>x</noscript><p>kept</p><i>more</i>",
        ] {
            let out = strip(html);
            assert!(out.contains("kept") && (out.contains("more") || !html.contains("more")), "{html} -> {out}");
        }
    }

    #[test]
    fn escaped_scripts_and_unterminated_ones_are_kept_whole() {
        let escaped = "<script><!-- document.write('<script>a()</script>') --></script><p>kept</p>";
        assert_eq!(strip(escaped), escaped);
        let open = "<p>kept</p><script>never closed";
        assert_eq!(strip(open), open);
        assert!(strip_scripts_and_styles("<p>plain</p>").is_none());
    }

    #[test]
    fn the_noscript_holding_most_text_is_noted_and_unwrapped_with_scripts_still_cut() {
        let long = "Ein Beitrag im Forum, der lang genug ist, um Inhalt zu sein. ".repeat(12);
        let html = format!(
            "<head><noscript><style>a{{}}</style></noscript><script>x()</script></head><body>\
             <noscript><img src=pixel.gif></noscript><noscript><div><p>{long}</p></div></noscript></body>"
        );
        let scan = prescan(&html);
        let n = scan.noscript.expect("the long one");
        assert!(n.text_bytes >= NOSCRIPT_MIN_TEXT);
        let unwrapped = scan.with_noscript_unwrapped(&html).unwrap();
        assert!(unwrapped
            .contains(&format!("<body><noscript><img src=pixel.gif></noscript><div><p>{long}</p></div></body>")));
        assert!(unwrapped.contains("<script></script>"));
        assert!(prescan("<body><noscript><img src=pixel.gif></noscript><p>Text</p></body>").noscript.is_none());
    }

    #[test]
    fn self_closing_tags_nest_only_outside_svg_and_math() {
        let icon = "<path d='M0 0h24v24H0z'/><circle cx='12' cy='12' r='4'/>".repeat(2000);
        let html =
            format!("<body><div><svg viewBox='0 0 24 24'>{icon}</svg><math><mi/></math><svg/><p>Text</p></div></body>");
        assert_eq!(prescan(&html).max_depth, 3, "body, div, svg");
        // Outside foreign content the slash is ignored: `<div/>` opens a div.
        assert_eq!(prescan(&"<div/>".repeat(50)).max_depth, 50);
        assert_eq!(prescan(&format!("<svg></svg>{}", "<div/>".repeat(50))).max_depth, 50);
    }

    #[test]
    fn comment_bodies_are_emptied_unless_read() {
        let html = "<p>a<!-- old <div>menu</div> -->b</p><!--$--><!--/$--><!-- <rdf:RDF dc:date=\"2024-01-02\"/> -->";
        assert_eq!(strip(html), "<p>a<!---->b</p><!--$--><!--/$--><!-- <rdf:RDF dc:date=\"2024-01-02\"/> -->");
        // Where html5ever ends the comment elsewhere, nothing is cut.
        for html in ["<!-->x<p>y</p>-->", "<!--->x<p>y</p>-->", "<!-- a --!> b -->", "<svg><!-- icon --></svg>"] {
            assert_eq!(strip(html), html);
        }
        // The parsed page keeps the comment node and the two text nodes around it.
        let doc = dom_query::Document::from(strip("<p>a<!-- note -->b</p>").as_str());
        let p = doc.select("p");
        let kids = p.nodes()[0].children();
        assert_eq!(kids.len(), 3);
        assert_eq!(p.text().as_ref(), "ab");
    }

    #[test]
    fn an_icons_shape_tags_are_cut_and_its_whitespace_and_other_svgs_stay() {
        let icon = "<svg viewBox='0 0 24 24'>\n  <g><path d='M0 0h24v24H0z'/></g>\n<circle r=\"4\"></circle></svg>";
        let html = format!("<p>a<a href=/x>{icon}Share</a> b</p>");
        let out = strip(&html);
        assert_eq!(out, "<p>a<a href=/x><svg viewBox='0 0 24 24'>\n  \n</svg>Share</a> b</p>");
        let text = |h: &str| dom_query::Document::from(h).select("p").text().to_string();
        assert_eq!(text(&out), text(&html));
        for kept in [
            "<svg><title>Logo</title><path d='M0'/></svg>",
            "<svg><path d='M0'/><div>breaks out</div></svg>",
            "<svg><path d='M0'/>\r\n<path d='M1'/></svg>",
            "<svg><svg><path/></svg></svg>",
            "<svg><path d='M0'/>",
        ] {
            // Their shape tags stay (only unread attributes go).
            let out = strip(kept);
            assert_eq!(out.matches("<path").count(), kept.matches("<path").count(), "{kept} -> {out}");
            assert_eq!(read_dom(&out), read_dom(kept), "{kept}");
        }
    }

    /// Every node in document order: element names with the attributes clean
    /// reads (name, namespace, value, in order), text and comments.
    fn read_dom(html: &str) -> Vec<String> {
        let doc = dom_query::Document::from(html);
        let root = doc.root();
        root.descendants_it()
            .map(|n| {
                n.query(|t| match &t.data {
                    dom_query::NodeData::Element(el) => {
                        let attrs: Vec<String> = el
                            .attrs
                            .iter()
                            .filter(|a| is_read_attribute(a.name.local.as_bytes()))
                            .map(|a| format!("{:?} {}={:?}", a.name.ns, &*a.name.local, &*a.value))
                            .collect();
                        format!("<{} {attrs:?}>", &*el.name.local)
                    }
                    dom_query::NodeData::Text { contents } => format!("{:?}", &**contents),
                    dom_query::NodeData::Comment { contents } => format!("<!--{:?}-->", &**contents),
                    _ => String::new(),
                })
                .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn unread_attributes_are_cut_and_the_dom_clean_reads_is_unchanged() {
        let html = "<html lang=de><body><div class=\"post\" data-id='7' id=main\n  aria-expanded=false\tROLE=main>\
                    <img src=\"data:image/png;base64,AAAA\" srcset=\"a.jpg 1x, b.jpg 2x\" alt='Ein Bild' loading=lazy>\
                    <a href=/x onclick=\"go('<b>')\" data-json=\"{&quot;a&quot;:1}\" rel=author>Anna Weber</a>\
                    <my-card data-x=1 title=T>Text</my-card><input type=hidden name=q value=1 data-v=2>\
                    <svg viewBox='0 0 9 9' class=icon><a xlink:href='#f' data-n=1/><text x=1>Tag</text></svg>\
                    <p hidden data-a=\"1\">versteckt</p><span style='display:none' data-t=x>n</span></div></body></html>";
        let out = strip(html);
        for gone in ["data-", "srcset", "loading", "onclick", "aria-expanded", "viewBox", "src="] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        for kept in ["lang=de", "class=\"post\"", "id=main", "ROLE=main", "alt='Ein Bild'", "href=/x", "rel=author"] {
            assert!(out.contains(kept), "{kept} not in {out}");
        }
        assert_eq!(read_dom(&out), read_dom(html));
    }

    #[test]
    fn a_cut_attribute_takes_the_white_space_before_it() {
        for (html, out) in [
            ("<img src=x.jpg alt=A\n   loading=lazy>", "<img alt=A>"),
            ("<p data-a=1 id=x  data-b=2 class=c data-c=3 >t</p>", "<p id=x class=c >t</p>"),
            // The unquoted value before keeps its end: `1/` would be the value.
            (
                "<svg><title>T</title><g class=1  data-x=\"2\"/></g></svg>",
                "<svg><title>T</title><g class=1 /></g></svg>",
            ),
            ("<a href=/x/ data-x=2>t</a>", "<a href=/x/>t</a>"),
            // Not glued to the value before.
            ("<div class=\"c\"data-x=1 id=d>t</div>", "<div class=\"c\" id=d>t</div>"),
        ] {
            assert_eq!(strip(html), out, "{html}");
            assert_eq!(read_dom(out), read_dom(html), "{html}");
        }
    }

    #[test]
    fn attributes_whose_cut_would_change_the_parse_stay() {
        for (html, kept) in [
            // A stray slash before the attribute: `<svg a=1 />` would close the element.
            ("<svg><title>T</title><g a=1 /data-x=2></g></svg>", "/data-x=2"),
            // `=` after it: the valueless attribute before would take the value.
            ("<div hidden data-x=\"1\" =y>t</div>", "data-x=\"1\""),
            // Glued to the next name.
            ("<div data-x=\"1\"class=c>t</div>", "data-x=\"1\"class=c"),
            // The tag ends at a `>` the scan skips as quoted: left whole.
            ("<div data-a==\"x>\" class=c>t</div>", "data-a=="),
        ] {
            let out = strip(html);
            assert!(out.contains(kept), "{html} -> {out}");
            assert_eq!(read_dom(&out), read_dom(html), "{html}");
        }
        // Self-closing survives the cut in SVG: the `<text>` stays the svg's child, not the circle's.
        let svg = "<svg><circle data-r=\"4\"/><text>T</text></svg>";
        assert_eq!(strip(svg), "<svg><circle /><text>T</text></svg>");
        assert_eq!(read_dom(&strip(svg)), read_dom(svg));
    }

    #[test]
    fn what_the_parser_reads_as_text_or_comment_keeps_its_attributes() {
        for html in [
            // With scripting off a `<noscript>`'s iframe is opened and never closed: the rest is its text.
            "<noscript><iframe src=x /></noscript><div data-x=1>a</div>",
            "<svg><![CDATA[<b data-x=1>]]></svg><p>t</p>",
            "<!x <div data-x=1>><p>t</p>",
            "<?php <div data-x=1> ?><p>t</p>",
            "</ <div data-x=1>><p>t</p>",
            "<plaintext><div data-x=1>",
            "<script><!--<script>document.write('</script><div data-x=1>')</script>--></script>",
        ] {
            let out = strip(html);
            assert!(out.contains("data-x=1"), "{html} -> {out}");
            assert_eq!(read_dom(&out), read_dom(html), "{html}");
        }
    }

    /// The scan's helpers before they searched by byte (and its name test
    /// before names were lower-cased once), kept to check the new ones against.
    mod before {
        pub fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
            let mut i = from;
            while let Some(pos) = bytes.get(i..).and_then(|b| memchr::memmem::find(b, b"</")).map(|p| i + p) {
                let after = pos + 2;
                let candidate = bytes.get(after..after + name.len())?;
                let delimited =
                    bytes.get(after + name.len()).is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
                if candidate.eq_ignore_ascii_case(name) && delimited {
                    return Some(pos);
                }
                i = after;
            }
            None
        }

        pub fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
            haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
        }

        pub fn never_nests(name: &[u8]) -> bool {
            let lower = name.to_ascii_lowercase();
            name.len() <= 8
                && [
                    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead", "colgroup",
                ]
                .iter()
                .any(|n| n.as_bytes() == lower)
        }
    }

    #[test]
    fn tag_kinds_are_the_case_insensitive_names() {
        for name in [
            "script",
            "SCRIPT",
            "Style",
            "noscript",
            "NoScript",
            "svg",
            "SVG",
            "math",
            "template",
            "TEMPLATE",
            "plaintext",
            "textarea",
            "Title",
            "xmp",
            "iframe",
            "noembed",
            "noframes",
            "scripts",
            "p",
            "br",
            "TBODY",
            "colgroup",
            "colgroups",
            "div",
            "a1",
            "abcdefghijklmnopq",
            "",
        ] {
            let name = name.as_bytes();
            let mut buf = [0u8; 16];
            let lower = ascii_lower(name, &mut buf).unwrap_or_default();
            let is = |n: &str| name.eq_ignore_ascii_case(n.as_bytes());
            let expected = if is("script") {
                TagKind::Script
            } else if is("style") {
                TagKind::Style
            } else if is("noscript") {
                TagKind::Noscript
            } else if is("svg") {
                TagKind::Svg
            } else if is("math") {
                TagKind::Math
            } else if is("template") {
                TagKind::Template
            } else if is("plaintext") {
                TagKind::Plaintext
            } else if RAW_TEXT_KEPT.iter().any(|raw| name.eq_ignore_ascii_case(raw)) {
                TagKind::RawTextKept
            } else {
                TagKind::Other
            };
            assert_eq!(TagKind::of(lower), expected, "{:?}", std::str::from_utf8(name));
            assert_eq!(never_nests_lower(lower), before::never_nests(name), "{:?}", std::str::from_utf8(name));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

        /// The end-tag search by `<` and the case-insensitive search by first
        /// byte find what the substring and window searches found, on markup
        /// soup full of quotes, slashes and look-alike names.
        #[test]
        fn fast_searches_match_the_byte_loops(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "<", ">", "/", "=", "\"", "'", " ", "\t", "\n", "\r", "\x0c", "a", "B", "data-x", "class", "id",
            "href", "xlink:href", "alt", "é", "</", "</script", "</SCRIPT>", "</scripts>", "</style ", "<script",
            "<ScRiPt", "ld+json", "LD+JSON", "ld+jso", "<!--", "-->", "--!>", "dc:date", "=\"x>\"", "='y'",
            "<div", "<svg", "<g a=1/>", "<p", "<img src=a.jpg", "&amp;",
        ]), 0..40)) {
            let html = pieces.concat();
            let bytes = html.as_bytes();
            for from in 0..=bytes.len() {
                for name in [&b"script"[..], b"style", b"svg"] {
                    proptest::prop_assert_eq!(find_end_tag(bytes, from, name), before::find_end_tag(bytes, from, name));
                }
            }
            for needle in [&b"ld+json"[..], b"<script", b"x", b"-->"] {
                for from in 0..=bytes.len() {
                    let haystack = &bytes[from..];
                    proptest::prop_assert_eq!(
                        contains_ignore_case(haystack, needle),
                        before::contains_ignore_case(haystack, needle)
                    );
                }
            }
        }
    }

    #[test]
    fn multibyte_text_around_cuts_survives() {
        assert_eq!(strip("é<script>ü</script>ß"), "é<script></script>ß");
    }
}
