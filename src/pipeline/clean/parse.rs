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
use html5ever::{ns, Attribute, LocalName, QualName};
use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, State, Tokenizer};

type Builder = TreeBuilder<NodeId, Document>;

/// Parses a whole document; the same tree as `Document::from(html)`.
pub(crate) fn parse_document(html: &str) -> Document {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    // As dom_query's `Document::from`: `<noscript>` holds markup.
    let opts = TreeBuilderOpts { scripting_enabled: false, ..TreeBuilderOpts::default() };
    let builder = TreeBuilder::new(Document::default(), opts);
    let feed = Feed { builder: &builder, tag: None, keep_value: false, next_state: None };
    let emitter = Bridge(CallbackEmitter::new(feed));
    Tokenizer::new_with_emitter(html, emitter).finish().unwrap_or_else(|never| match never {});
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
        Ok(s) => LocalName::from(s),
        Err(_) => LocalName::from(&*String::from_utf8_lossy(bytes)),
    }
}

/// A tag without attributes yet.
fn tag(kind: TagKind, name: &[u8]) -> Tag {
    Tag { kind, name: local_name(name), self_closing: false, attrs: Vec::new(), had_duplicate_attributes: false }
}

/// Turns html5gum's events into html5ever tokens for the tree builder.
struct Feed<'a> {
    builder: &'a Builder,
    /// The start tag being read.
    tag: Option<Tag>,
    /// The attribute being read is the first of its name (a later one is dropped).
    keep_value: bool,
    /// The state the tree builder asked for on the last start tag.
    next_state: Option<State>,
}

impl Feed<'_> {
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
}

impl Callback<Infallible, ()> for Feed<'_> {
    fn handle_event(&mut self, event: CallbackEvent<'_>, _span: Span<()>) -> Option<Infallible> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = Some(tag(TagKind::StartTag, name));
                self.keep_value = false;
            }
            CallbackEvent::AttributeName { name } => {
                self.keep_value = false;
                if let Some(tag) = &mut self.tag {
                    let name = local_name(name);
                    if !tag.attrs.iter().any(|a| a.name.local == name) {
                        tag.attrs.push(Attribute { name: QualName::new(None, ns!(), name), value: StrTendril::new() });
                        self.keep_value = true;
                    } else {
                        tag.had_duplicate_attributes = true;
                    }
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(attr) = self.tag.as_mut().and_then(|t| t.attrs.last_mut()).filter(|_| self.keep_value) {
                    attr.value.push_tendril(&text(value));
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if let Some(mut tag) = self.tag.take() {
                    tag.self_closing = self_closing;
                    self.send(Token::TagToken(tag));
                }
            }
            CallbackEvent::EndTag { name } => {
                self.send(Token::TagToken(tag(TagKind::EndTag, name)));
            }
            CallbackEvent::String { value } => {
                // html5gum passes a NUL in data through; html5ever's tokenizer
                // makes it a token of its own (the tree builder drops or replaces it).
                for (i, part) in value.split(|&b| b == 0).enumerate() {
                    if i > 0 {
                        self.send(Token::NullCharacterToken);
                    }
                    if !part.is_empty() {
                        self.send(Token::CharacterTokens(text(part)));
                    }
                }
            }
            CallbackEvent::Comment { value } => self.send(Token::CommentToken(text(value))),
            CallbackEvent::Doctype { name, public_identifier, system_identifier, force_quirks } => {
                let doctype = Doctype {
                    name: (!name.is_empty()).then(|| text(name)),
                    public_id: public_identifier.map(text),
                    system_id: system_identifier.map(text),
                    force_quirks,
                };
                self.send(Token::DoctypeToken(doctype));
            }
            CallbackEvent::Error(_) => {}
        }
        None
    }
}

/// html5gum's callback emitter, with the tree builder's answers passed back
/// to the tokenizer.
struct Bridge<'a>(CallbackEmitter<Feed<'a>>);

impl ForwardingEmitter for Bridge<'_> {
    type Token = Infallible;

    fn inner(&mut self) -> &mut impl Emitter<Token = Infallible> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        // Also spares html5gum its per-byte check for control characters.
        false
    }

    fn emit_current_tag(&mut self) -> Option<State> {
        // The callback emitter switches no state itself (it would guess by
        // the tag's name); the tree builder's answer is in `next_state`.
        let _ = self.0.emit_current_tag();
        self.0.callback_mut().next_state.take()
    }

    fn emit_eof(&mut self) {
        self.0.emit_eof();
        let builder = self.0.callback_mut().builder;
        let _ = builder.process_token(Token::EOFToken, 1);
        builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        // html5gum holds text back until the next tag or comment; the tree
        // builder must see it first, since text can reopen a formatting
        // element and so change the current node (`init_comment` flushes it;
        // no comment is open at a CDATA opening).
        self.0.init_comment();
        self.0.callback_mut().builder.adjusted_current_node_present_but_not_in_html_namespace()
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
        ];
        for html in pages {
            same_as_html5ever(html);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

        /// Markup soup from pieces that switch tokenizer and tree-builder
        /// states (raw text, foreign content, tables, comments, references,
        /// NUL, CR) parses to the tree html5ever's own tokenizer gives.
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
        ]), 0..40)) {
            same_as_html5ever(&pieces.concat());
        }
    }
}
