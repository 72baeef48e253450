//! The headline, byline and date lines around a text page's article: which
//! line above (or at the top of) the best run reads as the title, and which
//! lines under it name the author and the date. Kept apart from the line
//! weighing in `text.rs` because it asks different questions of the same lines:
//! not "is this prose?" but "is this the piece's label?".

use super::{title, Line, AUTHOR_LABELS, BYLINE_WORDS, HEAD_LINES, NAME_LINES};
use crate::pipeline::clean::authors::{names_in, NotAuthors};
use crate::pipeline::clean::vocab::vocabulary;
use crate::pipeline::text::dates::find_dates;
use crate::pipeline::text::key_words;
use crate::pipeline::text::lexicon::{lowercase, lowercase_in, Lexicon, PackedWords, LOWER_BUF};
use crate::pipeline::text::roles::{is_group_word, is_role_word};

/// Title, byline and date lines found around the article's start.
#[derive(Default)]
pub(super) struct Head {
    pub(super) title: Option<usize>,
    /// The ranker's title: its line and byte range (the line, or its part before or after a separator).
    title_text: Option<(usize, (usize, usize))>,
    /// The line above or below the title's that carries on its headline (the
    /// body keeps it: a heading's second line is printed as the article's).
    title_join: Option<usize>,
    pub(super) byline: Option<usize>,
    /// The name under (or above) a bare byline label ("Written by", "Author:"):
    /// its line and the byte length of the name in it.
    pub(super) name: Option<(usize, usize)>,
    pub(super) date: Option<usize>,
    /// The byline was found near the title (not the nearest "By …" line further down).
    near: bool,
}

impl Head {
    pub(super) fn title_text(&self, lines: &[Line]) -> Option<String> {
        self.title_text.map(|(t, (s, e))| {
            let title = &lines[t].text[s..e];
            match self.title_join {
                Some(j) if j < t => format!("{} {title}", lines[j].text.trim()),
                Some(j) => format!("{title} {}", lines[j].text.trim()),
                None => title.to_string(),
            }
        })
    }

    pub(super) fn used(&self) -> impl Iterator<Item = usize> {
        [self.title, self.byline, self.name.map(|(n, _)| n), self.date].into_iter().flatten()
    }

    /// The authors the byline names, cleaned as the HTML path cleans them.
    /// Next to the title or a byline word one word is a name ("By Anthony",
    /// "Yucy" above the date); a name far from the title needs two.
    pub(super) fn authors(&self, lines: &[Line], url: &str) -> Vec<String> {
        let Some(b) = self.byline else { return Vec::new() };
        let not_authors = NotAuthors::new(&[], url);
        let text = match self.name {
            Some((n, len)) => &lines[n].text[..len],
            // A label with no name beside it names no one.
            None if is_author_label(&lines[b]) => return Vec::new(),
            None => lines[b].text.as_str(),
        };
        // "Jane Roe, MS, RD": credentials after a comma are no names.
        let text = before_credentials(text)
            .filter(|&end| text[..end].trim_end().ends_with(','))
            .map_or(text, |end| &text[..end]);
        names_in(text, &not_authors, !self.near)
    }

    pub(super) fn byline_text(&self, lines: &[Line]) -> Option<String> {
        if let (Some(b), Some((n, len))) = (self.byline, self.name) {
            let who = format!("{} {}", lines[b].text.trim(), lines[n].text[..len].trim());
            return Some(match self.date {
                Some(d) => format!("{who} · {}", lines[d].text),
                None => who,
            });
        }
        // A label with no name beside it is no byline.
        let byline = self.byline.filter(|&b| self.name.is_some() || !is_author_label(&lines[b]));
        match (byline, self.date) {
            (Some(b), Some(d)) if b != d => Some(format!("{} · {}", lines[b].text, lines[d].text)),
            (Some(i), _) | (None, Some(i)) => Some(lines[i].text.clone()),
            (None, None) => None,
        }
    }
}

/// Prefixes of a reply's subject ("Re: …", German "AW: …", French "Rép : …"), lower-cased.
const REPLY_PREFIXES: &[&str] = &["re", "aw", "antw", "rép", "resp", "rif", "sv"];

/// The title inside a line that quotes it: a forum reply's subject ("Re:
/// Title") or a comments header ("2 responses to “Title”"). The thread's
/// title is the piece's; the prefix is the reply's or the widget's.
pub(super) fn quoted_title(text: &str, (mut s, e): (usize, usize)) -> (usize, usize) {
    while let Some(colon) = text[s..e].find(':') {
        let prefix = text[s..s + colon].trim();
        let rest = &text[s + colon + 1..e];
        if rest.trim().is_empty() || !REPLY_PREFIXES.contains(&lowercase(prefix).as_ref()) {
            break;
        }
        s += colon + 1 + (rest.len() - rest.trim_start().len());
    }
    let t = &text[s..e];
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return (s, e);
    }
    let Some(open) = t.find(['“', '"', '«', '„', '‘']) else { return (s, e) };
    let prefix = &t[..open];
    let body = t.trim_end();
    let closes = body.ends_with(['”', '"', '»', '“', '’']);
    let is_header = prefix.split_whitespace().count() <= 5
        && prefix.split_whitespace().any(|w| vocabulary().is_comment_word(&lowercase(w)));
    if !closes || !is_header {
        return (s, e);
    }
    let from = open + t[open..].chars().next().map_or(0, char::len_utf8);
    let to = body.len() - body.chars().next_back().map_or(0, char::len_utf8);
    let inner = &t[from..to.max(from)];
    if inner.trim().is_empty() {
        return (s, e);
    }
    let lead = inner.len() - inner.trim_start().len();
    (s + from + lead, s + from + lead + inner.trim().len())
}

