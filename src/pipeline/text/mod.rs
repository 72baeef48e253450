//! Text utilities every stage shares: the word tables (`lexicon`) and date
//! mentions (`dates`).
//!
//! The bottom layer of the core: clean, segment and enrich use it; it never
//! imports from them and knows nothing of pages, blocks or markup.
//! Pure: no I/O, no clock; the tables are read-only and parsed once.

pub mod dates;
pub mod lexicon;
