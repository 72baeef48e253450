//! Author names from metadata values and byline elements: prefixes
//! ("By", "Posted by", "Von", "Par", "Por", "Di", "Door", "Text:") and what
//! follows the names (dates, "on …", "|", "•") dropped, lists split on
//! and/und/et/y/e/en, commas, " - ", "&" and "/", and what is no person's
//! name rejected: site names, host names, URLs, e-mail addresses, role words.
//! Names are kept as written. Pure.

use crate::pipeline::text::dates::find_dates;
use crate::pipeline::text::normalize_text;

/// What a page's own name looks like, for rejecting it as an author.
#[derive(Default)]
pub struct NotAuthors {
    /// Lower-cased site names (`og:site_name`, JSON-LD publisher) and the host without `www.`.
    names: Vec<String>,
}

impl NotAuthors {
    pub fn new(site_names: &[&str], url: &str) -> NotAuthors {
        let mut names: Vec<String> = site_names.iter().map(|s| fold(s)).filter(|s| !s.is_empty()).collect();
        if let Some(host) = url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_string)) {
            let host = host.trim_start_matches("www.").to_ascii_lowercase();
            // "example.com" and its first label "example".
            if let Some(label) = host.split('.').next() {
                names.push(label.to_string());
            }
            names.push(host);
        }
        NotAuthors { names }
    }

    fn rejects(&self, name: &str) -> bool {
        let f = fold(name);
        let squashed: String = f.chars().filter(|c| c.is_alphanumeric()).collect();
        self.names.iter().any(|n| {
            let n_squashed: String = n.chars().filter(|c| c.is_alphanumeric()).collect();
            *n == f || (!n_squashed.is_empty() && n_squashed == squashed)
        })
    }
}

fn fold(s: &str) -> String {
    normalize_text(s).to_lowercase()
}

/// Words that name a role or a placeholder, not a person (several languages).
const NOT_NAMES: &[&str] = &[
    "admin",
    "administrator",
    "editor",
    "editors",
    "staff",
    "team",
    "redaktion",
    "rédaction",
    "redacción",
    "redazione",
    "redactie",
    "guest",
    "anonymous",
    "unknown",
    "webmaster",
    "author",
    "autor",
    "auteur",
    "posted",
    "by",
    "admin user",
    "editorial",
    "newsroom",
    "press release",
    "contributor",
    "follow",
    "share",
    "view all posts",
    "about",
];

/// Byline openers, longest first (lower case; matched case-insensitively).
const PREFIXES: &[&str] = &[
    "posted by ",
    "written by ",
    "published by ",
    "geschrieben von ",
    "veröffentlicht von ",
    "verfasst von ",
    "publié par ",
    "écrit par ",
    "publicado por ",
    "escrito por ",
    "scritto da ",
    "pubblicato da ",
    "geschreven door ",
    "author: ",
    "authors: ",
    "autor: ",
    "autorin: ",
    "auteur : ",
    "auteur: ",
    "text: ",
    "von: ",
    "by: ",
    "by ",
    "par ",
    "von ",
    "por ",
    "di ",
    "da ",
    "door ",
];

/// Lower-case words names may hold (particles).
const PARTICLES: &[&str] = &[
    "von", "van", "de", "der", "den", "da", "di", "du", "del", "della", "le", "la", "bin", "al", "ter", "dos", "das",
    "y",
];

/// The names in an author value or byline text. `strict`: the text comes from
/// the page body (a byline element), where a name needs two words.
pub fn names_in(value: &str, not_authors: &NotAuthors, strict: bool) -> Vec<String> {
    let mut text = normalize_text(value);
    if text.is_empty() || text.chars().count() > 200 {
        return Vec::new();
    }
    // Dates and what follows them go.
    if let Some(d) = find_dates(&text).first() {
        text.truncate(d.start);
    }
    let text = strip_prefix(&text);
    // What follows the names: " on June 3", " | Updated", " • 5 min read", " - 3 hours ago".
    let mut end = text.len();
    for stop in [" | ", "•", " · ", " on ", " am ", " le ", " el ", " il ", " op ", " – ", " — ", "\n", " (", " @"]
    {
        if let Some(i) = text.find(stop) {
            end = end.min(i);
        }
    }
    let text = &text[..end];
    let mut out = Vec::new();
    for part in split_list(text) {
        let part = strip_prefix(part.trim()).trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let part = part.trim_end_matches('.');
        if let Some(name) = accept(part, not_authors, strict) {
            if !out.iter().any(|n: &String| n.eq_ignore_ascii_case(&name)) {
                out.push(name);
            }
        }
    }
    out
}