pub(super) fn head_of(lines: &[Line], start: usize, end: usize, url: &str) -> Head {
    // The ranker names the title; the article's first line and the byline
    // search stay anchored on the line the hand-written rule prefers, which
    // places the article's start better than the ranker's pick.
    let pick = title::pick(lines, start, end, url);
    let title = pick.rule_line;
    let title_text = pick.title.map(|(t, span)| (t, quoted_title(&lines[t].text, span)));
    let mut head = Head { title, title_text, title_join: pick.join, ..Head::default() };
    let stopwords = &Lexicon::get().stopwords_packed;
    // Byline and date: just around the title, or at the top of the article.
    let anchor = title.unwrap_or(start);
    let lo = anchor.saturating_sub(4);
    let hi = (anchor.max(start) + HEAD_LINES).min(lines.len());
    // A "last updated" date is the publication date only when the page prints no other.
    let mut updated: Option<usize> = None;
    for i in lo..hi {
        if Some(i) == head.title {
            continue;
        }
        let line = &lines[i];
        if head.byline.is_none() && (is_byline_line(line) || is_author_label(line)) {
            head.byline = Some(i);
            head.near = true;
            if let Some(label) = author_label(line) {
                // "Written by" / "Author:" on a line of its own: the name is
                // next to it; under a label ending in "by", only under it.
                let above = if label == Label::By { None } else { i.checked_sub(1) };
                // Past a bullet or a second "by" ("Written by" / "by" / "Jane
                // Roe"), and past the picture's alt text ("By" / "Jane Roe
                // avatar" / "Jane Roe").
                let mut next = i + 1;
                while next < (i + 3).min(lines.len())
                    && (is_filler(&lines[next])
                        || (lines[next].words == 1 && author_label(&lines[next]) == Some(Label::By)))
                {
                    next += 1;
                }
                let past_picture = avatar_of(lines, next + 1).then_some(next + 1);
                head.name = [Some(next), past_picture, above]
                    .into_iter()
                    .flatten()
                    .filter(|&j| j < lines.len() && Some(j) != head.title)
                    .find_map(|j| Some((j, label_name(&lines[j], label, 1, stopwords)?)));
            }
        }
        if head.date.is_none() && is_date_line(line) {
            if is_update_line(line) {
                updated = updated.or(Some(i));
            } else {
                head.date = Some(i);
            }
        }
    }
    head.date = head.date.or(updated);
    if head.date.is_none() {
        // No date beside the title (a picture, a summary or a share bar in
        // between, or the title missed): the date line nearest the title,
        // before the article's end, a "last updated" one only if no other.
        head.date = (0..(end + 1).min(lines.len()))
            .filter(|&i| Some(i) != head.title && lines[i].text.bytes().any(|b| b.is_ascii_digit()))
            .filter(|&i| is_date_line(&lines[i]))
            .min_by_key(|&i| (is_update_line(&lines[i]), i.abs_diff(anchor)));
    }
    if head.date.is_none() {
        // None above the article's end either: a date printed just under
        // the article ("First published on …", "Publié le …"), the nearest.
        head.date = (end + 1..(end + 1 + HEAD_LINES).min(lines.len()))
            .filter(|&i| lines[i].text.bytes().any(|b| b.is_ascii_digit()) && is_date_line(&lines[i]))
            .min_by_key(|&i| (is_update_line(&lines[i]), i));
    }
    if head.byline.is_none() {
        // A name printed alone under the title or next to the date, in an
        // author block (beside the date, a label, a job title or a picture):
        // a section label or a product name alone is not an author.
        // Next to the date, or apart from it only by a bullet or a handle ("•", "@jroe").
        let beside_date = |i: usize| {
            head.date.is_some_and(|d| {
                i != d && i.abs_diff(d) <= 3 && i < lines.len() && {
                    let (lo, hi) = (i.min(d), i.max(d));
                    lines[lo + 1..hi].iter().all(is_filler)
                }
            })
        };
        let title_key = title.map(|t| lines[t].key.as_str());
        let near = |i: usize| {
            i < lines.len()
                && Some(i) != head.title
                // The headline printed again (above and under the date) is no name.
                && Some(lines[i].key.as_str()) != title_key
                && Some(i) != head.date
                && (i < start.max(anchor + 1) + 3 || title.is_some_and(|t| i > t && i <= t + NAME_LINES))
                && (beside_date(i) || author_context(lines, i))
        };
        let candidates = title.into_iter().flat_map(|t| t + 1..=t + NAME_LINES).chain(
            head.date.into_iter().flat_map(|d| [d.wrapping_sub(1), d + 1, d.wrapping_sub(2), d.wrapping_sub(3)]),
        );
        // A name alone may be one word when the date is its neighbour ("Yucy" / "3/4/2025").
        head.byline = candidates
            .filter(|&i| near(i))
            .find(|&i| is_author_name(&lines[i], if beside_date(i) { 1 } else { 2 }, stopwords));
        head.near = head.byline.is_some();
    }
    if head.byline.is_none() {
        // No author beside the title: the "By …" line nearest it, before the
        // article's end, or an author box's anywhere ("Written by" over the
        // name, joined into one line).
        head.byline = (0..lines.len())
            .filter(|&i| i <= end || boxed_byline(&lines[i]))
            .filter(|&i| Some(i) != head.title && Some(i) != head.date && is_byline_line(&lines[i]))
            .min_by_key(|&i| i.abs_diff(anchor));
    }
    if head.byline.is_none() {
        // Nor a "By …" line: an author box, a label ("About the author",
        // "Published by", "Sobre el autor") on the line above a full name,
        // the nearest to the title, often under the article.
        let label = (0..lines.len().saturating_sub(1))
            .filter(|&i| Some(i) != head.title && Some(i + 1) != head.title)
            .filter_map(|i| {
                let label =
                    author_label(&lines[i]).or_else(|| is_author_box_label(&lines[i]).then_some(Label::Other))?;
                Some((i, label_name(&lines[i + 1], label, 2, stopwords)?))
            })
            .min_by_key(|&(i, _)| i.abs_diff(anchor));
        if let Some((i, len)) = label {
            head.byline = Some(i);
            head.name = Some((i + 1, len));
        }
    }
    if head.byline.is_none() {
        // Nor a label: an author box with no heading, a full name over the
        // author's own introduction ("Jane Roe" / "I'm a nurse and …") or
        // under the picture naming it ("Headshot of Jane Roe" / "Jane Roe"),
        // the nearest to the title. Under another's text it is a
        // testimonial's ("… can only recommend it." / "Alice Roe" / "I am a customer …").
        // Pictures of two or more people name a thread's posters, not an author.
        let pictured: Vec<usize> = (1..lines.len()).filter(|&i| avatar_of(lines, i)).collect();
        let one_pictured = pictured.iter().all(|&i| lines[i].key == lines[pictured[0]].key);
        head.byline = (0..lines.len().saturating_sub(1))
            .filter(|&i| {
                Some(i) != head.title
                    && (introduces_self(&lines[i + 1]) || (one_pictured && pictured.binary_search(&i).is_ok()))
            })
            .filter(|&i| i == 0 || lines[i - 1].weight <= 0)
            .filter(|&i| is_author_name(&lines[i], 2, stopwords) && opens_with_given_name(&lines[i].text, stopwords))
            .min_by_key(|&i| i.abs_diff(anchor));
    }
    head
}

