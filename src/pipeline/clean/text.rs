//! The text path: pages a scraper has already flattened to lines.
//!
//! With no DOM left, the page is read the way a person skims it:
//! 1. Lines a scraper split inside a sentence (one DOM text node per line: a
//!    link, a bold word) are joined back: a line that starts in lower case or
//!    with closing punctuation, or follows one ending on a function word, a
//!    comma or a lone byline word, continues the line before.
//! 2. Each line is weighed on evidence that needs no markup: its length, its
//!    share of stopwords (any language of the lexicon), sentence punctuation,
//!    the boilerplate vocabulary, whether it repeats an earlier line, whether
//!    the page cut it short ("…").
//! 3. The article is the run of lines with the largest total weight (one pass,
//!    maximum subarray): prose counts for its length, every short or
//!    boilerplate line against, so short lines inside prose (subheads, quotes,
//!    list items) stay and menus, footers and teasers around it go. The same
//!    fields printed around every post of a thread ("Platinum Member",
//!    "User avatar") weigh nothing, so the thread's posts make one run.
//! 4. The title is the headline-like line just above the article (or among
//!    its first lines), preferring one matching the URL's slug, printed twice
//!    on the page, or followed by a byline or date; never a breadcrumb, a
//!    label, a byline or a date. The byline ("By …", "Par …", "Von …",
//!    "Por …", "Di …", "Door …") and a date line around the title become one
//!    `Byline` block.
//! 5. After the article, a "read also"/"latest" header starts the teaser zone
//!    (a `RelatedBreak`, then the lines after it).
//!
//! A line printed twice in a row is an image's alt text and caption: kept
//! once, as a caption. Lines repeating earlier ones (menus printed twice) go.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::vocab::{vocabulary, Category, Vocabulary};
use super::{Block, BlockKind, ExtractionSignals};
use crate::pipeline::text::dateline;
use crate::pipeline::text::dates::find_dates;
use crate::pipeline::text::lexicon::{Lexicon, PackedWords};
use crate::pipeline::text::{key_words, match_key, normalized_lines};

mod head;
mod title;
use head::{head_of, Head};

pub(crate) const EXTRACTOR: &str = concat!("pressline-text-rules/", env!("CARGO_PKG_VERSION"));

/// What the text path reads from a page.
#[derive(Debug, Default)]
pub(crate) struct TextPage {
    /// The headline, when a line reads as one.
    pub title: Option<String>,
    /// The authors the byline names.
    pub authors: Vec<String>,
    pub blocks: Vec<Block>,
    pub signals: ExtractionSignals,
}

use super::authors::BYLINE_WORDS;
/// Labels before an author's name ("Author: Jane Roe").
const AUTHOR_LABELS: &[&str] =
    &["author", "authors", "auteur", "auteurs", "autor", "autora", "autores", "autoren", "autore", "written by"];

/// Weight of a line that is neither prose nor boilerplate (menu items, labels).
const SHORT_LINE: i64 = -12;
/// Weight of a boilerplate line (vocabulary) or a short line printed earlier.
const FURNITURE: i64 = -25;
/// Weight of a "read also", "latest" or comments header: the article rarely goes on after one.
const SECTION_BREAK: i64 = -150;
/// Weight of a short line holding a date: a time stamp under a comment, a teaser, a post.
const STAMP: i64 = -40;
/// A line ending in "?" or "!" is a headline up to this many words, not prose.
const HEADLINE_WORDS: usize = 10;
/// A best run weighing less holds too little prose to be an article (a listing,
/// a shop page): the page's text is kept whole, boilerplate and repeats aside.
const MIN_RUN: i64 = 400;
/// Prose weight above a comments header for it to end the article (some pages
/// print a "Comments" link or counter inside a short article's text).
const ARTICLE_BEFORE_COMMENTS: i64 = 1000;
/// A run holding less than this share (in fifths) of the page's prose is one piece of many.
const SCATTERED_FIFTHS: i64 = 2;
/// Pages with at least this many lines can fall back to their whole text.
const LONG_PAGE: usize = 40;
/// Lines above the article searched for its title: a shop's or a Q&A page's
/// headline can sit hundreds of lines above the run (filters, sidebars).
const TITLE_WINDOW: usize = 1000;
/// Lines from the article's start searched for its title: a run that starts
/// on a standfirst or a teaser above the headline still finds it.
const TITLE_BELOW: usize = 300;
/// Lines after the title (or the article's start) searched for a byline and a date.
const HEAD_LINES: usize = 14;
/// Lines under the title where an author's name may stand alone.
const NAME_LINES: usize = 6;

struct Line {
    text: String,
    key: String,
    /// The line's figures: a repeat is told by the key and these ("5.6 kg"
    /// and "7.2 kg" are two cards' fields, not one line twice).
    digits: String,
    category: Option<Category>,
    /// Printed twice in a row: alt text and caption of one image.
    caption: bool,
    words: usize,
    weight: i64,
    /// Scraper lines joined into this one.
    fragments: usize,
    /// Byte length of the first of them.
    first: usize,
    /// A cookie banner's sentence: furniture, and never the body's.
    consent: bool,
    /// A table's figure cell or a code line of punctuation: no category, weight 0.
    data: bool,
    /// A picture's credit ("Photo: Jane Roe, AP"): the picture's, never the body's.
    credit: bool,
}

impl Line {
    /// The line's weight as prose: what a cut weighs above and below it.
    fn prose(&self) -> i64 {
        self.weight.max(0)
    }

    /// What a repeat is told by.
    fn repeat_key(&self) -> (&str, &str) {
        (&self.key, &self.digits)
    }

    fn is_break(&self) -> bool {
        matches!(self.category, Some(Category::Related))
    }
}

pub(crate) fn extract_page(text: &str, url: &str) -> TextPage {
    let mut lines = read_lines(text);
    if lines.is_empty() {
        return TextPage::default();
    }
    demote_question_lists(&mut lines);
    demote_post_controls(&mut lines);
    neutral_post_chrome(&mut lines);
    let run = article_run(&lines, true);
    let page_words = lines.iter().map(|l| l.words as u32).sum();
    let mut signals = ExtractionSignals { page_words, ..Default::default() };
    let whole = ExtractionSignals { fallback: true, chosen_words: page_words, ..signals };
    let (start, end, total, thin) = match run {
        Some((start, end, total)) if total >= MIN_RUN || lines.len() < LONG_PAGE => (start, end, total, false),
        // A paywalled story: its free paragraphs, however short, and the one the wall cuts short.
        Some((start, end, total)) if cut_short_after(&lines, end) => (start, end + 1, total, false),
        // No run of prose: the whole page.
        None => {
            let blocks = fallback_blocks(&lines, &HashSet::default());
            return TextPage { blocks, signals: whole, ..TextPage::default() };
        }
        // Too little prose for an article on a long page: the whole page,
        // whose head (title, byline, date) still reads as one.
        Some((start, end, total)) => (start, end, total, true),
    };
    if thin || (lines.len() >= LONG_PAGE && total >= MIN_RUN && scattered(&lines, start, end)) {
        // The page is kept whole, but its head still reads as one: title,
        // byline and date stay out of the body.
        let head = head_of(&lines, start, end, url);
        let used: HashSet<usize> = head.used().collect();
        let mut blocks: Vec<Block> =
            head.byline_text(&lines).map(|b| Block::new(BlockKind::Byline, b)).into_iter().collect();
        blocks.extend(fallback_blocks(&lines, &used));
        let authors = head.authors(&lines, url);
        return TextPage { title: head.title_text(&lines), authors, blocks, signals: whole };
    }
    signals.chosen_words = lines[start..=end].iter().map(|l| l.words as u32).sum();
    // The head is read around the run of full gap costs: one stretched across
    // a long gap above the headline would look for it too high.
    let head_start = match article_run(&lines, false) {
        Some((s, _, _)) if s > start && s <= end => s,
        _ => start,
    };
    let head = head_of(&lines, head_start, end, url);
    let body_start = match head.title {
        // A subheading won as the title: the article starts with the run, above it.
        Some(t) if t > start && t <= end && is_subheading(&lines, start, t, end, &head) => start,
        Some(t) => start.max(t + 1),
        None => start,
    };
    // "Por Juan Núñez Madrid, 23 may (EFE).": the dateline closing the byline
    // is the story's first words; its place is no part of the author's name.
    let split_dateline = head
        .byline
        .filter(|&b| head.name.is_none() && Some(b) != head.title)
        .and_then(|b| dateline::split_trailing(&mut lines[b].text));
    // A dateline just above the article ("MADRID, 23 may (EFE).", "LONDON
    // 1996-08-30") is its first words, even where it dates the page: its
    // place and agency are the story's.
    let is_dateline = |i: usize| {
        Some(i) != head.title
            && Some(i) != head.byline
            && head.title.is_none_or(|t| i > t)
            && (dateline::is_dateline(&lines[i].text)
                // "EFE vm-c Pamplona, 23 may (EFE).": a dateline closing the line.
                || dateline::trailing(lines[i].text.trim()).is_some())
    };
    let dateline = (body_start.saturating_sub(2)..(body_start + 2).min(end + 1)).find(|&i| is_dateline(i));
    let authors = head.authors(&lines, url);
    let end = before_author_bio(&lines, body_start, end, &authors);
    let end = before_about_box(&lines, start, body_start, end, &authors);
    // Title, byline and date were read around the whole run; only the body stops short.
    let end = before_card_tail(&lines, body_start, end);
    let end = before_stamped_cards(&lines, body_start, end);
    let end = before_read_also(&lines, start, end);
    let end = before_share_widget(&lines, start, body_start, end);
    let end = before_signup_promo(&lines, start, body_start, end);
    let first_line = dateline.map_or(body_start, |d| d.min(body_start));
    let mut blocks = Vec::new();
    if let Some(byline) = head.byline_text(&lines) {
        blocks.push(Block::new(BlockKind::Byline, byline));
    }
    if let Some(d) = split_dateline {
        blocks.push(Block::new(BlockKind::Paragraph, d));
    }
    let used: HashSet<usize> = head.used().collect();
    let mut copy: Option<Vec<bool>> = None;
    let mut seen: HashSet<(&str, &str)> = HashSet::default();
    let title_key = head.title.map(|t| lines[t].repeat_key());
    seen.extend(title_key);
    // Short lines printed before the article (menus) go when they come back in it.
    let mut seen_before: HashSet<(&str, &str)> = HashSet::default();
    for line in &lines[..body_start] {
        if line.words < REPEAT_LABEL_WORDS {
            seen_before.insert(line.repeat_key());
        }
    }
    for (i, line) in lines.iter().enumerate().take(end + 1).skip(first_line) {
        if Some(i) != dateline && (i < body_start || used.contains(&i) || line.category.is_some()) {
            continue;
        }
        if line.consent || line.credit {
            continue;
        }
        let before = seen_before.contains(&line.repeat_key()) && Some(i) != dateline;
        // A short line comes back in an article as its text (a speaker's name
        // before each answer, a field label, a shop under each product); a
        // longer one printed again is a caption or headline's copy. The title's
        // copy goes however short it is.
        let repeat = !line.key.is_empty()
            && !seen.insert(line.repeat_key())
            && (line.words >= REPEAT_LABEL_WORDS
                || title_key == Some(line.repeat_key())
                || copy.get_or_insert_with(|| copied_stretches(&lines))[i]);
        if !line.key.is_empty() && (repeat || before) {
            continue;
        }
        let kind = if line.caption { BlockKind::Caption } else { BlockKind::Paragraph };
        blocks.push(Block::new(kind, line.text.clone()));
    }
    teaser_zone(&lines[end + 1..], &seen, &mut blocks);
    let title = head.title_text(&lines);
    TextPage { title, authors, blocks, signals }
}

