//! Named entities (PERSON, ORG, LOC) found offline by rules over capitalised
//! spans, with gazetteers for places and organizations.
//!
//! A span is a run of capitalised words, joined across particles ("Corée du
//! Nord", "Junta de Castilla y León") and "&" ("Halvorsen & Reed"). Leading
//! function words and titles are stripped ("Le", "Mayor", "GDL-Chef"); the
//! title marks a person. Then, first rule wins: place gazetteer → LOC; org
//! list (`lexicon.tsv`, registry-built `orgs.tsv`), a company legal form
//! ending the name ("Equinor ASA", "Brembo S.p.A."), organization word
//! ("Bank", "Junta", "GmbH"), "&", acronym, or an
//! organization noun before it ("le journal Rodong Sinmun") → ORG; title →
//! PERSON; place word or place preposition → LOC; two to four name words →
//! PERSON. A lone unknown word is kept only as a surname of a person named
//! in full elsewhere in the text ("Poutine" → "Vladimir Poutine").
//! Pure; byte offsets here, characters in the event.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use super::tagger;
use crate::model::EntityType;
use crate::pipeline::clean::authors::is_given_name;
use crate::pipeline::text::dateline;
use crate::pipeline::text::letters::is_alnum;
use crate::pipeline::text::lexicon::{
    lowercase, lowercase_in, run_end, Lexicon, WordSet, ASCII_ALNUM, ASCII_OTHER, LOWER_BUF,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundEntity {
    pub name: String,
    pub kind: EntityType,
    /// Byte ranges into the text, in order.
    pub mentions: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    sentence_initial: bool,
    /// Starts with an upper-case letter (read for most tokens, several times).
    cap: bool,
}

const ELISIONS: &[&str] = &["l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu"];
const PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "del", "della", "y", "e", "van", "von", "der", "den", "di", "da", "of", "al", "el", "dos",
    "das", "zu", "and", "et", "und",
];
/// German articles join nouns, not name parts: every German noun is capitalised.
const GERMAN_ARTICLES: &[&str] = &["der", "den", "des", "das", "dem"];
const DEFINITE_ARTICLES: &[&str] =
    &["the", "le", "la", "les", "der", "die", "das", "des", "dem", "den", "el", "los", "las"];
const CONJUNCTIONS: &[&str] = &["y", "e", "and", "et", "und"];
/// English function words no French, Spanish or German name holds.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "my", "your", "our", "their", "its", "is", "are", "was", "were", "be", "we", "you", "they", "it",
    "me", "to", "with", "from", "for", "no", "not", "all", "this", "that", "what", "who", "would", "at", "on",
];
/// Words making a name a place in French and Spanish text, where English and other
/// languages' place names are foreign ("Gotham City", "Massey Hall", "Pulau Ubin",
/// "Oblast de Louhansk"); in English "City" and "Hall" also name clubs and people.
const ROMANCE_PLACE_WORDS: &[&str] = &[
    "City", "Village", "Hall", "Palace", "Theatre", "Theater", "Museum", "Circle", "Lagoon", "Towers", "Inlet",
    "Harbour", "Harbor", "Alley", "Abbaye", "Oblast", "Voblast", "Chutes", "Cap", "Piz", "Pulau", "Glen",
];
const OPENERS: &[char] = &['"', '«', '“', '„', '‘', '(', ':', '—', '–'];
// The longer word lists (institutions' heads, adjective endings, French place nouns,
// German kinds of organization, nationality endings, events) are in `data/lexicon.tsv`.

fn tokenize(text: &str, sentences: &[(usize, usize)]) -> Vec<Tok> {
    // Room for a token every four bytes: prose runs one every six or so, and
    // growing the vector copies it (a page of short words ran out at six).
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 4);
    let bytes = text.as_bytes();
    // The character at byte `i` and its length; ASCII without decoding.
    let char_at = |i: usize| -> Option<(char, usize)> {
        match *bytes.get(i)? {
            b if b < 0x80 => Some((char::from(b), 1)),
            _ => text[i..].chars().next().map(|c| (c, c.len_utf8())),
        }
    };
    // The sentence of the last token, for the sentence-initial flag set as each token is pushed.
    let mut s = 0;
    let mut i = 0;
    loop {
        // Spaces and ASCII punctuation between words, without decoding.
        i = run_end(bytes, i, bytes.len(), ASCII_OTHER);
        let Some(&b) = bytes.get(i) else { break };
        let start = i;
        if b < 0x80 {
            // Past the run, an ASCII byte is a letter or a digit.
            i += 1;
        } else {
            let Some((c, len)) = char_at(i) else { break };
            i += len;
            if !is_alnum(c) {
                continue;
            }
        }
        // The word runs on over letters, digits and a hyphen or apostrophe between two of them.
        let mut apostrophe = None;
        loop {
            // ASCII letters and digits, the most of any word, without decoding.
            i = run_end(bytes, i, bytes.len(), ASCII_ALNUM);
            // Any other ASCII byte but a hyphen or an apostrophe ends the word.
            match bytes.get(i) {
                None => break,
                Some(&b) if b < 0x80 && b != b'-' && b != b'\'' => break,
                _ => {}
            }
            let Some((c, len)) = char_at(i) else { break };
            let joiner = matches!(c, '-' | '\'' | '’') && char_at(i + len).is_some_and(|(next, _)| is_alnum(next));
            if !(is_alnum(c) || joiner) {
                break;
            }
            if joiner && c != '-' && apostrophe.is_none() {
                apostrophe = Some((i - start, len));
            }
            i += len;
        }
        let end = i;
        let mut tok = Tok { start, end, sentence_initial: false, cap: false };
        if let Some((pos, apostrophe)) = apostrophe {
            let word = &text[start..end];
            let (pre, post) = (&word[..pos], &word[pos + apostrophe..]);
            // The elisions are ASCII: only ASCII letters lower-case to them (the Kelvin sign's "k" is none).
            if ELISIONS.iter().any(|e| pre.eq_ignore_ascii_case(e)) && !post.is_empty() {
                tok.start += pos + apostrophe;
            } else if post == "s" {
                tok.end = start + pos;
            }
        }
        tok.cap = match bytes[tok.start] {
            b if b < 0x80 => b.is_ascii_uppercase(),
            _ => text[tok.start..].starts_with(char::is_uppercase),
        };
        while s < sentences.len() && sentences[s].1 <= tok.start {
            s += 1;
        }
        tok.sentence_initial = match toks.last() {
            None => true,
            Some(prev) => {
                let first_in_sentence =
                    s < sentences.len() && prev.end <= sentences[s].0 && tok.start >= sentences[s].0;
                // A single space opens nothing; anything else is read only then.
                let single_space = tok.start == prev.end + 1 && bytes[prev.end] == b' ';
                first_in_sentence || (!single_space && opens(text, prev.end, tok.start))
            }
        };
        toks.push(tok);
    }
    toks
}

/// `text[a..b].trim_end().ends_with(OPENERS)`: the gap read back over its
/// ASCII bytes (whitespace, then an opener or not) without decoding.
fn opens(text: &str, a: usize, b: usize) -> bool {
    for &c in text.as_bytes()[a..b].iter().rev() {
        match c {
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => {}
            b'"' | b'(' | b':' => return true,
            0..=0x7f => return false,
            _ => return text[a..b].trim_end().ends_with(OPENERS),
        }
    }
    false
}

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    /// Per token, whether it is a title once asked (`is_title`): 0 not yet, 1 no, 2 yes.
    titles: Vec<std::cell::Cell<u8>>,
    /// Per token, whether it is an acronym once asked (`is_acronym`), likewise.
    acronyms: Vec<std::cell::Cell<u8>>,
    /// The text with its ASCII capitals lowered: an ASCII token's lower case
    /// at the token's own offsets (`lower`).
    ascii_lower: String,
    lexicon: &'a Lexicon,
    stopwords: &'a WordSet,
    lang: Option<&'a str>,
    german: bool,
    french: bool,
    /// French or Spanish: institutions' names go on in lower-case adjectives.
    romance: bool,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, sentences: &[(usize, usize)], lang: Option<&'a str>) -> Self {
        let lexicon = Lexicon::get();
        let toks = tokenize(text, sentences);
        Ctx {
            text,
            titles: vec![std::cell::Cell::new(0); toks.len()],
            acronyms: vec![std::cell::Cell::new(0); toks.len()],
            ascii_lower: text.to_ascii_lowercase(),
            toks,
            lexicon,
            stopwords: lexicon.stopwords_for(lang),
            lang,
            german: lang == Some("de"),
            french: lang == Some("fr"),
            romance: matches!(lang, Some("fr" | "es")),
        }
    }

    /// Whether the text also writes `word` as a token starting in lower case
    /// (then it is capitalised only by position). A page asks about a few
    /// words: each found in the text and checked to be a whole token costs
    /// less than a set of every token's word.
    fn writes_in_lower_case(&self, word: &str) -> bool {
        if !word.starts_with(char::is_lowercase) {
            return false;
        }
        let finder = memchr::memmem::Finder::new(word.as_bytes());
        let bytes = self.text.as_bytes();
        let mut from = 0;
        // Every occurrence, overlapping ones too: a token may start inside another match.
        while let Some(p) = finder.find(&bytes[from..]) {
            let at = from + p;
            // Tokens in text order: the one starting at `at`, if any, by binary search.
            let k = self.toks.partition_point(|t| t.start < at);
            if self.toks.get(k).is_some_and(|t| t.start == at && t.end == at + word.len()) {
                return true;
            }
            from = at + 1;
        }
        false
    }
    fn word(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }
    /// Token `i` lower-cased (`lowercase` of its word): an ASCII word is read
    /// from the text lowered once per page, not copied and lowered per question.
    fn lower(&self, i: usize) -> Cow<'_, str> {
        let (a, b) = (self.toks[i].start, self.toks[i].end);
        let word = &self.text[a..b];
        if word.is_ascii() {
            Cow::Borrowed(&self.ascii_lower[a..b])
        } else {
            lowercase(word)
        }
    }
    fn gap(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].end..self.toks[i + 1].start]
    }
    fn is_cap(&self, i: usize) -> bool {
        self.toks[i].cap
    }
    /// Two to eight characters, all capitals or digits, two or more capitals
    /// ("EU", "G7", "NATO"); answered once per token (asked for a span's
    /// words by several rules).
    fn is_acronym(&self, i: usize) -> bool {
        match self.acronyms[i].get() {
            0 => {
                let acronym = acronym(self.word(i));
                self.acronyms[i].set(1 + u8::from(acronym));
                acronym
            }
            known => known == 2,
        }
    }
    fn is_particle(&self, i: usize) -> bool {
        let w = self.word(i);
        PARTICLES.contains(&w) && !(self.german && GERMAN_ARTICLES.contains(&w))
    }
    /// "Mayor", "M", "GDL-Chef", "Bundesverkehrsminister" (a compound ending in a title).
    fn is_title(&self, i: usize) -> bool {
        match self.titles[i].get() {
            0 => self.is_title_of(i, &self.lower(i)),
            known => known == 2,
        }
    }
    /// `is_title` of token `i`, lower-cased as `w`: answered once per token
    /// (`classify` asks about a span's words and the word before it again).
    fn is_title_of(&self, i: usize, w: &str) -> bool {
        match self.titles[i].get() {
            0 => {
                let title = self.is_title_lower(w);
                self.titles[i].set(1 + u8::from(title));
                title
            }
            known => known == 2,
        }
    }
    /// `is_title` of a token already lower-cased.
    fn is_title_lower(&self, w: &str) -> bool {
        let lx = self.lexicon;
        lx.has_title(w)
            || after_last(w, b'-').is_some_and(|t| lx.has_title(t))
            || (self.german && ends_in_title(w, &lx.titles))
    }
}

/// `Ctx::is_acronym` of a word.
fn acronym(word: &str) -> bool {
    let (mut upper, mut count) = (0, 0);
    for c in word.chars() {
        count += 1;
        if count > 8 {
            return false;
        }
        if c.is_uppercase() {
            upper += 1;
        } else if !c.is_ascii_digit() {
            return false;
        }
    }
    upper >= 2
}

/// "al-Baghdadi", "el-Tayeb", "ul-Haq", "os-Soltan": an Arabic or Persian
/// article written in lower case onto a capitalised name, inside a person's name.
fn arabic_article(w: &str) -> bool {
    // Most words: no hyphen after two or three letters, nothing to split.
    let b = w.as_bytes();
    if b.get(2) != Some(&b'-') && b.get(3) != Some(&b'-') {
        return false;
    }
    w.split_once('-').is_some_and(|(article, rest)| {
        matches!(
            article,
            "al" | "el"
                | "ul"
                | "os"
                | "as"
                | "ash"
                | "ad"
                | "ed"
                | "ud"
                | "ur"
                | "ar"
                | "an"
                | "az"
                | "at"
                | "es"
                | "er"
        ) && rest.starts_with(char::is_uppercase)
    })
}

/// Spaces between two words of one name: never a line or paragraph break
/// ("Kyle Busch\n\nClassificação" is a name and the next paragraph's first word).
fn blank(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(|c| c.is_whitespace() && c != '\n')
}

/// Entities of `text`, in order of first mention: from the learned tagger
/// where a model ships for the language, else from the rules below.
pub fn find_entities(text: &str, sentences: &[(usize, usize)], lang: Option<&str>) -> Vec<FoundEntity> {
    let mut found = tagged_or_ruled(text, sentences, lang);
    teams_by_scores(text, &mut found);
    teams_in_tables(text, &mut found);
    named_by_acronym(text, &mut found);
    countries_are_places(&mut found);
    if lang == Some("es") {
        clubs_by_article(text, &mut found);
    }
    // German capitalises every noun: a capitalised word before parentheses is no sign of a name.
    if lang != Some("de") {
        players_in_lineups(text, &mut found);
    }
    clubs_in_parentheses(text, &mut found, lang != Some("en"));
    found
}

