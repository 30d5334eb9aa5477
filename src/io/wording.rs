//! Libraries' errors in the user's words. serde_json, calamine (and the zip
//! reader inside it) and csv speak English and of their own insides ("EOF
//! while parsing a value", "Zip error: invalid Zip archive"); a user reading
//! Italian is told what is wrong with the file instead. English keeps the
//! library's text, which already reads as English.

use crate::i18n::{Lang, lang, tr, tr_string};
use crate::tr_format;

/// serde_json's message (without its position) in the user's language.
pub fn json_message(msg: &str) -> String {
    if lang() == Lang::En {
        return msg.to_string();
    }
    // Syntax: the whole message is one of serde_json's fixed texts.
    let fixed = [
        (
            "EOF while parsing",
            "il file finisce a metà: manca la fine del JSON (file troncato?)",
        ),
        ("expected `:`", "atteso «:» dopo il nome del campo"),
        ("expected `,` or `]`", "attesa «,» o «]» nell'elenco"),
        ("expected `,` or `}`", "attesa «,» o «}» nell'oggetto"),
        (
            "expected ident",
            "parola non valida (si attendeva true, false o null)",
        ),
        ("expected value", "atteso un valore JSON"),
        ("expected `\"`", "attese le virgolette «\"»"),
        ("invalid escape", "sequenza «\\» non valida in un testo"),
        ("invalid number", "numero non valido"),
        (
            "number out of range",
            "numero fuori dall'intervallo ammesso",
        ),
        ("invalid unicode code point", "carattere Unicode non valido"),
        (
            "control character",
            "carattere di controllo non ammesso in un testo",
        ),
        (
            "key must be a string",
            "il nome di un campo va tra virgolette",
        ),
        ("lone leading surrogate", "carattere Unicode non valido"),
        ("trailing comma", "virgola di troppo prima di «]» o «}»"),
        ("trailing characters", "altro testo dopo la fine del JSON"),
        ("unexpected end of hex escape", "sequenza «\\u» incompleta"),
        ("recursion limit exceeded", "troppi livelli annidati"),
    ];
    if let Some((_, it)) = fixed.iter().find(|(en, _)| msg.starts_with(en)) {
        return (*it).to_string();
    }
    // Data: serde's sentence with a value quoted in it; its words translated.
    let words = [
        ("invalid type: ", "tipo non valido: "),
        ("invalid value: ", "valore non valido: "),
        ("invalid length ", "lunghezza non valida "),
        ("unknown variant ", "valore sconosciuto "),
        ("unknown field ", "campo sconosciuto "),
        ("missing field ", "manca il campo "),
        ("duplicate field ", "campo ripetuto "),
        (", expected one of ", ", ammessi: "),
        (", expected ", ", atteso "),
        ("string ", "testo "),
        ("a string", "un testo"),
        ("floating point ", "numero "),
        ("integer ", "intero "),
        ("a sequence", "un elenco"),
        ("a map", "un oggetto"),
        ("a boolean", "un vero/falso"),
        ("boolean ", "vero/falso "),
        ("null", "null (vuoto)"),
        ("there are no variants", "nessun valore ammesso"),
    ];
    let mut said = msg.to_string();
    for (en, it) in words {
        said = said.replace(en, it);
    }
    said
}

/// Why calamine could not read a workbook, in the user's words.
/// What a broken zip (or a part of it that does not unpack) is to a user.
pub fn not_a_whole_zip() -> &'static str {
    tr(
        "non è un archivio zip integro, come è ogni file xlsx: forse è troncato, o è un file di un altro formato",
        "not a whole zip archive, as every xlsx file is: it may be truncated, or a file of another format",
    )
}

pub fn workbook(e: &calamine::XlsxError) -> String {
    use calamine::XlsxError as E;
    match e {
        E::Io(io) => crate::i18n::os_error(io),
        E::Zip(_) => not_a_whole_zip().into(),
        E::Xml(_) | E::XmlAttr(_) | E::XmlEof(_) | E::UnexpectedNode(_) => tr_string(
            "il suo contenuto XML è danneggiato",
            "its XML content is damaged",
        ),
        E::FileNotFound(part) => tr_format!(
            "manca una sua parte interna: «{part}»",
            "an inner part is missing: «{part}»"
        ),
        other if lang() == Lang::En => format!("invalid content ({other})"),
        _ => "contenuto non valido".into(),
    }
}

/// Why the csv reader stopped, in the user's words.
pub fn csv(e: &::csv::Error) -> String {
    match e.kind() {
        ::csv::ErrorKind::Io(io) => crate::i18n::os_error(io),
        ::csv::ErrorKind::Utf8 { pos, .. } => tr_format!(
            "riga {}: non è testo UTF-8",
            "line {}: is not UTF-8 text",
            pos.as_ref().map_or(0, |p| p.line())
        ),
        _ if lang() == Lang::En => e.to_string(),
        _ => tr_string("CSV non leggibile", "unreadable CSV"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::set_lang;

    fn json_error(text: &str) -> String {
        let e = serde_json::from_str::<Vec<u32>>(text)
            .unwrap_err()
            .to_string();
        json_message(e.split(" at line ").next().unwrap())
    }

    #[test]
    fn serde_json_s_words_are_said_in_italian_and_kept_in_english() {
        set_lang(Lang::It);
        assert_eq!(
            json_error("[1, 2"),
            "il file finisce a metà: manca la fine del JSON (file troncato?)"
        );
        assert_eq!(json_error("[1 2]"), "attesa «,» o «]» nell'elenco");
        assert_eq!(json_error("[1] x"), "altro testo dopo la fine del JSON");
        assert_eq!(
            json_error("[\"a\"]"),
            "tipo non valido: testo \"a\", atteso u32"
        );
        set_lang(Lang::En);
        assert_eq!(json_error("[1, 2"), "EOF while parsing a list");
        set_lang(Lang::It);
    }

    #[test]
    fn a_broken_workbook_is_said_without_the_zip_reader_s_words() {
        use calamine::Reader;
        set_lang(Lang::It);
        let e = calamine::Xlsx::new(std::io::Cursor::new(b"not a zip".to_vec()))
            .map(|x: calamine::Xlsx<_>| x.sheet_names())
            .unwrap_err();
        let said = workbook(&e);
        assert!(said.starts_with("non è un archivio zip integro"), "{said}");
        assert!(!said.contains("Zip error"), "{said}");
    }
}
