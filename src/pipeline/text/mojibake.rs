//! Mojibake repair: text that went through a wrong decode once ("youâ€™ve",
//! "Â©") gets its characters back before normalisation.
//!
//! Only sequences that spell one UTF-8 character in Windows-1252 are touched,
//! and only when that character is one mojibake usually hides; it must never
//! change real Latin-1 text that merely looks odd.

/// UTF-8 text that was once decoded as Windows-1252 (or Latin-1) and stored
/// again: "youâ€™ve", "Â©", "â\u{80}\u{99}". Each sequence that reads as one
/// UTF-8 character's bytes in that encoding (a lead byte `Â`..`ô`, then its
/// continuation bytes) becomes that character; anything else is left as is, so
/// real Latin-1 text ("à la", "Ãlvaro") is untouched unless it happens to spell
/// a UTF-8 sequence.
pub(crate) fn repair_mojibake(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    // Accented text is common, mojibake rare: look for a lead character right
    // before a continuation-byte character before copying anything.
    if !may_hide_mojibake(text) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let len = match c {
            '\u{C2}'..='\u{DF}' => 2,
            '\u{E0}'..='\u{EF}' => 3,
            '\u{F0}'..='\u{F4}' => 4,
            _ => 0,
        };
        if len > 0 && i + len <= chars.len() {
            let mut bytes = [c as u8, 0, 0, 0];
            let continuation = (1..len).all(|k| match windows_1252_byte(chars[i + k]) {
                Some(b @ 0x80..=0xBF) => {
                    bytes[k] = b;
                    true
                }
                _ => false,
            });
            let fixed = continuation
                .then(|| std::str::from_utf8(&bytes[..len]).ok())
                .flatten()
                .filter(|f| f.chars().all(is_common_mojibake_target));
            if let Some(fixed) = fixed {
                out.push_str(fixed);
                changed = true;
                i += len;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// A lead character (`Â`..`ô`, U+00C2..U+00F4) right before a character that
/// may be a continuation byte's (U+0080..U+00BF, or above U+00FF), found on
/// the UTF-8 bytes: the lead is `C3 82..=B4`, the next character starts with
/// `C2` (U+0080..U+00BF) or a lead byte from `C4` on (U+0100 and above).
fn may_hide_mojibake(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xC3, bytes).any(|i| {
        matches!(bytes.get(i + 1), Some(0x82..=0xB4)) && matches!(bytes.get(i + 2), Some(&b) if b == 0xC2 || b >= 0xC4)
    })
}

/// What mojibake hides, in practice: accented Latin letters, typographic
/// punctuation, currency and trademark signs, symbols and emoji. Other decodes
/// are more likely real text that happens to spell UTF-8 bytes (German
/// „Fuß“ would read as „Fuߓ, "Olé…”" as "Ol酔").
fn is_common_mojibake_target(c: char) -> bool {
    matches!(c,
        '\u{A0}'..='\u{17F}'        // Latin-1 supplement, Latin Extended-A
        | '\u{2000}'..='\u{206F}'   // general punctuation: ’ “ ” – — …
        | '\u{20A0}'..='\u{214F}'   // currency, letterlike: € ™
        | '\u{2190}'..='\u{27BF}'   // arrows, symbols, dingbats: ✓ ✅ ❌
        | '\u{FE00}'..='\u{FE0F}'   // variation selectors (emoji presentation)
        | '\u{1F000}'..='\u{1FAFF}' // emoji
    )
}

/// The Windows-1252 byte for `c` (Latin-1 C1 controls included, as the WHATWG
/// encoding maps them), if it has one.
fn windows_1252_byte(c: char) -> Option<u8> {
    if c.is_ascii() || ('\u{80}'..='\u{FF}').contains(&c) {
        return Some(c as u8);
    }
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    (!unmappable && bytes.len() == 1).then(|| bytes[0])
}

#[cfg(test)]
mod tests {
    use super::{may_hide_mojibake, repair_mojibake};

    #[test]
    fn byte_scan_finds_what_the_character_scan_finds() {
        let by_chars = |text: &str| {
            let is_lead = |c: char| ('\u{C2}'..='\u{F4}').contains(&c);
            let may_continue = |c: char| ('\u{80}'..='\u{BF}').contains(&c) || c > '\u{FF}';
            text.chars().zip(text.chars().skip(1)).any(|(a, b)| is_lead(a) && may_continue(b))
        };
        let mut texts = super::super::generated::Texts::over(
            "a \u{80}\u{bf}\u{c0}\u{c1}\u{c2}\u{c3}\u{e9}\u{f4}\u{f5}\u{ff}\u{100}\u{2019}\u{20ac}\u{1f600}",
        );
        for _ in 0..20_000 {
            let len = (texts.next() % 6) as usize;
            let text = texts.text(len);
            assert_eq!(may_hide_mojibake(&text), by_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn utf8_read_as_windows_1252_is_repaired_and_latin_text_is_not() {
        assert_eq!(repair_mojibake("you\u{e2}\u{80}\u{99}ve ever sent"), "you\u{2019}ve ever sent");
        assert_eq!(repair_mojibake("you\u{e2}\u{20ac}\u{2122}ve"), "you\u{2019}ve");
        assert_eq!(repair_mojibake("\u{c2}\u{a9} 2016 Credit Karma"), "\u{a9} 2016 Credit Karma");
        assert_eq!(repair_mojibake("caf\u{c3}\u{a9} cr\u{c3}\u{a8}me"), "caf\u{e9} cr\u{e8}me");
        // "\u{e2}\u{9c}\u{85}" is a check mark's bytes.
        assert_eq!(repair_mojibake("\u{e2}\u{9c}\u{85} done"), "\u{2705} done");
        for fine in [
            "caf\u{e9} \u{e0} la cr\u{e8}me",
            "\u{c1}lvaro \u{d8}stergaard",
            "plain ascii",
            "\u{e2} alone",
            "\u{201e}Fu\u{df}\u{201c}",
            "Ol\u{e9}\u{2026}\u{201d}",
        ] {
            assert_eq!(repair_mojibake(fine), fine);
        }
    }
}
