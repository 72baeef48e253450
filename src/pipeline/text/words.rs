//! Words of a text: exactly `unicode_words()` (UAX-29), faster.
//!
//! UAX-29 always breaks on both sides of an ASCII space, tab or line break,
//! so each whitespace-separated chunk can be segmented on its own, and a
//! chunk of ASCII letters and digits alone ("council", "2025", "A380") is
//! one word without running the segmenter. Most words of prose are such
//! chunks; chunks of ASCII and curly quotes ("wall.", "l'Ouest", "“Yes")
//! follow UAX-29's rules for those characters, and only the rest ("Köln",
//! "foo_bar") go through the segmenter.

use unicode_segmentation::UnicodeSegmentation;

/// `text.unicode_words().collect()`, the same words in the same order.
pub fn unicode_words(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / 6);
    if !each_word(text, |_, w| out.push(w)) {
        out.clear();
        out.extend(text.unicode_words());
    }
    out
}

/// `text.unicode_word_indices().collect()`: the same words with their byte offsets.
pub fn unicode_word_indices(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(text.len() / 6);
    if !each_word(text, |at, w| out.push((at, w))) {
        out.clear();
        out.extend(text.unicode_word_indices());
    }
    out
}

/// `unicode_word_indices(text)` into `out` (cleared first), reusing its room.
pub fn unicode_word_indices_into<'a>(text: &'a str, out: &mut Vec<(usize, &'a str)>) {
    out.clear();
    if !each_word(text, |at, w| out.push((at, w))) {
        out.clear();
        out.extend(text.unicode_word_indices());
    }
}

/// Each word of `text` with its byte offset, chunk by chunk; `false` when
/// the chunks turn out not to be independent, and the caller must segment
/// the whole text instead.
fn each_word<'a>(text: &'a str, mut emit: impl FnMut(usize, &'a str)) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if BYTE_KIND[usize::from(bytes[i])] == SPACE {
            i += 1;
            continue;
        }
        let start = i;
        // The kinds of the chunk's bytes, and-ed: `ALNUM` stays set only when every one is.
        let mut kinds = ALNUM;
        while let Some(&b) = bytes.get(i) {
            let kind = BYTE_KIND[usize::from(b)];
            if kind == SPACE {
                break;
            }
            kinds &= kind;
            i += 1;
        }
        let chunk = &text[start..i];
        if kinds == ALNUM {
            emit(start, chunk);
        } else if let Some((a, b)) = one_run(chunk.as_bytes()) {
            emit(start + a, &chunk[a..b]);
        } else if !plain_words(chunk, |at, w| emit(start + at, w)) {
            if start > 0 && chunk.chars().next().is_some_and(attaches_to_space) {
                // A combining mark, format character or wide space right after
                // the space joins it under UAX-29: the chunks are not independent.
                return false;
            }
            for (at, w) in chunk.unicode_word_indices() {
                emit(start + at, w);
            }
        }
    }
    true
}

/// `BYTE_KIND` of an ASCII space, tab or line break (`\n`, `\r`).
const SPACE: u8 = 1;
/// `BYTE_KIND` of an ASCII letter or digit.
const ALNUM: u8 = 2;
/// Per byte: `SPACE`, `ALNUM` or 0 (any other byte), so the chunk scan reads one table.
static BYTE_KIND: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

/// ASCII bytes other than letters, digits and `_`: no UAX-29 rule joins
/// one to a letter or a digit unless a letter or a digit follows it.
static MARK: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = !c.is_ascii_alphanumeric() && c != b'_';
        b += 1;
    }
    t
};

/// The range of the one word of a chunk written as ASCII marks, a run of
/// ASCII letters and digits, and ASCII marks (`wall.`, `(the`, `"Yes,"`):
/// no mark joins the run, having no letter or digit on its other side.
/// `None` for any other chunk (one without such a run too).
fn one_run(chunk: &[u8]) -> Option<(usize, usize)> {
    let a = chunk.iter().position(|&c| !MARK[usize::from(c)])?;
    let b = a + chunk[a..].iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(chunk.len() - a);
    (a < b && chunk[b..].iter().all(|&c| MARK[usize::from(c)])).then_some((a, b))
}

/// Word-break classes (UAX-29) of the characters `plain_words` handles.
#[derive(Clone, Copy, PartialEq)]
enum Class {
    Letter,
    Digit,
    /// `:`, joins two letters.
    MidLetter,
    /// `.`, `'`, `‘`, `’`: join two letters or two digits.
    MidNumLet,
    /// `,`, `;`: join two digits.
    MidNum,
    Other,
}

