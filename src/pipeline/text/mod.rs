//! Text utilities every stage shares: the one normal form of page text
//! (`normalize_text`, with mojibake repair), the letters-only match key
//! (`match_key`), sentence boundaries (`sentence_spans`), the word tables
//! (`lexicon`), UAX-29 words (`unicode_words`), date mentions (`dates`), news
//! datelines (`dateline`) and the job titles and group words bylines carry
//! (`roles`).
//!
//! The bottom layer of the core: clean, segment and enrich use it; it never
//! imports from them and knows nothing of pages, blocks or markup.
//! Pure: no I/O, no clock; the tables are read-only and parsed once.

pub(crate) mod dateline;
pub mod dates;
mod keys;
pub(crate) mod letters;
pub mod lexicon;
mod mojibake;
mod normalize;
pub(crate) mod roles;
mod sentence_breaks;
mod sentences;
mod words;

#[cfg(test)]
pub(crate) mod generated;

pub(crate) use keys::{fold_accents, folds_beyond_ascii, has_match_key, key_words, match_key};
pub use normalize::normalize_text;
pub(crate) use normalize::normalized_lines;
pub use sentences::sentence_spans;
pub(crate) use words::attaches_to_space;
pub use words::{unicode_word_indices, unicode_word_indices_into, unicode_words};
