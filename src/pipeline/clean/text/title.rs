//! The headline of a text page, by a learned ranker over candidate lines.
//!
//! Every line around the article's start is a candidate, and so is each part
//! of a line split at a separator ("Headline - Site", "Site | Headline",
//! "Headline: subtitle"): about one gold title in five is such a part. Each
//! candidate is described by features a reader would use (where it stands
//! against the article, its length, case, stopwords and punctuation, whether
//! the URL's slug names it, whether it repeats on the page or is printed as
//! part of another line, whether a byline or a date follows it) and scored by
//! a logistic model; the best candidate is the title. The weights are fitted
//! offline by `tools/title-ranker/fit.py` on two sets of rendered pages, each
//! checked on the other.

use std::borrow::Cow;
use std::cell::Cell;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::head::{
    author_label, is_breadcrumb, is_byline_line, is_date_line, is_name_by_date, is_name_with_credentials,
    is_name_with_role, reads_as_name, Label,
};
use super::{Line, TITLE_BELOW, TITLE_WINDOW};
use crate::pipeline::text::letters::{is_alpha, trim_non_alnum};
use crate::pipeline::text::lexicon::{lowercase, lowercase_in, Lexicon, PackedWords, LOWER_BUF};
use crate::pipeline::text::{fold_accents, folds_beyond_ascii, key_words, match_key};

/// Separators between a headline and a site name or a subtitle.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " » ", " :: ", " · ", " • ", ": "];

/// Which part of its line a candidate is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Part {
    Whole,
    /// Before the line's first separator.
    Before,
    /// After the line's last separator.
    After,
}

pub(super) const FEATURES: usize = 57;

/// How much higher the ranker must score its pick than the hand-written
/// rule's line to overrule it.
pub(super) const OVERRULE_MARGIN: f32 = 1.0;

/// One candidate: a line or a part of it (a byte range of its text).
pub(super) struct Candidate {
    pub line: usize,
    pub span: (usize, usize),
    /// The hand-written rule's score, on whole lines.
    rule: Option<f32>,
    pub features: [f32; FEATURES],
    /// The key of a part (a whole line's is the line's).
    part_key: Option<String>,
    /// Whether the features in `DEFERRED` are filled in.
    complete: bool,
    /// A candidate below the article's first prose, its features not yet
    /// computed: it never wins, and only the rule's own pick is ever scored.
    pending: Option<Pending>,
}

/// What `candidate` needs to describe a pending candidate.
#[derive(Clone, Copy)]
struct Pending {
    part: Part,
    other: Option<(usize, usize)>,
    ctx: LineCtx,
}

/// The costliest features, filled in only for candidates that can still
/// win: stopword share, reads as a name, printed inside a neighbouring line
/// or holding one.
const DEFERRED: [usize; 4] = [21, 25, 44, 45];

/// The most the deferred features can add to a score (each lies in 0..=1).
fn deferred_bound() -> f32 {
    DEFERRED.iter().map(|&k| WEIGHTS[k].max(0.0)).sum::<f32>() + 1e-3
}

/// The title the ranker picks, and the line the hand-written rule prefers.
pub(super) struct Pick {
    /// The rule's line (anchors the article's start and the byline search).
    pub rule_line: Option<usize>,
    /// The title: its line and byte range.
    pub title: Option<(usize, (usize, usize))>,
    /// A line next to the title's that is the rest of its headline (`joined_line`).
    pub join: Option<usize>,
}

/// The ranker overrules the rule's line only when clearly surer of its own,
/// and never picks a line under the article's first prose (a caption, a
/// subhead). Candidates are scored on their cheap features first; the
/// deferred ones are computed only where they could change the pick.
pub(super) fn pick(lines: &[Line], start: usize, end: usize, url: &str) -> Pick {
    let facts = page_facts_of(lines, start, end, url);
    let mut cands = collect(lines, start, &facts);
    let mut rule_best: Option<(f32, usize)> = None;
    for (k, c) in cands.iter().enumerate() {
        if let Some(score) = c.rule {
            if rule_best.is_none_or(|(b, _)| score > b) {
                rule_best = Some((score, k));
            }
        }
    }
    let rule_line = rule_best.filter(|&(s, _)| s > 0.0).map(|(_, k)| cands[k].line);
    let rule_pick = rule_line.and_then(|t| cands.iter().position(|c| c.line == t && c.rule.is_some()));
    if let Some(r) = rule_pick {
        fill(&mut cands[r], lines, &facts);
        complete(&mut cands[r], lines);
    }
    // Best first on the cheap score; stop where even the deferred features'
    // most cannot reach the best full score so far.
    let mut order: Vec<(f32, usize)> =
        cands.iter().enumerate().filter(|(_, c)| !c.below_prose()).map(|(k, c)| (c.score(), k)).collect();
    order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    let bound = deferred_bound();
    let mut best_so_far = f32::NEG_INFINITY;
    for &(cheap, k) in &order {
        if cheap + bound < best_so_far {
            break;
        }
        complete(&mut cands[k], lines);
        best_so_far = best_so_far.max(cands[k].score());
    }
    // Each candidate scored once (a comparison would score both sides again).
    let best = cands
        .iter()
        .filter(|c| c.complete && !c.below_prose())
        .map(|c| (c.score(), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c);
    let chosen = match (best, rule_pick.map(|r| &cands[r])) {
        (Some(b), Some(r)) if b.score() - r.score() < OVERRULE_MARGIN => Some(r),
        (b, _) => b,
    };
    let join = chosen.filter(|c| c.span == (marker_len(&lines[c.line].text), lines[c.line].text.len()));
    let join = join.and_then(|c| joined_line(lines, c.line, &facts));
    Pick { rule_line, title: chosen.map(|c| (c.line, finish(lines, c, url))), join }
}

/// Most words of a line that carries on a headline printed over two lines.
const JOIN_WORDS: usize = 8;

/// A headline printed over two lines ("Keychron" over "K2 Wireless Mechanical
/// Keyboard", "Scalable End-to-End" over "Interpretability", a headline ending
/// in a colon over its subtitle): the line just above or below the title's,
/// when the URL's slug spells that line's words right before (or after) the
/// title's, and the two lines say no word twice. Without the slug's order a
/// heading line next to the title is as often a section's name ("Health"
/// over a headline whose slug also says "health").
fn joined_line(lines: &[Line], t: usize, facts: &PageFacts) -> Option<usize> {
    let (slug, lens) = (&facts.slug, facts.slug_lens);
    let title = &lines[t];
    if slug.is_empty() || slug_counts(&title.key, slug, lens).1 == 0 {
        return None;
    }
    let seq = &facts.slug_seq;
    // Words as the slug spells them ("K2" is one, a key has its letters alone).
    let spelt = |text: &str| -> Vec<String> { slug_spelling(text).collect() };
    let title_seq = spelt(&title.text);
    // The slug spells the line's words right before (or after) the title's.
    let next_to = |n: usize, above: bool| {
        let line_seq = spelt(&lines[n].text);
        let m = line_seq.len();
        m > 0
            && !title_seq.is_empty()
            && (0..seq.len()).any(|k| {
                if above {
                    seq.get(k..k + m) == Some(&line_seq[..]) && seq.get(k + m) == title_seq.first()
                } else {
                    seq.get(k) == title_seq.last() && seq.get(k + 1..k + 1 + m) == Some(&line_seq[..])
                }
            })
    };
    let title_words: HashSet<&str> = key_words(&title.key).collect();
    let fits = |n: usize| {
        let line = &lines[n];
        let (words, hits) = slug_counts(&line.key, slug, lens);
        // A section's name is printed again (menu, breadcrumb) and may stand
        // above the window; a headline's second line is printed once, beside it.
        let once = facts.first_seen.get(line.key.as_str()).is_none_or(|&(_, count)| count < 2);
        (facts.from..facts.to).contains(&n)
            && once
            && (1..=JOIN_WORDS).contains(&line.words)
            && line.category.is_none()
            && words > 0
            && hits == words
            && !reads_as_prose(line)
            && key_words(&line.key).all(|w| !title_words.contains(w))
    };
    // The upper of the two lines ends no sentence.
    let open = |n: usize| !lines[n].text.trim_end().ends_with(['.', '!', '?']);
    let above = t.checked_sub(1).filter(|&n| open(n) && fits(n) && next_to(n, true));
    above.or_else(|| Some(t + 1).filter(|&n| n < lines.len() && open(t) && fits(n) && next_to(n, false)))
}

/// A candidate's text as the title: without a picture's number or a trailing site name.
pub(super) fn finish(lines: &[Line], c: &Candidate, url: &str) -> (usize, usize) {
    let text = &lines[c.line].text;
    without_trailing_site_name(text, without_picture_number(text, c.span), url)
}

/// Most words a site's name after a headline has ("Headline - The Daily
/// Post"); a longer part naming the site says more ("Take care - Comwrap at
/// DMEXCO 2018").
const SITE_NAME_WORDS: usize = 3;

/// A headline printed with its site's name ("Headline - CNX Software",
/// "Headline | Daily Post"): the part before the last separator, when the
/// part after it names the host. A colon joins a headline to its subtitle,
/// not to a site, and is left alone. (A last part printed as a line of its own
/// elsewhere was tried too: it also cut a section's name printed in a table of
/// contents and a product's colour.) The HTML path's `meta::without_site_name`
/// also has `og:site_name` and strips a leading site name; a text page has only
/// its URL, so only a trailing part that names the host goes here.
fn without_trailing_site_name(line: &str, (s, e): (usize, usize), url: &str) -> (usize, usize) {
    let text = &line[s..e];
    let Some((at, sep)) =
        SEPARATORS.iter().filter(|sep| **sep != ": ").filter_map(|sep| text.rfind(sep).map(|at| (at, *sep))).max()
    else {
        return (s, e);
    };
    let site = text[at + sep.len()..].trim();
    if !text[..at].chars().any(char::is_alphabetic) || site.split_whitespace().count() > SITE_NAME_WORDS {
        return (s, e);
    }
    if names_host(&match_key(site), &host_words(url)) {
        trim_span(line, s, s + at)
    } else {
        (s, e)
    }
}

/// Words naming a picture in an alt text ("Ceramic mug image 2", "Teekanne Bild 1").
const PICTURE_WORDS: &[&str] = &["image", "picture", "photo", "img", "bild", "imagen", "foto"];

/// A shop gallery's alt text ("Ceramic mug image 1", "Ceramic mug - Picture 1
/// of 4"): the product's name without the picture's number.
fn without_picture_number(line: &str, (s, e): (usize, usize)) -> (usize, usize) {
    let text = &line[s..e];
    let mut words: Vec<(usize, &str)> =
        text.split_whitespace().map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w)).collect();
    // A gallery numbers its pictures in one or two digits; four are a year
    // ("World Press Photo 2024").
    let number = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    // "… 1 of 4": the count goes first.
    if let [.., (_, n), (_, of), (_, m)] = words[..] {
        if number(n) && number(m) && matches!(of, "of" | "de" | "von" | "sur") {
            words.truncate(words.len() - 2);
        }
    }
    let [.., (at, word), (_, n)] = words[..] else { return (s, e) };
    if !number(n) || !PICTURE_WORDS.contains(&lowercase(word).as_ref()) {
        return (s, e);
    }
    let head = text[..at].trim_end().trim_end_matches(['-', '|', '–', '—', ',']);
    if head.chars().any(char::is_alphabetic) {
        trim_span(line, s, s + head.len())
    } else {
        (s, e)
    }
}