/// Fewest words of a line printed again in an article that goes as a copy
/// wherever it stands; shorter ones go only inside a copied stretch.
const REPEAT_LABEL_WORDS: usize = 4;

/// Fewest questions in a row for a list of links to other questions.
const QUESTION_LIST: usize = 7;

/// A list of other questions ("Related", "Hot network questions" beside a
/// Q&A page, a forum's similar threads): many long lines ending in "?" in a
/// row, with no sentence between them that answers one. Each weighs as prose
/// and together they outweigh the question and answers the page is about;
/// an article asks a few questions in a row, not seven. They weigh as the
/// short lines (link titles) they are. Lines without a closing stop (a link
/// title that asks nothing) do not break the list.
fn demote_question_lists(lines: &mut [Line]) {
    let mut demote: Vec<usize> = Vec::new();
    let mut list: Vec<usize> = Vec::new();
    let mut questions = 0;
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.weight > 0) {
        let text = line.text.trim_end();
        let asks = text.ends_with('?');
        if asks || !text.ends_with(['.', '!', ':', ';', '"', '”', '»', ')']) {
            questions += usize::from(asks);
            list.push(i);
            continue;
        }
        // A sentence: the list, if any, ends here.
        if questions >= QUESTION_LIST {
            demote.append(&mut list);
        }
        list.clear();
        questions = 0;
    }
    if questions >= QUESTION_LIST {
        demote.append(&mut list);
    }
    for i in demote {
        lines[i].weight = SHORT_LINE;
    }
}

/// An invitation to comment printed under every post of a Q&A page or a
/// forum thread ("Add a comment" under the question and each answer) is the
/// posts' chrome, not the start of the readers' thread: printed twice or
/// more, each time under prose of its own, it weighs as furniture, so the
/// question and its answers form one run. A comments header printed once
/// still ends an article, and so does one whose other copy has no prose
/// above it (a post's meta line under the byline).
fn demote_post_controls(lines: &mut [Line]) {
    let invite = |l: &Line| {
        if matches!(l.category, Some(Category::Comments)) {
            COMMENT_INVITES.iter().position(|&k| k == l.key)
        } else {
            None
        }
    };
    // An invitation counts only under prose printed since the one before it.
    let mut counted = [0usize; COMMENT_INVITES.len()];
    let mut under_prose = Vec::new();
    let mut prose_since = false;
    for (i, line) in lines.iter().enumerate() {
        if let Some(k) = invite(line) {
            if prose_since {
                counted[k] += 1;
                under_prose.push((i, k));
            }
            prose_since = false;
        } else if line.weight > 0 {
            prose_since = true;
        }
    }
    for (i, k) in under_prose {
        if counted[k] >= 2 {
            lines[i].category = Some(Category::Nav);
            lines[i].weight = FURNITURE;
        }
    }
}

/// Fewest posts a line must stand under to be the posts' chrome.
const POST_CHROME_POSTS: usize = 3;
/// Most words of a post's field or control ("Platinum Member"); a
/// shop card's "Available from Amazon" under each product is longer.
const POST_CHROME_WORDS: usize = 2;
/// Fewest lines without prose in a row around a post's chrome (its header or footer).
const POST_CHROME_GAP: usize = 4;

/// A forum thread or a Q&A page prints the same short fields and controls
/// around every post ("Platinum Member", "User avatar", a club's badge): each
/// printed three times or more, every time after prose of its own, in a
/// block without prose. Two or more such lines are the posts' chrome and
/// weigh nothing, so the posts make one run instead of the longest post
/// alone. A teaser list repeats labels over its cards too ("Local News",
/// "Save"), but each card's prose is a one-sentence summary: some post
/// must say more than one sentence between two copies of its fields. A word
/// a scraper split out of a sentence stands alone between prose, not in a
/// block.
fn neutral_post_chrome(lines: &mut [Line]) {
    // Per line: the posts it stands under and where it was last printed.
    let mut seen: HashMap<(&str, &str), (usize, usize)> = HashMap::default();
    let mut candidates: Vec<(usize, (&str, &str))> = Vec::new();
    // Between which two copies of a line a post stood: its sentences are
    // counted only on the rare page whose chrome qualifies otherwise, as
    // counting them on every prose line cost the text path about 1%.
    let mut posts_between: Vec<((&str, &str), usize, usize)> = Vec::new();
    let mut last_prose: Option<usize> = None;
    // The end of the stretch without prose the line stands in, and whether it is long enough.
    let (mut stretch_end, mut block) = (0, false);
    for (i, line) in lines.iter().enumerate() {
        if line.weight > 0 {
            last_prose = Some(i);
            continue;
        }
        if i >= stretch_end {
            stretch_end = (i..lines.len()).find(|&k| lines[k].weight > 0).unwrap_or(lines.len());
            block = stretch_end - i >= POST_CHROME_GAP;
        }
        if !block
            || line.weight >= 0
            || line.words > POST_CHROME_WORDS
            || line.key.is_empty()
            || line.category.is_some()
        {
            continue;
        }
        let key = line.repeat_key();
        candidates.push((i, key));
        let (posts, last) = seen.entry(key).or_insert((0, usize::MAX));
        // Under prose of its own: prose printed since its last copy (or at all, the first time).
        if last_prose.is_some_and(|p| *last == usize::MAX || p > *last) {
            *posts += 1;
            if *last != usize::MAX {
                posts_between.push((key, *last, i));
            }
        }
        *last = i;
    }
    let chrome: HashSet<(&str, &str)> =
        seen.iter().filter(|(_, (posts, _))| *posts >= POST_CHROME_POSTS).map(|(key, _)| *key).collect();
    if chrome.len() < 2 {
        return;
    }
    let says_more = |from: usize, to: usize| {
        lines[from + 1..to].iter().filter(|l| l.weight > 0).map(|l| sentence_ends(&l.text)).sum::<usize>() >= 2
    };
    if !posts_between.iter().any(|&(key, from, to)| chrome.contains(&key) && says_more(from, to)) {
        return;
    }
    let zero: Vec<usize> = candidates.into_iter().filter(|(_, key)| chrome.contains(key)).map(|(i, _)| i).collect();
    for i in zero {
        lines[i].weight = 0;
    }
}