/// "Puyol (Barcelona)", "Joseph Gil (Caguas)": a town or an unknown single
/// name in parentheses right after a person is the person's club or party.
/// Countries stay places (a national side is written as its country), and
/// so do towns in English, whose agency results put a player's home there
/// ("Ato Boldon (Trinidad)").
fn clubs_in_parentheses(text: &str, found: &mut Vec<FoundEntity>, towns: bool) {
    let lx = Lexicon::get();
    let mut after_person: Vec<(usize, usize)> = Vec::new();
    for e in found.iter().filter(|e| e.kind == EntityType::Person) {
        for &(_, b) in &e.mentions {
            let Some(inner) = text[b..].strip_prefix(" (") else { continue };
            let Some(close) = inner.find(')') else { continue };
            let name = &inner[..close];
            if !name.is_empty() && name.len() <= 40 && name.split(' ').all(|w| w.starts_with(char::is_uppercase)) {
                after_person.push((b + 2, b + 2 + close));
            }
        }
    }
    if after_person.is_empty() {
        return;
    }
    for e in found.iter_mut().filter(|_| towns) {
        if e.kind == EntityType::Loc
            && lx.places.get(&e.name).is_some_and(|k| k.starts_with("city"))
            && e.mentions.iter().any(|m| after_person.contains(m))
        {
            e.kind = EntityType::Org;
        }
    }
    for (a, b) in after_person {
        let name = &text[a..b];
        let unknown = !found.iter().any(|e| e.mentions.iter().any(|&(s, t)| s < b && a < t));
        let word = name.chars().count() >= 3
            && name.chars().all(|c| c.is_alphabetic() || c == '-')
            && name.chars().skip(1).any(char::is_lowercase)
            && !lx.places.contains_key(name)
            && !never_entity(name)
            && !lx.is_month(name)
            && !lx.stopwords_any.contains(&name.to_lowercase());
        if unknown && word {
            match found.iter_mut().find(|e| e.name == name && e.kind == EntityType::Org) {
                Some(e) => {
                    e.mentions.push((a, b));
                    e.mentions.sort_unstable();
                }
                None => {
                    found.push(FoundEntity { name: name.to_string(), kind: EntityType::Org, mentions: vec![(a, b)] })
                }
            }
        }
    }
    found.sort_by_key(|e| e.mentions[0].0);
}

/// `text.split('\n')`, each break found by the SIMD `memchr` (the standard
/// library's char search costs more per paragraph; every line is read).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut from = Some(0);
    std::iter::from_fn(move || {
        let start = from?;
        match memchr::memchr(b'\n', &text.as_bytes()[start..]) {
            Some(p) => {
                from = Some(start + p + 1);
                Some(&text[start..start + p])
            }
            None => {
                from = None;
                Some(&text[start..])
            }
        }
    })
}

/// `text.split_inclusive('\n')`, the same way as `lines`.
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from;
        let rest = text.get(start..).filter(|r| !r.is_empty())?;
        from = memchr::memchr(b'\n', rest.as_bytes()).map_or(text.len(), |p| start + p + 1);
        Some(&text[start..from])
    })
}

/// Where " (" stands in `s`, in order: `s.match_indices(" (")`, found by a
/// SIMD search for the bracket (a space and a bracket cannot overlap, so
/// every such pair is a match) rather than a string search over the page.
fn space_brackets(s: &str) -> impl Iterator<Item = usize> + '_ {
    let b = s.as_bytes();
    memchr::memchr_iter(b'(', b).filter(move |&p| p > 0 && b[p - 1] == b' ').map(|p| p - 1)
}

/// "Marcos (Mérida), Alex y Pepín (Badajoz)": a line naming two or more lone
/// names each followed by a capitalised name in parentheses lists players
/// (or members) and their clubs (or parties): the lone names are persons.
/// One such pair is more often a town and its province ("Guadalupe (Cáceres)").
fn players_in_lineups(text: &str, found: &mut Vec<FoundEntity>) {
    let lx = Lexicon::get();
    let lone = |w: &str| {
        w.chars().count() >= 3
            && w.starts_with(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase)
            && !lx.places.contains_key(w)
            && !lx.stopwords_any.contains(&w.to_lowercase())
            && !never_entity(w)
    };
    let mut pos = 0;
    for line in lines_inclusive(text) {
        let base = pos;
        pos += line.len();
        // memchr for the bracket rather than a substring search per line.
        if space_brackets(line).next().is_none() {
            continue;
        }
        let mut players: Vec<(usize, usize)> = Vec::new();
        for open in space_brackets(line) {
            let inner = &line[open + 2..];
            let Some(close) = inner.find(')') else { continue };
            let club = &inner[..close];
            let capitalised = !club.is_empty()
                && club.split(' ').all(|w| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase));
            if !capitalised || lx.places.get(club).is_some_and(|k| k.starts_with("country")) {
                continue;
            }
            let head = &line[..open];
            let word = head.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            if !lone(word) || head[..head.len() - word.len()].ends_with(|c: char| c.is_alphabetic()) {
                continue;
            }
            players.push((base + open - word.len(), base + open));
            // "Alex y Pepín (Badajoz)": the name joined before it plays there too.
            let rest = &head[..head.len() - word.len()];
            if let Some(before) = rest.strip_suffix(" y ").or_else(|| rest.strip_suffix(" e ")) {
                let other = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                if lone(other) && !before[..before.len() - other.len()].ends_with(|c: char| c.is_alphabetic()) {
                    let a = base + before.len() - other.len();
                    players.push((a, a + other.len()));
                }
            }
        }
        if players.len() < 2 {
            continue;
        }
        for (a, b) in players {
            if found.iter().any(|e| e.mentions.iter().any(|&(s, t)| s < b && a < t)) {
                continue;
            }
            let name = &text[a..b];
            match found.iter_mut().find(|e| e.name == name && e.kind == EntityType::Person) {
                Some(e) => e.mentions.push((a, b)),
                None => {
                    found.push(FoundEntity { name: name.to_string(), kind: EntityType::Person, mentions: vec![(a, b)] })
                }
            }
        }
    }
    for e in found.iter_mut() {
        e.mentions.sort_unstable();
    }
    found.sort_by_key(|e| e.mentions[0].0);
}

/// Spanish names a town without an article, its club with the masculine one
/// ("el Barcelona ganó", "del Mérida", "al Parma"): a listed town (not a
/// country: "el Perú", "el Líbano") after "el", "al" or "del" is a club.
fn clubs_by_article(text: &str, found: &mut [FoundEntity]) {
    let lx = Lexicon::get();
    let after_article = |start: usize| {
        let before = text[..start].strip_suffix(' ').unwrap_or("");
        let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        matches!(word, "el" | "El" | "al" | "Al" | "del" | "Del")
    };
    for e in found.iter_mut() {
        if e.kind == EntityType::Loc
            && lx.places.get(&e.name).is_some_and(|k| k.starts_with("city"))
            && e.mentions.iter().any(|&(a, _)| after_article(a))
        {
            e.kind = EntityType::Org;
        }
    }
}

/// A place named in a results line ("Somerset 83 and 174, Leicestershire 296",
/// "Milwaukee 8 Minnesota 3") is the team of that place: an organization.
/// Countries stay places (national sides are written as their country).
fn teams_by_scores(text: &str, found: &mut [FoundEntity]) {
    let lx = Lexicon::get();
    // A name followed by a score: a number, maybe "429-7", then a break.
    let scored = |end: usize| -> bool {
        let rest = &text[end..];
        let Some(digits) = rest.strip_prefix(' ') else { return false };
        let n = digits.find(|c: char| !(c.is_ascii_digit() || c == '-')).unwrap_or(digits.len());
        n > 0
            && digits.starts_with(|c: char| c.is_ascii_digit())
            && digits[n..].chars().next().is_none_or(|c| matches!(c, ',' | ';' | '.' | ')' | ' ' | '\n'))
    };
    let line_of = |pos: usize| {
        let a = text[..pos].rfind('\n').map_or(0, |p| p + 1);
        let b = text[pos..].find('\n').map_or(text.len(), |p| pos + p);
        (a, b)
    };
    // Lines with two or more scored names (of any type): results, not prose.
    let mut scored_lines: Vec<(usize, usize)> = Vec::new();
    for e in found.iter() {
        for &(_, b) in &e.mentions {
            if scored(b) {
                scored_lines.push(line_of(b));
            }
        }
    }
    scored_lines.sort_unstable();
    let results: Vec<(usize, usize)> = scored_lines.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect();
    if results.is_empty() {
        return;
    }
    for e in found.iter_mut() {
        let country = lx.places.get(&e.name).is_some_and(|k| k.starts_with("country"));
        if e.kind == EntityType::Loc
            && !country
            && e.mentions.iter().any(|&(_, b)| scored(b) && results.binary_search(&line_of(b)).is_ok())
        {
            e.kind = EntityType::Org;
        }
    }
}

/// A standings table ("NEW YORK 74 59 .556 -", "Red Star 12 9 2 1 25 8 29"):
/// three or more lines that are a name and two or more figures. The names are
/// teams, organizations, whatever the tagger made of them; the same name in
/// prose keeps its own type. Countries stay places (national sides are written
/// as their country), and a word the text also writes in lower case ("Sales",
/// "Total") is no name.
fn teams_in_tables(text: &str, found: &mut Vec<FoundEntity>) {
    let lx = Lexicon::get();
    let figure = |w: &str| {
        w == "-"
            || (w.trim_start_matches('.').starts_with(|c: char| c.is_ascii_digit())
                && w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-')))
    };
    let mut names: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for line in lines_inclusive(text) {
        let base = pos;
        pos += line.len();
        let row = line.trim_end();
        if !row.ends_with(|c: char| c.is_ascii_digit() || c == '-') {
            continue;
        }
        let (mut name, mut figures) = (row, 0);
        while let Some((head, last)) = name.rsplit_once(' ') {
            if !figure(last) {
                break;
            }
            name = head;
            figures += 1;
        }
        let capitalised = |w: &str| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-' | '&'))
        };
        if figures < 2 || name.split(' ').count() > 4 || !name.split(' ').all(capitalised) {
            continue;
        }
        names.push((base, base + name.len()));
    }
    if names.len() < 3 {
        return;
    }
    for (a, b) in names {
        let name = &text[a..b];
        let lower = name.to_lowercase();
        let common = !name.contains(' ') && {
            let bytes = text.as_bytes();
            text.match_indices(lower.as_str()).any(|(i, _)| {
                let j = i + lower.len();
                (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
                    && (j == text.len() || !bytes[j].is_ascii_alphanumeric())
            })
        };
        if country_any_case(name) || common || never_entity(name) || lx.stopwords_any.contains(&lower) {
            continue;
        }
        for e in found.iter_mut() {
            e.mentions.retain(|&(s, t)| !(s < b && a < t));
        }
        found.retain(|e| !e.mentions.is_empty());
        match found.iter_mut().find(|e| e.name == name && e.kind == EntityType::Org) {
            Some(e) => {
                e.mentions.push((a, b));
                e.mentions.sort_unstable();
            }
            None => found.push(FoundEntity { name: name.to_string(), kind: EntityType::Org, mentions: vec![(a, b)] }),
        }
    }
    found.sort_by_key(|e| e.mentions[0].0);
}

/// "Organisation for Security and Cooperation in Europe (OSCE)", "Jurado
/// Nacional de Elecciones (JNE)": a name followed by its acronym in brackets
/// names an organization (a place when the name is a listed one), whatever the
/// tagger made of its parts. The acronym's letters are the initials of the
/// name's words, read from the bracket back; function words may be skipped,
/// lower-case content words count ("Tribunal arbitral du sport (TAS)").
fn named_by_acronym(text: &str, found: &mut Vec<FoundEntity>) {
    let lx = Lexicon::get();
    let mut named: Vec<(usize, usize, usize, usize, EntityType)> = Vec::new();
    for open in space_brackets(text) {
        let inner = &text[open + 2..];
        let Some(close) = inner.find(')') else { continue };
        let acronym = &inner[..close];
        let n = acronym.chars().count();
        if !(2..=6).contains(&n) || !acronym.chars().all(char::is_uppercase) || never_entity(acronym) {
            continue;
        }
        let mut letters: Vec<char> = acronym.chars().flat_map(char::to_lowercase).collect();
        let mut start = None;
        let mut end_of_word = open;
        for word in text[..open].rsplit(' ').take(16) {
            let Some(first) = word.chars().next() else { break };
            let at = end_of_word - word.len();
            end_of_word = at.saturating_sub(1);
            if !word.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’')) {
                break;
            }
            let lower = word.to_lowercase();
            let stop = lx.stopwords_any.contains(&lower);
            let first_lower = first.to_lowercase().next().unwrap_or(first);
            if letters.last() == Some(&first_lower) && (first.is_uppercase() || !stop) {
                letters.pop();
                start = Some(at);
                if letters.is_empty() {
                    break;
                }
            } else if !stop {
                break;
            }
        }
        let Some(a) = start.filter(|_| letters.is_empty()) else { continue };
        if !text[a..].starts_with(char::is_uppercase) {
            continue;
        }
        let kind = if lx.places.contains_key(&text[a..open]) { EntityType::Loc } else { EntityType::Org };
        named.push((a, open, open + 2, open + 2 + close, kind));
    }
    for (a, b, c, d, kind) in named {
        for (s, t) in [(a, b), (c, d)] {
            let name = &text[s..t];
            let mut mentions = vec![(s, t)];
            for e in found.iter_mut() {
                e.mentions.retain(|&(x, y)| !(x < t && s < y));
                if e.name == name {
                    mentions.append(&mut e.mentions);
                }
            }
            found.retain(|e| !e.mentions.is_empty());
            mentions.sort_unstable();
            found.push(FoundEntity { name: name.to_string(), kind, mentions });
        }
    }
    found.sort_by_key(|e| e.mentions[0].0);
}

