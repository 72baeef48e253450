//! Authors from a byline line when the markup names none. Pure.

use crate::pipeline::text::dates;

/// Authors named in a byline: "By Jane Roe and John Doe, June 3, 2025" →
/// ["Jane Roe", "John Doe"]. Dates, times and places after a comma are dropped.
pub fn authors_from_byline(byline: &str) -> Vec<String> {
    let mut text = byline.to_string();
    for d in dates::find_dates(byline).into_iter().rev() {
        text.replace_range(d.start..d.end, ",");
    }
    let lower = text.to_lowercase();
    let body = ["by ", "par ", "von ", "por ", "di ", "door "]
        .iter()
        .find(|p| lower.trim_start().starts_with(*p))
        .map_or(text.as_str(), |p| &text.trim_start()[p.len()..]);
    body.split([',', ';', '|', '/', '·', '–', '—'])
        .flat_map(|s| {
            s.split(" and ").flat_map(|s| s.split(" et ")).flat_map(|s| s.split(" und ")).flat_map(|s| s.split(" y "))
        })
        .map(|s| s.trim().to_string())
        .filter(|s| {
            let words = s.split_whitespace().count();
            (2..=4).contains(&words)
                && s.split_whitespace().all(|w| w.starts_with(char::is_uppercase))
                && !s.chars().any(|c| c.is_ascii_digit())
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
}