/// Sentences a line ends: stops followed by a space or the line's end (CJK
/// stops anywhere).
fn sentence_ends(text: &str) -> usize {
    let mut chars = text.trim_end().chars().peekable();
    let mut ends = 0;
    while let Some(c) = chars.next() {
        let stop = matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace());
        ends += usize::from(stop || matches!(c, '。' | '！' | '？'));
    }
    ends
}

/// Comments rows that invite a reader to comment on the post above them
/// (match keys); a counter ("12 Comments") or "Reply" under each comment
/// is the thread's own.
const COMMENT_INVITES: &[&str] = &[
    "add a comment",
    "leave a comment",
    "post a comment",
    "ajouter un commentaire",
    "kommentar schreiben",
    "kommentieren",
    "comentar",
    "commenta",
    "reageer",
];

/// Words opening a newsletter or subscription promotion ("Subscribe to …",
/// "Sign up for …", "Abonnez-vous", "Suscríbete"), as match keys.
const SIGNUP_OPENERS: &[&str] = &[
    "subscribe",
    "sign up",
    "signup",
    "abonnez vous",
    "inscrivez vous",
    // match keys drop apostrophes: "S'abonner", "S’abonner"
    "sabonner",
    "abonnieren",
    "jetzt abonnieren",
    "suscríbete",
    "suscribete",
    "suscribirse",
    "suscríbase",
];
/// Words naming a newsletter.
const NEWSLETTER_WORDS: &[&str] = &["newsletter", "newsletters", "infolettre", "boletín", "boletin"];
/// Verbs that, with a newsletter word, make a line a promotion ("Join our newsletter").
const SIGNUP_VERBS: &[&str] = &[
    "subscribe",
    "sign",
    "signup",
    "join",
    "get",
    "receive",
    "abonnez",
    "inscrivez",
    "abonner",
    "sabonner",
    "recevez",
    "abonnieren",
    "anmelden",
    "bestellen",
    "suscríbete",
    "suscribete",
    "suscribirse",
    "recibe",
    "únete",
];
/// Most words of a promotion's line.
const SIGNUP_WORDS: usize = 10;

/// A newsletter or subscription promotion ("Sign up for our newsletter",
/// "Subscribe to Acme", "Newsletter", "Newsletter abonnieren"): a short line
/// that asks nothing, opening with a sign-up verb or naming a newsletter
/// beside one (or with one other word, as a box's header).
fn is_signup_promo(line: &Line) -> bool {
    let key = line.key.as_str();
    // A bare "Subscribe" button is printed between a newsletter post's sections too.
    if line.words < 2 || line.words > SIGNUP_WORDS || is_code(&line.text) || line.text.trim_end().ends_with('?') {
        return false;
    }
    if SIGNUP_OPENERS.iter().any(|o| key.strip_prefix(o).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))) {
        return true;
    }
    let (mut newsletter, mut verb, mut count) = (false, false, 0);
    for w in key_words(key) {
        newsletter |= NEWSLETTER_WORDS.contains(&w);
        verb |= SIGNUP_VERBS.contains(&w);
        count += 1;
    }
    newsletter && (count <= 2 || verb)
}

/// How many times the prose below a promotion inside the run the prose above
/// it must outweigh for the promotion to end the article.
const SIGNUP_PROSE_RATIO: i64 = 4;
/// Lines of the run opening with the same two words as a promotion for them
/// to be a list's entries ("Sign up here" before each of a list's charities).
const SIGNUP_LIST: usize = 3;

/// The article ends above a newsletter or subscription promotion inside the
/// run when nearly all the run's prose is above it (the pitch, the form's
/// fine print and what follows it pulled the run on); an article that goes
/// on below keeps it. A call to action opening line after line is a list's.
fn before_signup_promo(lines: &[Line], start: usize, body_start: usize, end: usize) -> usize {
    // The promotion's first two words, as a whole-word prefix of a key.
    fn opening(key: &str) -> &str {
        key.match_indices(' ').nth(1).map_or(key, |(at, _)| &key[..at])
    }
    let opens =
        |key: &str, open: &str| key.strip_prefix(open).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
    before_outweighing(lines, start, body_start, end, SIGNUP_PROSE_RATIO, |i| {
        is_signup_promo(&lines[i]) && {
            let open = opening(&lines[i].key);
            lines[start..=end].iter().filter(|l| opens(&l.key, open)).take(SIGNUP_LIST).count() < SIGNUP_LIST
        }
    })
}

/// Lines under a headline where its byline or date stands.
const HEADLINE_HEAD_LINES: usize = 4;

/// The title line `t` lies inside the run below two paragraphs in a row, with
/// no byline or date under it inside the run: a subheading of the article (one
/// matching the address, or printed twice), not its headline. Teaser cards
/// above a headline print one summary each, never two paragraphs in a row; a
/// date past the run's end is the page's ("Last updated …" in the footer).
fn is_subheading(lines: &[Line], start: usize, t: usize, end: usize, head: &Head) -> bool {
    let under = |x: Option<usize>| x.is_some_and(|i| i > t && i <= t + HEADLINE_HEAD_LINES && i <= end);
    !under(head.byline) && !under(head.date) && lines[start..t].windows(2).any(|w| w[0].weight > 0 && w[1].weight > 0)
}

/// Fewest words of a paragraph the paywall cuts short ("… and some lawyers now ask whether …").
const CUT_SHORT_WORDS: usize = 15;

/// The line after the run is a paragraph cut short ("…"), not a teaser's
/// summary: the story goes on behind a paywall.
fn cut_short_after(lines: &[Line], end: usize) -> bool {
    lines.get(end + 1).is_some_and(|l| {
        let text = l.text.trim_end();
        l.category.is_none() && l.words >= CUT_SHORT_WORDS && (text.ends_with("...") || text.ends_with('…'))
    })
}

/// The run holds under two fifths of the page's prose, counting none past a
/// "read also" or comments header: no block dominates (a listing's items, a
/// forum's posts, a manual cut up by code and lists), so the page is kept
/// whole rather than one of its pieces.
fn scattered(lines: &[Line], start: usize, end: usize) -> bool {
    let prose = Line::prose;
    let inside: i64 = lines[start..=end].iter().map(prose).sum();
    // Outside the run only sentences count: a long menu printed on one line
    // ("+ Brands o adidas o ASICS …") weighs as prose but ends on none.
    let sentence = |l: &Line| if l.text.trim_end().ends_with(['.', '!', '?']) { prose(l) } else { 0 };
    let open = |l: &&Line| !l.is_break() && !matches!(l.category, Some(Category::Comments));
    let after: i64 = lines[end + 1..].iter().take_while(open).map(sentence).sum();
    let before: i64 = lines[..start].iter().rev().take_while(open).map(sentence).sum();
    inside * 5 < SCATTERED_FIFTHS * (inside + after + before)
}

/// The article's lines (first, last) and their total weight, with long gaps
/// at half cost (`halve`, the article) or at full cost (where the head is read).
fn article_run(lines: &[Line], halve: bool) -> Option<(usize, usize, i64)> {
    let run = if nothing_to_strip(lines) { Some((0, lines.len() - 1, MIN_RUN)) } else { main_run(lines, halve) };
    run.map(|(s, e, t)| above_thread(lines, s, e, t)).map(|(s, e, t)| cut_at_comments(lines, s, e, t))
}

/// Where teaser cards after an article would begin: the line after the
/// run's last two prose lines in a row (a card's summary is a lone prose
/// line). That line, the lines after it to `end`, and the weight up to it.
fn after_last_paragraphs(lines: &[Line], start: usize, end: usize) -> Option<(usize, &[Line], i64)> {
    if end <= start + 1 {
        return None;
    }
    let prose = |l: &Line| l.weight > 0;
    let last = (start..end).rev().find(|&i| prose(&lines[i]) && prose(&lines[i + 1]))?;
    let cut = last + 1;
    let before = lines[start..=cut].iter().map(|l| l.weight).sum();
    Some((cut, &lines[cut + 1..=end], before))
}

/// Fewest short lines in a run's tail for it to read as teaser cards.
const CARD_TAIL_SHORT: i64 = 4;
/// Short lines per lone prose line (in tenths) in a tail of teaser cards.
const CARD_TAIL_RATIO: i64 = 35;

/// The article ends at its last two paragraphs in a row when all that
/// follows is teaser cards: many short lines (headlines, picture names,
/// stamps) with only lone one-line summaries between them, which weigh as
/// prose and pull the run on. An article's short lines (subheads) each stand
/// over paragraphs, at most a couple per prose line.
fn before_card_tail(lines: &[Line], start: usize, end: usize) -> usize {
    let Some((cut, tail, before)) = after_last_paragraphs(lines, start, end) else { return end };
    let prose = |l: &Line| l.weight > 0;
    // A short line ending in a full stop is no card's headline or picture but
    // the text's own (an agency's agenda: "BILBAO.", "Kortezubi.").
    let short = tail.iter().filter(|l| l.weight < 0 && !l.text.trim_end().ends_with('.')).count() as i64;
    let lone = tail.iter().filter(|l| prose(l)).count() as i64;
    let after: i64 = tail.iter().map(Line::prose).sum();
    if short >= CARD_TAIL_SHORT
        && short * 10 >= CARD_TAIL_RATIO * lone.max(1)
        && before >= ARTICLE_BEFORE_COMMENTS
        && after < before
    {
        cut
    } else {
        end
    }
}

