//! Page-level metadata read from the whole DOM before main-content selection
//! mutates it: canonical URL, site name, authors, publish time, declared
//! language. Readability's own metadata (JSON-LD, byline) fills the gaps in
//! `html.rs`.

use dom_query::Document;

use super::{normalize_text, PageMeta};

fn attr_of(doc: &Document, selector: &str, attr: &str) -> Option<String> {
    doc.select(selector)
        .iter()
        .find_map(|s| s.attr(attr))
        .map(|v| normalize_text(&v))
        .filter(|v| !v.is_empty())
}

pub fn read_meta(doc: &Document, url: &str) -> PageMeta {
    let base = url::Url::parse(url).ok();
    let absolute = |href: String| match &base {
        Some(b) => b.join(&href).map(|u| u.to_string()).unwrap_or(href),
        None => href,
    };
    let canonical = attr_of(doc, r#"link[rel="canonical"]"#, "href")
        .or_else(|| attr_of(doc, r#"meta[property="og:url"]"#, "content"))
        .map(absolute);
    let mut authors: Vec<String> = doc
        .select(r#"meta[name="author"], meta[property="article:author"]"#)
        .iter()
        .filter_map(|s| s.attr("content"))
        .flat_map(|v| split_authors(&v))
        .filter(|a| !a.starts_with("http"))
        .collect();
    authors.dedup();
    PageMeta {
        title: None,
        canonical_url: canonical,
        site_name: attr_of(doc, r#"meta[property="og:site_name"]"#, "content"),
        authors,
        published_at: attr_of(doc, r#"meta[property="article:published_time"]"#, "content")
            .or_else(|| attr_of(doc, r#"meta[itemprop="datePublished"]"#, "content"))
            .or_else(|| attr_of(doc, "time[datetime]", "datetime")),
        declared_lang: attr_of(doc, "html[lang]", "lang")
            .or_else(|| attr_of(doc, r#"meta[property="og:locale"]"#, "content")),
    }
}

pub fn split_authors(byline: &str) -> Vec<String> {
    let byline = normalize_text(byline);
    let byline = byline.trim_start_matches(|c: char| !c.is_alphabetic());
    let lower = byline.to_lowercase();
    let byline = ["by ", "par ", "von ", "por ", "di ", "door "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(byline, |p| &byline[p.len()..]);
    byline
        .split([',', ';', '|'])
        .flat_map(|s| {
            s.split(" and ")
                .flat_map(|s| s.split(" et "))
                .flat_map(|s| s.split(" und "))
        })
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s.chars().count() <= 80)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_split_into_authors() {
        assert_eq!(
            split_authors("By Jane Roe and John Doe"),
            vec!["Jane Roe", "John Doe"]
        );
        assert_eq!(
            split_authors("Par Marie Curie, Pierre Curie"),
            vec!["Marie Curie", "Pierre Curie"]
        );
    }
}