impl Candidate {
    #[cfg(test)]
    pub(super) fn text<'a>(&self, lines: &'a [Line]) -> &'a str {
        &lines[self.line].text[self.span.0..self.span.1]
    }

    pub(super) fn below_prose(&self) -> bool {
        self.features[8] > 0.0
    }

    pub(super) fn score(&self) -> f32 {
        self.features.iter().zip(WEIGHTS.iter()).map(|(f, w)| f * w).sum()
    }
}

/// Per-page facts the features look up.
struct PageFacts<'a> {
    /// The URL slug's words in order, and as a set.
    slug_seq: Vec<String>,
    /// The URL's last path segment's words when it has one or two (`short_segment`).
    segment: Vec<String>,
    slug: HashSet<String>,
    /// `slug_lengths` of the slug.
    slug_lens: u64,
    host: Vec<String>,
    /// Each key: the line where it is first printed, and how often.
    first_seen: HashMap<&'a str, (usize, usize)>,
    /// Lines from the window's first: a byline, a date or a byline label.
    marks: Vec<bool>,
    /// The same lines' `author_label`.
    labels: Vec<Option<Label>>,
    /// The window's lines' `slug_counts` of their keys (rule score and whole-line
    /// candidate ask), counted when first asked: most lines are never.
    slug_counts: Vec<Cell<Option<(usize, usize)>>>,
    /// The window: lines `from..to`.
    from: usize,
    to: usize,
    /// Keys of the parts of lines split at a separator, and how often.
    parts: HashMap<String, usize>,
    /// Each line's `split_parts`, for the lines the count above reads (`None` for the others).
    splits: Vec<Option<Split>>,
    first_prose: Option<usize>,
    /// Words (three letters or more) of the article's first prose lines: in how
    /// many of them, the first one holding it, the last one counted.
    body: HashMap<&'a str, (u32, usize, usize)>,
}

impl PageFacts<'_> {
    /// Line `i`'s (in the window) `slug_counts` of its key, none for boilerplate or a long line.
    fn line_slug_counts(&self, lines: &[Line], i: usize) -> (usize, usize) {
        let cell = &self.slug_counts[i - self.from];
        if let Some(counts) = cell.get() {
            return counts;
        }
        let l = &lines[i];
        let counts =
            if l.category.is_some() || l.words > 40 { (0, 0) } else { slug_counts(&l.key, &self.slug, self.slug_lens) };
        cell.set(Some(counts));
        counts
    }

    /// Line `k`'s `author_label`, read in the window when it lies there.
    fn label(&self, lines: &[Line], k: usize) -> Option<Label> {
        match k.checked_sub(self.from).and_then(|j| self.labels.get(j)) {
            Some(&label) => label,
            None => author_label(&lines[k]),
        }
    }
}

/// The candidates around the article (`start..=end`), with all their features.
#[cfg(test)]
pub(super) fn candidates(lines: &[Line], start: usize, end: usize, url: &str) -> Vec<Candidate> {
    let facts = page_facts_of(lines, start, end, url);
    let mut cands = collect(lines, start, &facts);
    for c in &mut cands {
        fill(c, lines, &facts);
        complete(c, lines);
    }
    cands
}

/// Why each line of the window is no candidate ("" when `collect` made one
/// of it, whole or in part), for the dump: the first test it fails.
#[cfg(test)]
pub(super) fn reasons(lines: &[Line], start: usize, end: usize, url: &str) -> Vec<(usize, &'static str)> {
    let from = start.saturating_sub(TITLE_WINDOW);
    let to = (start + TITLE_BELOW).min(end + 1).min(lines.len());
    let facts = page_facts(lines, start, from, to, url);
    let chosen: std::collections::HashSet<usize> = collect(lines, start, &facts).iter().map(|c| c.line).collect();
    (from..to)
        .map(|i| {
            let line = &lines[i];
            let why = if chosen.contains(&i) {
                ""
            } else if line.key.is_empty() {
                "nokey"
            } else if line.words > 40 {
                "long"
            } else if line.category.is_some() {
                "category"
            } else if line.fragments > 1 {
                "fragments"
            } else if facts.marks[i - from] {
                "mark"
            } else {
                "rule"
            };
            (i, why)
        })
        .collect()
}

/// The facts of the window of lines around the article (`start..=end`).
fn page_facts_of<'a>(lines: &'a [Line], start: usize, end: usize, url: &str) -> PageFacts<'a> {
    let from = start.saturating_sub(TITLE_WINDOW);
    let to = (start + TITLE_BELOW).min(end + 1).min(lines.len());
    page_facts(lines, start, from, to, url)
}

/// The candidates of the window `facts` describe, with their cheap features
/// (none yet below the article's first prose).
fn collect(lines: &[Line], start: usize, facts: &PageFacts) -> Vec<Candidate> {
    let (from, to) = (facts.from, facts.to);
    // About one candidate a line: grown by copying, they cost more than the room.
    let mut out = Vec::with_capacity(to - from);
    let make = |span: (usize, usize), part: Part, other: Option<(usize, usize)>, ctx: &LineCtx| {
        if ctx.i >= start && facts.first_prose.is_some_and(|p| p < ctx.i) {
            Candidate::pending(span, part, other, *ctx)
        } else {
            let other = other.map(|(s, e)| &lines[ctx.i].text[s..e]);
            candidate(lines, span, part, other, ctx, facts)
        }
    };
    for i in from..to {
        let line = &lines[i];
        // Never a title: boilerplate, a byline or a date.
        if line.key.is_empty() || line.words > 40 || line.category.is_some() || facts.marks[i - from] {
            continue;
        }
        let text = line.text.as_str();
        let split = if line.words <= 30 { facts.splits[i] } else { split_parts(text) };
        // A breadcrumb's last item printed alone keeps its mark out of the title.
        let lead = marker_len(text);
        // A heading joined back from the pieces a link split it into ("The open
        // source alternative to" / "Boardly"): the ranker's to weigh, when short
        // and no sentence.
        if line.fragments > 1 {
            if (LOWER_CASE_WORDS..=RANKER_ONLY_WORDS).contains(&line.words)
                && !reads_as_prose(line)
                && !text.trim_end().ends_with(['.', '!', '?', '|'])
                && rule_score(lines, i, start, facts, lead, false, 0).is_some()
            {
                let ctx = LineCtx { i, start, rule: None, breadcrumb: false, colon: split.map(|s| s.2) };
                out.push(make((lead, text.len()), Part::Whole, None, &ctx));
            }
            continue;
        }
        let breadcrumb = is_breadcrumb(&text[lead..]);
        let rule = if breadcrumb { None } else { rule_score(lines, i, start, facts, lead, false, 0) };
        let ctx = LineCtx { i, start, rule, breadcrumb, colon: split.map(|s| s.2) };
        // A headline printed with a trailing colon or ellipsis ("My Year
        // Without a Car:", "Garden design ideas..."): the ranker's to weigh, without it.
        let trail = trailer_len(&text[lead..]);
        if rule.is_none()
            && !breadcrumb
            && trail > 0
            && (LOWER_CASE_WORDS..=RANKER_ONLY_WORDS).contains(&line.words)
            && !reads_as_prose(line)
            && rule_score(lines, i, start, facts, lead, false, trail).is_some()
        {
            out.push(make((lead, text.len() - trail), Part::Whole, None, &ctx));
            continue;
        }
        if rule.is_some()
            // A subject typed in lower case ("white speckle mug", a forum
            // question) is the ranker's to weigh, with no rule score: one or
            // two lower-case words are a command or a menu item.
            || (crate::pipeline::clean::has_words(&text[lead..], LOWER_CASE_WORDS)
                && !breadcrumb
                && text[lead..].chars().next().is_some_and(char::is_lowercase)
                && rule_score(lines, i, start, facts, lead, true, 0).is_some())
        {
            out.push(make((lead, text.len()), Part::Whole, None, &ctx));
        }
        // A line the rules reject as a breadcrumb may still be "Headline | Site";
        // never a name with its job title.
        if rule.is_none() && !breadcrumb {
            continue;
        }
        if let Some((b, a, _)) = split {
            for (part, span, other) in [(Part::Before, b, a), (Part::After, a, b)] {
                if !reads_as_name(&text[span.0..span.1], 2, &Lexicon::get().stopwords_packed) {
                    out.push(make(span, part, Some(other), &ctx));
                }
            }
        }
    }
    out
}

