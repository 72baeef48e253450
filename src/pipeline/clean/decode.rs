//! Bytes to text: which charset, is it text at all, is it HTML.
//!
//! Precedence follows the HTML standard's encoding sniffing, with the scraper's
//! own declaration first: envelope `charset` > BOM > HTTP `Content-Type`
//! charset > `<meta charset>` in the first 1024 bytes > valid UTF-8 > chardetng.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Names the binary format when the bytes are one, so the DLQ says what came in.
pub(crate) fn binary_signature(body: &[u8], content_type: Option<&str>) -> Option<String> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "pdf"),
        (b"\x89PNG", "png"),
        (b"GIF8", "gif"),
        (b"\xFF\xD8\xFF", "jpeg"),
        (b"PK\x03\x04", "zip"),
        (b"\x1F\x8B", "gzip"),
        (b"RIFF", "riff"),
        (b"\0asm", "wasm"),
    ];
    if let Some((_, name)) = MAGIC.iter().find(|(magic, _)| body.starts_with(magic)) {
        return Some((*name).to_string());
    }
    let ct = content_type?.split(';').next()?.trim();
    let binary_type = ct.starts_with("image/")
        || ct.starts_with("audio/")
        || ct.starts_with("video/")
        || ct.starts_with("font/")
        || matches!(ct, "application/pdf" | "application/octet-stream" | "application/zip");
    binary_type.then(|| ct.to_string())
}

/// Decodes with the first charset that applies; malformed sequences become U+FFFD.
/// Borrows the body when it already is the text (UTF-8, or ASCII under an
/// ASCII-compatible charset): a page is 100+ KB and copying it showed in the profile.
pub(crate) fn decode<'a>(body: &'a [u8], declared: Option<&str>, content_type: Option<&str>) -> Cow<'a, str> {
    let declared = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    if let Some(enc) = declared {
        return enc.decode_without_bom_handling(strip_bom(body, enc)).0;
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(body) {
        return enc.decode_without_bom_handling(&body[bom_len..]).0;
    }
    let from_header = content_type.and_then(charset_param).and_then(|l| Encoding::for_label(l.as_bytes()));
    let from_meta = || meta_charset(&body[..body.len().min(1024)]);
    if let Some(enc) = from_header.or_else(from_meta) {
        // A page that says UTF-16 in ASCII-compatible markup is lying (WHATWG rule).
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc };
        return enc.decode_without_bom_handling(body).0;
    }
    if let Ok(text) = std::str::from_utf8(body) {
        return Cow::Borrowed(text);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(body, true);
    detector.guess(None, chardetng::Utf8Detection::Allow).decode_without_bom_handling(body).0
}

fn strip_bom<'a>(body: &'a [u8], enc: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(body) {
        Some((bom_enc, len)) if bom_enc == enc => &body[len..],
        _ => body,
    }
}

fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

/// `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(pos) = rest.find("<meta") {
        rest = &rest[pos + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(i) = tag.find("charset") {
            let value = tag[i + 7..].trim_start().strip_prefix('=')?.trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            let end = value.find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace());
            let label = &value[..end.unwrap_or(value.len())];
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                return Some(enc);
            }
        }
    }
    None
}

/// Too many control characters or replacement characters to be a text page.
pub(crate) fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(4096).collect();
    if sample.is_empty() {
        return false;
    }
    let bad = sample
        .iter()
        .filter(|&&c| c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C')))
        .count();
    bad * 10 > sample.len()
}

/// HTML when the server says so, or when the text starts like markup.
pub(crate) fn is_html(text: &str, content_type: Option<&str>) -> bool {
    if let Some(ct) = content_type {
        if ct.contains("html") || ct.contains("xml") {
            return true;
        }
        if ct.starts_with("text/plain") {
            return false;
        }
    }
    let head: String = text.trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml")
        || ["<head", "<body", "<div", "<p>", "<article", "<meta", "<title"].iter().any(|t| head.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_charset_wins_over_meta() {
        let body = b"<meta charset=utf-8><p>caf\xe9</p>";
        assert_eq!(decode(body, Some("latin1"), None), "<meta charset=utf-8><p>café</p>");
    }

    #[test]
    fn meta_charset_is_used_when_nothing_is_declared() {
        let body = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><p>\x93quoted\x94</p>";
        assert!(decode(body, None, Some("text/html")).contains("\u{201c}quoted\u{201d}"));
    }

    #[test]
    fn header_charset_and_sniffing() {
        assert_eq!(decode(b"caf\xe9", None, Some("text/plain; charset=\"ISO-8859-1\"")), "café");
        // Undeclared non-UTF-8: chardetng must still give readable text.
        let latin1: Vec<u8> = "Une très belle journée à Genève, élégante et légère, où l'été dure."
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        assert!(decode(&latin1, None, None).contains("journée"));
    }

    #[test]
    fn bom_selects_utf16() {
        let mut body = vec![0xFF, 0xFE];
        body.extend("héllo".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&body, None, None), "héllo");
    }

    #[test]
    fn html_detection() {
        assert!(is_html("<!DOCTYPE html><html>", None));
        assert!(is_html("  <div>x</div>", None));
        assert!(!is_html("Plain text page\nwith lines", None));
        assert!(!is_html("<p> in text", Some("text/plain")));
    }

    #[test]
    fn binary_detection() {
        assert_eq!(binary_signature(b"%PDF-1.7 ...", None).as_deref(), Some("pdf"));
        assert_eq!(binary_signature(b"abc", Some("image/webp")).as_deref(), Some("image/webp"));
        assert_eq!(binary_signature(b"abc", Some("text/html; charset=utf-8")), None);
        assert!(looks_binary("\u{1}\u{2}\u{3}\u{4}abc"));
        assert!(!looks_binary("normal text\nwith lines\t"));
    }
}