/// The class and byte length of the character at `i`; `None` past the end
/// and for what the fast path leaves to UAX-29 (`_`, which joins, and every
/// non-ASCII character but the quotes, dashes, the ellipsis, the accented
/// Latin letters and the Cyrillic ones).
fn class_at(b: &[u8], i: usize) -> Option<(Class, usize)> {
    let class = match *b.get(i)? {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        b'_' => return None,
        0..=0x7f => Class::Other,
        // Latin-1 and Latin Extended-A letters (U+00C0–U+017F but × and ÷): ALetter.
        0xc3 => {
            return match b.get(i + 1) {
                Some(0x80..=0x96 | 0x98..=0xb6 | 0xb8..=0xbf) => Some((Class::Letter, 2)),
                _ => None,
            }
        }
        // « and »: Other.
        0xc2 => return matches!(b.get(i + 1), Some(0xab | 0xbb)).then_some((Class::Other, 2)),
        // Cyrillic letters (U+0400–U+0481, U+048A–U+04FF): ALetter; the
        // thousands sign and the combining marks between are left to UAX-29.
        0xc4 | 0xc5 | 0xd0 | 0xd1 | 0xd3 => {
            return b.get(i + 1).is_some_and(|c| (0x80..=0xbf).contains(c)).then_some((Class::Letter, 2))
        }
        0xd2 => return matches!(b.get(i + 1), Some(0x80 | 0x81 | 0x8a..=0xbf)).then_some((Class::Letter, 2)),
        0xe2 if b.get(i + 1) == Some(&0x80) => {
            return match b.get(i + 2) {
                Some(0x98 | 0x99) => Some((Class::MidNumLet, 3)),
                // Curly double quotes, en and em dashes, the ellipsis.
                Some(0x9c | 0x9d | 0x93 | 0x94 | 0xa6) => Some((Class::Other, 3)),
                _ => None,
            };
        }
        _ => return None,
    };
    Some((class, 1))
}

/// The words of a chunk of ASCII, accented Latin letters and curly quotes (`"wall."`, `“Yes,”`,
/// `l'Ouest`, `week-end`, `U.S.`, `1,200.5`) by UAX-29's rules for those
/// characters: letters and digits join, a mid mark joins only between two
/// letters or two digits it may join, anything else breaks. `false`
/// (nothing emitted) when the chunk has another character.
fn plain_words<'a>(chunk: &'a str, mut emit: impl FnMut(usize, &'a str)) -> bool {
    let b = chunk.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let Some((_, len)) = class_at(b, i) else { return false };
        i += len;
    }
    let mut start = None;
    let mut prev = Class::Other;
    let mut i = 0;
    while let Some((class, len)) = class_at(b, i) {
        let joins = match class {
            Class::Letter | Class::Digit => {
                start.get_or_insert(i);
                prev = class;
                true
            }
            Class::Other => false,
            mid => {
                start.is_some()
                    && class_at(b, i + len).is_some_and(|(next, _)| {
                        next == prev
                            && match next {
                                Class::Letter => matches!(mid, Class::MidLetter | Class::MidNumLet),
                                _ => matches!(mid, Class::MidNum | Class::MidNumLet),
                            }
                    })
            }
        };
        if !joins {
            if let Some(s) = start.take() {
                emit(s, &chunk[s..i]);
            }
        }
        i += len;
    }
    if let Some(s) = start {
        emit(s, &chunk[s..]);
    }
    true
}

