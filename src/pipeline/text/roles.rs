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
    // what qualifies a title ("Print Managing Editor", "Deputy Editor")
    "managing",
    "executive",
    "associate",
    "assistant",
    "deputy",
    "adjoint",
    "adjointe",
    "stellvertretender",
    "stellvertretende",
    "adjunto",
    "adjunta",
    "redakteur",
    "redakteurin",
    "journaliste",
    "rédacteur",
    "rédactrice",
    "redactor",
    "redactora",
    "periodista",
    "corresponsal",
    // occupations an author box prints after the name ("Gardener & Astrologer",
    // "Product marketer", "Full-Stack Developer"); none is a common surname
    "marketer",
    "consultant",
    "developer",
    "designer",
    "engineer",
    "strategist",
    "gardener",
    "astrologer",
    "nutritionist",
    "dietitian",
    "therapist",
    "photographer",
    "blogger",
    "advisor",
    "adviser",
    "instructor",
    "researcher",
    "certified",
    "licensed",
    "freelance",
    "full-stack",
    "entwickler",
    "entwicklerin",
    "berater",
    "beraterin",
    "fotograf",
    "fotografin",
    "consultante",
    "développeur",
    "développeuse",
    "photographe",
    "consultor",
    "consultora",
    "desarrollador",
    "desarrolladora",
    "fotógrafo",
    "fotógrafa",
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
    "teams",
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

/// Degrees and certifications written after a name ("Jillian Kubala, MS,
/// RD", "Shelby Loos, DVM", "Paul Deer, CFP®"), upper case without dots.
const POST_NOMINALS: &[&str] = &[
    "MD", "DO", "PHD", "DPHIL", "PSYD", "EDD", "JD", "LLM", "ESQ", "MBA", "MPH", "MS", "MSC", "MA", "MFA", "MSW",
    "MSN", "MED", "BA", "BS", "BSC", "BSN", "RN", "NP", "APRN", "FNP", "PAC", "RD", "RDN", "LD", "LDN", "CDN", "CDCES",
    "CDE", "FAND", "DVM", "VMD", "BVSC", "MRCVS", "DACVB", "DACVIM", "LVT", "VTS", "RVT", "CVT", "DDS", "DMD", "OD",
    "DPT", "PT", "OTR", "PHARMD", "RPH", "CPT", "CSCS", "CNM", "IBCLC", "LPC", "LMFT", "LCSW", "LICSW", "LMHC",
    "FACLM", "FACP", "FACS", "FAAP", "FRCP", "FOMA", "DABOM", "MBBS", "MRCGP", "CFP", "CFA", "CPA", "CMA", "CHFC",
    "CLU", "RICP", "RYT", "ERYT", "PMP", "SHRM-CP", "SHRM-SCP", "JR", "SR",
];

/// A part of a byline that is only post-nominals ("MS", "M.D. FACLM",
/// "E-RYT 200", "CFP®"): it belongs to the name before it.
pub(crate) fn is_post_nominal(part: &str) -> bool {
    let mut tokens = part.split_whitespace().peekable();
    tokens.peek().is_some()
        && tokens.enumerate().all(|(k, t)| {
            let bare: String =
                t.chars().filter(|c| c.is_alphanumeric() || *c == '-').flat_map(char::to_uppercase).collect();
            // "E-RYT 200": the hours after a yoga certification.
            let known = t.starts_with(char::is_uppercase)
                && (POST_NOMINALS.contains(&bare.as_str()) || POST_NOMINALS.contains(&bare.replace('-', "").as_str()));
            k > 0 && bare.chars().all(|c| c.is_ascii_digit()) && !bare.is_empty() || known
        })
}

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
    fn post_nominals_are_degrees_and_certifications() {
        for p in ["MD", "M.D.", "Ph.D.", "PhD", "MS", "RD", "DVM", "CFP®", "M.D. FACLM", "E-RYT 200", "Jr."] {
            assert!(is_post_nominal(p), "{p}");
        }
        for p in ["CNN", "Ann Lee", "200", "Reuters", "", "AP"] {
            assert!(!is_post_nominal(p), "{p}");
        }
    }

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
