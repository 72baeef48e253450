//! The one normal form of page text: Unicode NFC, HTML entities decoded,
//! mojibake repaired, invisible characters dropped, whitespace collapsed.
//!
//! Every block's text is in this form, so equal text compares equal wherever
//! it came from (markup, a text page, metadata). It must never change what a
//! reader sees beyond that: no case folding, no punctuation changes.

use unicode_normalization::{IsNormalized, UnicodeNormalization};

use super::mojibake::repair_mojibake;

/// Unicode NFC, HTML entities decoded, invisible characters dropped and
/// whitespace collapsed: the one normal form every block's text is in.
pub fn normalize_text(raw: &str) -> String {
    if is_plain_ascii(raw.as_bytes()) {
        // Most lines: one look at each byte, no entity, nothing to change.
        return raw.to_string();
    }
    let decoded = if raw.contains('&') { html_escape::decode_html_entities(raw) } else { raw.into() };
    let mut out = String::with_capacity(decoded.len());
    let mut pending_space = false;
    if decoded.is_ascii() {
        if is_normal_ascii(decoded.as_bytes()) {
            // Most lines: no controls, single spaces between words only.
            out.push_str(&decoded);
            return out;
        }
        // Same result, a run of kept bytes at a time: ASCII is NFC and has no
        // invisible characters but controls.
        let bytes = decoded.as_bytes();
        let kept = |b: u8| !b.is_ascii_control() && b != b' ';
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !kept(b) {
                if b.is_ascii_whitespace() || b == 0x0b {
                    pending_space = !out.is_empty();
                }
                i += 1;
                continue;
            }
            let run = i;
            while i < bytes.len() && kept(bytes[i]) {
                i += 1;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(&decoded[run..i]);
        }
        return out;
    }
    normalize_general(&repair_mojibake(&decoded), out)
}

/// `text.lines().map(normalize_text)`: a plain ASCII line (most of a text
/// page's) is found and checked in the same pass over its bytes.
pub(crate) fn normalized_lines(text: &str) -> NormalizedLines<'_> {
    NormalizedLines { rest: text }
}

/// The iterator of [`normalized_lines`].
pub(crate) struct NormalizedLines<'a> {
    rest: &'a str,
}

impl Iterator for NormalizedLines<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        if self.rest.is_empty() {
            return None;
        }
        let bytes = self.rest.as_bytes();
        // `is_plain_ascii` up to the line's end, where a line feed stops it.
        let (i, prev_space) = plain_prefix(bytes);
        let ended = i == bytes.len() || bytes[i] == b'\n';
        if ended && (!prev_space || i == 0) {
            let line = &self.rest[..i];
            self.rest = self.rest.get(i + 1..).unwrap_or("");
            return Some(line.to_string());
        }
        // Any other line as `str::lines` cuts it: a carriage return before the line feed goes too.
        let line = match memchr::memchr(b'\n', &bytes[i..]) {
            Some(p) => {
                let line = &self.rest[..i + p];
                self.rest = &self.rest[i + p + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut self.rest),
        };
        Some(normalize_text(line))
    }
}

/// Per byte, for `is_plain_ascii`: 0 for a byte copied as it is, 1 for the
/// space, 2 for one that needs the full path (non-ASCII, a control, the `&`
/// of an entity).
static PLAIN: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut b = 0x20;
    while b < 0x7f {
        t[b] = if b == 0x20 {
            1
        } else if b == 0x26 {
            2
        } else {
            0
        };
        b += 1;
    }
    t
};

/// ASCII text without an entity that `normalize_text` returns unchanged:
/// `is_normal_ascii` and the checks before it in one pass.
fn is_plain_ascii(bytes: &[u8]) -> bool {
    let (read, ends_on_space) = plain_prefix(bytes);
    read == bytes.len() && (!ends_on_space || bytes.is_empty())
}

