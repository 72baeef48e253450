//! Direct quotes and who said them.
//!
//! A quote is text between quotation marks (“…”, «…», „…“, "…") of at least
//! four words; shorter ones are scare quotes or titles. Its speaker is the
//! subject of a speech verb (`data/speech.tsv`) next to it, looked for in the
//! rest of its sentence after the quote ("…," said Harriet Lunde / Peters
//! said / says Golden), then before it (Lunde said: "…" / selon X); in that
//! clause a person beats an organization ("Shelby told CBS"), and a bare
//! capitalised word by the verb is taken as a surname and resolved to the
//! person named in full. "he said / a-t-il dit / sagte er / dijo" is the last
//! person named outside quotes before it. A quote with no attribution of its
//! own carries the speaker of the quote before it in the same or the previous
//! paragraph. Pure.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::entities::FoundEntity;
use crate::model::EntityType;
use crate::pipeline::text::lexicon::{lowercase, Lexicon};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    /// Byte range of the quoted words (inside the marks).
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
}

const MIN_WORDS: usize = 4;
const MAX_QUOTE_BYTES: usize = 4000;

fn closing_for(open: char) -> Option<&'static [char]> {
    match open {
        '“' => Some(&['”', '“']),
        '«' => Some(&['»']),
        '„' => Some(&['“', '”']),
        '"' => Some(&['"']),
        _ => None,
    }
}

/// Where the quote opened by `open` ends in `rest`. A curly opening closed
/// by a straight mark (an editor's slip: “…," said X) ends there, unless the
/// straight mark opens a pair that closes before the curly close: a quote
/// within the quote (“He told me "no" twice,”).
fn close_of(open: char, rest: &str, closers: &[char]) -> Option<usize> {
    let curly = rest.find(closers);
    if open != '“' {
        return curly;
    }
    // `rest.find('"')`, by the SIMD `memchr`: a curly quote with no straight mark after it reads on to the end.
    let straight_at = |from: usize| memchr::memchr(b'"', &rest.as_bytes()[from..]);
    let Some(straight) = straight_at(0) else {
        return curly;
    };
    let nested = |close: usize| straight_at(straight + 1).is_some_and(|next| straight + 1 + next < close);
    match curly {
        Some(close) if straight > close || nested(close) => Some(close),
        _ => Some(straight),
    }
}

/// Quoted spans in text order, not crossing paragraphs.
fn quoted_spans(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    // Every opening mark starts with one of these bytes ('"', '«' = C2 AB,
    // '“' and '„' = E2 80 ..), each the first byte of a character.
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr3(b'"', 0xC2, 0xE2, &bytes[from..]) {
        let i = from + k;
        let Some(c) = text[i..].chars().next() else { break };
        from = i + c.len_utf8();
        if let Some(span) = quote_at(text, i, c) {
            out.push(span);
            from = span.3;
        }
    }
    out
}

/// The quote a character `c` at byte `i` opens, if it is an opening mark
/// closed within the same paragraph: (open, inner start, inner end, outer end).
fn quote_at(text: &str, i: usize, c: char) -> Option<(usize, usize, usize, usize)> {
    let closers = closing_for(c)?;
    let inner_start = i + c.len_utf8();
    // Quotes are short; bounding the search keeps a page of unmatched marks linear.
    let mut limit = (inner_start + MAX_QUOTE_BYTES).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let rest = &text[inner_start..limit];
    let rel = close_of(c, rest, closers).filter(|rel| !rest[..*rel].contains("\n\n"))?;
    let close_len = rest[rel..].chars().next().map_or(1, char::len_utf8);
    Some((i, inner_start, inner_start + rel, inner_start + rel + close_len))
}

/// Speech verbs per language, lower case, longest first, with an automaton
/// that finds all of them in one pass.
fn speech_verbs(lang: Option<&str>) -> (&'static [String], &'static AhoCorasick) {
    static FINDERS: OnceLock<Vec<AhoCorasick>> = OnceLock::new();
    let table = verb_table();
    let finders = FINDERS.get_or_init(|| {
        table.iter().map(|(_, verbs)| AhoCorasick::new(verbs).expect("speech verbs build an automaton")).collect()
    });
    let pick = |l: &str| table.iter().position(|(x, _)| x == l);
    let at = lang.and_then(pick).or_else(|| pick("*")).expect("the table has a '*' row");
    (&table[at].1, &finders[at])
}

