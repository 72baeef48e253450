//! Date values from markup and short page texts, in the spirit of htmldate:
//! ISO 8601 / RFC 3339 (with or without a time and offset), RFC 2822,
//! `YYYYMMDD`, numeric `D.M.Y`, `D-M-Y`, `D/M/Y` or `M/D/Y` with an optional
//! `HH:MM`, and long dates in the lexicon's languages ("5. Oktober 2013",
//! "January 22, 2014", "12 de marzo de 2025"). The result is ISO 8601 in the
//! zone the page declared (a local midnight is never shifted to UTC); a
//! value that does not parse gives None, never the string as written.
//! Parsing and calendar checks are chrono's. Pure.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::pipeline::text::dates::find_dates;

/// Earliest plausible publication year (htmldate's bound: the web's early years).
const MIN_YEAR: i32 = 1995;
/// Latest plausible publication year (no clock here: a generous bound).
const MAX_YEAR: i32 = 2099;

fn plausible(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (MIN_YEAR..=MAX_YEAR).contains(&d.year())
}

/// A whole metadata value as an ISO date or date-time. `month_first`: the
/// page's convention for ambiguous `a/b/YYYY` (American English).
pub(crate) fn parse_value(value: &str, month_first: bool) -> Option<String> {
    let v = value.trim().trim_end_matches(['.', ',']);
    if v.is_empty() || v.len() > 80 {
        return None;
    }
    // RFC 3339 and ISO shapes chrono reads with an offset: kept in that offset.
    // RFC 3339 is kept as written (the separator made `T`).
    if let Ok(dt) = DateTime::parse_from_rfc3339(v) {
        return plausible(dt.date_naive()).then(|| format!("{}T{}", &v[..10], &v[11..]));
    }
    // "2020-12-05T23:15:0Z": a `Z` RFC 3339 refuses for an unpadded field.
    let utc = v.strip_suffix(['Z', 'z']).map(|t| format!("{t}+00:00"));
    let offset = utc.as_deref().unwrap_or(v);
    for f in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M:%S %z"] {
        if let Ok(dt) = DateTime::parse_from_str(offset, f) {
            return plausible(dt.date_naive()).then(|| dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(v) {
        return plausible(dt.date_naive()).then(|| dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    // Without an offset: local time as written.
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(v, f) {
            return plausible(dt.date()).then(|| dt.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y %b %d", "%Y %B %d"] {
        if let Ok(d) = NaiveDate::parse_from_str(v, f) {
            return plausible(d).then(|| d.format("%Y-%m-%d").to_string());
        }
    }
    // An ISO date opening a longer value ("2015-08-25T10:00:00.000+0200 CEST", "2015-08-25 | News").
    if v.len() > 10 && v.is_char_boundary(10) {
        if let Ok(d) = NaiveDate::parse_from_str(&v[..10], "%Y-%m-%d") {
            if !v.as_bytes()[10].is_ascii_digit() {
                return plausible(d).then(|| d.format("%Y-%m-%d").to_string());
            }
        }
    }
    date_in_text(v, month_first)
}

/// A complete date in a URL's path: `/2025/06/03/`, `/2025/6/3/slug`,
/// `/2025-06-03-slug`, `/news_2025_06_03.html`. Year, month and day must all
/// be there (a `/2019-4/` issue number or a lone year is no date).
pub fn date_in_url(url: &str) -> Option<String> {
    date_in_path(url, b"/-_")
}

/// A date written as folders, `/2020/10/26/`, in a URL: how sites file
/// uploaded images by day (a date in a file's name is the picture's).
pub(crate) fn date_folders_in_url(url: &str) -> Option<String> {
    date_in_path(url, b"/")
}

fn date_in_path(url: &str, separators: &[u8]) -> Option<String> {
    let path = url::Url::parse(url).ok()?.path().to_string();
    let b = path.as_bytes();
    let run = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let n = run(i);
        if n == 4 && i + 4 < b.len() && separators.contains(&b[i + 4]) {
            let sep = b[i + 4];
            let m = i + 5;
            let mn = run(m);
            // Slashes may leave out the leading zero; dashes and underscores are ISO-like.
            let ok_len = |k: usize| if sep == b'/' { (1..=2).contains(&k) } else { k == 2 };
            if ok_len(mn) && m + mn < b.len() && b[m + mn] == sep {
                let d = m + mn + 1;
                let dn = run(d);
                let end = d + dn;
                // "/2023/10/3-fragen-an/": a one-digit number opening a slug is no day.
                let bounded = end == b.len() || !b[end].is_ascii_alphanumeric() && (dn == 2 || b[end] != b'-');
                if ok_len(dn) && bounded {
                    let num = |s: usize, k: usize| path[s..s + k].parse::<u32>().ok();
                    let date = NaiveDate::from_ymd_opt(num(i, 4)? as i32, num(m, mn)?, num(d, dn)?);
                    if let Some(date) = date.filter(|d| plausible(*d)) {
                        return Some(date.format("%Y-%m-%d").to_string());
                    }
                }
            }
        }
        i += n;
    }
    None
}

/// The first date written in a short text ("Posted on January 22, 2014 by
/// Ann", "am 25.08.2015", "25-08-2015 14:30", "Tue, 25 Aug 2015 10:00:00 +0200").
pub(crate) fn date_in_text(text: &str, month_first: bool) -> Option<String> {
    dated_text(text, month_first).map(|(_, d)| d)
}

/// `date_in_text` with the byte offset where the date starts.
pub(crate) fn dated_text(text: &str, month_first: bool) -> Option<(usize, String)> {
    let numeric = numeric_date(text, month_first);
    let long = find_dates(text)
        .into_iter()
        .find(|d| NaiveDate::parse_from_str(d.iso.get(..10).unwrap_or(""), "%Y-%m-%d").is_ok_and(plausible));
    match (numeric, long) {
        (Some((at, n)), Some(l)) => Some(if at <= l.start { (at, n) } else { (l.start, l.iso) }),
        (Some(n), None) => Some(n),
        (None, Some(l)) => Some((l.start, l.iso)),
        (None, None) => None,
    }
}

/// What the words printed before a date say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    /// "Published", "Posted on", "Publié le", "Veröffentlicht am", "Originally published".
    Publication,
    /// "Updated", "Last updated on", "Aktualisiert", "Mis à jour le", "edited":
    /// a later day than the publication.
    Update,
    Unlabelled,
}

/// Lower-case words that say a date is the publication.
const PUBLICATION_WORDS: &[&str] = &[
    "published",
    "posted",
    "publié",
    "publiée",
    "veröffentlicht",
    "erschienen",
    "publicado",
    "pubblicato",
    "gepubliceerd",
    "geplaatst",
    "asked",
];

/// Lower-case words that say a date is a later revision.
const UPDATE_WORDS: &[&str] = &[
    "updated",
    "update:",
    "last update",
    "edited",
    "modified",
    "revised",
    "reviewed",
    "aktualisiert",
    "geändert",
    "mis à jour",
    "mise à jour",
    "actualizado",
    "actualización",
    "aggiornato",
    "bijgewerkt",
    "last post",
    "latest version",
];

/// The label nearest before a date (the last few words of `before`); a
/// label after the date ("3 Sept 2024 | Originally published") counts when
/// nothing precedes it.
pub(crate) fn date_label(before: &str, after: &str) -> Label {
    fn last(text: &str, words: &[&str]) -> Option<usize> {
        words.iter().filter_map(|w| text.rfind(w)).max()
    }
    let tail: String = {
        let lower = before.to_lowercase();
        let start = lower.char_indices().rev().nth(39).map_or(0, |(i, _)| i);
        lower[start..].to_string()
    };
    let label = match (last(&tail, PUBLICATION_WORDS), last(&tail, UPDATE_WORDS)) {
        (Some(p), Some(u)) if p > u => Label::Publication,
        (_, Some(_)) => Label::Update,
        (Some(_), None) => Label::Publication,
        (None, None) => Label::Unlabelled,
    };
    if label != Label::Unlabelled || before.chars().any(char::is_alphanumeric) {
        return label;
    }
    // `after` opens with the date itself.
    let head: String = after.chars().take(45).collect::<String>().to_lowercase();
    match (PUBLICATION_WORDS.iter().any(|w| head.contains(w)), UPDATE_WORDS.iter().any(|w| head.contains(w))) {
        (true, false) => Label::Publication,
        (false, true) => Label::Update,
        _ => Label::Unlabelled,
    }
}

/// The first clock in a text, "10:35 PM", "7:25 pm", "14:30": (hour 0-23, minute).
pub(crate) fn printed_clock(text: &str) -> Option<(u32, u32)> {
    let b = text.as_bytes();
    (0..b.len()).find_map(|i| {
        if b[i] != b':' || i == 0 || !b[i - 1].is_ascii_digit() {
            return None;
        }
        let start = if i >= 2 && b[i - 2].is_ascii_digit() { i - 2 } else { i - 1 };
        let bounded = start == 0 || !b[start - 1].is_ascii_digit() && b[start - 1] != b':';
        let minutes = b.get(i + 1..i + 3).filter(|m| m.iter().all(u8::is_ascii_digit))?;
        if !bounded || b.get(i + 3).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let h: u32 = text[start..i].parse().ok()?;
        let m: u32 = std::str::from_utf8(minutes).ok()?.parse().ok()?;
        // "PM"/"p.m." after the clock, past seconds (":05") and a space.
        let rest = text[i + 3..].trim_start_matches(|c: char| c == ':' || c.is_ascii_digit()).trim_start();
        let rest: String = rest.chars().take(4).filter(|&c| c != '.').collect::<String>().to_ascii_lowercase();
        let h = match (rest.starts_with("pm"), rest.starts_with("am")) {
            (true, _) if h < 12 => h + 12,
            (_, true) if h == 12 => 0,
            _ => h,
        };
        (h < 24 && m < 60).then_some((h, m))
    })
}

/// `D.M.YYYY`, `D-M-YYYY`, `D/M/YYYY`, `M/D/YYYY`, `YYYY/MM/DD`, `YYYY.MM.DD`,
/// `YYYY-MM-DD`, `D.M.YY`, `D/M/YY`, `M/D/YY` with an optional `HH:MM`: the
/// first plausible one and its byte offset.
fn numeric_date(text: &str, month_first: bool) -> Option<(usize, String)> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // Three digit runs joined by one separator.
        let mut runs: Vec<(usize, usize)> = Vec::with_capacity(3);
        let mut j = i;
        let mut sep = 0u8;
        loop {
            let s = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            runs.push((s, j));
            if runs.len() == 3 || j + 1 >= b.len() || !matches!(b[j], b'.' | b'-' | b'/') || !b[j + 1].is_ascii_digit()
            {
                break;
            }
            if sep == 0 {
                sep = b[j];
            } else if sep != b[j] {
                break;
            }
            j += 1;
        }
        // "1.2.3.4", "10.1.2.15": a version or an address, no date.
        let more = |k: usize| k + 1 < b.len() && matches!(b[k], b'.' | b'-' | b'/') && b[k + 1].is_ascii_digit();
        let after_run = i >= 2 && matches!(b[i - 1], b'.' | b'-' | b'/') && b[i - 2].is_ascii_digit();
        let digit_after = j < b.len() && b[j].is_ascii_digit();
        if runs.len() == 3 && !digit_after && !more(j) && !after_run {
            let num = |r: (usize, usize)| text[r.0..r.1].parse::<u32>().ok();
            let lens: Vec<usize> = runs.iter().map(|r| r.1 - r.0).collect();
            let (a, m, c) = (num(runs[0]), num(runs[1]), num(runs[2]));
            let date = match (a, m, c) {
                (Some(y), Some(m), Some(d)) if lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2 => {
                    NaiveDate::from_ymd_opt(y as i32, m, d)
                }
                (Some(x), Some(y2), Some(year))
                    if lens[0] <= 2 && lens[1] <= 2 && (lens[2] == 4 || lens[2] == 2 && sep != b'-') =>
                {
                    // Day first unless the page writes months first, or the second
                    // number cannot be a month ("11-29-2024": a US forum's dashes).
                    let month_day = sep == b'/' && month_first && x <= 12 || sep != b'.' && y2 > 12;
                    let (d, m) = if month_day { (y2, x) } else { (x, y2) };
                    // "8.5.12", "01/25/26": two-digit years are this web's (1995-2094).
                    let year = match year {
                        y if lens[2] == 4 => y as i32,
                        y if y >= 95 => 1900 + y as i32,
                        y => 2000 + y as i32,
                    };
                    NaiveDate::from_ymd_opt(year, m, d)
                }
                _ => None,
            };
            if let Some(d) = date.filter(|d| plausible(*d)) {
                let mut iso = d.format("%Y-%m-%d").to_string();
                if let Some(t) = clock_after(&text[j..]) {
                    iso.push_str(&t);
                }
                return Some((i, iso));
            }
        }
        i = j.max(i + 1);
    }
    None
}

/// " 14:30", ", 14:30", " um 14:30", "T14:30:05" right after a date: "THH:MM:SS".
fn clock_after(rest: &str) -> Option<String> {
    let trimmed = rest.trim_start_matches([' ', ',', 'T', '|', '-', '\u{a0}']);
    let trimmed =
        ["um ", "at ", "à ", "a las ", "alle ", "om "].iter().find_map(|p| trimmed.strip_prefix(p)).unwrap_or(trimmed);
    if rest.len() - trimmed.len() > 8 {
        return None;
    }
    let b = trimmed.as_bytes();
    let digits = |s: usize, n: usize| b.len() >= s + n && b[s..s + n].iter().all(u8::is_ascii_digit);
    let (h, m) = if digits(0, 2) && b.get(2) == Some(&b':') && digits(3, 2) {
        (&trimmed[0..2], &trimmed[3..5])
    } else if digits(0, 1) && b.get(1) == Some(&b':') && digits(2, 2) {
        (&trimmed[0..1], &trimmed[2..4])
    } else {
        return None;
    };
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then(|| format!("T{h:02}:{m:02}:00"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(v: &str) -> Option<String> {
        parse_value(v, false).map(|s| s[..10].to_string())
    }

    #[test]
    fn iso_and_rfc_values_keep_their_declared_zone() {
        assert_eq!(parse_value("2015-08-25T00:00:00+02:00", false).as_deref(), Some("2015-08-25T00:00:00+02:00"));
        assert_eq!(parse_value("2015-08-25 09:30:00Z", false).as_deref(), Some("2015-08-25T09:30:00Z"));
        assert_eq!(parse_value("2015-08-25T00:00:00.000+0200", false).as_deref(), Some("2015-08-25T00:00:00+02:00"));
        assert_eq!(parse_value("2015-08-25 10:30:00", false).as_deref(), Some("2015-08-25T10:30:00"));
        assert_eq!(parse_value("Tue, 25 Aug 2015 00:30:00 +0200", false).as_deref(), Some("2015-08-25T00:30:00+02:00"));
        assert_eq!(day("20150825").as_deref(), Some("2015-08-25"));
        assert_eq!(day("2015/08/25").as_deref(), Some("2015-08-25"));
        assert_eq!(day("2015-08-25T10:00:00.000+0200 CEST").as_deref(), Some("2015-08-25"));
        assert_eq!(day("2023 Jan 7").as_deref(), Some("2023-01-07"), "citation dates");
        assert_eq!(parse_value("2020-12-05T23:15:0Z", false).as_deref(), Some("2020-12-05T23:15:00+00:00"));
    }

    #[test]
    fn labels_say_which_day_a_date_is() {
        use Label::*;
        assert_eq!(date_label("Last updated on ", "March 26, 2025 by Ann"), Update);
        assert_eq!(date_label("By Eric Lee Updated ", "December 19, 2025"), Update);
        assert_eq!(date_label("Posted ", "2024-01-12 - Updated 2024-01-13"), Publication);
        assert_eq!(date_label("Published 3 Jan 2024, updated ", "5 Jan 2024"), Update);
        assert_eq!(date_label("Aktualisiert am ", "02.01.2026"), Update);
        assert_eq!(date_label("Veröffentlicht am ", "22.12.2022"), Publication);
        assert_eq!(date_label("Mis à jour le ", "4 juin 2025"), Update);
        assert_eq!(date_label("Publicado el ", "12 de marzo de 2025"), Publication);
        assert_eq!(date_label("Aggiornato il ", "2 novembre 2023"), Update);
        assert_eq!(date_label("Ann Lee · ", "June 3, 2025 · 5 min read"), Unlabelled);
        assert_eq!(date_label("", "3 Sept 2024 | Originally published"), Publication);
        assert_eq!(date_label("", "12 Jan 2026 | Latest version"), Update);
    }

    #[test]
    fn two_digit_years_beside_a_headline() {
        let text = |t: &str, mf: bool| date_in_text(t, mf);
        assert_eq!(text("von Klaus Peter, 8.5.12", false).as_deref(), Some("2012-05-08"));
        assert_eq!(text("Party, 30.10.23", false).as_deref(), Some("2023-10-30"));
        assert_eq!(text("Publié le 02.12.19 à 10:15", false).as_deref(), Some("2019-12-02T10:15:00"));
        assert_eq!(text("Published on 01/25/26", true).as_deref(), Some("2026-01-25"));
        assert_eq!(text("Date 10.11.15 11:26 UTC", false).as_deref(), Some("2015-11-10T11:26:00"));
        assert_eq!(text("Publicado 03/04/98", false).as_deref(), Some("1998-04-03"));
        assert_eq!(text("Version 1.2.3.4", false), None, "a version");
        assert_eq!(text("Server 10.1.2.15", false), None, "an address");
        assert_eq!(text("am 25-08-15", false), None, "dashes with two-digit years read either way");
    }

    #[test]
    fn clocks_read_in_24_hours() {
        assert_eq!(printed_clock("Nov 8, 2023 / 10:35 PM PST"), Some((22, 35)));
        assert_eq!(printed_clock("12:05 a.m."), Some((0, 5)));
        assert_eq!(printed_clock("15.02.2018, 19:51:07 Uhr"), Some((19, 51)));
        assert_eq!(printed_clock("12:30 pm"), Some((12, 30)));
        assert_eq!(printed_clock("7:25 PM • Mar 16"), Some((19, 25)), "a non-ASCII character after the PM");
        assert_eq!(printed_clock("March 16, 2014"), None);
        assert_eq!(printed_clock("ratio 123:45"), None);
    }

    #[test]
    fn a_second_number_past_twelve_is_the_day() {
        let text = |t: &str, mf: bool| date_in_text(t, mf);
        assert_eq!(text("11-29-2024, 09:03 AM", false).as_deref(), Some("2024-11-29T09:03:00"));
        assert_eq!(text("Posted 11-29-2024", true).as_deref(), Some("2024-11-29"));
        assert_eq!(text("Posted 02-12-2025", true).as_deref(), Some("2025-12-02"), "dashes are day first in en too");
        assert_eq!(text("Publié le 12-01-2024", false).as_deref(), Some("2024-01-12"));
        assert_eq!(text("am 12.01.2024", true).as_deref(), Some("2024-01-12"), "dots are day first");
        assert_eq!(text("29.11.2024", false).as_deref(), Some("2024-11-29"));
        assert_eq!(text("Version 11.29.2024", false), None);
    }

    #[test]
    fn image_urls_give_a_date_only_as_folders() {
        let img = |u: &str| date_folders_in_url(u);
        assert_eq!(img("https://n.example/media/2020/10/26/1361729/thumbs/873x400.jpg").as_deref(), Some("2020-10-26"));
        assert_eq!(img("https://n.example/files/2016/05/04/ar-2015-og.png").as_deref(), Some("2016-05-04"));
        assert_eq!(img("https://cdn.example/img/DALLE_2023-10-23_142.png"), None, "a file's name");
        assert_eq!(img("https://n.example/uploads/2024/12/Screenshot-2024-12-10-at-18-49.png"), None);
        assert_eq!(img("https://n.example/wp-content/uploads/2019/06/photo.jpg"), None, "a month's folder");
    }

    #[test]
    fn urls_give_a_date_only_when_complete() {
        let url = |u: &str| date_in_url(u);
        assert_eq!(url("https://n.example/2023/11/08/news/story/").as_deref(), Some("2023-11-08"));
        assert_eq!(url("https://n.example/politik/2020/7/8/slug").as_deref(), Some("2020-07-08"));
        assert_eq!(url("https://n.example/t/update-2024-09-05-broken/931828").as_deref(), Some("2024-09-05"));
        assert_eq!(url("https://n.example/archiv/bericht_2015_08_25.html").as_deref(), Some("2015-08-25"));
        assert_eq!(url("https://n.example/ausgaben/2019-4/artikel/a-4-2019.html"), None, "an issue, not a day");
        assert_eq!(url("https://n.example/2018/midp-emulator/"), None, "a year alone");
        assert_eq!(url("https://n.example/2023/10/3-fragen-an-tina/"), None, "a slug opening with a number");
        assert_eq!(url("https://n.example/2024-4-4-2024-5-0-issue/72"), None);
        assert_eq!(url("https://n.example/2015/02/31/x"), None);
    }
}