fn tagged_or_ruled(text: &str, sentences: &[(usize, usize)], lang: Option<&str>) -> Vec<FoundEntity> {
    let mut by_rules = find_entities_by_rules(text, sentences, lang);
    let datelines = dateline_places(text);
    let additions = tagger::additions_for(lang);
    if tagger::model_for(lang).is_none() || additions.is_some() {
        // The rules' spans before the datelines join them: the tagger was trained on those.
        let rules = if additions.is_some() { rule_spans(&by_rules) } else { Vec::new() };
        for &(a, b, kind) in &datelines {
            add_mention(&mut by_rules, text, (a, b), kind);
            // The dateline's place ("Sao Paulo (Brasil), 23 may") is that place wherever the text names it.
            if kind == EntityType::Loc {
                if let Some(e) = by_rules.iter_mut().find(|e| e.name == text[a..b]) {
                    e.kind = EntityType::Loc;
                }
            }
        }
        if let (Some(kinds), Some(spans)) = (additions, tagger::tag(text, sentences, lang, &rules)) {
            fallback_persons_by_tagger(text, &spans, &mut by_rules, lang == Some("fr"));
            add_lone_names(text, &spans, kinds, &mut by_rules);
        }
        return by_rules;
    }
    let rules = rule_spans(&by_rules);
    match tagger::tag(text, sentences, lang, &rules) {
        Some(mut spans) => {
            // The German corpus names few organizations; the org gazetteer,
            // legal forms and org words know more: their ORGs the tagger left
            // untouched stay.
            let keep_rule_orgs = lang == Some("de");
            let lx = Lexicon::get();
            for &(a, b, kind) in &rules {
                crate::pipeline::budget::check();
                // A name after a title is a person even where the tagger saw none
                // ("Bundesverkehrsminister Volker Wissing").
                if kind == EntityType::Person && !spans.iter().any(|&(s, e, _)| s < b && a < e) {
                    let before = text[..a].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
                    if is_title_word(before.trim_end_matches('.'), lx) || roles().contains(before.trim_end_matches('.'))
                    {
                        spans.push((a, b, kind));
                    }
                }
                if kind != EntityType::Org {
                    continue;
                }
                // A listed name or a legal form outweighs the tagger ("ETH Zürich", "Hafenfreunde Kiel e.V."),
                // and so does a German kind of organization before the name ("Herstellern Siemens").
                let kind_before = keep_rule_orgs
                    && text[..a].trim_end().rsplit(char::is_whitespace).next().is_some_and(org_kind_noun);
                if known_org(text, a, b) || kind_before {
                    spans.retain(|&(s, e, _)| !(s < b && a < e));
                    spans.push((a, b, kind));
                } else if keep_rule_orgs && !spans.iter().any(|&(s, e, _)| s < b && a < e) {
                    spans.push((a, b, kind));
                }
            }
            // "Heidi Klum (37)": the tagger keeps only the given name of a name the
            // rules read in full (a given name, then surnames): the full name wins.
            // Spans sorted by start: the ones near a rule by binary search, not a scan per rule.
            spans.sort_unstable_by_key(|s| s.0);
            let mut widen: Vec<(usize, usize)> = Vec::new();
            for &(a, b, kind) in &rules {
                if kind != EntityType::Person || !text[a..b].contains(' ') {
                    continue;
                }
                let k = spans.partition_point(|s| s.0 < a);
                let before = k > 0 && spans[k - 1].1 > a;
                let near = &spans[k..spans.partition_point(|s| s.0 < b)];
                let shorter = matches!(near, [(s, e, EntityType::Person)] if *e <= b && (*s, *e) != (a, b));
                if !before && shorter && text[a..b].split(' ').next().is_some_and(given) {
                    widen.push((a, b));
                }
            }
            for (a, b) in widen {
                spans.retain(|&(s, e, _)| !(s < b && a < e));
                spans.push((a, b, EntityType::Person));
            }
            // "M. Butcher", "J.R. Ratcliffe": initials before a name make a person.
            for span in spans.iter_mut() {
                if initials_and_name(&text[span.0..span.1]) && !known_org(text, span.0, span.1) {
                    span.2 = EntityType::Person;
                }
            }
            if lang == Some("de") {
                let mut replaced = Vec::new();
                let toks = tokenize(text, sentences);
                let genitives = german_genitive_places(text, &toks, &spans, &mut replaced);
                replaced.sort_unstable();
                replaced.dedup();
                for k in replaced.into_iter().rev() {
                    spans.swap_remove(k);
                }
                spans.extend(genitives);
                // "sagte der Agentur dpa", "dpa-AFX": agencies that write their names in lower case;
                // "die Grünen", "der Union", "mit der Linken": parties named by a noun after an article.
                for (i, t) in toks.iter().enumerate() {
                    let word = &text[t.start..t.end];
                    let agency = dateline::LOWER_CASE_AGENCIES.contains(&word.split('-').next().unwrap_or(word));
                    let party = matches!(word, "Grünen" | "Union" | "Linke" | "Linken")
                        && i > 0
                        && matches!(
                            &text[toks[i - 1].start..toks[i - 1].end],
                            "die" | "der" | "den" | "Die" | "Der" | "Den"
                        );
                    if (agency || party) && !spans.iter().any(|s| s.0 < t.end && t.start < s.1) {
                        spans.push((t.start, t.end, EntityType::Org));
                    }
                }
            }
            spans.retain(|&(s, e, _)| !datelines.iter().any(|&(a, b, _)| s < b && a < e));
            spans.extend(datelines.iter().copied());
            spans.sort_by_key(|s| s.0);
            from_tagger(text, spans)
        }
        None => by_rules,
    }
}

/// The tagger's lone names the rules left (French and Spanish, whose model is
/// trained mostly on other languages): a one-word span of an allowed kind that
/// no rule mention overlaps, stands apart from other capitalised words (a part
/// of a name the rules typed or dropped on purpose, as an event, stays out),
/// does not open a sentence and is not written in capitals. After a French
/// noun and "de" the noun gives the kind (`noun_before_de`).
fn add_lone_names(
    text: &str,
    spans: &[(usize, usize, EntityType)],
    kinds: &[EntityType],
    found: &mut Vec<FoundEntity>,
) {
    let mut added = false;
    let first_new = found.len();
    for &(a, b, kind) in spans {
        let name = &text[a..b];
        if !kinds.contains(&kind)
            || name.contains(' ')
            || name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
            || opens_sentence(text, a)
            || beside_capitalised(text, a, b)
            || never_entity(name)
            || found.iter().any(|e| e.mentions.iter().any(|m| m.0 < b && a < m.1))
        {
            continue;
        }
        // "le fils de Chilpéric", "les habitants de Sanikiluaq": the noun before "de" says which.
        let kind = noun_before_de(text, a).filter(|k| kinds.contains(k)).unwrap_or(kind);
        add_mention(found, text, (a, b), kind);
        added = true;
    }
    if added {
        places_in_lists(text, found, first_new);
        found.sort_by_key(|e| e.mentions[0].0);
    }
}

/// "les quartiers de Hamdallaye, Bambéto, Kosa": in a list of three names or
/// more joined by commas or "et", one lone name the tagger reads as a place
/// makes its lone persons there places too: it reads unknown foreign words as
/// persons, seldom a person as a place. Only the lone names added (from
/// `first_new` on) vote and change; a rule's place beside persons ("Racine,
/// Shakespeare, Schiller") does not.
fn places_in_lists(text: &str, found: &mut [FoundEntity], first_new: usize) {
    let mut ms: Vec<(usize, usize, usize)> =
        found.iter().enumerate().flat_map(|(k, e)| e.mentions.iter().map(move |&(a, b)| (a, b, k))).collect();
    ms.sort_unstable();
    let mut start = 0;
    for i in 1..=ms.len() {
        if i < ms.len() && matches!(text.get(ms[i - 1].1..ms[i].0), Some(", " | " et " | ", et ")) {
            continue;
        }
        let list = &ms[start..i];
        start = i;
        if list.len() >= 3 && list.iter().any(|m| m.2 >= first_new && found[m.2].kind == EntityType::Loc) {
            for m in list {
                if m.2 >= first_new && found[m.2].kind == EntityType::Person {
                    found[m.2].kind = EntityType::Loc;
                }
            }
        }
    }
}

/// The kind of a lone name after a French noun and "de": a person after
/// "fils", "mort", "lecture", "élève" ("le fils de Chilpéric", "la lecture de
/// Marx"), a place after "habitants", "colons", "port" or an administrative
/// kind of place ("les habitants de Sanikiluaq", "le vieux port d'Alexandrie").
fn noun_before_de(text: &str, a: usize) -> Option<EntityType> {
    let before = &text[..a];
    let rest = ["de ", "du ", "des ", "d'", "d’", "d' ", "d’ "].iter().find_map(|de| before.strip_suffix(de))?;
    let rest = rest.strip_suffix(' ')?;
    let piece = rest.rsplit(' ').next().unwrap_or(rest);
    // "l'armée de", "L’élève de": the elided article is no part of the noun.
    let noun = piece.rsplit(['\'', '’']).next().unwrap_or(piece).to_lowercase();
    let lx = Lexicon::get();
    if lx.person_of_fr.contains(noun.as_str()) {
        Some(EntityType::Person)
    } else if lx.place_of_fr.contains(noun.as_str()) || lx.place_kinds_fr.contains(noun.as_str()) {
        Some(EntityType::Loc)
    } else {
        None
    }
}

/// "il succède à Jono Gibbes", "une pénalité infligée à Daniil Kvyat", "une lettre
/// à Tacite": a French verb or noun whose "à" gives to a person, not a place.
fn dative_before(text: &str, a: usize) -> bool {
    let Some(rest) = text[..a].strip_suffix("à ").and_then(|r| r.strip_suffix(' ')) else { return false };
    let piece = rest.rsplit(' ').next().unwrap_or(rest);
    let word = piece.rsplit(['\'', '’']).next().unwrap_or(piece);
    Lexicon::get().dative_fr.contains(word)
}

/// "le poète Venance Fortunat", "l'entraîneur norvégien Bjørnar Håkensmoen",
/// "le frère égyptien dissident Sayyid Qutb": a French noun for what a person
/// is or does, maybe with nationalities after it, right before the name.
fn role_before(text: &str, a: usize) -> bool {
    let lx = Lexicon::get();
    let mut rest = &text[..a];
    for _ in 0..3 {
        let Some(r) = rest.strip_suffix(' ') else { return false };
        let piece = r.rsplit(' ').next().unwrap_or(r);
        let word = piece.rsplit(['\'', '’']).next().unwrap_or(piece);
        if word.is_empty() || !word.chars().all(|c| c.is_lowercase() || c == '-') {
            return false;
        }
        if lx.roles_fr.contains(word) {
            return true;
        }
        if !lx.nationality_endings.iter().any(|e| word.ends_with(e.as_str())) {
            return false;
        }
        rest = &r[..r.len() - piece.len()];
    }
    false
}

/// The rules' fallback persons (two to four capitalised words, no given name
/// first, no title before) in French and Spanish, checked against the
/// cross-lingual tagger: a span it types otherwise, exactly, takes its type
/// ("Inuit Tapiriit Kanatami"); one it sees nothing in is no name: mostly
/// titles of works and games in English ("Rotten Tomatoes", "Game Boy",
/// "Computer Gaming World"). Any person span over a mention keeps it, and so
/// does a title or a French role noun before it ("le poète Venance Fortunat").
fn fallback_persons_by_tagger(
    text: &str,
    spans: &[(usize, usize, EntityType)],
    found: &mut Vec<FoundEntity>,
    french: bool,
) {
    let lx = Lexicon::get();
    let titled = |a: usize| {
        let before = text[..a].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
        is_title_word(before.trim_end_matches('.'), lx)
            || roles().contains(before.trim_end_matches('.'))
            || role_before(text, a)
            || dative_before(text, a)
    };
    let mut k = 0;
    while k < found.len() {
        let e = &found[k];
        let words = e.name.matches(' ').count() + 1;
        let fallback = e.kind == EntityType::Person
            && (2..=4).contains(&words)
            && !before_first(&e.name, b' ').is_some_and(|w| given(w) || is_title_word(w.trim_end_matches('.'), lx))
            && !e.mentions.iter().any(|&(a, _)| titled(a));
        if !fallback {
            k += 1;
            continue;
        }
        let (mut person, mut other, mut seen) = (false, None, false);
        for &(a, b) in &e.mentions {
            // The tagger's spans are sorted and apart: those over a mention by binary search.
            let to = spans.partition_point(|s| s.0 < b);
            let from = spans[..to].partition_point(|s| s.1 <= a);
            for &(s, t, kind) in &spans[from..to] {
                seen = true;
                if kind == EntityType::Person {
                    person = true;
                } else if (s, t) == (a, b) {
                    other = Some(kind);
                }
            }
        }
        match other {
            _ if person => k += 1,
            Some(kind) => {
                found[k].kind = kind;
                k += 1;
            }
            // A foreign person's name (French text only: Spanish names the tagger misses are
            // mostly institutions in Spanish words, not people).
            None if !(seen || (french && foreign_name(text, &found[k].name))) => {
                found.remove(k);
            }
            None => k += 1,
        }
    }
}