fn verb_table() -> &'static [(String, Vec<String>)] {
    static VERBS: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    VERBS.get_or_init(|| {
        let mut by_lang: Vec<(String, Vec<String>)> = Vec::new();
        let mut all: Vec<String> = Vec::new();
        for line in include_str!("../data/speech.tsv").lines().filter(|l| !l.starts_with('#')) {
            let Some((l, verb)) = line.split_once('\t') else {
                continue;
            };
            match by_lang.iter_mut().find(|(x, _)| x == l) {
                Some((_, v)) => v.push(verb.to_string()),
                None => by_lang.push((l.to_string(), vec![verb.to_string()])),
            }
            // "so" is a German attribution but an English adverb: not for unknown languages.
            if verb != "so" && !all.contains(&verb.to_string()) {
                all.push(verb.to_string());
            }
        }
        by_lang.push(("*".to_string(), all));
        for (_, v) in &mut by_lang {
            v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        }
        by_lang
    })
}

/// A person or organization mention: byte range, entity name, is a person.
#[derive(Clone, Copy)]
struct Mention<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    person: bool,
}

struct Attribution<'a> {
    text: &'a str,
    mentions: Vec<Mention<'a>>,
    /// Outer byte ranges of all quotes, to skip names quoted rather than introduced.
    quoted: Vec<(usize, usize)>,
    verbs: &'static [String],
    /// Finds every occurrence of every verb, overlaps included.
    verb_finder: &'static AhoCorasick,
    entities: &'a [FoundEntity],
    sentences: &'a [(usize, usize)],
}

/// Direct quotes and their speakers. Long because it is one pass over the
/// quotation marks that carries the open quote, the paragraph and the last
/// speaker from one quote to the next (the carry-over rules need all three).
pub fn find_quotes(
    text: &str,
    sentences: &[(usize, usize)],
    entities: &[FoundEntity],
    lang: Option<&str>,
) -> Vec<FoundQuote> {
    let mut mentions: Vec<Mention> = entities
        .iter()
        .filter(|e| e.kind != EntityType::Loc)
        .flat_map(|e| {
            let person = e.kind == EntityType::Person;
            e.mentions.iter().map(move |m| Mention { start: m.0, end: m.1, name: e.name.as_str(), person })
        })
        .collect();
    mentions.sort_by_key(|m| m.start);
    let spans = quoted_spans(text);
    let (verbs, verb_finder) = speech_verbs(lang);
    let at = Attribution {
        text,
        mentions,
        quoted: spans.iter().map(|q| (q.0, q.3)).collect(),
        verbs,
        verb_finder,
        entities,
        sentences,
    };
    let sentence_of = |pos: usize| sentences.iter().position(|s| s.0 <= pos && pos < s.1.max(s.0 + 1));
    let paragraph_start = |pos: usize| text[..pos].rfind("\n\n").map_or(0, |p| p + 2);
    let mut out: Vec<FoundQuote> = Vec::new();
    // Outer start and paragraph start of each kept quote, for carry-over.
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (idx, &(open, start, end, close)) in spans.iter().enumerate() {
        crate::pipeline::budget::check();
        let inner = &text[start..end];
        if inner.split_whitespace().count() < MIN_WORDS {
            continue;
        }
        let start = start + (inner.len() - inner.trim_start().len());
        let end = end - (inner.len() - inner.trim_end().len());
        let para = paragraph_start(open);
        let sentence = sentence_of(open);
        let sentence_start = sentence.map_or(para, |s| sentences[s].0).max(para);
        let para_end = memchr::memmem::find(&text.as_bytes()[close..], b"\n\n").map_or(text.len(), |p| close + p);
        // After the quote: up to the next quote or the end of its sentence.
        let next_open = spans.get(idx + 1).map_or(text.len(), |q| q.0);
        let after_end = sentence_of(close.saturating_sub(1))
            .map_or(para_end, |s| sentences[s].1)
            .max(close)
            .min(next_open)
            .min(para_end);
        let after_end = if after_end == close {
            // The quote ends its sentence ("…?" Moore said.): the attribution may be the next one.
            let next = close + (text[close..].len() - text[close..].trim_start_matches([' ', '\t']).len());
            sentence_of(next).map_or(close, |s| sentences[s].1).min(next_open).min(para_end).max(close)
        } else {
            after_end
        };
        let prev_close = if idx > 0 { spans[idx - 1].3 } else { 0 };
        let before = (sentence_start.max(prev_close).min(open), open);
        let opens = text[before.0..before.1].trim().is_empty();
        let speaker = at
            .after(close, after_end, open)
            .or_else(|| at.before(before.0, before.1, open))
            .or_else(|| {
                // Speaker in the previous sentence ("Lunde said:" / a verb), when this quote opens its own.
                let s = sentence?;
                if !opens || s == 0 || sentences[s - 1].0 < para.saturating_sub(2) {
                    return None;
                }
                let prev = sentences[s - 1];
                let lead = text[prev.0..prev.1].trim_end();
                let colon = lead.ends_with(':');
                (colon || at.verb_last(prev.0, prev.1).is_some()).then(|| at.before(prev.0, prev.1, open)).flatten()
            })
            .or_else(|| {
                // No attribution of its own: the speaker of the quote before it, in this
                // paragraph or (for a paragraph that is a quote) the previous one.
                let (prev_open, prev_para) = *kept.last()?;
                let prev_speaker = out.last()?.speaker.clone()?;
                let previous_paragraph = text[..para.saturating_sub(2)].rfind("\n\n").map_or(0, |p| p + 2);
                let near = prev_para == para || (opens && para == open && prev_para == previous_paragraph);
                (near && prev_open < open).then_some(prev_speaker)
            })
            .or_else(|| {
                // A paragraph that is only a quote, after one that reports speech
                // ("Matlow said he thinks …"): the reporter of that speech.
                let s = sentence?;
                let whole = para == open && text[close..para_end].trim().len() <= 2;
                if !whole || s == 0 || para < 2 || sentences[s - 1].1 > para {
                    return None;
                }
                // Its last sentence that reports speech.
                let prev_para = text[..para - 2].rfind("\n\n").map_or(0, |p| p + 2);
                sentences[..s].iter().rev().take_while(|p| p.1 > prev_para).find_map(|&(a, b)| {
                    let (a, b) = (a.max(prev_para), b.min(para));
                    let verb = *at.verbs_in(a, b).first()?;
                    at.subject(a, b, verb, open)
                })
            });
        kept.push((open, para));
        out.push(FoundQuote { start, end, speaker });
    }
    out
}

