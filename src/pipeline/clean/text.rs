//! The text path: pages a scraper has already flattened to lines.
//!
//! With no DOM left, each line is judged on its own words (the vocabulary) and
//! on the page around it (repetition). A line printed twice in a row is an
//! image's alt text and caption: kept once, as a caption. A line seen earlier
//! on the page (a repeated title) is dropped. "Read also"/"latest" headers are
//! dropped and leave a `RelatedBreak` so segment knows the article ended.

use std::collections::HashSet;

use super::vocab::{vocabulary, Category};
use super::{Block, BlockKind};
use crate::pipeline::text::{match_key, normalize_text};

pub const EXTRACTOR: &str = concat!("pressline-text-rules/", env!("CARGO_PKG_VERSION"));

pub fn extract(text: &str) -> Vec<Block> {
    let vocab = vocabulary();
    let mut blocks: Vec<Block> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut previous_key = String::new();
    for raw_line in text.lines() {
        let line = normalize_text(raw_line);
        if line.is_empty() {
            continue;
        }
        let key = match_key(&line);
        if !key.is_empty() && key == previous_key {
            // Twice in a row: alt text + caption of one image.
            if let Some(last) = blocks.last_mut() {
                if last.kind == BlockKind::Paragraph {
                    last.kind = BlockKind::Caption;
                }
            }
            continue;
        }
        previous_key.clone_from(&key);
        match vocab.classify(&line) {
            Some(Category::Related) => {
                if blocks.last().is_some_and(|b| b.kind != BlockKind::RelatedBreak) {
                    blocks.push(Block::new(BlockKind::RelatedBreak, line));
                }
                continue;
            }
            Some(_) => continue,
            None => {}
        }
        if !seen.insert(key) {
            continue;
        }
        blocks.push(Block::new(BlockKind::Paragraph, line));
    }
    if blocks.last().is_some_and(|b| b.kind == BlockKind::RelatedBreak) {
        blocks.pop();
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<(BlockKind, &str)> {
        blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn repeated_lines_become_one_caption_and_repeated_titles_vanish() {
        let page = "A headline about the harbour\n\nA crane at dawn\nA crane at dawn\n\nA headline about the harbour\n\nThe harbour reopened on Monday.\n";
        assert_eq!(
            texts(&extract(page)),
            vec![
                (BlockKind::Paragraph, "A headline about the harbour"),
                (BlockKind::Caption, "A crane at dawn"),
                (BlockKind::Paragraph, "The harbour reopened on Monday."),
            ]
        );
    }

    #[test]
    fn related_headers_leave_one_break_and_widgets_disappear() {
        let page = "Zum Inhalt springen\nDer Titel\nErster Absatz des Artikels.\nTeilen\n12 Kommentare\nLesen Sie auch:\nMeistgelesen\nEin anderer Artikel\nAnzeige\n";
        assert_eq!(
            texts(&extract(page)),
            vec![
                (BlockKind::Paragraph, "Der Titel"),
                (BlockKind::Paragraph, "Erster Absatz des Artikels."),
                (BlockKind::RelatedBreak, "Lesen Sie auch:"),
                (BlockKind::Paragraph, "Ein anderer Artikel"),
            ]
        );
    }
}
