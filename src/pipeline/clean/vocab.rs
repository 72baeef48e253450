//! The boilerplate vocabulary (`../data/boilerplate.tsv`), parsed once.

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::pipeline::text::{key_words, match_key};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Category {
    Skip,
    Nav,
    Share,
    Comments,
    Related,
    Label,
    Footer,
    /// A line that is only a date or time stamp ("Updated 12:24 am EST, Nov. 20, 2019").
    Dateline,
    /// A line that is only counters ("40.1k 4 gold badges 64 silver badges", "12 votes").
    Counter,
}

pub(crate) struct Vocabulary {
    /// Whole-line phrases (match keys) and what they are.
    phrases: HashMap<String, Category>,
    /// Words that, making up a whole short line, form an access or ad label.
    label_words: HashSet<String>,
    /// Phrases that mark a short line as legal/copyright footer wherever they occur in it.
    footer_phrases: Vec<String>,
    /// `footer_phrases` in one automaton: a loop of substring searches per line was
    /// most of the furniture check's time.
    footer_matcher: AhoCorasick,
    /// The same, case-insensitive over raw text: a cheap first look at long lines.
    footer_raw: AhoCorasick,
    /// Words that, with digits, make up a whole short line of date or time.
    date_words: HashSet<String>,
    /// Words that, with digits, make up a whole short line of counters.
    counter_words: HashSet<String>,
    /// One-word comments rows and the reply words: what a header quoting
    /// the piece's title calls its replies.
    comment_words: HashSet<String>,
    /// What a comment theme prints after each commenter's name ("says", "a dit").
    say_words: Vec<String>,
    /// Words a cookie banner says beside "cookies" ("browser", "consentement", "Daten").
    consent_words: HashSet<String>,
    /// Headers of a blog's list of its other posts, for the text path only.
    text_related: HashSet<String>,
    /// The longest key in `phrases` and `text_related`: a longer line (most
    /// prose) is looked up in neither, so its key is never hashed.
    longest: usize,
}

static TABLE: &str = include_str!("../data/boilerplate.tsv");

pub(crate) fn vocabulary() -> &'static Vocabulary {
    static VOCAB: OnceLock<Vocabulary> = OnceLock::new();
    VOCAB.get_or_init(|| Vocabulary::parse(TABLE))
}