/// "Jane Roe": a heading over an introduction ("My Story", "About Jane") is none.
fn opens_with_given_name(text: &str, stopwords: &PackedWords) -> bool {
    text.split_whitespace().next().is_some_and(|w| {
        crate::pipeline::clean::authors::is_given_name(w) && !stopwords.contains(lowercase(w).as_ref())
    })
}

/// A biography's first-person opening ("I'm a …", "Je suis …", "Ich bin …").
fn introduces_self(line: &Line) -> bool {
    line.words >= 6 && {
        // Only the opening is compared, so only it is lower-cased: that is the
        // whole line's lower case as far as an intro reaches (only a sigma
        // depends on what follows, and σ and ς are alike in length and in no intro).
        let text = line.text.trim_start();
        let opening = text.char_indices().nth(INTRO_CHARS).map_or(text, |(at, _)| &text[..at]);
        let lower = lowercase(opening);
        super::SELF_INTROS.iter().any(|p| lower.strip_prefix(p).is_some_and(|rest| rest.starts_with(' ')))
    }
}

/// Characters of a line's opening that `introduces_self` reads: more than
/// the longest intro and the space after it.
const INTRO_CHARS: usize = 12;

/// A byline label on a line of its own ("Written by", "Von"), joined with the
/// name under it: an author box's.
fn boxed_byline(line: &Line) -> bool {
    line.fragments > 1
        && line.text.get(..line.first).is_some_and(|label| {
            let mut words = label.split_whitespace();
            label.split_whitespace().count() <= 3
                && words.next_back().is_some_and(|w| byline_word(w.trim_end_matches(':')).is_some())
        })
}

/// The heading of an author box: "About the author", "À propos de l'auteur",
/// "Über den Autor", "Sobre el autor".
fn is_author_box_label(line: &Line) -> bool {
    line.words <= 5 && {
        let label = line.text.trim().trim_end_matches(':').trim();
        // An ASCII line is compared without lower-casing it (most are no label).
        if label.is_ascii() {
            AUTHOR_BOX_LABELS.iter().any(|l| l.eq_ignore_ascii_case(label))
        } else {
            AUTHOR_BOX_LABELS.contains(&label.to_lowercase().as_str())
        }
    }
}

const AUTHOR_BOX_LABELS: &[&str] = &[
    "about the author",
    "about the authors",
    "the author",
    "meet the author",
    "à propos de l'auteur",
    "à propos de l’auteur",
    "l'auteur",
    "l’auteur",
    "über den autor",
    "über die autorin",
    "der autor",
    "die autorin",
    "sobre el autor",
    "sobre la autora",
    "el autor",
    "la autora",
    "over de auteur",
    "de auteur",
    "sull'autore",
    "l'autore",
];