/// Fewest date stamps on lines of their own in a run's tail for it to read
/// as dated teaser cards.
const CARD_STAMPS: usize = 3;

/// The article ends at its last two paragraphs in a row when the rest of
/// the run prints three or more dates on lines of their own: teaser cards
/// (headline, author, date, a one-sentence summary) each carry one, while an
/// article dates itself once, in its head. Each card's summary weighs as
/// prose, so many of them pull the run on past what `before_card_tail` allows.
fn before_stamped_cards(lines: &[Line], start: usize, end: usize) -> usize {
    let Some((cut, tail, before)) = after_last_paragraphs(lines, start, end) else { return end };
    let stamp = |l: &&Line| matches!(l.category, Some(Category::Dateline));
    let stamps = tail.iter().filter(stamp).count();
    if stamps < CARD_STAMPS {
        return end;
    }
    let lone = tail.iter().filter(|l| l.weight > 0).count();
    if before >= ARTICLE_BEFORE_COMMENTS && lone <= 2 * stamps {
        cut
    } else {
        end
    }
}

/// How many times the prose below a "read also" header inside the run the
/// prose above it must outweigh for the header to end the article.
const READ_ALSO_PROSE_RATIO: i64 = 2;

/// The article ends above a "read also", "latest" or "related" header inside
/// the run when the article is above it: the prose before the header
/// outweighs twice what follows (teasers' summaries, which pull the run on).
/// A header printed more than once in the run is a box inside the article
/// ("Read more: …" between sections), not its end.
fn before_read_also(lines: &[Line], start: usize, end: usize) -> usize {
    let Some(at) = (start..=end).find(|&i| lines[i].is_break()) else { return end };
    if (at + 1..=end).any(|i| lines[i].is_break() && lines[i].key == lines[at].key) {
        return end;
    }
    cut_if_outweighed(lines, start, at, end, READ_ALSO_PROSE_RATIO)
}

/// The run's last line: the one above `at` when the prose of `start..at`
/// outweighs `ratio` times the prose below `at` (and is an article's worth),
/// else `end`.
fn cut_if_outweighed(lines: &[Line], start: usize, at: usize, end: usize, ratio: i64) -> usize {
    let before: i64 = lines[start..at].iter().map(Line::prose).sum();
    let after: i64 = lines[at + 1..=end].iter().map(Line::prose).sum();
    if before >= ARTICLE_BEFORE_COMMENTS && after * ratio < before {
        at - 1
    } else {
        end
    }
}

/// A run that starts in a comment thread (a comment's header just above its
/// first line, another one further down) is the readers' text: a short
/// article above the thread, outweighed by it, is the page's. The thread
/// starts at its first header (the name over a lone verb, a comments header
/// just above it).
fn above_thread(lines: &[Line], start: usize, end: usize, total: i64) -> (usize, usize, i64) {
    if let Some(top) = thread_header_above(lines, start, end) {
        if let Some(run) = main_run(&lines[..top], true).filter(|&(_, _, t)| t >= MIN_RUN) {
            return run;
        }
    }
    let vocab = vocabulary();
    let near =
        (start.saturating_sub(3)..(start + 2).min(end + 1)).any(|i| comment_header_at(lines, i, vocab).is_some());
    if !near {
        return (start, end, total);
    }
    let mut headers = (0..=end).filter_map(|i| comment_header_at(lines, i, vocab).map(|alone| (i, alone)));
    let Some((first, alone)) = headers.next() else { return (start, end, total) };
    if first > start || headers.next().is_none() {
        return (start, end, total);
    }
    let mut top = if alone && first > 0 && lines[first - 1].words <= 5 { first - 1 } else { first };
    if let Some(k) = (top.saturating_sub(4)..top).rev().find(|&k| matches!(lines[k].category, Some(Category::Comments)))
    {
        top = k;
    }
    match main_run(&lines[..top], true) {
        Some((s, e, t)) if t >= MIN_RUN => (s, e, t),
        _ => (start, end, total),
    }
}

/// Lines without prose above a run searched for a comments header.
const THREAD_HEADER_ABOVE: usize = 3;

/// A run that starts under a comments header ("10 Comments"), a time stamp
/// between the two (a comment's header, "Jane Roe on May 2, 2024 at 4:47 pm
/// said:"), is the thread: the line where it starts (the topmost of the
/// headers printed together), so the article is read above it.
fn thread_header_above(lines: &[Line], start: usize, end: usize) -> Option<usize> {
    let is_comments = |i: usize| matches!(lines[i].category, Some(Category::Comments));
    let header = (start.saturating_sub(THREAD_HEADER_ABOVE)..start)
        .rev()
        .take_while(|&i| lines[i].weight <= 0)
        .find(|&i| is_comments(i))?;
    let stamp = |l: &Line| l.weight == STAMP || matches!(l.category, Some(Category::Dateline));
    if !lines[header..(start + 3).min(end + 1)].iter().any(stamp) {
        return None;
    }
    (header.saturating_sub(4)..header).find(|&i| is_comments(i)).or(Some(header))
}

/// "Jane Roe says:" over a time stamp (a short line): a comment's header;
/// `Some(true)` where the verb stands alone under the name.
fn comment_header_at(lines: &[Line], i: usize, vocab: &Vocabulary) -> Option<bool> {
    let line = &lines[i];
    if line.category.is_some() || line.words > 7 || lines.get(i + 1).is_none_or(|next| next.weight >= 0) {
        return None;
    }
    vocab.comment_header(&line.key, line.text.trim_end().ends_with(':') || line.fragments > 1)
}

/// The page's non-empty lines, normalised, scraper splits joined, each weighed.
fn read_lines(text: &str) -> Vec<Line> {
    let vocab = vocabulary();
    let stopwords = &Lexicon::get().stopwords_packed;
    // Each line: its text, how many scraper lines it joins and the first one's length.
    let mut joined: Vec<(String, usize, usize)> = Vec::new();
    let mut gap = true;
    let mut raws = normalized_lines(text).peekable();
    while let Some(line) = raws.next() {
        if line.is_empty() {
            gap = true;
            continue;
        }
        let inside = !gap
            && raws.peek().is_some_and(|next| sentence_goes_on(next))
            && joined.last().is_some_and(|(prev, _, _)| inline_in(prev, &line));
        match joined.last_mut() {
            Some((prev, fragments, _)) if !gap && (inside || continues(prev, &line, stopwords)) => {
                if !line.starts_with(CLOSING) {
                    prev.push(' ');
                }
                prev.push_str(&line);
                *fragments += 1;
            }
            _ => {
                let first = line.len();
                joined.push((line, 1, first));
            }
        }
        gap = false;
    }
    let mut lines: Vec<Line> = Vec::with_capacity(joined.len());
    for (text, fragments, first) in joined {
        let key = match_key(&text);
        if !key.is_empty() && lines.last().is_some_and(|l: &Line| l.key == key) {
            // Twice in a row: alt text + caption of one image.
            if let Some(last) = lines.last_mut() {
                if last.category.is_none() {
                    last.caption = true;
                }
            }
            continue;
        }
        let category = if vocab.is_text_related(&key) {
            Some(Category::Related)
        } else {
            vocab.classify_key(&text, &key).or_else(|| counted_replies(&text).then_some(Category::Comments))
        };
        let words = crate::pipeline::clean::words(&text).count();
        let data = is_data_line(&text, &key);
        let category = if data { None } else { category };
        // ASCII digits are bytes of their own: no character is decoded.
        let mut digits = String::new();
        for b in text.bytes().filter(u8::is_ascii_digit) {
            digits.push(char::from(b));
        }
        // Read once here: the weight, the body and the whole-page fallback all ask.
        let consent =
            category.is_none() && words >= CONSENT_WORDS && (is_consent_notice(&text) || is_form_consent(&text));
        let credit = category.is_none() && words <= CREDIT_WORDS && is_photo_credit(&text);
        lines.push(Line {
            text,
            key,
            digits,
            category,
            caption: false,
            words,
            weight: 0,
            fragments,
            first,
            consent,
            data,
            credit,
        });
    }
    // Weighed once every line is in, so the repeat check borrows the keys.
    let mut seen: HashSet<(&str, &str)> = HashSet::with_capacity_and_hasher(lines.len(), Default::default());
    let weights: Vec<i64> = lines
        .iter()
        .map(|line| {
            let repeat = !line.key.is_empty() && !seen.insert(line.repeat_key());
            let weight = if line.data { 0 } else { weigh(line, repeat, stopwords) };
            if line.caption {
                weight.max(0)
            } else {
                weight
            }
        })
        .collect();
    for (line, weight) in lines.iter_mut().zip(weights) {
        line.weight = weight;
    }
    lines
}

