//! The HTML parse: html5gum's tokenizer feeding html5ever's tree builder,
//! which builds dom_query's document as `Document::from` does.
//!
//! html5ever's own tokenizer reads tag and attribute names and values a
//! character at a time through its buffer queue; html5gum reads runs up to
//! the next byte that matters. Measured on the first 120 pages of wcxb_dev_a
//! (after the pre-parse cut): html5ever's tokenizer alone costs 1,179 M
//! instructions, html5gum's with its callback emitter 305 M.
//!
//! The tree builder hands the tokenizer its state switches (RCDATA, RAWTEXT,
//! script data, PLAINTEXT) on a start tag and answers whether a CDATA section
//! may open, as it does for html5ever's tokenizer (once the text html5gum holds
//! back has reached it). Tokens are the ones
//! html5ever's tokenizer makes: a duplicate attribute is dropped (the first
//! stays), a NUL in text is a `NullCharacterToken`, a leading byte order mark
//! goes. Tokenizer parse errors are not reported (nothing reads them).

use std::convert::Infallible;

use dom_query::{Document, NodeId};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use html5gum::{Emitter, Error, State, Tokenizer};

type Builder = TreeBuilder<NodeId, Document>;

/// Parses a whole document; the same tree as `Document::from(html)`.
pub(crate) fn parse_document(html: &str) -> Document {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    // As dom_query's `Document::from`: `<noscript>` holds markup.
    let opts = TreeBuilderOpts { scripting_enabled: false, ..TreeBuilderOpts::default() };
    let builder = TreeBuilder::new(Document::default(), opts);
    Tokenizer::new_with_emitter(html, Bridge::new(html, &builder)).finish().unwrap_or_else(|never| match never {});
    builder.sink
}

fn text(bytes: &[u8]) -> StrTendril {
    match std::str::from_utf8(bytes) {
        Ok(s) => StrTendril::from_slice(s),
        Err(_) => StrTendril::from_slice(&String::from_utf8_lossy(bytes)),
    }
}

fn local_name(bytes: &[u8]) -> LocalName {
    match std::str::from_utf8(bytes) {
        Ok(s) => common_name(s).unwrap_or_else(|| LocalName::from(s)),
        Err(_) => LocalName::from(&*String::from_utf8_lossy(bytes)),
    }
}

/// The most frequent tag and attribute names, matched without hashing
/// (interning a name hashes it to look it up in the static set). A macro
/// spells each name once.
macro_rules! common_names {
    ($($name:tt)*) => {
        #[cfg(test)]
        const COMMON_NAMES: &[&str] = &[$($name),*];

        fn common_name(name: &str) -> Option<LocalName> {
            Some(match name {
                $($name => local_name!($name),)*
                _ => return None,
            })
        }
    };
}

common_names! {
    "a" "b" "d" "i" "p" "br" "h2" "h3" "h4" "id" "li" "td" "tr" "ul" "alt" "div" "img" "rel" "src"
    "svg" "fill" "href" "link" "meta" "name" "path" "role" "span" "type" "class" "input" "label"
    "style" "title" "value" "width" "button" "height" "option" "script" "strong" "target" "content"
    "loading" "section" "aria-label"
}

/// A tag as it opens: attributes and the self-closing flag come later.
fn bare_tag(kind: TagKind, name: LocalName) -> Tag {
    Tag { kind, name, self_closing: false, attrs: Vec::new(), had_duplicate_attributes: false }
}

/// One string being read (text, a name, a value). html5gum hands most of it
/// over as slices of the input; while they follow each other there it stays
/// a range of the input (no copy, no UTF-8 check), else it becomes a copy.
#[derive(Default)]
struct Run {
    start: usize,
    end: usize,
    copy: Vec<u8>,
    copied: bool,
}

impl Run {
    #[inline]
    fn is_empty(&self) -> bool {
        if self.copied {
            self.copy.is_empty()
        } else {
            self.start == self.end
        }
    }

    fn clear(&mut self) {
        self.start = 0;
        self.end = 0;
        self.copied = false;
        self.copy.clear();
    }