fn strip_prefix(text: &str) -> &str {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lower = text.to_lowercase();
    match PREFIXES.iter().find(|p| lower.starts_with(*p)) {
        // Lower-casing can change byte lengths: strip by characters.
        Some(p) => {
            let n = p.chars().count();
            let cut = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
            text[cut..].trim_start()
        }
        None => text,
    }
}

/// Splits a list of names on commas, semicolons, "and"/"und"/"et"/"y"/"e"/"en", "&", " - ", "/" and "|".
fn split_list(text: &str) -> Vec<&str> {
    let mut parts = vec![text];
    for sep in [",", ";", "|", " & ", " and ", " und ", " et ", " y ", " e ", " en ", " - ", " / ", " and/or "] {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

fn accept(name: &str, not_authors: &NotAuthors, strict: bool) -> Option<String> {
    let lower = name.to_lowercase();
    if name.is_empty()
        || name.chars().count() > 60
        || name.contains('@')
        || name.contains("://")
        || lower.starts_with("www.")
        || name.chars().any(|c| c.is_ascii_digit())
        || NOT_NAMES.contains(&lower.as_str())
        || not_authors.rejects(name)
    {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 5 || (strict && words.len() < 2) {
        return None;
    }
    // A host name ("example.com") is no person.
    if words.len() == 1 && name.contains('.') && !name.ends_with('.') {
        let tld = name.rsplit('.').next().unwrap_or("");
        if tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase()) {
            return None;
        }
    }
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
            || PARTICLES.contains(&w.to_lowercase().as_str())
    };
    // Body text needs capitalised words; metadata may write names in lower case.
    if strict && !words.iter().all(capitalised) {
        return None;
    }
    if !name.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &str, strict: bool) -> Vec<String> {
        names_in(v, &NotAuthors::new(&["Rheinpost"], "https://www.rheinpost.example/a"), strict)
    }

    #[test]
    fn bylines_in_several_languages() {
        assert_eq!(names("Posted by Jane Roe on June 3, 2025", true), vec!["Jane Roe"]);
        assert_eq!(names("Von Lena Vogt und Jonas Brandt", true), vec!["Lena Vogt", "Jonas Brandt"]);
        assert_eq!(names("Par Marie Curie et Pierre Curie, le 3 juin 2025", true), vec!["Marie Curie", "Pierre Curie"]);
        assert_eq!(names("Por Ana López y Javier Ruiz | Madrid", true), vec!["Ana López", "Javier Ruiz"]);
        assert_eq!(names("Door Jan de Vries en Piet Jansen", true), vec!["Jan de Vries", "Piet Jansen"]);
        assert_eq!(names("Ann Lee - Bob Stone", true), vec!["Ann Lee", "Bob Stone"]);
        assert_eq!(names("Ann Lee & Bob Stone", true), vec!["Ann Lee", "Bob Stone"]);
    }

    #[test]
    fn site_names_hosts_urls_emails_and_roles_are_no_authors() {
        assert!(names("Rheinpost", false).is_empty());
        assert!(names("rheinpost.example", false).is_empty());
        assert!(names("https://www.facebook.com/someone", false).is_empty());
        assert!(names("jane@example.org", false).is_empty());
        assert!(names("admin", false).is_empty());
        assert!(names("Redaktion", false).is_empty());
        assert_eq!(names("jane roe", false), vec!["jane roe"], "metadata keeps the name as written");
        assert!(names("jane roe", true).is_empty(), "body text needs capitalised names");
        assert!(names("Madonna", true).is_empty(), "one word in body text is no byline");
    }
}
