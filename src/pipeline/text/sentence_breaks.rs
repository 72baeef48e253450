//! Sentence pieces of a text: exactly `split_sentence_bound_indices()`
//! (unicode-segmentation's UAX-29), faster.
//!
//! The crate's rules never look back across a line feed (every rule's left
//! context is a terminator, closing punctuation and spaces, or a letter
//! before a full stop) and always break after one, so each line can be cut on
//! its own. A line whose characters all have a category known here (ASCII,
//! Latin and Cyrillic letters, the common quotes, dashes and spaces) runs a port of the
//! crate's state machine with a table lookup per character; any other line
//! goes through the crate. The tests compare both on every known character.

use unicode_segmentation::UnicodeSegmentation;

/// UAX-29 sentence-break categories that characters known here can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    Any,
    ATerm,
    Close,
    CR,
    LF,
    Lower,
    Numeric,
    SContinue,
    STerm,
    Sp,
    Upper,
}

/// The crate's `StatePart`; `Sep` never occurs here (no known character has
/// it), nor `Eot` (set after the last break only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    CR,
    LF,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

const fn ascii_table() -> [Cat; 128] {
    let mut t = [Cat::Any; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'\t' | 0x0b | 0x0c | b' ' => Cat::Sp,
            b'\n' => Cat::LF,
            b'\r' => Cat::CR,
            b'!' | b'?' => Cat::STerm,
            b'.' => Cat::ATerm,
            b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Cat::Close,
            b',' | b'-' | b':' | b';' => Cat::SContinue,
            b'0'..=b'9' => Cat::Numeric,
            b'A'..=b'Z' => Cat::Upper,
            b'a'..=b'z' => Cat::Lower,
            _ => Cat::Any,
        };
        b += 1;
    }
    t
}

static ASCII: [Cat; 128] = ascii_table();

/// The category of `c`, or `None` when only the crate knows it.
fn category(c: char) -> Option<Cat> {
    let u = c as u32;
    if u < 0x80 {
        return Some(ASCII[u as usize]);
    }
    Some(match u {
        0xa0 => Cat::Sp,
        0xaa | 0xb5 | 0xba => Cat::Lower,
        0xab | 0xbb => Cat::Close,
        0xd7 | 0xf7 => Cat::Any,
        0xc0..=0xde => Cat::Upper,
        0xdf..=0xff => Cat::Lower,
        // Punctuation and symbols of Latin-1 without a sentence role ("©", "°", "€" below).
        0xa1..=0xbf if u != 0xad => Cat::Any,
        0x100..=0x4ff => return letters()[(u - 0x100) as usize],
        0x2018..=0x201a | 0x201c..=0x201e => Cat::Close,
        0x2013 | 0x2014 => Cat::SContinue,
        0x2009 | 0x202f => Cat::Sp,
        // Bullet, ellipsis, euro sign, minus sign.
        0x2022 | 0x2026 | 0x20ac | 0x2212 => Cat::Any,
        _ => return None,
    })
}

/// Categories of U+0100–U+04FF, looked up once (the Lowercase and Uppercase
/// properties are searches of the standard library's tables). Latin
/// Extended-A and -B and Cyrillic letters: those properties decide;
/// titlecase digraphs, other letters, Cyrillic's combining marks and the
/// blocks between are left to the crate.
fn letters() -> &'static [Option<Cat>; 0x400] {
    static LETTERS: std::sync::OnceLock<[Option<Cat>; 0x400]> = std::sync::OnceLock::new();
    LETTERS.get_or_init(|| {
        std::array::from_fn(|k| {
            let u = 0x100 + k as u32;
            let block = (0x100..=0x24f).contains(&u) || (0x400..=0x4ff).contains(&u);
            let c = char::from_u32(u).filter(|_| block)?;
            if c.is_lowercase() {
                Some(Cat::Lower)
            } else if c.is_uppercase() {
                Some(Cat::Upper)
            } else {
                None
            }
        })
    })
}

fn is_known(line: &str) -> bool {
    line.is_ascii() || line.chars().all(|c| category(c).is_some())
}

/// Sentence pieces `(start, end)` of `text`, in order, covering it: the
/// pieces `split_sentence_bound_indices()` yields.
pub fn sentence_pieces(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |p| start + p + 1);
        let line = &text[start..end];
        if is_known(line) {
            line_pieces(line, start, &mut out);
        } else {
            out.extend(line.split_sentence_bound_indices().map(|(s, piece)| (start + s, start + s + piece.len())));
        }
        start = end;
    }
    out
}