/// "Home > News > Politics", "Startseite / Wirtschaft / Verkehr".
pub(super) fn is_breadcrumb(text: &str) -> bool {
    // Each separator holds one of these bytes ('›', '»', '·', '•', '→' lead
    // with 0xC2 or 0xE2): most lines hold none and are never split.
    if !text.bytes().any(|b| matches!(b, b'>' | b'/' | b'|' | b'\\' | b':' | 0xC2 | 0xE2)) {
        return false;
    }
    // One pass: two separators settle it; one needs a short line (six words at most).
    let (mut separators, mut words) = (0, 0);
    for w in crate::pipeline::clean::words(text) {
        words += 1;
        if w.len() <= 4 && matches!(w, ">" | "›" | "»" | "/" | "|" | "»»" | "·" | "•" | "→" | "\\" | "::") {
            separators += 1;
            if separators >= 2 {
                return true;
            }
        }
    }
    separators >= 1 && words <= 6
}

/// A name line sits in an author block: next to a date, a byline label, a job
/// title or the author's picture, or printed twice (picture and name).
fn author_context(lines: &[Line], i: usize) -> bool {
    lines[i].caption
        || avatar_of(lines, i)
        || [i.wrapping_sub(1), i + 1].into_iter().filter_map(|j| lines.get(j)).any(|l| {
            let lower = l.text.to_lowercase();
            is_date_line(l)
                || is_author_label(l)
                || (l.words <= 6
                    && lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
                        is_role_word(w)
                            || is_group_word(w)
                            || matches!(w, "avatar" | "photo" | "image" | "picture" | "headshot")
                    }))
        })
}

/// Words of a picture's alt text naming who it shows ("Picture of Jane Roe",
/// "Jane Roe's avatar", "Headshot of Jane Roe, Writer").
const PICTURE_WORDS: &[&str] =
    &["avatar", "photo", "picture", "image", "headshot", "portrait", "foto", "bild", "imagen", "photo de", "profile"];

/// Line `j` is a name under a picture's alt text that names it ("Picture of
/// Jane Roe" / "Jane Roe", "jroe's avatar" / "jroe").
pub(super) fn avatar_of(lines: &[Line], j: usize) -> bool {
    let (Some(alt), Some(name)) = (j.checked_sub(1).and_then(|k| lines.get(k)), lines.get(j)) else { return false };
    name.words <= 4
        && alt.words <= 12
        && !alt.text.trim_end().ends_with(['.', '!', '?'])
        && name.key.len() >= 3
        && alt.key.len() > name.key.len()
        && alt.key.contains(name.key.as_str())
        && key_words(&alt.key).any(|w| PICTURE_WORDS.contains(&w))
}

/// A name printed twice in a row (a picture's alt text and the byline) beside
/// a date: an author block, never a headline.
pub(super) fn is_name_by_date(lines: &[Line], i: usize, stopwords: &PackedWords) -> bool {
    let line = &lines[i];
    line.caption
        && line.words <= 8
        && [i.wrapping_sub(1), i + 1].into_iter().any(|j| {
            lines.get(j).is_some_and(|l| l.category.is_some() || l.words <= 12)
                && lines.get(j).is_some_and(is_date_line)
        })
        && is_author_name(line, 1, stopwords)
}

/// A bullet, a pipe or a handle alone on a line ("•", "|", "@jroe"): no words of its own.
fn is_filler(line: &Line) -> bool {
    let text = line.text.trim();
    !text.chars().any(char::is_alphanumeric) || (line.words == 1 && text.starts_with('@'))
}

/// "By", "Written by", "Author:" alone on a line: the name is on the next one.
pub(super) fn is_author_label(line: &Line) -> bool {
    author_label(line).is_some()
}

/// What kind of byline label a line is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Label {
    /// Ends in a byline word ("By", "Written by", "Posted on June 3, 2025 by"),
    /// or opens a forum thread ("Thread starter"): the name follows it, and
    /// may be a handle.
    By,
    /// "Author:", "Autor", "Thread starter": the name is next to it.
    Other,
}

pub(super) fn author_label(line: &Line) -> Option<Label> {
    if line.words > 8 {
        return None;
    }
    // Past three words only a line ending in a byline word is a label: checked
    // before anything is lower-cased.
    if line.words > 3 {
        let last = line.text.split_whitespace().next_back().unwrap_or("");
        let last = last.trim_matches(|c: char| !c.is_alphanumeric());
        byline_word(last)?;
    }
    // "| By", "• By": a bullet or a pipe before the label is the layout's.
    let text = line.text.trim().trim_start_matches(['|', '•', '·', '-', '–', '—']);
    let label = text.trim().trim_end_matches(':').trim();
    let last =
        label.split_whitespace().rev().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).find(|w| !w.is_empty());
    // Nearly every short line is no label: an ASCII one is told without
    // lower-casing it (the labels below are compared the same way).
    if label.is_ascii() {
        let listed = |list: &[&str]| list.iter().any(|l| l.eq_ignore_ascii_case(label));
        if last.and_then(byline_word).is_none()
            && !listed(STARTER_LABELS)
            && !listed(AUTHOR_LABELS)
            && !label.eq_ignore_ascii_case("words")
        {
            return None;
        }
    } else {
        // The lists are ASCII and nothing outside ASCII lower-cases into them:
        // only a label ending in a byline word can be one, and a last word
        // longer than any is none (lower-casing shortens no word).
        if last.is_none_or(|w| w.chars().nth(BYLINE_WORD_CHARS).is_some()) {
            return None;
        }
    }
    // The same lower case for ASCII, without the Unicode tables.
    let lower = if label.is_ascii() { label.to_ascii_lowercase() } else { label.to_lowercase() };
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let words: Vec<String> = lower.split_whitespace().map(bare).filter(|w| !w.is_empty()).collect();
    let (last, before) = words.split_last()?;
    // "By", "Written by", "Posted on June 3, 2025 by", "Thread started by"
    // (never "Sort by", "Shop by": a writing verb before the byline word).
    if BYLINE_WORDS.contains(&last.as_str())
        && (before.is_empty() || before.iter().any(|w| AUTHOR_VERBS.contains(&w.as_str())))
    {
        return Some(Label::By);
    }
    if line.words > 3 {
        return None;
    }
    if STARTER_LABELS.contains(&lower.as_str()) {
        return Some(Label::By);
    }
    (AUTHOR_LABELS.contains(&lower.as_str()) || lower == "words").then_some(Label::Other)
}

