//! Main-content choice: Mozilla Readability's scoring (the algorithm
//! dom_smoothie ports), read from the DOM index's totals.
//!
//! Readability scores paragraphs into their ancestors, takes the best
//! candidate, joins its well-scoring siblings and then removes what its
//! `prepArticle` would; while the result is short it retries with fewer
//! rules (`Attempt`). Here nothing is removed from the tree: the choice is a
//! list of parts plus the subtrees the block walk skips.
//!
//! Deliberate simplifications, judged on zyte and wcxb: nested removals do
//! not update an ancestor's totals, and lazy images are not resolved.
//! It must never read text again or change the tree: every length comes
//! from the index.

use dom_query::{NodeId, NodeRef};
use rustc_hash::FxHashSet;

use super::index::{DomIndex, Entry, Reading, NONE};
use super::markup::{self, has_share_word, Tag, HINT_BYLINE, HINT_NEGATIVE, HINT_POSITIVE};
use super::totals::Totals;

/// Readability's `DEFAULT_CHAR_THRESHOLD`: a shorter choice triggers a retry with fewer rules.
const CHAR_THRESHOLD: u32 = 500;
const TOP_CANDIDATES: usize = 5;
/// A sibling with this many headline links (`TEASER_HEADLINE_CHARS`+ each,
/// the whole of their line) and under `TEASER_MAX_CHARS` of other text per
/// headline is a list of cards (`Scoring::is_teaser_list`). Measured: 600
/// characters takes in the short sections of two wcxb articles.
const TEASER_MIN_HEADLINES: u32 = 2;
const TEASER_HEADLINE_CHARS: u32 = 20;
const TEASER_MAX_CHARS: f32 = 400.0;
/// Readability's bar: a container with this many commas holds sentences and
/// is never removed conditionally. `Scoring::prose_box` uses it too.
const PROSE_COMMAS: u32 = 10;
/// Readability's link-density bar for an unweighted container, also
/// `Scoring::prose_box`'s.
const LINK_DENSITY: f32 = 0.2;
/// See `Scoring::card_links`: the link density a container holding a
/// paragraph may have off articles and threads (Readability's bar is 0.2).
/// Measured: 0.3 and 0.33 gain less on wcxb, 0.25 hardly anything.
const CARD_LINK_DENSITY: f32 = 0.4;
/// See `Scoring::skip_card_lists`.
const CARD_LIST_INNER_SHARE: f32 = 0.5;
/// Ancestors of a paragraph that share its score.
const SCORE_DEPTH: usize = 5;

/// Readability's choice, as parts in document order, plus what to skip when walking them.
pub(crate) struct Choice<'a> {
    pub parts: Vec<NodeRef<'a>>,
    pub removed: FxHashSet<NodeId>,
    /// Readability's normalised text length of the choice.
    pub text_len: u32,
    /// Every part sits in a cookie or consent dialog: the scoring took its
    /// legal text for the article.
    pub in_chrome: bool,
}

/// The rules one of Readability's attempts applies (its `FLAG_*` flags).
#[derive(Clone, Copy)]
struct Attempt {
    /// Unlikely subtrees (class, id, role) are out.
    strip_unlikely: bool,
    /// Class and id words weigh a candidate up or down.
    weigh_classes: bool,
    /// `prepArticle` removes link-heavy and image-heavy containers.
    clean_conditionally: bool,
}

impl Attempt {
    /// Strict first, then one rule fewer at a time, as Readability retries.
    const SEQUENCE: [Attempt; 4] = [
        Attempt { strip_unlikely: true, weigh_classes: true, clean_conditionally: true },
        Attempt { strip_unlikely: false, weigh_classes: true, clean_conditionally: true },
        Attempt { strip_unlikely: false, weigh_classes: false, clean_conditionally: true },
        Attempt { strip_unlikely: false, weigh_classes: false, clean_conditionally: false },
    ];

    fn reading(self) -> Reading {
        if self.strip_unlikely {
            Reading::WithoutUnlikely
        } else {
            Reading::All
        }
    }
}

/// Readability's multi-attempt choice: strict first, then fewer rules
/// while the choice holds under `CHAR_THRESHOLD` characters; the longest wins.
/// `known_byline`: metadata already named an author; `discussion`: the page is a thread.
pub fn choose<'a>(
    index: &DomIndex<'a>,
    title: Option<&str>,
    known_byline: bool,
    article: bool,
    discussion: bool,
) -> Option<Choice<'a>> {
    let mut best: Option<Choice<'a>> = None;
    for attempt in Attempt::SEQUENCE {
        let choice = Scoring::new(index, attempt, article, discussion).choose(title, known_byline);
        if choice.text_len >= CHAR_THRESHOLD {
            return Some(choice);
        }
        if best.as_ref().is_none_or(|b| choice.text_len > b.text_len) {
            best = Some(choice);
        }
    }
    best
}

