//! Small text tests shared by the parts of the parser: labels at the start of
//! a line, and whether a piece of text is a stray copy of a header value.

/// `text` without `label` at its start, compared without regard to case, when
/// the label ends at a word boundary (so `Stato` does not match `Statoil`).
/// Leading white space and a `:` after the label are dropped from the rest.
pub fn strip_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let text = text.trim_start();
    let mut rest = text.char_indices();
    for expected in label.chars() {
        let (_, got) = rest.next()?;
        if !got.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
    }
    let cut = rest.next().map_or(text.len(), |(i, _)| i);
    let after = &text[cut..];
    if after.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let after = after.trim_start();
    Some(after.strip_prefix(':').unwrap_or(after).trim_start())
}

/// True when `text` is exactly `label` (ignoring case, a final `:` and white space).
pub fn is_label(text: &str, label: &str) -> bool {
    strip_label(text, label).is_some_and(str::is_empty)
}

/// Whether `piece` is a contiguous part of `whole` (white space folded, final
/// punctuation of the piece ignored): how the page header reprints pieces of
/// the operational objective wherever they fall.
pub fn is_fragment_of(piece: &str, whole: &str) -> bool {
    let piece = super::lines::collapse(piece);
    let piece = piece.trim_end_matches(['.', ',', ';', ':']).trim_end();
    !piece.is_empty() && super::lines::collapse(whole).contains(piece)
}

/// Whether every word of `piece` is a substring of `whole`: the test for the
/// two-column header lines whose words are cut and interleaved. Cut ends of
/// three letters or fewer are let through: the extraction garbles some of
/// them (`del Do … eno.` for "del Dono.").
pub fn is_scrambled_fragment_of(piece: &str, whole: &str) -> bool {
    let whole = whole.to_lowercase();
    let words: Vec<String> = piece
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| w.chars().count() > 3)
        .collect();
    !words.is_empty() && words.iter().all(|w| whole.contains(w.as_str()))
}

/// Words of `text` for vocabulary tests: split on white space and `_`.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
}

/// Whether the text ends a sentence, so that a page break after it is a
/// paragraph break rather than a sentence cut in two.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '»', '”', '\'', ' ']);
    t.ends_with(['.', ':', ';', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_whole_words_in_any_case() {
        assert_eq!(strip_label("Stato In Corso", "Stato"), Some("In Corso"));
        assert_eq!(strip_label("STATO in corso", "Stato"), Some("in corso"));
        assert_eq!(strip_label("Statoil", "Stato"), None);
        assert_eq!(
            strip_label("OBIETTIVO DI MISSIONE: 2024", "OBIETTIVO DI MISSIONE"),
            Some("2024")
        );
        assert_eq!(
            strip_label("Centro di Responsabilità", "Centro di RESPONSABILITÀ"),
            Some("")
        );
        assert!(is_label("Collegato a", "Collegato a"));
        assert!(!is_label("Sta", "Stato"));
    }

    #[test]
    fn fragments_of_the_operational_objective() {
        let op = "Garantire la tutela dei minori che vivono situazioni di difficoltà, sostenendo le soluzioni.";
        assert!(is_fragment_of(
            "Garantire la tutela dei minori che vivono situazioni di difficoltà.",
            op
        ));
        assert!(is_fragment_of("sostenendo le  soluzioni.", op));
        assert!(!is_fragment_of(
            "Le attività connesse alla Tutela minori",
            op
        ));
        assert!(is_scrambled_fragment_of("ne e la tutela oni", op));
        assert!(is_scrambled_fragment_of("ne e la tutela eno.", op));
        assert!(!is_scrambled_fragment_of("la tutela del Servizio", op));
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("in connessione \"."));
        assert!(ends_sentence("attraverso:"));
        assert!(!ends_sentence("anche tramite"));
    }
}