    /// Inlined where html5gum hands a string over, for the common case (a
    /// range of the input that goes on from the run's end); the rest is
    /// `push_copy`'s.
    #[inline]
    fn push(&mut self, input: &str, s: &[u8]) {
        // Where `s` lies in the input, if it does: then its bytes are the
        // input's there, whatever buffer html5gum took it from.
        let offset = (s.as_ptr() as usize).wrapping_sub(input.as_ptr() as usize);
        let in_input = offset <= input.len() && s.len() <= input.len() - offset;
        if !self.copied {
            if in_input && (self.start == self.end || offset == self.end) {
                if self.start == self.end {
                    self.start = offset;
                }
                self.end = offset + s.len();
                return;
            }
            if self.start == self.end && s.len() == 1 {
                // A name's first byte, from html5gum's own buffer (the copy
                // is empty while the run is a range).
                self.copy.push(s[0]);
                self.copied = true;
                return;
            }
        } else if in_input && self.copy.len() == 1 && offset >= 1 && input.as_bytes()[offset - 1] == self.copy[0] {
            // The rest of that name, right after the same byte in the input
            // (`rejoin`'s case, inline: it comes once per tag and attribute name).
            self.copied = false;
            self.copy.clear();
            self.start = offset - 1;
            self.end = offset + s.len();
            return;
        }
        self.push_copy(input, s);
    }

    #[inline(never)]
    fn push_copy(&mut self, input: &str, s: &[u8]) {
        if !self.copied {
            self.copy.extend_from_slice(&input.as_bytes()[self.start..self.end]);
            self.copied = true;
        } else if let Some(start) = self.rejoin(input, s) {
            // html5gum hands a name's first byte over from its own buffer
            // (it reconsumes it); the same bytes stand just before the rest.
            self.copied = false;
            self.copy.clear();
            self.start = start;
            self.end = Self::end_in(input, s);
            return;
        }
        self.copy.extend_from_slice(s);
    }

    /// Where the copy so far starts in the input, if it stands there right
    /// before `s` (a short copy only: the check reads it).
    fn rejoin(&self, input: &str, s: &[u8]) -> Option<usize> {
        let offset = (s.as_ptr() as usize).wrapping_sub(input.as_ptr() as usize);
        let n = self.copy.len();
        let fits = offset <= input.len() && s.len() <= input.len() - offset && n <= 4 && n <= offset;
        // Byte by byte: a slice comparison calls `memcmp` for these few bytes.
        let same = || input.as_bytes()[offset - n..offset].iter().zip(&self.copy).all(|(a, b)| a == b);
        (fits && same()).then(|| offset - n)
    }

    /// Where `s`, a slice of the input, ends in it.
    fn end_in(input: &str, s: &[u8]) -> usize {
        (s.as_ptr() as usize).wrapping_sub(input.as_ptr() as usize) + s.len()
    }

    fn bytes<'a>(&'a self, input: &'a str) -> &'a [u8] {
        if self.copied {
            &self.copy
        } else {
            &input.as_bytes()[self.start..self.end]
        }
    }

    /// The string as a tendril: a share of the input's tendril when it is a range of it.
    fn tendril(&self, input: &str, shared: &StrTendril) -> StrTendril {
        if !self.copied {
            let range = u32::try_from(self.start).and_then(|start| Ok((start, u32::try_from(self.end)? - start)));
            // A short one is inline in its tendril anyway: copy it without
            // the check a share makes of its ends.
            if let Some(s) = input.get(self.start..self.end).filter(|s| s.len() <= 8) {
                return StrTendril::from_slice(s);
            }
            if let Some(t) = range.ok().and_then(|(start, len)| shared.try_subtendril(start, len).ok()) {
                return t;
            }
        }
        text(self.bytes(input))
    }

    fn local_name(&self, input: &str) -> LocalName {
        match input.get(self.start..self.end).filter(|_| !self.copied) {
            Some(s) => common_name(s).unwrap_or_else(|| LocalName::from(s)),
            None => local_name(self.bytes(input)),
        }
    }
}

/// A doctype being read.
#[derive(Default)]
struct DoctypeParts {
    name: Vec<u8>,
    public_id: Option<Vec<u8>>,
    system_id: Option<Vec<u8>>,
    force_quirks: bool,
}