/// Abbreviated titles before a name ("said Rep. Jim McGovern"), never a surname.
const TITLE_ABBREVIATIONS: &[&str] =
    &["Rep", "Sen", "Gov", "Dr", "Mr", "Mrs", "Ms", "Prof", "Lt", "Gen", "Col", "Sgt", "Capt", "Supt", "Insp", "Det"];

/// Determiners opening a described speaker ("the mayor", "la ministre", "der Sprecher").
const DETERMINERS: &[&str] =
    &["the", "a", "an", "le", "la", "l", "un", "une", "der", "die", "das", "ein", "eine", "el", "los", "las", "una"];

const PRONOUNS: &[&str] = &["he", "she", "il", "elle", "er", "sie", "él", "ella"];

/// Auxiliaries between a pronoun and its speech verb ("he was quoted", "sie hat gesagt").
const AUXILIARIES: &[&str] = &["was", "is", "has", "had", "would", "will", "hat", "hatte", "habe"];

/// Role nouns of an organization speaking ("the company said").
const ORG_NOUNS: &[&str] = &[
    "company",
    "firm",
    "group",
    "union",
    "agency",
    "department",
    "ministry",
    "government",
    "organization",
    "organisation",
    "bank",
    "airline",
    "railway",
    "retailer",
    "carrier",
    "club",
    "team",
    "party",
    "board",
    "council",
    "association",
    "university",
    "entreprise",
    "société",
    "groupe",
    "ministère",
    "syndicat",
    "unternehmen",
    "konzern",
    "ministerium",
    "empresa",
    "compañía",
    "ministerio",
];

/// Possessives of a described subject ("her statement read").
const POSSESSIVES: &[&str] = &["his", "her", "sa", "son", "seine", "seiner", "ihre", "ihr"];

/// A clause before its verb that is only a described subject: a determiner,
/// then lower-case words and commas ("”, the lanky, bespectacled professor").
fn described_subject(lead: &str) -> bool {
    let lead = lead.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut words = lead.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
    let Some(first) = words.next() else { return false };
    let rest: Vec<&str> = words.collect();
    DETERMINERS.contains(&first.to_lowercase().as_str())
        && (1..=5).contains(&rest.len())
        && rest.iter().all(|w| w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()))
}

