//! Codes as the extract spells them: `05 1201 0201`, `05_1201_0201`,
//! `O5_1201_0501` (a letter O for a zero), `2024 28 DUP 05 1201`; all are
//! normalised to underscores with `model::normalise_code`.

use crate::model::normalise_code;

/// An objective (programma) code at the start of `text`: three groups of 2, 4
/// and 4 digits (mandate, missione + programma, objective; GUIDE §1) joined by
/// spaces or underscores. A letter O among the digits is read as a zero: the
/// planning software's PDF has it once, and the code is otherwise unambiguous.
/// Returns the normalised code and the rest of the text.
pub fn objective_code(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start();
    let mut groups = Vec::new();
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    for (n, len) in [2, 4, 4].into_iter().enumerate() {
        if n > 0 {
            match chars.next() {
                Some((_, ' ' | '_')) => {}
                _ => return None,
            }
            while chars.next_if(|(_, c)| *c == ' ').is_some() {}
        }
        let mut group = String::new();
        let mut digits = 0;
        while let Some((i, c)) =
            chars.next_if(|(_, c)| c.is_ascii_digit() || *c == 'O' || *c == 'o')
        {
            if c.is_ascii_digit() {
                digits += 1;
                group.push(c);
            } else {
                group.push('0');
            }
            end = i + c.len_utf8();
        }
        if group.len() != len || digits == 0 {
            return None;
        }
        groups.push(group);
    }
    let rest = &text[end..];
    if rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        return None;
    }
    Some((groups.join("_"), rest.trim_start()))
}

/// Splits `2024 28 DUP 05 1201 Persone e famiglie al centro` into the
/// normalised code and the title. The code is the run of leading words that
/// hold a digit or an underscore, plus short all-capital words (`DUP`) that
/// sit between such words.
pub fn code_and_title(text: &str) -> (String, String) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let code_like = |w: &str| w.chars().any(|c| c.is_ascii_digit() || c == '_');
    let mut n = 0;
    while n < words.len() {
        let w = words[n];
        let acronym = w.len() <= 4
            && w.chars().all(|c| c.is_ascii_uppercase())
            && n > 0
            && words.get(n + 1).is_some_and(|next| code_like(next));
        if code_like(w) || acronym {
            n += 1;
        } else {
            break;
        }
    }
    (normalise_code(&words[..n].join(" ")), words[n..].join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objective_codes_in_every_spelling() {
        for text in [
            "05 1201 0201",
            "05_1201_0201",
            "05 1201  0201\tX",
            "O5_1201_0201 rest",
        ] {
            let (code, _) = objective_code(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(code, "05_1201_0201", "{text}");
        }
        assert_eq!(
            objective_code("06_1201_0801 VISENTIN_Welfare").unwrap().1,
            "VISENTIN_Welfare"
        );
        for text in [
            "05 1201",
            "2024 28 DUP",
            "05_1201_02011",
            "OO_OOOO_OOOO",
            "Offrire servizi",
        ] {
            assert_eq!(objective_code(text), None, "{text}");
        }
    }

    #[test]
    fn code_and_title_split() {
        assert_eq!(
            code_and_title("2024 28 DUP 05 1201 Persone e famiglie al centro"),
            (
                "2024_28_DUP_05_1201".into(),
                "Persone e famiglie al centro".into()
            )
        );
        assert_eq!(
            code_and_title("2023_2028_DUP_05 PERSONE E FAMIGLIE AL CENTRO"),
            (
                "2023_2028_DUP_05".into(),
                "PERSONE E FAMIGLIE AL CENTRO".into()
            )
        );
        assert_eq!(
            code_and_title("Senza codice"),
            (String::new(), "Senza codice".into())
        );
    }
}
