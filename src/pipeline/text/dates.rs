//! Dates: the article's publication date from metadata, its byline or its
//! URL, and dates written in the text ("June 3, 2025", "3 juin 2025",
//! "12.03.2025, 14:30 Uhr", "28 jul 2025", "12 de marzo de 2025",
//! "2025-06-03") resolved to ISO 8601. Dates without a year, weekdays and
//! relative dates ("yesterday") are not resolvable without a clock and are
//! left out. Pure.

use super::letters::is_alpha;

use super::lexicon::{lowercase, Lexicon};

/// A date found in text: byte range and ISO form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub iso: String,
}

/// Metadata dates as ISO 8601: RFC 3339 kept as written (a space before the
/// time becomes `T`), plain dates checked; anything else as declared.
pub(crate) fn normalize_declared(value: &str) -> String {
    let v = value.trim();
    if let Some(found) = find_dates(v).into_iter().find(|d| d.start == 0) {
        let rest = &v[found.end..];
        if rest.is_empty() {
            return found.iso;
        }
        // "2025-06-03 09:30:00+02:00" → "2025-06-03T09:30:00+02:00". Split only
        // after checking the ISO shape: metadata is arbitrary text, and
        // "2025-09-1\u{fffd}…" once panicked on a fixed byte index here.
        let iso_shape = |b: &[u8]| {
            b.len() >= 10
                && b[..10]
                    .iter()
                    .enumerate()
                    .all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
        };
        if iso_shape(v.as_bytes()) {
            let (date, time) = v.split_at(10);
            let time = time.trim_start_matches([' ', 'T']);
            if time.starts_with(|c: char| c.is_ascii_digit()) {
                return format!("{date}T{time}");
            }
        }
    }
    v.to_string()
}

/// `/2025/06/03/`, `/2025-06-03-slug`, `/20250603/` in a URL path.
pub(crate) fn date_from_url(url: &str) -> Option<String> {
    let path = url::Url::parse(url).ok()?.path().to_string();
    // Digit runs with their byte ranges.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, c) in path.char_indices() {
        match runs.last_mut() {
            Some(r) if c.is_ascii_digit() && r.1 == i => r.1 = i + 1,
            _ if c.is_ascii_digit() => runs.push((i, i + 1)),
            _ => {}
        }
    }
    let num = |r: &(usize, usize)| &path[r.0..r.1];
    for w in runs.windows(3) {
        // One separator, the same twice: "/2019-4/artikel/…-4-2019" spells no day.
        let (sep1, sep2) = (&path[w[0].1..w[1].0], &path[w[1].1..w[2].0]);
        let joined = sep1 == sep2 && matches!(sep1, "/" | "-" | "_");
        if joined && num(&w[0]).len() == 4 && num(&w[1]).len() <= 2 && num(&w[2]).len() <= 2 {
            if let Some(iso) = ymd(num(&w[0]), num(&w[1]), num(&w[2])) {
                return Some(iso);
            }
        }
    }
    runs.iter().map(num).find(|n| n.len() == 8).and_then(|n| ymd(&n[..4], &n[4..6], &n[6..]))
}

fn ymd(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    // The calendar is chrono's.
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .filter(|_| (1900..=2100).contains(&y))
        .map(|_| format!("{y:04}-{m:02}-{d:02}"))
}

/// The CJK writing "2015年3月5日" (Chinese, Japanese) and Korean "2020년 3월
/// 4일": the index of the token holding the day's mark and the byte where
/// the mark ends. Ideographs run on into the next word ("5日に"), so a
/// token need only open with the mark.
fn cjk_date(text: &str, toks: &[(usize, usize)], i: usize) -> Option<(usize, usize, String)> {
    const MARKS: [[char; 3]; 2] = [['年', '月', '日'], ['년', '월', '일']];
    let tok = |k: usize| toks.get(k).map(|&(s, e)| &text[s..e]);
    let gap = |k: usize| match (toks.get(k), toks.get(k + 1)) {
        (Some(&(_, e)), Some(&(s, _))) => text[e..s].trim().is_empty(),
        _ => false,
    };
    let digits =
        |k: usize, max: usize| tok(k).filter(|t| (1..=max).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()));
    let (y, m, d) = (digits(i, 4).filter(|t| t.len() == 4)?, digits(i + 2, 2)?, digits(i + 4, 2)?);
    let marks = MARKS.iter().find(|[year, ..]| tok(i + 1).is_some_and(|t| t.starts_with(*year)))?;
    // Each mark is a token of its own but the day's, with only spaces around.
    let own = |k: usize, c: char| tok(k).is_some_and(|t| t.chars().eq([c]));
    let day_mark = tok(i + 5).is_some_and(|t| t.starts_with(marks[2]));
    if !(own(i + 1, marks[0]) && own(i + 3, marks[1]) && day_mark && (i..i + 5).all(gap)) {
        return None;
    }
    ymd(y, m, d).map(|iso| (i + 5, toks[i + 5].0 + marks[2].len_utf8(), iso))
}