/// Most words of a joined line or one with a trailing colon that can be a title.
const RANKER_ONLY_WORDS: usize = 12;

/// The bytes of a trailing colon or ellipsis after a line's words ("Journey:", "trends...", "rate ...").
fn trailer_len(text: &str) -> usize {
    let body = text.trim_end();
    let rest = body.trim_end_matches(['…', '.', ':']).trim_end();
    let cut = &body[rest.len()..];
    let ok = matches!(cut.trim_start(), ":" | "…" | "...");
    if ok && rest.chars().next_back().is_some_and(char::is_alphanumeric) {
        text.len() - rest.len()
    } else {
        0
    }
}

/// Fewest words of a lower-case line that can be a title.
const LOWER_CASE_WORDS: usize = 3;

/// A breadcrumb's last item printed on its own line ("/ Breed suggestions",
/// "› White speckle mug"): the bytes of its leading mark.
fn marker_len(text: &str) -> usize {
    for mark in ["/ ", "> ", "› ", "» ", "| ", "→ "] {
        if let Some(rest) = text.strip_prefix(mark) {
            if rest.chars().any(char::is_alphabetic) {
                return text.len() - rest.trim_start().len();
            }
        }
    }
    0
}

/// A line's part before its first separator and after its last one, as byte
/// ranges, and whether both of those separators are colons.
type Split = ((usize, usize), (usize, usize), bool);

/// The byte ranges before the first separator and after the last one, both
/// holding letters, and whether the line splits at colons there.
fn split_parts(text: &str) -> Option<Split> {
    let (f, (l, llen), colon) = separator_bounds(text)?;
    let before = trim_span(text, 0, f);
    let after = trim_span(text, l + llen, text.len());
    let has_letters = |(s, e): (usize, usize)| text[s..e].chars().any(char::is_alphabetic);
    (has_letters(before) && has_letters(after)).then_some((before, after, colon))
}

/// Where the first separator starts, where the last one starts and its
/// length, and whether both are ": ".
fn separator_bounds(text: &str) -> Option<(usize, (usize, usize), bool)> {
    // Every separator is a space before one of these bytes, or ": ": only their
    // places are looked at, found by `memchr` (most lines hold few or none).
    let bytes = text.as_bytes();
    let ascii = memchr::memchr3_iter(b'|', b'-', b':', bytes);
    let lead = memchr::memchr2_iter(0xC2, 0xE2, bytes);
    let mut first: Option<(usize, &str)> = None;
    let mut last: Option<(usize, &str)> = None;
    // The two scans come in two orders: keep the least and the greatest start.
    let mut try_at = |at: usize| {
        // The ": " ending a " :: " is that separator's, which starts two bytes
        // before and ends where it does ("Forum :: Thread" sets off a site's name).
        if bytes[at] == b':' && at >= 2 && &bytes[at - 2..at] == b" :" {
            return;
        }
        if let Some(&sep) = SEPARATORS.iter().find(|sep| bytes[at..].starts_with(sep.as_bytes())) {
            if first.is_none_or(|(f, _)| at < f) {
                first = Some((at, sep));
            }
            if last.is_none_or(|(l, _)| at > l) {
                last = Some((at, sep));
            }
        }
    };
    for p in ascii.chain(lead) {
        // A space before the byte starts a separator there; a colon before a space starts ": ".
        if p > 0 && bytes[p - 1] == b' ' {
            try_at(p - 1);
        }
        if bytes[p] == b':' && bytes.get(p + 1) == Some(&b' ') {
            try_at(p);
        }
    }
    let ((f, fsep), (l, lsep)) = (first?, last?);
    Some((f, (l, lsep.len()), fsep == ": " && lsep == ": "))
}

fn trim_span(text: &str, s: usize, e: usize) -> (usize, usize) {
    let part = &text[s..e];
    let lead = part.len() - part.trim_start().len();
    let trail = part.len() - part.trim_end().len();
    (s + lead, e - trail)
}

fn page_facts<'a>(lines: &'a [Line], start: usize, from: usize, to: usize, url: &str) -> PageFacts<'a> {
    let mut first_seen: HashMap<&str, (usize, usize)> =
        HashMap::with_capacity_and_hasher(lines.len(), Default::default());
    let mut parts: HashMap<String, usize> = HashMap::default();
    let mut splits = vec![None; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        first_seen.entry(line.key.as_str()).or_insert((i, 0)).1 += 1;
        if line.words <= 30 && line.category.is_none() {
            splits[i] = split_parts(&line.text);
            if let Some((b, a, _)) = splits[i] {
                for (s, e) in [b, a] {
                    *parts.entry(match_key(&line.text[s..e])).or_default() += 1;
                }
            }
        }
    }
    let first_prose = (start..to).find(|&i| reads_as_prose(&lines[i]));
    // Room for the words of the first prose lines: grown from empty, the map was rehashed several times a page.
    let mut body: HashMap<&str, (u32, usize, usize)> =
        HashMap::with_capacity_and_hasher(BODY_LINES * 32, Default::default());
    for (j, l) in (start.min(to)..to).map(|j| (j, &lines[j])).filter(|(_, l)| reads_as_prose(l)).take(BODY_LINES) {
        for w in key_words(&l.key).filter(|w| w.len() >= 3) {
            let e = body.entry(w).or_insert((0, j, usize::MAX));
            if e.2 != j {
                *e = (e.0 + 1, e.1, j);
            }
        }
    }
    let stopwords = &Lexicon::get().stopwords_packed;
    let mut labels = Vec::with_capacity((to + 5).min(lines.len()).saturating_sub(from));
    let marks = (from..(to + 5).min(lines.len()))
        .map(|i| {
            let l = &lines[i];
            let label = author_label(l);
            labels.push(label);
            l.words <= 16
                && (label.is_some()
                    || is_byline_line(l)
                    || (l.words <= 12 && is_date_line(l))
                    || is_name_by_date(lines, i, stopwords))
        })
        .collect();
    let slug_seq = slug_sequence(url);
    let slug: HashSet<String> = slug_seq.iter().cloned().collect();
    let slug_lens = slug_lengths(&slug);
    let slug_counts = vec![Cell::new(None); to - from];
    PageFacts {
        segment: short_segment(url),
        slug_seq,
        slug,
        slug_lens,
        labels,
        slug_counts,
        host: host_words(url),
        first_seen,
        marks,
        from,
        to,
        parts,
        splits,
        first_prose,
        body,
    }
}

/// What the candidates of one line share.
#[derive(Clone, Copy)]
struct LineCtx {
    i: usize,
    start: usize,
    rule: Option<f32>,
    breadcrumb: bool,
    /// The line splits (`split_parts`): at colons (`Some(true)`) or at another separator.
    colon: Option<bool>,
}