/// How many leading bytes read as plain ASCII (no byte `PLAIN` sends to the
/// full path, no space after a space or at the start), and whether the last
/// of them is a space (true when none is read).
fn plain_prefix(bytes: &[u8]) -> (usize, bool) {
    let mut prev_space = true;
    for (i, &b) in bytes.iter().enumerate() {
        match PLAIN[usize::from(b)] {
            0 => prev_space = false,
            1 if !prev_space => prev_space = true,
            _ => return (i, prev_space),
        }
    }
    (bytes.len(), prev_space)
}

/// ASCII text the byte loop below would copy unchanged.
fn is_normal_ascii(bytes: &[u8]) -> bool {
    let mut prev_space = true;
    for &b in bytes {
        if b == b' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
        } else if b < 0x20 || b == 0x7f {
            return false;
        } else {
            prev_space = false;
        }
    }
    !prev_space || bytes.is_empty()
}

fn normalize_general(decoded: &str, out: String) -> String {
    // Most text is already NFC (all ASCII text is): the quick check spares
    // the composition pass. Characters below U+0300 (lead bytes below 0xCC)
    // are NFC and start no combining sequence, so the check starts at the
    // first character from U+0300 on.
    if is_nfc_by_runs(decoded) {
        collapse_str(decoded, out)
    } else {
        collapse(decoded.nfc(), out)
    }
}

/// `is_nfc_quick(text.chars()) == Yes`, looking up only the characters from
/// U+0300 on. One below (a lead byte under 0xCC) is NFC and a starter: it
/// ends any combining sequence, so the check restarts after it as it would
/// in one pass, and each run of higher characters is checked on its own (a
/// curly quote early in a line no longer has the whole rest looked up).
fn is_nfc_by_runs(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(p) = bytes[at..].iter().position(|&b| b >= 0xCC) {
        let from = at + p;
        // The run ends at the next character below U+0300: ASCII or a lead byte under 0xCC.
        let to =
            bytes[from..].iter().position(|&b| b < 0x80 || (0xC0..0xCC).contains(&b)).map_or(bytes.len(), |q| from + q);
        for piece in text[from..to].split(is_nfc_starter) {
            if !piece.is_empty() && unicode_normalization::is_nfc_quick(piece.chars()) != IsNormalized::Yes {
                return false;
            }
        }
        at = to;
    }
    true
}

/// Characters from U+0300 on that are NFC and starters, whatever is around
/// them: general punctuation from U+2002 (a Latin text's dashes, curly
/// quotes, bullets), Cyrillic letters, kana, CJK ideographs and Hangul
/// syllables (a Russian, Japanese, Chinese or Korean page's letters). Found
/// without the tables; the test asks the tables about each.
fn is_nfc_starter(c: char) -> bool {
    matches!(c as u32, 0x2002..=0x206f | 0x0400..=0x0482 | 0x048a..=0x052f | 0x3041..=0x3096 | 0x30a0..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7a3)
}

/// Invisible characters dropped, whitespace runs as one space, none at the ends.
fn collapse(chars: impl Iterator<Item = char>, mut out: String) -> String {
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if is_dropped(c) {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Bytes that may start a character `collapse` does not copy as it is:
/// ASCII spaces and controls, and the lead bytes of the other white space,
/// control and invisible characters (U+0080–U+00AD: `C2`; U+1680: `E1`;
/// U+2000–U+2060: `E2`; U+3000: `E3`; U+FEFF: `EF`).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b <= 0x20 || b == 0x7f || matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef);
        b += 1;
    }
    t
};