/// "Kimi Räikkönen", "Yao Ming": a name whose words are no common English
/// word (the titles of works French text leaves in English: "Rotten
/// Tomatoes", "Game Boy"), no French stopword, and not written in lower case
/// elsewhere in the text ("Vieux Port" beside "le port"): a foreign person.
fn foreign_name(text: &str, name: &str) -> bool {
    let lx = Lexicon::get();
    let stopwords = lx.stopwords_for(Some("fr"));
    let bytes = text.as_bytes();
    let common = |lower: &str| {
        let english = lower.chars().count() >= 3 && crate::pipeline::text::lexicon::is_english_word(lower);
        let written_lower = memchr::memmem::find_iter(bytes, lower.as_bytes()).any(|i| {
            let j = i + lower.len();
            // A whole word: "chek" of "Kaï-chek" is none.
            let apart = |c: Option<char>| c.is_none_or(|c| !is_alnum(c) && c != '-');
            apart(text[..i].chars().next_back()) && apart(text[j..].chars().next())
        });
        english || stopwords.contains(lower) || written_lower
    };
    name.split(' ').filter(|w| !PARTICLES.contains(w)).all(|w| {
        let lower = w.to_lowercase();
        !common(&lower) && !lower.split('-').any(&common)
    })
}

/// Whether the word at `a` opens a sentence, a line, a quotation or a parenthesis.
fn opens_sentence(text: &str, a: usize) -> bool {
    let before = text[..a].trim_end();
    before.is_empty()
        || text[before.len()..a].contains('\n')
        || before.ends_with(['.', '!', '?', ':', '"', '«', '“', '(', '—', '–'])
}

/// Whether `text[a..b]` is glued to a word or has a capitalised word beside it,
/// also across one particle ("Tour de France").
fn beside_capitalised(text: &str, a: usize, b: usize) -> bool {
    let cap = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).starts_with(char::is_uppercase);
    let particle = |w: &str| matches!(w, "de" | "du" | "des" | "la" | "le" | "et" | "d'" | "l'");
    let side = |words: &[&str]| match words {
        [w, ..] if cap(w) && !w.ends_with(['.', ',', ';', ':', '(', ')']) => true,
        [w, v, ..] if particle(w) => cap(v),
        _ => false,
    };
    let before: Vec<&str> = text[..a].split_whitespace().rev().take(2).collect();
    let after: Vec<&str> = text[b..].split_whitespace().take(2).collect();
    let glued = text[..a].ends_with(|c: char| c.is_alphanumeric() || c == '-')
        || text[b..].starts_with(|c: char| c.is_alphanumeric() || c == '-');
    glued || side(&before) || side(&after)
}

/// "Israels", "Chinas", "Baden-Württembergs": German writes a place's genitive
/// with an "s" and no article ("der Einfluss Chinas"), so a capitalised word
/// whose stem is a listed place is that place; the tagger, trained on few
/// genitives, leaves them out. After an article or a determiner the word is a
/// plural noun ("die Tanks"); a given name ("Davids") or a person the text
/// names ("Obamas") stays out.
fn german_genitive_places(
    text: &str,
    toks: &[Tok],
    spans: &[(usize, usize, EntityType)],
    replaced: &mut Vec<usize>,
) -> Vec<(usize, usize, EntityType)> {
    const DETERMINERS: &[&str] = &[
        "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen", "kein", "keine",
        "keiner", "keines", "dieses", "dieser", "seines", "ihres", "zwei", "drei", "vier", "viele",
    ];
    let lx = Lexicon::get();
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let (start, end) = (t.start, t.end);
        let word = &text[start..end];
        let before = if i > 0 { &text[toks[i - 1].start..toks[i - 1].end] } else { "" };
        let Some(stem) = word.strip_suffix('s') else { continue };
        if stem.chars().count() < 3 || !word.starts_with(char::is_uppercase) || !lx.places.contains_key(stem) {
            continue;
        }
        // "Israel", "China" are given names too, but their genitive names the country.
        let nation = country(stem);
        let person = |s: &(usize, usize, EntityType)| s.2 == EntityType::Person && text[s.0..s.1].ends_with(stem);
        if DETERMINERS.contains(&before.to_lowercase().as_str()) || (given(stem) && !nation) || spans.iter().any(person)
        {
            continue;
        }
        // A span the tagger made of it, or of a noun and it ("Küste Somalias",
        // "Bruderstaat Nordkoreas" read as persons), gives way when it names a country.
        let noun = |w: &str| w.chars().skip(1).all(char::is_lowercase) && !given(w);
        let covering = spans.iter().position(|s| s.0 < end && start < s.1);
        if let Some(k) = covering {
            let (a, b, kind) = spans[k];
            let nouns_before = text[a..start].split_whitespace().all(noun);
            if !(nation && b == end && kind != EntityType::Loc && nouns_before) {
                continue;
            }
            replaced.push(k);
        }
        out.push((start, end, EntityType::Loc));
    }
    out
}

/// A listed non-entity ("DVD", "Monday"), a Roman numeral standing alone
/// ("XIV", "II": a century, a king's number or a part of a title, no
/// organization) or a code of capitals and three or more digits (an agency's
/// story code, "ME2033").
fn never_entity(name: &str) -> bool {
    let roman = name.len() >= 2 && name.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'));
    let letters = name.bytes().take_while(u8::is_ascii_uppercase).count();
    let code = (1..=4).contains(&letters)
        && name.len() - letters >= 3
        && name.bytes().skip(letters).all(|b| b.is_ascii_digit());
    roman || code || Lexicon::get().not_entity.contains(name)
}

/// "I'm", "We've", "They're", "We'd": a pronoun and a clitic.
fn contraction(name: &str) -> bool {
    let Some(pos) = name.find(['\'', '’']) else { return false };
    let clitic = name[pos..].trim_start_matches(['\'', '’']);
    !name.contains(' ') && matches!(clitic, "m" | "ve" | "re" | "ll" | "d")
}

/// "M. Butcher", "J. R. Ratcliffe": initials, then a name word.
fn initials_and_name(name: &str) -> bool {
    let Some(space) = rfind_byte(name, b' ') else { return false };
    let (initials, last) = (&name[..space], &name[space + 1..]);
    let initial = |p: &str| {
        let mut c = p.chars();
        matches!((c.next(), c.next(), c.next()), (Some(l), Some('.'), None) if l.is_uppercase())
    };
    // One initial per word: "U.S. Steel" is no person.
    initials.split(' ').count() <= 3
        && initials.split(' ').all(initial)
        && last.chars().count() >= 2
        && last.starts_with(char::is_uppercase)
        && last.chars().skip(1).any(char::is_lowercase)
}

/// Whether `w` lower-cased is one of `ENGLISH_FUNCTION_WORDS`, compared
/// ignoring ASCII case, nothing lower-cased: they are ASCII without a "k",
/// and the one character outside ASCII that lower-cases into it (the Kelvin
/// sign) gives a "k", so no other word lower-cases to one.
fn english_function_word(w: &str) -> bool {
    w.len() <= 5 && w.is_ascii() && ENGLISH_FUNCTION_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f))
}

/// "Mayor", "GDL-Chef", "Bundesverkehrsminister" (a compound ending in a title).
fn is_title_word(word: &str, lx: &Lexicon) -> bool {
    let mut buf = [0; LOWER_BUF];
    let w = lowercase_in(word, &mut buf);
    lx.has_title(w.as_ref()) || after_last(&w, b'-').is_some_and(|t| lx.has_title(t)) || ends_in_title(&w, &lx.titles)
}

/// Whether lower-case `w` ends in a title of six or more bytes that is not
/// all of it ("bundesverkehrsminister"): each shorter suffix looked up, not
/// each title compared.
fn ends_in_title(w: &str, titles: &WordSet) -> bool {
    w.char_indices().skip(1).map(|(k, _)| k).take_while(|&k| w.len() - k >= 6).any(|k| titles.contains(&w[k..]))
}

/// Roles before a name that are not part of it (`data/roles.tsv`), beyond the lexicon's titles.
/// One-word town names too small for the place gazetteer (`data/towns.tsv`),
/// read on first use: only the French rules look them up.
fn towns() -> &'static FxHashSet<&'static str> {
    static TOWNS: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    TOWNS.get_or_init(|| crate::pipeline::text::lexicon::data_lines(include_str!("../data/towns.tsv")).collect())
}

fn roles() -> &'static FxHashSet<&'static str> {
    static ROLES: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    ROLES.get_or_init(|| crate::pipeline::text::lexicon::data_lines(include_str!("../data/roles.tsv")).collect())
}

/// `name.find(needle)` for the few bytes of a name: a plain walk, no searcher set up.
fn find_in_name(name: &str, needle: &str) -> Option<usize> {
    name.as_bytes().windows(needle.len()).position(|w| w == needle.as_bytes())
}

/// `s.split_once(c)`'s head and `s.rsplit_once(c)`'s tail for an ASCII `c`,
/// found on the bytes (the char searcher's set-up costs more on short words).
fn before_first(s: &str, c: u8) -> Option<&str> {
    s.bytes().position(|b| b == c).map(|p| &s[..p])
}

fn after_last(s: &str, c: u8) -> Option<&str> {
    s.bytes().rposition(|b| b == c).map(|p| &s[p + 1..])
}

/// `s.find(c)` and `s.rfind(c)` for an ASCII `c`, likewise.
fn find_byte(s: &str, c: u8) -> Option<usize> {
    s.bytes().position(|b| b == c)
}

fn rfind_byte(s: &str, c: u8) -> Option<usize> {
    s.bytes().rposition(|b| b == c)
}