/// A forum thread's author label.
const STARTER_LABELS: &[&str] =
    &["thread starter", "discussion starter", "auteur du sujet", "themenstarter", "autor del tema"];

/// The byte length of the name on a line next to a byline label, when it
/// holds one: the whole line; its first scraper line ("Dan Roe" run into
/// "average reading time:"); the name before credentials ("Elle Roe M.P.H.,
/// R.D."); a list of names ("Moses Kim and Kate Lee"); under a "by" label,
/// a handle ("jsteinhardt").
fn label_name(line: &Line, label: Label, min_words: usize, stopwords: &PackedWords) -> Option<usize> {
    if line.category.is_some() {
        return None;
    }
    let text = line.text.as_str();
    if is_author_name(line, min_words, stopwords) {
        return Some(text.len());
    }
    let name = |part: &str| reads_as_name(part.trim().trim_end_matches([',', ';']).trim_end(), 2, stopwords);
    if line.fragments > 1 && name(&text[..line.first]) {
        return Some(line.first);
    }
    if let Some(end) = before_credentials(text).filter(|&end| name(&text[..end])) {
        return Some(end);
    }
    if line.words <= 8 && is_name_list(text, stopwords) {
        return Some(text.len());
    }
    (label == Label::By && min_words <= 1 && is_handle(text, stopwords)).then_some(text.len())
}

/// Where a name's credentials start ("Dylan Roe, MS, RD", "Elle Roe M.P.H.,
/// R.D.", "Holly Roe, E-RYT 200"): from the first word after two with no
/// lower-case letter, after a comma or holding a dot, when no word after it
/// has one ("Toddler Sleep Training FAQ" has none).
pub(super) fn before_credentials(text: &str) -> Option<usize> {
    credentials_cut(text, usize::MAX)
}

/// A name (two to four words, `min_words` at least) with credentials after it.
/// Same as `before_credentials` with `reads_as_name` on what is before them,
/// but gives up once too many words come first (most lines are no name).
pub(super) fn is_name_with_credentials(text: &str, min_words: usize, stopwords: &PackedWords) -> bool {
    // Five words: a last word of commas alone is trimmed from the name.
    credentials_cut(text, 5)
        .is_some_and(|end| reads_as_name(text[..end].trim_end().trim_end_matches(','), min_words, stopwords))
}

/// Where credentials start, looked for in the first `max_words` words.
fn credentials_cut(text: &str, max_words: usize) -> Option<usize> {
    if !text.bytes().any(|b| b == b',' || b == b'.') {
        return None;
    }
    let mut seen = 0;
    let mut cut = None;
    // The name's last word before them has lower case ("BY JANE ROE" has no
    // credentials) and ends with a comma unless they hold dots.
    let mut prev_lower = false;
    let mut prev_comma = false;
    for w in crate::pipeline::clean::words(text) {
        let lower =
            if w.is_ascii() { w.bytes().any(|b| b.is_ascii_lowercase()) } else { w.chars().any(char::is_lowercase) };
        let upper = !lower;
        // Letters are counted only where the word could start the credentials.
        let letters = || w.chars().filter(|c| c.is_alphabetic()).count();
        match cut {
            None if seen >= 2 && prev_lower && upper && (prev_comma || w.contains('.')) && letters() >= 2 => {
                cut = Some(w.as_ptr() as usize - text.as_ptr() as usize);
            }
            None if seen >= max_words => return None,
            None => {
                seen += 1;
                prev_lower = lower;
                prev_comma = w.ends_with(',');
            }
            Some(_) if !upper => return None,
            Some(_) => {}
        }
    }
    cut
}

