//! Authors from a byline line when the markup names none. Pure.

use crate::pipeline::text::dates;
use crate::pipeline::text::roles::{is_group_word, is_role_word};

/// Words that introduce the authors ("By", "Written by", "Par", "Von", "Por", "Di", "Door").
const BYLINE_WORDS: &[&str] =
    &["by", "par", "von", "por", "di", "door", "author", "authors", "auteur", "autor", "autora"];

/// Authors named in a byline: "By Jane Roe and John Doe, June 3, 2025" →
/// ["Jane Roe", "John Doe"]. Dates, times, places and job titles after a
/// comma are dropped; "Written by", "Author:" and the like are skipped.
pub(crate) fn authors_from_byline(byline: &str) -> Vec<String> {
    let mut text = byline.to_string();
    for d in dates::find_dates(byline).into_iter().rev() {
        text.replace_range(d.start..d.end, ",");
    }
    let trimmed = text.trim_start();
    // The names start after the byline word when one of the first three words is one.
    let mut body = trimmed;
    let mut offset = 0;
    for (i, word) in trimmed.split_whitespace().take(3).enumerate() {
        let at = trimmed[offset..].find(word).map_or(offset, |p| offset + p);
        offset = at + word.len();
        let bare = word.trim_end_matches(':').to_lowercase();
        if BYLINE_WORDS.contains(&bare.as_str()) && (i == 0 || word.ends_with(':') || bare == "by" || bare == "par") {
            body = &trimmed[offset..];
            break;
        }
    }
    let body = body.trim_start_matches([':', ' ']);
    body.split([',', ';', '|', '/', '·', '–', '—', '&', '•'])
        .flat_map(|s| {
            s.split(" and ")
                .flat_map(|s| s.split(" et "))
                .flat_map(|s| s.split(" und "))
                .flat_map(|s| s.split(" y "))
                .flat_map(|s| s.split(" with "))
                .flat_map(|s| s.split(" mit "))
                .flat_map(|s| s.split(" con "))
                .flat_map(|s| s.split(" avec "))
                .flat_map(|s| s.split(" on "))
        })
        .map(|s| s.trim().to_string())
        .filter(|s| {
            let words = s.split_whitespace().count();
            (2..=4).contains(&words)
                && s.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
                && !s.chars().any(|c| c.is_ascii_digit())
                && !s.split_whitespace().any(|w| {
                    let w = w.to_lowercase();
                    is_role_word(&w) || is_group_word(&w)
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_names_without_dates_and_places() {
        assert_eq!(
            authors_from_byline("Por Ana López y Javier Ruiz | Valladolid, 28 jul 2025, 11:45"),
            vec!["Ana López", "Javier Ruiz"]
        );
        assert_eq!(authors_from_byline("By Daniel Reyes, June 3, 2025"), vec!["Daniel Reyes"]);
    }

    #[test]
    fn byline_labels_and_job_titles_are_not_names() {
        assert_eq!(authors_from_byline("Written by: Nancy Peyer · February 4 2026"), vec!["Nancy Peyer"]);
        assert_eq!(
            authors_from_byline("By Jared Spataro, Chief Marketing Officer, AI at Work · March 20, 2020"),
            vec!["Jared Spataro"]
        );
        assert_eq!(authors_from_byline("Par Marie Dupont avec Jean Martin"), vec!["Marie Dupont", "Jean Martin"]);
        assert_eq!(authors_from_byline("Von Markus Huber, Redakteur · 04.06.2025, 09:15 Uhr"), vec!["Markus Huber"]);
        assert_eq!(
            authors_from_byline("Posted by Michael David Smith on November 19, 2019"),
            vec!["Michael David Smith"]
        );
    }
}
