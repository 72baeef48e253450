//! Job titles and page words printed beside an author's name ("Jane Roe,
//! Staff Reporter", "Keith Barry Senior Autos Reporter", "Eric Hergenreder
//! Updated …"): never part of a name. One list for every byline reader (the
//! HTML path's author elements, the text path's author block, enrich's byline
//! parser), lower case, in the languages of the lexicon; and the words that
//! make a byline a group's ("News Desk").

const ROLE_WORDS: &[&str] = &[
    // job titles
    "editor",
    "writer",
    "reporter",
    "correspondent",
    "columnist",
    "journalist",
    "officer",
    "senior",
    "chief",
    "head",
    "director",
    "manager",
    "analyst",
    "coordinator",
    "specialist",
    "ceo",
    "cto",
    "founder",
    "co-founder",
    "redakteur",
    "redakteurin",
    "journaliste",
    "rédacteur",
    "rédactrice",
    "redactor",
    "redactora",
    "periodista",
    "corresponsal",
    // page words next to the name
    "updated",
    "published",
    "reviewed",
    "joined",
    "posts",
    "photo",
    "photos",
    "credit",
    "min",
    "read",
];

/// Words naming a group that writes under one byline ("Enrollment Team",
/// "News Desk", "Redaktion"): an author as the site wrote it, not a person.
const GROUP_WORDS: &[&str] = &[
    "team",
    "staff",
    "editors",
    "editorial",
    "contributor",
    "contributors",
    "member",
    "members",
    "desk",
    "newsroom",
    "moderator",
    "redaktion",
    "rédaction",
    "redacción",
    "redazione",
    "redactie",
];

/// `word` (lower case) is a job title or a page word, not a name.
pub(crate) fn is_role_word(word: &str) -> bool {
    ROLE_WORDS.contains(&word)
}

/// `word` (lower case) names a writing group.
pub(crate) fn is_group_word(word: &str) -> bool {
    GROUP_WORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_titles_end_a_name_while_group_words_make_a_group_author() {
        for w in ["reporter", "rédactrice", "periodista", "updated", "ceo"] {
            assert!(is_role_word(w) && !is_group_word(w), "{w}");
        }
        // "News Desk", "EcoCult Staff": the site's own byline, kept whole.
        for w in ["team", "staff", "desk", "redaktion"] {
            assert!(is_group_word(w) && !is_role_word(w), "{w}");
        }
        assert!(!is_role_word("roe") && !is_group_word("jane"));
    }
}