/// "Moses Kim and Kate Lee", "Ana López y Javier Ruiz": two or three names.
fn is_name_list(text: &str, stopwords: &PackedWords) -> bool {
    let parts: Vec<&str> = text
        .split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" und "))
        .flat_map(|p| p.split(" et "))
        .flat_map(|p| p.split(" y "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (2..=3).contains(&parts.len()) && parts.iter().all(|p| reads_as_name(p, 2, stopwords))
}

/// A user name alone on a line ("jsteinhardt", "pelex", "Pippin06"): one
/// word of letters, digits, '.', '_' or '-', with letters, no stopword.
fn is_handle(text: &str, stopwords: &PackedWords) -> bool {
    let t = text.trim();
    t.chars().count() >= 3
        && t.chars().count() <= 30
        && !t.contains(' ')
        && t.chars().any(char::is_alphabetic)
        && t.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !stopwords.contains(lowercase(t).as_ref())
}

/// Verbs before "by" in a byline label.
pub(super) const AUTHOR_VERBS: &[&str] = &[
    "written",
    "posted",
    "published",
    "authored",
    "words",
    "text",
    "story",
    "post",
    "started",
    "interview",
    "verfasst",
    "veröffentlicht",
    "article",
    "report",
    "écrit",
    "publié",
    "rédigé",
    "geschrieben",
    "escrito",
    "publicado",
    "scritto",
    "pubblicato",
    "geschreven",
];

pub(super) fn is_byline_line(line: &Line) -> bool {
    if line.words < 2 || line.words > 16 {
        return false;
    }
    // "| By Jane Roe": a bullet or a pipe before the byline is the layout's.
    let text = line.text.trim().trim_start_matches(['|', '•', '·', '–', '—']).trim_start();
    // "By Jane Roe", "Written by: Jane Roe", "Posted by Jane Roe on …", "Publié par Jean Roe".
    let mut first = [""; 4];
    let mut n = 0;
    for w in crate::pipeline::clean::words(text).take(4) {
        first[n] = w;
        n += 1;
    }
    let words = &first[..n];
    for (i, word) in words.iter().enumerate().take(3) {
        if byline_word(word.trim_end_matches(':')).is_none() {
            continue;
        }
        if !words.get(i + 1).is_some_and(|w| w.starts_with(char::is_uppercase)) {
            continue;
        }
        // Mid-line only after a writing verb: "Posted by Jane Roe", "Geschrieben
        // von Jana Roth", "Escrito por Juana Rojas", never "Shop by Brand".
        if i == 0 || AUTHOR_VERBS.contains(&words[i - 1].to_lowercase().as_str()) {
            return true;
        }
    }
    // Every label starts with an a or a w, and only A, a, W and w lower-case
    // to those: most lines are never lower-cased.
    matches!(text.as_bytes().first(), Some(b'a' | b'A' | b'w' | b'W')) && opens_with_author_label(text)
}

/// "Author: …", "Written by …": the line's lower case opens with a label,
/// followed by a colon unless the label has two words. Told on the opening's
/// bytes: no character outside ASCII lower-cases to a label's letters (the
/// Kelvin sign's "k" is in none, the dotted capital I's "i" is followed by a
/// combining dot), so the lower case opens with a label exactly where the line
/// does, ASCII case aside; and only a colon lower-cases to a colon.
fn opens_with_author_label(text: &str) -> bool {
    AUTHOR_LABELS.iter().any(|label| {
        text.as_bytes().get(..label.len()).is_some_and(|head| head.eq_ignore_ascii_case(label.as_bytes()))
            && (label.contains(' ') || text[label.len()..].trim_start().starts_with(':'))
    })
}

/// Characters of the longest byline word.
const BYLINE_WORD_CHARS: usize = 4;

/// The byline word `word` is, compared as lower case.
pub(super) fn byline_word(word: &str) -> Option<&'static str> {
    if word.is_ascii() {
        BYLINE_WORDS.iter().copied().find(|b| b.eq_ignore_ascii_case(word))
    } else if word.chars().nth(BYLINE_WORD_CHARS).is_some() {
        // Lower-casing never shortens a word by characters: a longer one is none.
        None
    } else {
        let lower = word.to_lowercase();
        BYLINE_WORDS.iter().copied().find(|b| *b == lower)
    }
}

/// A name in an author block ("Scott Young", "Sean Higgins", "Maureen Salamon,"):
/// capitalised words, at least `min_words`, no digits. Stopword lists hold
/// first names and surnames ("young", "sean"), so one stopword is allowed
/// beside a word that is none.
fn is_author_name(line: &Line, min_words: usize, stopwords: &PackedWords) -> bool {
    // "Thread Starter" under a post is a badge, not a name.
    line.category.is_none() && (line.words > 3 || author_label(line).is_none()) && {
        let text = line.text.trim().trim_end_matches([',', ';']);
        reads_as_name(text, min_words, stopwords)
            || is_name_with_role(text, min_words.max(2), stopwords)
            || is_name_with_credentials(text, min_words.max(2), stopwords)
    }
}

/// What separates a name from a job title or an employer.
const ROLE_SEPARATORS: [&str; 8] = [" | ", ", ", " (", " - ", " – ", " — ", " @ ", " · "];

/// "Jane Roe | Senior Editor", "Lance Ryan (Content Manager)", "David Gracey,
/// Founder & President", "Nathan Lian @ Acme": a name, then a job title or
/// an employer: the name part reads as a name (`min_words` at least) and
/// what follows it names a role or a group. The name is tested first: most
/// lines are no name.
pub(super) fn is_name_with_role(text: &str, min_words: usize, stopwords: &PackedWords) -> bool {
    role_separator(text).is_some_and(|(at, sep)| {
        reads_as_name(text[..at].trim(), min_words, stopwords) && (sep == " @ " || names_role(&text[at + sep.len()..]))
    })
}