fn candidate(
    lines: &[Line],
    span: (usize, usize),
    part: Part,
    other: Option<&str>,
    ctx: &LineCtx,
    facts: &PageFacts,
) -> Candidate {
    let LineCtx { i, start, rule, breadcrumb, colon } = *ctx;
    let line = &lines[i];
    let text = &line.text[span.0..span.1];
    let key_cow: Cow<str> = if part == Part::Whole { Cow::Borrowed(&line.key) } else { Cow::Owned(match_key(text)) };
    let mut f = [0.0f32; FEATURES];
    // One pass over the words: how many, how many hold a letter or a digit,
    // how many of those open with a capital, and how many are in capitals.
    let (mut n, mut caps, mut letters, mut shouted) = (0usize, 0usize, 0usize, 0usize);
    for w in crate::pipeline::clean::words(text) {
        n += 1;
        if w.is_ascii() {
            // The same tests on bytes: an ASCII character's classes are its byte's.
            let bytes = w.as_bytes();
            shouted +=
                (bytes.iter().any(u8::is_ascii_alphabetic) && !bytes.iter().any(u8::is_ascii_lowercase)) as usize;
            if let Some(first) = bytes.iter().find(|b| b.is_ascii_alphanumeric()) {
                letters += 1;
                caps += first.is_ascii_uppercase() as usize;
            }
            continue;
        }
        shouted += (w.chars().any(is_alpha) && !w.chars().any(char::is_lowercase)) as usize;
        let bare = trim_non_alnum(w);
        if bare.is_empty() {
            continue;
        }
        letters += 1;
        if bare.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        }
    }
    f[0] = (n <= 2) as u8 as f32;
    f[1] = (n == 3) as u8 as f32;
    f[2] = (4..=20).contains(&n) as u8 as f32;
    f[3] = (n > 22) as u8 as f32;
    f[4] = (1.0 + n as f32).ln() / 3.0;
    let above = i < start;
    f[5] = above as u8 as f32;
    if above {
        let d = (start - i) as f32;
        f[6] = d.min(25.0) / 25.0;
        f[7] = (1.0 + d).ln() / 6.0;
    } else {
        f[8] = facts.first_prose.is_some_and(|p| p < i) as u8 as f32;
        f[9] = (1.0 + (i - start) as f32).ln() / 6.0;
    }
    let key = key_cow.as_ref();
    let counts = if part == Part::Whole {
        facts.line_slug_counts(lines, i)
    } else {
        slug_counts(key, &facts.slug, facts.slug_lens)
    };
    let (f1, hits) = slug_f1(counts, &facts.slug);
    f[10] = f1;
    f[11] = (hits >= 2) as u8 as f32;
    f[12] = line.caption as u8 as f32;
    let (first, count) = facts.first_seen.get(key).copied().unwrap_or((i, 0));
    let count = if part == Part::Whole { count } else { count + 1 };
    f[13] = (first < i && count == 2) as u8 as f32;
    f[14] = (first >= i && count >= 2) as u8 as f32;
    f[15] = (count.max(1) as f32).ln() / 2.0;
    let mark = |j: usize| facts.marks.get(j - facts.from).copied().unwrap_or(false);
    f[16] = (i + 1..i + 5).any(mark) as u8 as f32;
    let trimmed = text.trim_end();
    f[17] = trimmed.ends_with('.') as u8 as f32;
    f[18] = trimmed.ends_with(['?', '!']) as u8 as f32;
    // f[19] (ends with ':', ',' or '…') weighs nothing: such lines are rarely candidates.
    f[20] = if letters == 0 { 0.0 } else { caps as f32 / letters as f32 };
    // Characters are counted by their first bytes (a continuation byte is 10xxxxxx).
    let (chars, digits) = text
        .bytes()
        .fold((0usize, 0usize), |(n, d), b| (n + ((b & 0xC0) != 0x80) as usize, d + b.is_ascii_digit() as usize));
    f[22] = digits as f32 / chars.max(1) as f32;
    f[23] = reads_as_prose(line) as u8 as f32;
    f[24] = (reads_as_prose(line) && n > 15) as u8 as f32;
    // f[26], f[27], f[29], f[30] (boilerplate, joined fragments, a byline, a
    // date) are always 0: such lines are never candidates.
    f[28] = breadcrumb as u8 as f32;
    f[31] = text.chars().next().is_some_and(char::is_lowercase) as u8 as f32;
    f[32] = (part == Part::Before) as u8 as f32;
    f[33] = (part == Part::After) as u8 as f32;
    if let Some(other) = other {
        let other_key = match_key(other);
        f[34] = names_host(&other_key, &facts.host) as u8 as f32;
        f[35] = (facts.parts.get(other_key.as_str()).copied().unwrap_or(0) >= 2
            || facts.first_seen.contains_key(other_key.as_str())) as u8 as f32;
        f[37] = facts.first_seen.contains_key(key) as u8 as f32;
        f[42] = (line.text[span.1..].trim_start().starts_with(':') || line.text[..span.0].trim_end().ends_with(':'))
            as u8 as f32;
    } else {
        f[36] = (facts.parts.get(key).copied().unwrap_or(0) >= 1) as u8 as f32;
        f[40] = names_host(key, &facts.host) as u8 as f32;
    }
    f[38] = lines.get(i + 1).is_some_and(reads_as_prose) as u8 as f32;
    // f[39] unused: "the nearest heading above the article" did not carry to the other set.
    f[41] = (i == 0) as u8 as f32;
    f[43] = (i as f32 / lines.len().max(1) as f32).min(1.0);
    f[46] = (1.0 + line.words as f32).ln() / 3.0;
    f[47] = key_words(key).any(|w| matches!(w, "image" | "photo" | "logo" | "picture" | "icon" | "hero" | "thumbnail"))
        as u8 as f32;
    f[48] = if letters == 0 { 0.0 } else { shouted as f32 / letters as f32 };
    f[49] = (first == i && count == 1 && part == Part::Whole) as u8 as f32;
    f[50] = rule.unwrap_or(0.0) / 5.0;
    f[51] = rule.is_none() as u8 as f32;
    f[52] = body_share(key, i, &facts.body);
    if part == Part::Whole {
        // A whole line that splits as its parts do: after a colon a subtitle
        // often belongs to the headline ("Rezept: Apfelkuchen wie bei Oma"),
        // after a dash or a bar a tagline or the site's name mostly does not
        // ("Le port rouvre - Ce qu'il faut savoir"), and the part before is the headline.
        // The separators the parts were cut at decide: "Live: Port reopens - BBC News"
        // is cut before "BBC News" at a dash, "Forum :: Thread" at a " :: ".
        if let Some(colon) = colon {
            f[55] = colon as u8 as f32;
            f[56] = !colon as u8 as f32;
        }
    }
    if !facts.segment.is_empty() {
        let (same, holds) = names_segment(text, &facts.segment);
        f[53] = same as u8 as f32;
        f[54] = holds as u8 as f32;
    }
    let part_key = match key_cow {
        Cow::Owned(k) => Some(k),
        Cow::Borrowed(_) => None,
    };
    Candidate {
        line: i,
        span,
        rule: rule.filter(|_| part == Part::Whole),
        features: f,
        part_key,
        complete: false,
        pending: None,
    }
}

impl Candidate {
    /// A candidate below the article's first prose, described only when asked (`fill`).
    fn pending(span: (usize, usize), part: Part, other: Option<(usize, usize)>, ctx: LineCtx) -> Candidate {
        let mut features = [0.0; FEATURES];
        // What `below_prose` reads: the one feature known without computing the others.
        features[8] = 1.0;
        Candidate {
            line: ctx.i,
            span,
            rule: ctx.rule.filter(|_| part == Part::Whole),
            features,
            part_key: None,
            complete: false,
            pending: Some(Pending { part, other, ctx }),
        }
    }
}

/// Computes a pending candidate's cheap features.
fn fill(c: &mut Candidate, lines: &[Line], facts: &PageFacts) {
    if let Some(Pending { part, other, ctx }) = c.pending.take() {
        let other = other.map(|(s, e)| &lines[ctx.i].text[s..e]);
        *c = candidate(lines, c.span, part, other, &ctx, facts);
    }
}

/// Fills in the `DEFERRED` features.
fn complete(c: &mut Candidate, lines: &[Line]) {
    if c.complete {
        return;
    }
    c.complete = true;
    let i = c.line;
    let text = &lines[i].text[c.span.0..c.span.1];
    let key = c.part_key.as_deref().unwrap_or(&lines[i].key);
    let stopwords = &Lexicon::get().stopwords_packed;
    let f = &mut c.features;
    let (mut stops, mut letters) = (0usize, 0usize);
    let mut buf = [0u8; LOWER_BUF];
    for w in crate::pipeline::clean::words(text) {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() {
            continue;
        }
        letters += 1;
        if stopwords.contains(lowercase_in(bare, &mut buf).as_ref()) {
            stops += 1;
        }
    }
    f[21] = if letters == 0 { 0.0 } else { stops as f32 / letters as f32 };
    f[25] = (reads_as_name(text, 2, stopwords) || is_name_with_role(text, 2, stopwords)) as u8 as f32;
    // Printed inside a line next to it (an image's alt text "Main image of …"), or holding one.
    if key.len() >= 8 {
        for j in i.saturating_sub(3)..(i + 4).min(lines.len()) {
            let other = lines[j].key.as_str();
            if j == i || other.len() < 8 || other == key {
                continue;
            }
            if other.contains(key) {
                f[44] = 1.0;
            } else if key.contains(other) {
                f[45] = 1.0;
            }
        }
    }
}
/// The hand-written headline score (kept as one feature of the ranker): None
/// for a line that cannot be a title. `lead`: the bytes of a breadcrumb's mark
/// before it; `lower`: a line opening in lower case may pass.
fn rule_score(
    lines: &[Line],
    i: usize,
    start: usize,
    facts: &PageFacts,
    lead: usize,
    lower: bool,
    trail: usize,
) -> Option<f32> {
    let line = &lines[i];
    let text = line.text[lead..line.text.len() - trail].trim();
    if line.category.is_some()
        || (line.fragments > 1 && (trail > 0 || lower))
        || !(1..=30).contains(&line.words)
        || text.ends_with([':', '…', ','])
        || text.ends_with("...")
        // A byline is among the marks.
        || facts.marks.get(i - facts.from).copied().unwrap_or(false)
        || !text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '"' || c == '“' || c == '«' || (lower && c.is_lowercase()))
    {
        return None;
    }
    let stopwords = &Lexicon::get().stopwords_packed;
    // A name alone, or with its job title: the byline, not the headline.
    // The line under "Written by" is the name (asked first: it is looked up).
    if i.checked_sub(1).is_some_and(|k| facts.label(lines, k) == Some(Label::By))
        || is_name_with_role(text, 2, stopwords)
        || is_name_with_credentials(text, 2, stopwords)
    {
        return None;
    }
    let mut score = 0.0f32;
    if line.words <= 3 && is_name_line(line, stopwords) {
        score -= 1.0;
    }
    if line.words <= 2 {
        // One or two words: a section label or a name more often than a headline.
        score -= 0.5;
    } else if (4..=20).contains(&line.words) {
        score += 0.5;
    } else if line.words > 22 {
        score -= 1.5;
    }
    if !facts.slug.is_empty() {
        let (words, hits) = facts.line_slug_counts(lines, i);
        if hits >= 2 {
            // Both ways: a two-word label inside a long slug matches it less than the headline does.
            let precision = hits as f32 / words.max(1) as f32;
            let recall = (hits as f32 / facts.slug.len() as f32).min(1.0);
            score += 4.0 * (2.0 * precision * recall / (precision + recall)) + 1.5;
        }
    }
    // Printed twice in a row (headline and its picture's alt text), or once
    // before (the breadcrumb's last item, a sticky header naming the page);
    // never an alt text printed under every picture.
    if line.caption {
        score += 0.5;
    }
    if facts.first_seen.get(line.key.as_str()).is_some_and(|&(first, count)| first < i && count == 2) {
        score += 0.5;
    }
    if (i + 1..i + 5).any(|j| facts.marks.get(j - facts.from).copied().unwrap_or(false)) {
        score += 2.0;
    }
    // Headline case ("The Best Cheap Laptops") or a sentence without its final stop.
    if !text.ends_with('.') {
        score += 1.5;
    }
    // Nearness to the article counts for its first lines above it; beyond them
    // (a byline block, pictures, a table of contents in between) only a little.
    let distance = start.abs_diff(i) as f32;
    score -= 0.04 * distance.min(25.0) + 0.005 * (distance - 25.0).max(0.0);
    // Below the article's first prose: not its headline.
    if i >= start && facts.first_prose.is_some_and(|p| p < i) {
        score -= 2.0;
    }
    if reads_as_prose(line) && line.words > 15 {
        score -= 1.0;
    }
    Some(score)
}

