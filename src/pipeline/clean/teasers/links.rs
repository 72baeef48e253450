//! Where a card's link may point: another article page of the same site,
//! not this page, a fragment, a file, or a tag/section/author/shop page.
//! Judged on the URL alone, so it runs before any markup is read.

/// The site a host belongs to: its last two labels, three under a
/// two-letter country code with a short second level (`co.uk`, `com.au`).
pub(super) fn site_of(host: &str) -> String {
    let host = host.trim_start_matches("www.").to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    let take = if n >= 3 && labels[n - 1].len() == 2 && labels[n - 2].len() <= 3 { 3 } else { 2 };
    labels[n.saturating_sub(take)..].join(".")
}

/// The URL compared for duplicates: no scheme, `www.`, fragment or trailing slash.
pub(super) fn link_key(link: &str) -> String {
    let link = link.split('#').next().unwrap_or(link);
    let link = link.split_once("://").map_or(link, |(_, rest)| rest);
    link.trim_start_matches("www.").trim_end_matches('/').to_string()
}

/// Files a link may point at: never an article.
const FILE_EXTENSIONS: &[&str] = &[
    "pdf", "jpg", "jpeg", "png", "gif", "webp", "svg", "zip", "gz", "rar", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
    "csv", "mp3", "mp4", "mov", "avi", "epub", "exe", "dmg", "apk", "msi", "xml", "rss", "ics",
];

/// Path segments of pages that are not an article: taxonomy, people, search,
/// accounts, shops, feeds (CMS conventions, any site).
const NOT_ARTICLE_SEGMENTS: &[&str] = &[
    "tag",
    "tags",
    "category",
    "categories",
    "author",
    "authors",
    "topic",
    "topics",
    "search",
    "page",
    "user",
    "users",
    "profile",
    "profiles",
    "member",
    "members",
    "login",
    "signin",
    "sign-in",
    "register",
    "signup",
    "account",
    "cart",
    "checkout",
    "shop",
    "store",
    "product",
    "products",
    "subscribe",
    "newsletter",
    "feed",
    "rss",
    "contact",
    "about",
    "privacy",
    "terms",
    "cdn-cgi",
    "wp-login.php",
    "donate",
    "advertise",
    "jobs",
    "careers",
    "pricing",
];

/// The link's absolute URL when it may be another article of this site.
pub(super) fn article_link(href: &str, base: &url::Url, site: &str) -> Option<url::Url> {
    let href = href.trim();
    let lower_start = href.get(..11).unwrap_or(href).to_ascii_lowercase();
    if href.is_empty()
        || href.starts_with('#')
        || ["javascript:", "mailto:", "tel:", "sms:", "data:"].iter().any(|s| lower_start.starts_with(s))
    {
        return None;
    }
    let link = base.join(href).ok()?;
    if !matches!(link.scheme(), "http" | "https") || site_of(link.host_str()?) != site {
        return None;
    }
    // This page itself, with or without a fragment or tracking query.
    if link.host_str() == base.host_str()
        && link.path().trim_end_matches('/') == base.path().trim_end_matches('/')
        && (untracked_query(&link).is_empty() || untracked_query(&link) == untracked_query(base))
    {
        return None;
    }
    // Below this page's own address: a listing's filter or facet page, a page's part.
    let own = base.path().trim_end_matches('/');
    if !own.is_empty() && link.host_str() == base.host_str() && link.path().starts_with(&format!("{own}/")) {
        return None;
    }
    let segments: Vec<&str> = link.path().split('/').filter(|s| !s.is_empty()).collect();
    let last = *segments.last()?;
    if let Some((_, ext)) = last.rsplit_once('.') {
        if FILE_EXTENSIONS.iter().any(|x| ext.eq_ignore_ascii_case(x)) {
            return None;
        }
    }
    if segments.iter().any(|s| NOT_ARTICLE_SEGMENTS.iter().any(|w| s.eq_ignore_ascii_case(w))) {
        return None;
    }
    // An article's address names it (a slug, an id) or sits under a section; `/world` is a section.
    let names_one = last.bytes().any(|b| b == b'-' || b == b'_' || b.is_ascii_digit())
        || link.query().is_some_and(|q| q.bytes().any(|b| b.is_ascii_digit()))
        || segments.len() >= 2;
    names_one.then_some(link)
}

/// The query's parameters without tracking ones (`utm_*`, click ids), sorted.
pub(super) fn untracked_query(link: &url::Url) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = link
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_") && !matches!(k.as_ref(), "fbclid" | "gclid" | "ref" | "src"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    pairs
}