/// `s.split(' ')`, the spaces found on the bytes, likewise.
fn spaced_words(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match find_byte(r, b' ') {
            Some(p) => {
                rest = Some(&r[p + 1..]);
                Some(&r[..p])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A sports club by the form of its name, unless the name is a listed place:
/// an opening word ("FC Barcelona", "VfL Osnabrück", "Borussia Dortmund",
/// "Olympique Lyon", "Real Madrid", "Inter de Milán") or a closing one
/// ("Manchester United", "Hércules CF"), in
/// any language. A `match`, not a list scan: it runs for most spans.
fn club_name(name: &str) -> bool {
    let name = name.strip_prefix("1. ").unwrap_or(name);
    let (Some(first), Some(last)) = (before_first(name, b' '), after_last(name, b' ')) else { return false };
    let opens = matches!(
        first,
        "FC" | "SC"
            | "SV"
            | "TSV"
            | "VfL"
            | "VfB"
            | "TSG"
            | "SpVgg"
            | "AFC"
            | "FK"
            | "KV"
            | "PSV"
            | "HSV"
            | "BSC"
            | "CSKA"
            | "RCD"
            | "Borussia"
            | "Eintracht"
            | "Dynamo"
            | "Dinamo"
            | "Spartak"
            | "Lokomotive"
            | "Lokomotiv"
            | "Olympique"
            | "Atlético"
            | "Atletico"
            | "Deportivo"
            | "Sporting"
            | "Alemannia"
            | "Arminia"
            | "Kickers"
            | "Real"
            | "Inter"
            | "Racing"
            | "Athletic"
    );
    let closes = matches!(last, "FC" | "CF" | "SC" | "AFC" | "United" | "Rovers" | "Wanderers" | "Hotspur");
    (opens || closes) && !Lexicon::get().places.contains_key(name)
}

/// An organization by its name alone: listed, or ending in a company legal
/// form ("Equinor ASA", "Heineken N.V."), or a name with an organization word.
fn known_org(text: &str, start: usize, end: usize) -> bool {
    let lx = Lexicon::get();
    let name = &text[start..end];
    // Several words: the last one after the last space (no word vector).
    let space = rfind_byte(name, b' ');
    let last = space.map(|space| &name[space + 1..]);
    lx.orgs.contains(name)
        || last.is_some_and(|w| lx.is_legal_form_word(w.trim_end_matches('.')))
        || lx.legal_form_after(&text[end..]).is_some()
        || space.is_some_and(|space| lx.legal_form_after(&text[start + space..]).is_some())
        || (last.is_some() && spaced_words(name).any(|w| lx.has_org_word(w)))
        || club_name(name)
}

/// `known_org` as first written, with the words collected into a vector.
#[cfg(test)]
fn known_org_by_vec(text: &str, start: usize, end: usize) -> bool {
    let lx = Lexicon::get();
    let name = &text[start..end];
    let words: Vec<&str> = name.split(' ').collect();
    lx.orgs.contains(name)
        || (words.len() > 1 && words.last().is_some_and(|w| lx.is_legal_form_word(w.trim_end_matches('.'))))
        || lx.legal_form_after(&text[end..]).is_some()
        || name.rfind(' ').is_some_and(|space| lx.legal_form_after(&text[start + space..]).is_some())
        || (words.len() > 1 && words.iter().any(|w| lx.org_words.contains(*w)))
        || club_name(name)
}

/// Places (LOC) and agencies (ORG) of the datelines that open the text's
/// lines ("MUNICH, Germany 1996-12-06", "Madrid, 23 may (EFE)").
fn dateline_places(text: &str) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in lines(text) {
        let lead = line.len() - line.trim_start().len();
        if let Some(d) = dateline::dateline(&line[lead..]).or_else(|| dateline::trailing(&line[lead..])) {
            let at = start + lead;
            out.extend(d.places.iter().map(|&(a, b)| (at + a, at + b, EntityType::Loc)));
            out.extend(d.agency.map(|(a, b)| (at + a, at + b, EntityType::Org)));
        }
        start += line.len() + 1;
    }
    out
}

/// Adds a mention to the entity of that name, or a new entity.
fn add_mention(found: &mut Vec<FoundEntity>, text: &str, (a, b): (usize, usize), kind: EntityType) {
    if found.iter().any(|e| e.mentions.iter().any(|m| m.0 < b && a < m.1)) {
        return;
    }
    let name = &text[a..b];
    match found.iter_mut().find(|e| e.name == name) {
        Some(e) => {
            e.mentions.push((a, b));
            e.mentions.sort();
        }
        None => found.push(FoundEntity { name: name.to_string(), kind, mentions: vec![(a, b)] }),
    }
}

/// Every mention the rules found, with its entity's type.
pub fn rule_spans(found: &[FoundEntity]) -> Vec<(usize, usize, EntityType)> {
    let mut spans: Vec<_> = found.iter().flat_map(|e| e.mentions.iter().map(|m| (m.0, m.1, e.kind))).collect();
    spans.sort_by_key(|s| s.0);
    spans
}

/// "John Casesa of Schroder Wertheim & Co", "Karlsruhe of Germany", "Kia
/// Motor Corp of South Korea": one tagged span of two names joined by "of":
/// a person (a given name, then one or two capitalised words) and where he
/// works, or a name and its country. Names holding "of" ("Bank of China",
/// "University of Michigan", "Republic of Korea") are one word before it,
/// a title, or listed whole, and stay.
fn split_at_of(
    text: &str,
    (start, end, kind): (usize, usize, EntityType),
) -> Option<((usize, usize, EntityType), (usize, usize, EntityType))> {
    let at = start + find_in_name(&text[start..end], " of ")?;
    let lx = Lexicon::get();
    let (before, mut after) = (&text[start..at], at + 4);
    // "of Boston-based Reagan Communications": the firm, not its seat.
    if let Some(space) = text[after..end].find(' ').filter(|&sp| text[after..after + sp].ends_with("-based")) {
        after += space + 1;
    }
    let rest = &text[after..end];
    let words: Vec<&str> = before.split(' ').collect();
    let capitalised = |w: &&str| w.starts_with(char::is_uppercase) && !lx.org_words.contains(*w);
    let person = (2..=3).contains(&words.len())
        && given(words[0])
        && words.iter().all(capitalised)
        && !known_org(text, start, at)
        && !is_title_word(words[0], lx);
    if person && rest.starts_with(char::is_uppercase) && find_in_name(&text[start..end], " of the ").is_none() {
        let kind = if lx.places.contains_key(rest) { EntityType::Loc } else { kind };
        return Some(((start, at, EntityType::Person), (after, end, kind)));
    }
    let named = words.len() >= 2 || lx.places.contains_key(before) || lx.orgs.contains(before);
    let whole_listed = lx.places.contains_key(&text[start..end]) || lx.orgs.contains(&text[start..end]);
    if kind != EntityType::Person && country(rest) && named && !whole_listed && !is_title_word(words[0], lx) {
        let head = |w: &str| lx.org_words.contains(w) || lx.org_heads.contains(w);
        let last = words[words.len() - 1];
        // "Bank of China", "People's Bank of China": the institution of a country.
        if !head(words[0]) && (!head(last) || lx.is_legal_form_word(last)) {
            return Some(((start, at, kind), (after, end, EntityType::Loc)));
        }
    }
    None
}

/// "Juventus Turin", "Bayer Leverkusen", "Panathinaikos Athen": a name read as a
/// person whose second word is a listed town and whose first is no given
/// name nor title is a club (or firm) named with its town.
fn club_and_town(name: &str, kind: EntityType) -> bool {
    // Continental Europe, where clubs are so named; British, American and
    // Asian towns are common surnames ("Hamish Telford", "Barack Obama").
    const CLUB_COUNTRIES: &[&str] = &[
        "DE", "AT", "CH", "IT", "ES", "FR", "PT", "NL", "BE", "DK", "SE", "NO", "FI", "PL", "CZ", "SK", "HU", "RO",
        "BG", "GR", "RU", "UA", "RS", "HR", "SI", "BA", "TR",
    ];
    let lx = Lexicon::get();
    let Some((first, town)) = name.split_once(' ') else { return false };
    kind == EntityType::Person
        && !town.contains(' ')
        && lx.places.get(town).and_then(|k| k.strip_prefix("city:")).is_some_and(|cc| CLUB_COUNTRIES.contains(&cc))
        && !given(first)
        && !is_title_word(first, lx)
        && first.chars().skip(1).any(char::is_lowercase)
}

/// Tagger spans with titles stripped, every other occurrence of a tagged name
/// in the text added as its mention, then merged like the rules' spans.
fn from_tagger(text: &str, spans: Vec<(usize, usize, EntityType)>) -> Vec<FoundEntity> {
    let lx = Lexicon::get();
    let mut typed: Vec<(usize, usize, String, EntityType)> = Vec::with_capacity(spans.len());
    let roles = roles();
    let mut split = Vec::with_capacity(spans.len());
    for span in spans {
        match split_at_of(text, span) {
            Some((a, b)) => split.extend([a, b]),
            None => split.push(span),
        }
    }
    for (mut start, end, mut kind) in split {
        // "Mayor Harriet Lunde", "House Speaker Paul Ryan": the name follows the last title.
        let mut at = start;
        while let Some(space) = find_byte(&text[at..end], b' ') {
            let word = text[at..at + space].trim_end_matches('.');
            let title = is_title_word(word, lx) || roles.contains(word);
            let leading = at == start;
            if (title && (leading || kind == EntityType::Person)) || (leading && word.starts_with(char::is_lowercase)) {
                start = at + space + 1;
            } else if kind != EntityType::Person {
                break;
            }
            at += space + 1;
        }
        // "Nachrichtenagentur AFP", "US-Nachrichtensender CNN": a German noun
        // for the kind of organization, then its name.
        if let Some(space) = find_byte(&text[start..end], b' ').filter(|&sp| org_kind_noun(&text[start..start + sp])) {
            start += space + 1;
            kind = EntityType::Org;
        }
        // "Aufsichtsräte von Allianz", "Biographie von Oetker": German joins
        // nouns with "von"; a name does so only after a given name ("Ole von
        // Beust"). What follows is kept only when it is a listed place or organization.
        if kind != EntityType::Person {
            let name = &text[start..end];
            if let Some(at) = find_in_name(name, " von ").or_else(|| find_in_name(name, " vom ")) {
                let first = &text[start..start + find_byte(&text[start..end], b' ').unwrap_or(0)];
                if !given(first) && !is_title_word(first, lx) {
                    let tail = start + at + 5;
                    let name = &text[tail..end];
                    if lx.places.contains_key(name) {
                        (start, kind) = (tail, EntityType::Loc);
                    } else if lx.orgs.contains(name) {
                        (start, kind) = (tail, EntityType::Org);
                    } else {
                        continue;
                    }
                }
            }
        }
        // "(Muriel Draaisma/CBC)": a photo credit, not a person of the story.
        // "Ryan Remiorz / The Canadian Press", "(Lauren Pelley / CBC News)" too.
        let credit = text[end..].starts_with('/') || text[end..].starts_with(" / ") || text[start..end].contains('/');
        if kind == EntityType::Person && credit {
            continue;
        }
        // "I'm", "We've", "They're": a capitalised contraction, no name.
        if contraction(&text[start..end]) {
            continue;
        }
        let mut end = end;
        // "Brembo S.p.A.": the dotted legal form types the name but is not part of it.
        if let Some(space) = rfind_byte(&text[start..end], b' ') {
            let form = &text[start + space..end];
            if form.trim_end_matches('.').contains('.') && lx.legal_form_after(form).is_some() {
                end = start + space;
                kind = EntityType::Org;
            }
        }
        if known_org(text, start, end) || club_and_town(&text[start..end], kind) {
            kind = EntityType::Org;
        }
        let name = text[start..end].to_string();
        if never_entity(&name) || name.chars().count() < 2 {
            continue;
        }
        typed.push((start, end, name, kind));
    }
    // "McCallum" tagged ORG beside "Doug McCallum": the surname of the one person
    // named in full, unless the name is a listed organization or a country.
    let mut full_of: FxHashMap<&str, Option<&str>> = FxHashMap::default();
    for t in typed.iter().filter(|t| t.3 == EntityType::Person) {
        if let Some(last) = after_last(&t.2, b' ') {
            let entry = full_of.entry(last).or_insert(Some(t.2.as_str()));
            if *entry != Some(t.2.as_str()) {
                *entry = None;
            }
        }
    }
    let retype: Vec<usize> = (0..typed.len())
        .filter(|&k| {
            let (s, e, name, kind) = (typed[k].0, typed[k].1, typed[k].2.as_str(), typed[k].3);
            kind != EntityType::Person
                && !name.contains(' ')
                && full_of.get(name).is_some_and(Option::is_some)
                && !lx.places.get(name).is_some_and(|k| k.starts_with("country"))
                && !known_org(text, s, e)
        })
        .collect();
    for k in retype {
        typed[k].3 = EntityType::Person;
    }
    // The names as the spans hold them (copied only for the mentions found).
    let mut names: Vec<(&str, EntityType)> = typed.iter().map(|t| (t.2.as_str(), t.3)).collect();
    // A surname alone is a mention too ("Jagelewski says …"); `resolve` links it
    // to the person named in full.
    let surnames: Vec<(&str, EntityType)> = names
        .iter()
        .filter(|(n, k)| *k == EntityType::Person && n.contains(' '))
        .map(|(n, _)| after_last(n, b' ').unwrap_or(*n))
        .filter(|s| s.chars().count() > 2 && s.starts_with(char::is_uppercase))
        .map(|s| (s, EntityType::Person))
        .collect();
    names.extend(surnames);
    names.sort_by(|a, b| a.0.cmp(b.0));
    names.dedup_by(|a, b| a.0 == b.0);
    let mut covered: Vec<(usize, usize)> = typed.iter().map(|t| (t.0, t.1)).collect();
    covered.sort();
    // The furthest end among the spans up to each one: a match overlaps a
    // covered span iff a span starting before its end reaches past its start
    // (a binary search, not a scan of every span per match: quadratic on
    // long pages).
    let reach: Vec<usize> = covered
        .iter()
        .scan(0, |furthest, &(_, b)| {
            *furthest = b.max(*furthest);
            Some(*furthest)
        })
        .collect();
    let mut extra = Vec::new();
    let words: Vec<&str> = names.iter().map(|n| n.0).collect();
    for (k, pos) in name_occurrences(text, &words) {
        let (name, kind) = names[k];
        let end = pos + name.len();
        let starting_before = covered.partition_point(|&(a, _)| a < end);
        let inside = starting_before > 0 && reach[starting_before - 1] > pos;
        if !inside {
            extra.push((pos, end, name.to_string(), kind));
        }
    }
    typed.extend(extra);
    resolve(typed, Vec::new())
}

/// Where each name stands alone in `text` (no letter or digit either side),
/// as (index in `names`, start), by name then start: per name, the
/// non-overlapping matches of `memmem::find_iter` that pass that test.
fn name_occurrences(text: &str, names: &[&str]) -> Vec<(usize, usize)> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !is_alnum(c));
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // A name that starts with an ASCII capital and cannot overlap itself (no
    // proper prefix is also its suffix) is found where a word starts with that
    // capital: one pass over the page for all of them, not a search per name.
    let mut scanned: Vec<(u8, usize)> = Vec::with_capacity(names.len());
    for (k, name) in names.iter().enumerate() {
        let b = name.as_bytes();
        let overlaps = (1..b.len()).any(|d| b[d] == b[0] && b[d..] == b[..b.len() - d]);
        if b.first().is_some_and(u8::is_ascii_uppercase) && !overlaps {
            scanned.push((b[0], k));
            continue;
        }
        crate::pipeline::budget::check();
        // memmem: the same non-overlapping matches as `match_indices`, found with SIMD.
        for pos in memchr::memmem::find_iter(bytes, b) {
            let end = pos + b.len();
            if boundary(text[..pos].chars().next_back()) && boundary(text[end..].chars().next()) {
                found.push((k, pos));
            }
        }
    }
    if let (Some(&(lo, _)), Some(&(hi, _))) = (scanned.iter().min(), scanned.iter().max()) {
        crate::pipeline::budget::check();
        scanned.sort_unstable();
        // Per first byte, its names' range in `scanned` (empty: none).
        let mut first = [(0u32, 0u32); 256];
        for (at, &(b, _)) in scanned.iter().enumerate() {
            let range = &mut first[usize::from(b)];
            if range.0 == range.1 {
                range.0 = at as u32;
            }
            range.1 = at as u32 + 1;
        }
        // Each name's first eight bytes (zero-padded) and their mask: a name
        // whose prefix differs from the page's next bytes is not compared.
        let prefixes: Vec<(u64, u64)> = scanned.iter().map(|&(_, k)| prefix8(names[k].as_bytes())).collect();
        // Called only for bytes that start some name (most marked bytes start
        // none, and are skipped in the loops without a call).
        let mut check = |pos: usize, (from, to): (u32, u32)| {
            if !boundary(text[..pos].chars().next_back()) {
                return;
            }
            let (at, _) = prefix8(&bytes[pos..]);
            let range = from as usize..to as usize;
            for (&(_, k), &(want, mask)) in scanned[range.clone()].iter().zip(&prefixes[range]) {
                if at & mask != want {
                    continue;
                }
                let name = names[k].as_bytes();
                if bytes[pos..].starts_with(name) && boundary(text[pos + name.len()..].chars().next()) {
                    found.push((k, pos));
                }
            }
        };
        // Eight bytes at a time, the bytes from `lo` to `hi` marked by their
        // top bit (both ASCII, so no byte's sum or difference spills into the next).
        let ones = u64::from_le_bytes([1; 8]);
        let (low7, top) = (ones * 0x7f, ones * 0x80);
        let below = ones * (128 + u64::from(hi));
        let above = ones * (128 - u64::from(lo));
        let marked = |x: u64| (below - (x & low7)) & !x & ((x & low7) + above) & top;
        let chunks = bytes.chunks_exact(8);
        let tail = chunks.remainder();
        for (c, chunk) in chunks.enumerate() {
            let mut hits = marked(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
            while hits != 0 {
                let pos = c * 8 + hits.trailing_zeros() as usize / 8;
                let range = first[usize::from(bytes[pos])];
                if range.0 != range.1 {
                    check(pos, range);
                }
                hits &= hits - 1;
            }
        }
        for pos in bytes.len() - tail.len()..bytes.len() {
            let range = first[usize::from(bytes[pos])];
            if range.0 != range.1 {
                check(pos, range);
            }
        }
    }
    found.sort_unstable();
    found
}

/// The first eight bytes of `b` (zero-padded) as a word, and the mask of the
/// bytes it has: `b` starts with `name` only if `prefix8(b).0 & mask == want`
/// for `(want, mask) = prefix8(name)`.
fn prefix8(b: &[u8]) -> (u64, u64) {
    let n = b.len().min(8);
    let mut word = [0u8; 8];
    word[..n].copy_from_slice(&b[..n]);
    let mask = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
    (u64::from_le_bytes(word), mask)
}

/// The rules: capitalised spans typed by gazetteers, titles and word lists.
pub fn find_entities_by_rules(text: &str, sentences: &[(usize, usize)], lang: Option<&str>) -> Vec<FoundEntity> {
    let ctx = Ctx::new(text, sentences, lang);
    let n = ctx.toks.len();
    let mut typed: Vec<(usize, usize, String, EntityType)> = Vec::new();
    let mut loose: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < n {
        if !ctx.is_cap(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n {
            let g = ctx.gap(j);
            let ampersand = g.trim() == "&" && g.starts_with(' ') && g.ends_with(' ');
            // "Fishermen's Organisations", "Britain's Prime Minister"
            let possessive = matches!(g, "'s " | "’s ");
            if (blank(g) || ampersand || possessive) && ctx.is_cap(j + 1) {
                j += 1;
                continue;
            }
            // "Declan O ' Hara": an apostrophe written apart after a lone capital.
            if g == " ' " && ctx.word(j).chars().count() == 1 && ctx.is_cap(j) && ctx.is_cap(j + 1) {
                j += 1;
                continue;
            }
            // "Ahmed el-Tayeb": an Arabic article goes on with the name.
            if blank(g) && arabic_article(ctx.word(j + 1)) {
                j += 1;
                continue;
            }
            // "F. Scott Fitzgerald", "H. G. Wells": an initial opening a name, then a given name
            // (or another initial); not a letter of "U.S." ("U.S. Agriculture Department").
            if g == ". " && j == i && leading_initial(&ctx, j) {
                j += 1;
                continue;
            }
            // "J. R. R. Tolkien": the opening initials run on to the name ("R" is a French stopword).
            if g == ". "
                && j > i
                && ctx.word(j + 1).chars().count() == 1
                && ctx.is_cap(j + 1)
                && (i..=j).all(|k| ctx.word(k).chars().count() == 1)
                && leading_initial(&ctx, i)
            {
                j += 1;
                continue;
            }
            // "George W. Bush", "Ulysses S. Grant": a middle initial inside a name.
            if g == ". "
                && j > i
                && ctx.word(j).chars().count() == 1
                && ctx.is_cap(j)
                && ctx.is_cap(j + 1)
                && !ctx.stopwords.contains(&ctx.word(j + 1).to_lowercase())
            {
                j += 1;
                continue;
            }
            // "Côte d'Ivoire", "États-Unis d'Amérique": an elided particle inside a listed name.
            if matches!(g, " d'" | " d’") && ctx.is_cap(j + 1) && {
                let name = span_text(&ctx, i, j + 1);
                ctx.lexicon.places.contains_key(name) || ctx.lexicon.orgs.contains(name)
            } {
                j += 1;
                continue;
            }
            if j == i && ctx.is_cap(j + 1) && club_of_elided_place(&ctx, j, j + 1) {
                j += 1;
                continue;
            }
            // Up to two lower-case particles, then a capitalised word.
            let mut p = j + 1;
            while p < n && p <= j + 2 && blank(ctx.gap(p - 1)) && ctx.is_particle(p) {
                p += 1;
            }
            let run = j + 1..p;
            let conjunction_in_run = run.clone().any(|k| CONJUNCTIONS.contains(&ctx.word(k)));
            // "la Ferrari de Jean Dupont": a given name and a surname after "de" in French are
            // a person, whose the thing named before is; no one name with it.
            let person_after_de = ctx.french
                && run.len() == 1
                && matches!(ctx.word(j + 1), "de" | "du")
                && person_at(&ctx, p)
                && !given(ctx.word(i))
                && !ctx.is_title(i);
            if person_after_de {
                break;
            }
            if !run.is_empty()
                && (!conjunction_in_run || run.len() == 1)
                && p < n
                && blank(ctx.gap(p - 1))
                && ctx.is_cap(p)
            {
                j = p;
                continue;
            }
            break;
        }
        j = place_tail(&ctx, i, j);
        j = org_tail(&ctx, j);
        classify(&ctx, i, j, &mut typed, &mut loose);
        i = j + 1;
    }
    resolve(typed, loose)
}

/// A listed place whose name goes on in lower case ("Arabie saoudite",
/// "Émirats arabes unis"): the span's end moved over those words.
fn place_tail(ctx: &Ctx, i: usize, j: usize) -> usize {
    let n = ctx.toks.len();
    for k in (1..=2).rev() {
        let end = j + k;
        if end >= n || !(j + 1..=end).all(|m| !ctx.is_cap(m) && blank(ctx.gap(m - 1))) {
            continue;
        }
        if (i..=j).any(|a| ctx.lexicon.places.contains_key(span_text(ctx, a, end))) {
            return end;
        }
    }
    // "Afrique de l'Est", "Allemagne de l'Ouest", "Asie du Sud-Est": a listed place and a point of the compass.
    if ctx.french
        && j + 2 < n
        && blank(ctx.gap(j))
        && (i..=j).any(|a| ctx.lexicon.places.contains_key(span_text(ctx, a, j)))
    {
        let point = ctx.word(j + 2);
        let elided = ctx.word(j + 1) == "de"
            && matches!(ctx.gap(j + 1), " l'" | " l’")
            && matches!(point, "Est" | "Ouest" | "est" | "ouest");
        let compound = ctx.word(j + 1) == "du"
            && blank(ctx.gap(j + 1))
            && matches!(point.to_lowercase().as_str(), "sud-est" | "sud-ouest" | "nord-est" | "nord-ouest");
        if elided || compound {
            return j + 2;
        }
    }
    j
}

/// An institution whose name goes on in lower-case adjectives, then maybe
/// "de" and a name ("Commission européenne", "Orchestre philharmonique de
/// Vienne"): the span's end moved over them.
fn org_tail(ctx: &Ctx, j: usize) -> usize {
    if !ctx.romance || !ctx.lexicon.org_heads.contains(ctx.word(j)) {
        return j;
    }
    let n = ctx.toks.len();
    let lower = |k: usize| {
        let w = ctx.word(k);
        w.chars().count() >= 3 && w.starts_with(char::is_lowercase) && !ctx.stopwords.contains(w)
    };
    let adjective =
        |k: usize| lower(k) && ctx.lexicon.adjective_endings.iter().any(|e| ctx.word(k).ends_with(e.as_str()));
    let adjectives = |mut end: usize| {
        let from = end;
        while end + 1 < n && end < from + 3 && blank(ctx.gap(end)) && adjective(end + 1) {
            end += 1;
        }
        end
    };
    let mut end = adjectives(j);
    // "… de hockey", "… du sport", "… de l'énergie renouvelable", "… de Vienne":
    // "de" (and an article), then a lower-case noun and its adjectives, or capitalised words.
    for _ in 0..2 {
        let mut p = end + 1;
        if p >= n {
            break;
        }
        let gap = ctx.gap(end);
        if matches!(gap, " d'" | " d’") {
        } else if blank(gap) && matches!(ctx.word(p), "de" | "du" | "des" | "del") {
            p += 1;
            if p < n && blank(ctx.gap(p - 1)) && matches!(ctx.word(p), "la" | "las" | "los") {
                p += 1;
            }
            if p < n && !(blank(ctx.gap(p - 1)) || matches!(ctx.gap(p - 1), " l'" | " l’")) {
                break;
            }
        } else {
            break;
        }
        if p >= n {
            break;
        }
        // "Parti socialiste de Jean Dupont": the party's leader, no part of its name.
        if ctx.french && person_at(ctx, p) {
            break;
        }
        if ctx.is_cap(p) {
            end = p;
            while end + 1 < n && end < p + 3 && blank(ctx.gap(end)) && ctx.is_cap(end + 1) {
                end += 1;
            }
            break;
        } else if lower(p) {
            end = adjectives(p);
        } else {
            break;
        }
    }
    end
}

/// "Spurs de San Antonio", "Canadiens de Montréal": French names a club by
/// its (plural) nickname and its place.
fn club_of_place(ctx: &Ctx, words: &[&str], name: &str) -> bool {
    let lx = ctx.lexicon;
    let [nick, de, ..] = words else { return false };
    let place = name.split_once(' ').and_then(|(_, r)| r.split_once(' ')).map_or("", |(_, r)| r);
    words.len() >= 3
        && matches!(*de, "de" | "du")
        // "Lakers de Los Angeles"; a lone name no given name is a club too ("Heat de Miami").
        && ((nick.ends_with('s') && !nick.ends_with("ss")) || (!given(nick) && !is_title_word(nick, lx)))
        && !lx.places.contains_key(*nick)
        && !lx.place_words.contains(*nick)
        && lx.places.contains_key(place)
}

/// "Braves d'Atlanta", "Magic d'Orlando": a club's nickname, "d'" and a listed
/// place. The nickname is no given name ("Louis d'Orléans" is a person).
fn club_of_elided_place(ctx: &Ctx, nick: usize, place: usize) -> bool {
    let lx = ctx.lexicon;
    let name = ctx.word(nick);
    ctx.french
        && place == nick + 1
        && matches!(ctx.gap(nick), " d'" | " d’")
        && name.chars().skip(1).all(char::is_lowercase)
        && !given(name)
        && !is_title_word(name, lx)
        && !lx.places.contains_key(name)
        && !lx.place_words.contains(name)
        && !lx.place_nouns_fr.contains(&name.to_lowercase())
        && lx.places.get(ctx.word(place)).is_some_and(|k| k.starts_with("city"))
        // "Sauber d'Adrian Sutil": the place ends the name.
        && !(place + 1 < ctx.toks.len() && blank(ctx.gap(place)) && ctx.is_cap(place + 1))
}

/// Start of "université" written before token `i` ("université d'Oxford",
/// "université Harvard"): French writes it in lower case as part of the name.
fn french_university(ctx: &Ctx, i: usize) -> Option<usize> {
    if !ctx.french || i == 0 {
        return None;
    }
    let gap = ctx.gap(i - 1);
    if (blank(gap) || matches!(gap, " d'" | " d’")) && ctx.word(i - 1) == "université" {
        return Some(ctx.toks[i - 1].start);
    }
    (i >= 2 && blank(gap) && matches!(ctx.word(i - 1), "de" | "du") && blank(ctx.gap(i - 2)))
        .then(|| i - 2)
        .filter(|&k| ctx.word(k) == "université")
        .map(|k| ctx.toks[k].start)
}

/// Start of the French place noun written before token `i` ("océan" of
/// "océan Indien", "golfe" of "golfe d'Aqaba", "mer" of "mer de Chine").
fn french_place_noun(ctx: &Ctx, i: usize) -> Option<usize> {
    if !ctx.french || i == 0 {
        return None;
    }
    let gap = ctx.gap(i - 1);
    if blank(gap) || matches!(gap, " d'" | " d’") {
        if ctx.lexicon.place_nouns_fr.contains(ctx.word(i - 1)) {
            return Some(ctx.toks[i - 1].start);
        }
        // "pont de la Concorde": "de la" as one particle.
        let k = if i >= 3 && ctx.word(i - 1) == "la" && ctx.word(i - 2) == "de" && blank(ctx.gap(i - 2)) {
            i - 1
        } else {
            i
        };
        if k >= 2 && matches!(ctx.word(k - 1), "de" | "du" | "des") && blank(ctx.gap(k - 2)) {
            // "l'île de Hong Kong": a kind of place before "de" stays out of the name (`classify`).
            let noun = ctx.word(k - 2);
            let lx = ctx.lexicon;
            return (lx.place_nouns_fr.contains(noun) && !lx.place_kinds_fr.contains(noun))
                .then(|| ctx.toks[k - 2].start);
        }
    }
    None
}

/// German capitalises every noun, so an article before two capitalised words
/// ("der Duisburger Katastrophe", "das Stück Ding") names an organization only
/// when it opens with an inflected adjective ("die Europäische Zentralbank",
/// "der Deutschen Bahn") or holds an acronym ("Fraunhofer FIT").
fn german_org_after_article(ctx: &Ctx, i: usize, j: usize) -> bool {
    let first = ctx.word(i).to_lowercase();
    let adjective = ["e", "en", "em", "es"].iter().any(|ending| {
        first.strip_suffix(ending).is_some_and(|stem| {
            ["sch", "lich", "ig", "al", "ell", "iv", "är", "eu", "ei", "ür"].iter().any(|s| stem.ends_with(s))
        })
    });
    adjective || (i..=j).any(|k| ctx.is_acronym(k))
}

/// A noun for a kind of organization, in the nominative or the genitive
/// ("Konzern", "Unternehmens", "Arbeitgeberverbands").
fn org_kind_noun(word: &str) -> bool {
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    let w = word.to_lowercase();
    // The kinds (`org_kind_de` in `data/lexicon.tsv`): "agentur", "konzern", "verband"…
    let kinds = &Lexicon::get().org_kinds_de;
    let kind = |s: &str| kinds.iter().any(|k| s.ends_with(k.as_str()));
    kind(&w)
        || w.strip_suffix("es").is_some_and(kind)
        || w.strip_suffix('s').is_some_and(kind)
        || w.strip_suffix('n').is_some_and(kind)
}

/// "Bundestag", "Bundesjustizministerium", "Umweltbundesamt": one word naming
/// a federal body (not "Bundesliga", "Bundeskanzler", "Bundesparteitag").
fn federal_institution(word: &str) -> bool {
    const HEADS: &[&str] = &[
        "amt",
        "ministerium",
        "kammer",
        "dienst",
        "bank",
        "gericht",
        "gerichtshof",
        "anstalt",
        "wehr",
        "agentur",
        "stiftung",
        "zentrale",
    ];
    let w = word.to_lowercase();
    let body = w.strip_prefix("bundes").or_else(|| w.split_once("bundes").filter(|_| w.ends_with("amt")).map(|p| p.1));
    matches!(w.as_str(), "bundestag" | "bundesrat" | "landtag")
        || body.is_some_and(|b| HEADS.iter().any(|h| b.ends_with(h)))
}

/// "Louis XIV", "Henri IV", "Alfonso XIII": a given name and a regnal number.
fn regnal(words: &[&str]) -> bool {
    let roman = |w: &str| (2..=5).contains(&w.len()) && w.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'));
    matches!(words, [first, number] if roman(number) && given(first))
}

/// A given name, or a hyphenated one that opens with one ("Jean-Claude").
fn given(word: &str) -> bool {
    is_given_name(word) || word.split_once('-').is_some_and(|(first, _)| is_given_name(first))
}

/// Span `i..=j` is a nationality before a person's given name and surname:
/// the first word ends like a nationality noun ("Autrichien", "Norvégienne";
/// a building named after a person, "Teatro Teresa Carreño", does not),
/// every word capitalised, the second a given name and the first not, and
/// nothing in it naming a place or an organization ("New York Stock
/// Exchange", "Institut Le Rosey", "FC Carl Zeiss Jena").
fn role_before_name(ctx: &Ctx, i: usize, j: usize) -> bool {
    let lx = ctx.lexicon;
    let first = ctx.word(i);
    let rest = || (i + 1..=j).map(|k| ctx.word(k));
    first.chars().count() >= 5
        && lx.nationality_endings.iter().any(|e| first.ends_with(e.as_str()))
        && (i..=j).all(|k| ctx.is_cap(k) && !ctx.is_acronym(k))
        && given(ctx.word(i + 1))
        && !given(first)
        && !lx.org_words.contains(first)
        && !lx.org_heads.contains(first)
        // "l'Australien Cadel Evans": German names of countries ("Australien", "Italien") are
        // French nationality nouns.
        && (!lx.places.contains_key(first) || (ctx.french && (first.ends_with("ien") || first.ends_with("ienne"))))
        && !lx.places.contains_key(span_text(ctx, i, i + 1))
        && !club_name(span_text(ctx, i, j))
        && rest().all(|w| {
            !lx.org_words.contains(w) && !lx.place_words.contains(w) && !ctx.stopwords.contains(&w.to_lowercase())
        })
}

/// Token `k` is a lone capital opening a name ("F" of "F. Scott Fitzgerald",
/// "H" of "H. G. Wells"): not glued to a word or a dot before it ("U.S."), then
/// ". " and a given name or another initial.
fn leading_initial(ctx: &Ctx, k: usize) -> bool {
    let n = ctx.toks.len();
    let w = ctx.word(k);
    // Where the tagger decides (English, German), the rules' spans are its features as it
    // was trained on them (a photo credit, "J. Ann Smith / AP", stays out).
    let tagged = matches!(ctx.lang, Some("en" | "de"));
    let apart_before = k == 0 || ctx.gap(k - 1).ends_with(|c: char| c.is_whitespace() || OPENERS.contains(&c));
    let next_initial = |m: usize| ctx.word(m).chars().count() == 1 && ctx.is_cap(m);
    !tagged
        && apart_before
        && w.chars().count() == 1
        && ctx.is_cap(k)
        && k + 1 < n
        && ctx.gap(k) == ". "
        && ((given(ctx.word(k + 1)) && k + 2 < n && blank(ctx.gap(k + 1)) && ctx.is_cap(k + 2)) || {
            // "J. R. R. Tolkien": more initials, then a capitalised word ("J. A. A., 42 ans" is none).
            let mut m = k + 1;
            while m + 1 < n && next_initial(m) && ctx.gap(m) == ". " {
                m += 1;
            }
            m > k + 1 && ctx.is_cap(m) && ctx.word(m).chars().count() >= 2
        })
}

/// Tokens `p` and `p + 1` read as a person's given name and surname: no
/// listed place ("San Juan"), no stopword, no common English word for a
/// surname ("Golden Gate").
fn person_at(ctx: &Ctx, p: usize) -> bool {
    let lx = ctx.lexicon;
    p + 1 < ctx.toks.len()
        && given(ctx.word(p))
        && blank(ctx.gap(p))
        && ctx.is_cap(p + 1)
        && !lx.places.contains_key(ctx.word(p))
        && !lx.places.contains_key(span_text(ctx, p, p + 1))
        && !ctx.stopwords.contains(ctx.lower(p).as_ref())
        && !crate::pipeline::text::lexicon::is_english_word(&ctx.lower(p + 1))
}

fn span_name(ctx: &Ctx, i: usize, j: usize) -> String {
    span_text(ctx, i, j).to_string()
}

/// Tokens `i..=j` as the text writes them, for lookups (no copy).
fn span_text<'a>(ctx: &Ctx<'a>, i: usize, j: usize) -> &'a str {
    &ctx.text[ctx.toks[i].start..ctx.toks[j].end]
}

