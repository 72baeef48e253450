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
    /// Where the dateline ends in the line.
    pub end: usize,
}

/// Capitalised words from `at`, single spaces between: up to four.
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
        if !line[end..].starts_with(' ') || !line[end + 1..].starts_with(char::is_uppercase) {
            break;
        }
        pos = end + 1;
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

/// The dateline opening `line`, if it has one.
pub(crate) fn dateline(line: &str) -> Option<Dateline> {
    let lx = Lexicon::get();
    let city_end = name_at(line, 0)?;
    let city = line[..city_end].trim_end_matches('.');
    let letters = || city.chars().filter(|&c| is_alpha(c));
    let shouted = letters().count() >= 3 && letters().all(char::is_uppercase);
    // "NEW YORK" is the gazetteer's "New York".
    let known = lx.places.contains_key(city) || (shouted && lx.places.contains_key(&title_case(city)));
    if !shouted && !known {
        return None;
    }
    let mut places = vec![(0, city.len())];
    let mut rest = city_end;
    if line[rest..].starts_with(", ") {
        if let Some(end) = name_at(line, rest + 2) {
            places.push((rest + 2, end));
            rest = end;
        } else if shouted {
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
    let dated = dates::find_dates(tail).first().is_some_and(|d| d.start <= 1);
    let end = if agency {
        after + tail.find(')').map_or(0, |p| p + 1)
    } else if dated {
        after + dates::find_dates(tail)[0].end
    } else if known && (dash || tail.is_empty()) {
        // A heading in capitals ("JUGADORES", "FICHA DEL FESTEJO") is no dateline: the
        // place must be known when neither a date nor an agency follows.
        after
    } else {
        return None;
    };
    Some(Dateline { places, end })
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