impl Vocabulary {
    fn parse(table: &str) -> Vocabulary {
        let mut vocab = Vocabulary {
            phrases: HashMap::default(),
            label_words: HashSet::default(),
            footer_phrases: Vec::new(),
            footer_matcher: AhoCorasick::new([""; 0]).expect("empty automaton"),
            footer_raw: AhoCorasick::new([""; 0]).expect("empty automaton"),
            date_words: HashSet::default(),
            counter_words: HashSet::default(),
            comment_words: HashSet::default(),
            say_words: Vec::new(),
            consent_words: HashSet::default(),
            text_related: HashSet::default(),
            longest: 0,
        };
        for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut cols = line.split('\t');
            let (Some(category), Some(_lang), Some(phrase)) = (cols.next(), cols.next(), cols.next()) else {
                panic!("boilerplate.tsv: malformed row {line:?}");
            };
            let key = match_key(phrase);
            let category = match category {
                "skip" => Category::Skip,
                "nav" => Category::Nav,
                "share" => Category::Share,
                "comments" => {
                    if !key.contains(' ') {
                        vocab.comment_words.insert(key.clone());
                    }
                    Category::Comments
                }
                "reply" => {
                    vocab.comment_words.insert(key);
                    continue;
                }
                "says" => {
                    vocab.say_words.push(key);
                    continue;
                }
                "consent" => {
                    vocab.consent_words.insert(key);
                    continue;
                }
                "related" => Category::Related,
                "text-related" => {
                    vocab.text_related.insert(key);
                    continue;
                }
                "label" => {
                    vocab.label_words.insert(key);
                    continue;
                }
                "date" => {
                    vocab.date_words.extend(key.split(' ').map(str::to_string));
                    continue;
                }
                "counter" => {
                    vocab.counter_words.extend(key.split(' ').map(str::to_string));
                    continue;
                }
                "footer" => {
                    vocab.footer_phrases.push(key.clone());
                    Category::Footer
                }
                other => panic!("boilerplate.tsv: unknown category {other:?}"),
            };
            vocab.phrases.insert(key, category);
        }
        vocab.longest = vocab.phrases.keys().chain(&vocab.text_related).map(String::len).max().unwrap_or(0);
        vocab.footer_matcher = AhoCorasick::new(&vocab.footer_phrases).expect("footer phrases build an automaton");
        vocab.footer_raw = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&vocab.footer_phrases)
            .expect("footer phrases build an automaton");
        vocab
    }

    /// Classifies one line of page text by its match key; `None` means content.
    #[cfg(test)]
    pub(crate) fn classify(&self, line: &str) -> Option<Category> {
        self.classify_key(line, &match_key(line))
    }

    /// Whether a line too long for a label can still be furniture (a legal
    /// line, a counter line), judged on the raw text without computing its
    /// match key: most long lines are prose and skip the key.
    pub(crate) fn may_be_long_furniture(&self, line: &str) -> bool {
        line.bytes().any(|b| b.is_ascii_digit()) || line.contains('©') || self.footer_raw.is_match(line)
    }

    /// A word (lower case) that names a thread's replies ("comments",
    /// "responses", "Kommentare", "respuestas").
    pub(crate) fn is_comment_word(&self, word: &str) -> bool {
        self.comment_words.contains(word)
    }

    /// A word (lower case) a cookie banner says beside "cookies": the site,
    /// the browser, consent, data, partners, settings.
    pub(crate) fn is_consent_word(&self, word: &str) -> bool {
        self.consent_words.contains(word)
    }

    /// A header (match key) of a blog's list of its other posts ("more
    /// articles", "latest posts"): related on a page that arrives as text.
    pub(crate) fn is_text_related(&self, key: &str) -> bool {
        key.len() <= self.longest && self.text_related.contains(key)
    }

    /// A comment's header: a name (up to five words) and the verb a comment
    /// theme prints after it ("Jane Roe says:", "Marie a dit :"), or the verb
    /// alone where the name has a line of its own: `Some(alone)`. `marked`:
    /// the verb ends in a colon or was printed on a line of its own, not
    /// inside a sentence.
    pub(crate) fn comment_header(&self, key: &str, marked: bool) -> Option<bool> {
        if words_in(key) > 7 {
            return None;
        }
        if self.say_words.iter().any(|w| w == key) {
            return Some(true);
        }
        let named = |w: &String| {
            let name = key.strip_suffix(w.as_str()).and_then(|n| n.strip_suffix(' '));
            name.is_some_and(|n| words_in(n) <= 5)
        };
        (marked && self.say_words.iter().any(named)).then_some(false)
    }

    /// `classify` with the line's `match_key` already computed.
    pub(crate) fn classify_key(&self, line: &str, key: &str) -> Option<Category> {
        if key.is_empty() {
            // Digits and punctuation only: counters, separators, page numbers.
            return Some(Category::Nav);
        }
        if let Some(&category) = (key.len() <= self.longest).then(|| self.phrases.get(key)).flatten() {
            return Some(category);
        }
        // Words counted, and walked only for short lines (most lines are long).
        let n_words = words_in(key);
        let all_in = |set: &HashSet<String>| key_words(key).all(|w| set.contains(w));
        if n_words <= 5 && all_in(&self.label_words) {
            return Some(Category::Label);
        }
        // A stamp or counter: digits, and nothing but its vocabulary's words.
        let made_of = |set: &HashSet<String>| n_words <= 12 && line.bytes().any(|b| b.is_ascii_digit()) && all_in(set);
        if made_of(&self.date_words) {
            return Some(Category::Dateline);
        }
        if made_of(&self.counter_words) {
            return Some(Category::Counter);
        }
        let short = n_words <= 25;
        if short && (line.trim_start().starts_with('©') || self.has_footer_phrase(key)) {
            return Some(Category::Footer);
        }
        None
    }
}

/// `key.split(' ').count()`: the words of a match key, counted without splitting it.
fn words_in(key: &str) -> usize {
    // Over the byte slice, which the compiler counts many bytes at a time.
    1 + key.as_bytes().iter().filter(|&&b| b == b' ').count()
}