/// Types the capitalised span `i..=j` (or splits it). Long because it is an
/// ordered list of rules, first match wins; the order is the logic, so it
/// stays in one place.
fn classify(
    ctx: &Ctx,
    mut i: usize,
    mut j: usize,
    typed: &mut Vec<(usize, usize, String, EntityType)>,
    loose: &mut Vec<(usize, usize, String)>,
) {
    let lx = ctx.lexicon;
    // "Brembo S.p.A.": the tokenizer cuts a dotted legal form at its dots, so
    // the span ends in the form's first letter: drop that letter from the name
    // and remember the form. "Boeing Co." keeps its one-token form.
    let mut legal_form = false;
    if j > i && ctx.word(j).chars().count() <= 2 {
        if let Some(len) = lx.legal_form_after(&ctx.text[ctx.toks[j - 1].end..]) {
            legal_form = true;
            if len > 1 + ctx.word(j).len() + 1 {
                j -= 1;
            }
        }
    }
    let mut person_hint = false;
    let mut had_article = i >= 1 && blank(ctx.gap(i - 1)) && DEFINITE_ARTICLES.contains(&ctx.lower(i - 1).as_ref());
    // A listed name keeps its first word even when that is a stopword ("Nueva York", "La Paz").
    let listed = |a: usize| {
        let name = span_text(ctx, a, j);
        lx.places.contains_key(name) || lx.orgs.contains(name)
    };
    let i0 = i;
    while i <= j && !(i < j && listed(i)) {
        let lower = ctx.lower(i);
        if ctx.is_title_of(i, &lower) {
            person_hint = true;
        } else if i < j && ctx.gap(i) == ". " && leading_initial(ctx, i) {
            // "F. Scott Fitzgerald": the initial opens the name.
            break;
        } else if ctx.is_particle(i)
            // After a title comes the name, even if it looks like a stopword ("Ed").
            || (!person_hint && !ctx.is_acronym(i) && ctx.stopwords.contains(lower.as_ref()))
            || (ctx.toks[i].sentence_initial
                && i < j
                && (ctx.writes_in_lower_case(lower.as_ref()) || ctx.is_particle(i + 1)))
        {
            // "Le", "The", or a common word capitalised by its position ("Residents of …").
        } else {
            break;
        }
        had_article |= DEFINITE_ARTICLES.contains(&lower.as_ref());
        i += 1;
    }
    if i > j {
        return;
    }
    // "Energy Secretary Ed Miliband": the name follows the last title inside the span.
    if let Some(k) = (i..j).rev().find(|&k| ctx.is_title(k)) {
        i = k + 1;
        person_hint = true;
    }
    // "Herstellern Siemens", "Softwareprimus Microsoft": German capitalises the
    // noun before a name. A kind of organization there types the name; a listed
    // organization or place after another noun is that name alone.
    let noun = |w: &str| w.chars().skip(1).all(char::is_lowercase) && !given(w);
    let named_form = || legal_form || lx.legal_form_after(&ctx.text[ctx.toks[j].end..]).is_some();
    let cut = ctx.german && !person_hint && i < j && noun(ctx.word(i)) && !named_form();
    if cut && !club_name(span_text(ctx, i, j)) && (org_kind_noun(ctx.word(i)) || listed(i + 1)) {
        i += 1;
    }
    let kind_noun = ctx.german && !person_hint && i >= 1 && blank(ctx.gap(i - 1)) && org_kind_noun(ctx.word(i - 1));
    // "l'Autrichien Karl Schranz", "la Norvégienne Marit Bjørgen": people take
    // no article, so after one the word before a given name and a surname says
    // what the person is, not who.
    let elided = {
        let before = &ctx.text[..ctx.toks[i].start];
        let article = before.strip_suffix('\'').or_else(|| before.strip_suffix('’'));
        article.and_then(|a| a.strip_suffix(['l', 'L'])).is_some_and(|a| !a.ends_with(char::is_alphanumeric))
    };
    if !person_hint && (had_article || elided) && j >= i + 2 && j <= i + 3 && role_before_name(ctx, i, j) {
        i += 1;
        person_hint = true;
    }
    // A conjunction joins two names unless the whole is known or an organization's name.
    let whole = span_name(ctx, i, j);
    // Whether the span is a listed place or organization, looked up once: the
    // rules below ask again about the name, most often still the span.
    let whole_text = span_text(ctx, i, j);
    let whole_place = lx.places.contains_key(whole_text);
    let whole_org = lx.orgs.contains(whole_text);
    let place_listed = |n: &str| if n == whole_text { whole_place } else { lx.places.contains_key(n) };
    let org_listed = |n: &str| if n == whole_text { whole_org } else { lx.orgs.contains(n) };
    if !whole_place && !whole_org && !lx.org_words.contains(ctx.word(i)) {
        if let Some(k) = (i + 1..j).find(|&k| CONJUNCTIONS.contains(&ctx.word(k))) {
            // "La Rochelle et La Mecque": the first name keeps the article stripped above, as the second does.
            let only_articles = (i0..i).all(|a| DEFINITE_ARTICLES.contains(&ctx.lower(a).as_ref()));
            let from = if only_articles { i0 } else { i };
            classify(ctx, from, k - 1, typed, loose);
            classify(ctx, k + 1, j, typed, loose);
            return;
        }
    }
    let mut name = whole;
    let (mut start, mut end) = (ctx.toks[i].start, ctx.toks[j].end);
    // "Bundesamt für Gesundheit": a federal institution goes on over "für" and a noun.
    let federal = ctx.german && i == j && federal_institution(&name);
    let fur = |k: usize| k + 2 < ctx.toks.len() && ctx.word(k + 1) == "für" && ctx.is_cap(k + 2);
    if federal && fur(j) && blank(ctx.gap(j)) && blank(ctx.gap(j + 1)) {
        end = ctx.toks[j + 2].end;
        name = ctx.text[start..end].to_string();
    }
    // "1. FC Nürnberg", "FC Schalke 04": a club's number is part of its name.
    if club_name(&name) {
        if ctx.text[..start].strip_suffix("1. ").is_some_and(|b| !b.ends_with(is_alnum)) {
            start -= 3;
        }
        if let Some(r) = ctx.text[end..].strip_prefix(' ') {
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            let number = &r[..digits];
            let year = digits == 4 && (number.starts_with("18") || number.starts_with("19"));
            if ((digits == 2 && number.starts_with('0')) || year)
                && r[digits..].chars().next().is_none_or(|c| !is_alnum(c))
            {
                end += 1 + digits;
            }
        }
        name = ctx.text[start..end].to_string();
    }
    if never_entity(&name) || (i == j && lx.is_month(&name)) {
        return;
    }
    let single = i == j;
    let before = |k: usize| (i >= k).then(|| ctx.lower(i - k));
    // The word before, lower-cased once for the four tests that read it.
    let one_before = before(1);
    let gap_before_ok = i >= 1 && {
        let g = ctx.gap(i - 1);
        g.chars().all(|c| c.is_whitespace() || matches!(c, '"' | '«' | '“' | '„' | '.'))
    };
    if !person_hint && gap_before_ok {
        let one = one_before.as_deref().unwrap_or_default();
        // A token holds no space: "w one" is a title only if `one` ends a two-word title.
        let two = || before(2).is_some_and(|w| lx.titles.contains(&format!("{w} {one}")));
        let two_title = lx.two_word_title_ends.contains(one) && two();
        person_hint = (lx.has_title(one) || two_title || ctx.is_title(i - 1)) && !ctx.stopwords.contains(one);
    }
    // "il succède à Jono Gibbes", "une lettre à Tacite": after these "à" is a dative, not a place.
    if !person_hint && ctx.french && one_before.as_deref() == Some("à") {
        person_hint = dative_before(ctx.text, ctx.toks[i].start);
    }
    // "Mr. Bean", "Dr. Oz": in French an English title with its dot before one word is part of a stage name.
    if ctx.french && single && i >= 1 && ctx.gap(i - 1) == ". " && matches!(ctx.word(i - 1), "Dr" | "Mr") {
        start = ctx.toks[i - 1].start;
        name = ctx.text[start..end].to_string();
        person_hint = true;
    }
    let org_before = gap_before_ok && one_before.as_deref().is_some_and(|w| lx.org_before.contains(w));
    let place_before = !(ctx.german && single)
        && i >= 1
        && blank(ctx.gap(i - 1))
        && one_before.as_deref().is_some_and(|w| lx.has_place_before(w));
    // "du Transvaal", "au Nürburgring": French contracts "de" and "à" with the article
    // before the name of a region, a river or a site, not before a person's. A word
    // the text also writes in lower case or one before an adjective ("du Fossé
    // rhénan") is a common noun opening a longer name.
    let contracted_before = ctx.french
        && single
        && i >= 1
        && blank(ctx.gap(i - 1))
        && matches!(one_before.as_deref(), Some("du" | "au" | "aux"))
        && !matches!(name.as_str(), "Nord" | "Sud" | "Est" | "Ouest")
        && !(j + 1 < ctx.toks.len() && blank(ctx.gap(j)) && {
            let next = ctx.word(j + 1);
            next.len() > 3
                && next.starts_with(char::is_lowercase)
                && lx.adjective_endings.iter().chain(&lx.nationality_endings).any(|e| next.ends_with(e.as_str()))
        })
        && !ctx.writes_in_lower_case(&lowercase(&name));
    // The span's words, on the stack for most spans (no allocation per span).
    let mut room = [""; 8];
    let longer: Vec<&str>;
    let words: &[&str] = if j - i < room.len() {
        for (slot, k) in room.iter_mut().zip(i..=j) {
            *slot = ctx.word(k);
        }
        &room[..=j - i]
    } else {
        longer = (i..=j).map(|k| ctx.word(k)).collect();
        &longer
    };
    // "Copa del Rey", "Tour de France", "Seconde Guerre mondiale": an event, no entity.
    if !single && lx.is_event(ctx.lang, words[0], words[words.len() - 1]) && !org_listed(&name) {
        return;
    }
    // "face à Justine Henin": a given name and a surname after a place preposition are a person.
    let place_before = place_before && !((2..=3).contains(&words.len()) && given(words[0]));
    // "la ville de Namur", "la région d'Igloulik": the name of an administrative place.
    let kind_before = ctx.french && i >= 1 && {
        let g = ctx.gap(i - 1);
        (matches!(g, " d'" | " d’") && lx.place_kinds_fr.contains(ctx.word(i - 1)))
            || (i >= 2
                && blank(g)
                && matches!(ctx.word(i - 1), "de" | "du" | "des")
                && blank(ctx.gap(i - 2))
                && lx.place_kinds_fr.contains(ctx.word(i - 2)))
    };
    // "My Name Is", "Legend of Mana": English function words in a name in another
    // language make it the title of a work, not a person.
    let english_title = !matches!(ctx.lang, Some("en") | None) && words.iter().any(|w| english_function_word(w));
    let place_noun = french_place_noun(ctx, i).filter(|_| !org_listed(&name));
    let kind = if let Some(s) = french_university(ctx, i) {
        start = s;
        name = ctx.text[start..end].to_string();
        Some(EntityType::Org)
    } else if let Some(s) = place_noun {
        start = s;
        name = ctx.text[start..end].to_string();
        Some(EntityType::Loc)
    } else if place_listed(&name) {
        Some(EntityType::Loc)
    } else if org_listed(&name)
        || (!single && lx.is_legal_form_word(ctx.word(j)))
        || legal_form
        || lx.legal_form_after(&ctx.text[end..]).is_some()
        || name.contains('&')
        || (!single && words.iter().any(|w| lx.has_org_word(w)))
        || org_before
        || (single && ctx.is_acronym(i))
        || (ctx.romance && !single && lx.org_heads.contains(words[0]) && !words[1].starts_with(char::is_uppercase))
        || (ctx.french && club_of_place(ctx, words, &name))
        || (ctx.french && band_before(ctx, i))
        || (j == i + 1 && club_of_elided_place(ctx, i, j))
        || club_name(&name)
        || kind_noun
        || federal
    {
        Some(EntityType::Org)
    } else if person_hint || regnal(words) {
        Some(EntityType::Person)
    } else if words.iter().any(|w| lx.place_words.contains(*w))
        || (ctx.romance && !single && words.iter().any(|w| ROMANCE_PLACE_WORDS.contains(w)))
        || place_before
        || contracted_before
        || kind_before
        || (ctx.french && single && french_place_compound(&name))
    {
        Some(EntityType::Loc)
    } else if ctx.french && single && !ctx.toks[i].sentence_initial && towns().contains(name.as_str()) {
        // A lone name French text does not otherwise explain: a town when one is so called
        // ("les ports de Lorient et Sète"); a person named in full keeps his surname (`resolve`).
        Some(EntityType::Loc)
    } else if ctx.french
        && single
        && i == i0 + 1
        && matches!(ctx.word(i0), "Le" | "La" | "Les")
        && !ctx.toks[i0].sentence_initial
        && blank(ctx.gap(i0))
        && !given(&name)
        && !ctx.writes_in_lower_case(&lowercase(&name))
    {
        // "à La Rochelle", "au départ de Le Caire": a capitalised article inside a sentence belongs to the name.
        start = ctx.toks[i0].start;
        name = ctx.text[start..end].to_string();
        Some(EntityType::Loc)
    } else if !single && had_article && (!ctx.german || german_org_after_article(ctx, i, j)) {
        // Names of people take no article; "the National Federation", "die Stadt Passau" do.
        Some(EntityType::Org)
    } else if !single
        && words.len() <= 4
        && !english_title
        && (i..=j).all(|k| ctx.is_cap(k) || ctx.is_particle(k) || arabic_article(ctx.word(k)))
        && !(i..=j).any(|k| ctx.is_acronym(k))
    {
        Some(EntityType::Person)
    } else {
        None
    };
    match kind {
        Some(kind) => typed.push((start, end, name, kind)),
        None if single => loose.push((start, end, name)),
        None => {}
    }
}

