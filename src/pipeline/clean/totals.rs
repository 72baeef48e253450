//! Subtree totals: what the DOM index adds up under every node, bottom-up,
//! so no later reading has to walk a subtree's text again.
//!
//! `Totals` are Readability's measures (normalised text length, linked text,
//! commas, tag counts); `DensityTotals` the density and run readings'
//! (non-space characters, chrome and comment threads apart). Counting only:
//! nothing here decides what is content.

/// Readability's subtree totals. Lengths are characters with whitespace runs
/// counted once, like Readability's normalised `innerText`.
#[derive(Clone, Copy, Default)]
pub(crate) struct Totals {
    /// Characters, whitespace runs counted once, leading run dropped,
    /// trailing run kept (see `text`).
    pub chars: u32,
    /// The subtree has text; it starts / ends with whitespace.
    pub has_text: bool,
    pub starts_ws: bool,
    pub ends_ws: bool,
    /// Text inside links, in-page (`#`) links weighted 0.3 as Readability does.
    pub link: f32,
    pub commas: u32,
    /// Non-whitespace characters of text nodes (a text node's own; not summed).
    pub non_space: u32,
    pub p: u32,
    pub img: u32,
    pub li: u32,
    pub input: u32,
    pub embed: u32,
    pub heading_text: u32,
    pub list_text: u32,
    pub data_table: bool,
}

impl Totals {
    /// Readability's normalised, trimmed `innerText` length.
    pub fn text(&self) -> u32 {
        self.chars - u32::from(self.ends_ws && self.chars > 0)
    }

    /// Adds `o`, the subtree just before the ones already added (the
    /// bottom-up pass meets siblings last to first): a whitespace run across
    /// the boundary counts once, as in one normalised string.
    pub(crate) fn prepend(&mut self, o: &Totals) {
        if o.has_text {
            if self.has_text {
                self.chars = o.chars + self.chars + u32::from(self.starts_ws && !o.ends_ws);
            } else {
                self.chars = o.chars;
                self.ends_ws = o.ends_ws;
            }
            self.starts_ws = o.starts_ws;
            self.has_text = true;
        }
        self.link += o.link;
        self.commas += o.commas;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.embed += o.embed;
        self.heading_text += o.heading_text;
        self.list_text += o.list_text;
        self.data_table |= o.data_table;
    }

    /// Adds the text of `t`, the text node after the ones already added (a
    /// walk in document order): a whitespace run across nodes counts once.
    pub(crate) fn append_text(&mut self, t: &Totals) {
        if self.has_text {
            self.chars += t.chars + u32::from(t.starts_ws && !self.ends_ws);
        } else {
            *self = *t;
        }
        self.ends_ws = t.ends_ws;
    }

    pub(crate) fn link_density(&self) -> f32 {
        if self.text() == 0 {
            0.0
        } else {
            self.link / self.text() as f32
        }
    }
}

/// Subtree counts for the density and run readings (`density`, `repeated`),
/// which see hidden and unlikely text alike: one per entry, not one per attempt.
#[derive(Clone, Copy, Default)]
pub(crate) struct DensityTotals {
    /// Non-whitespace characters outside page chrome, links included: what
    /// `repeated` sizes runs by.
    pub run_chars: u32,
    /// Non-whitespace characters outside links and page chrome: the prose the
    /// density root is judged by.
    pub prose: u32,
    /// `run_chars` and `prose` of comment threads and forms (outside other
    /// chrome): they join those two when these hold the page's text.
    pub thread_run_chars: u32,
    pub thread_prose: u32,
    /// Unlinked non-space characters inside elements that are chrome by
    /// class/id/role words alone (no `<nav>`, `<footer>` … above them).
    pub chrome_prose: u32,
}

impl DensityTotals {
    pub(crate) fn add(&mut self, o: &DensityTotals) {
        self.run_chars += o.run_chars;
        self.prose += o.prose;
        self.thread_run_chars += o.thread_run_chars;
        self.thread_prose += o.thread_prose;
        self.chrome_prose += o.chrome_prose;
    }
}

/// Lead bytes of the non-ASCII characters `text_totals` must look at: white
/// space (`may_start_white`) and the commas of `is_non_ascii_comma` (`D8`,
/// `E2`, `EF`).
fn decoded_lead(b: u8) -> bool {
    super::may_start_white(b) || matches!(b, 0xd8 | 0xe2 | 0xef)
}

/// Commas of other scripts (Arabic, full-width, small and vertical forms).
fn is_non_ascii_comma(c: char) -> bool {
    matches!(c, '\u{060C}' | '\u{FE50}' | '\u{FE10}' | '\u{FE11}' | '\u{2E41}' | '\u{2E34}' | '\u{2E32}' | '\u{FF0C}')
}

/// Below this many bytes `text_totals` counts in one scalar pass.
const SHORT_TEXT: usize = 32;