/// Word-boundary phrase containment on match keys.
impl Vocabulary {
    /// A footer phrase occurs in `key` as whole words.
    fn has_footer_phrase(&self, key: &str) -> bool {
        self.footer_matcher.find_overlapping_iter(key).any(|m| {
            let before = m.start() == 0 || key.as_bytes()[m.start() - 1] == b' ';
            let after = m.end() == key.len() || key.as_bytes()[m.end()] == b' ';
            before && after
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recommendation_headers_open_the_teaser_zone() {
        let v = vocabulary();
        for header in [
            "Recommended articles",
            "Similar articles",
            "Articles similaires",
            "Ähnliche Artikel",
            "Artículos relacionados",
            "Artigos relacionados",
            "Материалы по теме",
        ] {
            assert_eq!(v.classify(header), Some(Category::Related), "{header}");
        }
    }

    #[test]
    fn blog_list_headers_are_related_on_the_text_path_only() {
        let v = vocabulary();
        for header in ["More articles", "Latest posts:", "Weitere Beiträge", "Más artículos", "Plus d'articles"] {
            assert!(v.is_text_related(&match_key(header)), "{header}");
            // The shared vocabulary (HTML headings too) does not take them.
            assert_eq!(v.classify(header), None, "{header}");
        }
        assert!(!v.is_text_related(&match_key("Read next")));
    }

    #[test]
    fn classifies_boilerplate_in_several_languages() {
        let v = vocabulary();
        assert_eq!(v.classify("Skip to main content"), Some(Category::Skip));
        assert_eq!(v.classify("Zum Inhalt springen"), Some(Category::Skip));
        assert_eq!(v.classify("Lesen Sie auch:"), Some(Category::Related));
        assert_eq!(v.classify("Lo más leído"), Some(Category::Related));
        assert_eq!(v.classify("128 Kommentare"), Some(Category::Comments));
        // Reply words name a thread's replies but leave a line alone.
        assert!(v.is_comment_word("kommentare") && v.is_comment_word("responses") && v.is_comment_word("réponses"));
        assert!(!v.is_comment_word("leave") && !v.is_comment_word("comment section"));
        assert_eq!(v.classify("Responses"), None);
        assert_eq!(v.classify("Premium Subscribers only"), Some(Category::Label));
        assert_eq!(v.classify("Anzeige"), Some(Category::Label));
        assert_eq!(v.classify("© 2025 Example Media. Alle Rechte vorbehalten."), Some(Category::Footer));
        assert_eq!(v.classify("— 3 —"), Some(Category::Nav));
        // Consent words make a cookie banner's sentence, never a line's category.
        assert!(v.is_consent_word("browser") && v.is_consent_word("données") && v.is_consent_word("datenschutz"));
        assert!(v.is_consent_word("configuración") && !v.is_consent_word("cookies"));
        assert_eq!(v.classify("Privacy"), None);
    }

    #[test]
    fn date_and_time_stamps_are_datelines_in_several_languages() {
        let v = vocabulary();
        for line in [
            "Updated 12:24 am EST, Wednesday, November 20, 2019",
            "Publié le 3 mars 2024 à 18h05",
            "Aktualisiert am 12. Mai 2023, 09:14 Uhr",
        ] {
            assert_eq!(v.classify(line), Some(Category::Dateline), "{line}");
        }
        assert_eq!(v.classify("On November 20, 2019 the vote was held"), None);
        assert_eq!(v.classify("Wednesday"), None, "a date needs digits");
    }

    #[test]
    fn reputation_and_vote_counters_are_counter_lines() {
        let v = vocabulary();
        for line in ["40.1k 4 4 gold badges 64 64 silver badges 161 161 bronze badges", "12 votes", "1,204 likes"] {
            assert_eq!(v.classify(line), Some(Category::Counter), "{line}");
        }
        assert_eq!(v.classify("Gold badges"), None, "counters have digits");
        assert_eq!(v.classify("She won 3 gold medals and 2 silver ones"), None);
    }

    #[test]
    fn prompts_to_sign_in_before_commenting_are_chrome() {
        let v = vocabulary();
        for line in [
            "You must be logged in to post a comment.",
            "Vous devez être connecté pour publier un commentaire.",
            "Sie müssen angemeldet sein, um einen Kommentar abzugeben.",
            "Debes iniciar sesión para publicar un comentario.",
        ] {
            assert_eq!(v.classify(line), Some(Category::Nav), "{line}");
        }
        assert_eq!(v.classify("Also in the news"), Some(Category::Related));
        assert_eq!(v.classify("Your browser does not support the video tag."), Some(Category::Footer));
        // A shop's sort control.
        assert_eq!(v.classify("Price: low to high"), Some(Category::Nav));
        assert_eq!(v.classify("You must be logged in to the portal before you file the form."), None);
    }

    #[test]
    fn keeps_sentences_that_merely_contain_vocabulary() {
        let v = vocabulary();
        assert_eq!(v.classify("The members of the public voted to share the prize."), None);
        assert_eq!(v.classify("Read more about it in the report, the minister said."), None);
        assert_eq!(v.classify("Public"), Some(Category::Label));
    }
}