/// Runs of letters or digits with their byte ranges.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut start: Option<(usize, bool)> = None;
    let bytes = text.as_bytes();
    let mut next = 0;
    while next < bytes.len() {
        let i = next;
        // ASCII without decoding.
        let (digit, alpha) = match bytes[i] {
            b if b < 0x80 => {
                next += 1;
                (b.is_ascii_digit(), b.is_ascii_alphabetic())
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                next += c.len_utf8();
                (false, is_alpha(c))
            }
        };
        match start {
            Some((_, was_digit)) if (digit && was_digit) || (alpha && !was_digit) => {}
            Some((s, _)) => {
                out.push((s, i));
                start = (digit || alpha).then_some((i, digit));
            }
            None if digit || alpha => start = Some((i, digit)),
            None => {}
        }
    }
    if let Some((s, _)) = start {
        out.push((s, text.len()));
    }
    out
}

/// Every resolvable date in `text`, in order.
pub(crate) fn find_dates(text: &str) -> Vec<FoundDate> {
    // No form below spans a line break, and every one has ASCII digits in it:
    // only the lines with a digit are tokenised.
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.bytes().any(|b| b.is_ascii_digit()) {
            out.extend(dates_in_line(line).into_iter().map(|d| FoundDate {
                start: d.start + at,
                end: d.end + at,
                ..d
            }));
        }
        at += line.len();
    }
    out
}

