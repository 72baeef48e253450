//! Runs of repeated siblings: a thread's posts, a listing's items, a shop's
//! product cards. Readability models a page as one article subtree, so on
//! such pages it keeps one item (the first post) or none (linked cards are
//! "link lists" to it); the run, found by shape alone, is the page's content.
//!
//! A run is three or more element children of one parent with the same tag
//! and first class word (words with digits skipped: `post-12`), none of them
//! holding most of the run's text (layout rows where one row is the article
//! are not a run). Chrome (navigation, footers, generic sidebar/menu class
//! words) is left out, as in `density`. Generic: shape and text size only,
//! never a site's markup. It reads the DOM index's entries; it never walks
//! the tree itself.

use dom_query::NodeRef;
use rustc_hash::FxHashMap;

use super::index::{DomIndex, NONE};
use super::markup::Tag;

/// Fewest members of a run.
const MIN_MEMBERS: usize = 3;
/// A member below this many non-space characters does not count towards `MIN_MEMBERS`.
const MIN_MEMBER_CHARS: usize = 10;
/// No member may hold more than this share of the run's text.
const MAX_MEMBER_SHARE: f32 = 0.5;

/// The page's largest run of repeated siblings.
pub struct Run<'a> {
    /// In document order.
    pub members: Vec<NodeRef<'a>>,
    /// Non-space characters under the members' parent (links included, chrome
    /// pruned): an upper bound for the text a walk of the parent yields.
    pub parent_chars: usize,
}

/// One element as the run finder sees it, in pre-order: `parent` indexes the
/// same list (`usize::MAX` for none), `chars` are the non-space characters
/// under it, links included, chrome pruned.
struct Element<'a> {
    node: NodeRef<'a>,
    parent: usize,
    signature: u64,
    chars: usize,
}

/// The page's largest run of repeated siblings, from the index's elements
/// (chrome left out).
pub(crate) fn largest_run<'a>(index: &DomIndex<'a>) -> Option<Run<'a>> {
    // The run finder's own list, with parents re-indexed into it.
    let mut position = vec![usize::MAX; index.entries.len()];
    let mut elements = Vec::new();
    for (i, e) in index.entries.iter().enumerate() {
        if e.tag == Tag::Text || e.chrome || e.node.is_document() {
            continue;
        }
        position[i] = elements.len();
        let parent = if e.parent == NONE { usize::MAX } else { position[e.parent as usize] };
        elements.push(Element { node: e.node, parent, signature: e.signature, chars: e.density.run_chars as usize });
    }
    find_run(&elements, |p| elements.get(p).map_or(0, |e| e.chars))
}

/// Finds the run of repeated siblings holding the most text (links included)
/// among `elements`; `chars_of(parent)` is a parent's characters.
fn find_run<'a>(elements: &[Element<'a>], chars_of: impl Fn(usize) -> usize) -> Option<Run<'a>> {
    let mut groups: FxHashMap<(usize, u64), Vec<usize>> = FxHashMap::default();
    for (i, e) in elements.iter().enumerate() {
        if e.chars > 0 && e.parent != usize::MAX {
            groups.entry((e.parent, e.signature)).or_default().push(i);
        }
    }
    let mut best: Option<(usize, Vec<usize>)> = None;
    for members in groups.into_values() {
        let sizable = members.iter().filter(|&&i| elements[i].chars >= MIN_MEMBER_CHARS).count();
        if sizable < MIN_MEMBERS {
            continue;
        }
        let total: usize = members.iter().map(|&i| elements[i].chars).sum();
        let largest = members.iter().map(|&i| elements[i].chars).max().unwrap_or(0);
        if largest as f32 > MAX_MEMBER_SHARE * total as f32 {
            continue;
        }
        // Ties go to the run that starts first: HashMap order must not decide.
        if best.as_ref().is_none_or(|(t, m)| total > *t || (total == *t && members[0] < m[0])) {
            best = Some((total, members));
        }
    }
    let (_, mut members) = best?;
    // Pre-order indices are document order.
    members.sort_unstable();
    let parent_chars = chars_of(elements[members[0]].parent);
    Some(Run { members: members.into_iter().map(|i| elements[i].node).collect(), parent_chars })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn run_texts(html: &str) -> Option<Vec<String>> {
        let doc = Document::from(html);
        let index = DomIndex::read(&doc.root());
        largest_run(&index).map(|r| r.members.iter().map(|m| m.text().trim().to_string()).collect())
    }

    #[test]
    fn a_threads_posts_form_a_run_and_the_menu_does_not() {
        let html = "<body><nav><ul><li>Home page</li><li>Forums list</li><li>Members area</li></ul></nav>\
             <div class='thread'><div class='post post-1'>First post with a question.</div>\
             <div class='post post-2'>A reply that answers it.</div>\
             <div class='post post-3'>Another reply with thanks.</div></div></body>";
        assert_eq!(
            run_texts(html).unwrap(),
            vec!["First post with a question.", "A reply that answers it.", "Another reply with thanks."]
        );
    }

    #[test]
    fn layout_rows_dominated_by_one_row_are_not_a_run() {
        let long = "An article paragraph that goes on. ".repeat(20);
        let html = format!(
            "<body><div class='row'><p>{long}</p></div><div class='row'>Short row one</div>\
             <div class='row'>Short row two</div></body>"
        );
        assert!(run_texts(&html).is_none());
    }

    #[test]
    fn a_forums_posts_in_its_moderation_form_are_a_run() {
        let prose = "Words that people wrote, long enough to matter for the reading here. ".repeat(4);
        let forum = format!(
            "<body><h1>A thread</h1><div id=comments><form><article class=post>{prose}</article>\
             <article class=post>{prose}</article><article class=post>{prose}</article></form></div></body>"
        );
        assert_eq!(run_texts(&forum).map(|r| r.len()), Some(3), "comment threads hold the page's text here");
    }
}
