//! Datelines: the place (and agency, date) a news report opens with —
//! "MUNICH, Germany 1996-12-06", "WASHINGTON (Reuters) —", "Madrid, 23 may (EFE)".
//!
//! A dateline is not a byline: it names no author, and its places are
//! places. `segment` asks `is_dateline` before taking a short dated block for
//! the byline; `entities` adds the places as LOC mentions. Pure; byte offsets.

use super::letters::is_alpha;

use super::dates;
use super::lexicon::Lexicon;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// Byte ranges of the place names (city, then region or country).
    pub places: Vec<(usize, usize)>,
    /// Byte range of the news agency's name ("Reuters", "EFE"), if given.
    pub agency: Option<(usize, usize)>,
    /// Where the dateline ends in the line.
    pub end: usize,
}

/// Lower-case words inside a place's name.
const PARTICLES: &[&str] = &["de", "del", "do", "da", "di", "du", "des"];

/// Capitalised words from `at`, single spaces between (or a particle): up to four.
fn name_at(line: &str, at: usize) -> Option<usize> {
    let mut end = at;
    let mut words = 0;
    let mut pos = at;
    while words < 4 {
        let word_len = line[pos..]
            .find(|c: char| !(is_alpha(c) || matches!(c, '.' | '\'' | '’' | '-')))
            .unwrap_or(line.len() - pos);
        let word = &line[pos..pos + word_len];
        if word.is_empty() || !word.starts_with(char::is_uppercase) {
            break;
        }
        end = pos + word_len;
        words += 1;
        if !line[end..].starts_with(' ') {
            break;
        }
        // "Santiago de Chile", "Río de Janeiro": a particle between two capitalised words.
        let next = &line[end + 1..];
        let particle = PARTICLES.iter().filter(|_| next.starts_with('d')).find(|p| {
            next.strip_prefix(**p).and_then(|r| r.strip_prefix(' ')).is_some_and(|r| r.starts_with(char::is_uppercase))
        });
        match particle {
            Some(p) if words < 3 => pos = end + 1 + p.len() + 1,
            _ if next.starts_with(char::is_uppercase) => pos = end + 1,
            _ => break,
        }
    }
    (end > at).then_some(end)
}

/// "NEW YORK" → "New York".
fn title_case(shouted: &str) -> String {
    let mut out = String::with_capacity(shouted.len());
    let mut start = true;
    for c in shouted.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !is_alpha(c);
    }
    out
}

/// A date without a year opening `s` ("23 may", "3 décembre", "23. Mai",
/// "May 23"): the byte length it takes, leading spaces included.
fn day_month(s: &str) -> Option<usize> {
    let lx = Lexicon::get();
    let t = s.trim_start();
    let lead = s.len() - t.len();
    let digits = |x: &str| {
        let n = x.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&n).then_some(n)
    };
    let word = |x: &str| x.find(|c: char| !c.is_alphabetic()).unwrap_or(x.len());
    if let Some(n) = digits(t) {
        let rest = t[n..].strip_prefix('.').unwrap_or(&t[n..]);
        let month = rest.strip_prefix(' ')?;
        let w = word(month);
        return (w > 0 && lx.is_month(&month[..w])).then(|| s.len() - month.len() + w);
    }
    let w = word(t);
    let day = t[w..].strip_prefix(' ')?;
    let n = digits(day)?;
    (w > 0 && lx.is_month(&t[..w])).then(|| lead + w + 1 + n)
}

/// A date opening `s` (after at most one character), with or without a
/// year: the byte length it takes.
fn date_opening(s: &str) -> Option<usize> {
    match dates::find_dates(s).first().filter(|d| d.start <= 1) {
        Some(d) => Some(d.end),
        None => day_month(s),
    }
}