impl<'a> Attribution<'a> {
    /// Speech verb positions (start, end) in `[from, to)`, as whole words.
    fn verbs_in(&self, from: usize, to: usize) -> Vec<(usize, usize)> {
        let window = &self.text[from..to];
        // Borrowed when the window is lower case already (`to_lowercase`'s answer, without a copy).
        let lower = lowercase(window);
        if lower.len() != window.len() {
            // Lower-casing changed byte lengths: positions would not map back.
            return Vec::new();
        }
        // Every occurrence of every verb in one pass, then taken verb by verb
        // (longest first) and left to right, skipping an occurrence that
        // overlaps the verb's previous one, as `match_indices` per verb would.
        let mut hits: Vec<(usize, usize)> = self
            .verb_finder
            .find_overlapping_iter(lower.as_ref())
            .map(|m| (m.pattern().as_usize(), m.start()))
            .collect();
        hits.sort_unstable();
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut k = 0;
        while k < hits.len() {
            let id = hits[k].0;
            let verb = &self.verbs[id];
            let mut searched_to = 0;
            while k < hits.len() && hits[k].0 == id {
                let pos = hits[k].1;
                k += 1;
                if pos < searched_to {
                    continue;
                }
                searched_to = pos + verb.len();
                let end = pos + verb.len();
                let before_ok = lower[..pos].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                let after_ok = lower[end..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '\'');
                if before_ok && after_ok && !found.iter().any(|&(s, e)| s < from + end && from + pos < e) {
                    found.push((from + pos, from + end));
                }
            }
        }
        found.sort();
        found
    }

    fn verb_last(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        self.verbs_in(from, to).pop()
    }

    /// After the quote: the first speech verb and its subject.
    fn after(&self, from: usize, to: usize, open: usize) -> Option<String> {
        if from >= to {
            return None;
        }
        let verb = *self.verbs_in(from, to).first()?;
        self.subject(from, to, verb, open)
    }

    /// Before the quote: the last speech verb (or a colon ending the lead) and its subject.
    fn before(&self, from: usize, to: usize, open: usize) -> Option<String> {
        if from >= to {
            return None;
        }
        let lead = self.text[from..to].trim_end();
        match self.verb_last(from, to) {
            Some(verb) => self.subject(from, to, verb, open),
            None if lead.ends_with(':') || lead.ends_with(',') && lead.len() < 120 => {
                let anchor = (from + lead.len(), from + lead.len());
                self.nearest(from, to, anchor, true).or_else(|| self.nearest(from, to, anchor, false))
            }
            None => None,
        }
    }

    /// Who speaks in the clause `[from, to)` with a speech verb at `verb`.
    fn subject(&self, from: usize, to: usize, verb: (usize, usize), open: usize) -> Option<String> {
        // A clause ends at a sentence mark or a second quote; keep to the verb's clause.
        let (from, to) = self.clause(from, to, verb);
        let near = self.word_by_verb(from, to, verb);
        // "he tells Foster": the pronoun by the verb is the subject, not the name after it.
        if matches!(near, Some(Near::Pronoun)) {
            return self.last_person_before(open);
        }
        if let Some(p) = self.nearest(from, to, verb, true) {
            return Some(p);
        }
        match near {
            Some(Near::Name(name)) => return Some(name),
            // "the mayor said": the person introduced as mayor ("Mayor Doug
            // McCallum", "Doug McCallum, the mayor"), else the person named before.
            // "the company said": the organization named before.
            Some(Near::Role(Some(role))) if ORG_NOUNS.contains(&role.as_str()) => {
                return self.last_named_before(open, false)
            }
            Some(Near::Role(role)) => {
                return role.and_then(|r| self.titled_person_before(open, &r)).or_else(|| self.last_person_before(open))
            }
            Some(Near::Pronoun) | None => {}
        }
        self.nearest(from, to, verb, false)
    }

    /// `[from, to)` cut at the clause ends around the verb: a semicolon, "!" or
    /// "?", or a full stop after a lower-case word (not "Dr.", "Rep.", "e.GO").
    fn clause(&self, from: usize, to: usize, verb: (usize, usize)) -> (usize, usize) {
        let text = self.text;
        let is_end = |p: usize| -> bool {
            let c = text.as_bytes()[p];
            // ASCII punctuation only, so `p + 1` is a character boundary.
            let spaced = || p + 1 == text.len() || text[p + 1..].starts_with(char::is_whitespace);
            match c {
                b';' | b'!' | b'?' => true,
                b'.' if spaced() => {
                    let word = text[..p].rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
                    word.chars().count() >= 3 && word.starts_with(char::is_lowercase)
                }
                _ => false,
            }
        };
        let start = (from..verb.0).rev().find(|&p| is_end(p)).map_or(from, |p| p + 1);
        let end = (verb.1..to).find(|&p| is_end(p)).unwrap_or(to);
        (start.min(verb.0), end.max(verb.1))
    }