/// html5gum's emitter that makes the tokens html5ever's tokenizer makes and
/// feeds them to the tree builder, passing its state switches back. Strings
/// are flushed where html5gum's callback emitter flushes them.
struct Bridge<'a> {
    input: &'a str,
    /// The input as one tendril, so text and values can share it.
    shared: StrTendril,
    builder: &'a Builder,
    chars: Run,
    comment: Run,
    tag_name: Run,
    /// Whether the current tag is a start tag (else an end tag); `None` before any.
    start_tag: Option<bool>,
    self_closing: bool,
    /// The start tag being read, once its name is complete.
    tag: Option<Tag>,
    last_start_tag: Option<LocalName>,
    attr_name: Run,
    attr_value: Run,
    /// The attribute being read is the first of its name (a later one is dropped).
    keep_value: bool,
    doctype: DoctypeParts,
    /// The state the tree builder asked for on the last token.
    next_state: Option<State>,
}

impl<'a> Bridge<'a> {
    fn new(input: &'a str, builder: &'a Builder) -> Self {
        Bridge {
            input,
            // One copy of the page that every share points into; a tendril holds at
            // most 4 GiB, far above `max_page_bytes` (8 MiB by default).
            shared: StrTendril::from_slice(input),
            builder,
            chars: Run::default(),
            comment: Run::default(),
            tag_name: Run::default(),
            start_tag: None,
            self_closing: false,
            tag: None,
            last_start_tag: None,
            attr_name: Run::default(),
            attr_value: Run::default(),
            keep_value: false,
            doctype: DoctypeParts::default(),
            next_state: None,
        }
    }

    fn send(&mut self, token: Token) {
        // The line number only labels parse errors, which are not reported.
        self.next_state = match self.builder.process_token(token, 1) {
            TokenSinkResult::RawData(RawKind::Rcdata) => Some(State::RcData),
            TokenSinkResult::RawData(RawKind::Rawtext) => Some(State::RawText),
            TokenSinkResult::RawData(RawKind::ScriptData | RawKind::ScriptDataEscaped(_)) => Some(State::ScriptData),
            TokenSinkResult::Plaintext => Some(State::PlainText),
            TokenSinkResult::Continue | TokenSinkResult::Script(_) | TokenSinkResult::EncodingIndicator(_) => None,
        };
    }

    /// Inlined: most calls (one per tag, attribute and comment) find no text.
    #[inline]
    fn flush_chars(&mut self) {
        if !self.chars.is_empty() {
            self.send_chars();
        }
    }

    #[inline(never)]
    fn send_chars(&mut self) {
        let bytes = self.chars.bytes(self.input);
        if bytes.contains(&0) {
            // html5gum passes a NUL in data through; html5ever's tokenizer
            // makes it a token of its own (the tree builder drops or replaces it).
            let parts: Vec<StrTendril> = bytes.split(|&b| b == 0).map(text).collect();
            for (i, part) in parts.into_iter().enumerate() {
                if i > 0 {
                    self.send(Token::NullCharacterToken);
                }
                if !part.is_empty() {
                    self.send(Token::CharacterTokens(part));
                }
            }
        } else {
            let t = self.chars.tendril(self.input, &self.shared);
            self.send(Token::CharacterTokens(t));
        }
        self.chars.clear();
    }

    #[inline]
    fn flush_open_start_tag(&mut self) {
        self.flush_chars();
        if self.start_tag == Some(true) && !self.tag_name.is_empty() {
            self.open_start_tag();
        }
    }

    #[inline(never)]
    fn open_start_tag(&mut self) {
        let name = self.tag_name.local_name(self.input);
        self.last_start_tag = Some(name.clone());
        self.tag = Some(bare_tag(TagKind::StartTag, name));
        self.keep_value = false;
        self.tag_name.clear();
    }

    #[inline]
    fn flush_attribute_name(&mut self) {
        self.flush_open_start_tag();
        if !self.attr_name.is_empty() {
            self.add_attribute();
        }
    }

    #[inline(never)]
    fn add_attribute(&mut self) {
        self.keep_value = false;
        if let Some(tag) = &mut self.tag {
            let name = self.attr_name.local_name(self.input);
            if !tag.attrs.iter().any(|a| a.name.local == name) {
                tag.attrs.push(Attribute { name: QualName::new(None, ns!(), name), value: StrTendril::new() });
                self.keep_value = true;
            } else {
                tag.had_duplicate_attributes = true;
            }
        }
        self.attr_name.clear();
    }

