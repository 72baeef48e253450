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
//!    list items) stay and menus, footers and teasers around it go.
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

use rustc_hash::FxHashSet as HashSet;

use super::vocab::{vocabulary, Category};
use super::{Block, BlockKind};
use crate::pipeline::text::dates::find_dates;
use crate::pipeline::text::lexicon::Lexicon;
use crate::pipeline::text::{match_key, normalize_text};

mod head;
use head::head_of;

pub(crate) const EXTRACTOR: &str = concat!("pressline-text-rules/", env!("CARGO_PKG_VERSION"));

/// What the text path reads from a page.
#[derive(Debug, Default)]
pub(crate) struct TextPage {
    /// The headline, when a line reads as one.
    pub title: Option<String>,
    pub blocks: Vec<Block>,
}

/// Words that open a byline, lower-cased.
const BYLINE_WORDS: &[&str] = &["by", "par", "von", "por", "di", "door"];
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
/// Pages with at least this many lines can fall back to their whole text.
const LONG_PAGE: usize = 40;
/// Lines above the article searched for its title.
const TITLE_WINDOW: usize = 300;
/// Lines after the title (or the article's start) searched for a byline and a date.
const HEAD_LINES: usize = 14;
/// Lines under the title where an author's name may stand alone.
const NAME_LINES: usize = 6;

struct Line {
    text: String,
    key: String,
    category: Option<Category>,
    /// Printed twice in a row: alt text and caption of one image.
    caption: bool,
    words: usize,
    weight: i64,
    /// Scraper lines joined into this one.
    fragments: usize,
}

impl Line {
    fn is_break(&self) -> bool {
        matches!(self.category, Some(Category::Related))
    }
}

pub(crate) fn extract_page(text: &str, url: &str) -> TextPage {
    let lines = read_lines(text);
    if lines.is_empty() {
        return TextPage::default();
    }
    let Some((start, end, total)) = main_run(&lines) else {
        return TextPage { title: None, blocks: fallback_blocks(&lines) };
    };
    if total < MIN_RUN && lines.len() >= LONG_PAGE {
        // Too little prose for an article: the title still reads as one.
        let title = head_of(&lines, start, end, url).title.map(|t| lines[t].text.clone());
        return TextPage { title, blocks: fallback_blocks(&lines) };
    }
    let head = head_of(&lines, start, end, url);
    let body_start = head.title.map_or(start, |t| start.max(t + 1));
    let mut blocks = Vec::new();
    if let Some(byline) = head.byline_text(&lines) {
        blocks.push(Block::new(BlockKind::Byline, byline));
    }
    let used: HashSet<usize> = head.used().collect();
    let mut seen: HashSet<&str> = HashSet::default();
    if let Some(t) = head.title {
        seen.insert(lines[t].key.as_str());
    }
    // Short lines printed before the article (menus) go when they come back in it.
    let mut seen_before: HashSet<&str> = HashSet::default();
    for line in &lines[..body_start] {
        if line.words < 4 {
            seen_before.insert(line.key.as_str());
        }
    }
    for (i, line) in lines.iter().enumerate().take(end + 1).skip(body_start) {
        if used.contains(&i) || line.category.is_some() {
            continue;
        }
        if !line.key.is_empty() && (!seen.insert(line.key.as_str()) || seen_before.contains(line.key.as_str())) {
            continue;
        }
        let kind = if line.caption { BlockKind::Caption } else { BlockKind::Paragraph };
        blocks.push(Block::new(kind, line.text.clone()));
    }
    teaser_zone(&lines[end + 1..], &seen, &mut blocks);
    let title = head.title.map(|t| lines[t].text.clone());
    TextPage { title, blocks }
}