/// "le groupe de heavy metal britannique Iron Maiden", "le groupe américain de rock
/// alternatif Pixies": French writes a band's kind of music and origin between
/// "groupe" and its name, which is then an organization, not a person. The
/// kinds are `band_kind_fr` in `data/lexicon.tsv`.
fn band_before(ctx: &Ctx, i: usize) -> bool {
    let endings = &ctx.lexicon.nationality_endings;
    let mut k = i;
    while k > 0 && i - k < 6 && blank(ctx.gap(k - 1)) {
        k -= 1;
        let w = ctx.word(k);
        if matches!(w, "groupe" | "groupes") {
            return true;
        }
        let origin = w.starts_with(char::is_lowercase) && endings.iter().any(|e| w.ends_with(e.as_str()));
        if !(ctx.lexicon.band_kinds_fr.contains(w) || origin) {
            return false;
        }
    }
    false
}

/// "Choisy-le-Roi", "Pas-de-Calais", "Nord-du-Québec": French joins the words of
/// a place's name with hyphens around a lower-case article or preposition;
/// people and companies are not so named.
fn french_place_compound(name: &str) -> bool {
    const LINKERS: &[&str] = &["de", "du", "des", "le", "la", "les", "lès", "sur", "sous", "en", "aux", "au"];
    if name.matches('-').count() < 2 {
        return false;
    }
    let parts: Vec<&str> = name.split('-').collect();
    parts.len() >= 3
        && parts[0].starts_with(char::is_uppercase)
        && parts[parts.len() - 1].starts_with(char::is_uppercase)
        && parts[1..parts.len() - 1].iter().any(|p| LINKERS.contains(p))
}