/// A comments header that counts the replies and quotes the piece's title
/// ("3 thoughts on “Title”", "2 réponses à « Titre »"): the thread starts.
fn counted_replies(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit()) && head::quoted_title(text, (0, text.len())) != (0, text.len())
}

const CLOSING: &[char] = &[',', '.', ';', ':', ')', ']', '!', '?', '»', '”', '’', '%'];

/// Most words of a link or code span printed on a line of its own inside a sentence.
const INLINE_WORDS: usize = 3;

/// The line after a short one goes on with a sentence: lower case, a few
/// words, no list bullet ("o Brevo Review" is a menu item, not a sentence).
fn sentence_goes_on(next: &str) -> bool {
    let mut words = next.split_whitespace();
    next.starts_with(char::is_lowercase)
        && words.next().is_some_and(|w| !MENU_BULLETS.contains(&w))
        && words.nth(1).is_some()
}

/// `line` is a link or code span inside the sentence `prev` runs on into
/// ("… by implementing a custom" / "DelegatingHandler" / "that integrates …"):
/// short, no byline word or date, after a line of four words or more ending
/// mid-sentence (a lower-case word or a comma). Joined, the sentence below
/// then continues it too.
fn inline_in(prev: &str, line: &str) -> bool {
    crate::pipeline::clean::words(line).nth(INLINE_WORDS).is_none()
        && crate::pipeline::clean::words(prev).nth(3).is_some()
        && prev.ends_with(|c: char| c.is_lowercase() || c == ',')
        && head::byline_word(line.trim_end_matches(':')).is_none()
        && find_dates(line).is_empty()
}

/// `next` continues `prev`: the scraper split one sentence at an inline element.
fn continues(prev: &str, next: &str, stopwords: &PackedWords) -> bool {
    let Some(first) = next.chars().next() else { return false };
    // "3 Kommentare zu „Titel“" ends on an opening quote's glyph, yet ends.
    if counted_replies(prev) {
        return false;
    }
    if next.starts_with(CLOSING) && !next.starts_with("...") {
        return true;
    }
    // "by" alone ("#Gardening" / "by" / "Emily Roe"): a byline starts, not a
    // continuation, unless a participle comes before it ("Posted" / "by",
    // "Medically reviewed" / "by": the label says who the name is).
    if !next.contains(' ') && head::byline_word(next.trim_end_matches(':')).is_some() {
        let last = prev.split_whitespace().next_back().unwrap_or("").to_lowercase();
        return last.ends_with("ed") || head::AUTHOR_VERBS.contains(&last.as_str());
    }
    let prev_end = prev.chars().next_back().unwrap_or(' ');
    // Code split into one token a line: "identity", "<", "T", ">".
    if next.starts_with(['<', '(', '{', '[', '=', '}']) || prev.ends_with(['<', '(', '{', '[', '=']) {
        return true;
    }
    if matches!(prev_end, '.' | '!' | '?' | '…' | '|' | '>' | '›' | '»') {
        return false;
    }
    let prev_words = crate::pipeline::clean::words(prev).count();
    // A time stamp stays on its own line, whatever follows it.
    if prev_words <= 8 && prev.bytes().any(|b| b.is_ascii_digit()) && !find_dates(prev).is_empty() {
        return false;
    }
    if prev_end == ':' && !(prev.split_whitespace().count() <= 3 && prev.to_lowercase().ends_with("by:")) {
        return false;
    }
    if first.is_lowercase() {
        return prev_words >= 2 || prev_end == ',';
    }
    if matches!(prev_end, ',' | '(' | '“' | '„' | '«') && prev_words >= 3 {
        return true;
    }
    let last = prev.split_whitespace().next_back().unwrap_or("");
    // "By" / "Written by:" on a line of its own, the names on the next.
    if prev_words <= 3 && head::byline_word(last.trim_end_matches(':')).is_some() && first.is_uppercase() {
        return true;
    }
    // A line of its own that opens with a function word and runs on ("The
    // council voted …", "A paragraph …") starts a sentence: the line above is a
    // headline, whatever its last word (the stopword lists hold "page", "home").
    let next_words = crate::pipeline::clean::words(next).count();
    let opens_with_function_word = next
        .split_whitespace()
        .next()
        .is_some_and(|w| stopwords.contains(w.to_lowercase().trim_matches(|c: char| !c.is_alphanumeric())));
    if next_words >= 7 && opens_with_function_word {
        return false;
    }
    // "… reviewed by the" + "Office of Rail and Road": a function word never ends a line.
    prev_words >= 3 && last.chars().count() <= 5 && last.chars().all(char::is_lowercase) && stopwords.contains(last)
}

/// How much a line speaks for being article text: prose counts for its length,
/// the rest against. A line of code or a web address printed out is the
/// author's, not a menu's: it weighs neither way, so a code block or a list of
/// links no longer ends a technical article's run.
fn weigh(line: &Line, repeat: bool, stopwords: &PackedWords) -> i64 {
    let (text, words) = (line.text.as_str(), line.words);
    let weight = weigh_words(line, repeat, stopwords);
    if weight == SHORT_LINE && (is_code(text) || is_web_address(text, words)) {
        0
    } else {
        weight
    }
}

/// Most bytes of a line of code: a longer one ending in "}" is a data dump
/// (a page's JSON state), not a program the article shows.
const CODE_LINE_BYTES: usize = 200;

/// A line of a program ("if (x) {", "return total;", "}", "// a comment"):
/// it opens or closes a block, ends a statement or comments one.
fn is_code(text: &str) -> bool {
    let t = text.trim();
    t.len() <= CODE_LINE_BYTES && (t.ends_with(['{', '}', ';']) || t.starts_with('}') || t.starts_with("//"))
}

/// A web address printed as the whole line ("https://example.org/guide").
fn is_web_address(text: &str, words: usize) -> bool {
    let t = text.trim_start();
    words == 1 && (t.starts_with("http://") || t.starts_with("https://"))
}

/// The weight by the line's words alone.
fn weigh_words(line: &Line, repeat: bool, stopwords: &PackedWords) -> i64 {
    let (text, words, category) = (line.text.as_str(), line.words, line.category);
    match category {
        Some(Category::Related | Category::Comments) => return SECTION_BREAK,
        Some(_) => return FURNITURE,
        None => {}
    }
    if repeat && words < 7 {
        return FURNITURE;
    }
    if line.consent {
        return FURNITURE;
    }
    let trimmed = text.trim_end();
    if trimmed.ends_with("...") || trimmed.ends_with('…') {
        return -10;
    }
    let short = SHORT_LINE;
    if words < 4 {
        return if is_cjk_sentence(trimmed) { text.len() as i64 } else { short };
    }
    if words <= 15 && text.bytes().any(|b| b.is_ascii_digit()) && !find_dates(text).is_empty() {
        // A time stamp: under a comment, a teaser, a post.
        return STAMP;
    }
    if words >= MENU_SEPARATORS * 2 && is_menu_line(text) {
        return short;
    }
    // Exact below STOP_SHARE_ENOUGH, a lower bound from it on: compare with no higher share.
    let stop = stopword_share(text, words, stopwords);
    let sentence_end = trimmed.ends_with(['.', '!', '?', '"', '”', '»', ')', '“', '’']);
    let chars = text.len() as i64;
    let headline_words = HEADLINE_WORDS;
    // "Here is what the council will pay for over the next three years:": a
    // sentence opening the list or code under it, which its author wrote.
    let introduces_list = trimmed.ends_with(':');
    let prose = words >= 7
        && stop >= STOP_SHARE_ENOUGH
        && (introduces_list || (sentence_end && (words > headline_words || trimmed.ends_with('.'))));
    if prose || (words >= 20 && stop >= 0.1) {
        chars
    } else if sentence_end && words >= 4 && stop >= 0.1 && trimmed.ends_with('.') {
        chars / 3
    } else if is_cjk_sentence(trimmed) {
        chars
    } else {
        short
    }
}

/// Fewest words of a cookie banner's sentence. Such a sentence weighs as
/// furniture and never reaches the body, even where the run (or the
/// whole-page fallback) holds it: a dialog printed between two paragraphs,
/// or at the foot of a page read whole.
const CONSENT_WORDS: usize = 4;

/// A cookie banner's sentence ("We use cookies to improve your experience on
/// our site", "Wir verwenden Cookies …"): long enough to weigh as prose, and
/// on a page with a short article the banner can outweigh it. A copyright
/// line that names the cookie statement is left to the footer rules.
fn is_consent_notice(text: &str) -> bool {
    if !(text.contains("ookie") || text.contains("OOKIE")) || text.contains('©') {
        return false;
    }
    let vocab = vocabulary();
    let lower = text.to_lowercase();
    let mut cookie = false;
    let mut consent = false;
    for w in lower.split(|c: char| !c.is_alphanumeric()) {
        cookie |= w == "cookie" || w == "cookies";
        consent |= vocab.is_consent_word(w);
        if cookie && consent {
            return true;
        }
    }
    false
}