/// The first separator: each starts with a space or a comma, and no two can
/// start at the same place.
fn role_separator(text: &str) -> Option<(usize, &'static str)> {
    // Both are ASCII: their bytes are their characters' places.
    let bytes = text.as_bytes();
    // The byte after a separator's first: most spaces are followed by a word
    // and never compared with the separators.
    let may_start = |i: usize| match bytes[i] {
        b' ' => bytes.get(i + 1).is_some_and(|n| matches!(n, b'|' | b'(' | b'-' | b'@' | 0xC2 | 0xE2)),
        b',' => bytes.get(i + 1) == Some(&b' '),
        _ => false,
    };
    (0..bytes.len()).find_map(|i| {
        may_start(i).then(|| {
            ROLE_SEPARATORS.iter().find(|sep| text.as_bytes()[i..].starts_with(sep.as_bytes())).map(|sep| (i, *sep))
        })?
    })
}

fn names_role(rest: &str) -> bool {
    rest.split(|c: char| !c.is_alphanumeric()).any(|w| {
        !w.is_empty() && {
            let lower = w.to_lowercase();
            is_role_word(&lower) || is_group_word(&lower)
        }
    })
}

/// Two to four (at least `min_words`) capitalised words, no digits.
pub(super) fn reads_as_name(text: &str, min_words: usize, stopwords: &PackedWords) -> bool {
    // Counted before anything is lower-cased: most lines are too long for a name.
    let n = crate::pipeline::clean::words(text).take(5).count();
    if !(min_words..=4).contains(&n) {
        return false;
    }
    let mut stop = 0;
    let mut buf = [0u8; LOWER_BUF];
    for w in crate::pipeline::clean::words(text) {
        if !(w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’')))
        {
            return false;
        }
        if stopwords.contains(lowercase_in(w, &mut buf).as_ref()) {
            stop += 1;
        }
    }
    if n == 1 {
        return stop == 0 && text.trim().chars().count() >= 3;
    }
    stop <= 1 && stop < n
}

/// "Updated on …", "Mis à jour le …", "Aktualisiert am …", "Actualizado el …".
fn is_update_line(line: &Line) -> bool {
    let lower = line.text.to_lowercase();
    [
        "updated",
        "modified",
        "mis à jour",
        "modifié",
        "aktualisiert",
        "geändert",
        "actualizado",
        "modificado",
        "aggiornato",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

pub(super) fn is_date_line(line: &Line) -> bool {
    line.words <= 12
        && !line.text.trim_end().ends_with(['.', '!', '?'])
        // Every date has a digit: most lines skip the date finder's call and its Vec.
        && line.text.bytes().any(|b| b.is_ascii_digit())
        && !find_dates(&line.text).is_empty()
        && !crate::pipeline::text::dateline::is_dateline(&line.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        super::super::read_lines(&format!("{text}\n")).remove(0)
    }

    #[test]
    fn role_separator_finds_what_comparing_at_every_space_and_comma_found() {
        let every = |text: &str| {
            text.bytes().enumerate().find_map(|(i, b)| {
                (b == b' ' || b == b',').then(|| {
                    ROLE_SEPARATORS
                        .iter()
                        .find(|sep| text.as_bytes()[i..].starts_with(sep.as_bytes()))
                        .map(|sep| (i, *sep))
                })?
            })
        };
        let mut texts = crate::pipeline::text::generated::Texts::over("a ,|(-–—@·é");
        for _ in 0..50_000 {
            let len = (texts.next() % 10) as usize;
            let text = texts.text(len);
            assert_eq!(role_separator(&text), every(&text), "{text:?}");
        }
    }

    #[test]
    fn breadcrumbs_are_told_as_by_their_separator_words() {
        let counted = |text: &str| {
            let separators = crate::pipeline::clean::words(text)
                .filter(|w| matches!(*w, ">" | "›" | "»" | "/" | "|" | "»»" | "·" | "•" | "→" | "\\" | "::"))
                .count();
            separators >= 1 && (separators >= 2 || crate::pipeline::clean::words(text).nth(6).is_none())
        };
        let mut texts = crate::pipeline::text::generated::Texts::over("a >›»/|·•→\\:é–");
        for _ in 0..50_000 {
            let len = (texts.next() % 12) as usize;
            let text = texts.text(len);
            assert_eq!(is_breadcrumb(&text), counted(&text), "{text:?}");
        }
    }

    #[test]
    fn an_author_label_is_told_as_by_the_whole_lower_case() {
        let lowered = |text: &str| {
            let lower = text.to_lowercase();
            AUTHOR_LABELS.iter().any(|label| {
                lower.strip_prefix(label).is_some_and(|rest| rest.trim_start().starts_with(':') || label.contains(' '))
            })
        };
        let mut texts = crate::pipeline::text::generated::Texts::over("AaUuTtHhOoRrSsWwIiNnEeBbYy :\u{212a}\u{130}é");
        for _ in 0..100_000 {
            let len = (texts.next() % 12) as usize;
            let text = texts.text(len);
            assert_eq!(opens_with_author_label(&text), lowered(&text), "{text:?}");
        }
        for text in
            ["Author: Jane Roe", "AUTHOR : Jane", "Written by Jane", "WRİTTEN BY Jane", "Autoren: A, B", "Authority"]
        {
            assert_eq!(opens_with_author_label(text), lowered(text), "{text:?}");
        }
    }

    /// `author_label` as it was: a label outside ASCII always lower-cased.
    fn author_label_lowered(line: &Line) -> Option<Label> {
        if line.words > 8 {
            return None;
        }
        if line.words > 3 {
            let last = line.text.split_whitespace().next_back().unwrap_or("");
            byline_word(last.trim_matches(|c: char| !c.is_alphanumeric()))?;
        }
        let text = line.text.trim().trim_start_matches(['|', '•', '·', '-', '–', '—']);
        let label = text.trim().trim_end_matches(':').trim();
        let lower = label.to_lowercase();
        let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let words: Vec<String> = lower.split_whitespace().map(bare).filter(|w| !w.is_empty()).collect();
        let (last, before) = words.split_last()?;
        if BYLINE_WORDS.contains(&last.as_str())
            && (before.is_empty() || before.iter().any(|w| AUTHOR_VERBS.contains(&w.as_str())))
        {
            return Some(Label::By);
        }
        if line.words > 3 {
            return None;
        }
        if STARTER_LABELS.contains(&lower.as_str()) {
            return Some(Label::By);
        }
        (AUTHOR_LABELS.contains(&lower.as_str()) || lower == "words").then_some(Label::Other)
    }

    #[test]
    fn an_author_label_outside_ascii_is_told_as_by_its_lower_case() {
        let words = [
            "By",
            "VON",
            "por",
            "Di",
            "door",
            "Écrit",
            "PUBLIÉ",
            "par",
            "Verfasst",
            "veröffentlicht",
            "Author",
            "AUTEUR",
            "Autor",
            "written",
            "Thread",
            "starter",
            "Themenstarter",
            "words",
            "İ",
            "\u{212a}",
            "Jane",
            "Müller",
            "•",
            "|",
            "–",
            ":",
            "·",
            "Σ",
            "ΣΣ",
            "by:",
            "«by»",
            "Ⓐ",
            "écrit",
            "par:",
        ];
        let mut texts = crate::pipeline::text::generated::Texts::over("x");
        for _ in 0..30_000 {
            let n = 1 + (texts.next() % 5) as usize;
            let text: Vec<&str> = (0..n).map(|_| words[(texts.next() % words.len() as u64) as usize]).collect();
            let text = text.join(" ");
            let lines = super::super::read_lines(&format!("{text}\n"));
            let Some(l) = lines.first() else { continue };
            assert_eq!(author_label(l), author_label_lowered(l), "{text:?}");
        }
    }

    /// `credentials_cut` as it was: every word's letters counted.
    fn credentials_cut_counted(text: &str, max_words: usize) -> Option<usize> {
        if !text.bytes().any(|b| b == b',' || b == b'.') {
            return None;
        }
        let (mut seen, mut cut, mut prev_lower, mut prev_comma) = (0, None, false, false);
        for w in crate::pipeline::clean::words(text) {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let upper = !w.chars().any(char::is_lowercase);
            match cut {
                None if seen >= 2 && prev_lower && upper && letters >= 2 && (prev_comma || w.contains('.')) => {
                    cut = Some(w.as_ptr() as usize - text.as_ptr() as usize);
                }
                None if seen >= max_words => return None,
                None => {
                    seen += 1;
                    prev_lower = w.chars().any(char::is_lowercase);
                    prev_comma = w.ends_with(',');
                }
                Some(_) if !upper => return None,
                Some(_) => {}
            }
        }
        cut
    }

    #[test]
    fn credentials_are_cut_where_counting_every_word_cut_them() {
        let mut texts = crate::pipeline::text::generated::Texts::over("aAbBMSRD ,.éÉ1-");
        for _ in 0..100_000 {
            let len = (texts.next() % 24) as usize;
            let text = texts.text(len);
            for max in [5, usize::MAX] {
                assert_eq!(credentials_cut(&text, max), credentials_cut_counted(&text, max), "{text:?}");
            }
        }
    }

    #[test]
    fn a_byline_word_is_told_as_by_its_lower_case() {
        let lowered = |word: &str| {
            let lower = word.to_lowercase();
            BYLINE_WORDS.iter().copied().find(|b| *b == lower)
        };
        assert!(BYLINE_WORDS.iter().all(|w| w.chars().count() <= BYLINE_WORD_CHARS));
        let mut texts = crate::pipeline::text::generated::Texts::over("bByYpPaArRvVoOnNdDiIé\u{212a}\u{130}Σ");
        for _ in 0..100_000 {
            let len = (texts.next() % 7) as usize;
            let word = texts.text(len);
            assert_eq!(byline_word(&word), lowered(&word), "{word:?}");
        }
    }

    #[test]
    fn a_self_introduction_is_read_on_the_opening_alone() {
        assert!(super::super::SELF_INTROS.iter().all(|p| p.chars().count() + 1 < INTRO_CHARS));
        for text in [
            "I'm a nurse and a mother of three living in Ohio.",
            "Je suis infirmière et mère de trois enfants à Lyon.",
            "Ich bin Krankenschwester und Mutter von drei Kindern.",
            "Soy enfermera y madre de tres hijos en Sevilla, España.",
            "  ICH BIN Krankenschwester und Mutter von drei Kindern.",
        ] {
            assert!(introduces_self(&line(text)), "{text}");
        }
        for text in [
            "Iceland is a nurse's dream and a mother's too, they say.",
            "Je suisse est une faute de frappe dans cette phrase ici.",
            "ΣΣΣΣΣΣΣΣΣΣΣ ΣΣΣΣ is no introduction in any language here.",
        ] {
            assert!(!introduces_self(&line(text)), "{text}");
        }
    }
}