/// One attempt's scores over the index.
struct Scoring<'i, 'a> {
    index: &'i DomIndex<'a>,
    entries: &'i [Entry<'a>],
    body: u32,
    attempt: Attempt,
    reading: Reading,
    /// The page declares itself an article.
    article: bool,
    /// Neither an article nor a thread (`card_links`).
    card_page: bool,
    score: Vec<f32>,
    scored: Vec<bool>,
}

impl<'i, 'a> Scoring<'i, 'a> {
    fn new(index: &'i DomIndex<'a>, attempt: Attempt, article: bool, discussion: bool) -> Self {
        let n = index.entries.len();
        Scoring {
            index,
            entries: &index.entries,
            body: index.body(),
            attempt,
            reading: attempt.reading(),
            article,
            card_page: !article && !discussion,
            score: vec![0.0; n],
            scored: vec![false; n],
        }
    }

    fn totals(&self, i: u32) -> &Totals {
        self.entries[i as usize].totals(self.reading)
    }

    fn choose(mut self, title: Option<&str>, known_byline: bool) -> Choice<'a> {
        self.score_paragraphs();
        let mut top = self.top_candidates();
        if self.article {
            self.skip_card_lists(&mut top);
        }
        let parts = match top.first() {
            Some(&t) if t != self.body => {
                let candidate = self.pick_candidate(t, &top);
                self.join_siblings(candidate)
            }
            _ => vec![self.body],
        };
        self.finish(parts, title, known_byline)
    }

    /// Left out of this attempt: hidden, or unlikely when those are stripped.
    fn excluded(&self, i: usize) -> bool {
        self.entries[i].in_hidden || self.attempt.strip_unlikely && self.entries[i].in_unlikely
    }

    /// A candidate's initial score: its tag and class/id words.
    fn init(&mut self, i: u32) {
        let tag_score = match self.entries[i as usize].tag {
            Tag::Div => 5.0,
            Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
            Tag::Address | Tag::ListLike => -3.0,
            Tag::H1 | Tag::H2 | Tag::Heading | Tag::Th => -5.0,
            _ => 0.0,
        };
        self.score[i as usize] = tag_score + self.class_weight(i);
        self.scored[i as usize] = true;
    }

    fn init_once(&mut self, i: u32) {
        if !self.scored[i as usize] {
            self.init(i);
        }
    }

    fn class_weight(&self, i: u32) -> f32 {
        if !self.attempt.weigh_classes {
            return 0.0;
        }
        let e = &self.entries[i as usize];
        let w = |bits: u16| {
            (if bits & HINT_NEGATIVE != 0 { -25.0 } else { 0.0 }) + if bits & HINT_POSITIVE != 0 { 25.0 } else { 0.0 }
        };
        w(e.class_bits) + w(e.id_bits)
    }

    /// Scores paragraphs (and div runs that read as one) into their ancestors.
    fn score_paragraphs(&mut self) {
        let (start, end) = (self.body, self.entries[self.body as usize].end);
        for i in start..end {
            let e = &self.entries[i as usize];
            if self.excluded(i as usize) || e.tag == Tag::Text {
                continue;
            }
            let t = e.totals(self.reading);
            // (length, commas, first ancestor to credit)
            let unit = match e.tag {
                Tag::P | Tag::Pre | Tag::Td | Tag::Section | Tag::H2 | Tag::Heading => {
                    Some((t.text(), t.commas, e.parent))
                }
                Tag::Div if !e.block_descendant => Some((t.text(), t.commas, e.parent)),
                Tag::Div => Some((e.own_text, e.own_commas, i)), // its phrasing runs, wrapped in a paragraph
                _ => None,
            };
            let Some((len, commas, first)) = unit else { continue };
            if len < 25 || first == NONE {
                continue;
            }
            let content = 1.0 + (commas + 1) as f32 + (len / 100).min(3) as f32;
            self.credit_ancestors(first, content);
        }
    }

    /// Adds a paragraph's score to `first` and the ancestors above it,
    /// less at each level.
    fn credit_ancestors(&mut self, first: u32, content: f32) {
        let mut ancestor = self.skip_wrapper(first);
        for level in 0..SCORE_DEPTH {
            if ancestor == NONE {
                break;
            }
            let a = &self.entries[ancestor as usize];
            // Readability stops below the document element.
            if a.parent == NONE || self.entries[a.parent as usize].tag == Tag::Text || a.tag == Tag::Html {
                break;
            }
            let parent = a.parent;
            self.init_once(ancestor);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            self.score[ancestor as usize] += content / divider;
            ancestor = self.skip_wrapper(parent);
        }
    }

    /// A div whose only content is one paragraph gives way to it (Readability
    /// replaces such divs by their paragraph).
    fn skip_wrapper(&self, mut i: u32) -> u32 {
        while i != NONE {
            let e = &self.entries[i as usize];
            if e.tag == Tag::Div && e.element_children == 1 && e.own_text == 0 && self.totals(i).link_density() < 0.25 {
                let only_p = self.index.children(i).any(|c| self.entries[c as usize].tag == Tag::P);
                if only_p {
                    i = e.parent;
                    continue;
                }
            }
            break;
        }
        i
    }

    /// The best-scoring candidates, best first, after each scored element's
    /// score is discounted by its link density.
    fn top_candidates(&mut self) -> Vec<u32> {
        let (start, end) = (self.body, self.entries[self.body as usize].end);
        let mut top: Vec<u32> = Vec::with_capacity(TOP_CANDIDATES + 1);
        for i in start..end {
            let iu = i as usize;
            if !self.scored[iu] || self.excluded(iu) {
                continue;
            }
            self.score[iu] *= 1.0 - self.totals(i).link_density();
            let pos = top.iter().position(|&t| self.score[t as usize] < self.score[iu]).unwrap_or(top.len());
            if pos < TOP_CANDIDATES {
                top.insert(pos, i);
                top.truncate(TOP_CANDIDATES);
            }
        }
        top
    }

    /// On an article, a best candidate that is a list of cards holds the
    /// story among other stories' excerpts: the best candidate inside it that
    /// is no such list, scoring at least `CARD_LIST_INNER_SHARE` of it, is
    /// the story (a listicle's single entry scores far less than the list).
    /// The list and the rest of it go; a candidate elsewhere on the page that
    /// is no card list and outscores the story keeps its place ahead of it.
    fn skip_card_lists(&self, top: &mut Vec<u32>) {
        let Some(&best) = top.first() else { return };
        if best == self.body || !self.is_teaser_list(best) {
            return;
        }
        let end = self.entries[best as usize].end;
        let floor = CARD_LIST_INNER_SHARE * self.score[best as usize];
        let inner = top[1..]
            .iter()
            .copied()
            .find(|&t| t > best && t < end && self.score[t as usize] >= floor && self.reads_as_story(t));
        if let Some(story) = inner {
            let at = self.score[story as usize];
            let inside = |t: u32| t > best && t < end;
            top.retain(|&t| t != story && !self.is_teaser_list(t) && (self.score[t as usize] <= at || !inside(t)));
            // Ahead of any candidate scoring as much: a tie must not undo the pick.
            let pos = top.iter().position(|&t| self.score[t as usize] <= at).unwrap_or(top.len());
            top.insert(pos, story);
        }
    }

    /// From the best candidate to the article's container: a shared ancestor
    /// of several near-equal candidates, a parent that scores comparably, the
    /// parent of an only child.
    fn pick_candidate(&mut self, best: u32, top: &[u32]) -> u32 {
        let mut candidate = best;
        // Several near-equal candidates under one ancestor: the ancestor is the article.
        let top_score = self.score[candidate as usize];
        let alternatives: Vec<Vec<u32>> = top[1..]
            .iter()
            .filter(|&&t| self.score[t as usize] / top_score >= 0.75)
            .map(|&t| self.index.ancestors(t))
            .collect();
        if alternatives.len() >= 3 {
            let mut parent = self.entries[candidate as usize].parent;
            while parent != NONE && parent != self.body {
                if alternatives.iter().filter(|a| a.contains(&parent)).count() >= 3 {
                    candidate = parent;
                    break;
                }
                parent = self.entries[parent as usize].parent;
            }
        }
        self.init_once(candidate);
        candidate = self.climb(candidate);
        // An only child stands for its parent.
        loop {
            let parent = self.entries[candidate as usize].parent;
            if parent == NONE || parent == self.body || self.entries[parent as usize].element_children != 1 {
                break;
            }
            candidate = parent;
        }
        self.init_once(candidate);
        candidate
    }

    /// Climbs while the parent scores comparably: the article's container.
    fn climb(&self, mut candidate: u32) -> u32 {
        let mut parent = self.entries[candidate as usize].parent;
        let mut last = self.score[candidate as usize];
        let threshold = last / 3.0;
        while parent != NONE && parent != self.body {
            if !self.scored[parent as usize] {
                parent = self.entries[parent as usize].parent;
                continue;
            }
            let s = self.score[parent as usize];
            if s < threshold {
                break;
            }
            if s > last {
                // On an article a list of cards is not the story's container.
                if !(self.article && self.is_teaser_list(parent)) {
                    candidate = parent;
                }
                break;
            }
            last = s;
            parent = self.entries[parent as usize].parent;
        }
        candidate
    }

    /// The candidate and its siblings that score well or read like paragraphs.
    fn join_siblings(&self, candidate: u32) -> Vec<u32> {
        let top_score = self.score[candidate as usize];
        let sibling_threshold = (top_score * 0.2).max(10.0);
        let top = &self.entries[candidate as usize];
        let top_class = top.node.attr("class");
        let mut parts = Vec::new();
        for s in self.index.children(top.parent) {
            let su = s as usize;
            let e = &self.entries[su];
            if e.tag == Tag::Text || self.excluded(su) {
                continue;
            }
            let append = if s == candidate {
                true
            } else {
                // Readability asks for the same class string; page builders number
                // each section (`elementor-element-8c3f`), so the same first class
                // word counts (`index::signature`).
                let same_kind = e.signature == top.signature
                    && top_class.as_deref().is_some_and(|c| !c.is_empty())
                    && e.node.has_attr("class");
                let bonus = if same_kind { top_score * 0.2 } else { 0.0 };
                if self.scored[su] && self.score[su] + bonus >= sibling_threshold {
                    true
                } else if e.tag == Tag::P {
                    let t = e.totals(self.reading);
                    let density = t.link_density();
                    let len = t.text();
                    (len > 80 && density < 0.25) || (len > 0 && len < 80 && density == 0.0 && ends_sentence(&e.node))
                } else {
                    false
                }
            };
            // On an article, a sibling that is a list of other stories'
            // cards scores like prose (their excerpts) but is not the story.
            if append && s != candidate && self.article && self.is_teaser_list(s) {
                continue;
            }
            if append {
                parts.push(s);
            }
        }
        parts
    }

    /// A list of cards for other pages: `TEASER_MIN_HEADLINES`+ links that
    /// are each a whole line (a card's headline, not a link inside a
    /// sentence), with under `TEASER_MAX_CHARS` of unlinked text per
    /// headline (a one-line excerpt, a kicker, a date). A listicle's entries
    /// have their prose under the heading and stay.
    fn is_teaser_list(&self, s: u32) -> bool {
        let (headlines, other) = self.cards(s);
        headlines >= TEASER_MIN_HEADLINES && other < TEASER_MAX_CHARS * headlines as f32
    }

    /// A story, not a card: no headline link (a card's title links to its
    /// page) and more unlinked text than a card's excerpt.
    fn reads_as_story(&self, s: u32) -> bool {
        let (headlines, other) = self.cards(s);
        headlines == 0 && other >= TEASER_MAX_CHARS
    }

    /// Headline links under `s` (`TEASER_HEADLINE_CHARS`+, the whole of
    /// their line) and its unlinked text.
    fn cards(&self, s: u32) -> (u32, f32) {
        let mut headlines = 0u32;
        for k in s + 1..self.entries[s as usize].end {
            let a = &self.entries[k as usize];
            if a.tag != Tag::A || a.hash_link || self.excluded(k as usize) {
                continue;
            }
            let len = self.totals(k).text();
            if len >= TEASER_HEADLINE_CHARS && len as f32 >= 0.9 * self.totals(a.parent).text() as f32 {
                headlines += 1;
            }
        }
        let t = self.totals(s);
        (headlines, t.text() as f32 - t.link)
    }

    /// Readability's `prepArticle`, as a set of subtrees the walk skips.
    fn finish(&self, parts: Vec<u32>, title: Option<&str>, known_byline: bool) -> Choice<'a> {
        // A consent dialog joined as a sibling is not the article's; a choice
        // wholly inside one keeps its parts, flagged.
        let outside: Vec<u32> = parts.iter().copied().filter(|&p| !self.in_overlay(p)).collect();
        let in_chrome = outside.is_empty() && !parts.is_empty();
        let parts = if outside.is_empty() { parts } else { outside };
        let mut removed = FxHashSet::default();
        let mut text = Totals::default();
        // Readability removes a byline element only when metadata named no author.
        let mut byline_seen = known_byline;
        // Readability removes the first heading repeating the title in the
        // whole page: when that is the page's headline before the choice, a
        // subheading inside it saying the same ("10 projects for your home"
        // under "10 DIY projects for your home") is the article's and stays.
        let first = parts.iter().copied().min().unwrap_or(0) as usize;
        let mut title_seen = self.entries[..first]
            .iter()
            .enumerate()
            .any(|(i, e)| matches!(e.tag, Tag::H1 | Tag::H2) && !self.excluded(i) && duplicates_title(&e.node, title));
        for &part in &parts {
            let mut i = part;
            let end = self.entries[part as usize].end;
            while i < end {
                let e = &self.entries[i as usize];
                let drop = e.hidden
                    || (self.attempt.strip_unlikely && e.unlikely)
                    || (e.tag != Tag::Text && self.prep_removes(i))
                    || (!byline_seen && e.tag != Tag::Text && self.is_byline(i) && {
                        byline_seen = true;
                        true
                    })
                    || (!title_seen && matches!(e.tag, Tag::H1 | Tag::H2) && duplicates_title(&e.node, title) && {
                        title_seen = true;
                        true
                    });
                if drop {
                    removed.insert(e.node.id);
                    i = e.end;
                    continue;
                }
                if e.tag == Tag::Text && e.totals(Reading::All).has_text {
                    text.append_text(e.totals(Reading::All));
                }
                i += 1;
            }
        }
        Choice {
            in_chrome,
            parts: parts.into_iter().map(|p| self.entries[p as usize].node).collect(),
            removed,
            text_len: text.text(),
        }
    }

    /// Inside a cookie or consent dialog: up the chain of chrome entries, one
    /// whose class or id says so. (Ad and modal words also name page
    /// wrappers, `Page-ad-margins`, so they do not count here.)
    fn in_overlay(&self, mut i: u32) -> bool {
        while i != NONE {
            let e = &self.entries[i as usize];
            if !e.chrome || e.thread_only {
                return false;
            }
            let overlay = |name: &str| e.node.attr(name).is_some_and(|v| markup::has_consent_word(&v));
            if overlay("class") || overlay("id") {
                return true;
            }
            i = e.parent;
        }
        false
    }

    /// Off articles, a box whose class reads negative but that holds
    /// sentences (`PROSE_COMMAS`+ commas, under `LINK_DENSITY`
    /// of links, no inputs): a service page's call-to-action or banner
    /// sections carry its text. Readability removes every negative box; on
    /// articles such boxes are promos and asides, in threads replies.
    fn prose_box(&self, i: u32) -> bool {
        let e = &self.entries[i as usize];
        let t = self.totals(i);
        !self.article && !e.thread_only && t.input == 0 && t.commas >= PROSE_COMMAS && t.link_density() < LINK_DENSITY
    }

    fn is_byline(&self, i: u32) -> bool {
        let e = &self.entries[i as usize];
        let len = self.totals(i).text();
        (e.class_bits | e.id_bits) & HINT_BYLINE != 0 && len > 0 && len < 100
    }

    /// Readability's `_clean`, `_cleanHeaders`, share-widget removal and
    /// `_cleanConditionally`, judged on the page's totals.
    fn prep_removes(&self, i: u32) -> bool {
        let e = &self.entries[i as usize];
        let t = self.totals(i);
        let is_body = i == self.body;
        if matches!(e.tag, Tag::Embed | Tag::Footer | Tag::Aside | Tag::Input) {
            return true;
        }
        if matches!(e.tag, Tag::H1 | Tag::H2) && self.class_weight(i) < 0.0 {
            return true;
        }
        let share = (e.class_bits | e.id_bits) & HINT_NEGATIVE != 0 && has_share_word(&e.node);
        if share && t.text() < 500 && !is_body {
            return true;
        }
        if !self.attempt.clean_conditionally || is_body {
            return false;
        }
        // A div with no block inside became a paragraph in Readability's grab.
        let conditional = (e.tag == Tag::Div && e.block_descendant)
            || matches!(e.tag, Tag::Table | Tag::Fieldset)
            || e.is_list && !e.is_dl
            || e.is_form;
        if !conditional || e.in_table_or_code && e.tag != Tag::Table || t.data_table {
            return false;
        }
        let weight = self.class_weight(i);
        if weight < 0.0 && !self.prose_box(i) {
            return true;
        }
        if t.commas >= PROSE_COMMAS {
            return false;
        }
        let link_bar = if self.card_links(t) { CARD_LINK_DENSITY } else { LINK_DENSITY };
        removed_conditionally(e, t, weight, link_bar)
    }

    /// Off articles and threads, a container holding a paragraph is a card
    /// or a section whose title and call to action are links: Readability's
    /// link bar for unweighted containers (0.2) is set for article prose and
    /// strips a service page's cards. On articles such boxes are other
    /// stories' teasers, in threads a post's signature or header.
    fn card_links(&self, t: &Totals) -> bool {
        self.card_page && t.p > 0
    }
}