/// How a form's agreement opens: "By clicking …", "En cliquant …", "Mit dem
/// Absenden …", "Al hacer clic …" (lower case, with the space after).
const FORM_OPENERS: &[&str] = &[
    "by clicking ",
    "by submitting ",
    "by signing up",
    "by subscribing",
    "by entering ",
    "by registering",
    "by continuing",
    "by checking ",
    "by tapping ",
    "by creating ",
    "by completing ",
    "by providing your ",
    "en cliquant ",
    "en soumettant ",
    "en vous inscrivant",
    "en validant ",
    "en vous abonnant",
    "en renseignant ",
    "mit dem absenden",
    "mit dem klick ",
    "mit klick ",
    "mit ihrer anmeldung",
    "mit der anmeldung",
    "indem sie ",
    "al hacer clic",
    "al enviar ",
    "al suscribirte",
    "al suscribirse",
    "al registrarte",
    "al registrarse",
    "al pulsar ",
    "al continuar",
];
/// The form speaking to the reader who agrees (en/fr/es, lower case, whole
/// words): an article's sentence may open the same way ("By completing the
/// merger, both companies agreed …"), but it does not tell "you" what you
/// accept. Spanish's formal form drops "usted": ", acepta " right after the
/// opener's clause has no subject but the reader.
const FORM_AGREES: &[&str] = &[
    "you agree",
    "you accept",
    "you consent",
    "you acknowledge",
    "you authorize",
    "you authorise",
    "you confirm",
    "you also agree",
    "you hereby agree",
    "you are agreeing",
    "you're agreeing",
    "you’re agreeing",
    // A checkbox's label speaks as the reader: "By checking this box I agree …".
    "i agree",
    "i accept",
    "i consent",
    "i give",
    "i authorize",
    "i authorise",
    "i acknowledge",
    "i confirm",
    "vous acceptez",
    "vous consentez",
    "vous autorisez",
    "vous confirmez",
    "vous reconnaissez",
    "vous nous autorisez",
    "aceptas",
    "consientes",
    "autorizas",
    "confirmas",
    "usted acepta",
    "usted autoriza",
    ", acepta",
    ", autoriza",
];
/// German addresses the reader with the capital "Sie" ("stimmen Sie … zu",
/// "erklären Sie sich … einverstanden"); lower-cased it would read "they", so
/// these match the line as written.
const FORM_AGREES_DE: &[&str] = &[
    "stimmen Sie",
    "akzeptieren Sie",
    "erklären Sie sich",
    "willigen Sie",
    "bestätigen Sie",
    "Sie stimmen",
    "Sie akzeptieren",
    "Sie erklären sich",
    "Sie willigen",
    "Sie bestätigen",
];

/// `phrase` in `text` as whole words ("aceptas", not "aceptaste").
fn has_words(text: &str, phrase: &str) -> bool {
    let edge = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    // A phrase opening on punctuation (", acepta") brings its own left edge.
    let left = !phrase.starts_with(char::is_alphanumeric);
    text.match_indices(phrase)
        .any(|(i, _)| (left || edge(text[..i].chars().next_back())) && edge(text[i + phrase.len()..].chars().next()))
}

/// A web form's agreement ("By clicking Subscribe, you agree to receive
/// emails …", "En cliquant sur Envoyer, vous acceptez …"): a sentence, so it
/// weighs as prose, but the form's, never the article's, and it pulls the
/// run on into the form's other text.
fn is_form_consent(text: &str) -> bool {
    // The openers are ASCII: most lines are told apart by their first byte,
    // the rest without a lower-case copy.
    if !matches!(text.as_bytes().first().map(u8::to_ascii_lowercase), Some(b'b' | b'e' | b'm' | b'i' | b'a')) {
        return false;
    }
    let opens = |o: &&str| text.as_bytes().get(..o.len()).is_some_and(|head| head.eq_ignore_ascii_case(o.as_bytes()));
    if !FORM_OPENERS.iter().any(opens) {
        return false;
    }
    if FORM_AGREES_DE.iter().any(|a| has_words(text, a)) {
        return true;
    }
    let lower = text.to_lowercase();
    FORM_AGREES.iter().any(|a| has_words(&lower, a))
}

/// Most words of a picture's credit line (label, photographer, agency).
const CREDIT_WORDS: usize = 12;

/// Labels a picture's credit opens with, before a colon or "©".
const CREDIT_LABELS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "image",
    "images",
    "picture",
    "credit",
    "foto",
    "fotos",
    "bild",
    "crédit",
    "crédits",
    "crédito",
    "créditos",
];

/// A picture's credit ("Photo: Jane Roe, AP", "Foto: dpa", "Crédit : AFP",
/// "Image © Acme"): printed under the picture, not part of the text the
/// gold keeps. The label opens in upper case: "image: nginx" is a line of a
/// configuration file, which the text quotes. What follows names people and
/// agencies: a sentence after the label ("Credit: what lenders look at
/// first", "PHOTOS: Storm damage across the county") is a heading.
fn is_photo_credit(text: &str) -> bool {
    let text = text.trim_start();
    if !text.starts_with(char::is_uppercase) {
        return false;
    }
    let Some(at) = text.find([':', '©']) else { return false };
    let label = text[..at].trim_end();
    let label = label.strip_suffix(" by").or_else(|| label.strip_suffix(" By")).unwrap_or(label);
    // The longest label, "photograph", is ten letters.
    label.len() <= 12 && CREDIT_LABELS.contains(&label.to_lowercase().as_str()) && names_not_a_sentence(&text[at..])
}

/// The part after a credit's label reads as names: it ends on no question
/// or exclamation mark and has no three words in a row in lower case
/// ("picture alliance / dpa" and "Jane Roe for The Times" pass, "damage
/// across the county" does not).
fn names_not_a_sentence(rest: &str) -> bool {
    if rest.trim_end().ends_with(['?', '!']) {
        return false;
    }
    let mut lower_run = 0;
    for w in rest.split_whitespace() {
        lower_run = if w.starts_with(char::is_lowercase) { lower_run + 1 } else { 0 };
        if lower_run == 3 {
            return false;
        }
    }
    true
}

/// Fewest Chinese, Japanese or Korean characters of a sentence.
const CJK_SENTENCE_CHARS: usize = 20;

/// A letter of a script whose words are counted in characters (kana, CJK
/// ideographs, Hangul syllables).
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
}

/// A sentence of Chinese or Japanese, written without spaces: a few
/// "words" to `split_whitespace` and no stopword of the lexicon, yet prose
/// when it runs long and ends on (or holds) a full stop.
fn is_cjk_sentence(text: &str) -> bool {
    text.len() >= 3 * CJK_SENTENCE_CHARS
        && (text.ends_with(['。', '！', '？', '」', '』', '）', '.']) || text.contains('。'))
        && text.chars().filter(|&c| is_cjk(c)).count() >= CJK_SENTENCE_CHARS
}

/// A table cell of figures ("+13.1%", "$175,000", "37% / 40%", "1/3/2026"):
/// no letters, and three digits or more or a percent or currency sign. A
/// lone small number ("1", "12") is a rank, a page number or a counter.
/// A table's figures are the article's when the run holds them: kept, and
/// weighing neither for nor against it. So is a line of code made of
/// punctuation only ("}", "});"). `key`: the line's match key.
fn is_data_line(text: &str, key: &str) -> bool {
    key.is_empty() && (is_data_cell(text) || is_code(text))
}

fn is_data_cell(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    (digits >= 3 || (digits > 0 && text.contains(['%', '$', '€', '£', '¥']))) && !text.chars().any(char::is_alphabetic)
}

/// Separators a line needs to read as a menu printed on one line.
const MENU_SEPARATORS: usize = 4;
/// Tokens a renderer prints before each list item or between links.
const MENU_BULLETS: &[&str] = &["o", "*", "+", "•", "·", "|"];

/// A whole menu printed on one line ("+ Brands o adidas o ASICS o Nike o
/// Puma", "Home | News | Sport | …"): many short items between bullet tokens.
/// It can pass for prose ("o" is a stopword in some languages) but is navigation.
fn is_menu_line(text: &str) -> bool {
    let mut separators = 0;
    let mut item = 0;
    for word in crate::pipeline::clean::words(text) {
        if MENU_BULLETS.contains(&word) {
            separators += 1;
            item = 0;
        } else {
            item += 1;
            if item > 3 {
                return false;
            }
        }
    }
    separators >= MENU_SEPARATORS
}

/// The highest stopword share the weight asks about.
const STOP_SHARE_ENOUGH: f32 = 0.15;