    /// The person (or organization) mention in `[from, to)` closest to `verb`.
    fn nearest(&self, from: usize, to: usize, verb: (usize, usize), person: bool) -> Option<String> {
        // Mentions are sorted by start: only those starting in [from, to] can
        // lie inside (scanning them all per quote is quadratic on long pages).
        let first = self.mentions.partition_point(|m| m.start < from);
        let past = self.mentions.partition_point(|m| m.start <= to);
        self.mentions[first..past.max(first)]
            .iter()
            .filter(|m| m.person == person && m.start >= from && m.end <= to)
            .min_by_key(|m| if m.start >= verb.1 { m.start - verb.1 } else { verb.0.saturating_sub(m.end) })
            .map(|m| m.name.to_string())
    }

    /// A pronoun or a bare capitalised word right before or after the verb.
    fn word_by_verb(&self, from: usize, to: usize, verb: (usize, usize)) -> Option<Near> {
        let text = self.text;
        let after =
            text[verb.1..to].split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'').find(|w| !w.is_empty());
        let before =
            text[from..verb.0].rsplit(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'').find(|w| !w.is_empty());
        for w in [before, after].into_iter().flatten() {
            if PRONOUNS.contains(&w.to_lowercase().as_str()) {
                return Some(Near::Pronoun);
            }
        }
        let second_before = text[from..verb.0].rsplit(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).nth(1);
        // "he was quoted as saying", "she has said": a pronoun and an auxiliary.
        if before.is_some_and(|w| AUXILIARIES.contains(&w))
            && second_before.is_some_and(|w| PRONOUNS.contains(&w.to_lowercase().as_str()))
        {
            return Some(Near::Pronoun);
        }
        let determiner = |w: Option<&str>| w.is_some_and(|w| DETERMINERS.contains(&w.to_lowercase().as_str()));
        // The role noun: "the mayor said" (before the verb), "said the mayor" (after it).
        let role_after =
            text[verb.1..to].split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).nth(1);
        let role = if determiner(after) {
            Some(role_after)
        } else if determiner(second_before) && before.is_some_and(|w| w.starts_with(char::is_lowercase)) {
            Some(before)
        } else if POSSESSIVES.contains(&second_before.unwrap_or("").to_lowercase().as_str())
            && before.is_some_and(|w| w.starts_with(char::is_lowercase))
        {
            // "her statement read", "sa porte-parole a dit": the owner named before.
            return Some(Near::Pronoun);
        } else if described_subject(&text[from..verb.0]) {
            // "the lanky, bespectacled professor said".
            Some(before)
        } else {
            None
        };
        let after_at = after.and_then(|w| text[verb.1..to].find(w).map(|p| verb.1 + p));
        let before_at = before.and_then(|w| text[from..verb.0].rfind(w).map(|p| from + p));
        for (w, at) in [(after, after_at), (before, before_at)] {
            let (Some(w), Some(at)) = (w, at) else { continue };
            if w.starts_with(char::is_uppercase) && w.chars().count() > 1 && !w.chars().all(char::is_uppercase) {
                let lower = w.to_lowercase();
                let lx = Lexicon::get();
                if lx.stopwords_any.contains(&lower) || lx.titles.contains(&lower) || TITLE_ABBREVIATIONS.contains(&w) {
                    continue;
                }
                let full = self.full_name(w);
                // "… at Railroad Workers United, said": part of a named organization, no surname.
                if full == w && self.in_other_entity(at, at + w.len()) {
                    continue;
                }
                return Some(Near::Name(full));
            }
        }
        role.map(|r| Near::Role(r.map(str::to_lowercase)))
    }

    /// Whether `[a, b)` lies in an organization or place mention.
    fn in_other_entity(&self, a: usize, b: usize) -> bool {
        self.entities
            .iter()
            .filter(|e| e.kind != EntityType::Person)
            .any(|e| e.mentions.iter().any(|&(s, t)| s <= a && b <= t))
    }

    /// The last person before `pos`, outside quotes, introduced with `role`:
    /// right after it ("Mayor Doug McCallum") or followed by it ("Doug
    /// McCallum, the mayor of Surrey").
    fn titled_person_before(&self, pos: usize, role: &str) -> Option<String> {
        if role.chars().count() < 3 {
            return None;
        }
        let text = self.text;
        let outside = |m: &Mention| !self.quoted.iter().any(|&(a, b)| a <= m.start && m.end <= b);
        self.mentions.iter().rev().filter(|m| m.person && m.end <= pos && outside(m)).find_map(|m| {
            let word_before = text[..m.start].trim_end().rsplit(|c: char| !c.is_alphanumeric() && c != '-').next()?;
            let after = &text[m.end..];
            let apposition = after.strip_prefix(", ").map(|rest| {
                let clause = &rest[..rest.find([',', '.', ';', '\n']).unwrap_or(rest.len())];
                clause.split_whitespace().take(4).any(|w| w.eq_ignore_ascii_case(role))
            });
            (word_before.eq_ignore_ascii_case(role)
                || word_before.rsplit('-').next().is_some_and(|w| w.eq_ignore_ascii_case(role))
                || apposition == Some(true))
            .then(|| m.name.to_string())
        })
    }

    /// "Golden" → "Wendy Golden" when one person named in full has that surname.
    fn full_name(&self, surname: &str) -> String {
        let mut full = self.entities.iter().filter(|e| {
            e.kind == EntityType::Person && e.name.rsplit(' ').next() == Some(surname) && e.name.contains(' ')
        });
        match (full.next(), full.next()) {
            (Some(e), None) => e.name.clone(),
            _ => surname.to_string(),
        }
    }

    /// The last person named before `pos`, outside quotes, within a few
    /// paragraphs; of the sentence that names them, its first person, the
    /// likely subject ("Klisch said … lawmakers and Trump. “…,” he said" is Klisch).
    fn last_person_before(&self, pos: usize) -> Option<String> {
        self.last_named_before(pos, true)
    }

    /// The last person (or organization) named before `pos`, as `last_person_before`.
    fn last_named_before(&self, pos: usize, person: bool) -> Option<String> {
        let outside = |m: &&Mention| !self.quoted.iter().any(|&(a, b)| a <= m.start && m.end <= b);
        let last_before = |pos: usize| {
            self.mentions
                .iter()
                .filter(|m| m.person == person && m.end <= pos && pos - m.end < 1500)
                .filter(outside)
                .max_by_key(|m| m.end)
        };
        let sentence_of = |m: &Mention| self.sentences.iter().find(|s| s.0 <= m.start && m.start < s.1);
        let mut last = last_before(pos)?;
        // "He said the business, run by his father's friend, Martin Legere, …": a
        // sentence whose subject is a pronoun is about someone named before it.
        for _ in 0..2 {
            let Some(&(s, _)) = sentence_of(last) else { break };
            let first_word = self.text[s..last.start].split(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty());
            if !first_word.is_some_and(|w| PRONOUNS.contains(&w.to_lowercase().as_str())) {
                break;
            }
            match last_before(s) {
                Some(m) => last = m,
                None => break,
            }
        }
        let sentence = sentence_of(last);
        let in_sentence = |s: usize| {
            self.mentions
                .iter()
                .filter(move |m| m.person == person && m.start >= s && m.end <= last.end)
                .filter(outside)
        };
        // Of that sentence, the one a speech verb follows ("…, Foster writes"), else its first.
        let speaking = sentence.and_then(|&(s, e)| {
            in_sentence(s).rev().find(|m| {
                let to = (m.end + 24).min(e);
                to > m.end
                    && self.text.is_char_boundary(to)
                    && self.verbs_in(m.end, to).first().is_some_and(|v| v.0 <= m.end + 1)
            })
        });
        let first = sentence.and_then(|&(s, _)| in_sentence(s).next());
        Some(speaking.or(first).unwrap_or(last).name.to_string())
    }
}

