//! The match key: a text lower-cased to its letters, words kept apart by one
//! space. Duplicate blocks, titles and vocabulary phrases are compared by it,
//! whatever their case, digits and punctuation ("12 Commentaires" and
//! "commentaires" are one key). A key is for comparing, never for showing.

use super::letters::{is_alpha, lowercases_to_itself};

/// Lower case without Latin accents ("Corée" as "coree", "José" as
/// "jose"): for comparing words with URL slugs and ASCII word lists.
pub(crate) fn fold_accents(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    // Letters of Latin-1 (most accented words of a Latin-script page) from a
    // table: each decomposes to an ASCII letter and accents all in the range
    // dropped, so the word folds character by character.
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let folded = match c {
            '\0'..='\u{7f}' => c.to_ascii_lowercase() as u8,
            '\u{c0}'..='\u{ff}' => LATIN1_FOLDED[c as usize - 0xc0],
            _ => 0,
        };
        if folded == 0 {
            return fold_accents_general(word);
        }
        out.push(char::from(folded));
    }
    out
}

/// `fold_accents(word)` is sure to hold a character outside ASCII: the word
/// holds a Cyrillic letter, kana, a CJK ideograph or a Hangul syllable, each
/// of which folds to letters of its own script (the test asks the
/// decomposition about each). Such a word never equals an ASCII one folded.
pub(crate) fn folds_beyond_ascii(word: &str) -> bool {
    !word.is_ascii() && word.chars().any(|c| FOLD_NON_ASCII.iter().any(|r| r.contains(&c)))
}

const FOLD_NON_ASCII: [std::ops::RangeInclusive<char>; 5] = [
    '\u{400}'..='\u{4ff}',
    '\u{3041}'..='\u{30ff}',
    '\u{3400}'..='\u{4dbf}',
    '\u{4e00}'..='\u{9fff}',
    '\u{ac00}'..='\u{d7a3}',
];

/// What each character from U+00C0 to U+00FF folds to, 0 where it is no
/// ASCII letter with accents ("Æ", "×", "ß").
const LATIN1_FOLDED: [u8; 64] = *b"aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";

/// `fold_accents` by the Unicode decomposition.
fn fold_accents_general(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfd().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).flat_map(char::to_lowercase).collect()
}

/// The words of a key: exactly `key.split(' ')`, by a plain byte scan (a
/// key's words are short, and `split(' ')` pays a `memchr` call per word).
pub(crate) fn key_words(key: &str) -> KeyWords<'_> {
    KeyWords { rest: Some(key) }
}

/// The iterator of [`key_words`].
pub(crate) struct KeyWords<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for KeyWords<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        // A space byte is always a whole character: both slices stay on character boundaries.
        match rest.bytes().position(|b| b == b' ') {
            Some(at) => {
                self.rest = Some(&rest[at + 1..]);
                Some(&rest[..at])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// Per ASCII byte: its lower case for a letter, `'` for the apostrophe, 0 for
/// anything else (all of which ends a word).
static KEY_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphabetic() {
            t[b] = byte.to_ascii_lowercase();
        } else if byte == b'\'' {
            t[b] = b'\'';
        }
        b += 1;
    }
    t
};

/// Lower-case letters-only key used for duplicate detection and vocabulary matching.
pub(crate) fn match_key(text: &str) -> String {
    // One walk over the bytes: ASCII through the table (a run of lower-case
    // letters copied at once), other characters decoded where they start.
    // Letters and both apostrophes make words; anything else ends one.
    let bytes = text.as_bytes();
    let mut key = String::with_capacity(text.len());
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_lowercase() {
            if !in_word && !key.is_empty() {
                key.push(' ');
            }
            in_word = true;
            let run = i;
            i += 1;
            // One space between lower-case words is the key's own separator: copied with them.
            while i < bytes.len()
                && (bytes[i].is_ascii_lowercase()
                    || bytes[i] == b' ' && bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase))
            {
                i += 1;
            }
            key.push_str(&text[run..i]);
            continue;
        }
        if b < 0x80 {
            i += 1;
            let class = KEY_BYTE[usize::from(b)];
            if class == 0 {
                in_word = false;
                continue;
            }
            if !in_word && !key.is_empty() {
                key.push(' ');
            }
            in_word = true;
            if class != b'\'' {
                key.push(char::from(class));
            }
            continue;
        }
        // A non-ASCII character starts here (`i` is always on a boundary).
        let c = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        i += c.len_utf8();
        let letter = is_alpha(c);
        if letter || c == '’' {
            if !in_word && !key.is_empty() {
                key.push(' ');
            }
            in_word = true;
            if letter {
                // Most letters (all of a script without case) lower-case to themselves: a bitmap says so.
                if lowercases_to_itself(c) {
                    key.push(c);
                } else {
                    key.extend(c.to_lowercase());
                }
            }
        } else {
            in_word = false;
        }
    }
    key
}

/// `match_key(text) == key`, without building the key when the letter
/// counts already rule it out (most blocks compared against a title).
pub(crate) fn has_match_key(text: &str, key: &str) -> bool {
    // The text's letters are counted only up to one past what the key can
    // hold: a paragraph tested against a title stops early.
    if text.is_ascii() && key.is_ascii() {
        let key_letters = key.bytes().filter(u8::is_ascii_alphabetic).count();
        let letters = text.bytes().filter(u8::is_ascii_alphabetic).take(key_letters + 1).count();
        if letters != key_letters {
            return false;
        }
    } else {
        // The key holds each letter lower-cased: one to three characters.
        let key_chars = key.chars().filter(|&c| c != ' ').count();
        let letters = text.chars().filter(|&c| is_alpha(c)).take(key_chars + 1).count();
        if letters > key_chars || letters * 3 < key_chars {
            return false;
        }
    }
    match_key(text) == key
}