/// Share of the line's words (those with a letter or digit) that are
/// stopwords. The weight only asks whether it reaches 0.1 and 0.15: once the
/// stopwords counted make 0.15 of all `words` (the line's word count, at
/// least the words counted here), the share can only be higher, and that
/// lower bound is returned without reading the rest of the line.
fn stopword_share(text: &str, words: usize, stopwords: &PackedWords) -> f32 {
    let mut total = 0usize;
    let mut stop = 0usize;
    let mut lower = String::new();
    for word in crate::pipeline::clean::words(text) {
        let w = crate::pipeline::text::letters::trim_non_alnum(word);
        if w.is_empty() {
            continue;
        }
        total += 1;
        if stopwords.contains_lower_chars(w, &mut lower) {
            stop += 1;
            // Division rounds monotonically: stop / total >= stop / words.
            if stop as f32 / words as f32 >= STOP_SHARE_ENOUGH {
                return stop as f32 / words as f32;
            }
        }
    }
    if total == 0 {
        0.0
    } else {
        stop as f32 / total as f32
    }
}

/// The article ends above its author's biography ("Jane Roe is a reporter
/// covering …", "I'm Jane, a trainer …"): a paragraph in the run's second
/// half that opens with the byline's name. What follows it (the author's
/// other posts, a contact box) is the page's, not the story's.
fn before_author_bio(lines: &[Line], start: usize, end: usize, authors: &[String]) -> usize {
    if authors.is_empty() || start >= end {
        return end;
    }
    let half = lines[start..=end].iter().map(|l| l.text.len()).sum::<usize>() / 2;
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate().take(end + 1).skip(start) {
        if seen >= half && line.category.is_none() && is_author_bio(&line.text, line.words, authors) {
            return i - 1;
        }
        seen += line.text.len();
    }
    end
}

/// How many times the prose below a share widget inside the run the prose
/// above it must outweigh for the widget to end the article.
const SHARE_PROSE_RATIO: i64 = 4;

/// The article ends at a share widget ("Share on Facebook", "Teilen",
/// "Compartir") inside the run when nearly all the run's prose is above it:
/// what follows (a newsletter pitch, the author's other posts, teasers'
/// summaries) pulled the run on. A share row between an article's sections,
/// with the article going on below, stays.
fn before_share_widget(lines: &[Line], start: usize, body_start: usize, end: usize) -> usize {
    before_outweighing(lines, start, body_start, end, SHARE_PROSE_RATIO, |i| {
        matches!(lines[i].category, Some(Category::Share))
    })
}

/// The first marker line below the headline (`is_marker`) that the run's
/// prose above outweighs `ratio` times the prose below ends the article there.
fn before_outweighing(
    lines: &[Line],
    start: usize,
    body_start: usize,
    end: usize,
    ratio: i64,
    is_marker: impl Fn(usize) -> bool,
) -> usize {
    (start.max(body_start + 1)..=end)
        .filter(|&i| is_marker(i))
        .map(|at| cut_if_outweighed(lines, start, at, end, ratio))
        .find(|&cut| cut != end)
        .unwrap_or(end)
}

/// Most words of an "About …" box's header ("About the Author", "Über uns").
const ABOUT_WORDS: usize = 5;
/// Openers of an "About …" header, lower case, with the space that follows them.
const ABOUT_OPENERS: &[&str] = &["about ", "à propos de ", "à propos ", "über ", "sobre ", "acerca de ", "acerca del "];
/// What an "About …" box presents when it is not the article: its author
/// or the site, the same few subjects in each language ("About the author",
/// "À propos de l'auteur", "Über uns", "Sobre nosotros", "Sobre o autor").
const ABOUT_SUBJECTS: &[&str] = &[
    "the author",
    "the authors",
    "author",
    "the writer",
    "us",
    "me",
    "l'auteur",
    "l’auteur",
    "l'autrice",
    "l’autrice",
    "nous",
    "moi",
    "den autor",
    "die autorin",
    "den autoren",
    "die autoren",
    "uns",
    "mich",
    "el autor",
    "la autora",
    "los autores",
    "nosotros",
    "mí",
    "o autor",
    "a autora",
    "nós",
    "mim",
    "autor",
    "autora",
];

/// The article ends above a box that presents its author or the site
/// ("About the Author", "About Jane Roe", "Über uns", "Sobre nosotros"),
/// when the prose above it outweighs twice the prose below (the box's own
/// text, the footer): a short article whose run reaches past the box keeps
/// it. Title, byline and date were read around the whole run.
fn before_about_box(lines: &[Line], start: usize, body_start: usize, end: usize, authors: &[String]) -> usize {
    let Some(at) = (body_start + 1..=end).find(|&i| about_header(lines, i, authors)) else { return end };
    cut_if_outweighed(lines, start, at, end, READ_ALSO_PROSE_RATIO)
}

/// An "About …" header over the author's or the site's box: the opener and
/// a subject of `ABOUT_SUBJECTS` or one of `authors`, or the opener alone
/// with an author's name on the next line ("À propos" / "Jane Roe").
fn about_header(lines: &[Line], i: usize, authors: &[String]) -> bool {
    let line = &lines[i];
    let text = line.text.trim();
    if line.words > ABOUT_WORDS
        || (line.words < 2 && authors.is_empty())
        || line.category.is_some()
        || !text.starts_with(['A', 'a', 'À', 'à', 'Ü', 'ü', 'S', 's'])
    {
        return false;
    }
    let lower = text.trim_end_matches([':', '.']).to_lowercase();
    let names = |text: &str| authors.iter().any(|a| !a.is_empty() && a.to_lowercase() == text);
    // The opener alone ("About", "À propos", "Acerca de") over the name.
    if ABOUT_OPENERS.iter().any(|o| o.trim_end() == lower) {
        return lines.get(i + 1).is_some_and(|next| names(&next.text.trim().to_lowercase()));
    }
    ABOUT_OPENERS
        .iter()
        .any(|o| lower.strip_prefix(o).is_some_and(|subject| ABOUT_SUBJECTS.contains(&subject) || names(subject)))
}

/// Verbs a biography opens with after the name ("is a", "ist", "est", "es").
const BIO_VERBS: &[&str] = &["is", "was", "has", "ist", "war", "est", "était", "es", "fue", "era", "è", "heeft"];
/// A first-person biography's opening ("I'm Jane, …", "Je suis", "Ich bin").
pub(super) const SELF_INTROS: &[&str] = &["i'm", "i’m", "i am", "je suis", "ich bin", "soy", "sono", "ik ben"];

/// A biography of one of `authors`: a paragraph opening with the full name,
/// or with one of its words and a copula ("Jane is a …", "I'm Jane, …").
fn is_author_bio(text: &str, words: usize, authors: &[String]) -> bool {
    if words < 12 {
        return false;
    }
    let text = text.trim_start();
    if authors.iter().any(|a| {
        !a.is_empty() && text.strip_prefix(a.as_str()).is_some_and(|rest| rest.starts_with([' ', ',', '\'', '’']))
    }) {
        return true;
    }
    let lead: Vec<&str> =
        text.split_whitespace().take(4).map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    let named = |w: &str| {
        w.chars().count() >= 3
            && w.starts_with(char::is_uppercase)
            && authors.iter().any(|a| a.split_whitespace().any(|part| part == w))
    };
    let Some(at) = lead.iter().position(|w| named(w)) else { return false };
    let lower = text.to_lowercase();
    let intro = SELF_INTROS.iter().any(|p| lower.starts_with(p) || lower.starts_with(&format!("hi, {p}")));
    intro
        || lead
            .get(at + 1..)
            .is_some_and(|rest| rest.iter().take(2).any(|w| BIO_VERBS.contains(&w.to_lowercase().as_str())))
}

/// The lines of each stretch without prose that holds a comment thread's
/// start (a comments header, a comment's header): such a gap keeps its full
/// cost, so a short article does not reach across it into the thread below.
fn thread_gaps(lines: &[Line]) -> Vec<bool> {
    let vocab = vocabulary();
    let mut full = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if lines[i].weight > 0 {
            i += 1;
            continue;
        }
        let end = (i..lines.len()).find(|&k| lines[k].weight > 0).unwrap_or(lines.len());
        if (i..end).any(|k| {
            matches!(lines[k].category, Some(Category::Comments)) || comment_header_at(lines, k, vocab).is_some()
        }) {
            full[i..end].fill(true);
        }
        i = end;
    }
    full
}

/// Lines without prose in a row that cost their full weight; each further one
/// costs half.
const FULL_GAP: usize = 6;

/// The run of lines with the largest total weight (Kadane), when it holds any
/// prose. Past the sixth line of a stretch without prose, each line costs half:
/// an article's long lists, galleries, tables and link-split paragraphs no
/// longer cut it in two, while a short gap of menus between two pieces of
/// prose costs as much as before.
fn main_run(lines: &[Line], halve: bool) -> Option<(usize, usize, i64)> {
    let full = if halve { thread_gaps(lines) } else { Vec::new() };
    let mut best: Option<(i64, usize, usize)> = None;
    let mut sum = 0i64;
    let mut from = 0usize;
    let mut gap = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            from = i;
        }
        let mut weight = line.weight;
        if weight < 0 {
            gap += 1;
            if halve && gap > FULL_GAP && !full[i] {
                weight /= 2;
            }
        } else if weight > 0 {
            gap = 0;
        }
        sum += weight;
        if sum > 0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, from, i));
        }
    }
    best.map(|(sum, s, e)| (s, e, sum))
}