/// Readability's `_cleanConditionally` verdict on a container it may remove:
/// more images than paragraphs, more list items than paragraphs, forms,
/// short link-heavy blocks, embeds.
/// `link_bar`: the link density over which an unweighted container goes.
fn removed_conditionally(e: &Entry, t: &Totals, weight: f32, link_bar: f32) -> bool {
    let is_list = e.is_list || (t.text() > 0 && t.list_text as f32 / t.text() as f32 > 0.9);
    let (p, img, li) = (t.p as f32, t.img as f32, t.li as f32 - 100.0);
    let too_many_inputs = |input: u32| input as f32 > (p / 3.0).floor();
    let heading_density = if t.text() == 0 { 0.0 } else { t.heading_text as f32 / t.text() as f32 };
    let density = t.link_density();
    let len = t.text();
    let remove = (!e.in_figure && img > 1.0 && p / img < 0.5)
        || (!is_list && li > p)
        || (!is_list
            && !e.in_figure
            && heading_density < 0.9
            && len < 25
            && (img == 0.0 || img > 2.0)
            && density > 0.0)
        || (!is_list && weight < 25.0 && density > link_bar)
        || (weight >= 25.0 && density > 0.5)
        || (t.embed == 1 && len < 75)
        || t.embed > 1
        // A Markdown task list's ticks are drawn as disabled checkboxes:
        // marks, not a form. Looked for only where inputs would remove it.
        || too_many_inputs(t.input) && too_many_inputs(t.input - markup::task_marks(&e.node).min(t.input));
    if remove && is_list {
        // Lists of images stay.
        return !(t.img > 0 && t.img == t.li);
    }
    remove
}

