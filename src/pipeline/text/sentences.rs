//! Sentence boundaries: Unicode's (UAX-29), re-joined where the break only
//! follows an abbreviation, an initial or a day number.
//!
//! Quotes, entities, keywords and reading statistics all count in these
//! sentences, so there is one cutter. It must never split inside a number
//! ("1.200") or after a known abbreviation ("Dr.", "z. B.").

use super::lexicon::Lexicon;
use super::sentence_breaks::sentence_pieces;

/// Sentences of `text` as byte ranges, trimmed: UAX-29 sentence boundaries,
/// re-joined where the break follows an abbreviation ("M.", "Dr.", "z. B.",
/// "Sr."), an initial ("J. Smith") or a day number ("3. Juni"). Numbers like
/// "1.200" never break under UAX-29.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let lexicon = Lexicon::get();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut join_next = false;
    for (start, end) in sentence_pieces(text) {
        let piece = &text[start..end];
        match spans.last_mut() {
            Some(last) if join_next => last.1 = end,
            _ => spans.push((start, end)),
        }
        join_next = !piece.ends_with('\n') && ends_with_abbreviation(piece, lexicon);
    }
    spans
        .into_iter()
        .filter_map(|(s, e)| {
            let piece = &text[s..e];
            let start = s + (piece.len() - piece.trim_start().len());
            let end = e - (piece.len() - piece.trim_end().len());
            (start < end).then_some((start, end))
        })
        .collect()
}

fn ends_with_abbreviation(piece: &str, lexicon: &Lexicon) -> bool {
    let Some(body) = piece.trim_end().strip_suffix('.') else {
        return false;
    };
    let last =
        body.rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '«' | '“' | '„')).next().unwrap_or("");
    if last.is_empty() {
        return false;
    }
    let mut chars = last.chars();
    let single_upper = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    let day_number = last.len() <= 2 && last.chars().all(|c| c.is_ascii_digit());
    lexicon.abbrevs.contains(last) || single_upper || day_number
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_respect_abbreviations_and_numbers() {
        let cut =
            |t: &'static str| -> Vec<&'static str> { sentence_spans(t).into_iter().map(|(s, e)| &t[s..e]).collect() };
        assert_eq!(
            cut("M. Poutine est arrivé. Il a parlé de 1.200 soldats."),
            vec!["M. Poutine est arrivé.", "Il a parlé de 1.200 soldats."]
        );
        assert_eq!(
            cut("Das gilt z. B. für Dr. Weber. Am 3. Juni kam sie."),
            vec!["Das gilt z. B. für Dr. Weber.", "Am 3. Juni kam sie."]
        );
        assert_eq!(cut("Lo dijo el Sr. García. Luego se fue."), vec!["Lo dijo el Sr. García.", "Luego se fue."]);
    }
}