/// `collapse(text.chars(), out)`, copying runs of kept characters (with the
/// single spaces between them) at once: only a special byte's character is
/// decoded and looked at.
fn collapse_str(text: &str, mut out: String) -> String {
    let bytes = text.as_bytes();
    let mut pending_space = false;
    // `text[run..i]`: kept characters not yet copied.
    let mut run = 0;
    let mut i = 0;
    let flush = |run: usize, i: usize, out: &mut String, pending_space: &mut bool| {
        if run < i {
            if *pending_space {
                out.push(' ');
                *pending_space = false;
            }
            out.push_str(&text[run..i]);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if !SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        // One space between kept characters is copied as it is.
        if b == b' ' && i > run && bytes.get(i + 1).is_some_and(|&n| !SPECIAL[usize::from(n)]) {
            i += 2;
            continue;
        }
        let c = if b < 0x80 { char::from(b) } else { text[i..].chars().next().unwrap_or(' ') };
        let white = c.is_whitespace();
        if !white && !is_dropped(c) {
            i += c.len_utf8();
            continue;
        }
        flush(run, i, &mut out, &mut pending_space);
        if white {
            pending_space = !out.is_empty();
        }
        i += c.len_utf8();
        run = i;
    }
    flush(run, bytes.len(), &mut out, &mut pending_space);
    out
}

/// Control and invisible characters: dropped from the text.
fn is_dropped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_text_composes_decodes_and_collapses() {
        assert_eq!(normalize_text("  Cafe\u{301}\u{200B} &amp;\n\t the  end "), "Café & the end");
    }

    #[test]
    fn quick_check_from_the_first_high_character_decides_as_the_whole_text() {
        let mut texts = super::super::generated::Texts::over(
            "a \u{e9}e\u{301}\u{327}\u{308}\u{2019}A\u{30a}\u{1e0b}\u{323}\u{2000}",
        );
        for _ in 0..20_000 {
            let len = (texts.next() % 8) as usize;
            let text = texts.text(len);
            assert_eq!(normalize_general(&text, String::new()), collapse(text.nfc(), String::new()), "{text:?}");
        }
    }

    #[test]
    fn nfc_by_runs_answers_as_one_quick_check_from_the_first_high_character() {
        // What the runs rest on: below U+0300, and `is_nfc_starter` above, every character is NFC and a starter.
        for c in
            ('\u{80}'..'\u{300}').chain(('\u{300}'..=char::MAX).filter(|&c| is_nfc_starter(c))).chain(['a', '\u{0}'])
        {
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(unicode_normalization::is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
        let one_pass = |text: &str| {
            let from = text.bytes().position(|b| b >= 0xCC).unwrap_or(text.len());
            unicode_normalization::is_nfc_quick(text[from..].chars()) == IsNormalized::Yes
        };
        let mut texts = super::super::generated::Texts::over(
            "a \u{e9}\u{2ff}e\u{301}\u{327}\u{308}\u{316}\u{2019}\u{2000}A\u{30a}\u{1e0b}\u{323}\u{340}\u{f900}\u{ac00}\u{1100}\u{1161}\u{416}\u{483}\u{30ab}\u{3099}\u{4e2d}",
        );
        for _ in 0..50_000 {
            let len = (texts.next() % 10) as usize;
            let text = texts.text(len);
            assert_eq!(is_nfc_by_runs(&text), one_pass(&text), "{text:?}");
        }
    }

    #[test]
    fn plain_ascii_is_what_the_full_path_returns_unchanged() {
        let full = |raw: &str| {
            let decoded = if raw.contains('&') { html_escape::decode_html_entities(raw) } else { raw.into() };
            decoded.is_ascii() && is_normal_ascii(decoded.as_bytes()) && decoded == raw
        };
        let mut texts = super::super::generated::Texts::over("a Z.&;\t\n\u{1}\u{7f}~\u{e9}");
        for _ in 0..50_000 {
            let len = (texts.next() % 10) as usize;
            let text = texts.text(len);
            if is_plain_ascii(text.as_bytes()) {
                assert!(full(&text), "{text:?}");
                assert_eq!(normalize_general(&text, String::new()), text, "{text:?}");
            } else {
                assert!(!text.is_ascii() || text.contains('&') || !is_normal_ascii(text.as_bytes()), "{text:?}");
            }
        }
    }

    #[test]
    fn normalized_lines_are_the_lines_normalized() {
        for text in ["", "\n", "a\n", "a\r\n\r\nb\r", "a \n b\n\n", " x", "\r", "\r\n", "é\na  b"] {
            let lines: Vec<String> = text.lines().map(normalize_text).collect();
            assert_eq!(normalized_lines(text).collect::<Vec<_>>(), lines, "{text:?}");
        }
        let mut texts = super::super::generated::Texts::over("ab \n\n\r\t&;\u{1}\u{e9}\u{2019}");
        for _ in 0..50_000 {
            let len = (texts.next() % 14) as usize;
            let text = texts.text(len);
            let lines: Vec<String> = text.lines().map(normalize_text).collect();
            assert_eq!(normalized_lines(&text).collect::<Vec<_>>(), lines, "{text:?}");
        }
    }

    #[test]
    fn ascii_runs_collapse_as_the_byte_loop_did() {
        let by_byte = |text: &str| {
            let (mut out, mut pending_space) = (String::new(), false);
            for b in text.bytes() {
                if b.is_ascii_whitespace() || b == 0x0b {
                    pending_space = !out.is_empty();
                } else if !b.is_ascii_control() {
                    if pending_space {
                        out.push(' ');
                        pending_space = false;
                    }
                    out.push(char::from(b));
                }
            }
            out
        };
        let mut texts = super::super::generated::Texts::over("a  \t\n\x0b\x0c\r\x01\x7f,b");
        for _ in 0..20_000 {
            let len = (texts.next() % 10) as usize;
            let text = texts.text(len);
            assert_eq!(normalize_text(&text), by_byte(&text), "{text:?}");
        }
    }

    #[test]
    fn normal_text_holds_no_white_space_but_single_spaces() {
        let mut texts = super::super::generated::Texts::over("a \t\x0b\u{85}\u{a0}\u{2003}\u{3000}\u{1680}\u{e9}&#11;");
        for _ in 0..20_000 {
            let len = (texts.next() % 8) as usize;
            let normal = normalize_text(&texts.text(len));
            assert!(normal.chars().all(|c| c == ' ' || !c.is_whitespace()), "{normal:?}");
            assert!(!normal.contains("  ") && !normal.starts_with(' ') && !normal.ends_with(' '), "{normal:?}");
        }
    }

    #[test]
    fn characters_without_a_special_lead_byte_are_kept_as_they_are() {
        for c in (0x80..=0x10ffffu32).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            if !SPECIAL[usize::from(lead)] {
                assert!(!c.is_whitespace() && !is_dropped(c), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn collapse_by_runs_matches_the_character_walk() {
        let mut texts = super::super::generated::Texts::over(
            "ab \u{a0}\u{ad}\u{85}\u{1680}\u{2009}\u{200b}\u{2019}\u{2014}\u{3000}\u{feff}\u{ff0c}é\t\n\u{1}\u{7f}東",
        );
        for _ in 0..50_000 {
            let len = (texts.next() % 12) as usize;
            let text = texts.text(len);
            assert_eq!(collapse_str(&text, String::new()), collapse(text.chars(), String::new()), "{text:?}");
        }
    }

    #[test]
    fn ascii_fast_path_matches_the_general_one() {
        for text in ["Lire aussi :", "  S'abonner\t x\n", "a ' b", "x'y z", "\u{1}ctl  42 mixed CASE  ", "", " \u{b} v"]
        {
            assert_eq!(normalize_text(text), normalize_general(text, String::new()), "{text:?}");
        }
        let mut texts = super::super::generated::Texts::over("a Z.\t\n\r\u{b}\u{c}\u{1}\u{7f}");
        for _ in 0..20_000 {
            let len = (texts.next() % 10) as usize;
            let text = texts.text(len);
            assert_eq!(normalize_text(&text), normalize_general(&text, String::new()), "{text:?}");
        }
    }
}