/// A text node's own totals.
pub(crate) fn text_totals(s: &str) -> Totals {
    let (mut chars, mut commas, mut in_space) = (0u32, 0u32, true);
    let mut non_space = 0u32;
    // Short texts (most text nodes are the white space between tags) take the
    // byte loop below: the vectorised passes cost more to set up than they save.
    if let Some((&first, rest)) = s.as_bytes().split_first().filter(|_| s.len() >= SHORT_TEXT && s.is_ascii()) {
        // Fast path, same counts: most page text is ASCII. Each count is its
        // own pass without a carried state, so the compiler vectorises them:
        // a white byte adds a character unless one is before it (or it opens
        // the text).
        let bytes = s.as_bytes();
        let ws = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
        let repeated: u32 = rest.iter().zip(bytes).map(|(&b, &prev)| u32::from(ws(b) & ws(prev))).sum();
        let white: u32 = bytes.iter().map(|&b| u32::from(ws(b))).sum();
        chars = bytes.len() as u32 - repeated - u32::from(ws(first));
        non_space = bytes.len() as u32 - white;
        commas = bytes.iter().map(|&b| u32::from(b == b',')).sum();
    } else {
        // ASCII bytes take the fast path's tests (the same answers as `char`'s);
        // only characters that may be white space or a comma are decoded
        // (`decoded_lead`). Other characters are stepped over by their lead byte.
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (ws, comma) = if b.is_ascii() {
                i += 1;
                (b.is_ascii_whitespace() || b == 0x0b, b == b',')
            } else if !decoded_lead(b) {
                // A lead byte (the text is valid UTF-8): its character's length.
                i += if b >= 0xf0 {
                    4
                } else if b >= 0xe0 {
                    3
                } else {
                    2
                };
                (false, false)
            } else {
                let c = s[i..].chars().next().unwrap_or_default();
                i += c.len_utf8();
                (c.is_whitespace(), is_non_ascii_comma(c))
            };
            chars += u32::from(!(ws && in_space));
            non_space += u32::from(!ws);
            in_space = ws;
            commas += u32::from(comma);
        }
    }
    Totals {
        chars,
        commas,
        non_space,
        has_text: !s.is_empty(),
        starts_ws: s.starts_with(char::is_whitespace),
        ends_ws: s.ends_with(char::is_whitespace),
        ..Totals::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode_counts_agree() {
        let ascii = text_totals("  a, b \n c ");
        let unicode = text_totals("  a, b \n c \u{a0}");
        assert_eq!((ascii.chars, ascii.commas, ascii.non_space), (7, 1, 4));
        assert_eq!((unicode.chars, unicode.commas, unicode.non_space), (7, 1, 4));
        assert_eq!(ascii.text(), 6, "the trailing run is not text");
    }

    /// The counts the fast path replaced: one byte at a time, one state.
    fn ascii_counts_by_byte(s: &str) -> (u32, u32, u32) {
        let (mut chars, mut commas, mut non_space, mut in_space) = (0u32, 0u32, 0u32, true);
        for &b in s.as_bytes() {
            let ws = b.is_ascii_whitespace() || b == 0x0b;
            chars += u32::from(!(ws && in_space));
            non_space += u32::from(!ws);
            in_space = ws;
            commas += u32::from(b == b',');
        }
        (chars, commas, non_space)
    }

    #[test]
    fn ascii_fast_path_counts_as_the_byte_loop() {
        let alphabet = [" ", "\t", "\n", "\x0b", "\x0c", "\r", ",", "a", "\x08", "\x1c", "Z"];
        // Every text of up to four symbols, and a few long ones.
        let (mut texts, mut level) = (vec![String::new()], vec![String::new()]);
        for _ in 0..4 {
            level = level.iter().flat_map(|t| alphabet.iter().map(move |a| format!("{t}{a}"))).collect();
            texts.extend(level.iter().cloned());
        }
        texts.push(" a,  b\n\n c ,, d\t".repeat(40));
        texts.push("x".repeat(100) + "  " + &",".repeat(33));
        // Either side of the short-text bar.
        texts.extend((SHORT_TEXT - 4..SHORT_TEXT + 4).map(|n| " a,\n\x0b\tZ  ".chars().cycle().take(n).collect()));
        for t in &texts {
            let got = text_totals(t);
            assert_eq!((got.chars, got.commas, got.non_space), ascii_counts_by_byte(t), "{t:?}");
        }
    }

    #[test]
    fn only_white_space_and_commas_need_their_lead_byte_decoded() {
        for c in (0x80..=0x10ffffu32).filter_map(char::from_u32).filter(|&c| c.is_whitespace() || is_non_ascii_comma(c))
        {
            let mut buf = [0; 4];
            assert!(decoded_lead(c.encode_utf8(&mut buf).as_bytes()[0]), "U+{:04X}", c as u32);
        }
        // The counts of a walk decoding every character.
        let by_char = |s: &str| {
            let (mut chars, mut commas, mut non_space, mut in_space) = (0u32, 0u32, 0u32, true);
            for c in s.chars() {
                let ws = c.is_whitespace();
                chars += u32::from(!(ws && in_space));
                non_space += u32::from(!ws);
                in_space = ws;
                commas += u32::from(c == ',' || is_non_ascii_comma(c));
            }
            (chars, commas, non_space)
        };
        let mut texts = crate::pipeline::text::generated::Texts::over(
            "a ,\t\u{a0}\u{85}\u{3000}\u{2003}\u{60c}\u{ff0c}\u{2e41}é日ж\u{1680}\u{fe10}\u{10348}",
        );
        for _ in 0..20_000 {
            let len = (texts.next() % 9) as usize;
            let t = texts.text(len);
            let got = text_totals(&t);
            assert_eq!((got.chars, got.commas, got.non_space), by_char(&t), "{t:?}");
        }
    }

    #[test]
    fn whitespace_runs_across_siblings_count_once_either_way() {
        let (a, b) = (text_totals("foo "), text_totals(" bar"));
        let mut backwards = b;
        backwards.prepend(&a);
        let mut forwards = Totals::default();
        forwards.append_text(&a);
        forwards.append_text(&b);
        assert_eq!(backwards.text(), "foo bar".len() as u32);
        assert_eq!(forwards.text(), "foo bar".len() as u32);
    }
}
