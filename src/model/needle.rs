//! Text matching for search and the tree filter (the store's search index
//! keeps texts folded with `fold`): case-insensitive and
//! accent-insensitive (`attivita` finds `attività`, `CITTA` finds `città`).

/// A query, folded once, matched against many texts.
pub struct Needle {
    folded: String,
    /// The longest run of the folded query that no accented letter folds
    /// into (digits, punctuation, most consonants): a text without it cannot
    /// match, whatever its accents.
    anchor: String,
    /// Reused for every text.
    buffer: String,
}

impl Needle {
    pub fn new(query: &str) -> Needle {
        let mut folded = String::new();
        fold_into(query, &mut folded);
        let anchor = folded
            .split(|c: char| !c.is_ascii() || FOLD_TARGETS.contains(c))
            .max_by_key(|run| run.len())
            .unwrap_or_default()
            .to_string();
        Needle {
            folded,
            anchor,
            buffer: String::new(),
        }
    }

    /// Folding is slower than copying: most texts are settled on their
    /// ASCII-lowercased copy (one vectorised pass), and only those that may
    /// match through an accent are folded.
    pub fn is_in(&mut self, text: &str) -> bool {
        self.buffer.clear();
        self.buffer.push_str(text);
        self.buffer.make_ascii_lowercase();
        if self.buffer.contains(self.folded.as_str()) {
            return true;
        }
        if text.is_ascii() || !self.buffer.contains(self.anchor.as_str()) {
            return false;
        }
        self.buffer.clear();
        fold_into(text, &mut self.buffer);
        self.buffer.contains(self.folded.as_str())
    }
}

/// `text` as `Needle` compares it, for a text folded once and searched many times.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

impl Needle {
    /// Whether the query is in a text already folded with `fold`.
    pub fn is_in_folded(&self, folded: &str) -> bool {
        folded.contains(self.folded.as_str())
    }
}

/// Where `query` occurs in `text`, matched as `Needle` matches (case and
/// accents aside), as byte ranges of `text`: what a screen highlights.
pub fn occurrences(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    let wanted = fold(query);
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(text.len());
    // For each byte of `folded`, the character of `text` it came from.
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            // Most of an Italian text: one byte in, one byte out. Every
            // frame marks the search's word in every text it draws.
            folded.push(c.to_ascii_lowercase());
            origin.push((at, at + 1));
        } else {
            fold_into(&text[at..at + c.len_utf8()], &mut folded);
            origin.resize(folded.len(), (at, at + c.len_utf8()));
        }
    }
    folded
        .match_indices(wanted.as_str())
        .map(|(at, m)| origin[at].0..origin[at + m.len() - 1].1)
        .collect()
}

/// The ASCII letters another character may fold into: `base_letter`'s, and
/// the Kelvin sign's `k`.
const FOLD_TARGETS: &str = "acdeiknosuyz";

/// `text` lowercased, with the accents of Latin letters taken off and
/// combining marks dropped. Runs of ASCII (most of an Italian text) are
/// copied whole and lowercased in one vectorised pass: 40 MB of narratives
/// per search at 10 000 objectives.
fn fold_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        fold_char(c, out);
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out[start..].make_ascii_lowercase();
}

fn fold_char(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        match base_letter(l) {
            Some(b) => out.push(b),
            None if ('\u{300}'..='\u{36f}').contains(&l) => {}
            None => out.push(l),
        }
    }
}

/// The plain letter under an accented lowercase Latin one.
fn base_letter(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_are_found_in_the_text_as_written() {
        let text = "Attività e ATTIVITA, città";
        let found: Vec<&str> = occurrences(text, "attivita")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["Attività", "ATTIVITA"]);
        assert_eq!(occurrences(text, "CITTÀ").len(), 1);
        assert!(occurrences(text, "").is_empty());
    }

    fn finds(query: &str, text: &str) -> bool {
        Needle::new(query).is_in(text)
    }

    #[test]
    fn the_quick_paths_answer_as_folding_everything_would() {
        let texts = [
            "Attività SVOLTE nel 2025: città più VIVIBILE…",
            "İstanbul – ΣΊΣΥΦΟΣ e «Città» 05_1201_0601",
            "perché sì, così è",
            "plain ascii text 05_1201",
            "",
        ];
        let queries = [
            "",
            "a",
            "attivita",
            "CITTÀ",
            "ità",
            "i",
            "05_1201",
            "σίσυφος",
            "«c",
            "zz",
            "cosi e",
            "sì,",
        ];
        for text in texts {
            let mut folded = String::new();
            fold_into(text, &mut folded);
            for query in queries {
                let mut q = String::new();
                fold_into(query, &mut q);
                assert_eq!(
                    finds(query, text),
                    folded.contains(&q),
                    "{query:?} in {text:?}"
                );
                assert_eq!(
                    Needle::new(query).is_in_folded(&fold(text)),
                    folded.contains(&q),
                    "{query:?} in folded {text:?}"
                );
            }
        }
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        let text = "Attività SVOLTE nel 2025: città più VIVIBILE, perché sì";
        for query in [
            "attivita",
            "ATTIVITÀ",
            "attività",
            "citta piu",
            "perche si",
            "svolte",
        ] {
            assert!(finds(query, text), "{query}");
        }
        assert!(finds("istanbul", "İstanbul"));
        assert!(!finds("attivitá x", text));
        assert!(!finds("zz", text));
        assert!(finds("", text), "an empty query is in every text");
        assert!(finds("«c", "e «Città»"));
    }
}