/// The dateline opening `line`, if it has one.
pub(crate) fn dateline(line: &str) -> Option<Dateline> {
    let lx = Lexicon::get();
    let city_end = name_at(line, 0)?;
    let city = line[..city_end].trim_end_matches('.');
    let letters = || city.chars().filter(|&c| is_alpha(c));
    let shouted = letters().count() >= 3 && letters().all(char::is_uppercase);
    // "NEW YORK" is the gazetteer's "New York".
    let known = lx.places.contains_key(city) || (shouted && lx.places.contains_key(&title_case(city)));
    // A place the gazetteer lacks ("Sao Paulo", "Beasain") is a dateline's only
    // when a date and the agency in brackets follow ("…, 23 may (EFE).").
    let unknown = !shouted && !known;
    // Most lines: an unlisted capitalised word and no bracket to close an agency.
    let after_city = &line[city_end..];
    if unknown && !((after_city.starts_with(", ") || after_city.starts_with(" (")) && after_city.contains(')')) {
        return None;
    }
    let mut places = vec![(0, city.len())];
    let mut rest = city_end;
    // "München/Hamburg (dpa)": two places, written (and annotated) as one name.
    if known && line[rest..].starts_with('/') {
        if let Some(end) = name_at(line, rest + 1).filter(|&e| lx.places.contains_key(&line[rest + 1..e])) {
            places[0].1 = end;
            rest = end;
        }
    }
    // "Sao Paulo (Brasil), 23 may": the country in brackets.
    if line[rest..].starts_with(" (") {
        if let Some(end) = name_at(line, rest + 2).filter(|&e| line[e..].starts_with(')')) {
            if lx.places.contains_key(&line[rest + 2..end]) {
                places.push((rest + 2, end));
                rest = end + 1;
            }
        }
    }
    if line[rest..].starts_with(", ") {
        if let Some(end) = name_at(line, rest + 2) {
            places.push((rest + 2, end));
            rest = end;
        } else if shouted || date_opening(&line[rest + 1..]).is_some() {
            rest += 1; // "Madrid, 23 may": the date follows the comma
        } else {
            return None;
        }
    }
    let tail = line[rest..].trim_start();
    let skipped = line.len() - rest - tail.len();
    let after = rest + skipped;
    let agency = tail.starts_with('(') && tail.find(')').is_some_and(|p| (3..40).contains(&p));
    let dash = ["—", "–", "--", "- "].iter().any(|d| tail.starts_with(d));
    let dated = date_opening(tail);
    let bracketed = |at: usize| {
        let t = &line[at..];
        let lead = t.len() - t.trim_start().len();
        let close = t.find(')')?;
        (t[lead..].starts_with('(') && (lead + 3..lead + 40).contains(&close)).then_some((at + lead + 1, at + close))
    };
    let mut agency_name = None;
    let end = if agency {
        agency_name = bracketed(after);
        after + tail.find(')').map_or(0, |p| p + 1)
    } else if let Some(date_len) = dated {
        let date_end = after + date_len;
        // "Madrid, 23 may (EFE)": the agency after the date.
        agency_name = bracketed(date_end);
        agency_name.map_or(date_end, |(_, b)| b + 1)
    } else if known && (dash || tail.is_empty()) {
        // A heading in capitals ("JUGADORES", "FICHA DEL FESTEJO") is no dateline: the
        // place must be known when neither a date nor an agency follows.
        after
    } else {
        return None;
    };
    let agency = agency_name.filter(|&(a, b)| is_agency(&line[a..b]));
    if unknown && (dated.is_none() || agency.is_none()) {
        return None;
    }
    Some(Dateline { places, agency, end })
}

/// German-language agencies write their names in lower case ("Berlin (dpa)").
pub(crate) const LOWER_CASE_AGENCIES: &[&str] = &["dpa", "ddp", "dapd", "epd", "kna", "sid", "apa", "sda"];

/// An agency is a capitalised name, not "(updated)" or "(AP Photo/…)", or
/// one that writes itself in lower case ("dpa", "dpa-AFX").
fn is_agency(name: &str) -> bool {
    let lower_case = LOWER_CASE_AGENCIES.contains(&name.split('-').next().unwrap_or(name));
    (name.starts_with(char::is_uppercase) || lower_case)
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '&'))
}

/// A dateline closing a line that opens with something else ("Por Juan Núñez
/// Madrid, 23 may (EFE).", "EFE vm-c Pamplona, 23 may (EFE)."): the agency,
/// and the place when the words before the comma end in a listed one.
pub(crate) fn trailing(line: &str) -> Option<Dateline> {
    let body = line.trim_end().trim_end_matches('.');
    let close = body.strip_suffix(')')?;
    let open = close.rfind('(')?;
    let name = &close[open + 1..];
    if !(2..40).contains(&name.len()) || !is_agency(name) {
        return None;
    }
    let comma = close[..open].rfind(", ")?;
    let date = &close[comma + 1..open];
    if date_opening(date).is_none_or(|n| n != date.trim_end().len()) {
        return None;
    }
    let lx = Lexicon::get();
    let words: Vec<(usize, &str)> = close[..comma]
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let place = (1..=words.len().min(3)).rev().find_map(|k| {
        let (start, _) = words[words.len() - k];
        let candidate = &close[start..comma];
        (candidate.starts_with(char::is_uppercase) && lx.places.contains_key(candidate)).then_some((start, comma))
    });
    Some(Dateline {
        places: place.into_iter().collect(),
        agency: Some((open + 1, open + 1 + name.len())),
        end: line.len(),
    })
}

/// Where a dateline closing a byline or headline begins, at its listed place:
/// "Por Juan Núñez Madrid, 23 may (EFE)." → at "Madrid". None when the line is
/// the dateline alone or its place is not listed (no safe cut).
pub(crate) fn trailing_start(line: &str) -> Option<usize> {
    let start = trailing(line)?.places.first()?.0;
    (start > 0 && line[..start].ends_with(' ')).then_some(start)
}