/// A prose line to the ranker and the hand rule: no line ending in ":". A
/// sentence introducing a list ("… in three ways:") weighs as prose for the
/// run but was no prose when the title features were fitted. A long one (20+
/// words) already weighed as prose then, and is no prose here either: keeping
/// it as prose measured one title fewer on wcxb_txt (stop 42), this way none.
fn reads_as_prose(line: &Line) -> bool {
    line.weight > 0 && !line.text.trim_end().ends_with(':')
}

/// Prose lines at the article's start whose words a headline is expected to share.
const BODY_LINES: usize = 20;

/// The share of a key's content words (three letters or more, no stopword)
/// printed in the article's first prose lines: a headline names what the
/// article goes on to tell; a label, a promotion or a product in a listing
/// beside it mostly does not.
/// A prose line's own words do not count for it: a sentence of the article is
/// no headline, however well it names what the article tells.
fn body_share(key: &str, line: usize, body: &HashMap<&str, (u32, usize, usize)>) -> f32 {
    if body.is_empty() {
        return 0.0;
    }
    let stopwords = &Lexicon::get().stopwords_packed;
    let (mut words, mut hits) = (0usize, 0usize);
    for w in key_words(key) {
        if w.len() < 3 || stopwords.contains(w) {
            continue;
        }
        words += 1;
        hits += body.get(w).is_some_and(|&(lines, first, _)| lines > 1 || first != line) as usize;
    }
    if words == 0 {
        0.0
    } else {
        hits as f32 / words as f32
    }
}

/// Harmonic mean of the share of the candidate's words in the slug and of the slug's words in it.
#[cfg(test)]
fn slug_match(key: &str, slug: &HashSet<String>) -> (f32, usize) {
    slug_f1(slug_counts(key, slug, slug_lengths(slug)), slug)
}

/// A key's words, and how many of them are the slug's (none for an empty slug or key).
fn slug_counts(key: &str, slug: &HashSet<String>, lens: u64) -> (usize, usize) {
    if slug.is_empty() || key.is_empty() {
        return (0, 0);
    }
    let mut n = 0usize;
    let mut hits = 0usize;
    for w in key_words(key) {
        n += 1;
        // An ASCII word is the slug's only when one of its words is as long.
        if w.is_ascii() && lens & length_bit(w) == 0 {
            continue;
        }
        hits += slug_has(slug, w) as usize;
    }
    (n, hits)
}

/// The bits of the slug's words' byte lengths (`length_bit`).
fn slug_lengths(slug: &HashSet<String>) -> u64 {
    slug.iter().fold(0, |bits, w| bits | length_bit(w))
}

/// A bit for a word's byte length, lengths from 63 sharing the last.
fn length_bit(w: &str) -> u64 {
    1 << w.len().min(63)
}

/// `slug_match` from the counts of `slug_counts`.
fn slug_f1((n, hits): (usize, usize), slug: &HashSet<String>) -> (f32, usize) {
    if hits == 0 {
        return (0.0, 0);
    }
    let precision = hits as f32 / n as f32;
    let recall = (hits as f32 / slug.len() as f32).min(1.0);
    (2.0 * precision * recall / (precision + recall), hits)
}

/// A word of a match key (lower case already) among the slug's words.
fn slug_has(slug: &HashSet<String>, w: &str) -> bool {
    if w.is_ascii() {
        slug.contains(w)
    } else if folds_beyond_ascii(w) && slug.iter().all(|s| s.is_ascii()) {
        // A Chinese or Russian word against an ASCII slug: no decomposition needed to tell.
        false
    } else {
        slug.contains(&fold_accents(w))
    }
}

/// A key naming the site: one of its words, or all of them run together, is a label of the host.
fn names_host(key: &str, host: &[String]) -> bool {
    if host.is_empty() || key.is_empty() {
        return false;
    }
    let joined = || key.bytes().filter(|&b| b != b' ');
    // A label longer than the key is neither the key run together nor one of its words.
    host.iter().any(|h| {
        h.len() >= 3
            && h.len() <= key.len()
            && (h.bytes().eq(joined()) || key_words(key).any(|w| w.len() >= 4 && w == h))
    })
}

/// The host's labels but "www" and the last one ("www.studio-binder.com" → studiobinder).
fn host_words(url: &str) -> Vec<String> {
    let Ok(parsed) = url::Url::parse(url) else { return Vec::new() };
    let Some(host) = parsed.host_str() else { return Vec::new() };
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len().saturating_sub(1);
    labels[..n].iter().filter(|l| **l != "www").map(|l| l.replace('-', "").to_lowercase()).collect()
}

/// A word the slug keeps: two characters or more, not a number.
fn is_slug_word(w: &str) -> bool {
    w.len() >= 2 && !w.chars().all(|c| c.is_ascii_digit())
}

/// The URL's last path segment of three words or more, its words in order.
fn slug_sequence(url: &str) -> Vec<String> {
    let Ok(parsed) = url::Url::parse(url) else { return Vec::new() };
    let segment = parsed
        .path_segments()
        .and_then(|mut segments| segments.rfind(|s| s.split(['-', '_']).count() >= 3))
        .unwrap_or("");
    let segment = segment.split('.').next().unwrap_or("");
    slug_spelling(&percent_decode(segment)).collect()
}

/// `text`'s words as a slug spells them: lower-case ASCII, letters and
/// digits only ("K2" is one word).
fn slug_spelling(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| is_slug_word(w)).map(fold_accents)
}

/// The URL's last path segment as lower-case ASCII words ("harbour-reopens-2025.html" → harbour, reopens).
#[cfg(test)]
fn slug_words(url: &str) -> HashSet<String> {
    slug_sequence(url).into_iter().collect()
}

/// The words of the URL's last path segment when it has one or two
/// ("/collections/air-purifiers", "/forum/general-discussion"): a shop's,
/// forum's or service's page is named by its path as an article is by its
/// slug, but in fewer words than `slug_sequence` reads. A segment with a
/// number in it ("/news/newsbeat-50470672") is an article's id under its
/// section's name, which names no page.
fn short_segment(url: &str) -> Vec<String> {
    let Ok(parsed) = url::Url::parse(url) else { return Vec::new() };
    let segment = parsed.path_segments().and_then(|mut segments| segments.rfind(|s| !s.is_empty())).unwrap_or("");
    let segment = percent_decode(segment.split('.').next().unwrap_or(""));
    if segment.split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())) {
        return Vec::new();
    }
    let words: Vec<String> = slug_spelling(&segment).collect();
    match &words[..] {
        [word] if is_plumbing(word) => Vec::new(),
        [_] | [_, _] => words,
        _ => Vec::new(),
    }
}

/// A one-word segment that is the URL's plumbing, not the page's name
/// ("/index.html", "/amp", "/print", "/video", "/comments"): it names a view
/// of any page, and a headline or a button holding the word ("Watch the
/// video", "Print this article") is not named by it.
fn is_plumbing(word: &str) -> bool {
    matches!(
        word,
        "index"
            | "default"
            | "amp"
            | "print"
            | "printable"
            | "video"
            | "videos"
            | "comments"
            | "comment"
            | "page"
            | "pages"
            | "article"
            | "story"
            | "post"
            | "view"
            | "full"
            | "gallery"
            | "photos"
            | "mobile"
            | "embed"
            | "feed"
            | "rss"
    )
}

/// Whether a candidate's words are the segment's, in order ("Air Purifiers"),
/// and whether they hold all of them and more ("Lodge Cast Iron" under "/lodge").
fn names_segment(text: &str, segment: &[String]) -> (bool, bool) {
    // Spelt as the segment is, so "T-Shirts" is `/t-shirts`'s "shirts" too.
    let words: Vec<String> = slug_spelling(text).collect();
    let same = words == segment;
    let holds = words.len() > segment.len() && segment.iter().all(|s| words.contains(s));
    (same, holds)
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(s.as_bytes()).map(|(k, v)| format!("{k}{v}")).collect()
}