/// The page's non-empty lines, normalised, scraper splits joined, each weighed.
fn read_lines(text: &str) -> Vec<Line> {
    let vocab = vocabulary();
    let stopwords = &Lexicon::get().stopwords_any;
    let mut joined: Vec<(String, usize)> = Vec::new();
    let mut gap = true;
    for raw in text.lines() {
        let line = normalize_text(raw);
        if line.is_empty() {
            gap = true;
            continue;
        }
        match joined.last_mut() {
            Some((prev, fragments)) if !gap && continues(prev, &line, stopwords) => {
                if !line.starts_with(CLOSING) {
                    prev.push(' ');
                }
                prev.push_str(&line);
                *fragments += 1;
            }
            _ => joined.push((line, 1)),
        }
        gap = false;
    }
    let mut lines: Vec<Line> = Vec::with_capacity(joined.len());
    let mut seen: HashSet<String> = HashSet::default();
    for (text, fragments) in joined {
        let key = match_key(&text);
        if !key.is_empty() && lines.last().is_some_and(|l: &Line| l.key == key) {
            // Twice in a row: alt text + caption of one image.
            if let Some(last) = lines.last_mut() {
                if last.category.is_none() {
                    last.caption = true;
                    last.weight = last.weight.max(0);
                }
            }
            continue;
        }
        let category = vocab.classify_key(&text, &key);
        let words = text.split_whitespace().count();
        let repeat = !key.is_empty() && !seen.insert(key.clone());
        let weight = weigh(&text, words, category, repeat, stopwords);
        lines.push(Line { text, key, category, caption: false, words, weight, fragments });
    }
    lines
}

const CLOSING: &[char] = &[',', '.', ';', ':', ')', ']', '!', '?', '»', '”', '’', '%'];

/// `next` continues `prev`: the scraper split one sentence at an inline element.
fn continues(prev: &str, next: &str, stopwords: &std::collections::HashSet<String>) -> bool {
    let Some(first) = next.chars().next() else { return false };
    if next.starts_with(CLOSING) && !next.starts_with("...") {
        return true;
    }
    let prev_end = prev.chars().next_back().unwrap_or(' ');
    // Code split into one token a line: "identity", "<", "T", ">".
    if next.starts_with(['<', '(', '{', '[', '=', '}']) || prev.ends_with(['<', '(', '{', '[', '=']) {
        return true;
    }
    if matches!(prev_end, '.' | '!' | '?' | '…' | '|' | '>' | '›' | '»') {
        return false;
    }
    let prev_words = prev.split_whitespace().count();
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
    if prev_words <= 3
        && BYLINE_WORDS.contains(&last.trim_end_matches(':').to_lowercase().as_str())
        && first.is_uppercase()
    {
        return true;
    }
    // A line of its own that opens with a function word and runs on ("The
    // council voted …", "A paragraph …") starts a sentence: the line above is a
    // headline, whatever its last word (the stopword lists hold "page", "home").
    let next_words = next.split_whitespace().count();
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
/// the rest against.
fn weigh(
    text: &str,
    words: usize,
    category: Option<Category>,
    repeat: bool,
    stopwords: &std::collections::HashSet<String>,
) -> i64 {
    match category {
        Some(Category::Related | Category::Comments) => return SECTION_BREAK,
        Some(_) => return FURNITURE,
        None => {}
    }
    if repeat && words < 7 {
        return FURNITURE;
    }
    let trimmed = text.trim_end();
    if trimmed.ends_with("...") || trimmed.ends_with('…') {
        return -10;
    }
    let short = SHORT_LINE;
    if words < 4 {
        return short;
    }
    if words <= 15 && text.bytes().any(|b| b.is_ascii_digit()) && !find_dates(text).is_empty() {
        // A time stamp: under a comment, a teaser, a post.
        return STAMP;
    }
    let stop = stopword_share(text, stopwords);
    let sentence_end = trimmed.ends_with(['.', '!', '?', '"', '”', '»', ')', '“', '’']);
    let chars = text.len() as i64;
    let headline_words = HEADLINE_WORDS;
    let prose = sentence_end && words >= 7 && stop >= 0.15 && (words > headline_words || trimmed.ends_with('.'));
    if prose || (words >= 20 && stop >= 0.1) {
        chars
    } else if sentence_end && words >= 4 && stop >= 0.1 && trimmed.ends_with('.') {
        chars / 3
    } else {
        short
    }
}

fn stopword_share(text: &str, stopwords: &std::collections::HashSet<String>) -> f32 {
    let mut total = 0usize;
    let mut stop = 0usize;
    let mut lower = String::new();
    for word in text.split_whitespace() {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        total += 1;
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        if stopwords.contains(lower.as_str()) {
            stop += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        stop as f32 / total as f32
    }
}

/// The run of lines with the largest total weight (Kadane), when it holds any prose.
fn main_run(lines: &[Line]) -> Option<(usize, usize, i64)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut sum = 0i64;
    let mut from = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            from = i;
        }
        sum += line.weight;
        if sum > 0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, from, i));
        }
    }
    best.map(|(sum, s, e)| (s, e, sum))
}