/// Cuts the dateline closing a byline or headline off it and returns it
/// ("Por Juan Núñez Madrid, 23 may (EFE)." keeps "Por Juan Núñez").
pub(crate) fn split_trailing(line: &mut String) -> Option<String> {
    let at = trailing_start(line)?;
    let dateline = line[at..].to_string();
    line.truncate(line[..at].trim_end().len());
    Some(dateline)
}

/// A block that is a dateline and nothing else, or opens with one.
pub(crate) fn is_dateline(block: &str) -> bool {
    dateline(block.trim_start()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(line: &str) -> Option<Vec<&str>> {
        dateline(line).map(|d| d.places.iter().map(|&(a, b)| &line[a..b]).collect())
    }

    #[test]
    fn datelines_name_their_places() {
        assert_eq!(places("MUNICH, Germany 1996-12-06"), Some(vec!["MUNICH", "Germany"]));
        assert_eq!(places("LONDON 1996-08-30"), Some(vec!["LONDON"]));
        assert_eq!(places("WASHINGTON (Reuters) — The president said"), Some(vec!["WASHINGTON"]));
        assert_eq!(places("NEW YORK -- Stocks fell"), Some(vec!["NEW YORK"]));
        assert_eq!(places("Madrid, 23 may (EFE)."), Some(vec!["Madrid"]));
        assert_eq!(places("Lima (Perú), 23 may (EFECOM)."), Some(vec!["Lima", "Perú"]));
    }

    #[test]
    fn dates_without_a_year() {
        assert_eq!(day_month("23 may (EFE)"), Some(6));
        assert_eq!(day_month(" 3 décembre (AFP)"), Some(" 3 décembre".len()));
        assert_eq!(day_month("23. Mai"), Some(7));
        assert_eq!(day_month("May 23, said"), Some(6));
        assert_eq!(day_month("23 people"), None);
        assert_eq!(day_month("Maybe 23"), None);
    }

    #[test]
    fn datelines_name_their_agency() {
        let agency = |line: &'static str| dateline(line).and_then(|d| d.agency.map(|(a, b)| &line[a..b]));
        assert_eq!(agency("WASHINGTON (Reuters) — The president said"), Some("Reuters"));
        assert_eq!(agency("Madrid, 23 may (EFE)."), Some("EFE"));
        assert_eq!(agency("Lima (Perú), 23 may (EFECOM)."), Some("EFECOM"));
        assert_eq!(agency("PARIS, 3 décembre (AFP) -"), Some("AFP"));
        assert_eq!(agency("LONDON 1996-08-30"), None);
        // German-language agencies write themselves in lower case; "A/B" is one dateline place.
        assert_eq!(agency("Nürnberg (dpa) Der Stürmer fällt aus."), Some("dpa"));
        assert_eq!(places("Hamburg/Berlin (dpa) Die Moderatorin bleibt."), Some(vec!["Hamburg/Berlin"]));
        assert_eq!(agency("Berlin (updated) Der Text"), None);
    }

    #[test]
    fn unlisted_places_need_a_date_and_an_agency() {
        assert_eq!(places("Sao Paulo (Brasil), 23 may (EFECOM)."), Some(vec!["Sao Paulo", "Brasil"]));
        assert_eq!(places("Santiago de Chile, 23 may (EFE)."), Some(vec!["Santiago de Chile"]));
        assert_eq!(places("Beasain, 23 may (EFE)."), Some(vec!["Beasain"]));
        assert_eq!(places("Harriet Lunde, 23 may 2025"), None);
        assert_eq!(places("Harriet Lunde (Reuters)"), None);
        let trailing = |line: &'static str| {
            trailing(line).map(|d| {
                (d.places.iter().map(|&(a, b)| &line[a..b]).collect::<Vec<_>>(), d.agency.map(|(a, b)| &line[a..b]))
            })
        };
        assert_eq!(trailing("Por Juan Núñez Madrid, 23 may (EFE)."), Some((vec!["Madrid"], Some("EFE"))));
        assert_eq!(trailing("EFE vm-c Pamplona, 23 may (EFE)."), Some((vec!["Pamplona"], Some("EFE"))));
        assert_eq!(trailing_start("Par Jean Roux Paris, 23 mai (AFP)."), Some("Par Jean Roux ".len()));
        assert_eq!(trailing_start("Madrid, 23 may (EFE)."), None);
        assert_eq!(trailing("He met her (Reuters)."), None);
        assert_eq!(trailing("Prices rose, 23 people said (updated)."), None);
    }

    #[test]
    fn bylines_and_sentences_are_not_datelines() {
        assert_eq!(places("By Jane Roe, June 3, 2025"), None);
        assert_eq!(places("Harriet Lunde, June 3, 2025"), None);
        assert_eq!(places("The council voted on Tuesday."), None);
        assert_eq!(places("JUGADORES"), None);
        assert_eq!(places("FICHA DEL FESTEJO - Toros de Alcurrucén"), None);
    }
}