/// A comments header (or a copyright notice) inside the run, after enough
/// prose to be an article, ends it: the thread below is other people's text
/// and may outweigh a short article. A header printed more than once in the run ("Add a comment"
/// under every answer of a Q&A page) is a thread's chrome, not its start. So
/// do two or more per-comment headers ("Jane Roe says:") with none above.
fn cut_at_comments(lines: &[Line], start: usize, end: usize, total: i64) -> (usize, usize, i64) {
    let is_comments = |l: &Line| matches!(l.category, Some(Category::Comments));
    let mut count: HashMap<&str, usize> = HashMap::default();
    for line in &lines[start..=end] {
        if is_comments(line) {
            *count.entry(line.key.as_str()).or_default() += 1;
        }
    }
    let vocab = vocabulary();
    let header = |i: usize| comment_header_at(lines, i, vocab);
    let mut thread = (start..=end).filter_map(header).nth(1).is_some();
    let mut sum = 0i64;
    for (i, line) in lines.iter().enumerate().take(end + 1).skip(start) {
        if is_comments(line)
            && sum >= ARTICLE_BEFORE_COMMENTS
            && count.get(line.key.as_str()) == Some(&1)
            && !controls_repeat_below(lines, start, i, end)
        {
            return (start, i - 1, sum);
        }
        // A thread with no header of its own: two or more comments' headers
        // after the article (a run that starts inside the thread keeps it
        // whole). Where the verb stands alone, the name above it goes too.
        if let Some(alone) = thread.then(|| header(i)).flatten() {
            thread = false;
            if sum >= ARTICLE_BEFORE_COMMENTS && i >= start + 2 {
                let name = alone && lines[i - 1].words <= 5 && lines[i - 1].weight < 0;
                return if name { (start, i - 2, sum - lines[i - 1].weight) } else { (start, i - 1, sum) };
            }
        }
        // The page's copyright notice: what follows it (teaser lists whose
        // summaries weigh as prose, footer menus) is never the article's.
        if sum >= ARTICLE_BEFORE_COMMENTS && is_copyright(line) {
            return (start, i - 1, sum);
        }
        sum += line.weight;
    }
    (start, end, total)
}

/// Lines above a comments header searched for the controls under the post above it.
const POST_CONTROLS: usize = 8;
/// Fewest times a post's controls are printed again below the header.
const POST_CONTROLS_BELOW: usize = 2;
/// Fewest of the opening post's controls printed again under the posts below.
const POST_CONTROLS_MIN: usize = 2;

/// The controls under the post above the comments header at `at` (the short
/// lines between its last prose line and the header: "Share on Facebook",
/// "Quote", "Report"): two or more of them come back under two or more posts
/// below it: a forum thread, whose replies are formatted like the
/// opening post and are the page's text, not readers' comments on an article
/// (an article's share widget is not printed again under each comment). One
/// line coming back is not enough: the author's name above the comments
/// comes back wherever the author replies.
fn controls_repeat_below(lines: &[Line], start: usize, at: usize, end: usize) -> bool {
    let from = at.saturating_sub(POST_CONTROLS).max(start);
    let Some(last) = (from..at).rev().find(|&i| lines[i].weight > 0) else { return false };
    lines[last + 1..at]
        .iter()
        .filter(|c| !c.key.is_empty())
        .filter(|c| {
            lines[at + 1..=end].iter().filter(|l| l.repeat_key() == c.repeat_key()).take(POST_CONTROLS_BELOW).count()
                >= POST_CONTROLS_BELOW
        })
        .take(POST_CONTROLS_MIN)
        .count()
        >= POST_CONTROLS_MIN
}

/// A copyright notice ("© 2019 Acme Inc. All Rights Reserved.", "Copyright
/// 2024 Acme"): a footer line with a year in it. A photo credit ("© Reuters")
/// has none.
fn is_copyright(line: &Line) -> bool {
    matches!(line.category, Some(Category::Footer))
        && line
            .text
            .split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")))
}

/// No line reads as boilerplate or repeats another: a bare article (a wire
/// story, a results table, an itinerary) whose short lines are its own, so
/// the whole page is the run, not only its prose. Stricter than the repeat
/// rules of the run: a page with repeated labels goes through `main_run`, and
/// the run keeps its short repeats.
fn nothing_to_strip(lines: &[Line]) -> bool {
    let mut seen: HashSet<(&str, &str)> = HashSet::default();
    lines.iter().all(|l| l.category.is_none() && (l.key.is_empty() || seen.insert(l.repeat_key())))
}

/// Lines in a row printed again in the same order for them to be a copy
/// (a menu printed twice, a footer repeating the header's links).
const COPY_LINES: usize = 5;

/// No prose anywhere: every line but boilerplate and copies. A listing
/// prints its field labels ("Replies", "Views", "Breed:"), a card's name
/// under its picture and its shared values again under every entry, and
/// these are the listing's text: a line printed before goes only where it
/// stands in a stretch of `COPY_LINES` lines printed before in the same order.
fn fallback_blocks(lines: &[Line], skip: &HashSet<usize>) -> Vec<Block> {
    let copy = copied_stretches(lines);
    lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| {
            !skip.contains(&i) && l.category.is_none() && !l.consent && !l.credit && (l.key.is_empty() || !copy[i])
        })
        .map(|(_, l)| l)
        .map(|l| Block::new(if l.caption { BlockKind::Caption } else { BlockKind::Paragraph }, l.text.clone()))
        .collect()
}

/// Which lines stand in a stretch of `COPY_LINES` lines in a row that the
/// page printed before, in the same order (the later copy only).
fn copied_stretches(lines: &[Line]) -> Vec<bool> {
    use std::hash::{Hash, Hasher};
    let mut copy = vec![false; lines.len()];
    if lines.len() < COPY_LINES {
        return copy;
    }
    let hashes: Vec<u64> = lines
        .iter()
        .map(|l| {
            let mut h = rustc_hash::FxHasher::default();
            l.repeat_key().hash(&mut h);
            h.finish()
        })
        .collect();
    let mut first: HashMap<&[u64], usize> = HashMap::default();
    for (j, window) in hashes.windows(COPY_LINES).enumerate() {
        let at = *first.entry(window).or_insert(j);
        // Equal hashes are read as equal lines only where the keys agree.
        // A window overlapping its first sighting is one stretch of equal lines, not a copy.
        if at + COPY_LINES <= j && (0..COPY_LINES).all(|d| lines[at + d].repeat_key() == lines[j + d].repeat_key()) {
            copy[j..j + COPY_LINES].fill(true);
        }
    }
    copy
}

/// Fewest words of a line in the teaser zone: shorter lines there are menu
/// entries, section names and widget labels ("Finance", "Contact Us",
/// "Most Shared"), not headlines or summaries.
const ZONE_MIN_WORDS: usize = 4;

/// A line of the teaser zone worth keeping: a headline, a summary or a
/// caption, by its length (a run of CJK characters counts), never a label
/// ending in a colon.
fn reads_as_card_text(line: &Line) -> bool {
    let text = line.text.trim_end();
    let cjk = || text.chars().filter(|&c| is_cjk(c)).count() >= 8;
    !text.ends_with(':') && (line.words >= ZONE_MIN_WORDS || cjk())
}

/// After the article: from the first "read also"/"latest" header on, the teasers.
fn teaser_zone(tail: &[Line], seen: &HashSet<(&str, &str)>, blocks: &mut Vec<Block>) {
    let Some(first) = tail.iter().position(Line::is_break) else { return };
    let mut seen: HashSet<(&str, &str)> = seen.clone();
    let mut zone: Vec<Block> = Vec::new();
    for line in &tail[first..] {
        if line.is_break() {
            if zone.last().is_none_or(|b| b.kind != BlockKind::RelatedBreak) {
                zone.push(Block::new(BlockKind::RelatedBreak, line.text.clone()));
            }
            continue;
        }
        if line.category.is_some()
            || line.credit
            || !reads_as_card_text(line)
            || (!line.key.is_empty() && !seen.insert(line.repeat_key()))
        {
            continue;
        }
        zone.push(Block::new(if line.caption { BlockKind::Caption } else { BlockKind::Paragraph }, line.text.clone()));
        if zone.len() >= 80 {
            break;
        }
    }
    while zone.last().is_some_and(|b| b.kind == BlockKind::RelatedBreak) {
        zone.pop();
    }
    if zone.len() > 1 {
        blocks.extend(zone);
    }
}

#[cfg(test)]
mod reading_tests;
#[cfg(test)]
mod tests;