/// The key as first written, word by word: what `match_key` is tested against.
#[cfg(test)]
fn match_key_general(text: &str, mut key: String) -> String {
    for word in text.split(|c: char| !is_alpha(c) && c != '\'' && c != '’').filter(|w| !w.is_empty()) {
        if !key.is_empty() {
            key.push(' ');
        }
        // ASCII letters (most of them, even in a text with accents or curly
        // quotes) without the Unicode tables.
        for c in word.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphabetic() {
                    key.push(c.to_ascii_lowercase());
                }
            } else if is_alpha(c) {
                key.extend(c.to_lowercase());
            }
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_matches_the_general_one() {
        for text in ["Lire aussi :", "  S'abonner\t x\n", "a ' b", "x'y z", "\u{1}ctl  42 mixed CASE  ", "", " \u{b} v"]
        {
            assert_eq!(match_key(text), match_key_general(text, String::new()), "{text:?}");
        }
        let mut texts = super::super::generated::Texts::over("aZ '-.1\t\u{7f}`{@[");
        for _ in 0..20_000 {
            let len = (texts.next() % 12) as usize;
            let text = texts.text(len);
            assert_eq!(match_key(&text), match_key_general(&text, String::new()), "{text:?}");
        }
    }

    #[test]
    fn general_key_is_letters_lower_cased_per_word() {
        let reference = |text: &str| -> String {
            text.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        };
        for text in [
            "“Été” à Paris — l’Ouest, 12 Commentaires",
            "İstanbul ΣΟΦΟΣ straße Ǆemal",
            "Über 1.200 Menschen kamen’ ’",
            "東京都 ２０２５年 नमस्ते",
            "’",
        ] {
            assert_eq!(match_key_general(text, String::new()), reference(text), "{text:?}");
            assert_eq!(match_key(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn one_pass_key_matches_the_word_by_word_one_on_generated_texts() {
        let mut texts = super::super::generated::Texts::over("aZ '’-.é\u{301}ßİΣ東1\n\u{a0}");
        for _ in 0..20_000 {
            let len = (texts.next() % 12) as usize;
            let text = texts.text(len);
            assert_eq!(match_key(&text), match_key_general(&text, String::new()), "{text:?}");
        }
    }

    #[test]
    fn has_match_key_agrees_with_match_key() {
        for (a, b) in [
            ("The Title: Part 2", "the title part"),
            ("THE TITLE, PART 2!", "the title part"),
            ("The Titles: Part 2", "the title part"),
            ("Été à Paris", "été à paris"),
            ("Été à Paris, encore une fois", "été à paris"),
            ("İstanbul", &match_key("İstanbul")),
            ("", ""),
        ] {
            assert_eq!(has_match_key(a, b), match_key(a) == b, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn key_words_split_as_split_on_a_space() {
        for text in ["", " ", "a", "la junta aprueba", " x  y ", "corée du nord", "ünter straße ", "a\u{a0}b c"] {
            assert_eq!(key_words(text).collect::<Vec<_>>(), text.split(' ').collect::<Vec<_>>(), "{text:?}");
        }
        let mut texts = super::super::generated::Texts::over("ab é");
        for _ in 0..5_000 {
            let len = (texts.next() % 12) as usize;
            let text = texts.text(len);
            assert_eq!(key_words(&text).collect::<Vec<_>>(), text.split(' ').collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn accents_fold_by_the_table_as_by_the_decomposition() {
        for c in '\u{c0}'..='\u{ff}' {
            let general = fold_accents_general(&c.to_string());
            let table = LATIN1_FOLDED[c as usize - 0xc0];
            if table == 0 {
                assert!(!general.is_ascii() || general.len() != 1, "{c:?} folds to {general:?}");
            } else {
                assert_eq!(general, char::from(table).to_string(), "{c:?}");
            }
        }
        let mut texts = super::super::generated::Texts::over("aZéÉßÆçÿ\u{301}ıİΣ東-'’");
        for _ in 0..50_000 {
            let len = (texts.next() % 8) as usize;
            let word = texts.text(len);
            assert_eq!(fold_accents(&word), fold_accents_general(&word), "{word:?}");
        }
    }

    #[test]
    fn words_of_other_scripts_fold_beyond_ascii() {
        for c in FOLD_NON_ASCII.iter().flat_map(|r| r.clone()) {
            assert!(!fold_accents_general(&c.to_string()).is_ascii(), "{c:?}");
        }
        assert!(folds_beyond_ascii("Москва") && folds_beyond_ascii("東京都") && folds_beyond_ascii("x서울"));
        assert!(!folds_beyond_ascii("Zürich") && !folds_beyond_ascii("ΣΟΦΟΣ") && !folds_beyond_ascii("plain"));
    }

    #[test]
    fn match_key_ignores_case_digits_and_punctuation() {
        assert_eq!(match_key("12 Commentaires"), "commentaires");
        assert_eq!(match_key("Lire aussi :"), "lire aussi");
        assert_eq!(match_key("S'abonner"), "sabonner");
    }
}