/// Whether UAX-29 keeps `c` in one segment with a space before it (and so
/// with any character but a line break: marks, format characters, joiners).
pub(crate) fn attaches_to_space(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    if u32::from(c) < 0x300 {
        // Below the combining marks only the soft hyphen (Format) attaches.
        return c == '\u{ad}';
    }
    // Letters of whole blocks without a mark or format character: Cyrillic
    // before its combining marks, CJK ideographs, kana, Hangul syllables.
    if matches!(u32::from(c), 0x400..=0x482 | 0x4e00..=0x9fff | 0x3041..=0x3096 | 0x30a1..=0x30fa | 0xac00..=0xd7a3) {
        return false;
    }
    let mut buf = [b' '; 5];
    let len = 1 + c.encode_utf8(&mut buf[1..]).len();
    std::str::from_utf8(&buf[..len]).is_ok_and(|s| s.split_word_bounds().nth(1).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_words_as_unicode_words() {
        let texts = [
            "The council voted on Tuesday to rebuild the sea wall.",
            "“Yes,” said Mr. Roe — the U.S. plan costs $3.5bn (€3,2 Mrd.) in 2025/26.",
            "L'Assemblée a voté: l’Ouest, d'une voix. Über 1.200 Menschen kamen – z. B. in Köln.",
            "El presidente Pedro Sánchez viajó a Bruselas…\n\nfoo_bar a\u{301}b \u{301}x \u{200d}y 🇫🇷🇩🇪 x\t\ty",
            "שלום\"עולם ג'ירפה 東京都 ２０２５年 नमस्ते दुनिया  \u{93e}x \u{2003}y",
            "",
            "(council) \"wall.\" said, 'tis dogs' A380. [x] a.b 2.5 (the\" x?! ('a') \"_a_\" ;:b",
            " \u{a0}a\u{a0}b \u{ad}c d\u{ad} e'f 'g h' 3'4 5.6.7 a:b 1:2 x,y 1,2",
            "“Yes,” l’Ouest don't week-end U.S. 1,200.50 a.1 1.a a’1 ‘tis’ a;b 1;2 a::b a.'b x\u{b}y\u{c}z",
        ];
        for text in texts {
            assert_eq!(unicode_words(text), text.unicode_words().collect::<Vec<_>>(), "{text:?}");
            assert_eq!(unicode_word_indices(text), text.unicode_word_indices().collect::<Vec<_>>(), "{text:?}");
            let mut reused = vec![(7, "stale")];
            unicode_word_indices_into(text, &mut reused);
            assert_eq!(reused, unicode_word_indices(text), "{text:?}");
        }
    }

    #[test]
    fn same_words_on_generated_texts() {
        let mut texts = super::super::generated::Texts::over(
            "aZ9 .,:;'’‘\"“”-–—_\n\t\r()é\u{301}\u{200d}\u{ad}🇫ß0xİ!?…\u{a0}\u{2003}שा1",
        );
        let mut plain = super::super::generated::Texts::over("aZ9 .,:;'’‘\"“”-()!?\u{b}\u{c}");
        for _ in 0..20_000 {
            let len = (plain.next() % 12) as usize;
            let text = plain.text(len);
            assert_eq!(unicode_word_indices(&text), text.unicode_word_indices().collect::<Vec<_>>(), "{text:?}");
        }
        for _ in 0..20_000 {
            let len = (texts.next() % 12) as usize;
            let text = texts.text(len);
            assert_eq!(unicode_words(&text), text.unicode_words().collect::<Vec<_>>(), "{text:?}");
            assert_eq!(unicode_word_indices(&text), text.unicode_word_indices().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn chunks_of_ascii_marks_around_one_run_split_as_uax29_does() {
        // Every ASCII mark, `_` and a non-ASCII letter around runs of letters and digits.
        let marks: String = (0u8..128).filter(|c| !c.is_ascii_alphanumeric()).map(char::from).collect();
        let mut texts = super::super::generated::Texts::over(&format!("{marks}aZ9é"));
        let mut words = super::super::generated::Texts::over("aZ9");
        for _ in 0..60_000 {
            let (before, after) = ((texts.next() % 3) as usize, (texts.next() % 3) as usize);
            let run_len = (words.next() % 4) as usize;
            let text = format!("{}{}{} {}", texts.text(before), words.text(run_len), texts.text(after), texts.text(4));
            assert_eq!(unicode_word_indices(&text), text.unicode_word_indices().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn latin_1_extended_a_and_cyrillic_characters_split_as_uax29_does() {
        // Every character U+0080–U+017F (and the Cyrillic block, the dashes
        // and the ellipsis) in each context a letter may meet.
        let others = ['\u{2013}', '\u{2014}', '\u{2026}', '\u{201c}', '\u{201d}'];
        for c in ('\u{80}'..='\u{17f}').chain('\u{400}'..='\u{4ff}').chain(others) {
            for text in [
                format!("{c}"),
                format!("a{c}b"),
                format!("{c}1 x"),
                format!("1{c}"),
                format!("a.{c} {c}'{c} {c}:a {c},b"),
                format!("“{c}” l’{c} {c}-{c}\u{301}"),
                format!("{c}_{c} {c}\u{200d}"),
            ] {
                assert_eq!(unicode_word_indices(&text), text.unicode_word_indices().collect::<Vec<_>>(), "{text:?}");
            }
        }
        let mut texts = super::super::generated::Texts::over("aZ9 .,:;'’-éÀÿ×÷ĀſƀßİŒ\u{301}_«»Жж\u{482}\u{483}Ҋӿ");
        for _ in 0..20_000 {
            let len = (texts.next() % 12) as usize;
            let text = texts.text(len);
            assert_eq!(unicode_word_indices(&text), text.unicode_word_indices().collect::<Vec<_>>(), "{text:?}");
        }
    }

    /// `attaches_to_space` as first written: UAX-29 asked for every character.
    fn attaches_by_segmenter(c: char) -> bool {
        let mut buf = [b' '; 5];
        let len = 1 + c.encode_utf8(&mut buf[1..]).len();
        std::str::from_utf8(&buf[..len]).is_ok_and(|s| s.split_word_bounds().nth(1).is_none())
    }

    #[test]
    fn characters_below_the_combining_marks_attach_as_the_segmenter_says() {
        for c in '\u{80}'..='\u{3ff}' {
            assert_eq!(attaches_to_space(c), attaches_by_segmenter(c), "{c:?}");
        }
        // The blocks decided without the segmenter, and their edges.
        for range in ['\u{3fe}'..='\u{48a}', '\u{4dfe}'..='\u{a001}', '\u{3040}'..='\u{30ff}', '\u{abfe}'..='\u{d7a5}']
        {
            for c in range {
                assert_eq!(attaches_to_space(c), attaches_by_segmenter(c), "{c:?}");
            }
        }
    }
}