    #[inline]
    fn flush_attribute(&mut self) {
        self.flush_attribute_name();
        if !self.attr_value.is_empty() {
            self.add_value();
        }
    }

    #[inline(never)]
    fn add_value(&mut self) {
        if let Some(attr) = self.tag.as_mut().and_then(|t| t.attrs.last_mut()).filter(|_| self.keep_value) {
            let value = self.attr_value.tendril(self.input, &self.shared);
            if attr.value.is_empty() {
                attr.value = value;
            } else {
                attr.value.push_tendril(&value);
            }
        }
        self.attr_value.clear();
    }
}

impl Emitter for Bridge<'_> {
    type Token = Infallible;

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag = last_start_tag.filter(|name| !name.is_empty()).map(local_name);
    }

    fn emit_eof(&mut self) {
        self.flush_chars();
        let _ = self.builder.process_token(Token::EOFToken, 1);
        self.builder.end();
    }

    fn emit_error(&mut self, _: Error) {}

    fn should_emit_errors(&mut self) -> bool {
        // Also spares html5gum its per-byte check for control characters.
        false
    }

    fn pop_token(&mut self) -> Option<Infallible> {
        None
    }

    fn emit_string(&mut self, s: &[u8]) {
        self.chars.push(self.input, s);
    }

    fn init_start_tag(&mut self) {
        self.tag_name.clear();
        self.start_tag = Some(true);
        self.self_closing = false;
    }

    fn init_end_tag(&mut self) {
        self.tag_name.clear();
        self.start_tag = Some(false);
    }

    fn init_comment(&mut self) {
        self.flush_chars();
        self.comment.clear();
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_attribute();
        match self.start_tag {
            Some(true) => {
                self.flush_open_start_tag();
                if let Some(mut tag) = self.tag.take() {
                    tag.self_closing = self.self_closing;
                    self.send(Token::TagToken(tag));
                }
            }
            Some(false) => {
                self.last_start_tag = None;
                let name = self.tag_name.local_name(self.input);
                self.send(Token::TagToken(bare_tag(TagKind::EndTag, name)));
            }
            None => {}
        }
        // html5gum switches no state itself (it would guess by the tag's
        // name); the tree builder's answer is in `next_state`.
        self.next_state.take()
    }

    fn emit_current_comment(&mut self) {
        let comment = self.comment.tendril(self.input, &self.shared);
        self.send(Token::CommentToken(comment));
        self.comment.clear();
    }

    fn emit_current_doctype(&mut self) {
        let d = &self.doctype;
        let doctype = Doctype {
            name: (!d.name.is_empty()).then(|| text(&d.name)),
            public_id: d.public_id.as_deref().map(text),
            system_id: d.system_id.as_deref().map(text),
            force_quirks: d.force_quirks,
        };
        self.send(Token::DoctypeToken(doctype));
    }

    fn set_self_closing(&mut self) {
        if self.start_tag != Some(false) {
            self.self_closing = true;
        }
    }

    fn set_force_quirks(&mut self) {
        self.doctype.force_quirks = true;
    }

    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag_name.push(self.input, s);
    }

    fn push_comment(&mut self, s: &[u8]) {
        self.comment.push(self.input, s);
    }

    fn push_doctype_name(&mut self, s: &[u8]) {
        self.doctype.name.extend_from_slice(s);
    }

    fn init_doctype(&mut self) {
        self.flush_chars();
        self.doctype = DoctypeParts::default();
    }

    fn init_attribute(&mut self) {
        self.flush_open_start_tag();
        self.flush_attribute();
    }

    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.push(self.input, s);
    }

    fn push_attribute_value(&mut self, s: &[u8]) {
        self.flush_attribute_name();
        self.attr_value.push(self.input, s);
    }

    fn set_doctype_public_identifier(&mut self, value: &[u8]) {
        self.doctype.public_id = Some(value.to_vec());
    }

    fn set_doctype_system_identifier(&mut self, value: &[u8]) {
        self.doctype.system_id = Some(value.to_vec());
    }

    fn push_doctype_public_identifier(&mut self, s: &[u8]) {
        if let Some(id) = &mut self.doctype.public_id {
            id.extend_from_slice(s);
        }
    }

    fn push_doctype_system_identifier(&mut self, s: &[u8]) {
        if let Some(id) = &mut self.doctype.system_id {
            id.extend_from_slice(s);
        }
    }

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.start_tag == Some(false)
            && self.last_start_tag.as_ref().is_some_and(|last| last.as_bytes() == self.tag_name.bytes(self.input))
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        // html5gum holds text back until the next tag or comment; the tree
        // builder must see it first, since text can reopen a formatting
        // element and so change the current node.
        self.flush_chars();
        self.builder.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use dom_query::{Document, NodeRef};

    /// Every node reachable from the root (and from template contents), in
    /// document order, with its arena id, links and data.
    fn arena(doc: &Document) -> Vec<String> {
        fn walk(node: NodeRef<'_>, out: &mut Vec<String>) {
            // A tendril's storage (inline, owned, shared) is no part of the tree.
            let node_data = node.query(|n| format!("{n:?}")).unwrap_or_default();
            out.push(node_data.replace("(inline: ", "(").replace("(owned: ", "(").replace("(shared: ", "("));
            let contents = node.query(|n| n.as_element().and_then(|e| e.template_contents)).flatten();
            if let Some(contents) = contents.and_then(|id| node.tree.get(&id)) {
                walk(contents, out);
            }
            for child in node.children_it(false) {
                walk(child, out);
            }
        }
        let mut out = vec![format!("{} nodes, {:?}", doc.tree.len(), doc.quirks_mode.get())];
        walk(doc.root(), &mut out);
        out
    }

    fn same_as_html5ever(html: &str) {
        let ours = arena(&super::parse_document(html));
        let theirs = arena(&Document::from(html));
        let first_difference = ours.iter().zip(&theirs).position(|(a, b)| a != b);
        assert_eq!(first_difference, None, "{html:?}: {:?}", first_difference.map(|i| (&ours[i], &theirs[i])));
        assert_eq!(ours.len(), theirs.len(), "{html:?}");
    }

    #[test]
    fn builds_the_tree_html5ever_builds() {
        let pages = [
            "<!DOCTYPE html><html><head><title>A &amp; <b>B</b></title>\
             <style>p > a { color: red } </p></style>\
             <script>if (a < b && c) { document.write('</div>'); } <!-- x --></script></head>\
             <body><textarea>\n<i>kept</i> &lt;</textarea><p>text</p></body></html>",
            // CDATA only opens in foreign content; elsewhere it is a bogus comment.
            "<body><svg viewBox='0 0 1 1'><![CDATA[a < b]]><foreignObject><p>in</p></foreignObject></svg>\
             <![CDATA[not here]]><math><mi>x</mi></math></body>",
            // Stray text in a table is fostered out before it.
            "<table>stray <tr><td>cell</td>more</tr> text</table><p>after",
            "<a href='/x?a=1&amp;b=2&copy=3&notin;' title=\"&quot;q&quot; &#x41;&#66;\" data-x=&lt;>e&amp;</a>",
            "<p>nul\0here</p><div title=\"a\0b\">x</div><script>a\0b</script><title>t\0</title>",
            "<p>before<!-- never closed <p>inside",
            "<svg><![CDATA[x\0y]]></svg><table>\0<tr>a\0</tr></table><select>\0</select>",
            "<div class=a class=b id=x ID=y>dup</div><img src=a.png alt=\"\"/><br/><p/>p</p>",
            "\u{feff}<html lang=fr><body><pre>\nfirst line</pre><noscript><p>no js</p></noscript>",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\"><p>x",
            "<template><tr><td>in template</td></tr></template><plaintext><b>all text</b></plaintext>",
            "<p>crlf\r\nline\rend</p><iframe><b>raw</b></iframe><xmp><i>raw</i></xmp>",
            "<ul><li>one<li>two</ul><select><option>a<option>b</select><table><td>x</table>",
            "<p>&nbsp;&eacute;&eacute &amp &#128; &#0; &#xD800; &unknown;</p>",
            "<svg><script>var a = '<b>';</script><title>t</title><desc><b>d</b></desc></svg>",
            "<a href=x <b>odd</b></a><div <p>x</p>< p>lt</p></ p><!doctype><!-->",
            // Text before a CDATA opening reopens `<b>` (an HTML element) in
            // foreign content, so the CDATA is a bogus comment.
            "<svg><desc><div><b></div>x<![CDATA[y]]></desc></svg>",
            "<svg><desc><p><b></p>x<![CDATA[y]]></desc></svg>",
            // Names html5gum lower-cases and text it rewrites (references,
            // CR LF) are copies; the rest are ranges of the input.
            "<DiV ClAsS='a&amp;b' Data-X=1 class=c>t&lt;t\r\nu é</dIv><SPAN title=\"é\r\n\">ok</SPAN><sPaN>x</span>",
        ];
        for html in pages {
            same_as_html5ever(html);
        }
    }

    #[test]
    fn common_names_are_the_interned_ones() {
        for name in super::COMMON_NAMES.iter().copied().chain(["viewbox", "data-id", "Div", "x", ""]) {
            if let Some(atom) = super::common_name(name) {
                assert_eq!(atom, html5ever::LocalName::from(name));
                assert_eq!(&*atom, name);
            }
        }
        // Each listed name is answered without interning.
        assert!(super::COMMON_NAMES.iter().all(|name| super::common_name(name).is_some()));
        assert!(super::common_name("div").is_some());
        assert!(super::common_name("DIV").is_none());
    }

    #[test]
    fn a_run_stays_a_range_of_the_input_while_it_can() {
        let input = "<p>one two</p>";
        let mut run = super::Run::default();
        run.push(input, &input.as_bytes()[3..6]);
        run.push(input, &input.as_bytes()[6..10]);
        assert!(!run.copied);
        assert_eq!(run.bytes(input), b"one two");
        // A piece from elsewhere (a decoded reference) makes it a copy.
        run.push(input, b"&");
        run.push(input, &input.as_bytes()[10..11]);
        assert!(run.copied);
        assert_eq!(run.bytes(input), b"one two&<");
        run.clear();
        // A gap in the input is a copy too.
        run.push(input, &input.as_bytes()[3..6]);
        run.push(input, &input.as_bytes()[7..10]);
        assert_eq!(run.bytes(input), b"onetwo");
        let shared = html5ever::tendril::StrTendril::from_slice(input);
        assert_eq!(&*run.tendril(input, &shared), "onetwo");
        // A first byte from elsewhere that equals the input's byte before
        // the rest joins the range again.
        run.clear();
        run.push(input, b"o");
        run.push(input, &input.as_bytes()[4..6]);
        assert!(!run.copied);
        assert_eq!((run.start, run.end), (3, 6));
        run.clear();
        run.push(input, b"x");
        run.push(input, &input.as_bytes()[4..6]);
        assert!(run.copied);
        assert_eq!(run.bytes(input), b"xne");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

        /// Markup soup from pieces that switch tokenizer and tree-builder
        /// states (raw text, foreign content, tables, comments, references,
        /// NUL, CR, mixed-case and non-ASCII names) parses to the tree
        /// html5ever's own tokenizer gives.
        #[test]
        fn soup_builds_the_same_tree(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "<p>", "</p>", "<div class=a id='b' class=c>", "</div>", "<table>", "<tr>", "<td>", "</table>",
            "<script>", "</script>", "<style>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>",
            "<svg>", "</svg>", "<math>", "<![CDATA[", "]]>", "<!--", "-->", "<!", "<!DOCTYPE html>", "<template>",
            "</template>", "<select>", "<option>", "<plaintext>", "<noscript>", "<iframe>", "<pre>", "<a href=x>",
            "<b>", "</b>", "<i>", "<br/>", "<img src=a alt>", "<", ">", "/", "=", "\"", "'", "&amp;", "&lt",
            "&#x41;", "&#0;", "&notin", "\0", "\r\n", "\r", "\n", " ", "text", "é", "<foreignObject>",
            "<desc>", "<frameset>", "<head>", "<body>", "<html>", "</html>", "<meta charset=utf-8>", "<form>",
            "<li>", "<h1>", "</h2>", "<button>", "<ruby><rt>", "<xmp>", "<noembed>", "</ p>", "<A HREF=Y>",
            // Names whose first byte is lower-cased or not ASCII, and references
            // followed by what they decode to: a run rejoins the input there.
            "<p Class=x CLASS=y>", "<p é=1 É=2>", "<É>", "&#x35;5", "&amp;&", "<DIV>", "</DIV>",
        ]), 0..40)) {
            same_as_html5ever(&pieces.concat());
        }
    }
}