/// The dates of one line. Long because it is one left-to-right scan trying
/// each written form at each token, and the forms share the cursor and the
/// look-behind; split, that state would travel through every call.
fn dates_in_line(text: &str) -> Vec<FoundDate> {
    let lexicon = Lexicon::get();
    let toks = tokens(text);
    let tok = |i: usize| toks.get(i).map(|&(s, e)| &text[s..e]);
    let gap = |i: usize| -> &str {
        match (toks.get(i), toks.get(i + 1)) {
            (Some(&(_, e)), Some(&(s, _))) => &text[e..s],
            _ => "\u{0}",
        }
    };
    let is_num = |t: Option<&str>, max: usize| {
        t.is_some_and(|t| !t.is_empty() && t.len() <= max && t.bytes().all(|b| b.is_ascii_digit()))
    };
    let month = |t: Option<&str>| t.and_then(|t| lexicon.months.get(lowercase(t).as_ref()).copied());
    let mut out = Vec::new();
    let mut i = 0;
    // Tokens are runs of ASCII digits or of letters; every form below has
    // digits in its first or second token.
    let digits_at = |k: usize| toks.get(k).is_some_and(|&(s, _)| text.as_bytes()[s].is_ascii_digit());
    while i < toks.len() {
        if !digits_at(i) && !digits_at(i + 1) {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, String)> = None; // (last token index, iso)
        let g0 = gap(i);
        // 2025-06-03
        if is_num(tok(i), 4)
            && tok(i).unwrap().len() == 4
            && g0 == "-"
            && is_num(tok(i + 1), 2)
            && gap(i + 1) == "-"
            && is_num(tok(i + 2), 2)
        {
            found = ymd(tok(i).unwrap(), tok(i + 1).unwrap(), tok(i + 2).unwrap()).map(|iso| (i + 2, iso));
        }
        // 2015年3月5日, 2020년 3월 4일
        let mut cjk_end = None;
        if found.is_none() {
            if let Some((last, end, iso)) = cjk_date(text, &toks, i) {
                found = Some((last, iso));
                cjk_end = Some(end);
            }
        }
        // 12.03.2025 / 12/03/2025 (day first; month first only when the day cannot be a month... kept day first)
        if found.is_none()
            && is_num(tok(i), 2)
            && (g0 == "." || g0 == "/")
            && is_num(tok(i + 1), 2)
            && gap(i + 1) == g0
            && is_num(tok(i + 2), 4)
            && tok(i + 2).unwrap().len() == 4
        {
            found = ymd(tok(i + 2).unwrap(), tok(i + 1).unwrap(), tok(i).unwrap()).map(|iso| (i + 2, iso));
        }
        // 3 juin 2025, 3. Juni 2025, 1er juin 2025, 12 de marzo de 2025, 28 jul 2025
        if found.is_none() && is_num(tok(i), 2) {
            let mut j = i + 1;
            let mut g = g0.to_string();
            if matches!(tok(j), Some("er" | "st" | "nd" | "rd" | "th")) && g.is_empty() {
                g = gap(j).to_string();
                j += 1;
            }
            if tok(j) == Some("de") && g.trim().is_empty() {
                g = gap(j).to_string();
                j += 1;
            }
            if matches!(g.as_str(), " " | ". " | "\u{a0}") {
                if let Some(m) = month(tok(j)) {
                    let mut k = j + 1;
                    let mut g2 = gap(j).trim_start_matches('.').to_string();
                    // "24 نيسان / أبريل 2020": Arabic may name the month twice, Levantine and Egyptian.
                    if g2.trim() == "/" && month(tok(k)) == Some(m) {
                        g2 = gap(k).to_string();
                        k += 1;
                    }
                    if tok(k) == Some("de") && g2.trim().is_empty() {
                        g2 = gap(k).to_string();
                        k += 1;
                    }
                    if matches!(g2.as_str(), " " | ", " | "\u{a0}") && is_num(tok(k), 4) && tok(k).unwrap().len() == 4 {
                        found = ymd(tok(k).unwrap(), &m.to_string(), tok(i).unwrap()).map(|iso| (k, iso));
                    }
                }
            }
        }
        // June 3, 2025 / Jun. 3rd 2025
        // (The month lookup last: it is the one test that costs.)
        if found.is_none() && matches!(g0.trim_start_matches('.'), " " | "\u{a0}") && is_num(tok(i + 1), 2) {
            if let Some(m) = month(tok(i)) {
                let mut k = i + 2;
                let mut g = gap(i + 1).to_string();
                if matches!(tok(k), Some("st" | "nd" | "rd" | "th")) && g.is_empty() {
                    g = gap(k).to_string();
                    k += 1;
                }
                if matches!(g.as_str(), ", " | " ") && is_num(tok(k), 4) && tok(k).unwrap().len() == 4 {
                    found = ymd(tok(k).unwrap(), &m.to_string(), tok(i + 1).unwrap()).map(|iso| (k, iso));
                }
            }
        }
        match found {
            Some((last, iso)) if cjk_end.is_some() => {
                out.push(FoundDate { start: toks[i].0, end: cjk_end.unwrap_or(toks[last].1), iso });
                i = last + 1;
            }
            Some((last, mut iso)) => {
                let mut end = toks[last].1;
                // ", 14:30 Uhr", " um 14:30", " à 14h30", " a las 14:30", "T14:30"
                if let Some((hour_idx, tail)) = time_after(text, &toks, last) {
                    iso.push_str(&tail);
                    end = toks[hour_idx].1;
                    if tok(hour_idx + 1) == Some("Uhr") && gap(hour_idx).trim().is_empty() {
                        end = toks[hour_idx + 1].1;
                    }
                }
                out.push(FoundDate { start: toks[i].0, end, iso });
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// A clock time right after a date: returns the index of the minutes token and "THH:MM".
fn time_after(text: &str, toks: &[(usize, usize)], last: usize) -> Option<(usize, String)> {
    let (h, m) = (toks.get(last + 1)?, toks.get(last + 2)?);
    let lead = text[toks[last].1..h.0].to_lowercase();
    let lead_ok = matches!(lead.trim(), "" | "," | "um" | "à" | "a las" | "at" | "t" | "-" | "|");
    let lead_ok = lead_ok && (lead.starts_with(' ') || lead.starts_with(',') || lead == "t");
    let sep = &text[h.1..m.0];
    let hour: u32 = text[h.0..h.1].parse().ok()?;
    let minute: u32 = text[m.0..m.1].parse().ok()?;
    let digits = |r: &(usize, usize)| text[r.0..r.1].bytes().all(|b| b.is_ascii_digit());
    (lead_ok && (sep == ":" || sep == "h") && digits(h) && digits(m) && m.1 - m.0 == 2 && hour < 24 && minute < 60)
        .then(|| (last + 2, format!("T{hour:02}:{minute:02}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_on_bytes_match_the_character_walk() {
        let by_chars = |text: &str| {
            let mut out = Vec::new();
            let mut start: Option<(usize, bool)> = None;
            for (i, c) in text.char_indices() {
                let (digit, alpha) = (c.is_ascii_digit(), c.is_alphabetic());
                match start {
                    Some((_, was_digit)) if (digit && was_digit) || (alpha && !was_digit) => {}
                    Some((s, _)) => {
                        out.push((s, i));
                        start = (digit || alpha).then_some((i, digit));
                    }
                    None if digit || alpha => start = Some((i, digit)),
                    None => {}
                }
            }
            if let Some((s, _)) = start {
                out.push((s, text.len()));
            }
            out
        };
        let mut texts = crate::pipeline::text::generated::Texts::over("a1 .-é年5日\u{663}\u{301}Z");
        for _ in 0..20_000 {
            let len = (texts.next() % 12) as usize;
            let text = texts.text(len);
            assert_eq!(tokens(&text), by_chars(&text), "{text:?}");
        }
    }

    fn isos(text: &str) -> Vec<(String, String)> {
        find_dates(text).into_iter().map(|d| (text[d.start..d.end].to_string(), d.iso)).collect()
    }

    #[test]
    fn dates_in_four_languages_resolve_to_iso() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(isos("Published June 3, 2025 at noon"), vec![pair("June 3, 2025", "2025-06-03")]);
        assert_eq!(
            isos("le 3 juin 2025, puis le 1er juillet 2025"),
            vec![pair("3 juin 2025", "2025-06-03"), pair("1er juillet 2025", "2025-07-01")]
        );
        assert_eq!(isos("Stand: 12.03.2025, 14:30 Uhr"), vec![pair("12.03.2025, 14:30 Uhr", "2025-03-12T14:30")]);
        assert_eq!(isos("am 3. Juni 2025"), vec![pair("3. Juni 2025", "2025-06-03")]);
        assert_eq!(isos("Madrid, 28 jul 2025"), vec![pair("28 jul 2025", "2025-07-28")]);
        assert_eq!(isos("el 12 de marzo de 2025"), vec![pair("12 de marzo de 2025", "2025-03-12")]);
        assert_eq!(isos("on 2025-02-30 and 1.200 people"), vec![]);
        assert_eq!(isos("le trois juin deux mille vingt-cinq"), vec![]);
    }

    #[test]
    fn long_dates_in_more_languages_and_cjk_marks() {
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(isos("pubblicato il 19 Aprile 2020"), vec![pair("19 Aprile 2020", "2020-04-19")]);
        assert_eq!(isos("em 5 de março de 2015"), vec![pair("5 de março de 2015", "2015-03-05")]);
        assert_eq!(isos("op 4 Mei 2020"), vec![pair("4 Mei 2020", "2020-05-04")]);
        assert_eq!(isos("Acum: 20 septembrie 2020"), vec![pair("20 septembrie 2020", "2020-09-20")]);
        assert_eq!(isos("13 января 2020 г."), vec![pair("13 января 2020", "2020-01-13")]);
        assert_eq!(isos("19 Αυγούστου 2020"), vec![pair("19 Αυγούστου 2020", "2020-08-19")]);
        assert_eq!(isos("发布于2015年3月5日下午"), vec![pair("2015年3月5日", "2015-03-05")]);
        assert_eq!(isos("2020年07月03日 10:00"), vec![pair("2020年07月03日", "2020-07-03")]);
        assert_eq!(isos("입력 2020년 3월 4일 오후"), vec![pair("2020년 3월 4일", "2020-03-04")]);
        assert_eq!(isos("2015年13月5日"), vec![], "no 13th month");
        assert_eq!(isos("2015年3月"), vec![], "no day");
        assert_eq!(isos("الأربعاء، 07 أكتوبر 2020 - 12:09 م"), vec![pair("07 أكتوبر 2020 - 12:09", "2020-10-07T12:09")]);
        assert_eq!(isos("تم نشره الجمعة 24 نيسان / أبريل 2020"), vec![pair("24 نيسان / أبريل 2020", "2020-04-24")]);
        assert_eq!(isos("17 مارس/ آذار 2020"), vec![pair("17 مارس/ آذار 2020", "2020-03-17")]);
        assert_eq!(isos("24 نيسان / مايو 2020"), vec![], "two different months");
    }

    #[test]
    fn url_and_declared_dates() {
        assert_eq!(date_from_url("https://x.example/news/2025/06/03/sea-wall").as_deref(), Some("2025-06-03"));
        assert_eq!(date_from_url("https://x.example/a/20250312/b").as_deref(), Some("2025-03-12"));
        assert_eq!(date_from_url("https://x.example/a/b"), None);
        assert_eq!(date_from_url("https://x.example/ausgaben/2019-4/artikel/ausgabe-4-2019.html"), None, "an issue");
        assert_eq!(date_from_url("https://x.example/archiv/2015_08_25_bericht").as_deref(), Some("2015-08-25"));
        assert_eq!(normalize_declared("2025-06-03T09:30:00Z"), "2025-06-03T09:30:00Z");
        assert_eq!(normalize_declared("2025-06-03 09:30:00+02:00"), "2025-06-03T09:30:00+02:00");
        assert_eq!(normalize_declared("2025-06-03"), "2025-06-03");
        // Found by `cargo fuzz run pipeline`: a short day followed by a multi-byte char.
        assert_eq!(normalize_declared("2025-09-1\u{fffd}\u{fffd}5T08:00:00"), "2025-09-1\u{fffd}\u{fffd}5T08:00:00");
    }
}