enum Near {
    Pronoun,
    /// A described speaker: "says the founder", "the mayor said", with the role noun.
    Role(Option<String>),
    Name(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::enrich::entities::find_entities;

    /// `quoted_spans` as first written: every character looked at.
    fn quoted_spans_by_chars(text: &str) -> Vec<(usize, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let Some(span) = quote_at(text, i, c) else { continue };
            out.push(span);
            while iter.peek().is_some_and(|(j, _)| *j < span.3) {
                iter.next();
            }
        }
        out
    }

    /// `close_of` as first written: the straight marks found by `str::find`.
    fn close_of_by_str_find(open: char, rest: &str, closers: &[char]) -> Option<usize> {
        let curly = rest.find(closers);
        if open != '“' {
            return curly;
        }
        let Some(straight) = rest.find('"') else {
            return curly;
        };
        let nested = |close: usize| rest[straight + 1..].find('"').is_some_and(|next| straight + 1 + next < close);
        match curly {
            Some(close) if straight > close || nested(close) => Some(close),
            _ => Some(straight),
        }
    }

    #[test]
    fn closes_found_by_memchr_are_those_of_str_find() {
        let mut texts = crate::pipeline::text::generated::Texts::over("a \"“”«»é\n");
        for _ in 0..20_000 {
            let len = (texts.next() % 12) as usize;
            let rest = texts.text(len);
            for open in ['“', '"', '«'] {
                let closers = closing_for(open).expect("an opening mark");
                assert_eq!(close_of(open, &rest, closers), close_of_by_str_find(open, &rest, closers), "{rest:?}");
            }
        }
    }

