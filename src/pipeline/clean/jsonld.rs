//! The page's JSON-LD (schema.org `NewsArticle` and friends, Yoast-style
//! `@graph`s with `@id` references) read into the few fields metadata needs.
//! Apart from `meta.rs` because it walks JSON, not the DOM.

use serde_json::Value;

use super::meta::split_list;
use crate::pipeline::text::normalize_text;

/// What the page's JSON-LD says about its article.
#[derive(Default)]
pub(super) struct JsonLd {
    pub(super) headline: Option<String>,
    pub(super) published: Option<String>,
    pub(super) modified: Option<String>,
    pub(super) authors: Vec<String>,
    pub(super) publisher: Option<String>,
    pub(super) section: Option<String>,
    pub(super) keywords: Vec<String>,
    pub(super) image: Option<String>,
    pub(super) description: Option<String>,
    /// An object of a `DISCUSSION_TYPES` type.
    pub(super) discussion: bool,
    /// Who opened the thread: the author of its `DiscussionForumPosting`, or
    /// of a `QAPage`'s `Question` (an FAQ's questions have no asker).
    pub(super) thread_authors: Vec<String>,
}

/// schema.org types of forum threads and Q&A pages.
const DISCUSSION_TYPES: &[&str] = &["DiscussionForumPosting", "QAPage", "Question"];

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "WebPage",
];

impl JsonLd {
    pub(super) fn read(scripts: &[String]) -> JsonLd {
        let mut out = JsonLd::default();
        let values: Vec<Value> = scripts.iter().filter_map(|s| serde_json::from_str::<Value>(s.trim()).ok()).collect();
        let mut objects = Vec::new();
        for value in &values {
            collect_objects(value, &mut objects, 0);
        }
        // `{"@id": …}` references (Yoast's graphs) resolve to the named object.
        let names: rustc_hash::FxHashMap<&str, &str> =
            objects.iter().filter_map(|o| Some((o.get("@id")?.as_str()?, o.get("name")?.as_str()?))).collect();
        // Article types first; WebPage only fills gaps.
        objects.sort_by_key(|o| type_names(o).iter().any(|t| t == "WebPage"));
        let qa_page = objects.iter().any(|o| has_type(o, |t| t == "QAPage"));
        for obj in objects {
            let types = type_names(obj);
            out.discussion |= types.iter().any(|t| DISCUSSION_TYPES.contains(&t.as_str()));
            if out.thread_authors.is_empty() {
                // The thread may be the object or its page's `mainEntity`.
                let main = obj.get("mainEntity").and_then(Value::as_object);
                let opens_thread = |o: &serde_json::Map<String, Value>| {
                    has_type(o, |t| t == "DiscussionForumPosting" || qa_page && t == "Question")
                };
                let thread = [Some(obj), main].into_iter().flatten().find(|o| opens_thread(o));
                out.thread_authors =
                    thread.and_then(|o| o.get("author")).map(|a| author_texts(a, &names)).unwrap_or_default();
            }
            if types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str())) {
                out.fill_from(obj, &names);
            }
        }
        out
    }

    fn fill_from(&mut self, obj: &serde_json::Map<String, Value>, names: &rustc_hash::FxHashMap<&str, &str>) {
        let text = |key: &str| obj.get(key).and_then(first_text);
        self.headline = self.headline.take().or_else(|| text("headline"));
        self.published = self.published.take().or_else(|| text("datePublished"));
        self.modified = self.modified.take().or_else(|| text("dateModified"));
        self.description = self.description.take().or_else(|| text("description"));
        self.section = self.section.take().or_else(|| text("articleSection"));
        self.image = self.image.take().or_else(|| text("image"));
        if self.publisher.is_none() {
            self.publisher = obj.get("publisher").and_then(first_text);
        }
        if self.authors.is_empty() {
            self.authors = obj.get("author").map(|a| author_texts(a, names)).unwrap_or_default();
        }
        if self.keywords.is_empty() {
            self.keywords = match obj.get("keywords") {
                Some(Value::String(s)) => split_list(s),
                Some(v) => all_texts(v),
                None => Vec::new(),
            };
        }
    }
}

/// An `@type` (one or a list) that `is` accepts, without allocating.
fn has_type(obj: &serde_json::Map<String, Value>, is: impl Fn(&str) -> bool) -> bool {
    match obj.get("@type") {
        Some(Value::String(s)) => is(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

fn type_names(obj: &serde_json::Map<String, Value>) -> Vec<String> {
    match obj.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

fn collect_objects<'a>(value: &'a Value, out: &mut Vec<&'a serde_json::Map<String, Value>>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect_objects(v, out, depth + 1)),
        Value::Object(obj) => {
            out.push(obj);
            if let Some(graph) = obj.get("@graph") {
                collect_objects(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Author names: strings, objects' `name`s, `@id` references resolved; never URLs.
fn author_texts(value: &Value, names: &rustc_hash::FxHashMap<&str, &str>) -> Vec<String> {
    match value {
        Value::String(s) => vec![normalize_text(s)],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .or_else(|| o.get("@id").and_then(Value::as_str).and_then(|id| names.get(id).copied()))
            .map(normalize_text)
            .into_iter()
            .collect(),
        Value::Array(items) => items.iter().flat_map(|v| author_texts(v, names)).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

/// A string, or an object's `name` / `url`, or the first of an array of those.
fn first_text(value: &Value) -> Option<String> {
    all_texts(value).into_iter().next()
}

fn all_texts(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => Some(normalize_text(s)).into_iter().collect(),
        Value::Object(o) => {
            o.get("name").or_else(|| o.get("url")).and_then(Value::as_str).map(normalize_text).into_iter().collect()
        }
        Value::Array(items) => items.iter().flat_map(all_texts).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}