/// A short paragraph that ends a sentence (`. ` or a final `.`).
fn ends_sentence(node: &NodeRef) -> bool {
    let text = node.text();
    text.contains(". ") || text.trim_end().ends_with('.')
}

/// Readability drops the first h1/h2 repeating the title (similarity over 0.75).
fn duplicates_title(node: &NodeRef, title: Option<&str>) -> bool {
    let Some(title) = title else { return false };
    let heading = node.text();
    text_similarity(title, &heading) > 0.75
}

/// Readability's `_textSimilarity`: share of the second text's tokens also in the first.
fn text_similarity(a: &str, b: &str) -> f32 {
    let tokens = |s: &str| -> Vec<String> {
        s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
    };
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let unique: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let joined_b: usize = tb.iter().map(|t| t.len()).sum::<usize>() + tb.len().saturating_sub(1);
    let joined_u: usize = unique.iter().map(|t| t.len()).sum::<usize>() + unique.len().saturating_sub(1);
    1.0 - joined_u as f32 / joined_b as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn para(i: usize) -> String {
        format!("<p>Paragraph {i} tells the story, with commas, clauses, and enough words to score as prose in a real article body.</p>")
    }

    #[test]
    fn the_article_beats_a_link_sidebar_and_an_unlikely_comment_thread() {
        let body: String = (0..6).map(para).collect();
        let links: String = (0..30).map(|i| format!("<li><a href='/{i}'>Another story number {i}</a></li>")).collect();
        let comments: String = (0..12).map(|i| format!("<div class='comment'>{}</div>", para(100 + i))).collect();
        let html = format!(
            "<body><div class='sidebar'><ul>{links}</ul></div><div class='story'><h1>Title</h1>{body}</div>\
             <div id='comments'>{comments}</div></body>"
        );
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let choice = choose(&index, None, false, false, false).expect("a choice");
        assert_eq!(choice.parts.len(), 1);
        assert_eq!(choice.parts[0].attr("class").as_deref(), Some("story"));
        assert!(choice.text_len >= CHAR_THRESHOLD);
    }

    #[test]
    fn a_sibling_list_of_story_cards_is_told_from_a_guides_entries() {
        let body: String = (0..20).map(para).collect();
        let cards = cards(4);
        let guide: String = (0..4)
            .map(|i| {
                let prose: String = (0..4).map(|k| para(10 * i + k)).collect();
                format!("<h3><a href='/trail-{i}'>A walk along the ridge, stage {i}</a></h3>{prose}")
            })
            .collect();
        let page = |second: &str| {
            format!(
                "<body><div class='column'><section class='widget'><article><h1>Title</h1>{body}</article></section>\
                 <section class='widget'>{second}</section></div></body>"
            )
        };
        let html =
            page(&cards).replace("</div></body>", &format!("<section class='widget'>{guide}</section></div></body>"));
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let scoring = Scoring::new(&index, Attempt::SEQUENCE[0], true, false);
        let sections = doc.select("section").nodes().iter().map(|n| n.id).collect::<Vec<_>>();
        let teaser_list = |k: usize| {
            let i = index.entries.iter().position(|e| e.node.id == sections[k]).unwrap() as u32;
            scoring.is_teaser_list(i)
        };
        assert!(!teaser_list(0), "the story");
        assert!(teaser_list(1), "cards of other stories");
        // A guide's linked headings have their prose under them: part of the article.
        assert!(!teaser_list(2), "a guide's entries");
    }

    /// `count` cards of other stories: a linked headline and a one-line excerpt each.
    fn cards(count: usize) -> String {
        (0..count)
            .map(|i| {
                format!(
                    "<div class='card'><div class='title'><a href='/news/story-{i}'>Another story of the week, number {i}</a></div>\
                     <div class='excerpt'>The first line of that other story, cut short by the theme, with commas, clauses...</div></div>"
                )
            })
            .collect()
    }

    /// The sibling join's refusal of card lists on articles (stop 42's rule),
    /// checked on a whole page: the story is already the best candidate here.
    #[test]
    fn on_an_article_a_sibling_list_of_cards_stays_out_of_the_choice() {
        let body: String = (0..20).map(para).collect();
        let html = format!(
            "<body><div class='column'><div class='block' id='story'><h1>Title</h1>{body}</div>\
             <div class='block' id='cards'>{}</div></div></body>",
            cards(4)
        );
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let ids = |article: bool| -> Vec<String> {
            let choice = choose(&index, None, false, article, false).expect("a choice");
            choice.parts.iter().filter_map(|p| p.attr("id").map(|c| c.to_string())).collect()
        };
        assert_eq!(ids(true), vec!["story"]);
        // Elsewhere such a list is the content (a forum's topic list).
        assert_eq!(ids(false), vec!["story", "cards"]);
    }

    #[test]
    fn on_an_article_a_story_among_cards_is_chosen_over_their_container() {
        let body: String = (0..6).map(para).collect();
        let html = format!(
            "<body><div id='wrap'><div id='story'>{body}</div>{}</div><div id='footer'><p>Footer.</p></div></body>",
            cards(30)
        );
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let id = |article: bool| {
            let choice = choose(&index, None, false, article, false).expect("a choice");
            assert_eq!(choice.parts.len(), 1);
            choice.parts[0].attr("id").map(|c| c.to_string())
        };
        assert_eq!(id(true).as_deref(), Some("story"));
        // The excerpts outscore the story: elsewhere the whole list is the content.
        assert_eq!(id(false).as_deref(), Some("wrap"));
    }

    #[test]
    fn a_negative_box_holding_sentences_stays_off_articles() {
        let body: String = (0..6).map(para).collect();
        let prose: String = (0..4).map(|i| para(50 + i)).collect();
        let html = format!(
            "<body><div class='main'>{body}<div class='cta promo' id='pitch'><div class='text'>{prose}</div></div>\
             <div class='cta promo' id='signup'><div class='text'>{prose}<input type='email'></div></div></div></body>"
        );
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let removed = |article: bool, id: &str| {
            let choice = choose(&index, None, false, article, false).expect("a choice");
            choice.removed.contains(&doc.select(&format!("#{id}")).nodes()[0].id)
        };
        assert!(!removed(false, "pitch"), "a service page's banner text");
        assert!(removed(false, "signup"), "a form is no prose box");
        assert!(removed(true, "pitch"), "on an article the box is a promo");
    }

    #[test]
    fn a_card_with_a_linked_title_stays_off_articles_and_threads() {
        let body: String = (0..6).map(para).collect();
        let html = format!(
            "<body><div class='main'>{body}<div id='card'><h3><a href='/managed'>Managed security services</a></h3>\
             <p>We help you run security operations every day, from the first audit to the last.</p>\
             <a href='/managed'>Learn more</a></div></div></body>"
        );
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let card = doc.select("#card").nodes()[0].id;
        let removed = |article: bool, discussion: bool| {
            choose(&index, None, false, article, discussion).expect("a choice").removed.contains(&card)
        };
        assert!(!removed(false, false), "a service page's card: a third of it is links");
        assert!(removed(true, false), "on an article it is another story's teaser");
        assert!(removed(false, true), "in a thread it is a post's header");
    }

    #[test]
    fn a_markdown_task_list_stays_and_a_list_of_checkboxes_to_tick_goes() {
        let body: String = (0..5).map(para).collect();
        let items = |extra: &str| -> String {
            ["Book the venue", "Send the invitations", "Order the cake"]
                .iter()
                .map(|t| format!("<li><input type='checkbox'{extra}> {t} before the end of the month</li>"))
                .collect()
        };
        let html = format!(
            "<body><div class='story'><h1>Title</h1>{body}<ul id='tasks'>{}</ul><ul id='ticks'>{}</ul></div></body>",
            items(" disabled"),
            items("")
        );
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let choice = choose(&index, None, false, false, false).expect("a choice");
        let removed = |id: &str| choice.removed.contains(&doc.select(&format!("#{id}")).nodes()[0].id);
        assert!(!removed("tasks"));
        assert!(removed("ticks"));
    }

    #[test]
    fn numbered_page_builder_sections_join_the_choice() {
        let body: String = (0..8).map(para).collect();
        let html = format!(
            "<body><div class='builder'><div class='section section-1a2b'><div class='text'>{body}</div></div>\
             <div class='section section-9f8e'><div class='text'><p>A closing note that is short, but still a paragraph.</p></div></div>\
             <div class='promo'><div class='text'><p>A promo line that is short, but still a paragraph.</p></div></div></div></body>"
        );
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let choice = choose(&index, None, false, false, false).expect("a choice");
        let classes: Vec<String> = choice.parts.iter().filter_map(|p| p.attr("class").map(|c| c.to_string())).collect();
        assert_eq!(classes, vec!["section section-1a2b", "section section-9f8e"]);
    }

    #[test]
    fn link_heavy_blocks_inside_the_choice_are_removed() {
        let para = "<p>Prose that reads like an article, with commas, clauses, and sentences long enough to count.</p>";
        let html = format!(
            "<body><div class='content'>{}<div class='links'><p><a href='/a'>Read more elsewhere</a> \
             <a href='/b'>And here too</a></p></div></div></body>",
            para.repeat(8)
        );
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let choice = choose(&index, None, false, false, false).unwrap();
        let links = doc.select("div.links").nodes()[0].id;
        assert!(choice.removed.contains(&links));
    }

    #[test]
    fn a_heading_repeating_the_title_is_dropped_once() {
        let body: String = (0..6).map(para).collect();
        let html = format!("<body><div class='story'><h1>Harbour reopens after the storm</h1>{body}</div></body>");
        let doc = Document::from(html.as_str());
        let index = DomIndex::read(&doc.root());
        let h1 = doc.select("h1").nodes()[0].id;
        let with_title =
            choose(&index, Some("Harbour reopens after the storm | The Daily"), false, false, false).unwrap();
        assert!(with_title.removed.contains(&h1));
        let without = choose(&index, None, false, false, false).unwrap();
        assert!(!without.removed.contains(&h1));
    }

    #[test]
    fn a_subheading_repeating_the_title_stays_when_the_headline_came_first() {
        let body: String = (0..6).map(para).collect();
        for (headline, sub, title) in [
            (
                "10 DIY woodworking projects for your home",
                "10 woodworking projects for your home",
                "10 DIY woodworking projects for your home - Maker Blog",
            ),
            (
                "Les dix meilleures randonnées du Jura",
                "Les meilleures randonnées du Jura",
                "Les dix meilleures randonnées du Jura",
            ),
            (
                "Die besten Wanderwege im Harz",
                "Die besten Wanderwege im Harz",
                "Die besten Wanderwege im Harz | Reiseblog",
            ),
        ] {
            let html = format!(
                "<body><header><h1>{headline}</h1></header><div class='story'>{body}<h2>{sub}</h2>{body}</div></body>"
            );
            let doc = Document::from(html.as_str());
            let index = DomIndex::read(&doc.root());
            let h2 = doc.select("h2").nodes()[0].id;
            let choice = choose(&index, Some(title), false, false, false).unwrap();
            assert!(!choice.removed.contains(&h2), "{sub}");
            // Without the headline before it, the repeat is the one Readability drops.
            let html = format!("<body><div class='story'>{body}<h2>{sub}</h2>{body}</div></body>");
            let doc = Document::from(html.as_str());
            let index = DomIndex::read(&doc.root());
            let h2 = doc.select("h2").nodes()[0].id;
            assert!(choose(&index, Some(title), false, false, false).unwrap().removed.contains(&h2), "{sub}");
        }
    }
}