    #[test]
    fn quoted_spans_by_bytes_match_the_character_walk() {
        let mut texts = crate::pipeline::text::generated::Texts::over("a \"“”«»„‘’—é\n");
        for _ in 0..20_000 {
            let len = (texts.next() % 14) as usize;
            let text = texts.text(len);
            assert_eq!(quoted_spans(&text), quoted_spans_by_chars(&text), "{text:?}");
        }
    }
    use crate::pipeline::text::sentence_spans;

    fn quotes(text: &str, lang: &str) -> Vec<(String, Option<String>)> {
        let sentences = sentence_spans(text);
        let entities = find_entities(text, &sentences, Some(lang));
        find_quotes(text, &sentences, &entities, Some(lang))
            .into_iter()
            .map(|q| (text[q.start..q.end].to_string(), q.speaker))
            .collect()
    }

    #[test]
    fn a_curly_opening_closed_by_a_straight_mark_is_a_quote_unless_a_curly_close_follows() {
        // An editor's slip: the quote and its speaker are still found.
        let q =
            quotes("“We would never accept a deal like that one, not now and not later,\" said Andrew Scheer.", "en");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].0.starts_with("We would never") && q[0].0.ends_with("not later,"), "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Andrew Scheer"));
        // A straight pair inside a curly quote stays inside it.
        let q = quotes("“He told me \"no\" twice and then he left the room for good,” said Jane Roe.", "en");
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].0.ends_with("for good,"), "{q:?}");
        // Across paragraphs no mark closes another.
        assert!(quotes("“We would never accept a deal like that one.\n\nOthers disagreed with him \" today.", "en")
            .is_empty());
    }

    #[test]
    fn a_surname_after_the_verb_is_the_person_named_in_full() {
        let q = quotes("Wendy Golden lost her son in March. \"We had no warning at all, none,\" says Golden.", "en");
        assert_eq!(q[0].1.as_deref(), Some("Wendy Golden"));
    }

    #[test]
    fn a_person_in_the_clause_beats_an_organization() {
        let q = quotes("“If we blame each other, this could last a long time,” Senator Richard Shelby told CBS.", "en");
        assert_eq!(q[0].1.as_deref(), Some("Richard Shelby"));
        let q = quotes("“We are going to do our job here,” said Rep. Jim McGovern on Sunday.", "en");
        assert_eq!(q[0].1.as_deref(), Some("Jim McGovern"));
    }

    #[test]
    fn he_said_is_the_last_person_named_as_a_subject() {
        let text = "Russ Klisch runs a brewery. Klisch said a beer might help lawmakers and Donald Trump. \
                    “I think they would figure it out over a beer,” he said.";
        let q = quotes(text, "en");
        assert_eq!(q[0].1.as_deref(), Some("Russ Klisch"));
        let text = "Former porter Harold Adams recalls the long nights. “I came home and said I am not going back,” he tells Foster.";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Harold Adams"));
    }

    #[test]
    fn the_role_noun_is_the_person_introduced_with_it() {
        let text = "Surrey Mayor Doug McCallum spoke first. Councillor Linda Annis disagreed with Brenda Locke.\n\n\
                    “We have had a declining use of ice for hockey,” the mayor told reporters.";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Doug McCallum"));
        let text = "Doug McCallum, the mayor of Surrey, spoke first. Brenda Locke disagreed.\n\n\
                    “We have had a declining use of ice,” said the mayor.";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Doug McCallum"));
        // No one introduced with the role: the person named before, as for "he said".
        let text = "Russ Klisch runs a brewery. “I think they would figure it out over a beer,” the founder said.";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Russ Klisch"));
    }

    #[test]
    fn the_speaker_carries_over_to_the_next_quoted_paragraph() {
        let text =
            "“We cannot keep patching this wall,” said Harriet Lunde.\n\n“This vote gives us a plan for ten years.”";
        let q = quotes(text, "en");
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].1.as_deref(), Some("Harriet Lunde"));
    }

    #[test]
    fn speakers_after_before_colon_and_continued() {
        let q = quotes("“We cannot keep patching this wall,” said Harriet Lunde, who chairs the committee. “This vote gives us a plan.”", "en");
        assert_eq!(
            q,
            vec![
                ("We cannot keep patching this wall,".to_string(), Some("Harriet Lunde".to_string())),
                ("This vote gives us a plan.".to_string(), Some("Harriet Lunde".to_string())),
            ]
        );
        let q = quotes("Vladimir Poutine est venu. Poutine a écrit, \"Nous apprécions absolument la position de la Corée.\" Un \"partenariat stratégique\" est prévu.", "fr");
        assert_eq!(
            q,
            vec![(
                "Nous apprécions absolument la position de la Corée.".to_string(),
                Some("Vladimir Poutine".to_string())
            )]
        );
        let q = quotes("Claus Weselsky sagte: „Wir werden weiter streiken, bis es ein Angebot gibt.“", "de");
        assert_eq!(q[0].1.as_deref(), Some("Claus Weselsky"));
        let q = quotes("«No vamos a cerrar ninguna planta este año», declaró Ana López en Valladolid.", "es");
        assert_eq!(q[0], ("No vamos a cerrar ninguna planta este año".to_string(), Some("Ana López".to_string())));
    }

    #[test]
    fn a_quote_paragraph_after_reported_speech_is_the_reporter_s() {
        let text = "Josh Matlow said he thinks the city should act on housing now.\n\n\"I think that's something we need to fight for, no matter who wins.\"";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Josh Matlow"));
        let text = "Claus Weselsky sagte am Montag, die Gewerkschaft werde weiter streiken.\n\n„Wir werden weiter streiken, bis es ein Angebot gibt.“";
        assert_eq!(quotes(text, "de")[0].1.as_deref(), Some("Claus Weselsky"));
        // Not after a paragraph without reported speech.
        let text = "Josh Matlow visited the site on Monday.\n\n\"I think that's something we need to fight for, no matter who wins.\"";
        assert_eq!(quotes(text, "en")[0].1, None);
    }

    #[test]
    fn a_pronoun_and_an_auxiliary_before_the_verb_is_the_last_person() {
        let text = "Doug McCallum expressed serious concern about the debt.\n\n“When the books were shown to me, I was deeply dismayed,” he was quoted as saying.";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Doug McCallum"));
        // Reported speech earlier in the previous paragraph.
        let text = "For his part, Dennis Brooks said he obtained housing with help. On Monday, he moved in.\n\n\"It feels good. It feels warm. And nobody can bother you.\"";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Dennis Brooks"));
    }

    #[test]
    fn he_said_skips_a_person_named_in_a_sentence_about_him() {
        let text = "Kevin Vickers said he wants to carry on the legacy of his father. \
                    He said the business, along with a credit union run by a friend, Martin Legere, gave the province a boost.\n\n\
                    \"They brought a lot of jobs, a lot of great times to the province,\" he said.";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Kevin Vickers"));
    }

    #[test]
    fn described_and_possessive_subjects_are_the_person_named_before() {
        let text = "Guenther Schuh is aware of the risk. “I don't know any carmaker that makes money in this category,” the lanky, bespectacled professor said.";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Guenther Schuh"));
        let text = "Minister Shannon Phillips announced the sessions were cancelled.\n\n“I have heard stories of people afraid to attend events,” her statement read.";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Shannon Phillips"));
    }

    #[test]
    fn the_company_said_is_the_organization_named_before() {
        let text = "Google said Thursday that Apple has revoked its certificate. \"We're working with Apple to fix a temporary disruption,\" the company said in a statement.";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Google"));
    }

    #[test]
    fn he_said_prefers_the_person_a_speech_verb_follows() {
        let text =
            "Leaders like Prime Minister Wilfrid Laurier envisioned a white country, Cecil Foster writes in his book. \
                    “Canada wasn't originally intended to be a multicultural society,” he writes.";
        assert_eq!(quotes(text, "en")[0].1.as_deref(), Some("Cecil Foster"));
    }

    #[test]
    fn a_word_of_an_organization_s_name_is_no_surname() {
        let text = "“Things break that normally don't in this cold,” said an organizer at Railroad Workers United.";
        assert_ne!(quotes(text, "en")[0].1.as_deref(), Some("United"));
    }
}