/// The crate's forward state machine (`SentenceBreaks::next`) over a line
/// whose characters all have a known category, rule for rule.
fn line_pieces(line: &str, offset: usize, out: &mut Vec<(usize, usize)>) {
    let cat_of = |c: char| category(c).unwrap_or(Cat::Any);
    let bytes = line.as_bytes();
    let mut state = [Part::Sot; 4];
    let mut last_break: Option<usize> = None;
    let mut emit = |at: usize, out: &mut Vec<(usize, usize)>| {
        if let Some(prev) = last_break {
            out.push((offset + prev, offset + at));
        }
        last_break = Some(at);
    };
    let mut pos = 0;
    while pos < bytes.len() {
        if is_quiet(&state) {
            (pos, state) = skip_quiet(bytes, pos, state);
            if pos == bytes.len() {
                break;
            }
        }
        let c = if bytes[pos] < 0x80 { bytes[pos] as char } else { line[pos..].chars().next().unwrap_or(' ') };
        let cat = cat_of(c);
        let before = state;
        state = next_state(state, cat);
        let last = before[3];
        let cut = if last == Part::Sot {
            true
        } else if cat == Cat::LF && last == Part::CR {
            false
        } else if matches!(last, Part::CR | Part::LF) {
            true
        } else if (cat == Cat::Numeric && last == Part::ATerm)
            || (cat == Cat::Upper && before[2] == Part::UpperLower && last == Part::ATerm)
            || sb8(&before, &line[pos..], cat_of)
            || (matches!(cat, Cat::SContinue | Cat::STerm | Cat::ATerm) && sb8a(&before))
            || (matches!(cat, Cat::Close | Cat::Sp | Cat::CR | Cat::LF) && sb9(&before))
            || (matches!(cat, Cat::Sp | Cat::CR | Cat::LF) && sb8a(&before))
        {
            false
        } else {
            sb11(&before)
        };
        if cut {
            emit(pos, out);
        }
        pos += c.len_utf8();
    }
    if state[3] != Part::Sot {
        emit(bytes.len(), out);
    }
}

/// No terminator, line break or start of text in the state: no rule can cut
/// before a character that brings none (letters, digits, spaces, closing
/// punctuation, commas and the like), and the state stays quiet.
fn is_quiet(state: &[Part; 4]) -> bool {
    state.iter().all(|p| matches!(p, Part::Other | Part::UpperLower | Part::SpPlus | Part::ClosePlus))
}

/// ASCII bytes that are neither terminators nor line breaks.
const fn quiet_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !matches!(b as u8, b'.' | b'!' | b'?' | b'\r' | b'\n');
        b += 1;
    }
    t
}

static QUIET: [bool; 256] = quiet_table();

fn part_of(cat: Cat) -> Part {
    next_state([Part::Other; 4], cat)[3]
}

/// From a quiet `state` at `from`, skips the quiet ASCII bytes that follow
/// (no cut among them) and returns where they end with the state there: the
/// state of the last four parts, Sp and Close runs merged as `next_state`
/// merges them, read backwards from the end of the run.
fn skip_quiet(bytes: &[u8], from: usize, state: [Part; 4]) -> (usize, [Part; 4]) {
    let mut end = from;
    while end < bytes.len() && QUIET[bytes[end] as usize] {
        end += 1;
    }
    if end == from {
        return (end, state);
    }
    let mut newest = [Part::Other; 4];
    let mut n = 0;
    let mut k = end;
    while k > from && n < 4 {
        k -= 1;
        let p = part_of(ASCII[bytes[k] as usize]);
        if n > 0 && p == newest[n - 1] && matches!(p, Part::SpPlus | Part::ClosePlus) {
            continue;
        }
        newest[n] = p;
        n += 1;
    }
    if n == 4 {
        return (end, [newest[3], newest[2], newest[1], newest[0]]);
    }
    // The run was shorter than four parts: the old state's parts come before it.
    let mut parts = [Part::Other; 8];
    parts[..4].copy_from_slice(&state);
    let mut len = 4;
    for (i, &p) in newest[..n].iter().rev().enumerate() {
        if i == 0 && matches!(p, Part::SpPlus | Part::ClosePlus) && p == state[3] {
            continue;
        }
        parts[len] = p;
        len += 1;
    }
    (end, [parts[len - 4], parts[len - 3], parts[len - 2], parts[len - 1]])
}

