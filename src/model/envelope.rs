//! A fast reader for the common envelope: `serde_json` unescapes a string
//! through a scratch buffer one escape at a time, and a page's HTML escapes
//! a quote every few bytes. This reads what serde would accept the same way,
//! eight bytes at a time; anything else (an error, a duplicate field, a lone
//! surrogate, a number that is not a plain `u16`) returns `None` and the
//! caller asks serde, so results and error messages stay serde's.

use std::collections::BTreeMap;

use super::Envelope;

/// Nesting serde_json allows before refusing (its recursion limit is 128).
const MAX_DEPTH: usize = 100;

/// The envelope `value` holds, when it is plain enough to read here.
pub(super) fn parse(value: &[u8]) -> Option<Envelope> {
    let mut r = Reader { b: value, i: 0 };
    let mut env = Envelope {
        url: None,
        fetched_at: None,
        status: None,
        content_type: None,
        headers: BTreeMap::new(),
        body: None,
        body_base64: None,
        charset: None,
    };
    // Which fields were present: serde refuses a duplicate.
    let mut seen = 0u8;
    r.skip_ws();
    r.eat(b'{')?;
    r.skip_ws();
    if r.peek()? == b'}' {
        r.i += 1;
    } else {
        loop {
            let key = r.key()?;
            r.skip_ws();
            r.eat(b':')?;
            r.skip_ws();
            let field = match key {
                b"url" => 0,
                b"fetched_at" => 1,
                b"status" => 2,
                b"content_type" => 3,
                b"headers" => 4,
                b"body" => 5,
                b"body_base64" => 6,
                b"charset" => 7,
                _ => 8,
            };
            if field < 8 {
                if seen & 1 << field != 0 {
                    return None;
                }
                seen |= 1 << field;
            }
            match field {
                0 => env.url = r.opt_string(false)?,
                1 => env.fetched_at = r.opt_string(false)?,
                2 => env.status = r.opt_u16()?,
                3 => env.content_type = r.opt_string(false)?,
                4 => env.headers = r.string_map()?,
                5 => env.body = r.opt_string(true)?,
                6 => env.body_base64 = r.opt_string(true)?,
                7 => env.charset = r.opt_string(false)?,
                _ => r.skip_value(0)?,
            }
            r.skip_ws();
            match r.peek()? {
                b',' => {
                    r.i += 1;
                    r.skip_ws();
                }
                b'}' => {
                    r.i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    r.skip_ws();
    (r.i == value.len()).then_some(env)
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` that is a quote, a backslash or a
/// control character; exact for the lowest such byte (higher flags may be
/// borrows, which is why only the lowest one is ever used).
fn specials(w: u64) -> u64 {
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    ((quote.wrapping_sub(ONES) & !quote)
        | (backslash.wrapping_sub(ONES) & !backslash)
        | (w.wrapping_sub(ONES * 0x20) & !w))
        & HIGHS
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// JSON whitespace, as serde_json skips it.
    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.b[self.i..].starts_with(word).then(|| self.i += word.len())
    }

    /// An object key: valid UTF-8 without escapes (serde compares the unescaped key).
    fn key(&mut self) -> Option<&'a [u8]> {
        self.eat(b'"')?;
        let start = self.i;
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' | 0..=0x1f => return None,
                _ => self.i += 1,
            }
        }
        let b: &'a [u8] = self.b;
        let key = &b[start..self.i];
        self.i += 1;
        std::str::from_utf8(key).ok().map(str::as_bytes)
    }

    /// `null` or a string. `long`: the string is most of the record (the
    /// body), so room for the rest of it is taken at once.
    fn opt_string(&mut self, long: bool) -> Option<Option<String>> {
        if self.peek()? == b'n' {
            self.literal(b"null")?;
            return Some(None);
        }
        let room = if long { self.b.len() - self.i + 16 } else { 0 };
        self.string(Vec::with_capacity(room)).map(Some)
    }

    /// A string (the reader at its opening quote), unescaped into `out`.
    fn string(&mut self, mut out: Vec<u8>) -> Option<String> {
        self.eat(b'"')?;
        let b = self.b;
        let mut i = self.i;
        loop {
            // Sixteen bytes are copied whole and the copy cut back at the
            // first special byte: no copy call per run between escapes.
            let mut found = false;
            while let Some(chunk) = b.get(i..i + 16) {
                let chunk: &[u8; 16] = chunk.try_into().expect("16 bytes");
                let at = out.len();
                out.extend_from_slice(chunk);
                let (lo, hi) = chunk.split_at(8);
                let lo = specials(u64::from_le_bytes(lo.try_into().expect("8 bytes")));
                let hi = specials(u64::from_le_bytes(hi.try_into().expect("8 bytes")));
                if lo | hi == 0 {
                    i += 16;
                    continue;
                }
                let k = if lo != 0 { lo.trailing_zeros() / 8 } else { 8 + hi.trailing_zeros() / 8 } as usize;
                out.truncate(at + k);
                i += k;
                found = true;
                break;
            }
            while let Some(&c) = b.get(i).filter(|_| !found) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                out.push(c);
                i += 1;
            }
            match *b.get(i)? {
                b'"' => {
                    self.i = i + 1;
                    return String::from_utf8(out).ok();
                }
                b'\\' => i = escape(b, i, &mut out)?,
                _ => return None,
            }
        }
    }

    /// `null` or a plain integer that fits a `u16` ("200"; not "200.0", "2e2" or "0200").
    fn opt_u16(&mut self) -> Option<Option<u16>> {
        if self.peek()? == b'n' {
            self.literal(b"null")?;
            return Some(None);
        }
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let digits = &self.b[start..self.i];
        if digits.is_empty() || digits.len() > 5 || (digits[0] == b'0' && digits.len() > 1) {
            return None;
        }
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        let n = digits.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
        u16::try_from(n).ok().map(Some)
    }

    /// An object of strings (`headers`); a repeated key keeps its last value, as serde's map does.
    fn string_map(&mut self) -> Option<BTreeMap<String, String>> {
        let mut map = BTreeMap::new();
        self.eat(b'{')?;
        self.skip_ws();
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(map);
        }
        loop {
            let key = self.string(Vec::new())?;
            self.skip_ws();
            self.eat(b':')?;
            self.skip_ws();
            let value = self.string(Vec::new())?;
            map.insert(key, value);
            self.skip_ws();
            match self.peek()? {
                b',' => {
                    self.i += 1;
                    self.skip_ws();
                }
                b'}' => {
                    self.i += 1;
                    return Some(map);
                }
                _ => return None,
            }
        }
    }

    /// Any JSON value of a field the envelope does not know, checked and dropped.
    fn skip_value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' => self.string(Vec::new()).map(drop),
            b'n' => self.literal(b"null"),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'-' | b'0'..=b'9' => self.number(),
            open @ (b'[' | b'{') => {
                let close = if open == b'[' { b']' } else { b'}' };
                self.i += 1;
                self.skip_ws();
                if self.peek()? == close {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    if open == b'{' {
                        self.string(Vec::new())?;
                        self.skip_ws();
                        self.eat(b':')?;
                        self.skip_ws();
                    }
                    self.skip_value(depth + 1)?;
                    self.skip_ws();
                    match self.peek()? {
                        b',' => {
                            self.i += 1;
                            self.skip_ws();
                        }
                        c if c == close => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    /// A JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Option<()> {
        let digits = |r: &mut Self| {
            let start = r.i;
            while r.peek().is_some_and(|c| c.is_ascii_digit()) {
                r.i += 1;
            }
            (r.i > start).then_some(r.i - start)
        };
        if self.peek()? == b'-' {
            self.i += 1;
        }
        let lead = self.peek()?;
        let n = digits(self)?;
        if lead == b'0' && n > 1 {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            digits(self)?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            digits(self)?;
        }
        Some(())
    }
}

/// The escape at `b[i]` (a backslash) appended to `out`; the index after it.
fn escape(b: &[u8], i: usize, out: &mut Vec<u8>) -> Option<usize> {
    let byte = match *b.get(i + 1)? {
        b'"' => b'"',
        b'\\' => b'\\',
        b'/' => b'/',
        b'b' => 8,
        b'f' => 12,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'u' => {
            let unit = hex4(b, i + 2)?;
            let (code, next) = match unit {
                0xD800..=0xDBFF => {
                    // Only a full surrogate pair; serde refuses a lone half.
                    if b.get(i + 6..i + 8)? != b"\\u" {
                        return None;
                    }
                    let low = hex4(b, i + 8)?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return None;
                    }
                    (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), i + 12)
                }
                0xDC00..=0xDFFF => return None,
                _ => (unit, i + 6),
            };
            let c = char::from_u32(code)?;
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            return Some(next);
        }
        _ => return None,
    };
    out.push(byte);
    Some(i + 2)
}

/// Four hex digits at `b[i..]`.
fn hex4(b: &[u8], i: usize) -> Option<u32> {
    let mut n = 0;
    for &d in b.get(i..i + 4)? {
        let v = match d {
            b'0'..=b'9' => d - b'0',
            b'a'..=b'f' => d - b'a' + 10,
            b'A'..=b'F' => d - b'A' + 10,
            _ => return None,
        };
        n = n << 4 | u32::from(v);
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde(value: &[u8]) -> Option<Envelope> {
        serde_json::from_slice(value).ok()
    }

    /// Whatever the fast reader accepts, serde reads the same way.
    fn agrees(value: &[u8]) {
        if let Some(fast) = parse(value) {
            assert_eq!(Some(fast), serde(value), "{:?}", String::from_utf8_lossy(value));
        }
    }

    #[test]
    fn reads_plain_envelopes_as_serde_does() {
        let cases: &[&str] = &[
            r#"{"url": "https://a.example/x", "content_type": "text/html", "body": "<p class=\"x\">Caf\u00e9 \ud83d\ude00 a\/b\n\t\r\b\f\\</p>"}"#,
            r#"{"url":"https://a.example/x","body_base64":"aGk=","status":200,"fetched_at":null,"charset":"utf-8"}"#,
            r#" { "url" : "https://a.example/x" , "headers" : { "Content-Type" : "text/plain", "X-A": "1", "X-A": "2" } , "body" : "" } "#,
            r#"{"url": "https://a.example/x", "body": "x", "crawl": {"depth": [1, -2.5e+3, 0, true, false, null, "\"s\"", {}]}, "n": -0}"#,
            r#"{"body": "Köln – 東京 “ok”", "url": "https://a.example/x", "status": 0}"#,
            r#"{}"#,
        ];
        for case in cases {
            assert!(parse(case.as_bytes()).is_some(), "{case}");
            agrees(case.as_bytes());
        }
    }

    #[test]
    fn leaves_to_serde_what_serde_refuses_or_reads_differently() {
        let cases: &[&[u8]] = &[
            br#"{"url": "a", "url": "b"}"#,
            br#"{"url": "a\ud800"}"#,
            br#"{"url": "a\udc00\ud800"}"#,
            br#"{"url": "a\x"}"#,
            b"{\"url\": \"a\x01b\"}",
            b"{\"url\": \"a\xffb\"}",
            br#"{"status": 200.0}"#,
            br#"{"status": 2e2}"#,
            br#"{"status": 0200}"#,
            br#"{"status": 65536}"#,
            br#"{"status": -1}"#,
            br#"{"status": "200"}"#,
            br#"{"headers": null}"#,
            br#"{"headers": {"a": 1}}"#,
            br#"{"url": "a"} x"#,
            br#"{"url": "a",}"#,
            br#"{"x": 01}"#,
            br#"{"x": 1.}"#,
            br#"{"x": [1,]}"#,
            br#"{"u\u0072l": "a"}"#,
            br#"["a"]"#,
            b"\xef\xbb\xbf{}",
            br#"{"url": "a""#,
            br#"{"url": "abcdefghijklmnop"#,
        ];
        for case in cases {
            assert!(parse(case).is_none(), "{:?}", String::from_utf8_lossy(case));
        }
    }

    #[test]
    fn agrees_with_serde_on_generated_envelopes() {
        let mut texts = crate::pipeline::text::generated::Texts::over("ab \"\\/nrtbfu0dD8cC9é\u{1}{}[],:-.e1");
        for _ in 0..20_000 {
            let len = (texts.next() % 24) as usize;
            let field = texts.text(len);
            let n = texts.next() % 4;
            let value = match n {
                0 => format!(r#"{{"url": "{field}", "body": "x"}}"#),
                1 => format!(r#"{{"body": "{field}"}}"#),
                2 => format!(r#"{{"extra": {field}, "status": 1}}"#),
                _ => format!(r#"{{"headers": {{"{field}": "v"}}}}"#),
            };
            agrees(value.as_bytes());
        }
    }
}