/// No prose anywhere: every line but boilerplate and repeats.
fn fallback_blocks(lines: &[Line]) -> Vec<Block> {
    let mut seen: HashSet<&str> = HashSet::default();
    lines
        .iter()
        .filter(|l| l.category.is_none() && (l.key.is_empty() || seen.insert(l.key.as_str())))
        .map(|l| Block::new(if l.caption { BlockKind::Caption } else { BlockKind::Paragraph }, l.text.clone()))
        .collect()
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
    let cjk = || {
        text.chars()
            .filter(|c| matches!(*c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF))
            .count()
            >= 8
    };
    !text.ends_with(':') && (line.words >= ZONE_MIN_WORDS || cjk())
}

/// After the article: from the first "read also"/"latest" header on, the teasers.
fn teaser_zone(tail: &[Line], seen: &HashSet<&str>, blocks: &mut Vec<Block>) {
    let Some(first) = tail.iter().position(Line::is_break) else { return };
    let mut seen: HashSet<&str> = seen.clone();
    let mut zone: Vec<Block> = Vec::new();
    for line in &tail[first..] {
        if line.is_break() {
            if zone.last().is_none_or(|b| b.kind != BlockKind::RelatedBreak) {
                zone.push(Block::new(BlockKind::RelatedBreak, line.text.clone()));
            }
            continue;
        }
        if line.category.is_some()
            || !reads_as_card_text(line)
            || (!line.key.is_empty() && !seen.insert(line.key.as_str()))
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
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<(BlockKind, &str)> {
        blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn repeated_lines_become_one_caption_and_repeated_titles_vanish() {
        let page = "A headline about the harbour\n\nThe harbour reopened on Monday after a week of repairs, and the ferries run again.\n\nA crane at dawn\nA crane at dawn\n\nA headline about the harbour\n\nThe first ship to dock was a ferry from the islands, carrying two hundred passengers.\n";
        let out = extract_page(page, "https://example.org/news/headline-about-the-harbour");
        assert_eq!(out.title.as_deref(), Some("A headline about the harbour"));
        assert_eq!(
            texts(&out.blocks),
            vec![
                (
                    BlockKind::Paragraph,
                    "The harbour reopened on Monday after a week of repairs, and the ferries run again."
                ),
                (BlockKind::Caption, "A crane at dawn"),
                (
                    BlockKind::Paragraph,
                    "The first ship to dock was a ferry from the islands, carrying two hundred passengers."
                ),
            ]
        );
    }

    #[test]
    fn related_headers_leave_one_break_and_widgets_disappear() {
        let page = "Zum Inhalt springen\nDer Titel des Artikels\nDer erste Absatz des Artikels ist lang genug, um als Text zu gelten, und er endet mit einem Punkt.\nTeilen\n12 Kommentare\nLesen Sie auch:\nMeistgelesen\nEin anderer Artikel über die Bahn\nAnzeige\nPolitik\nKontakt\n";
        let out = extract_page(page, "");
        assert_eq!(out.title.as_deref(), Some("Der Titel des Artikels"));
        assert_eq!(
            texts(&out.blocks),
            vec![
                (BlockKind::Paragraph, "Der erste Absatz des Artikels ist lang genug, um als Text zu gelten, und er endet mit einem Punkt."),
                (BlockKind::RelatedBreak, "Lesen Sie auch:"),
                (BlockKind::Paragraph, "Ein anderer Artikel über die Bahn"),
            ]
        );
    }

    #[test]
    fn the_teaser_zone_keeps_headlines_and_drops_menu_entries() {
        let page = "Le titre de l'article\nLe premier paragraphe de l'article est assez long pour compter comme du texte, et il finit par un point.\nLire aussi\nPolitique\nNous contacter\nLe métro de Marseille fermé deux semaines pour travaux\nÉconomie :\nLes écoles ferment plus tôt cet été\n";
        let out = extract_page(page, "");
        let zone: Vec<&str> = out
            .blocks
            .iter()
            .skip_while(|b| b.kind != BlockKind::RelatedBreak)
            .skip(1)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            zone,
            vec!["Le métro de Marseille fermé deux semaines pour travaux", "Les écoles ferment plus tôt cet été"]
        );
    }

    fn kinds_of(out: &TextPage, kind: BlockKind) -> Vec<&str> {
        out.blocks.iter().filter(|b| b.kind == kind).map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn lines_split_at_links_are_joined_back_en() {
        let page = "Menu\nSearch\nChoosing a budget laptop is tricky because you can find dozens of options at a given time. We have picks for\nChromebooks\nand\nWindows laptops\nunder $500, and some\nother options worth considering\n. If you cannot find them, read\nour guide\ninstead.\nAbout us\n";
        let out = extract_page(page, "");
        assert_eq!(
            kinds_of(&out, BlockKind::Paragraph),
            vec!["Choosing a budget laptop is tricky because you can find dozens of options at a given time. We have picks for Chromebooks and Windows laptops under $500, and some other options worth considering. If you cannot find them, read our guide instead."]
        );
    }

    #[test]
    fn menus_and_footers_around_the_article_go_fr() {
        let page = "Accueil\nPolitique\nÉconomie\nSport\nCulture\nSe connecter\n\
            Le gouvernement présente son plan pour le rail\n\
            Par Marie Dupont\nPublié le 3 juin 2025 à 18h05\n\
            Le gouvernement a présenté mardi un plan de dix milliards d'euros pour moderniser les lignes régionales.\n\
            Les syndicats ont salué une annonce attendue depuis des années, mais restent prudents sur le calendrier.\n\
            Un calendrier serré\n\
            Les premiers travaux commenceront à l'automne dans trois régions, selon le ministère des transports.\n\
            Mentions légales\nContact\nNous suivre\n";
        let out =
            extract_page(page, "https://journal.example/politique/le-gouvernement-presente-son-plan-pour-le-rail");
        assert_eq!(out.title.as_deref(), Some("Le gouvernement présente son plan pour le rail"));
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec!["Par Marie Dupont · Publié le 3 juin 2025 à 18h05"]);
        let body = kinds_of(&out, BlockKind::Paragraph);
        assert_eq!(body.len(), 4, "{body:#?}");
        assert_eq!(body[2], "Un calendrier serré", "a subhead inside prose stays");
        assert!(!body.iter().any(|b| b.contains("Accueil") || b.contains("Contact")));
    }

    #[test]
    fn title_is_never_a_breadcrumb_or_section_label_de() {
        let page = "Startseite > Wirtschaft > Verkehr\nWirtschaft\nVerkehr\n\
            Bahn erhöht die Preise für Fernreisen\n\
            Von Markus Huber\n04.06.2025, 09:15 Uhr\n\
            Die Deutsche Bahn erhöht zum Fahrplanwechsel die Preise im Fernverkehr um durchschnittlich vier Prozent.\n\
            Der Fahrgastverband kritisierte die Erhöhung, weil die Pünktlichkeit der Züge im vergangenen Jahr gesunken sei.\n";
        let out = extract_page(page, "https://zeitung.example/wirtschaft/bahn-erhoeht-die-preise-fuer-fernreisen");
        assert_eq!(out.title.as_deref(), Some("Bahn erhöht die Preise für Fernreisen"));
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec!["Von Markus Huber · 04.06.2025, 09:15 Uhr"]);
        assert_eq!(kinds_of(&out, BlockKind::Paragraph).len(), 2);
        // Without a slug the line above the byline still wins.
        let out = extract_page(page, "https://zeitung.example/a/123");
        assert_eq!(out.title.as_deref(), Some("Bahn erhöht die Preise für Fernreisen"));
    }

    #[test]
    fn title_printed_twice_is_kept_once_and_comments_stay_out_es() {
        let page = "Portada\nNacional\n\
            La Junta aprueba la ayuda a la fábrica de Valladolid\n\
            Compartir\n\
            La Junta aprueba la ayuda a la fábrica de Valladolid\n\
            Por Ana López\n\
            La Junta de Castilla y León aprobó este jueves una ayuda de doce millones de euros para la fábrica.\n\
            La empresa se comprometió a mantener el empleo durante los próximos cinco años, según el acuerdo.\n\
            12 comentarios\n\
            Pepe dijo que esto es una vergüenza y que la fábrica cerrará de todas formas en un par de años.\n";
        let out = extract_page(page, "https://diario.example/economia/123");
        assert_eq!(out.title.as_deref(), Some("La Junta aprueba la ayuda a la fábrica de Valladolid"));
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec!["Por Ana López"]);
        let body = kinds_of(&out, BlockKind::Paragraph);
        assert_eq!(body.len(), 2, "{body:#?}");
        assert!(body.iter().all(|b| !b.contains("Valladolid aprueba") && !b.contains("Pepe")));
    }

    #[test]
    fn a_headline_is_not_joined_to_the_sentence_under_it() {
        let out = extract_page(
            "Title of the secret page\nA paragraph long enough to be the body, with a marker inside it.\n",
            "https://s.example/1",
        );
        assert_eq!(out.title.as_deref(), Some("Title of the secret page"));
        assert_eq!(
            kinds_of(&out, BlockKind::Paragraph),
            vec!["A paragraph long enough to be the body, with a marker inside it."]
        );
        // A function word ending the line still joins what follows it.
        let joined = extract_page(
            "The plan was reviewed by the\nOffice of Rail and Road last week, which found it sound and fair.\n",
            "https://s.example/2",
        );
        assert!(kinds_of(&joined, BlockKind::Paragraph)
            .iter()
            .chain(joined.title.as_deref().iter())
            .any(|p| p.contains("reviewed by the Office of Rail and Road")));
    }

    #[test]
    fn a_byline_split_over_lines_is_read_whole() {
        let page = "Home\nHelping our developers stay productive while working remotely\nMarch 20, 2020\nBy\nJared Spataro\n, Chief Marketing Officer\nShare\n\
            Since we made the move to remote work two weeks ago, we are discovering so much as a company and as a team.\n\
            Keeping our team productive is key to making our services work for our customers, and we share what we learned.\n";
        let out =
            extract_page(page, "https://blog.example/2020/03/20/helping-developers-stay-productive-working-remotely/");
        assert_eq!(out.title.as_deref(), Some("Helping our developers stay productive while working remotely"));
        assert_eq!(
            kinds_of(&out, BlockKind::Byline),
            vec!["By Jared Spataro, Chief Marketing Officer · March 20, 2020"]
        );
        assert_eq!(kinds_of(&out, BlockKind::Paragraph).len(), 2);
    }

    const PROSE_EN: &str = "The council voted on Tuesday to fund a new bridge over the river, ending a debate that lasted ten years.\n\nWork will start in the spring and the bridge should open to traffic before the end of next year, officials said.\n";

    #[test]
    fn byline_label_alone_takes_the_name_on_the_next_line() {
        // One DOM text node a line, blank lines between: the label and the name are not joined.
        let cases = [
            ("Written by", "Marissa Lyda", "en"),
            ("Par", "Marie Dupont", "fr"),
            ("Von", "Markus Huber", "de"),
            ("Autor:", "Ana López", "es"),
        ];
        for (label, name, lang) in cases {
            let page = format!(
                "Home\n\nNews\n\nCouncil votes to fund the new bridge\n\n{label}\n\n{name}\n\nJune 3, 2025\n\n{PROSE_EN}"
            );
            let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
            assert_eq!(out.title.as_deref(), Some("Council votes to fund the new bridge"), "{lang}");
            assert_eq!(kinds_of(&out, BlockKind::Byline), vec![format!("{label} {name} · June 3, 2025")], "{lang}");
            assert!(!kinds_of(&out, BlockKind::Paragraph).iter().any(|p| p.contains(name)), "{lang}");
        }
    }

    #[test]
    fn sort_by_and_section_labels_are_not_authors() {
        let page = format!("Shop\n\nGarden Accessories\n\nSort by\n\nFeatured Items\n\nProduct Details\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/garden-accessories");
        assert!(kinds_of(&out, BlockKind::Byline).is_empty(), "{:?}", out.blocks);
    }

    #[test]
    fn a_name_in_an_author_block_under_the_title_is_the_byline() {
        // Avatar, name, date: a few lines under the title, the subtitle between.
        let page = format!(
            "Subscribe\n\nSign in\n\nClimate Tech Needs a Reboot\n\nA National Security Case for Building, Not Shrinking\n\nPete Mathias's avatar\n\nPete Mathias\n\nApr 08, 2025\n\nShare\n\n{PROSE_EN}"
        );
        let out = extract_page(&page, "https://example.org/p/climate-tech-needs-a-reboot");
        assert_eq!(out.title.as_deref(), Some("Climate Tech Needs a Reboot"));
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec!["Pete Mathias · Apr 08, 2025"]);
    }

    #[test]
    fn title_far_above_the_article_is_found_de() {
        // Headline, byline block, a picture and a long table of contents before the first prose.
        let mut page = String::from("Startseite\n\nPolitik\n\nBahn erhöht die Preise für Fernreisen\n\nVon Markus Huber\n\n04.06.2025, 09:15 Uhr\n\nEin ICE im Bahnhof\n\nInhalt\n\n");
        for n in 1..=30 {
            page.push_str(&format!("Abschnitt {n}\n\n"));
        }
        page.push_str("Die Deutsche Bahn erhöht zum Fahrplanwechsel die Preise im Fernverkehr um durchschnittlich vier Prozent.\n\nDer Fahrgastverband kritisierte die Erhöhung, weil die Pünktlichkeit der Züge im vergangenen Jahr gesunken sei.\n");
        let out = extract_page(&page, "https://zeitung.example/wirtschaft/bahn-erhoeht-die-preise-fuer-fernreisen");
        assert_eq!(out.title.as_deref(), Some("Bahn erhöht die Preise für Fernreisen"));
    }

    #[test]
    fn a_headline_printed_twice_in_a_row_is_the_title_fr() {
        // The headline, then the same words as its picture's alt text.
        let page = "Accueil\n\nÉconomie\n\nLe port rouvre après la tempête\nLe port rouvre après la tempête\n\nÀ lire aussi sur le site\n\nLe port a rouvert lundi après une semaine de travaux, et les ferries circulent de nouveau entre les îles.\n\nLes premiers navires sont arrivés dans la matinée, selon la capitainerie du port.\n";
        let out = extract_page(page, "https://journal.example/eco/123");
        assert_eq!(out.title.as_deref(), Some("Le port rouvre après la tempête"));
    }

    #[test]
    fn the_slug_prefers_the_headline_to_a_label_inside_it_es() {
        let page = "Inicio\n\nTrabajo remoto\n\n14 consejos para trabajar desde casa con éxito\n\nLa Junta de Castilla y León aprobó este jueves una guía con consejos para quienes trabajan desde casa.\n\nLa guía recoge recomendaciones sobre horarios, descansos y espacios de trabajo.\n";
        let out = extract_page(page, "https://diario.example/blog/consejos-trabajo-remoto-desde-casa");
        assert_eq!(out.title.as_deref(), Some("14 consejos para trabajar desde casa con éxito"));
    }

    #[test]
    fn an_updated_date_gives_way_to_the_publication_date() {
        let pages = [
            ("Updated on June 9, 2025", "June 3, 2025", "en"),
            ("Mis à jour le 9 juin 2025", "3 juin 2025", "fr"),
            ("Aktualisiert am 09.06.2025", "03.06.2025", "de"),
            ("Actualizado el 9 de junio de 2025", "3 de junio de 2025", "es"),
        ];
        for (updated, published, lang) in pages {
            let page = format!(
                "Council votes to fund the new bridge\n\nBy Jane Roe\n\n{updated}\n\n{published}\n\n{PROSE_EN}"
            );
            let out = extract_page(&page, "https://example.org/a/1");
            assert_eq!(kinds_of(&out, BlockKind::Byline), vec![format!("By Jane Roe · {published}")], "{lang}");
            // Alone, it still dates the page.
            let page = format!("Council votes to fund the new bridge\n\nBy Jane Roe\n\n{updated}\n\n{PROSE_EN}");
            let out = extract_page(&page, "https://example.org/a/1");
            assert_eq!(kinds_of(&out, BlockKind::Byline), vec![format!("By Jane Roe · {updated}")], "{lang}");
        }
    }

    #[test]
    fn a_headline_over_a_byline_label_beats_a_label_above_it() {
        let page = format!("Home\n\nRemote Work\n\nFourteen tips for working from home\n\nWritten by\n\nChristian Eilers\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/a/1");
        assert_eq!(out.title.as_deref(), Some("Fourteen tips for working from home"));
    }
}