fn next_state(parts: [Part; 4], cat: Cat) -> [Part; 4] {
    match (parts[3], cat) {
        (Part::ClosePlus, Cat::Close) | (Part::SpPlus, Cat::Sp) => parts,
        _ => [
            parts[1],
            parts[2],
            parts[3],
            match cat {
                Cat::CR => Part::CR,
                Cat::LF => Part::LF,
                Cat::ATerm => Part::ATerm,
                Cat::Upper | Cat::Lower => Part::UpperLower,
                Cat::Close => Part::ClosePlus,
                Cat::Sp => Part::SpPlus,
                Cat::STerm => Part::STerm,
                _ => Part::Other,
            },
        ],
    }
}

fn is_term(p: Part) -> bool {
    matches!(p, Part::STerm | Part::ATerm)
}

/// SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
fn sb8(parts: &[Part; 4], ahead: &str, cat_of: impl Fn(char) -> Cat) -> bool {
    let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    if parts[idx] != Part::ATerm {
        return false;
    }
    for c in ahead.chars() {
        match cat_of(c) {
            Cat::Lower => return true,
            Cat::Upper | Cat::CR | Cat::LF | Cat::STerm | Cat::ATerm => return false,
            _ => {}
        }
    }
    false
}

fn sb8a(parts: &[Part; 4]) -> bool {
    let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    is_term(parts[idx])
}

fn sb9(parts: &[Part; 4]) -> bool {
    let idx = if parts[3] == Part::ClosePlus { 2 } else { 3 };
    is_term(parts[idx])
}

fn sb11(parts: &[Part; 4]) -> bool {
    let mut idx = if matches!(parts[3], Part::CR | Part::LF) { 2 } else { 3 };
    if parts[idx] == Part::SpPlus {
        idx -= 1;
    }
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    is_term(parts[idx])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_pieces(text: &str) -> Vec<(usize, usize)> {
        text.split_sentence_bound_indices().map(|(s, p)| (s, s + p.len())).collect()
    }

    #[test]
    fn same_pieces_as_the_crate() {
        let texts = [
            "The council voted. It will rebuild the sea wall! Will it? Yes.",
            "“Yes,” said Mr. Roe. “No.” He left (again.) Then: 3.5 percent. e.g. this. U.S. Army",
            "L'Assemblée a voté. l’Ouest, d'une voix. Über 1.200 Menschen kamen – z. B. in Köln.\n\nNeu.",
            "a.\r\nb. \r c.\n\n\nd",
            "",
            "\n",
            "Ende.\u{a0}Anfang ... und … so. «Oui.» „Ja.“ ‘No.’ x.) (y. Z",
            "שלום. עולם. 東京都。 a\u{301}. B\u{ad}. c",
            "Москва. Он сказал: «Нет.» т. е. это −5 °C. И\u{483} х. Ёж",
        ];
        for text in texts {
            assert_eq!(sentence_pieces(text), crate_pieces(text), "{text:?}");
        }
    }

    #[test]
    fn every_known_character_behaves_as_its_category() {
        // Contexts where each category (Lower, Upper, Any, Close, Sp, SContinue,
        // Numeric, terminators) cuts differently.
        let templates = [
            "a. {}b",
            "a. {}B",
            "A.{}B",
            "A. {}B",
            "A.{} B",
            "x{}. B",
            "A.{}",
            "a! {}b",
            "x. ({}b",
            "{}. a",
            "a{}. B",
            "x.{}{}) B",
            "A.\u{a0}{}c",
        ];
        let mut chars: Vec<char> = (0u32..0x250).chain(0x400..0x500).filter_map(char::from_u32).collect();
        chars.extend(['\u{2009}', '\u{202f}', '\u{2013}', '\u{2014}', '\u{2018}', '\u{2019}', '\u{201a}']);
        chars.extend(['\u{201c}', '\u{201d}', '\u{201e}', '\u{2022}', '\u{2026}', '\u{20ac}', '\u{2212}']);
        for c in chars.into_iter().filter(|&c| category(c).is_some()) {
            for t in templates {
                let text = t.replace("{}", &c.to_string());
                assert_eq!(sentence_pieces(&text), crate_pieces(&text), "{c:?} U+{:04X} in {t:?}", c as u32);
            }
        }
    }

    #[test]
    fn same_pieces_on_generated_texts() {
        let mut texts = super::super::generated::Texts::over(
            "aZ9 .. ..!?,:;'’‘\"“”«»-–—()\n\n\r\té\u{301}\u{ad}ßİǅ…\u{a0}\u{2003}ש。1xДж\u{483}−",
        );
        for _ in 0..30_000 {
            // Short texts hit every rule; long ones the quiet runs between terminators.
            let len = (texts.next() % if texts.next() % 4 == 0 { 80 } else { 16 }) as usize;
            let text = texts.text(len);
            assert_eq!(sentence_pieces(&text), crate_pieces(&text), "{text:?}");
        }
    }
}