fn country(name: &str) -> bool {
    Lexicon::get().places.get(name).is_some_and(|k| k.starts_with("country"))
}

/// A listed country, also written in capitals ("AUSTRALIA", "SRI LANKA").
fn country_any_case(name: &str) -> bool {
    if country(name) {
        return true;
    }
    if name.chars().any(char::is_lowercase) {
        return false;
    }
    let title_case = |w: &str| {
        let mut c = w.chars();
        c.next().map_or(String::new(), |f| f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect())
    };
    country(&name.split(' ').map(title_case).collect::<Vec<_>>().join(" "))
}

/// A country the tagger typed an organization ("Belgium" after a rider,
/// "AUSTRALIA" in a cricket title) is the place: the sets, like most news,
/// write a national side or a state as its country, a place.
fn countries_are_places(found: &mut Vec<FoundEntity>) {
    let mut k = 0;
    while k < found.len() {
        if found[k].kind != EntityType::Org || !country_any_case(&found[k].name) {
            k += 1;
            continue;
        }
        let name = found[k].name.clone();
        match found.iter().position(|e| e.kind == EntityType::Loc && e.name == name) {
            Some(j) => {
                let mut mentions = std::mem::take(&mut found[k].mentions);
                found[j].mentions.append(&mut mentions);
                found[j].mentions.sort_unstable();
                found.remove(k);
            }
            None => {
                found[k].kind = EntityType::Loc;
                k += 1;
            }
        }
    }
    found.sort_by_key(|e| e.mentions[0].0);
}

/// Merges mentions by name and attaches lone surnames to full names.
fn resolve(typed: Vec<(usize, usize, String, EntityType)>, loose: Vec<(usize, usize, String)>) -> Vec<FoundEntity> {
    let mut surname_of: FxHashMap<String, Option<String>> = FxHashMap::default();
    for (_, _, name, kind) in &typed {
        if *kind == EntityType::Person {
            if let Some(last) = after_last(name, b' ') {
                let entry = surname_of.entry(last.to_string()).or_insert(Some(name.clone()));
                if entry.as_deref() != Some(name.as_str()) {
                    *entry = None; // two people share it: ambiguous
                }
            }
        }
    }
    // "Doug" beside "Doug Ford": the one person named in full with that first name.
    let mut first_of: FxHashMap<String, Option<String>> = FxHashMap::default();
    let lone_person = typed.iter().any(|t| t.3 == EntityType::Person && !t.2.contains(' '));
    for (_, _, name, kind) in typed.iter().filter(|_| lone_person) {
        if *kind == EntityType::Person {
            if let Some(first) = before_first(name, b' ') {
                match first_of.get_mut(first) {
                    Some(entry) if entry.as_deref() != Some(name.as_str()) => *entry = None,
                    Some(_) => {}
                    None => {
                        first_of.insert(first.to_string(), Some(name.clone()));
                    }
                }
            }
        }
    }
    let mut out: Vec<FoundEntity> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut add = |name: String, kind: EntityType, span: (usize, usize)| {
        // Looked up first: the name is copied into the index only for a new entity.
        let at = match index.get(name.as_str()) {
            Some(&at) => at,
            None => {
                index.insert(name.clone(), out.len());
                out.push(FoundEntity { name, kind, mentions: Vec::new() });
                out.len() - 1
            }
        };
        out[at].mentions.push(span);
    };
    let mut all: Vec<(usize, usize, String, Option<EntityType>)> = typed
        .into_iter()
        .map(|(s, e, n, k)| (s, e, n, Some(k)))
        .chain(loose.into_iter().map(|(s, e, n)| (s, e, n, None)))
        .collect();
    all.sort_by_key(|m| m.0);
    for (start, end, name, kind) in all {
        let full = match kind {
            Some(EntityType::Person) | None if !name.contains(' ') => match surname_of.get(&name) {
                Some(full) => full.clone(),
                None if kind.is_some() => first_of.get(&name).cloned().flatten(),
                None => None,
            },
            // "Darwin" beside "Robert Darwin": a town's name that is the surname of the
            // one person named in full is that person (countries stay places).
            Some(EntityType::Loc) if !name.contains(' ') && !country(&name) => surname_of
                .get(&name)
                .cloned()
                .flatten()
                .filter(|full| full.split(' ').next().is_some_and(is_given_name)),
            _ => None,
        };
        match (full, kind) {
            (Some(full), _) => add(full, EntityType::Person, (start, end)),
            (None, Some(kind)) => add(name, kind, (start, end)),
            (None, None) => {}
        }
    }
    for e in &mut out {
        e.mentions.sort();
    }
    out.sort_by_key(|e| e.mentions[0].0);
    out
}

#[cfg(test)]
mod tests;