/// Weights of the features, in order (fitted by tools/title-ranker/fit.py).
#[rustfmt::skip]
const WEIGHTS: [f32; FEATURES] = [
    0.343, 0.072, 0.244, -0.754, 2.893, 1.289, -1.321, 0.367, -0.819, -1.585, 2.948, 1.433, 1.618, -0.165, -0.470, -0.383, 2.100, -1.809, -0.364, 0.000, 1.112, -0.510, 1.047, 0.215, -1.168, 0.403, 0.000, 0.000, -0.131, 0.000, 0.000, 0.402, -0.205, -0.820, -0.190, 0.202, 0.765, 0.909, 0.960, 0.000, 0.075, 0.140, -3.482, -0.866, 0.755, 0.744, 1.851, -1.926, -0.296, -0.492, 1.823, -0.131, 3.000, 4.446, 3.210, 0.509, -1.013,
];
/// "Jane Roe" alone on a line: two to four capitalised words, no digits, no stopwords.
fn is_name_line(line: &Line, stopwords: &PackedWords) -> bool {
    (2..=4).contains(&line.words)
        && line.category.is_none()
        && crate::pipeline::clean::words(&line.text).all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
                && !stopwords.contains(lowercase_in(w, &mut [0; LOWER_BUF]).as_ref())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Option<(&str, &str)> {
        split_parts(text).map(|(b, a, _)| (&text[b.0..b.1], &text[a.0..a.1]))
    }

    /// `split_parts` as it was: every byte compared.
    fn split_parts_by_bytes(text: &str) -> Option<Split> {
        let bytes = text.as_bytes();
        let mut first: Option<(usize, &str)> = None;
        let mut last: Option<(usize, &str)> = None;
        for (at, &b) in bytes.iter().enumerate() {
            let next = bytes.get(at + 1).copied();
            let maybe = match b {
                b' ' => matches!(next, Some(b'|' | b'-' | b':' | 0xC2 | 0xE2)),
                b':' => next == Some(b' '),
                _ => false,
            };
            if !maybe {
                continue;
            }
            if let Some(&sep) = SEPARATORS.iter().find(|sep| bytes[at..].starts_with(sep.as_bytes())) {
                // The colon ending a " :: " found two bytes before, with the same end.
                if sep == ": " && last.is_some_and(|(l, s)| s == " :: " && l + 2 == at) {
                    continue;
                }
                first.get_or_insert((at, sep));
                last = Some((at, sep));
            }
        }
        let (f, fsep) = first?;
        let (l, lsep) = last?;
        let before = trim_span(text, 0, f);
        let after = trim_span(text, l + lsep.len(), text.len());
        let has_letters = |(s, e): (usize, usize)| text[s..e].chars().any(char::is_alphabetic);
        (has_letters(before) && has_letters(after)).then_some((before, after, fsep == ": " && lsep == ": "))
    }

    #[test]
    fn split_parts_finds_what_comparing_every_byte_found() {
        let mut texts = crate::pipeline::text::generated::Texts::over("ab :|-–—»·•é’\u{a0}");
        for _ in 0..100_000 {
            let len = (texts.next() % 14) as usize;
            // Lines are trimmed (a part of white space alone has no span).
            let text = texts.text(len).trim().to_string();
            assert_eq!(split_parts(&text), split_parts_by_bytes(&text), "{text:?}");
        }
    }

    #[test]
    fn a_line_splits_into_headline_and_site_in_each_language() {
        assert_eq!(
            parts("Harbour reopens after repairs | The Daily Post"),
            Some(("Harbour reopens after repairs", "The Daily Post"))
        );
        assert_eq!(
            parts("Le port rouvre après les travaux - Le Journal"),
            Some(("Le port rouvre après les travaux", "Le Journal"))
        );
        assert_eq!(
            parts("Bahn erhöht die Preise: Was Fahrgäste wissen müssen"),
            Some(("Bahn erhöht die Preise", "Was Fahrgäste wissen müssen"))
        );
        assert_eq!(parts("El Diario » La Junta aprueba la ayuda"), Some(("El Diario", "La Junta aprueba la ayuda")));
        // Parts are taken at the first and the last separator.
        assert_eq!(parts("A | B section | C site"), Some(("A", "C site")));
        assert_eq!(parts("No separator here"), None);
        assert_eq!(parts("2025 - 12"), None, "a part needs letters");
    }

    #[test]
    fn a_site_name_is_recognised_from_the_host() {
        let host = host_words("https://www.studio-binder.com/blog/types-of-cameras");
        assert!(names_host("studiobinder", &host));
        assert!(names_host("studio binder", &host));
        assert!(!names_host("different types of cameras", &host));
        assert!(names_host("le monde", &host_words("https://www.lemonde.fr/politique/article")));
        assert!(!names_host("die zeit", &host_words("https://example.de/x")));
    }

    #[test]
    fn a_short_last_segment_names_the_page() {
        let seg = |url: &str| short_segment(url);
        assert_eq!(seg("https://shop.example/collections/air-purifiers?page=2"), ["air", "purifiers"]);
        assert_eq!(seg("https://boutique.example/fr/categorie/chaussures-femme/"), ["chaussures", "femme"]);
        assert_eq!(seg("https://laden.example/de/kategorie/kaffeemaschinen.html"), ["kaffeemaschinen"]);
        assert_eq!(seg("https://tienda.example/es/categoria/cafeter%C3%ADas"), ["cafeterias"]);
        // An article's slug is `slug_sequence`'s; a number or the site's root names nothing.
        assert!(seg("https://news.example/2025/06/council-funds-new-bridge").is_empty());
        assert!(seg("https://news.example/story/123456").is_empty());
        assert!(seg("https://news.example/news/newsbeat-50470672").is_empty());
        assert!(seg("https://news.example/").is_empty());
        let segment = seg("https://shop.example/collections/air-purifiers");
        assert_eq!(names_segment("Air Purifiers", &segment), (true, false));
        assert_eq!(names_segment("Medium Room Turbo Air Purifier", &segment), (false, false));
        assert_eq!(names_segment("Quiet Air Purifiers for Bedrooms", &segment), (false, true));
        assert_eq!(names_segment("Cafeterías", &seg("https://tienda.example/es/cafeterias")), (true, false));
    }

    #[test]
    fn a_segment_and_a_candidate_are_spelt_alike() {
        let seg = |url: &str| short_segment(url);
        let shirts = seg("https://shop.example/collections/t-shirts");
        assert_eq!(names_segment("T-Shirts", &shirts), (true, false));
        assert_eq!(names_segment("Organic Cotton T-Shirts", &shirts), (false, true));
        assert_eq!(names_segment("Vitamin C", &seg("https://pharmacie.example/fr/vitamin-c")), (true, false));
        assert_eq!(names_segment("Kaffee & Tee", &seg("https://laden.example/de/kaffee-tee")), (true, false));
    }

    #[test]
    fn a_plumbing_segment_names_no_page() {
        let seg = |url: &str| short_segment(url);
        for url in [
            "https://news.example/2025/06/council-funds-new-bridge/video",
            "https://news.example/world/bridge-reopens/print",
            "https://news.example/world/bridge-reopens/amp/",
            "https://forum.example/t/bridge-reopens/comments",
            "https://news.example/world/bridge-reopens/index.html",
            "https://zeitung.example/politik/brueckenbau/seite/page",
        ] {
            assert!(seg(url).is_empty(), "{url}");
        }
        // A one-word segment naming a thing still names it.
        assert_eq!(names_segment("Lodge Cast Iron", &seg("https://shop.example/brands/lodge")), (false, true));
    }

    #[test]
    fn the_slug_match_weighs_both_ways() {
        let slug = slug_words("https://diario.example/economia/la-junta-aprueba-la-ayuda");
        let (whole, hits) = slug_match("la junta aprueba la ayuda", &slug);
        let (label, _) = slug_match("junta", &slug);
        assert!(hits >= 2 && whole > label);
        assert_eq!(slug_match("corée du nord", &slug_words("https://x.example/fr/coree-du-nord-visite")).1, 3);
    }

    #[test]
    fn the_headline_without_its_site_name_is_a_candidate() {
        let page = "Menu\nLe port rouvre après les travaux - Le Journal\nLe port de la ville a rouvert lundi après une semaine de travaux, et les ferries circulent de nouveau.\n";
        let lines = super::super::read_lines(page);
        let texts: Vec<&str> =
            candidates(&lines, 2, 2, "https://lejournal.example/port-rouvre").iter().map(|c| c.text(&lines)).collect();
        assert!(texts.contains(&"Le port rouvre après les travaux"), "{texts:?}");
        assert!(texts.contains(&"Le port rouvre après les travaux - Le Journal"), "{texts:?}");
    }

    #[test]
    fn a_whole_line_tells_a_subtitle_after_a_colon_from_a_tagline_after_a_dash() {
        let prose =
            "The harbour reopened on Monday after a week of repairs, and the ferries run again on the old timetable.";
        // (line, colon, dash): only the whole line is marked, never its parts.
        let cases = [
            ("Harbour reopens after repairs | What changes for ferries", false, true),
            ("Le port rouvre après les travaux - Ce qu'il faut savoir", false, true),
            ("Bahn erhöht die Preise: Was Fahrgäste wissen müssen", true, false),
            ("El puerto reabre tras las obras — Lo que hay que saber", false, true),
            ("Der Hafen öffnet wieder nach den Bauarbeiten", false, false),
        ];
        // The separator the line is cut at decides, not a colon elsewhere in it.
        // (Only the marks are asserted for these: a forum's name comes before the thread's title.)
        let marked_only = [
            ("Harbour forum :: Ferries run again on the old timetable", false, true),
            ("Live: Port reopens after repairs - BBC News", false, true),
            ("Hafen: Was sich für Fähren ändert: Die Fragen", true, false),
        ];
        let ranked = cases.len();
        for (n, (line, colon, dash)) in cases.into_iter().chain(marked_only).enumerate() {
            let page = format!("Menu\n{line}\n{prose}\n");
            let lines = super::super::read_lines(&page);
            let cands = candidates(&lines, 2, 2, "");
            let whole = cands.iter().find(|c| c.text(&lines) == line).unwrap();
            assert_eq!((whole.features[55], whole.features[56]), (colon as u8 as f32, dash as u8 as f32), "{line}");
            for part in cands.iter().filter(|c| c.line == whole.line && c.span != whole.span) {
                assert_eq!((part.features[55], part.features[56]), (0.0, 0.0), "{line}");
            }
            // After a dash the headline before it outranks the whole line; after a colon the whole line stays ahead.
            if let Some(before) =
                cands.iter().find(|c| c.line == whole.line && c.features[32] > 0.0).filter(|_| n < ranked)
            {
                assert_eq!(before.score() > whole.score(), dash, "{line}");
            }
        }
    }

    #[test]
    fn a_site_name_after_the_headline_is_left_out() {
        let strip = |page: &str, url: &str| {
            let lines = super::super::read_lines(page);
            let i = lines.iter().position(|l| split_parts(&l.text).is_some()).unwrap();
            let (s, e) = without_trailing_site_name(&lines[i].text, (0, lines[i].text.len()), url);
            lines[i].text[s..e].to_string()
        };
        let url = "https://www.daily-post.example/news/harbour";
        assert_eq!(strip("Harbour reopens after repairs - Daily Post\n", url), "Harbour reopens after repairs");
        assert_eq!(strip("Le port rouvre après les travaux | Daily Post\n", url), "Le port rouvre après les travaux");
        let url = "https://zeitung.example/wirtschaft/bahn";
        assert_eq!(strip("Bahn erhöht die Preise – Zeitung\n", url), "Bahn erhöht die Preise");
        assert_eq!(strip("El puerto reabre — Zeitung Online\n", url), "El puerto reabre");
        // A short subtitle names no site; a long last part is no site's name; a
        // colon introduces a subtitle, even one naming the host.
        assert_eq!(strip("Bahn erhöht die Preise – Was nun?\n", url), "Bahn erhöht die Preise – Was nun?");
        let long = "Harbour reopens - Zeitung at the Boat Show 2025";
        assert_eq!(strip(&format!("{long}\n"), url), long);
        assert_eq!(strip("Der Hafen öffnet wieder: Zeitung\n", url), "Der Hafen öffnet wieder: Zeitung");
    }

    #[test]
    fn a_picture_number_after_a_product_name_is_left_out() {
        let strip = |t: &str| {
            let (s, e) = without_picture_number(t, (0, t.len()));
            t[s..e].to_string()
        };
        assert_eq!(strip("Ceramic mug, handmade image 1"), "Ceramic mug, handmade");
        assert_eq!(strip("Ceramic mug, handmade - Picture 1 of 4"), "Ceramic mug, handmade");
        assert_eq!(strip("Tasse en céramique - photo 2 sur 5"), "Tasse en céramique");
        assert_eq!(strip("Keramiktasse Bild 3"), "Keramiktasse");
        assert_eq!(strip("Taza de cerámica imagen 2 de 6"), "Taza de cerámica");
        // A picture's number alone, or a number that counts no picture, stays.
        assert_eq!(strip("Picture 1 of 1"), "Picture 1 of 1");
        assert_eq!(strip("Best cameras of 2026"), "Best cameras of 2026");
        assert_eq!(strip("Apollo 11 photo"), "Apollo 11 photo");
        assert_eq!(strip("World Press Photo 2024"), "World Press Photo 2024");
    }

    /// The ranker's pick on a page, and what it picks with the body-words feature left out.
    fn picks(page: &str, url: &str) -> (String, String) {
        let lines = super::super::read_lines(page);
        let (s, e, _) = super::super::article_run(&lines, true).unwrap();
        let (t, (a, b)) = pick(&lines, s, e, url).title.unwrap();
        let cands = candidates(&lines, s, e, url);
        let without = cands
            .iter()
            .filter(|c| !c.below_prose())
            .max_by(|x, y| {
                (x.score() - x.features[52] * WEIGHTS[52]).total_cmp(&(y.score() - y.features[52] * WEIGHTS[52]))
            })
            .unwrap();
        (lines[t].text[a..b].to_string(), without.text(&lines).to_string())
    }

    #[test]
    fn the_headline_shares_the_words_of_the_article_under_it() {
        // A promotion printed between the headline and the article stands nearer to it;
        // only the headline names what the article tells.
        let pages = [
            (
                "Harbour ferries sail again after storm damage\nShare\nSummer sale: garden chairs half price this week\nThe harbour ferries sail again from Monday after the storm damage to the northern pier was repaired. Crews worked through the weekend, and the first ferries left on time.\n",
                "Harbour ferries sail again after storm damage",
                "Summer sale",
            ),
            (
                "Les ferries du port naviguent après la tempête\nPartager\nSoldes d'été : chaises de jardin moitié prix\nLes ferries du port naviguent de nouveau depuis lundi après la tempête qui avait endommagé la jetée nord. Les équipes ont travaillé tout le week-end.\n",
                "Les ferries du port naviguent après la tempête",
                "Soldes d'été",
            ),
            (
                "Hafenfähren fahren nach dem Sturmschaden wieder\nTeilen\nSommerschlussverkauf: Gartenstühle zum halben Preis\nDie Hafenfähren fahren seit Montag wieder, nachdem der Sturmschaden an der Nordmole behoben wurde. Die Arbeiter waren das ganze Wochenende im Einsatz.\n",
                "Hafenfähren fahren nach dem Sturmschaden wieder",
                "Sommerschlussverkauf",
            ),
            (
                "Los ferris del puerto navegan tras el temporal\nCompartir\nRebajas de verano: sillas de jardín a mitad de precio\nLos ferris del puerto navegan de nuevo desde el lunes, después de que el temporal dañara el muelle norte. Los equipos trabajaron todo el fin de semana.\n",
                "Los ferris del puerto navegan tras el temporal",
                "Rebajas de verano",
            ),
        ];
        for (page, headline, promotion) in pages {
            let (title, without) = picks(page, "https://news.example/a/123");
            assert_eq!(title, headline);
            assert!(without.starts_with(promotion), "{without}");
        }
    }

    #[test]
    fn a_prose_line_does_not_share_words_with_itself() {
        // Line 3 is the only prose line holding "ferries" and "pier"; "harbour" is also on line 4.
        let mut body = HashMap::default();
        for (word, lines, first) in [("ferries", 1, 3), ("pier", 1, 3), ("harbour", 2, 3), ("storm", 1, 4)] {
            body.insert(word, (lines, first, first));
        }
        assert_eq!(body_share("harbour ferries pier", 3, &body), 1.0 / 3.0);
        assert_eq!(body_share("harbour ferries pier", 1, &body), 1.0);
        // Headline-less text pages in every language: a sentence of the article is not crowned.
        for page in [
            "Document 7\nThe harbour ferries sail again from Monday after the storm damage was repaired.\nCrews worked through the weekend and the first boats left on time.\n",
            "Document 7\nLes ferries du port naviguent de nouveau depuis lundi après la tempête.\nLes équipes ont travaillé tout le week-end et les bateaux partent à l'heure.\n",
            "Document 7\nDie Hafenfähren fahren seit Montag wieder, nachdem der Sturmschaden behoben wurde.\nDie Arbeiter waren das ganze Wochenende im Einsatz und die Boote fuhren pünktlich.\n",
            "Document 7\nLos ferris del puerto navegan de nuevo desde el lunes tras el temporal.\nLos equipos trabajaron todo el fin de semana y los barcos salieron a su hora.\n",
        ] {
            let (title, _) = picks(page, "https://news.example/a/7");
            assert_eq!(title, "Document 7", "{page}");
        }
    }

    #[test]
    fn a_breadcrumb_tail_printed_alone_is_the_title_without_its_mark() {
        assert_eq!(marker_len("/ Breed suggestions"), 2);
        assert_eq!(marker_len("› Tasse blanche"), "› ".len());
        assert_eq!(marker_len("/ 2024"), 0);
        assert_eq!(marker_len("Breed / suggestions"), 0);
        let pages = [
            (
                "Forums\n\n/ General\n\n/ Breed suggestions for a family please\n\nWe are looking for a dog that gets along with small children and does not need hours of running every day. Which breeds would you suggest, and why?\n\n",
                "Breed suggestions for a family please",
            ),
            (
                "Forums\n\n/ Général\n\n/ Quelle race de chien pour une famille\n\nNous cherchons un chien qui s'entende avec de jeunes enfants et qui n'ait pas besoin de courir des heures chaque jour. Quelles races conseillez-vous, et pourquoi ?\n\n",
                "Quelle race de chien pour une famille",
            ),
            (
                "Foren\n\n› Allgemein\n\n› Welche Hunderasse für eine Familie\n\nWir suchen einen Hund, der mit kleinen Kindern gut auskommt und nicht jeden Tag stundenlang laufen muss. Welche Rassen würdet ihr empfehlen, und warum?\n\n",
                "Welche Hunderasse für eine Familie",
            ),
            (
                "Foros\n\n» General\n\n» Qué raza de perro para una familia\n\nBuscamos un perro que se lleve bien con niños pequeños y que no necesite correr horas cada día. ¿Qué razas nos recomendáis, y por qué?\n\n",
                "Qué raza de perro para una familia",
            ),
        ];
        for (page, headline) in pages {
            let (title, _) = picks(page, "https://forum.example/t/48213");
            assert_eq!(title, headline, "{page}");
        }
    }

    #[test]
    fn a_subject_typed_in_lower_case_can_be_the_title_but_not_a_two_word_item() {
        let pages = [
            (
                "Questions\n\nget started\n\njoin two disks in linear mode together\n\nI have two old disks of different sizes and would like to use them as one volume. Is there a way to join them in linear mode without losing the data on the first one?\n\n",
                "join two disks in linear mode together",
            ),
            (
                "Questions\n\ncommencer ici\n\njoindre deux disques en mode linéaire\n\nJ'ai deux vieux disques de tailles différentes et je voudrais les utiliser comme un seul volume. Peut-on les joindre sans perdre les données du premier ?\n\n",
                "joindre deux disques en mode linéaire",
            ),
            (
                "Fragen\n\nhier starten\n\nzwei Festplatten linear zusammenfügen\n\nIch habe zwei alte Festplatten unterschiedlicher Größe und möchte sie als ein Laufwerk nutzen. Geht das, ohne die Daten auf der ersten zu verlieren?\n\n",
                "zwei Festplatten linear zusammenfügen",
            ),
            (
                "Preguntas\n\nempieza aquí\n\nunir dos discos en modo lineal\n\nTengo dos discos viejos de distinto tamaño y quiero usarlos como un solo volumen. ¿Se puede hacer sin perder los datos del primero?\n\n",
                "unir dos discos en modo lineal",
            ),
        ];
        for (page, headline) in pages {
            let lines = super::super::read_lines(page);
            let (s, e, _) = super::super::article_run(&lines, true).unwrap();
            let cands: Vec<&str> = candidates(&lines, s, e, "").iter().map(|c| c.text(&lines)).collect();
            assert!(cands.contains(&headline), "{cands:?}");
            // "get started", "commencer ici": a command, not a headline.
            assert!(!cands.contains(&lines[1].text.as_str()), "{cands:?}");
            // Nor when printed as a breadcrumb's last item: its mark is no word.
            let marked = page.replacen(lines[1].text.as_str(), &format!("› {}", lines[1].text), 1);
            let marked_lines = super::super::read_lines(&marked);
            let (s, e, _) = super::super::article_run(&marked_lines, true).unwrap();
            let cands: Vec<&str> = candidates(&marked_lines, s, e, "").iter().map(|c| c.text(&marked_lines)).collect();
            assert!(cands.contains(&headline), "{cands:?}");
            assert!(!cands.contains(&lines[1].text.as_str()), "{cands:?}");
        }
    }

    #[test]
    fn a_headline_with_a_trailing_colon_or_ellipsis_is_the_title_without_it() {
        assert_eq!(trailer_len("My Year Without a Car:"), 1);
        assert_eq!(trailer_len("Mon année sans voiture :"), 2);
        assert_eq!(trailer_len("Wrong screen size ..."), 4);
        assert_eq!(trailer_len("Garden design ideas…"), "…".len());
        assert_eq!(trailer_len("Note: read this"), 0);
        assert_eq!(trailer_len("Price: 12.50"), 0);
        let pages = [
            (
                "Blog\nMenu\nMy Year Without a Car:\nLast spring I sold the car that had cost me more each month than my rent, and I started to walk, cycle and take the train. This is how the year went, week by week, in rain and sun.\n",
                "My Year Without a Car",
            ),
            (
                "Blog\nMenu\nMon année sans voiture :\nAu printemps dernier, j'ai vendu la voiture qui me coûtait chaque mois plus que mon loyer, et je me suis mis à marcher, à pédaler et à prendre le train. Voici comment l'année s'est passée.\n",
                "Mon année sans voiture",
            ),
            (
                "Blog\nMenü\nMein Jahr ohne Auto ...\nIm letzten Frühjahr habe ich das Auto verkauft, das mich jeden Monat mehr kostete als die Miete, und bin seitdem zu Fuß, mit dem Rad und mit der Bahn unterwegs. So ist das Jahr verlaufen.\n",
                "Mein Jahr ohne Auto",
            ),
            (
                "Blog\nMenú\nMi año sin coche…\nLa primavera pasada vendí el coche que me costaba cada mes más que el alquiler, y empecé a caminar, a ir en bici y a tomar el tren. Así fue el año, semana a semana, con lluvia y con sol.\n",
                "Mi año sin coche",
            ),
        ];
        for (page, headline) in pages {
            let slug = key_words(&match_key(headline)).collect::<Vec<_>>().join("-");
            let (title, _) = picks(page, &format!("https://blog.example/{slug}"));
            assert_eq!(title, headline, "{page}");
        }
    }

    #[test]
    fn a_headline_printed_over_two_lines_is_joined_where_the_slug_spells_it() {
        // (page, URL, title): a brand over the product's name, a headline's
        // colon over its subtitle, a heading's last word under it.
        let pages = [
            (
                "Shop\nMore Keyboards\nKeychron\nK2 Wireless Mechanical Keyboard (Version 2)\nAdd to basket\nThe K2 is a compact wireless keyboard with a low profile, a long battery life and keys that can be swapped without soldering. We typed on it for a month.\n",
                "https://shop.example/keyboards/keychron-k2-wireless-mechanical-keyboard-version-2",
                "Keychron K2 Wireless Mechanical Keyboard (Version 2)",
            ),
            (
                "Blog\nMenu\nWeb Design for Creative Agencies:\nBuilding Portfolios That Sell\nFor a creative agency, the website is the first place a client meets the work, and a portfolio that loads fast and tells a story wins more briefs than a gallery of logos.\n",
                "https://studio.example/web-design-for-creative-agencies-building-portfolios-that-sell/",
                "Web Design for Creative Agencies: Building Portfolios That Sell",
            ),
            (
                "Blog\nMenu\nConception web pour agences créatives :\nDes portfolios qui vendent\nPour une agence créative, le site est le premier endroit où un client découvre son travail, et un portfolio rapide qui raconte une histoire remporte plus de projets.\n",
                "https://studio.example/conception-web-pour-agences-creatives-des-portfolios-qui-vendent/",
                "Conception web pour agences créatives : Des portfolios qui vendent",
            ),
            (
                "Forum\nMenu\nScalable End-to-End\nInterpretability\nby jroe\nWe show how the decisions of a large language model can be traced from its input to its output, without looking at every layer on its own.\n",
                "https://forum.example/posts/k3j9/scalable-end-to-end-interpretability",
                "Scalable End-to-End Interpretability",
            ),
            (
                "Forum\nMenü\nSkalierbare durchgehende\nInterpretierbarkeit\nWir zeigen, wie sich die Entscheidungen eines großen Sprachmodells von der Eingabe bis zur Ausgabe nachverfolgen lassen, ohne jede Schicht einzeln zu untersuchen.\n",
                "https://forum.example/posts/k3j9/skalierbare-durchgehende-interpretierbarkeit",
                "Skalierbare durchgehende Interpretierbarkeit",
            ),
            (
                "Tienda\nMenú\nMarcaluz\nLámpara de mesa de latón con pantalla de lino\nAñadir a la cesta\nUna lámpara de mesa hecha a mano en latón macizo, con una pantalla de lino natural que da una luz cálida y suave a cualquier rincón de la casa.\n",
                "https://tienda.example/iluminacion/marcaluz-lampara-de-mesa-de-laton-con-pantalla-de-lino",
                "Marcaluz Lámpara de mesa de latón con pantalla de lino",
            ),
        ];
        for (page, url, want) in pages {
            assert_eq!(super::super::extract_page(page, url).title.as_deref(), Some(want), "{url}");
        }
    }

    #[test]
    fn a_section_name_beside_the_headline_is_not_joined_to_it() {
        // The slug says "health", but not right before the headline's words.
        let pages = [
            (
                "News\nHealth\nEmployers drop coverage for weight loss drugs\nBy Jane Roe\nLarge employers are dropping coverage of the new weight loss drugs for their staff, saying the cost of the injections has grown faster than any other item in their health plans.\n",
                "https://news.example/2025/12/18/weight-loss-drugs-health-plans/",
                "Employers drop coverage for weight loss drugs",
            ),
            (
                "Actualités\nSanté\nLes employeurs ne remboursent plus les médicaments contre l'obésité\nPar Jeanne Roux\nLes grandes entreprises cessent de rembourser les nouveaux médicaments contre l'obésité, dont le coût a augmenté plus vite que tout autre poste de leurs contrats santé.\n",
                "https://news.example/2025/12/18/medicaments-obesite-contrats-sante/",
                "Les employeurs ne remboursent plus les médicaments contre l'obésité",
            ),
            // The slug spells the line next to the title, but the title is not in it.
            (
                "Shop\nKeychron\nK2 Wireless Mechanical Keyboard\nAdd to basket\nThe K2 is a compact wireless keyboard with a low profile, a long battery life and keys that can be swapped without soldering. We typed on it for a month.\n",
                "https://shop.example/brands/keychron-store-page",
                "K2 Wireless Mechanical Keyboard",
            ),
            // The slug opens with the section's name, printed in the menu too.
            (
                "Home\nPolitics\nSports\nWorld\nPolitics\nSenate passes the budget bill after a long night\nBy Jane Roe\nThe Senate passed the budget bill early on Friday after a night of votes on amendments, sending it to the House, where leaders expect a close vote next week.\n",
                "https://news.example/politics-senate-passes-the-budget-bill-after-a-long-night",
                "Senate passes the budget bill after a long night",
            ),
        ];
        for (page, url, want) in pages {
            assert_eq!(super::super::extract_page(page, url).title.as_deref(), Some(want), "{url}");
        }
    }

    #[test]
    fn a_heading_split_at_a_link_and_joined_back_is_a_candidate() {
        let pages = [
            (
                "Features\nPricing\nThe open source alternative to\nBoardly\nPlan your projects on boards that everyone on the team can see and change, host them on your own server, and keep every card, comment and file under your control.\n",
                "The open source alternative to Boardly",
            ),
            (
                "Fonctions\nTarifs\nL'alternative libre à\nBoardly\nPlanifiez vos projets sur des tableaux que toute l'équipe peut voir et modifier, hébergez-les sur votre serveur et gardez la main sur chaque carte, chaque commentaire et chaque fichier.\n",
                "L'alternative libre à Boardly",
            ),
            (
                "Funktionen\nPreise\nDie freie Alternative zu\nBoardly\nPlanen Sie Ihre Projekte auf Tafeln, die das ganze Team sehen und ändern kann, betreiben Sie sie auf Ihrem eigenen Server und behalten Sie jede Karte und jede Datei unter Kontrolle.\n",
                "Die freie Alternative zu Boardly",
            ),
            (
                "Funciones\nPrecios\nLa alternativa libre a\nBoardly\nPlanifica tus proyectos en tableros que todo el equipo puede ver y cambiar, alójalos en tu propio servidor y mantén cada tarjeta, cada comentario y cada archivo bajo tu control.\n",
                "La alternativa libre a Boardly",
            ),
        ];
        for (page, headline) in pages {
            let lines = super::super::read_lines(page);
            assert!(lines.iter().any(|l| l.text == headline && l.fragments > 1), "{page}");
            // The slug names it; the menu item above stays the hand rule's pick.
            let slug = key_words(&match_key(headline)).collect::<Vec<_>>().join("-");
            let (title, _) = picks(page, &format!("https://board.example/{slug}"));
            assert_eq!(title, headline, "{page}");
        }
    }

    #[test]
    fn a_headline_far_above_the_article_is_still_a_candidate() {
        // A shop's heading above 400 lines of filters, the article (the
        // category's description) at the bottom.
        let mut page = String::from("Skip to content\nSign in\nCart\nCeramic Coffee Mugs\n");
        for k in 0..200 {
            page.push_str(&format!("Glaze {k}\nSize {k}\n"));
        }
        page.push_str("Sign in\nCart\n");
        page.push_str("Our ceramic coffee mugs are thrown by hand in a small studio and fired twice, so each one holds its heat and keeps its glaze for years of daily use.\n");
        let (title, _) = picks(&page, "https://shop.example/collections/ceramic-coffee-mugs");
        assert_eq!(title, "Ceramic Coffee Mugs");
    }
}
