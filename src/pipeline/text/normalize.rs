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
    let from = decoded.bytes().position(|b| b >= 0xCC).unwrap_or(decoded.len());
    if unicode_normalization::is_nfc_quick(decoded[from..].chars()) == IsNormalized::Yes {
        collapse_str(decoded, out)
    } else {
        collapse(decoded.nfc(), out)
    }
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
