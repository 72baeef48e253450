//! `char::is_alphabetic`, `char::is_alphanumeric` and whether lower-casing
//! leaves a character as it is, for the scans that run over every character
//! of a page. The standard versions look every non-ASCII character up in
//! Unicode's tables, a search of a few hundred instructions, and pages in
//! Cyrillic, Greek, Arabic or CJK scripts (and accented Latin words) are full
//! of such characters. Here the Basic Multilingual Plane is answered from three bitmaps,
//! filled from the standard library 64 characters at a time on first use, so
//! the answers are the standard library's and a page pays only for the
//! blocks it touches.

use std::sync::atomic::{AtomicU64, Ordering};

const CHUNKS: usize = 0x10000 / 64;

static ALPHA: [AtomicU64; CHUNKS] = [const { AtomicU64::new(0) }; CHUNKS];
static ALNUM: [AtomicU64; CHUNKS] = [const { AtomicU64::new(0) }; CHUNKS];
/// Characters `char::to_lowercase` leaves as they are (one character, itself).
static LOWER_FIXED: [AtomicU64; CHUNKS] = [const { AtomicU64::new(0) }; CHUNKS];
/// One bit per chunk: its three words above are filled.
static READY: [AtomicU64; CHUNKS / 64] = [const { AtomicU64::new(0) }; CHUNKS / 64];

/// Word `chunk` of `map` (one of the three bitmaps), all three filled on
/// the chunk's first use. Two threads filling the same chunk store the same
/// bits, so no lock is needed; only the asked bitmap is read.
#[inline]
fn chunk_bits(map: &[AtomicU64; CHUNKS], cp: u32) -> u64 {
    let chunk = (cp >> 6) as usize;
    if READY[chunk >> 6].load(Ordering::Acquire) >> (chunk & 63) & 1 == 0 {
        fill(chunk);
    }
    map[chunk].load(Ordering::Relaxed)
}

#[cold]
fn fill(chunk: usize) {
    let first = (chunk as u32) << 6;
    let (alpha, alnum, fixed) = if UNCASED_LETTERS.iter().any(|&(lo, hi)| lo <= first && first + 63 <= hi) {
        (u64::MAX, u64::MAX, u64::MAX)
    } else {
        look_up(first)
    };
    ALPHA[chunk].store(alpha, Ordering::Relaxed);
    ALNUM[chunk].store(alnum, Ordering::Relaxed);
    LOWER_FIXED[chunk].store(fixed, Ordering::Relaxed);
    READY[chunk >> 6].fetch_or(1 << (chunk & 63), Ordering::Release);
}

/// The three bitmaps' words for the 64 characters from `first`, from the standard library.
fn look_up(first: u32) -> (u64, u64, u64) {
    let (mut alpha, mut alnum, mut fixed) = (0u64, 0u64, 0u64);
    for bit in 0..64 {
        if let Some(c) = char::from_u32(first | bit) {
            // `is_alphanumeric` is `is_alphabetic() || is_numeric()`: the first asked once.
            let letter = c.is_alphabetic();
            alpha |= u64::from(letter) << bit;
            alnum |= u64::from(letter || c.is_numeric()) << bit;
            fixed |= u64::from(lowercases_to_itself_by_table(c)) << bit;
        }
    }
    (alpha, alnum, fixed)
}

/// Blocks of letters without case, every character assigned (CJK
/// ideographs and their extension A, Hangul syllables): a chunk inside one
/// is all letters that lower-case to themselves, without a look-up each (a
/// Chinese page touches hundreds of chunks). The test over every character
/// holds this to the standard library's tables.
const UNCASED_LETTERS: [(u32, u32); 3] = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3)];

/// Whether `c.to_lowercase()` is `c` alone, from the standard library's tables.
fn lowercases_to_itself_by_table(c: char) -> bool {
    let mut lower = c.to_lowercase();
    lower.next() == Some(c) && lower.next().is_none()
}

/// Whether `c.to_lowercase()` is `c` alone: what lower-casing a word checks
/// per character, answered from a bitmap for the Basic Multilingual Plane.
#[inline]
pub(crate) fn lowercases_to_itself(c: char) -> bool {
    let cp = c as u32;
    match cp {
        0..=0x7f => !c.is_ascii_uppercase(),
        0x80..=0xffff => chunk_bits(&LOWER_FIXED, cp) >> (cp & 63) & 1 == 1,
        _ => lowercases_to_itself_by_table(c),
    }
}

/// `c.is_alphabetic()`.
#[inline]
pub(crate) fn is_alpha(c: char) -> bool {
    let cp = c as u32;
    match cp {
        0..=0x7f => c.is_ascii_alphabetic(),
        0x80..=0xffff => chunk_bits(&ALPHA, cp) >> (cp & 63) & 1 == 1,
        _ => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`.
#[inline]
pub(crate) fn is_alnum(c: char) -> bool {
    let cp = c as u32;
    match cp {
        0..=0x7f => c.is_ascii_alphanumeric(),
        0x80..=0xffff => chunk_bits(&ALNUM, cp) >> (cp & 63) & 1 == 1,
        _ => c.is_alphanumeric(),
    }
}

/// `word.trim_matches(|c: char| !c.is_alphanumeric())`, without decoding
/// characters when the word starts and ends in an ASCII letter or digit.
pub(crate) fn trim_non_alnum(word: &str) -> &str {
    let b = word.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_alphanumeric() && l.is_ascii_alphanumeric() => word,
        _ => word.trim_matches(|c: char| !is_alnum(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_the_standard_library_on_every_character() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(lowercases_to_itself(c), lowercases_to_itself_by_table(c), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn uncased_blocks_are_what_looking_each_character_up_finds() {
        for &(lo, hi) in &UNCASED_LETTERS {
            let mut first = lo.next_multiple_of(64);
            while first + 63 <= hi {
                assert_eq!(look_up(first), (u64::MAX, u64::MAX, u64::MAX), "U+{first:04X}");
                first += 64;
            }
        }
    }

    #[test]
    fn trim_non_alnum_is_trim_matches() {
        for w in ["", "a", "(a)", "«Été»", "x.", ".x", "1,2", "é", "…", "a…b", "\u{301}a"] {
            assert_eq!(trim_non_alnum(w), w.trim_matches(|c: char| !c.is_alphanumeric()), "{w:?}");
        }
    }

    #[test]
    fn threads_filling_the_same_chunks_agree() {
        let threads: Vec<_> = (0..4)
            .map(|t| {
                std::thread::spawn(move || {
                    (0x400u32..0x3000)
                        .rev()
                        .skip(t)
                        .filter_map(char::from_u32)
                        .all(|c| is_alpha(c) == c.is_alphabetic() && is_alnum(c) == c.is_alphanumeric())
                })
            })
            .collect();
        assert!(threads.into_iter().all(|t| t.join().unwrap()));
    }
}
